//! `baocao validate`: every check at its exact cell in text and JSON, the reading rules, exit
//! codes, several files at once, impostors, annotated copies, real files saved by LibreOffice
//! (tests/data/validate) and every file of the calamine corpus.
//!
//! Most submissions are hand-made here with rust_xlsxwriter, following docs/report-format.md
//! rather than our template: that proves a third party can build a valid report, and fixes
//! every cell so tests can name it. [`Sub::correct`] is the SCT 2025 report below; each test
//! breaks it one way and asserts the whole list of findings.
//!
//! ```text
//! Báo cáo   A                 B                 C          D           E           F                G                  H                    I
//!  1        Cơ quan báo cáo   Sở Công Thương
//!  2        Mã cơ quan        SCT
//!  3        Kỳ báo cáo        2025
//!  4        Ngày báo cáo      18/12/2025
//!  6        STT               Mã nhiệm vụ       Nội dung   Thời hạn    Tình trạng  Ngày hoàn thành  Kết quả thực hiện  Khó khăn, vướng mắc  Ghi chú
//!  7..11    1..5              III.5.1 III.5.2 III.5.3 III.12.1 III.12.2 (III.12.1 is due 31/12/2024)
//! Chỉ tiêu  A    B            C             D            E        F
//!  1        STT  Mã chỉ tiêu  Tên chỉ tiêu  Đơn vị tính  Số liệu  Ghi chú
//!  2..6          CT08 (integer) CT13 (Có/Không) CT14 (integer) CT15 (decimal) CT16 (percent)
//! ```

use std::collections::BTreeMap;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use rust_xlsxwriter::{ExcelDateTime, Format, Formula, Workbook, Worksheet};
use serde_json::Value as Json;

use crate::common::{Run, Workdir, have, have_python_modules, skip};

const AS_OF: &str = "2025-12-20";
const REPORT: &str = "Báo cáo";
const INDICATORS: &str = "Chỉ tiêu";
const TASK_COLUMNS: [&str; 9] = [
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
const INDICATOR_COLUMNS: [&str; 6] = [
    "STT",
    "Mã chỉ tiêu",
    "Tên chỉ tiêu",
    "Đơn vị tính",
    "Số liệu",
    "Ghi chú",
];
const DONE: &str = "Đã hoàn thành";
const DOING: &str = "Đang thực hiện";
const NOT_STARTED: &str = "Chưa thực hiện";

fn manifest() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

// ---- hand-made submissions ------------------------------------------------------------------

/// One cell of a hand-made submission.
#[derive(Clone, Debug, PartialEq)]
enum V {
    Blank,
    Text(String),
    Num(f64),
    /// A real date cell (year, month, day), shown dd/mm/yyyy.
    Date(u16, u8, u8),
    /// A formula whose cached result is this error, e.g. `#REF!`.
    Error(&'static str),
}

fn t(s: &str) -> V {
    V::Text(s.to_string())
}

/// A row of a table, by column label.
type Row = BTreeMap<String, V>;

fn row(cells: &[(&str, V)]) -> Row {
    cells
        .iter()
        .map(|(k, v)| ((*k).to_string(), v.clone()))
        .collect()
}

/// A submission in the report format, written with rust_xlsxwriter (see the module docs).
#[derive(Clone, Debug)]
struct Sub {
    report_sheet: String,
    indicator_sheet: String,
    /// Identity labels and values, one per row from row 1 (label in A, value in B).
    identity: Vec<(String, V)>,
    /// Extra rows (a title and blanks) inserted above the identity block.
    rows_above: u32,
    /// Blank columns inserted left of everything on the report sheet.
    cols_left: u16,
    task_columns: Vec<String>,
    tasks: Vec<Row>,
    indicator_columns: Vec<String>,
    indicators: Vec<Row>,
    /// The machine identity: a very hidden `_baocao` sheet when not empty.
    machine: Vec<(String, String)>,
}

impl Sub {
    /// A correct SCT 2025 report: no finding at all with `--as-of 2025-12-20`.
    fn correct() -> Sub {
        let task = |n: f64, id: &str, deadline: &str, status: &str, date: V, result: &str| {
            row(&[
                ("STT", V::Num(n)),
                ("Mã nhiệm vụ", t(id)),
                ("Nội dung nhiệm vụ", t("(nội dung theo Kế hoạch)")),
                ("Thời hạn", t(deadline)),
                ("Tình trạng", t(status)),
                ("Ngày hoàn thành", date),
                (
                    "Kết quả thực hiện",
                    if result.is_empty() {
                        V::Blank
                    } else {
                        t(result)
                    },
                ),
                (
                    "Khó khăn, vướng mắc",
                    if status == NOT_STARTED {
                        t("Chưa bố trí được kinh phí.")
                    } else {
                        V::Blank
                    },
                ),
            ])
        };
        let ind = |n: f64, id: &str, unit: &str, value: V| {
            row(&[
                ("STT", V::Num(n)),
                ("Mã chỉ tiêu", t(id)),
                ("Tên chỉ tiêu", t("(tên theo Kế hoạch)")),
                ("Đơn vị tính", t(unit)),
                ("Số liệu", value),
            ])
        };
        Sub {
            report_sheet: REPORT.into(),
            indicator_sheet: INDICATORS.into(),
            identity: vec![
                ("Cơ quan báo cáo".into(), t("Sở Công Thương")),
                ("Mã cơ quan".into(), t("SCT")),
                ("Kỳ báo cáo".into(), t("2025")),
                ("Ngày báo cáo".into(), V::Date(2025, 12, 18)),
            ],
            rows_above: 0,
            cols_left: 0,
            task_columns: TASK_COLUMNS.iter().map(|s| s.to_string()).collect(),
            tasks: vec![
                task(
                    1.0,
                    "III.5.1",
                    "Thường xuyên",
                    DONE,
                    V::Date(2025, 6, 15),
                    "Tổ chức 3 hội chợ.",
                ),
                task(
                    2.0,
                    "III.5.2",
                    "Thường xuyên",
                    DOING,
                    V::Blank,
                    "Đã tập huấn 2/4 lớp.",
                ),
                task(3.0, "III.5.3", "Thường xuyên", NOT_STARTED, V::Blank, ""),
                task(
                    4.0,
                    "III.12.1",
                    "31/12/2024",
                    DONE,
                    V::Date(2024, 12, 20),
                    "Ban hành Kế hoạch số 12/KH-SCT.",
                ),
                task(
                    5.0,
                    "III.12.2",
                    "Thường xuyên",
                    DONE,
                    V::Date(2025, 11, 30),
                    "Phối hợp 5 hoạt động.",
                ),
            ],
            indicator_columns: INDICATOR_COLUMNS.iter().map(|s| s.to_string()).collect(),
            indicators: vec![
                ind(1.0, "CT08", "sự kiện", V::Num(4.0)),
                ind(2.0, "CT13", "có/không", t("Có")),
                ind(3.0, "CT14", "người", V::Num(2.0)),
                ind(4.0, "CT15", "triệu đồng", V::Num(12.5)),
                ind(5.0, "CT16", "%", V::Num(85.0)),
            ],
            machine: Vec::new(),
        }
    }

    /// Sets `label` of the task row `id` (the first one with that ID).
    fn task(mut self, id: &str, label: &str, v: V) -> Sub {
        let r = self
            .tasks
            .iter_mut()
            .find(|r| r.get("Mã nhiệm vụ") == Some(&t(id)))
            .unwrap_or_else(|| panic!("no task row {id}"));
        r.insert(label.into(), v);
        self
    }

    /// Sets `Số liệu` of indicator `id`.
    fn indicator(mut self, id: &str, v: V) -> Sub {
        let r = self
            .indicators
            .iter_mut()
            .find(|r| r.get("Mã chỉ tiêu") == Some(&t(id)))
            .unwrap_or_else(|| panic!("no indicator row {id}"));
        r.insert("Số liệu".into(), v);
        self
    }

    /// Sets the value right of identity label `label`.
    fn ident(mut self, label: &str, v: V) -> Sub {
        let slot = self
            .identity
            .iter_mut()
            .find(|(l, _)| l == label)
            .unwrap_or_else(|| panic!("no identity label {label}"));
        slot.1 = v;
        self
    }

    /// The machine identity of a template made from the current plan for SCT 2025.
    fn with_machine_identity(mut self) -> Sub {
        self.machine = [
            ("baocao_template", "baocao-template/1"),
            ("baocao_plan_id", "dlk-ttdn-nq47"),
            ("baocao_plan_version", "1.0.0"),
            ("baocao_plan_fingerprint", &plan_fingerprint()),
            ("baocao_agency", "SCT"),
            ("baocao_period", "2025"),
        ]
        .iter()
        .map(|(k, v)| ((*k).to_string(), (*v).to_string()))
        .collect();
        self
    }

    fn machine(mut self, key: &str, value: &str) -> Sub {
        if let Some(slot) = self.machine.iter_mut().find(|(k, _)| k == key) {
            slot.1 = value.to_string();
        }
        self
    }

    fn bytes(&self) -> Vec<u8> {
        let mut wb = Workbook::new();
        let date = Format::new().set_num_format("dd/mm/yyyy");
        let ws = wb.add_worksheet();
        ws.set_name(&self.report_sheet).expect("sheet name");
        let c0 = self.cols_left;
        let mut r = 0;
        if self.rows_above > 0 {
            ws.write_string(0, c0, "BÁO CÁO KẾT QUẢ THỰC HIỆN KẾ HOẠCH NĂM 2025")
                .expect("title");
            r = self.rows_above;
        }
        for (label, v) in &self.identity {
            ws.write_string(r, c0, label).expect("label");
            put(ws, r, c0 + 1, v, &date);
            r += 1;
        }
        r += 1;
        write_table(ws, r, c0, &self.task_columns, &self.tasks, &date);

        let wi = wb.add_worksheet();
        wi.set_name(&self.indicator_sheet).expect("sheet name");
        write_table(wi, 0, 0, &self.indicator_columns, &self.indicators, &date);

        if !self.machine.is_empty() {
            let wm = wb.add_worksheet();
            wm.set_name("_baocao").expect("sheet name");
            for (i, (k, v)) in self.machine.iter().enumerate() {
                let i = u32::try_from(i).expect("row");
                wm.write_string(i, 0, k).expect("key");
                wm.write_string(i, 1, v).expect("value");
            }
            wm.set_very_hidden(true);
        }
        wb.save_to_buffer().expect("save")
    }

    fn write(&self, w: &Workdir, name: &str) -> PathBuf {
        w.write(name, self.bytes())
    }
}

fn write_table(
    ws: &mut Worksheet,
    header: u32,
    c0: u16,
    columns: &[String],
    rows: &[Row],
    date: &Format,
) {
    for (c, label) in columns.iter().enumerate() {
        let c = c0 + u16::try_from(c).expect("column");
        ws.write_string(header, c, label).expect("header");
    }
    for (i, cells) in rows.iter().enumerate() {
        let r = header + 1 + u32::try_from(i).expect("row");
        for (c, label) in columns.iter().enumerate() {
            let c = c0 + u16::try_from(c).expect("column");
            if let Some(v) = cells.get(label) {
                put(ws, r, c, v, date);
            }
        }
    }
}

fn put(ws: &mut Worksheet, r: u32, c: u16, v: &V, date: &Format) {
    match v {
        V::Blank => Ok(ws),
        V::Text(s) => ws.write_string(r, c, s),
        V::Num(n) => ws.write_number(r, c, *n),
        V::Date(y, m, d) => {
            let dt = ExcelDateTime::from_ymd(*y, *m, *d).expect("date");
            ws.write_datetime_with_format(r, c, &dt, date)
        }
        V::Error(e) => ws.write_formula(r, c, Formula::new("=#REF!+1").set_result(*e)),
    }
    .expect("write cell");
}

fn plan_fingerprint() -> String {
    let w = Workdir::new();
    let v = w
        .run(&["plan", "show", "--format", "json"])
        .expect_code(0)
        .json();
    v["plan"]["fingerprint"]
        .as_str()
        .expect("fingerprint")
        .to_string()
}

// ---- running and asserting ------------------------------------------------------------------

/// One submission validated twice: as text and as JSON.
struct Checked {
    text: Run,
    json: Json,
    code: i32,
}

/// Validates `path` (relative to the work folder) with `--as-of` and `extra` arguments, in text
/// and in JSON; asserts both runs agree on the exit code and on every finding.
fn validate(w: &Workdir, path: &str, extra: &[&str]) -> Checked {
    let mut args = vec!["validate", path, "--as-of", AS_OF];
    args.extend_from_slice(extra);
    let text = w.run(&args);
    args.extend_from_slice(&["--format", "json"]);
    let json_run = w.run(&args);
    assert_eq!(
        text.code(),
        json_run.code(),
        "text and JSON runs exit differently\n{}\n{}",
        text.stdout(),
        json_run.stdout()
    );
    let json = json_run.json();
    let c = Checked {
        code: text.code(),
        text,
        json,
    };
    same_in_text_and_json(&c);
    c
}

fn check(sub: &Sub, extra: &[&str]) -> Checked {
    let w = Workdir::new();
    sub.write(&w, "SCT-2025.xlsx");
    validate(&w, "SCT-2025.xlsx", extra)
}

/// Every finding of every file, from the JSON output.
fn findings(json: &Json) -> Vec<&Json> {
    json["files"]
        .as_array()
        .expect("files")
        .iter()
        .flat_map(|f| f["findings"].as_array().expect("findings").iter())
        .collect()
}

/// `Sheet!Cell`, `Sheet` or `` for a JSON finding.
fn place(f: &Json) -> String {
    match (f["sheet"].as_str(), f["cell"].as_str()) {
        (Some(s), Some(c)) => format!("{s}!{c}"),
        (Some(s), None) => s.to_string(),
        _ => String::new(),
    }
}

fn str_of<'a>(f: &'a Json, key: &str) -> &'a str {
    f[key]
        .as_str()
        .unwrap_or_else(|| panic!("finding lacks `{key}`: {f}"))
}

/// Each JSON finding appears in the text output as `place: lỗi[CODE]: message` and `→ help`.
fn same_in_text_and_json(c: &Checked) {
    let out = c.text.stdout();
    for f in findings(&c.json) {
        let word = match str_of(f, "severity") {
            "error" => ["lỗi", "error"],
            "warning" => ["cảnh báo", "warning"],
            other => panic!("unknown severity {other}"),
        };
        let p = place(f);
        let prefix = if p.is_empty() {
            String::new()
        } else {
            format!("{p}: ")
        };
        let found = word.iter().any(|w| {
            out.contains(&format!(
                "  {prefix}{w}[{}]: {}\n",
                str_of(f, "code"),
                str_of(f, "message")
            ))
        });
        assert!(found, "text output lacks {f}\n--- text\n{out}");
        let help = str_of(f, "help");
        assert!(!help.is_empty(), "finding without a help line: {f}");
        assert!(
            out.contains(&format!("      → {help}\n")),
            "text output lacks the help of {f}\n{out}"
        );
    }
}

/// Asserts the findings are exactly these (code, place) pairs, in any order.
fn expect(c: &Checked, want: &[(&str, &str)]) {
    let mut got: Vec<(String, String)> = findings(&c.json)
        .iter()
        .map(|f| (str_of(f, "code").to_string(), place(f)))
        .collect();
    let mut want: Vec<(String, String)> = want
        .iter()
        .map(|(c, p)| ((*c).to_string(), (*p).to_string()))
        .collect();
    got.sort();
    want.sort();
    assert_eq!(got, want, "findings differ\n--- text\n{}", c.text.stdout());
}

/// The one finding with `code` at `place`: asserts its severity and that its message contains
/// `needle`.
fn finding<'a>(c: &'a Checked, code: &str, at: &str, severity: &str, needle: &str) -> &'a Json {
    let f = findings(&c.json)
        .into_iter()
        .find(|f| str_of(f, "code") == code && place(f) == at)
        .unwrap_or_else(|| panic!("no {code} at {at}\n{}", c.text.stdout()));
    assert_eq!(str_of(f, "severity"), severity, "{f}");
    assert!(
        str_of(f, "message").contains(needle),
        "{code} message lacks {needle:?}: {f}"
    );
    f
}

/// Breaks the correct report one way and asserts the only finding: its code, cell, severity
/// and a key part of its Vietnamese message.
fn only(sub: Sub, code: &str, at: &str, severity: &str, needle: &str) -> Checked {
    only_with(sub, &[], code, at, severity, needle)
}

fn only_with(
    sub: Sub,
    extra: &[&str],
    code: &str,
    at: &str,
    severity: &str,
    needle: &str,
) -> Checked {
    let c = check(&sub, extra);
    expect(&c, &[(code, at)]);
    finding(&c, code, at, severity, needle);
    let want_exit = if severity == "error" { 1 } else { 0 };
    assert_eq!(c.code, want_exit, "exit code\n{}", c.text.stdout());
    c
}

fn fixture(name: &str) -> PathBuf {
    manifest().join("tests/data/validate").join(name)
}

fn copy_fixture(w: &Workdir, name: &str) {
    let bytes = std::fs::read(fixture(name)).unwrap_or_else(|e| panic!("{name}: {e}"));
    w.write(name, bytes);
}

// ---- the correct report and the reading rules -----------------------------------------------

#[test]
fn the_correct_hand_made_report_has_no_finding() {
    let c = check(&Sub::correct(), &[]);
    expect(&c, &[]);
    assert_eq!(c.code, 0);
    let file = &c.json["files"][0];
    assert_eq!(file["agency"], "SCT");
    assert_eq!(file["agency_name"], "Sở Công Thương");
    assert_eq!(file["period"], "2025");
    assert_eq!(file["report_date"], "2025-12-18");
    assert_eq!(file["tasks"], 5);
    assert_eq!(file["indicators"], 5);
    assert_eq!(file["format"], "xlsx");
    c.text
        .stdout_has("SCT-2025.xlsx (SCT — Sở Công Thương, kỳ 2025)")
        .stdout_has("  0 lỗi, 0 cảnh báo\n");
}

#[test]
fn json_has_the_documented_shape() {
    let sub = Sub::correct().task("III.5.2", "Tình trạng", t("Đang làm"));
    let c = check(&sub, &[]);
    let keys = |v: &Json| -> Vec<String> {
        let mut k: Vec<String> = v.as_object().expect("object").keys().cloned().collect();
        k.sort();
        k
    };
    assert_eq!(keys(&c.json), ["counts", "files"]);
    assert_eq!(
        c.json["counts"],
        serde_json::json!({"errors": 1, "warnings": 0})
    );
    let file = &c.json["files"][0];
    assert_eq!(
        keys(file),
        [
            "agency",
            "agency_name",
            "counts",
            "file",
            "findings",
            "format",
            "indicators",
            "period",
            "report_date",
            "tasks"
        ]
    );
    assert_eq!(file["file"], "SCT-2025.xlsx");
    let f = &file["findings"][0];
    assert_eq!(
        keys(f),
        [
            "cell", "code", "column", "file", "help", "line", "message", "severity", "sheet"
        ]
    );
    assert_eq!(f["code"], "T006");
    assert_eq!(f["severity"], "error");
    assert_eq!(f["file"], "SCT-2025.xlsx");
    assert_eq!(f["sheet"], REPORT);
    assert_eq!(f["cell"], "E8");
    assert_eq!(f["line"], Json::Null);
    assert_eq!(f["column"], Json::Null);
}

#[test]
fn moved_columns_inserted_rows_extra_column_and_renamed_sheets_are_still_valid() {
    let mut sub = Sub::correct();
    // Columns in another order, with an extra column in the middle.
    sub.task_columns = [
        "Mã nhiệm vụ",
        "Kết quả thực hiện",
        "Đơn vị phối hợp",
        "Ngày hoàn thành",
        "Tình trạng",
        "Ghi chú",
        "STT",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    for r in &mut sub.tasks {
        r.insert("Đơn vị phối hợp".into(), t("Sở VHTTDL"));
    }
    sub.indicator_columns = ["Số liệu", "Ghi chú", "Mã chỉ tiêu"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    sub.rows_above = 4;
    sub.cols_left = 2;
    sub.report_sheet = "Sheet1".into();
    sub.indicator_sheet = "Số liệu 2025".into();
    let c = check(&sub, &[]);
    expect(&c, &[]);
    assert_eq!(c.code, 0);
    assert_eq!(c.json["files"][0]["tasks"], 5);
    assert_eq!(c.json["files"][0]["indicators"], 5);

    // The same layout, broken once: the finding names the moved cell on the renamed sheet.
    // Rows: title, 3 blank, 4 identity rows, blank, header at row 10; III.5.2 on row 12.
    // Columns from C: Mã nhiệm vụ C, Kết quả D, extra E, Ngày hoàn thành F, Tình trạng G.
    let broken = {
        let mut s = sub.clone();
        s = s.task("III.5.2", "Tình trạng", t("Xong"));
        s
    };
    let c = check(&broken, &[]);
    expect(&c, &[("T006", "Sheet1!G12")]);
}

#[test]
fn labels_match_loosely_and_values_may_sit_a_few_cells_right() {
    let mut sub = Sub::correct();
    sub.identity[1].0 = "  MÃ   CƠ QUAN: ".into();
    sub.task_columns[4] = "TÌNH TRẠNG".into();
    for r in &mut sub.tasks {
        let v = r.remove("Tình trạng").expect("status");
        r.insert("TÌNH TRẠNG".into(), v);
    }
    let c = check(&sub, &[]);
    expect(&c, &[]);
}

// ---- identity --------------------------------------------------------------------------------

#[test]
fn i001_agency_missing() {
    let sub = Sub::correct()
        .ident("Mã cơ quan", V::Blank)
        .ident("Cơ quan báo cáo", t("Phòng Không Rõ"));
    let c = check(&sub, &[]);
    // Without an agency, coverage cannot be checked: only the identity finding.
    expect(&c, &[("I001", "Báo cáo!A2")]);
    finding(
        &c,
        "I001",
        "Báo cáo!A2",
        "error",
        "không xác định được cơ quan báo cáo",
    );
}

#[test]
fn the_agency_name_alone_identifies_the_agency() {
    let sub = Sub::correct().ident("Mã cơ quan", V::Blank);
    let c = check(&sub, &[]);
    expect(&c, &[]);
    assert_eq!(c.json["files"][0]["agency"], "SCT");
}

#[test]
fn i002_agency_unknown() {
    only(
        Sub::correct().ident("Mã cơ quan", t("SXYZ")),
        "I002",
        "Báo cáo!B2",
        "error",
        "mã cơ quan `SXYZ` không có trong kế hoạch",
    );
}

#[test]
fn i003_agency_other_than_asked() {
    only_with(
        Sub::correct(),
        &["--agency", "STTTT"],
        "I003",
        "Báo cáo!B2",
        "error",
        "tệp ghi cơ quan `SCT` nhưng cần báo cáo của `STTTT`",
    );
    // Lower case is the same agency.
    let c = check(&Sub::correct(), &["--agency", "sct"]);
    expect(&c, &[]);
}

#[test]
fn i003_agency_cell_disagrees_with_machine_identity() {
    let sub = Sub::correct()
        .with_machine_identity()
        .machine("baocao_agency", "STTTT");
    only(
        sub,
        "I003",
        "Báo cáo!B2",
        "error",
        "ô `Mã cơ quan` ghi `SCT` nhưng biểu mẫu được lập cho `STTTT`",
    );
}

#[test]
fn i004_period_missing() {
    only(
        Sub::correct().ident("Kỳ báo cáo", V::Blank),
        "I004",
        "Báo cáo!A3",
        "error",
        "không xác định được kỳ báo cáo",
    );
    // `--period` or the machine identity supplies it; the latter with a warning (I020), as
    // the cell a person reads is blank.
    expect(
        &check(
            &Sub::correct().ident("Kỳ báo cáo", V::Blank),
            &["--period", "2025"],
        ),
        &[],
    );
    let c = check(
        &Sub::correct()
            .ident("Kỳ báo cáo", V::Blank)
            .with_machine_identity(),
        &[],
    );
    expect(&c, &[("I020", "Báo cáo!A3")]);
    assert_eq!(c.json["files"][0]["period"], "2025");
}

#[test]
fn i005_period_other_than_asked() {
    let c = check(&Sub::correct(), &["--period", "2024"]);
    // Dates are judged against the period asked for: the 2025 dates fall outside it.
    expect(
        &c,
        &[
            ("I005", "Báo cáo!B3"),
            ("D004", "Báo cáo!F7"),
            ("D004", "Báo cáo!F10"),
            ("D004", "Báo cáo!F11"),
        ],
    );
    finding(
        &c,
        "I005",
        "Báo cáo!B3",
        "error",
        "tệp ghi kỳ báo cáo `2025` nhưng đang kiểm tra kỳ `2024`",
    );
    finding(
        &c,
        "D004",
        "Báo cáo!F7",
        "warning",
        "(15/12/2023 – 14/12/2024)",
    );
    assert_eq!(c.code, 1);
}

#[test]
fn i005_period_the_plan_does_not_define() {
    only(
        Sub::correct().ident("Kỳ báo cáo", t("2025-Q3")),
        "I005",
        "Báo cáo!B3",
        "error",
        "kỳ báo cáo `2025-Q3` không có trong kế hoạch",
    );
}

#[test]
fn i006_template_from_another_plan_version() {
    let sub = Sub::correct()
        .with_machine_identity()
        .machine("baocao_plan_version", "0.9.0")
        .machine("baocao_plan_fingerprint", "0000000000000000");
    let c = only(
        sub,
        "I006",
        "",
        "warning",
        "biểu mẫu lập từ kế hoạch phiên bản `0.9.0`",
    );
    c.text.stdout_has("  cảnh báo[I006]: ");
    // The current plan's identity gives no warning.
    expect(&check(&Sub::correct().with_machine_identity(), &[]), &[]);
}

#[test]
fn i007_report_date_missing_or_not_a_date() {
    only(
        Sub::correct().ident("Ngày báo cáo", V::Blank),
        "I007",
        "Báo cáo!A4",
        "error",
        "thiếu ngày báo cáo",
    );
    only(
        Sub::correct().ident("Ngày báo cáo", t("hôm qua")),
        "I007",
        "Báo cáo!B4",
        "error",
        "ngày báo cáo `hôm qua` không đọc được",
    );
    // Typed as text is fine.
    expect(
        &check(&Sub::correct().ident("Ngày báo cáo", t("18/12/2025")), &[]),
        &[],
    );
}

#[test]
fn i008_report_date_after_as_of() {
    only(
        Sub::correct().ident("Ngày báo cáo", V::Date(2025, 12, 24)),
        "I008",
        "Báo cáo!B4",
        "error",
        "ngày báo cáo 24/12/2025 sau ngày đối chiếu 20/12/2025",
    );
}

#[test]
fn i009_agency_name_does_not_match_code() {
    only(
        Sub::correct().ident("Cơ quan báo cáo", t("Sở Tài chính")),
        "I009",
        "Báo cáo!B1",
        "warning",
        "tên cơ quan `Sở Tài chính` không khớp mã `SCT` (Sở Công Thương)",
    );
}

// ---- structure -------------------------------------------------------------------------------

#[test]
fn s001_no_task_table() {
    let mut sub = Sub::correct();
    sub.task_columns[1] = "Mã số".into();
    let c = check(&sub, &[]);
    // The finding names the sheets there are; nothing else can be checked.
    expect(&c, &[("S001", "")]);
    finding(&c, "S001", "", "error", "không tìm thấy bảng nhiệm vụ");
    finding(&c, "S001", "", "error", "`Báo cáo`, `Chỉ tiêu`");
    assert_eq!(c.code, 1);
}

#[test]
fn s002_required_column_missing() {
    let mut sub = Sub::correct();
    sub.task_columns.retain(|c| c != "Kết quả thực hiện");
    let c = only(
        sub,
        "S002",
        "Báo cáo!B6",
        "error",
        "bảng thiếu cột `Kết quả thực hiện`; dòng tiêu đề có: `STT`, `Mã nhiệm vụ`",
    );
    let _ = c;
    let mut sub = Sub::correct();
    sub.indicator_columns.retain(|c| c != "Số liệu");
    only(
        sub,
        "S002",
        "Chỉ tiêu!B1",
        "error",
        "bảng thiếu cột `Số liệu`",
    );
}

#[test]
fn s003_no_indicator_table() {
    let mut sub = Sub::correct();
    sub.indicator_columns[1] = "Mã".into();
    only(sub, "S003", "", "error", "không tìm thấy bảng chỉ tiêu");
}

// ---- task coverage and status --------------------------------------------------------------

#[test]
fn t001_assigned_task_missing() {
    let mut sub = Sub::correct();
    sub.tasks.remove(2);
    only(
        sub,
        "T001",
        REPORT,
        "error",
        "thiếu nhiệm vụ `III.5.3` được giao cho cơ quan",
    );
}

#[test]
fn t002_task_of_another_agency() {
    let mut sub = Sub::correct();
    let mut extra = sub.tasks[2].clone();
    extra.insert("Mã nhiệm vụ".into(), t("III.3.1"));
    sub.tasks.push(extra);
    only(
        sub,
        "T002",
        "Báo cáo!B12",
        "error",
        "nhiệm vụ `III.3.1` không giao cho `SCT`",
    );
}

#[test]
fn t003_unknown_task() {
    let mut sub = Sub::correct();
    let mut extra = sub.tasks[2].clone();
    extra.insert("Mã nhiệm vụ".into(), t("III.99.9"));
    sub.tasks.push(extra);
    only(
        sub,
        "T003",
        "Báo cáo!B12",
        "error",
        "mã nhiệm vụ `III.99.9` không có trong kế hoạch",
    );
}

#[test]
fn t004_task_listed_twice() {
    let mut sub = Sub::correct();
    let mut again = sub.tasks[0].clone();
    again.insert("Mã nhiệm vụ".into(), t(" iii.5.1 "));
    sub.tasks.push(again);
    only(
        sub,
        "T004",
        "Báo cáo!B12",
        "error",
        "nhiệm vụ `III.5.1` đã kê khai ở ô B7",
    );
}

#[test]
fn t005_status_blank() {
    only(
        Sub::correct().task("III.5.3", "Tình trạng", V::Blank),
        "T005",
        "Báo cáo!E9",
        "error",
        "nhiệm vụ `III.5.3` chưa chọn tình trạng",
    );
}

#[test]
fn t006_status_not_one_of_the_three() {
    let c = only(
        Sub::correct().task("III.5.2", "Tình trạng", t("Đang làm")),
        "T006",
        "Báo cáo!E8",
        "error",
        "tình trạng `Đang làm` không hợp lệ",
    );
    // The message lists the allowed values.
    finding(
        &c,
        "T006",
        "Báo cáo!E8",
        "error",
        "`Đã hoàn thành`, `Đang thực hiện`, `Chưa thực hiện`",
    );
}

#[test]
fn statuses_are_matched_across_case_spacing_and_unicode_forms() {
    use unicode_normalization::UnicodeNormalization;
    let nfd: String = DONE.nfd().collect();
    assert_ne!(nfd, DONE);
    let sub = Sub::correct()
        .task("III.5.1", "Tình trạng", t(&nfd))
        .task("III.5.2", "Tình trạng", t("  ĐANG   THỰC HIỆN "))
        .task("III.5.3", "Tình trạng", t("chưa thực hiện"));
    expect(&check(&sub, &[]), &[]);
}

#[test]
fn t007_no_result_for_work_done_or_under_way() {
    only(
        Sub::correct().task("III.5.2", "Kết quả thực hiện", V::Blank),
        "T007",
        "Báo cáo!G8",
        "warning",
        "nhiệm vụ `III.5.2` ở tình trạng `Đang thực hiện` nhưng chưa ghi kết quả thực hiện",
    );
}

// ---- dates and deadlines -------------------------------------------------------------------

#[test]
fn d001_done_without_date() {
    only(
        Sub::correct().task("III.5.1", "Ngày hoàn thành", V::Blank),
        "D001",
        "Báo cáo!F7",
        "error",
        "nhiệm vụ `III.5.1` đã hoàn thành nhưng thiếu ngày hoàn thành",
    );
}

#[test]
fn d002_date_not_readable() {
    only(
        Sub::correct().task("III.5.1", "Ngày hoàn thành", t("31/02/2025")),
        "D002",
        "Báo cáo!F7",
        "error",
        "`31/02/2025` không phải ngày hợp lệ; cần dạng dd/mm/yyyy",
    );
}

#[test]
fn dates_typed_as_text_are_accepted() {
    let sub = Sub::correct()
        .task("III.5.1", "Ngày hoàn thành", t("15/06/2025"))
        .task("III.12.1", "Ngày hoàn thành", t("20-12-2024"))
        .task("III.12.2", "Ngày hoàn thành", t("30.11.2025"));
    expect(&check(&sub, &[]), &[]);
}

#[test]
fn d003_date_in_the_future() {
    only(
        Sub::correct().task("III.12.2", "Ngày hoàn thành", V::Date(2025, 12, 25)),
        "D003",
        "Báo cáo!F11",
        "error",
        "ngày 25/12/2025 ở sau ngày đối chiếu 20/12/2025",
    );
}

#[test]
fn d004_date_outside_the_data_window() {
    only(
        Sub::correct().task("III.5.1", "Ngày hoàn thành", V::Date(2024, 12, 10)),
        "D004",
        "Báo cáo!F7",
        "warning",
        "ngày 10/12/2024 nằm ngoài thời gian chốt số liệu của kỳ (15/12/2024 – 14/12/2025)",
    );
}

#[test]
fn d005_completed_after_the_deadline() {
    only(
        Sub::correct().task("III.12.1", "Ngày hoàn thành", V::Date(2025, 3, 1)),
        "D005",
        "Báo cáo!F10",
        "warning",
        "nhiệm vụ `III.12.1` hoàn thành trễ hạn: ngày 01/03/2025, hạn 31/12/2024",
    );
}

#[test]
fn d006_overdue_and_not_done() {
    let sub = Sub::correct()
        .task("III.12.1", "Tình trạng", t(DOING))
        .task("III.12.1", "Ngày hoàn thành", V::Blank);
    only(
        sub,
        "D006",
        "Báo cáo!E10",
        "warning",
        "nhiệm vụ `III.12.1` quá hạn (31/12/2024) mà chưa hoàn thành",
    );
}

#[test]
fn d007_date_but_not_done() {
    only(
        Sub::correct().task("III.5.2", "Ngày hoàn thành", V::Date(2025, 6, 1)),
        "D007",
        "Báo cáo!F8",
        "warning",
        "nhiệm vụ `III.5.2` có ngày hoàn thành nhưng tình trạng là `Đang thực hiện`",
    );
}

// ---- indicators ----------------------------------------------------------------------------

#[test]
fn n001_indicator_row_missing() {
    let mut sub = Sub::correct();
    sub.indicators.remove(2);
    only(
        sub,
        "N001",
        INDICATORS,
        "error",
        "thiếu chỉ tiêu `CT14` (Số cán bộ được phân công làm công tác thông tin đối ngoại)",
    );
}

#[test]
fn n002_not_a_number() {
    only(
        Sub::correct().indicator("CT08", t("bốn")),
        "N002",
        "Chỉ tiêu!E2",
        "error",
        "số liệu chỉ tiêu `CT08` là `bốn`, không phải số",
    );
}

#[test]
fn numbers_typed_as_text_are_accepted() {
    let sub = Sub::correct()
        .indicator("CT08", t(" 4 "))
        .indicator("CT15", t("1.234,5"))
        .indicator("CT16", t("85%"));
    let c = check(&sub, &[]);
    expect(&c, &[]);
}

#[test]
fn n003_negative() {
    only(
        Sub::correct().indicator("CT15", V::Num(-3.0)),
        "N003",
        "Chỉ tiêu!E5",
        "error",
        "số liệu chỉ tiêu `CT15` là `-3`, không được âm",
    );
}

#[test]
fn n004_not_whole() {
    only(
        Sub::correct().indicator("CT14", V::Num(2.5)),
        "N004",
        "Chỉ tiêu!E4",
        "error",
        "số liệu chỉ tiêu `CT14` là `2.5`, phải là số nguyên",
    );
}

#[test]
fn whole_numbers_typed_with_dots_for_thousands_are_accepted() {
    // Vietnamese writes 1.245 for one thousand two hundred forty-five.
    let sub = Sub::correct().indicator("CT14", t("1.245"));
    let c = check(&sub, &[]);
    expect(&c, &[]);
    let bad = Sub::correct().indicator("CT14", t("1.5"));
    only(
        bad,
        "N004",
        "Chỉ tiêu!E4",
        "error",
        "số liệu chỉ tiêu `CT14` là `1.5`, phải là số nguyên",
    );
}

#[test]
fn n005_percent_out_of_range() {
    only(
        Sub::correct().indicator("CT16", V::Num(120.0)),
        "N005",
        "Chỉ tiêu!E6",
        "error",
        "tỷ lệ chỉ tiêu `CT16` là `120`, phải từ 0 đến 100",
    );
}

#[test]
fn n006_blank_is_a_warning_never_zero() {
    only(
        Sub::correct().indicator("CT08", V::Blank),
        "N006",
        "Chỉ tiêu!E2",
        "warning",
        "chỉ tiêu `CT08` chưa có số liệu",
    );
    // 0 is a figure.
    expect(
        &check(&Sub::correct().indicator("CT08", V::Num(0.0)), &[]),
        &[],
    );
    // The help fits the indicator: a number asks for 0 when zero, a yes/no for Có or Không.
    let c = check(&Sub::correct().indicator("CT08", V::Blank), &[]);
    let f = finding(&c, "N006", "Chỉ tiêu!E2", "warning", "CT08");
    assert!(str_of(f, "help").contains("ghi 0"), "{f}");
    let c = check(&Sub::correct().indicator("CT13", V::Blank), &[]);
    let f = finding(&c, "N006", "Chỉ tiêu!E3", "warning", "CT13");
    assert!(!str_of(f, "help").contains("ghi 0"), "{f}");
    assert!(str_of(f, "help").contains("`Có` hoặc `Không`"), "{f}");
}

#[test]
fn n007_indicator_not_assigned_or_unknown() {
    for (id, cell) in [("CT01", "Chỉ tiêu!B7"), ("CT99", "Chỉ tiêu!B7")] {
        let mut sub = Sub::correct();
        let mut extra = sub.indicators[0].clone();
        extra.insert("Mã chỉ tiêu".into(), t(id));
        sub.indicators.push(extra);
        only(
            sub,
            "N007",
            cell,
            "error",
            &format!("chỉ tiêu `{id}` không có trong kế hoạch hoặc không giao cho cơ quan này"),
        );
    }
}

#[test]
fn n008_indicator_listed_twice() {
    let mut sub = Sub::correct();
    let again = sub.indicators[1].clone();
    sub.indicators.push(again);
    only(
        sub,
        "N008",
        "Chỉ tiêu!B7",
        "error",
        "chỉ tiêu `CT13` đã kê khai ở ô B3",
    );
}

#[test]
fn n009_yes_no_indicator_with_another_value() {
    let c = only(
        Sub::correct().indicator("CT13", t("Có lẽ")),
        "N009",
        "Chỉ tiêu!E3",
        "error",
        "chỉ tiêu `CT13` ghi `Có lẽ`; cần `Có` hoặc `Không`",
    );
    let f = finding(&c, "N009", "Chỉ tiêu!E3", "error", "");
    assert_ne!(f["help"], f["message"], "the help repeats the message: {f}");
    for yes_no in ["không", "KHONG", "co"] {
        expect(
            &check(&Sub::correct().indicator("CT13", t(yes_no)), &[]),
            &[],
        );
    }
}

// ---- spreadsheet errors and legacy text ----------------------------------------------------

#[test]
fn e001_error_cells() {
    only(
        Sub::correct().task("III.5.2", "Tình trạng", V::Error("#REF!")),
        "E001",
        "Báo cáo!E8",
        "error",
        "ô chứa lỗi công thức `#REF!`",
    );
    only(
        Sub::correct().indicator("CT08", V::Error("#DIV/0!")),
        "E001",
        "Chỉ tiêu!E2",
        "error",
        "ô chứa lỗi công thức `#DIV/0!`",
    );
}

#[test]
fn f010_result_typed_in_a_legacy_encoding() {
    // "Hoàn thành kế hoạch" typed with a TCVN3 (.VnTime) font.
    only(
        Sub::correct().task("III.5.1", "Kết quả thực hiện", t("Hoµn thµnh kÕ ho¹ch")),
        "F010",
        "Báo cáo!G7",
        "error",
        "văn bản gõ bằng bảng mã cũ TCVN3 (ABC): `Hoµn thµnh kÕ ho¹ch`",
    );
}

// ---- output, languages, exit codes ---------------------------------------------------------

#[test]
fn text_output_is_sorted_by_sheet_and_cell_and_ends_with_counts() {
    let sub = Sub::correct()
        .indicator("CT08", V::Blank)
        .task("III.12.2", "Tình trạng", t("x"))
        .task("III.5.1", "Ngày hoàn thành", V::Blank);
    let c = check(&sub, &[]);
    let out = c.text.stdout();
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(
        lines[0], "SCT-2025.xlsx (SCT — Sở Công Thương, kỳ 2025)",
        "{out}"
    );
    let places: Vec<&str> = lines
        .iter()
        .filter(|l| l.starts_with("  ") && !l.starts_with("      "))
        .filter_map(|l| l.trim().split(": ").next())
        .collect();
    assert_eq!(
        places,
        [
            "Báo cáo!F7",
            "Báo cáo!E11",
            "Chỉ tiêu!E2",
            "2 lỗi, 1 cảnh báo"
        ],
        "{out}"
    );
    assert_eq!(c.code, 1);
}

#[test]
fn warnings_only_exit_0_errors_exit_1() {
    let c = check(&Sub::correct().indicator("CT08", V::Blank), &[]);
    assert_eq!(c.code, 0);
    c.text.stdout_has("  0 lỗi, 1 cảnh báo\n");
    let c = check(&Sub::correct().indicator("CT08", V::Num(-1.0)), &[]);
    assert_eq!(c.code, 1);
    c.text.stdout_has("  1 lỗi, 0 cảnh báo\n");
}

#[test]
fn bad_arguments_missing_paths_and_bad_periods_exit_2() {
    let w = Workdir::new();
    Sub::correct().write(&w, "SCT-2025.xlsx");
    w.run(&["validate", "SCT-2025.xlsx", "--bogus"])
        .expect_code(2);
    w.run(&["validate"]).expect_code(2);
    w.run(&["validate", "SCT-2025.xlsx", "khong-co.xlsx"])
        .expect_code(2)
        .stderr_has("không tìm thấy `khong-co.xlsx`");
    w.run(&["validate", "SCT-2025.xlsx", "--period", "2025-Q3"])
        .expect_code(2)
        .stderr_has("kỳ `2025-Q3` là kỳ quý, nhưng kế hoạch không bật loại kỳ này");
    w.run(&["validate", "SCT-2025.xlsx", "--period", "năm nay"])
        .expect_code(2);
    w.run(&["validate", "SCT-2025.xlsx", "--agency", "KHONGCO"])
        .expect_code(2)
        .stderr_has("`KHONGCO`");
    w.run(&["validate", "SCT-2025.xlsx", "--as-of", "31/02/2025"])
        .expect_code(2)
        .stderr_has("`31/02/2025`");
    w.run(&["validate", "SCT-2025.xlsx", "--format", "xml"])
        .expect_code(2);
    // Nothing was printed to stdout for a run that could not start.
    let r = w.run(&["validate", "SCT-2025.xlsx", "--period", "2025-Q3"]);
    assert_eq!(r.stdout(), "");
}

#[test]
fn english_messages_with_lang_en() {
    let sub = Sub::correct()
        .task("III.5.2", "Tình trạng", t("Đang làm"))
        .indicator("CT08", V::Blank);
    let c = check(&sub, &["--lang", "en"]);
    let out = c.text.stdout();
    assert!(
        out.contains("Báo cáo!E8: error[T006]: status `Đang làm` is not valid"),
        "{out}"
    );
    assert!(
        out.contains("Chỉ tiêu!E2: warning[N006]: indicator `CT08` has no figure"),
        "{out}"
    );
    assert!(out.contains("1 error(s), 1 warning(s)"), "{out}");
    assert!(out.contains("(SCT — Sở Công Thương, period 2025)"), "{out}");
    assert!(!out.contains("lỗi"), "{out}");
    let f = finding(&c, "T006", "Báo cáo!E8", "error", "is not valid");
    assert!(str_of(f, "help").starts_with("pick it from"), "{f}");
}

#[test]
fn several_files_give_a_block_each_and_a_total() {
    let w = Workdir::new();
    Sub::correct().write(&w, "a/SCT-2025.xlsx");
    Sub::correct()
        .indicator("CT08", V::Blank)
        .task("III.5.2", "Tình trạng", V::Blank)
        .write(&w, "b/SCT-2025.xlsx");
    w.write("c/rong.xlsx", b"");
    let files = ["a/SCT-2025.xlsx", "b/SCT-2025.xlsx", "c/rong.xlsx"];
    let mut args = vec!["validate"];
    args.extend(files);
    args.extend(["--as-of", AS_OF]);
    let run = w.run(&args);
    run.expect_code(1);
    let out = run.stdout();
    assert_eq!(
        out,
        "a/SCT-2025.xlsx (SCT — Sở Công Thương, kỳ 2025)\n  0 lỗi, 0 cảnh báo\n\
         b/SCT-2025.xlsx (SCT — Sở Công Thương, kỳ 2025)\n\
         \x20 Báo cáo!E8: lỗi[T005]: nhiệm vụ `III.5.2` chưa chọn tình trạng\n\
         \x20     → chọn một trong: `Đã hoàn thành`, `Đang thực hiện`, `Chưa thực hiện`\n\
         \x20 Chỉ tiêu!E2: cảnh báo[N006]: chỉ tiêu `CT08` chưa có số liệu\n\
         \x20     → ghi số liệu; nếu bằng không thì ghi 0 (ô trống không được tính là 0)\n\
         \x20 1 lỗi, 1 cảnh báo\n\
         c/rong.xlsx\n\
         \x20 lỗi[F002]: tệp rỗng (0 byte hoặc toàn byte trống); cần một bảng tính Excel (.xlsx)\n\
         \x20     → tệp thường bị hỏng khi tải về hoặc sao chép; đề nghị cơ quan gửi lại tệp\n\
         \x20 1 lỗi, 0 cảnh báo\n\
         Tổng: 2 lỗi, 1 cảnh báo\n"
    );
    args.extend(["--format", "json"]);
    let json = w.run(&args).expect_code(1).json();
    assert_eq!(
        json["counts"],
        serde_json::json!({"errors": 2, "warnings": 1})
    );
    let names: Vec<&str> = json["files"]
        .as_array()
        .expect("files")
        .iter()
        .map(|f| f["file"].as_str().expect("file"))
        .collect();
    assert_eq!(names, files);
    assert_eq!(json["files"][2]["format"], Json::Null);
    assert_eq!(json["files"][2]["agency"], Json::Null);
    // Only warnings in every file: exit 0.
    let ok = w.run(&[
        "validate",
        "a/SCT-2025.xlsx",
        "a/SCT-2025.xlsx",
        "--as-of",
        AS_OF,
    ]);
    ok.expect_code(0).stdout_has("Tổng: 0 lỗi, 0 cảnh báo\n");
}

// ---- impostors -------------------------------------------------------------------------------

/// Validates one file; asserts exactly one finding with `code`, no location, a Vietnamese
/// message containing `needle`, and exit 1.
fn one_file_finding(w: &Workdir, name: &str, code: &str, needle: &str) {
    let c = validate(w, name, &[]);
    expect(&c, &[(code, "")]);
    finding(&c, code, "", "error", needle);
    assert_eq!(c.code, 1);
    c.text.stdout_has(&format!("{name}\n  lỗi[{code}]: "));
    c.text.stdout_has("  1 lỗi, 0 cảnh báo\n");
}

#[test]
fn html_named_xls_gets_one_clear_finding() {
    let w = Workdir::new();
    w.write(
        "SCT-2025.xls",
        "<html><head><meta charset=\"utf-8\"></head><body><table>\
         <tr><td>Mã nhiệm vụ</td><td>Tình trạng</td></tr>\
         <tr><td>III.5.1</td><td>Đã hoàn thành</td></tr></table></body></html>",
    );
    one_file_finding(&w, "SCT-2025.xls", "F003", "tệp là trang web (HTML)");
}

#[test]
fn zero_byte_file_gets_one_clear_finding() {
    let w = Workdir::new();
    w.write("SCT-2025.xlsx", b"");
    one_file_finding(&w, "SCT-2025.xlsx", "F002", "tệp rỗng (0 byte");
}

#[test]
fn password_protected_file_gets_one_clear_finding() {
    let src = manifest().join("../shared/corpus/calamine/pass_protected.xlsx");
    if !src.exists() {
        skip("../shared/corpus/calamine is absent");
        return;
    }
    let w = Workdir::new();
    w.write(
        "SCT-2025.xlsx",
        std::fs::read(&src).expect("read corpus file"),
    );
    one_file_finding(&w, "SCT-2025.xlsx", "F005", "bảng tính có mật khẩu mở tệp");
}

// ---- files saved by LibreOffice --------------------------------------------------------------

#[test]
fn template_filled_and_saved_by_libreoffice_is_valid_in_every_format() {
    for (name, format) in [
        ("SCT-2025.xlsx", "xlsx"),
        ("SCT-2025.xls", "xls"),
        ("SCT-2025.ods", "ods"),
    ] {
        let w = Workdir::new();
        copy_fixture(&w, name);
        let c = validate(&w, name, &[]);
        expect(&c, &[]);
        assert_eq!(c.code, 0, "{name}");
        let file = &c.json["files"][0];
        assert_eq!(file["format"], format, "{name}");
        assert_eq!(file["agency"], "SCT", "{name}");
        assert_eq!(file["period"], "2025", "{name}");
        assert_eq!(file["report_date"], "2025-12-18", "{name}");
        assert_eq!(file["tasks"], 5, "{name}");
        assert_eq!(file["indicators"], 5, "{name}");
        assert_eq!(c.json["counts"]["errors"], 0, "{name}");
        // --agency and --period agree with the file.
        let again = validate(&w, name, &["--agency", "SCT", "--period", "2025"]);
        expect(&again, &[]);
    }
}

#[test]
fn typical_mistakes_saved_by_libreoffice() {
    // Text dates, a decomposed upper-case status and a number stored as text are accepted;
    // the invalid status and the negative figure are reported, in every format.
    for name in ["SCT-2025-loi.xlsx", "SCT-2025-loi.xls", "SCT-2025-loi.ods"] {
        let w = Workdir::new();
        copy_fixture(&w, name);
        let c = validate(&w, name, &[]);
        expect(&c, &[("T006", "Báo cáo!E16"), ("N003", "Chỉ tiêu!E9")]);
        finding(
            &c,
            "T006",
            "Báo cáo!E16",
            "error",
            "tình trạng `Đang làm` không hợp lệ",
        );
        finding(
            &c,
            "N003",
            "Chỉ tiêu!E9",
            "error",
            "số liệu chỉ tiêu `CT15` là `-3`, không được âm",
        );
        assert_eq!(c.code, 1, "{name}");
        assert_eq!(c.json["files"][0]["tasks"], 5, "{name}");
    }
}

#[test]
fn fixtures_readme_names_every_fixture() {
    let readme = std::fs::read_to_string(fixture("README.md")).expect("README.md");
    for entry in std::fs::read_dir(fixture("")).expect("fixtures") {
        let name = entry.expect("entry").file_name();
        let name = name.to_string_lossy();
        if name != "README.md" {
            assert!(
                readme.contains(&format!("`{name}`")),
                "README.md lacks {name}"
            );
        }
    }
}

// ---- annotated copies ------------------------------------------------------------------------

fn zip_entries(path: &Path) -> BTreeMap<String, String> {
    let file = std::fs::File::open(path).expect("open zip");
    let mut zip = zip::ZipArchive::new(file).expect("zip");
    let mut out = BTreeMap::new();
    for i in 0..zip.len() {
        let mut e = zip.by_index(i).expect("entry");
        let mut s = String::new();
        if e.read_to_string(&mut s).is_ok() {
            out.insert(e.name().map(|n| n.to_string()).unwrap_or_default(), s);
        }
    }
    out
}

/// A submission with three problems and text that looks like formulas.
fn annotated_sub() -> Sub {
    Sub::correct()
        .task("III.5.2", "Tình trạng", t("Đang làm"))
        .task("III.5.1", "Ngày hoàn thành", V::Date(2024, 12, 1))
        .indicator("CT08", V::Blank)
        .task(
            "III.5.1",
            "Kết quả thực hiện",
            t("=HYPERLINK(\"http://x.invalid\",\"bấm\")"),
        )
        .task("III.5.2", "Kết quả thực hiện", t("+84 262 3812 345"))
        .task("III.5.3", "Khó khăn, vướng mắc", t("-thiếu kinh phí"))
        .task("III.12.2", "Kết quả thực hiện", t("@SCT phối hợp"))
}

/// The row of the copy's sheet whose column B (`Mã nhiệm vụ`, `Mã chỉ tiêu`) is `id`.
fn row_of(range: &calamine::Range<calamine::Data>, id: &str) -> u32 {
    range
        .rows()
        .position(|r| r.get(1).is_some_and(|d| *d == id))
        .and_then(|i| u32::try_from(i).ok())
        .unwrap_or_else(|| panic!("no row {id}"))
}

#[test]
fn annotated_copy_is_the_report_on_a_fresh_template_with_findings_at_their_cells() {
    use calamine::{Data, Reader, open_workbook_auto};
    let w = Workdir::new();
    annotated_sub().write(&w, "SCT-2025.xlsx");
    let run = w.run(&[
        "validate",
        "SCT-2025.xlsx",
        "--as-of",
        AS_OF,
        "--annotate",
        "gop-y.xlsx",
    ]);
    run.expect_code(1).stdout_has("đã ghi gop-y.xlsx");
    let json = w
        .run(&[
            "validate",
            "SCT-2025.xlsx",
            "--as-of",
            AS_OF,
            "--format",
            "json",
        ])
        .json();
    let fs = findings(&json);
    assert_eq!(fs.len(), 3, "{json}");

    let path = w.join("gop-y.xlsx");
    let mut book = open_workbook_auto(&path).expect("calamine opens the annotated copy");
    let names = book.sheet_names();
    assert_eq!(
        names,
        [REPORT, INDICATORS, "Hướng dẫn", "_baocao", "Lỗi, cảnh báo"],
        "the template's sheets, then the findings"
    );
    // The findings sheet: a title block, then one row per finding with its cell on this copy
    // and its place in the original.
    let list = book.worksheet_range("Lỗi, cảnh báo").expect("findings");
    let rows: Vec<Vec<String>> = list
        .rows()
        .map(|r| r.iter().map(|d| d.to_string()).collect())
        .collect();
    assert!(
        rows[0][0].starts_with("Ý kiến rà soát báo cáo của Sở Công Thương"),
        "{rows:?}"
    );
    assert!(
        rows.iter()
            .any(|r| r[0].starts_with("Cách làm: sửa trực tiếp các ô được tô màu"))
    );
    let head = rows.iter().position(|r| r[0] == "Mã").expect("header row");
    assert_eq!(
        rows[head],
        [
            "Mã",
            "Mức độ",
            "Ô trên bản này",
            "Vị trí trong tệp gốc",
            "Nội dung",
            "Cách khắc phục"
        ]
    );
    assert_eq!(
        rows.len(),
        head + 1 + fs.len(),
        "one row per finding: {rows:?}"
    );

    // The values are on the template's rows, as the agency typed them.
    let report = book.worksheet_range(REPORT).expect("report sheet");
    let at = |r: u32, c: u32| report.get_value((r, c)).cloned().unwrap_or(Data::Empty);
    let r1 = row_of(&report, "III.5.1");
    let r2 = row_of(&report, "III.5.2");
    assert_eq!(
        at(r1, 6).to_string(),
        "=HYPERLINK(\"http://x.invalid\",\"bấm\")"
    );
    assert!(matches!(at(r1, 5), Data::DateTime(_)), "{:?}", at(r1, 5));
    assert_eq!(at(r2, 4), Data::String("Đang làm".into()));
    assert_eq!(at(r2, 6), Data::String("+84 262 3812 345".into()));
    let ind = book.worksheet_range(INDICATORS).expect("indicator sheet");
    let ct14 = row_of(&ind, "CT14");
    assert_eq!(ind.get_value((ct14, 4)), Some(&Data::Float(2.0)));
    // Each finding links the copy's cell where it is shown.
    let cell = |r: u32, c: &str| format!("{c}{}", r + 1);
    let expected = [
        ("T006", format!("Báo cáo!{}", cell(r2, "E"))),
        ("D004", format!("Báo cáo!{}", cell(r1, "F"))),
        (
            "N006",
            format!("Chỉ tiêu!{}", cell(row_of(&ind, "CT08"), "E")),
        ),
    ];
    for (row, f) in rows[head + 1..].iter().zip(&fs) {
        assert_eq!(row[0], str_of(f, "code"));
        let want = &expected.iter().find(|(c, _)| *c == row[0]).expect("code").1;
        assert_eq!(&row[2], want, "{row:?}");
        assert_eq!(
            row[3],
            format!("{}!{}", str_of(f, "sheet"), str_of(f, "cell"))
        );
        assert_eq!(row[4], str_of(f, "message"));
        assert_eq!(row[5], str_of(f, "help"));
    }
    // The hidden identity of the template: this agency and period.
    let id = book.worksheet_range("_baocao").expect("identity");
    let ident: Vec<String> = id
        .rows()
        .map(|r| {
            r.iter()
                .map(|d| d.to_string())
                .collect::<Vec<_>>()
                .join("=")
        })
        .collect();
    assert!(
        ident.contains(&"baocao_agency=SCT".to_string()),
        "{ident:?}"
    );
    assert!(
        ident.contains(&"baocao_period=2025".to_string()),
        "{ident:?}"
    );

    let zip = zip_entries(&path);
    let comments: String = zip
        .iter()
        .filter(|(k, _)| k.starts_with("xl/comments"))
        .map(|(_, v)| v.as_str())
        .collect();
    for (code, place) in &expected {
        assert!(
            comments.contains(&format!("[{code}]")),
            "no note for {code}"
        );
        let cell = place.split('!').nth(1).unwrap_or_default();
        assert!(
            comments.contains(&format!("ref=\"{cell}\"")),
            "no note on {cell}"
        );
    }
    // Text that starts like a formula stays text: the only formula is the template's own
    // place-and-date line.
    for (name, xml) in zip.iter().filter(|(k, _)| k.starts_with("xl/worksheets/")) {
        assert!(!xml.contains("HYPERLINK"), "{name} made the text a formula");
    }
    let strings = &zip["xl/sharedStrings.xml"];
    for text in ["+84 262 3812 345", "-thiếu kinh phí", "@SCT phối hợp"] {
        assert!(strings.contains(text), "{text}");
    }
}

#[test]
fn annotated_copy_corrected_in_its_highlighted_cells_validates_clean() {
    if !have_python_modules(&["openpyxl"]) {
        skip("python3 with openpyxl is not installed");
        return;
    }
    let w = Workdir::new();
    // Reshaped the way offices reshape a report: a column of their own, a task row deleted,
    // a row of another agency's task, a line of notes above the table.
    let mut sub = annotated_sub();
    sub.task_columns.push("Ghi chú riêng của Sở".into());
    sub.tasks[0].insert("Ghi chú riêng của Sở".into(), t("kèm 12 ảnh"));
    sub.tasks
        .retain(|r| r.get("Mã nhiệm vụ") != Some(&t("III.5.3")));
    sub.tasks.push(row(&[
        ("Mã nhiệm vụ", t("III.3.1")),
        ("Tình trạng", t(DONE)),
        ("Kết quả thực hiện", t("việc của Sở TT&TT")),
    ]));
    sub.identity
        .push(("Kèm theo".into(), t("Công văn số 123/SCT-VP")));
    sub.write(&w, "SCT-2025.xlsx");
    w.run(&[
        "validate",
        "SCT-2025.xlsx",
        "--as-of",
        AS_OF,
        "--annotate",
        "gop-y.xlsx",
    ])
    .expect_code(1)
    .stdout_has("T001")
    .stdout_has("T002");

    let code = r#"
import sys, datetime, openpyxl
src, dst = sys.argv[1], sys.argv[2]
wb = openpyxl.load_workbook(src)
print("sheets", wb.sheetnames)
print("identity", wb["_baocao"].sheet_state)
props = {p.name: p.value for p in wb.custom_doc_props.props}
print("agency", props.get("baocao_agency"), props.get("baocao_period"))
for name in ("Báo cáo", "Chỉ tiêu"):
    ws = wb[name]
    print(name, "protected", ws.protection.sheet, "validations", len(ws.data_validations.dataValidation) > 0)
left = wb["Ngoài biểu mẫu"]
values = sorted(str(r[2]) for r in left.iter_rows(min_row=4, values_only=True) if r[2] is not None)
print("leftovers", values)
# Correct only the highlighted cells, as an agency would.
fixed = 0
for name in ("Báo cáo", "Chỉ tiêu"):
    ws = wb[name]
    header = {}
    for row in ws.iter_rows():
        for c in row:
            if c.value in ("Tình trạng", "Ngày hoàn thành", "Số liệu") and c.row not in header:
                header.setdefault(c.column, c.value)
    for row in ws.iter_rows():
        for c in row:
            if c.comment is None:
                continue
            label = header.get(c.column)
            if label == "Tình trạng":
                c.value = "Đang thực hiện"
                ws.cell(c.row, c.column + 2).value = ws.cell(c.row, c.column + 2).value or "Đang triển khai."
            elif label == "Ngày hoàn thành":
                c.value = datetime.datetime(2025, 6, 15)
            elif label == "Số liệu":
                c.value = 3
            else:
                c.value = datetime.datetime(2025, 12, 18)
            fixed += 1
print("fixed", fixed)
wb.save(dst)
"#;
    let out = Command::new("python3")
        .arg("-c")
        .arg(code)
        .arg(w.join("gop-y.xlsx"))
        .arg(w.join("da-sua.xlsx"))
        .output()
        .expect("python3");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    for line in [
        "sheets ['Báo cáo', 'Chỉ tiêu', 'Hướng dẫn', '_baocao', 'Lỗi, cảnh báo', 'Ngoài biểu mẫu']",
        "identity veryHidden",
        "agency SCT 2025",
        "Báo cáo protected True validations True",
        "Chỉ tiêu protected True validations True",
        // Nothing the agency typed is lost: what has no cell on the template is listed.
        "leftovers ['Công văn số 123/SCT-VP', 'Ghi chú riêng của Sở', 'III.3.1', 'Kèm theo', 'kèm 12 ảnh', 'việc của Sở TT&TT']",
        // T006, D004, N006 and the row put back for III.5.3.
        "fixed 4",
    ] {
        assert!(stdout.contains(line), "{line:?} not in:\n{stdout}");
    }
    let run = w.run(&["validate", "da-sua.xlsx", "--as-of", AS_OF]);
    run.expect_code(0);
    assert!(!run.stdout().contains("lỗi["), "{}", run.stdout());
}

#[test]
fn annotated_copy_is_the_same_bytes_twice_and_refuses_to_overwrite() {
    let w = Workdir::new();
    annotated_sub()
        .with_machine_identity()
        .write(&w, "SCT-2025.xlsx");
    let args = |out: &'static str| {
        vec![
            "validate",
            "SCT-2025.xlsx",
            "--as-of",
            AS_OF,
            "--annotate",
            out,
        ]
    };
    w.run(&args("a.xlsx")).expect_code(1);
    // A second later: the clock must not reach the file.
    std::thread::sleep(Duration::from_millis(1100));
    w.run(&args("b.xlsx")).expect_code(1);
    assert!(
        w.read("a.xlsx") == w.read("b.xlsx"),
        "two runs give different bytes"
    );
    w.run(&args("a.xlsx"))
        .expect_code(2)
        .stderr_has("tệp `a.xlsx` đã có; thêm --force để ghi đè");
    let mut again = args("a.xlsx");
    again.push("--force");
    w.run(&again).expect_code(1);
    // --annotate takes one file.
    w.run(&[
        "validate",
        "SCT-2025.xlsx",
        "SCT-2025.xlsx",
        "--annotate",
        "c.xlsx",
    ])
    .expect_code(2)
    .stderr_has("--annotate chỉ dùng với một tệp");
}

#[test]
fn annotated_copy_of_an_unreadable_file_lists_its_one_finding() {
    let w = Workdir::new();
    w.write("SCT-2025.xlsx", b"");
    w.run(&["validate", "SCT-2025.xlsx", "--annotate", "gop-y.xlsx"])
        .expect_code(1);
    use calamine::{Reader, open_workbook_auto};
    let mut book = open_workbook_auto(w.join("gop-y.xlsx")).expect("open");
    assert_eq!(book.sheet_names(), ["Lỗi, cảnh báo"]);
    let list = book.worksheet_range("Lỗi, cảnh báo").expect("sheet");
    assert_eq!(list.height(), 2);
    assert_eq!(
        list.get_value((1, 0)).map(|d| d.to_string()),
        Some("F002".into())
    );
}

#[test]
fn annotated_copy_opens_in_libreoffice() {
    if !have("soffice") {
        skip("LibreOffice (soffice) is not installed");
        return;
    }
    let w = Workdir::new();
    annotated_sub().write(&w, "SCT-2025.xlsx");
    w.run(&[
        "validate",
        "SCT-2025.xlsx",
        "--as-of",
        AS_OF,
        "--annotate",
        "gop-y.xlsx",
    ])
    .expect_code(1);
    let profile = format!("-env:UserInstallation=file://{}/lo", w.path().display());
    let out = Command::new("soffice")
        .current_dir(w.path())
        .args([
            profile.as_str(),
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            "pdf",
            "gop-y.xlsx",
        ])
        .output()
        .expect("run soffice");
    let pdf = w.join("pdf/gop-y.pdf");
    assert!(
        pdf.exists(),
        "soffice wrote no PDF:\n{}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    let bytes = std::fs::read(&pdf).expect("pdf");
    assert!(bytes.starts_with(b"%PDF"), "not a PDF");
}

// ---- the calamine corpus ---------------------------------------------------------------------

/// Runs `baocao validate FILE` with a time limit; `None` when it had to be killed.
fn run_with_timeout(
    dir: &Path,
    file: &str,
    limit: Duration,
) -> Option<(Option<i32>, String, String)> {
    let mut child = Command::new(assert_cmd::cargo::cargo_bin("baocao"))
        .current_dir(dir)
        .args(["validate", file, "--as-of", AS_OF])
        .env("NO_COLOR", "1")
        .env_remove("BAOCAO_PLAN")
        .env_remove("BAOCAO_LANG")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn baocao");
    // Read the pipes on threads so a chatty child cannot block on a full pipe.
    let mut out = child.stdout.take().expect("stdout");
    let mut err = child.stderr.take().expect("stderr");
    let t_out = std::thread::spawn(move || {
        let mut s = String::new();
        let _ = out.read_to_string(&mut s);
        s
    });
    let t_err = std::thread::spawn(move || {
        let mut s = String::new();
        let _ = err.read_to_string(&mut s);
        s
    });
    let start = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait") {
            break Some(status);
        }
        if start.elapsed() > limit {
            let _ = child.kill();
            let _ = child.wait();
            break None;
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let stdout = t_out.join().unwrap_or_default();
    let stderr = t_err.join().unwrap_or_default();
    status.map(|s| (s.code(), stdout, stderr))
}

#[test]
fn every_calamine_corpus_file_gives_findings_or_a_clean_result_never_a_panic() {
    let dir = manifest().join("../shared/corpus/calamine");
    if !dir.is_dir() {
        skip("../shared/corpus/calamine is absent");
        return;
    }
    let mut files: Vec<String> = std::fs::read_dir(&dir)
        .expect("corpus")
        .filter_map(|e| e.ok())
        .filter(|e| e.path().is_file())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    files.sort();
    assert!(!files.is_empty());
    let mut failures = Vec::new();
    for file in &files {
        match run_with_timeout(&dir, file, Duration::from_secs(10)) {
            None => failures.push(format!("{file}: still running after 10 s")),
            Some((Some(code @ (0 | 1)), stdout, _)) => {
                if !stdout.starts_with(file.as_str()) {
                    failures.push(format!(
                        "{file}: exit {code}, stdout does not name it:\n{stdout}"
                    ));
                }
            }
            Some((code, stdout, stderr)) => failures.push(format!(
                "{file}: exit {code:?} (a panic or a signal)\n{stdout}\n{stderr}"
            )),
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

// ---- docs/findings.md ------------------------------------------------------------------------

/// The codes declared in src/diag/code.rs: every `= "X000"` literal.
fn declared_codes() -> Vec<String> {
    let src = std::fs::read_to_string(manifest().join("src/diag/code.rs")).expect("code.rs");
    let mut codes = Vec::new();
    for (i, _) in src.match_indices("= \"") {
        let lit: String = src[i + 3..].chars().take(5).collect();
        let bytes = lit.as_bytes();
        if bytes.len() == 5
            && bytes[0].is_ascii_uppercase()
            && bytes[1..4].iter().all(u8::is_ascii_digit)
            && bytes[4] == b'"'
        {
            codes.push(lit[..4].to_string());
        }
    }
    codes
}

#[test]
fn findings_doc_documents_every_code() {
    let codes = declared_codes();
    // P001–P007, F001–F012, S001–S003, I001–I009, T001–T007, D001–D007, N001–N009 and E001
    // when this test was written; codes are added, never removed.
    assert!(
        codes.len() >= 55,
        "the scan of code.rs found only {codes:?}"
    );
    let doc = std::fs::read_to_string(manifest().join("docs/findings.md")).expect("findings.md");
    let missing: Vec<&String> = codes
        .iter()
        .filter(|c| !doc.lines().any(|l| l.starts_with(&format!("| `{c}` |"))))
        .collect();
    assert!(
        missing.is_empty(),
        "docs/findings.md has no table row for {missing:?}"
    );
    // And no row for a code that does not exist.
    for line in doc.lines().filter(|l| l.starts_with("| `")) {
        let code: String = line[3..].chars().take_while(|c| *c != '`').collect();
        if code.len() == 4 && code.as_bytes()[1..].iter().all(u8::is_ascii_digit) {
            assert!(
                codes.contains(&code),
                "docs/findings.md documents unknown code {code}"
            );
        }
    }
    // Its JSON schema names every field validate prints.
    for field in [
        "counts",
        "files",
        "file",
        "format",
        "agency",
        "agency_name",
        "period",
        "report_date",
        "tasks",
        "indicators",
        "findings",
        "code",
        "severity",
        "sheet",
        "cell",
        "line",
        "column",
        "message",
        "help",
    ] {
        assert!(
            doc.contains(&format!("`{field}`")),
            "docs/findings.md lacks field `{field}`"
        );
    }
}

// ---- task frequency ---------------------------------------------------------------------------

/// With quarterly reports switched on, a task's own frequency decides its findings: a
/// fixed-date task done last year (once, until done) and a yearly duty not yet done are no
/// mistakes in a quarter; the same tasks reported every period are.
#[test]
fn task_frequency_keeps_quarterly_reports_free_of_unavoidable_findings() {
    let w = Workdir::new();
    let dir = w.copy_plan("p");
    let edit = |file: &str, from: &str, to: &str| {
        let path = dir.join(file);
        let text = std::fs::read_to_string(&path).expect("plan file");
        assert!(text.contains(from), "{file} lacks {from:?}");
        std::fs::write(&path, text.replacen(from, to, 1)).expect("write");
    };
    edit(
        "plan.yaml",
        "quarter:   {enabled: false",
        "quarter:   {enabled: true",
    );
    // III.5.2 becomes a duty due each period (it is in progress in the report).
    let path = dir.join("agencies/SCT.yaml");
    let sct = std::fs::read_to_string(&path).expect("SCT.yaml");
    let at = sct.find("id: III.5.2").expect("III.5.2");
    let d = at + sct[at..].find("deadline: ongoing").expect("its deadline");
    let sct = format!(
        "{}deadline: each_period{}",
        &sct[..d],
        &sct[d + "deadline: ongoing".len()..]
    );
    std::fs::write(&path, sct).expect("write");
    w.run(&["plan", "check", "--plan", "p"]).expect_code(0);

    // A third-quarter report, checked on 20/09/2025: III.12.1 (due 31/12/2024) was done on
    // 20/12/2024, before the quarter's window; III.5.2 is still in progress.
    Sub::correct()
        .ident("Kỳ báo cáo", t("2025-Q3"))
        .task("III.12.2", "Ngày hoàn thành", V::Date(2025, 8, 1))
        .write(&w, "SCT-2025-Q3.xlsx");
    let run = |extra: &[&str]| {
        let mut args = vec![
            "validate",
            "SCT-2025-Q3.xlsx",
            "--plan",
            "p",
            "--as-of",
            "2025-09-20",
            "--format",
            "json",
        ];
        args.extend_from_slice(extra);
        let r = w.run(&args);
        let j = r.json();
        findings(&j)
            .iter()
            .map(|f| format!("{} {}", str_of(f, "code"), str_of(f, "message")))
            .collect::<Vec<String>>()
    };
    // Defaults: the fixed-date task is once-only, so its old date is fine; the each-period
    // duty is overdue at the quarter's end.
    let got = run(&[]);
    assert!(
        !got.iter()
            .any(|f| f.starts_with("D004") && f.contains("20/12/2024")),
        "{got:?}"
    );
    assert!(
        got.iter()
            .any(|f| f.starts_with("D006") && f.contains("III.5.2")),
        "{got:?}"
    );

    // Yearly: due at the year's end (14/12/2025), so not overdue in the third quarter; and
    // every period for III.12.1 brings back the date warning.
    edit(
        "agencies/SCT.yaml",
        "  - id: III.5.2\n",
        "  - id: III.5.2\n    frequency: yearly\n",
    );
    let groups = std::fs::read_dir(dir.join("groups")).expect("groups");
    for g in groups.flatten() {
        let text = std::fs::read_to_string(g.path()).expect("group");
        if text.contains("id: III.12.1") {
            std::fs::write(
                g.path(),
                text.replacen(
                    "deadline: 2024-12-31",
                    "deadline: 2024-12-31\n    frequency: each_period",
                    1,
                ),
            )
            .expect("write");
        }
    }
    let got = run(&[]);
    assert!(!got.iter().any(|f| f.starts_with("D006")), "{got:?}");
    assert!(
        got.iter()
            .any(|f| f.starts_with("D004") && f.contains("20/12/2024")),
        "{got:?}"
    );
    // The JSON of the plan names a frequency that is not the default.
    let plan = w
        .run(&[
            "plan", "show", "--plan", "p", "--format", "json", "--period", "2025-Q3",
        ])
        .json();
    let task = plan["tasks"]
        .as_array()
        .expect("tasks")
        .iter()
        .find(|t| t["id"] == "III.5.2")
        .expect("III.5.2")
        .clone();
    assert_eq!(task["frequency"], "yearly");
    assert_eq!(task["due_in_period"], "2025-12-14");
}

/// The shipped plan's yearly duties stay due at the year's end when quarters are switched on.
#[test]
fn the_shipped_plan_with_quarters_keeps_yearly_duties_due_at_the_years_end() {
    let w = Workdir::new();
    let dir = w.copy_shipped_plan("p");
    let path = dir.join("plan.yaml");
    let text = std::fs::read_to_string(&path).expect("plan.yaml");
    let text = text.replacen("quarter:   {enabled: false", "quarter:   {enabled: true", 1);
    std::fs::write(&path, text).expect("write");
    let plan = w
        .run(&[
            "plan", "show", "--plan", "p", "--format", "json", "--period", "2026-Q1",
        ])
        .expect_code(0)
        .json();
    let due = |id: &str| {
        plan["tasks"]
            .as_array()
            .expect("tasks")
            .iter()
            .find(|t| t["id"] == id)
            .map(|t| t["due_in_period"].clone())
            .expect("task")
    };
    // The annual plan and its budget: the year's end; the periodic report: the quarter's.
    assert_eq!(due("III.3.4"), "2026-12-14");
    assert_eq!(due("III.9.1"), "2026-12-14");
    assert_eq!(due("III.3.1"), "2026-03-14");
}
