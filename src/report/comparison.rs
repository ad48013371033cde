//! The comparison sheets `consolidate --previous` adds to the consolidated workbook: the
//! period against the one before (docs/consolidated-format.md, "So sánh …").
//!
//! Three sheets, each a table whose header is row 1 and whose later rows are one record each
//! (the workbook's contract): [`SHEET_AGENCIES`] (the submission state then and now, per agency
//! followed through successions), [`SHEET_TASKS`] (per agency and task, the status then and
//! now and what changed) and [`SHEET_INDICATORS`] (province totals, then per agency and
//! indicator the value then and now, the change, and the consistency warning with both
//! cells). The periods compared are named in the printed page header and in `Tổng hợp`
//! ([`summary_note`]).

use rust_xlsxwriter::{Color, Format, FormatAlign, FormatBorder, Worksheet, XlsxError};

use super::consolidated::submit_label;
use super::style;
use crate::history::compare::{
    AgencyChange, AgencyState, Comparison, Jump, TaskChange, TaskNote, TaskState, Trend,
};

pub const SHEET_AGENCIES: &str = "So sánh cơ quan";
pub const SHEET_TASKS: &str = "So sánh nhiệm vụ";
pub const SHEET_INDICATORS: &str = "So sánh chỉ tiêu";

pub const AGENCY_COLUMNS: [&str; 6] = [
    "Mã cơ quan",
    "Tên cơ quan",
    "Mã cũ (cơ quan tiền thân)",
    "Tình trạng kỳ trước",
    "Tình trạng kỳ này",
    "Thay đổi",
];
pub const TASK_COLUMNS: [&str; 8] = [
    "Mã cơ quan",
    "Mã nhiệm vụ",
    "Tình trạng kỳ trước",
    "Tình trạng kỳ này",
    "Nhận xét",
    "Chưa hoàn thành từ kỳ",
    "Ô kỳ trước",
    "Ô kỳ này",
];
pub const INDICATOR_COLUMNS: [&str; 11] = [
    "Mã cơ quan",
    "Mã chỉ tiêu",
    "Tên chỉ tiêu",
    "Đơn vị tính",
    "Kỳ trước",
    "Kỳ này",
    "Thay đổi",
    "Thay đổi (%)",
    "Cảnh báo",
    "Ô kỳ trước",
    "Ô kỳ này",
];
/// `Mã cơ quan` of the province-total rows at the top of [`SHEET_INDICATORS`].
pub const TOTAL_ROW: &str = "Tổng toàn tỉnh";

const AGENCY_WIDTHS: [f64; 6] = [22.0, 40.0, 16.0, 26.0, 16.0, 24.0];
const TASK_WIDTHS: [f64; 8] = [22.0, 11.0, 18.0, 18.0, 30.0, 11.0, 38.0, 38.0];
const INDICATOR_WIDTHS: [f64; 11] = [
    22.0, 9.0, 34.0, 10.0, 10.0, 10.0, 10.0, 10.0, 20.0, 32.0, 32.0,
];
const TABLE_PT: f64 = 11.0;

struct F {
    th: Format,
    td: Format,
    num: Format,
    dec: Format,
    pct: Format,
    good: Format,
    bad: Format,
    warn: Format,
}

fn formats() -> F {
    let base = Format::new()
        .set_font_name(style::FONT)
        .set_font_size(TABLE_PT)
        .set_border(FormatBorder::Thin)
        .set_align(FormatAlign::Top);
    let fill = |rgb: u32| {
        base.clone()
            .set_text_wrap()
            .set_background_color(Color::RGB(rgb))
    };
    F {
        th: base
            .clone()
            .set_bold()
            .set_text_wrap()
            .set_align(FormatAlign::Center)
            .set_align(FormatAlign::VerticalCenter)
            .set_background_color(Color::RGB(0xE7E6E6)),
        td: base.clone().set_text_wrap(),
        num: base.clone().set_num_format("#,##0"),
        dec: base.clone().set_num_format("#,##0.00"),
        pct: base.clone().set_num_format("+0.0;-0.0;0"),
        good: fill(0xC6EFCE),
        bad: fill(0xFFC7CE),
        warn: fill(0xFFEB9C),
    }
}

/// The line `Tổng hợp` prints under the data window: the periods compared.
pub fn summary_note(cmp: &Comparison) -> String {
    let name = |p: &crate::history::compare::PeriodRef| {
        if p.source.is_empty() {
            format!("kỳ {}", p.name)
        } else {
            format!("kỳ {} ({})", p.name, p.source)
        }
    };
    let mut s = format!("So sánh với {}", name(&cmp.previous));
    let before: Vec<String> = cmp.earlier[..cmp.earlier.len() - 1]
        .iter()
        .map(name)
        .collect();
    if !before.is_empty() {
        s += &format!("; các kỳ trước đó: {}", before.join(", "));
    }
    s + &format!(": xem các sheet {SHEET_AGENCIES}, {SHEET_TASKS}, {SHEET_INDICATORS}.")
}

/// The three comparison sheets, in workbook order (agencies, tasks, indicators).
///
/// # Errors
/// Any [`XlsxError`] from rust_xlsxwriter.
pub fn sheets(cmp: &Comparison) -> Result<[Worksheet; 3], XlsxError> {
    let f = formats();
    let title = |sheet: &str| {
        format!(
            "{sheet} — kỳ {} so với kỳ {}",
            cmp.current.name, cmp.previous.name
        )
    };
    let mut by_agency = Worksheet::new();
    agencies(&mut by_agency, cmp, &f)?;
    finish(
        &mut by_agency,
        &AGENCY_WIDTHS,
        &title(SHEET_AGENCIES),
        cmp.agencies.len(),
    )?;
    let mut by_task = Worksheet::new();
    tasks(&mut by_task, cmp, &f)?;
    finish(
        &mut by_task,
        &TASK_WIDTHS,
        &title(SHEET_TASKS),
        cmp.tasks.len(),
    )?;
    let mut by_indicator = Worksheet::new();
    let rows = indicators(&mut by_indicator, cmp, &f)?;
    finish(
        &mut by_indicator,
        &INDICATOR_WIDTHS,
        &title(SHEET_INDICATORS),
        rows,
    )?;
    Ok([by_agency, by_task, by_indicator])
}

fn row(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

fn col(n: usize) -> u16 {
    u16::try_from(n).unwrap_or(u16::MAX)
}

fn header(ws: &mut Worksheet, name: &str, labels: &[&str], f: &F) -> Result<(), XlsxError> {
    ws.set_name(name)?;
    for (c, l) in labels.iter().enumerate() {
        ws.write_string_with_format(0, col(c), *l, &f.th)?;
    }
    ws.set_row_height(0, 32)?;
    Ok(())
}

/// One row of texts, each with its format, the row as tall as its longest wrapped text.
fn texts(
    ws: &mut Worksheet,
    r: u32,
    cells: &[(&str, &Format)],
    widths: &[f64],
) -> Result<(), XlsxError> {
    let mut most = 1;
    for (c, (t, fmt)) in cells.iter().enumerate() {
        ws.write_string_with_format(r, col(c), *t, fmt)?;
        let w = widths.get(c).copied().unwrap_or(10.0);
        most = most.max(style::estimate_lines(
            t,
            w,
            TABLE_PT,
            style::TextKind::Regular,
        ));
    }
    if most > 1 {
        ws.set_row_height(r, style::row_height_pt(most, TABLE_PT).min(409.0))?;
    }
    Ok(())
}

fn finish(ws: &mut Worksheet, widths: &[f64], title: &str, rows: usize) -> Result<(), XlsxError> {
    for (c, w) in widths.iter().enumerate() {
        ws.set_column_width(col(c), *w)?;
    }
    if rows > 0 {
        ws.autofilter(0, 0, row(rows), col(widths.len() - 1))?;
    }
    ws.set_freeze_panes(1, 0)?;
    ws.set_repeat_rows(0, 0)?;
    style::page_setup_a4_landscape(ws);
    ws.set_header(format!(
        "&C&\"Times New Roman,Bold\"&12{}",
        title.replace('&', "&&")
    ));
    Ok(())
}

fn states(line: &str, then: &[AgencyState]) -> String {
    match then {
        [] => "Không phải báo cáo".into(),
        [one] if one.code == line => submit_label(one.status).into(),
        many => many
            .iter()
            .map(|s| format!("{}: {}", s.code, submit_label(s.status)))
            .collect::<Vec<_>>()
            .join("; "),
    }
}

fn trend_label(t: Trend) -> &'static str {
    match t {
        Trend::Better => "Tốt hơn kỳ trước",
        Trend::Worse => "Kém hơn kỳ trước",
        Trend::Same => "Như kỳ trước",
        Trend::New => "Kỳ trước không phải báo cáo",
        Trend::Ended => "Kỳ này không còn phải báo cáo",
    }
}

fn agencies(ws: &mut Worksheet, cmp: &Comparison, f: &F) -> Result<(), XlsxError> {
    header(ws, SHEET_AGENCIES, &AGENCY_COLUMNS, f)?;
    for (i, a) in cmp.agencies.iter().enumerate() {
        agency_row(ws, row(i + 1), a, f)?;
    }
    Ok(())
}

fn agency_row(ws: &mut Worksheet, r: u32, a: &AgencyChange, f: &F) -> Result<(), XlsxError> {
    let then = states(&a.code, &a.then);
    let now = a
        .now
        .as_ref()
        .map_or("Không phải báo cáo", |s| submit_label(s.status));
    let tf = match a.trend {
        Trend::Better => &f.good,
        Trend::Worse => &f.bad,
        _ => &f.td,
    };
    let earlier = a.earlier.join(", ");
    texts(
        ws,
        r,
        &[
            (&a.code, &f.td),
            (&a.name, &f.td),
            (&earlier, &f.td),
            (&then, &f.td),
            (now, &f.td),
            (trend_label(a.trend), tf),
        ],
        &AGENCY_WIDTHS,
    )
}

fn task_state(s: Option<&TaskState>, line: &str) -> String {
    let Some(s) = s else {
        return String::new();
    };
    let mut t = s.status.clone().unwrap_or_else(|| "(không hợp lệ)".into());
    if s.overdue {
        t += " (quá hạn)";
    }
    if s.code != line {
        t = format!("{}: {t}", s.code);
    }
    t
}

fn note_label(n: TaskNote) -> &'static str {
    match n {
        TaskNote::NewlyDone => "Mới hoàn thành kỳ này",
        TaskNote::StillDone => "Đã hoàn thành (cả hai kỳ)",
        TaskNote::OverdueCarried => "Quá hạn từ kỳ trước, vẫn chưa hoàn thành",
        TaskNote::StillNotDone => "Vẫn chưa hoàn thành",
        TaskNote::Reopened => "Kỳ trước đã hoàn thành, kỳ này báo chưa hoàn thành",
        TaskNote::New => "Kỳ trước không báo cáo nhiệm vụ này",
        TaskNote::NotReported => "Kỳ này không báo cáo nhiệm vụ này",
    }
}

fn tasks(ws: &mut Worksheet, cmp: &Comparison, f: &F) -> Result<(), XlsxError> {
    header(ws, SHEET_TASKS, &TASK_COLUMNS, f)?;
    for (i, t) in cmp.tasks.iter().enumerate() {
        task_row(ws, row(i + 1), t, f)?;
    }
    Ok(())
}

fn task_row(ws: &mut Worksheet, r: u32, t: &TaskChange, f: &F) -> Result<(), XlsxError> {
    let nf = match t.note {
        TaskNote::NewlyDone => &f.good,
        TaskNote::OverdueCarried | TaskNote::Reopened => &f.bad,
        TaskNote::StillNotDone => &f.warn,
        _ => &f.td,
    };
    let then = task_state(t.then.as_ref(), &t.agency);
    let now = task_state(t.now.as_ref(), &t.agency);
    let src = |s: Option<&TaskState>| s.map(|s| s.source.clone()).unwrap_or_default();
    let (src_then, src_now) = (src(t.then.as_ref()), src(t.now.as_ref()));
    texts(
        ws,
        r,
        &[
            (&t.agency, &f.td),
            (&t.task, &f.td),
            (&then, &f.td),
            (&now, &f.td),
            (note_label(t.note), nf),
            (t.since.as_deref().unwrap_or(""), &f.td),
            (&src_then, &f.td),
            (&src_now, &f.td),
        ],
        &TASK_WIDTHS,
    )
}

/// A number, or a blank cell: a change in % with one decimal and a sign, other figures
/// whole or with two decimals.
fn opt_number(
    ws: &mut Worksheet,
    r: u32,
    c: u16,
    v: Option<f64>,
    f: &F,
    percent: bool,
) -> Result<(), XlsxError> {
    let fmt = match v {
        _ if percent => &f.pct,
        Some(x) if x.fract() != 0.0 => &f.dec,
        _ => &f.num,
    };
    match v {
        Some(v) => ws.write_number_with_format(r, c, v, fmt).map(|_| ()),
        None => ws.write_blank(r, c, fmt).map(|_| ()),
    }
}

fn jump_label(j: Option<Jump>) -> String {
    match j {
        None => String::new(),
        Some(Jump::Up { factor }) => format!("C001: gấp {} lần", decimal1(factor)),
        Some(Jump::Down { percent }) => format!("C002: giảm {}%", decimal1(percent)),
        Some(Jump::FromZero) => "C003: kỳ trước là 0".into(),
    }
}

fn decimal1(x: f64) -> String {
    format!("{x:.1}").replace('.', ",")
}

/// Writes the province totals, then one row per agency and indicator; returns the rows.
fn indicators(ws: &mut Worksheet, cmp: &Comparison, f: &F) -> Result<usize, XlsxError> {
    header(ws, SHEET_INDICATORS, &INDICATOR_COLUMNS, f)?;
    let mut r = 1;
    for t in &cmp.totals {
        texts(
            ws,
            r,
            &[
                (TOTAL_ROW, &f.td),
                (&t.indicator, &f.td),
                (&t.name, &f.td),
                (&t.unit, &f.td),
            ],
            &INDICATOR_WIDTHS,
        )?;
        for (c, v) in [(4, t.then), (5, t.now), (6, t.change), (7, t.percent)] {
            opt_number(ws, r, c, v, f, c == 7)?;
        }
        for c in 8..11 {
            ws.write_blank(r, c, &f.td)?;
        }
        r += 1;
    }
    for v in &cmp.values {
        let warn = jump_label(v.jump);
        let wf = if v.jump.is_some() { &f.warn } else { &f.td };
        texts(
            ws,
            r,
            &[
                (&v.agency, &f.td),
                (&v.indicator, &f.td),
                (&v.name, &f.td),
                (&v.unit, &f.td),
            ],
            &INDICATOR_WIDTHS,
        )?;
        for (c, x) in [(4, v.then), (5, v.now), (6, v.change), (7, v.percent)] {
            opt_number(ws, r, c, x, f, c == 7)?;
        }
        ws.write_string_with_format(r, 8, &warn, wf)?;
        ws.write_string_with_format(r, 9, &v.then_source, &f.td)?;
        ws.write_string_with_format(r, 10, &v.now_source, &f.td)?;
        let most = [(&v.then_source, 9), (&v.now_source, 10), (&v.name, 2)]
            .iter()
            .map(|(t, c)| {
                style::estimate_lines(t, INDICATOR_WIDTHS[*c], TABLE_PT, style::TextKind::Regular)
            })
            .max()
            .unwrap_or(1);
        if most > 1 {
            ws.set_row_height(r, style::row_height_pt(most, TABLE_PT).min(409.0))?;
        }
        r += 1;
    }
    Ok(usize::try_from(r - 1).unwrap_or(0))
}
