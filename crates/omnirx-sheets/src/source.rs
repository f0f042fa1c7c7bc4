//! Where a file's bytes come from: memory (tests, templates), a file on disk (the command line),
//! or in the import worker the browser's `File`, read a slice at a time. A CSV file is read
//! through [`SourceReader`] in chunks and never held whole; a workbook (a zip or OLE file, read
//! by calamine with random access) is read whole, and is much smaller than its table.

use std::cell::RefCell;
use std::io::{Read, Seek, SeekFrom};

use omnirx_core::domain::table_import::ReadError;

/// A file's bytes, read at any offset.
pub trait Source {
    /// The file's size in bytes.
    fn size(&self) -> u64;

    /// Fills `out` from byte `start` on, and says how many bytes it put there (fewer at the end
    /// of the file, none beyond it).
    fn read_at(&self, start: u64, out: &mut [u8]) -> Result<usize, ReadError>;
}

impl Source for &[u8] {
    fn size(&self) -> u64 {
        self.len() as u64
    }

    fn read_at(&self, start: u64, out: &mut [u8]) -> Result<usize, ReadError> {
        let start = (start.min(self.len() as u64)) as usize;
        let count = out.len().min(self.len() - start);
        out[..count].copy_from_slice(&self[start..start + count]);
        Ok(count)
    }
}

/// A file on disk, read where asked.
pub struct FileSource {
    file: RefCell<std::fs::File>,
    size: u64,
}

impl FileSource {
    pub fn open(path: &std::path::Path) -> std::io::Result<FileSource> {
        let file = std::fs::File::open(path)?;
        let size = file.metadata()?.len();
        Ok(FileSource {
            file: RefCell::new(file),
            size,
        })
    }
}

impl Source for FileSource {
    fn size(&self) -> u64 {
        self.size
    }

    fn read_at(&self, start: u64, out: &mut [u8]) -> Result<usize, ReadError> {
        let unreadable = |error: std::io::Error| ReadError::Unreadable {
            detail: error.to_string(),
        };
        let mut file = self.file.borrow_mut();
        file.seek(SeekFrom::Start(start)).map_err(unreadable)?;
        let mut filled = 0;
        while filled < out.len() {
            match file.read(&mut out[filled..]).map_err(unreadable)? {
                0 => break,
                count => filled += count,
            }
        }
        Ok(filled)
    }
}

/// Bytes `start..start + length` of a source (fewer at its end).
pub(crate) fn read_range(
    source: &dyn Source,
    start: u64,
    length: usize,
) -> Result<Vec<u8>, ReadError> {
    let mut bytes = vec![0; length];
    let count = source.read_at(start, &mut bytes)?;
    bytes.truncate(count);
    Ok(bytes)
}

/// Bytes read at a time from a source.
const CHUNK: usize = 1024 * 1024;

/// A source read in order from an offset, as a [`Read`], a chunk at a time. A failed read is
/// kept in `error` (the `io::Error` the parser sees cannot carry it).
pub(crate) struct SourceReader<'a> {
    source: &'a dyn Source,
    position: u64,
    pub(crate) error: Option<ReadError>,
}

impl<'a> SourceReader<'a> {
    pub(crate) fn new(source: &'a dyn Source, start: u64) -> SourceReader<'a> {
        SourceReader {
            source,
            position: start,
            error: None,
        }
    }
}

impl Read for SourceReader<'_> {
    fn read(&mut self, out: &mut [u8]) -> std::io::Result<usize> {
        let wanted = out.len().min(CHUNK);
        match self.source.read_at(self.position, &mut out[..wanted]) {
            Ok(count) => {
                self.position += count as u64;
                Ok(count)
            }
            Err(error) => {
                self.error = Some(error);
                Err(std::io::Error::other("the file could not be read"))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_source_reads_where_asked_and_stops_at_its_end() {
        let bytes: &[u8] = b"0123456789";
        assert_eq!(read_range(&bytes, 3, 4).unwrap(), b"3456");
        assert_eq!(read_range(&bytes, 8, 4).unwrap(), b"89");
        assert_eq!(read_range(&bytes, 12, 4).unwrap(), b"");
        let mut all = Vec::new();
        SourceReader::new(&bytes, 2).read_to_end(&mut all).unwrap();
        assert_eq!(all, b"23456789");
    }

    #[test]
    fn a_file_on_disk_reads_as_its_bytes() {
        let path = std::env::temp_dir().join(format!("omnirx-source-{}.csv", std::process::id()));
        std::fs::write(&path, b"a,b\r\n1,2\r\n").unwrap();
        let file = FileSource::open(&path).unwrap();
        assert_eq!(file.size(), 10);
        assert_eq!(read_range(&file, 5, 100).unwrap(), b"1,2\r\n");
        std::fs::remove_file(&path).unwrap();
    }
}
