//! `Nhiệm vụ`: one row per expected agency and task it carries, as the agency reported it,
//! with the file and cell each row was read from.

use rust_xlsxwriter::{Worksheet, XlsxError};

use super::Book;
use super::cells::*;
use super::formats::F;
use crate::check::{Status, Submission, TaskRow};
use crate::consolidate::FileEntry;
use crate::format::consolidated::*;
use crate::plan::fmt_date;

/// Widths of the `Nhiệm vụ` columns.
const TASK_WIDTHS: [f64; 13] = [
    9.0, 40.0, 11.0, 22.0, 14.0, 11.0, 11.0, 8.0, 45.0, 28.0, 16.0, 26.0, 20.0,
];

pub(super) fn tasks(ws: &mut Worksheet, b: &Book, title: &str) -> Result<(), XlsxError> {
    let Book { plan, c, f } = *b;
    ws.set_name(SHEET_TASKS)?;
    let t = &f.col_text;
    data_columns(
        ws,
        &[
            t,
            t,
            t,
            t,
            t,
            &f.col_date,
            &f.col_center,
            &f.col_center,
            t,
            t,
            t,
            t,
            t,
        ],
    )?;
    header_row(ws, 0, &TASK_COLUMNS, &f.th)?;
    ws.set_row_height(0, 32)?;
    let mut r = 1u32;
    // Every agency has the same tasks: how many lines a task's text takes is worked out once.
    let mut text_lines: std::collections::HashMap<&str, u32> = std::collections::HashMap::new();
    for a in &c.agencies {
        let sub = c.submission(&a.code);
        let name_lines = lines(&a.name, TASK_WIDTHS[3]);
        for t in plan.tasks_for(&a.code) {
            let deadline = plan
                .task_due(t, &c.period)
                .map_or_else(|| t.deadline.display(crate::i18n::Lang::Vi), fmt_date);
            put(ws, r, 0, &t.id)?;
            put(ws, r, 1, &t.text)?;
            put(ws, r, 2, &a.code)?;
            put(ws, r, 3, &a.name)?;
            put(ws, r, 6, &deadline)?;
            let reported = sub.and_then(|(file, s)| {
                s.tasks
                    .iter()
                    .find(|x| x.task_id == t.id)
                    .map(|x| (file, s, x))
            });
            let mut most = *text_lines
                .entry(t.id.as_str())
                .or_insert_with(|| lines(&t.text, TASK_WIDTHS[1]));
            most = most.max(name_lines);
            match reported {
                Some((file, s, x)) => {
                    // A row merged from a predecessor's report names that file.
                    let file = c.task_file(&a.code, &t.id).unwrap_or(file);
                    most = most.max(reported_row(ws, r, f, (file, s, x))?);
                }
                None => {
                    let why = if sub.is_some() {
                        "(không có trong báo cáo)"
                    } else {
                        "(chưa nộp báo cáo)"
                    };
                    put(ws, r, 4, why)?;
                }
            }
            set_lines(ws, r, most)?;
            r += 1;
        }
    }
    finish_filtered(ws, r - 1, TASK_COLUMNS.len(), &TASK_WIDTHS, title, f)?;
    // Print what a reader needs; `Nguồn` and `Tệp` are for tracing on screen.
    ws.set_print_area(0, 0, r.max(2) - 1, 10)?;
    Ok(())
}

/// The reported part of a task row (status to file), from `x` of report `s` in `file` (the
/// file used, or the predecessor's report the row was merged from); returns the lines its
/// tallest cell takes.
fn reported_row(
    ws: &mut Worksheet,
    r: u32,
    f: &F,
    (file, s, x): (&FileEntry, &Submission, &TaskRow),
) -> Result<u32, XlsxError> {
    put(ws, r, 4, x.status.map_or("", Status::label))?;
    put_date(ws, r, 5, x.done_date)?;
    if x.overdue {
        text(ws, r, 7, "Quá hạn", &f.mark_bad)?;
    }
    put(ws, r, 8, &x.result)?;
    put(ws, r, 9, &x.difficulty)?;
    put(ws, r, 10, &x.note)?;
    let sheet = file
        .checked
        .submission
        .report_sheet
        .as_deref()
        .or(s.report_sheet.as_deref())
        .unwrap_or("");
    let source = format!("{} › {sheet}!{}", file.input.shown, x.cell);
    put(ws, r, 11, &source)?;
    put(ws, r, 12, &file.input.shown)?;
    Ok([
        (&x.result, TASK_WIDTHS[8]),
        (&x.difficulty, TASK_WIDTHS[9]),
        (&x.note, TASK_WIDTHS[10]),
        (&source, TASK_WIDTHS[11]),
    ]
    .into_iter()
    .map(|(t, w)| lines(t, w))
    .max()
    .unwrap_or(1))
}
