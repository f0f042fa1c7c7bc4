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
    OverviewPlanned1 => "默认漏斗的关键数字（各阶段人数与转化率），并可直达漏斗分析页", "Headline numbers of the default funnel (HCPs per stage and conversion), linked to the Funnels page";
    OverviewPlanned2 => "分群规模和潜力 × 支持度矩阵概况，可直达客户分群页", "Segment sizes and the potential × support matrix at a glance, linked to the Segments page";
    OverviewPlanned3 => "患者旅程的关键流失点", "The main drop-off points of the patient journeys";

    FunnelsIntro => "医生从认知、兴趣、考虑到首次处方和持续处方的全渠道漏斗。", "The omnichannel funnel of HCPs from awareness, interest and consideration to first prescription and adoption.";
    FunnelsPlanned1 => "可编辑的漏斗定义：步骤、顺序模式、转化窗口与时间段", "Editable funnel definitions: steps, order mode, conversion window and period";
    FunnelsPlanned2 => "每一步的人数、转化率、流失人数和转化时间，并标出瓶颈", "Count, conversion, drop-off and time to convert per step, with the bottleneck flagged";
    FunnelsPlanned3 => "按渠道、分群、区域、产品和代表拆分，两个时间段对比，以及假设分析", "Breakdown by channel, segment, region, product and rep; period comparison; what-if";

    SegmentsIntro => "按潜力、支持度和影响力对医生和医院分群，决定把有限的拜访时间花在哪里。", "Segment HCPs and accounts by potential, support and influence to decide where limited call time goes.";
    SegmentsPlanned1 => "基于规则的自动分级（A/B/C/D）和重点客户类型（核心处方者、决策链、KOL、潜力新星）", "Rule-based tiers (A/B/C/D) and key-account types (core prescribers, decision chain, KOLs, rising stars)";
    SegmentsPlanned2 => "潜力 × 支持度矩阵，每格给出策略、渠道组合和拜访频率", "The potential × support matrix with a strategy, channel mix and call frequency per cell";
    SegmentsPlanned3 => "聚类分析和分群随时间的迁移", "Clusters, and how segment membership moves over time";

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
