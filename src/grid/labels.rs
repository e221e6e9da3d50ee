//! The labels of the grid's kinds of unit, roles, duties, actions and contact fields: English and Chinese names, and the
//! words clerks write for them (`labels!`, src/label.rs).

use super::command::ContactField;
use super::{Action, Duty, Role, UnitKind};
use crate::label::labels;

labels!(UnitKind: "kind of unit", no_display {
    Township => "township", "乡", ["镇", "街道", "乡镇", "town", "street office"];
    Village => "village", "村", ["行政村", "村委会"];
    Community => "community", "社区", ["居委会"];
    Zone => "zone", "片", ["片区"];
    Group => "group", "组", ["村民小组", "小组", "居民小组", "villagers group"];
});

labels!(Role: "role", no_display {
    Leader => "leader", "组长", ["领导", "领导小组", "领导小组成员", "leading group member"];
    Cadre => "cadre", "干部", ["村干部", "乡干部"];
    GridWorker => "grid worker", "网格员", ["gridworker"];
    HealthWorker => "health worker", "卫生院医生", ["医生", "医务人员", "村医", "乡村医生", "doctor"];
    Inspector => "inspector", "纪委", ["纪委干部", "督查员", "discipline inspector"];
    Volunteer => "volunteer", "志愿者", ["义工"];
});

labels!(Duty: "duty", with_display {
    ChargeOfVillage => "in charge of the village", "联点包村", ["charge of village", "包村"];
    DepartmentLink => "department linked to the village", "部门联村", ["department link", "联村"];
    ZoneAndGroups => "zone and groups", "分片包组", ["包组", "分片"];
    Grid => "grid", "网格", ["grid work"];
    MedicalService => "medical service", "卫生院上门服务", ["上门服务", "医疗服务"];
    Supervision => "supervision", "督查", ["督导"];
});

labels!(ContactField: "contact field", with_display {
    Phone => "phone", "电话", ["phone number", "手机", "手机号码"];
    IdentityNumber => "identity number", "身份证号码", ["id number", "身份证"];
});

labels!(Action: "action", with_display {
    EstablishUnit => "establish a unit of the grid", "设立网格单位";
    EnrollStaff => "enroll staff", "登记工作人员";
    AssignStaff => "assign staff to units", "给工作人员分配单位";
    RegisterHousehold => "register a household", "登记户";
    RegisterResident => "register or correct a resident", "登记或更正居民";
    MoveHousehold => "move a household or resident", "迁移户或居民";
    DeregisterResident => "deregister a resident", "注销居民";
    ManageRiskAreas => "designate or lift risk areas", "划定或解除风险地区";
    ManageScreening => "adopt screening rules or open and close screening rounds", "采用排查规则或开始、结束排查轮次";
    RecordScreening => "record screening visits and interviews", "录入排查走访和询问";
    ManageProtocols => "adopt observation protocols", "采用观察方案";
    RecordFollowUp => "record temperature readings, symptoms or supplies", "录入体温、症状或物资";
    RecordMedicalDecision => "record a medical decision", "录入医疗决定";
    ManageReports => "set up daily reporting", "设置日报";
    SubmitReport => "submit a daily report", "提交日报";
    ManageGatheringOrders => "issue gathering orders or venue closures", "发布聚集禁令或场所关停令";
    ReportGathering => "record a planned gathering", "录入计划聚集";
    RecordPersuasion => "record a persuasion visit", "录入劝导走访";
    RegisterVenue => "register a venue", "登记场所";
    RecordVenueViolation => "record a venue violation", "录入场所违规";
    RecordInspection => "record an inspection", "录入督查";
    RecordFinding => "record a finding of the supervision group", "录入督查组发现的问题";
    RecordRectification => "record the rectification of a finding", "录入问题的整改";
    DecideAccountability => "decide on accountability", "作出问责决定";
    ExportPersonalData => "take personal data out unmasked", "导出未遮蔽的个人信息";
    RevealContact => "see a resident's full phone or identity number", "查看居民完整的电话或身份证号码";
    ManagePublicity => "define kinds of publicity or launch and end campaigns", "定义宣传方式或开始、结束宣传活动";
    RecordPublicity => "record publicity", "录入宣传";
    ManageLeaveCancellations => "cancel leave or grant exceptions", "取消休假或批准例外";
    RequestLeave => "record leave", "录入请假";
    ManagePosts => "establish posts or schedule shifts", "设立岗位或排班";
    AssignShifts => "assign people to shifts", "安排人员值班";
    EnrollVolunteer => "enroll volunteers", "登记志愿者";
    CheckInOut => "check in or out of a shift", "值班签到签退";
    ManageDisinfection => "register disinfection sites, designate staff or set schedules", "登记消杀点位、指定责任人或设定消杀计划";
    RecordDisinfection => "record a cleaning or disinfection round", "录入清扫消毒记录";
    ManageSupplies => "define items of supplies or establish stores", "定义物资品类或建立仓库";
    RecordStock => "receive, transfer or count supplies", "物资入库、调拨或盘点";
    IssueSupplies => "issue supplies", "发放物资";
    RecordDisposal => "record the disposal of used protective items", "录入废弃防护用品的回收处理";
    RevealDonor => "see a donor's full name", "查看捐赠人完整姓名";
});
