//! End-to-end tests: the built app in headless Chromium, driven through ChromeDriver as a user would.
//!
//! Run with `./x test` (which builds `dist/` first), or `cargo test --features e2e --test e2e [NAME]`.

mod bad_files_import;
mod compliance;
mod customers;
mod file_worker;
mod funnels;
mod harness;
mod hostile;
mod hostile_files;
mod journeys;
mod offline;
mod performance;
mod plan;
mod segments;
mod sharing;
mod shell;
mod storage_faults;
mod stored;
mod table_import;
mod tabs;
mod workspace;

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let mut cases = shell::cases();
    cases.extend(workspace::cases());
    cases.extend(funnels::cases());
    cases.extend(customers::cases());
    cases.extend(segments::cases());
    cases.extend(journeys::cases());
    cases.extend(hostile::cases());
    cases.extend(hostile_files::cases());
    cases.extend(bad_files_import::cases());
    cases.extend(storage_faults::cases());
    cases.extend(file_worker::cases());
    cases.extend(tabs::cases());
    cases.extend(table_import::cases());
    cases.extend(offline::cases());
    cases.extend(sharing::cases());
    cases.extend(performance::cases());
    cases.extend(compliance::cases());
    cases.extend(plan::cases());
    if !harness::run_all(&cases).await {
        std::process::exit(1);
    }
}
