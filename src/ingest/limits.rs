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
/// a few billion makes that reservation fail where memory is not overcommitted (Windows), and
/// a failed allocation aborts the process (it is not a panic `catch_unwind` could stop).
///
/// The count is read the way calamine reads it, from the `uniqueCount` attribute of the first
/// `sst` start tag, however far into the part that tag ends: a fixed-size head could be
/// outrun by padding the tag with other attributes. The part's size is bounded by
/// [`check_zip`], and reading stops at that tag.
pub(crate) fn impossible_shared_string_count(zip: &mut ZipArchive<Cursor<&[u8]>>) -> Option<u64> {
    use quick_xml::events::Event;
    let index = (0..zip.len()).find(|&i| {
        zip.by_index_data(i)
            .is_ok_and(|e| e.name_raw().eq_ignore_ascii_case(b"xl/sharedStrings.xml"))
    })?;
    let size = zip.by_index_data(index).ok()?.size();
    let part = zip.by_index(index).ok()?;
    // A small buffer: the tag is within the first few hundred bytes of a real file.
    let mut xml = quick_xml::Reader::from_reader(std::io::BufReader::with_capacity(512, part));
    let mut buf = Vec::new();
    let count = loop {
        buf.clear();
        match xml.read_event_into(&mut buf).ok()? {
            Event::Start(e) | Event::Empty(e) if e.local_name().as_ref() == "sst" => {
                let value = e
                    .attributes()
                    .flatten()
                    .find(|a| a.key.as_ref() == "uniqueCount")?
                    .value;
                break count_number(value.as_bytes())?;
            }
            Event::Eof => return None,
            _ => {}
        }
    };
    (count > size / 5 + 16).then_some(count)
}

/// A count written as decimal digits; one too large for u64 is certainly impossible.
fn count_number(digits: &[u8]) -> Option<u64> {
    let text = std::str::from_utf8(digits).ok()?.trim();
    if text.is_empty() || !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    Some(text.parse::<u64>().unwrap_or(u64::MAX))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn count_numbers() {
        assert_eq!(count_number(b"7"), Some(7));
        assert_eq!(count_number(b" 12 "), Some(12));
        assert_eq!(count_number(b""), None);
        assert_eq!(count_number(b"-3"), None);
        assert_eq!(count_number(b"99999999999999999999999"), Some(u64::MAX));
    }

    /// An xlsx whose `xl/sharedStrings.xml` is `sst`.
    fn with_strings(sst: &str) -> Vec<u8> {
        let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let opts = zip::write::SimpleFileOptions::default();
        zip.start_file("xl/sharedStrings.xml", opts).unwrap();
        std::io::Write::write_all(&mut zip, sst.as_bytes()).unwrap();
        zip.finish().unwrap().into_inner()
    }

    #[test]
    fn a_lying_string_count_is_found_however_long_its_tag() {
        let count = |sst: &str| {
            let bytes = with_strings(sst);
            let mut zip = ZipArchive::new(Cursor::new(bytes.as_slice())).unwrap();
            impossible_shared_string_count(&mut zip)
        };
        let ns = r#"xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main""#;
        let honest = format!(
            r#"<?xml version="1.0"?><sst {ns} count="1" uniqueCount="1"><si><t>a</t></si></sst>"#
        );
        assert_eq!(count(&honest), None);
        let lying = format!(r#"<sst {ns} uniqueCount="100000000000"><si><t>a</t></si></sst>"#);
        assert_eq!(count(&lying), Some(100_000_000_000));
        // Padding the tag past any fixed-size head does not hide the count.
        let padded = format!(
            r#"<sst {ns} pad="{}" uniqueCount="100000000000"><si><t>a</t></si></sst>"#,
            "x".repeat(20_000)
        );
        assert_eq!(count(&padded), Some(100_000_000_000));
        let prefixed = r#"<x:sst xmlns:x="urn:x" uniqueCount="4000000000"/>"#;
        assert_eq!(count(prefixed), Some(4_000_000_000));
    }
}
