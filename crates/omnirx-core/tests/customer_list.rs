//! The Customers list natively: search, filters, sorting, the CSV export and the virtual-scroll window, on hand-built rows with hand-computed answers.

use omnirx_core::domain::calendar::CalendarDate;
use omnirx_core::domain::csv_export::{write_csv, CsvCell};
use omnirx_core::domain::demo::{generate_demo_workspace, DataLanguage, DemoOptions, DemoScale};
use omnirx_core::domain::funnel::index::NONE;
use omnirx_core::domain::funnel::{CountingUnit, FunnelIndex};
use omnirx_core::domain::model::{AccountType, HcpTitle, Influence, Specialty};
use omnirx_core::domain::segmentation::report::current_profiles;
use omnirx_core::domain::segmentation::{CustomerBase, UNCLASSIFIED};
use omnirx_core::i18n::Language;
use omnirx_core::view::customer_list::*;

const EN: Language = Language::English;
const ZH: Language = Language::SimplifiedChinese;

/// An HCP row with the given name, id and account; everything else plain, to be changed.
fn row(index: u32, name: &str, id: &str, account: &str) -> HcpRow {
    HcpRow {
        sources: Vec::new(),
        index,
        id: id.into(),
        name: name.into(),
        account_id: format!("a-{account}"),
        account_name: account.into(),
        account_type: Some(AccountType::TertiaryHospital),
        region: 0,
        city: 0,
        specialty: Specialty::Endocrinology,
        title: HcpTitle::AttendingPhysician,
        influence: Influence::None,
        potential: 10,
        volume: 0,
        volume_decile: 1,
        segment: 0,
        adoption_stage: 0,
        derived_channel: NONE,
        days_since_last_contact: None,
        search_text: search_key(&[name, id, account]),
    }
}

fn names() -> ListNames {
    ListNames {
        regions: vec!["North".into(), "South".into()],
        cities: vec!["Beijing".into(), "Shanghai".into()],
        channels: vec!["Email".into(), "Rep visit".into()],
        segments: vec!["A".into(), "B".into()],
        stages: vec!["Aware".into(), "Interested".into(), "Trial".into()],
        tiers: vec!["A".into(), "B".into()],
        ..ListNames::default()
    }
}

/// Five HCPs with different values in every column the tests sort or filter on.
fn rows() -> Vec<HcpRow> {
    let mut rows = vec![
        row(0, "Wang Li", "h-001", "People's Hospital"),
        row(1, "王芳", "h-002", "人民医院"),
        row(2, "Zhao Min", "h-003", "City Clinic"),
        row(3, "Anna Smith", "h-004", "People's Hospital"),
        row(4, "李伟", "h-005", "社区卫生服务中心"),
    ];
    let potentials = [30, 50, 30, 5, 80];
    let days = [Some(12), None, Some(3), Some(40), None];
    let segments = [0, 1, UNCLASSIFIED, 0, 1];
    let deciles = [1, 4, 7, 10, 5];
    let stages = [0, 2, 3, 1, 0];
    let regions = [0, 1, 1, 0, NONE];
    for (index, row) in rows.iter_mut().enumerate() {
        row.potential = potentials[index];
        row.days_since_last_contact = days[index];
        row.segment = segments[index];
        row.volume_decile = deciles[index];
        row.adoption_stage = stages[index];
        row.region = regions[index];
    }
    rows[2].account_type = Some(AccountType::CommunityClinic);
    rows[4].account_type = None;
    rows[1].specialty = Specialty::Cardiology;
    rows[3].derived_channel = 1;
    rows
}

fn ids(rows: &[HcpRow], order: &[u32]) -> Vec<String> {
    order
        .iter()
        .map(|&position| rows[position as usize].id.clone())
        .collect()
}

fn by_name() -> Sort<HcpColumn> {
    Sort {
        column: HcpColumn::Name,
        descending: false,
    }
}

fn search(query: &str) -> Vec<String> {
    let rows = rows();
    let filter = ListFilter {
        search: query.into(),
        ..ListFilter::default()
    };
    let mut found = ids(
        &rows,
        &filter_and_sort_hcps(&rows, &filter, by_name(), &names()),
    );
    found.sort();
    found
}

#[test]
fn search_ignores_case_and_finds_names_ids_and_accounts() {
    assert_eq!(search("wang"), vec!["h-001"]);
    assert_eq!(search("WANG LI"), vec!["h-001"]);
    assert_eq!(search("h-003"), vec!["h-003"]);
    assert_eq!(search("people"), vec!["h-001", "h-004"]);
    assert_eq!(
        search("  "),
        vec!["h-001", "h-002", "h-003", "h-004", "h-005"]
    );
    assert!(search("nobody").is_empty());
}

#[test]
fn search_finds_chinese_names_and_needs_every_term() {
    assert_eq!(search("王"), vec!["h-002"]);
    assert_eq!(search("人民医院"), vec!["h-002"]);
    assert_eq!(search("王 人民"), vec!["h-002"]);
    assert!(search("王 诊所").is_empty());
    // A term never runs from the end of the name into the account: "Wang Li" + "People's".
    assert!(search("lipeople").is_empty());
    assert_eq!(search("li people"), vec!["h-001"]);
}

fn filtered(filter: ListFilter) -> Vec<String> {
    let rows = rows();
    ids(
        &rows,
        &filter_and_sort_hcps(&rows, &filter, by_name(), &names()),
    )
}

#[test]
fn each_filter_keeps_only_its_value() {
    let region = ListFilter {
        region: Some(1),
        ..ListFilter::default()
    };
    assert_eq!(filtered(region), vec!["h-003", "h-002"]);
    let clinic = ListFilter {
        account_type: Some(AccountType::CommunityClinic),
        ..ListFilter::default()
    };
    assert_eq!(filtered(clinic), vec!["h-003"]);
    let cardiology = ListFilter {
        specialty: Some(Specialty::Cardiology),
        ..ListFilter::default()
    };
    assert_eq!(filtered(cardiology), vec!["h-002"]);
    let unclassified = ListFilter {
        segment: Some(UNCLASSIFIED),
        ..ListFilter::default()
    };
    assert_eq!(filtered(unclassified), vec!["h-003"]);
    let not_entered = ListFilter {
        adoption_stage: Some(0),
        ..ListFilter::default()
    };
    assert_eq!(filtered(not_entered), vec!["h-001", "h-005"]);
    let no_channel = ListFilter {
        derived_channel: Some(NONE),
        ..ListFilter::default()
    };
    assert_eq!(filtered(no_channel).len(), 4);
}

#[test]
fn the_decile_range_includes_both_ends_and_filters_combine() {
    let range = ListFilter {
        decile_min: Some(4),
        decile_max: Some(7),
        ..ListFilter::default()
    };
    // Deciles 1, 4, 7, 10, 5: 4, 7 and 5 are inside.
    assert_eq!(filtered(range.clone()), vec!["h-003", "h-005", "h-002"]);
    let combined = ListFilter {
        segment: Some(1),
        search: "李".into(),
        ..range
    };
    assert_eq!(filtered(combined), vec!["h-005"]);
    assert!(ListFilter {
        decile_min: Some(2),
        ..ListFilter::default()
    }
    .is_active());
    assert!(!ListFilter::default().is_active());
}

fn sorted(column: HcpColumn, descending: bool) -> Vec<String> {
    let rows = rows();
    ids(
        &rows,
        &filter_and_sort_hcps(
            &rows,
            &ListFilter::default(),
            Sort { column, descending },
            &names(),
        ),
    )
}

#[test]
fn numbers_sort_both_ways_and_ties_keep_file_order() {
    // Potentials 30, 50, 30, 5, 80.
    assert_eq!(
        sorted(HcpColumn::Potential, true),
        vec!["h-005", "h-002", "h-001", "h-003", "h-004"]
    );
    assert_eq!(
        sorted(HcpColumn::Potential, false),
        vec!["h-004", "h-001", "h-003", "h-002", "h-005"]
    );
}

#[test]
fn missing_values_sort_last_in_both_directions() {
    // Days 12, —, 3, 40, —.
    assert_eq!(
        sorted(HcpColumn::DaysSinceLastContact, false),
        vec!["h-003", "h-001", "h-004", "h-002", "h-005"]
    );
    assert_eq!(
        sorted(HcpColumn::DaysSinceLastContact, true),
        vec!["h-004", "h-001", "h-003", "h-002", "h-005"]
    );
    // Segments A, B, unclassified, A, B: the unclassified HCP comes last either way.
    assert_eq!(sorted(HcpColumn::Segment, false).last().unwrap(), "h-003");
    assert_eq!(sorted(HcpColumn::Segment, true).last().unwrap(), "h-003");
    // Regions North, South, South, North, none.
    assert_eq!(
        sorted(HcpColumn::Region, true),
        vec!["h-002", "h-003", "h-001", "h-004", "h-005"]
    );
}

#[test]
fn names_sort_by_text() {
    assert_eq!(
        sorted(HcpColumn::Name, false),
        vec!["h-004", "h-001", "h-003", "h-005", "h-002"]
    );
}

#[test]
fn a_click_on_a_heading_sorts_up_then_down() {
    let start = by_name();
    let potential = start.clicked(HcpColumn::Potential);
    assert_eq!(
        potential,
        Sort {
            column: HcpColumn::Potential,
            descending: false
        }
    );
    let reversed = potential.clicked(HcpColumn::Potential);
    assert!(reversed.descending);
    assert_eq!(reversed.aria_sort(HcpColumn::Potential), "descending");
    assert_eq!(reversed.aria_sort(HcpColumn::Name), "none");
    assert_eq!(potential.aria_sort(HcpColumn::Potential), "ascending");
    assert!(!reversed.clicked(HcpColumn::Name).descending);
    for column in HcpColumn::ALL {
        assert_eq!(HcpColumn::parse(column.key()), Some(column));
    }
    for column in AccountColumn::ALL {
        assert_eq!(AccountColumn::parse(column.key()), Some(column));
    }
}

#[test]
fn the_csv_has_every_filtered_row_in_order_with_typed_cells_and_headers_in_the_language() {
    let rows = rows();
    let names = names();
    let order = filter_and_sort_hcps(
        &rows,
        &ListFilter {
            region: Some(0),
            ..ListFilter::default()
        },
        Sort {
            column: HcpColumn::Potential,
            descending: true,
        },
        &names,
    );
    let table = hcp_csv(&rows, &order, &names, EN);
    assert_eq!(table.headers.len(), 1 + HcpColumn::ALL.len());
    assert_eq!(table.headers[0], "Id");
    assert_eq!(table.headers[1], "Name");
    assert_eq!(table.rows.len(), 2);
    assert_eq!(table.rows[0][0], CsvCell::Text("h-001".into()));
    assert_eq!(table.rows[1][0], CsvCell::Text("h-004".into()));
    let potential = 1 + HcpColumn::ALL
        .iter()
        .position(|c| *c == HcpColumn::Potential)
        .unwrap();
    assert_eq!(table.rows[0][potential], CsvCell::Integer(30));
    let stage = 1 + HcpColumn::ALL
        .iter()
        .position(|c| *c == HcpColumn::AdoptionStage)
        .unwrap();
    assert_eq!(table.rows[0][stage], CsvCell::Text("Not entered".into()));
    assert_eq!(table.rows[1][stage], CsvCell::Text("Aware".into()));
    let text = write_csv(&table);
    // The mark, the header line and one line per row, each ending with CRLF.
    assert!(text.starts_with('\u{FEFF}'));
    assert_eq!(text.matches("\r\n").count(), 3);

    let chinese = hcp_csv(&rows, &order, &names, ZH);
    assert_eq!(chinese.headers[0], "编号");
    assert_eq!(chinese.headers[1], "姓名");
    assert_eq!(chinese.rows[0][stage], CsvCell::Text("未进入".into()));
}

#[test]
fn counts_and_file_names_read_naturally() {
    assert_eq!(count_text(120, 1_500, EN), "120 of 1,500");
    assert_eq!(count_text(120, 1_500, ZH), "显示 120 条，共 1,500 条");
    let today = CalendarDate::new(2026, 3, 7).unwrap();
    assert_eq!(export_file_name(false, today), "omnirx-hcps-2026-03-07.csv");
    assert_eq!(
        export_file_name(true, today),
        "omnirx-accounts-2026-03-07.csv"
    );
}

#[test]
fn cells_show_dashes_for_blanks_and_group_thousands() {
    assert_eq!(cell_display_text(&CsvCell::Integer(12_345), EN), "12,345");
    assert_eq!(cell_display_text(&CsvCell::Empty, ZH), "—");
    let rows = rows();
    let names = names();
    assert_eq!(
        hcp_cell(&rows[4], HcpColumn::Region, &names, EN),
        CsvCell::Empty
    );
    assert_eq!(
        hcp_cell(&rows[3], HcpColumn::DerivedChannel, &names, EN),
        CsvCell::Text("Rep visit".into())
    );
    assert_eq!(
        hcp_cell(&rows[2], HcpColumn::Segment, &names, EN),
        CsvCell::Text("Unclassified".into())
    );
}

#[test]
fn rows_of_a_demo_workspace_add_up() {
    let workspace = generate_demo_workspace(DemoOptions::fixed(
        DemoScale::Tiny,
        7,
        DataLanguage::Chinese,
    ));
    let base = CustomerBase::build(&workspace);
    let index = FunnelIndex::build(&workspace, CountingUnit::Hcp);
    let profiles = current_profiles(&workspace, &base, &index);
    let hcps = hcp_rows(&workspace, &base, &profiles, None);
    let accounts = account_rows(&workspace, &base, &profiles);
    assert_eq!(hcps.len(), workspace.hcps.len());
    assert_eq!(accounts.len(), workspace.accounts.len());
    assert!(hcps.iter().all(|row| row.segment == UNCLASSIFIED));
    assert_eq!(
        accounts.iter().map(|a| a.hcp_count as usize).sum::<usize>(),
        workspace.hcps.len()
    );
    assert_eq!(
        accounts.iter().map(|a| a.volume).sum::<i64>(),
        hcps.iter().map(|h| h.volume).sum::<i64>()
    );
    // Every HCP is found by its own name, however it is written.
    let names = list_names(&workspace, &base, Vec::new());
    for row in hcps.iter().take(10) {
        let filter = ListFilter {
            search: row.name.to_uppercase(),
            ..ListFilter::default()
        };
        let order = filter_and_sort_hcps(&hcps, &filter, by_name(), &names);
        assert!(order.contains(&row.index), "{} not found", row.name);
    }
    let first = &hcps[0];
    assert_eq!(
        first.account_name,
        workspace
            .accounts
            .iter()
            .find(|a| a.id == first.account_id)
            .unwrap()
            .name
    );
}

#[test]
fn the_list_filters_by_the_merged_file_that_brought_a_customer_or_its_activity() {
    use omnirx_core::domain::sharing::merge::{merge, IncomingFile};
    use omnirx_core::domain::time::Timestamp;
    let base = generate_demo_workspace(DemoOptions::fixed(
        DemoScale::Tiny,
        7,
        DataLanguage::Chinese,
    ));
    // Rep Li's file: a new HCP at account 3, and a visit to HCP 5.
    let mut theirs = base.clone();
    theirs.settings.name = "华东 — 李娜".into();
    let mut new_hcp = base.hcps[0].clone();
    new_hcp.id = "h-li-1".into();
    new_hcp.name = "新医生".into();
    new_hcp.account_id = base.accounts[3].id.clone();
    theirs.hcps.push(new_hcp);
    let mut visit = base.interactions[0].clone();
    visit.hcp_id = base.hcps[5].id.clone();
    visit.at = Timestamp(visit.at.0 + 7);
    theirs.interactions.push(visit);
    let file = IncomingFile {
        file: "李娜.omnirx.json".into(),
        written_at: None,
    };
    let workspace = merge(&base, &theirs, &file, None).workspace;
    let customer_base = CustomerBase::build(&workspace);
    let index = FunnelIndex::build(&workspace, CountingUnit::Hcp);
    let profiles = current_profiles(&workspace, &customer_base, &index);
    let hcps = hcp_rows(&workspace, &customer_base, &profiles, None);
    let accounts = account_rows(&workspace, &customer_base, &profiles);
    let names = list_names(&workspace, &customer_base, Vec::new());
    assert_eq!(names.sources, ["华东 — 李娜 · 李娜.omnirx.json"]);
    let from_li = ListFilter {
        source: Some(0),
        ..ListFilter::default()
    };
    let mut found: Vec<String> = filter_and_sort_hcps(&hcps, &from_li, by_name(), &names)
        .into_iter()
        .map(|i| hcps[i as usize].id.clone())
        .collect();
    found.sort();
    let mut expected = vec![base.hcps[5].id.clone(), "h-li-1".to_string()];
    expected.sort();
    assert_eq!(found, expected);
    let found_accounts: Vec<&str> = accounts
        .iter()
        .filter(|a| from_li.matches_account(a, &[]))
        .map(|a| a.id.as_str())
        .collect();
    let mut expected_accounts = vec![
        base.accounts[3].id.as_str(),
        base.hcps[5].account_id.as_str(),
    ];
    expected_accounts.sort();
    expected_accounts.dedup();
    let mut found_accounts = found_accounts;
    found_accounts.sort();
    assert_eq!(found_accounts, expected_accounts);
    // The workspace's own list has no merged file: nothing to filter by, every row unmarked.
    let own = hcp_rows(&base, &CustomerBase::build(&base), &profiles, None);
    assert!(own.iter().all(|row| row.sources.is_empty()));
}

#[test]
fn the_window_at_the_top_draws_the_viewport_and_the_overscan_below() {
    // 10,000 rows of 40 px in a 600 px viewport: rows 0..15 are seen, 8 more are drawn below.
    let window = visible_window(0.0, 600.0, 40.0, 10_000, 8);
    assert_eq!(
        window,
        VisibleWindow {
            first: 0,
            end: 23,
            space_above: 0.0,
            space_below: 9_977.0 * 40.0,
        }
    );
}

#[test]
fn the_window_in_the_middle_has_overscan_on_both_sides() {
    // 200,000 px down: rows 5,000..5,015 are seen; 4,992..5,023 are drawn.
    let window = visible_window(200_000.0, 600.0, 40.0, 10_000, 8);
    assert_eq!((window.first, window.end), (4_992, 5_023));
    assert_eq!(window.space_above, 199_680.0);
    assert_eq!(window.space_below, 199_080.0);
    assert_eq!(window.len(), 31);
    // Part of a row scrolled off still counts as seen: 39.5 px down sees rows 0..16.
    let partial = visible_window(39.5, 600.0, 40.0, 10_000, 0);
    assert_eq!((partial.first, partial.end), (0, 16));
}

#[test]
fn the_window_at_the_end_stops_at_the_last_row() {
    // The last scroll position is 400,000 − 600 = 399,400 px: rows 9,985..10,000 are seen.
    let window = visible_window(399_400.0, 600.0, 40.0, 10_000, 8);
    assert_eq!((window.first, window.end), (9_977, 10_000));
    assert_eq!(window.space_below, 0.0);
    assert_eq!(window.space_above, 399_080.0);
    // A position past the end (the list just got shorter) is the end.
    assert_eq!(visible_window(1.0e9, 600.0, 40.0, 10_000, 8), window);
    // The drawn rows and the spacers always add up to the whole list's height.
    for scroll in [0.0, 1_234.5, 200_000.0, 399_400.0] {
        let w = visible_window(scroll, 600.0, 40.0, 10_000, 8);
        assert_eq!(
            w.space_above + w.len() as f64 * 40.0 + w.space_below,
            400_000.0
        );
    }
}

#[test]
fn overscan_is_clamped_to_the_list() {
    // Two rows down, 8 rows of overscan above would start at −6: it starts at 0.
    let window = visible_window(80.0, 600.0, 40.0, 10_000, 8);
    assert_eq!((window.first, window.end), (0, 25));
    // A list shorter than the viewport is drawn whole and cannot scroll.
    let short = visible_window(100.0, 600.0, 40.0, 5, 8);
    assert_eq!((short.first, short.end), (0, 5));
    assert_eq!((short.space_above, short.space_below), (0.0, 0.0));
}

#[test]
fn an_empty_list_or_bad_measurements_draw_nothing_wrong() {
    let empty = visible_window(300.0, 600.0, 40.0, 0, 8);
    assert!(empty.is_empty());
    assert_eq!((empty.space_above, empty.space_below), (0.0, 0.0));
    let not_a_number = visible_window(f64::NAN, 600.0, 40.0, 100, 2);
    assert_eq!((not_a_number.first, not_a_number.end), (0, 17));
    let negative = visible_window(-50.0, 600.0, 40.0, 100, 2);
    assert_eq!(negative, not_a_number);
    // A zero row height counts as one pixel: too many rows are drawn, never none.
    let flat = visible_window(0.0, 10.0, 0.0, 100, 0);
    assert_eq!((flat.first, flat.end), (0, 10));
    // Before the viewport is measured (height 0) only the overscan is drawn.
    let unmeasured = visible_window(0.0, 0.0, 40.0, 100, 3);
    assert_eq!((unmeasured.first, unmeasured.end), (0, 3));
}
