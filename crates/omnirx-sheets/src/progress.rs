//! Progress reports and cancellation: every reader calls [`Progress::row`] once per row, and the
//! user's callback is asked about every 20,000 rows or 2 MB whether to go on.

use omnirx_core::domain::table_import::{ReadError, ReadProgress};

/// Rows between two progress reports.
pub const PROGRESS_EVERY_ROWS: u64 = 20_000;
/// Bytes between two progress reports (for files with very wide rows).
pub const PROGRESS_EVERY_BYTES: u64 = 2 * 1024 * 1024;

/// The user's callback and how far the reading has come since it was last called.
pub(crate) struct Progress<'a> {
    callback: &'a mut dyn FnMut(ReadProgress) -> bool,
    bytes_total: u64,
    rows: u64,
    reported_rows: u64,
    reported_bytes: u64,
}

impl<'a> Progress<'a> {
    pub(crate) fn new(
        callback: &'a mut dyn FnMut(ReadProgress) -> bool,
        bytes_total: u64,
    ) -> Progress<'a> {
        Progress {
            callback,
            bytes_total,
            rows: 0,
            reported_rows: 0,
            reported_bytes: 0,
        }
    }

    pub(crate) fn bytes_total(&self) -> u64 {
        self.bytes_total
    }

    /// One more row read; `bytes_done` is only asked for when a report is due or may be.
    pub(crate) fn row(&mut self, bytes_done: impl FnOnce() -> u64) -> Result<(), ReadError> {
        self.rows += 1;
        if self.rows - self.reported_rows >= PROGRESS_EVERY_ROWS {
            return self.report(bytes_done());
        }
        Ok(())
    }

    /// Reports when enough bytes were read since the last report, however few the rows.
    pub(crate) fn bytes(&mut self, bytes_done: u64) -> Result<(), ReadError> {
        if bytes_done.saturating_sub(self.reported_bytes) >= PROGRESS_EVERY_BYTES {
            return self.report(bytes_done);
        }
        Ok(())
    }

    /// Asks the callback whether to go on.
    pub(crate) fn report(&mut self, bytes_done: u64) -> Result<(), ReadError> {
        self.reported_rows = self.rows;
        self.reported_bytes = bytes_done;
        let go_on = (self.callback)(ReadProgress {
            bytes_done: bytes_done.min(self.bytes_total),
            bytes_total: self.bytes_total,
            rows: self.rows,
        });
        if go_on {
            Ok(())
        } else {
            Err(ReadError::Cancelled)
        }
    }

    /// The last report: everything read.
    pub(crate) fn finish(&mut self) -> Result<(), ReadError> {
        self.report(self.bytes_total)
    }
}
