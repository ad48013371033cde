//! Submissions reshaped the way agencies reshape them (issue 17): a correctly filled template,
//! changed with openpyxl as an office would (text typed in number cells, a second sheet, a
//! cleared label, a hidden duplicate column, merged cells…), validated and consolidated by
//! the real binary. Each test asserts the figure read or the finding at its cell: nothing is
//! lost or misread without a word.

use std::path::PathBuf;

use calamine::{Data, Range, Reader, open_workbook_auto};
use serde_json::Value as Json;

use crate::common::{Workdir, have, have_python_modules, skip};

const AS_OF: &str = "2025-12-20";

/// Helpers every reshaping script may use: `find`, `right_of`, `table` and the workbook `wb`
/// (the filled SCT 2025 report), saved after the script.
const PRELUDE: &str = r#"
import sys, datetime, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
def find(ws, text):
    for row in ws.iter_rows():
        for cell in row:
            if isinstance(cell.value, str) and cell.value.strip() == text:
                return cell
    raise SystemExit(f"{text!r} not found in {ws.title!r}")
def right_of(ws, label):
    cell = find(ws, label)
    col = cell.column + 1
    for rng in ws.merged_cells.ranges:
        if rng.min_row <= cell.row <= rng.max_row and rng.min_col <= cell.column <= rng.max_col:
            col = rng.max_col + 1
    return ws.cell(row=cell.row, column=col)
def table(ws, key):
    head = find(ws, key)
    cols = {c.value: c.column for c in ws[head.row] if c.value}
    rows = {}
    r = head.row + 1
    while ws.cell(row=r, column=cols[key]).value:
        rows[ws.cell(row=r, column=cols[key]).value] = r
        r += 1
    return cols, rows
def indicator(id):
    ws = wb["Chỉ tiêu"]
    cols, rows = table(ws, "Mã chỉ tiêu")
    return ws.cell(row=rows[id], column=cols["Số liệu"])
def task_cell(id, label):
    ws = wb["Báo cáo"]
    cols, rows = table(ws, "Mã nhiệm vụ")
    return ws.cell(row=rows[id], column=cols[label])
"#;

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn python3(args: &[&std::ffi::OsStr]) {
    let out = std::process::Command::new("python3")
        .args(args)
        .output()
        .expect("run python3");
    assert!(
        out.status.success(),
        "python3 failed:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// True (after printing SKIPPED) when openpyxl is missing.
fn no_openpyxl() -> bool {
    if have_python_modules(&["openpyxl"]) {
        return false;
    }
    skip("python3 with openpyxl is not installed");
    true
}

/// Writes `rel` (e.g. `IN/SCT-2025.xlsx`): SCT's 2025 template filled correctly (no finding
/// as of 20/12/2025), then changed by `script` (openpyxl, see [`PRELUDE`]).
fn reshaped(w: &Workdir, rel: &str, script: &str) {
    reshaped_of(w, "SCT", "fill_submission.py", rel, script);
}

/// [`reshaped`] for `agency`'s template, filled by `fill` (a script of tests/scripts).
fn reshaped_of(w: &Workdir, agency: &str, fill: &str, rel: &str, script: &str) {
    let template = format!("T/{agency}-2025.xlsx");
    if !w.join(&template).exists() {
        w.run(&[
            "template",
            "--period",
            "2025",
            "--agency",
            agency,
            "--out",
            "T",
            "--as-of",
            "2025-12-01",
        ])
        .expect_code(0);
    }
    let out = w.join(rel);
    if let Some(dir) = out.parent() {
        std::fs::create_dir_all(dir).expect("mkdir");
    }
    python3(&[
        repo().join("tests/scripts").join(fill).as_os_str(),
        w.join(&template).as_os_str(),
        out.as_os_str(),
    ]);
    let code = format!("{PRELUDE}\n{script}\nwb.save(sys.argv[1])\n");
    python3(&["-c".as_ref(), code.as_ref(), out.as_os_str()]);
}

/// The findings of `validate REL --as-of 2025-12-20 --format json`, as (code, place, message).
fn findings(w: &Workdir, rel: &str) -> Vec<(String, String, String)> {
    let run = w.run(&["validate", rel, "--as-of", AS_OF, "--format", "json"]);
    assert!(run.code() <= 1, "{}\n{}", run.stdout(), run.stderr());
    let json = run.json();
    let s = |f: &Json, k: &str| f[k].as_str().unwrap_or_default().to_string();
    json["files"]
        .as_array()
        .expect("files")
        .iter()
        .flat_map(|f| f["findings"].as_array().expect("findings").iter())
        .map(|f| {
            let place = match (f["sheet"].as_str(), f["cell"].as_str()) {
                (Some(sh), Some(c)) => format!("{sh}!{c}"),
                (Some(sh), None) => sh.to_string(),
                _ => String::new(),
            };
            (s(f, "code"), place, s(f, "message"))
        })
        .collect()
}

/// Asserts exactly these (code, place) findings, each message containing its needle.
fn expect(found: &[(String, String, String)], want: &[(&str, &str, &str)]) {
    let got: Vec<(&str, &str)> = found
        .iter()
        .map(|(c, p, _)| (c.as_str(), p.as_str()))
        .collect();
    let wanted: Vec<(&str, &str)> = want.iter().map(|(c, p, _)| (*c, *p)).collect();
    assert_eq!(got, wanted, "findings: {found:#?}");
    for ((_, _, m), (_, _, needle)) in found.iter().zip(want) {
        assert!(m.contains(needle), "`{m}` lacks `{needle}`");
    }
}

/// Consolidates `IN` for 2025 into `th.xlsx` and returns the workbook.
fn consolidate(w: &Workdir) -> Book {
    let run = w.run(&[
        "consolidate",
        "IN",
        "--period",
        "2025",
        "--as-of",
        AS_OF,
        "--out",
        "th.xlsx",
        "--force",
    ]);
    assert!(run.code() <= 1, "{}", run.stderr());
    Book::open(w.join("th.xlsx"))
}

struct Book {
    sheets: Vec<(String, Range<Data>)>,
}

impl Book {
    fn open(path: PathBuf) -> Book {
        let mut wb = open_workbook_auto(&path).expect("open the consolidated workbook");
        let names = wb.sheet_names().to_vec();
        let sheets = names
            .into_iter()
            .map(|n| {
                let r = wb.worksheet_range(&n).expect("sheet");
                (n, r)
            })
            .collect();
        Book { sheets }
    }

    fn sheet(&self, name: &str) -> &Range<Data> {
        &self
            .sheets
            .iter()
            .find(|(n, _)| n == name)
            .unwrap_or_else(|| panic!("no sheet {name}"))
            .1
    }

    /// Every row of a sheet as text.
    fn rows(&self, name: &str) -> Vec<Vec<String>> {
        self.sheet(name)
            .rows()
            .map(|r| r.iter().map(cell_text).collect())
            .collect()
    }

    /// `agency`'s figure for indicator `id` in `Chỉ tiêu` (None when blank).
    fn indicator(&self, id: &str, agency: &str) -> Option<f64> {
        let r = self.sheet("Chỉ tiêu");
        let rows: Vec<Vec<Data>> = r.rows().map(<[Data]>::to_vec).collect();
        let col = rows[0]
            .iter()
            .position(|d| cell_text(d) == agency)
            .unwrap_or_else(|| panic!("no {agency} column"));
        let row = rows
            .iter()
            .find(|row| cell_text(&row[0]) == id)
            .unwrap_or_else(|| panic!("no {id} row"));
        match &row[col] {
            Data::Float(f) => Some(*f),
            Data::Int(i) => Some(*i as f64),
            _ => None,
        }
    }
}

fn cell_text(d: &Data) -> String {
    match d {
        Data::Empty => String::new(),
        Data::String(s) => s.clone(),
        other => other.to_string(),
    }
}

// ---- numbers typed as text --------------------------------------------------------------

/// `1.245` typed as text is 1245 in Vietnamese (`.` groups thousands). A count cannot be
/// 1.245, so CT08 (whole number) is 1245; an amount could be either, so CT15 (decimal) is an
/// error that names both readings, and is not consolidated as 1.245 (1,000× too small).
#[test]
fn a_dotted_number_typed_as_text_reads_one_way_or_is_refused() {
    if no_openpyxl() {
        return;
    }
    let w = Workdir::new();
    let file = "IN/SCT-2025.xlsx";
    reshaped(
        &w,
        file,
        r#"
indicator("CT08").value = "1.245"
indicator("CT15").value = "1.245"
indicator("CT14").value = "2.000.000"
"#,
    );
    let found = findings(&w, file);
    expect(
        &found,
        &[(
            "N010",
            "Chỉ tiêu!E9",
            "`1.245`, đọc được hai cách: 1245 (cách viết Việt Nam",
        )],
    );
    assert!(found[0].2.contains("hoặc 1,245"), "{}", found[0].2);
    let book = consolidate(&w);
    assert_eq!(book.indicator("CT08", "SCT"), Some(1245.0));
    assert_eq!(book.indicator("CT14", "SCT"), Some(2_000_000.0));
    assert_eq!(book.indicator("CT15", "SCT"), None);
}

/// `0.85` in a 0–100 percentage could be 0.85 % or 85 %: an error, not 0.85 %. `85%` typed as
/// text in a whole-number indicator is not 85 of a count: an error. `0,85%` (the sign
/// written) is 0.85 %.
#[test]
fn fractions_and_percent_signs_where_they_do_not_belong_are_refused() {
    if no_openpyxl() {
        return;
    }
    let w = Workdir::new();
    let file = "IN/SCT-2025.xlsx";
    reshaped(
        &w,
        file,
        r#"
indicator("CT16").value = 0.85
indicator("CT08").value = "85%"
"#,
    );
    expect(
        &findings(&w, file),
        &[
            ("N012", "Chỉ tiêu!E6", "có dấu `%`"),
            ("N011", "Chỉ tiêu!E10", "là 0,85 % hay 85 %"),
        ],
    );
    let book = consolidate(&w);
    assert_eq!(book.indicator("CT16", "SCT"), None);
    assert_eq!(book.indicator("CT08", "SCT"), None);

    reshaped(&w, file, r#"indicator("CT16").value = "0,85%""#);
    expect(&findings(&w, file), &[]);
    assert_eq!(consolidate(&w).indicator("CT16", "SCT"), Some(0.85));
}

// ---- identity ---------------------------------------------------------------------------

/// The agency code and period cells cleared: the next label on the row (`Người lập`,
/// `Điện thoại`) is not their value; the template's hidden identity recovers both, with a
/// warning at each label, and the report is consolidated as SCT's.
#[test]
fn cleared_identity_values_are_recovered_from_the_hidden_identity() {
    if no_openpyxl() {
        return;
    }
    let w = Workdir::new();
    let file = "IN/SCT-2025.xlsx";
    reshaped(
        &w,
        file,
        r#"
ws = wb["Báo cáo"]
right_of(ws, "Mã cơ quan").value = None
right_of(ws, "Kỳ báo cáo").value = None
"#,
    );
    expect(
        &findings(&w, file),
        &[
            ("I020", "Báo cáo!A10", "giá trị là `SCT`"),
            ("I020", "Báo cáo!A11", "giá trị là `2025`"),
        ],
    );
    assert_eq!(consolidate(&w).indicator("CT08", "SCT"), Some(4.0));
}

/// A visible period that contradicts the hidden identity is an error at the cell; Vietnamese
/// text is upper-cased as Unicode (`NĂM 2025`, not `NăM 2025`).
#[test]
fn a_visible_period_contradicting_the_hidden_identity_is_an_error() {
    if no_openpyxl() {
        return;
    }
    let w = Workdir::new();
    let file = "IN/SCT-2025.xlsx";
    reshaped(
        &w,
        file,
        r#"right_of(wb["Báo cáo"], "Kỳ báo cáo").value = "Năm 2025""#,
    );
    let found = findings(&w, file);
    let at_c11: Vec<_> = found
        .iter()
        .filter(|(_, p, _)| p == "Báo cáo!C11")
        .collect();
    assert!(
        at_c11
            .iter()
            .any(|(c, _, m)| c == "I021" && m.contains("`NĂM 2025`") && m.contains("`2025`")),
        "{found:#?}"
    );
}

// ---- tables on other sheets, files that are no spreadsheet ------------------------------

/// Consolidates `IN` with `--json` and returns the summary.
fn consolidate_json(w: &Workdir) -> Json {
    let run = w.run(&[
        "consolidate",
        "IN",
        "--period",
        "2025",
        "--as-of",
        AS_OF,
        "--out",
        "th.xlsx",
        "--force",
        "--json",
        "th.json",
    ]);
    assert!(run.code() <= 1, "{}", run.stderr());
    serde_json::from_slice(&w.read("th.json")).expect("summary JSON")
}

fn agency<'a>(summary: &'a Json, code: &str) -> &'a Json {
    summary["agencies"]
        .as_array()
        .expect("agencies")
        .iter()
        .find(|a| a["code"] == code)
        .unwrap_or_else(|| panic!("no agency {code}"))
}

/// A workbook carrying two agencies' tables (SCT's, and a copy relabelled for STTTT on its
/// own sheet): the second is an error at its header, and STTTT's chase-list row names the file
/// it was seen in instead of looking silent.
#[test]
fn a_second_agencys_table_in_the_same_workbook_is_reported() {
    if no_openpyxl() {
        return;
    }
    let w = Workdir::new();
    let file = "IN/SCT-2025.xlsx";
    reshaped(
        &w,
        file,
        r#"
other = wb.copy_worksheet(wb["Báo cáo"])
other.title = "STTTT"
right_of(other, "Mã cơ quan").value = "STTTT"
right_of(other, "Cơ quan báo cáo").value = "Sở Thông tin và Truyền thông"
"#,
    );
    let found = findings(&w, file);
    expect(&found, &[("S004", "STTTT!B14", "cơ quan `STTTT`")]);
    let summary = consolidate_json(&w);
    // SCT's own table is read; the file has an error (S004), so it is marked invalid.
    assert_eq!(agency(&summary, "SCT")["status"], "invalid");
    assert_eq!(agency(&summary, "SCT")["done"], 3);
    let sttt = agency(&summary, "STTTT");
    assert_eq!(sttt["status"], "missing");
    assert_eq!(sttt["other_file_names"][0], "SCT-2025.xlsx", "{sttt}");
    let book = consolidate(&w);
    let chase: Vec<String> = book
        .rows("Chưa nộp, trễ hạn")
        .into_iter()
        .flatten()
        .filter(|c| c.contains("SCT-2025.xlsx"))
        .collect();
    assert!(
        chase.iter().any(|c| c.contains("S004")),
        "the chase list says where STTTT's table is: {chase:?}"
    );
}

/// The agency filled a copy of the sheet and left the original blank beside it: the filled
/// copy is read (no finding about blank statuses on the original), and the original is
/// reported as the copy not read.
#[test]
fn the_filled_copy_is_read_not_the_blank_original_beside_it() {
    if no_openpyxl() {
        return;
    }
    let w = Workdir::new();
    let file = "IN/SCT-2025.xlsx";
    reshaped(
        &w,
        file,
        r#"
wb.copy_worksheet(wb["Báo cáo"]).title = "Báo cáo (đã điền)"
for id in ["III.5.1", "III.5.2", "III.5.3", "III.12.1", "III.12.2"]:
    for label in ["Tình trạng", "Ngày hoàn thành", "Kết quả thực hiện", "Khó khăn, vướng mắc"]:
        task_cell(id, label).value = None
"#,
    );
    expect(
        &findings(&w, file),
        &[(
            "S005",
            "Báo cáo!B14",
            "baocao đọc bản ở sheet `Báo cáo (đã điền)`",
        )],
    );
}

/// A report sent as `.csv` and a stray `.pdf` in the folder: both listed in `Nguồn`, each with
/// F014, and the `.csv` counted under the agency its name gives.
#[test]
fn every_file_in_the_folder_is_listed_in_nguon() {
    if no_openpyxl() {
        return;
    }
    let w = Workdir::new();
    reshaped(&w, "IN/SCT-2025.xlsx", "");
    w.write(
        "IN/STTTT-2025.csv",
        "Mã nhiệm vụ;Tình trạng\nIII.3.1;Đã hoàn thành\n",
    );
    w.write("IN/cong-van.pdf", b"%PDF-1.4\n%\xe2\xe3\n");
    let summary = consolidate_json(&w);
    let paths: Vec<&str> = summary["files"]
        .as_array()
        .expect("files")
        .iter()
        .map(|f| f["path"].as_str().unwrap_or_default())
        .collect();
    assert_eq!(paths, ["SCT-2025.xlsx", "STTTT-2025.csv", "cong-van.pdf"]);
    assert_eq!(
        agency(&summary, "STTTT")["other_file_names"][0],
        "STTTT-2025.csv"
    );
    let book = consolidate(&w);
    let nguon: Vec<String> = book
        .rows("Nguồn")
        .into_iter()
        .map(|r| r.join(" | "))
        .collect();
    for name in ["STTTT-2025.csv", "cong-van.pdf"] {
        assert!(
            nguon.iter().any(|r| r.contains(name)),
            "{name} not in Nguồn: {nguon:#?}"
        );
    }
    let errors: Vec<String> = book
        .rows("Lỗi, cảnh báo")
        .into_iter()
        .map(|r| r.join(" | "))
        .filter(|r| r.contains("F014"))
        .collect();
    assert_eq!(errors.len(), 2, "{errors:#?}");
}

/// A table header pushed below row 50 (60 rows inserted above the indicator table) is still
/// found: the search is not capped at a row count.
#[test]
fn a_header_below_row_50_is_found() {
    if no_openpyxl() {
        return;
    }
    let w = Workdir::new();
    let file = "IN/SCT-2025.xlsx";
    reshaped(&w, file, r#"wb["Chỉ tiêu"].insert_rows(1, 60)"#);
    expect(&findings(&w, file), &[]);
    assert_eq!(consolidate(&w).indicator("CT08", "SCT"), Some(4.0));
}

// ---- merged cells -------------------------------------------------------------------------

/// A status and a result merged over two task rows: the second task reads as a person sees it
/// (the merged value), with a warning at each covered cell, not as a blank status (T005) or a
/// lost result (T007).
#[test]
fn cells_merged_over_two_task_rows_read_as_shown_with_a_warning() {
    if no_openpyxl() {
        return;
    }
    let w = Workdir::new();
    let file = "IN/SCT-2025.xlsx";
    reshaped(
        &w,
        file,
        r#"
task_cell("III.5.2", "Ngày hoàn thành").value = datetime.date(2025, 6, 15)
ws = wb["Báo cáo"]
status = task_cell("III.5.1", "Tình trạng")
result = task_cell("III.5.1", "Kết quả thực hiện")
ws.merge_cells(start_row=status.row, start_column=status.column, end_row=status.row + 1, end_column=status.column)
ws.merge_cells(start_row=result.row, start_column=result.column, end_row=result.row + 1, end_column=result.column)
"#,
    );
    expect(
        &findings(&w, file),
        &[
            (
                "S006",
                "Báo cáo!E16",
                "baocao đọc giá trị `Đã hoàn thành` của ô E15 cho cả nhiệm vụ `III.5.2`",
            ),
            ("S006", "Báo cáo!G16", "vùng gộp G15:G16"),
        ],
    );
    let summary = consolidate_json(&w);
    assert_eq!(agency(&summary, "SCT")["done"], 4);
}

/// `soffice --convert-to EXT` of `rel` into `dir`; the converted file's path.
fn libreoffice(w: &Workdir, rel: &str, ext: &str, dir: &str) -> PathBuf {
    let profile = w.join("lo-profile");
    let out = std::process::Command::new("soffice")
        .arg(format!(
            "-env:UserInstallation=file://{}",
            profile.display()
        ))
        .args(["--headless", "--convert-to", ext, "--outdir"])
        .arg(w.join(dir))
        .arg(w.join(rel))
        .output()
        .expect("run soffice");
    let stem = PathBuf::from(rel);
    let name = format!(
        "{}.{ext}",
        stem.file_stem().expect("stem").to_string_lossy()
    );
    let path = w.join(dir).join(name);
    assert!(
        path.exists(),
        "soffice failed:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    path
}

/// The same merged cells in the `.xls` and `.ods` LibreOffice saves: the merges come from the
/// BIFF records and from `content.xml` (`table:number-rows-spanned`), and the figures are the
/// same.
#[test]
fn cells_merged_over_two_task_rows_in_xls_and_ods_saved_by_libreoffice() {
    if no_openpyxl() {
        return;
    }
    if !have("soffice") {
        skip("LibreOffice (soffice) is not installed");
        return;
    }
    for ext in ["xls", "ods"] {
        let w = Workdir::new();
        reshaped(
            &w,
            "SRC/SCT-2025.xlsx",
            r#"
task_cell("III.5.2", "Ngày hoàn thành").value = datetime.date(2025, 6, 15)
ws = wb["Báo cáo"]
status = task_cell("III.5.1", "Tình trạng")
ws.merge_cells(start_row=status.row, start_column=status.column, end_row=status.row + 1, end_column=status.column)
"#,
        );
        libreoffice(&w, "SRC/SCT-2025.xlsx", ext, "IN");
        let found = findings(&w, &format!("IN/SCT-2025.{ext}"));
        let merged: Vec<_> = found.iter().filter(|(c, _, _)| c == "S006").collect();
        assert_eq!(merged.len(), 1, "{ext}: {found:#?}");
        assert_eq!(merged[0].1, "Báo cáo!E16", "{ext}");
        assert!(
            !found.iter().any(|(c, _, _)| c == "T005"),
            "{ext}: {found:#?}"
        );
        assert_eq!(agency(&consolidate_json(&w), "SCT")["done"], 4, "{ext}");
    }
}

// ---- duplicate columns --------------------------------------------------------------------

/// A second `Kết quả thực hiện` column inserted before the real one, hidden and empty: the
/// column with the results is read (no T007 "no result" on every task), with a warning at the
/// unread column; when the extra column holds data too, it is an error.
#[test]
fn a_hidden_empty_duplicate_column_does_not_hide_the_results() {
    if no_openpyxl() {
        return;
    }
    let w = Workdir::new();
    let file = "IN/SCT-2025.xlsx";
    let insert = r#"
ws = wb["Báo cáo"]
head = find(ws, "Kết quả thực hiện")
row, col = head.row, head.column
ws.insert_cols(col)
ws.cell(row=row, column=col).value = "Kết quả thực hiện"
ws.column_dimensions["G"].hidden = True
"#;
    reshaped(&w, file, insert);
    expect(
        &findings(&w, file),
        &[(
            "S007",
            "Báo cáo!G14",
            "cột ở G14 trống nên không đọc; baocao đọc cột ở H14",
        )],
    );
    let summary = consolidate_json(&w);
    assert_eq!(agency(&summary, "SCT")["warnings"], 1);

    let stale = format!("{insert}\nws.cell(row=row + 1, column=col).value = \"bản cũ\"\n");
    reshaped(&w, file, &stale);
    let found = findings(&w, file);
    expect(
        &found,
        &[("S007", "Báo cáo!G14", "cả hai cột đều có dữ liệu")],
    );
}

// ---- look-alikes and near misses --------------------------------------------------------

/// A look-alike `Ð` (U+00D0) or a zero-width space in a status: read as the status a person
/// sees, with a warning naming the character and its position. Near misses are errors that
/// suggest the value meant.
#[test]
fn look_alikes_are_named_and_near_misses_get_a_suggestion() {
    if no_openpyxl() {
        return;
    }
    let w = Workdir::new();
    let file = "IN/SCT-2025.xlsx";
    reshaped(
        &w,
        file,
        r#"
task_cell("III.5.1", "Tình trạng").value = "\u00d0ã hoàn thành"
task_cell("III.5.2", "Tình trạng").value = "Đang thực\u200b hiện"
task_cell("III.12.1", "Tình trạng").value = "Hoàn thành"
task_cell("III.12.2", "Tình trạng").value = "Đã hoàn thành."
task_cell("III.5.1", "Ngày hoàn thành").value = "10/12/25"
right_of(wb["Báo cáo"], "Ngày báo cáo").value = "ngày 10 tháng 12 năm 2025"
"#,
    );
    expect(
        &findings(&w, file),
        &[
            ("I007", "Báo cáo!F9", "— có phải `10/12/2025`?"),
            (
                "T008",
                "Báo cáo!E15",
                "`Ð` (U+00D0, trông giống `Đ` U+0110) ở vị trí 1",
            ),
            ("D002", "Báo cáo!F15", "— có phải `10/12/2025`?"),
            ("T008", "Báo cáo!E16", "ký tự ẩn U+200B ở vị trí 10"),
            ("T006", "Báo cáo!E18", "— có phải `Đã hoàn thành`?"),
            ("T006", "Báo cáo!E19", "— có phải `Đã hoàn thành`?"),
        ],
    );
}

// ---- a folder of variants -----------------------------------------------------------------

/// One folder holding several reshaped reports and a report sent as `.csv`: the consolidated
/// figures are what a person reading the files would count, and every file is in `Nguồn`.
#[test]
fn a_folder_of_reshaped_reports_consolidates_to_what_a_person_counts() {
    if no_openpyxl() {
        return;
    }
    let w = Workdir::new();
    // SCT: a status merged over two tasks that both show it, a count typed `1.245`.
    reshaped(
        &w,
        "IN/SCT-2025.xlsx",
        r#"
task_cell("III.5.2", "Ngày hoàn thành").value = datetime.date(2025, 6, 15)
ws = wb["Báo cáo"]
status = task_cell("III.5.1", "Tình trạng")
ws.merge_cells(start_row=status.row, start_column=status.column, end_row=status.row + 1, end_column=status.column)
indicator("CT08").value = "1.245"
"#,
    );
    // BDT: agency code and period cleared, an empty hidden duplicate result column, a count
    // typed `1.245`.
    reshaped_of(
        &w,
        "BDT",
        "fill_template.py",
        "IN/BDT-2025.xlsx",
        r#"
ws = wb["Báo cáo"]
right_of(ws, "Mã cơ quan").value = None
right_of(ws, "Kỳ báo cáo").value = None
head = find(ws, "Kết quả thực hiện")
row, col = head.row, head.column
ws.insert_cols(col)
ws.cell(row=row, column=col).value = "Kết quả thực hiện"
ws.column_dimensions["G"].hidden = True
indicator("CT14").value = "1.245"
"#,
    );
    w.write(
        "IN/BQL_KCN-2025.csv",
        "Mã nhiệm vụ;Tình trạng\nIII.12.1;Đã hoàn thành\n",
    );
    let summary = consolidate_json(&w);
    let paths: Vec<&str> = summary["files"]
        .as_array()
        .expect("files")
        .iter()
        .map(|f| f["path"].as_str().unwrap_or_default())
        .collect();
    assert_eq!(
        paths,
        ["BDT-2025.xlsx", "BQL_KCN-2025.csv", "SCT-2025.xlsx"]
    );
    let (sct, bdt) = (agency(&summary, "SCT"), agency(&summary, "BDT"));
    assert_eq!(
        (&sct["done"], &sct["errors"]),
        (&4.into(), &0.into()),
        "{sct}"
    );
    assert_eq!(
        (&bdt["done"], &bdt["errors"]),
        (&2.into(), &0.into()),
        "{bdt}"
    );
    assert_eq!(
        agency(&summary, "BQL_KCN")["other_file_names"][0],
        "BQL_KCN-2025.csv"
    );
    let book = consolidate(&w);
    assert_eq!(book.indicator("CT08", "SCT"), Some(1245.0));
    assert_eq!(book.indicator("CT14", "BDT"), Some(1245.0));
    assert_eq!(book.indicator("CT14", "SCT"), Some(2.0));
    let nguon: Vec<String> = book
        .rows("Nguồn")
        .into_iter()
        .map(|r| r.join(" | "))
        .collect();
    for name in paths {
        assert!(nguon.iter().any(|r| r.contains(name)), "{name}: {nguon:#?}");
    }
}

// ---- formulas -----------------------------------------------------------------------------

/// A figure written as a formula by a program that does not calculate (openpyxl stores no
/// value): an error at the cell naming the formula, not a mere "no figure yet" warning.
#[test]
fn a_formula_saved_without_its_value_is_an_error_at_the_cell() {
    if no_openpyxl() {
        return;
    }
    let w = Workdir::new();
    let file = "IN/SCT-2025.xlsx";
    reshaped(&w, file, r#"indicator("CT08").value = "=2+2""#);
    expect(&findings(&w, file), &[("E002", "Chỉ tiêu!E6", "`=2+2`")]);
    assert_eq!(consolidate(&w).indicator("CT08", "SCT"), None);
}

/// A cell formatted as a percentage shows its `%`: `0.85%` (stored 0.0085) in a 0–100
/// percentage is 0.85, not a fraction typed by mistake; `85%` (stored 0.85) in a whole-number
/// indicator is refused like the text `85%`.
#[test]
fn a_percentage_format_counts_as_a_percent_sign() {
    if no_openpyxl() {
        return;
    }
    let w = Workdir::new();
    let file = "IN/SCT-2025.xlsx";
    reshaped(
        &w,
        file,
        r#"
c = indicator("CT16"); c.value = 0.0085; c.number_format = "0.00%"
c = indicator("CT08"); c.value = 0.85; c.number_format = "0%"
"#,
    );
    expect(&findings(&w, file), &[("N012", "Chỉ tiêu!E6", "`85%`")]);
    let book = consolidate(&w);
    assert_eq!(book.indicator("CT16", "SCT"), Some(0.85));
    assert_eq!(book.indicator("CT08", "SCT"), None);
}

/// An office hides the old row of a task and types the corrected one below the table: the
/// hidden row is not read (S008 at its ID cell), the visible one is, with no "listed twice".
#[test]
fn a_hidden_stale_row_is_not_read_and_is_said_at_its_cell() {
    if no_openpyxl() {
        return;
    }
    let w = Workdir::new();
    let file = "IN/SCT-2025.xlsx";
    reshaped(&w, file, "");
    let plain = consolidate_json(&w);
    let done = agency(&plain, "SCT")["done"].as_u64().expect("done");
    let not_started = agency(&plain, "SCT")["not_started"].as_u64();
    reshaped(
        &w,
        file,
        r#"
ws = wb["Báo cáo"]
cols, rows = table(ws, "Mã nhiệm vụ")
old = rows["III.5.1"]
new = max(rows.values()) + 1
for label in ("Mã nhiệm vụ", "Tình trạng", "Ngày hoàn thành", "Kết quả thực hiện"):
    ws.cell(row=new, column=cols[label]).value = ws.cell(row=old, column=cols[label]).value
ws.cell(row=old, column=cols["Tình trạng"]).value = "Chưa thực hiện"
ws.cell(row=old, column=cols["Ngày hoàn thành"]).value = None
ws.cell(row=old, column=cols["Kết quả thực hiện"]).value = "(bản cũ)"
ws.row_dimensions[old].hidden = True
"#,
    );
    expect(
        &findings(&w, file),
        &[(
            "S008",
            "Báo cáo!B15",
            "dòng 15 (`III.5.1`) đang ẩn nên không được đọc",
        )],
    );
    let summary = consolidate_json(&w);
    assert_eq!(
        agency(&summary, "SCT")["done"].as_u64(),
        Some(done),
        "{summary}"
    );
    // The stale "Chưa thực hiện" of the hidden row counts nowhere.
    assert_eq!(agency(&summary, "SCT")["not_started"].as_u64(), not_started);
}
