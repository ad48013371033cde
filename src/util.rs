//! Small shared helpers: date arguments, text normalisation, atomic output files, the
//! process start-up setting for memory.

use std::io::Write;
use std::path::Path;

use chrono::NaiveDate;
use unicode_normalization::UnicodeNormalization;

use crate::error::{Error, Result};
use crate::i18n::Lang;

/// Turns transparent huge pages off for this process; called first thing by the binary (and
/// by the benchmark examples, so they run as it does). mimalloc asks the kernel for huge pages
/// (`MADV_HUGEPAGE`), and every fault on one zeroes 2 MB: a run that reads thousands of small
/// files and frees their buffers as it goes spent ~15 % of its CPU time in the kernel zeroing
/// pages, and its peak RSS was ~35 MB higher (docs/performance.md). The flag is checked at
/// each page fault, so it applies to memory mimalloc reserved before `main` too.
#[cfg(target_os = "linux")]
pub fn no_huge_pages() {
    // SAFETY: PR_SET_THP_DISABLE takes integer arguments only and changes no memory of ours;
    // on a kernel without it the call fails with EINVAL, which is harmless.
    unsafe {
        libc::prctl(libc::PR_SET_THP_DISABLE, 1, 0, 0, 0);
    }
}

/// Does nothing: transparent huge pages are a Linux setting.
#[cfg(not(target_os = "linux"))]
pub fn no_huge_pages() {}

/// Parses a date given on the command line: `YYYY-MM-DD` or `dd/mm/yyyy`.
pub fn parse_date_arg(s: &str, lang: Lang) -> Result<NaiveDate> {
    let t = s.trim();
    NaiveDate::parse_from_str(t, "%Y-%m-%d")
        .or_else(|_| NaiveDate::parse_from_str(t, "%d/%m/%Y"))
        .map_err(|_| {
            Error::Message(match impossible_date(t, lang) {
                Some(why) => lang.date_impossible(s, &why),
                None => lang.bad_date_arg(s),
            })
        })
}

/// Why `s`, written in a date shape (`YYYY-MM-DD` or `dd/mm/yyyy`), is no date at all (`2026-02-30`:
/// February 2026 has 28 days), in the user's language; `None` when `s` has another shape
/// or is a real date. Lets a message say what is wrong instead of repeating the format the
/// user already followed.
pub fn impossible_date(s: &str, lang: Lang) -> Option<String> {
    let nums = |parts: Vec<&str>| -> Option<Vec<u32>> {
        parts
            .iter()
            .map(|p| {
                (!p.is_empty() && p.len() <= 4 && p.bytes().all(|b| b.is_ascii_digit()))
                    .then(|| p.parse().ok())
                    .flatten()
            })
            .collect()
    };
    let t = s.trim();
    let (y, m, d) = match (nums(t.split('-').collect()), nums(t.split('/').collect())) {
        (Some(v), _) if v.len() == 3 && t.len() >= 8 && t.find('-') == Some(4) => {
            (v[0], v[1], v[2])
        }
        (_, Some(v)) if v.len() == 3 && t.rfind('/').is_some_and(|i| t.len() - i == 5) => {
            (v[2], v[1], v[0])
        }
        _ => return None,
    };
    let year = i32::try_from(y).ok()?;
    if NaiveDate::from_ymd_opt(year, m, d).is_some() {
        return None;
    }
    if !(1..=12).contains(&m) {
        return Some(lang.date_no_month(m));
    }
    let days = (28..=31)
        .rev()
        .find(|&n| NaiveDate::from_ymd_opt(year, m, n).is_some())?;
    Some(lang.date_no_day(m, y, days))
}

/// `--as-of` or, when absent, today's local date.
pub fn as_of_or_today(s: Option<&str>, lang: Lang) -> Result<NaiveDate> {
    match s {
        Some(s) => parse_date_arg(s, lang),
        None => Ok(chrono::Local::now().date_naive()),
    }
}

/// True when `s` is in NFC. Text read from spreadsheets and plans almost always is, and
/// Vietnamese letters are precomposed characters below U+0300 or in U+1E00–U+1EFF, each of
/// which is a starter that is NFC on its own (a test checks every one of them against the
/// Unicode tables); so those are let through without the table lookups of
/// `unicode_normalization::is_nfc`, which decides everything else.
pub fn is_nfc(s: &str) -> bool {
    // Read as UTF-8 bytes (`s` is valid UTF-8, so each lead byte says how long its character
    // is): below U+0080 one byte; U+0080–U+02FF two, led by C2–CB; U+1E00–U+1EFF three, E1
    // then B8–BB.
    let b = s.as_bytes();
    let mut i = 0;
    while let Some(&lead) = b.get(i) {
        i += match lead {
            0x00..=0x7F => 1,
            0xC2..=0xCB => 2,
            0xE1 if matches!(b.get(i + 1), Some(0xB8..=0xBB)) => 3,
            _ => return unicode_normalization::is_nfc(s),
        };
    }
    true
}

/// The form labels and codes are compared in: NFC, trimmed, inner whitespace collapsed,
/// lower-case.
pub fn fold(s: &str) -> String {
    // Text read by ingest is NFC already: skip the normalising copy when a quick check says so.
    let normalised;
    let nfc = if is_nfc(s) {
        s
    } else {
        normalised = s.nfc().collect::<String>();
        normalised.as_str()
    };
    let mut out = String::with_capacity(nfc.len());
    for word in nfc.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        if word.is_ascii() {
            out.extend(word.bytes().map(|b| char::from(b.to_ascii_lowercase())));
        } else {
            out.extend(word.chars().flat_map(char::to_lowercase));
        }
    }
    out
}

/// The characters of [`fold`]`(s)`, one at a time, without building the string: comparing a
/// long cell with a short label stops at the first character that differs.
pub fn fold_chars(s: &str) -> impl Iterator<Item = char> + '_ {
    FoldChars {
        inner: s.nfc(),
        lower: None,
        started: false,
        space: false,
    }
}

struct FoldChars<I> {
    inner: I,
    /// The rest of the current character's lower case (one to three characters).
    lower: Option<std::char::ToLowercase>,
    /// A non-space character has been given.
    started: bool,
    /// Whitespace was skipped since the last character given.
    space: bool,
}

impl<I: Iterator<Item = char>> Iterator for FoldChars<I> {
    type Item = char;

    fn next(&mut self) -> Option<char> {
        if let Some(c) = self.lower.as_mut().and_then(Iterator::next) {
            return Some(c);
        }
        loop {
            let ch = self.inner.next()?;
            if ch.is_whitespace() {
                self.space = self.started;
                continue;
            }
            let mut lower = ch.to_lowercase();
            let first = if self.space {
                self.space = false;
                Some(' ')
            } else {
                lower.next()
            };
            self.started = true;
            self.lower = Some(lower);
            return first;
        }
    }
}

/// True when `label_key(s) == key` for a `key` made by `label_key` ([`fold`] without a
/// trailing `:`), decided character by character: for a long cell that is not the label
/// this is the cost of its first differing character instead of normalising all of it.
pub fn label_matches(s: &str, key: &str) -> bool {
    let mut folded = fold_chars(s);
    for want in key.chars() {
        if folded.next() != Some(want) {
            return false;
        }
    }
    // What may follow the key in the folded text: nothing, or colons, optionally after one
    // space (the folded text has no trailing space and single inner spaces).
    let mut rest = folded.peekable();
    let space = rest.next_if_eq(&' ').is_some();
    let mut colons = 0usize;
    for c in rest {
        if !matches!(c, ':' | '：') {
            return false;
        }
        colons += 1;
    }
    !space || colons > 0
}

/// NFC-normalises text.
pub fn nfc(s: &str) -> String {
    s.nfc().collect()
}

/// Names of the temporary files [`write_atomic`] writes: `.baocao-<pid>-<random>.tmp`, hidden
/// and without a spreadsheet extension, so neither a person nor `consolidate` takes one for an
/// output or a submission.
const TEMP_PREFIX: &str = ".baocao-";
const TEMP_SUFFIX: &str = ".tmp";

/// Why a file could not be read: "open in Excel, close it" in the user's language when
/// another program locks it ([`held_open`]), else the system's words.
pub fn read_error_reason(e: &std::io::Error, lang: Lang) -> String {
    if held_open(e) {
        lang.input_held_open()
    } else {
        e.to_string()
    }
}

/// Writes `bytes` to `path` atomically: a temporary file in the same folder, flushed to disk,
/// then renamed over `path`. Whenever the process stops (killed, power cut), `path` holds
/// either its previous complete content or the new complete content, never a part; a killed
/// run may leave its temporary file behind, which the next write to the same folder deletes.
/// Without `force`, an existing `path` is left untouched and an error returned.
///
/// A new file gets the usual permissions (read-write for the owner, readable by others as the
/// umask allows); a replaced file keeps its own.
///
/// # Errors
/// A message naming `path` and saying why in words (folder missing, no permission, not a
/// folder, read-only disk, disk full), never the temporary file's name.
pub fn write_atomic(path: &Path, bytes: &[u8], force: bool, lang: Lang) -> Result<()> {
    let shown = path.display().to_string();
    if !force && path.exists() {
        return Err(Error::Message(lang.output_exists(&shown)));
    }
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => std::path::PathBuf::from("."),
    };
    remove_stale_temps(&dir);
    let fail = |e: std::io::Error| Error::Message(write_error(&e, &shown, &dir, lang));
    let prefix = format!("{TEMP_PREFIX}{}-", std::process::id());
    let mut builder = tempfile::Builder::new();
    builder.prefix(&prefix).suffix(TEMP_SUFFIX);
    #[cfg(unix)]
    let mode = {
        use std::os::unix::fs::PermissionsExt;
        std::fs::Permissions::from_mode(0o666)
    };
    #[cfg(unix)]
    builder.permissions(mode);
    let mut tmp = builder.tempfile_in(&dir).map_err(fail)?;
    tmp.write_all(bytes).map_err(fail)?;
    if let Ok(old) = std::fs::metadata(path) {
        // Replacing keeps the file's permissions (a shared folder's group access, say).
        tmp.as_file()
            .set_permissions(old.permissions())
            .map_err(fail)?;
    }
    tmp.as_file().sync_all().map_err(fail)?;
    let replacing = path.exists();
    // A failed rename drops the temporary file (deleting it) and leaves `path` as it was.
    let renamed = if force {
        tmp.persist(path).map_err(|e| e.error)
    } else {
        tmp.persist_noclobber(path).map_err(|e| e.error)
    };
    if let Err(e) = renamed {
        if replacing && held_open(&e) {
            return Err(Error::Message(lang.output_held_open(&shown)));
        }
        return Err(fail(e));
    }
    // The rename is durable only once the folder itself is flushed (best effort: not every
    // system lets a folder be opened).
    #[cfg(unix)]
    if let Ok(d) = std::fs::File::open(&dir) {
        let _ = d.sync_all();
    }
    Ok(())
}

/// Windows error codes a file held open by another program gives when it is replaced or
/// opened for writing: `ERROR_ACCESS_DENIED` (5, Excel's handle forbids deleting the file the
/// rename would replace), `ERROR_SHARING_VIOLATION` (32), `ERROR_LOCK_VIOLATION` (33).
fn in_use_code(code: i32) -> bool {
    matches!(code, 5 | 32 | 33)
}

/// True when `e` says the file is held open by another program (on Windows: Excel, most
/// likely). Elsewhere a file being open never blocks a rename, and these numbers mean other
/// things, so this is false.
pub fn held_open(e: &std::io::Error) -> bool {
    cfg!(windows) && e.raw_os_error().is_some_and(in_use_code)
}

/// Refuses early, before any work, an output that exists and is open in another program
/// (on Windows, a workbook open in Excel cannot be replaced): the message says to close it.
/// Opens the file for appending, which changes nothing in it. Other errors are left to the
/// write itself, which explains them.
///
/// # Errors
/// The "close it in Excel" message naming `path`.
pub fn check_not_held_open(path: &Path, lang: Lang) -> Result<()> {
    if !cfg!(windows) || !path.is_file() {
        return Ok(());
    }
    match std::fs::OpenOptions::new().append(true).open(path) {
        Err(e) if held_open(&e) => Err(Error::Message(
            lang.output_held_open(&path.display().to_string()),
        )),
        _ => Ok(()),
    }
}

/// Tries to create (and at once deletes) a temporary file in `dir`, named as [`write_atomic`]
/// names its own, so that a run killed at that instant leaves only a file the next write
/// recognises and deletes. The only reliable test of permission is to try.
///
/// # Errors
/// The error creating the file.
pub fn probe_writable(dir: &Path) -> std::io::Result<()> {
    let prefix = format!("{TEMP_PREFIX}{}-", std::process::id());
    tempfile::Builder::new()
        .prefix(&prefix)
        .suffix(TEMP_SUFFIX)
        .tempfile_in(dir)
        .map(drop)
}

/// Why writing `shown` in `dir` failed, in the user's language (the same messages as the
/// checks `consolidate` makes before reading anything).
fn write_error(e: &std::io::Error, shown: &str, dir: &Path, lang: Lang) -> String {
    use std::io::ErrorKind;
    let folder = dir.display().to_string();
    let unwritable = |reason: String| lang.output_dir_unwritable(&folder, shown, &reason);
    match e.kind() {
        ErrorKind::NotFound => lang.output_dir_missing(&folder, shown),
        ErrorKind::NotADirectory => lang.output_dir_not_dir(&folder, shown),
        ErrorKind::PermissionDenied => unwritable(lang.io_permission_denied()),
        ErrorKind::ReadOnlyFilesystem => unwritable(lang.io_read_only()),
        ErrorKind::StorageFull | ErrorKind::QuotaExceeded => unwritable(lang.io_disk_full()),
        // The operating system's own words, without the temporary file's path that
        // `tempfile` adds to its errors.
        _ => {
            let reason = match e.raw_os_error() {
                Some(code) => std::io::Error::from_raw_os_error(code).to_string(),
                None => e.kind().to_string(),
            };
            lang.io_write(shown, &reason)
        }
    }
}

/// Deletes in `dir` the temporary files of runs that were killed before renaming them: those
/// whose process no longer exists (on Linux), or that are a day old (elsewhere, where a
/// process cannot be looked up without the C library). A running baocao's file is never
/// touched. Best effort: a file that cannot be deleted is left.
fn remove_stale_temps(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(pid) = name.to_str().and_then(temp_pid) else {
            continue;
        };
        if pid != std::process::id() && !process_alive(pid, &entry) {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// The process id in a temporary file's name `.baocao-<pid>-<random>.tmp`.
fn temp_pid(name: &str) -> Option<u32> {
    let rest = name.strip_prefix(TEMP_PREFIX)?.strip_suffix(TEMP_SUFFIX)?;
    let (pid, random) = rest.split_once('-')?;
    if random.is_empty() {
        return None;
    }
    pid.parse().ok()
}

#[cfg(target_os = "linux")]
fn process_alive(pid: u32, _entry: &std::fs::DirEntry) -> bool {
    Path::new("/proc").join(pid.to_string()).exists()
}

#[cfg(not(target_os = "linux"))]
fn process_alive(_pid: u32, entry: &std::fs::DirEntry) -> bool {
    let age = entry
        .metadata()
        .and_then(|m| m.modified())
        .ok()
        .and_then(|t| t.elapsed().ok());
    age.is_none_or(|a| a < std::time::Duration::from_secs(24 * 60 * 60))
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

    /// `label_key` of `ingest::table`, restated.
    fn key(s: &str) -> String {
        fold(s).trim_end_matches([':', '：']).trim_end().to_string()
    }

    #[test]
    fn the_fast_nfc_ranges_are_nfc_starters() {
        use unicode_normalization::char::canonical_combining_class;
        use unicode_normalization::{IsNormalized, is_nfc_quick};
        let ranges = ['\u{0}'..='\u{2FF}', '\u{1E00}'..='\u{1EFF}'];
        for c in ranges.into_iter().flatten() {
            assert_eq!(is_nfc_quick(std::iter::once(c)), IsNormalized::Yes, "{c:?}");
            assert_eq!(canonical_combining_class(c), 0, "{c:?}");
        }
        assert!(is_nfc("Sở Thông tin và Truyền thông tỉnh Đắk Lắk"));
        assert!(!is_nfc("Ma\u{303}"));
        assert!(!is_nfc("A\u{301}"));
        // Nothing composes Ạ with an acute: NFC, though past the fast ranges.
        assert!(is_nfc("\u{1EA0}\u{301}"));
        assert!(is_nfc("漢字"));
        // Both ends of the byte ranges, and characters just past them.
        for c in [
            '\u{7F}', '\u{80}', '\u{2FF}', '\u{1E00}', '\u{1EFF}', '\u{1F00}',
        ] {
            let t = format!("a{c}b");
            assert_eq!(is_nfc(&t), unicode_normalization::is_nfc(&t), "{c:?}");
        }
        assert!(!is_nfc("\u{1EFF}\u{300}\u{316}"));
    }

    proptest::proptest! {
        /// The fast path never disagrees with the Unicode tables, on any text and on
        /// Vietnamese-like text with combining marks mixed in.
        #[test]
        fn is_nfc_agrees_with_unicode_normalization(
            any in "\\PC{0,40}",
            viet in "[a-zA-Zà-ỹĐđ \u{300}-\u{323}\u{1E00}-\u{1EFF}]{0,40}",
        ) {
            proptest::prop_assert_eq!(is_nfc(&any), unicode_normalization::is_nfc(&any));
            proptest::prop_assert_eq!(is_nfc(&viet), unicode_normalization::is_nfc(&viet));
        }
    }

    #[test]
    fn label_matching_by_character() {
        let k = key("Mã cơ quan");
        for yes in [
            "Mã cơ quan",
            " MÃ  CƠ QUAN :",
            "mã cơ quan：",
            "Ma\u{303} cơ quan::",
        ] {
            assert!(label_matches(yes, &k), "{yes}");
        }
        for no in ["Mã cơ quan: x", "Mã cơ", "Mã cơ quan: :", "Mã cơ quanh", ""] {
            assert!(!label_matches(no, &k), "{no}");
        }
    }

    proptest::proptest! {
        #[test]
        fn fold_chars_is_fold(s in "[ a-zA-ZàÀảẢãÃáÁạẠăĂđĐİẞ\u{0300}\u{0301}\u{0303}:：\t]{0,16}") {
            proptest::prop_assert_eq!(fold_chars(&s).collect::<String>(), fold(&s));
        }

        #[test]
        fn label_matches_is_key_equality(
            label in "[a-zA-ZàÀãÃđĐ\u{0303}][ a-zA-ZàÀãÃđĐ\u{0303}:]{0,8}",
            before in "[ \t]{0,2}",
            after in "[ :：\t]{0,3}",
            other in "[ a-zA-ZàÀãÃđĐ\u{0303}:：\t]{0,12}",
        ) {
            let k = key(&label);
            let near = format!("{before}{label}{after}");
            proptest::prop_assert_eq!(label_matches(&near, &k), key(&near) == k);
            proptest::prop_assert_eq!(label_matches(&other, &k), key(&other) == k);
        }
    }

    #[test]
    fn temp_names() {
        assert_eq!(temp_pid(".baocao-4242-Ab12Cd.tmp"), Some(4242));
        assert_eq!(temp_pid(".baocao-Ab12Cd.tmp"), None);
        assert_eq!(temp_pid(".baocao-4242-.tmp"), None);
        assert_eq!(temp_pid("baocao-4242-x.tmp"), None);
        assert_eq!(temp_pid(".baocao-4242-x.xlsx"), None);
    }

    #[test]
    fn atomic_writes_replace_whole_files_and_clean_up() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("tong-hop.xlsx");
        // A temporary file left by a killed run (no process has pid u32::MAX - 1), and one
        // of a run still going (pid 1 always exists), which must be left alone.
        let dead = dir.path().join(format!(".baocao-{}-x1.tmp", u32::MAX - 1));
        let live = dir.path().join(".baocao-1-x2.tmp");
        std::fs::write(&dead, b"partial").unwrap();
        std::fs::write(&live, b"partial").unwrap();
        write_atomic(&out, b"one", false, Lang::Vi).unwrap();
        assert!(!dead.exists());
        assert!(live.exists());
        std::fs::remove_file(&live).unwrap();
        assert_eq!(std::fs::read(&out).unwrap(), b"one");
        let again = write_atomic(&out, b"two", false, Lang::Vi).unwrap_err();
        assert!(again.to_string().contains("--force"), "{again}");
        write_atomic(&out, b"two", true, Lang::Vi).unwrap();
        assert_eq!(std::fs::read(&out).unwrap(), b"two");
        let left: Vec<_> = std::fs::read_dir(dir.path()).unwrap().flatten().collect();
        assert_eq!(left.len(), 1, "{left:?}");
    }

    #[test]
    fn write_errors_name_the_path_and_the_reason() {
        let dir = tempfile::tempdir().unwrap();
        let missing = dir.path().join("khong-co").join("tong-hop.xlsx");
        let e = write_atomic(&missing, b"x", false, Lang::Vi)
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("tong-hop.xlsx") && e.contains("không tồn tại"),
            "{e}"
        );
        assert!(!e.contains(".baocao-"), "{e}");
        let file = dir.path().join("tep");
        std::fs::write(&file, b"").unwrap();
        let e = write_atomic(&file.join("x.xlsx"), b"x", false, Lang::Vi)
            .unwrap_err()
            .to_string();
        assert!(e.contains("không phải thư mục"), "{e}");
    }

    #[test]
    fn windows_in_use_codes_say_close_it_in_excel() {
        // ERROR_ACCESS_DENIED, ERROR_SHARING_VIOLATION, ERROR_LOCK_VIOLATION; not
        // ERROR_FILE_NOT_FOUND (2), ERROR_PATH_NOT_FOUND (3), ERROR_DISK_FULL (112).
        for code in [5, 32, 33] {
            assert!(in_use_code(code), "{code}");
        }
        for code in [0, 2, 3, 112] {
            assert!(!in_use_code(code), "{code}");
        }
        // On Linux os error 32 is EPIPE: never taken for a file open in Excel.
        let e = std::io::Error::from_raw_os_error(32);
        assert_eq!(held_open(&e), cfg!(windows));
        let m = Lang::Vi.output_held_open("D:\\Báo cáo\\tong-hop.xlsx");
        assert!(
            m.contains("đóng tệp `D:\\Báo cáo\\tong-hop.xlsx` trong Excel rồi chạy lại"),
            "{m}"
        );
        assert!(m.contains("giữ nguyên"), "{m}");
        let m = Lang::En.output_held_open("tong-hop.xlsx");
        assert!(
            m.contains("Close `tong-hop.xlsx` in Excel and run again"),
            "{m}"
        );
    }

    #[test]
    fn a_failed_rename_keeps_the_previous_file_and_leaves_no_temporary() {
        // What Linux can do of a file Windows will not let us replace: a folder in its place
        // (the rename fails after the new content was written in full).
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("tong-hop.xlsx");
        std::fs::create_dir(&out).unwrap();
        std::fs::write(out.join("giu-nguyen.txt"), b"old").unwrap();
        let e = write_atomic(&out, b"new", true, Lang::Vi)
            .unwrap_err()
            .to_string();
        assert!(e.contains("tong-hop.xlsx"), "{e}");
        assert!(!e.contains(".baocao-"), "{e}");
        assert_eq!(std::fs::read(out.join("giu-nguyen.txt")).unwrap(), b"old");
        let left: Vec<_> = std::fs::read_dir(dir.path()).unwrap().flatten().collect();
        assert_eq!(left.len(), 1, "{left:?}");
        // An output that is not held open passes the early check.
        let file = dir.path().join("cu.xlsx");
        std::fs::write(&file, b"old").unwrap();
        check_not_held_open(&file, Lang::Vi).unwrap();
        assert_eq!(std::fs::read(&file).unwrap(), b"old");
    }

    #[test]
    fn date_args() {
        let d = NaiveDate::from_ymd_opt(2025, 12, 20);
        assert_eq!(parse_date_arg("2025-12-20", Lang::Vi).ok(), d);
        assert_eq!(parse_date_arg("20/12/2025", Lang::Vi).ok(), d);
        assert!(parse_date_arg("2025-13-01", Lang::Vi).is_err());
        let msg = |s: &str| match parse_date_arg(s, Lang::Vi) {
            Err(Error::Message(m)) => m,
            other => panic!("{s}: {other:?}"),
        };
        assert_eq!(
            msg("2026-02-30"),
            "ngày `2026-02-30` không có thật: tháng 2/2026 chỉ có 28 ngày"
        );
        assert_eq!(
            msg("29/02/2023"),
            "ngày `29/02/2023` không có thật: tháng 2/2023 chỉ có 28 ngày"
        );
        assert_eq!(
            msg("2025-13-01"),
            "ngày `2025-13-01` không có thật: không có tháng 13"
        );
        assert_eq!(
            msg("20.12.2025"),
            "ngày `20.12.2025` không hợp lệ; dùng dạng YYYY-MM-DD hoặc dd/mm/yyyy"
        );
        assert_eq!(impossible_date("2024-02-29", Lang::Vi), None);
        assert_eq!(impossible_date("12-2025-01", Lang::Vi), None);
        assert_eq!(impossible_date("1/2/25", Lang::Vi), None);
    }
}
