//! `baocao consolidate` on the shipped example submissions (examples/submissions/2025/).
//!
//! The expected figures come from examples/submissions/manifest.json, which the generator
//! (examples/make_submissions.py) writes from its own story: which agency sent which file,
//! every status and value typed, the mistakes made and the findings they must cause. Nothing
//! here re-runs baocao's logic: each figure of the workbook is recomputed from that manifest
//! by the plain rules of docs/consolidated-format.md and compared, cell by cell. The workbook
//! is read with calamine and, independently, with openpyxl.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use calamine::{Data, DataType, Range, Reader, open_workbook_auto};
use chrono::{NaiveDate, TimeZone};
use serde::Deserialize;
use serde_json::Value;
use sha2::{Digest, Sha256};

use crate::common::{Run, Workdir, have, have_python_modules, skip};

const AS_OF: &str = "2025-12-20";
const OUT: &str = "tong-hop-2025.xlsx";
const IN: &str = "nhan/2025";
const LOG: &str = "so-nhan-2025.csv";
const SHEETS: [&str; 7] = [
    "Tổng hợp",
    "Nhiệm vụ",
    "Theo nhiệm vụ",
    "Chỉ tiêu",
    "Chưa nộp, trễ hạn",
    "Lỗi, cảnh báo",
    "Nguồn",
];
/// The very hidden data sheet, after the visible ones (`baocao report` reads it back).
const DATA_SHEET: &str = "_baocao_data";
const DONE: &str = "Đã hoàn thành";
const DOING: &str = "Đang thực hiện";
const NOT_STARTED: &str = "Chưa thực hiện";

// ---- the manifest ---------------------------------------------------------------------------

#[derive(Deserialize)]
struct Manifest {
    period: PeriodM,
    as_of: String,
    expected_agencies: Vec<AgencyM>,
    files: Vec<FileM>,
    skipped: Vec<SkippedM>,
    indicator_types: BTreeMap<String, String>,
}

#[derive(Deserialize)]
struct PeriodM {
    due: String,
}

#[derive(Deserialize)]
struct AgencyM {
    code: String,
    name: String,
    tasks: Vec<String>,
    indicators: Vec<String>,
}

#[derive(Deserialize)]
struct FileM {
    path: String,
    agency: String,
    role: String,
    #[serde(default)]
    period: Option<String>,
    #[serde(default)]
    report_date: Option<String>,
    #[serde(default)]
    preparer: Option<String>,
    #[serde(default)]
    phone: Option<String>,
    #[serde(default)]
    tasks: Vec<TaskM>,
    #[serde(default)]
    indicators: BTreeMap<String, IndicatorM>,
    errors: Vec<String>,
    warnings: Vec<String>,
    mtime: String,
    #[serde(default)]
    received_log: Option<String>,
}

#[derive(Deserialize)]
struct TaskM {
    id: String,
    status: Option<String>,
    done_date: Option<String>,
    result: Option<String>,
    difficulty: Option<String>,
    row_deleted: bool,
    overdue: bool,
}

#[derive(Deserialize)]
struct IndicatorM {
    value: Option<f64>,
    blank: bool,
}

#[derive(Deserialize)]
struct SkippedM {
    path: String,
    mtime: String,
}

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn manifest() -> Manifest {
    let path = repo().join("examples/submissions/manifest.json");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path:?}: {e}"));
    serde_json::from_str(&text).expect("manifest.json")
}

fn ymd(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(&s[..10], "%Y-%m-%d").unwrap_or_else(|e| panic!("{s}: {e}"))
}

fn round1(v: f64) -> f64 {
    (v * 10.0).round() / 10.0
}

// ---- what the manifest says the workbook must show --------------------------------------------

/// One expected agency's row, derived from the manifest alone.
#[derive(Debug, Clone, PartialEq)]
struct Row {
    code: String,
    name: String,
    status: &'static str,
    received: Option<NaiveDate>,
    source: &'static str,
    tasks: usize,
    done: Option<usize>,
    doing: Option<usize>,
    not_started: Option<usize>,
    overdue: Option<usize>,
    rate: Option<f64>,
    errors: Option<usize>,
    warnings: Option<usize>,
    days_late: Option<i64>,
    on_time: bool,
}

struct Expect {
    m: Manifest,
    with_log: bool,
}

impl Expect {
    fn new(with_log: bool) -> Expect {
        Expect {
            m: manifest(),
            with_log,
        }
    }

    fn due(&self) -> NaiveDate {
        ymd(&self.m.period.due)
    }

    fn as_of(&self) -> NaiveDate {
        ymd(&self.m.as_of)
    }

    fn used(&self, code: &str) -> Option<&FileM> {
        self.m
            .files
            .iter()
            .find(|f| f.role == "used" && f.agency == code)
    }

    /// Receipt log, else report date, else file time.
    fn received(&self, f: &FileM) -> (NaiveDate, &'static str) {
        if self.with_log
            && let Some(d) = &f.received_log
        {
            return (ymd(d), "Sổ nhận");
        }
        match &f.report_date {
            Some(d) => (ymd(d), "Ngày báo cáo"),
            None => (ymd(&f.mtime), "Ngày sửa tệp"),
        }
    }

    fn rows(&self) -> Vec<Row> {
        self.m
            .expected_agencies
            .iter()
            .map(|a| self.row(a))
            .collect()
    }

    fn row(&self, a: &AgencyM) -> Row {
        let assigned = a.tasks.len();
        let Some(f) = self.used(&a.code) else {
            let late = (self.as_of() > self.due()).then(|| (self.as_of() - self.due()).num_days());
            return Row {
                code: a.code.clone(),
                name: a.name.clone(),
                status: "Chưa nộp",
                received: None,
                source: "",
                tasks: assigned,
                done: None,
                doing: None,
                not_started: None,
                overdue: None,
                rate: None,
                errors: None,
                warnings: None,
                days_late: late,
                on_time: false,
            };
        };
        let count = |s: &str| {
            f.tasks
                .iter()
                .filter(|t| !t.row_deleted && t.status.as_deref() == Some(s))
                .count()
        };
        let done = count(DONE);
        let overdue = f.tasks.iter().filter(|t| t.overdue).count();
        // Every overdue task with a valid status carries a D006 warning (an invalid status is
        // an error of its own).
        let valid_overdue = f
            .tasks
            .iter()
            .filter(|t| t.overdue && matches!(t.status.as_deref(), Some(DOING | NOT_STARTED)))
            .count();
        assert_eq!(
            valid_overdue,
            f.warnings.iter().filter(|w| *w == "D006").count(),
            "manifest: {} overdue tasks and D006 warnings disagree",
            f.path
        );
        let (received, source) = self.received(f);
        let on_time = received <= self.due();
        let status = if !f.errors.is_empty() {
            "Không hợp lệ"
        } else if on_time {
            "Đúng hạn"
        } else {
            "Trễ hạn"
        };
        Row {
            code: a.code.clone(),
            name: a.name.clone(),
            status,
            received: Some(received),
            source,
            tasks: assigned,
            done: Some(done),
            doing: Some(count(DOING)),
            not_started: Some(count(NOT_STARTED)),
            overdue: Some(overdue),
            rate: Some(round1(100.0 * done as f64 / assigned as f64)),
            errors: Some(f.errors.len()),
            warnings: Some(f.warnings.len()),
            days_late: (!on_time).then(|| (received - self.due()).num_days()),
            on_time,
        }
    }

    /// Every figure of `Tổng hợp`, by label.
    fn figures(&self) -> Vec<(&'static str, f64)> {
        let rows = self.rows();
        let n = |p: &dyn Fn(&Row) -> bool| rows.iter().filter(|r| p(r)).count() as f64;
        let expected = rows.len() as f64;
        let received = n(&|r| r.received.is_some());
        let on_time = n(&|r| r.received.is_some() && r.on_time);
        let sum =
            |g: &dyn Fn(&Row) -> Option<usize>| rows.iter().filter_map(g).sum::<usize>() as f64;
        let not_reported: usize = rows
            .iter()
            .map(|r| {
                r.tasks - r.done.unwrap_or(0) - r.doing.unwrap_or(0) - r.not_started.unwrap_or(0)
            })
            .sum();
        let role = |x: &str| self.m.files.iter().filter(|f| f.role == x).count() as f64;
        let errors: usize = self.m.files.iter().map(|f| f.errors.len()).sum();
        let warnings: usize = self.m.files.iter().map(|f| f.warnings.len()).sum();
        vec![
            ("Số cơ quan phải báo cáo", expected),
            ("Số báo cáo đã nhận", received),
            ("Số báo cáo đúng hạn", on_time),
            ("Số báo cáo trễ hạn", received - on_time),
            ("Số cơ quan chưa nộp", expected - received),
            (
                "Số báo cáo không hợp lệ (có lỗi)",
                n(&|r| r.status == "Không hợp lệ"),
            ),
            ("Tỷ lệ báo cáo (%)", round1(100.0 * received / expected)),
            ("Tỷ lệ đúng hạn (%)", round1(100.0 * on_time / expected)),
            ("Nhiệm vụ đã hoàn thành", sum(&|r| r.done)),
            ("Nhiệm vụ đang thực hiện", sum(&|r| r.doing)),
            ("Nhiệm vụ chưa thực hiện", sum(&|r| r.not_started)),
            ("Nhiệm vụ quá hạn", sum(&|r| r.overdue)),
            ("Nhiệm vụ chưa có báo cáo", not_reported as f64),
            ("Số tệp đã đọc", self.m.files.len() as f64),
            ("Số tệp không đọc được", role("unreadable")),
            ("Số tệp bản cũ (đã có bản mới hơn)", role("superseded")),
            ("Số tệp kỳ báo cáo khác", role("other_period")),
            ("Số tệp không xác định được cơ quan", 0.0),
            ("Số tệp của cơ quan không phải báo cáo kỳ này", 0.0),
            ("Số lỗi", errors as f64),
            ("Số cảnh báo", warnings as f64),
        ]
    }

    /// The chase list: missing agencies, then late ones by days late, then invalid ones.
    fn chase(&self) -> Vec<(Row, &'static str)> {
        let rows = self.rows();
        let missing_label = if self.as_of() > self.due() {
            "Chưa nộp (quá hạn)"
        } else {
            "Chưa nộp (chưa đến hạn)"
        };
        let mut out: Vec<(Row, &'static str)> = rows
            .iter()
            .filter(|r| r.received.is_none())
            .map(|r| (r.clone(), missing_label))
            .collect();
        let mut late: Vec<&Row> = rows
            .iter()
            .filter(|r| r.received.is_some() && !r.on_time)
            .collect();
        late.sort_by_key(|r| std::cmp::Reverse(r.days_late));
        out.extend(late.into_iter().map(|r| (r.clone(), "Trễ hạn")));
        out.extend(
            rows.iter()
                .filter(|r| r.on_time && r.status == "Không hợp lệ")
                .map(|r| (r.clone(), "Không hợp lệ, cần gửi lại")),
        );
        out
    }

    /// Whom to call: from the file used, else the agency's other readable file.
    fn contact(&self, code: &str) -> (String, String) {
        let f = self.used(code).or_else(|| {
            self.m
                .files
                .iter()
                .filter(|f| f.agency == code && f.preparer.is_some())
                .max_by_key(|f| f.report_date.clone())
        });
        (
            f.and_then(|f| f.preparer.clone()).unwrap_or_default(),
            f.and_then(|f| f.phone.clone()).unwrap_or_default(),
        )
    }
}

// ---- running the example ----------------------------------------------------------------------

fn local_time(s: &str) -> SystemTime {
    let naive = chrono::NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M:%S")
        .unwrap_or_else(|e| panic!("{s}: {e}"));
    let local = chrono::Local
        .from_local_datetime(&naive)
        .earliest()
        .expect("local time");
    SystemTime::from(local)
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

/// Copies the examples into the work folder (nothing is written into the repository) and
/// gives each file the modification time the manifest records (git does not keep them).
fn setup(w: &Workdir) -> PathBuf {
    let src = repo().join("examples/submissions/2025");
    let dst = w.join(IN);
    copy_tree(&src, &dst);
    std::fs::copy(repo().join("examples").join(LOG), w.join(LOG)).expect("copy log");
    let m = manifest();
    let times = m
        .files
        .iter()
        .map(|f| (&f.path, &f.mtime))
        .chain(m.skipped.iter().map(|s| (&s.path, &s.mtime)));
    for (path, mtime) in times {
        let file = std::fs::File::options()
            .write(true)
            .open(dst.join(path))
            .unwrap_or_else(|e| panic!("{path}: {e}"));
        file.set_modified(local_time(mtime)).expect("set mtime");
    }
    dst
}

fn consolidate(w: &Workdir, out: &str, extra: &[&str]) -> Run {
    let mut args = vec![
        "consolidate",
        IN,
        "--period",
        "2025",
        "--as-of",
        AS_OF,
        "--out",
        out,
    ];
    args.extend_from_slice(extra);
    w.run(&args)
}

/// Hash and size of every file under `dir`, hidden and lock files included.
fn snapshot(dir: &Path) -> BTreeMap<String, (u64, String)> {
    let mut out = BTreeMap::new();
    for e in walkdir::WalkDir::new(dir).sort_by_file_name() {
        let e = e.expect("walk");
        if e.file_type().is_file() {
            let bytes = std::fs::read(e.path()).expect("read");
            let rel = e.path().strip_prefix(dir).expect("prefix");
            out.insert(
                rel.to_string_lossy().into_owned(),
                (bytes.len() as u64, sha256(&bytes)),
            );
        }
    }
    out
}

fn sha256(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

// ---- reading the workbook ---------------------------------------------------------------------

struct Book {
    names: Vec<String>,
    sheets: HashMap<String, Range<Data>>,
}

impl Book {
    fn open(path: &Path) -> Book {
        let mut wb = open_workbook_auto(path).unwrap_or_else(|e| panic!("{path:?}: {e}"));
        let names = wb.sheet_names().to_vec();
        let sheets = names
            .iter()
            .map(|n| (n.clone(), wb.worksheet_range(n).expect("sheet")))
            .collect();
        Book { names, sheets }
    }

    fn sheet(&self, name: &str) -> &Range<Data> {
        self.sheets
            .get(name)
            .unwrap_or_else(|| panic!("no sheet {name:?}"))
    }
}

fn at(r: &Range<Data>, row: u32, col: u32) -> &Data {
    r.get_value((row, col)).unwrap_or(&Data::Empty)
}

fn text(d: &Data) -> String {
    match d {
        Data::String(s) => s.clone(),
        Data::Empty => String::new(),
        other => other.to_string(),
    }
}

fn num(d: &Data) -> Option<f64> {
    match d {
        Data::Float(f) => Some(*f),
        Data::Int(i) => Some(*i as f64),
        _ => None,
    }
}

fn date(d: &Data) -> Option<NaiveDate> {
    match d {
        Data::DateTime(_) | Data::DateTimeIso(_) => d.as_date(),
        _ => None,
    }
}

fn last_row(r: &Range<Data>) -> u32 {
    r.end().map_or(0, |(r, _)| r)
}

/// Rows below a header row at `head`, as long as column `key` is not empty.
fn body(r: &Range<Data>, head: u32, key: u32) -> Vec<u32> {
    (head + 1..=last_row(r))
        .take_while(|&i| !text(at(r, i, key)).is_empty())
        .collect()
}

fn header(r: &Range<Data>, row: u32) -> Vec<String> {
    let end = r.end().map_or(0, |(_, c)| c);
    (0..=end)
        .map(|c| text(at(r, row, c)))
        .take_while(|s| !s.is_empty())
        .collect()
}

/// The per-agency table of `Tổng hợp`: its header row.
fn agency_table(r: &Range<Data>) -> u32 {
    (0..=last_row(r))
        .find(|&i| text(at(r, i, 0)) == "STT" && text(at(r, i, 1)) == "Mã cơ quan")
        .expect("agency table header")
}

fn figure(r: &Range<Data>, label: &str) -> f64 {
    let row = (0..=last_row(r))
        .find(|&i| text(at(r, i, 1)) == label)
        .unwrap_or_else(|| panic!("figure {label:?} not found"));
    num(at(r, row, 5)).unwrap_or_else(|| panic!("figure {label:?} is not a number"))
}

fn opt_num(d: &Data) -> Option<usize> {
    num(d).map(|v| v as usize)
}

/// Reads row `i` of the agency table back into a [`Row`].
fn read_row(r: &Range<Data>, i: u32) -> Row {
    let status = text(at(r, i, 3));
    Row {
        code: text(at(r, i, 1)),
        name: text(at(r, i, 2)),
        status: ["Đúng hạn", "Trễ hạn", "Chưa nộp", "Không hợp lệ"]
            .into_iter()
            .find(|s| *s == status)
            .unwrap_or_else(|| panic!("row {i}: unknown status {status:?}")),
        received: date(at(r, i, 4)),
        source: ["Sổ nhận", "Ngày báo cáo", "Ngày sửa tệp", ""]
            .into_iter()
            .find(|s| *s == text(at(r, i, 5)))
            .unwrap_or_else(|| panic!("row {i}: unknown source")),
        tasks: opt_num(at(r, i, 6)).expect("tasks"),
        done: opt_num(at(r, i, 7)),
        doing: opt_num(at(r, i, 8)),
        not_started: opt_num(at(r, i, 9)),
        overdue: opt_num(at(r, i, 10)),
        rate: num(at(r, i, 11)),
        errors: opt_num(at(r, i, 12)),
        warnings: opt_num(at(r, i, 13)),
        days_late: None,
        on_time: false,
    }
}

fn comparable(r: &Row) -> Row {
    Row {
        days_late: None,
        on_time: false,
        ..r.clone()
    }
}

fn zip_entries(path: &Path) -> BTreeMap<String, String> {
    let file = std::fs::File::open(path).expect("open");
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

// ---- the tests --------------------------------------------------------------------------------

#[test]
fn the_examples_are_consolidated_figure_by_figure() {
    let w = Workdir::new();
    setup(&w);
    consolidate(&w, OUT, &[]).expect_code(0);
    let e = Expect::new(false);
    let book = Book::open(&w.join(OUT));
    assert_eq!(book.names, [SHEETS.as_slice(), &[DATA_SHEET]].concat());
    let sum = book.sheet("Tổng hợp");

    // Overall figures.
    for (label, want) in e.figures() {
        let got = figure(sum, label);
        assert!(
            (got - want).abs() < 1e-9,
            "{label}: workbook {got}, manifest {want}"
        );
    }
    // The story's own headline numbers, so a broken manifest cannot pass silently.
    assert_eq!(figure(sum, "Số cơ quan phải báo cáo"), 54.0);
    assert_eq!(figure(sum, "Số báo cáo đã nhận"), 45.0);
    assert_eq!(figure(sum, "Số báo cáo trễ hạn"), 3.0);
    assert_eq!(figure(sum, "Số cơ quan chưa nộp"), 9.0);
    assert_eq!(figure(sum, "Số báo cáo không hợp lệ (có lỗi)"), 6.0);

    // One row per expected agency, in plan order.
    let head = agency_table(sum);
    assert_eq!(
        header(sum, head),
        [
            "STT",
            "Mã cơ quan",
            "Tên cơ quan",
            "Tình trạng nộp",
            "Ngày nhận",
            "Nguồn ngày nhận",
            "Số nhiệm vụ",
            "Đã hoàn thành",
            "Đang thực hiện",
            "Chưa thực hiện",
            "Quá hạn",
            "Tỷ lệ hoàn thành (%)",
            "Số lỗi",
            "Số cảnh báo",
        ]
    );
    let rows = body(sum, head, 1);
    let want = e.rows();
    assert_eq!(rows.len(), want.len());
    for (k, (&i, want)) in rows.iter().zip(&want).enumerate() {
        assert_eq!(
            num(at(sum, i, 0)),
            Some((k + 1) as f64),
            "STT of {}",
            want.code
        );
        assert_eq!(read_row(sum, i), comparable(want), "row of {}", want.code);
    }

    // The story's particular cases.
    let by_code: HashMap<String, Row> = rows
        .iter()
        .map(|&i| read_row(sum, i))
        .map(|r| (r.code.clone(), r))
        .collect();
    let d = |s: &str| Some(ymd(s));
    assert_eq!(
        by_code["SNGV"].status, "Đúng hạn",
        "received on the due date is on time"
    );
    assert_eq!(by_code["SNGV"].received, d("2025-12-19"));
    assert_eq!(by_code["HCCB"].status, "Trễ hạn");
    assert_eq!(by_code["TC_CYS"].source, "Ngày sửa tệp");
    assert_eq!(by_code["TC_CYS"].received, d("2025-12-18"));
    assert_eq!(
        by_code["SYT"].status, "Đúng hạn",
        "late only by the receipt log"
    );
    assert_eq!(
        by_code["SCT"].received,
        d("2025-12-18"),
        "the newer SCT file is used"
    );
    for code in [
        "SGTVT", "SKHCN", "SLDTBXH", "STP", "SXD", "H_MDRAK", "LHHN", "BAO_QDND", "TTXVN",
    ] {
        let r = &by_code[code];
        assert_eq!(r.status, "Chưa nộp", "{code}");
        assert_eq!(
            (r.done, r.errors, r.rate),
            (None, None, None),
            "{code}: blank, not 0"
        );
    }
    for code in ["BDT", "SNN", "H_CU_KUIN", "H_KRONG_BONG", "HLHPN", "TC_CYS"] {
        assert_eq!(by_code[code].status, "Không hợp lệ", "{code}");
    }
    assert_eq!(
        by_code["H_KRONG_BONG"].done,
        Some(0),
        "an invalid status counts as nothing"
    );
    assert_eq!(
        by_code["HLHPN"].done.unwrap() + by_code["HLHPN"].doing.unwrap(),
        1,
        "one row deleted"
    );

    // The Decree 30 frame: header, distribution list, signature.
    let all_text: Vec<String> = (0..=last_row(sum))
        .flat_map(|i| (0..14).map(move |c| (i, c)))
        .map(|(i, c)| text(at(sum, i, c)))
        .filter(|s| !s.is_empty())
        .collect();
    for needle in [
        "UBND TỈNH ĐẮK LẮK",
        "SỞ THÔNG TIN VÀ TRUYỀN THÔNG",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Đắk Lắk, ngày 20 tháng 12 năm 2025",
        "BÁO CÁO",
        "Nơi nhận:",
        "- Bộ Văn hóa, Thể thao và Du lịch;",
        "- Lưu: VT, STTTT.",
        "GIÁM ĐỐC",
    ] {
        assert!(
            all_text.iter().any(|s| s == needle),
            "Tổng hợp lacks {needle:?}"
        );
    }
    let signature_row = (0..=last_row(sum))
        .find(|&i| text(at(sum, i, 0)) == "Nơi nhận:")
        .expect("Nơi nhận");
    // The report ends with its signature, before the annexes: figures, then Nơi nhận, then
    // the agency table (the last thing on the sheet, so its repeated header row prints only
    // above table rows).
    let figures_row = (0..=last_row(sum))
        .find(|&i| text(at(sum, i, 1)) == "Số cơ quan phải báo cáo")
        .expect("figures");
    assert!(
        figures_row < signature_row && signature_row < head,
        "Nơi nhận between the figures and the agency table"
    );
    assert_eq!(
        *rows.last().expect("rows"),
        last_row(sum),
        "the table ends the sheet"
    );
}

#[test]
fn indicators_are_totalled_and_blanks_stay_blank() {
    let w = Workdir::new();
    setup(&w);
    consolidate(&w, OUT, &[]).expect_code(0);
    let e = Expect::new(false);
    let book = Book::open(&w.join(OUT));
    let ind = book.sheet("Chỉ tiêu");
    let head = header(ind, 0);
    assert_eq!(
        head[..8],
        [
            "Mã chỉ tiêu",
            "Tên chỉ tiêu",
            "Đơn vị tính",
            "Loại",
            "Tổng toàn tỉnh",
            "Số cơ quan có số liệu",
            "Số ô trống",
            "Số liệu không hợp lệ hoặc chưa nộp",
        ]
    );
    let codes: Vec<&str> =
        e.m.expected_agencies
            .iter()
            .map(|a| a.code.as_str())
            .collect();
    assert_eq!(
        head[8..],
        codes[..],
        "one column per expected agency, in plan order"
    );

    let mut seen = BTreeSet::new();
    let mut blanks_seen = 0;
    for i in body(ind, 0, 0) {
        let id = text(at(ind, i, 0));
        let kind = e.m.indicator_types[&id].as_str();
        let (mut total, mut reported, mut blank, mut other) = (0.0, 0usize, 0usize, 0usize);
        for (k, a) in e.m.expected_agencies.iter().enumerate() {
            let cell = at(ind, i, 8 + k as u32);
            if !a.indicators.contains(&id) {
                assert_eq!(text(cell), "—", "{id}/{}: not assigned", a.code);
                continue;
            }
            match e.used(&a.code).map(|f| &f.indicators[&id]) {
                Some(x) if x.value.is_some() => {
                    let v = x.value.unwrap_or_default();
                    total += v;
                    reported += 1;
                    if kind == "boolean" {
                        let yes_no = if v > 0.5 { "Có" } else { "Không" };
                        assert_eq!(text(cell), yes_no, "{id}/{}", a.code);
                    } else {
                        assert_eq!(num(cell), Some(v), "{id}/{}", a.code);
                    }
                }
                Some(x) if x.blank => {
                    blank += 1;
                    blanks_seen += 1;
                    assert_eq!(
                        cell,
                        &Data::Empty,
                        "{id}/{}: a blank stays blank, never 0",
                        a.code
                    );
                }
                _ => {
                    other += 1;
                    assert_eq!(cell, &Data::Empty, "{id}/{}: invalid or missing", a.code);
                }
            }
        }
        let want_total = match kind {
            _ if reported == 0 => None,
            "percent" => Some(round1(total / reported as f64)),
            _ => Some(total),
        };
        let got_total = num(at(ind, i, 4));
        match (got_total, want_total) {
            (Some(g), Some(w)) => assert!((g - w).abs() < 1e-9, "{id} total {g} ≠ {w}"),
            (g, w) => assert_eq!(g, w, "{id} total"),
        }
        assert_eq!(
            (
                opt_num(at(ind, i, 5)),
                opt_num(at(ind, i, 6)),
                opt_num(at(ind, i, 7))
            ),
            (Some(reported), Some(blank), Some(other)),
            "{id}: reported, blank, invalid or missing"
        );
        seen.insert(id);
    }
    let all: BTreeSet<String> = e.m.indicator_types.keys().cloned().collect();
    assert_eq!(seen, all, "every indicator has a row");
    assert!(blanks_seen >= 3, "the examples have blank values");

    // Hard facts from the story: zero is a value, a blank is not.
    let row_of = |id: &str| {
        body(ind, 0, 0)
            .into_iter()
            .find(|&i| text(at(ind, i, 0)) == id)
            .expect("row")
    };
    let col_of = |code: &str| 8 + codes.iter().position(|c| *c == code).expect("code") as u32;
    assert_eq!(
        at(ind, row_of("CT02"), col_of("TTCN_CONG")),
        &Data::Float(0.0)
    );
    assert_eq!(at(ind, row_of("CT15"), col_of("SKHDT")), &Data::Empty);
    assert_eq!(
        num(at(ind, row_of("CT08"), col_of("SVHTTDL"))),
        Some(8.0),
        "` 8 ` typed as text"
    );
    assert_eq!(
        num(at(ind, row_of("CT16"), col_of("SGDDT"))),
        Some(95.0),
        "`95%` typed as text"
    );
    assert_eq!(num(at(ind, row_of("CT01"), 4)), Some(3508.0));
}

#[test]
fn tasks_sheets_match_what_each_agency_wrote() {
    let w = Workdir::new();
    setup(&w);
    consolidate(&w, OUT, &[]).expect_code(0);
    let e = Expect::new(false);
    let book = Book::open(&w.join(OUT));

    let t = book.sheet("Nhiệm vụ");
    assert_eq!(
        header(t, 0),
        [
            "Mã nhiệm vụ",
            "Nội dung nhiệm vụ",
            "Mã cơ quan",
            "Tên cơ quan",
            "Tình trạng",
            "Ngày hoàn thành",
            "Thời hạn",
            "Quá hạn",
            "Kết quả thực hiện",
            "Khó khăn, vướng mắc",
            "Ghi chú",
            "Nguồn",
            "Tệp",
        ]
    );
    let rows: HashMap<(String, String), u32> = body(t, 0, 0)
        .into_iter()
        .map(|i| ((text(at(t, i, 0)), text(at(t, i, 2))), i))
        .collect();
    let assigned: usize = e.m.expected_agencies.iter().map(|a| a.tasks.len()).sum();
    assert_eq!(rows.len(), assigned, "one row per (task, agency)");
    let valid = [DONE, DOING, NOT_STARTED];
    for a in &e.m.expected_agencies {
        let f = e.used(&a.code);
        for id in &a.tasks {
            let i = rows[&(id.clone(), a.code.clone())];
            let what = format!("{id}/{}", a.code);
            let Some(f) = f else {
                assert_eq!(text(at(t, i, 4)), "(chưa nộp báo cáo)", "{what}");
                continue;
            };
            let x = f
                .tasks
                .iter()
                .find(|x| &x.id == id)
                .expect("task in manifest");
            if x.row_deleted {
                assert_eq!(text(at(t, i, 4)), "(không có trong báo cáo)", "{what}");
                continue;
            }
            let status = x
                .status
                .as_deref()
                .filter(|s| valid.contains(s))
                .unwrap_or("");
            assert_eq!(text(at(t, i, 4)), status, "{what}: status");
            assert_eq!(
                date(at(t, i, 5)),
                x.done_date.as_deref().map(ymd),
                "{what}: done date"
            );
            let mark = if x.overdue { "Quá hạn" } else { "" };
            assert_eq!(text(at(t, i, 7)), mark, "{what}: overdue");
            assert_eq!(
                text(at(t, i, 8)),
                x.result.clone().unwrap_or_default(),
                "{what}: result"
            );
            assert_eq!(
                text(at(t, i, 9)),
                x.difficulty.clone().unwrap_or_default(),
                "{what}"
            );
            assert_eq!(text(at(t, i, 12)), f.path, "{what}: file");
            assert!(
                text(at(t, i, 11)).starts_with(&format!("{} › Báo cáo!B", f.path)),
                "{what}"
            );
        }
    }
    // Results typed starting with = + - @ come through as the same text.
    let bao_dl: Vec<String> = ["III.15.1", "III.15.2", "III.15.3"]
        .iter()
        .map(|id| text(at(t, rows[&(id.to_string(), "BAO_DL".to_string())], 8)))
        .collect();
    assert!(bao_dl[0].starts_with("=> "), "{bao_dl:?}");
    assert!(bao_dl[1].starts_with("+ "), "{bao_dl:?}");
    assert!(bao_dl[2].starts_with("- "), "{bao_dl:?}");

    let by = book.sheet("Theo nhiệm vụ");
    assert_eq!(
        header(by, 0),
        [
            "Mã nhiệm vụ",
            "Nội dung nhiệm vụ",
            "Thời hạn",
            "Số cơ quan chủ trì",
            "Đã hoàn thành",
            "Đang thực hiện",
            "Chưa thực hiện",
            "Chưa báo cáo",
            "Quá hạn",
        ]
    );
    let mut ids = BTreeSet::new();
    for i in body(by, 0, 0) {
        let id = text(at(by, i, 0));
        let mut n = [0usize; 6];
        for a in
            e.m.expected_agencies
                .iter()
                .filter(|a| a.tasks.contains(&id))
        {
            n[0] += 1;
            let x = e
                .used(&a.code)
                .and_then(|f| f.tasks.iter().find(|x| x.id == id && !x.row_deleted));
            match x.and_then(|x| x.status.as_deref()) {
                Some(DONE) => n[1] += 1,
                Some(DOING) => n[2] += 1,
                Some(NOT_STARTED) => n[3] += 1,
                _ => n[4] += 1,
            }
            n[5] += usize::from(x.is_some_and(|x| x.overdue));
        }
        let got: Vec<usize> = (3..9)
            .map(|c| opt_num(at(by, i, c)).expect("count"))
            .collect();
        assert_eq!(got, n, "{id}");
        ids.insert(id);
    }
    let all: BTreeSet<String> =
        e.m.expected_agencies
            .iter()
            .flat_map(|a| a.tasks.iter().cloned())
            .collect();
    assert_eq!(ids, all);
}

#[test]
fn chase_list_names_missing_late_and_invalid_agencies_with_contacts() {
    let w = Workdir::new();
    setup(&w);
    consolidate(&w, OUT, &[]).expect_code(0);
    let e = Expect::new(false);
    let book = Book::open(&w.join(OUT));
    let ch = book.sheet("Chưa nộp, trễ hạn");
    assert_eq!(
        header(ch, 0),
        [
            "STT",
            "Mã cơ quan",
            "Tên cơ quan",
            "Tình trạng",
            "Số ngày trễ",
            "Ngày nhận",
            "Người lập",
            "Điện thoại",
            "Ghi chú",
        ]
    );
    let want = e.chase();
    let rows = body(ch, 0, 1);
    let got: Vec<(String, String)> = rows
        .iter()
        .map(|&i| (text(at(ch, i, 1)), text(at(ch, i, 3))))
        .collect();
    let want_pairs: Vec<(String, String)> = want
        .iter()
        .map(|(r, l)| (r.code.clone(), l.to_string()))
        .collect();
    assert_eq!(got, want_pairs);
    for (&i, (r, _)) in rows.iter().zip(&want) {
        assert_eq!(text(at(ch, i, 2)), r.name);
        assert_eq!(
            opt_num(at(ch, i, 4)).map(|d| d as i64),
            r.days_late,
            "{}",
            r.code
        );
        assert_eq!(date(at(ch, i, 5)), r.received, "{}", r.code);
        let (preparer, phone) = e.contact(&r.code);
        assert_eq!(
            (text(at(ch, i, 6)), text(at(ch, i, 7))),
            (preparer, phone),
            "{}",
            r.code
        );
        let note = text(at(ch, i, 8));
        for f in
            e.m.files
                .iter()
                .filter(|f| f.agency == r.code && f.role != "used")
        {
            assert!(
                note.contains(&format!("`{}`", f.path)),
                "{}: note {note:?}",
                r.code
            );
        }
    }
    let find = |code: &str| {
        rows.iter()
            .copied()
            .find(|&i| text(at(ch, i, 1)) == code)
            .unwrap_or_else(|| panic!("{code} not chased"))
    };
    // STP only sent last year's report: the contact comes from it.
    assert!(!text(at(ch, find("STP"), 6)).is_empty());
    assert!(text(at(ch, find("SKHCN"), 8)).contains("mật khẩu"));
}

#[test]
fn every_file_is_accounted_for_in_sources_and_findings() {
    let w = Workdir::new();
    let input = setup(&w);
    consolidate(&w, OUT, &[]).expect_code(0);
    let e = Expect::new(false);
    let book = Book::open(&w.join(OUT));

    let src = book.sheet("Nguồn");
    assert_eq!(
        header(src, 0),
        [
            "Tệp",
            "Định dạng",
            "Dung lượng (byte)",
            "SHA-256",
            "Ngày sửa tệp",
            "Mã cơ quan",
            "Kỳ báo cáo",
            "Ngày báo cáo",
            "Sử dụng",
            "Lý do",
        ]
    );
    let rows: HashMap<String, u32> = body(src, 0, 0)
        .into_iter()
        .map(|i| (text(at(src, i, 0)), i))
        .collect();
    assert_eq!(
        rows.len(),
        e.m.files.len(),
        "one row per file, skipped files left out"
    );
    for s in &e.m.skipped {
        assert!(!rows.contains_key(&s.path), "{} must be skipped", s.path);
        assert!(
            input.join(&s.path).exists(),
            "{} is in the example folder",
            s.path
        );
    }
    for f in &e.m.files {
        let i = *rows
            .get(&f.path)
            .unwrap_or_else(|| panic!("{} not in Nguồn", f.path));
        let bytes = std::fs::read(input.join(&f.path)).expect("read");
        assert_eq!(
            num(at(src, i, 2)),
            Some(bytes.len() as f64),
            "{}: size",
            f.path
        );
        assert_eq!(text(at(src, i, 3)), sha256(&bytes), "{}: SHA-256", f.path);
        assert_eq!(
            date(at(src, i, 4)),
            Some(ymd(&f.mtime)),
            "{}: file time",
            f.path
        );
        let role = match f.role.as_str() {
            "used" => "Sử dụng",
            "superseded" => "Bản cũ, không dùng",
            "other_period" => "Kỳ khác, không dùng",
            "unreadable" => "Không đọc được",
            other => panic!("role {other}"),
        };
        assert_eq!(text(at(src, i, 8)), role, "{}: role", f.path);
        let readable = f.role != "unreadable";
        let ext = f.path.rsplit('.').next().unwrap_or_default();
        assert_eq!(
            text(at(src, i, 1)),
            if readable { ext } else { "" },
            "{}",
            f.path
        );
        assert_eq!(
            text(at(src, i, 5)),
            if readable { f.agency.as_str() } else { "" }
        );
        assert_eq!(
            text(at(src, i, 6)),
            f.period.clone().filter(|_| readable).unwrap_or_default(),
            "{}: period",
            f.path
        );
        assert_eq!(
            date(at(src, i, 7)),
            f.report_date.as_deref().filter(|_| readable).map(ymd)
        );
        let why = text(at(src, i, 9));
        assert_eq!(
            why.is_empty(),
            f.role == "used",
            "{}: reason {why:?}",
            f.path
        );
    }
    let reason = |p: &str| text(at(src, rows[p], 9));
    assert!(reason("SCT-2025.xlsx").contains("bo-sung/BC SCT nam 2025 (ban sua).xlsx"));
    assert!(reason("STP-2024.xlsx").contains("2024"));

    // Every finding of every file, the four bad files included.
    let fl = book.sheet("Lỗi, cảnh báo");
    assert_eq!(
        header(fl, 0),
        [
            "Tệp",
            "Mã cơ quan",
            "Mã",
            "Mức độ",
            "Sheet",
            "Ô",
            "Nội dung",
            "Cách khắc phục",
        ]
    );
    let mut got: BTreeMap<String, Vec<(String, String)>> = BTreeMap::new();
    for i in body(fl, 0, 0) {
        got.entry(text(at(fl, i, 0)))
            .or_default()
            .push((text(at(fl, i, 2)), text(at(fl, i, 3))));
    }
    let mut want: BTreeMap<String, Vec<(String, String)>> = BTreeMap::new();
    for f in &e.m.files {
        let codes = f
            .errors
            .iter()
            .map(|c| (c.clone(), "Lỗi".to_string()))
            .chain(
                f.warnings
                    .iter()
                    .map(|c| (c.clone(), "Cảnh báo".to_string())),
            );
        for c in codes {
            want.entry(f.path.clone()).or_default().push(c);
        }
    }
    for v in got.values_mut().chain(want.values_mut()) {
        v.sort();
    }
    assert_eq!(got, want);
    for (bad, code) in [
        ("SLDTBXH-2025.xlsx", "F002"),
        ("SGTVT-2025.xls", "F003"),
        ("SKHCN-2025.xls", "F005"),
        ("STP-2024.xlsx", "F011"),
        ("SCT-2025.xlsx", "F012"),
    ] {
        assert!(
            got.get(bad)
                .is_some_and(|v| v.iter().any(|(c, _)| c == code)),
            "{bad}: {code} missing"
        );
    }
}

#[test]
fn receipt_log_decides_received_dates() {
    let w = Workdir::new();
    setup(&w);
    consolidate(&w, OUT, &["--received", LOG]).expect_code(0);
    let e = Expect::new(true);
    let book = Book::open(&w.join(OUT));
    let sum = book.sheet("Tổng hợp");
    for (label, want) in e.figures() {
        let got = figure(sum, label);
        assert!(
            (got - want).abs() < 1e-9,
            "{label}: workbook {got}, manifest {want}"
        );
    }
    let head = agency_table(sum);
    let rows = body(sum, head, 1);
    for (&i, want) in rows.iter().zip(e.rows()) {
        assert_eq!(read_row(sum, i), comparable(&want), "row of {}", want.code);
    }
    let status = |code: &str| {
        rows.iter()
            .map(|&i| read_row(sum, i))
            .find(|r| r.code == code)
            .expect("row")
    };
    for code in ["SYT", "H_LAK"] {
        let r = status(code);
        assert_eq!((r.status, r.source), ("Trễ hạn", "Sổ nhận"), "{code}");
        assert_eq!(r.received, Some(ymd("2025-12-20")));
    }
    assert_eq!(figure(sum, "Số báo cáo trễ hạn"), 5.0);
}

#[test]
fn json_summary_has_the_workbook_figures() {
    let w = Workdir::new();
    setup(&w);
    consolidate(&w, OUT, &["--json", "tong-hop.json"])
        .expect_code(0)
        .stdout_has("Phải báo cáo: 54 · Đã nhận: 45 · Đúng hạn: 42 · Trễ hạn: 3 · Chưa nộp: 9 · Không hợp lệ: 6")
        // Vietnamese writes a decimal comma; English a decimal point.
        .stdout_has("Tỷ lệ báo cáo: 83,3% · Tỷ lệ đúng hạn: 77,8%");
    consolidate(&w, "en.xlsx", &["--lang", "en"])
        .expect_code(0)
        .stdout_has("Reporting rate: 83.3% · On-time rate: 77.8%");
    let j: Value = serde_json::from_slice(&w.read("tong-hop.json")).expect("json");
    let book = Book::open(&w.join(OUT));
    let sum = book.sheet("Tổng hợp");
    let t = &j["totals"];
    for (key, label) in [
        ("expected", "Số cơ quan phải báo cáo"),
        ("received", "Số báo cáo đã nhận"),
        ("on_time", "Số báo cáo đúng hạn"),
        ("late", "Số báo cáo trễ hạn"),
        ("missing", "Số cơ quan chưa nộp"),
        ("invalid", "Số báo cáo không hợp lệ (có lỗi)"),
        ("tasks_done", "Nhiệm vụ đã hoàn thành"),
        ("tasks_in_progress", "Nhiệm vụ đang thực hiện"),
        ("tasks_not_started", "Nhiệm vụ chưa thực hiện"),
        ("tasks_overdue", "Nhiệm vụ quá hạn"),
        ("tasks_not_reported", "Nhiệm vụ chưa có báo cáo"),
        ("files", "Số tệp đã đọc"),
        ("files_unreadable", "Số tệp không đọc được"),
        ("files_superseded", "Số tệp bản cũ (đã có bản mới hơn)"),
        ("files_other_period", "Số tệp kỳ báo cáo khác"),
        ("errors", "Số lỗi"),
        ("warnings", "Số cảnh báo"),
    ] {
        assert_eq!(t[key].as_f64(), Some(figure(sum, label)), "{key}");
    }
    for (key, label) in [
        ("reporting_rate", "Tỷ lệ báo cáo (%)"),
        ("on_time_rate", "Tỷ lệ đúng hạn (%)"),
    ] {
        assert_eq!(
            t[key].as_f64().map(round1),
            Some(figure(sum, label)),
            "{key}"
        );
    }
    let head = agency_table(sum);
    let rows = body(sum, head, 1);
    let agencies = j["agencies"].as_array().expect("agencies");
    assert_eq!(agencies.len(), rows.len());
    for (a, &i) in agencies.iter().zip(&rows) {
        let r = read_row(sum, i);
        assert_eq!(a["code"], r.code.as_str());
        assert_eq!(a["status_label"], r.status);
        assert_eq!(
            a["received"].as_str().map(ymd),
            r.received,
            "{}: received",
            r.code
        );
        assert_eq!(a["received_source_label"].as_str().unwrap_or(""), r.source);
        assert_eq!(a["tasks"].as_u64(), Some(r.tasks as u64));
        if r.done.is_none() {
            for k in [
                "done",
                "in_progress",
                "not_started",
                "overdue",
                "errors",
                "warnings",
            ] {
                assert!(a[k].is_null(), "{}: {k} must be null, not 0", r.code);
            }
        } else {
            assert_eq!(a["done"].as_u64(), r.done.map(|n| n as u64), "{}", r.code);
            assert_eq!(
                a["errors"].as_u64(),
                r.errors.map(|n| n as u64),
                "{}",
                r.code
            );
            assert_eq!(
                a["warnings"].as_u64(),
                r.warnings.map(|n| n as u64),
                "{}",
                r.code
            );
        }
        assert_eq!(
            a["completion_rate"].as_f64().map(round1),
            r.rate,
            "{}",
            r.code
        );
    }
    let files = j["files"].as_array().expect("files");
    assert_eq!(files.len(), manifest().files.len());
}

#[test]
fn two_runs_give_identical_bytes_and_inputs_are_untouched() {
    let w = Workdir::new();
    let input = setup(&w);
    let before = snapshot(&input);
    consolidate(&w, "a.xlsx", &[]).expect_code(0);
    consolidate(&w, "b.xlsx", &["--received", LOG]).expect_code(0);
    consolidate(&w, "c.xlsx", &[]).expect_code(0);
    assert_eq!(
        snapshot(&input),
        before,
        "inputs must be byte-identical after the runs"
    );
    assert!(w.read("a.xlsx") == w.read("c.xlsx"), "two runs differ");
    assert!(
        w.read("a.xlsx") != w.read("b.xlsx"),
        "the receipt log changes the result"
    );
    let left: Vec<_> = std::fs::read_dir(w.path())
        .expect("ls")
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".tmp"))
        .collect();
    assert!(left.is_empty(), "temporary files left: {left:?}");
}

#[test]
fn an_existing_output_is_kept_without_force() {
    let w = Workdir::new();
    setup(&w);
    w.write(OUT, "bản cũ");
    consolidate(&w, OUT, &[])
        .expect_code(2)
        .stderr_has(&format!("tệp `{OUT}` đã có; thêm --force để ghi đè"));
    assert_eq!(w.read(OUT), "bản cũ".as_bytes());

    // An existing JSON summary is refused before anything is written.
    w.write("tom-tat.json", "{}");
    consolidate(&w, "moi.xlsx", &["--json", "tom-tat.json"])
        .expect_code(2)
        .stderr_has("tom-tat.json");
    assert!(
        !w.join("moi.xlsx").exists(),
        "nothing written when the JSON would be refused"
    );
    assert_eq!(w.read("tom-tat.json"), b"{}");

    consolidate(&w, OUT, &["--force"]).expect_code(0);
    Book::open(&w.join(OUT));
}

#[test]
fn its_own_output_inside_the_input_folder_is_not_read_back() {
    let w = Workdir::new();
    setup(&w);
    let out = format!("{IN}/tong-hop.xlsx");
    consolidate(&w, &out, &[]).expect_code(0);
    consolidate(&w, &out, &["--force"]).expect_code(0);
    let book = Book::open(&w.join(&out));
    let src = book.sheet("Nguồn");
    let files: Vec<String> = body(src, 0, 0)
        .into_iter()
        .map(|i| text(at(src, i, 0)))
        .collect();
    assert!(!files.iter().any(|f| f == "tong-hop.xlsx"), "{files:?}");
    assert_eq!(files.len(), manifest().files.len());
}

#[test]
fn an_output_folder_that_cannot_be_written_is_a_clear_error() {
    let w = Workdir::new();
    setup(&w);
    w.write("la-tep", "không phải thư mục");
    consolidate(&w, "la-tep/tong-hop.xlsx", &[])
        .expect_code(2)
        .stderr_has(
            "không ghi được `la-tep/tong-hop.xlsx`: `la-tep` là một tệp, không phải thư mục",
        );
    // A missing folder is created, as `template --out` and `validate --annotate` do.
    consolidate(&w, "chua-co/con/tong-hop.xlsx", &[]).expect_code(0);
    assert!(w.join("chua-co/con/tong-hop.xlsx").is_file());
    consolidate(&w, IN, &[])
        .expect_code(2)
        .stderr_has("là một thư mục; --out cần tên tệp");

    #[cfg(unix)]
    read_only_folder(&w);
    assert!(!w.join("la-tep/tong-hop.xlsx").exists());
}

/// A folder without write permission (not checked as root, who may write anyway; not
/// `skip` either, since CI containers often run as root and no tool is missing).
#[cfg(unix)]
fn read_only_folder(w: &Workdir) {
    use std::os::unix::fs::PermissionsExt;
    let ro = w.join("chi-doc");
    std::fs::create_dir(&ro).expect("mkdir");
    std::fs::set_permissions(&ro, std::fs::Permissions::from_mode(0o555)).expect("chmod");
    if std::fs::write(ro.join("thu"), b"x").is_ok() {
        eprintln!("note: running as root, a read-only folder is still writable; not checked");
    } else {
        consolidate(w, "chi-doc/tong-hop.xlsx", &[])
            .expect_code(2)
            .stderr_has(
                "không ghi được `chi-doc/tong-hop.xlsx` vào thư mục `chi-doc`: không có quyền ghi",
            );
    }
    std::fs::set_permissions(&ro, std::fs::Permissions::from_mode(0o755)).expect("chmod back");
}

#[test]
fn submitted_text_never_becomes_a_formula() {
    let w = Workdir::new();
    setup(&w);
    consolidate(&w, OUT, &[]).expect_code(0);
    let entries = zip_entries(&w.join(OUT));
    let sheets: Vec<&String> = entries
        .keys()
        .filter(|k| k.starts_with("xl/worksheets/sheet"))
        .collect();
    assert_eq!(sheets.len(), 8, "seven sheets and the data sheet");
    for k in sheets {
        assert!(
            !entries[k].contains("<f>") && !entries[k].contains("<f "),
            "{k} has a formula"
        );
    }
    let strings = &entries["xl/sharedStrings.xml"];
    for start in [
        "=&gt; Đã triển khai",
        "+ Duy trì",
        "- Đã ra mắt",
        "@Thiếu biên tập viên",
    ] {
        assert!(strings.contains(start), "{start:?} not stored as text");
    }
}

#[test]
fn before_the_due_date_missing_reports_are_not_yet_overdue() {
    let w = Workdir::new();
    setup(&w);
    w.run(&[
        "consolidate",
        IN,
        "--period",
        "2025",
        "--as-of",
        "2025-12-19",
        "--out",
        OUT,
    ])
    .expect_code(0);
    let book = Book::open(&w.join(OUT));
    let ch = book.sheet("Chưa nộp, trễ hạn");
    let missing: Vec<u32> = body(ch, 0, 1)
        .into_iter()
        .filter(|&i| text(at(ch, i, 3)).starts_with("Chưa nộp"))
        .collect();
    assert_eq!(missing.len(), 9);
    for i in missing {
        assert_eq!(text(at(ch, i, 3)), "Chưa nộp (chưa đến hạn)");
        assert_eq!(at(ch, i, 4), &Data::Empty, "no days late yet");
    }
}

fn script(name: &str) -> PathBuf {
    repo().join("tests/scripts").join(name)
}

#[test]
fn openpyxl_reads_the_same_workbook() {
    if !have_python_modules(&["openpyxl"]) {
        skip("python3 with openpyxl is not installed");
        return;
    }
    let w = Workdir::new();
    setup(&w);
    consolidate(&w, OUT, &[]).expect_code(0);
    let out = std::process::Command::new("python3")
        .arg(script("dump_workbook.py"))
        .arg(w.join(OUT))
        .output()
        .expect("python3");
    assert!(
        out.status.success(),
        "openpyxl failed:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let j: Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(
        j["sheets"],
        serde_json::json!([SHEETS.as_slice(), &[DATA_SHEET]].concat())
    );
    assert_eq!(j["states"][DATA_SHEET], "veryHidden");
    for name in SHEETS {
        assert_eq!(j["states"][name], "visible", "{name}");
    }
    assert_eq!(j["formulas"], serde_json::json!([]), "no cell is a formula");
    let book = Book::open(&w.join(OUT));
    for name in SHEETS {
        let cells = j["cells"][name].as_object().expect("cells");
        let range = book.sheet(name);
        let mut calamine_count = 0;
        let (r0, c0) = range.start().unwrap_or((0, 0));
        for (r, c, d) in range.cells() {
            if matches!(d, Data::Empty) || matches!(d, Data::String(s) if s.is_empty()) {
                continue;
            }
            calamine_count += 1;
            let (r, c) = (r as u32 + r0, c as u32 + c0);
            let a1 = format!("{}{}", column_letters(c), r + 1);
            let v = cells
                .get(&a1)
                .unwrap_or_else(|| panic!("{name}!{a1}: openpyxl sees nothing"));
            match d {
                Data::String(s) => assert_eq!(v.as_str(), Some(s.as_str()), "{name}!{a1}"),
                Data::Float(f) => assert_eq!(v.as_f64(), Some(*f), "{name}!{a1}"),
                Data::DateTime(_) => assert_eq!(v.as_str().map(ymd), d.as_date(), "{name}!{a1}"),
                other => panic!("{name}!{a1}: unexpected {other:?}"),
            }
        }
        assert_eq!(cells.len(), calamine_count, "{name}: same number of cells");
    }
    // The data sheets draw their grid with one conditional format over the whole table (their
    // cells carry no borders of their own), from the row under the header to the last row.
    for name in ["Nhiệm vụ", "Theo nhiệm vụ", "Lỗi, cảnh báo", "Nguồn"] {
        let range = book.sheet(name);
        let (last_row, last_col) = range.end().expect("a table");
        let want = format!("A2:{}{}", column_letters(last_col), last_row + 1);
        assert_eq!(j["grids"][name], serde_json::json!([want]), "{name}");
    }
    // Headers repeat on every printed page and stay frozen on screen.
    assert_eq!(j["print_titles"]["Nguồn"], "$1:$1");
    assert_eq!(j["freeze"]["Nguồn"], "A2");
    assert_eq!(j["freeze"]["Chỉ tiêu"], "C2");
}

fn column_letters(mut c: u32) -> String {
    let mut s = Vec::new();
    loop {
        s.push(b'A' + (c % 26) as u8);
        if c < 26 {
            break;
        }
        c = c / 26 - 1;
    }
    s.reverse();
    String::from_utf8(s).expect("ascii")
}

#[test]
fn libreoffice_opens_and_prints_the_workbook() {
    if !have("soffice") {
        skip("LibreOffice (soffice) is not installed");
        return;
    }
    let w = Workdir::new();
    setup(&w);
    consolidate(&w, OUT, &[]).expect_code(0);
    let profile = w.join("lo-profile");
    let out = std::process::Command::new("soffice")
        .arg(format!(
            "-env:UserInstallation=file://{}",
            profile.display()
        ))
        .args(["--headless", "--convert-to", "pdf", "--outdir"])
        .arg(w.join("pdf"))
        .arg(w.join(OUT))
        .output()
        .expect("run soffice");
    let pdf = w.join("pdf/tong-hop-2025.pdf");
    assert!(
        pdf.exists(),
        "soffice failed:\n{}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    let bytes = std::fs::read(&pdf).expect("pdf");
    assert!(bytes.starts_with(b"%PDF"), "not a PDF");
    if let Some(text) = crate::common::pdf_text(&pdf, Some((1, 4))) {
        for needle in [
            "BÁO CÁO",
            "SỐ LIỆU CHUNG",
            "Nơi nhận:",
            "GIÁM ĐỐC",
            "VOV_TN",
        ] {
            assert!(
                text.contains(needle),
                "first pages lack {needle:?}:\n{text}"
            );
        }
    }
    // Page by page: the report ends with its signature on page 1; the annexes follow, the
    // agency table last, so its repeated header row only ever stands above table rows; each
    // sheet numbers its pages from 1.
    let page = |n: u32| crate::common::pdf_text(&pdf, Some((n, n)));
    let (Some(p1), Some(p2)) = (page(1), page(2)) else {
        return;
    };
    assert!(
        p1.contains("Nơi nhận:") && !p1.contains("Mã cơ quan"),
        "{p1}"
    );
    assert!(p1.contains("Trang 1") && !p1.contains("Trang 1/"), "{p1}");
    assert!(
        p2.contains("Phụ lục 1: Tỷ lệ hoàn thành") && !p2.contains("Mã cơ quan"),
        "{p2}"
    );
    // Every page from the table's first to the next sheet's: the header row above agency rows.
    let mut n = 3;
    let mut codes_seen = 0;
    loop {
        let Some(p) = page(n) else { return };
        if p.contains("Nội dung nhiệm vụ") {
            assert!(
                p.contains("Trang 1"),
                "the next sheet starts at page 1:\n{p}"
            );
            break;
        }
        assert!(
            p.contains("Mã cơ quan"),
            "page {n} has no table header:\n{p}"
        );
        let probes = ["STTTT", "H_BMT", "VOV_TN", "MTTQ", "SCT "];
        let codes = probes.iter().filter(|c| p.contains(*c)).count();
        assert!(codes > 0, "page {n} has a header but no agency row:\n{p}");
        codes_seen += codes;
        n += 1;
        assert!(n < 10, "the agency table runs past page 9");
    }
    assert_eq!(codes_seen, 5, "every probed agency printed once");
}

#[test]
fn the_format_doc_names_every_sheet_label_and_value() {
    use baocao::format::consolidated as c;
    let doc = std::fs::read_to_string(repo().join("docs/consolidated-format.md")).expect("doc");
    let labels = c::SHEETS
        .iter()
        .chain(&c::FIGURE_LABELS)
        .chain(&c::SUMMARY_COLUMNS)
        .chain(&c::TASK_COLUMNS)
        .chain(&c::BY_TASK_COLUMNS)
        .chain(&c::INDICATOR_FIXED_COLUMNS)
        .chain(&c::CHASE_COLUMNS)
        .chain(&c::FINDING_COLUMNS)
        .chain(&c::SOURCE_COLUMNS)
        .chain(&[
            c::HEADING_FIGURES,
            c::HEADING_AGENCIES,
            c::CHASE_MISSING_OVERDUE,
            c::CHASE_MISSING_NOT_DUE,
            c::CHASE_LATE,
            c::CHASE_INVALID,
        ])
        .copied()
        .map(String::from)
        .chain(
            [
                baocao::consolidate::SubmitStatus::OnTime,
                baocao::consolidate::SubmitStatus::Late,
                baocao::consolidate::SubmitStatus::Missing,
                baocao::consolidate::SubmitStatus::Invalid,
            ]
            .map(|s| c::submit_label(s).to_string()),
        )
        .chain(
            [
                baocao::consolidate::ReceivedSource::Log,
                baocao::consolidate::ReceivedSource::ReportDate,
                baocao::consolidate::ReceivedSource::FileTime,
            ]
            .map(|s| c::source_label(s).to_string()),
        )
        .chain(
            [
                baocao::consolidate::Role::Used,
                baocao::consolidate::Role::Superseded,
                baocao::consolidate::Role::OtherPeriod,
                baocao::consolidate::Role::Unreadable,
                baocao::consolidate::Role::Unidentified,
                baocao::consolidate::Role::NotExpected,
            ]
            .map(|r| c::role_label(r).to_string()),
        );
    let missing: Vec<String> = labels
        .filter(|l| !doc.contains(&format!("`{l}`")))
        .collect();
    assert!(
        missing.is_empty(),
        "docs/consolidated-format.md lacks {missing:?}"
    );
    for t in [
        baocao::plan::IndicatorType::Integer,
        baocao::plan::IndicatorType::Decimal,
        baocao::plan::IndicatorType::Percent,
        baocao::plan::IndicatorType::Boolean,
    ] {
        assert!(doc.contains(&format!("`{}`", c::type_label(t))), "{t:?}");
    }
}

#[test]
fn the_newest_file_time_breaks_a_tie_and_log_codes_ignore_case() {
    let w = Workdir::new();
    let input = setup(&w);
    // A second copy of the same report (same report date), saved later in the day.
    let copy = input.join("bo-sung/BTG_TU-2025 (1).xlsx");
    std::fs::copy(input.join("BTG_TU-2025.xlsx"), &copy).expect("copy");
    let file = std::fs::File::options()
        .write(true)
        .open(&copy)
        .expect("open");
    file.set_modified(local_time("2025-12-17T16:45:00"))
        .expect("mtime");
    w.write("so-nhan.csv", "Mã;Ngày nhận\nbtg_tu;20/12/2025\n");
    consolidate(&w, OUT, &["--received", "so-nhan.csv"]).expect_code(0);
    let book = Book::open(&w.join(OUT));
    let src = book.sheet("Nguồn");
    let role = |p: &str| {
        body(src, 0, 0)
            .into_iter()
            .find(|&i| text(at(src, i, 0)) == p)
            .map(|i| text(at(src, i, 8)))
            .unwrap_or_else(|| panic!("{p} not listed"))
    };
    assert_eq!(role("bo-sung/BTG_TU-2025 (1).xlsx"), "Sử dụng");
    assert_eq!(role("BTG_TU-2025.xlsx"), "Bản cũ, không dùng");
    let sum = book.sheet("Tổng hợp");
    let row = body(sum, agency_table(sum), 1)
        .into_iter()
        .map(|i| read_row(sum, i))
        .find(|r| r.code == "BTG_TU")
        .expect("row");
    assert_eq!(
        (row.status, row.source, row.received),
        ("Trễ hạn", "Sổ nhận", Some(ymd("2025-12-20")))
    );
}

/// Runs `python3 ARGS…`, failing the test with its stderr if it fails.
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

/// The blank 2025 template of `SCT` (Sở Công Thương), as `DIR/SCT-2025.xlsx`.
fn sct_template(w: &Workdir, dir: &str) {
    w.run(&[
        "template",
        "--period",
        "2025",
        "--out",
        dir,
        "--agency",
        "SCT",
        "--as-of",
        "2025-12-01",
    ])
    .expect_code(0);
}

/// An agency that types `85%` in Excel stores 0.85 in a cell formatted as a percentage; the
/// report format's percentages run 0–100, so the consolidation must total 85, not 0.85.
#[test]
fn a_percentage_typed_with_excels_percent_format_counts_as_shown() {
    if !have_python_modules(&["openpyxl"]) {
        skip("python3 with openpyxl is not installed");
        return;
    }
    let w = Workdir::new();
    sct_template(&w, "T");
    std::fs::create_dir(w.join("IN")).expect("mkdir IN");
    python3(&[
        script("fill_template.py").as_os_str(),
        w.join("T/SCT-2025.xlsx").as_os_str(),
        w.join("IN/SCT-2025.xlsx").as_os_str(),
    ]);
    let percent = r#"
import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
ws = wb["Chỉ tiêu"]
head = next(c for row in ws.iter_rows(max_row=50) for c in row if c.value == "Mã chỉ tiêu")
cols = {c.value: c.column for c in ws[head.row] if c.value}
for r in range(head.row + 1, ws.max_row + 1):
    if ws.cell(row=r, column=cols["Mã chỉ tiêu"]).value == "CT16":
        cell = ws.cell(row=r, column=cols["Số liệu"])
        cell.value = 0.85
        cell.number_format = "0%"
        break
else:
    sys.exit("CT16 not found")
wb.save(sys.argv[1])
"#;
    python3(&[
        "-c".as_ref(),
        percent.as_ref(),
        w.join("IN/SCT-2025.xlsx").as_os_str(),
    ]);
    let values = sct_indicators_of_in(&w, &["CT16"]);
    assert_eq!(
        values[0],
        (Some(85.0), Some(85.0)),
        "SCT's CT16, the province figure"
    );
}

/// Consolidates `IN` (period 2025) and reads, for each indicator, SCT's figure and the
/// province figure from `Chỉ tiêu`.
fn sct_indicators_of_in(w: &Workdir, ids: &[&str]) -> Vec<(Option<f64>, Option<f64>)> {
    let run = w.run(&[
        "consolidate",
        "IN",
        "--period",
        "2025",
        "--as-of",
        "2025-12-20",
        "--out",
        "th.xlsx",
    ]);
    assert!(run.code() <= 1, "{}", run.stderr());
    let book = Book::open(&w.join("th.xlsx"));
    let ind = book.sheet("Chỉ tiêu");
    let sct = header(ind, 0)
        .iter()
        .position(|h| h == "SCT")
        .expect("an SCT column") as u32;
    ids.iter()
        .map(|id| {
            let row = body(ind, 0, 0)
                .into_iter()
                .find(|&i| text(at(ind, i, 0)) == *id)
                .unwrap_or_else(|| panic!("a {id} row"));
            (num(at(ind, row, sct)), num(at(ind, row, 4)))
        })
        .collect()
}

/// The same `85%` (0.85 in a cell formatted `0%`) in the files LibreOffice saves as `.xlsx`,
/// `.xls` and `.ods` (tests/data/validate, `make_validate_fixtures.sh`): calamine reads the
/// stored 0.85 from `.xls` and `.ods` without the cell's format, so the pre-checks note the
/// percentage cells from the BIFF records and `content.xml`; every format totals 85.
#[test]
fn a_percentage_counts_as_shown_in_xlsx_xls_and_ods() {
    for ext in ["xlsx", "xls", "ods"] {
        let w = Workdir::new();
        let name = format!("SCT-2025-phan-tram.{ext}");
        let fixture = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/data/validate")
            .join(&name);
        std::fs::create_dir(w.join("IN")).expect("mkdir IN");
        w.write(
            &format!("IN/{name}"),
            std::fs::read(&fixture).unwrap_or_else(|e| panic!("{name}: {e}")),
        );
        let values = sct_indicators_of_in(&w, &["CT16", "CT08"]);
        // SCT's CT16 and the province figure; CT08 (not a percentage) keeps its value.
        assert_eq!(values[0], (Some(85.0), Some(85.0)), "{name}: CT16");
        assert_eq!(values[1].0, Some(4.0), "{name}: CT08");
    }
}

/// A subfolder consolidate cannot open (no read permission) is reported as unreadable, with
/// the reason, instead of being skipped: the reports in it would otherwise be missed without
/// a word. As root every folder opens, so the run drops to user `nobody` with `setpriv`.
#[cfg(unix)]
#[test]
fn a_folder_that_cannot_be_opened_is_reported_not_skipped() {
    use std::os::unix::fs::PermissionsExt;
    let root = running_as_root();
    if root && !have("setpriv") {
        skip("running as root without setpriv (util-linux) to drop privileges");
        return;
    }
    let w = Workdir::new();
    sct_template(&w, "IN");
    let locked = w.join("IN/khoa");
    std::fs::create_dir(&locked).expect("mkdir");
    std::fs::copy(w.join("IN/SCT-2025.xlsx"), locked.join("STTTT-2025.xlsx")).expect("copy");
    let out = w.join("OUT");
    std::fs::create_dir(&out).expect("mkdir OUT");
    for (p, mode) in [(w.path(), 0o755), (&w.join("IN"), 0o755), (&out, 0o777)] {
        std::fs::set_permissions(p, std::fs::Permissions::from_mode(mode)).expect("chmod");
    }
    std::fs::set_permissions(
        w.join("IN/SCT-2025.xlsx"),
        std::fs::Permissions::from_mode(0o644),
    )
    .expect("chmod");
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).expect("chmod");

    let bin = assert_cmd::cargo::cargo_bin("baocao");
    let mut cmd = if root {
        let mut c = std::process::Command::new("setpriv");
        c.args(["--reuid=65534", "--regid=65534", "--clear-groups"])
            .arg(&bin);
        c
    } else {
        std::process::Command::new(&bin)
    };
    let run = cmd
        .current_dir(w.path())
        .env_remove("BAOCAO_PLAN")
        .env_remove("BAOCAO_LANG")
        .env("NO_COLOR", "1")
        .args([
            "consolidate",
            "IN",
            "--period",
            "2025",
            "--as-of",
            "2025-12-20",
            "--out",
            "OUT/th.xlsx",
            "--json",
            "OUT/th.json",
        ])
        .output()
        .expect("run baocao");
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o755)).expect("chmod");
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(run.status.code().is_some_and(|c| c <= 1), "{stderr}");

    let json: Value = serde_json::from_slice(&std::fs::read(out.join("th.json")).expect("th.json"))
        .expect("json");
    let files = json["files"].as_array().expect("files");
    let folder = files
        .iter()
        .find(|f| f["path"] == "khoa")
        .unwrap_or_else(|| panic!("the locked folder is listed: {files:?}"));
    assert_eq!(folder["role"], "unreadable", "{folder}");
    assert!(
        files.iter().any(|f| f["path"] == "SCT-2025.xlsx"),
        "{files:?}"
    );

    let book = Book::open(&out.join("th.xlsx"));
    let fin = book.sheet("Lỗi, cảnh báo");
    let row = body(fin, 0, 0)
        .into_iter()
        .find(|&i| text(at(fin, i, 0)) == "khoa")
        .expect("a finding for the folder");
    assert_eq!(text(at(fin, row, 2)), "F001");
    let message = text(at(fin, row, 6));
    assert!(
        message.contains("không mở được thư mục") && message.contains("không có quyền đọc"),
        "{message}"
    );
}

/// True when this process runs as root (uid 0), read from `/proc/self/status`.
#[cfg(unix)]
fn running_as_root() -> bool {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find_map(|l| l.strip_prefix("Uid:"))
                .and_then(|v| v.split_whitespace().next().map(|u| u == "0"))
        })
        .unwrap_or(false)
}

/// Re-running a past period on copied files gives that day's figures: a file dated only by a
/// modification time later than `--as-of` is not counted as received (F040), one modified
/// before is, and a receipt log entry always dates it.
#[test]
fn a_file_modified_after_the_as_of_date_is_not_counted_as_received_by_then() {
    use std::time::{Duration, SystemTime, UNIX_EPOCH};
    let w = Workdir::new();
    w.run(&[
        "template",
        "--period",
        "2025",
        "--agency",
        "STP",
        "--out",
        "nop",
        "--as-of",
        "2025-12-01",
    ])
    .expect_code(0);
    let file = w.join("nop/STP-2025.xlsx");
    let set_mtime = |ymd: (i32, u32, u32)| {
        let days = chrono::NaiveDate::from_ymd_opt(ymd.0, ymd.1, ymd.2)
            .expect("date")
            .signed_duration_since(chrono::NaiveDate::from_ymd_opt(1970, 1, 1).expect("epoch"))
            .num_days();
        let t =
            UNIX_EPOCH + Duration::from_secs(u64::try_from(days).expect("days") * 86_400 + 43_200);
        let f = std::fs::File::options()
            .write(true)
            .open(&file)
            .expect("open");
        f.set_modified(t).expect("set mtime");
        assert!(t < SystemTime::now());
    };
    let run = |extra: &[&str]| -> Value {
        let mut args = vec![
            "consolidate",
            "nop",
            "--period",
            "2025",
            "--as-of",
            AS_OF,
            "--out",
            "a.xlsx",
            "--json",
            "a.json",
            "--force",
        ];
        args.extend_from_slice(extra);
        let r = w.run(&args);
        r.expect_code(0);
        serde_json::from_slice(&w.read("a.json")).expect("json")
    };
    let stp = |j: &Value| -> Value {
        j["agencies"]
            .as_array()
            .expect("agencies")
            .iter()
            .find(|a| a["code"] == "STP")
            .cloned()
            .expect("STP row")
    };

    set_mtime((2026, 1, 10));
    let j = run(&[]);
    assert_eq!(stp(&j)["status"], "missing", "{j}");
    assert_eq!(j["files"][0]["role"], "not_yet_received");
    assert_eq!(j["totals"]["files_not_yet_received"], 1);
    let book = Book::open(&w.join("a.xlsx"));
    let list = book.sheet("Lỗi, cảnh báo");
    assert!(
        list.rows().any(|r| r.get(2).is_some_and(|d| *d == "F040")),
        "no F040 row"
    );
    w.run(&[
        "consolidate",
        "nop",
        "--period",
        "2025",
        "--as-of",
        AS_OF,
        "--out",
        "a.xlsx",
        "--force",
    ])
    .stdout_has("1 tệp chưa tính là đã nhận");

    // Modified before the as-of date: that is its received date.
    set_mtime((2025, 12, 18));
    let j = run(&[]);
    assert_eq!(stp(&j)["received"], "2025-12-18", "{j}");
    assert_eq!(stp(&j)["received_source"], "file_time");

    // Modified later, but the receipt log dates it.
    set_mtime((2026, 1, 10));
    w.write("so-nhan.csv", "Tệp,Ngày nhận\nSTP-2025.xlsx,17/12/2025\n");
    let j = run(&["--received", "so-nhan.csv"]);
    assert_eq!(stp(&j)["received"], "2025-12-17", "{j}");
    assert_eq!(stp(&j)["received_source"], "log");
    assert_eq!(j["totals"]["files_not_yet_received"], 0);
}
