//! Hostile, broken and odd inputs through the real binary, and the promise that nothing is
//! lost (docs/robustness.md).
//!
//! Every run here is bounded: it must end within [`HANG`] (the test kills it and fails
//! otherwise) and within [`MEMORY_KIB`] of address space (a limit that does not hold makes
//! the allocation fail, which aborts the process, which fails the test). Nothing measures
//! speed. Each adversarial file must give exit 0 or 1, never a crash, with a finding that
//! names the file.

#![cfg(unix)]

use std::ffi::OsStr;
use std::io::{Cursor, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

use sha2::{Digest, Sha256};
use zip::write::SimpleFileOptions;

use crate::common::{Run, Workdir};

/// Longest a run may take before it counts as a hang.
const HANG: Duration = Duration::from_secs(20);

/// Address space allowed to each run (2 GiB, `ulimit -v`): far above what a report needs,
/// far below what an unbounded reader of these files would take.
const MEMORY_KIB: u64 = 2 * 1024 * 1024;

/// `baocao ARGS` in `w`, as `Workdir::run` sets it up, under the memory cap.
fn command<S: AsRef<OsStr>>(w: &Workdir, args: &[S]) -> Command {
    let bin = assert_cmd::cargo::cargo_bin("baocao");
    let mut cmd = Command::new("sh");
    cmd.arg("-c")
        .arg(format!("ulimit -v {MEMORY_KIB} && exec \"$0\" \"$@\""))
        .arg(bin)
        .args(args)
        .current_dir(w.path())
        .env_remove("BAOCAO_PLAN")
        .env_remove("BAOCAO_LANG")
        .env("NO_COLOR", "1")
        .stdin(Stdio::null());
    cmd
}

fn shown_args<S: AsRef<OsStr>>(args: &[S]) -> String {
    let parts: Vec<String> = args
        .iter()
        .map(|a| a.as_ref().to_string_lossy().into_owned())
        .collect();
    format!("baocao {}", parts.join(" "))
}

/// Runs `baocao ARGS` to the end, or kills it and fails the test after [`HANG`]. Output goes
/// to files outside `w` so that a full pipe can never stall the child.
fn bounded<S: AsRef<OsStr>>(w: &Workdir, args: &[S]) -> Run {
    let logs = tempfile::tempdir().expect("temp dir");
    let (out_path, err_path) = (logs.path().join("out"), logs.path().join("err"));
    let mut cmd = command(w, args);
    cmd.stdout(std::fs::File::create(&out_path).expect("stdout file"))
        .stderr(std::fs::File::create(&err_path).expect("stderr file"));
    let shown = shown_args(args);
    let mut child = cmd.spawn().expect("spawn baocao");
    let start = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait") {
            break status;
        }
        if start.elapsed() > HANG {
            let _ = child.kill();
            let _ = child.wait();
            panic!(
                "`{shown}` still running after {HANG:?}: killed\n--- stderr\n{}",
                String::from_utf8_lossy(&std::fs::read(&err_path).unwrap_or_default())
            );
        }
        std::thread::sleep(Duration::from_millis(10));
    };
    Run {
        cmd: shown,
        out: Output {
            status,
            stdout: std::fs::read(&out_path).unwrap_or_default(),
            stderr: std::fs::read(&err_path).unwrap_or_default(),
        },
    }
}

/// Asserts a run ended by itself with 0 or 1, and that its output names `file`.
fn assert_handled(run: &Run, file: &str) {
    use std::os::unix::process::ExitStatusExt;
    let status = run.out.status;
    assert!(
        matches!(status.code(), Some(0 | 1)),
        "`{}` ended with {status} (signal {:?}); expected exit 0 or 1\n--- stdout\n{}\n--- stderr\n{}",
        run.cmd,
        status.signal(),
        run.stdout(),
        run.stderr()
    );
    let all = format!("{}{}", run.stdout(), run.stderr());
    assert!(
        all.contains(file),
        "`{}`: output does not name `{file}`\n{all}",
        run.cmd
    );
}

/// `validate FILE --format json`, bounded; returns the finding codes of the one file.
fn validate_codes(w: &Workdir, file: &str) -> (Run, Vec<String>) {
    let run = bounded(w, &["validate", file, "--format", "json"]);
    assert_handled(&run, file);
    let json = run.json();
    let f = &json["files"][0];
    assert_eq!(f["file"], file, "`{}`: {json}", run.cmd);
    let codes = f["findings"]
        .as_array()
        .map(|a| {
            a.iter()
                .map(|x| x["code"].as_str().unwrap_or_default().to_string())
                .collect()
        })
        .unwrap_or_default();
    (run, codes)
}

/// Asserts `validate FILE` gives exit 1 and the finding `code` for it.
fn expect_finding(w: &Workdir, file: &str, code: &str) {
    let (run, codes) = validate_codes(w, file);
    assert_eq!(run.code(), 1, "`{}`: {}", run.cmd, run.stdout());
    assert!(
        codes.iter().any(|c| c == code),
        "`{}`: expected {code}, got {codes:?}\n{}",
        run.cmd,
        run.stdout()
    );
}

fn zip_of(parts: &[(&str, &[u8])]) -> Vec<u8> {
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for (name, data) in parts {
        out.start_file(*name, SimpleFileOptions::default()).unwrap();
        out.write_all(data).unwrap();
    }
    out.finish().unwrap().into_inner()
}

/// Rewrites the parts of a zip archive.
fn rezip(bytes: &[u8], edit: impl Fn(&str, Vec<u8>) -> Vec<u8>) -> Vec<u8> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for i in 0..zip.len() {
        let mut part = zip.by_index(i).unwrap();
        let name = part.name().unwrap().to_string();
        let mut data = Vec::new();
        part.read_to_end(&mut data).unwrap();
        out.start_file(name.as_str(), SimpleFileOptions::default())
            .unwrap();
        out.write_all(&edit(&name, data)).unwrap();
    }
    out.finish().unwrap().into_inner()
}

fn xlsx(build: impl FnOnce(&mut rust_xlsxwriter::Workbook)) -> Vec<u8> {
    let mut book = rust_xlsxwriter::Workbook::new();
    build(&mut book);
    book.save_to_buffer().unwrap()
}

/// The 2025 template of `agency`, from the real binary.
fn template(w: &Workdir, agency: &str) -> Vec<u8> {
    let dir = format!("mau-{agency}");
    w.run(&[
        "template", "--period", "2025", "--agency", agency, "--out", &dir, "--force",
    ])
    .expect_code(0);
    w.read(&format!("{dir}/{agency}-2025.xlsx"))
}

// ---- hostile and broken files ------------------------------------------------------------

#[test]
fn zip_bombs_are_refused_from_their_declared_sizes() {
    let w = Workdir::new();
    // 300 MB of zeros in one part: about 300 KB on disk, over the 256 MiB part limit.
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
    out.start_file("[Content_Types].xml", SimpleFileOptions::default())
        .unwrap();
    out.write_all(b"<Types/>").unwrap();
    out.start_file("xl/workbook.xml", SimpleFileOptions::default())
        .unwrap();
    out.write_all(b"<workbook/>").unwrap();
    out.start_file("xl/worksheets/sheet1.xml", SimpleFileOptions::default())
        .unwrap();
    let zeros = vec![0u8; 1 << 20];
    for _ in 0..300 {
        out.write_all(&zeros).unwrap();
    }
    let bomb = out.finish().unwrap().into_inner();
    assert!(bomb.len() < 2 << 20);
    w.write("bom-zip.xlsx", &bomb);
    expect_finding(&w, "bom-zip.xlsx", "F008");

    // Small enough, but compressed 1000:1.
    let ratio = zip_of(&[
        ("xl/workbook.xml", b"<workbook/>"),
        ("xl/sharedStrings.xml", &vec![b'a'; 8 << 20]),
    ]);
    w.write("ty-le-nen.xlsx", &ratio);
    expect_finding(&w, "ty-le-nen.xlsx", "F008");
}

#[test]
fn a_cell_at_xfd1048576_is_ignored_not_allocated() {
    let w = Workdir::new();
    let far = xlsx(|book| {
        let ws = book.add_worksheet();
        ws.write(0, 0, "STT").unwrap();
        ws.write(1_048_575, 16_383, "xa").unwrap();
    });
    w.write("o-xa.xlsx", far);
    let (run, _) = validate_codes(&w, "o-xa.xlsx");
    assert_eq!(run.code(), 1, "not a report, so it has errors");

    // The same stray cell in a report: still read and checked, and the cell left out is named
    // (F013, a warning), so data typed far away is not lost without a word.
    let report = rezip(&template(&w, "STTTT"), |name, data| {
        if name != "xl/worksheets/sheet1.xml" {
            return data;
        }
        let xml = String::from_utf8(data).unwrap();
        xml.replace(
            "</sheetData>",
            "<row r=\"1048576\"><c r=\"XFD1048576\" t=\"inlineStr\"><is><t>xa</t></is></c></row></sheetData>",
        )
        .into_bytes()
    });
    w.write("STTTT-o-xa.xlsx", report);
    let (run, codes) = validate_codes(&w, "STTTT-o-xa.xlsx");
    let file_codes: Vec<&str> = codes
        .iter()
        .map(String::as_str)
        .filter(|c| c.starts_with('F'))
        .collect();
    assert_eq!(file_codes, ["F013"], "{}", run.stdout());
    let f013 = run.json()["files"][0]["findings"]
        .as_array()
        .and_then(|a| a.iter().find(|x| x["code"] == "F013").cloned())
        .expect("F013");
    assert_eq!(f013["severity"], "warning", "{f013}");
    assert_eq!(f013["cell"], "XFD1048576", "{f013}");
    assert!(
        f013["message"]
            .as_str()
            .is_some_and(|m| m.contains("A1:IV100000") && m.contains("1 ô")),
        "{f013}"
    );

    // An ODS sheet whose repeats span 1,048,576 × 16,384 cells.
    let content = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\
        <office:document-content xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" \
         xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\" \
         xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\">\
        <office:body><office:spreadsheet><table:table table:name=\"S\">\
        <table:table-row table:number-rows-repeated=\"1048576\">\
        <table:table-cell table:number-columns-repeated=\"16384\" office:value-type=\"float\" office:value=\"1\"/>\
        </table:table-row></table:table></office:spreadsheet></office:body></office:document-content>";
    let ods = ods_of(content.as_bytes());
    w.write("lap-lai.ods", ods);
    expect_finding(&w, "lap-lai.ods", "F008");
}

/// A million rows, written the way Excel streams them (rust_xlsxwriter's constant-memory
/// mode): read within the row limit (the rows past it named by F013), or refused with F008,
/// never gigabytes.
#[test]
fn a_million_row_sheet_stays_within_limits() {
    let w = Workdir::new();
    let path = w.join("trieu-dong.xlsx");
    let mut book = rust_xlsxwriter::Workbook::new();
    let ws = book.add_worksheet_with_constant_memory().unwrap();
    ws.write(0, 0, "STT").unwrap();
    for row in 1..1_000_000u32 {
        ws.write(row, 0, row).unwrap();
    }
    book.save(&path).unwrap();
    let (run, codes) = validate_codes(&w, "trieu-dong.xlsx");
    assert_eq!(run.code(), 1, "not a report, so it has errors");
    let refused = codes.iter().any(|c| c == "F008");
    let file_codes: Vec<&str> = codes
        .iter()
        .map(String::as_str)
        .filter(|c| c.starts_with('F'))
        .collect();
    let read = file_codes == ["F013"] && run.stdout().contains("900.000 ô");
    assert!(refused || read, "{codes:?}\n{}", run.stdout());
}

/// "Billion laughs": entities that would expand to gigabytes if a reader expanded them, and
/// elements nested a million deep.
#[test]
fn entity_bombs_and_deep_nesting_in_xml() {
    let w = Workdir::new();
    let base = xlsx(|book| {
        let ws = book.add_worksheet();
        ws.write(0, 0, "STT").unwrap();
        ws.write(1, 0, "Mã nhiệm vụ").unwrap();
    });
    let mut laughs =
        String::from("<?xml version=\"1.0\"?>\n<!DOCTYPE sst [\n<!ENTITY l0 \"ha\">\n");
    for i in 1..=10 {
        let prev = format!("&l{};", i - 1).repeat(10);
        laughs.push_str(&format!("<!ENTITY l{i} \"{prev}\">\n"));
    }
    laughs.push_str(
        "]>\n<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" \
         count=\"2\" uniqueCount=\"2\"><si><t>&l10;</t></si><si><t>&l10;&l10;</t></si></sst>",
    );
    let bomb = rezip(&base, |name, data| {
        if name == "xl/sharedStrings.xml" {
            laughs.clone().into_bytes()
        } else {
            data
        }
    });
    w.write("tieng-cuoi.xlsx", bomb);
    let (run, _) = validate_codes(&w, "tieng-cuoi.xlsx");
    assert_eq!(run.code(), 1, "{}", run.stdout());

    let depth = 1_000_000;
    let deep_sheet = format!(
        "<?xml version=\"1.0\"?><worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">\
         <sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is>{}<t>x</t>{}</is></c></row></sheetData></worksheet>",
        "<r>".repeat(depth),
        "</r>".repeat(depth)
    );
    let deep = rezip(&base, |name, data| {
        if name == "xl/worksheets/sheet1.xml" {
            deep_sheet.clone().into_bytes()
        } else {
            data
        }
    });
    w.write("long-sau.xlsx", deep);
    let (run, _) = validate_codes(&w, "long-sau.xlsx");
    assert_eq!(run.code(), 1, "{}", run.stdout());

    let deep_content = format!(
        "<?xml version=\"1.0\"?><office:document-content \
         xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" \
         xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\" \
         xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\">\
         <office:body><office:spreadsheet><table:table table:name=\"S\"><table:table-row>\
         <table:table-cell office:value-type=\"string\"><text:p>{}x{}</text:p></table:table-cell>\
         </table:table-row></table:table></office:spreadsheet></office:body></office:document-content>",
        "<text:span>".repeat(depth),
        "</text:span>".repeat(depth)
    );
    let ods = ods_of(deep_content.as_bytes());
    w.write("long-sau.ods", ods);
    expect_finding(&w, "long-sau.ods", "F008");
}

/// The file the fuzzer found: an ODS whose `content.xml` never closes a sheet, which
/// calamine 0.38 reads for ever.
#[test]
fn fuzzer_found_ods_hang_is_a_damaged_file() {
    let w = Workdir::new();
    let fixture =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/robustness/ods-unclosed-table.ods");
    w.write("ods-unclosed-table.ods", std::fs::read(fixture).unwrap());
    expect_finding(&w, "ods-unclosed-table.ods", "F006");
}

/// A damaged `.xls` on which calamine itself panics (found by fuzzing): the panic is caught
/// and reported as `F009`, and the terminal shows the finding only, not Rust's panic message,
/// in `validate` and in `consolidate` (whose reading threads catch it the same way).
#[test]
fn a_reader_panic_is_a_finding_without_a_panic_message() {
    let w = Workdir::new();
    let fixture =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/robustness/xls-reader-panic.xls");
    std::fs::create_dir(w.join("nop")).unwrap();
    w.write("nop/hong.xls", std::fs::read(fixture).unwrap());
    let (run, codes) = validate_codes(&w, "nop/hong.xls");
    assert_eq!(run.code(), 1);
    assert_eq!(codes, ["F009"], "{}", run.stdout());
    let plain = w.run_env(&["validate", "nop/hong.xls"], &[("RUST_BACKTRACE", "1")]);
    assert_eq!(plain.code(), 1);
    assert!(plain.stdout().contains("F009"), "{}", plain.stdout());
    // The reader's own (English) words are labelled as a technical detail.
    assert!(
        plain.stdout().contains("(chi tiết kỹ thuật từ bộ đọc: "),
        "{}",
        plain.stdout()
    );
    assert!(!plain.stderr().contains("panicked"), "{}", plain.stderr());

    w.write("nop/SCT-2025.xlsx", template(&w, "SCT"));
    let run = w.run_env(
        &[
            "consolidate",
            "nop",
            "--period",
            "2025",
            "--out",
            "th.xlsx",
            "--json",
            "th.json",
        ],
        &[("RUST_BACKTRACE", "1")],
    );
    assert!(run.code() <= 1, "{}", run.stderr());
    assert!(!run.stderr().contains("panicked"), "{}", run.stderr());
    let json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(w.join("th.json")).unwrap()).unwrap();
    let files = json["files"].as_array().expect("files");
    let hong = files
        .iter()
        .find(|f| f["path"] == "hong.xls")
        .expect("hong.xls listed");
    assert_eq!(hong["role"], "unreadable", "{hong}");
    assert_eq!(
        json["totals"]["files_used"], 1,
        "the good file is still used"
    );
}

#[test]
fn random_truncated_and_empty_files() {
    let w = Workdir::new();
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    let random: Vec<u8> = (0..65_536)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state >> 24) as u8
        })
        .collect();
    w.write("ngau-nhien.xlsx", &random);
    expect_finding(&w, "ngau-nhien.xlsx", "F007");

    let good = template(&w, "SCT");
    for (i, keep) in [
        good.len() / 10,
        good.len() / 2,
        good.len() - 30,
        good.len() - 1,
    ]
    .into_iter()
    .enumerate()
    {
        let name = format!("cat-cut-{i}.xlsx");
        w.write(&name, &good[..keep]);
        expect_finding(&w, &name, "F006");
    }

    w.write("rong.xlsx", b"");
    expect_finding(&w, "rong.xlsx", "F002");
    w.write("toan-so-0.xlsx", vec![0u8; 4096]);
    expect_finding(&w, "toan-so-0.xlsx", "F002");
}

#[test]
fn folders_fifos_and_unreadable_files_given_as_input() {
    let w = Workdir::new();
    std::fs::create_dir(w.join("thu-muc.xlsx")).unwrap();
    expect_finding(&w, "thu-muc.xlsx", "F001");

    // Opening a FIFO would block until someone writes to it.
    let fifo = Command::new("mkfifo").arg(w.join("ong.xlsx")).status();
    if fifo.is_ok_and(|s| s.success()) {
        expect_finding(&w, "ong.xlsx", "F001");
    } else {
        eprintln!("SKIPPED the FIFO case: mkfifo is not available");
    }

    let locked = w.write("khoa.xlsx", template(&w, "SCT"));
    set_mode(&locked, 0o000);
    if std::fs::File::open(&locked).is_ok() {
        // Root reads any file whatever its mode (CI runs as root): nothing to test here.
        eprintln!("SKIPPED the chmod 000 case: running with permission to read every file");
    } else {
        expect_finding(&w, "khoa.xlsx", "F001");
    }
    set_mode(&locked, 0o644);
}

fn set_mode(path: &Path, mode: u32) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).unwrap();
}

/// The names on the `Nguồn` sheet of a consolidated workbook.
fn sources(workbook: &Path) -> Vec<String> {
    use calamine::Reader;
    let mut wb = calamine::open_workbook_auto(workbook).unwrap();
    let range = wb.worksheet_range("Nguồn").unwrap();
    range
        .rows()
        .skip(1)
        .map(|r| r[0].to_string())
        .filter(|s| !s.is_empty())
        .collect()
}

#[test]
fn vietnamese_and_non_utf8_file_names() {
    use std::os::unix::ffi::OsStrExt;
    let w = Workdir::new();
    let report = template(&w, "STTTT");
    let viet = "Báo cáo Sở TT&TT.xlsx";
    w.write(&format!("nop/{viet}"), &report);
    let run = bounded(&w, &["validate", &format!("nop/{viet}")]);
    assert_handled(&run, viet);

    // A name that is not UTF-8 (byte 0xFF), as an old Windows zip tool may leave on Linux.
    let raw = OsStr::from_bytes(b"nop/bao-cao-\xFF.xlsx");
    std::fs::write(w.path().join(raw), template(&w, "SCT")).unwrap();
    let run = bounded(&w, &[OsStr::new("validate"), raw]);
    assert_handled(&run, "bao-cao-\u{FFFD}.xlsx");

    let run = bounded(
        &w,
        &[
            "consolidate",
            "nop",
            "--period",
            "2025",
            "--as-of",
            "2025-12-20",
            "--out",
            "tong-hop.xlsx",
        ],
    );
    run.expect_code(0);
    let listed = sources(&w.join("tong-hop.xlsx"));
    assert!(listed.iter().any(|s| s == viet), "{listed:?}");
    assert!(
        listed.iter().any(|s| s == "bao-cao-\u{FFFD}.xlsx"),
        "{listed:?}"
    );
}

#[test]
fn symlink_loops_in_a_submissions_folder() {
    use std::os::unix::fs::symlink;
    let w = Workdir::new();
    w.write("nop/STTTT-2025.xlsx", template(&w, "STTTT"));
    w.write("nop/con/SCT-2025.xlsx", template(&w, "SCT"));
    symlink(".", w.join("nop/vong")).unwrap();
    symlink("..", w.join("nop/con/len")).unwrap();
    symlink(w.join("nop"), w.join("nop/con/tuyet-doi")).unwrap();
    symlink("vong-b.xlsx", w.join("nop/vong-a.xlsx")).unwrap();
    symlink("vong-a.xlsx", w.join("nop/vong-b.xlsx")).unwrap();
    symlink("khong-co.xlsx", w.join("nop/gay.xlsx")).unwrap();
    w.write("kho/SYT-2025.xlsx", template(&w, "SYT"));
    symlink(w.join("kho/SYT-2025.xlsx"), w.join("nop/lien-ket-SYT.xlsx")).unwrap();
    let run = bounded(
        &w,
        &[
            "consolidate",
            "nop",
            "--period",
            "2025",
            "--as-of",
            "2025-12-20",
            "--out",
            "tong-hop.xlsx",
        ],
    );
    run.expect_code(0);
    let listed = sources(&w.join("tong-hop.xlsx"));
    // Links to files are read (the looping and dangling ones as unreadable, so they are
    // reported, not lost); links to folders are not followed.
    for name in [
        "STTTT-2025.xlsx",
        "con/SCT-2025.xlsx",
        "lien-ket-SYT.xlsx",
        "vong-a.xlsx",
        "vong-b.xlsx",
        "gay.xlsx",
    ] {
        assert_eq!(
            listed.iter().filter(|s| *s == name).count(),
            1,
            "{name} read once: {listed:?}"
        );
    }
    assert_eq!(listed.len(), 6, "followed a folder link: {listed:?}");
}

// ---- nothing lost ------------------------------------------------------------------------

/// Every file under `dir` (links not followed) with the SHA-256 of its bytes.
fn fingerprint(dir: &Path) -> Vec<(PathBuf, String)> {
    let mut out: Vec<(PathBuf, String)> = walkdir::WalkDir::new(dir)
        .follow_links(false)
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let bytes = std::fs::read(e.path()).unwrap();
            let hex: String = Sha256::digest(&bytes)
                .iter()
                .map(|b| format!("{b:02x}"))
                .collect();
            (e.path().to_path_buf(), hex)
        })
        .collect();
    out.sort();
    out
}

#[test]
fn inputs_are_byte_identical_after_validate_and_consolidate() {
    let w = Workdir::new();
    w.write("nop/STTTT-2025.xlsx", template(&w, "STTTT"));
    w.write("nop/Sở Công Thương.xlsx", template(&w, "SCT"));
    w.write("nop/cu/SCT-2025-ban-cu.xlsx", template(&w, "SCT"));
    w.write(
        "nop/cong-thong-tin.xls",
        "<html><body><table><tr><td>1</td></tr></table></body></html>",
    );
    w.write("nop/danh-sach.xlsx", "STT;Mã;Tình trạng\n1;A;B\n");
    w.write("nop/rong.xlsx", b"");
    w.write("nop/~$STTTT-2025.xlsx", b"lock");
    w.write("nop/.an.xlsx", b"hidden");
    w.write("nop/ghi-chu.txt", "không phải bảng tính");
    let good = template(&w, "SYT");
    w.write("nop/cat-cut.xlsx", &good[..good.len() / 2]);
    w.write(
        "nop/bom.xlsx",
        zip_of(&[("xl/workbook.xml", &vec![b'a'; 8 << 20])]),
    );
    let before = fingerprint(&w.join("nop"));
    assert_eq!(before.len(), 11);

    let files: Vec<String> = before
        .iter()
        .map(|(p, _)| p.strip_prefix(w.path()).unwrap().display().to_string())
        .collect();
    let mut args = vec!["validate".to_string()];
    args.extend(files.iter().cloned());
    assert_handled(&bounded(&w, &args), "STTTT-2025.xlsx");
    let run = bounded(
        &w,
        &[
            "validate",
            "nop/STTTT-2025.xlsx",
            "--annotate",
            "ra/STTTT-gop-y.xlsx",
        ],
    );
    // The output folder does not exist yet: it is created, and the input is untouched.
    assert_handled(&run, "STTTT-2025.xlsx");
    assert!(w.join("ra/STTTT-gop-y.xlsx").is_file());
    let run = bounded(
        &w,
        &[
            "consolidate",
            "nop",
            "--period",
            "2025",
            "--as-of",
            "2025-12-20",
            "--out",
            "ra/tong-hop.xlsx",
            "--json",
            "ra/tom-tat.json",
        ],
    );
    run.expect_code(0);
    assert_eq!(fingerprint(&w.join("nop")), before, "an input changed");
}

/// Kills `consolidate` (SIGKILL) at many points, mid-read and mid-write, and checks that the
/// output is always the previous complete file, and that nothing else is left but temporary
/// files no one would take for an output, which the next run deletes.
#[test]
fn sigkill_during_consolidate_never_leaves_a_partial_output() {
    let w = Workdir::new();
    w.run(&["template", "--period", "2025", "--out", "nop/1"])
        .expect_code(0);
    let templates: Vec<PathBuf> = std::fs::read_dir(w.join("nop/1"))
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .collect();
    for copy in 2..=6 {
        let dir = w.join(&format!("nop/{copy}"));
        std::fs::create_dir_all(&dir).unwrap();
        for t in &templates {
            std::fs::copy(t, dir.join(t.file_name().unwrap())).unwrap();
        }
    }
    assert!(templates.len() * 6 >= 300, "{} templates", templates.len());
    std::fs::create_dir(w.join("ra")).unwrap();
    let args = |out: &str| -> Vec<String> {
        [
            "consolidate",
            "nop",
            "--period",
            "2025",
            "--as-of",
            "2025-12-20",
            "--force",
            "--out",
            out,
        ]
        .map(String::from)
        .to_vec()
    };
    let start = Instant::now();
    bounded(&w, &args("ra/tong-hop.xlsx")).expect_code(0);
    let full = start.elapsed();
    let previous = w.read("ra/tong-hop.xlsx");

    let spawn = |out: &str| -> Child {
        command(&w, &args(out))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("spawn")
    };
    let temps = |dir: &Path| -> Vec<String> {
        std::fs::read_dir(dir)
            .unwrap()
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| n.starts_with(".baocao-"))
            .collect()
    };
    let check = |when: &str| {
        let now = w.read("ra/tong-hop.xlsx");
        assert!(
            now == previous,
            "killed {when}: the output is not the previous complete file ({} bytes, was {})",
            now.len(),
            previous.len()
        );
        for name in std::fs::read_dir(w.join("ra")).unwrap().flatten() {
            let name = name.file_name().to_string_lossy().into_owned();
            assert!(
                name == "tong-hop.xlsx" || (name.starts_with(".baocao-") && name.ends_with(".tmp")),
                "killed {when}: stray file `{name}`"
            );
        }
    };

    // At fixed fractions of a full run: while reading, building and writing.
    let mut killed_mid_write = 0;
    for tenth in [0u32, 1, 3, 5, 7, 8, 9, 10, 11] {
        let mut child = spawn("ra/tong-hop.xlsx");
        std::thread::sleep(full * tenth / 10);
        let _ = child.kill();
        let _ = child.wait();
        check(&format!("after {tenth}/10 of a run"));
    }
    // The moment a temporary file appears (the check that the folder is writable, or the
    // write), then the moment one holds data (the write itself, before the rename).
    let written = |dir: &Path| -> bool {
        std::fs::read_dir(dir).unwrap().flatten().any(|e| {
            e.file_name().to_string_lossy().starts_with(".baocao-")
                && e.metadata().is_ok_and(|m| m.len() > 0)
        })
    };
    for attempt in 0..8 {
        let wait_for_data = attempt % 2 == 1;
        let mut child = spawn("ra/tong-hop.xlsx");
        let deadline = Instant::now() + HANG;
        while child.try_wait().unwrap().is_none() && Instant::now() < deadline {
            let ra = w.join("ra");
            if (wait_for_data && written(&ra)) || (!wait_for_data && !temps(&ra).is_empty()) {
                break;
            }
            std::thread::sleep(Duration::from_micros(100));
        }
        let _ = child.kill();
        let _ = child.wait();
        if written(&w.join("ra")) {
            killed_mid_write += 1;
        }
        check(&format!("as a temporary file appeared (attempt {attempt})"));
    }
    eprintln!("{killed_mid_write} kill(s) left a temporary file holding data");
    assert!(killed_mid_write > 0, "no kill landed during a write");

    // No previous output: after a kill there is nothing, or the complete file.
    let mut child = spawn("ra/moi.xlsx");
    while temps(&w.join("ra")).is_empty() && child.try_wait().unwrap().is_none() {
        std::thread::sleep(Duration::from_micros(200));
    }
    let _ = child.kill();
    let _ = child.wait();
    if let Ok(bytes) = std::fs::read(w.join("ra/moi.xlsx")) {
        assert_eq!(bytes, previous, "a new output is either absent or complete");
    }

    // The next complete run leaves no temporary file behind, its own or a killed run's.
    bounded(&w, &args("ra/tong-hop.xlsx")).expect_code(0);
    assert_eq!(temps(&w.join("ra")), Vec::<String>::new());
    assert_eq!(w.read("ra/tong-hop.xlsx"), previous);
}

#[test]
fn unwritable_output_folder_is_exit_2_with_a_clear_message() {
    let w = Workdir::new();
    w.write("nop/STTTT-2025.xlsx", template(&w, "STTTT"));
    w.write("tep-thuong", b"");
    let consolidate = |out: &str| {
        bounded(
            &w,
            &[
                "consolidate",
                "nop",
                "--period",
                "2025",
                "--as-of",
                "2025-12-20",
                "--out",
                out,
            ],
        )
    };
    for (out, folder) in [
        ("tep-thuong/con/tong-hop.xlsx", "tep-thuong/con"),
        ("tep-thuong/tong-hop.xlsx", "tep-thuong"),
    ] {
        let run = consolidate(out);
        run.expect_code(2);
        run.stderr_has(&format!("`{folder}`"));
        run.stderr_has("không ghi được");
        assert!(!run.stderr().contains(".baocao-"), "{}", run.stderr());
    }

    std::fs::create_dir(w.join("chi-doc")).unwrap();
    set_mode(&w.join("chi-doc"), 0o555);
    if std::fs::File::create(w.join("chi-doc/thu")).is_ok() {
        eprintln!("SKIPPED the read-only folder case: running with permission to write anywhere");
    } else {
        let run = consolidate("chi-doc/tong-hop.xlsx");
        run.expect_code(2);
        run.stderr_has("không ghi được `chi-doc/tong-hop.xlsx`");
        run.stderr_has("`chi-doc`");
    }
    set_mode(&w.join("chi-doc"), 0o755);
}

// ---- text that looks like a formula --------------------------------------------------------

/// Every cell of every worksheet of an xlsx written by rust_xlsxwriter: (sheet part, cell
/// reference, text, whether it holds a formula).
fn cells(xlsx: &[u8]) -> Vec<(String, String, String, bool)> {
    let mut zip = zip::ZipArchive::new(Cursor::new(xlsx)).unwrap();
    let names: Vec<String> = (0..zip.len())
        .filter_map(|i| Some(zip.by_index(i).ok()?.name().ok()?.into_owned()))
        .filter(|n| n.starts_with("xl/worksheets/sheet"))
        .collect();
    let mut part = |name: &str| -> Option<String> {
        let mut f = zip.by_name(name).ok()?;
        let mut s = String::new();
        f.read_to_string(&mut s).unwrap();
        Some(s)
    };
    let shared: Vec<String> = part("xl/sharedStrings.xml")
        .map(|xml| between_all(&xml, "<si>", "</si>").map(text_of).collect())
        .unwrap_or_default();
    let mut out = Vec::new();
    for name in names {
        let xml = part(&name).unwrap();
        for cell in xml.split("<c ").skip(1) {
            let head = &cell[..cell.find('>').unwrap()];
            let body = if head.ends_with('/') {
                ""
            } else {
                &cell[head.len() + 1..cell.find("</c>").unwrap()]
            };
            let attr = |key: &str| {
                head.split_once(&format!("{key}=\""))
                    .and_then(|(_, rest)| rest.split_once('"'))
                    .map(|(v, _)| v.to_string())
                    .unwrap_or_default()
            };
            let formula = body.contains("<f>") || body.contains("<f ");
            let value = between_all(body, "<v>", "</v>").next().unwrap_or_default();
            let text = match attr("t").as_str() {
                "s" => shared[value.parse::<usize>().unwrap()].clone(),
                "inlineStr" => text_of(body),
                _ => unescape(value),
            };
            out.push((name.clone(), attr("r"), text, formula));
        }
    }
    out
}

/// The texts between each `open` and the next `close`.
fn between_all<'a>(s: &'a str, open: &'a str, close: &'a str) -> impl Iterator<Item = &'a str> {
    s.split(open)
        .skip(1)
        .filter_map(move |rest| rest.split_once(close).map(|(inside, _)| inside))
}

/// The concatenated `<t>` runs of a string item, unescaped.
fn text_of(si: &str) -> String {
    si.split("<t")
        .skip(1)
        .filter_map(|rest| {
            let rest = rest.strip_prefix('>').or_else(|| {
                rest.starts_with(' ')
                    .then(|| rest.split_once('>').map(|(_, r)| r))
                    .flatten()
            })?;
            rest.split_once("</t>").map(|(t, _)| unescape(t))
        })
        .collect()
}

fn unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&amp;", "&")
}

/// A hand-made 2025 report of STTTT (docs/report-format.md §11) whose free-text cells begin
/// with `=`, `+`, `-` and `@`, all typed as text.
fn formula_like_report(tasks: &[String]) -> Vec<u8> {
    xlsx(|book| {
        let ws = book.add_worksheet().set_name("Báo cáo").unwrap();
        for (r, (label, value)) in [
            ("Mã cơ quan", "STTTT"),
            ("Kỳ báo cáo", "2025"),
            ("Ngày báo cáo", "18/12/2025"),
            ("Người lập", "@Nguyễn Văn A"),
            ("Điện thoại", "+84 912 345 678"),
        ]
        .into_iter()
        .enumerate()
        {
            ws.write_string(r as u32, 0, label).unwrap();
            ws.write_string(r as u32, 1, value).unwrap();
        }
        for (c, h) in [
            "Mã nhiệm vụ",
            "Tình trạng",
            "Ngày hoàn thành",
            "Kết quả thực hiện",
            "Khó khăn, vướng mắc",
            "Ghi chú",
        ]
        .into_iter()
        .enumerate()
        {
            ws.write_string(6, c as u16, h).unwrap();
        }
        for (i, id) in tasks.iter().enumerate() {
            let r = 7 + i as u32;
            ws.write_string(r, 0, id).unwrap();
            ws.write_string(r, 1, "Đang thực hiện").unwrap();
            ws.write_string(r, 3, "=HYPERLINK(\"http://x.invalid\",\"bấm\")")
                .unwrap();
            ws.write_string(r, 4, "-2 hoạt động chưa làm").unwrap();
            ws.write_string(r, 5, "=1+1").unwrap();
        }
    })
}

#[test]
fn text_that_looks_like_a_formula_stays_text_in_every_workbook_written() {
    let w = Workdir::new();
    let plan = baocao::plan::load_or_fail(
        &baocao::plan::PlanSource::embedded(),
        baocao::i18n::Lang::Vi,
    )
    .unwrap();
    let tasks: Vec<String> = plan
        .tasks_for("STTTT")
        .iter()
        .map(|t| t.id.clone())
        .collect();
    w.write("nop/STTTT-2025.xlsx", formula_like_report(&tasks));
    let payloads = [
        "=HYPERLINK(\"http://x.invalid\",\"bấm\")",
        "-2 hoạt động chưa làm",
        "=1+1",
        "@Nguyễn Văn A",
        "+84 912 345 678",
    ];
    let run = bounded(
        &w,
        &[
            "validate",
            "nop/STTTT-2025.xlsx",
            "--as-of",
            "2025-12-20",
            "--annotate",
            "gop-y.xlsx",
        ],
    );
    assert_handled(&run, "STTTT-2025.xlsx");
    let run = bounded(
        &w,
        &[
            "consolidate",
            "nop",
            "--period",
            "2025",
            "--as-of",
            "2025-12-20",
            "--out",
            "tong-hop.xlsx",
        ],
    );
    run.expect_code(0);
    for (out, expected) in [
        ("gop-y.xlsx", &payloads[..]),
        // The consolidated workbook copies task results, difficulties and notes.
        ("tong-hop.xlsx", &payloads[..3]),
    ] {
        let all = cells(&w.read(out));
        for p in expected {
            let found: Vec<_> = all.iter().filter(|c| c.2 == *p).collect();
            assert!(!found.is_empty(), "{out}: `{p}` not written");
            for c in found {
                assert!(!c.3, "{out}: {}!{} holds `{p}` as a formula", c.0, c.1);
            }
        }
        let formulas: Vec<_> = all.iter().filter(|c| c.3).collect();
        assert!(
            formulas
                .iter()
                .all(|c| !payloads.iter().any(|p| c.2.contains(p))),
            "{out}: {formulas:?}"
        );
    }
}

/// A minimal ODS: the mimetype and the given `content.xml`.
fn ods_of(content: &[u8]) -> Vec<u8> {
    zip_of(&[
        (
            "mimetype",
            b"application/vnd.oasis.opendocument.spreadsheet",
        ),
        ("content.xml", content),
    ])
}

/// A shared-string table that declares a hundred billion strings, with the declaration pushed
/// far into its root tag by a padding attribute: refused as damaged (F006), read from the
/// whole tag, so the process never asks for terabytes (an abort where memory is not
/// overcommitted).
#[test]
fn a_padded_lying_string_count_is_still_refused() {
    let w = Workdir::new();
    let base = template(&w, "STTTT");
    let lying = rezip(&base, |name, data| {
        if name != "xl/sharedStrings.xml" {
            return data;
        }
        let xml = String::from_utf8(data).unwrap();
        let start = xml.find("<sst ").expect("an sst tag") + "<sst ".len();
        let pad = format!("pad=\"{}\" ", "x".repeat(20_000));
        let mut out = xml.clone();
        out.insert_str(start, &pad);
        let out = out.replacen("uniqueCount=\"", "uniqueCount=\"100000000000", 1);
        assert_ne!(out, xml);
        out.into_bytes()
    });
    w.write("dem-sai.xlsx", lying);
    expect_finding(&w, "dem-sai.xlsx", "F006");
}
