//! `Theo nhiệm vụ`: one row per task, the agencies responsible counted by progress.

use rust_xlsxwriter::{Worksheet, XlsxError};

use super::Book;
use super::cells::*;
use crate::check::Status;
use crate::format::consolidated::*;
use crate::plan::fmt_date;

const BY_TASK_WIDTHS: [f64; 9] = [10.0, 70.0, 13.0, 11.0, 11.0, 11.0, 11.0, 11.0, 9.0];

pub(super) fn by_task(ws: &mut Worksheet, b: &Book, title: &str) -> Result<(), XlsxError> {
    let Book { plan, c, f } = *b;
    ws.set_name(SHEET_BY_TASK)?;
    let n = &f.col_int;
    data_columns(
        ws,
        &[&f.col_text, &f.col_text, &f.col_center, n, n, n, n, n, n],
    )?;
    header_row(ws, 0, &BY_TASK_COLUMNS, &f.th)?;
    ws.set_row_height(0, 32)?;
    let expected: std::collections::HashSet<&str> =
        c.agencies.iter().map(|a| a.code.as_str()).collect();
    let mut r = 1u32;
    for t in &plan.tasks {
        let responsible: Vec<&String> = t
            .agencies
            .iter()
            .filter(|a| expected.contains(a.as_str()))
            .collect();
        if responsible.is_empty() {
            continue;
        }
        // responsible, done, in progress, not started, nothing, overdue
        let mut n = [0usize; 6];
        for a in responsible {
            n[0] += 1;
            let x = c
                .submission(a)
                .and_then(|(_, s)| s.tasks.iter().find(|x| x.task_id == t.id));
            match x.and_then(|x| x.status) {
                Some(Status::Done) => n[1] += 1,
                Some(Status::InProgress) => n[2] += 1,
                Some(Status::NotStarted) => n[3] += 1,
                None => n[4] += 1,
            }
            if x.is_some_and(|x| x.overdue) {
                n[5] += 1;
            }
        }
        put(ws, r, 0, &t.id)?;
        put(ws, r, 1, &t.text)?;
        let deadline = plan
            .task_due(t, &c.period)
            .map_or_else(|| t.deadline.display(crate::i18n::Lang::Vi), fmt_date);
        put(ws, r, 2, &deadline)?;
        for (k, v) in n.iter().enumerate() {
            put_number(ws, r, 3 + col(k), *v as f64)?;
        }
        fit_row(ws, r, &[(&t.text, BY_TASK_WIDTHS[1])])?;
        r += 1;
    }
    finish_filtered(ws, r - 1, BY_TASK_COLUMNS.len(), &BY_TASK_WIDTHS, title, f)?;
    Ok(())
}
