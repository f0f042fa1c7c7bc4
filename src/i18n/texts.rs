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
    OverviewPlanned2 => "工作区摘要：产品、区域、代表、客户与互动的数量和时间范围", "A workspace summary: products, regions, reps, customers and interactions, with their date range";
    OverviewPlanned3 => "一键打开演示工作区，便于培训和演示", "A demo workspace in one click, for training sessions and demos";

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
    DataPlanned1 => "导入工作区文件：先预览和校验，再确认写入，错误会指明具体字段", "Import a workspace file: preview and validate first, then confirm; errors name the exact field";
    DataPlanned2 => "导出当前工作区为 .omnirx.json 文件", "Export the current workspace as an .omnirx.json file";
    DataPlanned3 => "管理多个工作区：新建、重命名、复制、删除", "Manage several workspaces: create, rename, duplicate, delete";

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
