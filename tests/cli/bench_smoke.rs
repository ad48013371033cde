//! The benchmark pipeline at N = 20, without timing (CI stays deterministic): the generator of
//! `bench/run.sh` (examples/gen_bench.rs, included here as a module) writes a plan and filled
//! submissions, and `consolidate` reads them all.

#[path = "../../examples/gen_bench.rs"]
#[allow(dead_code)]
mod gen_bench;

use crate::common::Workdir;

fn generate(w: &Workdir, dir: &str, seed: u64) -> gen_bench::Summary {
    gen_bench::generate(&gen_bench::Options {
        agencies: 20,
        out: w.join(dir),
        seed,
        force: false,
    })
    .unwrap_or_else(|e| panic!("gen_bench: {e}"))
}

#[test]
fn generated_plan_is_clean_and_plan_json_is_plan_show() {
    let w = Workdir::new();
    let s = generate(&w, "data", 7);
    assert_eq!((s.agencies, s.files, s.indicators), (20, 20, 10));
    w.run(&["--plan", "data/plan", "plan", "check"])
        .expect_code(0)
        .stdout_has("20 cơ quan");
    let shown = w.run(&["--plan", "data/plan", "plan", "show", "--format", "json"]);
    shown.expect_code(0);
    assert_eq!(shown.out.stdout, w.read("data/plan.json"));
    let plan = shown.json();
    for a in plan["agencies"].as_array().expect("agencies") {
        let tasks = a["tasks"].as_array().expect("tasks").len();
        let indicators = a["indicators"].as_array().expect("indicators").len();
        assert_eq!((tasks, indicators), (12, 8), "{}", a["code"]);
    }
}

#[test]
fn same_seed_same_files() {
    let w = Workdir::new();
    generate(&w, "a", 3);
    generate(&w, "b", 3);
    let mut names: Vec<String> = std::fs::read_dir(w.join("a"))
        .expect("folder")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".xlsx") || n == "plan.json")
        .collect();
    names.sort();
    assert_eq!(names.len(), 21);
    for n in names {
        assert!(
            w.read(&format!("a/{n}")) == w.read(&format!("b/{n}")),
            "{n} differs"
        );
    }
}

#[test]
fn consolidate_reads_every_generated_submission() {
    let w = Workdir::new();
    let s = generate(&w, "data", 11);
    w.run(&[
        "--plan",
        "data/plan",
        "consolidate",
        "data",
        "--period",
        gen_bench::PERIOD,
        "--as-of",
        gen_bench::AS_OF,
        "--out",
        "tong-hop.xlsx",
        "--json",
        "tom-tat.json",
    ])
    .expect_code(0);
    let summary: serde_json::Value =
        serde_json::from_slice(&w.read("tom-tat.json")).expect("JSON summary");
    let agencies = summary["agencies"].as_array().expect("agencies");
    assert_eq!(agencies.len(), 20);
    assert_eq!(summary["totals"]["expected"], 20);
    // The 20 submissions and `plan.json`, listed (F014) as every file of the folder is; the
    // plan folder itself (`--plan data/plan`) is not a submission and is not listed.
    assert_eq!(summary["totals"]["files"], 21);
    assert_eq!(summary["totals"]["files_unreadable"], 1);
    let received = 20 - s.missing.len() - s.other_period.len();
    assert_eq!(summary["totals"]["received"], received);

    // The workbook names all 20 agencies, one `Chỉ tiêu` column each (in report order).
    use calamine::{Data, Reader, Xlsx};
    let mut wb: Xlsx<_> = calamine::open_workbook(w.join("tong-hop.xlsx")).expect("workbook opens");
    let ind = wb.worksheet_range("Chỉ tiêu").expect("Chỉ tiêu sheet");
    let mut header: Vec<String> = ind
        .rows()
        .next()
        .expect("header row")
        .iter()
        .filter_map(|c| match c {
            Data::String(s) if s.starts_with("CQ") => Some(s.clone()),
            _ => None,
        })
        .collect();
    header.sort();
    let expected: Vec<String> = (1..=20).map(|i| format!("CQ{i:04}")).collect();
    assert_eq!(header, expected);
}
