//! `baocao template`: the files written, what they contain (read back with calamine, unzipped
//! XML, openpyxl), refusals, reproducible bytes, and a LibreOffice round trip to PDF.

use std::collections::{BTreeMap, BTreeSet};
use std::io::Read;
use std::path::{Path, PathBuf};

use calamine::{Data, Range, Reader, SheetVisible, open_workbook_auto};
use serde_json::Value;

use crate::common::{Workdir, have, have_python_modules, skip};

const AS_OF: &str = "2025-11-01";
const SHEETS: [&str; 4] = ["Báo cáo", "Chỉ tiêu", "Hướng dẫn", "_baocao"];
const TASK_HEADER: [&str; 9] = [
    "STT",
    "Mã nhiệm vụ",
    "Nội dung nhiệm vụ",
    "Thời hạn",
    "Tình trạng",
    "Ngày hoàn thành",
    "Kết quả thực hiện",
    "Khó khăn, vướng mắc",
    "Ghi chú",
];
const INDICATOR_HEADER: [&str; 6] = [
    "STT",
    "Mã chỉ tiêu",
    "Tên chỉ tiêu",
    "Đơn vị tính",
    "Số liệu",
    "Ghi chú",
];

/// The whole plan as `plan show --format json` prints it, with the period's reporters.
fn plan_json(w: &Workdir) -> Value {
    w.run(&["plan", "show", "--period", "2025", "--format", "json"])
        .expect_code(0)
        .json()
}

fn strings(v: &Value) -> Vec<String> {
    v.as_array()
        .unwrap_or_else(|| panic!("not an array: {v}"))
        .iter()
        .map(|s| s.as_str().expect("string").to_string())
        .collect()
}

fn text(d: &Data) -> String {
    match d {
        Data::String(s) => s.trim().to_string(),
        Data::Empty => String::new(),
        other => other.to_string(),
    }
}

/// A sheet read with calamine, addressed by absolute (row, col).
struct Sheet {
    range: Range<Data>,
}

impl Sheet {
    fn cell(&self, r: u32, c: u32) -> String {
        self.range.get_value((r, c)).map(text).unwrap_or_default()
    }
    fn rows(&self) -> std::ops::RangeInclusive<u32> {
        let (r0, _) = self.range.start().unwrap_or((0, 0));
        let (r1, _) = self.range.end().unwrap_or((0, 0));
        r0..=r1
    }
    fn cols(&self) -> std::ops::RangeInclusive<u32> {
        let (_, c0) = self.range.start().unwrap_or((0, 0));
        let (_, c1) = self.range.end().unwrap_or((0, 0));
        c0..=c1
    }
    /// The value of an identity label: the nearest non-empty cell to its right.
    fn label_value(&self, label: &str) -> Option<String> {
        for r in self.rows() {
            for c in self.cols() {
                if self.cell(r, c) == label {
                    return Some(
                        (c + 1..=*self.cols().end())
                            .map(|cc| self.cell(r, cc))
                            .find(|v| !v.is_empty())
                            .unwrap_or_default(),
                    );
                }
            }
        }
        None
    }
    /// The header row holding `key`, and every header label by column.
    fn header(&self, key: &str) -> (u32, Vec<String>) {
        for r in self.rows().take(50) {
            if self.cols().any(|c| self.cell(r, c) == key) {
                let labels = self.cols().map(|c| self.cell(r, c)).collect();
                return (r, labels);
            }
        }
        panic!("no header row with {key:?}");
    }
    /// Non-blank values of the column labelled `key` below the header.
    fn column_below(&self, key: &str) -> Vec<String> {
        let (hr, labels) = self.header(key);
        let col =
            labels.iter().position(|l| l == key).expect("key column") as u32 + self.cols().start();
        (hr + 1..=*self.rows().end())
            .map(|r| self.cell(r, col))
            .filter(|v| !v.is_empty())
            .collect()
    }
}

struct Book {
    names: Vec<String>,
    visibility: BTreeMap<String, SheetVisible>,
    sheets: BTreeMap<String, Sheet>,
}

fn read_book(path: &Path) -> Book {
    let mut wb = open_workbook_auto(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let names = wb.sheet_names();
    let visibility = wb
        .sheets_metadata()
        .iter()
        .map(|s| (s.name.clone(), s.visible))
        .collect();
    let sheets = names
        .iter()
        .map(|n| {
            let range = wb.worksheet_range(n).expect("sheet");
            (n.clone(), Sheet { range })
        })
        .collect();
    Book {
        names,
        visibility,
        sheets,
    }
}

fn zip_entry(path: &Path, name: &str) -> String {
    let f = std::fs::File::open(path).expect("open xlsx");
    let mut z = zip::ZipArchive::new(f).expect("xlsx is a zip");
    let mut entry = z
        .by_name(name)
        .unwrap_or_else(|e| panic!("{name} in {}: {e}", path.display()));
    let mut s = String::new();
    entry.read_to_string(&mut s).expect("utf-8 xml");
    s
}

fn written_files(dir: &Path) -> BTreeSet<String> {
    std::fs::read_dir(dir)
        .expect("out dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect()
}

#[test]
fn writes_one_template_per_expected_agency_with_the_plan_prefilled() {
    let w = Workdir::new();
    let plan = plan_json(&w);
    let reporters = strings(&plan["period"]["reporters"]);
    assert_eq!(
        reporters.len(),
        54,
        "the shipped plan expects 54 reports for 2025"
    );

    let run = w.run(&[
        "template", "--period", "2025", "--out", "T", "--as-of", AS_OF,
    ]);
    run.expect_code(0);
    assert_eq!(run.stdout().lines().count(), 54, "{}", run.stdout());
    run.stdout_has("đã ghi ").stdout_has("STTTT-2025.xlsx (");
    let expected: BTreeSet<String> = reporters.iter().map(|c| format!("{c}-2025.xlsx")).collect();
    assert_eq!(written_files(&w.join("T")), expected);

    let by_code: BTreeMap<String, &Value> = plan["agencies"]
        .as_array()
        .expect("agencies")
        .iter()
        .map(|a| (a["code"].as_str().expect("code").to_string(), a))
        .collect();
    let fingerprint = plan["plan"]["fingerprint"].as_str().expect("fingerprint");
    for code in &reporters {
        let a = by_code[code];
        let path = w.join(&format!("T/{code}-2025.xlsx"));
        let book = read_book(&path);
        assert_eq!(book.names, SHEETS, "{code}");
        assert_eq!(
            book.visibility["_baocao"],
            SheetVisible::VeryHidden,
            "{code}"
        );
        assert_eq!(book.visibility["Báo cáo"], SheetVisible::Visible, "{code}");

        let report = &book.sheets["Báo cáo"];
        let name = a["name"].as_str().expect("name");
        assert_eq!(report.label_value("Cơ quan báo cáo").as_deref(), Some(name));
        assert_eq!(
            report.label_value("Mã cơ quan").as_deref(),
            Some(code.as_str())
        );
        assert_eq!(report.label_value("Kỳ báo cáo").as_deref(), Some("2025"));
        for blank in ["Ngày báo cáo", "Người lập", "Điện thoại"] {
            assert_eq!(
                report.label_value(blank).as_deref(),
                Some(""),
                "{code} {blank}"
            );
        }
        let (_, header) = report.header("Mã nhiệm vụ");
        assert_eq!(header, TASK_HEADER, "{code}");
        assert_eq!(
            report.column_below("Mã nhiệm vụ"),
            strings(&a["tasks"]),
            "{code}"
        );
        assert!(
            report.column_below("Tình trạng").is_empty(),
            "{code}: status prefilled"
        );

        let inds = &book.sheets["Chỉ tiêu"];
        let (_, header) = inds.header("Mã chỉ tiêu");
        assert_eq!(header, INDICATOR_HEADER, "{code}");
        assert_eq!(
            inds.column_below("Mã chỉ tiêu"),
            strings(&a["indicators"]),
            "{code}"
        );
        assert!(
            inds.column_below("Số liệu").is_empty(),
            "{code}: values prefilled"
        );

        let id = &book.sheets["_baocao"];
        let pairs: BTreeMap<String, String> =
            id.rows().map(|r| (id.cell(r, 0), id.cell(r, 1))).collect();
        let want: BTreeMap<String, String> = [
            ("baocao_template", "baocao-template/1"),
            ("baocao_plan_id", plan["plan"]["id"].as_str().expect("id")),
            (
                "baocao_plan_version",
                plan["plan"]["version"].as_str().expect("version"),
            ),
            ("baocao_plan_fingerprint", fingerprint),
            ("baocao_agency", code.as_str()),
            ("baocao_period", "2025"),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
        assert_eq!(pairs, want, "{code}");
    }
}

#[test]
fn report_sheet_reads_like_a_decree_30_report() {
    let w = Workdir::new();
    w.run(&[
        "template", "--period", "2025", "--agency", "STTTT", "--out", "T", "--as-of", AS_OF,
    ])
    .expect_code(0)
    .stdout_has("STTTT-2025.xlsx (7 nhiệm vụ, 13 chỉ tiêu)");
    let book = read_book(&w.join("T/STTTT-2025.xlsx"));
    let report = &book.sheets["Báo cáo"];
    let all: Vec<String> = report
        .rows()
        .flat_map(|r| report.cols().map(move |c| (r, c)))
        .map(|(r, c)| report.cell(r, c))
        .filter(|v| !v.is_empty())
        .collect();
    for needle in [
        "UBND TỈNH ĐẮK LẮK",
        "SỞ THÔNG TIN VÀ TRUYỀN THÔNG",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "BÁO CÁO",
        "NGƯỜI LẬP BIỂU",
        "THỦ TRƯỞNG CƠ QUAN",
    ] {
        assert!(
            all.iter().any(|v| v == needle),
            "missing {needle:?} in {all:#?}"
        );
    }
    assert!(
        all.iter()
            .any(|v| v.starts_with("Kết quả thực hiện Kế hoạch") && v.ends_with("kỳ năm 2025")),
        "subject line missing: {all:#?}"
    );
    assert!(
        all.iter()
            .any(|v| v.contains("Số liệu từ 15/12/2024 đến 14/12/2025") && v.contains("19/12/2025")),
        "window and due date missing: {all:#?}"
    );
    // The signature block stays out of the task-ID column: the IDs below the header are
    // exactly the plan's.
    let ids = report.column_below("Mã nhiệm vụ");
    assert!(ids.iter().all(|id| id.starts_with("III.")), "{ids:?}");
    let deadlines = report.column_below("Thời hạn");
    assert_eq!(deadlines.len(), ids.len());
    assert!(
        deadlines
            .iter()
            .any(|d| d == "Hằng kỳ báo cáo" || d == "Thường xuyên"),
        "{deadlines:?}"
    );

    let guide = &book.sheets["Hướng dẫn"];
    let guide_text: String = guide.rows().map(|r| guide.cell(r, 0) + "\n").collect();
    for needle in [
        "dd/mm/yyyy",
        "Để trống nếu chưa có số liệu, ghi 0 nếu bằng 0",
        "Đã hoàn thành",
        "Đang thực hiện",
        "Chưa thực hiện",
        "19/12/2025",
        "Sở Thông tin và Truyền thông",
        ".xlsx",
    ] {
        assert!(
            guide_text.contains(needle),
            "guide lacks {needle:?}:\n{guide_text}"
        );
    }
}

#[test]
fn agency_codes_are_case_insensitive_and_deduplicated() {
    let w = Workdir::new();
    let run = w.run(&[
        "template",
        "--period",
        "2025",
        "--agency",
        "stttt",
        "--agency",
        "STTTT",
        "--agency",
        "sct",
        "--out",
        "out/nested",
        "--as-of",
        AS_OF,
    ]);
    run.expect_code(0);
    assert_eq!(run.stdout().lines().count(), 2, "{}", run.stdout());
    assert_eq!(
        written_files(&w.join("out/nested")),
        BTreeSet::from(["SCT-2025.xlsx".to_string(), "STTTT-2025.xlsx".to_string()])
    );
}

#[test]
fn an_agency_not_expected_to_report_gets_a_warning_and_a_template() {
    let w = Workdir::new();
    let plan = plan_json(&w);
    let reporters: BTreeSet<String> = strings(&plan["period"]["reporters"]).into_iter().collect();
    let other = plan["agencies"]
        .as_array()
        .expect("agencies")
        .iter()
        .map(|a| a["code"].as_str().expect("code").to_string())
        .find(|c| !reporters.contains(c))
        .expect("the shipped plan has an agency that leads no task");
    let run = w.run(&[
        "template", "--period", "2025", "--agency", &other, "--out", "T", "--as-of", AS_OF,
    ]);
    run.expect_code(0).stderr_has(&format!(
        "cảnh báo: cơ quan `{other}` không thuộc danh sách phải báo cáo kỳ `2025`"
    ));
    let book = read_book(&w.join(&format!("T/{other}-2025.xlsx")));
    assert!(
        book.sheets["Báo cáo"]
            .column_below("Mã nhiệm vụ")
            .is_empty()
    );
}

#[test]
fn unknown_agency_is_refused_before_writing() {
    let w = Workdir::new();
    w.run(&[
        "template", "--period", "2025", "--agency", "STTTT", "--agency", "NOPE", "--out", "T",
    ])
    .expect_code(2)
    .stderr_has("lỗi: không có cơ quan mã `NOPE` trong kế hoạch")
    .stderr_has("các mã hợp lệ: ");
    assert!(!w.join("T").exists(), "nothing may be written");
}

#[test]
fn period_the_plan_does_not_define_is_refused() {
    let w = Workdir::new();
    // Quarterly reports are disabled in the shipped plan.
    w.run(&["template", "--period", "2025-Q3", "--out", "T"])
        .expect_code(2)
        .stderr_has("lỗi: kỳ `2025-Q3` là kỳ quý, nhưng kế hoạch không bật loại kỳ này (`periods.quarter.enabled: false` trong plan.yaml)")
        .stderr_has("kỳ dùng được với kế hoạch này, ví dụ: `2025`\n");
    let run = w.run(&["template", "--period", "năm nay", "--out", "T"]);
    run.expect_code(2)
        .stderr_has("kế hoạch không có kỳ báo cáo `năm nay`")
        .stderr_has("kỳ dùng được với kế hoạch này, ví dụ: `");
    // Only the kinds the plan enables are offered as examples.
    assert!(!run.stderr().contains("Q3"), "{}", run.stderr());
    w.run_env(
        &["template", "--period", "2025-Q3", "--out", "T"],
        &[("BAOCAO_LANG", "en")],
    )
    .expect_code(2)
    .stderr_has("error: `2025-Q3` is a quarterly period, but the plan does not enable that kind")
    .stderr_has("periods this plan accepts, e.g.: `2025`");
    assert!(!w.join("T").exists());
}

#[test]
fn bad_as_of_is_refused() {
    let w = Workdir::new();
    w.run(&[
        "template",
        "--period",
        "2025",
        "--as-of",
        "2025-02-30",
        "--out",
        "T",
    ])
    .expect_code(2)
    .stderr_has("ngày `2025-02-30` không có thật: tháng 2/2025 chỉ có 28 ngày");
}

#[test]
fn existing_file_is_kept_without_force_and_nothing_else_written() {
    let w = Workdir::new();
    let kept = w.write("T/STTTT-2025.xlsx", "do not touch");
    w.run(&[
        "template", "--period", "2025", "--agency", "SCT", "--agency", "STTTT", "--out", "T",
    ])
    .expect_code(2)
    .stderr_has("STTTT-2025.xlsx")
    .stderr_has("--force");
    assert_eq!(std::fs::read(&kept).expect("kept"), b"do not touch");
    assert!(
        !w.join("T/SCT-2025.xlsx").exists(),
        "targets are all checked before writing"
    );
    w.run(&[
        "template", "--period", "2025", "--agency", "SCT", "--agency", "STTTT", "--out", "T",
        "--force",
    ])
    .expect_code(0);
    assert_ne!(std::fs::read(&kept).expect("rewritten"), b"do not touch");
    let leftovers: Vec<String> = written_files(&w.join("T"))
        .into_iter()
        .filter(|n| !n.ends_with(".xlsx"))
        .collect();
    assert!(leftovers.is_empty(), "temporary files left: {leftovers:?}");
}

#[test]
fn same_inputs_give_identical_bytes() {
    let w = Workdir::new();
    let args = |out: &'static str, as_of: &'static str| {
        vec![
            "template", "--period", "2025", "--out", out, "--as-of", as_of, "--force",
        ]
    };
    w.run(&args("A", AS_OF)).expect_code(0);
    let first: BTreeMap<String, Vec<u8>> = written_files(&w.join("A"))
        .into_iter()
        .map(|n| {
            let b = w.read(&format!("A/{n}"));
            (n, b)
        })
        .collect();
    w.run(&args("A", AS_OF)).expect_code(0);
    for (n, bytes) in &first {
        assert!(
            w.read(&format!("A/{n}")) == *bytes,
            "{n} differs between two runs"
        );
    }
    // The as-of date is the creation date, and the only thing that changes.
    w.run(&args("B", "2025-11-02")).expect_code(0);
    let other = w.join("B/STTTT-2025.xlsx");
    assert_ne!(std::fs::read(&other).expect("B"), first["STTTT-2025.xlsx"]);
    assert!(zip_entry(&other, "docProps/core.xml").contains("2025-11-02T00:00:00Z"));
}

#[test]
fn xml_carries_validations_protection_and_identity() {
    let w = Workdir::new();
    w.run(&[
        "template", "--period", "2025", "--agency", "STTTT", "--out", "T", "--as-of", AS_OF,
    ])
    .expect_code(0);
    let path = w.join("T/STTTT-2025.xlsx");

    let report = zip_entry(&path, "xl/worksheets/sheet1.xml");
    assert!(
        report.contains("<dataValidation type=\"list\""),
        "no status dropdown"
    );
    assert!(
        report.contains("<formula1>\"Đã hoàn thành,Đang thực hiện,Chưa thực hiện\"</formula1>"),
        "status list values"
    );
    assert!(report.contains("type=\"date\""), "no date validation");
    assert!(
        report.contains("promptTitle=\"Ngày hoàn thành\""),
        "no input message"
    );
    assert!(
        report.contains("<sheetProtection"),
        "report sheet not protected"
    );
    assert!(
        !report.contains("password="),
        "protection must have no password"
    );
    assert!(report.contains("formatRows=\"0\"") && report.contains("formatColumns=\"0\""));
    assert!(report.contains("<pane ySplit="), "no frozen header");
    assert!(report.contains("paperSize=\"9\"") && report.contains("orientation=\"landscape\""));
    assert!(report.contains("<pageSetUpPr fitToPage=\"1\"/>"));

    let inds = zip_entry(&path, "xl/worksheets/sheet2.xml");
    assert!(inds.contains("<sheetProtection"));
    assert!(inds.contains("type=\"whole\" operator=\"greaterThanOrEqual\""));
    assert!(
        inds.contains("type=\"list\""),
        "Có/Không list for the boolean indicator"
    );
    assert!(inds.contains("<formula1>\"Có,Không\"</formula1>"));

    let workbook = zip_entry(&path, "xl/workbook.xml");
    assert!(
        workbook.contains("<sheet name=\"_baocao\" sheetId=\"4\" state=\"veryHidden\""),
        "{workbook}"
    );
    assert!(workbook.contains("'Báo cáo'!$") && workbook.contains("_xlnm.Print_Titles"));

    let custom = zip_entry(&path, "docProps/custom.xml");
    for (k, v) in [
        ("baocao_template", "baocao-template/1"),
        ("baocao_agency", "STTTT"),
        ("baocao_period", "2025"),
        ("baocao_plan_id", "dlk-ttdn-nq47"),
    ] {
        assert!(
            custom.contains(&format!("name=\"{k}\"><vt:lpwstr>{v}</vt:lpwstr>")),
            "custom property {k}={v} missing:\n{custom}"
        );
    }
    assert!(custom.contains("name=\"baocao_plan_fingerprint\""));
    let core = zip_entry(&path, "docProps/core.xml");
    assert!(core.contains("<dcterms:created xsi:type=\"dcterms:W3CDTF\">2025-11-01T00:00:00Z"));
    let styles = zip_entry(&path, "xl/styles.xml");
    assert!(styles.contains("<name val=\"Times New Roman\"/>"));
    assert!(!styles.contains("Calibri"), "every font is Times New Roman");
}

fn script(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/scripts")
        .join(name)
}

#[test]
fn openpyxl_sees_validations_protection_and_identity() {
    if !have_python_modules(&["openpyxl"]) {
        skip("python3 with openpyxl is not installed");
        return;
    }
    let w = Workdir::new();
    w.run(&[
        "template", "--period", "2025", "--agency", "STTTT", "--out", "T", "--as-of", AS_OF,
    ])
    .expect_code(0);
    let out = std::process::Command::new("python3")
        .arg(script("check_template.py"))
        .arg(w.join("T/STTTT-2025.xlsx"))
        .output()
        .expect("run python3");
    assert!(
        out.status.success(),
        "check_template.py failed:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: Value = serde_json::from_slice(&out.stdout).expect("JSON from check_template.py");
    assert_eq!(strings(&v["sheets"]), SHEETS);
    assert_eq!(v["states"]["_baocao"], "veryHidden");
    assert_eq!(v["states"]["Báo cáo"], "visible");
    for sheet in ["Báo cáo", "Chỉ tiêu"] {
        assert_eq!(v["protection"][sheet]["sheet"], true, "{sheet}");
        assert_eq!(v["protection"][sheet]["password"], Value::Null, "{sheet}");
        assert_eq!(
            v["protection"][sheet]["formatRows"], false,
            "{sheet}: rows resizable"
        );
    }
    let dvs = v["validations"]["Báo cáo"].as_array().expect("validations");
    assert!(dvs.iter().any(|d| d["type"] == "list"
        && d["formula1"] == "\"Đã hoàn thành,Đang thực hiện,Chưa thực hiện\""));
    assert!(
        dvs.iter()
            .any(|d| d["type"] == "date" && d["promptTitle"] == "Ngày hoàn thành")
    );
    assert!(
        dvs.iter()
            .any(|d| d["type"] == "date" && d["promptTitle"] == "Ngày báo cáo")
    );
    assert_eq!(v["identity"]["baocao_agency"], "STTTT");
    assert_eq!(v["identity"]["baocao_period"], "2025");
    assert_eq!(v["custom_properties"]["baocao_agency"], "STTTT");
    assert_eq!(
        v["custom_properties"]["baocao_template"],
        "baocao-template/1"
    );
    assert_eq!(
        v["freeze_panes"]["Báo cáo"],
        v["header_row_below"]["Báo cáo"]
    );
    assert_eq!(v["print"]["Báo cáo"]["orientation"], "landscape");
    assert_eq!(v["print"]["Báo cáo"]["paperSize"], 9);
    assert_eq!(v["print"]["Báo cáo"]["fitToWidth"], 1);
    // Input cells are unlocked, prefilled ones locked.
    assert_eq!(v["locked"]["status"], false);
    assert_eq!(v["locked"]["done_date"], false);
    assert_eq!(v["locked"]["result"], false);
    assert_eq!(v["locked"]["task_id"], true);
    assert_eq!(v["locked"]["task_text"], true);
    assert_eq!(v["number_format"]["done_date"], "dd/mm/yyyy");
    assert_eq!(v["fonts"], serde_json::json!(["Times New Roman"]));
}

#[test]
fn libreoffice_converts_every_template_to_pdf() {
    if !have("soffice") {
        skip("LibreOffice (soffice) is not installed");
        return;
    }
    let w = Workdir::new();
    w.run(&[
        "template", "--period", "2025", "--out", "T", "--as-of", AS_OF,
    ])
    .expect_code(0);
    let mut files: Vec<PathBuf> = written_files(&w.join("T"))
        .into_iter()
        .map(|n| w.join(&format!("T/{n}")))
        .collect();
    files.sort();
    // A private profile, so parallel runs and a desktop LibreOffice do not interfere.
    let profile = format!(
        "-env:UserInstallation=file://{}",
        w.join("lo-profile").display()
    );
    let out = std::process::Command::new("soffice")
        .arg(&profile)
        .args([
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf",
            "--outdir",
        ])
        .arg(w.join("pdf"))
        .args(&files)
        .output()
        .expect("run soffice");
    assert!(
        out.status.success(),
        "soffice failed:\n{}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    for f in &files {
        let stem = f.file_stem().expect("stem").to_string_lossy().into_owned();
        let pdf = w.join(&format!("pdf/{stem}.pdf"));
        let bytes = std::fs::read(&pdf).unwrap_or_else(|e| panic!("{}: {e}", pdf.display()));
        assert!(
            bytes.starts_with(b"%PDF") && bytes.len() > 10_000,
            "{stem}: bad PDF"
        );
    }
    let Some(text) = crate::common::pdf_text(&w.join("pdf/STTTT-2025.pdf"), None) else {
        return;
    };
    for needle in [
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "SỞ THÔNG TIN VÀ TRUYỀN THÔNG",
        "BÁO CÁO",
        "III.3.1",
        "III.12.2",
        "NGƯỜI LẬP BIỂU",
        "BIỂU SỐ LIỆU CHỈ TIÊU",
        "HƯỚNG DẪN ĐIỀN BIỂU MẪU BÁO CÁO",
    ] {
        assert!(text.contains(needle), "PDF lacks {needle:?}");
    }
    assert!(
        !text.contains("_baocao"),
        "the identity sheet must not print"
    );
}

#[test]
fn report_format_doc_names_every_label_of_the_contract() {
    use baocao::format as f;
    let doc = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/report-format.md"),
    )
    .expect("docs/report-format.md");
    let mut names: Vec<&str> = vec![
        f::SHEET_REPORT,
        f::SHEET_INDICATORS,
        f::SHEET_GUIDE,
        f::SHEET_IDENTITY,
        f::LABEL_AGENCY_NAME,
        f::LABEL_AGENCY_CODE,
        f::LABEL_PERIOD,
        f::LABEL_REPORT_DATE,
        f::LABEL_PREPARER,
        f::LABEL_PHONE,
        f::YES,
        f::NO,
        f::ID_TEMPLATE,
        f::ID_PLAN_ID,
        f::ID_PLAN_VERSION,
        f::ID_PLAN_FINGERPRINT,
        f::ID_AGENCY,
        f::ID_PERIOD,
        f::TEMPLATE_VERSION,
    ];
    names.extend(f::TASK_COLUMNS);
    names.extend(f::INDICATOR_COLUMNS);
    names.extend(f::STATUSES);
    for name in names {
        assert!(
            doc.contains(&format!("`{name}`")),
            "docs/report-format.md lacks `{name}`"
        );
    }
    // The header row is searched through the whole sheet (no row cap).
    assert!(doc.contains("**cả sheet**, không giới hạn"));
    assert!(doc.contains("**whole\n   sheet**, no row cap"));
}

/// Codes `validate` may report on an untouched template: only "not filled in yet" findings
/// (report date, status, indicator value missing; a deadline passed without completion).
const BLANK_TEMPLATE_CODES: [&str; 4] = ["I007", "T005", "N006", "D006"];

#[test]
fn validate_reads_an_untouched_template_and_asks_only_for_the_answers() {
    let w = Workdir::new();
    w.run(&[
        "template", "--period", "2025", "--out", "T", "--as-of", AS_OF,
    ])
    .expect_code(0);
    let plan = plan_json(&w);
    for code in ["STTTT", "H_BMT", "VOV_TN", "MTTQ"] {
        let file = format!("T/{code}-2025.xlsx");
        let run = w.run(&[
            "validate",
            &file,
            "--as-of",
            "2025-12-19",
            "--format",
            "json",
        ]);
        run.expect_code(1);
        let v = run.json();
        let findings = v["files"][0]["findings"].as_array().expect("findings");
        for f in findings {
            let c = f["code"].as_str().expect("code");
            assert!(
                BLANK_TEMPLATE_CODES.contains(&c),
                "{code}: unexpected finding on a blank template: {f}"
            );
        }
        assert_eq!(v["files"][0]["agency"], code);
        let agency = plan["agencies"]
            .as_array()
            .expect("agencies")
            .iter()
            .find(|a| a["code"] == code)
            .expect("agency");
        let blank_statuses = findings.iter().filter(|f| f["code"] == "T005").count();
        assert_eq!(blank_statuses, strings(&agency["tasks"]).len(), "{code}");
        // Each "not filled in" finding points at the cell to type in, not at its label: the
        // report date's is the cell the template validates as a date.
        let date = findings
            .iter()
            .find(|f| f["code"] == "I007")
            .expect("I007 on a blank template");
        let cell = date["cell"].as_str().expect("cell");
        let sheet = zip_entry(&w.join(&file), "xl/worksheets/sheet1.xml");
        assert!(
            sheet.contains(&format!("prompt=\"Nhập ngày ký báo cáo, dạng dd/mm/yyyy (ví dụ 19/12/2025) hoặc yyyy-mm-dd.\" sqref=\"{cell}\"")),
            "{code}: I007 at {cell}, not the report date's input cell"
        );
    }
}

#[test]
fn a_template_filled_in_with_openpyxl_validates_clean() {
    if !have_python_modules(&["openpyxl"]) {
        skip("python3 with openpyxl is not installed");
        return;
    }
    let w = Workdir::new();
    w.run(&[
        "template", "--period", "2025", "--out", "T", "--as-of", AS_OF,
    ])
    .expect_code(0);
    for code in ["STTTT", "SCT", "H_BMT", "VOV_TN"] {
        let out = std::process::Command::new("python3")
            .arg(script("fill_template.py"))
            .arg(w.join(&format!("T/{code}-2025.xlsx")))
            .arg(w.join(&format!("{code}-filled.xlsx")))
            .output()
            .expect("run python3");
        assert!(
            out.status.success(),
            "fill_template.py failed:\n{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let run = w.run(&[
            "validate",
            &format!("{code}-filled.xlsx"),
            "--as-of",
            "2025-12-19",
            "--format",
            "json",
        ]);
        run.expect_code(0);
        let v = run.json();
        assert_eq!(v["counts"]["errors"], 0, "{code}: {v}");
        assert_eq!(v["files"][0]["agency"], code, "{code}");
    }
}

#[test]
fn ad_hoc_period_of_a_copied_plan() {
    let w = Workdir::new();
    let dir = w.copy_plan("ke-hoach");
    let yaml = dir.join("plan.yaml");
    let text = std::fs::read_to_string(&yaml).expect("plan.yaml");
    let text = text.replacen(
        "  ad_hoc: []",
        "  ad_hoc:\n    - id: DX-2025-06\n      name: \"báo cáo đột xuất 6 tháng đầu năm 2025\"\n      start: 2024-12-15\n      end: 2025-06-14\n      due: 2025-06-20\n      reporters: [STTTT, SCT]",
        1,
    );
    assert!(
        text.contains("DX-2025-06"),
        "the shipped plan.yaml changed shape"
    );
    std::fs::write(&yaml, text).expect("write plan.yaml");
    let run = w.run(&[
        "--plan",
        "ke-hoach",
        "template",
        "--period",
        "dx-2025-06",
        "--out",
        "T",
        "--as-of",
        "2025-06-16",
    ]);
    run.expect_code(0);
    assert_eq!(
        written_files(&w.join("T")),
        BTreeSet::from([
            "SCT-DX-2025-06.xlsx".to_string(),
            "STTTT-DX-2025-06.xlsx".to_string()
        ])
    );
    let book = read_book(&w.join("T/STTTT-DX-2025-06.xlsx"));
    let report = &book.sheets["Báo cáo"];
    assert_eq!(
        report.label_value("Kỳ báo cáo").as_deref(),
        Some("DX-2025-06")
    );
    let texts: Vec<String> = report
        .rows()
        .flat_map(|r| report.cols().map(move |c| (r, c)))
        .map(|(r, c)| report.cell(r, c))
        .collect();
    assert!(
        texts
            .iter()
            .any(|t| t.ends_with("kỳ báo cáo đột xuất 6 tháng đầu năm 2025")),
        "subject names the ad hoc period"
    );
    assert!(
        texts
            .iter()
            .any(|t| t.contains("Số liệu từ 15/12/2024 đến 14/06/2025; hạn gửi báo cáo 20/06/2025")),
        "window and due date of the ad hoc period"
    );
    let id = &book.sheets["_baocao"];
    assert!(
        id.rows()
            .any(|r| id.cell(r, 0) == "baocao_period" && id.cell(r, 1) == "DX-2025-06")
    );
}
