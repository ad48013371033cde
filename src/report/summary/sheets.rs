//! The summary's tables: the submission matrix, tasks and indicators per period (with line
//! charts), the agencies rarely on time and the tasks undone in several periods.

use rust_xlsxwriter::{Chart, ChartFont, ChartMarkerType, ChartType, Worksheet, XlsxError};

use super::{F, NOT_IN_PLAN, NOT_REPORTED, col, row, state_label, table_head};
use crate::check::Status;
use crate::consolidate::SubmitStatus;
use crate::report::style::{self, TextKind};
use crate::summary::{AgencyLine, State, Summary, UndoneCell};

fn period_labels(s: &Summary, prefix: &str) -> Vec<String> {
    s.periods
        .iter()
        .map(|p| format!("{prefix}{}", p.name))
        .collect()
}

fn labels(before: &[&str], periods: Vec<String>, after: &[&str]) -> Vec<String> {
    before
        .iter()
        .map(|s| s.to_string())
        .chain(periods)
        .chain(after.iter().map(|s| s.to_string()))
        .collect()
}

fn widths(before: &[f64], n: usize, each: f64, after: &[f64]) -> Vec<f64> {
    before
        .iter()
        .copied()
        .chain(std::iter::repeat_n(each, n))
        .chain(after.iter().copied())
        .collect()
}

/// The matrix cell of a line in period `k`: the state, or each member's when a line held
/// several agencies that period (a merged body and its successor).
pub fn matrix_text(line: &AgencyLine, k: usize) -> String {
    match line.cells[k].as_slice() {
        [] => state_label(State::NotExpected).to_string(),
        [one] if one.code == line.code => submit(one.status).to_string(),
        many => many
            .iter()
            .map(|m| format!("{} ({})", submit(m.status), m.code))
            .collect::<Vec<_>>()
            .join("; "),
    }
}

fn submit(s: SubmitStatus) -> &'static str {
    crate::report::consolidated::submit_label(s)
}

fn line_note(line: &AgencyLine, s: &Summary) -> String {
    let mut notes = Vec::new();
    if !line.former.is_empty() {
        let periods: Vec<String> = s
            .periods
            .iter()
            .enumerate()
            .filter(|(k, _)| line.cells[*k].iter().any(|m| m.code != line.code))
            .map(|(_, p)| p.name.clone())
            .collect();
        notes.push(format!(
            "Gồm báo cáo của {} (kỳ {}), nay là {}",
            line.former.join(", "),
            periods.join(", "),
            line.code
        ));
    }
    if line.unresolved {
        notes.push(
            "Không còn trong tổ chức bộ máy của kỳ cuối; không có một cơ quan kế nhiệm duy nhất"
                .to_string(),
        );
    }
    notes.join(". ")
}

/// `Nộp báo cáo`: one row per agency line, one coloured cell per period, the on-time rate.
pub(super) fn matrix(ws: &mut Worksheet, s: &Summary, f: &F) -> Result<(), XlsxError> {
    ws.set_name(super::SHEET_MATRIX)?;
    let n = s.periods.len();
    let labels = labels(
        &["STT", "Mã cơ quan", "Cơ quan"],
        period_labels(s, "Kỳ "),
        &[
            "Số báo cáo phải nộp",
            "Số báo cáo đúng hạn",
            "Tỷ lệ đúng hạn (%)",
            "Ghi chú",
        ],
    );
    let widths = widths(&[5.0, 18.0, 34.0], n, 18.0, &[10.0, 10.0, 10.0, 30.0]);
    let note = "Màu: xanh — đúng hạn; vàng — trễ hạn; cam — không hợp lệ; đỏ — chưa nộp; xám — không phải báo cáo kỳ đó. Tỷ lệ đúng hạn = số báo cáo nhận đúng hạn (dù hợp lệ hay không, như bản tổng hợp kỳ tính) ÷ số báo cáo phải nộp. Cơ quan đã sáp nhập được tính vào dòng của cơ quan kế nhiệm.";
    let title = format!(
        "Tình hình nộp báo cáo theo cơ quan, các kỳ {}",
        super::span(s)
    );
    let head = table_head(ws, f, &title, note, &labels, &widths)?;
    ws.set_freeze_panes(head + 1, 3)?;
    for (i, line) in s.agencies.iter().enumerate() {
        let r = head + 1 + row(i);
        ws.write_number_with_format(r, 0, (i + 1) as f64, &f.td_c)?;
        ws.write_string_with_format(r, 1, &line.code, &f.td)?;
        ws.write_string_with_format(r, 2, &line.name, &f.td)?;
        let mut lines = 1;
        for k in 0..n {
            let text = matrix_text(line, k);
            ws.write_string_with_format(r, col(3 + k), &text, f.state(line.state(k)))?;
            lines = lines.max(style::estimate_lines(
                &text,
                widths[3 + k],
                11.0,
                TextKind::Regular,
            ));
        }
        let c = col(3 + n);
        ws.write_number_with_format(r, c, line.expected as f64, &f.td_int)?;
        ws.write_number_with_format(r, c + 1, line.on_time as f64, &f.td_int)?;
        match line.on_time_rate() {
            Some(v) => ws.write_number_with_format(r, c + 2, round1(v), &f.td_pct)?,
            None => ws.write_blank(r, c + 2, &f.td_pct)?,
        };
        let note = line_note(line, s);
        ws.write_string_with_format(r, c + 3, &note, &f.td)?;
        let lines = lines
            .max(style::estimate_lines(
                &line.name,
                widths[2],
                11.0,
                TextKind::Regular,
            ))
            .max(style::estimate_lines(
                &note,
                widths[6 + n],
                11.0,
                TextKind::Regular,
            ));
        if lines > 1 {
            ws.set_row_height(r, style::row_height_pt(lines, 11.0))?;
        }
    }
    Ok(())
}

fn round1(v: f64) -> f64 {
    (v * 10.0).round() / 10.0
}

/// The label of a task's status over its agencies.
pub fn status_label(s: Option<Status>) -> &'static str {
    s.map_or(NOT_IN_PLAN, Status::label)
}

/// `Nhiệm vụ theo kỳ`: per task and period the status over its agencies and `done/total`.
pub(super) fn tasks(ws: &mut Worksheet, s: &Summary, f: &F) -> Result<(), XlsxError> {
    ws.set_name(super::SHEET_TASKS)?;
    let n = s.periods.len();
    let per: Vec<String> = s
        .periods
        .iter()
        .flat_map(|p| {
            [
                format!("Tình trạng kỳ {}", p.name),
                format!("Hoàn thành / số cơ quan kỳ {}", p.name),
            ]
        })
        .collect();
    let labels = labels(&["Mã nhiệm vụ", "Nội dung nhiệm vụ"], per, &[]);
    let widths = widths(&[10.0, 50.0], 2 * n, 13.0, &[]);
    let note = format!(
        "Tình trạng của nhiệm vụ trong kỳ: Đã hoàn thành khi mọi cơ quan chủ trì báo cáo đã hoàn thành; Chưa thực hiện khi không cơ quan nào báo cáo đã bắt đầu; còn lại Đang thực hiện (cơ quan không báo cáo tính là chưa xong). “{NOT_IN_PLAN}”: nhiệm vụ không có trong kế hoạch kỳ đó. Số liệu như sheet Theo nhiệm vụ của bản tổng hợp từng kỳ."
    );
    let title = format!(
        "Kết quả thực hiện nhiệm vụ theo kỳ, các kỳ {}",
        super::span(s)
    );
    let head = table_head(ws, f, &title, &note, &labels, &widths)?;
    ws.set_freeze_panes(head + 1, 2)?;
    for (i, t) in s.tasks.iter().enumerate() {
        let r = head + 1 + row(i);
        ws.write_string_with_format(r, 0, &t.id, &f.td)?;
        ws.write_string_with_format(r, 1, &t.text, &f.td)?;
        for (k, cell) in t.cells.iter().enumerate() {
            let c = col(2 + 2 * k);
            let status = cell.and_then(|c| c.status());
            ws.write_string_with_format(r, c, status_label(status), f.status(status))?;
            let counts = cell.map_or_else(
                || NOT_IN_PLAN.to_string(),
                |x| format!("{}/{}", x.done, x.responsible),
            );
            ws.write_string_with_format(r, c + 1, &counts, &f.td_c)?;
        }
        let lines = style::estimate_lines(&t.text, widths[1], 11.0, TextKind::Regular);
        ws.set_row_height(r, style::row_height_pt(lines, 11.0))?;
    }
    Ok(())
}

/// `Chỉ tiêu theo kỳ`: per indicator the province's total of each period, the cumulative
/// totals, and a line chart per indicator under the table.
pub(super) fn indicators(ws: &mut Worksheet, s: &Summary, f: &F) -> Result<(), XlsxError> {
    ws.set_name(super::SHEET_INDICATORS)?;
    let n = s.periods.len();
    let per: Vec<String> = period_labels(s, "Kỳ ")
        .into_iter()
        .chain(
            s.periods
                .iter()
                .map(|p| format!("Lũy kế đến kỳ {}", p.name)),
        )
        .collect();
    let labels = labels(&["Mã", "Chỉ tiêu", "Đơn vị tính"], per, &[]);
    let widths = widths(&[7.0, 44.0, 12.0], 2 * n, 12.0, &[]);
    let note = format!(
        "Số liệu mỗi kỳ là Tổng toàn tỉnh ở sheet Chỉ tiêu của bản tổng hợp kỳ đó (chỉ tiêu tỷ lệ %: trung bình của các cơ quan; không cộng lũy kế). Ô trống: kỳ đó không cơ quan nào có số liệu; “{NOT_IN_PLAN}”: chỉ tiêu không có trong kế hoạch kỳ đó. Lũy kế cộng các kỳ có số liệu. Biểu đồ ở dưới bảng."
    );
    let title = format!("Chỉ tiêu theo kỳ, các kỳ {}", super::span(s));
    let head = table_head(ws, f, &title, &note, &labels, &widths)?;
    ws.set_freeze_panes(head + 1, 3)?;
    for (i, ind) in s.indicators.iter().enumerate() {
        let r = head + 1 + row(i);
        ws.write_string_with_format(r, 0, &ind.id, &f.td)?;
        ws.write_string_with_format(r, 1, &ind.name, &f.td)?;
        ws.write_string_with_format(r, 2, &ind.unit, &f.td_c)?;
        for k in 0..n {
            number_or_mark(ws, r, col(3 + k), ind.totals[k], ind.reported[k], f)?;
            let c = col(3 + n + k);
            match ind.cumulative[k] {
                Some(v) => ws.write_number_with_format(r, c, v, &f.td_num)?,
                None => ws.write_string_with_format(r, c, NOT_IN_PLAN, &f.td_c)?,
            };
        }
        let lines = style::estimate_lines(&ind.name, widths[1], 11.0, TextKind::Regular);
        ws.set_row_height(r, style::row_height_pt(lines, 11.0))?;
    }
    charts(ws, s, head)
}

fn number_or_mark(
    ws: &mut Worksheet,
    r: u32,
    c: u16,
    v: Option<f64>,
    reported: usize,
    f: &F,
) -> Result<(), XlsxError> {
    match v {
        Some(v) => ws.write_number_with_format(r, c, v, &f.td_num)?,
        // No agency gave a value: blank, as `Chỉ tiêu` leaves it (never 0).
        None if reported == 0 => ws.write_blank(r, c, &f.td_num)?,
        None => ws.write_string_with_format(r, c, NOT_IN_PLAN, &f.td_c)?,
    };
    Ok(())
}

/// Rows a chart covers, and charts per printed row.
const CHART_ROWS: u32 = 16;
const CHARTS_PER_ROW: usize = 2;

/// One line chart per indicator, two side by side, under the table; a page break every
/// two rows of charts so none is cut.
fn charts(ws: &mut Worksheet, s: &Summary, head: u32) -> Result<(), XlsxError> {
    let n = s.periods.len();
    let sheet = super::SHEET_INDICATORS;
    let first = head + 1 + row(s.indicators.len()) + 2;
    let font = |pt: f64| {
        let mut x = ChartFont::new();
        x.set_name(style::FONT).set_size(pt);
        x
    };
    let mut breaks = vec![first - 1];
    for (i, ind) in s.indicators.iter().enumerate() {
        let r = head + 1 + row(i);
        let band = row(i / CHARTS_PER_ROW);
        let at = first + band * CHART_ROWS;
        if i % CHARTS_PER_ROW == 0 && band > 0 && band.is_multiple_of(2) {
            breaks.push(at);
        }
        let mut chart = Chart::new(ChartType::Line);
        chart
            .title()
            .set_name(&format!("{} ({})", ind.name, ind.unit))
            .set_font(&font(10.0));
        chart
            .add_series()
            .set_categories((sheet, head, 3, head, col(3 + n - 1)))
            .set_values((sheet, r, 3, r, col(3 + n - 1)))
            .set_name(&format!("{} — tổng toàn tỉnh", ind.id))
            .set_marker(rust_xlsxwriter::ChartMarker::new().set_type(ChartMarkerType::Circle));
        chart.legend().set_hidden();
        chart.x_axis().set_font(&font(9.0));
        chart.y_axis().set_font(&font(9.0)).set_min(0.0);
        chart.set_width(520).set_height(300);
        let c = if i % CHARTS_PER_ROW == 0 { 0 } else { 1 };
        let (at_col, offset) = if c == 0 { (0u16, 4u32) } else { (3u16, 120u32) };
        ws.insert_chart_with_offset(at, at_col, &chart, offset, 4)?;
    }
    if !s.indicators.is_empty() {
        ws.set_page_breaks(&breaks)?;
    }
    Ok(())
}

/// `Ít khi đúng hạn`: the lines under the on-time threshold, worst first.
pub(super) fn rarely(ws: &mut Worksheet, s: &Summary, f: &F) -> Result<(), XlsxError> {
    ws.set_name(super::SHEET_RARELY)?;
    let labels: Vec<String> = [
        "STT",
        "Mã cơ quan",
        "Cơ quan",
        "Số báo cáo phải nộp",
        "Nộp đúng hạn",
        "Trễ hạn",
        "Không hợp lệ",
        "Chưa nộp",
        "Tỷ lệ đúng hạn (%)",
        "Các kỳ không đúng hạn",
    ]
    .map(String::from)
    .to_vec();
    let widths = [5.0, 18.0, 34.0, 10.0, 10.0, 9.0, 10.0, 9.0, 10.0, 42.0];
    let note = format!(
        "Cơ quan không bao giờ hoặc ít khi báo cáo đúng hạn: tỷ lệ đúng hạn dưới {} % các kỳ phải báo cáo, thấp nhất trước. Các cột Trễ hạn, Không hợp lệ, Chưa nộp đếm theo tình trạng ở bản tổng hợp từng kỳ.",
        crate::summary::RARELY_ON_TIME_PCT
    );
    let title = format!("Cơ quan ít khi báo cáo đúng hạn, các kỳ {}", super::span(s));
    let head = table_head(ws, f, &title, &note, &labels, &widths)?;
    for (i, &li) in s.rarely.iter().enumerate() {
        let line = &s.agencies[li];
        let r = head + 1 + row(i);
        ws.write_number_with_format(r, 0, (i + 1) as f64, &f.td_c)?;
        ws.write_string_with_format(r, 1, &line.code, &f.td)?;
        ws.write_string_with_format(r, 2, &line.name, &f.td)?;
        let count = |st: SubmitStatus| {
            line.cells
                .iter()
                .flatten()
                .filter(|m| m.status == st)
                .count() as f64
        };
        let nums = [
            line.expected as f64,
            line.on_time as f64,
            count(SubmitStatus::Late),
            count(SubmitStatus::Invalid),
            count(SubmitStatus::Missing),
        ];
        for (k, v) in nums.iter().enumerate() {
            ws.write_number_with_format(r, col(3 + k), *v, &f.td_int)?;
        }
        let rate = line.on_time_rate().map_or(0.0, round1);
        ws.write_number_with_format(r, 8, rate, &f.td_pct)?;
        let missed: Vec<String> = s
            .periods
            .iter()
            .enumerate()
            .filter(|(k, _)| line.cells[*k].iter().any(|m| !m.on_time))
            .map(|(k, p)| format!("{}: {}", p.name, matrix_text(line, k)))
            .collect();
        let text = missed.join("; ");
        ws.write_string_with_format(r, 9, &text, &f.td)?;
        let lines = style::estimate_lines(&text, widths[9], 11.0, TextKind::Regular).max(
            style::estimate_lines(&line.name, widths[2], 11.0, TextKind::Regular),
        );
        ws.set_row_height(r, style::row_height_pt(lines, 11.0))?;
    }
    Ok(())
}

/// The label of an [`UndoneCell`].
pub fn undone_label(c: UndoneCell) -> &'static str {
    match c {
        UndoneCell::NotAssigned => NOT_IN_PLAN,
        UndoneCell::NotReported => NOT_REPORTED,
        UndoneCell::Reported(s) => s.label(),
    }
}

/// `Nhiệm vụ chưa xong`: per agency line and task, the periods it was not reported done.
pub(super) fn undone(ws: &mut Worksheet, s: &Summary, f: &F) -> Result<(), XlsxError> {
    ws.set_name(super::SHEET_UNDONE)?;
    let n = s.periods.len();
    let labels = labels(
        &[
            "STT",
            "Mã nhiệm vụ",
            "Nội dung nhiệm vụ",
            "Mã cơ quan",
            "Cơ quan",
        ],
        period_labels(s, "Kỳ "),
        &["Số kỳ chưa xong"],
    );
    let widths = widths(&[5.0, 10.0, 56.0, 16.0, 28.0], n, 14.0, &[9.0]);
    let note = format!(
        "Nhiệm vụ cơ quan chưa báo cáo hoàn thành từ {} kỳ trở lên: Đang thực hiện, Chưa thực hiện, hoặc {NOT_REPORTED} (không nộp báo cáo, dòng nhiệm vụ trống hoặc không hợp lệ). Nhiệm vụ thường xuyên luôn Đang thực hiện. “{NOT_IN_PLAN}”: kỳ đó cơ quan không chủ trì nhiệm vụ này.",
        crate::summary::UNDONE_PERIODS
    );
    let title = format!(
        "Nhiệm vụ chưa hoàn thành nhiều kỳ, các kỳ {}",
        super::span(s)
    );
    let head = table_head(ws, f, &title, &note, &labels, &widths)?;
    ws.set_freeze_panes(head + 1, 2)?;
    for (i, u) in s.undone.iter().enumerate() {
        let line = &s.agencies[u.line];
        let r = head + 1 + row(i);
        ws.write_number_with_format(r, 0, (i + 1) as f64, &f.td_c)?;
        ws.write_string_with_format(r, 1, &u.task, &f.td)?;
        ws.write_string_with_format(r, 2, &u.text, &f.td)?;
        ws.write_string_with_format(r, 3, &line.code, &f.td)?;
        ws.write_string_with_format(r, 4, &line.name, &f.td)?;
        for (k, c) in u.cells.iter().enumerate() {
            let format = match c {
                UndoneCell::NotAssigned => &f.grey,
                UndoneCell::NotReported => &f.missing,
                UndoneCell::Reported(st) => f.status(Some(*st)),
            };
            ws.write_string_with_format(r, col(5 + k), undone_label(*c), format)?;
        }
        ws.write_number_with_format(r, col(5 + n), u.periods_undone as f64, &f.td_int)?;
        let lines = style::estimate_lines(&u.text, widths[2], 11.0, TextKind::Regular);
        ws.set_row_height(r, style::row_height_pt(lines, 11.0))?;
    }
    Ok(())
}
