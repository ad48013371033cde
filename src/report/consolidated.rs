//! The consolidated workbook `baocao consolidate` writes, ready to forward upward.
//!
//! Sheet names and header labels are a documented contract (docs/consolidated-format.md) so
//! the next level can read the file by machine. Every value from a submission is written as a
//! value (text as text, never a formula); blanks stay blank. The workbook never reads the
//! clock: its creation time is the as-of date, so identical inputs give identical bytes.

use chrono::{Datelike, NaiveDate};
use rust_xlsxwriter::{
    Chart, ChartType, Color, DocProperties, ExcelDateTime, Format, FormatAlign, FormatBorder,
    Workbook, Worksheet, XlsxError,
};

use super::style::{self, Decree30Header, HeaderColumns, Styles};
use crate::check::Status;
use crate::consolidate::{Consolidation, ReceivedSource, Role, SubmitStatus};
use crate::diag::{Location, Severity};
use crate::plan::{Plan, fmt_date};

/// Sheet names (the contract).
pub const SHEET_SUMMARY: &str = "Tổng hợp";
pub const SHEET_TASKS: &str = "Nhiệm vụ";
pub const SHEET_BY_TASK: &str = "Theo nhiệm vụ";
pub const SHEET_INDICATORS: &str = "Chỉ tiêu";
pub const SHEET_CHASE: &str = "Chưa nộp, trễ hạn";
pub const SHEET_FINDINGS: &str = "Lỗi, cảnh báo";
pub const SHEET_SOURCES: &str = "Nguồn";

/// Column labels of the per-agency table in `Tổng hợp`.
pub const SUMMARY_COLUMNS: [&str; 14] = [
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
];

pub const TASK_COLUMNS: [&str; 13] = [
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
];

pub const BY_TASK_COLUMNS: [&str; 9] = [
    "Mã nhiệm vụ",
    "Nội dung nhiệm vụ",
    "Thời hạn",
    "Số cơ quan chủ trì",
    "Đã hoàn thành",
    "Đang thực hiện",
    "Chưa thực hiện",
    "Chưa báo cáo",
    "Quá hạn",
];

pub const INDICATOR_FIXED_COLUMNS: [&str; 8] = [
    "Mã chỉ tiêu",
    "Tên chỉ tiêu",
    "Đơn vị tính",
    "Loại",
    "Tổng toàn tỉnh",
    "Số cơ quan có số liệu",
    "Số ô trống",
    "Số liệu không hợp lệ hoặc chưa nộp",
];

pub const CHASE_COLUMNS: [&str; 8] = [
    "STT",
    "Mã cơ quan",
    "Tên cơ quan",
    "Tình trạng",
    "Số ngày trễ",
    "Ngày nhận",
    "Người lập",
    "Điện thoại",
];

pub const FINDING_COLUMNS: [&str; 8] = [
    "Tệp",
    "Mã cơ quan",
    "Mã",
    "Mức độ",
    "Sheet",
    "Ô",
    "Nội dung",
    "Cách khắc phục",
];

pub const SOURCE_COLUMNS: [&str; 10] = [
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
];

/// Vietnamese label of a submission status (the contract values).
pub fn submit_label(s: SubmitStatus) -> &'static str {
    match s {
        SubmitStatus::OnTime => "Đúng hạn",
        SubmitStatus::Late => "Trễ hạn",
        SubmitStatus::Missing => "Chưa nộp",
        SubmitStatus::Invalid => "Không hợp lệ",
    }
}

fn source_label(s: ReceivedSource) -> &'static str {
    match s {
        ReceivedSource::Log => "Sổ nhận",
        ReceivedSource::ReportDate => "Ngày báo cáo",
        ReceivedSource::FileTime => "Ngày sửa tệp",
    }
}

fn role_label(r: Role) -> &'static str {
    match r {
        Role::Used => "Sử dụng",
        Role::Superseded => "Bản cũ, không dùng",
        Role::OtherPeriod => "Kỳ khác, không dùng",
        Role::Unreadable => "Không đọc được",
        Role::Unidentified => "Không xác định được cơ quan",
    }
}

struct F {
    s: Styles,
    th: Format,
    td: Format,
    td_c: Format,
    td_num: Format,
    td_pct: Format,
    td_date: Format,
    td_bad: Format,
    td_warn: Format,
    td_good: Format,
    label: Format,
    value: Format,
}

fn formats() -> F {
    let s = Styles::new();
    let border = |f: Format| f.set_border(FormatBorder::Thin).set_align(FormatAlign::Top);
    let base = Format::new().set_font_name(style::FONT).set_font_size(11);
    F {
        th: base
            .clone()
            .set_bold()
            .set_text_wrap()
            .set_align(FormatAlign::Center)
            .set_align(FormatAlign::VerticalCenter)
            .set_border(FormatBorder::Thin)
            .set_background_color(Color::RGB(0xE7E6E6)),
        td: border(base.clone().set_text_wrap()),
        td_c: border(base.clone().set_align(FormatAlign::Center)),
        td_num: border(base.clone().set_num_format("#,##0.##")),
        td_pct: border(base.clone().set_num_format("0.0")),
        td_date: border(
            base.clone()
                .set_num_format(style::DATE_FORMAT)
                .set_align(FormatAlign::Center),
        ),
        td_bad: border(
            base.clone()
                .set_background_color(Color::RGB(0xFFC7CE))
                .set_text_wrap(),
        ),
        td_warn: border(
            base.clone()
                .set_background_color(Color::RGB(0xFFEB9C))
                .set_text_wrap(),
        ),
        td_good: border(
            base.clone()
                .set_background_color(Color::RGB(0xC6EFCE))
                .set_text_wrap(),
        ),
        label: base.clone().set_font_size(12),
        value: base
            .clone()
            .set_font_size(12)
            .set_bold()
            .set_align(FormatAlign::Right)
            .set_num_format("#,##0.##"),
        s,
    }
}

fn excel_date(d: NaiveDate) -> Result<ExcelDateTime, XlsxError> {
    let y = u16::try_from(d.year()).map_err(|_| XlsxError::DateTimeRangeError(d.to_string()))?;
    ExcelDateTime::from_ymd(y, d.month() as u8, d.day() as u8)
}

fn row(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

fn header_row(ws: &mut Worksheet, r: u32, labels: &[&str], f: &Format) -> Result<(), XlsxError> {
    for (c, l) in labels.iter().enumerate() {
        ws.write_string_with_format(r, c as u16, *l, f)?;
    }
    Ok(())
}

fn opt_date(
    ws: &mut Worksheet,
    r: u32,
    c: u16,
    d: Option<NaiveDate>,
    f: &F,
) -> Result<(), XlsxError> {
    match d {
        Some(d) => ws
            .write_datetime_with_format(r, c, &excel_date(d)?, &f.td_date)
            .map(|_| ()),
        None => ws.write_blank(r, c, &f.td).map(|_| ()),
    }
}

fn text(ws: &mut Worksheet, r: u32, c: u16, s: &str, f: &Format) -> Result<(), XlsxError> {
    ws.write_string_with_format(r, c, s, f).map(|_| ())
}

fn finish(ws: &mut Worksheet, header: u32, last_col: u16, widths: &[f64]) -> Result<(), XlsxError> {
    for (c, w) in widths.iter().enumerate() {
        ws.set_column_width(c as u16, *w)?;
    }
    ws.set_freeze_panes(header + 1, 0)?;
    ws.set_repeat_rows(header, header)?;
    style::page_setup_a4_landscape(ws);
    let _ = last_col;
    Ok(())
}

/// Builds the consolidated workbook; returns its bytes.
pub fn build(plan: &Plan, c: &Consolidation) -> Result<Vec<u8>, XlsxError> {
    let f = formats();
    let mut wb = Workbook::new();
    let props = DocProperties::new()
        .set_title(format!("Tổng hợp báo cáo kỳ {}", c.period.name))
        .set_subject(plan.meta.short_title.clone())
        .set_author(
            plan.consolidator()
                .map_or(plan.meta.issuer.clone(), |a| a.name.clone()),
        )
        .set_company(plan.meta.issuer_parent.clone())
        .set_creation_datetime(&excel_date(c.as_of)?);
    wb.set_properties(&props);
    summary(&mut wb, plan, c, &f)?;
    tasks(&mut wb, plan, c, &f)?;
    by_task(&mut wb, plan, c, &f)?;
    indicators(&mut wb, plan, c, &f)?;
    chase(&mut wb, c, &f)?;
    findings(&mut wb, c, &f)?;
    sources(&mut wb, c, &f)?;
    wb.save_to_buffer()
}

fn summary(wb: &mut Workbook, plan: &Plan, c: &Consolidation, f: &F) -> Result<(), XlsxError> {
    let ws = wb.add_worksheet();
    ws.set_name(SHEET_SUMMARY)?;
    let widths = [
        5.0, 13.0, 38.0, 13.0, 11.0, 13.0, 9.0, 9.0, 9.0, 9.0, 8.0, 10.0, 7.0, 9.0,
    ];
    let issuer = plan
        .consolidator()
        .map_or(plan.meta.issuer.as_str(), |a| a.name.as_str());
    let subject = format!(
        "Tổng hợp kết quả thực hiện {} kỳ {}",
        plan.meta.short_title, c.period.name
    );
    let place_date = style::place_date(&plan.meta.place, Some(c.as_of));
    let number = format!("Số:       /BC-{}", plan.meta.consolidator);
    let header = Decree30Header {
        parent_body: &plan.meta.issuer_parent,
        issuer,
        number: Some(&number),
        place_date: Some(&place_date),
        doc_type: "BÁO CÁO",
        subject: &subject,
    };
    let cols = HeaderColumns {
        left: (0, 2),
        right: (5, 13),
        full: (0, 13),
        full_width: widths.iter().sum(),
        left_width: 56.0,
    };
    let mut r = style::write_decree30_header(ws, &f.s, &header, &cols, 0)?.next_row;
    let window = format!(
        "Thời gian chốt số liệu: từ {} đến {}; hạn gửi báo cáo: {}; số liệu tính đến ngày {}.",
        fmt_date(c.period.start),
        fmt_date(c.period.end),
        fmt_date(c.period.due),
        fmt_date(c.as_of)
    );
    style::write_span(ws, r, (0, 13), &window, &f.s.note)?;
    r += 2;
    text(ws, r, 0, "I. SỐ LIỆU CHUNG", &f.s.heading)?;
    r += 1;
    let t = &c.totals;
    let figures: [(&str, f64); 16] = [
        ("Số cơ quan phải báo cáo", t.expected as f64),
        ("Số báo cáo đã nhận", t.received as f64),
        ("Số báo cáo đúng hạn", t.on_time as f64),
        ("Số báo cáo trễ hạn", t.late as f64),
        ("Số cơ quan chưa nộp", t.missing as f64),
        ("Số báo cáo không hợp lệ (có lỗi)", t.invalid as f64),
        ("Tỷ lệ báo cáo (%)", round1(t.reporting_rate)),
        ("Tỷ lệ đúng hạn (%)", round1(t.on_time_rate)),
        ("Nhiệm vụ đã hoàn thành", t.tasks_done as f64),
        ("Nhiệm vụ đang thực hiện", t.tasks_in_progress as f64),
        ("Nhiệm vụ chưa thực hiện", t.tasks_not_started as f64),
        ("Nhiệm vụ quá hạn", t.tasks_overdue as f64),
        ("Nhiệm vụ chưa có báo cáo", t.tasks_not_reported as f64),
        ("Số tệp đã đọc", t.files as f64),
        ("Số lỗi", t.errors as f64),
        ("Số cảnh báo", t.warnings as f64),
    ];
    for (label, v) in figures {
        style::write_span(ws, r, (1, 4), label, &f.label)?;
        ws.write_number_with_format(r, 5, v, &f.value)?;
        r += 1;
    }
    r += 1;
    text(ws, r, 0, "II. TÌNH HÌNH BÁO CÁO THEO CƠ QUAN", &f.s.heading)?;
    r += 1;
    let head = r;
    header_row(ws, head, &SUMMARY_COLUMNS, &f.th)?;
    ws.set_row_height(head, 45)?;
    for (i, a) in c.agencies.iter().enumerate() {
        let r = head + 1 + row(i);
        ws.write_number_with_format(r, 0, (i + 1) as f64, &f.td_c)?;
        text(ws, r, 1, &a.code, &f.td)?;
        text(ws, r, 2, &a.name, &f.td)?;
        let sf = match a.status {
            SubmitStatus::OnTime => &f.td_good,
            SubmitStatus::Late => &f.td_warn,
            _ => &f.td_bad,
        };
        text(ws, r, 3, submit_label(a.status), sf)?;
        opt_date(ws, r, 4, a.received, f)?;
        text(
            ws,
            r,
            5,
            a.received_source.map(source_label).unwrap_or(""),
            &f.td,
        )?;
        ws.write_number_with_format(r, 6, a.tasks as f64, &f.td_num)?;
        if a.file.is_some() {
            for (col, n) in [
                (7u16, a.done),
                (8, a.in_progress),
                (9, a.not_started),
                (10, a.overdue),
                (12, a.errors),
                (13, a.warnings),
            ] {
                ws.write_number_with_format(r, col, n as f64, &f.td_num)?;
            }
        } else {
            for col in [7u16, 8, 9, 10, 12, 13] {
                ws.write_blank(r, col, &f.td)?;
            }
        }
        match a.completion_rate {
            Some(p) => ws
                .write_number_with_format(r, 11, round1(p), &f.td_pct)
                .map(|_| ())?,
            None => ws.write_blank(r, 11, &f.td).map(|_| ())?,
        }
    }
    let last = head + row(c.agencies.len());
    if !c.agencies.is_empty() {
        ws.autofilter(head, 0, last, 13)?;
        let mut chart = Chart::new(ChartType::Bar);
        chart
            .title()
            .set_name("Tỷ lệ hoàn thành nhiệm vụ theo cơ quan (%)");
        chart
            .add_series()
            .set_categories((SHEET_SUMMARY, head + 1, 1, last, 1))
            .set_values((SHEET_SUMMARY, head + 1, 11, last, 11))
            .set_name("Tỷ lệ hoàn thành (%)");
        chart.legend().set_hidden();
        chart.x_axis().set_min(0.0).set_max(100.0);
        chart.y_axis().set_reverse();
        let height = (120 + 16 * c.agencies.len()).min(4000) as u32;
        chart.set_width(720).set_height(height);
        ws.insert_chart(last + 2, 1, &chart)?;
    }
    finish(ws, head, 13, &widths)?;
    Ok(())
}

fn round1(v: f64) -> f64 {
    (v * 10.0).round() / 10.0
}

fn tasks(wb: &mut Workbook, plan: &Plan, c: &Consolidation, f: &F) -> Result<(), XlsxError> {
    let ws = wb.add_worksheet();
    ws.set_name(SHEET_TASKS)?;
    header_row(ws, 0, &TASK_COLUMNS, &f.th)?;
    let mut r = 1u32;
    for a in &c.agencies {
        let sub = c.submission(&a.code);
        for t in plan.tasks_for(&a.code) {
            text(ws, r, 0, &t.id, &f.td)?;
            text(ws, r, 1, &t.text, &f.td)?;
            text(ws, r, 2, &a.code, &f.td)?;
            text(ws, r, 3, &a.name, &f.td)?;
            text(
                ws,
                r,
                6,
                &t.deadline
                    .due_in(&c.period)
                    .map_or_else(|| t.deadline.display(crate::i18n::Lang::Vi), fmt_date),
                &f.td_c,
            )?;
            let reported = sub.and_then(|(file, s)| {
                s.tasks
                    .iter()
                    .find(|x| x.task_id == t.id)
                    .map(|x| (file, s, x))
            });
            match reported {
                Some((file, s, x)) => {
                    text(ws, r, 4, x.status.map_or("", Status::label), &f.td)?;
                    opt_date(ws, r, 5, x.done_date, f)?;
                    text(
                        ws,
                        r,
                        7,
                        if x.overdue { "Quá hạn" } else { "" },
                        if x.overdue { &f.td_bad } else { &f.td },
                    )?;
                    text(ws, r, 8, &x.result, &f.td)?;
                    text(ws, r, 9, &x.difficulty, &f.td)?;
                    text(ws, r, 10, &x.note, &f.td)?;
                    let sheet = s.report_sheet.as_deref().unwrap_or("");
                    text(
                        ws,
                        r,
                        11,
                        &format!("{} › {sheet}!{}", file.input.shown, x.cell),
                        &f.td,
                    )?;
                    text(ws, r, 12, &file.input.shown, &f.td)?;
                }
                None => {
                    let why = if sub.is_some() {
                        "(không có trong báo cáo)"
                    } else {
                        "(chưa nộp báo cáo)"
                    };
                    text(ws, r, 4, why, &f.td)?;
                    for col in [5u16, 7, 8, 9, 10, 11, 12] {
                        ws.write_blank(r, col, &f.td)?;
                    }
                }
            }
            r += 1;
        }
    }
    if r > 1 {
        ws.autofilter(0, 0, r - 1, 12)?;
    }
    finish(
        ws,
        0,
        12,
        &[
            10.0, 50.0, 12.0, 28.0, 15.0, 12.0, 12.0, 9.0, 45.0, 30.0, 20.0, 30.0, 24.0,
        ],
    )?;
    Ok(())
}

fn by_task(wb: &mut Workbook, plan: &Plan, c: &Consolidation, f: &F) -> Result<(), XlsxError> {
    let ws = wb.add_worksheet();
    ws.set_name(SHEET_BY_TASK)?;
    header_row(ws, 0, &BY_TASK_COLUMNS, &f.th)?;
    let expected: std::collections::HashSet<&str> =
        c.agencies.iter().map(|a| a.code.as_str()).collect();
    for (i, t) in plan.tasks.iter().enumerate() {
        let r = row(i + 1);
        let mut n = [0usize; 6]; // responsible, done, in progress, not started, nothing, overdue
        for a in t.agencies.iter().filter(|a| expected.contains(a.as_str())) {
            n[0] += 1;
            let x = c
                .submission(a)
                .and_then(|(_, s)| s.tasks.iter().find(|x| x.task_id == t.id));
            match x.and_then(|x| x.status) {
                Some(Status::Done) => n[1] += 1,
                Some(Status::InProgress) => n[2] += 1,
                Some(Status::NotStarted) => n[3] += 1,
                None => n[4] += 1,
            }
            if x.is_some_and(|x| x.overdue) {
                n[5] += 1;
            }
        }
        text(ws, r, 0, &t.id, &f.td)?;
        text(ws, r, 1, &t.text, &f.td)?;
        text(
            ws,
            r,
            2,
            &t.deadline
                .due_in(&c.period)
                .map_or_else(|| t.deadline.display(crate::i18n::Lang::Vi), fmt_date),
            &f.td_c,
        )?;
        for (k, v) in n.iter().enumerate() {
            ws.write_number_with_format(r, 3 + k as u16, *v as f64, &f.td_num)?;
        }
    }
    finish(
        ws,
        0,
        8,
        &[10.0, 70.0, 12.0, 11.0, 11.0, 11.0, 11.0, 11.0, 9.0],
    )?;
    Ok(())
}

fn indicators(wb: &mut Workbook, plan: &Plan, c: &Consolidation, f: &F) -> Result<(), XlsxError> {
    let ws = wb.add_worksheet();
    ws.set_name(SHEET_INDICATORS)?;
    header_row(ws, 0, &INDICATOR_FIXED_COLUMNS, &f.th)?;
    let expected: Vec<&str> = c.agencies.iter().map(|a| a.code.as_str()).collect();
    let fixed = INDICATOR_FIXED_COLUMNS.len() as u16;
    for (k, a) in expected.iter().enumerate() {
        text(ws, 0, fixed + k as u16, a, &f.th)?;
    }
    ws.set_row_height(0, 45)?;
    for (i, ind) in plan.indicators.iter().enumerate() {
        let r = row(i + 1);
        text(ws, r, 0, &ind.id, &f.td)?;
        text(ws, r, 1, &ind.name, &f.td)?;
        text(ws, r, 2, &ind.unit, &f.td)?;
        text(ws, r, 3, type_label(ind.kind), &f.td)?;
        let (mut total, mut reported, mut blank, mut other) = (0.0, 0usize, 0usize, 0usize);
        for (k, a) in expected.iter().enumerate() {
            let col = fixed + k as u16;
            if !ind.agencies.iter().any(|x| x == a) {
                text(ws, r, col, "—", &f.td_c)?;
                continue;
            }
            let v = c
                .submission(a)
                .and_then(|(_, s)| s.indicators.iter().find(|x| x.id == ind.id));
            match v {
                Some(x) if x.value.is_some() => {
                    let n = x.value.unwrap_or_default();
                    total += n;
                    reported += 1;
                    ws.write_number_with_format(r, col, n, &f.td_num)?;
                }
                Some(x) if x.blank => {
                    blank += 1;
                    ws.write_blank(r, col, &f.td)?;
                }
                _ => {
                    other += 1;
                    ws.write_blank(r, col, &f.td_warn)?;
                }
            }
        }
        if reported > 0 {
            let shown = if ind.kind == crate::plan::IndicatorType::Percent {
                total / reported as f64
            } else {
                total
            };
            ws.write_number_with_format(r, 4, shown, &f.td_num)?;
        } else {
            ws.write_blank(r, 4, &f.td)?;
        }
        ws.write_number_with_format(r, 5, reported as f64, &f.td_num)?;
        ws.write_number_with_format(r, 6, blank as f64, &f.td_num)?;
        ws.write_number_with_format(r, 7, other as f64, &f.td_num)?;
    }
    let mut widths = vec![9.0, 45.0, 12.0, 10.0, 12.0, 11.0, 9.0, 14.0];
    widths.extend(std::iter::repeat_n(11.0, expected.len()));
    finish(ws, 0, fixed + expected.len() as u16, &widths)?;
    ws.set_freeze_panes(1, 2)?;
    Ok(())
}

fn type_label(t: crate::plan::IndicatorType) -> &'static str {
    match t {
        crate::plan::IndicatorType::Integer => "Số nguyên",
        crate::plan::IndicatorType::Decimal => "Số thập phân",
        crate::plan::IndicatorType::Percent => "Tỷ lệ % (bình quân)",
        crate::plan::IndicatorType::Boolean => "Có/Không (số cơ quan Có)",
    }
}

fn chase(wb: &mut Workbook, c: &Consolidation, f: &F) -> Result<(), XlsxError> {
    let ws = wb.add_worksheet();
    ws.set_name(SHEET_CHASE)?;
    header_row(ws, 0, &CHASE_COLUMNS, &f.th)?;
    let overdue = c.as_of > c.period.due;
    let chased = c
        .agencies
        .iter()
        .filter(|a| matches!(a.status, SubmitStatus::Missing) || !a.on_time);
    for (i, a) in chased.enumerate() {
        let r = row(i + 1);
        ws.write_number_with_format(r, 0, f64::from(r), &f.td_c)?;
        text(ws, r, 1, &a.code, &f.td)?;
        text(ws, r, 2, &a.name, &f.td)?;
        let label = match (a.file.is_some(), overdue) {
            (true, _) => "Trễ hạn",
            (false, true) => "Chưa nộp (quá hạn)",
            (false, false) => "Chưa nộp (chưa đến hạn)",
        };
        text(ws, r, 3, label, &f.td)?;
        match a.days_late {
            Some(d) => ws
                .write_number_with_format(r, 4, d as f64, &f.td_num)
                .map(|_| ())?,
            None => ws.write_blank(r, 4, &f.td).map(|_| ())?,
        }
        opt_date(ws, r, 5, a.received, f)?;
        text(ws, r, 6, a.preparer.as_deref().unwrap_or(""), &f.td)?;
        text(ws, r, 7, a.phone.as_deref().unwrap_or(""), &f.td)?;
    }
    finish(ws, 0, 7, &[5.0, 13.0, 45.0, 22.0, 10.0, 12.0, 22.0, 14.0])?;
    Ok(())
}

fn findings(wb: &mut Workbook, c: &Consolidation, f: &F) -> Result<(), XlsxError> {
    let ws = wb.add_worksheet();
    ws.set_name(SHEET_FINDINGS)?;
    header_row(ws, 0, &FINDING_COLUMNS, &f.th)?;
    let agency_of: std::collections::HashMap<&str, &str> = c
        .files
        .iter()
        .filter_map(|e| {
            e.checked
                .submission
                .agency
                .as_deref()
                .map(|a| (e.input.shown.as_str(), a))
        })
        .collect();
    let all = c.findings();
    for (i, x) in all.iter().enumerate() {
        let r = row(i + 1);
        let (sheet, cell) = match &x.location {
            Some(Location::Cell { sheet, cell }) => (
                sheet.clone(),
                cell.map(|c| c.to_string()).unwrap_or_default(),
            ),
            _ => (String::new(), String::new()),
        };
        let (sev, sf) = match x.severity {
            Severity::Error => ("Lỗi", &f.td_bad),
            Severity::Warning => ("Cảnh báo", &f.td_warn),
        };
        text(ws, r, 0, &x.file, &f.td)?;
        text(
            ws,
            r,
            1,
            agency_of.get(x.file.as_str()).copied().unwrap_or(""),
            &f.td,
        )?;
        text(ws, r, 2, x.code.as_str(), &f.td_c)?;
        text(ws, r, 3, sev, sf)?;
        text(ws, r, 4, &sheet, &f.td)?;
        text(ws, r, 5, &cell, &f.td_c)?;
        text(ws, r, 6, &x.message, &f.td)?;
        text(ws, r, 7, &x.help, &f.td)?;
    }
    if !all.is_empty() {
        ws.autofilter(0, 0, row(all.len()), 7)?;
    }
    finish(ws, 0, 7, &[26.0, 12.0, 7.0, 10.0, 12.0, 7.0, 60.0, 45.0])?;
    Ok(())
}

fn sources(wb: &mut Workbook, c: &Consolidation, f: &F) -> Result<(), XlsxError> {
    let ws = wb.add_worksheet();
    ws.set_name(SHEET_SOURCES)?;
    header_row(ws, 0, &SOURCE_COLUMNS, &f.th)?;
    for (i, e) in c.files.iter().enumerate() {
        let r = row(i + 1);
        let s = &e.checked.submission;
        text(ws, r, 0, &e.input.shown, &f.td)?;
        text(
            ws,
            r,
            1,
            e.checked.format.map_or("", |x| x.label()),
            &f.td_c,
        )?;
        ws.write_number_with_format(r, 2, e.size as f64, &f.td_num)?;
        text(ws, r, 3, &e.sha256, &f.td)?;
        opt_date(ws, r, 4, e.modified, f)?;
        text(ws, r, 5, s.agency.as_deref().unwrap_or(""), &f.td)?;
        text(ws, r, 6, s.period.as_deref().unwrap_or(""), &f.td)?;
        opt_date(ws, r, 7, s.report_date, f)?;
        let rf = if e.role == Role::Used {
            &f.td_good
        } else {
            &f.td_warn
        };
        text(ws, r, 8, role_label(e.role), rf)?;
        let why = match e.role {
            Role::Used => String::new(),
            _ => c
                .extra
                .iter()
                .filter(|(k, _)| *k == i)
                .map(|(_, x)| x.message.clone())
                .chain(
                    s.findings
                        .iter()
                        .filter(|x| x.severity == Severity::Error)
                        .take(1)
                        .map(|x| x.message.clone()),
                )
                .next()
                .unwrap_or_default(),
        };
        text(ws, r, 9, &why, &f.td)?;
    }
    finish(
        ws,
        0,
        9,
        &[30.0, 9.0, 12.0, 30.0, 12.0, 12.0, 10.0, 12.0, 18.0, 60.0],
    )?;
    Ok(())
}
