//! Safety limits for reading a submission, and the zip checks that enforce them before any
//! parser decompresses a byte.
//!
//! Submissions come from dozens of agencies by e-mail and portal download; a few are damaged,
//! a few are huge by accident (a stray value typed in cell XFD1048576), and one could be
//! hostile. Every limit below turns such a file into one [`Code::FileLimit`] finding instead
//! of gigabytes of memory, and each is cheap to check: the file size from the file system,
//! zip sizes from the central directory (no decompression), sheet and cell counts while
//! streaming.
//!
//! [`Code::FileLimit`]: crate::diag::Code::FileLimit

use std::io::{Cursor, Read};

use zip::ZipArchive;

/// Safety limits applied before and while reading a file (docs/robustness.md).
///
/// The defaults are two orders of magnitude above a real report (a template has four sheets,
/// about 200 rows and 10 columns, and weighs 20–60 KB) and two orders below what the
/// 24 GB machines that run the nightly consolidation can hold when reading files in parallel.
/// Build variations with struct update syntax: `Limits { max_sheets: 8, ..Limits::default() }`.
#[derive(Clone, Debug)]
pub struct Limits {
    /// Largest file accepted, in bytes, checked before the file is read (default 64 MiB).
    /// Excel needs about 30 MB for a million filled cells; a report is under 1 MB.
    pub max_file_bytes: u64,
    /// Most sheets in one workbook (default 64), checked before any sheet is read.
    pub max_sheets: usize,
    /// Most cell slots one sheet may occupy in memory (default 2,000,000, about 64 MB).
    ///
    /// For `.xlsx`, `.xlsm` and `.xlsb` this counts what baocao stores: each row up to its
    /// last non-empty cell. For `.xls` and `.ods`, whose reader allocates the rectangle from
    /// the first to the last used cell, it counts that rectangle, checked by scanning the
    /// file before the reader runs. The whole workbook may hold at most four times this.
    pub max_cells_per_sheet: u64,
    /// Rows read per sheet (default 100,000). Non-empty cells below are ignored, not refused:
    /// a stray value at row 1,048,576 must not cost memory or fail the report.
    pub max_rows: u32,
    /// Columns read per sheet (default 256, column IV, the `.xls` maximum). Non-empty cells
    /// further right are ignored, not refused.
    pub max_cols: u32,
    /// Largest total uncompressed size of a zip-based file's parts (default 512 MiB), read
    /// from the zip central directory before anything is decompressed.
    pub max_uncompressed_bytes: u64,
    /// Largest uncompressed size of one part of a zip-based file (default 256 MiB). The zip
    /// reader stops at the declared size, so a part cannot lie its way past this.
    pub max_part_bytes: u64,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            max_file_bytes: 64 * 1024 * 1024,
            max_sheets: 64,
            max_cells_per_sheet: 2_000_000,
            max_rows: 100_000,
            max_cols: 256,
            max_uncompressed_bytes: 512 * 1024 * 1024,
            max_part_bytes: 256 * 1024 * 1024,
        }
    }
}

impl Limits {
    /// Cell slots a whole workbook may occupy (four sheets at their limit).
    pub fn max_cells_per_workbook(&self) -> u64 {
        self.max_cells_per_sheet.saturating_mul(4)
    }
}

/// Largest ratio of uncompressed to compressed size for a part over [`RATIO_GRACE_BYTES`].
///
/// Deflate cannot do better than about 1,030:1, which only runs of one byte reach; real
/// worksheet XML compresses 5–60:1 and empty styled rows up to about 150:1. Apache POI refuses
/// 100:1 and is known to reject genuine files, so baocao allows 250:1.
pub const MAX_INFLATE_RATIO: u64 = 250;

/// Parts smaller than this (1 MiB uncompressed) are never refused for their ratio.
pub const RATIO_GRACE_BYTES: u64 = 1024 * 1024;

/// Most entries in a zip-based file (a workbook with 64 sheets has about 200).
pub const MAX_ZIP_ENTRIES: usize = 10_000;

/// What made a zip-based file exceed a limit.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ZipExcess {
    /// More entries than [`MAX_ZIP_ENTRIES`].
    Entries { count: usize },
    /// The parts together would decompress to more than the limit.
    Total { bytes: u64 },
    /// One part would decompress to more than the limit.
    Part { name: String, bytes: u64 },
    /// One part compresses suspiciously well: a zip bomb.
    Ratio { name: String, ratio: u64 },
}

/// Checks a zip archive's central directory against the limits, without decompressing.
pub fn check_zip(zip: &ZipArchive<Cursor<&[u8]>>, limits: &Limits) -> Result<(), ZipExcess> {
    if zip.len() > MAX_ZIP_ENTRIES {
        return Err(ZipExcess::Entries { count: zip.len() });
    }
    let mut total: u64 = 0;
    for i in 0..zip.len() {
        let Ok(entry) = zip.by_index_data(i) else {
            continue;
        };
        let size = entry.size();
        let name = || String::from_utf8_lossy(entry.name_raw()).into_owned();
        if size > limits.max_part_bytes {
            return Err(ZipExcess::Part {
                name: name(),
                bytes: size,
            });
        }
        total = total.saturating_add(size);
        if total > limits.max_uncompressed_bytes {
            return Err(ZipExcess::Total { bytes: total });
        }
        let ratio = size / entry.compressed_size().max(1);
        if size > RATIO_GRACE_BYTES && ratio > MAX_INFLATE_RATIO {
            return Err(ZipExcess::Ratio {
                name: name(),
                ratio,
            });
        }
    }
    Ok(())
}

/// Reads at most `max` bytes of a zip part (for sniffing content types and headers).
pub(crate) fn read_part_head(
    zip: &mut ZipArchive<Cursor<&[u8]>>,
    name: &str,
    max: u64,
) -> Option<Vec<u8>> {
    let part = zip.by_name(name).ok()?;
    let mut out = Vec::new();
    part.take(max).read_to_end(&mut out).ok()?;
    Some(out)
}

/// The `uniqueCount` an xlsx shared-string table declares, when it declares more strings
/// than its size can hold (each `<si>` takes at least 5 bytes).
///
/// calamine reserves memory for the declared count before reading a string; a lying count of
/// a few billion makes that reservation fail, and a failed allocation aborts the process
/// (it is not a panic `catch_unwind` could stop).
pub(crate) fn impossible_shared_string_count(zip: &mut ZipArchive<Cursor<&[u8]>>) -> Option<u64> {
    let index = (0..zip.len()).find(|&i| {
        zip.by_index_data(i)
            .is_ok_and(|e| e.name_raw().eq_ignore_ascii_case(b"xl/sharedStrings.xml"))
    })?;
    let size = zip.by_index_data(index).ok()?.size();
    let mut head = Vec::new();
    let part = zip.by_index(index).ok()?;
    part.take(4096).read_to_end(&mut head).ok()?;
    let count = attribute_number(&head, b"uniqueCount=")?;
    (count > size / 5 + 16).then_some(count)
}

/// The number in the first `name="123"` (or `name='123'`) of `xml`.
fn attribute_number(xml: &[u8], name: &[u8]) -> Option<u64> {
    let at = xml.windows(name.len()).position(|w| w == name)? + name.len();
    let rest = xml.get(at + 1..)?;
    let digits = rest.iter().take_while(|b| b.is_ascii_digit()).count();
    let text = std::str::from_utf8(rest.get(..digits)?).ok()?;
    // A count too large for u64 is certainly impossible.
    Some(text.parse::<u64>().unwrap_or(u64::MAX))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn attribute_numbers() {
        let xml = br#"<sst xmlns="x" count="12" uniqueCount="7">"#;
        assert_eq!(attribute_number(xml, b"uniqueCount="), Some(7));
        assert_eq!(attribute_number(xml, b"count="), Some(12));
        assert_eq!(attribute_number(b"<sst>", b"count="), None);
        let huge = br#"<sst uniqueCount="99999999999999999999999">"#;
        assert_eq!(attribute_number(huge, b"uniqueCount="), Some(u64::MAX));
    }
}
