//! `baocao validate` on files that are not the report they claim to be: each gets one
//! finding with its code, the file's name and a help line, and the run ends with exit 1.
//!
//! How ingest reads real workbooks (values, dates, limits, the calamine corpus) is tested by
//! the unit tests in `src/ingest`; these tests pin what a user sees.

use std::path::Path;

use crate::common::{Run, Workdir};

/// Copies a fixture from `tests/data/ingest` into the work folder and validates it.
fn validate(w: &Workdir, name: &str) -> Run {
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/ingest")
        .join(name);
    let bytes = std::fs::read(&fixture).unwrap_or_else(|e| panic!("{}: {e}", fixture.display()));
    w.write(name, bytes);
    w.run(&["validate", name])
}

#[test]
fn impostors_get_one_finding_each() {
    for (file, code) in [
        ("cong-thong-tin.xls", "F003"),
        ("danh-sach.xlsx", "F004"),
        ("rong.xlsx", "F002"),
        ("ngau-nhien.xlsx", "F007"),
        ("cong-van.xlsx", "F007"),
        ("cat-cut.xlsx", "F006"),
    ] {
        let w = Workdir::new();
        let run = validate(&w, file);
        run.expect_code(1);
        let all = format!("{}{}", run.stdout(), run.stderr());
        assert!(
            all.contains(code) && all.contains(file),
            "`{}`: expected {code} for {file}\n{all}",
            run.cmd
        );
        let others = ["F002", "F003", "F004", "F006", "F007"]
            .into_iter()
            .filter(|c| *c != code && all.contains(c))
            .count();
        assert_eq!(
            others, 0,
            "`{}`: more than one file finding\n{all}",
            run.cmd
        );
    }
}

#[test]
fn html_export_says_how_to_fix_it() {
    let w = Workdir::new();
    let run = validate(&w, "cong-thong-tin.xls");
    run.expect_code(1);
    let all = format!("{}{}", run.stdout(), run.stderr());
    assert!(all.contains("Lưu thành (Save As)"), "{all}");
}
