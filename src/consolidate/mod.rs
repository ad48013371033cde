//! Consolidation: one period's submissions in, the facts of the consolidated report out.
//!
//! The part between `check` and `report`, in three steps that [`consolidate`] names:
//! - [`gather`] (`gather.rs`): lists every file under the given folders (skipping Office lock
//!   files `~$*` and hidden files, never following symlinks into loops; a file that is no
//!   spreadsheet is listed and reported, F014, not skipped), and reads the receipt log;
//! - fetching (`fetch.rs`): each file read once, hashed and opened (partly while the plan
//!   loads, [`Inputs::prefetch`]), then checked in parallel through the same ingest and checks
//!   as `validate`;
//! - tallying (`tally.rs`, `succession.rs`): classifies each file (used, superseded, other
//!   period, unreadable…), picks each agency's submission, merges reports on predecessors'
//!   templates, decides when each report was received and whether it was on time, and
//!   aggregates tasks and indicators.
//!
//! Writing the workbook is `report::consolidated`'s job. Nothing here can fail on a bad
//! submission: a bad file is a row in `Nguồn` and a finding. A count that was not reported
//! (an agency that sent nothing) is `None`, never 0, in the workbook and in `--json` alike.

use std::collections::HashMap;
use std::path::PathBuf;

use chrono::NaiveDate;
use serde::Serialize;

use crate::check::{Checked, Options, Submission};
use crate::diag::{Counts, Finding};
use crate::i18n::Lang;
use crate::plan::{Period, Plan};

mod fetch;
mod gather;
mod log_text;
mod succession;
mod tally;

pub use fetch::{Fetched, Inputs};
pub use gather::{ReceiptLog, gather};

/// One input file found under the folders.
#[derive(Clone, Debug)]
pub struct Input {
    pub path: PathBuf,
    /// Path relative to the folder given on the command line (what messages show).
    pub shown: String,
    /// Set for a folder that could not be listed: why (it becomes an `F001` finding, so the
    /// reports inside are not missed without a word).
    pub unlisted: Option<String>,
}

/// What became of a file.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// The agency's report for the period: its figures are consolidated.
    Used,
    /// The same agency sent a newer report (latest report date, then latest file time).
    Superseded,
    /// The file reports another period.
    OtherPeriod,
    /// The file could not be opened as a spreadsheet.
    Unreadable,
    /// The file opened but names no agency the plan knows.
    Unidentified,
    /// The agency is in the plan but not expected to report for this period.
    NotExpected,
    /// Its only received date is the file's modification time, after the as-of date: not
    /// counted as received by then (a past period re-run on a fresh copy of the files).
    NotYetReceived,
}

/// Where a received date came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReceivedSource {
    /// The officer's receipt log (`--received`).
    Log,
    /// The report date written in the workbook.
    ReportDate,
    /// The file's modification time.
    FileTime,
}

/// One file read.
#[derive(Clone, Debug)]
pub struct FileEntry {
    pub input: Input,
    pub size: u64,
    pub sha256: String,
    /// The file's modification date (local time), as `Nguồn` shows it.
    pub modified: Option<NaiveDate>,
    /// The full modification time, to order two versions saved the same day.
    pub modified_time: Option<std::time::SystemTime>,
    pub checked: Checked,
    pub role: Role,
    /// For an unreadable file, the agency its name suggests (`SKHCN-2025.xls` → `SKHCN`), so
    /// the chase list can say that agency did send something.
    pub agency_hint: Option<String>,
}

/// Submission status of an expected agency.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SubmitStatus {
    OnTime,
    Late,
    Missing,
    Invalid,
}

/// One expected agency's row of `Tổng hợp`.
#[derive(Clone, Debug, Serialize)]
pub struct AgencyRow {
    pub code: String,
    pub name: String,
    pub status: SubmitStatus,
    /// Received on time (by the due date), whatever the validity.
    pub on_time: bool,
    pub received: Option<NaiveDate>,
    pub received_source: Option<ReceivedSource>,
    /// Index into `Consolidation::files` of the file used.
    #[serde(skip)]
    pub file: Option<usize>,
    pub file_name: Option<String>,
    pub tasks: usize,
    /// The counts of the report used; `None` when the agency sent none (blank in the
    /// workbook, `null` in `--json`, never 0).
    pub done: Option<usize>,
    pub in_progress: Option<usize>,
    pub not_started: Option<usize>,
    pub overdue: Option<usize>,
    pub completion_rate: Option<f64>,
    pub errors: Option<usize>,
    pub warnings: Option<usize>,
    pub days_late: Option<i64>,
    /// Contact from the file used, else from the agency's newest other file (an older
    /// version, another period's report).
    pub preparer: Option<String>,
    pub phone: Option<String>,
    /// Files from this agency that were not used (superseded, other period, unreadable),
    /// as indexes into `Consolidation::files`.
    #[serde(skip)]
    pub other_files: Vec<usize>,
    /// The same files' paths, for `--json`.
    pub other_file_names: Vec<String>,
}

/// The overall figures.
#[derive(Clone, Debug, Default, Serialize, serde::Deserialize)]
pub struct Totals {
    pub expected: usize,
    pub received: usize,
    pub on_time: usize,
    pub late: usize,
    pub missing: usize,
    pub invalid: usize,
    pub reporting_rate: f64,
    pub on_time_rate: f64,
    pub tasks_done: usize,
    pub tasks_in_progress: usize,
    pub tasks_not_started: usize,
    pub tasks_overdue: usize,
    pub tasks_not_reported: usize,
    pub files: usize,
    pub files_used: usize,
    pub files_superseded: usize,
    pub files_other_period: usize,
    pub files_unreadable: usize,
    pub files_unidentified: usize,
    pub files_not_expected: usize,
    pub files_not_yet_received: usize,
    pub errors: usize,
    pub warnings: usize,
}

/// Everything the consolidated workbook shows.
pub struct Consolidation {
    pub period: Period,
    pub as_of: NaiveDate,
    pub files: Vec<FileEntry>,
    pub agencies: Vec<AgencyRow>,
    pub totals: Totals,
    /// Findings added by consolidation itself (superseded, other period), per file index.
    pub extra: Vec<(usize, Finding)>,
    /// Agency code → index into `agencies`: the workbook looks agencies up once per task row
    /// and per indicator cell, thousands of times at the level above a province.
    by_code: HashMap<String, usize>,
    /// (agency code, task id) → index of the file a merged task row came from (a report on a
    /// predecessor's template merged into the successor's, see `merge_successor_reports`).
    merged_rows: HashMap<(String, String), usize>,
}

impl Consolidation {
    /// The file a task row of an agency's report was read from: the file used, or the
    /// predecessor's report it was merged from.
    pub fn task_file(&self, code: &str, task: &str) -> Option<&FileEntry> {
        match self.merged_rows.get(&(code.to_string(), task.to_string())) {
            Some(&i) => self.files.get(i),
            None => self.submission(code).map(|(f, _)| f),
        }
    }

    /// The submission used for an agency, if any.
    pub fn submission(&self, code: &str) -> Option<(&FileEntry, &Submission)> {
        let row = &self.agencies[*self.by_code.get(code)?];
        let f = &self.files[row.file?];
        Some((f, &f.checked.submission))
    }

    /// Every finding, file by file, with the consolidation's own.
    pub fn findings(&self) -> Vec<&Finding> {
        let mut all: Vec<&Finding> = self
            .files
            .iter()
            .flat_map(|f| f.checked.submission.findings.iter())
            .collect();
        all.extend(self.extra.iter().map(|(_, f)| f));
        all.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
        all
    }
}

/// Reads, checks and aggregates a period's submissions. `progress` is called after each file.
pub fn consolidate(
    plan: &Plan,
    period: &Period,
    as_of: NaiveDate,
    inputs: Inputs,
    log: Option<&ReceiptLog>,
    lang: Lang,
    progress: &(dyn Fn() + Sync),
) -> Consolidation {
    let opts = Options {
        plan,
        lang,
        as_of,
        period: None,
        agency: None,
    };
    let mut files = fetch::check_all(inputs, &opts, progress);
    let tally = tally::Tally {
        plan,
        period,
        as_of,
        log,
        lang,
    };
    let mut extra = Vec::new();
    let candidates = tally.classify(&mut files, &mut extra);
    let (mut used, merged_rows) = tally.pick(&mut files, candidates, &mut extra);
    tally.not_yet_received(&mut files, &mut used, &mut extra);
    let agencies = tally.agency_rows(&files, &used);
    let totals = tally::totals(&files, &agencies);
    Consolidation::new(period, as_of, files, agencies, totals, extra, merged_rows)
}

impl Consolidation {
    /// The consolidation of tallied files, with the overall finding counts.
    fn new(
        period: &Period,
        as_of: NaiveDate,
        files: Vec<FileEntry>,
        agencies: Vec<AgencyRow>,
        totals: Totals,
        extra: Vec<(usize, Finding)>,
        merged_rows: HashMap<(String, String), usize>,
    ) -> Consolidation {
        let by_code = agencies
            .iter()
            .enumerate()
            .map(|(i, a)| (a.code.clone(), i))
            .collect();
        let mut c = Consolidation {
            period: period.clone(),
            as_of,
            files,
            agencies,
            totals,
            extra,
            by_code,
            merged_rows,
        };
        let all = Counts::of(c.findings());
        c.totals.errors = all.errors;
        c.totals.warnings = all.warnings;
        c
    }
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::AtomicBool;

    use std::path::Path;

    use super::*;
    use crate::plan::{PlanSource, load_or_fail};

    /// Files opened while the plan loads are checked exactly as files opened after it: the
    /// shipped examples (.xlsx, .xls, .ods, unreadable and superseded files) give the same
    /// workbook, byte for byte, whether every file, none or some were prefetched.
    #[test]
    fn prefetched_files_consolidate_as_the_others() {
        let lang = Lang::Vi;
        let plan = load_or_fail(&PlanSource::embedded(), lang).expect("the shipped plan");
        let period = plan.period("2025").expect("period 2025");
        let as_of = NaiveDate::from_ymd_opt(2025, 12, 20).expect("a date");
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/submissions/2025");
        let files = gather(&[dir], lang).expect("the examples folder");
        assert!(files.len() > 40);
        let run = |inputs: Inputs| {
            let c = consolidate(&plan, &period, as_of, inputs, None, lang, &|| {});
            crate::report::consolidated::build(&plan, &c).expect("a workbook")
        };
        let plain = run(Inputs::from(files.clone()));

        let all = Inputs::from(files.clone()).prefetch(lang, &AtomicBool::new(false));
        assert_eq!(
            all.prefetched.iter().filter(|f| f.is_some()).count(),
            files.len()
        );
        assert!(plain == run(all), "every file prefetched");

        let none = Inputs::from(files.clone()).prefetch(lang, &AtomicBool::new(true));
        assert!(none.prefetched.iter().all(Option::is_none));
        assert!(plain == run(none), "no file prefetched");

        let mut some = Inputs::from(files.clone()).prefetch(lang, &AtomicBool::new(false));
        for f in some.prefetched.iter_mut().skip(1).step_by(2) {
            *f = None;
        }
        assert!(plain == run(some), "every other file prefetched");
    }
}
