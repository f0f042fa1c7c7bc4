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
    OverviewJourneysTitle => "患者旅程的最大流失点", "Where patients drop out most";
    OverviewJourneysLink => "打开患者旅程", "Open the Patient journeys page";

    FunnelsIntro => "医生从认知、兴趣、考虑到首次处方和持续处方的全渠道漏斗。", "The omnichannel funnel of HCPs from awareness, interest and consideration to first prescription and adoption.";

    SegmentsIntro => "按潜力、支持度和影响力对医生和医院分群，决定把有限的拜访时间花在哪里。", "Segment HCPs and accounts by potential, support and influence to decide where limited call time goes.";
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
    ExportCsv => "导出 CSV", "Export CSV";
    OverviewSegmentsTitle => "客户分群", "Customer segments";
    OverviewSegmentsLink => "打开客户分群", "Open the Segments page";
    ChannelKindRepVisit => "面访", "Rep visit";
    ChannelKindPhone => "电话", "Phone";
    ChannelKindRemote => "远程拜访", "Remote detailing";
    ChannelKindEmail => "邮件", "Email";
    ChannelKindWechat => "微信", "WeChat";
    ChannelKindWebinar => "线上会议", "Webinar";
    ChannelKindPharmacy => "药店", "Pharmacy";
    ChannelKindOther => "其他渠道", "Other channel";
    SegmentsRuleSet => "分群规则集", "Rule set";
    SegmentsNone => "这个工作区还没有分群规则。", "This workspace has no segment rules yet.";
    SegmentsAddDemoRules => "添加示例规则（A/B/C/D 分级与重点客户类型）", "Add example rules (tiers A/B/C/D and key-account types)";
    SegmentTabOverview => "分群概览", "Overview";
    SegmentTabMatrix => "潜力 × 支持度", "Potential × support";
    SegmentTabRules => "分群规则", "Rules";
    SegmentTabClusters => "聚类", "Clusters";
    SegmentTabMovement => "迁移", "Movement";
    SegmentOverviewTitle => "各分群概况", "Segments at a glance";
    SegmentSizesTitle => "各分群医生人数", "HCPs per segment";
    SegmentColumnSize => "医生人数", "HCPs";
    SegmentColumnShare => "人数占比", "Share of HCPs";
    SegmentColumnVolumeShare => "处方量占比", "Share of prescriptions";
    SegmentColumnPotential => "平均潜力", "Average potential";
    SegmentColumnMix => "渠道组合", "Channel mix";
    SegmentColumnStrategy => "策略", "Strategy";
    MatrixTitle => "潜力 × 支持度矩阵", "Potential × support matrix";
    MatrixCaption => "点击一个格子，查看其中的医生。", "Click a cell to list its HCPs.";
    MatrixPotentialAxis => "潜力（患者/月）", "Potential (patients/month)";
    MatrixSupportAxis => "支持度（采纳阶段）", "Support (adoption stage)";
    MatrixStagesAre => "采纳阶段即默认漏斗中到达的步骤：", "The adoption stage is the step reached in the default funnel:";
    MatrixPotentialCutoffs => "潜力分界值（逗号分隔）", "Potential cut-offs (comma-separated)";
    MatrixSupportCutoffs => "支持度分界阶段（逗号分隔）", "Support cut-off stages (comma-separated)";
    MatrixReset => "恢复默认分界", "Default cut-offs";
    MatrixCutoffError => "分界值须为整数，用逗号分隔，例如 20, 50。", "Cut-offs are whole numbers separated by commas, e.g. 20, 50.";
    MatrixMembersTitle => "所选格子中的医生", "HCPs in the chosen cell";
    MatrixMembersCount => "位医生（潜力从高到低）", "HCPs (highest potential first)";
    RulesTitle => "分群规则", "Segment rules";
    RulesHowTo => "规则按顺序匹配：医生归入第一条全部条件都成立的规则的分群；缺失的值不满足任何条件。修改后先看预览，再保存。", "Rules are tried in order: an HCP gets the segment of the first rule whose conditions all hold; a missing value never meets a condition. Check the preview, then save.";
    RuleName => "规则名称", "Rule name";
    RuleCaught => "人归入", "caught";
    RuleMoveUp => "上移规则", "Move rule up";
    RuleMoveDown => "下移规则", "Move rule down";
    RuleDelete => "删除规则", "Delete rule";
    RuleAdd => "添加规则", "Add rule";
    RuleAddCondition => "添加条件", "Add condition";
    RuleRemoveCondition => "删除条件", "Remove condition";
    RuleCatchesEveryone => "没有条件：所有到达这条规则的医生都归入它。", "No conditions: catches everyone who reaches this rule.";
    RuleMin => "最小", "Min";
    RuleMax => "最大", "Max";
    RuleFallback => "未匹配时归入", "Fallback";
    RulesSegments => "分群与策略", "Segments and strategies";
    SegmentAdd => "添加分群", "Add segment";
    RulesSave => "保存规则", "Save rules";
    RulesDiscard => "放弃修改", "Discard changes";
    RulesSaved => "已保存", "Saved";
    RulesUnsaved => "有未保存的修改（预览已更新）", "Unsaved changes (preview updated)";
    ClustersTitle => "聚类分析", "Clusters";
    ClustersHowTo => "k-means（k-means++ 初始化，固定随机种子）：相同的数据总是得到相同的聚类。各特征先标准化。", "k-means (k-means++ start, fixed seed): the same data always gives the same clusters. Features are standardised first.";
    ClusterFeatures => "聚类特征", "Features";
    ClusterCount => "聚类数 k", "Number of clusters k";
    ClusterShowElbow => "显示肘部图", "Show the elbow chart";
    ClusterPickFeature => "请至少选择一个特征。", "Pick at least one feature.";
    ClusterName => "聚类", "Cluster";
    ClusterProfile => "特点", "Profile";
    ClusterAverage => "各项接近平均", "Close to average on every feature";
    ClusterEmpty => "空聚类（没有医生）", "Empty (no HCPs)";
    ClusterSilhouette => "轮廓系数", "Silhouette score";
    ClusterSilhouetteHelp => "越接近 1 分得越清楚；超过 2,000 位医生时按均匀抽样计算", "closer to 1 means better separated; sampled evenly beyond 2,000 HCPs";
    ClusterSizesTitle => "各聚类医生人数", "HCPs per cluster";
    ClusterElbowTitle => "肘部图：各 k 的簇内平方和", "Elbow chart: within-cluster sum of squares by k";
    ClusterElbowComputing => "正在计算肘部图…", "Computing the elbow chart…";
    ClusterSuggestedK => "轮廓系数最高的 k", "k with the best silhouette";
    FeatureDigitalShare => "数字渠道占比", "Digital share of contacts";
    // Written after a feature's name: "潜力：很高", "Potential: very high".
    LevelVeryLow => "：很低", ": very low";
    LevelLow => "：较低", ": low";
    LevelHigh => "：较高", ": high";
    LevelVeryHigh => "：很高", ": very high";
    MovementTitle => "分群迁移", "Movement between segments";
    MovementHowTo => "每个季度末按当时已有的数据重新分群（当前季度取数据截止日）。", "Each quarter is classified at its end on the data known then (the current quarter at the end of the data).";
    MovementFrom => "从", "From";
    MovementTo => "到", "To";
    MovementMoved => "位医生换了分群", "HCPs changed segment";
    MovementCaption => "行：起始季度的分群；列：结束季度的分群。", "Rows: segment in the first quarter; columns: segment in the second.";

    JourneysIntro => "从症状、诊断、治疗决策到起始治疗和长期依从的患者旅程图。", "Patient journey maps from symptoms and diagnosis through the treatment decision to initiation and long-term adherence.";
    JourneysNone => "此工作区还没有旅程图。", "This workspace has no journey maps yet.";
    JourneysAddDemo => "添加示例旅程图", "Add the demo maps";
    JourneysMapChoice => "旅程图", "Journey map";
    JourneysNewMap => "新建旅程图", "New map";
    JourneysNewMapName => "新的患者旅程", "New patient journey";
    JourneysCopyAsTarget => "复制为目标旅程", "Copy as target state";
    JourneysTargetSuffix => "（目标）", " (target)";
    JourneysDeleteMap => "删除旅程图", "Delete map";
    JourneysUndo => "撤销", "Undo";
    JourneysRedo => "重做", "Redo";
    JourneysPrint => "打印", "Print";
    JourneysSaved => "修改会自动保存", "Changes are saved automatically";
    JourneysSaving => "正在保存…", "Saving…";
    JourneysAllSaved => "已保存", "Saved";
    JourneysDetails => "旅程图信息", "Map details";
    JourneysDiseaseArea => "疾病领域", "Disease area";
    JourneysPatientSegment => "患者群体", "Patient segment";
    JourneysState => "状态", "State";
    JourneysStateCurrent => "现状", "Current state";
    JourneysStateTarget => "目标状态", "Target state";
    LanePatientActions => "患者行为", "Patient actions";
    LaneTouchpoints => "触点", "Touchpoints";
    LaneChannels => "渠道", "Channels";
    LaneEmotions => "想法与情绪", "Thoughts & emotions";
    LanePainPoints => "痛点", "Pain points";
    LaneOpportunities => "机会", "Opportunities";
    LaneKpis => "关键指标", "KPIs";
    LaneOther => "其他", "Other";
    JourneysFlowLane => "患者流量", "Patient flow";
    JourneysLegendFlow => "色带宽度 = 进入该阶段的患者数", "Band width = patients entering the stage";
    JourneysLegendEmotion => "情绪曲线：+2 非常积极 … −2 非常消极", "Emotion curve: +2 very positive … −2 very negative";
    JourneysLegendSeverity => "痛点严重程度：高 / 中 / 低", "Pain point severity: high / medium / low";
    JourneysEditHint => "点击阶段标题、卡片或空白格子进行编辑。", "Click a stage title, a card or an empty cell to edit it.";
    JourneysStage => "阶段", "Stage";
    JourneysStageName => "阶段名称", "Stage name";
    JourneysEmotion => "情绪评分（−2 … +2）", "Emotion score (−2 … +2)";
    JourneysEmotionNone => "未评分", "Not rated";
    JourneysLink => "关联", "Linked to";
    JourneysLinkNone => "无关联", "Nothing";
    JourneysLinkFunnel => "漏斗步骤", "Funnel step";
    JourneysLinkSegment => "客户细分", "Segment";
    JourneysMoveLeft => "左移", "Move left";
    JourneysMoveRight => "右移", "Move right";
    JourneysAddStage => "添加阶段", "Add stage";
    JourneysNewStageName => "新阶段", "New stage";
    JourneysDeleteStage => "删除阶段", "Delete stage";
    JourneysCard => "卡片", "Card";
    JourneysCardText => "卡片内容", "Card text";
    JourneysSeverity => "严重程度", "Severity";
    SeverityHigh => "高", "High";
    SeverityMedium => "中", "Medium";
    SeverityLow => "低", "Low";
    JourneysCardChannel => "对应渠道", "Channel";
    JourneysNoChannel => "未指定", "None";
    JourneysDeleteCard => "删除卡片", "Delete card";
    JourneysAddCard => "添加卡片", "Add card";
    JourneysAddCardTo => "添加到", "Add to";
    JourneysCardPlaceholder => "简短文字，按回车添加", "Short text; press Enter to add";
    JourneysLanes => "泳道", "Lanes";
    JourneysLaneShown => "显示", "Shown";
    JourneysLaneName => "泳道名称", "Lane name";
    JourneysAddLane => "添加泳道", "Add lane";
    JourneysNewLaneName => "新泳道", "New lane";
    JourneysDeleteLane => "删除泳道", "Delete lane";
    JourneysMetrics => "各阶段指标", "Stage metrics";
    JourneysMetricsPrivacy => "仅使用按阶段、按月汇总的人数，不含任何患者身份信息。", "Aggregate counts per stage and month only, never a patient's identity.";
    JourneysMetricsNoData => "此旅程图没有队列数据。导入包含各阶段月度人数的工作区文件后，这里会显示进入人数、流失和阶段时长。", "This map has no cohort data. Import a workspace file with monthly counts per stage to see patients entering, drop-off and time in stage here.";
    JourneysEntered => "进入人数", "Patients entering";
    JourneysDropOff => "流失至下一阶段", "Drop-off to next stage";
    JourneysMedianDays => "阶段中位时长（天）", "Median days in stage";
    JourneysSatisfaction => "满意度（1–5）", "Satisfaction (1–5)";
    JourneysQualityOfLife => "生活质量（0–100）", "Quality of life (0–100)";
    JourneysAdherence => "依从率", "Adherence";
    JourneysMissingMonths => "缺少数据的月份", "Months without data";
    JourneysLargestDropOff => "最大流失", "Largest drop-off";
    JourneysPeriod => "统计月份", "Months counted";
    JourneysCompare => "旅程对比", "Compare journeys";
    JourneysCompareWith => "对比对象", "Compare with";
    JourneysCompareNone => "不对比", "No comparison";
    JourneysCompareEmotionTitle => "情绪曲线对比", "Emotion curves compared";
    JourneysDropOffChange => "流失变化", "Drop-off change";
    JourneysCompareHowTo => "按阶段位置对齐；流失变化为对比对象减去当前旅程（百分点），负数表示流失更少。", "Stages are matched by position; the drop-off change is the compared map minus this one (percentage points), negative means less drop-off.";
    JourneysPoints => "个百分点", " pts";
    JourneysMonthsRange => "至", "to";

    CustomersIntro => "医生和医疗机构的名录与详情。", "The directory of HCPs and accounts, with their details.";

    DataIntro => "工作区的导入、导出和管理。每个工作区都是一个可以在团队之间传递的 JSON 文件。", "Import, export and manage workspaces. Each workspace travels between teams as one JSON file.";
    DataPlanned1 => "合并多位代表的工作区文件，冲突逐条列出", "Merge the workspace files of several reps, each conflict listed";
    DataPlanned2 => "导出部分数据（按区域、代表或产品）", "Export a subset (by region, rep or product)";
    DataPlanned3 => "匿名化的培训文件与加密的邮件附件", "Anonymised files for training and encrypted files for e-mail";

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
    CountFunnels => "漏斗", "Funnels";
    CountSegmentRuleSets => "细分规则集", "Segment rule sets";
    CountJourneyMaps => "患者旅程图", "Patient journey maps";
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
    StoragePersistRefused => "浏览器没有承诺长期保存这些数据，空间紧张时可能会清除。请定期导出工作区文件作为备份。", "The browser did not promise to keep this data and may clear it when space runs low. Export the workspace regularly as a backup.";
    StorageOutdated => "另一个标签页打开了新版本的 OmniRx，并升级了已保存的数据。本页不再保存任何内容，请刷新本页；如有尚未保存的修改，可先导出工作区。", "A newer version of OmniRx, opened in another tab, has upgraded the stored data. This tab no longer saves anything: reload it. To keep edits not yet saved, export the workspace first.";
    ReloadPage => "刷新本页", "Reload";
    EditsKeptAsCopy => "另一个标签页先保存了这个工作区，现在显示的是它的版本。您在本页的修改没有丢失，已另存为工作区", "Another tab saved this workspace first, and its version is shown now. Your edits in this tab are not lost: they are kept as the workspace ";
    SentenceEnd => "。", ".";
    EditsFromAnotherTabSuffix => "（另一标签页的修改）", " (edits from another tab)";
    Dismiss => "知道了", "Got it";
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
    DropOffEmpty => "这一步没有流失。", "Nobody dropped at this step.";
    DropOffInWindow => "仍在窗口内", "still in window";
    WhatIfTitle => "假设分析", "What-if";
    WhatIfStep => "提升哪一步", "Raise step";
    WhatIfPoints => "提升（百分点）", "By (points)";
    WhatIfToBenchmark => "提升到最佳区域/分群的水平", "Raise to the best region/segment";
    WhatIfResult => "预计最后一步增加", "Projected extra at the last step";
    WhatIfFrom => "转化率从", "Conversion from";
    WhatIfTo => "提高到", "to";
    WhatIfNoBenchmark => "没有足够大的区域或分群可作为标杆（上一步至少 30 人）。", "No region or segment is large enough to serve as a benchmark (at least 30 at the previous step).";
    WhatIfBenchmarkFrom => "标杆", "Benchmark";
    ManualTitle => "研讨会漏斗：各阶段人数", "Workshop funnel: stage counts";
    ManualHint => "无需事件数据：直接填写每个阶段的人数，图表和假设分析照常可用。", "No event data needed: type the number in each stage; the chart and what-if work the same.";
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
    CustomerNotInFunnel => "未进入这个漏斗（在所选时间段内没有第一步事件）。", "Not in this funnel (no step-1 event in the chosen period).";
    // Customers list and HCP details.
    CustomersKindLabel => "列表", "List";
    CustomersKindHcps => "医生", "HCPs";
    CustomersKindAccounts => "机构", "Accounts";
    CustomersSearchLabel => "搜索", "Search";
    CustomersSearchPlaceholder => "姓名、编号或机构名称", "Name, id or account name";
    CustomersFilterAll => "全部", "All";
    CustomersDecileFrom => "十分位从", "Decile from";
    CustomersDecileTo => "十分位到", "Decile to";
    CustomersClearFilters => "清除筛选", "Clear filters";
    CustomersExportFailed => "无法导出文件：", "The file could not be exported:";
    CustomersEmpty => "没有符合条件的客户。", "No customers match the search and filters.";
    CustomersTableCaptionHcps => "医生列表", "HCP list";
    CustomersTableCaptionAccounts => "机构列表", "Account list";
    CustomersSortHint => "点击列标题排序，再次点击切换升序或降序。列表可以横向滚动。", "Click a column heading to sort; click again to reverse. The list scrolls sideways too.";
    CustomersColumnId => "编号", "Id";
    CustomersColumnName => "姓名", "Name";
    CustomersColumnAccountName => "机构名称", "Name";
    CustomersColumnAccount => "所属机构", "Account";
    CustomersColumnTier => "分级", "Tier";
    CustomersColumnHcpCount => "医生数", "HCPs";
    CustomersNoValue => "（无）", "(none)";
    CustomersMonth1 => "1月", "Jan";
    CustomersMonth2 => "2月", "Feb";
    CustomersMonth3 => "3月", "Mar";
    CustomersMonth4 => "4月", "Apr";
    CustomersMonth5 => "5月", "May";
    CustomersMonth6 => "6月", "Jun";
    CustomersMonth7 => "7月", "Jul";
    CustomersMonth8 => "8月", "Aug";
    CustomersMonth9 => "9月", "Sep";
    CustomersMonth10 => "10月", "Oct";
    CustomersMonth11 => "11月", "Nov";
    CustomersMonth12 => "12月", "Dec";
    CustomerProfile => "档案", "Profile";
    CustomerNoRole => "无", "None";
    CustomerConsent => "授权", "Consent";
    CustomerConsentEmail => "邮件", "Email";
    CustomerConsentWechat => "微信", "WeChat";
    CustomerConsentPhone => "电话", "Phone";
    CustomerConsentDataSharing => "数据共享", "Data sharing";
    CustomerConsentGiven => "同意", "yes";
    CustomerConsentRefused => "已拒绝", "opted out";
    CustomerSegmentTitle => "分群", "Segment";
    CustomerCurrentSegment => "当前分群", "Current segment";
    CustomerRuleSet => "分群规则", "Rule set";
    CustomerSegmentHistory => "分群历史（各季度末）", "Segment history (end of each quarter)";
    CustomerNoRuleSet => "这个工作区还没有分群规则。", "This workspace has no segment rule set yet.";
    CustomerSegmentChanged => "有变化", "changed";
    CustomerTrendTitle => "处方趋势（近 18 个月，每月处方量）", "Prescription trend (units per month, last 18 months)";
    CustomerTrendEmpty => "近 18 个月没有处方记录。", "No prescriptions in the last 18 months.";
    CustomerTimelineTitle => "互动时间线", "Interaction timeline";
    CustomerNoInteractions => "还没有互动记录。", "No interactions yet.";
    CustomerAccountHcps => "这家机构的医生", "HCPs at this account";
    CustomerTier => "分级", "Tier";
    CustomerId => "编号", "Id";
    // Sharing: a part of the workspace, anonymised, encrypted (the Data page's export and import).
    ExportOptions => "只导出一部分、匿名化或加密", "Export a part, anonymised or encrypted";
    ExportPartHint => "勾选要导出的区域、辖区、代表或产品（不勾选则全部导出），可再限定日期范围；相关的客户和记录会一并导出，文件可以直接导入。", "Tick the regions, territories, reps or products to export (none ticked: all of them), and a date range if you like; the customers and records they need come along, and the file imports as it is.";
    ExportFrom => "开始日期", "From";
    ExportTo => "结束日期", "To";
    ExportAnonymise => "匿名化（培训用）：替换医生、机构和代表的姓名与编号，删除备注，日期整体前移几个月", "Anonymise for training: new names and ids for HCPs, accounts and reps, notes removed, every date moved back a few months";
    ExportPassphrase => "加密口令（可不填）", "Passphrase (optional)";
    ExportPassphraseAgain => "再输入一次口令", "Passphrase again";
    ExportPassphraseHint => "填了口令，文件会加密，适合通过邮件发送；口令不会保存在任何地方，忘记口令就无法打开文件。", "With a passphrase the file is encrypted, fit to send by e-mail; the passphrase is kept nowhere, so without it the file cannot be opened.";
    ExportPassphrasesDiffer => "两次输入的口令不一样，没有导出。", "The two passphrases differ; nothing was exported.";
    ExportNothingKept => "所选范围内没有任何客户，没有导出。", "The choice keeps no customer; nothing was exported.";
    ExportNoRandomSource => "浏览器没有提供随机数，无法加密。", "The browser gives no random numbers, so the file cannot be encrypted.";
    ImportLockedTitle => "这个文件已加密", "This file is encrypted";
    ImportPassphrase => "口令", "Passphrase";
    ImportUnlock => "解密并检查", "Decrypt and check";
    ImportUnlocking => "正在解密…", "Decrypting…";
    MergeTitle => "合并到当前工作区", "Merge into the current workspace";
    MergeHint => "把几位代表导出的工作区文件合并进当前工作区：按编号匹配记录，拜访和销售去重，两边内容不同的记录列为冲突，由你决定。确认前不会改动已保存的数据。", "Put reps' workspace files together in the current workspace: records are matched by id, visits and sales without duplicates, and records both sides have with different values are listed as conflicts for you to settle. Nothing stored changes until you confirm.";
    MergeFiles => "选择文件（可多选）", "Choose files (several at once)";
    MergePreviewTitle => "合并预览", "Merge preview";
    MergeAdded => "新增", "Added";
    MergeConflicting => "冲突", "Conflicting";
    MergeUnchanged => "相同", "Unchanged";
    MergeConflictsTitle => "冲突：两边都有、内容不同的记录", "Conflicts: records both sides have with different values";
    MergeAllConflicts => "所有冲突", "All conflicts";
    MergeKeepMine => "保留我的", "Keep mine";
    MergeFile => "文件", "File";
    MergeRecord => "记录", "Record";
    MergeField => "字段", "Field";
    MergeMine => "我的", "Mine";
    MergeTheirs => "对方的", "Theirs";
    MergeChoice => "采用", "Use";
    MergeTakeTheirs => "采用对方的", "Take theirs";
    MergeConfirm => "确认合并", "Merge";
    MergeDone => "已合并。", "Merged.";
    MergeUndo => "撤销合并", "Undo the merge";
    MergeUndone => "已撤销合并，工作区恢复原样。", "The merge was undone; the workspace is as it was.";
    MergeEncrypted => "这是加密文件：请先用“导入”输入口令打开，再导出后合并。", "This file is encrypted: open it with Import and its passphrase first, then export and merge it.";
    // Offline use and installing (the header and the update notice).
    OfflineBadge => "离线", "Offline";
    OfflineHint => "没有网络：所有功能照常可用，数据保存在本设备上。", "No network: everything keeps working, and your data stays on this device.";
    InstallApp => "安装应用", "Install app";
    UpdateReady => "新版本已就绪。重新加载后即可使用，数据不受影响。", "A new version is ready. Reload to use it; your data stays as it is.";
    UpdateReload => "重新加载", "Reload";
    OfflineNeedsHttps => "这个地址是普通 http，浏览器不允许离线使用：联网时一切照常。要离线使用，请通过 https 打开 OmniRx。", "This address is plain http, where browsers do not allow offline use: everything works while you are online. To use OmniRx offline, open it over https.";
    // The table import (CSV and Excel), on the Data page.
    TableTitle => "导入表格（CSV、Excel）", "Import a table (CSV, Excel)";
    TableHint => "从 CRM 导出的表格或手工维护的 Excel：支持 .csv、.txt、.xlsx、.xls、.ods。先匹配列、检查数据质量、预览，确认后才写入。", "A CRM export or a hand-kept sheet: .csv, .txt, .xlsx, .xls or .ods. Columns are matched, the data is checked and previewed, and nothing is written until you confirm.";
    TableChooseFile => "选择表格文件", "Choose a table file";
    TableTemplates => "空白模板", "Blank templates";
    TableTemplateKind => "模板内容", "Template for";
    TableReading => "正在读取文件…", "Reading the file…";
    TablePlanning => "正在检查数据…", "Checking the data…";
    TableWriting => "正在写入…", "Writing…";
    TableCancel => "取消导入", "Cancel the import";
    TableCancelled => "已取消导入，没有写入任何数据。", "The import was cancelled; nothing was written.";
    TableWorkerFailed => "导入程序意外停止（可能是文件太大、内存不足）。没有写入任何数据，页面可以继续使用。", "The import stopped unexpectedly (the file may be too large for memory). Nothing was written, and the page can be used as before.";
    TableSheet => "工作表", "Sheet";
    TableRows => "行", "rows";
    TableEncoding => "文本编码", "Text encoding";
    TableEncodingGuess => "检测结果", "Detected";
    TableDelimiter => "分隔符", "Delimiter";
    TableKind => "这张表的内容", "This sheet holds";
    TableHeaderRow => "表头在第几行", "Header row";
    TableColumns => "列的匹配", "Columns";
    TableColumnSample => "示例", "Examples";
    TableField => "对应字段", "Field";
    TableIgnore => "（忽略这一列）", "(ignore this column)";
    TableExact => "完全匹配", "exact";
    TableLikely => "可能匹配", "likely";
    TableChosen => "手动选择", "chosen";
    TableUnmatched => "未匹配的列会被忽略", "Columns not mapped are ignored";
    TableValues => "值的对应", "Values";
    TableValueUnknown => "（请选择）", "(choose)";
    TableNewChannel => "新建为渠道", "Add as a new channel";
    TableDateOrder => "日期顺序", "Date order";
    TableDateOrderQuestion => "像 3/4/2025 这样的日期，哪个是日、哪个是月？", "In dates such as 3/4/2025, which comes first, the day or the month?";
    TableUnknownReferences => "表中出现工作区没有的医生、机构、代表、区域或产品时", "When a row names an HCP, account, rep, region or product the workspace does not have";
    TableUnknownCreate => "新建这些记录", "create them";
    TableUnknownSkip => "跳过这些行", "skip those rows";
    TableProblemRows => "有问题的行", "Rows with problems";
    TableProblemSkip => "跳过这些行，导入其余的行", "skip them and import the rest";
    TableProblemStop => "只要有一行有问题就全部不导入", "import nothing while any row has a problem";
    TableSavedMapping => "已使用保存的匹配方案", "Using the saved mapping";
    TableSaveMappingAs => "保存这个匹配方案，名称", "Save this mapping as";
    TableCheck => "检查数据", "Check the data";
    TableBack => "返回修改匹配", "Back to the mapping";
    TableReport => "数据质量报告", "Data-quality report";
    TableScore => "质量分", "Quality score";
    TableRowsChecked => "数据行", "Data rows";
    TableRowsWithErrors => "有错误（将跳过）", "With errors (skipped)";
    TableRowsWithWarnings => "仅有提醒（会导入）", "With warnings only (imported)";
    TableFilled => "已填", "Filled";
    TableValid => "有效", "Valid";
    TableInvalid => "无效", "Invalid";
    TableFirstInvalid => "例如", "For example";
    TableCauses => "问题（按原因）", "Problems by cause";
    TableCauseRows => "行", "rows";
    TableDownloadProblems => "下载有问题的行（CSV）", "Download the problem rows (CSV)";
    TableNoProblems => "没有发现问题。", "No problems found.";
    TablePreview => "导入后的变化", "What the import changes";
    TableAdded => "新增", "Added";
    TableUpdated => "更新", "Updated";
    TableUnchanged => "未变", "Unchanged";
    TableSkipped => "跳过", "Skipped";
    TableChanges => "更新的字段", "Fields updated";
    TableBefore => "原值", "Before";
    TableAfter => "新值", "After";
    TableStopped => "因为有行存在问题，按您的选择不会导入任何数据。", "Rows have problems, so, as you chose, nothing will be imported.";
    TableNothing => "没有可导入的内容。", "There is nothing to import.";
    TableIntoCurrent => "导入到当前工作区", "Import into the current workspace";
    TableIntoNew => "导入为新工作区", "Import as a new workspace";
    TableUndo => "撤销这次导入", "Undo the last import";
    TableUndone => "已撤销上次导入，工作区恢复原样。", "The last import was undone; the workspace is as it was.";
    TableUndoChanged => "无法撤销：导入之后工作区又有了改动，恢复会破坏数据的一致性。", "It cannot be undone: the workspace changed after the import in a way that undoing would break.";
    TableNewWorkspaceName => "导入", "Imported";
    TableStartOver => "导入另一个表格", "Import another table";
}

#[cfg(test)]
mod tests {
    use super::*;

    /// CJK ideographs, or CJK punctuation such as "。" (a text may be only that).
    fn has_cjk(text: &str) -> bool {
        text.chars().any(|c| {
            ('\u{4e00}'..='\u{9fff}').contains(&c) || ('\u{3000}'..='\u{303f}').contains(&c)
        })
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
