//! From calamine's cells to baocao's [`Value`]s, stored sparsely at absolute positions.
//!
//! calamine's `Range` is a dense rectangle starting wherever the first used cell is; here
//! every cell goes to `rows[row][col]` with `row` and `col` counted from A1, so the rest of
//! baocao never sees a range offset. Only rows and columns that hold data take memory: a row
//! is as long as its last non-empty cell, and empty rows are empty vectors.

use calamine::{CellErrorType, Data, DataRef, ExcelDateTime};
use chrono::NaiveDate;
use unicode_normalization::UnicodeNormalization;

use super::Limits;
use crate::ingest::{Sheet, Value};

/// A sheet being filled cell by cell, within the limits.
pub struct Grid<'l> {
    rows: Vec<Vec<Value>>,
    limits: &'l Limits,
    /// Cell slots allocated so far (the sum of the rows' lengths).
    pub slots: u64,
    /// Non-empty cells dropped because they lie beyond `max_rows` or `max_cols`.
    pub ignored: u64,
    /// The first of them, in reading order.
    pub first_ignored: Option<(u32, u32)>,
}

/// A sheet grew past `max_cells_per_sheet`; `at` is the cell that crossed it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TooManyCells {
    pub at: (u32, u32),
    pub slots: u64,
}

impl<'l> Grid<'l> {
    pub fn new(limits: &'l Limits) -> Grid<'l> {
        Grid {
            rows: Vec::new(),
            limits,
            slots: 0,
            ignored: 0,
            first_ignored: None,
        }
    }

    /// Stores a value at an absolute position. Empty values are skipped; values beyond the
    /// row or column limit are counted in `ignored` and dropped.
    pub fn put(&mut self, row: u32, col: u32, value: Value) -> Result<(), TooManyCells> {
        if matches!(value, Value::Empty) {
            return Ok(());
        }
        if row >= self.limits.max_rows || col >= self.limits.max_cols {
            self.ignored += 1;
            self.first_ignored.get_or_insert((row, col));
            return Ok(());
        }
        let (r, c) = (row as usize, col as usize);
        let width = self.rows.get(r).map_or(0, Vec::len);
        if width <= c {
            let grow = (c + 1 - width) as u64;
            if self.slots + grow > self.limits.max_cells_per_sheet {
                return Err(TooManyCells {
                    at: (row, col),
                    slots: self.slots + grow,
                });
            }
            self.slots += grow;
            if self.rows.len() <= r {
                self.rows.resize_with(r + 1, Vec::new);
            }
            self.rows[r].resize(c + 1, Value::Empty);
        }
        self.rows[r][c] = value;
        Ok(())
    }

    /// Stores every non-empty cell of a calamine range, shifted by the range's start.
    pub fn put_range(&mut self, range: &calamine::Range<Data>) -> Result<(), TooManyCells> {
        let Some((row0, col0)) = range.start() else {
            return Ok(());
        };
        for (r, c, data) in range.used_cells() {
            let (Ok(r), Ok(c)) = (u32::try_from(r), u32::try_from(c)) else {
                continue;
            };
            let (Some(row), Some(col)) = (row0.checked_add(r), col0.checked_add(c)) else {
                continue;
            };
            self.put(row, col, value_of_data(data))?;
        }
        Ok(())
    }

    /// Reads the numbers of these cells (formatted as percentages) as shown: see
    /// [`as_shown_percent`].
    pub fn as_shown_percent(&mut self, cells: &[(u32, u32)]) {
        for &(row, col) in cells {
            if let Some(v) = self
                .rows
                .get_mut(row as usize)
                .and_then(|r| r.get_mut(col as usize))
            {
                *v = as_shown_percent(std::mem::replace(v, Value::Empty));
            }
        }
    }

    pub fn into_sheet(self, name: String, hidden: bool) -> Sheet {
        Sheet {
            name,
            hidden,
            rows: self.rows,
            ignored: self.ignored,
            first_ignored: self
                .first_ignored
                .map(|(row, col)| crate::diag::CellRef::new(row, col)),
            merged: Vec::new(),
            uncomputed: Vec::new(),
            hidden_rows: Vec::new(),
        }
    }
}

/// True when an Excel number format shows numbers multiplied by 100: a `%` that is neither
/// quoted (`0.0" %"`) nor escaped (`0\%`) nor inside brackets (`[$%-409]`).
pub fn scales_by_100(code: &str) -> bool {
    let mut chars = code.chars();
    let (mut quoted, mut bracket) = (false, false);
    while let Some(c) = chars.next() {
        match c {
            '"' => quoted = !quoted,
            '[' if !quoted => bracket = true,
            ']' if !quoted => bracket = false,
            '\\' if !quoted => {
                chars.next();
            }
            '%' if !quoted && !bracket => return true,
            _ => {}
        }
    }
    false
}

/// A number from a cell formatted as a percentage, as the person who typed it sees it: a cell
/// showing `85%` stores 0.85 and reads as 85 (the report format's percentages run 0–100).
/// Rounded to 9 decimals, so 0.85 × 100 is 85 and not 85.00000000000001.
pub fn as_shown_percent(v: Value) -> Value {
    match v {
        Value::Number(n) => {
            let shown = n * 100.0;
            let rounded = (shown * 1e9).round() / 1e9;
            Value::Percent(if rounded.is_finite() { rounded } else { shown })
        }
        other => other,
    }
}

/// Text, NFC-normalised; `None` for the empty string (a blank cell).
pub fn text(s: &str) -> Value {
    if s.is_empty() {
        Value::Empty
    } else if crate::util::is_nfc(s) {
        Value::Text(s.to_owned())
    } else {
        Value::Text(s.nfc().collect())
    }
}

/// A streamed cell's value.
pub fn value_of_ref(d: &DataRef<'_>) -> Value {
    match d {
        DataRef::SharedString(s) => text(s),
        DataRef::String(s) => text(s),
        DataRef::Int(i) => Value::Number(*i as f64),
        DataRef::Float(f) => Value::Number(*f),
        DataRef::Bool(b) => Value::Bool(*b),
        DataRef::DateTime(dt) => excel_date(*dt),
        DataRef::DateTimeIso(s) => iso_date(s),
        DataRef::DurationIso(s) => text(s),
        DataRef::Error(e) => Value::Error(error_text(e).to_owned()),
        DataRef::Empty => Value::Empty,
    }
}

/// A cell value from a calamine range.
pub fn value_of_data(d: &Data) -> Value {
    match d {
        Data::String(s) => text(s),
        Data::Int(i) => Value::Number(*i as f64),
        Data::Float(f) => Value::Number(*f),
        Data::Bool(b) => Value::Bool(*b),
        Data::DateTime(dt) => excel_date(*dt),
        Data::DateTimeIso(s) => iso_date(s),
        Data::DurationIso(s) => text(s),
        Data::Error(e) => Value::Error(error_text(e).to_owned()),
        Data::Empty => Value::Empty,
    }
}

/// Excel's own spelling of an error value.
fn error_text(e: &CellErrorType) -> &'static str {
    match e {
        CellErrorType::Div0 => "#DIV/0!",
        CellErrorType::NA => "#N/A",
        CellErrorType::Name => "#NAME?",
        CellErrorType::Null => "#NULL!",
        CellErrorType::Num => "#NUM!",
        CellErrorType::Ref => "#REF!",
        CellErrorType::Value => "#VALUE!",
        CellErrorType::GettingData => "#GETTING_DATA",
    }
}

/// Excel's largest date serial (9999-12-31) plus one.
const MAX_SERIAL: f64 = 2_958_466.0;

/// A number with a date format: a date (the time of day dropped), in the workbook's date
/// system (calamine's `ExcelDateTime` carries the 1900/1904 flag). Durations, times of day
/// without a date (serial below 1) and serials outside Excel's range stay numbers, and so
/// does serial 60, Excel's fictitious 29 February 1900.
pub fn excel_date(dt: ExcelDateTime) -> Value {
    let serial = dt.as_f64();
    if dt.is_duration() || !serial.is_finite() || !(1.0..MAX_SERIAL).contains(&serial) {
        return Value::Number(serial);
    }
    let (y, m, d, ..) = dt.to_ymd_hms_milli();
    match NaiveDate::from_ymd_opt(i32::from(y), u32::from(m), u32::from(d)) {
        Some(date) => Value::Date(date),
        None => Value::Number(serial),
    }
}

/// An ISO 8601 date or date-time (ODS `office:date-value`, xlsx `t="d"` cells): a date when
/// it starts with `YYYY-MM-DD`, else the text as written.
pub fn iso_date(s: &str) -> Value {
    let t = s.trim();
    let date = t
        .get(..10)
        .filter(|_| t.len() == 10 || t[10..].starts_with(['T', ' ']))
        .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok());
    match date {
        Some(d) => Value::Date(d),
        None => text(s),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use calamine::ExcelDateTimeType;

    #[test]
    fn dates_in_both_systems() {
        let d = |y, m, day| Value::Date(NaiveDate::from_ymd_opt(y, m, day).unwrap());
        let dt = |v, is_1904| ExcelDateTime::new(v, ExcelDateTimeType::DateTime, is_1904);
        assert_eq!(excel_date(dt(45_823.0, false)), d(2025, 6, 15));
        assert_eq!(excel_date(dt(45_823.75, false)), d(2025, 6, 15));
        assert_eq!(excel_date(dt(44_361.0, true)), d(2025, 6, 15));
        assert_eq!(excel_date(dt(61.0, false)), d(1900, 3, 1));
        assert_eq!(excel_date(dt(60.0, false)), Value::Number(60.0));
        assert_eq!(excel_date(dt(0.5, false)), Value::Number(0.5));
        assert_eq!(excel_date(dt(-3.0, false)), Value::Number(-3.0));
        assert_eq!(excel_date(dt(1e300, false)), Value::Number(1e300));
        let span = ExcelDateTime::new(1.5, ExcelDateTimeType::TimeDelta, false);
        assert_eq!(excel_date(span), Value::Number(1.5));
    }

    #[test]
    fn iso_dates_and_text() {
        let june = Value::Date(NaiveDate::from_ymd_opt(2025, 6, 15).unwrap());
        assert_eq!(iso_date("2025-06-15"), june);
        assert_eq!(iso_date("2025-06-15T10:30:00"), june);
        assert_eq!(iso_date("2025-06-15T10:30:00.000Z"), june);
        assert_eq!(iso_date("10:30:00"), Value::Text("10:30:00".into()));
        assert_eq!(iso_date("2025-02-30"), Value::Text("2025-02-30".into()));
    }

    #[test]
    fn text_is_nfc_and_empty_is_blank() {
        let decomposed = "Tho\u{302}ng tin";
        assert_eq!(text(decomposed), Value::Text("Thông tin".into()));
        assert_eq!(text(""), Value::Empty);
        assert_eq!(
            value_of_data(&Data::Error(CellErrorType::Ref)),
            Value::Error("#REF!".into())
        );
        assert_eq!(value_of_data(&Data::Int(7)), Value::Number(7.0));
    }

    #[test]
    fn grid_is_absolute_sparse_and_bounded() {
        let limits = Limits {
            max_rows: 10,
            max_cols: 5,
            max_cells_per_sheet: 12,
            ..Limits::default()
        };
        let mut g = Grid::new(&limits);
        g.put(4, 2, Value::Number(1.0)).unwrap();
        g.put(0, 0, Value::Empty).unwrap();
        g.put(10, 0, Value::Number(2.0)).unwrap();
        g.put(0, 5, Value::Number(3.0)).unwrap();
        assert_eq!(g.ignored, 2);
        assert_eq!(g.slots, 3);
        g.put(5, 4, Value::Number(4.0)).unwrap();
        assert_eq!(g.slots, 8);
        assert_eq!(
            g.put(6, 4, Value::Number(5.0)),
            Err(TooManyCells {
                at: (6, 4),
                slots: 13
            })
        );
        let sheet = g.into_sheet("S".into(), false);
        assert_eq!(sheet.get(4, 2), &Value::Number(1.0));
        assert_eq!(sheet.get(4, 1), &Value::Empty);
        assert_eq!(sheet.height(), 6);
        assert_eq!(sheet.rows[1].len(), 0);
    }
}
