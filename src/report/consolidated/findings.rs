//! `Lỗi, cảnh báo`: every finding of every file, and consolidation's own.

use rust_xlsxwriter::{Worksheet, XlsxError};

use super::Book;
use super::cells::*;
use crate::diag::{Location, Severity};
use crate::format::consolidated::*;

const FINDING_WIDTHS: [f64; 8] = [26.0, 12.0, 7.0, 10.0, 10.0, 7.0, 60.0, 45.0];

pub(super) fn findings(ws: &mut Worksheet, b: &Book, title: &str) -> Result<(), XlsxError> {
    let Book { c, f, .. } = *b;
    ws.set_name(SHEET_FINDINGS)?;
    let (t, m) = (&f.col_text, &f.col_center);
    data_columns(ws, &[t, t, m, m, t, m, t, t])?;
    header_row(ws, 0, &FINDING_COLUMNS, &f.th)?;
    let agency_of: std::collections::HashMap<&str, &str> = c
        .files
        .iter()
        .filter_map(|e| {
            e.checked
                .submission
                .agency
                .as_deref()
                .map(|a| (e.input.shown.as_str(), a))
        })
        .collect();
    let all = c.findings();
    for (i, x) in all.iter().enumerate() {
        let r = row(i + 1);
        let (sheet, cell) = match &x.location {
            Some(Location::Cell { sheet, cell }) => (
                sheet.clone(),
                cell.map(|c| c.to_string()).unwrap_or_default(),
            ),
            _ => (String::new(), String::new()),
        };
        let (sev, sf) = match x.severity {
            Severity::Error => ("Lỗi", &f.mark_bad),
            Severity::Warning => ("Cảnh báo", &f.mark_warn),
        };
        put(ws, r, 0, &x.file)?;
        put(
            ws,
            r,
            1,
            agency_of.get(x.file.as_str()).copied().unwrap_or(""),
        )?;
        put(ws, r, 2, x.code.as_str())?;
        text(ws, r, 3, sev, sf)?;
        put(ws, r, 4, &sheet)?;
        put(ws, r, 5, &cell)?;
        put(ws, r, 6, &x.message)?;
        put(ws, r, 7, &x.help)?;
        fit_row(
            ws,
            r,
            &[
                (&x.file, FINDING_WIDTHS[0]),
                (&x.message, FINDING_WIDTHS[6]),
                (&x.help, FINDING_WIDTHS[7]),
            ],
        )?;
    }
    let last = row(all.len());
    finish_filtered(ws, last, FINDING_COLUMNS.len(), &FINDING_WIDTHS, title, f)?;
    Ok(())
}
