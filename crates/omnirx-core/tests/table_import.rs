//! Tables into a workspace (docs/import.md): the header row, the kind and the columns found from
//! the headers, values mapped value by value, references resolved or created, duplicates
//! skipped, the counts of the preview and the data-quality report — hand-built sheets with
//! hand-computed answers.

use std::collections::BTreeMap;

use omnirx_core::domain::calendar::CalendarDate;
use omnirx_core::domain::demo::{generate_demo_workspace, DataLanguage, DemoOptions, DemoScale};
use omnirx_core::domain::model::{ChannelKind, InteractionKind, Outcome, Workspace};
use omnirx_core::domain::table_import::mapping::*;
use omnirx_core::domain::table_import::plan::*;
use omnirx_core::domain::table_import::protocol::save_mapping;
use omnirx_core::domain::table_import::report::{Issue, Severity};
use omnirx_core::domain::table_import::schema::{Confidence, Field, SheetKind};
use omnirx_core::domain::table_import::values::{DateOrder, ValueProblem};
use omnirx_core::domain::table_import::{table_of_texts, Table, TableBuilder};
use omnirx_core::domain::time::Month;

fn context() -> ImportContext {
    ImportContext {
        today: CalendarDate::new(2026, 11, 30).unwrap(),
        chinese_names: false,
        now: omnirx_core::domain::time::Timestamp(1_796_000_000),
    }
}

fn tiny() -> Workspace {
    generate_demo_workspace(DemoOptions::fixed(
        DemoScale::Tiny,
        1,
        DataLanguage::English,
    ))
}

/// The core's `plan_import`, checked against its preview: every case planned in this file also
/// shows that the preview (which never builds the workspace after the import) counts, lists and
/// reports exactly what the plan does.
fn plan_import(
    workspace: &Workspace,
    table: &Table,
    mapping: &SheetMapping,
    context: ImportContext,
) -> Result<ImportPlan, MappingError> {
    let planned =
        omnirx_core::domain::table_import::plan::plan_import(workspace, table, mapping, context);
    let preview = preview_import_with_progress(workspace, table, mapping, context, &mut |_, _| {});
    match (&planned, preview) {
        (Ok(plan), Ok(preview)) => {
            assert_eq!(preview.kind, plan.kind);
            assert_eq!(preview.counts, plan.counts);
            assert_eq!(preview.changes, plan.changes);
            assert_eq!(preview.report, plan.report);
            assert_eq!(preview.imported_rows, plan.imported_rows);
            assert_eq!(preview.stopped, plan.stopped);
            assert_eq!(preview.hcp_prescriptions, plan.hcp_prescriptions);
        }
        (Err(error), Err(preview_error)) => assert_eq!(*error, preview_error),
        (plan, preview) => panic!("the plan {plan:?} and its preview {preview:?} disagree"),
    }
    planned
}

fn plan(workspace: &Workspace, table: &Table, kind: Option<SheetKind>) -> ImportPlan {
    let proposal = propose_mapping(table, kind);
    plan_import(workspace, table, &proposal.mapping, context()).expect("the mapping is complete")
}

fn counts(plan: &ImportPlan, list: &str) -> (usize, usize, usize, usize) {
    let c = plan.counts.get(list).cloned().unwrap_or_default();
    (c.added, c.updated, c.unchanged, c.skipped)
}

#[test]
fn the_header_row_is_the_first_mostly_text_row_that_fills_the_sheet() {
    // A title, a blank row and a row of merged group headers above the real headers.
    let table = table_of_texts(
        "Calls",
        &[
            &["Field activity export — November"],
            &[],
            &["Call", "", "", "Who"],
            &["Call Date", "Channel", "Outcome", "Physician", "Account"],
            &["2025-06-03", "F2F", "Positive", "A", "B"],
        ],
    );
    assert_eq!(find_header_row(&table), 3);
    // A sheet of numbers only: row 0.
    let numbers = table_of_texts("n", &[&["1", "2"], &["3", "4"]]);
    let mut builder = TableBuilder::new("typed");
    builder.number(1.0).number(2.0).end_row();
    assert_eq!(find_header_row(&builder.finish()), 0);
    assert_eq!(find_header_row(&numbers), 0);
}

#[test]
fn the_kind_follows_the_headers_in_both_languages() {
    let cases: [(&[&str], SheetKind); 6] = [
        (
            &[
                "Call Date",
                "Account",
                "Physician",
                "Channel",
                "Outcome",
                "Owner",
            ],
            SheetKind::Interactions,
        ),
        (
            &["拜访日期", "医院", "医生姓名", "拜访方式", "代表"],
            SheetKind::Interactions,
        ),
        (
            &["月份", "医院编码", "产品", "数量", "金额"],
            SheetKind::Sales,
        ),
        (&["医生姓名", "医院", "科室", "职称"], SheetKind::Hcps),
        (
            &["Account", "Region", "City", "Account type"],
            SheetKind::Accounts,
        ),
        (
            &["Rep", "Product", "Month", "Target units"],
            SheetKind::Targets,
        ),
    ];
    for (headers, kind) in cases {
        let headers: Vec<String> = headers.iter().map(|h| h.to_string()).collect();
        assert_eq!(guess_kind(&headers), kind, "{headers:?}");
    }
}

#[test]
fn columns_match_by_name_and_synonym_with_a_confidence() {
    let headers: Vec<String> = [
        "拜访日期",
        "医生姓名（必填）",
        "拜访方式",
        "Unrelated",
        "医院",
    ]
    .map(String::from)
    .to_vec();
    let (columns, confidence) = propose_columns(&headers, SheetKind::Interactions);
    assert_eq!(columns.get(&Field::Date), Some(&0));
    assert_eq!(confidence[&Field::Date], Confidence::Exact);
    assert_eq!(columns.get(&Field::HcpName), Some(&1));
    assert_eq!(
        confidence[&Field::HcpName],
        Confidence::Likely,
        "the header holds the name"
    );
    assert_eq!(columns.get(&Field::Channel), Some(&2));
    assert_eq!(columns.get(&Field::AccountName), Some(&4));
    assert!(
        !columns.values().any(|c| *c == 3),
        "an unmatched column stays unmapped"
    );
}

/// An interaction sheet naming the tiny demo's first HCP and account.
fn interaction_sheet(workspace: &Workspace, rows: &[[&str; 5]]) -> Table {
    let mut all: Vec<Vec<String>> =
        vec![["Call Date", "Physician", "Account", "Channel", "Outcome"]
            .map(String::from)
            .to_vec()];
    let hcp = &workspace.hcps[0];
    let account = workspace
        .accounts
        .iter()
        .find(|a| a.id == hcp.account_id)
        .unwrap();
    for row in rows {
        all.push(
            row.iter()
                .map(|cell| {
                    cell.replace("{hcp}", &hcp.name)
                        .replace("{account}", &account.name)
                })
                .collect(),
        );
    }
    let borrowed: Vec<Vec<&str>> = all
        .iter()
        .map(|r| r.iter().map(String::as_str).collect())
        .collect();
    let slices: Vec<&[&str]> = borrowed.iter().map(Vec::as_slice).collect();
    table_of_texts("Calls", &slices)
}

#[test]
fn interactions_are_added_mapped_value_by_value_and_a_second_import_skips_them() {
    let workspace = tiny();
    let sheet = interaction_sheet(
        &workspace,
        &[
            [
                "2026-11-02 09:30",
                "{hcp}",
                "{account}",
                "Face to face",
                "Positive",
            ],
            ["2026-11-03", "{hcp}", "{account}", "电话", "No answer"],
            ["2026-11-04", "{hcp}", "{account}", "WeChat", ""],
        ],
    );
    let first = plan(&workspace, &sheet, None);
    assert_eq!(first.kind, SheetKind::Interactions);
    assert_eq!(counts(&first, "interactions"), (3, 0, 0, 0));
    assert_eq!(first.report.rows_with_errors, 0);
    let added = &first.workspace.interactions[workspace.interactions.len()..];
    assert_eq!(added[0].kind, InteractionKind::Visit);
    assert_eq!(added[0].outcome, Outcome::Engaged);
    // 09:30 in Shanghai (UTC+8) is 01:30 UTC.
    assert_eq!(added[0].at.to_string(), "2026-11-02T01:30:00Z");
    assert_eq!(added[1].outcome, Outcome::NoResponse);
    assert_eq!(added[2].outcome, Outcome::Neutral, "no outcome: neutral");
    let channel = |id: &str| {
        first
            .workspace
            .channels
            .iter()
            .find(|c| c.id == id)
            .unwrap()
            .kind
    };
    assert_eq!(channel(&added[1].channel_id), ChannelKind::Phone);
    assert_eq!(channel(&added[2].channel_id), ChannelKind::Wechat);
    // Next month's file often repeats rows: already present, skipped, nothing added.
    let again = plan(&first.workspace, &sheet, None);
    assert_eq!(counts(&again, "interactions"), (0, 0, 0, 3));
    assert!(!again.changes_anything());
    assert!(again
        .report
        .problem_rows
        .iter()
        .all(|r| r.issues == [Issue::AlreadyPresent]));
}

#[test]
fn an_unknown_channel_is_a_problem_until_mapped_or_added_as_a_new_channel() {
    let workspace = tiny();
    let sheet = interaction_sheet(
        &workspace,
        &[["2026-11-02", "{hcp}", "{account}", "抖音直播", "Positive"]],
    );
    let mut mapping = propose_mapping(&sheet, None).mapping;
    let refused = plan_import(&workspace, &sheet, &mapping, context()).unwrap();
    assert_eq!(counts(&refused, "interactions"), (0, 0, 0, 1));
    assert_eq!(
        refused.report.problem_rows[0].issues,
        [Issue::Invalid {
            field: Field::Channel,
            problem: ValueProblem::UnknownValue
        }]
    );
    mapping
        .values
        .entry(Field::Channel)
        .or_default()
        .insert("抖音直播".into(), NEW_CHANNEL.into());
    let added = plan_import(&workspace, &sheet, &mapping, context()).unwrap();
    assert_eq!(counts(&added, "interactions"), (1, 0, 0, 0));
    assert_eq!(counts(&added, "channels"), (1, 0, 0, 0));
    let channel = added.workspace.channels.last().unwrap();
    assert_eq!(
        (channel.name.as_str(), channel.kind),
        ("抖音直播", ChannelKind::Other)
    );
}

#[test]
fn references_match_names_across_widths_and_marks_and_unknown_ones_are_created_or_skipped() {
    let mut workspace = tiny();
    workspace.products[0].name = "Glyvora".into();
    let hcp = workspace.hcps[0].clone();
    let sheet = table_of_texts(
        "Sales",
        &[
            &["Month", "HCP ID", "Product", "Units"],
            &["2026-10", &hcp.id, "GLYVORA®", "12"],
            &["2026-10", &hcp.id, "Newbrand", "3"],
            &["2026-10", "h-missing", "Glyvora", "4"],
        ],
    );
    let created = plan(&workspace, &sheet, Some(SheetKind::Sales));
    // Row 2 matches Glyvora; row 3 creates the product; row 4 names an HCP without an account to create it in.
    assert_eq!(counts(&created, "prescriptions"), (2, 0, 0, 1));
    assert_eq!(counts(&created, "products"), (1, 0, 0, 0));
    let unknown_hcp = Issue::UnknownReference {
        field: Field::HcpId,
        value: "h-missing".into(),
        created: false,
    };
    assert!(created
        .report
        .problem_rows
        .iter()
        .any(|r| r.row == 4 && r.issues == [unknown_hcp.clone()]));
    let sale = &created.workspace.prescriptions[workspace.prescriptions.len()];
    assert_eq!(
        (sale.product_id.as_str(), sale.units),
        (workspace.products[0].id.as_str(), 12)
    );

    let mut mapping = propose_mapping(&sheet, Some(SheetKind::Sales)).mapping;
    mapping.unknown_references = UnknownReferences::Skip;
    let skipped = plan_import(&workspace, &sheet, &mapping, context()).unwrap();
    assert_eq!(counts(&skipped, "prescriptions"), (1, 0, 0, 2));
    assert_eq!(counts(&skipped, "products"), (0, 0, 0, 0));
}

#[test]
fn hcps_with_the_same_name_are_told_apart_by_their_account() {
    let mut workspace = tiny();
    let (first, second) = (workspace.hcps[0].clone(), workspace.hcps[1].clone());
    assert_ne!(
        first.account_id, second.account_id,
        "the demo's first two HCPs work apart"
    );
    workspace.hcps[1].name = first.name.clone();
    let account_of = |hcp: &omnirx_core::domain::model::Hcp| {
        workspace
            .accounts
            .iter()
            .find(|a| a.id == hcp.account_id)
            .unwrap()
            .name
            .clone()
    };
    let sheet = table_of_texts(
        "Calls",
        &[
            &["Call Date", "Physician", "Account", "Channel"],
            &["2026-11-02", &first.name, &account_of(&second), "Phone"],
            &["2026-11-02", &first.name, "", "Phone"],
        ],
    );
    let planned = plan(&workspace, &sheet, None);
    assert_eq!(counts(&planned, "interactions"), (1, 0, 0, 1));
    let added = planned.workspace.interactions.last().unwrap();
    assert_eq!(added.hcp_id, second.id);
    assert_eq!(
        planned.report.problem_rows[0].issues,
        [Issue::AmbiguousReference {
            field: Field::HcpName,
            value: first.name.clone(),
            candidates: 2
        }]
    );
}

#[test]
fn hcp_sheets_add_new_hcps_and_update_known_ones_listing_each_changed_field() {
    let workspace = tiny();
    let known = workspace.hcps[0].clone();
    let account = workspace
        .accounts
        .iter()
        .find(|a| a.id == known.account_id)
        .unwrap()
        .clone();
    let sheet = table_of_texts(
        "HCPs",
        &[
            &["HCP ID", "HCP name", "Account", "Specialty", "Potential"],
            &[&known.id, &known.name, &account.name, "心内科", "1.2万"],
            &["", "New Doctor", &account.name, "Endocrinology", "30"],
            &["", "Far Doctor", "Brand New Hospital", "", ""],
        ],
    );
    let planned = plan(&workspace, &sheet, Some(SheetKind::Hcps));
    assert_eq!(counts(&planned, "hcps"), (2, 1, 0, 0));
    assert_eq!(
        counts(&planned, "accounts"),
        (1, 0, 0, 0),
        "the unknown hospital is created"
    );
    assert_eq!(
        counts(&planned, "regions"),
        (1, 0, 0, 0),
        "in an unassigned region"
    );
    let changed: Vec<Field> = planned.changes.iter().map(|c| c.field).collect();
    assert!(changed.contains(&Field::Potential));
    let potential = planned
        .changes
        .iter()
        .find(|c| c.field == Field::Potential)
        .unwrap();
    assert_eq!(potential.after, "12000");
    let new = planned
        .workspace
        .hcps
        .iter()
        .find(|h| h.name == "New Doctor")
        .unwrap();
    assert_eq!(new.account_id, account.id);
    assert_eq!(new.prescribing_potential, 30);
}

#[test]
fn the_quality_report_counts_each_column_and_groups_problems_by_cause() {
    let workspace = tiny();
    let sheet = interaction_sheet(
        &workspace,
        &[
            ["2026-11-02", "{hcp}", "{account}", "Phone", "Positive"],
            ["2026-13-45", "{hcp}", "{account}", "Phone", ""],
            ["3000-01-01", "{hcp}", "{account}", "Phone", ""],
            ["2026-11-02", "{hcp}", "{account}", "Phone", "Positive"],
            ["", "{hcp}", "{account}", "Phone", ""],
            [
                "2027-06-01",
                "{hcp}",
                "{account}",
                "Phone",
                "<script>alert(1)</script>",
            ],
        ],
    );
    let planned = plan(&workspace, &sheet, None);
    let report = &planned.report;
    assert_eq!(report.rows, 6);
    let date = &report.columns[0];
    // Rows 2 and 7 valid, 3 and 4 invalid, 6 empty; row 5 repeats row 2 and is not read again.
    assert_eq!((date.filled, date.valid, date.invalid), (4, 2, 2));
    assert_eq!(date.first_invalid[0].0, 3, "sheet row 3 (header is row 1)");
    assert_eq!(
        date.first_invalid[1].2,
        ValueProblem::DateOutOfRange { year: 3000 }
    );
    let rows: BTreeMap<usize, Vec<Issue>> = report
        .problem_rows
        .iter()
        .map(|r| (r.row, r.issues.clone()))
        .collect();
    assert_eq!(rows[&5], [Issue::DuplicateRow { first_row: 2 }]);
    assert_eq!(rows[&6], [Issue::Missing { field: Field::Date }]);
    assert!(rows[&7].contains(&Issue::InTheFuture { field: Field::Date }));
    assert!(rows[&7].contains(&Issue::Invalid {
        field: Field::Outcome,
        problem: ValueProblem::UnknownValue
    }));
    // Rows 3, 4, 5, 6 and 7 have errors; 2 is clean: (6 − 5) / 6 → 17.
    assert_eq!(
        (report.rows_with_errors, report.rows_with_warnings_only),
        (5, 0)
    );
    assert_eq!(report.score, 17);
    assert_eq!(report.causes[0].severity, Severity::Error);
    assert!(report
        .causes
        .iter()
        .all(|c| c.rows >= 1 && !c.first_rows.is_empty()));
}

#[test]
fn stop_all_imports_nothing_while_a_row_has_an_error() {
    let workspace = tiny();
    let sheet = interaction_sheet(
        &workspace,
        &[
            ["2026-11-02", "{hcp}", "{account}", "Phone", ""],
            ["bad", "{hcp}", "{account}", "Phone", ""],
        ],
    );
    let mut mapping = propose_mapping(&sheet, None).mapping;
    mapping.problem_rows = ProblemRows::StopAll;
    let planned = plan_import(&workspace, &sheet, &mapping, context()).unwrap();
    assert!(planned.stopped && !planned.changes_anything());
    assert_eq!(planned.workspace, workspace);
}

#[test]
fn a_mapping_that_cannot_work_is_refused_before_any_row_is_read() {
    let workspace = tiny();
    let headers_only = table_of_texts("h", &[&["Call Date", "Physician", "Channel"]]);
    let proposal = propose_mapping(&headers_only, None);
    assert_eq!(
        plan_import(&workspace, &headers_only, &proposal.mapping, context()).unwrap_err(),
        MappingError::OnlyHeaders
    );
    let empty = table_of_texts("e", &[]);
    assert_eq!(
        plan_import(
            &workspace,
            &empty,
            &propose_mapping(&empty, None).mapping,
            context()
        )
        .unwrap_err(),
        MappingError::EmptySheet
    );

    let sheet = table_of_texts(
        "s",
        &[
            &["Call Date", "Physician", "Comment"],
            &["2026-11-02", "x", "y"],
        ],
    );
    let mut mapping = propose_mapping(&sheet, Some(SheetKind::Interactions)).mapping;
    assert_eq!(
        plan_import(&workspace, &sheet, &mapping, context()).unwrap_err(),
        MappingError::MissingRequired {
            groups: vec![vec![Field::Channel]]
        }
    );
    mapping.columns.insert(Field::Channel, 1);
    assert_eq!(
        plan_import(&workspace, &sheet, &mapping, context()).unwrap_err(),
        MappingError::ColumnMappedTwice {
            column: 1,
            header: "Physician".into(),
            fields: vec![Field::HcpName, Field::Channel]
        }
    );
}

#[test]
fn an_ambiguous_day_month_order_is_asked_once_and_then_used() {
    let workspace = tiny();
    let sheet = interaction_sheet(
        &workspace,
        &[
            ["3/4/2026", "{hcp}", "{account}", "Phone", ""],
            ["5/6/2026", "{hcp}", "{account}", "Phone", ""],
        ],
    );
    let mut mapping = propose_mapping(&sheet, None).mapping;
    assert_eq!(mapping.date_order, None);
    assert_eq!(
        plan_import(&workspace, &sheet, &mapping, context()).unwrap_err(),
        MappingError::DateOrderNeeded {
            field: Field::Date,
            column: 0,
            header: "Call Date".into()
        }
    );
    mapping.date_order = Some(DateOrder::DayMonth);
    let planned = plan_import(&workspace, &sheet, &mapping, context()).unwrap();
    let added = &planned.workspace.interactions[workspace.interactions.len()..];
    assert_eq!(
        added[0].at.month(),
        Month::new(2026, 4).unwrap(),
        "3/4 is 3 April"
    );
    // One value that tells the order settles the whole column.
    let told = interaction_sheet(
        &workspace,
        &[
            ["3/4/2026", "{hcp}", "{account}", "Phone", ""],
            ["25/4/2026", "{hcp}", "{account}", "Phone", ""],
        ],
    );
    assert_eq!(
        propose_mapping(&told, None).mapping.date_order,
        Some(DateOrder::DayMonth)
    );
}

#[test]
fn a_saved_mapping_is_offered_for_a_sheet_with_the_same_headers() {
    let workspace = tiny();
    let sheet = interaction_sheet(
        &workspace,
        &[["2026-11-02", "{hcp}", "{account}", "Phone", ""]],
    );
    let mapping = propose_mapping(&sheet, None).mapping;
    let saved = vec![SavedMapping {
        name: "CRM calls".into(),
        headers: header_signature(&sheet, 0),
        mapping: mapping.clone(),
    }];
    let next_month = interaction_sheet(
        &workspace,
        &[["2026-12-01", "{hcp}", "{account}", "Email", ""]],
    );
    assert_eq!(
        saved_mapping_for(&saved, &next_month).map(|s| s.name.as_str()),
        Some("CRM calls")
    );
    let other = table_of_texts("o", &[&["Month", "Units"], &["2026-10", "1"]]);
    assert!(saved_mapping_for(&saved, &other).is_none());
    let json = serde_json::to_string(&saved[0]).unwrap();
    let back: SavedMapping = serde_json::from_str(&json).unwrap();
    assert_eq!(back.mapping, mapping);
}

mod messages {
    use super::*;
    use omnirx_core::domain::table_import::{ReadError, TextEncoding};
    use omnirx_core::i18n::table_messages::*;
    use omnirx_core::i18n::Language::{English, SimplifiedChinese};

    fn has_cjk(text: &str) -> bool {
        text.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
    }

    #[test]
    fn every_failure_is_worded_in_both_languages() {
        let read_errors = [
            ReadError::NotASpreadsheet {
                looks_like: Some("PNG image".into()),
            },
            ReadError::NotASpreadsheet { looks_like: None },
            ReadError::PasswordProtected,
            ReadError::Corrupt {
                detail: "bad zip".into(),
            },
            ReadError::FileTooLarge {
                bytes: 600 << 20,
                limit: 512 << 20,
            },
            ReadError::InflatesTooMuch {
                inflated: 4 << 30,
                limit: 1 << 30,
            },
            ReadError::TooManyRows {
                sheet: "Sheet1".into(),
                limit: 1_048_576,
            },
            ReadError::TooManyColumns {
                sheet: "Sheet1".into(),
                row: 3,
                limit: 512,
            },
            ReadError::BadText {
                encoding: TextEncoding::Utf8,
                byte: 17,
            },
            ReadError::NoSheets,
            ReadError::Cancelled,
            ReadError::Unreadable {
                detail: "NotReadableError".into(),
            },
        ];
        for error in &read_errors {
            let (zh, en) = (
                describe_read_error(SimplifiedChinese, error),
                describe_read_error(English, error),
            );
            assert!(has_cjk(&zh) && !has_cjk(&en), "{error:?}: {zh} / {en}");
        }
        let mapping_errors = [
            MappingError::NoKind,
            MappingError::EmptySheet,
            MappingError::OnlyHeaders,
            MappingError::HeaderRowBeyondSheet {
                header_row: 30,
                rows: 3,
            },
            MappingError::MissingRequired {
                groups: vec![vec![Field::Date], vec![Field::HcpId, Field::HcpName]],
            },
            MappingError::ColumnMappedTwice {
                column: 1,
                header: "Doctor".into(),
                fields: vec![Field::HcpName, Field::Channel],
            },
            MappingError::DateOrderNeeded {
                field: Field::Date,
                column: 0,
                header: "Date".into(),
            },
            MappingError::MixedDateOrders {
                field: Field::Date,
                column: 0,
                header: "Date".into(),
            },
        ];
        for error in &mapping_errors {
            let (zh, en) = (
                describe_mapping_error(SimplifiedChinese, error),
                describe_mapping_error(English, error),
            );
            assert!(has_cjk(&zh) && !has_cjk(&en), "{error:?}: {zh} / {en}");
        }
        assert_eq!(
            describe_mapping_error(English, &mapping_errors[4]),
            "Required fields are not mapped, so nothing can be imported: Call date; HCP ID or HCP name. Map a column to each."
        );
    }

    #[test]
    fn a_problem_names_its_row_and_column_as_the_user_sees_them() {
        let issue = Issue::Invalid {
            field: Field::Date,
            problem: ValueProblem::NotADate,
        };
        assert_eq!(
            describe_issue_at(SimplifiedChinese, 23, Some((1, "拜访日期")), &issue),
            "第 23 行，B 列“拜访日期”：拜访日期：不是日期（可用 2025-06-03、2025/6/3、2025年6月3日、03.06.2025）"
        );
        assert!(
            describe_issue_at(English, 23, Some((1, "Call Date")), &issue)
                .starts_with("row 23, column B \"Call Date\": Call date: not a date")
        );
    }

    #[test]
    fn the_problem_rows_download_as_csv_with_the_reason_and_formulas_defused() {
        let workspace = tiny();
        let sheet = interaction_sheet(
            &workspace,
            &[
                ["2026-11-02", "{hcp}", "{account}", "Phone", ""],
                [
                    "not a date",
                    "=HYPERLINK(\"http://x\")",
                    "{account}",
                    "Phone",
                    "",
                ],
            ],
        );
        let proposal = propose_mapping(&sheet, None);
        let planned = plan_import(&workspace, &sheet, &proposal.mapping, context()).unwrap();
        let csv = problem_rows_csv(
            SimplifiedChinese,
            &sheet,
            &proposal.mapping,
            &planned.report,
        );
        let lines: Vec<&str> = csv.trim_start_matches('\u{feff}').lines().collect();
        assert_eq!(
            lines[0],
            "行号,Call Date,Physician,Account,Channel,Outcome,问题"
        );
        assert_eq!(lines.len(), 2, "one problem row: {csv}");
        assert!(
            lines[1].starts_with("3,not a date,\"'=HYPERLINK(\"\"http://x\"\")\""),
            "{}",
            lines[1]
        );
        assert!(lines[1].contains("不是日期"), "{}", lines[1]);
    }
}

#[test]
fn a_blank_template_maps_itself_exactly_in_both_languages() {
    use omnirx_core::i18n::table_messages::template_headers;
    use omnirx_core::i18n::Language;
    for language in [Language::SimplifiedChinese, Language::English] {
        for kind in SheetKind::ALL {
            let headers = template_headers(language, kind);
            let (columns, confidence) = propose_columns(&headers, kind);
            assert_eq!(
                columns.len(),
                kind.fields().len(),
                "{kind:?} {language:?}: {headers:?}"
            );
            for (position, field) in kind.fields().iter().enumerate() {
                assert_eq!(
                    columns.get(field),
                    Some(&position),
                    "{kind:?} {language:?} {field:?}"
                );
                assert_eq!(confidence[field], Confidence::Exact);
            }
            assert_eq!(guess_kind(&headers), kind, "{language:?}: {headers:?}");
        }
    }
}

#[test]
fn undoing_an_import_puts_back_exactly_the_workspace_before_it() {
    use omnirx_core::domain::table_import::undo::{undo_of, undone, ImportUndo, UndoProblem};
    let workspace = tiny();
    let known = workspace.hcps[0].clone();
    let account = workspace
        .accounts
        .iter()
        .find(|a| a.id == known.account_id)
        .unwrap()
        .clone();
    let sheet = table_of_texts(
        "HCPs",
        &[
            &["HCP ID", "HCP name", "Account", "Potential"],
            &[&known.id, &known.name, &account.name, "999"],
            &["", "New Doctor", "Brand New Hospital", "30"],
        ],
    );
    let mut planned = plan(&workspace, &sheet, Some(SheetKind::Hcps));
    save_mapping(
        &mut planned.workspace,
        "HCP list",
        &sheet,
        &propose_mapping(&sheet, None).mapping,
    );
    // The HCP changed and the HCP and account added carry the import's time; the rest none.
    let now = Some(omnirx_core::domain::time::Timestamp(1_796_000_000));
    let stamped = |hcps: &[omnirx_core::domain::model::Hcp]| {
        hcps.iter()
            .filter(|h| h.updated_at == now)
            .map(|h| h.name.clone())
            .collect::<Vec<_>>()
    };
    assert_eq!(
        stamped(&planned.workspace.hcps),
        [known.name.clone(), "New Doctor".into()]
    );
    assert_eq!(planned.workspace.accounts.last().unwrap().updated_at, now);
    assert!(planned.workspace.accounts[0].updated_at.is_none());
    let undo = undo_of("w-1", &workspace, &planned.workspace);
    let ImportUndo::Merged {
        replaced, lengths, ..
    } = &undo
    else {
        panic!()
    };
    assert_eq!(replaced.len(), 1, "one HCP updated in place");
    assert_eq!(lengths["hcps"], workspace.hcps.len());
    assert_eq!(undone(&planned.workspace, &undo).unwrap(), workspace);
    // A JSON round trip (it is stored) changes nothing.
    let stored: ImportUndo = serde_json::from_str(&serde_json::to_string(&undo).unwrap()).unwrap();
    assert_eq!(undone(&planned.workspace, &stored).unwrap(), workspace);
    // Records removed since: no undo.
    let mut shorter = planned.workspace.clone();
    shorter.hcps.truncate(3);
    assert_eq!(undone(&shorter, &undo), Err(UndoProblem::ChangedSince));
    // A funnel edited since to use a channel the import made would dangle: no undo.
    let sheet = interaction_sheet(
        &workspace,
        &[["2026-11-02", "{hcp}", "{account}", "Remote detailing", ""]],
    );
    let mut fewer_channels = workspace.clone();
    fewer_channels
        .channels
        .retain(|c| c.kind != ChannelKind::RemoteDetailing);
    fewer_channels
        .interactions
        .retain(|i| fewer_channels.channels.iter().any(|c| c.id == i.channel_id));
    let planned = plan(&fewer_channels, &sheet, None);
    assert_eq!(counts(&planned, "channels"), (1, 0, 0, 0));
    let undo = undo_of("w-1", &fewer_channels, &planned.workspace);
    let mut edited = planned.workspace.clone();
    let new_channel = edited.channels.last().unwrap().id.clone();
    edited.hcps[0].preferred_channel_id = Some(new_channel);
    assert_eq!(undone(&edited, &undo), Err(UndoProblem::WouldBreak));
}

/// The synonym table of `docs/import.md`, from the schema (`cargo test --test table_import
/// print_the_synonym_table -- --ignored --nocapture` prints it).
fn synonym_table() -> String {
    use omnirx_core::domain::table_import::schema::{Field, Vocabulary};
    let mut out = String::from("| kind | field | key | Chinese column names | English column names |\n| --- | --- | --- | --- | --- |\n");
    for kind in SheetKind::ALL {
        for field in kind.fields() {
            let (zh, en) = field.synonyms();
            let required = kind.required().iter().any(|group| group.contains(field));
            out.push_str(&format!(
                "| {} | {}{} | `{}` | {} | {} |\n",
                kind.key(),
                en[0],
                if required { " *" } else { "" },
                field.key(),
                zh.join("、"),
                en.join(", ")
            ));
        }
    }
    out.push_str("\n| vocabulary | value | words |\n| --- | --- | --- |\n");
    for vocabulary in [
        Vocabulary::Channel,
        Vocabulary::InteractionKind,
        Vocabulary::Outcome,
        Vocabulary::Specialty,
        Vocabulary::Title,
        Vocabulary::AccountType,
        Vocabulary::Influence,
    ] {
        for term in vocabulary.terms() {
            out.push_str(&format!(
                "| {:?} | `{}` | {} |\n",
                vocabulary,
                term.key(),
                term.words().join(", ")
            ));
        }
    }
    let _ = Field::iter_all();
    out
}

#[test]
#[ignore]
fn print_the_synonym_table() {
    println!("{}", synonym_table());
}

#[test]
fn docs_import_md_lists_the_synonym_table_as_the_code_has_it() {
    let docs =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../../docs/import.md"))
            .unwrap();
    for line in synonym_table().lines() {
        assert!(docs.contains(line), "docs/import.md lacks the line:\n{line}\n(print the table with print_the_synonym_table)");
    }
}

#[test]
fn targets_with_the_same_month_rep_region_and_product_are_updated() {
    let workspace = tiny();
    let (rep, product) = (
        workspace.reps[0].name.clone(),
        workspace.products[0].name.clone(),
    );
    let sheet = table_of_texts(
        "t",
        &[
            &["Rep", "Product", "Month", "Target units"],
            &[&rep, &product, "2026-12", "100"],
        ],
    );
    let first = plan(&workspace, &sheet, Some(SheetKind::Targets));
    assert_eq!(counts(&first, "targets"), (1, 0, 0, 0));
    let changed = table_of_texts(
        "t",
        &[
            &["Rep", "Product", "Month", "Target units"],
            &[&rep, &product, "2026-12", "120"],
        ],
    );
    let second = plan(&first.workspace, &changed, Some(SheetKind::Targets));
    assert_eq!(counts(&second, "targets"), (0, 1, 0, 0));
    assert_eq!(
        (
            second.changes[0].before.as_str(),
            second.changes[0].after.as_str()
        ),
        ("100", "120")
    );
    let third = plan(&second.workspace, &changed, Some(SheetKind::Targets));
    assert_eq!(counts(&third, "targets"), (0, 0, 1, 0));
}

#[test]
fn warnings_are_imported_and_listed() {
    let workspace = tiny();
    let hcp = workspace.hcps[0].clone();
    let account = workspace
        .accounts
        .iter()
        .find(|a| a.id == hcp.account_id)
        .unwrap()
        .name
        .clone();
    // The tiny demo's data spans 2025-05 … 2026-10: 2020 is more than two years before it.
    let calls = table_of_texts(
        "c",
        &[
            &["Call Date", "Physician", "Account", "Channel"],
            &["2020-01-15", &hcp.name, &account, "Phone", "extra"],
        ],
    );
    let planned = plan(&workspace, &calls, None);
    assert_eq!(counts(&planned, "interactions"), (1, 0, 0, 0));
    assert_eq!(
        planned.report.problem_rows[0].issues,
        [
            Issue::RaggedRow {
                cells: 5,
                columns: 4
            },
            Issue::OutsideWorkspaceRange { field: Field::Date }
        ]
    );
    assert_eq!(planned.report.rows_with_warnings_only, 1);
    assert_eq!(planned.report.score, 50);
    // A new id for a name the account already has: likely the same doctor twice.
    let hcps = table_of_texts(
        "h",
        &[
            &["HCP ID", "HCP name", "Account"],
            &["h-new", &hcp.name, &account],
        ],
    );
    let planned = plan(&workspace, &hcps, Some(SheetKind::Hcps));
    assert_eq!(counts(&planned, "hcps"), (1, 0, 0, 0));
    assert_eq!(
        planned.report.problem_rows[0].issues,
        [Issue::LikelyDuplicateHcp {
            name: hcp.name.clone(),
            other: hcp.id.clone()
        }]
    );
}

#[test]
fn the_page_gets_the_report_figures_without_every_problem_row() {
    use omnirx_core::domain::table_import::protocol::{plan_view, CHANGES_SHOWN};
    let workspace = tiny();
    let sheet = interaction_sheet(
        &workspace,
        &[
            ["2026-11-02", "{hcp}", "{account}", "Phone", "Positive"],
            ["2026-13-45", "{hcp}", "{account}", "Phone", ""],
            ["2026-11-02", "{hcp}", "{account}", "Phone", "Positive"],
        ],
    );
    let planned = plan(&workspace, &sheet, None);
    assert_eq!(planned.report.problem_rows.len(), 2);
    let view = plan_view(&planned, vec![], Default::default());
    // The figures and causes travel; the rows stay in the worker, which makes their file.
    assert!(view.report.problem_rows.is_empty());
    assert_eq!(view.report.rows, 3);
    assert_eq!(
        view.report.rows_with_errors,
        planned.report.rows_with_errors
    );
    assert_eq!(
        view.report.rows_with_warnings_only,
        planned.report.rows_with_warnings_only
    );
    assert_eq!(view.report.causes, planned.report.causes);
    assert_eq!(view.report.columns, planned.report.columns);
    assert_eq!(view.counts, planned.counts);
    assert!(view.changes.len() <= CHANGES_SHOWN);
}

#[test]
fn a_sale_already_in_the_workspace_is_skipped_by_hcp_or_account_month_and_product() {
    let workspace = tiny();
    let by_hcp = workspace
        .prescriptions
        .iter()
        .find(|p| p.hcp_id.is_some())
        .expect("the demo has sales per HCP")
        .clone();
    let product = |id: &str| {
        workspace
            .products
            .iter()
            .find(|p| p.id == id)
            .unwrap()
            .name
            .clone()
    };
    let hcp_id = by_hcp.hcp_id.clone().unwrap();
    let month = by_hcp.period.to_string();
    let next_month = by_hcp.period.plus(1).to_string();
    let sheet = table_of_texts(
        "Sales",
        &[
            &["Month", "HCP ID", "Product", "Units"],
            // The demo's own sale: already present.
            &[&month, &hcp_id, &product(&by_hcp.product_id), "7"],
            // A month later, unless the demo has it too.
            &[&next_month, &hcp_id, &product(&by_hcp.product_id), "8"],
        ],
    );
    let next_known = workspace.prescriptions.iter().any(|p| {
        p.hcp_id == by_hcp.hcp_id
            && p.period == by_hcp.period.plus(1)
            && p.product_id == by_hcp.product_id
    });
    let first = plan(&workspace, &sheet, Some(SheetKind::Sales));
    let added = usize::from(!next_known);
    assert_eq!(counts(&first, "prescriptions"), (added, 0, 0, 2 - added));
    assert!(first
        .report
        .problem_rows
        .iter()
        .any(|r| r.row == 2 && r.issues == [Issue::AlreadyPresent]));
    // Importing the same sheet into the result adds nothing more.
    let again = plan(&first.workspace, &sheet, Some(SheetKind::Sales));
    assert_eq!(counts(&again, "prescriptions"), (0, 0, 0, 2));

    // Per account: the same account, month and product is present; another product is not.
    let account = &workspace.accounts[0];
    let sheet = table_of_texts(
        "Account sales",
        &[
            &["Month", "Account ID", "Product", "Units"],
            &["2026-09", &account.id, "Newbrand", "5"],
            &["2026-09", &account.id, "Newbrand", "6"],
        ],
    );
    let planned = plan(&workspace, &sheet, Some(SheetKind::Sales));
    assert_eq!(counts(&planned, "prescriptions"), (1, 0, 0, 1));
    let sale = planned.workspace.prescriptions.last().unwrap();
    assert_eq!(
        (
            sale.account_id.as_deref(),
            sale.hcp_id.as_deref(),
            sale.units
        ),
        (Some(account.id.as_str()), None, 5)
    );
}
