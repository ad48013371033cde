//! Rendering findings for people (coloured text) and for programs (JSON).
//!
//! Colour is decided by the caller's stream (`anstream` strips it when the output is not a
//! terminal, when `NO_COLOR` is set, or with `--color never`).

use std::io::{self, Write};

use anstyle::{AnsiColor, Style};
use serde::Serialize;

use super::{Finding, Location, Severity};
use crate::i18n::Lang;

const ERROR: Style = AnsiColor::Red.on_default().bold();
const WARNING: Style = AnsiColor::Yellow.on_default().bold();
const PLACE: Style = Style::new().bold();
const HELP: Style = AnsiColor::Cyan.on_default();

/// Writes one finding as `place: lỗi[T001]: message` plus an indented help line. With
/// `with_file`, the place starts with the file name (for lists not grouped by file).
pub fn write_finding(
    out: &mut dyn Write,
    f: &Finding,
    lang: Lang,
    with_file: bool,
) -> io::Result<()> {
    let (style, word) = match f.severity {
        Severity::Error => (ERROR, lang.error_prefix()),
        Severity::Warning => (WARNING, lang.warning_prefix()),
    };
    let place = match (&f.location, with_file) {
        (Some(Location::Line { line, column }), _) => format!("{}:{line}:{column}", f.file),
        (_, true) => f.place(),
        (Some(loc), false) => loc.to_string(),
        (None, false) => String::new(),
    };
    if place.is_empty() {
        writeln!(out, "  {style}{word}[{}]{style:#}: {}", f.code, f.message)?;
    } else {
        writeln!(
            out,
            "  {PLACE}{place}{PLACE:#}: {style}{word}[{}]{style:#}: {}",
            f.code, f.message
        )?;
    }
    if !f.help.is_empty() {
        writeln!(out, "      {HELP}→ {}{HELP:#}", f.help)?;
    }
    Ok(())
}

/// Writes a file heading followed by its findings.
pub fn write_file_block(
    out: &mut dyn Write,
    file: &str,
    findings: &[&Finding],
    lang: Lang,
) -> io::Result<()> {
    writeln!(out, "{PLACE}{file}{PLACE:#}")?;
    for f in findings {
        write_finding(out, f, lang, false)?;
    }
    Ok(())
}

/// The summary line, e.g. `2 lỗi, 3 cảnh báo`, coloured by the worst severity.
pub fn write_summary(
    out: &mut dyn Write,
    errors: usize,
    warnings: usize,
    lang: Lang,
) -> io::Result<()> {
    let style = if errors > 0 {
        ERROR
    } else if warnings > 0 {
        WARNING
    } else {
        AnsiColor::Green.on_default().bold()
    };
    writeln!(
        out,
        "{style}{}{style:#}",
        lang.summary_counts(errors, warnings)
    )
}

/// The JSON shape of one finding (documented in `docs/findings.md`).
#[derive(Serialize)]
pub struct JsonFinding<'a> {
    pub code: &'a str,
    pub severity: Severity,
    pub file: &'a str,
    pub sheet: Option<&'a str>,
    pub cell: Option<String>,
    pub line: Option<u64>,
    pub column: Option<u64>,
    pub message: &'a str,
    pub help: &'a str,
}

impl<'a> From<&'a Finding> for JsonFinding<'a> {
    fn from(f: &'a Finding) -> Self {
        let (sheet, cell, line, column) = match &f.location {
            Some(Location::Cell { sheet, cell }) => (
                Some(sheet.as_str()),
                cell.map(|c| c.to_string()),
                None,
                None,
            ),
            Some(Location::Line { line, column }) => (None, None, Some(*line), Some(*column)),
            None => (None, None, None, None),
        };
        JsonFinding {
            code: f.code.as_str(),
            severity: f.severity,
            file: &f.file,
            sheet,
            cell,
            line,
            column,
            message: &f.message,
            help: &f.help,
        }
    }
}
