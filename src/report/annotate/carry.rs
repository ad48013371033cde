//! Reading a submission back into the input cells of a fresh template: which answer each of
//! the agency's cells holds ([`Slot`]), the values as the agency typed them, and which cells of
//! the original are accounted for.
//!
//! The cells are found with the same reading rules validation uses (`ingest::table::locate`
//! and `label_value`), so a value and the finding about it land on the same input cell
//! whatever the agency did to the layout (moved columns, renamed sheets, rows in another
//! order). This is why the report layer reads `ingest` types here: the annotated copy is made
//! *from* a submission, and only the reading rules know where its values are.

use std::collections::{HashMap, HashSet};

use chrono::Datelike;

use crate::diag::CellRef;
use crate::format::{self as fmt, INDICATOR_COLUMNS, TASK_COLUMNS};
use crate::ingest::table::{self, Table};
use crate::ingest::{Sheet, Value, Workbook};
use crate::plan::{Agency, Plan};
use crate::report::template::{Answer, Answers, Slot, TaskAnswer, TaskField};

use crate::format::{ind_col, task_col};

/// The answer columns of a task row, as template slots.
const T_FIELDS: [(usize, TaskField); 5] = [
    (task_col::STATUS, TaskField::Status),
    (task_col::DONE_DATE, TaskField::DoneDate),
    (task_col::RESULT, TaskField::Result),
    (task_col::DIFFICULTY, TaskField::Difficulty),
    (task_col::NOTE, TaskField::Note),
];

/// A submission read into template slots.
#[derive(Default)]
pub struct Carried {
    /// The values, as typed, for the template's input cells.
    pub answers: Answers,
    /// Original (sheet index, cell) → the slot its value or label belongs to.
    pub cells: HashMap<(usize, CellRef), Slot>,
    /// Original (sheet index, row) of a carried task or indicator row → the slot a finding
    /// elsewhere on that row is shown at (the status, or the indicator's value).
    pub rows: HashMap<(usize, u32), Slot>,
    /// Original cells the template writes itself (task and indicator IDs, texts, numbers,
    /// deadlines and units of carried rows): nothing is lost by not copying them.
    pub known: HashSet<(usize, CellRef)>,
    /// Assigned tasks and indicators the submission has no row for.
    pub missing_tasks: Vec<String>,
    pub missing_indicators: Vec<String>,
}

/// Reads `wb` into the slots of `agency`'s template.
pub fn carry(plan: &Plan, agency: &Agency, wb: &Workbook) -> Carried {
    let mut c = Carried::default();
    let tasks = table::locate(wb, fmt::SHEET_REPORT, fmt::COL_TASK_ID, &TASK_COLUMNS);
    let assigned: Vec<String> = plan
        .tasks_for(&agency.code)
        .iter()
        .map(|t| t.id.clone())
        .collect();
    if let Some(t) = &tasks {
        carry_tasks(&mut c, wb, t, &assigned);
    }
    c.missing_tasks = assigned
        .into_iter()
        .filter(|id| !c.answers.tasks.contains_key(id))
        .collect();
    // Identity values sit above the task table; without one, anywhere near the top of the
    // first visible sheet.
    let (sheet, below) = match &tasks {
        Some(t) => (Some(t.sheet), t.header_row),
        None => (
            wb.sheets.iter().position(|s| !s.hidden),
            fmt::HEADER_SEARCH_ROWS,
        ),
    };
    if let Some(i) = sheet {
        carry_identity(&mut c, i, &wb.sheets[i], below);
    }
    let indicators: Vec<String> = plan
        .indicators_for(&agency.code)
        .iter()
        .map(|i| i.id.clone())
        .collect();
    let table = table::locate(
        wb,
        fmt::SHEET_INDICATORS,
        fmt::COL_IND_ID,
        &INDICATOR_COLUMNS,
    );
    if let Some(t) = &table {
        carry_indicators(&mut c, wb, t, &indicators);
    }
    c.missing_indicators = indicators
        .into_iter()
        .filter(|id| !c.answers.indicators.contains_key(id))
        .collect();
    c
}

/// The task ID as validation reads it: trimmed, upper case, no spaces.
fn row_id(v: &Value) -> String {
    v.display().trim().to_ascii_uppercase().replace(' ', "")
}

fn carry_tasks(c: &mut Carried, wb: &Workbook, t: &Table, assigned: &[String]) {
    let Some(id_col) = t.col(task_col::ID) else {
        return;
    };
    let sheet = &wb.sheets[t.sheet];
    for r in (t.header_row + 1)..sheet.height() {
        let id = row_id(sheet.get(r, id_col));
        // Unknown, unassigned, repeated and hidden rows have no place on the template: their
        // cells stay unaccounted for, so they are listed on the leftovers sheet.
        if sheet.row_hidden(r) || !assigned.contains(&id) || c.answers.tasks.contains_key(&id) {
            continue;
        }
        let mut row = TaskAnswer::default();
        for (i, field) in T_FIELDS {
            let Some(col) = t.col(i) else { continue };
            let cell = CellRef::new(r, col);
            let answer = answer_of(sheet.cell(cell));
            match field {
                TaskField::Status => row.status = answer,
                TaskField::DoneDate => row.done_date = answer,
                TaskField::Result => row.result = answer,
                TaskField::Difficulty => row.difficulty = answer,
                TaskField::Note => row.note = answer,
            }
            c.cells
                .insert((t.sheet, cell), Slot::Task(id.clone(), field));
        }
        for i in [
            task_col::STT,
            task_col::ID,
            task_col::TEXT,
            task_col::DEADLINE,
        ] {
            if let Some(col) = t.col(i) {
                c.known.insert((t.sheet, CellRef::new(r, col)));
            }
        }
        c.rows
            .insert((t.sheet, r), Slot::Task(id.clone(), TaskField::Status));
        c.answers.tasks.insert(id, row);
    }
}

fn carry_identity(c: &mut Carried, index: usize, sheet: &Sheet, below: u32) {
    let labels = [
        (fmt::LABEL_REPORT_DATE, Slot::ReportDate),
        (fmt::LABEL_PREPARER, Slot::Preparer),
        (fmt::LABEL_PHONE, Slot::Phone),
    ];
    for (label, slot) in labels {
        let Some((label_cell, value)) = table::label_value(sheet, label, below) else {
            continue;
        };
        // A finding about a missing value points at the label: it belongs to the same slot.
        c.cells.insert((index, label_cell), slot.clone());
        let Some((cell, v)) = value else { continue };
        let answer = answer_of(v);
        match slot {
            Slot::ReportDate => c.answers.report_date = answer,
            Slot::Preparer => c.answers.preparer = answer,
            _ => c.answers.phone = answer,
        }
        c.cells.insert((index, cell), slot);
    }
}

fn carry_indicators(c: &mut Carried, wb: &Workbook, t: &Table, assigned: &[String]) {
    let Some(id_col) = t.col(ind_col::ID) else {
        return;
    };
    let sheet = &wb.sheets[t.sheet];
    for r in (t.header_row + 1)..sheet.height() {
        let id = row_id(sheet.get(r, id_col));
        if sheet.row_hidden(r) || !assigned.contains(&id) || c.answers.indicators.contains_key(&id)
        {
            continue;
        }
        let value = t.col(ind_col::VALUE).map(|col| CellRef::new(r, col));
        let note = t.col(ind_col::NOTE).map(|col| CellRef::new(r, col));
        c.answers.indicators.insert(
            id.clone(),
            value.map_or(Answer::Blank, |at| answer_of(sheet.cell(at))),
        );
        if let Some(at) = value {
            c.cells.insert((t.sheet, at), Slot::Indicator(id.clone()));
        }
        if let Some(at) = note {
            c.answers
                .indicator_notes
                .insert(id.clone(), answer_of(sheet.cell(at)));
            c.cells
                .insert((t.sheet, at), Slot::IndicatorNote(id.clone()));
        }
        for i in [ind_col::STT, ind_col::ID, ind_col::NAME, ind_col::UNIT] {
            if let Some(col) = t.col(i) {
                c.known.insert((t.sheet, CellRef::new(r, col)));
            }
        }
        c.rows.insert((t.sheet, r), Slot::Indicator(id.clone()));
    }
}

/// A cell as the agency typed it, as an answer the template can hold: text stays text (cut to
/// Excel's cell limit), numbers and dates stay numbers and dates (as text when Excel cannot
/// store them), error values and booleans become the text they show.
pub fn answer_of(v: &Value) -> Answer {
    match v {
        Value::Empty => Answer::Blank,
        Value::Text(s) if s.trim().is_empty() => Answer::Blank,
        Value::Text(s) => Answer::Text(super::clip(s).to_string()),
        // A percentage as shown (85 for `85%`): the template's percent cells take 0–100.
        Value::Number(n) | Value::Percent(n) if n.is_finite() => Answer::Number(*n),
        Value::Date(d) if (1900..=9999).contains(&d.year()) => Answer::Date(*d),
        other => Answer::Text(other.display()),
    }
}
