//! A look inside OLE compound files (MS-CFB) before calamine reads them.
//!
//! An OLE file may be an `.xls` workbook, an `.xlsx` encrypted with a password (its parts
//! are then in `EncryptionInfo` and `EncryptedPackage` streams), or a Word or PowerPoint 97
//! file. For a workbook, [`scan_xls`] walks the BIFF records of its `Workbook` stream, without
//! decoding cells, to learn what calamine would allocate: calamine's `.xls` reader builds a
//! dense grid from the first to the last used cell of every sheet while opening the file, so
//! a stray value at IV65536 costs half a gigabyte unless it is refused first. It also finds a
//! `FILEPASS` record of any kind (calamine reports only RC4 encryption and would read an
//! XOR-obfuscated workbook as garbage).
//!
//! Everything here reads from a byte slice with checked indexing: a malformed file gives
//! `None`, never a panic, and no allocation exceeds the file's own size.

use std::collections::HashSet;

use crate::diag::CellRef;

const ENDOFCHAIN: u32 = 0xFFFF_FFFE;
const MAX_REGULAR_SECTOR: u32 = 0xFFFF_FFFA;

/// One entry of the compound file's directory.
#[derive(Clone, Debug)]
pub struct DirEntry {
    pub name: String,
    /// 1 storage, 2 stream, 5 root.
    kind: u8,
    start: u32,
    size: u64,
}

/// A parsed compound file: its allocation tables and directory.
pub struct Cfb<'a> {
    data: &'a [u8],
    shift: u32,
    fat: Vec<u32>,
    minifat: Vec<u32>,
    mini_cutoff: u64,
    pub entries: Vec<DirEntry>,
}

fn u16_at(d: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_le_bytes(
        d.get(at..at.checked_add(2)?)?.try_into().ok()?,
    ))
}

fn u32_at(d: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes(
        d.get(at..at.checked_add(4)?)?.try_into().ok()?,
    ))
}

fn u64_at(d: &[u8], at: usize) -> Option<u64> {
    Some(u64::from_le_bytes(
        d.get(at..at.checked_add(8)?)?.try_into().ok()?,
    ))
}

impl<'a> Cfb<'a> {
    /// Parses the header, allocation tables and directory; `None` if any is malformed.
    pub fn parse(data: &'a [u8]) -> Option<Cfb<'a>> {
        if data.len() < 512 {
            return None;
        }
        let major = u16_at(data, 0x1A)?;
        let shift = u32::from(u16_at(data, 0x1E)?);
        if !matches!((major, shift), (3, 9) | (4, 12)) || u16_at(data, 0x20)? != 6 {
            return None;
        }
        let sector_size = 1usize << shift;
        let sectors = u32::try_from(data.len() / sector_size).ok()?;
        let mut cfb = Cfb {
            data,
            shift,
            fat: Vec::new(),
            minifat: Vec::new(),
            mini_cutoff: u64::from(u32_at(data, 0x38)?),
            entries: Vec::new(),
        };

        // The FAT sectors: 109 in the header, the rest in a chain of DIFAT sectors.
        let fat_count = u32_at(data, 0x2C)?.min(sectors) as usize;
        let mut fat_sectors: Vec<u32> = (0..109)
            .filter_map(|i| u32_at(data, 0x4C + 4 * i))
            .filter(|&s| s < sectors)
            .collect();
        let mut difat = u32_at(data, 0x44)?;
        let mut hops = 0;
        while difat < sectors && fat_sectors.len() < fat_count && hops <= sectors {
            let sector = cfb.sector(difat)?;
            let per = sector_size / 4 - 1;
            fat_sectors.extend(
                (0..per)
                    .filter_map(|i| u32_at(sector, 4 * i))
                    .filter(|&s| s < sectors),
            );
            difat = u32_at(sector, 4 * per)?;
            hops += 1;
        }
        fat_sectors.truncate(fat_count);
        let mut fat = Vec::with_capacity(fat_sectors.len() * sector_size / 4);
        for s in fat_sectors {
            let sector = cfb.sector(s)?;
            fat.extend((0..sector_size / 4).filter_map(|i| u32_at(sector, 4 * i)));
        }
        cfb.fat = fat;

        let dir = cfb.chain_bytes(u32_at(data, 0x30)?, u64::MAX)?;
        cfb.entries = dir
            .chunks_exact(128)
            .filter_map(|e| {
                let len = usize::from(u16_at(e, 64)?).min(64);
                let units: Vec<u16> = (0..len.saturating_sub(2) / 2)
                    .filter_map(|i| u16_at(e, 2 * i))
                    .collect();
                let size = u64_at(e, 120)?;
                Some(DirEntry {
                    name: String::from_utf16_lossy(&units),
                    kind: *e.get(66)?,
                    start: u32_at(e, 116)?,
                    size: if major == 3 { size & 0xFFFF_FFFF } else { size },
                })
            })
            .collect();

        let minifat_start = u32_at(data, 0x3C)?;
        if minifat_start < sectors {
            let bytes = cfb.chain_bytes(minifat_start, u64::MAX)?;
            cfb.minifat = bytes.chunks_exact(4).filter_map(|c| u32_at(c, 0)).collect();
        }
        Some(cfb)
    }

    fn sector(&self, id: u32) -> Option<&'a [u8]> {
        let size = 1usize << self.shift;
        let start = (id as usize).checked_add(1)?.checked_mul(size)?;
        // Some writers cut the file short inside its last sector.
        let end = start.checked_add(size)?.min(self.data.len());
        self.data.get(start..end).filter(|s| !s.is_empty())
    }

    /// The bytes of a regular sector chain, at most `max` of them.
    fn chain_bytes(&self, start: u32, max: u64) -> Option<Vec<u8>> {
        let mut out = Vec::new();
        let mut id = start;
        while id != ENDOFCHAIN && (out.len() as u64) < max {
            // A chain longer than the file loops.
            if id > MAX_REGULAR_SECTOR || out.len() >= self.data.len() {
                return None;
            }
            out.extend_from_slice(self.sector(id)?);
            id = *self.fat.get(id as usize)?;
        }
        Some(out)
    }

    /// The entry with this name, ignoring ASCII case.
    pub fn entry(&self, name: &str) -> Option<&DirEntry> {
        self.entries
            .iter()
            .find(|e| e.kind == 2 && e.name.eq_ignore_ascii_case(name))
    }

    pub fn has(&self, name: &str) -> bool {
        self.entries
            .iter()
            .any(|e| e.kind != 0 && e.name.eq_ignore_ascii_case(name))
    }

    /// A stream's bytes; `None` if its chain is broken or it claims more than the file holds.
    pub fn stream(&self, entry: &DirEntry) -> Option<Vec<u8>> {
        if entry.size > self.data.len() as u64 {
            return None;
        }
        let mut bytes = if entry.size < self.mini_cutoff {
            self.mini_stream_bytes(entry)?
        } else {
            self.chain_bytes(entry.start, entry.size)?
        };
        bytes.truncate(usize::try_from(entry.size).ok()?);
        Some(bytes)
    }

    fn mini_stream_bytes(&self, entry: &DirEntry) -> Option<Vec<u8>> {
        let root = self.entries.iter().find(|e| e.kind == 5)?;
        let container = self.chain_bytes(root.start, root.size)?;
        let mut out = Vec::new();
        let mut id = entry.start;
        while id != ENDOFCHAIN && (out.len() as u64) < entry.size {
            if out.len() >= container.len() {
                return None;
            }
            let at = (id as usize).checked_mul(64)?;
            out.extend_from_slice(container.get(at..at.checked_add(64)?)?);
            id = *self.minifat.get(id as usize)?;
        }
        Some(out)
    }
}

/// What the BIFF records of an `.xls` workbook say, before calamine reads it.
#[derive(Clone, Debug, Default)]
pub struct XlsScan {
    /// A `FILEPASS` record: the workbook is encrypted (RC4 or XOR obfuscation).
    pub encrypted: bool,
    /// Number of `BOUNDSHEET` records (worksheets, chart and macro sheets).
    pub sheets: usize,
    /// Per sheet: its name and the rectangle calamine will allocate (first and last cell).
    pub extents: Vec<(String, Option<(CellRef, CellRef)>)>,
    /// A sheet whose `DIMENSIONS` record is impossible (calamine would reserve memory for
    /// billions of cells from it).
    pub bad_dimensions: Option<String>,
    /// Per sheet (as `extents`): the number cells formatted as a percentage (a cell showing
    /// `85%` stores 0.85), at most [`MAX_PERCENT_CELLS`] of them. calamine does not tell an
    /// `.xls` cell's format, so the records say it.
    pub percent: Vec<Vec<(u32, u32)>>,
}

/// The most percentage cells noted per sheet (a report has a handful).
pub const MAX_PERCENT_CELLS: usize = 10_000;

impl XlsScan {
    /// Cells in one sheet's rectangle.
    pub fn area(extent: Option<(CellRef, CellRef)>) -> u64 {
        extent.map_or(0, |(a, b)| {
            (u64::from(b.row) - u64::from(a.row) + 1) * (u64::from(b.col) - u64::from(a.col) + 1)
        })
    }
}

struct Record<'a> {
    typ: u16,
    data: &'a [u8],
}

fn records(stream: &[u8], from: usize) -> impl Iterator<Item = Record<'_>> {
    let mut at = from;
    std::iter::from_fn(move || {
        // `from` is an offset the file declares: it may be anything up to `usize::MAX`.
        let typ = u16_at(stream, at)?;
        let len = usize::from(u16_at(stream, at.checked_add(2)?)?);
        let start = at.checked_add(4)?;
        let data = stream.get(start..start.checked_add(len)?)?;
        at = start + len;
        Some(Record { typ, data })
    })
}

/// Walks a `Workbook` (or `Book`) stream's records.
pub fn scan_xls(stream: &[u8]) -> XlsScan {
    let mut scan = XlsScan::default();
    let mut sheets: Vec<(usize, String)> = Vec::new();
    let mut biff8 = true;
    // Number formats by index (`FORMAT`), and each cell format's number format (`XF`, in order).
    let mut percent_formats: HashSet<u16> = [9, 10].into_iter().collect();
    let mut xf_formats: Vec<u16> = Vec::new();
    for r in records(stream, 0) {
        match r.typ {
            0x0809 => biff8 = u16_at(r.data, 0).is_none_or(|v| v == 0x0600 || v == 0),
            0x002F => scan.encrypted = true,
            0x0085 => {
                let pos = u32_at(r.data, 0).map_or(usize::MAX, |p| p as usize);
                sheets.push((pos, sheet_name(r.data, biff8)));
            }
            0x041E | 0x001E => {
                if let (Some(index), Some(code)) = (u16_at(r.data, 0), format_code(r.data, biff8))
                    && super::grid::scales_by_100(&code)
                {
                    percent_formats.insert(index);
                }
            }
            0x00E0 => xf_formats.push(u16_at(r.data, 2).unwrap_or(0)),
            0x000A => break,
            _ => {}
        }
    }
    let percent_xf: Vec<bool> = xf_formats
        .iter()
        .map(|f| percent_formats.contains(f))
        .collect();
    scan.sheets = sheets.len();
    for (pos, name) in sheets {
        let s = scan_sheet(stream, pos, &percent_xf);
        if s.bad && scan.bad_dimensions.is_none() {
            scan.bad_dimensions = Some(name.clone());
        }
        scan.extents.push((name, s.extent));
        scan.percent.push(s.percent);
    }
    scan
}

/// A `FORMAT` record's format code: BIFF8 writes a Unicode string (16-bit length, a flags
/// byte, then Latin-1 or UTF-16 characters), BIFF5 a byte string with an 8-bit length.
fn format_code(data: &[u8], biff8: bool) -> Option<String> {
    if biff8 {
        let len = usize::from(u16_at(data, 2)?);
        let wide = data.get(4)? & 1 == 1;
        return Some(chars(data, 5, len, wide));
    }
    Some(chars(data, 3, usize::from(*data.get(2)?), false))
}

fn sheet_name(data: &[u8], biff8: bool) -> String {
    let len = data.get(6).map_or(0, |&n| usize::from(n));
    if biff8 {
        let wide = data.get(7).is_some_and(|f| f & 1 == 1);
        return chars(data, 8, len, wide);
    }
    chars(data, 7, len, false)
}

/// `len` characters at `at`: UTF-16 units when `wide`, else Latin-1 bytes (what is missing
/// from a short record is left out).
fn chars(data: &[u8], at: usize, len: usize, wide: bool) -> String {
    if wide {
        let units: Vec<u16> = (0..len).filter_map(|i| u16_at(data, at + 2 * i)).collect();
        return String::from_utf16_lossy(&units);
    }
    let end = at.saturating_add(len).min(data.len());
    data.get(at..end)
        .unwrap_or_default()
        .iter()
        .map(|&b| char::from(b))
        .collect()
}

/// What one sheet's records say.
struct SheetScan {
    /// The rectangle of cells calamine would store.
    extent: Option<(CellRef, CellRef)>,
    /// Its `DIMENSIONS` record is impossible.
    bad: bool,
    /// Number cells whose format is a percentage.
    percent: Vec<(u32, u32)>,
}

/// The rectangle of cells calamine would store for the sheet at `pos`, whether its
/// `DIMENSIONS` record is impossible, and its percentage cells. Mirrors the cell records
/// calamine reads.
fn scan_sheet(stream: &[u8], pos: usize, percent_xf: &[bool]) -> SheetScan {
    let mut min = (u32::MAX, u32::MAX);
    let mut max = (0u32, 0u32);
    let mut any = false;
    let mut bad = false;
    let mut depth = 0usize;
    let mut seen_bof = false;
    let mut percent = Vec::new();
    let mut note = |row: u16, col: u16| {
        let (row, col) = (u32::from(row), u32::from(col));
        min = (min.0.min(row), min.1.min(col));
        max = (max.0.max(row), max.1.max(col));
        any = true;
    };
    let mut note_format = |row: u16, col: u16, xf: Option<u16>| {
        let is_percent = xf.is_some_and(|x| percent_xf.get(usize::from(x)) == Some(&true));
        if is_percent && percent.len() < MAX_PERCENT_CELLS {
            percent.push((u32::from(row), u32::from(col)));
        }
    };
    for r in records(stream, pos) {
        if depth > 0 {
            match r.typ {
                0x0809 => depth += 1,
                0x000A => depth -= 1,
                _ => {}
            }
            continue;
        }
        match r.typ {
            0x0809 if seen_bof => depth += 1,
            0x0809 => seen_bof = true,
            0x000A => break,
            // DIMENSIONS: BIFF8 has 32-bit rows; calamine computes `last - first + 1`.
            0x0200 if r.data.len() >= 14 => {
                let first = u32_at(r.data, 0).unwrap_or(0);
                let last = u32_at(r.data, 4).unwrap_or(0);
                if last >= 1 && (last - 1 < first || last > 65_536) {
                    bad = true;
                }
            }
            0x0006 | 0x0203 | 0x0204 | 0x00D6 | 0x0205 | 0x027E | 0x00FD => {
                if let (Some(row), Some(col)) = (u16_at(r.data, 0), u16_at(r.data, 2)) {
                    note(row, col);
                    // FORMULA, NUMBER and RK hold numbers; their cell format follows.
                    if matches!(r.typ, 0x0006 | 0x0203 | 0x027E) {
                        note_format(row, col, u16_at(r.data, 4));
                    }
                }
            }
            // MULRK: row, first column, records, last column.
            0x00BD if r.data.len() >= 6 => {
                if let (Some(row), Some(first), Some(last)) = (
                    u16_at(r.data, 0),
                    u16_at(r.data, 2),
                    u16_at(r.data, r.data.len() - 2),
                ) {
                    note(row, first);
                    note(row, last.max(first));
                    // Each number: its cell format (2 bytes), then the RK value (4).
                    for (i, at) in (4..r.data.len() - 2).step_by(6).enumerate() {
                        let Some(col) = u16::try_from(i).ok().and_then(|i| first.checked_add(i))
                        else {
                            break;
                        };
                        note_format(row, col, u16_at(r.data, at));
                    }
                }
            }
            _ => {}
        }
    }
    let extent = any.then(|| (CellRef::new(min.0, min.1), CellRef::new(max.0, max.1)));
    SheetScan {
        extent,
        bad,
        percent,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(typ: u16, data: &[u8]) -> Vec<u8> {
        let mut out = typ.to_le_bytes().to_vec();
        out.extend_from_slice(&u16::try_from(data.len()).unwrap().to_le_bytes());
        out.extend_from_slice(data);
        out
    }

    fn number(row: u16, col: u16) -> Vec<u8> {
        let mut d = row.to_le_bytes().to_vec();
        d.extend_from_slice(&col.to_le_bytes());
        d.extend_from_slice(&[0, 0]);
        d.extend_from_slice(&1.0f64.to_le_bytes());
        record(0x0203, &d)
    }

    #[test]
    fn scans_biff_extents_and_filepass() {
        let mut globals = record(0x0809, &[0, 6, 5, 0]);
        let sheet_at = globals.len() + 4 + 10 + 4;
        let mut bs = u32::try_from(sheet_at).unwrap().to_le_bytes().to_vec();
        bs.extend_from_slice(&[0, 0, 2, 0, b'S', b'1']);
        globals.extend(record(0x0085, &bs));
        globals.extend(record(0x000A, &[]));
        assert_eq!(globals.len(), sheet_at);
        let mut stream = globals;
        stream.extend(record(0x0809, &[0, 6, 0x10, 0]));
        stream.extend(number(2, 1));
        stream.extend(number(65_535, 255));
        stream.extend(record(0x000A, &[]));
        let scan = scan_xls(&stream);
        assert!(!scan.encrypted);
        assert_eq!(scan.sheets, 1);
        let (name, extent) = &scan.extents[0];
        assert_eq!(name, "S1");
        assert_eq!(
            *extent,
            Some((CellRef::new(2, 1), CellRef::new(65_535, 255)))
        );
        assert_eq!(XlsScan::area(*extent), 65_534 * 255);

        let mut encrypted = record(0x0809, &[0, 6, 5, 0]);
        encrypted.extend(record(0x002F, &[0, 0]));
        assert!(scan_xls(&encrypted).encrypted);
    }

    /// Percentage cells are found through their cell format: `XF` → number format, built-in
    /// 9/10 (`0%`, `0.00%`) or a `FORMAT` whose code shows a `%` (not a quoted one).
    #[test]
    fn scans_percentage_cells_through_their_formats() {
        let format = |index: u16, code: &str| {
            let mut d = index.to_le_bytes().to_vec();
            d.extend_from_slice(&u16::try_from(code.len()).unwrap().to_le_bytes());
            d.push(0);
            d.extend_from_slice(code.as_bytes());
            record(0x041E, &d)
        };
        let xf = |fmt: u16| {
            let mut d = vec![0, 0];
            d.extend_from_slice(&fmt.to_le_bytes());
            d.extend_from_slice(&[0; 16]);
            record(0x00E0, &d)
        };
        let mut globals = record(0x0809, &[0, 6, 5, 0]);
        globals.extend(format(164, "0.0%"));
        globals.extend(format(165, "0\"%\""));
        // XF 0: General, 1: built-in 0%, 2: custom 0.0%, 3: a quoted "%" (not a percentage).
        for f in [0, 9, 164, 165] {
            globals.extend(xf(f));
        }
        let sheet_at = globals.len() + 4 + 10 + 4;
        let mut bs = u32::try_from(sheet_at).unwrap().to_le_bytes().to_vec();
        bs.extend_from_slice(&[0, 0, 2, 0, b'S', b'1']);
        globals.extend(record(0x0085, &bs));
        globals.extend(record(0x000A, &[]));
        let mut stream = globals;
        stream.extend(record(0x0809, &[0, 6, 0x10, 0]));
        let cell = |typ: u16, row: u16, col: u16, xf: u16, value: &[u8]| {
            let mut d = row.to_le_bytes().to_vec();
            d.extend_from_slice(&col.to_le_bytes());
            d.extend_from_slice(&xf.to_le_bytes());
            d.extend_from_slice(value);
            record(typ, &d)
        };
        stream.extend(cell(0x0203, 1, 1, 1, &0.85f64.to_le_bytes())); // NUMBER, 0%
        stream.extend(cell(0x0203, 1, 2, 0, &0.85f64.to_le_bytes())); // NUMBER, General
        stream.extend(cell(0x027E, 2, 0, 2, &[0; 4])); // RK, 0.0%
        stream.extend(cell(0x027E, 2, 1, 3, &[0; 4])); // RK, quoted %
        // MULRK on row 3, columns 4–6 with formats 0, 1, 2.
        let mut m = 3u16.to_le_bytes().to_vec();
        m.extend_from_slice(&4u16.to_le_bytes());
        for x in [0u16, 1, 2] {
            m.extend_from_slice(&x.to_le_bytes());
            m.extend_from_slice(&[0; 4]);
        }
        m.extend_from_slice(&6u16.to_le_bytes());
        stream.extend(record(0x00BD, &m));
        stream.extend(record(0x000A, &[]));
        let scan = scan_xls(&stream);
        assert_eq!(scan.percent, vec![vec![(1, 1), (2, 0), (3, 5), (3, 6)]]);
        assert_eq!(
            scan.extents[0].1,
            Some((CellRef::new(1, 0), CellRef::new(3, 6)))
        );
    }

    /// A `BOUNDSHEET` too short to hold its sheet's position used to send the scan to offset
    /// `usize::MAX` and overflow (found by fuzzing:
    /// tests/data/robustness/xls-sheet-offset-overflow.xls).
    #[test]
    fn offsets_at_the_end_of_memory_are_none() {
        assert_eq!(u16_at(&[1, 2], usize::MAX), None);
        assert_eq!(u32_at(&[1, 2, 3, 4], usize::MAX - 1), None);
        assert_eq!(u64_at(&[0; 8], usize::MAX - 3), None);
        let mut stream = record(0x0809, &[0, 6, 5, 0]);
        stream.extend(record(0x0085, &[0xFF, 0xFF]));
        stream.extend(record(0x000A, &[]));
        let scan = scan_xls(&stream);
        assert_eq!(scan.sheets, 1);
        assert_eq!(scan.extents[0].1, None);
        assert_eq!(records(&stream, usize::MAX).count(), 0);
        assert_eq!(records(&stream, usize::MAX - 3).count(), 0);
    }

    #[test]
    fn malformed_compound_files_are_none() {
        assert!(Cfb::parse(&[]).is_none());
        let mut header = vec![0u8; 512];
        header[..8].copy_from_slice(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]);
        assert!(Cfb::parse(&header).is_none());
        header[0x1A] = 3;
        header[0x1E] = 9;
        header[0x20] = 6;
        // Every table points past the end of the file.
        for b in &mut header[0x2C..0x200] {
            *b = 0xFF;
        }
        let _ = Cfb::parse(&header);
    }
}
