//! The table import's messages in each UI language: why a file cannot be read, why a mapping
//! cannot work, each problem of the data-quality report with its place (`row 23, column 拜访日期`),
//! the names of kinds and fields, and the problem rows as a CSV to fix in Excel.

use super::{format_integer, Language};
use crate::domain::csv_export::{write_csv, CsvCell, CsvTable};
use crate::domain::table_import::mapping::{headers, SheetMapping};
use crate::domain::table_import::plan::MappingError;
use crate::domain::table_import::report::{Issue, QualityReport};
use crate::domain::table_import::schema::{Field, SheetKind};
use crate::domain::table_import::values::{cell_shown, DateOrder, ValueProblem};
use crate::domain::table_import::{ReadError, Table, TextEncoding};

fn zh(language: Language) -> bool {
    language == Language::SimplifiedChinese
}

/// The field's name as the templates write it: `医生姓名` / `HCP name`.
pub fn field_label(language: Language, field: Field) -> &'static str {
    let (chinese, english) = field.synonyms();
    if zh(language) {
        chinese[0]
    } else {
        english[0]
    }
}

pub fn kind_label(language: Language, kind: SheetKind) -> &'static str {
    let (chinese, english) = match kind {
        SheetKind::Hcps => ("医生", "HCPs"),
        SheetKind::Accounts => ("机构", "Accounts"),
        SheetKind::Reps => ("代表", "Reps"),
        SheetKind::Products => ("产品", "Products"),
        SheetKind::Interactions => (
            "互动（拜访、电话、邮件、微信、会议…）",
            "Interactions (visits, calls, e-mails, WeChat, meetings…)",
        ),
        SheetKind::Sales => ("处方 / 销售（按月）", "Prescriptions / sales (monthly)"),
        SheetKind::Targets => ("指标", "Targets"),
    };
    if zh(language) {
        chinese
    } else {
        english
    }
}

/// The message after an import: what it added, list by list, and how many records it updated
/// ("表格已导入。新增：医生 19、互动 32；更新 0 条记录。" / "The table was imported. Added: 19 HCPs,
/// 32 interactions; updated 0 records.").
pub fn done_summary(
    language: Language,
    counts: &std::collections::BTreeMap<String, crate::domain::table_import::plan::KindCounts>,
) -> String {
    let added: Vec<String> = counts
        .iter()
        .filter(|(_, count)| count.added > 0)
        .map(|(list, count)| {
            let number = format_integer(count.added as i64, language);
            let label = list_label(language, list);
            if zh(language) {
                format!("{label} {number}")
            } else {
                format!("{number} {label}")
            }
        })
        .collect();
    let added = match (added.is_empty(), zh(language)) {
        (true, true) => "无".to_string(),
        (true, false) => "nothing".to_string(),
        (false, true) => added.join("、"),
        (false, false) => added.join(", "),
    };
    let updated: usize = counts.values().map(|count| count.updated).sum();
    super::phrases::table_done(language, added, format_integer(updated as i64, language))
}

/// A list of the workspace (`hcps`, `interactions`…) named for people.
pub fn list_label(language: Language, list: &str) -> String {
    let (chinese, english) = match list {
        "hcps" => ("医生", "HCPs"),
        "accounts" => ("机构", "accounts"),
        "regions" => ("区域", "regions"),
        "territories" => ("辖区", "territories"),
        "reps" => ("代表", "reps"),
        "products" => ("产品", "products"),
        "channels" => ("渠道", "channels"),
        "interactions" => ("互动", "interactions"),
        "prescriptions" => ("处方 / 销售", "prescriptions / sales"),
        "targets" => ("指标", "targets"),
        other => (other, other),
    };
    if zh(language) { chinese } else { english }.to_string()
}

pub fn encoding_label(language: Language, encoding: TextEncoding) -> &'static str {
    match (encoding, zh(language)) {
        (TextEncoding::Utf8, _) => "UTF-8",
        (TextEncoding::Utf16Le, _) => "UTF-16 LE",
        (TextEncoding::Utf16Be, _) => "UTF-16 BE",
        (TextEncoding::Gb18030, true) => "GBK / GB18030（中文 Excel 另存为 CSV）",
        (TextEncoding::Gb18030, false) => "GBK / GB18030 (Chinese Excel's CSV)",
    }
}

pub fn delimiter_label(language: Language, delimiter: u8) -> String {
    let (chinese, english) = match delimiter {
        b',' => ("逗号 ,", "comma ,"),
        b';' => ("分号 ;", "semicolon ;"),
        b'\t' => ("制表符", "tab"),
        b'|' => ("竖线 |", "pipe |"),
        _ => ("", ""),
    };
    if chinese.is_empty() {
        return (delimiter as char).to_string();
    }
    if zh(language) { chinese } else { english }.to_string()
}

pub fn date_order_label(language: Language, order: DateOrder) -> &'static str {
    match (order, zh(language)) {
        (DateOrder::DayMonth, true) => "日/月/年（3/4/2025 是 4 月 3 日）",
        (DateOrder::DayMonth, false) => "day/month/year (3/4/2025 is 3 April)",
        (DateOrder::MonthDay, true) => "月/日/年（3/4/2025 是 3 月 4 日）",
        (DateOrder::MonthDay, false) => "month/day/year (3/4/2025 is 4 March)",
    }
}

fn mb(bytes: u64) -> String {
    format!("{:.0} MB", bytes as f64 / 1_048_576.0)
}

/// Why a file cannot be read as tables.
pub fn describe_read_error(language: Language, error: &ReadError) -> String {
    let chinese = zh(language);
    match error {
        ReadError::NotASpreadsheet { looks_like: Some(what) } if chinese => format!("这不是表格文件（看起来是 {what}）。请选择 CSV、TXT、XLSX、XLS 或 ODS 文件。"),
        ReadError::NotASpreadsheet { looks_like: Some(what) } => format!("This is not a spreadsheet or CSV file (it looks like a {what}). Choose a CSV, TXT, XLSX, XLS or ODS file."),
        ReadError::NotASpreadsheet { looks_like: None } if chinese => "这不是表格文件。请选择 CSV、TXT、XLSX、XLS 或 ODS 文件。".into(),
        ReadError::NotASpreadsheet { looks_like: None } => "This is not a spreadsheet or CSV file. Choose a CSV, TXT, XLSX, XLS or ODS file.".into(),
        ReadError::PasswordProtected if chinese => "这个工作簿有密码保护。请在 Excel 中取消密码后另存，再导入。".into(),
        ReadError::PasswordProtected => "This workbook is protected by a password. Remove the password in Excel, save it, and import it again.".into(),
        ReadError::Corrupt { detail } if chinese => format!("表格文件已损坏，无法读取（{detail}）。"),
        ReadError::Corrupt { detail } => format!("The spreadsheet is damaged and cannot be read ({detail})."),
        ReadError::FileTooLarge { bytes, limit } if chinese => format!("文件太大：{}，上限 {}。", mb(*bytes), mb(*limit)),
        ReadError::FileTooLarge { bytes, limit } => format!("The file is too large: {}; the limit is {}.", mb(*bytes), mb(*limit)),
        ReadError::InflatesTooMuch { inflated, limit } if chinese => format!("这个表格解压后有 {}，超过上限 {}（可能是恶意构造的压缩包）。未读取。", mb(*inflated), mb(*limit)),
        ReadError::InflatesTooMuch { inflated, limit } => format!("This spreadsheet would unpack to {}, over the limit of {} (it may be built to exhaust memory). It was not read.", mb(*inflated), mb(*limit)),
        ReadError::TooManyRows { sheet, limit } if chinese => format!("工作表“{sheet}”超过 {} 行，无法导入。请拆分后导入。", format_integer(*limit as i64, language)),
        ReadError::TooManyRows { sheet, limit } => format!("Sheet \"{sheet}\" has more than {} rows and cannot be imported. Split it and import the parts.", format_integer(*limit as i64, language)),
        ReadError::TooManyColumns { sheet, row, limit } if chinese => format!("工作表“{sheet}”第 {row} 行超过 {limit} 列。"),
        ReadError::TooManyColumns { sheet, row, limit } => format!("Sheet \"{sheet}\", row {row} has more than {limit} columns."),
        ReadError::BadText { encoding, byte } if chinese => format!("文本不是有效的 {}（第 {} 字节）。请换一种编码再试。", encoding_label(language, *encoding), format_integer(*byte as i64, language)),
        ReadError::BadText { encoding, byte } => format!("The text is not valid {} (at byte {}). Try another encoding.", encoding_label(language, *encoding), format_integer(*byte as i64, language)),
        ReadError::NoSheets if chinese => "文件中没有工作表。".into(),
        ReadError::NoSheets => "The file has no sheet.".into(),
        ReadError::Cancelled if chinese => "已取消导入，没有写入任何数据。".into(),
        ReadError::Cancelled => "The import was cancelled; nothing was written.".into(),
        ReadError::Unreadable { detail } if chinese => format!("无法读取这个文件（{detail}）。它可能在读取时被移动、删除或修改；请重新选择文件。"),
        ReadError::Unreadable { detail } => format!("The file could not be read ({detail}). It may have been moved, deleted or changed while it was read; choose it again."),
    }
}

fn fields_text(language: Language, fields: &[Field]) -> String {
    let separator = if zh(language) { " 或 " } else { " or " };
    fields
        .iter()
        .map(|f| field_label(language, *f))
        .collect::<Vec<_>>()
        .join(separator)
}

/// `column C “拜访日期”` / `column C "Call date"` (letters as Excel shows them).
pub fn column_name(language: Language, column: usize, header: &str) -> String {
    let letters = column_letters(column);
    match (zh(language), header.is_empty()) {
        (true, false) => format!("{letters} 列“{header}”"),
        (true, true) => format!("{letters} 列"),
        (false, false) => format!("column {letters} \"{header}\""),
        (false, true) => format!("column {letters}"),
    }
}

/// 0 → A, 25 → Z, 26 → AA.
pub fn column_letters(column: usize) -> String {
    let mut letters = Vec::new();
    let mut n = column + 1;
    while n > 0 {
        let rest = (n - 1) % 26;
        letters.push(b'A' + rest as u8);
        n = (n - 1) / 26;
    }
    letters.reverse();
    String::from_utf8(letters).expect("ASCII letters")
}

/// Why a mapping cannot work.
pub fn describe_mapping_error(language: Language, error: &MappingError) -> String {
    let chinese = zh(language);
    match error {
        MappingError::NoKind if chinese => "请选择这张表的内容类型。".into(),
        MappingError::NoKind => "Choose what this sheet holds.".into(),
        MappingError::EmptySheet if chinese => "这张工作表是空的。".into(),
        MappingError::EmptySheet => "This sheet is empty.".into(),
        MappingError::OnlyHeaders if chinese => "这张工作表只有表头，没有数据行。".into(),
        MappingError::OnlyHeaders => "This sheet has only headers and no data rows.".into(),
        MappingError::HeaderRowBeyondSheet { header_row, rows } if chinese => format!("表头行第 {} 行超出了工作表（共 {rows} 行）。", header_row + 1),
        MappingError::HeaderRowBeyondSheet { header_row, rows } => format!("Header row {} is beyond the sheet ({rows} rows).", header_row + 1),
        MappingError::MissingRequired { groups } => {
            let list: Vec<String> = groups.iter().map(|g| fields_text(language, g)).collect();
            if chinese {
                format!("缺少必填字段，无法导入：{}。请把对应的列匹配到这些字段。", list.join("、"))
            } else {
                format!("Required fields are not mapped, so nothing can be imported: {}. Map a column to each.", list.join("; "))
            }
        }
        MappingError::ColumnMappedTwice { column, header, fields } if chinese => format!("{}同时匹配到了{}，一列只能匹配一个字段。", column_name(language, *column, header), fields.iter().map(|f| format!("“{}”", field_label(language, *f))).collect::<Vec<_>>().join("和")),
        MappingError::ColumnMappedTwice { column, header, fields } => format!("{} is mapped to {}; a column can be mapped to one field only.", column_name(language, *column, header), fields.iter().map(|f| format!("\"{}\"", field_label(language, *f))).collect::<Vec<_>>().join(" and ")),
        MappingError::DateOrderNeeded { column, header, .. } if chinese => format!("{}的日期（如 3/4/2025）看不出是“日/月”还是“月/日”。请选择一次日期顺序。", column_name(language, *column, header)),
        MappingError::DateOrderNeeded { column, header, .. } => format!("The dates of {} (such as 3/4/2025) do not tell whether the day or the month comes first. Choose the order once.", column_name(language, *column, header)),
        MappingError::MixedDateOrders { column, header, .. } if chinese => format!("{}既有 25/4/2025 这样“日在前”的日期，也有 4/25/2025 这样“月在前”的日期。请先在表格中统一。", column_name(language, *column, header)),
        MappingError::MixedDateOrders { column, header, .. } => format!("{} has dates with the day first (25/4/2025) and with the month first (4/25/2025). Make them one order in the sheet first.", column_name(language, *column, header)),
    }
}

/// A cell's problem in words.
pub fn describe_value_problem(language: Language, problem: &ValueProblem) -> String {
    let chinese = zh(language);
    let text = match problem {
        ValueProblem::Missing => ("必填，但为空", "required, but empty"),
        ValueProblem::NotADate => (
            "不是日期（可用 2025-06-03、2025/6/3、2025年6月3日、03.06.2025）",
            "not a date (use 2025-06-03, 2025/6/3, 2025年6月3日 or 03.06.2025)",
        ),
        ValueProblem::DateOutOfRange { year } => {
            return if chinese {
                format!("{year} 年不在 1900–2199 年之间")
            } else {
                format!("the year {year} is not within 1900–2199")
            };
        }
        ValueProblem::AmbiguousDayMonth => {
            ("看不出日和月的先后", "the day and month order is unclear")
        }
        ValueProblem::NotATime => (
            "不是时间（可用 10:30、10时30分、下午3:30）",
            "not a time (use 10:30, 10时30分 or 3:30 PM)",
        ),
        ValueProblem::NotAMonth => (
            "不是月份（可用 2025-06、202506、2025年6月）",
            "not a month (use 2025-06, 202506 or Jun 2025)",
        ),
        ValueProblem::NotANumber => ("不是数字", "not a number"),
        ValueProblem::NotWhole => ("应为整数", "must be a whole number"),
        ValueProblem::Negative => ("不能为负数", "must not be negative"),
        ValueProblem::OutOfRange => ("超出允许范围", "out of range"),
        ValueProblem::UnknownValue => (
            "这个值没有对应的选项，请在“值的对应”中选择",
            "this value is not mapped to one of the choices; map it under \"Values\"",
        ),
        ValueProblem::CellError { error } => {
            return if chinese {
                format!("单元格是错误值 {error}")
            } else {
                format!("the cell holds the error {error}")
            };
        }
        ValueProblem::UnknownReference => ("找不到对应的记录", "no record has this id or name"),
        ValueProblem::AmbiguousReference { candidates } => {
            return if chinese {
                format!("有 {candidates} 条记录同名，请用编码区分")
            } else {
                format!("{candidates} records have this name; use an id")
            };
        }
    };
    if chinese { text.0 } else { text.1 }.to_string()
}

/// One problem of a row in words, without its place.
pub fn describe_issue(language: Language, issue: &Issue) -> String {
    let chinese = zh(language);
    let field = |f: &Field| field_label(language, *f);
    match issue {
        Issue::Invalid { field: f, problem } => {
            if chinese { format!("{}：{}", field(f), describe_value_problem(language, problem)) } else { format!("{}: {}", field(f), describe_value_problem(language, problem)) }
        }
        Issue::Missing { field: f } if chinese => format!("{}：必填，但为空", field(f)),
        Issue::Missing { field: f } => format!("{}: required, but empty", field(f)),
        Issue::DuplicateRow { first_row } if chinese => format!("与第 {first_row} 行完全相同，已跳过"),
        Issue::DuplicateRow { first_row } => format!("the same as row {first_row}; skipped"),
        Issue::AlreadyPresent if chinese => "工作区中已有这条记录（同一医生/机构、时间、渠道和类型，或同一月份和产品），已跳过".into(),
        Issue::AlreadyPresent => "already in the workspace (same HCP or account, time, channel and kind, or same month and product); skipped".into(),
        Issue::LikelyDuplicateHcp { name, other } if chinese => format!("同一机构中已有同名医生“{name}”（{other}），可能重复"),
        Issue::LikelyDuplicateHcp { name, other } => format!("another HCP named \"{name}\" works at the same account ({other}): likely a duplicate"),
        Issue::OutsideWorkspaceRange { field: f } if chinese => format!("{}：远在工作区已有数据的时间范围之外（前后两年以上）", field(f)),
        Issue::OutsideWorkspaceRange { field: f } => format!("{}: far outside the months of the workspace's data (more than two years)", field(f)),
        Issue::InTheFuture { field: f } if chinese => format!("{}：日期在未来", field(f)),
        Issue::InTheFuture { field: f } => format!("{}: the date is in the future", field(f)),
        Issue::UnknownReference { field: f, value, created: true } if chinese => format!("{}：“{value}”原本不存在，将新建", field(f)),
        Issue::UnknownReference { field: f, value, created: true } => format!("{}: \"{value}\" is new and will be created", field(f)),
        Issue::UnknownReference { field: f, value, created: false } if chinese => format!("{}：找不到“{value}”，已跳过这一行", field(f)),
        Issue::UnknownReference { field: f, value, created: false } => format!("{}: \"{value}\" is not in the workspace; the row is skipped", field(f)),
        Issue::AmbiguousReference { field: f, value, candidates } if chinese => format!("{}：有 {candidates} 条记录叫“{value}”，请用编码或所在机构区分", field(f)),
        Issue::AmbiguousReference { field: f, value, candidates } => format!("{}: {candidates} records are named \"{value}\"; add an id or the account", field(f)),
        Issue::RaggedRow { cells, columns } if chinese => format!("这一行有 {cells} 个单元格，表头只有 {columns} 列；多出的单元格被忽略"),
        Issue::RaggedRow { cells, columns } => format!("this row has {cells} cells but the header has {columns} columns; the extra cells are ignored"),
        Issue::FormulaText { field: f } if chinese => format!("{}：像公式的文本，按文本保存，不会执行", field(f)),
        Issue::FormulaText { field: f } => format!("{}: text that looks like a formula is kept as text, never run", field(f)),
    }
}

/// A cause of the report (an issue without its row's values) in words, for the grouped list.
pub fn describe_cause(language: Language, cause: &Issue) -> String {
    let chinese = zh(language);
    let field = |f: &Field| field_label(language, *f);
    match cause {
        Issue::DuplicateRow { .. } if chinese => "与前面某一行完全相同，已跳过".into(),
        Issue::DuplicateRow { .. } => "the same as an earlier row; skipped".into(),
        Issue::LikelyDuplicateHcp { .. } if chinese => "同一机构中有同名医生，可能重复".into(),
        Issue::LikelyDuplicateHcp { .. } => {
            "an HCP with the same name at the same account: likely a duplicate".into()
        }
        Issue::UnknownReference {
            field: f,
            created: true,
            ..
        } if chinese => format!("{}：工作区中原本没有，将新建", field(f)),
        Issue::UnknownReference {
            field: f,
            created: true,
            ..
        } => format!("{}: not in the workspace yet; will be created", field(f)),
        Issue::UnknownReference {
            field: f,
            created: false,
            ..
        } if chinese => format!("{}：工作区中没有，已跳过这些行", field(f)),
        Issue::UnknownReference {
            field: f,
            created: false,
            ..
        } => format!("{}: not in the workspace; the rows are skipped", field(f)),
        Issue::AmbiguousReference { field: f, .. } if chinese => {
            format!("{}：有多条同名记录，请用编码或所在机构区分", field(f))
        }
        Issue::AmbiguousReference { field: f, .. } => format!(
            "{}: several records have the name; add an id or the account",
            field(f)
        ),
        Issue::RaggedRow { .. } if chinese => "单元格比表头的列多，多出的被忽略".into(),
        Issue::RaggedRow { .. } => {
            "more cells than the header has columns; the extra cells are ignored".into()
        }
        Issue::Invalid {
            field: f,
            problem: ValueProblem::CellError { .. },
        } if chinese => format!("{}：单元格是错误值（如 #DIV/0!）", field(f)),
        Issue::Invalid {
            field: f,
            problem: ValueProblem::CellError { .. },
        } => format!("{}: the cell holds an error (such as #DIV/0!)", field(f)),
        Issue::Invalid {
            field: f,
            problem: ValueProblem::DateOutOfRange { .. },
        } if chinese => format!("{}：年份不在 1900–2199 年之间", field(f)),
        Issue::Invalid {
            field: f,
            problem: ValueProblem::DateOutOfRange { .. },
        } => format!("{}: the year is not within 1900–2199", field(f)),
        Issue::Invalid {
            field: f,
            problem: ValueProblem::AmbiguousReference { .. },
        } if chinese => format!("{}：有多条同名记录", field(f)),
        Issue::Invalid {
            field: f,
            problem: ValueProblem::AmbiguousReference { .. },
        } => format!("{}: several records have the name", field(f)),
        other => describe_issue(language, other),
    }
}

/// A problem with its place: `第 23 行，B 列“拜访日期”：…` / `row 23, column B "Call date": …`.
pub fn describe_issue_at(
    language: Language,
    row: usize,
    column: Option<(usize, &str)>,
    issue: &Issue,
) -> String {
    let place = match (zh(language), column) {
        (true, Some((column, header))) => {
            format!("第 {row} 行，{}", column_name(language, column, header))
        }
        (true, None) => format!("第 {row} 行"),
        (false, Some((column, header))) => {
            format!("row {row}, {}", column_name(language, column, header))
        }
        (false, None) => format!("row {row}"),
    };
    if zh(language) {
        format!("{place}：{}", describe_issue(language, issue))
    } else {
        format!("{place}: {}", describe_issue(language, issue))
    }
}

/// Every problem row as the sheet had it, plus one column saying what is wrong, for the user to
/// fix in Excel and import again. Texts that look like formulas are escaped (CSV export rule).
pub fn problem_rows_csv(
    language: Language,
    table: &Table,
    mapping: &SheetMapping,
    report: &QualityReport,
) -> String {
    let mut headers: Vec<String> = headers(table, mapping.header_row);
    let width = report
        .problem_rows
        .iter()
        .map(|r| table.row(r.row - 1).len())
        .max()
        .unwrap_or(0)
        .max(headers.len());
    headers.resize(width, String::new());
    headers.push(if zh(language) { "问题" } else { "Problem" }.to_string());
    headers.insert(0, if zh(language) { "行号" } else { "Row" }.to_string());
    let rows = report
        .problem_rows
        .iter()
        .map(|problem| {
            let row = table.row(problem.row - 1);
            let mut cells = vec![CsvCell::Integer(problem.row as i64)];
            cells.extend(
                (0..width).map(|c| CsvCell::Text(cell_shown(&row.cell(c)).unwrap_or_default())),
            );
            let separator = if zh(language) { "；" } else { "; " };
            let reasons: Vec<String> = problem
                .issues
                .iter()
                .map(|i| describe_issue(language, i))
                .collect();
            cells.push(CsvCell::Text(reasons.join(separator)));
            cells
        })
        .collect();
    write_csv(&CsvTable { headers, rows })
}

/// A blank template's headers for `kind`, in the UI language: every field of the kind in
/// template order. A sheet with these headers maps itself exactly.
pub fn template_headers(language: Language, kind: SheetKind) -> Vec<String> {
    kind.fields()
        .iter()
        .map(|field| field_label(language, *field).to_string())
        .collect()
}

/// The file name of a template: `omnirx-template-interactions.csv`.
pub fn template_file_name(kind: SheetKind, extension: &str) -> String {
    format!("omnirx-template-{}.{extension}", kind.key())
}

/// A blank template as CSV (UTF-8 with a byte-order mark, so Excel opens Chinese headers right).
pub fn template_csv(language: Language, kind: SheetKind) -> String {
    write_csv(&CsvTable {
        headers: template_headers(language, kind),
        rows: Vec::new(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_done_message_lists_what_was_added_by_kind() {
        use crate::domain::table_import::plan::KindCounts;
        let counts = std::collections::BTreeMap::from([
            (
                "hcps".to_string(),
                KindCounts {
                    added: 19,
                    updated: 2,
                    ..Default::default()
                },
            ),
            (
                "interactions".to_string(),
                KindCounts {
                    added: 1_032,
                    ..Default::default()
                },
            ),
            (
                "reps".to_string(),
                KindCounts {
                    skipped: 3,
                    ..Default::default()
                },
            ),
        ]);
        assert_eq!(
            done_summary(Language::SimplifiedChinese, &counts),
            "表格已导入。新增：医生 19、互动 1,032；更新 2 条记录。"
        );
        assert_eq!(
            done_summary(Language::English, &counts),
            "The table was imported. Added: 19 HCPs, 1,032 interactions; updated 2 records."
        );
        let nothing = std::collections::BTreeMap::new();
        assert_eq!(
            done_summary(Language::English, &nothing),
            "The table was imported. Added: nothing; updated 0 records."
        );
    }

    #[test]
    fn columns_are_lettered_as_excel_does() {
        assert_eq!(column_letters(0), "A");
        assert_eq!(column_letters(25), "Z");
        assert_eq!(column_letters(26), "AA");
        assert_eq!(column_letters(701), "ZZ");
        assert_eq!(column_letters(702), "AAA");
    }
}
