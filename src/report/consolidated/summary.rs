//! `Tổng hợp`: the signed report (Decree 30 header, overall figures, `Nơi nhận` and the
//! signature), then as annexes the completion-rate chart and one row per expected agency.

use rust_xlsxwriter::{Chart, ChartDataLabel, ChartFont, ChartType, Worksheet, XlsxError};

use super::Book;
use super::cells::*;
use super::formats::F;
use crate::consolidate::{AgencyRow, Consolidation, SubmitStatus};
use crate::format::consolidated::*;
use crate::plan::{Plan, fmt_date};
use crate::report::style::{self, Decree30Header, HeaderColumns};

/// Widths of the `Tổng hợp` columns, in characters.
const SUMMARY_WIDTHS: [f64; 14] = [
    5.0, 16.0, 40.0, 13.0, 11.0, 13.0, 9.0, 10.0, 10.0, 10.0, 8.0, 11.0, 7.0, 9.0,
];

/// `compared` names the earlier periods of `consolidate --previous`, under the data window.
pub(super) fn summary(
    ws: &mut Worksheet,
    b: &Book,
    compared: Option<String>,
) -> Result<(), XlsxError> {
    let Book { plan, c, f } = *b;
    ws.set_name(SHEET_SUMMARY)?;
    let last_col = col(SUMMARY_COLUMNS.len() - 1);
    let names = crate::data_sheet::header(plan);
    let issuer = names.issuer.as_str();
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
    let full_width: f64 = SUMMARY_WIDTHS.iter().sum();
    let cols = HeaderColumns {
        left: (0, 2),
        right: (5, last_col),
        full: (0, last_col),
        full_width,
        left_width: SUMMARY_WIDTHS[..3].iter().sum(),
    };
    let mut r = style::write_decree30_header(ws, &f.s, &header, &cols, 0)?.next_row;
    let window = format!(
        "Thời gian chốt số liệu: từ {} đến {}; hạn gửi báo cáo: {}; số liệu tính đến ngày {}.",
        fmt_date(c.period.start),
        fmt_date(c.period.end),
        fmt_date(c.period.due),
        fmt_date(c.as_of)
    );
    style::write_span(ws, r, (0, last_col), &window, &f.s.note)?;
    if let Some(note) = compared {
        r += 1;
        style::write_span(ws, r, (0, last_col), &note, &f.s.note)?;
    }
    r += 2;
    text(ws, r, 0, HEADING_FIGURES, &f.s.heading)?;
    r += 1;
    r = figures(ws, c, f, r)?;
    // The report ends with its signature; the chart and the agency table follow as annexes,
    // each from a new page, the table last: its header row, repeated on every printed page,
    // then only ever stands above table rows.
    let end = signature(ws, plan, f, r + 1)?;
    let mut breaks = Vec::new();
    let mut r = end + 1;
    let chart_at = (!c.agencies.is_empty()).then_some(r);
    if let Some(at) = chart_at {
        breaks.push(at);
        r = at + 2 + chart_rows(c);
    }
    breaks.push(r);
    text(ws, r, 0, HEADING_AGENCIES, &f.s.heading)?;
    let head = r + 1;
    header_row(ws, head, &SUMMARY_COLUMNS, &f.th)?;
    ws.set_row_height(head, 45)?;
    for (i, a) in c.agencies.iter().enumerate() {
        agency_row(ws, head + 1 + row(i), i, a, f)?;
    }
    let last = head + row(c.agencies.len());
    if !c.agencies.is_empty() {
        ws.autofilter(head, 0, last, last_col)?;
    }
    finish(ws, head, &SUMMARY_WIDTHS, None)?;
    ws.set_page_breaks(&breaks)?;
    if let Some(at) = chart_at {
        completion_chart(ws, c, f, head, last, at)?;
    }
    Ok(())
}

/// Writes the overall figures from row `r` (label in B:E, value in F, how it is computed in
/// H:N); returns the next free row.
fn figures(ws: &mut Worksheet, c: &Consolidation, f: &F, mut r: u32) -> Result<u32, XlsxError> {
    let t = &c.totals;
    let overdue_word = if c.as_of > c.period.due {
        "đã quá hạn"
    } else {
        "chưa đến hạn"
    };
    let n = |v: usize| v as f64;
    let values: [(f64, String); 22] = [
        (n(t.expected), "cơ quan Kế hoạch giao báo cáo kỳ này".into()),
        (
            n(t.received),
            "đúng hạn + trễ hạn, kể cả báo cáo có lỗi".into(),
        ),
        (
            n(t.on_time),
            format!("nhận đến hết ngày {}", fmt_date(c.period.due)),
        ),
        (
            n(t.late),
            format!("nhận sau ngày {}", fmt_date(c.period.due)),
        ),
        (
            n(t.missing),
            format!("không có tệp đọc được; {overdue_word}"),
        ),
        (n(t.invalid), "tệp được dùng có ít nhất một lỗi".into()),
        (
            round1(t.reporting_rate),
            "đã nhận ÷ phải báo cáo × 100".into(),
        ),
        (
            round1(t.on_time_rate),
            "đúng hạn ÷ phải báo cáo × 100".into(),
        ),
        (n(t.tasks_done), "theo báo cáo của các cơ quan".into()),
        (n(t.tasks_in_progress), String::new()),
        (n(t.tasks_not_started), String::new()),
        (
            n(t.tasks_overdue),
            format!(
                "đã quá thời hạn (tính đến {}) mà chưa hoàn thành",
                fmt_date(c.as_of)
            ),
        ),
        (
            n(t.tasks_not_reported),
            "nhiệm vụ của cơ quan chưa nộp, dòng bị thiếu hoặc tình trạng không hợp lệ".into(),
        ),
        (
            n(t.files),
            "mọi tệp bảng tính trong thư mục (xem sheet Nguồn)".into(),
        ),
        (
            n(t.files_unreadable),
            "tệp rỗng, hỏng, có mật khẩu, không phải bảng tính".into(),
        ),
        (
            n(t.files_superseded),
            "cơ quan đã gửi bản có ngày báo cáo mới hơn".into(),
        ),
        (n(t.files_other_period), String::new()),
        (n(t.files_unidentified), String::new()),
        (n(t.files_not_expected), String::new()),
        (
            n(t.files_not_yet_received),
            "không có ngày báo cáo, không có trong sổ nhận (xem sheet Nguồn)".into(),
        ),
        (n(t.errors), "của mọi tệp (xem sheet Lỗi, cảnh báo)".into()),
        (n(t.warnings), String::new()),
    ];
    for (k, (label, (v, how))) in FIGURE_LABELS.iter().zip(values).enumerate() {
        style::write_span(ws, r, (1, 4), label, &f.label)?;
        let vf = if matches!(k, 6 | 7) {
            &f.value_pct
        } else {
            &f.value
        };
        number(ws, r, 5, v, vf)?;
        if !how.is_empty() {
            style::write_span(ws, r, (7, col(SUMMARY_COLUMNS.len() - 1)), &how, &f.explain)?;
        }
        ws.set_row_height(r, 17)?;
        r += 1;
    }
    Ok(r)
}

fn agency_row(ws: &mut Worksheet, r: u32, i: usize, a: &AgencyRow, f: &F) -> Result<(), XlsxError> {
    number(ws, r, 0, (i + 1) as f64, &f.td_c)?;
    text(ws, r, 1, &a.code, &f.td)?;
    text(ws, r, 2, &a.name, &f.td)?;
    let sf = match a.status {
        SubmitStatus::OnTime => &f.td_good,
        SubmitStatus::Late => &f.td_warn,
        SubmitStatus::Invalid => &f.td_bad,
        SubmitStatus::Missing => &f.td_missing,
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
    number(ws, r, 6, a.tasks as f64, &f.td_int)?;
    for (c, n) in [
        (7u16, a.done),
        (8, a.in_progress),
        (9, a.not_started),
        (10, a.overdue),
        (12, a.errors),
        (13, a.warnings),
    ] {
        match n {
            Some(n) => number(ws, r, c, n as f64, &f.td_int)?,
            // Nothing was reported: blank, never 0.
            None => ws.write_blank(r, c, &f.td).map(|_| ())?,
        }
    }
    match a.completion_rate {
        Some(p) => number(ws, r, 11, round1(p), &f.td_pct)?,
        None => ws.write_blank(r, 11, &f.td).map(|_| ())?,
    }
    fit_row(
        ws,
        r,
        &[
            (&a.code, SUMMARY_WIDTHS[1]),
            (&a.name, SUMMARY_WIDTHS[2]),
            (submit_label(a.status), SUMMARY_WIDTHS[3]),
        ],
    )
}

/// The recipients the consolidated report goes to, Decree 30 style.
/// `Nơi nhận` (left) and the signature block (right) from row `r`; returns the last row used.
/// The lines and the title are those the data sheet stores (`data_sheet::header`), so the Word
/// report drafted from this workbook names the same recipients and signer.
fn signature(ws: &mut Worksheet, plan: &Plan, f: &F, r: u32) -> Result<u32, XlsxError> {
    let header = crate::data_sheet::header(plan);
    let right = (8u16, col(SUMMARY_COLUMNS.len() - 1));
    text(ws, r, 0, "Nơi nhận:", &f.recipients_title)?;
    style::write_span(ws, r, right, &header.signer_title, &f.sign)?;
    let list = header.recipients;
    for (i, line) in list.iter().enumerate() {
        text(ws, r + 1 + row(i), 0, line, &f.recipients)?;
    }
    // Room to sign and stamp; the signer's name is written by hand or when the report is
    // finalised.
    Ok(r + row(list.len()).max(5))
}

/// The chart's height in pixels: one printed page at most.
fn chart_height_px(c: &Consolidation) -> f64 {
    (160.0 + 13.0 * c.agencies.len() as f64).clamp(300.0, 740.0)
}

/// The rows of default height (20 px) the chart covers, rounded up.
fn chart_rows(c: &Consolidation) -> u32 {
    (chart_height_px(c) / 20.0).ceil() as u32 + 1
}

/// The chart of completion rate by agency, alone on the page after the signature block (the
/// page break before `at` is the caller's).
fn completion_chart(
    ws: &mut Worksheet,
    c: &Consolidation,
    f: &F,
    head: u32,
    last: u32,
    at: u32,
) -> Result<(), XlsxError> {
    let title = format!(
        "Phụ lục 1: Tỷ lệ hoàn thành nhiệm vụ theo cơ quan (%), kỳ {}",
        c.period.name
    );
    text(ws, at, 0, &title, &f.s.heading)?;
    let mut chart = Chart::new(ChartType::Bar);
    let font = |pt: f64| {
        let mut x = ChartFont::new();
        x.set_name(style::FONT).set_size(pt);
        x
    };
    chart
        .title()
        .set_name("Tỷ lệ hoàn thành nhiệm vụ theo cơ quan (%)")
        .set_font(&font(12.0));
    let mut labels = ChartDataLabel::new();
    labels.show_value().set_font(&font(7.0));
    chart
        .add_series()
        .set_categories((SHEET_SUMMARY, head + 1, 1, last, 1))
        .set_values((SHEET_SUMMARY, head + 1, 11, last, 11))
        .set_name("Tỷ lệ hoàn thành (%)")
        .set_gap(40)
        .set_data_label(&labels);
    chart.legend().set_hidden();
    chart
        .x_axis()
        .set_min(0.0)
        .set_max(100.0)
        .set_font(&font(8.0));
    chart.y_axis().set_reverse().set_font(&font(7.0));
    // One printed page: the table's width, and the page's height at the fit-to-width scale.
    let width_px = SUMMARY_WIDTHS.iter().map(|w| w * 7.0 + 5.0).sum::<f64>();
    let height_px = chart_height_px(c);
    chart
        .set_width(width_px as u32)
        .set_height(height_px as u32);
    ws.insert_chart_with_offset(at + 1, 0, &chart, 0, 6)?;
    Ok(())
}
