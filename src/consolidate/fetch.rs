//! Fetching a period's files: each read once (size, SHA-256, modification time from the same
//! bytes the checks read), opened, then checked by the same checks as `validate`.
//!
//! [`Inputs::prefetch`] reads and opens files while the plan loads (the work that needs no
//! plan), within fixed bounds on files and cells held; [`check_all`] fetches the rest and
//! checks every file in parallel. A file that is no spreadsheet becomes one F014 warning.

use std::path::Path;

use rayon::prelude::*;
use sha2::{Digest, Sha256};

use super::gather::is_spreadsheet_name;
use super::{FileEntry, Input, Role};
use crate::check::{self, Checked, Options};
use crate::diag::{Code, Finding};
use crate::error::Result;
use crate::i18n::Lang;
use crate::ingest::Limits;

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
    pub(super) prefetched: Vec<Option<Fetched>>,
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

/// Reads (what was not prefetched) and checks every file, in parallel, in file order;
/// `progress` is called after each file. Every file starts as [`Role::Unreadable`] until
/// tallying classifies it.
pub(super) fn check_all(
    inputs: Inputs,
    opts: &Options,
    progress: &(dyn Fn() + Sync),
) -> Vec<FileEntry> {
    let limits = Limits::default();
    let Inputs {
        files: inputs,
        mut prefetched,
    } = inputs;
    prefetched.resize_with(inputs.len(), || None);
    inputs
        .par_iter()
        .zip(prefetched.into_par_iter())
        .map(|(i, f)| {
            let f = f.unwrap_or_else(|| fetch(i, opts.lang, &limits));
            let e = finish(i, f, opts);
            progress();
            e
        })
        .collect()
}
