//! The summary workbook over several periods (`baocao summary`): sơ kết, tổng kết.
//!
//! [`build`] turns a [`Summary`] into the bytes of an `.xlsx`: the cover `Tổng kết` (Decree 30
//! header, the figures of every period, the signature), then one sheet per question — who
//! reported when ([`SHEET_MATRIX`], a coloured matrix), each task's status per period
//! ([`SHEET_TASKS`]), each indicator per period with cumulative totals and line charts
//! ([`SHEET_INDICATORS`]), the agencies rarely on time ([`SHEET_RARELY`]), the tasks undone
//! in two periods or more ([`SHEET_UNDONE`]) and where every figure came from
//! ([`SHEET_SOURCES`]). Every sheet is print-ready: A4 landscape fitted to width, Decree 30
//! margins, its header row repeated on each page, page numbers. The same summary gives the
//! same bytes (the creation time is the latest period's `as_of`).

mod sheets;

use chrono::Datelike;
use rust_xlsxwriter::{
    Color, DocProperties, ExcelDateTime, Format, FormatAlign, FormatBorder, Workbook, Worksheet,
    XlsxError,
};

use super::style::{self, Decree30Header, HeaderColumns, Styles};
use crate::check::Status;
use crate::plan::fmt_date;
use crate::summary::{State, Summary};

pub const SHEET_COVER: &str = "Tổng kết";
pub const SHEET_MATRIX: &str = "Nộp báo cáo";
pub const SHEET_TASKS: &str = "Nhiệm vụ theo kỳ";
pub const SHEET_INDICATORS: &str = "Chỉ tiêu theo kỳ";
pub const SHEET_RARELY: &str = "Ít khi đúng hạn";
pub const SHEET_UNDONE: &str = "Nhiệm vụ chưa xong";
pub const SHEET_SOURCES: &str = "Nguồn";
/// The sheets, in workbook order.
pub const SHEETS: [&str; 7] = [
    SHEET_COVER,
    SHEET_MATRIX,
    SHEET_TASKS,
    SHEET_INDICATORS,
    SHEET_RARELY,
    SHEET_UNDONE,
    SHEET_SOURCES,
];

/// The matrix's labels of a period's state (the contract values of `Nộp báo cáo`).
pub fn state_label(s: State) -> &'static str {
    match s {
        State::OnTime => "Đúng hạn",
        State::Late => "Trễ hạn",
        State::Invalid => "Không hợp lệ",
        State::Missing => "Chưa nộp",
        State::NotExpected => "Không phải báo cáo",
    }
}

/// `Không báo cáo`: an assigned task with no status in the period.
pub const NOT_REPORTED: &str = "Không báo cáo";
/// A task or indicator not in a period's plan.
pub const NOT_IN_PLAN: &str = "—";

const TABLE_PT: f64 = 11.0;

/// The formats of the summary's tables.
struct F {
    s: Styles,
    th: Format,
    td: Format,
    td_c: Format,
    td_int: Format,
    td_num: Format,
    td_pct: Format,
    good: Format,
    warn: Format,
    bad: Format,
    missing: Format,
    grey: Format,
    note: Format,
    label: Format,
    sign: Format,
    recipients_title: Format,
    recipients: Format,
}

fn formats() -> F {
    let base = Format::new()
        .set_font_name(style::FONT)
        .set_font_size(TABLE_PT);
    let border = |f: Format| {
        f.set_border(FormatBorder::Thin)
            .set_align(FormatAlign::Top)
            .set_text_wrap()
    };
    let fill = |rgb: u32| {
        border(
            base.clone()
                .set_align(FormatAlign::Center)
                .set_background_color(Color::RGB(rgb)),
        )
    };
    F {
        s: Styles::new(),
        th: style::table_header(&base),
        td: border(base.clone()),
        td_c: border(base.clone().set_align(FormatAlign::Center)),
        td_int: border(base.clone().set_num_format("#,##0")),
        td_num: border(base.clone().set_num_format("#,##0.##")),
        td_pct: border(base.clone().set_num_format("0.0")),
        good: fill(0xC6EFCE),
        warn: fill(0xFFEB9C),
        bad: fill(0xFFC7CE),
        missing: fill(0xF4B084),
        grey: fill(0xD9D9D9),
        note: base
            .clone()
            .set_italic()
            .set_text_wrap()
            .set_align(FormatAlign::Top),
        label: base.clone().set_font_size(12),
        sign: base
            .clone()
            .set_font_size(13)
            .set_bold()
            .set_align(FormatAlign::Center),
        recipients_title: base.clone().set_font_size(12).set_bold().set_italic(),
        recipients: base.set_font_size(11),
    }
}

impl F {
    fn state(&self, s: State) -> &Format {
        match s {
            State::OnTime => &self.good,
            State::Late => &self.warn,
            State::Invalid => &self.missing,
            State::Missing => &self.bad,
            State::NotExpected => &self.grey,
        }
    }

    fn status(&self, s: Option<Status>) -> &Format {
        match s {
            Some(Status::Done) => &self.good,
            Some(Status::InProgress) => &self.warn,
            Some(Status::NotStarted) => &self.bad,
            None => &self.grey,
        }
    }
}

/// The summary workbook's bytes.
///
/// # Errors
/// Any [`XlsxError`] from rust_xlsxwriter (not expected for data within Excel's limits).
pub fn build(s: &Summary) -> Result<Vec<u8>, XlsxError> {
    let f = formats();
    let mut wb = Workbook::new();
    f.s.apply_default(&mut wb)?;
    let d = s.as_of;
    let y = u16::try_from(d.year()).map_err(|_| XlsxError::DateTimeRangeError(d.to_string()))?;
    let created = ExcelDateTime::from_ymd(y, d.month() as u8, d.day() as u8)?;
    let props = DocProperties::new()
        .set_title(format!("Tổng kết các kỳ {}", span(s)))
        .set_subject(s.short_title.clone())
        .set_author(s.header.issuer.clone())
        .set_company(s.header.parent_body.clone())
        .set_keywords(format!("baocao, {}, tổng kết", s.plan_id))
        .set_creation_datetime(&created);
    wb.set_properties(&props);
    cover(wb.add_worksheet(), s, &f)?;
    sheets::matrix(wb.add_worksheet(), s, &f)?;
    sheets::tasks(wb.add_worksheet(), s, &f)?;
    sheets::indicators(wb.add_worksheet(), s, &f)?;
    sheets::rarely(wb.add_worksheet(), s, &f)?;
    sheets::undone(wb.add_worksheet(), s, &f)?;
    sources(wb.add_worksheet(), s, &f)?;
    wb.set_zip_compression_level(2);
    wb.save_to_buffer()
}

/// `2025` or `2025 – 2026`: the periods' names, first to last.
pub fn span(s: &Summary) -> String {
    match (s.periods.first(), s.periods.last()) {
        (Some(a), Some(b)) if a.id != b.id => format!("{} – {}", a.name, b.name),
        (Some(a), _) => a.name.clone(),
        _ => String::new(),
    }
}

fn row(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

fn col(n: usize) -> u16 {
    u16::try_from(n).unwrap_or(u16::MAX)
}

/// A sheet's title row, its header row (repeated on every printed page, frozen on screen)
/// and its print setup. Returns the header's row.
fn table_head(
    ws: &mut Worksheet,
    f: &F,
    title: &str,
    note: &str,
    labels: &[String],
    widths: &[f64],
) -> Result<u32, XlsxError> {
    for (i, w) in widths.iter().enumerate() {
        ws.set_column_width(col(i), *w)?;
    }
    let last = col(labels.len().max(1) - 1);
    style::write_span(ws, 0, (0, last), title, &f.s.title)?;
    ws.set_row_height(0, 24)?;
    let total: f64 = widths.iter().sum();
    let lines = style::estimate_lines(note, total, TABLE_PT, style::TextKind::Regular);
    style::write_span(ws, 1, (0, last), note, &f.note)?;
    ws.set_row_height(1, style::row_height_pt(lines, TABLE_PT))?;
    let head = 2;
    for (i, l) in labels.iter().enumerate() {
        ws.write_string_with_format(head, col(i), l, &f.th)?;
    }
    let longest = labels
        .iter()
        .zip(widths)
        .map(|(l, w)| style::estimate_lines(l, *w, TABLE_PT, style::TextKind::Bold))
        .max()
        .unwrap_or(1);
    ws.set_row_height(head, style::row_height_pt(longest, TABLE_PT))?;
    ws.set_freeze_panes(head + 1, 0)?;
    ws.set_repeat_rows(head, head)?;
    style::page_setup_a4_landscape(ws);
    Ok(head)
}

/// Widths of the cover's columns.
const COVER_WIDTHS: [f64; 8] = [44.0, 14.0, 14.0, 14.0, 14.0, 14.0, 14.0, 14.0];

/// `Tổng kết`: the Decree 30 header, one column of figures per period, the signature.
fn cover(ws: &mut Worksheet, s: &Summary, f: &F) -> Result<(), XlsxError> {
    ws.set_name(SHEET_COVER)?;
    let n = s.periods.len();
    let widths: Vec<f64> = std::iter::once(COVER_WIDTHS[0])
        .chain(std::iter::repeat_n(13.0, n.max(6)))
        .collect();
    for (i, w) in widths.iter().enumerate() {
        ws.set_column_width(col(i), *w)?;
    }
    let last = col(widths.len() - 1);
    let subject = format!(
        "Tổng kết kết quả thực hiện {} các kỳ {}",
        s.short_title,
        span(s)
    );
    let place_date = style::place_date(&s.header.place, Some(s.as_of));
    let number = format!("Số:       /BC-{}", s.header.issuer_code);
    let header = Decree30Header {
        parent_body: &s.header.parent_body,
        issuer: &s.header.issuer,
        number: Some(&number),
        place_date: Some(&place_date),
        doc_type: "BÁO CÁO",
        subject: &subject,
    };
    let right = (2, last);
    let cols = HeaderColumns {
        left: (0, 0),
        right,
        full: (0, last),
        full_width: widths.iter().sum(),
        left_width: widths[0],
    };
    let mut r = style::write_decree30_header(ws, &f.s, &header, &cols, 0)?.next_row;
    let note = format!(
        "Số liệu lấy từ {} bản tổng hợp kỳ (sheet dữ liệu ẩn “_baocao_data” của từng tệp; xem sheet “{SHEET_SOURCES}”); số liệu tính đến ngày {}.",
        n,
        fmt_date(s.as_of)
    );
    style::write_span(ws, r, (0, last), &note, &f.s.note)?;
    ws.set_row_height(r, 32)?;
    r += 2;
    ws.write_string_with_format(r, 0, "I. SỐ LIỆU CHUNG THEO KỲ", &f.s.heading)?;
    r += 1;
    r = cover_figures(ws, s, f, r)?;
    let end = signature(ws, s, f, r + 1, right)?;
    ws.set_print_area(0, 0, end, last)?;
    style::page_setup_a4_landscape(ws);
    // The report itself is one page; the tables follow on their own sheets.
    ws.set_print_fit_to_pages(1, 1);
    Ok(())
}

/// The figures table of the cover: one row per figure, one column per period.
fn cover_figures(ws: &mut Worksheet, s: &Summary, f: &F, r: u32) -> Result<u32, XlsxError> {
    ws.write_string_with_format(r, 0, "Chỉ số", &f.th)?;
    for (k, p) in s.periods.iter().enumerate() {
        ws.write_string_with_format(r, col(k + 1), format!("Kỳ {}", p.name), &f.th)?;
    }
    ws.set_row_height(r, 32)?;
    let counts: Vec<[usize; 3]> = (0..s.periods.len())
        .map(|k| {
            let mut c = [0usize; 3];
            for t in s.tasks.iter().filter_map(|t| t.cells[k]) {
                c[0] += t.done;
                c[1] += t.in_progress;
                c[2] += t.not_started;
            }
            c
        })
        .collect();
    let p = &s.periods;
    let int = &f.td_int;
    let rows: [(&str, Vec<f64>, &Format); 7] = [
        (
            "Số cơ quan phải báo cáo",
            p.iter().map(|x| x.expected as f64).collect(),
            int,
        ),
        (
            "Số báo cáo đã nhận",
            p.iter().map(|x| x.received as f64).collect(),
            int,
        ),
        (
            "Số báo cáo đúng hạn",
            p.iter().map(|x| x.on_time as f64).collect(),
            int,
        ),
        (
            "Tỷ lệ đúng hạn (%)",
            p.iter().map(|x| x.on_time_rate).collect(),
            &f.td_pct,
        ),
        (
            "Lượt nhiệm vụ đã hoàn thành",
            counts.iter().map(|c| c[0] as f64).collect(),
            int,
        ),
        (
            "Lượt nhiệm vụ đang thực hiện",
            counts.iter().map(|c| c[1] as f64).collect(),
            int,
        ),
        (
            "Lượt nhiệm vụ chưa thực hiện",
            counts.iter().map(|c| c[2] as f64).collect(),
            int,
        ),
    ];
    let mut r = r + 1;
    for (label, values, format) in &rows {
        ws.write_string_with_format(r, 0, *label, &f.td)?;
        for (k, v) in values.iter().enumerate() {
            ws.write_number_with_format(r, col(k + 1), *v, format)?;
        }
        r += 1;
    }
    let lines = [
        format!(
            "Cơ quan không bao giờ hoặc ít khi báo cáo đúng hạn (đúng hạn dưới {} % số kỳ phải báo cáo): {} (sheet “{SHEET_RARELY}”).",
            crate::summary::RARELY_ON_TIME_PCT,
            s.rarely.len()
        ),
        format!(
            "Nhiệm vụ của cơ quan chưa hoàn thành từ {} kỳ trở lên: {} (sheet “{SHEET_UNDONE}”).",
            crate::summary::UNDONE_PERIODS,
            s.undone.len()
        ),
    ];
    r += 1;
    for l in lines {
        ws.write_string_with_format(r, 0, &l, &f.label)?;
        r += 1;
    }
    Ok(r)
}

fn signature(
    ws: &mut Worksheet,
    s: &Summary,
    f: &F,
    r: u32,
    right: (u16, u16),
) -> Result<u32, XlsxError> {
    ws.write_string_with_format(r, 0, "Nơi nhận:", &f.recipients_title)?;
    style::write_span(ws, r, right, &s.header.signer_title, &f.sign)?;
    for (i, line) in s.header.recipients.iter().enumerate() {
        ws.write_string_with_format(r + 1 + row(i), 0, line, &f.recipients)?;
    }
    Ok(r + row(s.header.recipients.len()).max(5))
}

/// Widths of `Nguồn`.
const SOURCE_WIDTHS: [f64; 11] = [
    9.0, 12.0, 22.0, 12.0, 12.0, 40.0, 12.0, 18.0, 10.0, 10.0, 10.0,
];

/// `Nguồn`: each period's consolidated workbook, its plan and the figures taken from it.
fn sources(ws: &mut Worksheet, s: &Summary, f: &F) -> Result<(), XlsxError> {
    ws.set_name(SHEET_SOURCES)?;
    let labels: Vec<String> = [
        "Kỳ",
        "Tên kỳ",
        "Thời gian chốt số liệu",
        "Hạn gửi",
        "Ngày đối chiếu",
        "Tệp tổng hợp",
        "Phiên bản kế hoạch",
        "Dấu vân tay kế hoạch",
        "Phải báo cáo",
        "Đã nhận",
        "Đúng hạn",
    ]
    .map(String::from)
    .to_vec();
    let note = format!(
        "Mọi số liệu của một kỳ trong workbook này lấy từ sheet dữ liệu ẩn “_baocao_data” của tệp tổng hợp kỳ đó, đúng như các sheet Tổng hợp (tình hình nộp), Theo nhiệm vụ (số cơ quan theo tình trạng) và Chỉ tiêu (Tổng toàn tỉnh) của tệp đó thể hiện. Cơ quan được nối qua các lần sắp xếp theo kế hoạch đang dùng ({}).",
        s.plan_id
    );
    let head = table_head(ws, f, "Nguồn số liệu", &note, &labels, &SOURCE_WIDTHS)?;
    for (k, p) in s.periods.iter().enumerate() {
        let r = head + 1 + row(k);
        let window = format!("{} – {}", fmt_date(p.start), fmt_date(p.end));
        let texts = [
            p.id.as_str(),
            p.name.as_str(),
            window.as_str(),
            &fmt_date(p.due),
            &fmt_date(p.as_of),
            p.file.as_str(),
            p.plan_version.as_str(),
            p.fingerprint.as_str(),
        ];
        for (i, t) in texts.iter().enumerate() {
            ws.write_string_with_format(r, col(i), *t, &f.td)?;
        }
        for (i, v) in [p.expected, p.received, p.on_time].iter().enumerate() {
            ws.write_number_with_format(r, col(8 + i), *v as f64, &f.td_int)?;
        }
        let lines = style::estimate_lines(
            &p.file,
            SOURCE_WIDTHS[5],
            TABLE_PT,
            style::TextKind::Regular,
        );
        ws.set_row_height(r, style::row_height_pt(lines, TABLE_PT))?;
    }
    Ok(())
}
