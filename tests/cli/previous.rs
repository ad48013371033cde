//! `consolidate --previous`: the 2026 examples compared with the 2025 consolidation, run
//! through the real binary; what the workbook, the JSON and the console say.

use calamine::{Data, Reader, open_workbook_auto};

use crate::common::{Workdir, have_python_modules, skip};

const EX25: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/submissions/2025");
const EX26: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/submissions/2026");
const LOG25: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/so-nhan-2025.csv");

/// The 2025 consolidation as the README makes it (embedded plan, receipt log), in `out`.
fn consolidate_2025(w: &Workdir, out: &str) {
    w.run_embedded(&[
        "consolidate",
        EX25,
        "--period",
        "2025",
        "--as-of",
        "2025-12-20",
        "--received",
        LOG25,
        "--out",
        out,
    ])
    .expect_code(0);
}

fn consolidate_2026(w: &Workdir, previous: &str) -> crate::common::Run {
    w.run_embedded(&[
        "consolidate",
        EX26,
        "--period",
        "2026",
        "--as-of",
        "2026-12-20",
        "--previous",
        previous,
        "--out",
        "th26.xlsx",
        "--json",
        "th26.json",
    ])
}

/// Every row of a sheet as texts (numbers as Rust prints them).
fn rows(w: &Workdir, file: &str, sheet: &str) -> Vec<Vec<String>> {
    let mut wb = open_workbook_auto(w.join(file)).unwrap();
    let range = wb.worksheet_range(sheet).unwrap();
    range
        .rows()
        .map(|r| {
            r.iter()
                .map(|c| match c {
                    Data::String(s) => s.clone(),
                    Data::Float(f) => f.to_string(),
                    Data::Int(i) => i.to_string(),
                    Data::Empty => String::new(),
                    other => other.to_string(),
                })
                .collect()
        })
        .collect()
}

fn find<'a>(rows: &'a [Vec<String>], cells: &[&str]) -> &'a Vec<String> {
    rows.iter()
        .find(|r| {
            cells
                .iter()
                .enumerate()
                .all(|(i, c)| r.get(i).map(String::as_str) == Some(*c))
        })
        .unwrap_or_else(|| panic!("no row starting {cells:?}"))
}

#[test]
fn the_2026_workbook_names_2025_and_shows_the_changes() {
    let w = Workdir::new();
    consolidate_2025(&w, "th25.xlsx");
    consolidate_2026(&w, "th25.xlsx")
        .expect_code(0)
        .stdout_has("So sánh với kỳ năm 2025: 5 cơ quan nộp tốt hơn")
        .stdout_has("1 số liệu thay đổi bất thường (C001–C003)");
    // Tổng hợp names the earlier period and its workbook.
    let sum = rows(&w, "th26.xlsx", "Tổng hợp");
    assert!(
        sum.iter()
            .flatten()
            .any(|c| c.starts_with("So sánh với kỳ năm 2025 (th25.xlsx)")),
        "{sum:?}"
    );
    // SYT, a day late in 2025 (receipt log), on time in 2026.
    let ag = rows(&w, "th26.xlsx", "So sánh cơ quan");
    assert_eq!(
        ag[0][..4],
        [
            "Mã cơ quan",
            "Tên cơ quan",
            "Mã cũ (cơ quan tiền thân)",
            "Tình trạng kỳ trước"
        ]
    );
    let syt = find(&ag, &["SYT"]);
    assert_eq!(syt[3..], ["Trễ hạn", "Đúng hạn", "Tốt hơn kỳ trước"]);
    // STC completes what SKHDT (merged into it) had in progress in 2025.
    let tasks = rows(&w, "th26.xlsx", "So sánh nhiệm vụ");
    let t = find(&tasks, &["STC", "III.4.1"]);
    assert_eq!(
        t[2..5],
        ["Đang thực hiện", "Đã hoàn thành", "Mới hoàn thành kỳ này"]
    );
    assert!(
        t[7].ends_with("STC-2026.xlsx › Báo cáo!B12") || t[7].contains("STC-2026.xlsx › Báo cáo!"),
        "{t:?}"
    );
    // SVHTTDL's III.3.4 is in progress in 2026 and was not its task in 2025.
    let t = find(&tasks, &["SVHTTDL", "III.3.4"]);
    assert_eq!(t[4], "Kỳ trước không báo cáo nhiệm vụ này");
    assert_eq!(t[5], "2026");
    // The ×10 figure: both periods, both cells, and the change.
    let ind = rows(&w, "th26.xlsx", "So sánh chỉ tiêu");
    let v = find(&ind, &["STC", "CT08"]);
    assert_eq!(v[4..9], ["9", "90", "81", "900", "C001: gấp 10,0 lần"]);
    assert!(
        v[9].contains("2025") && v[9].contains("› Chỉ tiêu!"),
        "{v:?}"
    );
    assert!(v[10].contains("STC-2026.xlsx › Chỉ tiêu!"), "{v:?}");
    // A figure that moved a little is not flagged.
    assert_eq!(
        find(&ind, &["SNNMT", "CT15"])[4..9],
        ["58.5", "61", "2.5", &(2.5 / 58.5 * 100.0).to_string(), ""]
    );
    // Province totals first.
    assert_eq!(ind[1][0], "Tổng toàn tỉnh");
    // The warning in Lỗi, cảnh báo, at the 2026 cell, quoting both cells.
    let fin = rows(&w, "th26.xlsx", "Lỗi, cảnh báo");
    let c001: Vec<&Vec<String>> = fin.iter().filter(|r| r[2] == "C001").collect();
    assert_eq!(c001.len(), 1, "{fin:?}");
    let r = c001[0];
    assert!(r[0].ends_with("STC-2026.xlsx"), "{r:?}");
    assert_eq!(r[3], "Cảnh báo");
    assert_eq!(r[4], "Chỉ tiêu");
    assert!(
        r[6].starts_with("chỉ tiêu `CT08` của `STC` kỳ 2026 là 90 ("),
        "{}",
        r[6]
    );
    assert!(r[6].contains("gấp 10,0 lần kỳ 2025: 9 ("), "{}", r[6]);
    assert!(
        r[6].contains(&format!("STC-2026.xlsx › Chỉ tiêu!{}", r[5])),
        "{}",
        r[6]
    );
    // The JSON carries the comparison.
    let j: serde_json::Value = serde_json::from_slice(&w.read("th26.json")).unwrap();
    let cmp = &j["comparison"];
    assert_eq!(cmp["previous"]["id"], "2025");
    assert_eq!(cmp["previous"]["source"], "th25.xlsx");
    let jump = cmp["values"]
        .as_array()
        .unwrap()
        .iter()
        .find(|v| v["agency"] == "STC" && v["indicator"] == "CT08")
        .unwrap();
    assert_eq!(jump["jump"]["kind"], "up");
    assert_eq!(jump["jump"]["factor"], 10.0);
}

#[test]
fn without_previous_the_workbook_has_no_comparison_sheets() {
    let w = Workdir::new();
    w.run_embedded(&[
        "consolidate",
        EX26,
        "--period",
        "2026",
        "--as-of",
        "2026-12-20",
        "--out",
        "th26.xlsx",
    ])
    .expect_code(0);
    let wb = open_workbook_auto(w.join("th26.xlsx")).unwrap();
    assert!(!wb.sheet_names().iter().any(|n| n.starts_with("So sánh")));
}

#[test]
fn a_merged_body_and_its_successor_compare_as_one_line() {
    // 2025 consolidated with the plan as signed: SKHDT and STC report separately. In 2026
    // SKHDT is part of STC: one line, STC, with SKHDT shown.
    let w = Workdir::new();
    w.run(&[
        "consolidate",
        EX25,
        "--period",
        "2025",
        "--as-of",
        "2025-12-20",
        "--received",
        LOG25,
        "--out",
        "th25.xlsx",
    ])
    .expect_code(0);
    consolidate_2026(&w, "th25.xlsx").expect_code(0);
    let ag = rows(&w, "th26.xlsx", "So sánh cơ quan");
    assert!(
        ag.iter().all(|r| r[0] != "SKHDT"),
        "SKHDT has no line of its own"
    );
    let stc = find(&ag, &["STC"]);
    assert_eq!(stc[2], "SKHDT");
    assert!(
        stc[3].contains("SKHDT: ") && stc[3].contains("STC: "),
        "{stc:?}"
    );
    // SKHDT's 2025 task row and figure are compared with STC's 2026 ones.
    let tasks = rows(&w, "th26.xlsx", "So sánh nhiệm vụ");
    let t = find(&tasks, &["STC", "III.4.1"]);
    assert!(t[2].starts_with("SKHDT: "), "{t:?}");
    assert!(t[6].contains("SKHDT-2025.xlsx › Báo cáo!"), "{t:?}");
    let ind = rows(&w, "th26.xlsx", "So sánh chỉ tiêu");
    let v = find(&ind, &["STC", "CT08"]);
    assert!(v[9].contains("SKHDT-2025.xlsx › Chỉ tiêu!"), "{v:?}");
    assert_eq!(v[8], "C001: gấp 10,0 lần");
    // A dissolved district keeps its line, not expected in 2026.
    assert_eq!(
        find(&ag, &["H_BMT"])[4..],
        ["Không phải báo cáo", "Kỳ này không còn phải báo cáo"]
    );
}

#[test]
fn a_folder_of_earlier_consolidations_is_read() {
    let w = Workdir::new();
    std::fs::create_dir_all(w.join("truoc")).unwrap();
    consolidate_2025(&w, "truoc/th25.xlsx");
    w.write("truoc/ghi-chu.txt", "not a workbook");
    consolidate_2026(&w, "truoc")
        .expect_code(0)
        .stdout_has("So sánh với kỳ năm 2025");
}

#[test]
fn another_plan_another_version_or_not_an_earlier_period_is_refused() {
    let w = Workdir::new();
    // Another plan: the signed plan with another id.
    let p = w.copy_plan("khac");
    let yaml = std::fs::read_to_string(p.join("plan.yaml")).unwrap();
    std::fs::write(
        p.join("plan.yaml"),
        yaml.replace("id: dlk-ttdn-nq47", "id: ke-hoach-khac"),
    )
    .unwrap();
    w.run(&[
        "--plan",
        "khac",
        "consolidate",
        EX25,
        "--period",
        "2025",
        "--as-of",
        "2025-12-20",
        "--out",
        "khac.xlsx",
    ])
    .expect_code(0);
    consolidate_2026(&w, "khac.xlsx")
        .expect_code(2)
        .stderr_has("`khac.xlsx` là bản tổng hợp của kế hoạch `ke-hoach-khac`, không phải kế hoạch `dlk-ttdn-nq47`");
    assert!(!w.join("th26.xlsx").exists(), "nothing written");
    // An unknown format version of the data sheet.
    let mut book = rust_xlsxwriter::Workbook::new();
    let ws = book.add_worksheet();
    ws.set_name("_baocao_data").unwrap();
    ws.write_string(0, 0, "baocao-consolidated/99").unwrap();
    ws.write_number(0, 1, 1).unwrap();
    w.write("moi.xlsx", book.save_to_buffer().unwrap());
    consolidate_2026(&w, "moi.xlsx")
        .expect_code(2)
        .stderr_has("phiên bản `baocao-consolidated/99`");
    // The same period is not an earlier one.
    w.run_embedded(&[
        "consolidate",
        EX26,
        "--period",
        "2026",
        "--as-of",
        "2026-12-20",
        "--out",
        "cung-ky.xlsx",
    ])
    .expect_code(0);
    consolidate_2026(&w, "cung-ky.xlsx")
        .expect_code(2)
        .stderr_has("`cung-ky.xlsx` là bản tổng hợp kỳ `2026`, không phải một kỳ trước kỳ `2026`");
    // In English on request.
    w.run_embedded(&[
        "--lang",
        "en",
        "consolidate",
        EX26,
        "--period",
        "2026",
        "--previous",
        "cung-ky.xlsx",
        "--out",
        "x.xlsx",
    ])
    .expect_code(2)
    .stderr_has("not a period before `2026`");
}

#[test]
fn openpyxl_reads_the_comparison_sheets() {
    if !have_python_modules(&["openpyxl"]) {
        skip("python3 with openpyxl is not installed");
        return;
    }
    let w = Workdir::new();
    consolidate_2025(&w, "th25.xlsx");
    consolidate_2026(&w, "th25.xlsx").expect_code(0);
    let script = "import openpyxl,sys\nwb=openpyxl.load_workbook(sys.argv[1])\nfor n in ('So sánh cơ quan','So sánh nhiệm vụ','So sánh chỉ tiêu'):\n  ws=wb[n]\n  print(n, ws.max_row, ws['A1'].value)\nws=wb['So sánh chỉ tiêu']\nfor r in ws.iter_rows(values_only=True):\n  if r[0]=='STC' and r[1]=='CT08': print('STC CT08', r[4], r[5], r[8])\n";
    let out = std::process::Command::new("python3")
        .args(["-c", script, w.join("th26.xlsx").to_str().unwrap()])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "openpyxl failed:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(text.contains("So sánh cơ quan 136 Mã cơ quan"), "{text}");
    assert!(text.contains("STC CT08 9 90 C001: gấp 10,0 lần"), "{text}");
}
