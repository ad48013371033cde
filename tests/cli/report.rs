//! `baocao report`: the consolidated workbook's data sheet read back, and the Word draft it
//! becomes — its structure (header block, headings I–V, Nơi nhận, placeholders, DỰ THẢO),
//! its figures against `consolidate --json`, the agencies' texts under their tasks, and
//! untrusted agency text (formula-like, very long, legacy-encoded, control characters).

use std::collections::BTreeMap;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use baocao::i18n::Lang;
use baocao::plan::{PlanSource, load_or_fail};
use baocao::report::template::{Answer, Answers, TaskAnswer, build_filled};
use calamine::{Data, Reader, open_workbook_auto};
use chrono::NaiveDate;
use serde_json::Value;

use crate::common::{Workdir, have, have_python_modules, skip};

const XLSX: &str = "tong-hop-2025.xlsx";
const DOCX: &str = "bao-cao-2025.docx";
const HEADINGS: [&str; 5] = [
    "I. TÌNH HÌNH TRIỂN KHAI VÀ BÁO CÁO",
    "II. KẾT QUẢ THỰC HIỆN NHIỆM VỤ",
    "III. TỒN TẠI, HẠN CHẾ",
    "IV. NHIỆM VỤ KỲ TỚI",
    "V. ĐỀ XUẤT, KIẾN NGHỊ",
];

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Consolidates the example submissions (with the example receipt log) into `XLSX`, and its
/// JSON summary into `tom-tat.json`.
fn consolidate_examples(w: &Workdir) -> Value {
    let dir = repo().join("examples/submissions/2025");
    let log = repo().join("examples/so-nhan-2025.csv");
    w.run(&[
        "consolidate",
        dir.to_str().expect("utf-8"),
        "--period",
        "2025",
        "--as-of",
        "2025-12-20",
        "--received",
        log.to_str().expect("utf-8"),
        "--out",
        XLSX,
        "--json",
        "tom-tat.json",
    ])
    .expect_code(0);
    serde_json::from_slice(&w.read("tom-tat.json")).expect("json")
}

fn zip_part(path: &Path, name: &str) -> String {
    let file = std::fs::File::open(path).expect("open");
    let mut z = zip::ZipArchive::new(file).expect("zip");
    let mut s = String::new();
    z.by_name(name)
        .expect("part")
        .read_to_string(&mut s)
        .expect("read");
    s
}

/// The text of every paragraph of the document body (table cells included), in order.
fn paragraphs(docx: &Path) -> Vec<String> {
    let xml = zip_part(docx, "word/document.xml");
    let body = &xml[xml.find("<w:body>").expect("body")..];
    body.split("</w:p>")
        .map(|chunk| {
            let mut text = String::new();
            let mut rest = chunk;
            while let Some(at) = rest.find("<w:t") {
                rest = &rest[at + 4..];
                // `<w:t>` or `<w:t xml:space=...>`, not `<w:tbl>`, `<w:tc>`, …
                if !(rest.starts_with('>') || rest.starts_with(' ')) {
                    continue;
                }
                let open = rest.find('>').expect("tag end");
                if rest[..open].ends_with('/') {
                    rest = &rest[open + 1..];
                    continue;
                }
                let close = rest.find("</w:t>").expect("w:t end");
                text.push_str(&rest[open + 1..close]);
                rest = &rest[close..];
            }
            text.replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&quot;", "\"")
                .replace("&apos;", "'")
                .replace("&amp;", "&")
        })
        .collect()
}

fn position(ps: &[String], needle: &str) -> usize {
    ps.iter()
        .position(|p| p.contains(needle))
        .unwrap_or_else(|| panic!("no paragraph contains {needle:?}"))
}

#[test]
fn the_example_report_has_the_decree_30_structure_and_the_figures() {
    let w = Workdir::new();
    let json = consolidate_examples(&w);
    w.run(&["report", XLSX, "--out", DOCX])
        .expect_code(0)
        .stdout_has("đã ghi dự thảo báo cáo kỳ 2025")
        .stdout_has("tô vàng");
    let docx = w.join(DOCX);
    let ps = paragraphs(&docx);
    // The draft mark comes first; the header block follows.
    assert_eq!(ps[0], "DỰ THẢO");
    for needle in [
        "UBND TỈNH ĐẮK LẮK",
        "SỞ THÔNG TIN VÀ TRUYỀN THÔNG",
        "Số:      /BC-STTTT",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Đắk Lắk, ngày 20 tháng 12 năm 2025",
    ] {
        assert!(
            ps[1..12].iter().any(|p| p == needle),
            "{needle} in {:?}",
            &ps[..12]
        );
    }
    let title = position(&ps, "BÁO CÁO");
    assert!(ps[title + 1].starts_with("Kết quả thực hiện"));
    // Headings I–V in order, then the foot, then the appendix.
    let at: Vec<usize> = HEADINGS.iter().map(|h| position(&ps, h)).collect();
    assert!(at.windows(2).all(|p| p[0] < p[1]), "{at:?}");
    let foot = position(&ps, "Nơi nhận:");
    assert!(foot > at[4]);
    assert!(ps[foot..].iter().any(|p| p == "- Lưu: VT, STTTT."));
    assert!(ps[foot..].iter().any(|p| p == "GIÁM ĐỐC"));
    assert!(position(&ps, "PHỤ LỤC") > foot);
    // Figures as consolidate computed them.
    let t = &json["totals"];
    let line = &ps[position(&ps, "Số cơ quan, đơn vị phải báo cáo")];
    for (k, label) in [
        ("expected", "phải báo cáo: "),
        ("received", "đã nhận: "),
        ("on_time", "đúng hạn "),
        ("late", "trễ hạn "),
        ("missing", "chưa nộp: "),
        ("invalid", "(có lỗi): "),
    ] {
        let want = format!("{label}{}", t[k]);
        assert!(line.contains(&want), "{want} in {line}");
    }
    let tasks = &ps[position(&ps, "Nhiệm vụ đã hoàn thành:")];
    assert!(
        tasks.contains(&format!("hoàn thành: {};", t["tasks_done"])),
        "{tasks}"
    );
    assert!(
        tasks.contains(&format!("quá hạn: {};", t["tasks_overdue"])),
        "{tasks}"
    );
    // Placeholders are highlighted.
    let xml = zip_part(&docx, "word/document.xml");
    let marked = xml.matches(r#"<w:highlight w:val="yellow" />"#).count()
        + xml.matches(r#"<w:highlight w:val="yellow"/>"#).count();
    assert!(marked >= 5, "{marked} highlighted runs");
    assert!(ps.iter().any(|p| p.starts_with("[Cán bộ tổng hợp bổ sung")));
    // A4 portrait, Times New Roman, page numbers from page 2.
    assert!(xml.contains(r#"<w:pgSz w:w="11906" w:h="16838""#), "A4");
    assert!(xml.contains("<w:titlePg"), "different first page");
    let styles = zip_part(&docx, "word/styles.xml");
    for slot in ["ascii", "hAnsi", "eastAsia", "cs"] {
        assert!(
            styles.contains(&format!(r#"w:{slot}="Times New Roman""#)),
            "{slot} in the document defaults"
        );
    }
    assert!(styles.contains(r#"<w:sz w:val="28""#), "14 pt by default");
    let headers: String = (1..=2)
        .map(|i| zip_part(&docx, &format!("word/header{i}.xml")))
        .collect();
    assert!(headers.contains("PAGE"), "a PAGE field in a header");
}

#[test]
fn every_agency_result_appears_under_its_task() {
    let w = Workdir::new();
    consolidate_examples(&w);
    w.run(&["report", XLSX, "--out", DOCX]).expect_code(0);
    let ps = paragraphs(&w.join(DOCX));
    let mut wb = open_workbook_auto(w.join(XLSX)).expect("xlsx");
    let tasks = wb.worksheet_range("Nhiệm vụ").expect("sheet");
    let text = |d: &Data| match d {
        Data::String(s) => s.split_whitespace().collect::<Vec<_>>().join(" "),
        _ => String::new(),
    };
    let (mut want, mut found) = (0, 0);
    for row in tasks.rows().skip(1) {
        let (id, agency, result) = (text(&row[0]), text(&row[3]), text(&row[8]));
        if result.is_empty() {
            continue;
        }
        want += 1;
        let start = position(&ps, &format!("- Nhiệm vụ {id}: "));
        let end = ps[start + 1..]
            .iter()
            .position(|p| p.starts_with("- Nhiệm vụ ") || p.starts_with("III. "))
            .map_or(ps.len(), |k| start + 1 + k);
        if ps[start..end]
            .iter()
            .any(|p| *p == format!("+ {agency}: {result}"))
        {
            found += 1;
        }
    }
    assert!(want > 100, "{want} result texts in the examples");
    assert!(
        found * 100 >= want * 80,
        "{found} of {want} under their task"
    );
}

#[test]
fn final_drops_the_draft_mark_and_outputs_are_not_overwritten() {
    let w = Workdir::new();
    consolidate_examples(&w);
    w.run(&["report", XLSX, "--out", "ra/bc.docx", "--final"])
        .expect_code(0)
        .stdout_has("không đánh dấu DỰ THẢO");
    let ps = paragraphs(&w.join("ra/bc.docx"));
    assert!(!ps.iter().any(|p| p.contains("DỰ THẢO")), "no draft mark");
    assert_eq!(ps[0], "UBND TỈNH ĐẮK LẮK");
    w.run(&["report", XLSX, "--out", "ra/bc.docx"])
        .expect_code(2)
        .stderr_has("đã có; thêm --force");
    w.run(&["report", XLSX, "--out", "ra/bc.docx", "--force"])
        .expect_code(0);
    assert_eq!(paragraphs(&w.join("ra/bc.docx"))[0], "DỰ THẢO");
    // The same input gives the same bytes.
    let first = w.read("ra/bc.docx");
    w.run(&["report", XLSX, "--out", "ra/bc.docx", "--force"])
        .expect_code(0);
    assert_eq!(first, w.read("ra/bc.docx"));
}

/// `XLSX` with `from` replaced by `to` in its data sheet's XML, saved as `out`.
fn edit_data_sheet(w: &Workdir, out: &str, from: &str, to: &str) {
    let src = std::fs::File::open(w.join(XLSX)).expect("open");
    let mut z = zip::ZipArchive::new(src).expect("zip");
    let mut parts: BTreeMap<usize, (String, Vec<u8>)> = BTreeMap::new();
    for i in 0..z.len() {
        let mut f = z.by_index(i).expect("part");
        let mut bytes = Vec::new();
        f.read_to_end(&mut bytes).expect("read");
        parts.insert(i, (f.name().expect("name").to_string(), bytes));
    }
    let dst = std::fs::File::create(w.join(out)).expect("create");
    let mut zw = zip::ZipWriter::new(dst);
    let mut edited = false;
    for (name, bytes) in parts.into_values() {
        let mut bytes = bytes;
        if name == "xl/worksheets/sheet8.xml" {
            let s = String::from_utf8(bytes).expect("utf-8");
            assert!(s.contains(from), "{from} in the data sheet");
            bytes = s.replacen(from, to, 1).into_bytes();
            edited = true;
        }
        zw.start_file(name, zip::write::SimpleFileOptions::default())
            .expect("start");
        zw.write_all(&bytes).expect("write");
    }
    zw.finish().expect("finish");
    assert!(edited);
}

#[test]
fn the_data_sheet_reads_back_and_refuses_what_it_cannot_trust() {
    let w = Workdir::new();
    consolidate_examples(&w);
    // A submission is not a consolidation.
    let sub = repo().join("examples/submissions/2025/STTTT-2025.xlsx");
    w.run(&["report", sub.to_str().expect("utf-8"), "--out", "a.docx"])
        .expect_code(2)
        .stderr_has("STTTT-2025.xlsx` không phải bản tổng hợp")
        .stderr_has("`_baocao_data`");
    assert!(!w.join("a.docx").exists());
    // Not a workbook at all: said in Vietnamese, not in the reader's English.
    w.write("ghi-chu.xlsx", "tổng hợp kỳ 2025, xem tệp đính kèm");
    w.run(&["report", "ghi-chu.xlsx", "--out", "a.docx"])
        .expect_code(2)
        .stderr_has("không mở được `ghi-chu.xlsx` như một bản tổng hợp")
        .stderr_has("không nhận ra định dạng");
    // Another version of the format.
    edit_data_sheet(
        &w,
        "v9.xlsx",
        "baocao-consolidated/1",
        "baocao-consolidated/9",
    );
    w.run(&["report", "v9.xlsx", "--out", "b.docx"])
        .expect_code(2)
        .stderr_has("`v9.xlsx` có phiên bản `baocao-consolidated/9`")
        .stderr_has("`baocao-consolidated/1`");
    // Damaged data.
    edit_data_sheet(&w, "hong.xlsx", r#"{"plan":"#, r#"{"plan"#);
    w.run(&["report", "hong.xlsx", "--out", "c.docx"])
        .expect_code(2)
        .stderr_has("sheet dữ liệu của `hong.xlsx` bị hỏng");
    // Another plan.
    let plan = w.copy_plan("ke-hoach-khac");
    let yaml = plan.join("plan.yaml");
    let text = std::fs::read_to_string(&yaml).expect("plan");
    std::fs::write(
        &yaml,
        text.replacen("id: dlk-ttdn-nq47", "id: ke-hoach-khac", 1),
    )
    .expect("write");
    w.run(&["--plan", "ke-hoach-khac", "report", XLSX, "--out", "d.docx"])
        .expect_code(2)
        .stderr_has(
            "là bản tổng hợp của kế hoạch `dlk-ttdn-nq47`, không phải kế hoạch `ke-hoach-khac`",
        );
    // The same period as --previous.
    w.run(&["report", XLSX, "--previous", XLSX, "--out", "e.docx"])
        .expect_code(2)
        .stderr_has("cùng kỳ `2025`");
    // English.
    w.run(&["--lang", "en", "report", "v9.xlsx", "--out", "b.docx"])
        .expect_code(2)
        .stderr_has("this baocao reads only `baocao-consolidated/1`");
}

/// A submission from the first agency that leads a task, with `result` typed into its first
/// task row; returns the agency's name and the task.
fn submission_with(dir: &Path, result: &str, difficulty: &str, note: &str) -> (String, String) {
    submission_for("2025", dir, result, difficulty, note, None)
}

/// As [`submission_with`], for `period`, with `value` typed for the agency's first indicator
/// (returned with the name and task).
fn submission_for(
    period: &str,
    dir: &Path,
    result: &str,
    difficulty: &str,
    note: &str,
    value: Option<f64>,
) -> (String, String) {
    let plan = load_or_fail(&PlanSource::embedded(), Lang::Vi).expect("plan");
    let period = plan.period(period).expect("period");
    let task = &plan.tasks[0];
    let agency = plan.agency(&task.agencies[0]).expect("agency");
    let mut answers = Answers {
        report_date: Answer::Date(NaiveDate::from_ymd_opt(2025, 12, 15).expect("date")),
        preparer: Answer::text("Nguyễn Văn A"),
        phone: Answer::text("0262 3 800 000"),
        ..Answers::default()
    };
    for t in plan.tasks_for(&agency.code) {
        answers.tasks.insert(
            t.id.clone(),
            TaskAnswer {
                status: Answer::text("Đang thực hiện"),
                result: Answer::text("Đang triển khai."),
                ..TaskAnswer::default()
            },
        );
    }
    answers.tasks.insert(
        task.id.clone(),
        TaskAnswer {
            status: Answer::text("Đang thực hiện"),
            result: Answer::text(result),
            difficulty: Answer::text(difficulty),
            note: Answer::text(note),
            ..TaskAnswer::default()
        },
    );
    if let Some(v) = value {
        let ind = plan.indicators_for(&agency.code)[0];
        answers.indicators.insert(ind.id.clone(), Answer::Number(v));
    }
    let as_of = period.due;
    let bytes = build_filled(&plan, agency, &period, as_of, &answers).expect("build");
    std::fs::create_dir_all(dir).expect("mkdir");
    std::fs::write(
        dir.join(format!("{}-{}.xlsx", agency.code, period.id)),
        bytes,
    )
    .expect("write");
    (agency.name.clone(), task.id.clone())
}

#[test]
fn untrusted_agency_text_is_carried_safely() {
    let w = Workdir::new();
    let long = "Tuyên truyền ".repeat(1_000);
    let result = format!("=HYPERLINK(\"http://x\",\"bấm\")\u{7} <b>&amp; {long}");
    let (name, task) = submission_with(
        &w.join("nhan"),
        &result,
        "Së Th«ng tin vµ TruyÒn th«ng thiÕu kinh phÝ",
        "Đề xuất: bổ sung kinh phí năm 2026",
    );
    w.run(&[
        "consolidate",
        "nhan",
        "--period",
        "2025",
        "--as-of",
        "2025-12-20",
        "--out",
        XLSX,
    ])
    .expect_code(0);
    w.run(&["report", XLSX, "--out", DOCX]).expect_code(0);
    let docx = w.join(DOCX);
    let ps = paragraphs(&docx);
    let start = position(&ps, &format!("- Nhiệm vụ {task}: "));
    let text = ps[start..]
        .iter()
        .find(|p| p.starts_with(&format!("+ {name}: =HYPERLINK")))
        .unwrap_or_else(|| panic!("the formula-like text under its task"));
    // Kept as text, the control character gone, markup not interpreted, cut with a note.
    assert!(
        text.contains(r#"=HYPERLINK("http://x","bấm") <b>&amp; Tuyên truyền"#),
        "{text}"
    );
    assert!(!text.contains('\u{7}'));
    assert!(
        text.chars().count() < 4_300,
        "cut: {}",
        text.chars().count()
    );
    assert!(text.contains("ký tự, xem nguyên văn ở ô nguồn"), "{text}");
    assert!(text.contains("Báo cáo!"), "names the cell: {text}");
    // TCVN3 converted, with a note to check it.
    let hard = position(&ps, "Sở Thông tin và Truyền thông thiếu kinh phí");
    assert!(
        ps[hard].contains("đã chuyển từ bảng mã TCVN3"),
        "{}",
        ps[hard]
    );
    // A marked note is a proposal in part V.
    let v = position(&ps, "V. ĐỀ XUẤT, KIẾN NGHỊ");
    assert!(position(&ps, "bổ sung kinh phí năm 2026") > v);
    // Still a document Word's readers take.
    let xml = zip_part(&docx, "word/document.xml");
    assert!(!xml.contains('\u{7}'));
}

#[test]
fn previous_period_figures_stand_beside_this_period() {
    let w = Workdir::new();
    consolidate_examples(&w);
    submission_for(
        "2024",
        &w.join("nhan-2024"),
        "Đã làm.",
        "",
        "",
        Some(4_321.0),
    );
    w.run(&[
        "consolidate",
        "nhan-2024",
        "--period",
        "2024",
        "--as-of",
        "2024-12-20",
        "--out",
        "tong-hop-2024.xlsx",
    ])
    .expect_code(0);
    w.run(&[
        "report",
        XLSX,
        "--previous",
        "tong-hop-2024.xlsx",
        "--out",
        DOCX,
    ])
    .expect_code(0);
    let ps = paragraphs(&w.join(DOCX));
    let results = position(&ps, "II. KẾT QUẢ THỰC HIỆN NHIỆM VỤ");
    let line = ps[results..]
        .iter()
        .find(|p| p.contains("kỳ năm 2024: 4.321."))
        .expect("the 2024 figure beside 2025's");
    assert!(line.contains("cơ quan có số liệu)"), "{line}");
    assert!(ps.iter().any(|p| p == "Kỳ năm 2024"), "the appendix column");
}

#[test]
fn python_docx_reads_the_document() {
    if !have_python_modules(&["docx"]) {
        skip("python3 with python-docx is not installed");
        return;
    }
    let w = Workdir::new();
    consolidate_examples(&w);
    w.run(&["report", XLSX, "--out", DOCX]).expect_code(0);
    let script = r#"
import sys, docx
d = docx.Document(sys.argv[1])
s = d.sections[0]
assert abs(s.page_width.mm - 210) < 0.5 and abs(s.page_height.mm - 297) < 0.5, "A4 portrait"
assert 20 <= s.top_margin.mm <= 25 and 20 <= s.bottom_margin.mm <= 25
assert 30 <= s.left_margin.mm <= 35 and 15 <= s.right_margin.mm <= 20
assert s.different_first_page_header_footer
from docx.oxml.ns import qn
rpr = d.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
rf = rpr.find(qn("w:rFonts"))
assert all(rf.get(qn("w:" + k)) == "Times New Roman" for k in ("ascii", "hAnsi", "eastAsia", "cs"))
assert rpr.find(qn("w:sz")).get(qn("w:val")) == "28"
fonts = {r.font.name for p in d.paragraphs for r in p.runs if r.text.strip()}
assert fonts == {None}, fonts
sizes = {r.font.size.pt if r.font.size else 14.0 for p in d.paragraphs for r in p.runs if r.text.strip()}
assert sizes <= {11.0, 12.0, 13.0, 14.0}, sizes
texts = [p.text for p in d.paragraphs]
assert texts[0] == "DỰ THẢO"
head = d.tables[0]
cells = [c.text for c in head.rows[0].cells]
assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in cells[1]
assert "Số:" in cells[0]
for t in ["I. TÌNH HÌNH", "II. KẾT QUẢ", "III. TỒN TẠI", "IV. NHIỆM VỤ", "V. ĐỀ XUẤT"]:
    assert any(x.startswith(t) for x in texts), t
print("ok", len(d.paragraphs), len(d.tables))
"#;
    let out = std::process::Command::new("python3")
        .args(["-c", script])
        .arg(w.join(DOCX))
        .output()
        .expect("python3");
    assert!(
        out.status.success(),
        "python-docx:\n{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn libreoffice_opens_the_document() {
    if !have("soffice") || !have("pdftotext") {
        skip("LibreOffice (soffice) or pdftotext is not installed");
        return;
    }
    let w = Workdir::new();
    consolidate_examples(&w);
    w.run(&["report", XLSX, "--out", DOCX]).expect_code(0);
    let profile = w.join("lo-profile");
    let out = std::process::Command::new("soffice")
        .arg(format!(
            "-env:UserInstallation=file://{}",
            profile.display()
        ))
        .args(["--headless", "--convert-to", "pdf", "--outdir"])
        .arg(w.join("pdf"))
        .arg(w.join(DOCX))
        .output()
        .expect("run soffice");
    let pdf = w.join("pdf/bao-cao-2025.pdf");
    assert!(
        pdf.exists(),
        "soffice failed (is libreoffice-writer installed?):\n{}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    let text = crate::common::pdf_text(&pdf, Some((1, 1))).expect("pdftotext");
    for needle in ["BÁO CÁO", "DỰ THẢO", "Độc lập - Tự do - Hạnh phúc"] {
        assert!(text.contains(needle), "{needle} on page 1:\n{text}");
    }
    let page2 = crate::common::pdf_text(&pdf, Some((2, 2))).expect("pdftotext");
    assert!(
        page2.trim_start().starts_with('2'),
        "page number on page 2:\n{page2}"
    );
}

/// A consolidated workbook opened and saved again (here by LibreOffice, which, like Excel,
/// moves every string into the shared table) is read back through calamine, not the fast
/// path for the sheet as baocao writes it, and gives the same report, byte for byte.
#[test]
fn a_consolidation_saved_again_by_libreoffice_gives_the_same_report() {
    if !have("soffice") {
        skip("LibreOffice (soffice) is not installed");
        return;
    }
    let w = Workdir::new();
    consolidate_examples(&w);
    let profile = w.join("lo-profile");
    let out = std::process::Command::new("soffice")
        .arg(format!(
            "-env:UserInstallation=file://{}",
            profile.display()
        ))
        .args(["--headless", "--convert-to", "xlsx", "--outdir"])
        .arg(w.join("lo"))
        .arg(w.join(XLSX))
        .output()
        .expect("run soffice");
    let resaved = w.join("lo").join(XLSX);
    assert!(
        resaved.exists(),
        "soffice failed:\n{}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    // The resaved data sheet keeps its strings in the shared table: the other reading path.
    let sheets = zip_part(&resaved, "xl/workbook.xml");
    assert!(sheets.contains("_baocao_data"), "{sheets}");
    let shared = zip_part(&resaved, "xl/sharedStrings.xml");
    assert!(
        shared.contains("baocao-consolidated/1"),
        "not in the shared table"
    );
    w.run(&["report", XLSX, "--out", "a.docx"]).expect_code(0);
    w.run(&[
        "report",
        resaved.to_str().expect("utf-8"),
        "--out",
        "b.docx",
    ])
    .expect_code(0);
    assert!(
        w.read("a.docx") == w.read("b.docx"),
        "the resaved workbook gives another report"
    );
}
