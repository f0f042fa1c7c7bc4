//! Texts with values in them, as typed functions: `phrases::customers_count(language, 120, 1500)`.
//!
//! Word order differs between Chinese and English, so a sentence with a number or a name is
//! written whole in each language with named placeholders, never glued from translated
//! fragments in code, and never filled in with `.replace("{x}", …)`. A phrase without both
//! wordings does not compile, and a test checks that both use every placeholder.

use super::Language;

/// Declares each phrase as a function of the language and its values; the wordings are
/// `format!` strings whose placeholders are the arguments' names.
macro_rules! phrases {
    ($($(#[doc = $doc:literal])* fn $name:ident($($arg:ident),+) => $zh:literal, $en:literal;)*) => {
        $(
            $(#[doc = $doc])*
            pub fn $name(language: Language, $($arg: impl std::fmt::Display),+) -> String {
                // The formatting itself is compiled once, not once per argument type.
                fn words(language: Language, $($arg: &dyn std::fmt::Display),+) -> String {
                    match language {
                        Language::SimplifiedChinese => format!($zh),
                        Language::English => format!($en),
                    }
                }
                words(language, $(&$arg),+)
            }
        )*

        /// Every phrase: its name, its placeholders and its two wordings (for the tests).
        pub const ALL: &[(&str, &[&str], &str, &str)] =
            &[$((stringify!($name), &[$(stringify!($arg)),+], $zh, $en)),*];
    };
}

phrases! {
    /// The Customers list's count: "120 of 1,500".
    fn customers_count(shown, total) => "显示 {shown} 条，共 {total} 条", "{shown} of {total}";
    /// A month with its year: "2026年10月" / "Oct 2026" (`month` is the month's short name).
    fn month_year(year, month) => "{year}年{month}", "{month} {year}";
    /// A calendar quarter: "2026年第3季度" / "Q3 2026".
    fn quarter(year, quarter) => "{year}年第{quarter}季度", "Q{quarter} {year}";
    /// The year to the end of a month: "2026年1–10月" / "Jan–Oct 2026" (`month` as in `month_year`).
    fn year_to_date(year, month) => "{year}年1月–{month}", "Jan–{month} {year}";
    /// A calendar year: "2026年" / "2026".
    fn calendar_year(year) => "{year}年", "{year}";
    /// A record of the Performance page that names something that does not exist.
    fn perf_unknown_reference(path, kind, id) => "{path}：找不到{kind}“{id}”，这条记录未计入。", "{path}: there is no {kind} \"{id}\"; the record is left out.";
    /// Two targets for the same holder, product and month.
    fn perf_duplicate_target(path, first) => "{path} 与 {first} 的对象、产品和月份相同，只采用前者。", "{path} has the same holder, product and month as {first}; only the first is used.";
    /// A holder with its own target and targets below it.
    fn perf_overlapping_targets(holder) => "“{holder}”既有自己的目标，下级也有目标；采用它自己的目标。", "\"{holder}\" has its own target and targets below it; its own is used.";
    /// Why a series has no forecast.
    fn perf_too_short(months, needed) => "只有 {months} 个月的数据，预测至少需要 {needed} 个月。", "Only {months} months of data; a forecast needs at least {needed}.";
    /// The share of a period elapsed: "时间进度 60%".
    fn perf_elapsed(percent) => "时间进度 {percent}", "{percent} of the period elapsed";
    /// The field days of a period and the planned contacts of a key customer.
    fn perf_field_days(days, planned) => "本周期 {days} 个工作日；重点客户计划接触 {planned} 次。", "{days} field days in the period; key customers are planned at {planned} contacts.";
    /// A saved plan's line: when its data ends and how many cells were set by hand.
    fn plan_saved(date, edits) => "已保存的计划 · 基于截至 {date} 的数据 · 手工修改 {edits} 处", "Saved plan · made on data to {date} · {edits} hand edit(s)";
    /// The follow-up's date and the share of the cycle's field days elapsed.
    fn plan_as_of(date, percent, band) => "截至 {date}，本周期外勤日已过 {percent}；上下 ±{band} 以内为按计划进行。", "As of {date}, {percent} of the cycle's field days have passed; within ±{band} counts as on track.";
    /// Why a customer's plan is what it is: the gain of its last contact, then the reasons.
    fn plan_last_gain(gain, reasons) => "最后一次接触 +{gain} · {reasons}", "last contact +{gain} · {reasons}";
    /// A week of the rep's calendar.
    fn plan_week(date, contacts, accounts) => "{date} 这一周 · {contacts} 次接触 · {accounts} 家医院", "Week of {date} · {contacts} contacts · {accounts} accounts";
    /// A curve's caption: segment, channel, where it comes from and how many HCPs it rests on.
    fn plan_curve_caption(segment, channel, source, hcps) => "{segment} · {channel}（{source}，{hcps} 位医生）", "{segment} · {channel} ({source}, {hcps} HCPs)";
    /// A workshop funnel's stage larger than the one before.
    fn manual_counts_increase(step) => "每个阶段的人数不能多于上一阶段：请检查第 {step} 步。", "Each stage must be no larger than the one before it: check step {step}.";
    /// Only the first rows of a long list of who dropped are shown.
    fn drop_off_showing(shown, total) => "显示前 {shown} 名，共 {total} 名", "Showing the first {shown} of {total}";
    /// One who dropped: their id and when they reached the previous step.
    fn drop_off_item(id, date) => " · {id} · {date}到达上一步", " · {id} · reached the previous step on {date}";
    /// The step where the same effort gains most, and the extra at the last step.
    fn what_if_best(step, extra) => "同样提升幅度下收益最大的步骤：{step}（最后一步增加 {extra}）", "Where the same effort gains most: {step} (+{extra} at the last step)";
    /// A storage failure the app has no words of its own for.
    fn storage_failed(reason) => "保存失败，之前的数据完好无损：{reason}", "Saving failed; the previous data is intact: {reason}";
    /// Why stored data could not be read: the reader's own detail.
    fn stored_data_damaged(detail) => "存储的数据已损坏（{detail}）", "stored data is damaged: {detail}";
    /// The workspace opened last could not be read at start: another one is shown instead.
    fn workspace_unreadable(name, reason) => "工作区“{name}”无法读取，已原样保留，没有做任何改动：{reason}", "The workspace “{name}” could not be read; it is kept as stored, untouched: {reason}";
    /// How many HCPs a rule's conditions match, beside how many it catches.
    fn rule_matching(count) => " · {count} 人满足条件", " · {count} match";
    /// HCPs no rule catches.
    fn unclassified_count(count) => "未分类：{count} 人", "Unclassified: {count}";
    /// A share of the prescriptions in a matrix cell.
    fn matrix_share_of_rx(share) => "占处方量 {share}", "{share} of Rx";
    /// Recommended calls a month in a matrix cell.
    fn matrix_calls_per_month(calls) => "{calls} 次拜访/月", "{calls} calls/month";
    /// An adoption-stage column of the matrix.
    fn matrix_stage(label) => "阶段 {label}", "Stage {label}";
    /// A channel's share of a segment's interactions.
    fn channel_share(channel, percent) => "{channel} {percent}%", "{channel} {percent}%";
    /// A cluster's name by its number.
    fn cluster_name(number) => "聚类 {number}", "Cluster {number}";
    /// After a table import: what was added (a list by kind) and how many records were updated.
    fn table_done(added, updated) =>
        "表格已导入。新增：{added}；更新 {updated} 条记录。",
        "The table was imported. Added: {added}; updated {updated} records.";
    /// The clusters view when the chosen features take fewer distinct values than k.
    fn cluster_distinct_points(k, distinct) =>
        "所选特征只有 {distinct} 种不同的取值组合，少于聚类数 k = {k}：多出的聚类分不到医生。请减小 k 或多选几个特征。",
        "The chosen features take only {distinct} distinct combinations of values, fewer than k = {k}: the extra clusters stay empty. Choose a smaller k or more features.";
    /// A point of the elbow chart a rounding hair above the previous k's (`relative`: how much).
    fn elbow_rise(k, relative) =>
        "k = {k} 的组内平方和比 k − 1 高出 {relative}（相对值）：这是浮点舍入，不是更差的聚类。",
        "At k = {k} the within-cluster sum of squares is {relative} (relative) above k − 1's: floating-point rounding, not a worse clustering.";
    /// The button that shows every interaction of a customer.
    fn show_all_interactions(count) => "显示全部互动（{count}）", "Show all interactions ({count})";
    /// When a customer reached a funnel step.
    fn reached_on(date) => " · {date}到达", " · reached on {date}";
    /// A change in percentage points: "+3.0 个百分点" / "+3.0 pts".
    fn points(value) => "{value} 个百分点", "{value} pts";
    /// How far a table import got.
    fn table_progress(rows, percent) => "已处理 {rows} 行（{percent}）", "{rows} rows done ({percent})";
    /// A sheet in the sheet chooser.
    fn sheet_option(name, rows) => "{name}（{rows} 行）", "{name} ({rows} rows)";
    /// A row offered as the header row.
    fn header_row_option(row, text) => "第 {row} 行：{text}", "Row {row}: {text}";
    /// The saved mapping a sheet was read with.
    fn saved_mapping_used(name) => "已使用保存的匹配方案“{name}”。", "Using the saved mapping \"{name}\".";
    /// The encoding found in a CSV file.
    fn encoding_detected(name) => "检测到：{name}", "Detected: {name}";
    /// The last day of the data.
    fn data_until(date) => "数据截至 {date}", "Data until {date}";
    /// A comparison with another period.
    fn comparison_period(from, to) => "对比：{from} – {to}", "Comparison: {from} – {to}";
    // Compliance: market rules (docs/compliance.md).
    /// An import preview: the file's prescriptions of individual HCPs, which the rules forbid.
    fn market_rules_incoming(count) =>
        "这份文件有 {count} 条医生个人的处方记录。中国市场规则不允许保存或使用医生个人的处方数据：请选择按医院汇总，或不导入这些记录。",
        "This file has {count} prescription records of individual HCPs. China's market rules forbid keeping or using prescription figures of individual HCPs: sum them per account, or leave them out.";
    /// Before China's rules are turned on in a workspace that holds HCP-level prescriptions.
    fn market_rules_confirm(count) =>
        "这个工作区有 {count} 条医生个人的处方记录。开启中国合规规则会把它们按医院、产品和月份汇总，医生个人的数据无法恢复（开启前可先导出备份）。",
        "This workspace holds {count} prescription records of individual HCPs. Turning China's rules on sums them per account, product and month; the HCP figures cannot be restored (export a copy first if you need them).";
    /// What the aggregation did.
    fn market_rules_aggregated(records, created, existing, without) =>
        "{records} 条医生个人的处方记录已按医院汇总：新增 {created} 条医院记录，并入已有的 {existing} 条；{without} 条找不到所属医院，未保留。",
        "{records} prescription records of individual HCPs were summed per account: {created} new account records, {existing} existing ones added to; {without} without a known account were not kept.";
    /// Records left out as the user chose.
    fn market_rules_left_out(count) =>
        "按您的选择，{count} 条医生个人的处方记录未导入。",
        "As you chose, {count} prescription records of individual HCPs were left out.";
    /// A merge of several files under way.
    fn merge_progress(file, files) =>
        "正在合并第 {file} 个文件，共 {files} 个…",
        "Merging file {file} of {files}…";
    /// Files too large together to merge in the browser.
    fn merge_too_large(size, limit) =>
        "这些文件合计 {size} MB，超过在浏览器里合并的上限（{limit} MB），没有合并。请用命令行 omnirx merge 合并后再导入。",
        "These files hold {size} MB together, more than a merge in the browser can take ({limit} MB); nothing was merged. Merge them with the command line (omnirx merge) and import the result.";
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_wordings_use_every_placeholder_and_nothing_else() {
        for (name, arguments, zh, en) in ALL {
            for wording in [zh, en] {
                for argument in *arguments {
                    let placeholder = format!("{{{argument}}}");
                    assert_eq!(
                        wording.matches(&placeholder).count(),
                        1,
                        "{name}: {placeholder} once in {wording:?}"
                    );
                }
                let braces = wording.matches('{').count();
                assert_eq!(
                    braces,
                    arguments.len(),
                    "{name}: stray braces in {wording:?}"
                );
            }
        }
    }

    #[test]
    fn values_land_where_each_language_puts_them() {
        let cases = [
            (
                customers_count(Language::SimplifiedChinese, 120, "1,500"),
                "显示 120 条，共 1,500 条",
            ),
            (
                customers_count(Language::English, 120, "1,500"),
                "120 of 1,500",
            ),
            (
                month_year(Language::SimplifiedChinese, 2026, "10月"),
                "2026年10月",
            ),
            (month_year(Language::English, 2026, "Oct"), "Oct 2026"),
            (quarter(Language::English, 2026, 3), "Q3 2026"),
            (
                manual_counts_increase(Language::English, 3),
                "Each stage must be no larger than the one before it: check step 3.",
            ),
            (
                what_if_best(Language::SimplifiedChinese, "兴趣", 12),
                "同样提升幅度下收益最大的步骤：兴趣（最后一步增加 12）",
            ),
        ];
        for (said, expected) in cases {
            assert_eq!(said, expected);
        }
    }
}
