//! Every visible UI text, in 简体中文 and English, declared side by side so that neither can be missing.

use super::Language;

/// Declares the [`Text`] keys with their Chinese and English wording. A key without both
/// translations does not compile, which is the whole point of writing them this way.
macro_rules! texts {
    ($($key:ident => $zh:literal, $en:literal;)*) => {
        /// A key for one visible text.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum Text { $($key,)* }

        impl Text {
            pub const ALL: &'static [Text] = &[$(Text::$key,)*];
        }

        /// The wording of `key` in `language`.
        pub fn text(language: Language, key: Text) -> &'static str {
            match key {
                $(Text::$key => match language {
                    Language::SimplifiedChinese => $zh,
                    Language::English => $en,
                },)*
            }
        }
    };
}

texts! {
    AppName => "OmniRx", "OmniRx";
    AppTagline => "全渠道医药营销工作台", "Multichannel pharma sales workbench";
    Loading => "正在加载…", "Loading…";
    SkipToContent => "跳到正文", "Skip to content";
    MainNavigation => "主导航", "Main navigation";
    MenuButton => "菜单", "Menu";
    LanguageSwitchLabel => "界面语言", "Interface language";
    FooterPrivacy => "所有数据只保存在这台设备的浏览器中，不会上传到任何服务器。", "All data stays in this browser on this device; nothing is sent to a server.";
    TodayLabel => "今天", "Today";
    ComingNext => "即将上线", "Coming next";
    WhatWillBeHere => "这一页将提供：", "This page will offer:";

    PageOverview => "概览", "Overview";
    PageFunnels => "漏斗分析", "Funnels";
    PageSegments => "客户分群", "Segments";
    PageJourneys => "患者旅程", "Patient journeys";
    PageCustomers => "客户", "Customers";
    PageData => "数据", "Data";

    OverviewIntro => "一眼看清团队的全渠道表现：从认知到持续处方的转化、重点客户与患者旅程中的关键流失点。", "Your team's omnichannel performance at a glance: conversion from awareness to regular prescribing, key accounts, and where patients drop out of their journey.";
    OverviewPlanned2 => "分群规模和潜力 × 支持度矩阵概况，可直达客户分群页", "Segment sizes and the potential × support matrix at a glance, linked to the Segments page";
    OverviewPlanned3 => "患者旅程的关键流失点", "The main drop-off points of the patient journeys";

    FunnelsIntro => "医生从认知、兴趣、考虑到首次处方和持续处方的全渠道漏斗。", "The omnichannel funnel of HCPs from awareness, interest and consideration to first prescription and adoption.";

    SegmentsIntro => "按潜力、支持度和影响力对医生和医院分群，决定把有限的拜访时间花在哪里。", "Segment HCPs and accounts by potential, support and influence to decide where limited call time goes.";
    SegmentsPlanned1 => "基于规则的自动分级（A/B/C/D）和重点客户类型（核心处方者、决策链、KOL、潜力新星）", "Rule-based tiers (A/B/C/D) and key-account types (core prescribers, decision chain, KOLs, rising stars)";
    SegmentsPlanned2 => "潜力 × 支持度矩阵，每格给出策略、渠道组合和拜访频率", "The potential × support matrix with a strategy, channel mix and call frequency per cell";
    SegmentsPlanned3 => "聚类分析和分群随时间的迁移", "Clusters, and how segment membership moves over time";
    // Segments page.
    // Names of the model's values, shared by the Segments and Customers pages (src/ui/labels.rs).
    SpecialtyEndocrinology => "内分泌科", "Endocrinology";
    SpecialtyCardiology => "心内科", "Cardiology";
    SpecialtyGeneralPractice => "全科", "General practice";
    SpecialtyNephrology => "肾内科", "Nephrology";
    SpecialtyNeurology => "神经内科", "Neurology";
    SpecialtyInternalMedicine => "普通内科", "Internal medicine";
    SpecialtyGeriatrics => "老年科", "Geriatrics";
    SpecialtyPharmacy => "药剂科", "Pharmacy";
    SpecialtyOther => "其他科室", "Other specialty";
    TitleChiefPhysician => "主任医师", "Chief physician";
    TitleAssociateChiefPhysician => "副主任医师", "Associate chief physician";
    TitleAttendingPhysician => "主治医师", "Attending physician";
    TitleResidentPhysician => "住院医师", "Resident physician";
    TitlePharmacist => "药师", "Pharmacist";
    TitleOther => "其他职称", "Other title";
    AccountTertiaryHospital => "三级医院", "Tertiary hospital";
    AccountSecondaryHospital => "二级医院", "Secondary hospital";
    AccountCommunityClinic => "社区诊所", "Community clinic";
    AccountPrivateHospital => "民营医院", "Private hospital";
    AccountRetailPharmacy => "零售药店", "Retail pharmacy";
    AccountDistributor => "经销商", "Distributor";
    AccountOther => "其他机构", "Other account";
    InfluenceKol => "KOL（学术带头人）", "KOL";
    InfluenceRegionalExpert => "区域专家", "Regional expert";
    InfluenceNone => "无", "None";
    RoleDepartmentHead => "科室主任", "Department head";
    RoleCommitteeMember => "药事委员会委员", "Drug-committee member";
    DimAccountType => "机构类型", "Account type";
    DimRegion => "区域", "Region";
    DimCity => "城市", "City";
    DimSpecialty => "科室", "Specialty";
    DimTitle => "职称", "Title";
    DimInfluence => "影响力", "Influence";
    DimDecisionRole => "决策角色", "Decision role";
    DimVolumeDecile => "处方量十分位", "Volume decile";
    DimPotential => "潜力（患者/月）", "Potential (patients/month)";
    DimAdoptionStage => "采纳阶段", "Adoption stage";
    DimDeclaredChannel => "自述偏好渠道", "Declared preferred channel";
    DimDerivedChannel => "实际偏好渠道", "Derived preferred channel";
    DimRecencyDays => "距上次接触天数", "Days since last contact";
    DimFrequency => "近 90 天接触次数", "Contacts in the last 90 days";
    DimVolume => "近 12 个月处方量", "12-month volume";
    DimSegment => "分群", "Segment";
    StageNotEntered => "未进入", "Not entered";
    Unclassified => "未分类", "Unclassified";
    StrategyDefend => "巩固", "Defend";
    StrategyGrow => "增长", "Grow";
    StrategyDevelop => "培育", "Develop";
    StrategyMaintain => "维护", "Maintain";
    StrategyDeprioritise => "降低优先级", "Deprioritise";

    JourneysIntro => "从症状、诊断、治疗决策到起始治疗和长期依从的患者旅程图。", "Patient journey maps from symptoms and diagnosis through the treatment decision to initiation and long-term adherence.";
    JourneysPlanned1 => "泳道式旅程图：患者行为、触点、渠道、情绪曲线、痛点、机会与关键指标", "Swimlane maps: patient actions, touchpoints, channels, emotion curve, pain points, opportunities and KPIs";
    JourneysPlanned2 => "基于汇总队列数据的各阶段患者数与流失（不含任何患者身份信息）", "Patients and drop-off per stage from aggregate cohort data (never a patient's identity)";
    JourneysPlanned3 => "现状与目标旅程对比，导出为 SVG 和 PNG", "Current versus target journeys side by side, exported as SVG and PNG";

    CustomersIntro => "医生和医疗机构的名录与详情。", "The directory of HCPs and accounts, with their details.";
    CustomersPlanned1 => "可搜索、可筛选、可排序的医生和机构列表，万行数据也能流畅滚动", "Searchable, filterable, sortable lists of HCPs and accounts that scroll smoothly at 10,000 rows";
    CustomersPlanned2 => "医生详情：档案、分群历史、互动时间线、处方趋势和漏斗位置", "HCP details: profile, segment history, interaction timeline, prescription trend and funnel position";
    CustomersPlanned3 => "任意列表导出为 CSV", "Any list exported as CSV";

    DataIntro => "工作区的导入、导出和管理。每个工作区都是一个可以在团队之间传递的 JSON 文件。", "Import, export and manage workspaces. Each workspace travels between teams as one JSON file.";
    DataPlanned1 => "合并导入：把文件中的数据并入当前工作区", "Merge import: add a file's data to the current workspace";
    DataPlanned2 => "从电子表格（CSV）导入，并可映射列", "Import from spreadsheets (CSV) with column mapping";
    DataPlanned3 => "导入数据的质量报告", "A data-quality report of imported data";

    DemoBadge => "演示数据", "Demo data";
    WorkspaceLoading => "正在打开工作区…", "Opening the workspace…";
    WorkspaceLabel => "当前工作区", "Current workspace";
    CountHcps => "医生", "HCPs";
    CountAccounts => "机构", "Accounts";
    CountReps => "代表", "Reps";
    CountInteractions => "互动", "Interactions";
    CountPrescriptions => "处方记录", "Prescription records";
    CountProducts => "产品", "Products";
    CountChannels => "渠道", "Channels";
    CountRegions => "区域", "Regions";
    CountTerritories => "辖区", "Territories";
    CountTargets => "指标", "Targets";
    DataRange => "数据时间范围", "Data range";
    NoData => "暂无数据", "No data yet";
    ResetDemo => "重置演示数据", "Reset the demo";
    NewEmptyWorkspace => "新建空白工作区", "Start an empty workspace";
    ImportFile => "导入文件", "Import a file";
    EmptyWorkspaceName => "新工作区", "New workspace";
    EmptyWorkspaceHint => "这个工作区还没有数据。请在“数据”页导入工作区文件，或重置为演示数据。", "This workspace has no data yet. Import a workspace file on the Data page, or go back to the demo.";
    ExportTitle => "导出", "Export";
    ExportHint => "把当前工作区下载为一个 .omnirx.json 文件，可发给同事或作为备份。", "Download the current workspace as one .omnirx.json file, to share or to keep as a backup.";
    ExportButton => "导出工作区", "Export workspace";
    ImportTitle => "导入", "Import";
    ImportHint => "选择一个 .omnirx.json 文件。先校验和预览，确认之前不会改动已保存的数据。", "Choose an .omnirx.json file. It is checked and previewed first; nothing stored changes until you confirm.";
    ImportReading => "正在读取和校验文件…", "Reading and checking the file…";
    ImportPreviewTitle => "导入预览", "Import preview";
    ImportRepairs => "已自动修复：", "Repaired automatically:";
    ImportAsNew => "作为新工作区打开", "Open as a new workspace";
    ImportReplace => "替换当前工作区", "Replace the current workspace";
    Cancel => "取消", "Cancel";
    ImportFailedTitle => "无法导入这个文件", "This file cannot be imported";
    ImportDone => "导入完成。", "Imported.";
    WorkspacesTitle => "工作区", "Workspaces";
    OpenWorkspace => "打开", "Open";
    RenameWorkspace => "重命名", "Rename";
    SaveName => "保存", "Save";
    NewNameLabel => "新名称", "New name";
    DuplicateWorkspace => "复制", "Duplicate";
    CopySuffix => "（副本）", " (copy)";
    DeleteWorkspace => "删除", "Delete";
    ConfirmDelete => "确认删除", "Confirm delete";
    CurrentMarker => "当前", "Current";
    ColumnName => "名称", "Name";
    ColumnActions => "操作", "Actions";
    StorageUnavailable => "此浏览器无法保存数据（可能处于无痕模式）。OmniRx 仍可使用，但关闭页面后数据会丢失——请用“导出工作区”保存文件。", "This browser cannot store data (private mode?). OmniRx still works, but data is lost when the page closes: use “Export workspace” to keep a file.";
    StorageBlocked => "另一个标签页正在使用旧版本的 OmniRx。请关闭其他 OmniRx 标签页后刷新本页。", "Another tab is using an older version of OmniRx. Close the other OmniRx tabs, then reload this page.";
    StorageQuota => "存储空间不足，未保存任何更改；之前的数据完好无损。请释放磁盘空间或删除不用的工作区后重试。", "Not enough storage: nothing was saved, and the previous data is intact. Free some disk space or delete unused workspaces, then try again.";
    StorageFailed => "保存失败，之前的数据完好无损：", "Saving failed; the previous data is intact:";
    StoragePersistRefused => "浏览器没有承诺长期保存这些数据，空间紧张时可能会清除。请定期导出工作区文件作为备份。", "The browser did not promise to keep this data and may clear it when space runs low. Export the workspace regularly as a backup.";
    Dismiss => "知道了", "Got it";
    SavedNotice => "已保存。", "Saved.";
    NotFoundTitle => "找不到这个页面", "Page not found";
    NotFoundBody => "这个链接没有对应的页面，可能是拼写有误或链接已过期。", "There is no page at this link; it may be mistyped or out of date.";
    BackToOverview => "返回概览", "Back to the overview";

    FunnelChoose => "漏斗", "Funnel";
    FunnelNone => "这个工作区还没有漏斗。", "This workspace has no funnel yet.";
    FunnelAddDefault => "添加默认漏斗", "Add the default funnel";
    FunnelNewWorkshop => "新建研讨会漏斗（手动填写人数）", "New workshop funnel (typed counts)";
    FunnelDuplicate => "复制漏斗", "Duplicate funnel";
    FunnelDelete => "删除漏斗", "Delete funnel";
    FunnelNameLabel => "漏斗名称", "Funnel name";
    FunnelDefinitionTitle => "漏斗设置", "Funnel settings";
    FunnelOrder => "步骤顺序", "Step order";
    OrderOrdered => "按顺序（中间可有其他事件）", "In order (other events allowed between)";
    OrderStrict => "严格顺序（中间不能有其他步骤事件）", "Strict order (no other step event between)";
    OrderAny => "任意顺序（窗口内完成即可）", "Any order (all within the window)";
    FunnelWindow => "转化窗口", "Conversion window";
    WindowDays => "天", "days";
    WindowWeeks => "周", "weeks";
    WindowMonths => "个月", "months";
    FunnelPeriod => "进入时间段", "Entry period";
    PeriodFrom => "从", "From";
    PeriodTo => "到", "To";
    PeriodAll => "全部数据", "All data";
    PeriodLastQuarter => "数据中最近一个完整季度", "Last full quarter of the data";
    PeriodLastSixMonths => "最近 6 个月", "Last 6 months";
    FunnelPercentOf => "百分比基准", "Percentages of";
    PercentFirst => "第一步", "the first step";
    PercentPrevious => "上一步", "the previous step";
    FunnelUnit => "统计对象", "Counting unit";
    UnitHcp => "医生", "HCPs";
    UnitAccount => "机构", "Accounts";
    ViewFunnel => "漏斗图", "Funnel";
    ViewBars => "条形图", "Bars";
    ViewTable => "表格", "Table";
    ViewLabel => "视图", "View";
    ExportSvg => "导出 SVG", "Export SVG";
    ExportPng => "导出 PNG", "Export PNG";
    HeadlineEntered => "进入漏斗", "Entered";
    HeadlineReachedLast => "到达最后一步", "Reached the last step";
    HeadlineOverall => "整体转化率", "Overall conversion";
    HeadlineBottleneck => "瓶颈", "Bottleneck";
    BottleneckMark => "瓶颈", "Bottleneck";
    ColumnStep => "步骤", "Step";
    ColumnCount => "人数", "Count";
    ColumnFromPrevious => "较上一步", "Of previous";
    ColumnFromFirst => "较第一步", "Of first";
    ColumnDropped => "流失", "Dropped";
    ColumnStillInWindow => "仍在窗口内", "Still in window";
    ColumnMedianTime => "转化时间中位数", "Median time";
    ColumnP75Time => "75% 分位时间", "75th percentile time";
    StillInWindowHint => "“仍在窗口内”指进入较晚、转化窗口尚未结束的对象：他们还可能转化，因此不计为流失。", "“Still in window” are those who entered recently and whose window has not closed: they may still convert, so they are not counted as dropped.";
    DataUntil => "数据截至", "Data until";
    TimeZoneUnknown => "无法识别工作区时区，日期按 UTC 计算。", "The workspace's time zone is not known; days are counted in UTC.";
    DaysShort => "天", "d";
    FunnelTableCaption => "漏斗各步骤数据", "Funnel steps";
    BreakdownTitle => "拆分", "Breakdown";
    BreakdownNone => "不拆分", "No breakdown";
    DimensionChannel => "渠道", "Channel";
    DimensionSegment => "分群（机构分级）", "Segment (account tier)";
    DimensionRegion => "区域", "Region";
    DimensionProduct => "产品", "Product";
    DimensionRep => "代表", "Rep";
    AttributionLabel => "归因", "Attribution";
    AttributionFirst => "首次触点", "First touch";
    AttributionLast => "最后触点", "Last touch";
    AttributionStep => "各步骤事件的渠道", "Each step's own event";
    SeriesMissing => "（无）", "(none)";
    SeriesOther => "其他", "Other";
    ColumnSeries => "系列", "Series";
    ColumnOverall => "整体转化", "Overall";
    CompareTitle => "对比", "Compare";
    CompareNone => "不对比", "No comparison";
    ComparePrevious => "与上一时间段对比", "With the previous period";
    ComparePeriod => "与另一个时间段对比", "With another period";
    CompareSeries => "对比两个拆分系列", "Two breakdown series";
    CompareNeedsPeriod => "先为漏斗设置进入时间段，才能与上一时间段对比。", "Set an entry period for the funnel first to compare with the previous period.";
    CompareNeedsBreakdown => "先选择一个拆分维度，才能对比两个系列。", "Choose a breakdown first to compare two of its series.";
    CompareCurrent => "当前", "Current";
    CompareOther => "对比", "Comparison";
    ColumnDelta => "人数差", "Count change";
    ColumnConversionDelta => "转化率差（百分点）", "Conversion change (points)";
    DropOffTitle => "流失名单", "Who dropped";
    DropOffStep => "未到达的步骤", "Did not reach";
    DropOffCount => "人流失", "dropped";
    DropOffShowing => "显示前 200 名，共", "Showing the first 200 of";
    DropOffEmpty => "这一步没有流失。", "Nobody dropped at this step.";
    DropOffInWindow => "仍在窗口内", "still in window";
    DropOffReached => "到达上一步", "Reached the previous step";
    WhatIfTitle => "假设分析", "What-if";
    WhatIfStep => "提升哪一步", "Raise step";
    WhatIfPoints => "提升（百分点）", "By (points)";
    WhatIfToBenchmark => "提升到最佳区域/分群的水平", "Raise to the best region/segment";
    WhatIfResult => "预计最后一步增加", "Projected extra at the last step";
    WhatIfFrom => "转化率从", "Conversion from";
    WhatIfTo => "提高到", "to";
    WhatIfBest => "同样提升幅度下收益最大的步骤：", "Where the same effort gains most:";
    WhatIfNoBenchmark => "没有足够大的区域或分群可作为标杆（上一步至少 30 人）。", "No region or segment is large enough to serve as a benchmark (at least 30 at the previous step).";
    WhatIfBenchmarkFrom => "标杆", "Benchmark";
    ManualTitle => "研讨会漏斗：各阶段人数", "Workshop funnel: stage counts";
    ManualHint => "无需事件数据：直接填写每个阶段的人数，图表和假设分析照常可用。", "No event data needed: type the number in each stage; the chart and what-if work the same.";
    ManualIncreases => "每个阶段的人数不能多于上一阶段：请检查第", "Each stage must be no larger than the one before it: check step";
    WorkshopFunnelName => "研讨会漏斗", "Workshop funnel";
    EditSteps => "编辑步骤", "Edit steps";
    DoneEditing => "完成", "Done";
    StepName => "步骤名称", "Step name";
    StepCondition => "条件", "Condition";
    ConditionInteraction => "互动", "Interaction";
    ConditionFirstPrescription => "首次处方（试用）", "First prescription (trial)";
    ConditionPrescriptions => "持续处方（N 个月内至少 M 个月有处方）", "Repeat prescribing (M months within N)";
    ConditionKinds => "互动类型（不选 = 任意）", "Kinds (none = any)";
    ConditionOutcomes => "结果（不选 = 任意）", "Outcomes (none = any)";
    ConditionChannels => "渠道（不选 = 任意）", "Channels (none = any)";
    ConditionMonths => "有处方的月数", "Months with prescriptions";
    ConditionWithin => "在连续几个月内", "Within months";
    MoveUp => "上移", "Move up";
    MoveDown => "下移", "Move down";
    RemoveStep => "删除步骤", "Remove step";
    AddStep => "添加步骤", "Add step";
    NewStepName => "新步骤", "New step";
    StepsLimit => "漏斗需要 2 到 12 个步骤。", "A funnel needs 2 to 12 steps.";
    KindVisit => "拜访", "Visit";
    KindCall => "电话", "Call";
    KindRemoteDetailing => "远程拜访", "Remote detailing";
    KindEmailSent => "邮件已发送", "Email sent";
    KindEmailOpened => "邮件已打开", "Email opened";
    KindEmailClicked => "邮件已点击", "Email clicked";
    KindWechatMessage => "微信消息", "WeChat message";
    KindWechatRead => "微信已读", "WeChat read";
    KindMeetingInvited => "会议邀请", "Meeting invited";
    KindMeetingAttended => "参加会议", "Meeting attended";
    KindSample => "样品", "Sample";
    KindPharmacyVisit => "药店拜访", "Pharmacy visit";
    OutcomeEngaged => "有兴趣", "Engaged";
    OutcomeDetailed => "深入讨论", "Detailed";
    OutcomeNeutral => "中性", "Neutral";
    OutcomeNegative => "负面", "Negative";
    OutcomeNoResponse => "无回应", "No response";
    OverviewFunnelTitle => "默认漏斗", "Default funnel";
    OverviewFunnelLink => "打开漏斗分析", "Open the funnel analysis";
    CustomerNotFound => "这个工作区里没有这位客户。", "There is no such customer in this workspace.";
    CustomerBack => "返回客户列表", "Back to customers";
    CustomerAccount => "所属机构", "Account";
    CustomerRegion => "区域", "Region";
    CustomerPotential => "每月潜在患者数", "Eligible patients per month";
    CustomerHcpCount => "医生人数", "HCPs";
    CustomerFunnelPosition => "漏斗位置", "Funnel position";
    CustomerReached => "已到达", "Reached";
    CustomerNotInFunnel => "未进入这个漏斗（在所选时间段内没有第一步事件）。", "Not in this funnel (no step-1 event in the chosen period).";
    CustomerInteractions => "最近的互动", "Recent interactions";
    // Customers list and HCP details.
    ColumnDate => "日期", "Date";
    ColumnChannel => "渠道", "Channel";
    ColumnKind => "类型", "Kind";
    ColumnOutcome => "结果", "Outcome";
}

#[cfg(test)]
mod tests {
    use super::*;

    fn has_cjk(text: &str) -> bool {
        text.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
    }

    #[test]
    fn every_text_is_written_in_both_languages() {
        for &key in Text::ALL {
            let zh = text(Language::SimplifiedChinese, key);
            let en = text(Language::English, key);
            assert!(
                !zh.trim().is_empty() && !en.trim().is_empty(),
                "{key:?} is empty"
            );
            assert!(
                !has_cjk(en),
                "{key:?}: the English text contains Chinese: {en}"
            );
            // The brand name is the only text allowed to read the same in both languages.
            if key != Text::AppName {
                assert!(
                    has_cjk(zh),
                    "{key:?}: the Chinese text has no Chinese: {zh}"
                );
            }
        }
    }
}
