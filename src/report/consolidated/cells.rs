//! Cell helpers shared by the consolidated workbook's sheets: positions, values, row heights
//! and each sheet's page setup.
//!
//! `Nhiệm vụ`, `Theo nhiệm vụ`, `Lỗi, cảnh báo` and `Nguồn` grow with the number of
//! submissions (tens of thousands of rows at the level above a province). Their cells carry
//! no format of their own: each column has one (font, wrapping, number or date format), one
//! conditional format draws the grid over the table, and only coloured cells (overdue,
//! errors, warnings, roles) name a format. On screen and on paper the table looks as if every
//! cell had borders, at about two thirds of the cost of formatting each cell (rust_xlsxwriter
//! hashes a cell's whole format to look it up), and blank cells need not be written at all.
//! `put*` write such cells; `text`, `number` and `opt_date` write formatted ones.

use chrono::{Datelike, NaiveDate};
use rust_xlsxwriter::{ConditionalFormatFormula, ExcelDateTime, Format, Worksheet, XlsxError};

use super::formats::{F, MAX_ROW_PT, TABLE_PT};
use crate::report::style::{self, TextKind};

pub(super) fn excel_date(d: NaiveDate) -> Result<ExcelDateTime, XlsxError> {
    let y = u16::try_from(d.year()).map_err(|_| XlsxError::DateTimeRangeError(d.to_string()))?;
    ExcelDateTime::from_ymd(y, d.month() as u8, d.day() as u8)
}

pub(super) fn row(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

pub(super) fn col(n: usize) -> u16 {
    u16::try_from(n).unwrap_or(u16::MAX)
}

pub(super) fn header_row(
    ws: &mut Worksheet,
    r: u32,
    labels: &[&str],
    f: &Format,
) -> Result<(), XlsxError> {
    for (c, l) in labels.iter().enumerate() {
        ws.write_string_with_format(r, col(c), *l, f)?;
    }
    Ok(())
}

pub(super) fn opt_date(
    ws: &mut Worksheet,
    r: u32,
    c: u16,
    d: Option<NaiveDate>,
    f: &F,
) -> Result<(), XlsxError> {
    match d {
        Some(d) => ws
            .write_datetime_with_format(r, c, &excel_date(d)?, &f.td_date)
            .map(|_| ()),
        None => ws.write_blank(r, c, &f.td).map(|_| ()),
    }
}

/// Sets the data sheet's column formats; before any row is written (rows are streamed).
pub(super) fn data_columns(ws: &mut Worksheet, formats: &[&Format]) -> Result<(), XlsxError> {
    for (c, f) in formats.iter().enumerate() {
        ws.set_column_format(col(c), f)?;
    }
    Ok(())
}

/// Draws the grid over rows `1..=last_row` and columns `0..=last_col` of a data sheet.
pub(super) fn data_grid(
    ws: &mut Worksheet,
    last_row: u32,
    last_col: u16,
    f: &F,
) -> Result<(), XlsxError> {
    if last_row >= 1 {
        let grid = ConditionalFormatFormula::new()
            .set_rule("TRUE")
            .set_format(&f.grid);
        ws.add_conditional_format(1, 0, last_row, last_col, &grid)?;
    }
    Ok(())
}

/// Text in a data sheet cell, in its column's format (an empty text writes nothing).
pub(super) fn put(ws: &mut Worksheet, r: u32, c: u16, s: &str) -> Result<(), XlsxError> {
    ws.write_string(r, c, s).map(|_| ())
}

pub(super) fn put_number(ws: &mut Worksheet, r: u32, c: u16, v: f64) -> Result<(), XlsxError> {
    ws.write_number(r, c, v).map(|_| ())
}

pub(super) fn put_date(
    ws: &mut Worksheet,
    r: u32,
    c: u16,
    d: Option<NaiveDate>,
) -> Result<(), XlsxError> {
    match d {
        Some(d) => ws.write_datetime(r, c, &excel_date(d)?).map(|_| ()),
        None => Ok(()),
    }
}

pub(super) fn text(
    ws: &mut Worksheet,
    r: u32,
    c: u16,
    s: &str,
    f: &Format,
) -> Result<(), XlsxError> {
    ws.write_string_with_format(r, c, s, f).map(|_| ())
}

pub(super) fn number(
    ws: &mut Worksheet,
    r: u32,
    c: u16,
    v: f64,
    f: &Format,
) -> Result<(), XlsxError> {
    ws.write_number_with_format(r, c, v, f).map(|_| ())
}

/// Lines `text` wraps to in a table cell `width` characters wide.
pub(super) fn lines(text: &str, width: f64) -> u32 {
    style::estimate_lines(text, width, TABLE_PT, TextKind::Regular)
}

/// Sets a table row's height for `lines` lines of wrapped text (rows of one line keep the
/// default height).
pub(super) fn set_lines(ws: &mut Worksheet, r: u32, lines: u32) -> Result<(), XlsxError> {
    if lines > 1 {
        ws.set_row_height(r, style::row_height_pt(lines, TABLE_PT).min(MAX_ROW_PT))?;
    }
    Ok(())
}

/// Sets a table row's height from the wrapped text in it: `cells` pairs each text with the
/// width of its column.
pub(super) fn fit_row(ws: &mut Worksheet, r: u32, cells: &[(&str, f64)]) -> Result<(), XlsxError> {
    let most = cells.iter().map(|(t, w)| lines(t, *w)).max().unwrap_or(1);
    set_lines(ws, r, most)
}

/// Column widths, frozen header, repeated header row, A4 landscape, and the sheet's name and
/// period in the printed page header (row 1 stays the table header, for machines).
pub(super) fn finish(
    ws: &mut Worksheet,
    header: u32,
    widths: &[f64],
    page_title: Option<&str>,
) -> Result<(), XlsxError> {
    for (c, w) in widths.iter().enumerate() {
        ws.set_column_width(col(c), *w)?;
    }
    ws.set_freeze_panes(header + 1, 0)?;
    ws.set_repeat_rows(header, header)?;
    style::page_setup_a4_landscape(ws);
    if let Some(t) = page_title {
        ws.set_header(format!(
            "&C&\"Times New Roman,Bold\"&12{}",
            t.replace('&', "&&")
        ));
    }
    Ok(())
}

/// Closes a data sheet whose records are rows `1..=last` of `columns` columns: a filter on
/// its header when it has records, the grid, then [`finish`].
pub(super) fn finish_filtered(
    ws: &mut Worksheet,
    last: u32,
    columns: usize,
    widths: &[f64],
    title: &str,
    f: &F,
) -> Result<(), XlsxError> {
    let last_col = col(columns - 1);
    if last >= 1 {
        ws.autofilter(0, 0, last, last_col)?;
    }
    data_grid(ws, last, last_col, f)?;
    finish(ws, 0, widths, Some(title))
}

pub(super) fn round1(v: f64) -> f64 {
    (v * 10.0).round() / 10.0
}
