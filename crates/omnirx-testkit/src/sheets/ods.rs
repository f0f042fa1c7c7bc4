//! An ODS workbook written by hand (rust_xlsxwriter writes only XLSX): the zip of `mimetype`
//! (first and stored, as ODF requires), `META-INF/manifest.xml` and `content.xml`.

use std::io::{Cursor, Write};

const CONTENT: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:calcext="urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0" office:version="1.2">
<office:body><office:spreadsheet>
<table:table table:name="Visits">
<table:table-row>
<table:table-cell office:value-type="string"><text:p>Date</text:p></table:table-cell>
<table:table-cell office:value-type="string"><text:p>Units</text:p></table:table-cell>
<table:table-cell office:value-type="string"><text:p>Doubled</text:p></table:table-cell>
<table:table-cell office:value-type="string"><text:p>Time</text:p></table:table-cell>
<table:table-cell office:value-type="string"><text:p>Seen</text:p></table:table-cell>
<table:table-cell office:value-type="string"><text:p>Ratio</text:p></table:table-cell>
</table:table-row>
<table:table-row>
<table:table-cell office:value-type="date" office:date-value="2025-06-03"><text:p>2025-06-03</text:p></table:table-cell>
<table:table-cell office:value-type="float" office:value="4"><text:p>4</text:p></table:table-cell>
<table:table-cell table:formula="of:=[.B2]*2" office:value-type="float" office:value="8"><text:p>8</text:p></table:table-cell>
<table:table-cell office:value-type="time" office:time-value="PT09H30M00S"><text:p>09:30</text:p></table:table-cell>
<table:table-cell office:value-type="boolean" office:boolean-value="true"><text:p>TRUE</text:p></table:table-cell>
<table:table-cell table:formula="of:=1/0" office:value-type="string" office:string-value="" calcext:value-type="error"><text:p>#DIV/0!</text:p></table:table-cell>
</table:table-row>
<table:table-row table:number-rows-repeated="3"><table:table-cell table:number-columns-repeated="6"/></table:table-row>
<table:table-row>
<table:table-cell table:number-columns-repeated="2"/>
<table:table-cell office:value-type="string"><text:p>瑞金医院</text:p></table:table-cell>
</table:table-row>
</table:table>
<table:table table:name="备注">
<table:table-row><table:table-cell office:value-type="string"><text:p>说明</text:p></table:table-cell></table:table-row>
</table:table>
</office:spreadsheet></office:body></office:document-content>
"#;

const MANIFEST: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">
<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>
<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>
</manifest:manifest>
"#;

/// An ODS workbook: sheet `Visits` with a date (`2025-06-03`, serial 45811), a number, a
/// formula with its cached value (`=[.B2]*2` saved as 8), a time (`PT09H30M00S`), a boolean, an
/// error (`#DIV/0!`) and, after three empty rows, `瑞金医院` at `C6`; sheet `备注` with one cell.
pub fn features_ods() -> Vec<u8> {
    let mut writer = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let stored =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    let deflated = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    writer.start_file("mimetype", stored).expect("an entry");
    writer
        .write_all(b"application/vnd.oasis.opendocument.spreadsheet")
        .expect("written");
    writer
        .start_file("META-INF/manifest.xml", deflated)
        .expect("an entry");
    writer.write_all(MANIFEST.as_bytes()).expect("written");
    writer
        .start_file("content.xml", deflated)
        .expect("an entry");
    // LibreOffice writes no white space between cells, and calamine expects none.
    writer
        .write_all(CONTENT.replace('\n', "").as_bytes())
        .expect("written");
    writer.finish().expect("a zip").into_inner()
}
