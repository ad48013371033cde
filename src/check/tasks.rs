//! The task table: coverage (missing, unassigned, unknown, repeated tasks), status, dates and
//! deadlines, and result text.

use std::collections::HashMap;

use super::{Cx, Status, Submission, TaskRow};
use crate::diag::{CellRef, Code, Finding};
use crate::ingest::table::Table;
use crate::ingest::{Sheet, Value, Workbook};
use crate::plan::{Period, fmt_date};

/// Column indexes into `format::TASK_COLUMNS`.
use crate::format::task_col::{DIFFICULTY, DONE_DATE, ID, NOTE, RESULT, STATUS};

pub fn check(cx: &mut Cx, wb: &Workbook, t: &Table, sub: &mut Submission, period: Option<&Period>) {
    let Some(id_col) = t.col(ID) else { return };
    let sheet = &wb.sheets[t.sheet];
    let sname = sheet.name.clone();
    let plan = cx.opts.plan;
    let assigned: Vec<&str> = sub
        .agency
        .as_deref()
        .map(|a| plan.tasks_for(a).iter().map(|t| t.id.as_str()).collect())
        .unwrap_or_default();
    let mut seen: HashMap<String, CellRef> = HashMap::new();
    for r in (t.header_row + 1)..sheet.height() {
        let id_cell = CellRef::new(r, id_col);
        let Some((task, id)) = row_task(cx, sheet, id_cell, &mut seen, &assigned, sub) else {
            continue;
        };
        let row = Row {
            sheet,
            sname: &sname,
            r,
            id,
            id_cell,
        };
        let task_row = read_row(cx, t, &row, task, period);
        sub.tasks.push(task_row);
    }
    missing_tasks(cx, sub, &sname, &seen);
}

/// One task row being read: its sheet, row and task ID.
struct Row<'a> {
    sheet: &'a Sheet,
    sname: &'a str,
    r: u32,
    id: String,
    id_cell: CellRef,
}

/// The plan's task of the row's ID cell, or None (the finding said) when the row is blank, an
/// error value, hidden, a repeated ID, an unknown task or one not assigned to the agency.
fn row_task<'p>(
    cx: &mut Cx<'p>,
    sheet: &Sheet,
    id_cell: CellRef,
    seen: &mut HashMap<String, CellRef>,
    assigned: &[&str],
    sub: &Submission,
) -> Option<(&'p crate::plan::Task, String)> {
    let lang = cx.lang();
    let plan = cx.opts.plan;
    let sname = &sheet.name;
    let id_value = sheet.get(id_cell.row, id_cell.col);
    if id_value.is_blank() || cx.error_cell(sname, id_cell, id_value) {
        return None;
    }
    if sheet.row_hidden(id_cell.row) {
        cx.hidden_row(sname, id_cell, &id_value.display());
        return None;
    }
    let id = id_value
        .display()
        .trim()
        .to_ascii_uppercase()
        .replace(' ', "");
    if let Some(first) = seen.get(&id) {
        cx.at(
            Code::TaskDuplicate,
            sname,
            id_cell,
            lang.task_duplicate(&id, &first.to_string()),
            lang.task_duplicate_help(),
        );
        return None;
    }
    seen.insert(id.clone(), id_cell);
    let Some(task) = plan.task(&id) else {
        cx.at(
            Code::TaskUnknown,
            sname,
            id_cell,
            lang.task_unknown(&id_value.display()),
            lang.task_unknown_help(),
        );
        return None;
    };
    if let Some(agency) = &sub.agency
        && !assigned.contains(&task.id.as_str())
    {
        cx.at(
            Code::TaskNotAssigned,
            sname,
            id_cell,
            lang.task_not_assigned(&id, agency),
            lang.task_not_assigned_help(),
        );
        return None;
    }
    Some((task, id))
}

/// A known, assigned task's row: status, completion date, deadline and result text.
fn read_row(
    cx: &mut Cx,
    t: &Table,
    row: &Row<'_>,
    task: &crate::plan::Task,
    period: Option<&Period>,
) -> TaskRow {
    let lang = cx.lang();
    let plan = cx.opts.plan;
    let sname = row.sname;
    let id = &row.id;
    // Each cell as a person sees it (a range merged down from the row above included).
    let mut seen_cells: [Option<(CellRef, &Value)>; 9] = [None; 9];
    for i in [STATUS, DONE_DATE, RESULT, DIFFICULTY, NOTE] {
        seen_cells[i] = t.col(i).map(|c| as_seen(cx, row.sheet, row.r, c, id));
    }
    let cell = |i: usize| seen_cells[i];
    let text = |cx: &mut Cx, i: usize| -> String {
        match cell(i) {
            Some((c, v)) => {
                if cx.error_cell(sname, c, v) {
                    return String::new();
                }
                let s = v.as_text().unwrap_or_default();
                cx.legacy(sname, c, &s);
                s
            }
            None => String::new(),
        }
    };
    let result = text(cx, RESULT);
    let difficulty = text(cx, DIFFICULTY);
    let note = text(cx, NOTE);
    let status = status_of(cx, sname, cell(STATUS), id);
    let done_date = done_date_of(cx, row, cell(DONE_DATE), status, task, period);

    // Deadline passed and not done.
    let due = period.and_then(|p| plan.task_due(task, p));
    let overdue = due.is_some_and(|d| d < cx.opts.as_of) && status != Some(Status::Done);
    // A blank or invalid status is already an error at this cell; once it is fixed, the
    // deadline is judged.
    if let (true, Some(d), Some(_)) = (overdue, due, status) {
        let at = cell(STATUS).map_or(row.id_cell, |(c, _)| c);
        cx.at(
            Code::Overdue,
            sname,
            at,
            lang.overdue(id, &fmt_date(d)),
            lang.overdue_help(),
        );
    }

    // Result text for work done or under way.
    if matches!(status, Some(Status::Done | Status::InProgress))
        && result.is_empty()
        && let Some((c, _)) = cell(RESULT)
    {
        let label = status.map(Status::label).unwrap_or_default();
        cx.at(
            Code::ResultMissing,
            sname,
            c,
            lang.result_missing(id, label),
            lang.result_missing_help(),
        );
    }

    TaskRow {
        task_id: task.id.clone(),
        status,
        done_date,
        result,
        difficulty,
        note,
        overdue,
        cell: row.id_cell,
        status_cell: cell(STATUS).map(|(c, _)| c),
    }
}

/// The status read from its cell as seen: blank (an error), one of the three, or a near miss.
fn status_of(
    cx: &mut Cx,
    sname: &str,
    cell: Option<(CellRef, &Value)>,
    id: &str,
) -> Option<Status> {
    let lang = cx.lang();
    let (c, v) = cell?;
    if cx.error_cell(sname, c, v) {
        return None;
    }
    if v.is_blank() {
        cx.at(
            Code::StatusBlank,
            sname,
            c,
            lang.status_blank(id),
            lang.status_help(),
        );
        return None;
    }
    let shown = v.display();
    let status = Status::parse(&shown);
    if status.is_none() && !cx.legacy(sname, c, &shown) {
        return status_near_miss(cx, sname, c, &shown);
    }
    status
}

/// The completion date read from its cell as seen: missing for a task done, not a date, or
/// checked against the period and `--as-of`.
fn done_date_of(
    cx: &mut Cx,
    row: &Row<'_>,
    cell: Option<(CellRef, &Value)>,
    status: Option<Status>,
    task: &crate::plan::Task,
    period: Option<&Period>,
) -> Option<chrono::NaiveDate> {
    let lang = cx.lang();
    let sname = row.sname;
    let (c, v) = cell?;
    if cx.error_cell(sname, c, v) {
        return None;
    }
    if v.is_blank() {
        if status == Some(Status::Done) {
            cx.at(
                Code::DoneDateMissing,
                sname,
                c,
                lang.done_date_missing(&row.id),
                lang.done_date_help(),
            );
        }
        return None;
    }
    match v.as_date() {
        None => {
            cx.at(
                Code::DateInvalid,
                sname,
                c,
                lang.date_invalid(&v.display()) + &date_hint(lang, v),
                lang.done_date_help(),
            );
            None
        }
        Some(d) => {
            date_checks(cx, sname, c, d, &row.id, status, task, period);
            Some(d)
        }
    }
}

/// T-missing for each task assigned to the agency that the table does not list.
fn missing_tasks(cx: &mut Cx, sub: &Submission, sname: &str, seen: &HashMap<String, CellRef>) {
    let lang = cx.lang();
    let Some(agency) = sub.agency.clone() else {
        return;
    };
    for task in cx.opts.plan.tasks_for(&agency) {
        if !seen.contains_key(&task.id) {
            let finding = Finding::new(Code::TaskMissing, cx.file, lang.task_missing(&task.id))
                .at_sheet(sname)
                .help(lang.task_missing_help(&shorten(&task.text, 80)));
            cx.push(finding);
        }
    }
}

/// A status that is none of the three: read (T008) when only look-alike or invisible
/// characters make it so, else T006 naming those characters and the value it nearly is.
fn status_near_miss(cx: &mut Cx, sheet: &str, c: CellRef, shown: &str) -> Option<Status> {
    let lang = cx.lang();
    let odd = super::spelling::odd_chars(shown);
    let named = odd_list(lang, &odd);
    if !odd.is_empty()
        && let Some(st) = Status::parse(&super::spelling::cleaned(shown))
    {
        cx.at(
            Code::StatusLookAlike,
            sheet,
            c,
            lang.status_look_alike(shown, &named, st.label()),
            lang.look_alike_help(st.label()),
        );
        return Some(st);
    }
    let allowed = [Status::Done, Status::InProgress, Status::NotStarted].map(Status::label);
    let mut message = lang.status_invalid_expected(shown);
    if !odd.is_empty() {
        message += &lang.odd_chars_note(&named);
    }
    if let Some(s) = super::spelling::suggest(shown, &allowed) {
        message += &lang.did_you_mean(s);
    }
    cx.at(
        Code::StatusInvalid,
        sheet,
        c,
        message,
        lang.status_invalid_help(),
    );
    None
}

/// `Ð` (U+00D0, thay cho `Đ` U+0110) ở vị trí 1, …
fn odd_list(lang: crate::i18n::Lang, odd: &[super::spelling::Odd]) -> String {
    let list: Vec<String> = odd
        .iter()
        .map(|o| {
            let code = format!("U+{:04X}", u32::from(o.found));
            match o.meant {
                Some(m) => lang.odd_look_alike(
                    &o.found.to_string(),
                    &code,
                    &m.to_string(),
                    &format!("U+{:04X}", u32::from(m)),
                    o.position,
                ),
                None => lang.odd_invisible(&code, o.position),
            }
        })
        .collect();
    list.join(", ")
}

/// ` — có phải `10/12/2025`?` for a text that nearly is a date; empty otherwise.
pub(super) fn date_hint(lang: crate::i18n::Lang, v: &Value) -> String {
    match v {
        Value::Text(t) => super::spelling::date_suggestion(t)
            .map(|d| lang.did_you_mean(&fmt_date(d)))
            .unwrap_or_default(),
        _ => String::new(),
    }
}

/// The cell a person sees at (row, col): the cell itself or, inside a range merged down from
/// an earlier row of the column (a status merged over two task rows), the range's top-left
/// cell, with S006 at this row's cell saying which value was read for which task, and any value
/// hidden under the merge that was not.
fn as_seen<'s>(
    cx: &mut Cx,
    sheet: &'s Sheet,
    row: u32,
    col: u32,
    id: &str,
) -> (CellRef, &'s Value) {
    let here = CellRef::new(row, col);
    let own = sheet.get(row, col);
    let Some((top, end)) = sheet.merged_from_above(row, col) else {
        return (here, own);
    };
    let value = sheet.cell(top);
    let lang = cx.lang();
    let range = format!("{top}:{end}");
    let message = if own.is_blank() || own == value {
        lang.merged_read(
            &here.to_string(),
            &range,
            &value.display(),
            &top.to_string(),
            id,
        )
    } else {
        lang.merged_read_hidden(
            &here.to_string(),
            &range,
            &value.display(),
            &top.to_string(),
            id,
            &own.display(),
        )
    };
    cx.at(
        Code::MergedAcrossRows,
        &sheet.name,
        here,
        message,
        lang.merged_help(&range),
    );
    (here, value)
}

#[allow(clippy::too_many_arguments)]
fn date_checks(
    cx: &mut Cx,
    sheet: &str,
    c: CellRef,
    d: chrono::NaiveDate,
    id: &str,
    status: Option<Status>,
    task: &crate::plan::Task,
    period: Option<&Period>,
) {
    let lang = cx.lang();
    let as_of = cx.opts.as_of;
    if d > as_of {
        cx.at(
            Code::DateFuture,
            sheet,
            c,
            lang.date_future(&fmt_date(d), &fmt_date(as_of)),
            lang.date_future_help(),
        );
        return;
    }
    if let Some(p) = period {
        // The task's own span: the period, the year for a yearly task, any time before the
        // period's end for a once-only one.
        let start = cx.opts.plan.task_window_start(task, p);
        if start.is_some_and(|s| d < s) || d > p.end {
            let f = Finding::new(
                Code::DateOutsideWindow,
                cx.file,
                lang.date_outside_window(
                    &fmt_date(d),
                    &fmt_date(start.unwrap_or(p.start)),
                    &fmt_date(p.end),
                ),
            )
            .at_cell(sheet, c)
            .help(lang.date_outside_help());
            cx.push(f);
        }
        if let Some(due) = cx.opts.plan.task_due(task, p)
            && d > due
            && status == Some(Status::Done)
        {
            cx.at(
                Code::CompletedLate,
                sheet,
                c,
                lang.completed_late(id, &fmt_date(d), &fmt_date(due)),
                lang.completed_late_help(),
            );
        }
    }
    if let Some(s) = status
        && s != Status::Done
    {
        cx.at(
            Code::DateWithoutDone,
            sheet,
            c,
            lang.date_without_done(id, s.label()),
            lang.date_without_done_help(),
        );
    }
}

/// The first `max` characters of `text`, with `…` when it was cut.
fn shorten(text: &str, max: usize) -> String {
    let mut chars = text.chars();
    let head: String = chars.by_ref().take(max).collect();
    if chars.next().is_some() {
        format!("{}…", head.trim_end())
    } else {
        head
    }
}
