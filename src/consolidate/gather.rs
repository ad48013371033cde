//! Gathering a period's files: the folder walk and the officer's receipt log.
//!
//! [`gather`] lists every file under the given folders (skipping Office lock files `~$*` and
//! hidden files, never following symlinks into loops; a file that is no spreadsheet is listed
//! and reported, F014, not skipped). [`ReceiptLog`] reads `--received` and says when a file or
//! an agency's report was received. Nothing here reads a submission's content.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use super::{Input, log_text};
use crate::error::{Error, Result};
use crate::i18n::Lang;

/// True for names consolidation skips: Office lock files and hidden files.
fn skipped(name: &str) -> bool {
    name.starts_with("~$") || name.starts_with('.')
}

pub(super) fn is_spreadsheet_name(name: &str) -> bool {
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

    pub(super) fn lookup(&self, file: &Input, agency: Option<&str>) -> Option<NaiveDate> {
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
