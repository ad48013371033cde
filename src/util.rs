//! Small shared helpers: date arguments, text normalisation, atomic output files.

use std::io::Write;
use std::path::Path;

use chrono::NaiveDate;
use unicode_normalization::UnicodeNormalization;

use crate::error::{Error, Result};
use crate::i18n::Lang;

/// Parses a date given on the command line: `YYYY-MM-DD` or `dd/mm/yyyy`.
pub fn parse_date_arg(s: &str, lang: Lang) -> Result<NaiveDate> {
    let t = s.trim();
    NaiveDate::parse_from_str(t, "%Y-%m-%d")
        .or_else(|_| NaiveDate::parse_from_str(t, "%d/%m/%Y"))
        .map_err(|_| Error::Message(lang.bad_date_arg(s)))
}

/// `--as-of` or, when absent, today's local date.
pub fn as_of_or_today(s: Option<&str>, lang: Lang) -> Result<NaiveDate> {
    match s {
        Some(s) => parse_date_arg(s, lang),
        None => Ok(chrono::Local::now().date_naive()),
    }
}

/// The form labels and codes are compared in: NFC, trimmed, inner whitespace collapsed,
/// lower-case.
pub fn fold(s: &str) -> String {
    let nfc: String = s.nfc().collect();
    let mut out = String::with_capacity(nfc.len());
    for word in nfc.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.extend(word.chars().flat_map(char::to_lowercase));
    }
    out
}

/// NFC-normalises text.
pub fn nfc(s: &str) -> String {
    s.nfc().collect()
}

/// Writes `bytes` to `path` atomically: a temporary file in the same folder, then a rename.
/// Without `force`, an existing `path` is left untouched and an error returned.
pub fn write_atomic(path: &Path, bytes: &[u8], force: bool, lang: Lang) -> Result<()> {
    let shown = path.display().to_string();
    if !force && path.exists() {
        return Err(Error::Message(lang.output_exists(&shown)));
    }
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => std::path::PathBuf::from("."),
    };
    let fail = |e: std::io::Error| Error::Message(lang.io_write(&shown, &e.to_string()));
    let mut tmp = tempfile::Builder::new()
        .prefix(".baocao-")
        .suffix(".tmp")
        .tempfile_in(&dir)
        .map_err(fail)?;
    tmp.write_all(bytes).map_err(fail)?;
    tmp.as_file().sync_all().map_err(fail)?;
    if force {
        tmp.persist(path).map_err(|e| fail(e.error))?;
    } else {
        tmp.persist_noclobber(path).map_err(|e| fail(e.error))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fold_matches_labels_loosely() {
        let decomposed = "Ma\u{303} cơ quan"; // not a real word, just decomposed input
        assert_eq!(fold("  Mã   Cơ  QUAN "), "mã cơ quan");
        assert_eq!(fold(&"Tình trạng".nfd().collect::<String>()), "tình trạng");
        assert_eq!(fold(decomposed), "mã cơ quan");
    }

    #[test]
    fn date_args() {
        let d = NaiveDate::from_ymd_opt(2025, 12, 20);
        assert_eq!(parse_date_arg("2025-12-20", Lang::Vi).ok(), d);
        assert_eq!(parse_date_arg("20/12/2025", Lang::Vi).ok(), d);
        assert!(parse_date_arg("2025-13-01", Lang::Vi).is_err());
    }
}
