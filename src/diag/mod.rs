//! Findings: what baocao found in a plan or a submission, as data.
//!
//! A finding is not an error of baocao: a submission with mistakes is a successful run that
//! reports them. Every finding has a stable [`Code`] (documented in `docs/findings.md`), a
//! [`Severity`], the file it is about, where in that file ([`Location`]: a spreadsheet cell or
//! a line and column of a YAML file), a message that quotes what was found and says what was
//! expected, and a help line saying how to fix it. Messages come from [`crate::i18n`].

mod cellref;
mod code;
pub mod render;

pub use cellref::CellRef;
pub use code::Code;

use serde::Serialize;
use std::fmt;

/// How serious a finding is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The agency (or the plan's author) must fix it.
    Error,
    /// A fact worth attention; the report is still usable.
    Warning,
}

/// Where in a file a finding points.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Location {
    /// A cell of a worksheet, or the sheet as a whole when `cell` is `None`.
    Cell {
        sheet: String,
        cell: Option<CellRef>,
    },
    /// A line and column (1-based) of a text file such as a plan YAML file.
    Line { line: u64, column: u64 },
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Location::Cell {
                sheet,
                cell: Some(c),
            } => write!(f, "{sheet}!{c}"),
            Location::Cell { sheet, cell: None } => write!(f, "{sheet}"),
            Location::Line { line, column } => write!(f, "{line}:{column}"),
        }
    }
}

/// One problem found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    pub code: Code,
    pub severity: Severity,
    /// The file the finding is about, as the user named it.
    pub file: String,
    pub location: Option<Location>,
    /// What was found and what was expected, in the user's language.
    pub message: String,
    /// How to fix it, in the user's language (may be empty).
    pub help: String,
}

impl Finding {
    /// A finding with the severity its code carries by default.
    pub fn new(code: Code, file: impl Into<String>, message: impl Into<String>) -> Finding {
        Finding {
            code,
            severity: code.default_severity(),
            file: file.into(),
            location: None,
            message: message.into(),
            help: String::new(),
        }
    }

    #[must_use]
    pub fn at_cell(mut self, sheet: &str, cell: CellRef) -> Finding {
        self.location = Some(Location::Cell {
            sheet: sheet.to_string(),
            cell: Some(cell),
        });
        self
    }

    #[must_use]
    pub fn at_sheet(mut self, sheet: &str) -> Finding {
        self.location = Some(Location::Cell {
            sheet: sheet.to_string(),
            cell: None,
        });
        self
    }

    #[must_use]
    pub fn at_line(mut self, line: u64, column: u64) -> Finding {
        self.location = Some(Location::Line { line, column });
        self
    }

    #[must_use]
    pub fn help(mut self, help: impl Into<String>) -> Finding {
        self.help = help.into();
        self
    }

    #[must_use]
    pub fn severity(mut self, severity: Severity) -> Finding {
        self.severity = severity;
        self
    }

    /// `file:line:col`, `file › Sheet!C14`, or just the file: where to look, for humans.
    pub fn place(&self) -> String {
        match &self.location {
            Some(Location::Line { line, column }) => format!("{}:{line}:{column}", self.file),
            Some(loc) => format!("{} › {loc}", self.file),
            None => self.file.clone(),
        }
    }

    /// Sort key: file, then sheet and cell in reading order, then code.
    pub fn sort_key(&self) -> (&str, Option<&Location>, Code) {
        (&self.file, self.location.as_ref(), self.code)
    }
}

/// Counts of errors and warnings in a list of findings.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    pub errors: usize,
    pub warnings: usize,
}

impl Counts {
    pub fn of<'a>(findings: impl IntoIterator<Item = &'a Finding>) -> Counts {
        let mut c = Counts::default();
        for f in findings {
            match f.severity {
                Severity::Error => c.errors += 1,
                Severity::Warning => c.warnings += 1,
            }
        }
        c
    }
}

/// Sorts findings for display: by file, location, code.
pub fn sort(findings: &mut [Finding]) {
    findings.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
}
