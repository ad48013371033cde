//! `Nguồn`: every file read, its hash, and what became of it.

use rust_xlsxwriter::{Worksheet, XlsxError};

use super::Book;
use super::cells::*;
use crate::consolidate::Consolidation;
use crate::consolidate::Role;
use crate::diag::Severity;
use crate::format::consolidated::*;

const SOURCE_WIDTHS: [f64; 10] = [30.0, 9.0, 11.0, 35.0, 11.0, 13.0, 9.0, 11.0, 17.0, 50.0];

pub(super) fn sources(ws: &mut Worksheet, b: &Book, title: &str) -> Result<(), XlsxError> {
    let Book { c, f, .. } = *b;
    ws.set_name(SHEET_SOURCES)?;
    let (t, m, d) = (&f.col_text, &f.col_center, &f.col_date);
    data_columns(ws, &[t, m, &f.col_int, t, d, t, m, d, m, t])?;
    header_row(ws, 0, &SOURCE_COLUMNS, &f.th)?;
    ws.set_row_height(0, 32)?;
    for (i, e) in c.files.iter().enumerate() {
        let r = row(i + 1);
        let s = &e.checked.submission;
        put(ws, r, 0, &e.input.shown)?;
        put(ws, r, 1, e.checked.format.map_or("", |x| x.label()))?;
        put_number(ws, r, 2, e.size as f64)?;
        put(ws, r, 3, &e.sha256)?;
        put_date(ws, r, 4, e.modified)?;
        put(ws, r, 5, s.agency.as_deref().unwrap_or(""))?;
        put(ws, r, 6, s.period.as_deref().unwrap_or(""))?;
        put_date(ws, r, 7, s.report_date)?;
        let rf = if e.role == Role::Used {
            &f.mark_good
        } else {
            &f.mark_warn
        };
        text(ws, r, 8, role_label(e.role), rf)?;
        let why = source_reason(c, i);
        put(ws, r, 9, &why)?;
        fit_row(
            ws,
            r,
            &[
                (&e.input.shown, SOURCE_WIDTHS[0]),
                (&e.sha256, SOURCE_WIDTHS[3]),
                (role_label(e.role), SOURCE_WIDTHS[8]),
                (&why, SOURCE_WIDTHS[9]),
            ],
        )?;
    }
    data_grid(ws, row(c.files.len()), col(SOURCE_COLUMNS.len() - 1), f)?;
    finish(ws, 0, &SOURCE_WIDTHS, Some(title))?;
    Ok(())
}

/// `Lý do` of `Nguồn`: empty for a file used; else the consolidation's own finding about it
/// (superseded, other period), or its first error.
fn source_reason(c: &Consolidation, i: usize) -> String {
    let e = &c.files[i];
    if e.role == Role::Used {
        return String::new();
    }
    if e.role == Role::NotExpected {
        return format!(
            "cơ quan `{}` không thuộc danh sách phải báo cáo kỳ {}",
            e.checked.submission.agency.as_deref().unwrap_or(""),
            c.period.id
        );
    }
    c.extra
        .iter()
        .filter(|(k, _)| *k == i)
        .map(|(_, x)| x.message.clone())
        .chain(
            e.checked
                .submission
                .findings
                .iter()
                .filter(|x| x.severity == Severity::Error)
                .take(1)
                .map(|x| x.message.clone()),
        )
        .next()
        .unwrap_or_default()
}
