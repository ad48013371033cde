//! A pass over an ODS file's `content.xml` before calamine reads it.
//!
//! calamine's ODS reader parses every sheet while opening the file and expands repeated
//! cells into a dense grid (`table:number-columns-repeated`, `table:number-rows-repeated`).
//! Its own caps (calamine issue 594) stop at 100 million cells, which is still 5 GB. This
//! pass counts, without storing anything, what that expansion will allocate per sheet, so
//! a file above [`Limits`](super::Limits) is refused first. It also refuses `text:s` runs
//! long enough to matter (calamine pushes one space per count), and a `content.xml` that ends
//! inside an element: calamine 0.38 loops forever when the file ends inside a `table:table`
//! or an `office:annotation` (its read loops ignore the end of the file), and no timeout can
//! stop a thread, so such a file must never reach it.

use std::collections::HashMap;
use std::io::{BufReader, Cursor};

use quick_xml::events::{BytesStart, Event};
use zip::ZipArchive;

use crate::diag::CellRef;

/// calamine's caps on one ODS row and on one sheet's rows.
const ODS_MAX_COLUMNS: u64 = 16_384;
const ODS_MAX_ROWS: u64 = 1_048_576;
/// Longest run of spaces (`<text:s text:c="…"/>`) accepted in one cell.
pub const MAX_SPACE_RUN: u64 = 100_000;
/// Deepest nesting of XML elements accepted in `content.xml`. LibreOffice writes about 10
/// levels (a chart or a drawing inside a cell, 20); checking end names costs memory per open
/// element, so a file of nothing but nested tags must stop early.
pub const MAX_XML_DEPTH: usize = 512;

/// Why an ODS file is refused before reading.
#[derive(Debug, PartialEq, Eq)]
pub enum OdsExcess {
    /// A sheet would occupy this many cells; `far` is its last cell.
    Cells {
        sheet: String,
        cells: u64,
        far: CellRef,
    },
    /// All sheets together would occupy this many cells.
    WorkbookCells {
        cells: u64,
    },
    Sheets {
        count: usize,
    },
    SpaceRun {
        count: u64,
    },
    /// The XML ends while this element is still open (a truncated or damaged file).
    Unclosed {
        element: String,
    },
    /// The XML is malformed.
    Xml {
        detail: String,
    },
    /// Elements nested deeper than [`MAX_XML_DEPTH`].
    Depth,
}

#[derive(Default)]
struct Table {
    name: String,
    /// Cells calamine pushes while reading rows (no row repeats).
    pushed: u64,
    rows: u64,
    first_row: Option<u64>,
    rows_end: u64,
    min_col: u64,
    max_col: u64,
    /// Cells whose value type is `percentage`, at most [`MAX_PERCENT_CELLS`].
    percent: Vec<(u32, u32)>,
    /// Cells spanning several rows or columns (`table:number-rows-spanned`,
    /// `table:number-columns-spanned`), as (top-left, bottom-right), at most
    /// [`MAX_PERCENT_CELLS`]: calamine does not report ODS merges.
    merged: Vec<(CellRef, CellRef)>,
}

/// Per sheet name, what the pass noted for the reader: percentage cells and merged ranges.
#[derive(Default)]
pub struct Notes {
    pub percent: HashMap<String, Vec<(u32, u32)>>,
    pub merged: HashMap<String, Vec<(CellRef, CellRef)>>,
}

impl Table {
    fn area(&self) -> u64 {
        match self.first_row {
            Some(first) => (self.rows_end - first).saturating_mul(self.max_col + 1 - self.min_col),
            None => 0,
        }
    }
}

struct Row {
    repeats: u64,
    col: u64,
    first: Option<u64>,
    extent: u64,
}

fn attr_number(e: &BytesStart<'_>, name: &str) -> Option<u64> {
    let a = e.try_get_attribute(name).ok()??;
    a.value.trim().parse().ok()
}

fn is_percentage(e: &BytesStart<'_>) -> bool {
    e.try_get_attribute("office:value-type")
        .ok()
        .flatten()
        .is_some_and(|a| a.value.as_ref() == "percentage")
}

fn has_value(e: &BytesStart<'_>) -> bool {
    e.attributes().flatten().any(|a| {
        matches!(
            a.key.as_ref(),
            "office:value-type" | "table:formula" | "office:value" | "office:string-value"
        )
    })
}

/// The most percentage cells noted per sheet (repeats included; a report has a handful).
const MAX_PERCENT_CELLS: usize = 10_000;

/// Checks `content.xml` against the limits and refuses XML that is malformed or ends inside
/// an element (which calamine could read for ever). Returns, per sheet, the cells whose value
/// type is `percentage` (`85%` is stored as 0.85; calamine reads the stored number).
pub fn check(
    zip: &mut ZipArchive<Cursor<&[u8]>>,
    limits: &super::Limits,
) -> Result<Notes, OdsExcess> {
    let Ok(part) = zip.by_name("content.xml") else {
        return Ok(Notes::default());
    };
    let mut xml = quick_xml::Reader::from_reader(BufReader::new(part));
    // calamine reads with `check_end_names = false` and waits for an end tag of one exact
    // name: `<table:table>…</table:tablX>` would make it read past the end of the file for
    // ever. Well-formed XML (every element closed, by its own name) cannot.
    xml.config_mut().check_end_names = true;
    let mut buf = Vec::with_capacity(1024);
    let mut pass = Pass {
        limits,
        notes: Notes::default(),
        table: None,
        row: None,
        sheets: 0,
        total: 0,
    };
    // The elements open at this point, to name the one a truncated file leaves open.
    let mut open: Vec<String> = Vec::new();
    loop {
        buf.clear();
        let (e, empty) = match xml.read_event_into(&mut buf) {
            Ok(Event::Start(e)) => {
                if open.len() >= MAX_XML_DEPTH {
                    return Err(OdsExcess::Depth);
                }
                open.push(e.name().as_ref().to_owned());
                (e, false)
            }
            Ok(Event::Empty(e)) => (e, true),
            Ok(Event::End(e)) => {
                open.pop();
                pass.end(e.name().as_ref())?;
                continue;
            }
            Ok(Event::Eof) => {
                return match open.pop() {
                    Some(element) => Err(OdsExcess::Unclosed { element }),
                    None => Ok(pass.notes),
                };
            }
            Err(e) => {
                return Err(OdsExcess::Xml {
                    detail: format!("content.xml: {e}"),
                });
            }
            Ok(_) => continue,
        };
        pass.start(&e, empty)?;
    }
}

/// The state of the pass over `content.xml`: the sheet and row being read, and the totals.
struct Pass<'l> {
    limits: &'l super::Limits,
    notes: Notes,
    table: Option<Table>,
    row: Option<Row>,
    sheets: usize,
    total: u64,
}

impl Pass<'_> {
    /// An element opened (or empty, `empty`).
    fn start(&mut self, e: &BytesStart<'_>, empty: bool) -> Result<(), OdsExcess> {
        match e.name().as_ref() {
            "table:table" if !empty => self.start_table(e)?,
            "table:table-row" if self.table.is_some() => {
                let done = self.table.as_ref().map_or(0, |t| t.rows);
                let repeats = attr_number(e, "table:number-rows-repeated")
                    .unwrap_or(1)
                    .min(ODS_MAX_ROWS.saturating_sub(done));
                self.row = Some(Row {
                    repeats,
                    col: 0,
                    first: None,
                    extent: 0,
                });
                if empty {
                    end_row(&mut self.table, &mut self.row);
                }
            }
            "table:table-cell" | "table:covered-table-cell" => self.cell(e),
            "text:s" => {
                let count = attr_number(e, "text:c").unwrap_or(1);
                if count > MAX_SPACE_RUN {
                    return Err(OdsExcess::SpaceRun { count });
                }
            }
            _ => {}
        }
        Ok(())
    }

    /// A sheet begins: counted against the limit on sheets.
    fn start_table(&mut self, e: &BytesStart<'_>) -> Result<(), OdsExcess> {
        self.sheets += 1;
        if self.sheets > self.limits.max_sheets {
            return Err(OdsExcess::Sheets { count: self.sheets });
        }
        let name = e
            .try_get_attribute("table:name")
            .ok()
            .flatten()
            .map(|a| a.value.into_owned())
            .unwrap_or_default();
        self.table = Some(Table {
            name,
            min_col: u64::MAX,
            ..Table::default()
        });
        Ok(())
    }

    /// An element closed: a row or a sheet ends (a sheet's cells are measured then).
    fn end(&mut self, name: &str) -> Result<(), OdsExcess> {
        match name {
            "table:table-row" => end_row(&mut self.table, &mut self.row),
            "table:table" => {
                if let Some(mut t) = self.table.take() {
                    self.total = self.total.saturating_add(end_table(&t, self.limits)?);
                    if self.total > self.limits.max_cells_per_workbook() {
                        return Err(OdsExcess::WorkbookCells { cells: self.total });
                    }
                    if !t.merged.is_empty() {
                        self.notes
                            .merged
                            .insert(t.name.clone(), std::mem::take(&mut t.merged));
                    }
                    if !t.percent.is_empty() {
                        self.notes
                            .percent
                            .insert(std::mem::take(&mut t.name), t.percent);
                    }
                }
            }
            _ => {}
        }
        Ok(())
    }

    /// A cell (or a covered one) of the row being read: its position, percentage type, span.
    fn cell(&mut self, e: &BytesStart<'_>) {
        let Some(r) = self.row.as_mut() else {
            return;
        };
        let repeats = attr_number(e, "table:number-columns-repeated").unwrap_or(1);
        let next = r.col.saturating_add(repeats).min(ODS_MAX_COLUMNS);
        // `next > r.col`: a cell repeated zero times (or past the last column) has no
        // position, and must not cost a pass over a million repeated rows.
        if next > r.col
            && is_percentage(e)
            && let Some(t) = self.table.as_mut()
        {
            note_percent(t, r, next);
        }
        if let Some(t) = self.table.as_mut() {
            note_merge(t, r, e);
        }
        if has_value(e) && r.col < ODS_MAX_COLUMNS {
            r.first.get_or_insert(r.col);
            r.extent = next;
        }
        r.col = next;
    }
}

/// The percentage cells of row `r` from its current column to `next` (repeats included).
fn note_percent(t: &mut Table, r: &Row, next: u64) {
    let cells = &mut t.percent;
    'rows: for row in t.rows..t.rows.saturating_add(r.repeats) {
        for col in r.col..next {
            if cells.len() >= MAX_PERCENT_CELLS {
                break 'rows;
            }
            if let (Ok(row), Ok(col)) = (u32::try_from(row), u32::try_from(col)) {
                cells.push((row, col));
            }
        }
    }
}

/// A cell spanning rows, as (top-left, bottom-right): only ranges spanning rows change a
/// reading (`Sheet::merged_from_above`).
fn note_merge(t: &mut Table, r: &Row, e: &BytesStart<'_>) {
    let rows = attr_number(e, "table:number-rows-spanned").unwrap_or(1);
    let cols = attr_number(e, "table:number-columns-spanned").unwrap_or(1);
    if rows > 1
        && r.repeats == 1
        && t.merged.len() < MAX_PERCENT_CELLS
        && let (Ok(row), Ok(col)) = (u32::try_from(t.rows), u32::try_from(r.col))
    {
        let end_row =
            u32::try_from(rows.min(ODS_MAX_ROWS) - 1).map_or(row, |n| row.saturating_add(n));
        let end_col =
            u32::try_from(cols.min(ODS_MAX_COLUMNS) - 1).map_or(col, |n| col.saturating_add(n));
        t.merged
            .push((CellRef::new(row, col), CellRef::new(end_row, end_col)));
    }
}

fn end_row(table: &mut Option<Table>, row: &mut Option<Row>) {
    let (Some(t), Some(r)) = (table.as_mut(), row.take()) else {
        return;
    };
    t.pushed = t.pushed.saturating_add(r.extent);
    if let Some(first) = r.first {
        t.first_row.get_or_insert(t.rows);
        t.rows_end = t.rows + r.repeats;
        t.min_col = t.min_col.min(first);
        t.max_col = t.max_col.max(r.extent.saturating_sub(1));
    }
    t.rows = t.rows.saturating_add(r.repeats);
}

/// The cells a finished sheet occupies, or the excess.
fn end_table(t: &Table, limits: &super::Limits) -> Result<u64, OdsExcess> {
    let cells = t.pushed.max(t.area());
    if cells > limits.max_cells_per_sheet {
        let far = CellRef::new(
            u32::try_from(t.rows_end.saturating_sub(1)).unwrap_or(u32::MAX),
            u32::try_from(t.max_col).unwrap_or(u32::MAX),
        );
        return Err(OdsExcess::Cells {
            sheet: t.name.clone(),
            cells,
            far,
        });
    }
    Ok(cells)
}
