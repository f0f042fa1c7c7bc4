//! `import-table`: a CSV or Excel sheet into a new or an existing workspace, with the same core
//! as the app (read → map → validate → plan); the workspace goes to standard output, the counts
//! to standard error, or the data-quality report to standard output with `--report`.

use std::collections::BTreeMap;

use omnirx_core::domain::calendar::CalendarDate;
use omnirx_core::domain::compliance::settle_incoming;
use omnirx_core::domain::model::{Workspace, WorkspaceSettings};
use omnirx_core::domain::table_import::mapping::{ProblemRows, SavedMapping, SheetMapping};
use omnirx_core::domain::table_import::plan::{
    plan_import, preview_import_with_progress, ImportContext, ImportPlan,
};
use omnirx_core::domain::table_import::protocol::{proposal_view, save_mapping};
use omnirx_core::domain::table_import::{Limits, ReadChoices, ReadError, Table};
use omnirx_core::domain::workspace_file::export_workspace;
use omnirx_core::i18n::table_messages::{
    describe_issue_at, describe_mapping_error, describe_read_error, field_label, kind_label,
    list_label,
};
use omnirx_core::i18n::{format_integer, Language};

use super::{read_workspace, write_json, Out};
use crate::args::ImportTableArguments;
use crate::Failure;

pub fn import_table(arguments: &ImportTableArguments, out: &mut Out) -> Result<(), Failure> {
    let language = arguments.language;
    let path = arguments.file.display().to_string();
    // Read where needed: a CSV file a chunk at a time, never whole.
    let source = omnirx_sheets::FileSource::open(&arguments.file)
        .map_err(|error| Failure::Unreadable(format!("cannot read {path}: {error}")))?;
    let destination = match &arguments.into {
        Some(into) => read_workspace(into)?.workspace,
        None => new_workspace(&arguments.file, language),
    };
    let choices = ReadChoices {
        encoding: arguments.encoding,
        delimiter: arguments.delimiter,
    };
    let file_name = arguments
        .file
        .file_name()
        .map(|name| name.to_string_lossy().into_owned())
        .unwrap_or_default();
    let workbook = omnirx_sheets::read_source(
        &file_name,
        &source,
        &choices,
        &Limits::default(),
        &mut |_| true,
    )
    .map_err(|error| {
        let message = format!("{path}: {}", describe_read_error(language, &error));
        match error {
            ReadError::Unreadable { .. } => Failure::Unreadable(message),
            _ => Failure::Refused(message),
        }
    })?;
    let table = pick_sheet(&workbook.sheets, arguments.sheet.as_deref()).ok_or_else(|| {
        Failure::Refused(format!(
            "{path}: no sheet {:?}",
            arguments.sheet.clone().unwrap_or_default()
        ))
    })?;
    let mut mapping = match &arguments.mapping {
        Some(file) => read_mapping(file)?,
        None => {
            proposal_view(table, arguments.kind, None, &destination.table_mappings)
                .proposal
                .mapping
        }
    };
    if arguments.kind.is_some() && arguments.mapping.is_some() {
        mapping.kind = arguments.kind;
    }
    if arguments.date_order.is_some() {
        mapping.date_order = arguments.date_order;
    }
    mapping.text = choices;
    mapping.unknown_references = arguments.unknown;
    if arguments.stop_on_problems {
        mapping.problem_rows = ProblemRows::StopAll;
    }
    let context = ImportContext {
        today: arguments.today.unwrap_or_else(today),
        chinese_names: language == Language::SimplifiedChinese,
        now: now(),
    };
    let refused = |error| {
        Failure::Refused(format!(
            "{path}: {}",
            describe_mapping_error(language, &error)
        ))
    };
    if arguments.report {
        // The report needs no workspace after the import: the preview plans without one.
        let preview =
            preview_import_with_progress(&destination, table, &mapping, context, &mut |_, _| {})
                .map_err(refused)?;
        if arguments.json {
            write_json(out, &ReportJson::of(&preview, &mapping))?;
        } else {
            write_report(out, language, table, &mapping, &preview)?;
        }
        if imports_nothing(&preview) {
            return Err(Failure::Refused(String::new()));
        }
        return Ok(());
    }
    let mut plan = plan_import(&destination, table, &mapping, context).map_err(refused)?;
    if let Some(name) = &arguments.save_mapping {
        save_mapping(&mut plan.workspace, name, table, &mapping);
    }
    if imports_nothing(&plan) {
        let mut text = Vec::new();
        write_report(&mut text, language, table, &mapping, &plan)?;
        return Err(Failure::Refused(
            String::from_utf8_lossy(&text).into_owned(),
        ));
    }
    let rules = plan.workspace.settings.market_rules;
    let settled = settle_incoming(&mut plan.workspace, rules, arguments.hcp_prescriptions);
    out.write_all(export_workspace(&plan.workspace).as_bytes())?;
    eprint!("{}", counts_text(language, &plan));
    let aggregation = settled.aggregation;
    if !aggregation.is_empty() {
        eprintln!(
            "{}",
            omnirx_core::i18n::phrases::market_rules_aggregated(
                language,
                aggregation.hcp_records,
                aggregation.new_account_records,
                aggregation.added_to_existing,
                aggregation.without_account,
            )
        );
    }
    if settled.left_out > 0 {
        eprintln!(
            "{}",
            omnirx_core::i18n::phrases::market_rules_left_out(language, settled.left_out)
        );
    }
    Ok(())
}

/// Every row failed, or the user said to stop at the first problem and one came.
fn imports_nothing<W>(plan: &ImportPlan<W>) -> bool {
    let every_row_failed =
        plan.report.rows > 0 && plan.imported_rows == 0 && plan.report.has_errors();
    every_row_failed || plan.stopped
}

fn now() -> omnirx_core::domain::time::Timestamp {
    let seconds = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or_default();
    omnirx_core::domain::time::Timestamp(seconds)
}

fn today() -> CalendarDate {
    CalendarDate::from_days_since_unix_epoch(now().0.div_euclid(86_400))
}

fn new_workspace(file: &std::path::Path, language: Language) -> Workspace {
    let name = file
        .file_stem()
        .map(|stem| stem.to_string_lossy().into_owned())
        .unwrap_or_default();
    Workspace {
        settings: WorkspaceSettings {
            name,
            data_language: match language {
                Language::SimplifiedChinese => "zh-CN".into(),
                Language::English => "en".into(),
            },
            ..WorkspaceSettings::default()
        },
        ..Workspace::default()
    }
}

/// The sheet named, or the first with a non-blank row.
fn pick_sheet<'a>(sheets: &'a [Table], name: Option<&str>) -> Option<&'a Table> {
    match name {
        Some(name) => sheets.iter().find(|sheet| sheet.name == name),
        None => sheets
            .iter()
            .find(|sheet| sheet.rows().any(|row| !row.is_blank()))
            .or_else(|| sheets.first()),
    }
}

/// A mapping file: a saved mapping (with its name) or a bare mapping.
fn read_mapping(file: &std::path::Path) -> Result<SheetMapping, Failure> {
    let shown = file.display();
    let text = std::fs::read_to_string(file)
        .map_err(|error| Failure::Unreadable(format!("cannot read {shown}: {error}")))?;
    if let Ok(saved) = serde_json::from_str::<SavedMapping>(&text) {
        return Ok(saved.mapping);
    }
    serde_json::from_str::<SheetMapping>(&text)
        .map_err(|error| Failure::Refused(format!("{shown}: not a mapping: {error}")))
}

fn counts_text<W>(language: Language, plan: &ImportPlan<W>) -> String {
    let zh = language == Language::SimplifiedChinese;
    let mut text = String::new();
    for (list, counts) in &plan.counts {
        let number = |n: usize| format_integer(n as i64, language);
        text.push_str(&if zh {
            format!(
                "{}：新增 {}，更新 {}，未变 {}，跳过 {}\n",
                list_label(language, list),
                number(counts.added),
                number(counts.updated),
                number(counts.unchanged),
                number(counts.skipped)
            )
        } else {
            format!(
                "{}: {} added, {} updated, {} unchanged, {} skipped\n",
                list_label(language, list),
                number(counts.added),
                number(counts.updated),
                number(counts.unchanged),
                number(counts.skipped)
            )
        });
    }
    text
}

fn write_report<W>(
    out: &mut dyn std::io::Write,
    language: Language,
    table: &Table,
    mapping: &SheetMapping,
    plan: &ImportPlan<W>,
) -> Result<(), Failure> {
    let zh = language == Language::SimplifiedChinese;
    let report = &plan.report;
    let number = |n: usize| format_integer(n as i64, language);
    if zh {
        writeln!(
            out,
            "工作表“{}”：{}",
            table.name,
            kind_label(language, plan.kind)
        )?;
        writeln!(
            out,
            "数据行 {}，有错误 {}，仅有提醒 {}，质量分 {}/100",
            number(report.rows),
            number(report.rows_with_errors),
            number(report.rows_with_warnings_only),
            report.score
        )?;
        writeln!(out, "\n列")?;
    } else {
        writeln!(
            out,
            "Sheet \"{}\": {}",
            table.name,
            kind_label(language, plan.kind)
        )?;
        writeln!(
            out,
            "{} data rows, {} with errors, {} with warnings only, quality score {}/100",
            number(report.rows),
            number(report.rows_with_errors),
            number(report.rows_with_warnings_only),
            report.score
        )?;
        writeln!(out, "\ncolumns")?;
    }
    for column in &report.columns {
        let field = column
            .field
            .map(|f| field_label(language, f))
            .unwrap_or(if zh {
                "（未匹配，忽略）"
            } else {
                "(not mapped, ignored)"
            });
        if zh {
            writeln!(
                out,
                "  {:<20} → {:<16} 已填 {:>8}  有效 {:>8}  无效 {:>8}",
                column.header,
                field,
                number(column.filled),
                number(column.valid),
                number(column.invalid)
            )?;
        } else {
            writeln!(
                out,
                "  {:<20} → {:<16} filled {:>8}  valid {:>8}  invalid {:>8}",
                column.header,
                field,
                number(column.filled),
                number(column.valid),
                number(column.invalid)
            )?;
        }
    }
    writeln!(
        out,
        "{}",
        if zh {
            "\n问题（按原因）"
        } else {
            "\nproblems by cause"
        }
    )?;
    for cause in &report.causes {
        let rows: Vec<String> = cause.first_rows.iter().map(|r| r.to_string()).collect();
        let said = omnirx_core::i18n::table_messages::describe_cause(language, &cause.cause);
        if zh {
            writeln!(
                out,
                "  {} 行：{}（如第 {} 行）",
                number(cause.rows),
                said,
                rows.join("、")
            )?;
        } else {
            writeln!(
                out,
                "  {} rows: {} (e.g. rows {})",
                number(cause.rows),
                said,
                rows.join(", ")
            )?;
        }
    }
    writeln!(
        out,
        "{}",
        if zh {
            "\n有问题的行"
        } else {
            "\nrows with problems"
        }
    )?;
    let headers = omnirx_core::domain::table_import::mapping::headers(table, mapping.header_row);
    for row in report.problem_rows.iter().take(50) {
        for issue in &row.issues {
            let column = issue
                .field()
                .and_then(|field| mapping.columns.get(&field).copied())
                .map(|column| {
                    (
                        column,
                        headers.get(column).map(String::as_str).unwrap_or_default(),
                    )
                });
            writeln!(
                out,
                "  {}",
                describe_issue_at(language, row.row, column, issue)
            )?;
        }
    }
    if report.problem_rows.len() > 50 {
        writeln!(out, "  … +{}", number(report.problem_rows.len() - 50))?;
    }
    writeln!(out)?;
    write!(out, "{}", counts_text(language, plan))?;
    Ok(())
}

/// `--report --json`.
#[derive(serde::Serialize)]
struct ReportJson<'a> {
    kind: omnirx_core::domain::table_import::schema::SheetKind,
    mapping: &'a SheetMapping,
    counts: &'a BTreeMap<String, omnirx_core::domain::table_import::plan::KindCounts>,
    imported_rows: usize,
    stopped: bool,
    report: &'a omnirx_core::domain::table_import::report::QualityReport,
    changes: &'a [omnirx_core::domain::table_import::plan::FieldChange],
}

impl<'a> ReportJson<'a> {
    fn of<W>(plan: &'a ImportPlan<W>, mapping: &'a SheetMapping) -> ReportJson<'a> {
        ReportJson {
            kind: plan.kind,
            mapping,
            counts: &plan.counts,
            imported_rows: plan.imported_rows,
            stopped: plan.stopped,
            report: &plan.report,
            changes: &plan.changes,
        }
    }
}
