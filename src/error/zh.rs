//! Error messages in Chinese (错误信息中文版), for clerks who read Chinese.
//!
//! One arm per variant, with no catch-all: a new variant does not compile until it has its
//! Chinese message. Personal data is masked exactly as in the English message. Text the error
//! carries from elsewhere (names as written, a sub-parser's reason, a kind of label) is quoted
//! as it is.

use super::{Error, Tampering, mask_personal_data, tenths_text};
use crate::calendar::{Day, Instant};

impl Tampering {
    /// What is wrong with the ledger, in Chinese.
    pub fn display_zh(&self) -> String {
        match self {
            Tampering::Altered => "内容与哈希不符：写入后被改动过".to_owned(),
            Tampering::Removed { first, last } if first == last => {
                format!("它之前的第{first}条缺失：已被删除")
            }
            Tampering::Removed { first, last } => {
                format!("它之前的第{first}至{last}条缺失：已被删除")
            }
            Tampering::Inserted => "序号已被前面的条目使用：是插入或复制的".to_owned(),
            Tampering::Reordered { found } => {
                format!("它带有序号{found}，应在后面：条目顺序被调换")
            }
            Tampering::BrokenChain => "它不是链的开头：之前的条目已被删除".to_owned(),
            Tampering::Rehashed => "它被改动并重新计算了哈希：后一条仍记着它原来的哈希".to_owned(),
            Tampering::HeadMismatch { expected } => format!(
                "锚定的链头记载第{}条的哈希为{}：账本被截断或改写",
                expected.seq, expected.hash
            ),
        }
    }
}

impl Error {
    /// The message in Chinese, for clerks who read Chinese; `Display` gives it in English.
    /// Identity and phone numbers are masked exactly as in the English message.
    ///
    /// ```
    /// use fangkong::Day;
    /// let err = "2020/1/24".parse::<Day>().unwrap_err();
    /// assert_eq!(err.to_string_zh(), "“2020/1/24”不是按YYYY-MM-DD书写的日期，例如2020-01-24");
    /// let err = "day 11010519491231002X".parse::<Day>().unwrap_err();
    /// assert_eq!(err.to_string_zh(), "“day 1101**********002X”不是按YYYY-MM-DD书写的日期，例如2020-01-24");
    /// ```
    pub fn to_string_zh(&self) -> String {
        use Error::*;
        match self {
            // --- calendar ---
            InvalidDay { input } => {
                format!("“{input}”不是按YYYY-MM-DD书写的日期，例如2020-01-24")
            }
            DayOutOfRange { day, days } => format!("从{day}起{days}天超出了支持的日历范围"),
            InvalidTimeOfDay { input } => format!("“{input}”不是按HH:MM书写的时刻，例如06:30"),
            InvalidInstant { input } => {
                format!("“{input}”不是带UTC时差的日期时间，例如2020-01-24T08:30:00+08:00")
            }
            InvalidUtcOffset { seconds } => format!(
                "{}秒的UTC时差不是时区：必须是整分钟数，且小于一天",
                mask_personal_data(&seconds.to_string())
            ),
            // --- identifiers ---
            InvalidId {
                input,
                what,
                example,
            } => format!("“{input}”不是{what}编号，应写成{example}这样"),
            // --- ledger ---
            InvalidHash { input } => format!("“{input}”不是64位十六进制的SHA-256哈希"),
            LedgerUnreadable { line, reason } => {
                format!("账本第{line}行无法读取：{}", mask_personal_data(reason))
            }
            RecordUnreadable { reason } => {
                format!("一条账本记录无法读取：{}", mask_personal_data(reason))
            }
            LedgerTampered {
                position,
                seq,
                problem,
            } => format!(
                "账本在第{position}条{}处被篡改：{}",
                seq.map(|s| format!("（序号{s}）")).unwrap_or_default(),
                problem.display_zh()
            ),
            UnsupportedLedgerVersion {
                line,
                found,
                supported,
            } => format!(
                "账本第{line}行的格式版本为{found}；本版本只能读取版本{supported}（见LEDGER.md）"
            ),
            RecordRedacted { seq, what } => {
                format!("账本第{seq}条已删除记录内容（保留摘要），因此不能{what}")
            }
            EntryNotHeld { seq, first, last } => {
                format!("本账本没有第{seq}条（只有第{first}至{last}条）")
            }
            ReplayRefused { seq, reason } => format!("账本第{seq}条无法重放：{reason}"),
            ProofMismatch { seq, head } => {
                format!("第{seq}条的证明不能推出链头{head}：记录或摘要被改动过")
            }
            LedgerNotFounded => "账本不是从建立乡镇开始的，无法重放".to_owned(),
            PendingEntryCovered { seq, last_kept } => format!(
                "第{seq}条被列为尚不能证明，但您保存的链头已到第{last_kept}条：它本应得到证明，该导出不可信"
            ),
            ProofToUnkeptHead { seq, head } => format!(
                "第{seq}条的证明推出的链头{head}不在您从日报中保存的链头之中：该条未得到证明"
            ),
            // --- authorization ---
            DutyDoesNotFitRole { staff, duty, fits } => {
                format!("不能给{staff}分配“{duty}”职责：该职责只能给{fits}")
            }
            InstantBeforeLedger { at, last } => format!(
                "该命令的时间为{at}，早于账本最后一条的时间{last}：请按录入时间记录（事实本身的时间，\
                 如测温时间，写在命令里）"
            ),
            UnknownStaff { staff } => {
                format!("{staff}不是登记在册的工作人员：只有登记在册的工作人员才能录入")
            }
            RoleNotPermitted {
                actor,
                action,
                allowed,
            } => format!("{actor}无权{action}：只有{allowed}可以"),
            OutsideAssignedUnits {
                actor,
                action,
                unit,
                assigned,
            } => format!(
                "{actor}无权在{unit}{action}：需分配到{unit}或其上级单位，其分配的单位为：{assigned}"
            ),
            // --- grid and households ---
            UnknownUnit { unit } => format!("本登记簿中没有单位{unit}"),
            UnknownHousehold { household } => format!("本登记簿中没有户{household}"),
            UnknownResident { resident } => format!("本登记簿中没有居民{resident}"),
            ResidentDeregistered { resident } => {
                format!("居民{resident}已注销；如已返回，请重新登记")
            }
            WrongParent {
                kind,
                parent,
                parent_kind,
            } => format!("{kind}不能设在{parent}之下，{parent}是{parent_kind}"),
            WrongUnitKind {
                unit,
                found,
                expected,
            } => format!("{unit}是{found}；这里需要{expected}"),
            GroupNumberMissing { village } => format!("{village}的新组需要组号"),
            DuplicateGroupNumber {
                village,
                number,
                existing,
            } => format!("{village}已有{number}组：{existing}"),
            NumberOnlyForGroups { kind } => format!("只有组在村内编号；{kind}不编号"),
            DuplicateUnitCode { code, existing } => {
                format!("统计用区划代码{code}已属于{existing}")
            }
            GroupNotInZoneVillage { group, zone } => {
                format!("{group}不能并入{zone}：片只包含本村的组")
            }
            GroupAlreadyZoned { group, zone } => {
                format!("{group}已属于{zone}；一个组只能属于一个片")
            }
            AlreadyAssigned { staff, unit } => format!("{staff}已分配到{unit}"),
            NotAssigned { staff, unit } => format!("{staff}没有分配到{unit}，无法结束分配"),
            EmptyText { what } => format!("{what}为空"),
            TextTooLong { what, chars, max } => {
                format!("{what}有{chars}个字符，超过上限{max}个：请缩短到{max}个字符以内")
            }
            ControlCharacterInText {
                what,
                code,
                position,
            } => format!(
                "{what}第{position}个字符是不可见的控制字符（U+{code:04X}）：请去掉该字符后重新输入（只有备注和理由可以含制表符和换行）"
            ),
            BirthInFuture { birth_date, today } => {
                format!("出生日期{birth_date}晚于今天（{today}）")
            }
            IdentityDisagrees { identity, field } => {
                format!("身份证号{identity}与所填{field}不一致：请对照身份证核对两者")
            }
            DuplicateIdentity {
                identity,
                resident,
                household,
            } => format!(
                "身份证号{identity}已登记为{}居民{resident}",
                household.map(|h| format!("户{h}的")).unwrap_or_default()
            ),
            SecondHead { household, head } => format!("户{household}已有户主{head}"),
            NothingToCorrect { resident } => format!("对居民{resident}的更正没有改变任何内容"),
            AlreadyThere { what, place } => format!("{what}已在{place}"),
            // --- identity ---
            IdentityNumberLength { masked, len } => {
                format!("身份证号{masked}有{len}位；居民身份证号为18位（第一代身份证为15位）")
            }
            IdentityNumberPrefixLength { masked, len } => {
                format!("{masked}有{len}位；校验码只能由身份证号的前17位数字算出")
            }
            IdentityNumberCharacter {
                masked,
                position,
                found,
            } => format!(
                "身份证号{masked}第{position}位是{found:?}；该位只能是数字，X只能作为第18位"
            ),
            IdentityNumberBirthDate { masked } => {
                format!("身份证号{masked}第7至14位不是真实的出生日期")
            }
            IdentityNumberCheckDigit {
                masked,
                expected,
                found,
            } => format!(
                "身份证号{masked}的校验码是{found}，但前17位算出的是{expected}：可能抄错了某一位"
            ),
            InvalidPhone { masked, reason } => {
                format!("电话号码{masked}无效：{}", phone_reason_zh(reason))
            }
            // --- place and screening ---
            InvalidDivisionCode { input, reason } => {
                format!("“{input}”不是行政区划代码：{reason}")
            }
            InvalidStatisticalCode { input, reason } => {
                format!("“{input}”不是统计用区划代码：{reason}")
            }
            InvalidRiskLevel { name, reason } => {
                format!(
                    "“{}”不能作为风险等级名称：{reason}",
                    mask_personal_data(name)
                )
            }
            EmptyDesignationBasis { area } => format!(
                "将{}划为风险地区需要依据：请写明所依据的通知或数据",
                area.label()
            ),
            RiskRegisterFull => "风险区名单的编号已用完；请新建名单".to_owned(),
            UnknownDesignation { id } => format!("风险区名单中没有第{id}号划定"),
            DesignationAlreadyLifted { id, lifted } => {
                format!("第{id}号划定已于{lifted}解除；如需再次划为风险地区，请重新划定")
            }
            LiftBeforeDesignation { id, from, day } => format!(
                "第{id}号划定{from}起生效，不能在{day}解除；请在{from}或以后解除（在{from}解除即视为从未适用）"
            ),
            ProposalAreaMismatch {
                id,
                proposal_area,
                designation_area,
            } => format!(
                "关于{}的建议不能改变第{id}号划定，该划定针对的是{}",
                proposal_area.label(),
                designation_area.label()
            ),
            StayEndsBeforeItStarts { place, first, last } => format!(
                "在{}的居留不能在{last}结束，早于开始日期{first}",
                place.label()
            ),
            WuhanAnswerWithoutWuhanTravel => {
                "居民说途经武汉，但没有记录在武汉（420100）的居留或途经：\
                 请询问在武汉的日期并记录"
                    .to_owned()
            }
            // --- screening rounds and interviews ---
            UnknownRound { round } => format!("本登记簿中没有排查轮次{round}"),
            RoundNotOpen { round, opens, day } => {
                format!("排查轮次{round}于{opens}开始；{day}不能在其中录入")
            }
            RoundClosed { round, closes, day } => {
                format!("排查轮次{round}已于{closes}结束；{day}不能在其中录入")
            }
            OutsideRound {
                household,
                group,
                round,
            } => format!("户{household}在{group}，不在排查轮次{round}的范围内"),
            NoScreeningRule => {
                "尚未采用排查规则，无法判定本次询问：须先由领导采用一项规则".to_owned()
            }
            NothingToConfirm { area } => format!("关于{area}的建议维持现有等级，无需记录"),
            // --- observation ---
            InvalidTemperature { input } => {
                format!("“{input}”不是摄氏温度（最多一位小数），例如37.3")
            }
            ImplausibleTemperature { tenths } => format!(
                "{} ℃的体温对活人来说不合理（应在34.0–43.0 ℃之间）：请重新测量",
                tenths_text(*tenths)
            ),
            InvalidProtocol { key, problem } => format!("观察方案“{key}”不能使用：{problem}"),
            ExposureInFuture { day0, today } => {
                format!("暴露日{day0}晚于今天{today}：第0天必须是已经过去的日子")
            }
            InFuture { what, at, now } => {
                format!("{what}的时间为{at}，晚于录入时间（{now}）：请核对日期和时间")
            }
            TestSampledInFuture { sampled, today } => {
                format!("{sampled}采样的检测晚于今天{today}：请核对采样日期")
            }
            ObservationClosed { status } => format!("该观察已结束（{status}）：不能再录入"),
            LookBackOutOfRange { days, max } => {
                format!("回溯期{days}天不能采用：应为1至{max}天（通知规定回溯14天或7天）")
            }
            AccountableNotLinked { who, findings } => format!(
                "{who}与问题{findings}均无关联：应对问题的责任人或其所在单位的包联人员问责，或对问题所在单位及其上级单位问责"
            ),
            TextRequired { what } => format!("{what}为必填项，不能为空"),
            EmptyHandout => "物资发放至少要列出一项".to_owned(),
            AlertNotFound { number } => format!("该观察没有第{number}号预警"),
            AlertAlreadyResolved { number } => format!("第{number}号预警已处理"),
            PeriodUnchanged { last_day } => {
                format!("观察的最后一天已经是{last_day}：无需更改")
            }
            PeriodTooShort { day0, new_last_day } => {
                format!("观察的最后一天必须晚于{day0}（第0天）的暴露；{new_last_day}不符合")
            }
            ExposureNotLater {
                current_day0,
                new_day0,
            } => format!(
                "{new_day0}的新暴露不晚于当前的第0天{current_day0}：只有更晚的暴露才重新计算观察期"
            ),
            ReleaseRefused { day, reasons } => {
                format!("{day}不能解除观察：{reasons}。医务人员可写明理由破例解除")
            }
            OverrideNotNeeded { day } => format!("规则允许在{day}解除：无需破例，直接解除"),
            // --- observations in the registry ---
            UnknownObservation { observation } => format!("本登记簿中没有观察{observation}"),
            UnknownProtocol { key } => {
                format!("没有观察方案“{key}”：请先采用该方案，或使用预设方案，如“returnee-jan2020”")
            }
            AlreadyUnderObservation {
                resident,
                observation,
            } => format!("居民{resident}已在医学观察中（{observation}）；请在该观察上记录新的暴露"),
            RoundAlreadyClosed { round, closes } => {
                format!("排查轮次{round}已于{closes}结束")
            }
            RoundClosesBeforeItOpens {
                round,
                opens,
                closes,
            } => format!("排查轮次{round}于{opens}开始，不能在{closes}结束"),
            TravelAfterInterview { day, today } => {
                format!("询问记录中{day}为出行或返回日期，但询问日期是{today}：请核对日期")
            }
            BeforeOpening { what, day, opened } => {
                format!("{day}的{what}早于观察开始日期{opened}")
            }
            PresetProtocolKey { key } => {
                format!("“{key}”是预设方案的代号；请给自定义方案另取代号")
            }
            StillUnderObservation {
                resident,
                observation,
            } => format!(
                "居民{resident}正在医学观察中（{observation}）：须先由医务人员终止、转出或解除观察"
            ),
            // --- report ---
            NotAReportingUnit { unit } => {
                format!("{unit}不是报告单位：报告来自乡镇本级、各村和社区，以及领导添加的组或片")
            }
            NotAddableReportingUnit { unit, kind_zh, .. } => format!(
                "{unit}是{kind_zh}：只有组和片可以添加为报告单位（乡镇、村和社区本来就要报告）"
            ),
            AlreadyReportingUnit { unit } => format!("{unit}已是报告单位"),
            NoReportingSchedule { day } => {
                format!("{day}还不需要报告：须先由领导设定从哪一天开始要求报告")
            }
            ReportBeforeFirstDay { day, first_day } => {
                format!("{day}不需要报告：从{first_day}起才要求报告")
            }
            ReportForFutureDay { day, today } => {
                format!("{day}还没有到（今天是{today}）：请报告当天或以前的日子")
            }
            ExportFailed { format, reason } => format!("{format}导出文件无法写入：{reason}"),
            // --- gathering ---
            InvalidGatheringLabel {
                what,
                input,
                expected,
            } => format!("“{input}”不是{what}；请写以下之一：{expected}"),
            InvalidKindKey { what, input } => format!(
                "“{input}”不是{what}：请写已知名称（如“wedding”或“婚礼”），或由小写字母、数字和\
                 连字符组成、以字母开头的代号，如“village-opera”"
            ),
            UnknownGatheringKind { kind } => {
                format!("没有聚集类型“{kind}”：请先定义，或使用预设类型，如“wedding”")
            }
            UnknownVenueKind { kind } => {
                format!("没有场所类型“{kind}”：请先定义，或使用预设类型，如“catering”")
            }
            KindAlreadyDefined { what, kind } => {
                format!("{what}“{kind}”已存在：请给新类型另取代号")
            }
            NotLeaderOfUnit { actor, unit } => format!(
                "{actor}不是{unit}的领导：只有分配到该单位或其上级单位的领导才能发布或解除其禁令"
            ),
            EndsBeforeStart { what, first, last } => {
                format!("{what}在{last}结束，早于开始日期{first}：请核对日期")
            }
            EmptyOrder { what, item } => format!("{what}为空：至少写一项{item}"),
            ZeroLimit { rule, what } => {
                format!("禁令第{rule}条把聚集限制为0{what}：请改为禁止，或给出至少为1的上限")
            }
            UnknownGatheringOrder { order } => format!("本登记簿中没有聚集禁令{order}"),
            OrderAlreadyLifted { order, lifted } => {
                format!("聚集禁令{order}已于{lifted}起解除")
            }
            LiftOutsideOrder {
                order,
                day,
                first,
                last,
            } => format!("聚集禁令{order}适用于{first}至{last}：不能从{day}起解除"),
            ZeroAttendance => "计划的聚集至少要有1人；所填为0".to_owned(),
            GatheringOutsideGrid { place } => {
                format!("计划的聚集在{place}举办，不在本登记簿的任何单位内：请先登记该户或场所")
            }
            UnknownGathering { gathering } => {
                format!("本登记簿中没有计划聚集{gathering}：请先记录该户的报备")
            }
            PostponementNotLater { first, to } => {
                format!("该聚集原定{first}开始：改到{to}不算缓办")
            }
            NotSimplified { to, expected } => {
                format!("简办为{to}人不是对{expected}人聚集的简化：请填1至{expected}减1之间的人数")
            }
            UnknownVenue { venue } => format!("场所名单中没有场所{venue}"),
            VenueNotClosed { venue, day } => {
                format!("{venue}在{day}没有被责令关停：当天营业不算违规")
            }
            // --- supervision ---
            UnknownLabel {
                what,
                input,
                expected,
            } => format!("“{input}”不是{what}；请写以下之一：{expected}"),
            InvalidProbation { months } => {
                format!("留党察看期限为1至24个月（最长两年）；不能为{months}个月")
            }
            EmptyChecklist => "督查至少要检查清单中的一项".to_owned(),
            DuplicateChecklistItem { item } => {
                format!("检查项目“{item}”在督查中出现两次：每项只检查一次")
            }
            VerdictDisagrees {
                item,
                shows,
                outcome,
            } => format!(
                "对“{item}”，记录显示{shows}，督查人员已确认属实，但该项被标为{outcome}：\
                 请把证据标为不属实并写明所见，或更改结果"
            ),
            UnknownInspection { inspection } => format!("本登记簿中没有督查{inspection}"),
            ItemNotOnChecklist { inspection, item } => {
                format!("督查{inspection}没有检查“{item}”，不能据此形成问题")
            }
            ItemNotFailed { inspection, item } => {
                format!("“{item}”在督查{inspection}中合格，不能据此形成问题：请另行记录单独的问题")
            }
            UnknownStaffMember { staff, role } => {
                format!("本登记簿中没有可作为{role}的工作人员{staff}")
            }
            DeadlineBeforeFinding { deadline, day } => {
                format!("整改期限{deadline}早于发现问题的日期{day}：请给出{day}或以后的期限")
            }
            UnknownFinding { finding } => format!("本登记簿中没有问题{finding}"),
            AlreadyRectified { finding, day } => format!("问题{finding}已于{day}整改"),
            NotResponsibleForFinding {
                actor,
                finding,
                responsible,
            } => format!(
                "{actor}不能记录问题{finding}的整改：只有负责人{responsible}或该单位的领导可以"
            ),
            DecisionWithoutFindings => "问责决定至少要写明所依据的一个问题".to_owned(),
            DecisionInFuture { made, today } => {
                format!("决定日期为{made}，晚于今天（{today}）：请核对作出决定的日期")
            }
            DecisionBeforeFinding {
                finding,
                found,
                made,
            } => format!("决定日期为{made}，早于问题{finding}的发现日期{found}：请核对日期或问题"),
            TooManyRecords { what } => format!("登记簿无法再为{what}编号"),
            // --- reliability ---
            DayOutsideRange { input } => format!(
                "“{input}”超出了可记录的日期范围：日期必须在{}至{}之间",
                Day::MIN,
                Day::MAX
            ),
            InstantOutsideRange { input } => format!(
                "“{input}”超出了可记录的时间范围：日期时间必须在{}至{}之间",
                Instant::MIN,
                Instant::MAX
            ),
            InvalidUtcOffsetText { input } => {
                format!("“{input}”不是按±HH:MM书写的UTC时差，例如+08:00")
            }
            PeriodTooLong { what, days, max } => {
                format!("{days}天的{what}超过{max}天：医学观察不会超过一年，可能是数字输错了")
            }
            // --- labels and lenient days ---
            InvalidLenientDay { input } => format!(
                "“{input}”不是日期：请写成2020-01-24、2020/1/24、2020-1-24、2020.1.24、\
                 2020年1月24日或20200124"
            ),
            Error::NotResponsibleForResident {
                actor,
                resident,
                group,
            } => format!(
                "{actor}未被分配负责{group}，不能查看居民{resident}的完整联系信息：请联系负责该组的工作人员"
            ),
            Error::NoContactOnRecord { resident, field } => {
                format!("居民{resident}没有登记{}", field_zh(field))
            }
            Error::DependsOnRefusedRow { row, reason } => {
                format!("本批次第{row}行被拒绝，本命令依赖该行：{reason}")
            }
            Error::BatchRowNotEarlier { row, this } => {
                format!("本批次第{this}行引用了第{row}行，但该行不在它之前")
            }
            Error::BatchRowCreatedNone { row, what } => {
                format!("本批次第{row}行没有创建{}，不能这样引用", field_zh(what))
            }
            Error::Roster(e) => e.display_zh().to_string(),
        }
    }
}

/// The Chinese of a phone number's reason (the fragments of `identity::phone_reason`); a
/// reason not known here is given as it is.
fn phone_reason_zh(reason: &str) -> String {
    let zh = match reason {
        "it contains no digits" => "没有数字",
        "only digits, spaces, hyphens, brackets around the area code and a leading +86 are allowed" => {
            "只能有数字、空格、连字符、区号外的括号和开头的+86"
        }
        "only Chinese numbers are accepted: after + or 00 the country code must be 86" => {
            "只接受中国号码：+或00后的国家代码必须是86"
        }
        "after +86 only a mobile number is accepted; write a landline with its area code, such as 0739-5221234" => {
            "+86后只接受手机号码；固定电话请写区号，如0739-5221234"
        }
        "a mobile number has 11 digits starting with 13 to 19, such as 138 0731 1234" => {
            "手机号码为11位，以13至19开头，如138 0731 1234"
        }
        "a landline needs its area code, which starts with 0, such as 0739-5221234" => {
            "固定电话需要以0开头的区号，如0739-5221234"
        }
        "the area code is not valid: 010 and 020 to 029 have 3 digits, other area codes have 4 digits starting with 03 to 09" => {
            "区号无效：010和020至029为3位，其他区号为4位，以03至09开头"
        }
        "a landline has a 7- or 8-digit local number after the area code, not starting with 0 or 1" => {
            "固定电话区号后为7位或8位本地号码，不以0或1开头"
        }
        "brackets may only enclose the area code at the start, as in (0739)5221234" => {
            "括号只能括住开头的区号，如(0739)5221234"
        }
        other => return other.to_owned(),
    };
    zh.to_owned()
}

/// The Chinese of a field or kind named in a message; one not known here is given as it is.
fn field_zh(what: &str) -> String {
    match what {
        "phone" => "电话".to_owned(),
        "identity number" => "身份证号码".to_owned(),
        "household" => "户".to_owned(),
        "resident" => "居民".to_owned(),
        "unit" => "单位".to_owned(),
        "group" => "组".to_owned(),
        other => other.to_owned(),
    }
}
