//! The annotated copy `validate --annotate` writes: the submission's sheets with every
//! problem cell coloured (red for errors, yellow for warnings) and carrying a note with the
//! message and how to fix it, preceded by a sheet listing every finding, each linked to its
//! cell. It is the file the officer sends back to the agency.
//!
//! Guarantees:
//! - values are copied from what was read (`ingest::Workbook`), as values: text is written as
//!   text, never as a formula, so a cell typed `=HYPERLINK(...)` stays inert;
//! - whatever the submission holds, the copy can be written: sheet names are made valid and
//!   unique, text is cut to Excel's 32,767 characters, dates Excel cannot show are written as
//!   text;
//! - the same findings and as-of date give the same bytes (the creation time is the as-of
//!   date, notes are written in cell order);
//! - every sheet prints on A4 landscape, one page wide, with row heights that fit the text.
//!
//! Why this module reads `ingest`'s types: the copy must show the submission exactly as baocao
//! read it (the same cells, values, merged ranges and hidden rows the findings point at), and
//! `ingest::Workbook`/`ingest::Value` are that view — our own plain types, no calamine type
//! crosses the boundary. A separate "neutral" copy of them would hold the same fields and could
//! only drift. The arrow runs one way, report → ingest, read-only; `ingest` knows nothing of
//! `report`.

use std::collections::{BTreeMap, HashSet};

use chrono::{Datelike, NaiveDate};
use rust_xlsxwriter::{
    Color, DocProperties, ExcelDateTime, Format, FormatAlign, FormatBorder, Note, Url, Workbook,
    Worksheet, XlsxError,
};

use crate::diag::{CellRef, Finding, Location, Severity};
use crate::i18n::Lang;
use crate::ingest::{self, Value};

mod carry;
mod on_template;

pub use on_template::build as build_on_template;
pub(crate) use on_template::marked_format;

/// Excel's limit on the characters of one cell.
const MAX_CELL_CHARS: usize = 32_767;
/// Excel's limit on a sheet name's length.
const MAX_SHEET_NAME: usize = 31;
/// Excel's last column (XFD).
const MAX_COL: usize = 16_383;
/// The widest a copied column gets, in characters; longer text wraps.
const MAX_WIDTH: usize = 50;
/// Points per line of 11-point text, and Excel's tallest row.
const LINE_HEIGHT: f64 = 15.0;
const MAX_ROW_HEIGHT: f64 = 409.0;

/// The formats of the annotated copy.
struct Styles {
    head: Format,
    body: Format,
    /// A lone cell in its row (a title or a note): not wrapped, so it reads across.
    title: Format,
    link: Format,
    error: Format,
    warning: Format,
}

impl Styles {
    fn new() -> Styles {
        let font = "Times New Roman";
        let body = Format::new()
            .set_font_name(font)
            .set_text_wrap()
            .set_align(FormatAlign::Top);
        let mark = |fill: u32, border: u32| {
            body.clone()
                .set_background_color(Color::RGB(fill))
                .set_border(FormatBorder::Thin)
                .set_border_color(Color::RGB(border))
        };
        Styles {
            head: body
                .clone()
                .set_bold()
                .set_background_color(Color::RGB(0xD9E1F2))
                .set_border(FormatBorder::Thin),
            title: Format::new()
                .set_font_name(font)
                .set_align(FormatAlign::Top),
            link: body
                .clone()
                .set_font_color(Color::RGB(0x0563C1))
                .set_underline(rust_xlsxwriter::FormatUnderline::Single),
            error: mark(0xFFC7CE, 0xC00000),
            warning: mark(0xFFEB9C, 0xBF8F00),
            body,
        }
    }

    fn severity(&self, s: Severity) -> &Format {
        match s {
            Severity::Error => &self.error,
            Severity::Warning => &self.warning,
        }
    }
}

/// Builds the annotated workbook; returns its bytes.
///
/// # Parameters
///
/// - `wb`: the submission as read, or `None` when it could not be read (the copy then holds
///   only the findings sheet).
/// - `findings`: the submission's findings, in display order.
/// - `as_of`: the document's creation date, so two runs give the same bytes.
///
/// # Errors
///
/// An [`XlsxError`] only if rust_xlsxwriter refuses something this module did not foresee.
pub fn build(
    wb: Option<&ingest::Workbook>,
    findings: &[Finding],
    lang: Lang,
    as_of: NaiveDate,
) -> Result<Vec<u8>, XlsxError> {
    let styles = Styles::new();
    let mut book = Workbook::new();
    let mut props = DocProperties::new().set_title(lang.annotate_sheet());
    if let Some(created) = excel_date(as_of) {
        props = props.set_creation_datetime(&created);
    }
    book.set_properties(&props);

    let sheets: Vec<&ingest::Sheet> = wb
        .map(|wb| wb.sheets.iter().filter(|s| !s.hidden).collect())
        .unwrap_or_default();
    let names = copy_names(&sheets, lang);
    let renamed: BTreeMap<&str, &str> = sheets
        .iter()
        .zip(&names)
        .map(|(s, n)| (s.name.as_str(), n.as_str()))
        .collect();

    let list = book.add_worksheet();
    list.set_name(lang.annotate_sheet())?;
    write_findings_sheet(list, findings, &renamed, &styles, lang)?;

    // Findings by (sheet, cell), in cell order.
    let mut marks: BTreeMap<(&str, CellRef), Vec<&Finding>> = BTreeMap::new();
    for f in findings {
        if let Some(Location::Cell {
            sheet,
            cell: Some(c),
        }) = &f.location
        {
            marks.entry((sheet.as_str(), *c)).or_default().push(f);
        }
    }
    for (sheet, name) in sheets.iter().zip(&names) {
        let ws = book.add_worksheet();
        ws.set_name(name)?;
        let here: Vec<(CellRef, &[&Finding])> = marks
            .iter()
            .filter(|((s, _), _)| *s == sheet.name)
            .map(|((_, c), fs)| (*c, fs.as_slice()))
            .collect();
        copy_sheet(ws, sheet, &here, &styles)?;
    }
    book.save_to_buffer()
}

/// The findings sheet: one row per finding, the cell linked to the problem cell.
fn write_findings_sheet(
    ws: &mut Worksheet,
    findings: &[Finding],
    renamed: &BTreeMap<&str, &str>,
    styles: &Styles,
    lang: Lang,
) -> Result<(), XlsxError> {
    const WIDTHS: [usize; 6] = [8, 10, 14, 8, 60, 50];
    for (c, h) in lang.annotate_headers().iter().enumerate() {
        ws.write_string_with_format(0, col(c), *h, &styles.head)?;
    }
    for (c, w) in WIDTHS.iter().enumerate() {
        ws.set_column_width(col(c), *w as f64)?;
    }
    for (i, f) in findings.iter().enumerate() {
        let r = u32::try_from(i + 1).unwrap_or(u32::MAX);
        let (sheet, cell) = match &f.location {
            Some(Location::Cell { sheet, cell }) => (sheet.as_str(), *cell),
            _ => ("", None),
        };
        let severity = match f.severity {
            Severity::Error => lang.severity_error(),
            Severity::Warning => lang.severity_warning(),
        };
        ws.write_string_with_format(r, 0, f.code.as_str(), &styles.body)?;
        ws.write_string_with_format(r, 1, &severity, styles.severity(f.severity))?;
        ws.write_string_with_format(r, 2, clip(sheet), &styles.body)?;
        match (cell, renamed.get(sheet)) {
            (Some(c), Some(copy)) => {
                let target = format!("internal:'{}'!{c}", copy.replace('\'', "''"));
                ws.write_url_with_format(
                    r,
                    3,
                    Url::new(target).set_text(c.to_string()),
                    &styles.link,
                )?;
            }
            (Some(c), None) => {
                ws.write_string_with_format(r, 3, c.to_string(), &styles.body)?;
            }
            (None, _) => {
                ws.write_blank(r, 3, &styles.body)?;
            }
        }
        ws.write_string_with_format(r, 4, clip(&f.message), &styles.body)?;
        ws.write_string_with_format(r, 5, clip(&f.help), &styles.body)?;
        let lines = lines(&f.message, WIDTHS[4]).max(lines(&f.help, WIDTHS[5]));
        ws.set_row_height(r, row_height(lines))?;
    }
    ws.set_freeze_panes(1, 0)?;
    ws.autofilter(0, 0, u32::try_from(findings.len()).unwrap_or(0), 5)?;
    ws.set_repeat_rows(0, 0)?;
    page_setup(ws);
    Ok(())
}

/// Copies one sheet's values, marking the problem cells.
fn copy_sheet(
    ws: &mut Worksheet,
    sheet: &ingest::Sheet,
    marks: &[(CellRef, &[&Finding])],
    styles: &Styles,
) -> Result<(), XlsxError> {
    // Widths come from table-like rows (two or more values): a title alone in its row reads
    // across the empty cells to its right instead of widening its column.
    let mut widths: BTreeMap<usize, usize> = BTreeMap::new();
    for row in &sheet.rows {
        if row.iter().filter(|v| !v.is_blank()).count() < 2 {
            continue;
        }
        for (c, v) in row.iter().enumerate().take(MAX_COL + 1) {
            let len = longest_line(&v.display());
            let w = widths.entry(c).or_default();
            *w = (*w).max(len.min(MAX_WIDTH));
        }
    }
    let width = |c: usize| widths.get(&c).copied().unwrap_or(8).max(6);
    for &c in widths.keys() {
        ws.set_column_width(col(c), (width(c) + 2) as f64)?;
    }
    for (r, row) in sheet.rows.iter().enumerate() {
        let Ok(r32) = u32::try_from(r) else { break };
        let lone = row.iter().filter(|v| !v.is_blank()).count() == 1;
        let mut tallest = 1;
        for (c, v) in row.iter().enumerate().take(MAX_COL + 1) {
            if matches!(v, Value::Empty) {
                continue;
            }
            let format = if lone { &styles.title } else { &styles.body };
            write_value(ws, r32, col(c), v, format)?;
            if !lone {
                tallest = tallest.max(lines(&v.display(), width(c)));
            }
        }
        if tallest > 1 {
            ws.set_row_height(r32, row_height(tallest))?;
        }
    }
    for (c, fs) in marks {
        let worst = fs
            .iter()
            .map(|f| f.severity)
            .min()
            .unwrap_or(Severity::Warning);
        if c.col as usize > MAX_COL {
            continue;
        }
        write_value(
            ws,
            c.row,
            col(c.col as usize),
            sheet.cell(*c),
            styles.severity(worst),
        )?;
        let text = on_template::note_text(fs);
        ws.insert_note(c.row, col(c.col as usize), &note(&text))?;
    }
    ws.set_print_gridlines(true);
    page_setup(ws);
    Ok(())
}

/// A cell note holding `text` (cut to Excel's limit), sized to show it without scrolling.
pub(crate) fn note(text: &str) -> Note {
    let height = (lines(text, 55) as u32 * 16 + 16).clamp(80, 400);
    Note::new(clip(text))
        .set_author("baocao")
        .add_author_prefix(false)
        .set_font_name("Times New Roman")
        .set_width(420)
        .set_height(height)
}

/// A4 landscape, one page wide, margins as in Decree 30 (left 30 mm, others 15–20 mm).
fn page_setup(ws: &mut Worksheet) {
    ws.set_paper_size(9);
    ws.set_landscape();
    ws.set_print_fit_to_pages(1, 0);
    ws.set_margins(1.18, 0.59, 0.79, 0.79, 0.3, 0.3);
}

/// Writes a value as a value: text as text (never a formula), dates as dates when Excel can
/// show them, anything Excel would refuse as its text.
fn write_value(
    ws: &mut Worksheet,
    r: u32,
    c: u16,
    v: &Value,
    format: &Format,
) -> Result<(), XlsxError> {
    match v {
        Value::Empty => ws.write_blank(r, c, format),
        Value::Text(s) => ws.write_string_with_format(r, c, clip(s), format),
        Value::Number(n) if n.is_finite() => ws.write_number_with_format(r, c, *n, format),
        Value::Percent(n) if n.is_finite() => {
            let f = format.clone().set_num_format("0.##%");
            ws.write_number_with_format(r, c, *n / 100.0, &f)
        }
        Value::Bool(b) => ws.write_boolean_with_format(r, c, *b, format),
        Value::Date(d) => match excel_date(*d) {
            Some(dt) => {
                let f = format.clone().set_num_format("dd/mm/yyyy");
                ws.write_datetime_with_format(r, c, &dt, &f)
            }
            None => ws.write_string_with_format(r, c, v.display(), format),
        },
        Value::Number(_) | Value::Percent(_) | Value::Error(_) => {
            ws.write_string_with_format(r, c, v.display(), format)
        }
    }
    .map(|_| ())
}

/// A date Excel can show (years 1900–9999).
fn excel_date(d: NaiveDate) -> Option<ExcelDateTime> {
    let year = u16::try_from(d.year()).ok()?;
    ExcelDateTime::from_ymd(
        year,
        u8::try_from(d.month()).ok()?,
        u8::try_from(d.day()).ok()?,
    )
    .ok()
}

/// Valid, unique sheet names for the copies, none equal to the findings sheet's (Excel
/// compares sheet names without case).
fn copy_names(sheets: &[&ingest::Sheet], lang: Lang) -> Vec<String> {
    let mut used: HashSet<String> = HashSet::new();
    used.insert(lang.annotate_sheet().to_lowercase());
    let mut names = Vec::with_capacity(sheets.len());
    for (i, sheet) in sheets.iter().enumerate() {
        let cleaned: String = sheet
            .name
            .chars()
            .map(|c| {
                if "[]:*?/\\".contains(c) || c.is_control() {
                    '_'
                } else {
                    c
                }
            })
            .collect();
        let cleaned = cleaned.trim().trim_matches('\'').trim().to_string();
        let base = if cleaned.is_empty() || cleaned.eq_ignore_ascii_case("history") {
            format!("Sheet{}", i + 1)
        } else {
            cleaned
        };
        let mut name: String = base.chars().take(MAX_SHEET_NAME).collect();
        let mut n = 2;
        while used.contains(&name.to_lowercase()) {
            let suffix = format!(" ({n})");
            let keep = MAX_SHEET_NAME - suffix.chars().count();
            name = format!(
                "{}{suffix}",
                base.chars().take(keep).collect::<String>().trim_end()
            );
            n += 1;
        }
        used.insert(name.to_lowercase());
        names.push(name);
    }
    names
}

/// Text cut to what one cell can hold.
fn clip(s: &str) -> &str {
    match s.char_indices().nth(MAX_CELL_CHARS) {
        Some((i, _)) => &s[..i],
        None => s,
    }
}

/// How many lines `text` takes in a wrapped column `width` units wide. A unit is the width of
/// a digit; Vietnamese text in Times New Roman fits about 1.3 characters in it.
fn lines(text: &str, width: usize) -> usize {
    let width = (width * 13 / 10).max(1);
    text.lines()
        .map(|l| l.chars().count().div_ceil(width).max(1))
        .sum::<usize>()
        .max(1)
}

fn longest_line(text: &str) -> usize {
    text.lines().map(|l| l.chars().count()).max().unwrap_or(0)
}

fn row_height(lines: usize) -> f64 {
    (lines as f64 * LINE_HEIGHT).min(MAX_ROW_HEIGHT)
}

fn col(c: usize) -> u16 {
    u16::try_from(c).unwrap_or(u16::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sheet(name: &str) -> ingest::Sheet {
        ingest::Sheet {
            name: name.into(),
            ..ingest::Sheet::default()
        }
    }

    #[test]
    fn sheet_names_are_valid_and_unique() {
        let s = [
            sheet("Báo cáo"),
            sheet("BÁO CÁO"),
            sheet("Lỗi, cảnh báo"),
            sheet("a/b:c"),
            sheet("'"),
            sheet(&"x".repeat(40)),
            sheet(&"x".repeat(40)),
        ];
        let refs: Vec<&ingest::Sheet> = s.iter().collect();
        assert_eq!(
            copy_names(&refs, Lang::Vi),
            [
                "Báo cáo".to_string(),
                "BÁO CÁO (2)".into(),
                "Lỗi, cảnh báo (2)".into(),
                "a_b_c".into(),
                "Sheet5".into(),
                "x".repeat(31),
                format!("{} (2)", "x".repeat(27)),
            ]
        );
    }

    #[test]
    fn long_text_and_impossible_dates_still_write() {
        assert_eq!(clip(&"á".repeat(40_000)).chars().count(), MAX_CELL_CHARS);
        assert!(excel_date(NaiveDate::from_ymd_opt(1066, 10, 14).unwrap()).is_none());
        assert_eq!(lines("", 10), 1);
        assert_eq!(lines("abcdefghijklmn\nx", 10), 3);
    }
}
