//! The labels of the grid's kinds of unit, roles and duties: English and Chinese names, and the
//! words clerks write for them (`labels!`, src/label.rs).

use super::{Duty, Role, UnitKind};
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
