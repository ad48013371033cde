//! The Windows mistakes an officer makes that can be made here too: a receipt log saved by
//! Excel (UTF-8 with a byte order mark, Windows-1258, `;` separators, `\` in paths), folder
//! and file names in Vietnamese, paths longer than Windows' old 260-character limit. The
//! same submissions must give the same figures whatever the log's encoding or the path.
//! What needs Windows itself (a workbook open in Excel, a double-click) runs under Wine in
//! `.ci/run` (scripts/wine/test.sh).

use std::path::Path;

use unicode_normalization::UnicodeNormalization;

use crate::common::{Run, Workdir};

const SUPPLEMENT_OLD: &str = "bo-sung/BC SCT nam 2025 (ban sua).xlsx";
const SUPPLEMENT_DIR: &str = "bổ sung";
const SUPPLEMENT: &str = "BC Sở Công Thương năm 2025 (bản sửa).xlsx";

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn copy_tree(src: &Path, dst: &Path) {
    std::fs::create_dir_all(dst).expect("mkdir");
    for entry in std::fs::read_dir(src).expect("read_dir") {
        let entry = entry.expect("entry");
        let to = dst.join(entry.file_name());
        if entry.path().is_dir() {
            copy_tree(&entry.path(), &to);
        } else {
            std::fs::copy(entry.path(), &to).expect("copy");
        }
    }
}

/// The example submissions under `dir`, the corrected SCT report moved to a folder and a
/// file named in Vietnamese; returns the example receipt log's text naming it so.
fn examples_in(w: &Workdir, dir: &str) -> String {
    let dst = w.join(dir);
    copy_tree(&repo().join("examples/submissions/2025"), &dst);
    std::fs::create_dir(dst.join(SUPPLEMENT_DIR)).expect("mkdir");
    std::fs::rename(
        dst.join(SUPPLEMENT_OLD),
        dst.join(SUPPLEMENT_DIR).join(SUPPLEMENT),
    )
    .expect("rename");
    std::fs::remove_dir(dst.join("bo-sung")).expect("rmdir");
    let log = std::fs::read_to_string(repo().join("examples/so-nhan-2025.csv")).expect("log");
    assert!(log.contains(SUPPLEMENT_OLD));
    log.replace(SUPPLEMENT_OLD, &format!("{SUPPLEMENT_DIR}/{SUPPLEMENT}"))
}

fn consolidate(w: &Workdir, input: &str, log: Option<&str>, out: &str) -> Run {
    let json = format!("{out}.json");
    let mut args = vec![
        "consolidate",
        input,
        "--period",
        "2025",
        "--as-of",
        "2025-12-20",
        "--out",
        out,
        "--json",
        &json,
    ];
    if let Some(log) = log {
        args.extend(["--received", log]);
    }
    let run = w.run(&args);
    run.expect_code(0);
    run
}

/// The `--json` summary of a run, without the output's own path.
fn summary(w: &Workdir, out: &str) -> serde_json::Value {
    let bytes = w.read(&format!("{out}.json"));
    let mut v: serde_json::Value = serde_json::from_slice(&bytes).expect("json");
    v.as_object_mut().expect("object").remove("output");
    v
}

fn agency<'a>(v: &'a serde_json::Value, code: &str) -> &'a serde_json::Value {
    v["agencies"]
        .as_array()
        .expect("agencies")
        .iter()
        .find(|a| a["code"] == code)
        .unwrap_or_else(|| panic!("{code} missing"))
}

/// `text` as Excel's plain "CSV" writes it on a Vietnamese Windows: code page 1258, where a
/// letter with a tone mark is a base letter (precomposed when 1258 has it: â ê ô ă ơ ư đ)
/// followed by a combining tone mark.
fn windows_1258(text: &str) -> Vec<u8> {
    let enc = encoding_rs::WINDOWS_1258;
    let mut out = Vec::new();
    for c in text.chars() {
        let mut buf = [0u8; 4];
        let (bytes, _, lossy) = enc.encode(c.encode_utf8(&mut buf));
        if !lossy {
            out.extend_from_slice(&bytes);
            continue;
        }
        let tones = ['\u{300}', '\u{301}', '\u{303}', '\u{309}', '\u{323}'];
        let nfd: String = c.to_string().nfd().collect();
        let base: String = nfd.chars().filter(|m| !tones.contains(m)).nfc().collect();
        let tone: String = nfd.chars().filter(|m| tones.contains(m)).collect();
        let parts = format!("{base}{tone}");
        let (bytes, _, lossy) = enc.encode(&parts);
        assert!(!lossy, "{c:?} has no Windows-1258 form");
        out.extend_from_slice(&bytes);
    }
    out
}

#[test]
fn receipt_logs_saved_by_excel_give_the_same_figures() {
    let w = Workdir::new();
    let log = examples_in(&w, "nhận/2025");
    w.write("so-nhan.csv", &log);
    consolidate(&w, "nhận/2025", Some("so-nhan.csv"), "a.xlsx");
    let want = summary(&w, "a.xlsx");
    // The corrected SCT report's date comes from the log line naming its Vietnamese path:
    // without that line the figures differ, so the comparisons below can fail.
    assert_eq!(agency(&want, "SCT")["received"], "2025-12-18");
    assert_eq!(agency(&want, "SCT")["received_source"], "log");
    let without: String = log
        .lines()
        .filter(|l| !l.contains(SUPPLEMENT))
        .map(|l| format!("{l}\n"))
        .collect();
    w.write("thieu.csv", &without);
    consolidate(&w, "nhận/2025", Some("thieu.csv"), "b.xlsx");
    assert_ne!(summary(&w, "b.xlsx")["agencies"], want["agencies"]);

    // "CSV UTF-8": a byte order mark, CRLF line ends.
    let crlf = log.replace('\n', "\r\n");
    let mut bom = b"\xEF\xBB\xBF".to_vec();
    bom.extend_from_slice(crlf.as_bytes());
    // "CSV" on a Vietnamese Windows: Windows-1258, `;` (the list separator where the decimal
    // mark is a comma), the folder written with `\`, CRLF.
    let semicolons = crlf.replace(',', ";").replace(
        &format!("{SUPPLEMENT_DIR}/"),
        &format!("{SUPPLEMENT_DIR}\\"),
    );
    let ansi = windows_1258(&semicolons);
    assert!(std::str::from_utf8(&ansi).is_err());
    // A name in decomposed form (as macOS writes it) is the same name.
    let nfd: String = log.nfd().collect();
    for (name, bytes) in [
        ("bom.csv", bom),
        ("so-nhận-1258.csv", ansi),
        ("nfd.csv", nfd.into_bytes()),
    ] {
        w.write(name, &bytes);
        let out = format!("{name}.xlsx");
        consolidate(&w, "nhận/2025", Some(name), &out);
        assert_eq!(summary(&w, &out), want, "{name}");
    }
}

#[test]
fn vietnamese_and_long_paths() {
    let w = Workdir::new();
    let log = examples_in(&w, "ngắn");
    w.write("so-nhan.csv", &log);
    consolidate(&w, "ngắn", Some("so-nhan.csv"), "ngan.xlsx");
    let want = summary(&w, "ngan.xlsx");
    // Folders named as an officer names them, nested past 260 characters (Windows' old
    // MAX_PATH) before the first report's name is even added.
    let mut deep = String::new();
    while deep.chars().count() <= 270 {
        deep.push_str("Báo cáo thông tin đối ngoại năm 2025 của Sở Thông tin và Truyền thông/");
    }
    let input = format!("{deep}Đã nhận");
    examples_in(&w, &input);
    w.write(&format!("{deep}Sổ nhận.csv"), &log);
    let out = format!("{deep}Tổng hợp năm 2025.xlsx");
    let abs = w.join(&input);
    assert!(abs.as_os_str().len() > 260, "{}", abs.display());
    let run = consolidate(&w, &input, Some(&format!("{deep}Sổ nhận.csv")), &out);
    run.stdout_has("Tổng hợp năm 2025.xlsx");
    assert_eq!(summary(&w, &out), want);
    assert!(w.join(&out).is_file());
    // A template and a validation there too.
    let tdir = format!("{deep}Biểu mẫu");
    w.run(&[
        "template", "--period", "2025", "--agency", "STTTT", "--out", &tdir,
    ])
    .expect_code(0);
    let file = format!("{tdir}/STTTT-2025.xlsx");
    assert!(w.join(&file).is_file());
    let sct = format!("{input}/{SUPPLEMENT_DIR}/{SUPPLEMENT}");
    let run = w.run(&["validate", &sct, "--period", "2025", "--format", "json"]);
    assert!(run.code() == 0 || run.code() == 1, "{}", run.stderr());
    assert!(run.stdout().contains(SUPPLEMENT), "{}", run.stdout());
}

#[test]
fn validate_expands_wildcards_as_cmd_exe_leaves_them() {
    let w = Workdir::new();
    examples_in(&w, "nhận/2025");
    let named = w.run(&[
        "validate",
        "nhận/2025/H_KRONG_PAC-2025.xls",
        "nhận/2025/SGTVT-2025.xls",
        "nhận/2025/SKHCN-2025.xls",
        "--period",
        "2025",
    ]);
    // The pattern as cmd.exe passes it: unexpanded (a shell here would expand it first).
    let pattern = w.run(&["validate", "nhận/2025/*-2025.XLS", "--period", "2025"]);
    assert_eq!(pattern.code(), named.code());
    assert_eq!(pattern.stdout(), named.stdout());
    assert!(
        named.stdout().contains("SGTVT-2025.xls"),
        "{}",
        named.stdout()
    );
    w.run(&["validate", "nhận/2025/*.csv", "--period", "2025"])
        .expect_code(2)
        .stderr_has("*.csv");
}
