//! The forwarding report (`baocao report`) as an editable Word document: all docx code.
//!
//! [`build`] turns a consolidation read back from its workbook (`crate::data_sheet::Data`)
//! into a draft in the Decree 30/2020/NĐ-CP layout (Appendix I): A4 portrait, margins 20/20/
//! 30/15 mm, Times New Roman 14 pt (the East-Asian and complex-script font slots set too, so
//! Vietnamese never falls back to another face), the two-column header block without borders,
//! `BÁO CÁO` and its subject line, the body in five parts, `Nơi nhận` and the signature block,
//! page numbers centred at the top from page 2, and an appendix of tables with the cell each
//! figure came from. Every sentence is the plan's, an agency's, or a figure computed by
//! consolidation; where the officer must write, a yellow highlighted placeholder says what.
//! Everything is written through docx-rs; the one thing it lacks is compression (it stores
//! every part uncompressed, 20 times the size), so [`deflate`] repacks its archive, part by
//! part and byte for byte, with Deflate. There is no hand-built XML.
//!
//! Agency text is untrusted: it is NFC-normalised, stripped of characters XML cannot hold,
//! its whitespace collapsed, cut (with a marked note naming the cell) past [`MAX_TEXT`]
//! characters, and text typed in TCVN3 is converted (VNI is carried with a note to retype).

use std::collections::{BTreeMap, HashMap};

use docx_rs::{
    AlignmentType, BorderType, BreakType, DocumentChild, Docx, Footer, Header, LineSpacing,
    LineSpacingType, PageMargin, PageNum, Paragraph, ParagraphBorder, ParagraphBorderPosition,
    ParagraphBorders, Run, RunFonts, SpecialIndentType, Table, TableBorders, TableCell,
    TableCellBorders, TableLayoutType, TableRow, WidthType,
};

use crate::check::Status;
use crate::consolidate::SubmitStatus;
use crate::data_sheet::{AgencyData, Data, IndicatorInfo, TaskInfo, TaskRowData};
use crate::ingest::legacy::{Legacy, legacy_encoding, tcvn3_to_unicode};
use crate::plan::fmt_date;

/// The font of Vietnamese administrative documents.
pub const FONT: &str = "Times New Roman";
/// Longest agency text carried whole, in characters; the rest is named by its cell.
pub const MAX_TEXT: usize = 4_000;
/// The draft mark, absent with `--final`.
pub const DRAFT_MARK: &str = "DỰ THẢO";
/// The five headings of the body.
pub const HEADINGS: [&str; 5] = [
    "I. TÌNH HÌNH TRIỂN KHAI VÀ BÁO CÁO",
    "II. KẾT QUẢ THỰC HIỆN NHIỆM VỤ",
    "III. TỒN TẠI, HẠN CHẾ",
    "IV. NHIỆM VỤ KỲ TỚI",
    "V. ĐỀ XUẤT, KIẾN NGHỊ",
];
/// Words that mark a `Ghi chú` cell as a proposal (compared without case or diacritics).
pub const PROPOSAL_MARKS: [&str; 2] = ["Đề xuất:", "Kiến nghị:"];

/// A4 in twentieths of a point.
const A4: (u32, u32) = (11_906, 16_838);
/// Twentieths of a point per millimetre.
const MM: f64 = 56.692_913;
/// The body's size in points (the document default).
const BODY_PT: usize = 14;
/// Width of the header block's left column (about 6.2 cm), in twips.
const HEADER_LEFT: usize = 3_500;
/// Width between the margins (210 − 30 − 15 mm), in twips.
const TEXT_WIDTH: usize = 9_354;

/// The document and what the command reports about it.
pub struct Built {
    pub bytes: Vec<u8>,
    /// Agency result texts carried into part II.
    pub texts: usize,
    /// Highlighted places left for the officer.
    pub placeholders: usize,
}

/// Collects the body, counting placeholders.
struct Doc {
    docx: Docx,
    placeholders: usize,
    texts: usize,
}

/// Millimetres in twips, rounded up so a margin is never under its minimum.
fn mm(v: f64) -> i32 {
    (v * MM).ceil() as i32
}

fn fonts() -> RunFonts {
    RunFonts::new()
        .ascii(FONT)
        .hi_ansi(FONT)
        .east_asia(FONT)
        .cs(FONT)
}

/// A run of `text` at `pt` points.
///
/// The font is the document default (`docDefaults`, all four script slots), and so is 14 pt:
/// runs carry only what differs, which keeps a report of thousands of agencies small.
fn run(text: &str, pt: usize) -> Run {
    let r = Run::new().add_text(text);
    if pt == BODY_PT { r } else { r.size(pt * 2) }
}

fn para(align: AlignmentType) -> Paragraph {
    Paragraph::new()
        .align(align)
        .line_spacing(LineSpacing::new().before(0).after(0))
}

/// A body paragraph: justified, first line indented 1 cm, 6 pt after.
fn body() -> Paragraph {
    Paragraph::new()
        .align(AlignmentType::Both)
        .indent(
            None,
            Some(SpecialIndentType::FirstLine(mm(10.0))),
            None,
            None,
        )
        .line_spacing(LineSpacing::new().before(0).after(120).line(276))
}

/// A short rule on its own line, `inset` twips in from each side of its column.
fn rule(inset: i32) -> Paragraph {
    // An exact 7 pt line: the rule sits just under the line above, as in a typed document.
    let mut p = Paragraph::new()
        .align(AlignmentType::Center)
        .line_spacing(
            LineSpacing::new()
                .before(0)
                .after(0)
                .line_rule(LineSpacingType::Exact)
                .line(140),
        )
        .indent(Some(inset), None, Some(inset), None)
        .add_run(Run::new().size(4));
    p.property = p.property.set_borders(
        ParagraphBorders::with_empty().set(
            ParagraphBorder::new(ParagraphBorderPosition::Bottom)
                .val(BorderType::Single)
                .size(6)
                .space(1),
        ),
    );
    p
}

/// Agency text made safe and tidy: NFC, no characters XML 1.0 forbids, whitespace collapsed,
/// TCVN3 converted; returns the text and a note for the officer when it was changed.
pub fn clean(raw: &str) -> (String, Option<String>) {
    let nfc = crate::util::nfc(raw);
    let (text, mut note) = match legacy_encoding(&nfc) {
        Some(Legacy::Tcvn3) => (
            crate::util::nfc(&tcvn3_to_unicode(&nfc)),
            Some("đã chuyển từ bảng mã TCVN3, cần đối chiếu bản gốc".to_string()),
        ),
        Some(Legacy::Vni) => (
            nfc.clone(),
            Some("gõ bằng bảng mã VNI, cần gõ lại bằng Unicode".to_string()),
        ),
        None => (nfc, None),
    };
    let mut out = String::with_capacity(text.len());
    for word in text
        .split(|c: char| c.is_whitespace() || c.is_control())
        .filter(|w| !w.is_empty())
    {
        if !out.is_empty() {
            out.push(' ');
        }
        out.extend(word.chars().filter(|&c| xml_char(c)));
    }
    let len = out.chars().count();
    if len > MAX_TEXT {
        out = out.chars().take(MAX_TEXT).collect::<String>() + " …";
        let cut = format!("còn {} ký tự, xem nguyên văn ở ô nguồn", len - MAX_TEXT);
        note = Some(note.map_or(cut.clone(), |n| format!("{n}; {cut}")));
    }
    (out, note)
}

/// True for the characters XML 1.0 allows (after control characters are split on).
fn xml_char(c: char) -> bool {
    !matches!(c, '\u{FFFE}' | '\u{FFFF}')
}

impl Doc {
    // Pushed in place: docx-rs's builder (`docx.add_paragraph(p)`) moves the whole document
    // value at each call, which at the level above a province (hundreds of thousands of
    // paragraphs) was most of the time. Nothing here uses numbering, the one thing the builder
    // also records.
    fn add(&mut self, p: Paragraph) {
        self.docx
            .document
            .children
            .push(DocumentChild::Paragraph(Box::new(p)));
    }

    fn table(&mut self, t: Table) {
        self.docx
            .document
            .children
            .push(DocumentChild::Table(Box::new(t)));
    }

    /// A highlighted run where the officer must write.
    fn placeholder(&mut self, text: &str) -> Run {
        self.placeholders += 1;
        run(text, 14).highlight("yellow")
    }

    fn placeholder_para(&mut self, text: &str) {
        let r = self.placeholder(text);
        self.add(body().add_run(r));
    }

    fn heading(&mut self, text: &str) {
        self.add(
            body()
                .keep_next(true)
                .line_spacing(LineSpacing::new().before(120).after(120))
                .add_run(run(text, 14).bold()),
        );
    }

    fn text(&mut self, text: &str) {
        self.add(body().add_run(run(text, 14)));
    }
}

/// Builds the report. `previous` is an earlier period's consolidation to compare indicators
/// with; `draft` adds the `DỰ THẢO` mark.
///
/// # Errors
/// A message when the document cannot be packed (not expected: it is built in memory).
pub fn build(d: &Data, previous: Option<&Data>, draft: bool) -> Result<Built, String> {
    let page_header =
        Header::new().add_paragraph(para(AlignmentType::Center).add_page_num(PageNum::new()));
    let docx = Docx::new()
        .page_size(A4.0, A4.1)
        .page_margin(
            PageMargin::new()
                .top(mm(20.0))
                .bottom(mm(20.0))
                .left(mm(30.0))
                .right(mm(15.0))
                .header(mm(10.0))
                .footer(mm(10.0)),
        )
        .default_fonts(fonts())
        .default_size(BODY_PT * 2)
        .header(page_header)
        .first_header(Header::new())
        .footer(Footer::new())
        .title_pg()
        .created_at(&format!("{}T00:00:00Z", d.as_of))
        .updated_at(&format!("{}T00:00:00Z", d.as_of));
    let mut doc = Doc {
        docx,
        placeholders: 0,
        texts: 0,
    };
    if draft {
        doc.add(draft_mark());
    }
    doc.table(header_block(d));
    title(&mut doc, d);
    overview(&mut doc, d);
    let ix = Index::new(d);
    results(&mut doc, d, &ix, previous);
    shortcomings(&mut doc, d, &ix);
    next_period(&mut doc, d, &ix);
    proposals(&mut doc, d, &ix);
    closing(&mut doc, d);
    appendix(&mut doc, d, &ix, previous);
    let mut bytes = std::io::Cursor::new(Vec::new());
    doc.docx
        .build()
        .pack(&mut bytes)
        .map_err(|e| e.to_string())?;
    Ok(Built {
        bytes: deflate(&bytes.into_inner()).map_err(|e| e.to_string())?,
        texts: doc.texts,
        placeholders: doc.placeholders,
    })
}

fn draft_mark() -> Paragraph {
    let mut p = para(AlignmentType::Center).add_run(run(DRAFT_MARK, 13).bold());
    let mut borders = ParagraphBorders::with_empty();
    for side in [
        ParagraphBorderPosition::Top,
        ParagraphBorderPosition::Bottom,
        ParagraphBorderPosition::Left,
        ParagraphBorderPosition::Right,
    ] {
        borders = borders.set(ParagraphBorder::new(side).val(BorderType::Single).size(8));
    }
    p.property = p.property.set_borders(borders);
    p.indent(Some(mm(125.0)), None, None, None)
        .line_spacing(LineSpacing::new().before(0).after(120))
}

fn borderless() -> TableCellBorders {
    TableCellBorders::with_empty()
}

/// The header block: issuing body (left), national motto and place-date (right), no borders.
fn header_block(d: &Data) -> Table {
    let h = &d.header;
    let left = TableCell::new()
        .width(HEADER_LEFT, WidthType::Dxa)
        .set_borders(borderless())
        .add_paragraph(para(AlignmentType::Center).add_run(run(&h.parent_body.to_uppercase(), 13)))
        .add_paragraph(
            para(AlignmentType::Center).add_run(run(&h.issuer.to_uppercase(), 13).bold()),
        )
        .add_paragraph(rule(mm(20.0)))
        .add_paragraph(para(AlignmentType::Center).add_run(run(" ", 13)))
        .add_paragraph(
            para(AlignmentType::Center)
                .add_run(run(&format!("Số:      /BC-{}", h.issuer_code), 13)),
        );
    let right = TableCell::new()
        .width(TEXT_WIDTH - HEADER_LEFT, WidthType::Dxa)
        .set_borders(borderless())
        .add_paragraph(
            para(AlignmentType::Center)
                .add_run(run("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 12).bold()),
        )
        .add_paragraph(
            para(AlignmentType::Center).add_run(run("Độc lập - Tự do - Hạnh phúc", 13).bold()),
        )
        .add_paragraph(rule(mm(27.0)))
        .add_paragraph(para(AlignmentType::Center).add_run(run(" ", 13)))
        .add_paragraph(
            para(AlignmentType::Center).add_run(
                run(
                    &crate::report::style::place_date(&h.place, Some(d.as_of)),
                    14,
                )
                .italic(),
            ),
        );
    Table::new(vec![TableRow::new(vec![left, right])])
        .set_borders(TableBorders::with_empty())
        .layout(TableLayoutType::Fixed)
        .set_grid(vec![HEADER_LEFT, TEXT_WIDTH - HEADER_LEFT])
        .width(TEXT_WIDTH, WidthType::Dxa)
}

fn title(doc: &mut Doc, d: &Data) {
    doc.add(
        para(AlignmentType::Center)
            .line_spacing(LineSpacing::new().before(360).after(0))
            .add_run(run("BÁO CÁO", 14).bold()),
    );
    doc.add(
        para(AlignmentType::Center).add_run(
            run(
                &format!(
                    "Kết quả thực hiện {} kỳ {}",
                    d.plan.short_title, d.period.name
                ),
                14,
            )
            .bold(),
        ),
    );
    doc.add(rule(mm(65.0)));
    doc.add(
        para(AlignmentType::Center)
            .line_spacing(LineSpacing::new().before(240).after(240))
            .add_run(run(&format!("Kính gửi: {}.", d.header.recipient), 14)),
    );
}

/// A count and its share of `of`, `12 (80,0%)`.
fn share(n: usize, of: usize) -> String {
    if of == 0 {
        return n.to_string();
    }
    let pct = format!("{:.1}", n as f64 * 100.0 / of as f64).replace('.', ",");
    format!("{n} ({pct}%)")
}

fn decimal(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        let digits = format!("{}", v.abs() as u64);
        let mut out = String::new();
        for (i, c) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i).is_multiple_of(3) {
                out.push('.');
            }
            out.push(c);
        }
        if v < 0.0 { format!("-{out}") } else { out }
    } else {
        format!("{v:.1}").replace('.', ",")
    }
}

fn overview(doc: &mut Doc, d: &Data) {
    let t = &d.totals;
    doc.heading(HEADINGS[0]);
    doc.text(&format!(
        "Thực hiện {}, {} tổng hợp kết quả thực hiện kỳ {} (thời gian chốt số liệu từ ngày {} đến \
         ngày {}; hạn gửi báo cáo ngày {}; số liệu tính đến ngày {}) như sau:",
        d.plan.title,
        d.header.issuer,
        d.period.name,
        fmt_date(d.period.start),
        fmt_date(d.period.end),
        fmt_date(d.period.due),
        fmt_date(d.as_of),
    ));
    doc.text(&format!(
        "- Số cơ quan, đơn vị phải báo cáo: {}; số báo cáo đã nhận: {} (tỷ lệ báo cáo {}%), trong \
         đó đúng hạn {} (tỷ lệ đúng hạn {}%), trễ hạn {}; số cơ quan chưa nộp: {}; số báo cáo \
         không hợp lệ (có lỗi): {}.",
        t.expected,
        t.received,
        decimal((t.reporting_rate * 10.0).round() / 10.0),
        t.on_time,
        decimal((t.on_time_rate * 10.0).round() / 10.0),
        t.late,
        t.missing,
        t.invalid,
    ));
    doc.text(&format!(
        "- Nhiệm vụ đã hoàn thành: {}; đang thực hiện: {}; chưa thực hiện: {}; quá hạn: {}; chưa \
         có báo cáo: {}.",
        t.tasks_done,
        t.tasks_in_progress,
        t.tasks_not_started,
        t.tasks_overdue,
        t.tasks_not_reported,
    ));
    doc.placeholder_para(
        "[Cán bộ tổng hợp bổ sung đánh giá chung về công tác chỉ đạo, triển khai trong kỳ]",
    );
}

/// A task's reported rows (with their agency, in agency order) and the expected agencies it
/// is assigned to, looked up once: at the level above a province there are thousands of tasks
/// and of agencies, and every part of the report walks them.
struct Index<'a> {
    rows: HashMap<&'a str, Vec<(&'a AgencyData, &'a TaskRowData)>>,
    assigned: HashMap<&'a str, Vec<&'a AgencyData>>,
}

impl<'a> Index<'a> {
    fn new(d: &'a Data) -> Index<'a> {
        let mut rows: HashMap<&str, Vec<_>> = HashMap::new();
        for a in &d.agencies {
            for r in &a.task_rows {
                rows.entry(r.task.as_str()).or_default().push((a, r));
            }
        }
        let by_code: HashMap<&str, (usize, &AgencyData)> = d
            .agencies
            .iter()
            .enumerate()
            .map(|(i, a)| (a.code.as_str(), (i, a)))
            .collect();
        let mut assigned: HashMap<&str, Vec<&AgencyData>> = HashMap::new();
        for t in &d.tasks {
            let mut list: Vec<(usize, &AgencyData)> = t
                .agencies
                .iter()
                .filter_map(|c| by_code.get(c.as_str()).copied())
                .collect();
            // Agency order, as everywhere else in the report.
            list.sort_by_key(|(i, _)| *i);
            assigned.insert(t.id.as_str(), list.into_iter().map(|(_, a)| a).collect());
        }
        Index { rows, assigned }
    }
}

/// Every reported row of a task, with its agency, in agency order.
fn rows_of<'i, 'a>(
    ix: &'i Index<'a>,
    task: &str,
) -> std::iter::Copied<std::slice::Iter<'i, (&'a AgencyData, &'a TaskRowData)>> {
    ix.rows
        .get(task)
        .map_or(&[][..], Vec::as_slice)
        .iter()
        .copied()
}

/// The expected agencies a task is assigned to, in agency order.
fn assigned<'i, 'a>(
    ix: &'i Index<'a>,
    task: &str,
) -> std::iter::Copied<std::slice::Iter<'i, &'a AgencyData>> {
    ix.assigned
        .get(task)
        .map_or(&[][..], Vec::as_slice)
        .iter()
        .copied()
}

/// One agency's text under a task: `+ Name: prefix text`, with a marked note naming the
/// cell when the text was changed (converted, cut).
fn agency_text(doc: &mut Doc, a: &AgencyData, prefix: &str, raw: &str, source: &str) {
    let (text, note) = clean(raw);
    let mut p = body()
        .add_run(run(&format!("+ {}: ", a.name), 14).italic())
        .add_run(run(&format!("{prefix}{text}"), 14));
    if let Some(note) = note {
        let r = doc.placeholder(&format!(" [{note}: {source}]"));
        p = p.add_run(r);
    }
    doc.add(p);
}

fn results(doc: &mut Doc, d: &Data, ix: &Index, previous: Option<&Data>) {
    doc.heading(HEADINGS[1]);
    let mut items: BTreeMap<u32, Vec<&TaskInfo>> = BTreeMap::new();
    for t in &d.tasks {
        items.entry(t.item).or_default().push(t);
    }
    for (n, (item, tasks)) in items.iter().enumerate() {
        doc.heading(&format!(
            "{}. Nhiệm vụ tại Mục III.{item} của Kế hoạch",
            n + 1
        ));
        for t in tasks {
            task_results(doc, ix, t);
        }
    }
    doc.heading(&format!("{}. Kết quả các chỉ tiêu", items.len() + 1));
    let shown: Vec<&IndicatorInfo> = d
        .indicators
        .iter()
        .filter(|i| !i.agencies.is_empty())
        .collect();
    if shown.is_empty() {
        doc.text("Kế hoạch không giao chỉ tiêu cho các cơ quan báo cáo kỳ này.");
    }
    for i in shown {
        let now = i.total.map_or("chưa có số liệu".to_string(), decimal);
        let before = previous.and_then(|p| p.indicators.iter().find(|x| x.id == i.id));
        let mut line = format!(
            "- {} ({}): {} ({} cơ quan có số liệu)",
            i.name, i.unit, now, i.reported
        );
        if let Some(p) = previous {
            match before.and_then(|b| b.total) {
                Some(b) => line.push_str(&format!("; kỳ {}: {}", p.period.name, decimal(b))),
                None => line.push_str(&format!("; kỳ {}: chưa có số liệu", p.period.name)),
            }
        }
        line.push('.');
        doc.text(&line);
    }
}

fn task_results(doc: &mut Doc, ix: &Index, t: &TaskInfo) {
    doc.add(
        body().keep_next(true).add_run(
            run(
                &format!("- Nhiệm vụ {}: {}", t.id, crate::util::nfc(&t.text)),
                14,
            )
            .bold(),
        ),
    );
    let (mut done, mut doing, mut todo) = (0, 0, 0);
    for (_, r) in rows_of(ix, &t.id) {
        match r.status() {
            Some(Status::Done) => done += 1,
            Some(Status::InProgress) => doing += 1,
            Some(Status::NotStarted) => todo += 1,
            None => {}
        }
    }
    let expected = assigned(ix, &t.id).count();
    doc.text(&format!(
        "Thời hạn: {}. Số cơ quan được giao: {expected}; đã hoàn thành {done}, đang thực hiện \
         {doing}, chưa thực hiện {todo}, chưa có báo cáo {}.",
        t.deadline,
        expected.saturating_sub(done + doing + todo),
    ));
    for (a, r) in rows_of(ix, &t.id) {
        if r.result.trim().is_empty() {
            continue;
        }
        doc.texts += 1;
        agency_text(doc, a, "", &r.result, &a.task_source(r));
    }
}

fn shortcomings(doc: &mut Doc, d: &Data, ix: &Index) {
    doc.heading(HEADINGS[2]);
    let late: Vec<String> = d
        .agencies
        .iter()
        .filter(|a| a.received.is_some() && !a.on_time)
        .map(|a| match a.days_late {
            Some(n) => format!("{} (trễ {n} ngày)", a.name),
            None => a.name.clone(),
        })
        .collect();
    let missing: Vec<&str> = d
        .agencies
        .iter()
        .filter(|a| a.status == SubmitStatus::Missing)
        .map(|a| a.name.as_str())
        .collect();
    let invalid: Vec<&str> = d
        .agencies
        .iter()
        .filter(|a| a.status == SubmitStatus::Invalid)
        .map(|a| a.name.as_str())
        .collect();
    doc.text("1. Về việc gửi báo cáo");
    for (label, list) in [
        ("Cơ quan gửi báo cáo trễ hạn", late.join("; ")),
        ("Cơ quan chưa gửi báo cáo", missing.join("; ")),
        ("Báo cáo không hợp lệ, cần gửi lại", invalid.join("; ")),
    ] {
        let list = if list.is_empty() {
            "không có".into()
        } else {
            list
        };
        doc.text(&format!("- {label}: {list}."));
    }
    doc.text("2. Nhiệm vụ quá hạn, chưa thực hiện");
    let mut any = false;
    for t in &d.tasks {
        let overdue: Vec<&str> = rows_of(ix, &t.id)
            .filter(|(_, r)| r.overdue)
            .map(|(a, _)| a.name.as_str())
            .collect();
        let undone: Vec<&str> = rows_of(ix, &t.id)
            .filter(|(_, r)| !r.overdue && r.status() == Some(Status::NotStarted))
            .map(|(a, _)| a.name.as_str())
            .collect();
        if !overdue.is_empty() {
            any = true;
            doc.text(&format!(
                "- Nhiệm vụ {} (thời hạn {}) quá hạn chưa hoàn thành: {}.",
                t.id,
                t.deadline,
                overdue.join("; ")
            ));
        }
        if !undone.is_empty() {
            any = true;
            doc.text(&format!(
                "- Nhiệm vụ {} chưa thực hiện: {}.",
                t.id,
                undone.join("; ")
            ));
        }
    }
    if !any {
        doc.text("- Không có nhiệm vụ quá hạn hoặc chưa thực hiện theo báo cáo của các cơ quan.");
    }
    doc.text("3. Khó khăn, vướng mắc các cơ quan nêu");
    let mut said = false;
    for t in &d.tasks {
        for (a, r) in rows_of(ix, &t.id) {
            if r.difficulty.trim().is_empty() {
                continue;
            }
            said = true;
            let prefix = format!("(nhiệm vụ {}) ", t.id);
            agency_text(doc, a, &prefix, &r.difficulty, &a.task_source(r));
        }
    }
    if !said {
        doc.text("- Các cơ quan không nêu khó khăn, vướng mắc.");
    }
    doc.placeholder_para("[Cán bộ tổng hợp bổ sung nguyên nhân của tồn tại, hạn chế]");
}

fn next_period(doc: &mut Doc, d: &Data, ix: &Index) {
    doc.heading(HEADINGS[3]);
    let mut any = false;
    for t in &d.tasks {
        let open: Vec<&str> = assigned(ix, &t.id)
            .filter(|a| {
                !a.task_rows
                    .iter()
                    .any(|r| r.task == t.id && r.status() == Some(Status::Done))
            })
            .map(|a| a.name.as_str())
            .collect();
        let falls_due = t.due.is_some_and(|due| due > d.period.end);
        if open.is_empty() && !falls_due {
            continue;
        }
        any = true;
        let who = if open.is_empty() {
            String::new()
        } else {
            format!(" — chưa hoàn thành: {}", open.join("; "))
        };
        doc.text(&format!(
            "- Nhiệm vụ {}: {} (thời hạn: {}){who}.",
            t.id,
            crate::util::nfc(&t.text),
            t.deadline
        ));
    }
    if !any {
        doc.text("- Các nhiệm vụ của kỳ đã hoàn thành theo báo cáo của các cơ quan.");
    }
    doc.placeholder_para("[Cán bộ tổng hợp bổ sung giải pháp, nhiệm vụ trọng tâm kỳ tới]");
}

/// The text after a proposal mark at the start of a `Ghi chú` cell, if any.
pub fn proposal(note: &str) -> Option<&str> {
    let trimmed = note.trim_start();
    PROPOSAL_MARKS.iter().find_map(|m| {
        let n = m.chars().count();
        let head: String = trimmed.chars().take(n).collect();
        (crate::util::fold(&head) == crate::util::fold(m))
            .then(|| trimmed[head.len()..].trim_start())
    })
}

fn proposals(doc: &mut Doc, d: &Data, ix: &Index) {
    doc.heading(HEADINGS[4]);
    for t in &d.tasks {
        for (a, r) in rows_of(ix, &t.id) {
            if let Some(text) = proposal(&r.note).filter(|s| !s.is_empty()) {
                let prefix = format!("(nhiệm vụ {}) ", t.id);
                agency_text(doc, a, &prefix, text, &a.task_source(r));
            }
        }
    }
    doc.placeholder_para(&format!(
        "[Cán bộ tổng hợp bổ sung đề xuất, kiến nghị của {} với {}]",
        d.header.issuer, d.header.recipient
    ));
}

fn closing(doc: &mut Doc, d: &Data) {
    doc.text(&format!(
        "Trên đây là báo cáo kết quả thực hiện {} kỳ {} của {}./.",
        d.plan.short_title, d.period.name, d.header.issuer
    ));
    let mut left = TableCell::new()
        .width(4_700, WidthType::Dxa)
        .set_borders(borderless())
        .add_paragraph(para(AlignmentType::Left).add_run(run("Nơi nhận:", 12).bold().italic()));
    for line in &d.header.recipients {
        left = left.add_paragraph(para(AlignmentType::Left).add_run(run(line, 11)));
    }
    let signer = doc.placeholder("[Họ và tên người ký]");
    let mut right = TableCell::new()
        .width(TEXT_WIDTH - 4_700, WidthType::Dxa)
        .set_borders(borderless())
        .add_paragraph(
            para(AlignmentType::Center)
                .add_run(run(&d.header.signer_title.to_uppercase(), 14).bold()),
        );
    for _ in 0..4 {
        right = right.add_paragraph(para(AlignmentType::Center).add_run(run(" ", 14)));
    }
    right = right.add_paragraph(para(AlignmentType::Center).add_run(signer.bold()));
    doc.table(
        Table::new(vec![TableRow::new(vec![left, right])])
            .set_borders(TableBorders::with_empty())
            .layout(TableLayoutType::Fixed)
            .set_grid(vec![4_700, TEXT_WIDTH - 4_700])
            .width(TEXT_WIDTH, WidthType::Dxa),
    );
}

/// A bordered table of 11 pt cells; the first row is the bold header.
fn grid(widths: &[usize], rows: Vec<Vec<String>>) -> Table {
    let total: usize = widths.iter().sum();
    let rows = rows
        .into_iter()
        .enumerate()
        .map(|(i, cells)| {
            let cells = cells
                .iter()
                .zip(widths)
                .map(|(text, w)| {
                    let r = run(text, 11);
                    let r = if i == 0 { r.bold() } else { r };
                    TableCell::new()
                        .width(*w, WidthType::Dxa)
                        .add_paragraph(para(AlignmentType::Left).add_run(r))
                })
                .collect();
            TableRow::new(cells)
        })
        .collect();
    Table::new(rows)
        .layout(TableLayoutType::Fixed)
        .set_grid(widths.to_vec())
        .width(total, WidthType::Dxa)
}

fn status_label(s: SubmitStatus, a: &AgencyData) -> String {
    match s {
        SubmitStatus::Missing => "Chưa nộp".into(),
        SubmitStatus::Invalid => format!(
            "Không hợp lệ ({})",
            if a.on_time {
                "đúng hạn"
            } else {
                "trễ hạn"
            }
        ),
        SubmitStatus::OnTime => "Đúng hạn".into(),
        SubmitStatus::Late => "Trễ hạn".into(),
    }
}

fn appendix(doc: &mut Doc, d: &Data, ix: &Index, previous: Option<&Data>) {
    doc.add(
        para(AlignmentType::Center)
            .add_run(Run::new().add_break(BreakType::Page))
            .add_run(run("PHỤ LỤC", 14).bold()),
    );
    doc.add(
        para(AlignmentType::Center).add_run(
            run(
                &format!(
                    "(Kèm theo Báo cáo số      /BC-{} của {})",
                    d.header.issuer_code, d.header.issuer
                ),
                13,
            )
            .italic(),
        ),
    );
    doc.heading("1. Tình hình gửi báo cáo theo cơ quan");
    let mut rows = vec![vec![
        "STT".into(),
        "Cơ quan".into(),
        "Tình trạng".into(),
        "Ngày nhận".into(),
        "Hoàn thành / số nhiệm vụ".into(),
        "Tệp".into(),
    ]];
    for (i, a) in d.agencies.iter().enumerate() {
        rows.push(vec![
            (i + 1).to_string(),
            format!("{} ({})", a.name, a.code),
            status_label(a.status, a),
            a.received.map(fmt_date).unwrap_or_default(),
            if a.file.is_some() {
                format!("{}/{}", a.done, a.tasks)
            } else {
                String::new()
            },
            clean(a.file.as_deref().unwrap_or("")).0,
        ]);
    }
    doc.table(grid(&[700, 2_900, 1_500, 1_300, 1_100, 1_854], rows));
    doc.heading("2. Tình hình thực hiện nhiệm vụ");
    let mut rows = vec![vec![
        "Mã".into(),
        "Thời hạn".into(),
        "Hoàn thành".into(),
        "Đang thực hiện".into(),
        "Chưa thực hiện".into(),
        "Quá hạn".into(),
        "Chưa báo cáo".into(),
    ]];
    for t in &d.tasks {
        let expected = assigned(ix, &t.id).count();
        if expected == 0 {
            continue;
        }
        let count = |s: Status| {
            rows_of(ix, &t.id)
                .filter(|(_, r)| r.status() == Some(s))
                .count()
        };
        let (done, doing, todo) = (
            count(Status::Done),
            count(Status::InProgress),
            count(Status::NotStarted),
        );
        let overdue = rows_of(ix, &t.id).filter(|(_, r)| r.overdue).count();
        rows.push(vec![
            t.id.clone(),
            t.deadline.clone(),
            done.to_string(),
            doing.to_string(),
            todo.to_string(),
            overdue.to_string(),
            expected.saturating_sub(done + doing + todo).to_string(),
        ]);
    }
    doc.table(grid(
        &[1_300, 1_700, 1_300, 1_300, 1_300, 1_100, 1_354],
        rows,
    ));
    indicator_tables(doc, d, previous);
}

fn indicator_tables(doc: &mut Doc, d: &Data, previous: Option<&Data>) {
    doc.heading("3. Chỉ tiêu");
    let before = |id: &str| -> String {
        previous
            .and_then(|p| p.indicators.iter().find(|x| x.id == id))
            .and_then(|x| x.total)
            .map(decimal)
            .unwrap_or_default()
    };
    let mut head = vec![
        "Mã".to_string(),
        "Chỉ tiêu".into(),
        "Đơn vị".into(),
        format!("Kỳ {}", d.period.name),
        "Số cơ quan có số liệu".into(),
    ];
    if let Some(p) = previous {
        head.push(format!("Kỳ {}", p.period.name));
    }
    let mut rows = vec![head];
    for i in d.indicators.iter().filter(|i| !i.agencies.is_empty()) {
        let mut row = vec![
            i.id.clone(),
            i.name.clone(),
            i.unit.clone(),
            i.total.map(decimal).unwrap_or_default(),
            share(i.reported, i.agencies.len()),
        ];
        if previous.is_some() {
            row.push(before(&i.id));
        }
        rows.push(row);
    }
    let widths: &[usize] = if previous.is_some() {
        &[900, 3_354, 1_100, 1_400, 1_300, 1_300]
    } else {
        &[900, 4_054, 1_300, 1_600, 1_500]
    };
    doc.table(grid(widths, rows));
    // One row per agency (not per value): at the level above a province that is thousands
    // of rows instead of tens of thousands, with every value still next to its cell.
    doc.heading("4. Nguồn số liệu chỉ tiêu (tệp › sheet, chỉ tiêu: số liệu (ô))");
    let mut rows = vec![vec![
        "Cơ quan".into(),
        "Tệp › sheet".into(),
        "Số liệu (ô)".into(),
    ]];
    for a in d.agencies.iter().filter(|a| !a.values.is_empty()) {
        let values: Vec<String> = a
            .values
            .iter()
            .map(|v| {
                let shown = v.value.map(decimal).unwrap_or_else(|| {
                    if v.blank {
                        "(trống)".into()
                    } else {
                        "(không hợp lệ)".into()
                    }
                });
                format!("{}: {shown} ({})", v.indicator, v.cell)
            })
            .collect();
        rows.push(vec![
            a.code.clone(),
            clean(&format!(
                "{} › {}",
                a.file.as_deref().unwrap_or(""),
                a.indicator_sheet.as_deref().unwrap_or("")
            ))
            .0,
            values.join("; "),
        ]);
    }
    doc.table(grid(&[1_600, 2_900, 4_854], rows));
}

/// docx-rs's archive repacked with Deflate (it writes every part stored): the same parts in
/// the same order, without the directory entries, with the fixed 1980-01-01 time so the same
/// input gives the same bytes.
fn deflate(stored: &[u8]) -> zip::result::ZipResult<Vec<u8>> {
    use std::io::{Read, Write};
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(stored))?;
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::with_capacity(stored.len() / 8)));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .compression_level(Some(6))
        .last_modified_time(zip::DateTime::default());
    let mut buf = Vec::new();
    for i in 0..archive.len() {
        let mut part = archive.by_index(i)?;
        if part.is_dir() {
            continue;
        }
        buf.clear();
        part.read_to_end(&mut buf)?;
        let name = part.name()?.to_string();
        out.start_file(name, options)?;
        out.write_all(&buf)?;
    }
    Ok(out.finish()?.into_inner())
}
