//! What a file is, from its first bytes (and, for a zip, its list of entries): a spreadsheet
//! format, delimited text, or something else that is named when it is recognised.

use std::io::Cursor;

use omnirx_core::domain::table_import::SheetFormat;

/// The start of every zip archive's first entry (XLSX and ODS are zips).
const ZIP: &[u8] = b"PK\x03\x04";
/// An empty zip archive: only the end of its central directory.
const EMPTY_ZIP: &[u8] = b"PK\x05\x06";
/// An OLE compound file: XLS, and an encrypted XLSX.
const OLE: &[u8] = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";
/// What the first entry of an ODS file, `mimetype`, stored uncompressed, says.
const ODS_MIMETYPE: &[u8] = b"application/vnd.oasis.opendocument.spreadsheet";

/// Formats that are not tables, by their first bytes.
const SIGNATURES: [(&[u8], &str); 10] = [
    (b"\x89PNG\r\n\x1A\n", "PNG image"),
    (b"\xFF\xD8\xFF", "JPEG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"%PDF-", "PDF document"),
    (b"\x1F\x8B", "gzip archive"),
    (b"Rar!\x1A\x07", "RAR archive"),
    (b"7z\xBC\xAF\x27\x1C", "7-Zip archive"),
    (b"{\\rtf", "RTF document"),
    (b"\x00\x00\x01\x00", "icon image"),
];

/// What a file's bytes are.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Content {
    /// A format OmniRx reads (`Csv` for delimited text). An encrypted XLSX is `Xlsx`; a damaged
    /// zip whose entries cannot be listed is taken for an `Xlsx` so that it is reported as damaged.
    Sheet(SheetFormat),
    /// Something recognised that holds no table: "PNG image", "PDF document", "ZIP archive"…
    Known(&'static str),
    /// Binary data that is not text in any encoding OmniRx detects.
    Binary,
}

/// The format of a file OmniRx can read, from its bytes; `None` for anything else.
pub fn sniff(bytes: &[u8]) -> Option<SheetFormat> {
    match content(bytes) {
        Content::Sheet(format) => Some(format),
        Content::Known(_) | Content::Binary => None,
    }
}

/// What the bytes are (see [`Content`]).
pub fn content(bytes: &[u8]) -> Content {
    if bytes.starts_with(ZIP) {
        return zip_content(bytes);
    }
    if bytes.starts_with(EMPTY_ZIP) {
        return Content::Known("ZIP archive");
    }
    if is_ole(bytes) {
        return if holds_stream(bytes, "EncryptedPackage") {
            Content::Sheet(SheetFormat::Xlsx)
        } else if holds_stream(bytes, "Workbook") || holds_stream(bytes, "Book") {
            Content::Sheet(SheetFormat::Xls)
        } else {
            // A Word or PowerPoint file, or an OLE file too damaged to show its streams.
            Content::Known("Office document")
        };
    }
    if let Some((_, what)) = SIGNATURES
        .iter()
        .find(|(magic, _)| bytes.starts_with(magic))
    {
        return Content::Known(what);
    }
    if bytes.len() >= 12 && &bytes[..4] == b"RIFF" && &bytes[8..12] == b"WEBP" {
        return Content::Known("WebP image");
    }
    if looks_like_text(bytes) {
        Content::Sheet(SheetFormat::Csv)
    } else {
        Content::Binary
    }
}

/// Whether the bytes start like a zip (XLSX, ODS) or OLE (XLS, encrypted XLSX) file: one that
/// [`content`] looks into beyond its start.
pub fn is_container(bytes: &[u8]) -> bool {
    bytes.starts_with(ZIP) || is_ole(bytes)
}

/// Whether the bytes start like an OLE compound file.
pub fn is_ole(bytes: &[u8]) -> bool {
    bytes.starts_with(OLE)
}

/// Whether an OLE file has a stream of this name. Directory entries hold their names in
/// UTF-16LE with a closing NUL, uncompressed, so the name can be found in the bytes. An XLS
/// workbook has a `Workbook` (or, before Excel 97, `Book`) stream; an encrypted XLSX an
/// `EncryptedPackage` one.
fn holds_stream(bytes: &[u8], name: &str) -> bool {
    let mut entry: Vec<u8> = name.encode_utf16().flat_map(u16::to_le_bytes).collect();
    entry.extend([0, 0]);
    bytes.windows(entry.len()).any(|window| window == entry)
}

fn zip_content(bytes: &[u8]) -> Content {
    // ODF puts `mimetype` first and stores it uncompressed, right after the 30-byte header.
    if bytes.get(30..38) == Some(b"mimetype") {
        let rest = &bytes[38..];
        if rest.starts_with(ODS_MIMETYPE) {
            return Content::Sheet(SheetFormat::Ods);
        }
        if rest.starts_with(b"application/vnd.oasis.opendocument.") {
            return Content::Known("OpenDocument file");
        }
    }
    let Ok(archive) = zip::ZipArchive::new(Cursor::new(bytes)) else {
        // A damaged zip: most likely a damaged workbook, which is what the reader will say.
        return Content::Sheet(SheetFormat::Xlsx);
    };
    let names: Vec<String> = archive
        .file_names()
        .filter_map(Result::ok)
        .map(|name| name.into_owned())
        .collect();
    let has = |prefix: &str| names.iter().any(|name| name.starts_with(prefix));
    if names.iter().any(|name| name == "mimetype") && has("content.xml") {
        // A mimetype that is not first: read it through the reader, which checks it.
        return Content::Sheet(SheetFormat::Ods);
    }
    if has("xl/workbook.bin") {
        Content::Known("Excel binary workbook (.xlsb)")
    } else if has("xl/") {
        Content::Sheet(SheetFormat::Xlsx)
    } else if has("word/") {
        Content::Known("Word document")
    } else if has("ppt/") {
        Content::Known("PowerPoint presentation")
    } else {
        Content::Known("ZIP archive")
    }
}

/// Whether the start of the file reads as text: a UTF-16 byte-order mark or NUL pattern, or no
/// NUL byte and hardly any control characters.
fn looks_like_text(bytes: &[u8]) -> bool {
    if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        return true;
    }
    let sample = &bytes[..bytes.len().min(8192)];
    if utf16_without_mark(sample).is_some() {
        return true;
    }
    if sample.contains(&0) {
        return false;
    }
    let controls = sample
        .iter()
        .filter(|&&byte| byte < 0x20 && !matches!(byte, b'\t' | b'\n' | b'\r' | 0x0C | 0x1A | 0x1B))
        .count();
    controls * 50 <= sample.len()
}

/// UTF-16 text without a byte-order mark, told by its NUL bytes: the high bytes of ASCII
/// characters (delimiters, digits, line ends) fall all on odd offsets (little-endian) or all on
/// even ones (big-endian). `Some(true)` is little-endian.
pub(crate) fn utf16_without_mark(sample: &[u8]) -> Option<bool> {
    let pairs = sample.len() / 2;
    if pairs < 2 {
        return None;
    }
    let zeros_at = |parity: usize| {
        sample[..pairs * 2]
            .iter()
            .skip(parity)
            .step_by(2)
            .filter(|&&byte| byte == 0)
            .count()
    };
    let (even, odd) = (zeros_at(0), zeros_at(1));
    // At least one character in ten is ASCII, and NULs on the other side are rare.
    if odd * 10 >= pairs && even * 20 <= odd {
        Some(true)
    } else if even * 10 >= pairs && odd * 20 <= even {
        Some(false)
    } else {
        None
    }
}
