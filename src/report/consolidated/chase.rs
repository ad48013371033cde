//! `Chưa nộp, trễ hạn`: the agencies to call, most urgent first, with why.

use rust_xlsxwriter::{Worksheet, XlsxError};

use super::Book;
use super::cells::*;
use crate::consolidate::{AgencyRow, Consolidation, Role, SubmitStatus};
use crate::format::consolidated::*;

/// The chase list: agencies to call, most urgent first (missing, then late by days late, then
/// invalid), in plan order within each group.
fn chased(c: &Consolidation) -> Vec<(&AgencyRow, &'static str)> {
    let overdue = c.as_of > c.period.due;
    let mut out: Vec<(u8, i64, usize, &AgencyRow, &'static str)> = Vec::new();
    for (i, a) in c.agencies.iter().enumerate() {
        let entry = match a.status {
            SubmitStatus::Missing if overdue => Some((0, CHASE_MISSING_OVERDUE)),
            SubmitStatus::Missing => Some((0, CHASE_MISSING_NOT_DUE)),
            _ if a.file.is_some() && !a.on_time => Some((1, CHASE_LATE)),
            SubmitStatus::Invalid => Some((2, CHASE_INVALID)),
            _ => None,
        };
        if let Some((group, label)) = entry {
            out.push((group, -a.days_late.unwrap_or(0), i, a, label));
        }
    }
    out.sort_by_key(|&(g, d, i, _, _)| (g, if g == 1 { d } else { 0 }, i));
    out.into_iter().map(|(_, _, _, a, l)| (a, l)).collect()
}

/// Why an agency is on the chase list, beyond its status: files it sent that were not used,
/// and the errors of the one used.
fn chase_note(c: &Consolidation, a: &AgencyRow) -> String {
    let mut notes = Vec::new();
    for &i in &a.other_files {
        let e = &c.files[i];
        let inside = e.checked.submission.other_agencies.contains(&a.code);
        let why = match e.role {
            _ if inside => format!(
                "tệp có bảng của cơ quan trên một sheet khác, không đọc (lỗi {})",
                crate::diag::Code::TableNotRead
            ),
            Role::Unreadable => e
                .checked
                .submission
                .findings
                .first()
                .map(|x| x.message.clone())
                .unwrap_or_default(),
            Role::OtherPeriod => format!(
                "báo cáo kỳ {}",
                e.checked.submission.period.as_deref().unwrap_or("khác")
            ),
            Role::Superseded => "bản cũ".to_string(),
            _ => role_label(e.role).to_lowercase(),
        };
        notes.push(format!(
            "Đã nhận tệp `{}` nhưng không dùng: {why}.",
            e.input.shown
        ));
    }
    if a.status == SubmitStatus::Invalid {
        notes.push(format!(
            "Báo cáo có {} lỗi (xem sheet {SHEET_FINDINGS}); đề nghị sửa và gửi lại.",
            a.errors.unwrap_or_default()
        ));
    }
    notes.join(" ")
}

const CHASE_WIDTHS: [f64; 9] = [5.0, 16.0, 36.0, 22.0, 8.0, 11.0, 20.0, 14.0, 55.0];

pub(super) fn chase(ws: &mut Worksheet, b: &Book, title: &str) -> Result<(), XlsxError> {
    let Book { c, f, .. } = *b;
    ws.set_name(SHEET_CHASE)?;
    header_row(ws, 0, &CHASE_COLUMNS, &f.th)?;
    ws.set_row_height(0, 32)?;
    for (i, (a, label)) in chased(c).into_iter().enumerate() {
        let r = row(i + 1);
        number(ws, r, 0, f64::from(r), &f.td_c)?;
        text(ws, r, 1, &a.code, &f.td)?;
        text(ws, r, 2, &a.name, &f.td)?;
        text(ws, r, 3, label, &f.td)?;
        match a.days_late {
            Some(d) => number(ws, r, 4, d as f64, &f.td_int)?,
            None => ws.write_blank(r, 4, &f.td).map(|_| ())?,
        }
        opt_date(ws, r, 5, a.received, f)?;
        let preparer = a.preparer.as_deref().unwrap_or("");
        text(ws, r, 6, preparer, &f.td)?;
        text(ws, r, 7, a.phone.as_deref().unwrap_or(""), &f.td)?;
        let note = chase_note(c, a);
        text(ws, r, 8, &note, &f.td)?;
        fit_row(
            ws,
            r,
            &[
                (&a.name, CHASE_WIDTHS[2]),
                (label, CHASE_WIDTHS[3]),
                (preparer, CHASE_WIDTHS[6]),
                (&note, CHASE_WIDTHS[8]),
            ],
        )?;
    }
    finish(ws, 0, &CHASE_WIDTHS, Some(title))?;
    Ok(())
}
