//! The annotated copy `validate --annotate` writes: the submission's sheets with every
//! problem cell coloured (red for errors, yellow for warnings) and carrying a note with the
//! message and how to fix it, preceded by a sheet listing every finding. It is the file the
//! officer sends back to the agency.
//!
//! Values are copied from what was read (`ingest::Workbook`), as values: text is written as
//! text, never as a formula, so a cell typed `=HYPERLINK(...)` stays inert.

use std::collections::HashMap;

use rust_xlsxwriter::{Color, Format, FormatBorder, Note, Workbook, Worksheet, XlsxError};

use crate::diag::{CellRef, Finding, Location, Severity};
use crate::i18n::Lang;
use crate::ingest::{self, Value};

/// Builds the annotated workbook; returns its bytes.
pub fn build(
    wb: &ingest::Workbook,
    findings: &[Finding],
    lang: Lang,
) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    let font = "Times New Roman";
    let head = Format::new()
        .set_font_name(font)
        .set_bold()
        .set_background_color(Color::RGB(0xD9E1F2))
        .set_border(FormatBorder::Thin)
        .set_text_wrap();
    let body = Format::new()
        .set_font_name(font)
        .set_text_wrap()
        .set_align(rust_xlsxwriter::FormatAlign::Top);
    let date = Format::new()
        .set_font_name(font)
        .set_num_format("dd/mm/yyyy");
    let err = Format::new()
        .set_font_name(font)
        .set_background_color(Color::RGB(0xFFC7CE))
        .set_border(FormatBorder::Thin)
        .set_border_color(Color::RGB(0xC00000))
        .set_text_wrap();
    let warn = Format::new()
        .set_font_name(font)
        .set_background_color(Color::RGB(0xFFEB9C))
        .set_border(FormatBorder::Thin)
        .set_border_color(Color::RGB(0xBF8F00))
        .set_text_wrap();

    // The findings sheet first.
    let list = book.add_worksheet();
    list.set_name(lang.annotate_sheet())?;
    let headers = lang.annotate_headers();
    for (c, h) in headers.iter().enumerate() {
        list.write_string_with_format(0, c as u16, *h, &head)?;
    }
    for (c, w) in [8.0, 10.0, 16.0, 10.0, 70.0, 50.0].iter().enumerate() {
        list.set_column_width(c as u16, *w)?;
    }
    for (i, f) in findings.iter().enumerate() {
        let r = u32::try_from(i + 1).unwrap_or(u32::MAX);
        let (sheet, cell) = match &f.location {
            Some(Location::Cell { sheet, cell }) => (
                sheet.clone(),
                cell.map(|c| c.to_string()).unwrap_or_default(),
            ),
            _ => (String::new(), String::new()),
        };
        let sev = match f.severity {
            Severity::Error => lang.severity_error(),
            Severity::Warning => lang.severity_warning(),
        };
        let fmt = if f.severity == Severity::Error {
            &err
        } else {
            &warn
        };
        list.write_string_with_format(r, 0, f.code.as_str(), &body)?;
        list.write_string_with_format(r, 1, &sev, fmt)?;
        list.write_string_with_format(r, 2, &sheet, &body)?;
        list.write_string_with_format(r, 3, &cell, &body)?;
        list.write_string_with_format(r, 4, &f.message, &body)?;
        list.write_string_with_format(r, 5, &f.help, &body)?;
    }
    list.set_freeze_panes(1, 0)?;
    list.autofilter(0, 0, u32::try_from(findings.len()).unwrap_or(0), 5)?;

    // Findings by (sheet, cell), worst first.
    let mut marks: HashMap<(String, CellRef), Vec<&Finding>> = HashMap::new();
    for f in findings {
        if let Some(Location::Cell {
            sheet,
            cell: Some(c),
        }) = &f.location
        {
            marks.entry((sheet.clone(), *c)).or_default().push(f);
        }
    }
    for sheet in wb.sheets.iter().filter(|s| !s.hidden) {
        let ws = book.add_worksheet();
        ws.set_name(safe_sheet_name(&sheet.name))?;
        copy_sheet(ws, sheet, &body, &date)?;
        for ((sname, c), fs) in marks.iter().filter(|((s, _), _)| *s == sheet.name) {
            let _ = sname;
            let worst = fs
                .iter()
                .map(|f| f.severity)
                .min()
                .unwrap_or(Severity::Warning);
            let fmt = if worst == Severity::Error {
                &err
            } else {
                &warn
            };
            let v = sheet.cell(*c);
            write_value(ws, c.row, c.col as u16, v, fmt, fmt)?;
            let text: Vec<String> = fs
                .iter()
                .map(|f| {
                    format!(
                        "[{}] {}{}",
                        f.code,
                        f.message,
                        if f.help.is_empty() {
                            String::new()
                        } else {
                            format!("\n→ {}", f.help)
                        }
                    )
                })
                .collect();
            let note = Note::new(text.join("\n\n"))
                .set_author("baocao")
                .set_width(420)
                .set_height(160);
            ws.insert_note(c.row, c.col as u16, &note)?;
        }
    }
    book.save_to_buffer()
}

fn safe_sheet_name(name: &str) -> String {
    let cleaned: String = name
        .chars()
        .map(|c| if "[]:*?/\\".contains(c) { '_' } else { c })
        .take(31)
        .collect();
    if cleaned.trim().is_empty() {
        "Sheet".into()
    } else {
        cleaned
    }
}

fn copy_sheet(
    ws: &mut Worksheet,
    sheet: &ingest::Sheet,
    body: &Format,
    date: &Format,
) -> Result<(), XlsxError> {
    let mut widths: HashMap<u16, usize> = HashMap::new();
    for (r, row) in sheet.rows.iter().enumerate() {
        let r = u32::try_from(r).unwrap_or(u32::MAX);
        for (c, v) in row.iter().enumerate() {
            let Ok(c) = u16::try_from(c) else { break };
            if matches!(v, Value::Empty) {
                continue;
            }
            write_value(ws, r, c, v, body, date)?;
            let len = v.display().chars().count().min(60);
            let w = widths.entry(c).or_default();
            *w = (*w).max(len);
        }
    }
    for (c, w) in widths {
        ws.set_column_width(c, (w as f64 + 2.0).clamp(6.0, 60.0))?;
    }
    Ok(())
}

fn write_value(
    ws: &mut Worksheet,
    r: u32,
    c: u16,
    v: &Value,
    text: &Format,
    date: &Format,
) -> Result<(), XlsxError> {
    match v {
        Value::Empty => ws.write_blank(r, c, text).map(|_| ()),
        Value::Text(s) => ws.write_string_with_format(r, c, s, text).map(|_| ()),
        Value::Number(n) => ws.write_number_with_format(r, c, *n, text).map(|_| ()),
        Value::Bool(b) => ws.write_boolean_with_format(r, c, *b, text).map(|_| ()),
        Value::Date(d) => {
            let dt = rust_xlsxwriter::ExcelDateTime::from_ymd(
                u16::try_from(chrono::Datelike::year(d)).unwrap_or(1900),
                chrono::Datelike::month(d) as u8,
                chrono::Datelike::day(d) as u8,
            )?;
            let f = if std::ptr::eq(text, date) {
                date.clone()
            } else {
                text.clone().set_num_format("dd/mm/yyyy")
            };
            ws.write_datetime_with_format(r, c, &dt, &f).map(|_| ())
        }
        Value::Error(e) => ws.write_string_with_format(r, c, e, text).map(|_| ()),
    }
}
