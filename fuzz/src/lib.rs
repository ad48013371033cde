//! What the fuzz targets share: the entry point they exercise, and a panic hook that tells
//! baocao's own panics (bugs: the process aborts, libFuzzer saves the input as a crash) from
//! panics inside third-party readers (calamine, zip, quick-xml), which `ingest::open_bytes`
//! isolates with `catch_unwind` and reports as finding F009. Those are logged once per source
//! location, their input saved under `artifacts/<target>/isolated-*`, and fuzzing goes on.

use std::cell::RefCell;
use std::collections::HashSet;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::io::{Cursor, Write};
use std::panic::PanicHookInfo;
use std::path::PathBuf;
use std::sync::{Mutex, Once, OnceLock};

use baocao::check::{self, Options};
use baocao::i18n::Lang;
use baocao::ingest::{self, Limits};
use baocao::plan::{Plan, PlanSource};

/// The name findings carry.
pub const SHOWN: &str = "fuzz.xlsx";

thread_local! {
    static CURRENT: RefCell<Vec<u8>> = const { RefCell::new(Vec::new()) };
}

static HOOK: Once = Once::new();
static SEEN: Mutex<Option<HashSet<String>>> = Mutex::new(None);

fn plan() -> &'static Plan {
    static PLAN: OnceLock<Plan> = OnceLock::new();
    PLAN.get_or_init(|| {
        baocao::plan::load_or_fail(&PlanSource::embedded(), Lang::Vi).expect("embedded plan")
    })
}

/// True when a panic comes from a dependency's source (a crate downloaded from a registry).
fn third_party(info: &PanicHookInfo<'_>) -> bool {
    info.location()
        .is_some_and(|l| l.file().contains("/.cargo/registry/") || l.file().contains("/vendor/"))
}

fn install_hook(target: &'static str) {
    HOOK.call_once(|| {
        // libFuzzer's hook: print, then abort so the input is saved as a crash.
        let fatal = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if !third_party(info) {
                return fatal(info);
            }
            let place = info
                .location()
                .map(|l| format!("{}:{}", l.file(), l.line()))
                .unwrap_or_default();
            let mut seen = SEEN.lock().unwrap_or_else(|e| e.into_inner());
            if seen.get_or_insert_with(HashSet::new).insert(place.clone()) {
                let mut h = DefaultHasher::new();
                place.hash(&mut h);
                let dir = artifact_dir(target);
                let path = dir.join(format!("isolated-{:016x}", h.finish()));
                let _ = std::fs::create_dir_all(&dir);
                CURRENT.with(|c| {
                    let _ = std::fs::write(&path, &*c.borrow());
                });
                eprintln!(
                    "ISOLATED third-party panic at {place}: {} (input saved to {})",
                    payload(info),
                    path.display()
                );
            }
        }));
    });
}

/// Where libFuzzer saves crashes (`-artifact_prefix=`, set by cargo-fuzz), else
/// `artifacts/<target>`.
fn artifact_dir(target: &str) -> PathBuf {
    std::env::args()
        .find_map(|a| a.strip_prefix("-artifact_prefix=").map(PathBuf::from))
        .unwrap_or_else(|| PathBuf::from("artifacts").join(target))
}

fn payload(info: &PanicHookInfo<'_>) -> String {
    let p = info.payload();
    p.downcast_ref::<&str>()
        .map(|s| (*s).to_string())
        .or_else(|| p.downcast_ref::<String>().cloned())
        .unwrap_or_default()
}

/// Reads `data` as a submission and, when it opens, checks it against the embedded plan.
/// Panics (and so fails the fuzz run) when a result is not well formed.
pub fn exercise(target: &'static str, data: &[u8]) {
    install_hook(target);
    let plan = plan();
    CURRENT.with(|c| {
        let mut c = c.borrow_mut();
        c.clear();
        c.extend_from_slice(data);
    });
    // The checks' scope may leave the instructions sheet unread, so it may open a file whose
    // instructions sheet is broken; it must open every file the full read opens.
    let scoped = ingest::open_bytes_scoped(
        data,
        SHOWN,
        Lang::Vi,
        &Limits::default(),
        ingest::Scope::Checks,
    );
    let full = ingest::open_bytes(data, SHOWN, Lang::Vi, &Limits::default());
    assert!(
        scoped.is_ok() || full.is_err(),
        "the full read opens the file, the checks' read does not"
    );
    match scoped {
        Ok(wb) => {
            let opts = Options {
                plan,
                lang: Lang::Vi,
                as_of: chrono::NaiveDate::from_ymd_opt(2025, 12, 20).expect("date"),
                period: None,
                agency: None,
            };
            let sub = check::check_workbook(&wb, SHOWN, &opts);
            for f in &sub.findings {
                assert_eq!(f.file, SHOWN);
                assert!(!f.message.is_empty(), "{f:?}");
            }
        }
        Err(f) => {
            assert_eq!(f.file, SHOWN);
            assert!(!f.message.is_empty() && !f.help.is_empty(), "{f:?}");
            assert!(f.code.as_str().starts_with('F'), "{f:?}");
        }
    }
}

/// Separates parts in the `xlsx_parts` input format: `name NUL content` parts joined by it.
pub const PART_SEPARATOR: &[u8] = b"\n\x00--part--\x00\n";

/// Builds a stored (uncompressed) zip from parts, so the fuzzer mutates XML directly with
/// valid checksums instead of breaking deflate streams.
pub fn parts_to_zip(data: &[u8]) -> Vec<u8> {
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    let mut names = HashSet::new();
    for part in split(data, PART_SEPARATOR) {
        let (name, content) = match part.iter().position(|&b| b == 0) {
            Some(at) => (&part[..at], &part[at + 1..]),
            None => (part, &[][..]),
        };
        let name = String::from_utf8_lossy(name).into_owned();
        if name.is_empty() || !names.insert(name.clone()) {
            continue;
        }
        if out.start_file(name, options).is_err() {
            continue;
        }
        let _ = out.write_all(content);
    }
    out.finish().map(Cursor::into_inner).unwrap_or_default()
}

/// The inverse of [`parts_to_zip`], for seeding: a zip's parts in the `xlsx_parts` format.
pub fn zip_to_parts(bytes: &[u8]) -> Option<Vec<u8>> {
    use std::io::Read;
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).ok()?;
    let mut out = Vec::new();
    for i in 0..zip.len() {
        let mut part = zip.by_index(i).ok()?;
        if !out.is_empty() {
            out.extend_from_slice(PART_SEPARATOR);
        }
        out.extend_from_slice(part.name_raw());
        out.push(0);
        part.read_to_end(&mut out).ok()?;
    }
    Some(out)
}

fn split<'a>(data: &'a [u8], sep: &'a [u8]) -> impl Iterator<Item = &'a [u8]> + 'a {
    let mut rest = Some(data);
    std::iter::from_fn(move || {
        let r = rest?;
        match r.windows(sep.len()).position(|w| w == sep) {
            Some(at) => {
                rest = Some(&r[at + sep.len()..]);
                Some(&r[..at])
            }
            None => {
                rest = None;
                Some(r)
            }
        }
    })
}
