//! Consolidation: one period's submissions in, the facts of the consolidated report out.
//!
//! [`gather`] lists every file under the given folders (skipping Office lock files `~$*` and
//! hidden files, never following symlinks into loops; a file that is no spreadsheet is listed
//! and reported, F014, not skipped); [`consolidate`] reads and
//! checks them in parallel through the same ingest and checks as `validate`, classifies each
//! file (used, superseded, other period, unreadable), decides when each report was received
//! and whether it was on time, and aggregates tasks and indicators. Writing the workbook is
//! `report::consolidated`'s job. Nothing here can fail on a bad submission: a bad file is a
//! row in `Nguồn` and a finding.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use rayon::prelude::*;
use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::check::{self, Checked, Options, Status, Submission};
use crate::diag::{Code, Counts, Finding};
use crate::error::{Error, Result};
use crate::i18n::Lang;
use crate::ingest::Limits;
use crate::plan::{Period, Plan};

mod log_text;

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
    pub done: usize,
    pub in_progress: usize,
    pub not_started: usize,
    pub overdue: usize,
    pub completion_rate: Option<f64>,
    pub errors: usize,
    pub warnings: usize,
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

/// True for names consolidation skips: Office lock files and hidden files.
fn skipped(name: &str) -> bool {
    name.starts_with("~$") || name.starts_with('.')
}

fn is_spreadsheet_name(name: &str) -> bool {
    let lower = name.to_lowercase();
    [".xlsx", ".xlsm", ".xls", ".ods", ".xlsb"]
        .iter()
        .any(|e| lower.ends_with(e))
}

/// Lists the spreadsheets under `dirs` (recursively, sorted; links to files are listed, links
/// to folders are not followed).
pub fn gather(dirs: &[PathBuf], lang: Lang) -> Result<Vec<Input>> {
    let mut out = Vec::new();
    for dir in dirs {
        if !dir.exists() {
            return Err(Error::Message(
                lang.path_missing(&dir.display().to_string()),
            ));
        }
        if dir.is_file() {
            out.push(Input {
                path: dir.clone(),
                shown: dir.display().to_string(),
                unlisted: None,
            });
            continue;
        }
        let walker = walkdir::WalkDir::new(dir)
            .follow_links(false)
            .sort_by_file_name()
            .into_iter();
        for entry in
            walker.filter_entry(|e| e.depth() == 0 || !skipped(&e.file_name().to_string_lossy()))
        {
            let entry = match entry {
                Ok(entry) => entry,
                Err(e) => {
                    if let Some(path) = e.path() {
                        let rel = path.strip_prefix(dir).unwrap_or(path);
                        let shown = if rel.as_os_str().is_empty() {
                            dir.display().to_string()
                        } else {
                            rel.display().to_string()
                        };
                        let reason = match e.io_error() {
                            Some(io) if io.kind() == std::io::ErrorKind::PermissionDenied => {
                                lang.io_read_denied()
                            }
                            Some(io) => io.to_string(),
                            None => e.to_string(),
                        };
                        out.push(Input {
                            path: path.to_path_buf(),
                            shown,
                            unlisted: Some(reason),
                        });
                    }
                    continue;
                }
            };
            // A link to a file is read as that file; a link to a folder is not followed (it
            // may loop). A dangling or looping link named like a spreadsheet is kept, so that
            // it is reported as unreadable instead of silently left out.
            let kind = entry.file_type();
            if !(kind.is_file() || kind.is_symlink() && !entry.path().is_dir()) {
                continue;
            }
            // Every file is listed, whatever its name: a report sent as `.csv` or `.pdf` is a
            // row of `Nguồn` saying it was not read (F014), not an agency that looks silent.
            let rel = entry.path().strip_prefix(dir).unwrap_or(entry.path());
            out.push(Input {
                path: entry.path().to_path_buf(),
                shown: rel.display().to_string(),
                unlisted: None,
            });
        }
    }
    Ok(out)
}

/// The officer's receipt log: file name or agency code → date received.
#[derive(Default)]
pub struct ReceiptLog {
    by_key: HashMap<String, NaiveDate>,
    /// The same keys upper-cased, for agency codes typed in lower case.
    by_upper: HashMap<String, NaiveDate>,
}

impl ReceiptLog {
    /// Reads `FILE.csv`: first column a file name or an agency code, second a date
    /// (dd/mm/yyyy or YYYY-MM-DD); a header row is allowed; `,`, `;` or tab separated; UTF-8
    /// (with or without a byte order mark), UTF-16 or Windows-1258, as Excel saves it
    /// ([`log_text`]).
    pub fn read(path: &Path, lang: Lang) -> Result<ReceiptLog> {
        let shown = path.display().to_string();
        let bytes = std::fs::read(path)
            .map_err(|e| Error::Message(lang.io_read(&shown, &e.to_string())))?;
        let (text, _) = log_text::decode(&bytes);
        let mut rdr = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .delimiter(log_text::delimiter(&text))
            .from_reader(text.as_bytes());
        let mut log = ReceiptLog::default();
        for (i, rec) in rdr.records().enumerate() {
            let rec = rec.map_err(|e| Error::Message(lang.io_read(&shown, &e.to_string())))?;
            let (Some(key), Some(date)) = (rec.get(0), rec.get(1)) else {
                continue;
            };
            match crate::ingest::parse_date_text(date) {
                Some(d) => {
                    let key = log_text::key(key);
                    log.by_upper.insert(key.to_uppercase(), d);
                    log.by_key.insert(key, d);
                }
                None if i == 0 => {} // header row
                None => return Err(Error::Message(lang.received_bad_date(&shown, i + 1, date))),
            }
        }
        Ok(log)
    }

    fn lookup(&self, file: &Input, agency: Option<&str>) -> Option<NaiveDate> {
        let base = file
            .path
            .file_name()
            .map(|n| log_text::key(&n.to_string_lossy()))
            .unwrap_or_default();
        // File names as the officer typed them (either slash); agency codes in any case.
        self.by_key
            .get(&log_text::key(&file.shown))
            .or_else(|| self.by_key.get(&base))
            .or_else(|| self.by_upper.get(&agency?.to_uppercase()))
            .copied()
    }
}

/// A file read and opened but not yet checked: the part of the work that needs no plan, so
/// `consolidate` can do it while the plan loads ([`Inputs::prefetch`]).
pub struct Fetched {
    size: u64,
    sha256: String,
    modified_time: Option<std::time::SystemTime>,
    opened: Result<crate::ingest::Workbook, Finding>,
}

/// The most files [`Inputs::prefetch`] holds opened while the plan loads.
const PREFETCH_MAX_FILES: usize = 512;
/// The most cells they may hold together (a filled template has ~500; a hostile file can have
/// millions, so memory stays bounded as when files are read and checked one at a time).
const PREFETCH_MAX_CELLS: usize = 1_000_000;

/// The files of a run, and those of them already read and opened.
pub struct Inputs {
    pub files: Vec<Input>,
    prefetched: Vec<Option<Fetched>>,
}

impl From<Vec<Input>> for Inputs {
    fn from(files: Vec<Input>) -> Inputs {
        Inputs {
            files,
            prefetched: Vec::new(),
        }
    }
}

impl Inputs {
    /// Reads and opens the files, in parallel, until `plan_ready` is set (the plan is loaded)
    /// or 512 files or a million cells are held (memory stays bounded); the rest are
    /// left for [`consolidate`]. Run beside the plan load (`rayon::join`), it fills the moments
    /// the load leaves a core idle.
    pub fn prefetch(mut self, lang: Lang, plan_ready: &std::sync::atomic::AtomicBool) -> Inputs {
        self.prefetched = prefetch(&self.files, lang, plan_ready);
        self
    }
}

fn prefetch(
    inputs: &[Input],
    lang: Lang,
    plan_ready: &std::sync::atomic::AtomicBool,
) -> Vec<Option<Fetched>> {
    use std::sync::atomic::{AtomicUsize, Ordering};
    let limits = Limits::default();
    let files = AtomicUsize::new(0);
    let cells = AtomicUsize::new(0);
    inputs
        .par_iter()
        .map(|i| {
            if plan_ready.load(Ordering::Relaxed)
                || cells.load(Ordering::Relaxed) >= PREFETCH_MAX_CELLS
                || files.fetch_add(1, Ordering::Relaxed) >= PREFETCH_MAX_FILES
            {
                return None;
            }
            let f = fetch(i, lang, &limits);
            if let Ok(wb) = &f.opened {
                let n: usize = wb
                    .sheets
                    .iter()
                    .flat_map(|s| s.rows.iter())
                    .map(Vec::len)
                    .sum();
                cells.fetch_add(n, Ordering::Relaxed);
            }
            Some(f)
        })
        .collect()
}

/// Reads one file once: size, hash and modification time from the same bytes the checks read.
fn fetch(input: &Input, lang: Lang, limits: &Limits) -> Fetched {
    use crate::ingest::Scope;
    if let Some(reason) = &input.unlisted {
        let finding = Finding::new(
            Code::FileUnreadable,
            &input.shown,
            lang.folder_unlisted(reason),
        )
        .help(lang.folder_unlisted_help());
        return Fetched {
            size: 0,
            sha256: String::new(),
            modified_time: None,
            opened: Err(finding),
        };
    }
    let meta = std::fs::metadata(&input.path).ok();
    let size = meta.as_ref().map_or(0, |m| m.len());
    let modified_time = meta.and_then(|m| m.modified().ok());
    let from_path =
        || crate::ingest::open_scoped(&input.path, &input.shown, lang, limits, Scope::Checks);
    let (sha256, opened) = if size > limits.max_file_bytes {
        (String::new(), from_path())
    } else {
        match std::fs::read(&input.path) {
            Ok(bytes) => {
                let digest = Sha256::digest(&bytes);
                let hex: String = digest.iter().map(|b| format!("{b:02x}")).collect();
                let opened = crate::ingest::open_bytes_scoped(
                    &bytes,
                    &input.shown,
                    lang,
                    limits,
                    Scope::Checks,
                );
                (hex, opened)
            }
            Err(_) => (String::new(), from_path()),
        }
    };
    Fetched {
        size,
        sha256,
        modified_time,
        opened,
    }
}

/// The checks of a fetched file: its row of `Nguồn` and its submission.
fn finish(input: &Input, fetched: Fetched, opts: &Options) -> FileEntry {
    let modified = fetched
        .modified_time
        .map(|t| chrono::DateTime::<chrono::Local>::from(t).date_naive());
    FileEntry {
        input: input.clone(),
        size: fetched.size,
        sha256: fetched.sha256,
        modified,
        modified_time: fetched.modified_time,
        checked: not_a_spreadsheet(
            input,
            check::checked(fetched.opened, &input.shown, opts),
            opts.lang,
        ),
        role: Role::Unreadable,
        agency_hint: None,
    }
}

/// A file that neither is named nor reads like a spreadsheet (a `.csv`, `.pdf`, `.docx`…):
/// one F014 warning saying it was listed and not read, instead of the reader's error meant for
/// a spreadsheet that turned out to be something else.
fn not_a_spreadsheet(input: &Input, checked: Checked, lang: Lang) -> Checked {
    let name = input
        .path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let other_kind = checked.format.is_none()
        && !is_spreadsheet_name(&name)
        && input.unlisted.is_none()
        && checked.submission.findings.iter().all(|f| {
            matches!(
                f.code,
                Code::FileCsv | Code::FileHtml | Code::FileNotSpreadsheet | Code::FileEmpty
            )
        });
    if !other_kind {
        return checked;
    }
    let ext = Path::new(&name)
        .extension()
        .map(|e| format!(".{}", e.to_string_lossy()))
        .unwrap_or_default();
    Checked::failed(
        Finding::new(
            Code::FileNotRead,
            &input.shown,
            lang.file_not_read(&name, &ext),
        )
        .help(lang.file_not_read_help()),
    )
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

/// What merging a successor's reports adds: findings per file, and (task id, file index) of
/// each task row taken from another file.
type Merged = (Vec<(usize, Finding)>, Vec<(String, usize)>);

/// For an agency's candidate files sorted so the one used is last: the newest file of each
/// *other* body it stands for (its own reports, and each predecessor whose template was
/// credited to it), newest first.
fn succession_donors(files: &[FileEntry], list: &[usize], winner: usize) -> Vec<usize> {
    let source = |i: usize| files[i].checked.submission.credited_from.clone();
    let mut seen = vec![source(winner)];
    let mut donors = Vec::new();
    for &i in list.iter().rev() {
        let s = source(i);
        if !seen.contains(&s) {
            seen.push(s);
            donors.push(i);
        }
    }
    donors
}

/// Merges the task and indicator rows of `donors` (reports on predecessors' templates, or the
/// successor's own when the one used is a credited one) into the report used for the agency:
/// a row the used report lacks is taken from the first donor that has it; a row both have
/// stays as the used report wrote it, and the donor's copy is named in a finding (I013), never
/// added up silently. "Missing task" findings (T001) for a task now reported are withdrawn.
fn merge_successor_reports(
    files: &mut [FileEntry],
    (plan, agency): (&Plan, &str),
    winner: usize,
    donors: &[usize],
    lang: Lang,
) -> Merged {
    let mut out = Vec::new();
    let mut rows = Vec::new();
    // Only what the plan in force asks of this agency is merged (a row for a task now carried
    // by another body stays in the donor file, with its T002 finding).
    let tasks: Vec<&str> = plan
        .tasks_for(agency)
        .iter()
        .map(|t| t.id.as_str())
        .collect();
    let inds: Vec<&str> = plan
        .indicators_for(agency)
        .iter()
        .map(|i| i.id.as_str())
        .collect();
    for &d in donors {
        files[d].role = Role::Used;
        let donor = files[d].checked.submission.clone();
        let base = &mut files[winner].checked.submission;
        let mut kept = Vec::new();
        for t in donor
            .tasks
            .into_iter()
            .filter(|t| tasks.contains(&t.task_id.as_str()))
        {
            if base.tasks.iter().any(|x| x.task_id == t.task_id) {
                kept.push(t.task_id.clone());
            } else {
                rows.push((t.task_id.clone(), d));
                base.tasks.push(t);
            }
        }
        for i in donor
            .indicators
            .into_iter()
            .filter(|i| inds.contains(&i.id.as_str()))
        {
            if base.indicators.iter().any(|x| x.id == i.id) {
                kept.push(i.id.clone());
            } else {
                base.indicators.push(i);
            }
        }
        let into = files[winner].input.shown.clone();
        let from = donor
            .credited_from
            .clone()
            .unwrap_or_else(|| donor.agency.clone().unwrap_or_default());
        let msg = lang.tl_merged(&from, &into, &kept.join(", "));
        out.push((
            d,
            Finding::new(Code::CreditedMerged, &files[d].input.shown, msg),
        ));
    }
    // T001 for a task some merged file reports is withdrawn from every file of the group.
    let reported: Vec<String> = files[winner]
        .checked
        .submission
        .tasks
        .iter()
        .map(|t| t.task_id.clone())
        .collect();
    for &i in donors.iter().chain(std::iter::once(&winner)) {
        files[i].checked.submission.findings.retain(|f| {
            f.code != Code::TaskMissing
                || !reported.iter().any(|id| f.message == lang.task_missing(id))
        });
    }
    (out, rows)
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
    let limits = Limits::default();
    let Inputs {
        files: inputs,
        mut prefetched,
    } = inputs;
    prefetched.resize_with(inputs.len(), || None);
    let mut files: Vec<FileEntry> = inputs
        .par_iter()
        .zip(prefetched.into_par_iter())
        .map(|(i, f)| {
            let f = f.unwrap_or_else(|| fetch(i, lang, &limits));
            let e = finish(i, f, &opts);
            progress();
            e
        })
        .collect();

    // Classify and pick one submission per agency: latest report date, then latest file time.
    let mut extra = Vec::new();
    let mut candidates: HashMap<String, Vec<usize>> = HashMap::new();
    let expected: std::collections::HashSet<&str> = plan
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
                    lang.other_period(&p, &period.id),
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
    let mut used: HashMap<String, usize> = HashMap::new();
    let mut merged_rows: HashMap<(String, String), usize> = HashMap::new();
    let mut candidates: Vec<(String, Vec<usize>)> = candidates.into_iter().collect();
    candidates.sort();
    for (agency, mut list) in candidates {
        // Latest report date, then latest file time; on a tie, the path that sorts first
        // (a browser saves a second download as `NAME (1).xlsx`, which sorts before `NAME.xlsx`).
        // The successor's own report comes before one credited to it from a predecessor's
        // template (check::succession): the body in force reports for all it carries.
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
        let donors = succession_donors(&files, &list, winner);
        for &i in &list[..list.len() - 1] {
            if donors.contains(&i) {
                continue;
            }
            files[i].role = Role::Superseded;
            let msg = lang.superseded(&agency, &files[winner].input.shown);
            extra.push((
                i,
                Finding::new(Code::FileSuperseded, &files[i].input.shown, msg),
            ));
        }
        let (notes, rows) =
            merge_successor_reports(&mut files, (plan, &agency), winner, &donors, lang);
        extra.extend(notes);
        for (task, i) in rows {
            merged_rows.insert((agency.clone(), task), i);
        }
        used.insert(agency, winner);
    }
    // A file dated only by its modification time, later than the as-of date, was not received
    // by then as far as anything shows: re-running a past period on copied files (a fresh
    // clone, a backup restored) must give the figures of that day.
    used.retain(|_, &mut i| {
        let f = &files[i];
        let dated = log.and_then(|l| l.lookup(&f.input, f.checked.submission.agency.as_deref()));
        let after = dated.is_none()
            && f.checked.submission.report_date.is_none()
            && f.modified.is_some_and(|m| m > as_of);
        if after {
            let msg = lang.received_after_as_of(
                &f.modified.map(crate::plan::fmt_date).unwrap_or_default(),
                &crate::plan::fmt_date(as_of),
            );
            let finding = Finding::new(Code::ReceivedAfterAsOf, &f.input.shown, msg)
                .help(lang.received_after_as_of_help());
            extra.push((i, finding));
        }
        !after
    });
    for &(i, ref finding) in &extra {
        if finding.code == Code::ReceivedAfterAsOf {
            files[i].role = Role::NotYetReceived;
        }
    }

    // Each agency's files (by content, or by name when unreadable), in file order.
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
    let mut agencies = Vec::new();
    let mut totals = Totals {
        files: files.len(),
        ..Totals::default()
    };
    for a in plan.reporters(period) {
        let assigned = plan.tasks_for(&a.code).len();
        let mut row = AgencyRow {
            code: a.code.clone(),
            name: a.name.clone(),
            status: SubmitStatus::Missing,
            on_time: false,
            received: None,
            received_source: None,
            file: None,
            file_name: None,
            tasks: assigned,
            done: 0,
            in_progress: 0,
            not_started: 0,
            overdue: 0,
            completion_rate: None,
            errors: 0,
            warnings: 0,
            days_late: None,
            preparer: None,
            phone: None,
            other_files: Vec::new(),
            other_file_names: Vec::new(),
        };
        totals.expected += 1;
        if let Some(&i) = used.get(&a.code) {
            let f = &files[i];
            let s = &f.checked.submission;
            let (received, source) = match log.and_then(|l| l.lookup(&f.input, Some(&a.code))) {
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
            row.on_time = received.is_some_and(|d| d <= period.due);
            row.days_late = received
                .filter(|d| *d > period.due)
                .map(|d| (d - period.due).num_days());
            row.errors = counts.errors;
            row.warnings = counts.warnings;
            row.status = if counts.errors > 0 {
                SubmitStatus::Invalid
            } else if row.on_time {
                SubmitStatus::OnTime
            } else {
                SubmitStatus::Late
            };
            for t in &s.tasks {
                match t.status {
                    Some(Status::Done) => row.done += 1,
                    Some(Status::InProgress) => row.in_progress += 1,
                    Some(Status::NotStarted) => row.not_started += 1,
                    None => {}
                }
                if t.overdue {
                    row.overdue += 1;
                }
            }
            row.completion_rate = (assigned > 0).then(|| 100.0 * row.done as f64 / assigned as f64);
            row.preparer = s.preparer.clone();
            row.phone = s.phone.clone();
            totals.received += 1;
            if row.on_time {
                totals.on_time += 1;
            } else {
                totals.late += 1;
            }
            if row.status == SubmitStatus::Invalid {
                totals.invalid += 1;
            }
            totals.tasks_done += row.done;
            totals.tasks_in_progress += row.in_progress;
            totals.tasks_not_started += row.not_started;
            totals.tasks_overdue += row.overdue;
            totals.tasks_not_reported +=
                assigned.saturating_sub(row.done + row.in_progress + row.not_started);
        } else {
            totals.missing += 1;
            totals.tasks_not_reported += assigned;
            if as_of > period.due {
                row.days_late = Some((as_of - period.due).num_days());
            }
        }
        row.other_files = files_of
            .get(a.code.as_str())
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
                .filter(|f| !f.checked.submission.other_agencies.contains(&a.code))
                .max_by_key(|f| (f.checked.submission.report_date, f.modified_time));
            if let Some(f) = contact {
                row.preparer = f.checked.submission.preparer.clone();
                row.phone = f.checked.submission.phone.clone();
            }
        }
        agencies.push(row);
    }
    for f in &files {
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

#[cfg(test)]
mod tests {
    use std::sync::atomic::AtomicBool;

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
