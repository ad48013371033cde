//! The rules that turn a read submission into findings and facts.
//!
//! [`check_workbook`] is shared by `validate` and `consolidate`: it identifies the agency and
//! period, reads the task and indicator tables through the reading rules (`ingest::table`),
//! and returns a [`Submission`]: what the agency reported, cell by cell, plus every
//! [`Finding`]. It never fails: whatever the workbook holds becomes facts or findings.

mod identity;
mod indicators;
#[cfg(test)]
mod reshape_props;
mod spelling;
mod succession;
mod tasks;

use chrono::NaiveDate;
use serde::Serialize;

use crate::diag::{CellRef, Finding};
use crate::i18n::Lang;
use crate::ingest::{Scope, Workbook};
use crate::plan::{Period, Plan};

/// What the checks compare a submission with.
pub struct Options<'a> {
    pub plan: &'a Plan,
    pub lang: Lang,
    /// "Today" for deadlines and future dates.
    pub as_of: NaiveDate,
    /// The period being checked (from `--period`); else the file's own period is used.
    pub period: Option<&'a Period>,
    /// The agency expected (from `--agency`).
    pub agency: Option<&'a str>,
}

/// A task's reported status.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Done,
    InProgress,
    NotStarted,
}

impl Status {
    /// The Vietnamese label used in workbooks.
    pub fn label(self) -> &'static str {
        match self {
            Status::Done => crate::format::STATUS_DONE,
            Status::InProgress => crate::format::STATUS_IN_PROGRESS,
            Status::NotStarted => crate::format::STATUS_NOT_STARTED,
        }
    }

    /// Parses a status leniently: case, spacing and composed/decomposed forms ignored.
    pub fn parse(s: &str) -> Option<Status> {
        let f = crate::util::fold(s);
        [Status::Done, Status::InProgress, Status::NotStarted]
            .into_iter()
            .find(|st| crate::util::fold(st.label()) == f)
    }
}

/// One task row as reported.
#[derive(Clone, Debug)]
pub struct TaskRow {
    pub task_id: String,
    pub status: Option<Status>,
    pub done_date: Option<NaiveDate>,
    pub result: String,
    pub difficulty: String,
    pub note: String,
    /// Deadline passed and not done (as of the as-of date).
    pub overdue: bool,
    /// The row's `Mã nhiệm vụ` cell.
    pub cell: CellRef,
    /// The `Tình trạng` cell, if the column exists.
    pub status_cell: Option<CellRef>,
}

/// One indicator row as reported.
#[derive(Clone, Debug)]
pub struct IndicatorRow {
    pub id: String,
    /// The value when it is a valid figure; `None` for blank or invalid (never 0).
    pub value: Option<f64>,
    pub blank: bool,
    /// The `Số liệu` cell.
    pub cell: CellRef,
}

/// Everything read from one submission.
#[derive(Clone, Debug, Default)]
pub struct Submission {
    /// The agency code, when identified and known to the plan.
    pub agency: Option<String>,
    /// The code the file names when it was credited to `agency` as that code's successor
    /// (a predecessor's template, check::succession).
    pub credited_from: Option<String>,
    /// The period ID as written (upper-cased), when found.
    pub period: Option<String>,
    pub report_date: Option<NaiveDate>,
    pub preparer: Option<String>,
    pub phone: Option<String>,
    /// Actual sheet names the tables were found in.
    pub report_sheet: Option<String>,
    pub indicator_sheet: Option<String>,
    pub tasks: Vec<TaskRow>,
    pub indicators: Vec<IndicatorRow>,
    pub findings: Vec<Finding>,
    /// Agencies of the plan whose tables this file also carries on other sheets, not read
    /// (finding S004): consolidation lists the file under them, so they do not look silent.
    pub other_agencies: Vec<String>,
}

impl Submission {
    pub fn has_errors(&self) -> bool {
        self.findings
            .iter()
            .any(|f| f.severity == crate::diag::Severity::Error)
    }
}

/// Checks one workbook. `file` is the name findings carry.
pub fn check_workbook(wb: &Workbook, file: &str, opts: &Options) -> Submission {
    let sub = check_with(wb, file, opts);
    // No `--period`: the file's own period says which organisation applies (the plan in
    // force on the last day of its data window); check again against that one when it
    // differs from the plan as signed.
    if opts.period.is_none()
        && opts.plan.as_of.is_none()
        && !opts.plan.amendments.is_empty()
        && let Some(p) = sub.period.as_deref().and_then(|p| opts.plan.period(p).ok())
    {
        let snapshot = opts.plan.in_force(&p);
        if !snapshot.applied.is_empty() {
            let o = Options {
                plan: &snapshot,
                ..*opts
            };
            return check_with(wb, file, &o);
        }
    }
    sub
}

fn check_with<'a>(wb: &'a Workbook, file: &'a str, opts: &'a Options<'a>) -> Submission {
    let mut sub = Submission::default();
    let mut cx = Cx {
        file,
        opts,
        findings: Vec::new(),
        uncomputed: wb
            .sheets
            .iter()
            .flat_map(|s| {
                s.uncomputed
                    .iter()
                    .map(move |(c, f)| ((s.name.as_str(), *c), f.as_str()))
            })
            .collect(),
    };
    let tables = identity::check(&mut cx, wb, &mut sub);
    let period = match opts.period {
        Some(p) => Some(p.clone()),
        None => sub.period.as_deref().and_then(|p| opts.plan.period(p).ok()),
    };
    if let Some(t) = &tables.tasks {
        tasks::check(&mut cx, wb, t, &mut sub, period.as_ref());
    }
    indicators::check(&mut cx, wb, tables.indicators.as_ref(), &mut sub);
    ignored_cells(&mut cx, wb);
    sub.findings = cx.findings;
    crate::diag::sort(&mut sub.findings);
    sub
}

/// F013: cells beyond the rows and columns ingest reads were left out; say where, so data
/// typed far below or right of the tables is not lost without a word.
fn ignored_cells(cx: &mut Cx<'_>, wb: &Workbook) {
    // The area every command reads with (only tests and the fuzzer use other limits).
    let limits = crate::ingest::Limits::default();
    let area = format!(
        "A1:{}",
        CellRef::new(
            limits.max_rows.saturating_sub(1),
            limits.max_cols.saturating_sub(1)
        )
    );
    let lang = cx.lang();
    for sheet in wb.sheets.iter().filter(|s| s.ignored > 0) {
        let first = sheet
            .first_ignored
            .map(|c| c.to_string())
            .unwrap_or_default();
        let finding = Finding::new(
            crate::diag::Code::CellsIgnored,
            cx.file,
            lang.cells_ignored(&sheet.name, sheet.ignored.into(), &area, &first),
        )
        .help(lang.cells_ignored_help(&area));
        cx.push(match sheet.first_ignored {
            Some(cell) => finding.at_cell(&sheet.name, cell),
            None => finding.at_sheet(&sheet.name),
        });
    }
}

/// Shared state while checking one file.
struct Cx<'a> {
    file: &'a str,
    opts: &'a Options<'a>,
    findings: Vec<Finding>,
    /// Cells holding a formula without a stored value, by (sheet, cell).
    uncomputed: std::collections::HashMap<(&'a str, CellRef), &'a str>,
}

impl Cx<'_> {
    fn lang(&self) -> Lang {
        self.opts.lang
    }

    fn push(&mut self, f: Finding) {
        self.findings.push(f);
    }

    fn at(
        &mut self,
        code: crate::diag::Code,
        sheet: &str,
        cell: CellRef,
        message: String,
        help: String,
    ) {
        let f = Finding::new(code, self.file, message)
            .at_cell(sheet, cell)
            .help(help);
        self.findings.push(f);
    }

    /// S008: a table row the sheet hides (a person does not see it) is not read; said at its
    /// ID cell so that a stale row hidden above a corrected copy is never taken silently.
    fn hidden_row(&mut self, sheet: &str, cell: CellRef, id: &str) {
        let (m, h) = (
            self.lang().row_hidden(cell.row + 1, id.trim()),
            self.lang().row_hidden_help(),
        );
        self.at(crate::diag::Code::RowHidden, sheet, cell, m, h);
    }

    /// Reports an error cell, or a formula whose value the file does not store (E002, not a
    /// blank: the agency did write something); returns true when the cell was one.
    fn error_cell(&mut self, sheet: &str, cell: CellRef, v: &crate::ingest::Value) -> bool {
        if matches!(v, crate::ingest::Value::Empty)
            && let Some(formula) = self.uncomputed.get(&(sheet, cell)).copied()
        {
            let (m, h) = (
                self.lang().formula_no_value(formula),
                self.lang().formula_no_value_help(),
            );
            self.at(crate::diag::Code::FormulaNoValue, sheet, cell, m, h);
            return true;
        }
        if let crate::ingest::Value::Error(e) = v {
            let (m, h) = (self.lang().cell_error(e), self.lang().cell_error_help());
            self.at(crate::diag::Code::CellError, sheet, cell, m, h);
            true
        } else {
            false
        }
    }

    /// Reports text typed in a legacy 8-bit Vietnamese encoding.
    fn legacy(&mut self, sheet: &str, cell: CellRef, text: &str) -> bool {
        match crate::ingest::legacy::legacy_encoding(text) {
            Some(kind) => {
                let shown: String = text.chars().take(60).collect();
                let name = kind.name();
                let (m, h) = (
                    self.lang().legacy_text(name, &shown),
                    self.lang().legacy_help(name),
                );
                self.at(crate::diag::Code::LegacyEncoding, sheet, cell, m, h);
                true
            }
            None => false,
        }
    }
}

/// A short `Sheet1, Sheet2` list for messages.
fn sheet_list(wb: &Workbook) -> String {
    let names: Vec<String> = wb
        .sheets
        .iter()
        .filter(|s| !s.hidden)
        .map(|s| format!("`{}`", s.name))
        .collect();
    if names.is_empty() {
        "—".into()
    } else {
        names.join(", ")
    }
}

/// One file read and checked: the container format when it could be opened, and the
/// submission (for an unreadable file, an empty submission with the one finding that says
/// why).
#[derive(Clone, Debug)]
pub struct Checked {
    pub format: Option<crate::ingest::Format>,
    pub submission: Submission,
}

/// Opens and checks one file. Never fails: an unreadable or hostile file becomes a finding.
pub fn check_file(
    path: &std::path::Path,
    shown: &str,
    opts: &Options,
    limits: &crate::ingest::Limits,
) -> Checked {
    checked(
        crate::ingest::open_scoped(path, shown, opts.lang, limits, Scope::Checks),
        shown,
        opts,
    )
}

/// The checks of an opened workbook, or the one finding that says why it could not be opened
/// (consolidate opens the file itself, from the same bytes it hashes).
pub fn checked(opened: Result<Workbook, Finding>, shown: &str, opts: &Options) -> Checked {
    match opened {
        Ok(wb) => Checked {
            format: Some(wb.format),
            submission: check_workbook(&wb, shown, opts),
        },
        Err(finding) => Checked::failed(finding),
    }
}

impl Checked {
    /// A file that could not be read at all: the one finding that says why.
    pub fn failed(finding: Finding) -> Checked {
        Checked {
            format: None,
            submission: Submission {
                findings: vec![finding],
                ..Submission::default()
            },
        }
    }
}
