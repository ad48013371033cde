//! Output files written atomically (a temporary file renamed over the target), and the
//! checks made before any work: held open in Excel, folder writable.

use std::io::Write;
use std::path::Path;

use crate::error::{Error, Result};
use crate::i18n::Lang;

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
}
