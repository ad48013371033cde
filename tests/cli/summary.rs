//! `baocao summary`: the example periods 2025 (the plan as signed, SKHDT still a department)
//! and 2026 (the shipped amendments: SKHDT merged into STC) consolidated with the real binary,
//! summarised, and every figure of the summary checked against the period's own workbook —
//! submission states (`Tổng hợp`), task counts (`Theo nhiệm vụ`), indicator totals
//! (`Chỉ tiêu`); then what it refuses, and that openpyxl and LibreOffice open it.

use std::collections::HashMap;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use calamine::{Data, Reader, open_workbook_auto};

use crate::common::{Workdir, have, have_python_modules, skip};

const OUT: &str = "tong-ket.xlsx";
const SHEETS: [&str; 7] = [
    "Tổng kết",
    "Nộp báo cáo",
    "Nhiệm vụ theo kỳ",
    "Chỉ tiêu theo kỳ",
    "Ít khi đúng hạn",
    "Nhiệm vụ chưa xong",
    "Nguồn",
];

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn s(p: &Path) -> &str {
    p.to_str().expect("utf-8")
}

/// Consolidates 2025 (signed plan, receipt log) and 2026 (shipped plan) into `th/`.
fn consolidate_both(w: &Workdir) {
    let d25 = repo().join("examples/submissions/2025");
    let log = repo().join("examples/so-nhan-2025.csv");
    w.run(&[
        "consolidate",
        s(&d25),
        "--period",
        "2025",
        "--as-of",
        "2025-12-20",
        "--received",
        s(&log),
        "--out",
        "th/tong-hop-2025.xlsx",
    ])
    .expect_code(0);
    let d26 = repo().join("examples/submissions/2026");
    w.run_embedded(&[
        "consolidate",
        s(&d26),
        "--period",
        "2026",
        "--as-of",
        "2026-12-20",
        "--out",
        "th/tong-hop-2026.xlsx",
    ])
    .expect_code(0);
}

/// A sheet as text cells (numbers as written by `{}`), `""` for blank.
fn sheet(path: &Path, name: &str) -> Vec<Vec<String>> {
    let mut wb = open_workbook_auto(path).expect("open");
    let range = wb.worksheet_range(name).expect("sheet");
    let (r0, c0) = range.start().unwrap_or((0, 0));
    let mut out = vec![Vec::new(); r0 as usize];
    for row in range.rows() {
        let mut cells = vec![String::new(); c0 as usize];
        cells.extend(row.iter().map(|c| match c {
            Data::Empty => String::new(),
            Data::String(s) => s.clone(),
            Data::Float(f) => format!("{f}"),
            Data::Int(i) => format!("{i}"),
            other => other.to_string(),
        }));
        out.push(cells);
    }
    out
}

fn cell(rows: &[Vec<String>], r: usize, c: usize) -> &str {
    rows.get(r)
        .and_then(|x| x.get(c))
        .map_or("", String::as_str)
}

/// Rows keyed by the cell in column `key`, from the row after the one holding `header` in
/// that column.
fn table(rows: &[Vec<String>], key: usize, header: &str) -> HashMap<String, Vec<String>> {
    let start = rows
        .iter()
        .position(|r| cell(std::slice::from_ref(r), 0, key) == header)
        .unwrap_or_else(|| panic!("no header {header:?}"));
    rows[start + 1..]
        .iter()
        .filter(|r| !cell(std::slice::from_ref(r), 0, key).is_empty())
        .map(|r| (r[key].clone(), r.clone()))
        .collect()
}

#[test]
fn the_summary_of_2025_and_2026_shows_each_periods_own_figures() {
    let w = Workdir::new();
    consolidate_both(&w);
    w.run_embedded(&["summary", "th", "--out", OUT])
        .expect_code(0)
        .stdout_has("đã ghi bản tổng kết các kỳ năm 2025 – năm 2026 (2 kỳ,");
    let out = w.join(OUT);
    let names = open_workbook_auto(&out).expect("open").sheet_names();
    assert_eq!(names, SHEETS);
    let periods = [
        w.join("th/tong-hop-2025.xlsx"),
        w.join("th/tong-hop-2026.xlsx"),
    ];

    // Submission states: each line's cell is the period's `Tổng hợp` status of its agency.
    let matrix = table(&sheet(&out, "Nộp báo cáo"), 1, "Mã cơ quan");
    let states: Vec<HashMap<String, Vec<String>>> = periods
        .iter()
        .map(|p| table(&sheet(p, "Tổng hợp"), 1, "Mã cơ quan"))
        .collect();
    let mut checked = 0;
    for (code, row) in &matrix {
        let mut expected = 0;
        for (k, st) in states.iter().enumerate() {
            // A line holding a merged body and its successor that period lists each one.
            if row[3 + k].contains(" (") {
                for part in row[3 + k].split("; ") {
                    let (status, member) =
                        part.trim_end_matches(')').split_once(" (").expect("member");
                    assert_eq!(st[member][3], status, "{member} in line {code}, period {k}");
                    expected += 1;
                }
            } else {
                let want = st.get(code).map_or("Không phải báo cáo", |r| r[3].as_str());
                assert_eq!(row[3 + k], want, "{code} in period {k}");
                expected += usize::from(st.contains_key(code));
            }
            checked += 1;
        }
        assert_eq!(row[5], expected.to_string(), "{code}: reports due");
    }
    assert!(checked > 200, "{checked}");
    // SKHDT (2025) and STC (2026) are one line: its successor's.
    assert!(!matrix.contains_key("SKHDT"));
    let stc = &matrix["STC"];
    assert_eq!(
        stc[3],
        format!(
            "{} (STC); {} (SKHDT)",
            states[0]["STC"][3], states[0]["SKHDT"][3]
        )
    );
    assert_eq!(stc[4], states[1]["STC"][3]);
    assert_eq!(stc[5], "3");
    assert!(
        stc[8].contains("SKHDT (kỳ năm 2025), nay là STC"),
        "{stc:?}"
    );

    // Task counts: `done/responsible` as each period's `Theo nhiệm vụ` counts them.
    let tasks = table(&sheet(&out, "Nhiệm vụ theo kỳ"), 0, "Mã nhiệm vụ");
    let by_task: Vec<_> = periods
        .iter()
        .map(|p| table(&sheet(p, "Theo nhiệm vụ"), 0, "Mã nhiệm vụ"))
        .collect();
    assert!(tasks.len() >= 20, "{}", tasks.len());
    for (id, row) in &tasks {
        for (k, bt) in by_task.iter().enumerate() {
            let (status, counts) = (&row[2 + 2 * k], &row[3 + 2 * k]);
            match bt.get(id) {
                None => assert_eq!((status.as_str(), counts.as_str()), ("—", "—"), "{id}"),
                Some(p) => {
                    assert_eq!(*counts, format!("{}/{}", p[4], p[3]), "{id} period {k}");
                    let want = if p[4] == p[3] {
                        "Đã hoàn thành"
                    } else if p[4] == "0" && p[5] == "0" {
                        "Chưa thực hiện"
                    } else {
                        "Đang thực hiện"
                    };
                    assert_eq!(status, want, "{id} period {k}");
                }
            }
        }
    }

    // Indicator totals and the cumulative sums, against each period's `Chỉ tiêu`.
    let inds = table(&sheet(&out, "Chỉ tiêu theo kỳ"), 0, "Mã");
    let per: Vec<_> = periods
        .iter()
        .map(|p| table(&sheet(p, "Chỉ tiêu"), 0, "Mã chỉ tiêu"))
        .collect();
    assert_eq!(inds.len(), 20);
    let mut with_values = 0;
    for (id, row) in &inds {
        let mut sum: Option<f64> = None;
        for (k, p) in per.iter().enumerate() {
            let want = &p[id][4];
            assert_eq!(&row[3 + k], want, "{id} period {k}");
            if let Ok(v) = want.parse::<f64>() {
                sum = Some(sum.unwrap_or(0.0) + v);
                with_values += 1;
            }
            let percent = p[id][3].contains('%');
            let cumulative = &row[5 + k];
            if percent || sum.is_none() {
                assert_eq!(cumulative, "—", "{id}");
            } else {
                assert_eq!(cumulative.parse::<f64>().ok(), sum, "{id} period {k}");
            }
        }
    }
    assert!(with_values > 20, "{with_values}");

    // One line chart per indicator.
    let z = zip::ZipArchive::new(std::fs::File::open(&out).expect("open")).expect("zip");
    let charts = z
        .file_names()
        .filter(|n| n.as_ref().is_ok_and(|n| n.starts_with("xl/charts/chart")))
        .count();
    assert_eq!(charts, 20);

    // Sources: each period's file, its plan fingerprint.
    let src = table(&sheet(&out, "Nguồn"), 0, "Kỳ");
    assert!(src["2025"][5].ends_with("tong-hop-2025.xlsx"));
    assert!(src["2026"][5].ends_with("tong-hop-2026.xlsx"));
    assert_ne!(
        src["2025"][7], src["2026"][7],
        "two organisations, two fingerprints"
    );

    // The cover: Decree 30 header and the figures per period.
    let cover = sheet(&out, "Tổng kết");
    let text: String = cover
        .iter()
        .flatten()
        .cloned()
        .collect::<Vec<_>>()
        .join("\n");
    for needle in [
        "UBND TỈNH ĐẮK LẮK",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "BÁO CÁO",
        "ngày 20 tháng 12 năm 2026",
        "Nơi nhận:",
    ] {
        assert!(text.contains(needle), "cover lacks {needle:?}:\n{text}");
    }
    let due = cover
        .iter()
        .find(|r| cell(std::slice::from_ref(r), 0, 0) == "Số cơ quan phải báo cáo")
        .expect("figure row");
    assert_eq!(due[1], states[0].len().to_string());
    assert_eq!(due[2], states[1].len().to_string());

    // The same inputs give the same bytes.
    let first = w.read(OUT);
    w.run_embedded(&["summary", "th", "--out", OUT, "--force"])
        .expect_code(0);
    assert_eq!(first, w.read(OUT));
}

#[test]
fn the_lists_name_rarely_on_time_agencies_and_long_undone_tasks() {
    let w = Workdir::new();
    consolidate_both(&w);
    w.run_embedded(&[
        "summary",
        "th/tong-hop-2026.xlsx",
        "th/tong-hop-2025.xlsx",
        "--out",
        OUT,
    ])
    .expect_code(0);
    let out = w.join(OUT);
    let matrix = table(&sheet(&out, "Nộp báo cáo"), 1, "Mã cơ quan");
    let rarely = table(&sheet(&out, "Ít khi đúng hạn"), 1, "Mã cơ quan");
    assert!(!rarely.is_empty());
    for (code, row) in &matrix {
        let rate: f64 = row[7].parse().expect("rate");
        assert_eq!(rarely.contains_key(code), rate < 50.0, "{code}: {rate}");
    }
    // Every undone row has two periods or more not done.
    let undone = sheet(&out, "Nhiệm vụ chưa xong");
    let rows: Vec<_> = undone.iter().skip(3).filter(|r| !r.is_empty()).collect();
    assert!(!rows.is_empty());
    for r in rows {
        let not_done = r[5..7]
            .iter()
            .filter(|c| !matches!(c.as_str(), "Đã hoàn thành" | "—"))
            .count();
        assert!(not_done >= 2, "{r:?}");
        assert_eq!(r[7], not_done.to_string());
    }
}

/// `th/tong-hop-2025.xlsx` with `from` replaced by `to` in its data sheet, saved as `out`.
fn edit_data_sheet(w: &Workdir, out: &str, from: &str, to: &str) {
    let mut z =
        zip::ZipArchive::new(std::fs::File::open(w.join("th/tong-hop-2025.xlsx")).expect("open"))
            .expect("zip");
    let mut zw = zip::ZipWriter::new(std::fs::File::create(w.join(out)).expect("create"));
    for i in 0..z.len() {
        let mut f = z.by_index(i).expect("part");
        let name = f.name().expect("name").to_string();
        let mut bytes = Vec::new();
        f.read_to_end(&mut bytes).expect("read");
        if name == "xl/worksheets/sheet8.xml" {
            let s = String::from_utf8(bytes).expect("utf-8");
            assert!(s.contains(from));
            bytes = s.replacen(from, to, 1).into_bytes();
        }
        zw.start_file(name, zip::write::SimpleFileOptions::default())
            .expect("start");
        zw.write_all(&bytes).expect("write");
    }
    zw.finish().expect("finish");
}

#[test]
fn summary_refuses_what_it_cannot_line_up() {
    let w = Workdir::new();
    consolidate_both(&w);
    // Two workbooks of the same period: both named, and the period.
    std::fs::copy(w.join("th/tong-hop-2025.xlsx"), w.join("ban-sao-2025.xlsx")).expect("copy");
    w.run_embedded(&["summary", "th", "ban-sao-2025.xlsx", "--out", OUT])
        .expect_code(2)
        .stderr_has("`ban-sao-2025.xlsx`")
        .stderr_has("tong-hop-2025.xlsx`")
        .stderr_has("cùng là bản tổng hợp kỳ `2025`");
    assert!(!w.join(OUT).exists());
    // A submission is not a consolidation.
    let sub = repo().join("examples/submissions/2025/STTTT-2025.xlsx");
    w.run_embedded(&["summary", "th", s(&sub), "--out", OUT])
        .expect_code(2)
        .stderr_has("STTTT-2025.xlsx` không phải bản tổng hợp");
    // An unknown version of the data sheet.
    edit_data_sheet(
        &w,
        "v9.xlsx",
        "baocao-consolidated/1",
        "baocao-consolidated/9",
    );
    w.run_embedded(&["summary", "v9.xlsx", "th/tong-hop-2026.xlsx", "--out", OUT])
        .expect_code(2)
        .stderr_has("`v9.xlsx` có phiên bản `baocao-consolidated/9`");
    // Another plan.
    let plan = w.copy_plan("ke-hoach-khac");
    let yaml = plan.join("plan.yaml");
    let text = std::fs::read_to_string(&yaml).expect("plan");
    std::fs::write(
        &yaml,
        text.replacen("id: dlk-ttdn-nq47", "id: ke-hoach-khac", 1),
    )
    .expect("write");
    w.run(&["--plan", "ke-hoach-khac", "summary", "th", "--out", OUT])
        .expect_code(2)
        .stderr_has("không phải kế hoạch `ke-hoach-khac`");
    // A folder without workbooks.
    std::fs::create_dir_all(w.join("rong")).expect("mkdir");
    w.run_embedded(&["summary", "rong", "--out", OUT])
        .expect_code(2)
        .stderr_has("thư mục `rong` không có bản tổng hợp nào");
    // An existing output needs --force; English on request.
    w.write(OUT, b"old");
    w.run_embedded(&["summary", "th", "--out", OUT])
        .expect_code(2)
        .stderr_has("thêm --force");
    assert_eq!(w.read(OUT), b"old");
    w.run_embedded(&[
        "--lang",
        "en",
        "summary",
        "th",
        "ban-sao-2025.xlsx",
        "--out",
        "x.xlsx",
    ])
    .expect_code(2)
    .stderr_has("both consolidate period `2025`");
}

#[test]
fn the_summary_opens_in_openpyxl_and_libreoffice() {
    let w = Workdir::new();
    consolidate_both(&w);
    w.run_embedded(&["summary", "th", "--out", OUT])
        .expect_code(0);
    if have_python_modules(&["openpyxl"]) {
        let code = format!(
            "import openpyxl,sys\nwb=openpyxl.load_workbook({:?})\nprint('|'.join(ws.title for ws in wb))\nprint(len(wb['Chỉ tiêu theo kỳ']._charts))",
            s(&w.join(OUT))
        );
        let out = std::process::Command::new("python3")
            .args(["-c", &code])
            .output()
            .expect("python3");
        assert!(
            out.status.success(),
            "openpyxl failed:\n{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(text.starts_with(&SHEETS.join("|")), "{text}");
    } else {
        skip("python3 with openpyxl is not installed");
    }
    if !have("soffice") {
        skip("LibreOffice (soffice) is not installed");
        return;
    }
    let status = std::process::Command::new("soffice")
        .args(["--headless", "--convert-to", "pdf", "--outdir"])
        .arg(w.path())
        .arg(w.join(OUT))
        .env("HOME", w.path())
        .output()
        .expect("soffice");
    let pdf = w.join("tong-ket.pdf");
    assert!(
        pdf.exists(),
        "no PDF:\n{}",
        String::from_utf8_lossy(&status.stderr)
    );
    if let Some(text) = crate::common::pdf_text(&pdf, Some((1, 1))) {
        assert!(text.contains("BÁO CÁO"), "{text}");
        assert!(text.contains("Trang 1"), "{text}");
    }
}
