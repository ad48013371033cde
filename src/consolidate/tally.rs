//! Tallying a period's checked files, in the steps `consolidate` names: classify each file,
//! pick each agency's submission (merging reports on predecessors' templates,
//! [`super::succession`]), set aside what was not yet received by the as-of date, then one
//! row per expected agency and the overall figures.
//!
//! Every choice is written down: a file set aside gets its role and a finding saying why
//! (superseded, other period, received after the as-of date), and an agency's row names every
//! file of it that was not used.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;

use super::succession::{merge_successor_reports, succession_donors};
use super::{AgencyRow, FileEntry, Input, ReceiptLog, ReceivedSource, Role, SubmitStatus, Totals};
use crate::check::Status;
use crate::diag::{Code, Counts, Finding};
use crate::i18n::Lang;
use crate::plan::{Agency, Period, Plan};

/// What tallying reads besides the files.
pub(super) struct Tally<'a> {
    pub plan: &'a Plan,
    pub period: &'a Period,
    pub as_of: NaiveDate,
    pub log: Option<&'a ReceiptLog>,
    pub lang: Lang,
}

/// Findings consolidation adds about a file (superseded, other period…), by file index.
pub(super) type Extra = Vec<(usize, Finding)>;

/// Each agency's submission: agency code → index of the file used.
pub(super) type Used = HashMap<String, usize>;

/// (agency code, task id) → index of the file a merged task row came from.
pub(super) type MergedRows = HashMap<(String, String), usize>;

impl Tally<'_> {
    /// Gives each file its role (unreadable, other period, not expected, unidentified, or a
    /// candidate for its agency: `Used` until one is picked); returns the candidates, agency
    /// by agency, sorted by agency code.
    pub fn classify(
        &self,
        files: &mut [FileEntry],
        extra: &mut Extra,
    ) -> Vec<(String, Vec<usize>)> {
        let (plan, period) = (self.plan, self.period);
        let mut candidates: HashMap<String, Vec<usize>> = HashMap::new();
        let expected: HashSet<&str> = plan
            .reporters(period)
            .iter()
            .map(|a| a.code.as_str())
            .collect();
        for (i, f) in files.iter_mut().enumerate() {
            let s = &f.checked.submission;
            f.role = if f.checked.format.is_none() {
                f.agency_hint = agency_from_name(plan, &f.input);
                Role::Unreadable
            } else if s
                .period
                .as_deref()
                .is_some_and(|p| !p.eq_ignore_ascii_case(&period.id))
            {
                let p = s.period.clone().unwrap_or_default();
                extra.push((
                    i,
                    Finding::new(
                        Code::FileOtherPeriod,
                        &f.input.shown,
                        self.lang.other_period(&p, &period.id),
                    ),
                ));
                Role::OtherPeriod
            } else if let Some(a) = &s.agency {
                if expected.contains(&a.as_str()) {
                    candidates.entry(a.clone()).or_default().push(i);
                    Role::Used
                } else {
                    Role::NotExpected
                }
            } else {
                Role::Unidentified
            };
        }
        let mut candidates: Vec<(String, Vec<usize>)> = candidates.into_iter().collect();
        candidates.sort();
        candidates
    }

    /// Picks one submission per agency among its candidates (latest report date, then latest
    /// file time); the others are superseded, or merged into it when they report for another
    /// body it stands for.
    pub fn pick(
        &self,
        files: &mut [FileEntry],
        candidates: Vec<(String, Vec<usize>)>,
        extra: &mut Extra,
    ) -> (Used, MergedRows) {
        let mut used = Used::new();
        let mut merged_rows = MergedRows::new();
        for (agency, mut list) in candidates {
            // Latest report date, then latest file time; on a tie, the path that sorts first
            // (a browser saves a second download as `NAME (1).xlsx`, which sorts before
            // `NAME.xlsx`). The successor's own report comes before one credited to it from a
            // predecessor's template (check::succession): the body in force reports for all
            // it carries.
            list.sort_by_key(|&i| {
                (
                    files[i].checked.submission.credited_from.is_none(),
                    files[i].checked.submission.report_date,
                    files[i].modified_time,
                    std::cmp::Reverse(files[i].input.shown.clone()),
                )
            });
            let Some(&winner) = list.last() else { continue };
            // The newest report of each other body it stands for (a predecessor's template) is
            // merged into the one used, not set aside (succession::merge).
            let donors = succession_donors(files, &list, winner);
            for &i in &list[..list.len() - 1] {
                if donors.contains(&i) {
                    continue;
                }
                files[i].role = Role::Superseded;
                let msg = self.lang.superseded(&agency, &files[winner].input.shown);
                extra.push((
                    i,
                    Finding::new(Code::FileSuperseded, &files[i].input.shown, msg),
                ));
            }
            let (notes, rows) =
                merge_successor_reports(files, (self.plan, &agency), winner, &donors, self.lang);
            extra.extend(notes);
            for (task, i) in rows {
                merged_rows.insert((agency.clone(), task), i);
            }
            used.insert(agency, winner);
        }
        (used, merged_rows)
    }

    /// A file dated only by its modification time, later than the as-of date, was not
    /// received by then as far as anything shows: re-running a past period on copied files (a
    /// fresh clone, a backup restored) must give the figures of that day. Such a file is no
    /// agency's submission; it becomes `NotYetReceived`, with an I-finding saying why.
    pub fn not_yet_received(&self, files: &mut [FileEntry], used: &mut Used, extra: &mut Extra) {
        used.retain(|_, &mut i| {
            let f = &files[i];
            let dated = self
                .log
                .and_then(|l| l.lookup(&f.input, f.checked.submission.agency.as_deref()));
            let after = dated.is_none()
                && f.checked.submission.report_date.is_none()
                && f.modified.is_some_and(|m| m > self.as_of);
            if after {
                let msg = self.lang.received_after_as_of(
                    &f.modified.map(crate::plan::fmt_date).unwrap_or_default(),
                    &crate::plan::fmt_date(self.as_of),
                );
                let finding = Finding::new(Code::ReceivedAfterAsOf, &f.input.shown, msg)
                    .help(self.lang.received_after_as_of_help());
                extra.push((i, finding));
            }
            !after
        });
        for &(i, ref finding) in extra.iter() {
            if finding.code == Code::ReceivedAfterAsOf {
                files[i].role = Role::NotYetReceived;
            }
        }
    }

    /// One row per agency expected to report for the period, in plan order.
    pub fn agency_rows(&self, files: &[FileEntry], used: &Used) -> Vec<AgencyRow> {
        let files_of = files_by_agency(files);
        self.plan
            .reporters(self.period)
            .into_iter()
            .map(|a| {
                let mut row = AgencyRow::expected(a, self.plan.tasks_for(&a.code).len());
                match used.get(&a.code) {
                    Some(&i) => self.reported(&mut row, i, &files[i]),
                    None if self.as_of > self.period.due => {
                        row.days_late = Some((self.as_of - self.period.due).num_days());
                    }
                    None => {}
                }
                other_files(&mut row, files, &files_of);
                row
            })
            .collect()
    }

    /// Fills an agency's row from the file used (`files[i]`): when it was received and how,
    /// its status, its tasks' progress and its findings.
    fn reported(&self, row: &mut AgencyRow, i: usize, f: &FileEntry) {
        let s = &f.checked.submission;
        let due = self.period.due;
        let (received, source) = match self.log.and_then(|l| l.lookup(&f.input, Some(&row.code))) {
            Some(d) => (Some(d), Some(ReceivedSource::Log)),
            None => match (s.report_date, f.modified) {
                (Some(d), _) => (Some(d), Some(ReceivedSource::ReportDate)),
                (None, Some(m)) => (Some(m), Some(ReceivedSource::FileTime)),
                (None, None) => (None, None),
            },
        };
        let counts = Counts::of(&s.findings);
        row.file = Some(i);
        row.file_name = Some(f.input.shown.clone());
        row.received = received;
        row.received_source = source;
        row.on_time = received.is_some_and(|d| d <= due);
        row.days_late = received.filter(|d| *d > due).map(|d| (d - due).num_days());
        row.errors = Some(counts.errors);
        row.warnings = Some(counts.warnings);
        row.status = if counts.errors > 0 {
            SubmitStatus::Invalid
        } else if row.on_time {
            SubmitStatus::OnTime
        } else {
            SubmitStatus::Late
        };
        let (mut done, mut in_progress, mut not_started, mut overdue) = (0, 0, 0, 0);
        for t in &s.tasks {
            match t.status {
                Some(Status::Done) => done += 1,
                Some(Status::InProgress) => in_progress += 1,
                Some(Status::NotStarted) => not_started += 1,
                None => {}
            }
            if t.overdue {
                overdue += 1;
            }
        }
        row.done = Some(done);
        row.in_progress = Some(in_progress);
        row.not_started = Some(not_started);
        row.overdue = Some(overdue);
        let assigned = row.tasks;
        row.completion_rate = (assigned > 0).then(|| 100.0 * done as f64 / assigned as f64);
        row.preparer = s.preparer.clone();
        row.phone = s.phone.clone();
    }
}

impl AgencyRow {
    /// An expected agency's row before anything is known of its report: missing.
    fn expected(a: &Agency, assigned: usize) -> AgencyRow {
        AgencyRow {
            code: a.code.clone(),
            name: a.name.clone(),
            status: SubmitStatus::Missing,
            on_time: false,
            received: None,
            received_source: None,
            file: None,
            file_name: None,
            tasks: assigned,
            done: None,
            in_progress: None,
            not_started: None,
            overdue: None,
            completion_rate: None,
            errors: None,
            warnings: None,
            days_late: None,
            preparer: None,
            phone: None,
            other_files: Vec::new(),
            other_file_names: Vec::new(),
        }
    }
}

/// Each agency's files (by content, or by name when unreadable), in file order.
fn files_by_agency(files: &[FileEntry]) -> HashMap<&str, Vec<usize>> {
    let mut files_of: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, f) in files.iter().enumerate() {
        let by_content = f.checked.submission.agency.as_deref();
        let by_name = f.agency_hint.as_deref().filter(|h| Some(*h) != by_content);
        // Another agency's table inside this file (S004): listed under that agency too.
        let inside = f
            .checked
            .submission
            .other_agencies
            .iter()
            .map(String::as_str);
        for code in by_content.into_iter().chain(by_name).chain(inside) {
            files_of.entry(code).or_default().push(i);
        }
    }
    files_of
}

/// The agency's files that were not used, and whom to call when the file used names no one.
fn other_files(row: &mut AgencyRow, files: &[FileEntry], files_of: &HashMap<&str, Vec<usize>>) {
    row.other_files = files_of
        .get(row.code.as_str())
        .into_iter()
        .flatten()
        .copied()
        .filter(|&i| Some(i) != row.file)
        .collect();
    row.other_file_names = row
        .other_files
        .iter()
        .map(|&i| files[i].input.shown.clone())
        .collect();
    if row.preparer.is_none() && row.phone.is_none() {
        // The newest other readable file of the agency still says whom to call.
        let contact = row
            .other_files
            .iter()
            .map(|&i| &files[i])
            .filter(|f| f.checked.format.is_some())
            // Not another agency's file that merely carries this agency's table (S004).
            .filter(|f| !f.checked.submission.other_agencies.contains(&row.code))
            .max_by_key(|f| (f.checked.submission.report_date, f.modified_time));
        if let Some(f) = contact {
            row.preparer = f.checked.submission.preparer.clone();
            row.phone = f.checked.submission.phone.clone();
        }
    }
}

/// The overall figures of the agency rows and the files; the finding counts are the
/// consolidation's (`Consolidation::findings`), set once it is built.
pub(super) fn totals(files: &[FileEntry], agencies: &[AgencyRow]) -> Totals {
    let mut totals = Totals {
        files: files.len(),
        expected: agencies.len(),
        ..Totals::default()
    };
    for row in agencies {
        if row.file.is_none() {
            totals.missing += 1;
            totals.tasks_not_reported += row.tasks;
            continue;
        }
        totals.received += 1;
        if row.on_time {
            totals.on_time += 1;
        } else {
            totals.late += 1;
        }
        if row.status == SubmitStatus::Invalid {
            totals.invalid += 1;
        }
        let (done, in_progress, not_started) = (
            row.done.unwrap_or(0),
            row.in_progress.unwrap_or(0),
            row.not_started.unwrap_or(0),
        );
        totals.tasks_done += done;
        totals.tasks_in_progress += in_progress;
        totals.tasks_not_started += not_started;
        totals.tasks_overdue += row.overdue.unwrap_or(0);
        totals.tasks_not_reported += row.tasks.saturating_sub(done + in_progress + not_started);
    }
    for f in files {
        let n = match f.role {
            Role::Used => &mut totals.files_used,
            Role::Superseded => &mut totals.files_superseded,
            Role::OtherPeriod => &mut totals.files_other_period,
            Role::Unreadable => &mut totals.files_unreadable,
            Role::Unidentified => &mut totals.files_unidentified,
            Role::NotExpected => &mut totals.files_not_expected,
            Role::NotYetReceived => &mut totals.files_not_yet_received,
        };
        *n += 1;
    }
    let pct = |n: usize| {
        if totals.expected == 0 {
            0.0
        } else {
            100.0 * n as f64 / totals.expected as f64
        }
    };
    totals.reporting_rate = pct(totals.received);
    totals.on_time_rate = pct(totals.on_time);
    totals
}

/// The agency code a file name starts with, the way templates name files
/// (`<CODE>-<PERIOD>.xlsx`): the longest known code followed by a separator.
fn agency_from_name(plan: &Plan, file: &Input) -> Option<String> {
    let name = file
        .path
        .file_name()?
        .to_string_lossy()
        .to_ascii_uppercase();
    plan.agencies
        .iter()
        .filter(|a| {
            name.strip_prefix(a.code.as_str())
                .is_some_and(|rest| rest.starts_with(['-', ' ', '.', '(']))
        })
        .max_by_key(|a| a.code.len())
        .map(|a| a.code.clone())
}
