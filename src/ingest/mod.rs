//! Reading submissions: everything calamine lives here.
//!
//! [`open`] sniffs a file's content (not its extension), refuses impostors and hostile files
//! with one clear finding, and reads every sheet into a [`Workbook`] of [`Value`]s: text NFC
//! normalised, dates as dates whatever their encoding (Excel serials of either date system,
//! ODS ISO values), errors as errors, merged cells' values in their top-left cell, and cell
//! positions absolute (a calamine range that starts below A1 is shifted once, here).
//! [`table`] applies the reading rules of docs/report-format.md to find tables by label.

mod consolidated;
pub mod legacy;
mod limits;
mod open;
#[cfg(test)]
mod proptests;
mod sniff;
pub mod table;
mod value;

use std::collections::BTreeMap;

pub use consolidated::{read_consolidated, read_consolidated_any, same_plan};
pub use open::{
    Limits, Scope, open, open_bytes, open_bytes_scoped, open_scoped, quiet_reader_panics,
};
pub use value::{NumberText, Value, parse_date_text, read_number_text};

use crate::diag::CellRef;

/// The container format a file really is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    Xlsx,
    Xlsm,
    Xlsb,
    Xls,
    Ods,
}

impl Format {
    pub fn label(self) -> &'static str {
        match self {
            Format::Xlsx => "xlsx",
            Format::Xlsm => "xlsm",
            Format::Xlsb => "xlsb",
            Format::Xls => "xls",
            Format::Ods => "ods",
        }
    }
}

/// One worksheet: a sparse grid of values with absolute positions.
#[derive(Clone, Debug, Default)]
pub struct Sheet {
    pub name: String,
    /// Hidden or very hidden sheets are kept (the identity sheet is very hidden).
    pub hidden: bool,
    /// Rows of cells; `rows[r][c]` is the cell at absolute (r, c). Rows may be shorter than
    /// others; missing cells are empty.
    pub rows: Vec<Vec<Value>>,
    /// Non-empty cells beyond the rows and columns read ([`Limits`]), left out of `rows`.
    pub ignored: u64,
    /// The first of them, in reading order.
    pub first_ignored: Option<CellRef>,
    /// Merged ranges spanning several rows (top-left, bottom-right), at most 10,000 per sheet:
    /// every `.xls` and `.ods` sheet's; an
    /// `.xlsx`/`.xlsm` task table sheet's when a task row has a blank status or result; `.xlsb`
    /// merges are not read (docs/report-format.md, reading rule 6).
    pub merged: Vec<(CellRef, CellRef)>,
    /// Empty cells holding a formula whose value the file does not store (saved by a program
    /// that does not calculate), with the formula: `.xlsx`/`.xlsm` indicator table sheets.
    pub uncomputed: Vec<(CellRef, String)>,
    /// Hidden rows (0-based, sorted) of an `.xlsx`/`.xlsm` sheet holding a task or indicator
    /// table; not detected in other formats (docs/report-format.md, reading rules).
    pub hidden_rows: Vec<u32>,
}

static EMPTY: Value = Value::Empty;

impl Sheet {
    /// True when row `row` is hidden (only known for `.xlsx`/`.xlsm` table sheets).
    pub fn row_hidden(&self, row: u32) -> bool {
        self.hidden_rows.binary_search(&row).is_ok()
    }

    /// The value at an absolute position (empty when outside the data).
    pub fn get(&self, row: u32, col: u32) -> &Value {
        self.rows
            .get(row as usize)
            .and_then(|r| r.get(col as usize))
            .unwrap_or(&EMPTY)
    }

    pub fn cell(&self, at: CellRef) -> &Value {
        self.get(at.row, at.col)
    }

    /// The merged range covering (row, col) whose top-left cell is in an earlier row of the
    /// same column: the cell a person sees there is that top-left cell.
    pub fn merged_from_above(&self, row: u32, col: u32) -> Option<(CellRef, CellRef)> {
        self.merged
            .iter()
            .copied()
            .find(|(a, b)| a.col == col && a.row < row && row <= b.row && col <= b.col)
    }

    /// Number of rows holding data (one past the last non-empty row).
    pub fn height(&self) -> u32 {
        u32::try_from(self.rows.len()).unwrap_or(u32::MAX)
    }

    /// Width of row `row`.
    pub fn width(&self, row: u32) -> u32 {
        self.rows
            .get(row as usize)
            .map_or(0, |r| u32::try_from(r.len()).unwrap_or(u32::MAX))
    }
}

/// A submission read into memory.
#[derive(Clone, Debug)]
pub struct Workbook {
    pub format: Format,
    pub sheets: Vec<Sheet>,
    /// Machine identity written by `baocao template`: keys of `format::ID_*` from the very
    /// hidden `_baocao` sheet and/or the document's custom properties.
    pub identity: BTreeMap<String, String>,
}

impl Workbook {
    /// The sheet with this name after folding (NFC, case, spaces), if any.
    pub fn sheet_named(&self, name: &str) -> Option<&Sheet> {
        let want = crate::util::fold(name);
        self.sheets
            .iter()
            .find(|s| crate::util::fold(&s.name) == want)
    }
}
