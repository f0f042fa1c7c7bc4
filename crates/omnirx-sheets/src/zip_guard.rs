//! The caps on a zipped workbook (XLSX, ODS), checked on the zip's central directory before
//! calamine inflates anything: calamine itself has no cap, so a few KB could unpack to gigabytes.
//!
//! The zip crate bounds what it inflates by each entry's declared size, so checking the
//! declared sizes is enough: an entry that inflates beyond what it declares fails to read.

use std::io::Cursor;

use omnirx_core::domain::table_import::{Limits, ReadError};

/// Entries smaller than this are never refused for their ratio: small XML compresses very well.
const RATIO_FLOOR: u64 = 1024 * 1024;

/// Checks that the zip's entries inflate to at most `limits.max_inflated_bytes` in all, and that
/// no entry over 1 MB inflates more than `limits.max_inflation_ratio` times its compressed size.
pub fn check_inflation(bytes: &[u8], limits: &Limits) -> Result<(), ReadError> {
    let mut archive =
        zip::ZipArchive::new(Cursor::new(bytes)).map_err(|error| ReadError::Corrupt {
            detail: format!("zip: {error}"),
        })?;
    let mut total: u64 = 0;
    for index in 0..archive.len() {
        let entry = archive
            .by_index_raw(index)
            .map_err(|error| ReadError::Corrupt {
                detail: format!("zip: {error}"),
            })?;
        let size = entry.size();
        total = total.saturating_add(size);
        let compressed = entry.compressed_size().max(1);
        if size > RATIO_FLOOR && size / compressed > limits.max_inflation_ratio {
            return Err(ReadError::InflatesTooMuch {
                inflated: size,
                limit: compressed.saturating_mul(limits.max_inflation_ratio),
            });
        }
    }
    if total > limits.max_inflated_bytes {
        return Err(ReadError::InflatesTooMuch {
            inflated: total,
            limit: limits.max_inflated_bytes,
        });
    }
    Ok(())
}
