//! The command line as typed values: clap parses and checks every argument before a command runs,
//! so a command receives a scale, a date or a breakdown, never a string to interpret.

use std::path::PathBuf;

use clap::builder::{PossibleValuesParser, TypedValueParser};
use clap::{Args, Parser, Subcommand};
use omnirx_core::domain::calendar::CalendarDate;
use omnirx_core::domain::compliance::IncomingChoice;
use omnirx_core::domain::demo::{DataLanguage, DemoScale};
use omnirx_core::domain::funnel::{parse_iso_date, Attribution, BreakdownDimension};
use omnirx_core::domain::model::MarketRules;
use omnirx_core::domain::performance::{Dimension, Measure, Period, Source};
use omnirx_core::domain::sharing::merge::Prefer;
use omnirx_core::domain::table_import::mapping::UnknownReferences;
use omnirx_core::domain::table_import::schema::SheetKind;
use omnirx_core::domain::table_import::values::DateOrder;
use omnirx_core::domain::table_import::TextEncoding;
use omnirx_core::domain::time::Month;
use omnirx_core::i18n::Language;

/// OmniRx's command-line tool: the app's own core, natively, on workspace files.
#[derive(Debug, Parser)]
#[command(name = "omnirx", version, about, max_term_width = 100)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check a workspace file: exit 0 and a summary, or exit 1 and every error with its path.
    Validate(FileArgument),
    /// Write a generated demo workspace to standard output.
    Demo(DemoArguments),
    /// Counts per kind, date range and totals per channel.
    Stats(FileArgument),
    /// A funnel's numbers exactly as the app shows them (default: the first funnel).
    Funnel(FunnelArguments),
    /// Segment sizes and how many HCPs each rule catches, as the app shows them.
    Segments(SegmentsArguments),
    /// Each journey map's stage figures over all months with cohort counts.
    Journeys(JourneysArguments),
    /// Import a CSV or Excel sheet into a new or an existing workspace (writes the workspace to
    /// standard output), or print its data-quality report.
    ImportTable(ImportTableArguments),
    /// Write part of a workspace (regions, territories, reps, products, a date range) to standard
    /// output, with everything the kept records need; `--anonymise` makes it a training copy.
    Export(ExportArguments),
    /// Write a training copy without real people to standard output: pseudonyms, new ids, no
    /// notes, dates moved back by whole months.
    Anonymise(AnonymiseArguments),
    /// Merge workspace files into the first one (writes the result to standard output; exit 1
    /// with the conflicts when records differ and no --prefer rule is given).
    Merge(MergeArguments),
    /// Targets against actuals (attainment, gap, growth, status) and rep activity KPIs for a
    /// period, as the Performance page shows them.
    Kpis(KpisArguments),
    /// Monthly actuals forecast to the end of the year per product and region, with the 80 %
    /// interval, the backtest error and the year-end attainment.
    Forecast(ForecastArguments),
    /// The optimised multichannel plan of a cycle: capacity and load per rep, the plan against
    /// last cycle and an equal split, each HCP's contacts per channel and why, the follow-up.
    Plan(PlanArguments),
    /// Seal a workspace file with a passphrase (from OMNIRX_PASSPHRASE, else asked for).
    Encrypt(FileArgument),
    /// Open a sealed workspace file with its passphrase (from OMNIRX_PASSPHRASE, else asked for).
    Decrypt(FileArgument),
}

#[derive(Debug, Args)]
pub struct ExportArguments {
    /// A workspace file (`.omnirx.json`).
    pub file: PathBuf,
    /// Region ids to keep (comma-separated; default: all).
    #[arg(long, value_delimiter = ',')]
    pub regions: Vec<String>,
    /// Territory ids to keep (comma-separated; default: all in the kept regions).
    #[arg(long, value_delimiter = ',')]
    pub territories: Vec<String>,
    /// Rep ids to keep: their accounts and their own activity (comma-separated).
    #[arg(long, value_delimiter = ',')]
    pub reps: Vec<String>,
    /// Product ids whose activity to keep (comma-separated; the catalogue stays whole).
    #[arg(long, value_delimiter = ',')]
    pub products: Vec<String>,
    /// First day kept (YYYY-MM-DD).
    #[arg(long, value_parser = parse_date)]
    pub from: Option<CalendarDate>,
    /// Last day kept (YYYY-MM-DD).
    #[arg(long, value_parser = parse_date)]
    pub to: Option<CalendarDate>,
    /// Make the part a training copy (see `anonymise`).
    #[arg(long)]
    pub anonymise: bool,
    /// The training copy's seed: the same seed gives the same copy.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// The language of the training copy's pseudonyms.
    #[arg(long = "lang", default_value = "zh", value_parser = language_parser())]
    pub language: DataLanguage,
}

#[derive(Debug, Args)]
pub struct MergeArguments {
    /// The workspace files: the first is "mine", each next one is merged into it in turn.
    #[arg(required = true, num_args = 2..)]
    pub files: Vec<PathBuf>,
    /// Who wins a record both files have with different values: mine (the first file's),
    /// theirs (the later file's), or newer (the one changed last, by its update time; mine when
    /// that is not known).
    #[arg(long, value_parser = prefer_parser())]
    pub prefer: Option<Prefer>,
}

#[derive(Debug, Args)]
pub struct AnonymiseArguments {
    /// A workspace file (`.omnirx.json`).
    pub file: PathBuf,
    /// The seed: the same seed gives the same copy.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// The language of the pseudonyms.
    #[arg(long = "lang", default_value = "zh", value_parser = language_parser())]
    pub language: DataLanguage,
}

#[derive(Debug, Args)]
pub struct FileArgument {
    /// A workspace file (`.omnirx.json`).
    pub file: PathBuf,
}

#[derive(Debug, Args)]
pub struct DemoArguments {
    /// How large: tiny (40 HCPs), demo (1,500), large (10,000), xl (25,000).
    #[arg(long, default_value = "demo", value_parser = scale_parser())]
    pub scale: DemoScale,
    /// The generator's seed: the same seed gives the same file.
    #[arg(long, default_value_t = 2026)]
    pub seed: u64,
    /// The language of the names in the data.
    #[arg(long = "lang", default_value = "zh", value_parser = language_parser())]
    pub language: DataLanguage,
    /// The last month with data (YYYY-MM); the demo covers the 18 months that end with it.
    #[arg(long, value_name = "YYYY-MM", default_value = "2026-10", value_parser = parse_month)]
    pub last_month: Month,
    /// The market's rules: standard, or china (prescriptions per account only, targets per
    /// account, territory and region, never a rep's quota; see docs/compliance.md).
    #[arg(long, default_value = "standard", value_parser = market_parser())]
    pub market: MarketRules,
}

fn market_parser() -> impl TypedValueParser<Value = MarketRules> {
    words(&["standard", "china"], |word| match word {
        "standard" => Some(MarketRules::Standard),
        "china" => Some(MarketRules::China),
        _ => None,
    })
}

#[derive(Debug, Args)]
pub struct FunnelArguments {
    /// A workspace file (`.omnirx.json`).
    pub file: PathBuf,
    /// The funnel's id (default: the workspace's first funnel).
    #[arg(long = "funnel", value_name = "ID")]
    pub funnel_id: Option<String>,
    /// The entry period's first day (with --to).
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date, requires = "to")]
    pub from: Option<CalendarDate>,
    /// The entry period's last day (with --from).
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date, requires = "from")]
    pub to: Option<CalendarDate>,
    /// Break the funnel down by a dimension.
    #[arg(long = "by", value_name = "DIMENSION", value_parser = dimension_parser())]
    pub breakdown: Option<BreakdownDimension>,
    /// Which interaction a breakdown credits.
    #[arg(long, default_value = "first_touch", value_parser = attribution_parser())]
    pub attribution: Attribution,
    /// Print JSON instead of a table.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct KpisArguments {
    /// A workspace file (`.omnirx.json`).
    pub file: PathBuf,
    /// The rows: region, territory, rep, account, product or tier (activity KPIs: by rep,
    /// territory or region; by the team for the others).
    #[arg(long = "by", default_value = "region", value_parser = PossibleValuesParser::new(["region", "territory", "rep", "account", "product", "tier"]).map(|text| Dimension::parse(&text).expect("a listed value")))]
    pub dimension: Dimension,
    /// YYYY-MM, YYYY-Qn, YYYY, or YYYY-MM-ytd (default: the year to the end of the data).
    #[arg(long, value_parser = parse_period)]
    pub period: Option<Period>,
    #[command(flatten)]
    pub actuals: ActualsArguments,
    /// Print JSON instead of tables.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct ForecastArguments {
    /// A workspace file (`.omnirx.json`).
    pub file: PathBuf,
    /// One product's id (default: every product).
    #[arg(long = "product", value_name = "ID")]
    pub product_id: Option<String>,
    #[command(flatten)]
    pub actuals: ActualsArguments,
    /// Print JSON instead of a table.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct PlanArguments {
    /// A workspace file (`.omnirx.json`).
    pub file: PathBuf,
    /// YYYY-MM, YYYY-Qn or YYYY-MM-DD..YYYY-MM-DD (default: the month after the end of the data).
    #[arg(long, value_name = "CYCLE", value_parser = parse_cycle)]
    pub cycle: Option<omnirx_core::domain::planning::Cycle>,
    /// Plan one rep (and print its calendar and follow-up).
    #[arg(long = "rep", value_name = "ID")]
    pub rep_id: Option<String>,
    /// Segments from a rule set's id (default: the potential × support matrix's strategies).
    #[arg(long = "rules", value_name = "ID")]
    pub rule_set_id: Option<String>,
    /// Print JSON instead of tables.
    #[arg(long)]
    pub json: bool,
}

fn parse_cycle(text: &str) -> Result<omnirx_core::domain::planning::Cycle, String> {
    omnirx_core::domain::planning::Cycle::parse(text).map_err(|problem| problem.to_string())
}

/// Which actuals a performance command adds up.
#[derive(Debug, Args)]
pub struct ActualsArguments {
    /// Add up units or value.
    #[arg(long, default_value = "units", value_parser = PossibleValuesParser::new(["units", "value"]).map(|text| if text == "value" { Measure::Value } else { Measure::Units }))]
    pub measure: Measure,
    /// Actuals from HCPs' prescriptions or from account-level sales (default: prescriptions
    /// when the workspace has any).
    #[arg(long, value_parser = PossibleValuesParser::new(["prescriptions", "sales"]).map(|text| if text == "sales" { Source::Sales } else { Source::Prescriptions }))]
    pub source: Option<Source>,
}

fn parse_period(text: &str) -> Result<Period, String> {
    Period::parse(text).map_err(|_| {
        format!("{text:?} is not a period: write YYYY-MM, YYYY-Qn, YYYY or YYYY-MM-ytd")
    })
}

#[derive(Debug, Args)]
pub struct SegmentsArguments {
    /// A workspace file (`.omnirx.json`).
    pub file: PathBuf,
    /// One rule set's id (default: every rule set).
    #[arg(long = "rules", value_name = "ID")]
    pub rule_set_id: Option<String>,
    /// Print JSON instead of a table.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct JourneysArguments {
    /// A workspace file (`.omnirx.json`).
    pub file: PathBuf,
    /// Print JSON instead of a table.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct ImportTableArguments {
    /// A `.csv`, `.txt`, `.xlsx`, `.xls` or `.ods` file.
    pub file: PathBuf,
    /// The sheet to import (default: the first sheet with data).
    #[arg(long, value_name = "NAME")]
    pub sheet: Option<String>,
    /// What the sheet holds (default: found from its headers).
    #[arg(long, value_parser = kind_parser())]
    pub kind: Option<SheetKind>,
    /// A mapping saved as JSON (a mapping, or a saved mapping with its name); default: a mapping
    /// saved in the --into workspace for these headers, else found automatically.
    #[arg(long, value_name = "MAPPING.json")]
    pub mapping: Option<PathBuf>,
    /// The workspace to import into (default: a new workspace).
    #[arg(long, value_name = "WORKSPACE.json")]
    pub into: Option<PathBuf>,
    /// The language of messages, the report and the names of created records.
    #[arg(long = "lang", default_value = "en", value_parser = ui_language_parser())]
    pub language: Language,
    /// Print the data-quality report instead of the workspace.
    #[arg(long)]
    pub report: bool,
    /// With --report: the report as JSON.
    #[arg(long, requires = "report")]
    pub json: bool,
    /// The day/month order of dates such as 3/4/2025, when the sheet does not tell.
    #[arg(long, value_parser = date_order_parser())]
    pub date_order: Option<DateOrder>,
    /// A CSV file's text encoding (default: detected).
    #[arg(long, value_parser = encoding_parser())]
    pub encoding: Option<TextEncoding>,
    /// A CSV file's delimiter: `,` `;` `tab` or `|` (default: detected).
    #[arg(long, value_parser = delimiter_parser())]
    pub delimiter: Option<u8>,
    /// Rows naming an unknown HCP, account, rep, region or product: create the records or skip
    /// the rows.
    #[arg(long, default_value = "create", value_parser = words(&["create", "skip"], |w| match w { "create" => Some(UnknownReferences::Create), "skip" => Some(UnknownReferences::Skip), _ => None }))]
    pub unknown: UnknownReferences,
    /// Import nothing when any row has an error (default: skip those rows).
    #[arg(long)]
    pub stop_on_problems: bool,
    /// Into a workspace under China's market rules, prescriptions naming an HCP are summed per
    /// account (aggregate) or left out (leave-out); see docs/compliance.md.
    #[arg(long, default_value = "aggregate", value_parser = words(&["aggregate", "leave-out"], |w| match w { "aggregate" => Some(IncomingChoice::AggregateToAccounts), "leave-out" => Some(IncomingChoice::LeaveOut), _ => None }))]
    pub hcp_prescriptions: IncomingChoice,
    /// Save the mapping in the workspace under this name.
    #[arg(long, value_name = "NAME")]
    pub save_mapping: Option<String>,
    /// Today's date for "in the future" (default: the computer's clock).
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    pub today: Option<CalendarDate>,
}

fn kind_parser() -> impl TypedValueParser<Value = SheetKind> {
    words(
        &[
            "hcps",
            "accounts",
            "reps",
            "products",
            "interactions",
            "sales",
            "targets",
        ],
        SheetKind::parse,
    )
}

fn ui_language_parser() -> impl TypedValueParser<Value = Language> {
    words(&["zh", "zh-CN", "en"], |word| match word {
        "zh" | "zh-CN" => Some(Language::SimplifiedChinese),
        "en" => Some(Language::English),
        _ => None,
    })
}

fn date_order_parser() -> impl TypedValueParser<Value = DateOrder> {
    words(&["dmy", "mdy"], |word| match word {
        "dmy" => Some(DateOrder::DayMonth),
        "mdy" => Some(DateOrder::MonthDay),
        _ => None,
    })
}

fn encoding_parser() -> impl TypedValueParser<Value = TextEncoding> {
    words(
        &["utf-8", "utf-16le", "utf-16be", "gbk", "gb18030"],
        TextEncoding::parse,
    )
}

fn delimiter_parser() -> impl TypedValueParser<Value = u8> {
    words(&[",", ";", "tab", "|"], |word| match word {
        "tab" => Some(b'\t'),
        other => other.bytes().next(),
    })
}

/// A parser that accepts exactly the listed words (clap lists them in its message and in
/// `--help`) and turns each into the domain's value.
fn words<T: Clone + Send + Sync + 'static>(
    words: &'static [&'static str],
    to_value: fn(&str) -> Option<T>,
) -> impl TypedValueParser<Value = T> {
    PossibleValuesParser::new(words).map(move |word| to_value(&word).expect("a listed word"))
}

fn scale_parser() -> impl TypedValueParser<Value = DemoScale> {
    words(&["tiny", "demo", "large", "xl"], DemoScale::parse)
}

fn prefer_parser() -> impl TypedValueParser<Value = Prefer> {
    words(&["mine", "theirs", "newer"], |word| match word {
        "mine" => Some(Prefer::Mine),
        "theirs" => Some(Prefer::Theirs),
        "newer" => Some(Prefer::Newer),
        _ => None,
    })
}

fn language_parser() -> impl TypedValueParser<Value = DataLanguage> {
    words(&["zh", "zh-CN", "en"], |word| match word {
        "zh" | "zh-CN" => Some(DataLanguage::Chinese),
        "en" => Some(DataLanguage::English),
        _ => None,
    })
}

fn dimension_parser() -> impl TypedValueParser<Value = BreakdownDimension> {
    words(
        &["channel", "segment", "region", "product", "rep"],
        BreakdownDimension::parse,
    )
}

fn attribution_parser() -> impl TypedValueParser<Value = Attribution> {
    words(
        &["first_touch", "last_touch", "step_event"],
        Attribution::parse,
    )
}

fn parse_date(text: &str) -> Result<CalendarDate, String> {
    parse_iso_date(text).ok_or_else(|| "expected a date as YYYY-MM-DD".to_string())
}

fn parse_month(text: &str) -> Result<Month, String> {
    Month::parse(text).map_err(|_| "expected a month as YYYY-MM".to_string())
}
