//! The consolidated workbook `baocao consolidate` writes, ready to forward upward.
//!
//! Sheet names and header labels are a documented contract (docs/consolidated-format.md) so
//! the next level can read the file by machine: on every sheet but `Tổng hợp` the header row
//! is row 1 and each later row is one record. Every value from a submission is written as a
//! value (text as text, never a formula); blanks stay blank. The workbook never reads the
//! clock: its creation time is the as-of date, so identical inputs give identical bytes.
//!
//! Print setup follows Decree 30/2020: A4 landscape, Times New Roman, table headers repeated
//! on every page, rows tall enough for their wrapped text (Excel and LibreOffice do not fit
//! row heights when opening a file). `Tổng hợp` reads as a signed report: Decree 30 header,
//! figures, the per-agency table, `Nơi nhận` and the signature block, then the chart on a
//! page of its own.

use chrono::{Datelike, NaiveDate};
use rust_xlsxwriter::{
    Chart, ChartDataLabel, ChartFont, ChartType, Color, ConditionalFormatFormula, DocProperties,
    ExcelDateTime, Format, FormatAlign, FormatBorder, Workbook, Worksheet, XlsxError,
};

use super::style::{self, Decree30Header, HeaderColumns, Styles, TextKind};
use crate::check::Status;
use crate::consolidate::{AgencyRow, Consolidation, ReceivedSource, Role, SubmitStatus};
use crate::diag::{Location, Severity};
use crate::plan::{IndicatorType, Plan, fmt_date};

/// Sheet names (the contract).
pub const SHEET_SUMMARY: &str = "Tổng hợp";
pub const SHEET_TASKS: &str = "Nhiệm vụ";
pub const SHEET_BY_TASK: &str = "Theo nhiệm vụ";
pub const SHEET_INDICATORS: &str = "Chỉ tiêu";
pub const SHEET_CHASE: &str = "Chưa nộp, trễ hạn";
pub const SHEET_FINDINGS: &str = "Lỗi, cảnh báo";
pub const SHEET_SOURCES: &str = "Nguồn";
/// Every sheet, in workbook order.
pub const SHEETS: [&str; 7] = [
    SHEET_SUMMARY,
    SHEET_TASKS,
    SHEET_BY_TASK,
    SHEET_INDICATORS,
    SHEET_CHASE,
    SHEET_FINDINGS,
    SHEET_SOURCES,
];

/// Headings of the two parts of `Tổng hợp` (column A), so readers can find them.
pub const HEADING_FIGURES: &str = "I. SỐ LIỆU CHUNG";
pub const HEADING_AGENCIES: &str = "Phụ lục 2: Tình hình báo cáo theo cơ quan";

/// Labels of the overall figures in `Tổng hợp` (column B; the value is in column F).
pub const FIGURE_LABELS: [&str; 22] = [
    "Số cơ quan phải báo cáo",
    "Số báo cáo đã nhận",
    "Số báo cáo đúng hạn",
    "Số báo cáo trễ hạn",
    "Số cơ quan chưa nộp",
    "Số báo cáo không hợp lệ (có lỗi)",
    "Tỷ lệ báo cáo (%)",
    "Tỷ lệ đúng hạn (%)",
    "Nhiệm vụ đã hoàn thành",
    "Nhiệm vụ đang thực hiện",
    "Nhiệm vụ chưa thực hiện",
    "Nhiệm vụ quá hạn",
    "Nhiệm vụ chưa có báo cáo",
    "Số tệp đã đọc",
    "Số tệp không đọc được",
    "Số tệp bản cũ (đã có bản mới hơn)",
    "Số tệp kỳ báo cáo khác",
    "Số tệp không xác định được cơ quan",
    "Số tệp của cơ quan không phải báo cáo kỳ này",
    "Số tệp chưa tính là đã nhận (ngày sửa tệp sau ngày đối chiếu)",
    "Số lỗi",
    "Số cảnh báo",
];

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

/// The fixed columns of `Chỉ tiêu`; one column per expected agency (its code) follows.
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

pub const CHASE_COLUMNS: [&str; 9] = [
    "STT",
    "Mã cơ quan",
    "Tên cơ quan",
    "Tình trạng",
    "Số ngày trễ",
    "Ngày nhận",
    "Người lập",
    "Điện thoại",
    "Ghi chú",
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

/// Vietnamese label of where a received date came from (the contract values).
pub fn source_label(s: ReceivedSource) -> &'static str {
    match s {
        ReceivedSource::Log => "Sổ nhận",
        ReceivedSource::ReportDate => "Ngày báo cáo",
        ReceivedSource::FileTime => "Ngày sửa tệp",
    }
}

/// Vietnamese label of what became of a file (the contract values of `Nguồn`, `Sử dụng`).
pub fn role_label(r: Role) -> &'static str {
    match r {
        Role::Used => "Sử dụng",
        Role::Superseded => "Bản cũ, không dùng",
        Role::OtherPeriod => "Kỳ khác, không dùng",
        Role::Unreadable => "Không đọc được",
        Role::Unidentified => "Không xác định được cơ quan",
        Role::NotExpected => "Cơ quan không phải báo cáo kỳ này",
        Role::NotYetReceived => "Chưa tính là đã nhận (ngày sửa tệp sau ngày đối chiếu)",
    }
}

/// The chase list's `Tình trạng` values.
pub const CHASE_MISSING_OVERDUE: &str = "Chưa nộp (quá hạn)";
pub const CHASE_MISSING_NOT_DUE: &str = "Chưa nộp (chưa đến hạn)";
pub const CHASE_LATE: &str = "Trễ hạn";
pub const CHASE_INVALID: &str = "Không hợp lệ, cần gửi lại";

/// Font size of table cells.
const TABLE_PT: f64 = 11.0;
/// Excel's tallest row, in points.
const MAX_ROW_PT: f64 = 409.0;

struct F {
    s: Styles,
    th: Format,
    td: Format,
    td_c: Format,
    td_int: Format,
    td_dec: Format,
    td_pct: Format,
    td_date: Format,
    td_bad: Format,
    td_warn: Format,
    td_good: Format,
    td_missing: Format,
    /// Data sheets (see `data_columns`): column formats, coloured marks and the grid.
    col_text: Format,
    col_center: Format,
    col_int: Format,
    col_date: Format,
    mark_bad: Format,
    mark_warn: Format,
    mark_good: Format,
    grid: Format,
    label: Format,
    value: Format,
    value_pct: Format,
    explain: Format,
    recipients_title: Format,
    recipients: Format,
    sign: Format,
}

impl F {
    /// Every table format, in a fixed order (see [`build`]).
    fn table_formats(&self) -> [&Format; 25] {
        [
            &self.col_text,
            &self.col_center,
            &self.col_int,
            &self.col_date,
            &self.mark_bad,
            &self.mark_warn,
            &self.mark_good,
            &self.th,
            &self.td,
            &self.td_c,
            &self.td_int,
            &self.td_dec,
            &self.td_pct,
            &self.td_date,
            &self.td_bad,
            &self.td_warn,
            &self.td_good,
            &self.td_missing,
            &self.label,
            &self.value,
            &self.value_pct,
            &self.explain,
            &self.recipients_title,
            &self.recipients,
            &self.sign,
        ]
    }
}

fn formats() -> F {
    let s = Styles::new();
    let border = |f: Format| f.set_border(FormatBorder::Thin).set_align(FormatAlign::Top);
    let base = Format::new()
        .set_font_name(style::FONT)
        .set_font_size(TABLE_PT);
    let column = |f: Format| f.set_align(FormatAlign::Top).set_text_wrap();
    let mark = |rgb: u32| column(base.clone().set_background_color(Color::RGB(rgb)));
    let fill = |rgb: u32| {
        border(
            base.clone()
                .set_background_color(Color::RGB(rgb))
                .set_text_wrap(),
        )
    };
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
        td_c: border(base.clone().set_align(FormatAlign::Center).set_text_wrap()),
        td_int: border(base.clone().set_num_format("#,##0")),
        td_dec: border(base.clone().set_num_format("#,##0.00")),
        td_pct: border(base.clone().set_num_format("0.0")),
        td_date: border(
            base.clone()
                .set_num_format(style::DATE_FORMAT)
                .set_align(FormatAlign::Center),
        ),
        td_bad: fill(0xFFC7CE),
        td_warn: fill(0xFFEB9C),
        td_good: fill(0xC6EFCE),
        td_missing: fill(0xF4B084),
        col_text: column(base.clone()),
        col_center: column(base.clone().set_align(FormatAlign::Center)),
        col_int: base
            .clone()
            .set_num_format("#,##0")
            .set_align(FormatAlign::Top),
        col_date: base
            .clone()
            .set_num_format(style::DATE_FORMAT)
            .set_align(FormatAlign::Center)
            .set_align(FormatAlign::Top),
        mark_bad: mark(0xFFC7CE),
        mark_warn: mark(0xFFEB9C),
        mark_good: mark(0xC6EFCE),
        grid: Format::new().set_border(FormatBorder::Thin),
        label: base
            .clone()
            .set_font_size(12)
            .set_align(FormatAlign::VerticalCenter),
        value: base
            .clone()
            .set_font_size(12)
            .set_bold()
            .set_align(FormatAlign::Right)
            .set_num_format("#,##0"),
        value_pct: base
            .clone()
            .set_font_size(12)
            .set_bold()
            .set_align(FormatAlign::Right)
            .set_num_format("0.0"),
        explain: base
            .clone()
            .set_font_size(10)
            .set_italic()
            .set_font_color(Color::RGB(0x595959))
            .set_align(FormatAlign::VerticalCenter),
        recipients_title: base.clone().set_font_size(12).set_bold().set_italic(),
        recipients: base.clone().set_font_size(11),
        sign: base
            .clone()
            .set_font_size(13)
            .set_bold()
            .set_align(FormatAlign::Center),
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

fn col(n: usize) -> u16 {
    u16::try_from(n).unwrap_or(u16::MAX)
}

fn header_row(ws: &mut Worksheet, r: u32, labels: &[&str], f: &Format) -> Result<(), XlsxError> {
    for (c, l) in labels.iter().enumerate() {
        ws.write_string_with_format(r, col(c), *l, f)?;
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

// ---- data sheets ------------------------------------------------------------------------------
//
// `Nhiệm vụ`, `Theo nhiệm vụ`, `Lỗi, cảnh báo` and `Nguồn` grow with the number of submissions
// (tens of thousands of rows at the level above a province). Their cells carry no format of
// their own: each column has one (font, wrapping, number or date format), one conditional
// format draws the grid over the table, and only coloured cells (overdue, errors, warnings,
// roles) name a format. On screen and on paper the table looks as if every cell had borders,
// at about two thirds of the cost of formatting each cell (rust_xlsxwriter hashes a cell's
// whole format to look it up), and blank cells need not be written at all.

/// Sets the data sheet's column formats; before any row is written (rows are streamed).
fn data_columns(ws: &mut Worksheet, formats: &[&Format]) -> Result<(), XlsxError> {
    for (c, f) in formats.iter().enumerate() {
        ws.set_column_format(col(c), f)?;
    }
    Ok(())
}

/// Draws the grid over rows `1..=last_row` and columns `0..=last_col` of a data sheet.
fn data_grid(ws: &mut Worksheet, last_row: u32, last_col: u16, f: &F) -> Result<(), XlsxError> {
    if last_row >= 1 {
        let grid = ConditionalFormatFormula::new()
            .set_rule("TRUE")
            .set_format(&f.grid);
        ws.add_conditional_format(1, 0, last_row, last_col, &grid)?;
    }
    Ok(())
}

/// Text in a data sheet cell, in its column's format (an empty text writes nothing).
fn put(ws: &mut Worksheet, r: u32, c: u16, s: &str) -> Result<(), XlsxError> {
    ws.write_string(r, c, s).map(|_| ())
}

fn put_number(ws: &mut Worksheet, r: u32, c: u16, v: f64) -> Result<(), XlsxError> {
    ws.write_number(r, c, v).map(|_| ())
}

fn put_date(ws: &mut Worksheet, r: u32, c: u16, d: Option<NaiveDate>) -> Result<(), XlsxError> {
    match d {
        Some(d) => ws.write_datetime(r, c, &excel_date(d)?).map(|_| ()),
        None => Ok(()),
    }
}

fn text(ws: &mut Worksheet, r: u32, c: u16, s: &str, f: &Format) -> Result<(), XlsxError> {
    ws.write_string_with_format(r, c, s, f).map(|_| ())
}

fn number(ws: &mut Worksheet, r: u32, c: u16, v: f64, f: &Format) -> Result<(), XlsxError> {
    ws.write_number_with_format(r, c, v, f).map(|_| ())
}

/// Lines `text` wraps to in a table cell `width` characters wide.
fn lines(text: &str, width: f64) -> u32 {
    style::estimate_lines(text, width, TABLE_PT, TextKind::Regular)
}

/// Sets a table row's height for `lines` lines of wrapped text (rows of one line keep the
/// default height).
fn set_lines(ws: &mut Worksheet, r: u32, lines: u32) -> Result<(), XlsxError> {
    if lines > 1 {
        ws.set_row_height(r, style::row_height_pt(lines, TABLE_PT).min(MAX_ROW_PT))?;
    }
    Ok(())
}

/// Sets a table row's height from the wrapped text in it: `cells` pairs each text with the
/// width of its column.
fn fit_row(ws: &mut Worksheet, r: u32, cells: &[(&str, f64)]) -> Result<(), XlsxError> {
    let most = cells.iter().map(|(t, w)| lines(t, *w)).max().unwrap_or(1);
    set_lines(ws, r, most)
}

/// Column widths, frozen header, repeated header row, A4 landscape, and the sheet's name and
/// period in the printed page header (row 1 stays the table header, for machines).
fn finish(
    ws: &mut Worksheet,
    header: u32,
    widths: &[f64],
    page_title: Option<&str>,
) -> Result<(), XlsxError> {
    for (c, w) in widths.iter().enumerate() {
        ws.set_column_width(col(c), *w)?;
    }
    ws.set_freeze_panes(header + 1, 0)?;
    ws.set_repeat_rows(header, header)?;
    style::page_setup_a4_landscape(ws);
    if let Some(t) = page_title {
        ws.set_header(format!(
            "&C&\"Times New Roman,Bold\"&12{}",
            t.replace('&', "&&")
        ));
    }
    Ok(())
}

/// Builds the consolidated workbook; returns its bytes.
///
/// `Nhiệm vụ` (one row per agency and task, more than half of the cells) is written on a
/// thread of its own while this thread writes the other sheets, so both cores work, and the
/// sheets that grow with the number of submissions go to temporary files row by row, so
/// memory stays flat. The output stays byte-identical from run to run:
/// - `Nhiệm vụ` is the only sheet that adds to the shared string table while it is written
///   (rust_xlsxwriter's low-memory mode); its texts repeat (every agency has the same tasks),
///   which the table stores once;
/// - the other long sheets (`Theo nhiệm vụ`, `Chưa nộp, trễ hạn`, `Lỗi, cảnh báo`, `Nguồn`,
///   whose texts are mostly distinct) keep their strings in their cells (constant-memory
///   mode), and `Tổng hợp` and `Chỉ tiêu` are kept in memory, so their strings join the
///   table in sheet order when the file is saved;
/// - the table formats are registered in a fixed order before the threads start, so the
///   style list does not depend on which thread uses a format first.
///
/// # Errors
///
/// Any [`XlsxError`] from rust_xlsxwriter, e.g. a date before 1900 that Excel cannot store.
pub fn build(plan: &Plan, c: &Consolidation) -> Result<Vec<u8>, XlsxError> {
    build_compared(plan, c, None)
}

/// [`build`], with the comparison sheets of `consolidate --previous` (`super::comparison`).
///
/// # Errors
///
/// Any [`XlsxError`] from rust_xlsxwriter.
pub fn build_compared(
    plan: &Plan,
    c: &Consolidation,
    cmp: Option<&crate::history::compare::Comparison>,
) -> Result<Vec<u8>, XlsxError> {
    let f = formats();
    let mut wb = Workbook::new();
    f.s.apply_default(&mut wb)?;
    let props = DocProperties::new()
        .set_title(format!("Tổng hợp báo cáo kỳ {}", c.period.name))
        .set_subject(plan.meta.short_title.clone())
        .set_author(
            plan.consolidator()
                .map_or(plan.meta.issuer.clone(), |a| a.name.clone()),
        )
        .set_company(plan.meta.issuer_parent.clone())
        .set_keywords(format!("baocao, {}, {}", plan.meta.id, c.period.id))
        .set_creation_datetime(&excel_date(c.as_of)?);
    wb.set_properties(&props);
    for format in f.table_formats() {
        wb.register_format(format);
    }
    let title = |sheet: &str| format!("{sheet} — kỳ {}", c.period.name);
    let mut task_sheet = wb
        .new_worksheet_with_low_memory()
        .unwrap_or_else(|_| Worksheet::new());
    let mut sheets: [Worksheet; 6] = Default::default();
    for ws in &mut sheets[1..] {
        if let Ok(long) = wb.new_worksheet_with_constant_memory() {
            *ws = long;
        }
    }
    // `Chỉ tiêu` has one row per indicator: in memory.
    sheets[2] = Worksheet::new();
    let (task_sheet, others) = std::thread::scope(|scope| {
        let f = &f;
        let worker = scope.spawn(move || {
            tasks(&mut task_sheet, plan, c, f, &title(SHEET_TASKS)).map(|()| task_sheet)
        });
        let others = (|| -> Result<[Worksheet; 6], XlsxError> {
            let [sum, by, ind, cha, fin, src] = &mut sheets;
            summary(sum, plan, c, f, cmp.map(super::comparison::summary_note))?;
            by_task(by, plan, c, f, &title(SHEET_BY_TASK))?;
            indicators(ind, plan, c, f, &title(SHEET_INDICATORS))?;
            chase(cha, c, f, &title(SHEET_CHASE))?;
            findings(fin, c, f, &title(SHEET_FINDINGS))?;
            sources(src, c, f, &title(SHEET_SOURCES))?;
            Ok(sheets)
        })();
        let task_sheet = worker.join().unwrap_or_else(|_| {
            Err(XlsxError::ParameterError(format!(
                "the `{SHEET_TASKS}` sheet could not be written"
            )))
        });
        (task_sheet, others)
    });
    let [sum, by, ind, cha, fin, src] = others?;
    for ws in [sum, task_sheet?, by, ind, cha, fin, src] {
        wb.push_worksheet(ws);
    }
    if let Some(cmp) = cmp {
        super::comparison::add_sheets(&mut wb, cmp)?;
    }
    let data = data_sheet(&mut wb, plan, c)?;
    wb.push_worksheet(data);
    // Deflate is the one step of saving that runs on a single core. Level 2 takes a fifth less
    // time than level 3 (Excel's own) for a file 8 % larger, and half the time of the default
    // 6 (docs/performance.md); level 1 would be faster still but 50 % larger.
    wb.set_zip_compression_level(2);
    wb.save_to_buffer()
}

/// Widths of the `Tổng hợp` columns, in characters.
const SUMMARY_WIDTHS: [f64; 14] = [
    5.0, 16.0, 40.0, 13.0, 11.0, 13.0, 9.0, 10.0, 10.0, 10.0, 8.0, 11.0, 7.0, 9.0,
];

fn summary(
    ws: &mut Worksheet,
    plan: &Plan,
    c: &Consolidation,
    f: &F,
    compared: Option<String>,
) -> Result<(), XlsxError> {
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
    if a.file.is_some() {
        for (c, n) in [
            (7u16, a.done),
            (8, a.in_progress),
            (9, a.not_started),
            (10, a.overdue),
            (12, a.errors),
            (13, a.warnings),
        ] {
            number(ws, r, c, n as f64, &f.td_int)?;
        }
    } else {
        // Nothing was reported: blank, never 0.
        for c in [7u16, 8, 9, 10, 12, 13] {
            ws.write_blank(r, c, &f.td)?;
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

fn round1(v: f64) -> f64 {
    (v * 10.0).round() / 10.0
}

/// Widths of the `Nhiệm vụ` columns.
const TASK_WIDTHS: [f64; 13] = [
    9.0, 40.0, 11.0, 22.0, 14.0, 11.0, 11.0, 8.0, 45.0, 28.0, 16.0, 26.0, 20.0,
];

fn tasks(
    ws: &mut Worksheet,
    plan: &Plan,
    c: &Consolidation,
    f: &F,
    title: &str,
) -> Result<(), XlsxError> {
    ws.set_name(SHEET_TASKS)?;
    let t = &f.col_text;
    data_columns(
        ws,
        &[
            t,
            t,
            t,
            t,
            t,
            &f.col_date,
            &f.col_center,
            &f.col_center,
            t,
            t,
            t,
            t,
            t,
        ],
    )?;
    header_row(ws, 0, &TASK_COLUMNS, &f.th)?;
    ws.set_row_height(0, 32)?;
    let mut r = 1u32;
    // Every agency has the same tasks: how many lines a task's text takes is worked out once.
    let mut text_lines: std::collections::HashMap<&str, u32> = std::collections::HashMap::new();
    for a in &c.agencies {
        let sub = c.submission(&a.code);
        let name_lines = lines(&a.name, TASK_WIDTHS[3]);
        for t in plan.tasks_for(&a.code) {
            let deadline = plan
                .task_due(t, &c.period)
                .map_or_else(|| t.deadline.display(crate::i18n::Lang::Vi), fmt_date);
            put(ws, r, 0, &t.id)?;
            put(ws, r, 1, &t.text)?;
            put(ws, r, 2, &a.code)?;
            put(ws, r, 3, &a.name)?;
            put(ws, r, 6, &deadline)?;
            let reported = sub.and_then(|(file, s)| {
                s.tasks
                    .iter()
                    .find(|x| x.task_id == t.id)
                    .map(|x| (file, s, x))
            });
            let mut most = *text_lines
                .entry(t.id.as_str())
                .or_insert_with(|| lines(&t.text, TASK_WIDTHS[1]));
            most = most.max(name_lines);
            match reported {
                Some((file, s, x)) => {
                    put(ws, r, 4, x.status.map_or("", Status::label))?;
                    put_date(ws, r, 5, x.done_date)?;
                    if x.overdue {
                        text(ws, r, 7, "Quá hạn", &f.mark_bad)?;
                    }
                    put(ws, r, 8, &x.result)?;
                    put(ws, r, 9, &x.difficulty)?;
                    put(ws, r, 10, &x.note)?;
                    // A row merged from a predecessor's report names that file.
                    let file = c.task_file(&a.code, &t.id).unwrap_or(file);
                    let sheet = file
                        .checked
                        .submission
                        .report_sheet
                        .as_deref()
                        .or(s.report_sheet.as_deref())
                        .unwrap_or("");
                    let source = format!("{} › {sheet}!{}", file.input.shown, x.cell);
                    put(ws, r, 11, &source)?;
                    put(ws, r, 12, &file.input.shown)?;
                    for (t, w) in [
                        (&x.result, TASK_WIDTHS[8]),
                        (&x.difficulty, TASK_WIDTHS[9]),
                        (&x.note, TASK_WIDTHS[10]),
                        (&source, TASK_WIDTHS[11]),
                    ] {
                        most = most.max(lines(t, w));
                    }
                }
                None => {
                    let why = if sub.is_some() {
                        "(không có trong báo cáo)"
                    } else {
                        "(chưa nộp báo cáo)"
                    };
                    put(ws, r, 4, why)?;
                }
            }
            set_lines(ws, r, most)?;
            r += 1;
        }
    }
    let last_col = col(TASK_COLUMNS.len() - 1);
    if r > 1 {
        ws.autofilter(0, 0, r - 1, last_col)?;
    }
    data_grid(ws, r - 1, last_col, f)?;
    finish(ws, 0, &TASK_WIDTHS, Some(title))?;
    // Print what a reader needs; `Nguồn` and `Tệp` are for tracing on screen.
    ws.set_print_area(0, 0, r.max(2) - 1, 10)?;
    Ok(())
}

const BY_TASK_WIDTHS: [f64; 9] = [10.0, 70.0, 13.0, 11.0, 11.0, 11.0, 11.0, 11.0, 9.0];

fn by_task(
    ws: &mut Worksheet,
    plan: &Plan,
    c: &Consolidation,
    f: &F,
    title: &str,
) -> Result<(), XlsxError> {
    ws.set_name(SHEET_BY_TASK)?;
    let n = &f.col_int;
    data_columns(
        ws,
        &[&f.col_text, &f.col_text, &f.col_center, n, n, n, n, n, n],
    )?;
    header_row(ws, 0, &BY_TASK_COLUMNS, &f.th)?;
    ws.set_row_height(0, 32)?;
    let expected: std::collections::HashSet<&str> =
        c.agencies.iter().map(|a| a.code.as_str()).collect();
    let mut r = 1u32;
    for t in &plan.tasks {
        let responsible: Vec<&String> = t
            .agencies
            .iter()
            .filter(|a| expected.contains(a.as_str()))
            .collect();
        if responsible.is_empty() {
            continue;
        }
        // responsible, done, in progress, not started, nothing, overdue
        let mut n = [0usize; 6];
        for a in responsible {
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
        put(ws, r, 0, &t.id)?;
        put(ws, r, 1, &t.text)?;
        let deadline = plan
            .task_due(t, &c.period)
            .map_or_else(|| t.deadline.display(crate::i18n::Lang::Vi), fmt_date);
        put(ws, r, 2, &deadline)?;
        for (k, v) in n.iter().enumerate() {
            put_number(ws, r, 3 + col(k), *v as f64)?;
        }
        fit_row(ws, r, &[(&t.text, BY_TASK_WIDTHS[1])])?;
        r += 1;
    }
    let last_col = col(BY_TASK_COLUMNS.len() - 1);
    if r > 1 {
        ws.autofilter(0, 0, r - 1, last_col)?;
    }
    data_grid(ws, r - 1, last_col, f)?;
    finish(ws, 0, &BY_TASK_WIDTHS, Some(title))?;
    Ok(())
}

fn indicators(
    ws: &mut Worksheet,
    plan: &Plan,
    c: &Consolidation,
    f: &F,
    title: &str,
) -> Result<(), XlsxError> {
    ws.set_name(SHEET_INDICATORS)?;
    header_row(ws, 0, &INDICATOR_FIXED_COLUMNS, &f.th)?;
    let expected: Vec<&str> = c.agencies.iter().map(|a| a.code.as_str()).collect();
    let expected_set: std::collections::HashSet<&str> = expected.iter().copied().collect();
    let fixed = col(INDICATOR_FIXED_COLUMNS.len());
    for (k, a) in expected.iter().enumerate() {
        text(ws, 0, fixed + col(k), a, &f.th)?;
    }
    ws.set_row_height(0, 45)?;
    let mut r = 1u32;
    for ind in &plan.indicators {
        let assigned: std::collections::HashSet<&str> = ind
            .agencies
            .iter()
            .map(String::as_str)
            .filter(|a| expected_set.contains(a))
            .collect();
        if assigned.is_empty() {
            continue;
        }
        let value_format = match ind.kind {
            IndicatorType::Integer | IndicatorType::Boolean => &f.td_int,
            IndicatorType::Decimal => &f.td_dec,
            IndicatorType::Percent => &f.td_pct,
        };
        text(ws, r, 0, &ind.id, &f.td)?;
        text(ws, r, 1, &ind.name, &f.td)?;
        text(ws, r, 2, &ind.unit, &f.td)?;
        text(ws, r, 3, type_label(ind.kind), &f.td)?;
        let (mut total, mut reported, mut blank, mut other) = (0.0, 0usize, 0usize, 0usize);
        for (k, a) in expected.iter().enumerate() {
            let cl = fixed + col(k);
            if !assigned.contains(a) {
                text(ws, r, cl, "—", &f.td_c)?;
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
                    if ind.kind == IndicatorType::Boolean {
                        let yes_no = if n > 0.5 {
                            crate::format::YES
                        } else {
                            crate::format::NO
                        };
                        text(ws, r, cl, yes_no, &f.td_c)?;
                    } else {
                        number(ws, r, cl, n, value_format)?;
                    }
                }
                Some(x) if x.blank => {
                    blank += 1;
                    ws.write_blank(r, cl, &f.td)?;
                }
                _ => {
                    other += 1;
                    ws.write_blank(r, cl, &f.td_warn)?;
                }
            }
        }
        if reported > 0 {
            let shown = if ind.kind == IndicatorType::Percent {
                round1(total / reported as f64)
            } else {
                total
            };
            number(ws, r, 4, shown, value_format)?;
        } else {
            ws.write_blank(r, 4, &f.td)?;
        }
        number(ws, r, 5, reported as f64, &f.td_int)?;
        number(ws, r, 6, blank as f64, &f.td_int)?;
        number(ws, r, 7, other as f64, &f.td_int)?;
        fit_row(ws, r, &[(&ind.name, 40.0), (type_label(ind.kind), 12.0)])?;
        r += 1;
    }
    let mut widths = vec![8.0, 40.0, 11.0, 12.0, 11.0, 10.0, 8.0, 12.0];
    widths.extend(std::iter::repeat_n(9.0, expected.len()));
    finish(ws, 0, &widths, Some(title))?;
    ws.set_freeze_panes(1, 2)?;
    // Many agency columns: print across pages at full size, the indicator repeated on each.
    ws.set_print_fit_to_pages(0, 1);
    ws.set_repeat_columns(0, 1)?;
    Ok(())
}

/// The `Loại` values of `Chỉ tiêu`: the type and how the province total is made.
pub fn type_label(t: IndicatorType) -> &'static str {
    match t {
        IndicatorType::Integer => "Số nguyên (tổng)",
        IndicatorType::Decimal => "Số thập phân (tổng)",
        IndicatorType::Percent => "Tỷ lệ % (bình quân)",
        IndicatorType::Boolean => "Có/Không (số cơ quan Có)",
    }
}

/// The chase list: agencies to call, most urgent first (missing, then late by days late, then
/// invalid), in plan order within each group.
fn chased(c: &Consolidation) -> Vec<(&AgencyRow, &'static str)> {
    let overdue = c.as_of > c.period.due;
    let mut out: Vec<(u8, i64, usize, &AgencyRow, &'static str)> = Vec::new();
    for (i, a) in c.agencies.iter().enumerate() {
        let entry = match a.status {
            SubmitStatus::Missing if overdue => Some((0, CHASE_MISSING_OVERDUE)),
            SubmitStatus::Missing => Some((0, CHASE_MISSING_NOT_DUE)),
            _ if a.file.is_some() && !a.on_time => Some((1, CHASE_LATE)),
            SubmitStatus::Invalid => Some((2, CHASE_INVALID)),
            _ => None,
        };
        if let Some((group, label)) = entry {
            out.push((group, -a.days_late.unwrap_or(0), i, a, label));
        }
    }
    out.sort_by_key(|&(g, d, i, _, _)| (g, if g == 1 { d } else { 0 }, i));
    out.into_iter().map(|(_, _, _, a, l)| (a, l)).collect()
}

/// Why an agency is on the chase list, beyond its status: files it sent that were not used,
/// and the errors of the one used.
fn chase_note(c: &Consolidation, a: &AgencyRow) -> String {
    let mut notes = Vec::new();
    for &i in &a.other_files {
        let e = &c.files[i];
        let inside = e.checked.submission.other_agencies.contains(&a.code);
        let why = match e.role {
            _ if inside => format!(
                "tệp có bảng của cơ quan trên một sheet khác, không đọc (lỗi {})",
                crate::diag::Code::TableNotRead
            ),
            Role::Unreadable => e
                .checked
                .submission
                .findings
                .first()
                .map(|x| x.message.clone())
                .unwrap_or_default(),
            Role::OtherPeriod => format!(
                "báo cáo kỳ {}",
                e.checked.submission.period.as_deref().unwrap_or("khác")
            ),
            Role::Superseded => "bản cũ".to_string(),
            _ => role_label(e.role).to_lowercase(),
        };
        notes.push(format!(
            "Đã nhận tệp `{}` nhưng không dùng: {why}.",
            e.input.shown
        ));
    }
    if a.status == SubmitStatus::Invalid {
        notes.push(format!(
            "Báo cáo có {} lỗi (xem sheet {SHEET_FINDINGS}); đề nghị sửa và gửi lại.",
            a.errors
        ));
    }
    notes.join(" ")
}

const CHASE_WIDTHS: [f64; 9] = [5.0, 16.0, 36.0, 22.0, 8.0, 11.0, 20.0, 14.0, 55.0];

fn chase(ws: &mut Worksheet, c: &Consolidation, f: &F, title: &str) -> Result<(), XlsxError> {
    ws.set_name(SHEET_CHASE)?;
    header_row(ws, 0, &CHASE_COLUMNS, &f.th)?;
    ws.set_row_height(0, 32)?;
    for (i, (a, label)) in chased(c).into_iter().enumerate() {
        let r = row(i + 1);
        number(ws, r, 0, f64::from(r), &f.td_c)?;
        text(ws, r, 1, &a.code, &f.td)?;
        text(ws, r, 2, &a.name, &f.td)?;
        text(ws, r, 3, label, &f.td)?;
        match a.days_late {
            Some(d) => number(ws, r, 4, d as f64, &f.td_int)?,
            None => ws.write_blank(r, 4, &f.td).map(|_| ())?,
        }
        opt_date(ws, r, 5, a.received, f)?;
        let preparer = a.preparer.as_deref().unwrap_or("");
        text(ws, r, 6, preparer, &f.td)?;
        text(ws, r, 7, a.phone.as_deref().unwrap_or(""), &f.td)?;
        let note = chase_note(c, a);
        text(ws, r, 8, &note, &f.td)?;
        fit_row(
            ws,
            r,
            &[
                (&a.name, CHASE_WIDTHS[2]),
                (label, CHASE_WIDTHS[3]),
                (preparer, CHASE_WIDTHS[6]),
                (&note, CHASE_WIDTHS[8]),
            ],
        )?;
    }
    finish(ws, 0, &CHASE_WIDTHS, Some(title))?;
    Ok(())
}

const FINDING_WIDTHS: [f64; 8] = [26.0, 12.0, 7.0, 10.0, 10.0, 7.0, 60.0, 45.0];

fn findings(ws: &mut Worksheet, c: &Consolidation, f: &F, title: &str) -> Result<(), XlsxError> {
    ws.set_name(SHEET_FINDINGS)?;
    let (t, m) = (&f.col_text, &f.col_center);
    data_columns(ws, &[t, t, m, m, t, m, t, t])?;
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
            Severity::Error => ("Lỗi", &f.mark_bad),
            Severity::Warning => ("Cảnh báo", &f.mark_warn),
        };
        put(ws, r, 0, &x.file)?;
        put(
            ws,
            r,
            1,
            agency_of.get(x.file.as_str()).copied().unwrap_or(""),
        )?;
        put(ws, r, 2, x.code.as_str())?;
        text(ws, r, 3, sev, sf)?;
        put(ws, r, 4, &sheet)?;
        put(ws, r, 5, &cell)?;
        put(ws, r, 6, &x.message)?;
        put(ws, r, 7, &x.help)?;
        fit_row(
            ws,
            r,
            &[
                (&x.file, FINDING_WIDTHS[0]),
                (&x.message, FINDING_WIDTHS[6]),
                (&x.help, FINDING_WIDTHS[7]),
            ],
        )?;
    }
    let last_col = col(FINDING_COLUMNS.len() - 1);
    if !all.is_empty() {
        ws.autofilter(0, 0, row(all.len()), last_col)?;
    }
    data_grid(ws, row(all.len()), last_col, f)?;
    finish(ws, 0, &FINDING_WIDTHS, Some(title))?;
    Ok(())
}

const SOURCE_WIDTHS: [f64; 10] = [30.0, 9.0, 11.0, 35.0, 11.0, 13.0, 9.0, 11.0, 17.0, 50.0];

fn sources(ws: &mut Worksheet, c: &Consolidation, f: &F, title: &str) -> Result<(), XlsxError> {
    ws.set_name(SHEET_SOURCES)?;
    let (t, m, d) = (&f.col_text, &f.col_center, &f.col_date);
    data_columns(ws, &[t, m, &f.col_int, t, d, t, m, d, m, t])?;
    header_row(ws, 0, &SOURCE_COLUMNS, &f.th)?;
    ws.set_row_height(0, 32)?;
    for (i, e) in c.files.iter().enumerate() {
        let r = row(i + 1);
        let s = &e.checked.submission;
        put(ws, r, 0, &e.input.shown)?;
        put(ws, r, 1, e.checked.format.map_or("", |x| x.label()))?;
        put_number(ws, r, 2, e.size as f64)?;
        put(ws, r, 3, &e.sha256)?;
        put_date(ws, r, 4, e.modified)?;
        put(ws, r, 5, s.agency.as_deref().unwrap_or(""))?;
        put(ws, r, 6, s.period.as_deref().unwrap_or(""))?;
        put_date(ws, r, 7, s.report_date)?;
        let rf = if e.role == Role::Used {
            &f.mark_good
        } else {
            &f.mark_warn
        };
        text(ws, r, 8, role_label(e.role), rf)?;
        let why = source_reason(c, i);
        put(ws, r, 9, &why)?;
        fit_row(
            ws,
            r,
            &[
                (&e.input.shown, SOURCE_WIDTHS[0]),
                (&e.sha256, SOURCE_WIDTHS[3]),
                (role_label(e.role), SOURCE_WIDTHS[8]),
                (&why, SOURCE_WIDTHS[9]),
            ],
        )?;
    }
    data_grid(ws, row(c.files.len()), col(SOURCE_COLUMNS.len() - 1), f)?;
    finish(ws, 0, &SOURCE_WIDTHS, Some(title))?;
    Ok(())
}

/// `Lý do` of `Nguồn`: empty for a file used; else the consolidation's own finding about it
/// (superseded, other period), or its first error.
fn source_reason(c: &Consolidation, i: usize) -> String {
    let e = &c.files[i];
    if e.role == Role::Used {
        return String::new();
    }
    if e.role == Role::NotExpected {
        return format!(
            "cơ quan `{}` không thuộc danh sách phải báo cáo kỳ {}",
            e.checked.submission.agency.as_deref().unwrap_or(""),
            c.period.id
        );
    }
    c.extra
        .iter()
        .filter(|(k, _)| *k == i)
        .map(|(_, x)| x.message.clone())
        .chain(
            e.checked
                .submission
                .findings
                .iter()
                .filter(|x| x.severity == Severity::Error)
                .take(1)
                .map(|x| x.message.clone()),
        )
        .next()
        .unwrap_or_default()
}

/// The very hidden `_baocao_data` sheet: the version in `A1`, the number of parts in `B1`, the
/// parts of the JSON document in `A2`, `A3`, … (`crate::data_sheet`). Constant-memory: the
/// parts are written straight to the sheet's XML, not kept in the shared string table.
fn data_sheet(wb: &mut Workbook, plan: &Plan, c: &Consolidation) -> Result<Worksheet, XlsxError> {
    use crate::data_sheet::{SHEET, VERSION, from_consolidation, to_parts};
    let parts = to_parts(&from_consolidation(plan, c))
        .map_err(|e| XlsxError::ParameterError(e.to_string()))?;
    let mut ws = wb
        .new_worksheet_with_constant_memory()
        .unwrap_or_else(|_| Worksheet::new());
    ws.set_name(SHEET)?;
    ws.write_string(0, 0, VERSION)?;
    ws.write_number(0, 1, parts.len() as f64)?;
    for (i, part) in parts.iter().enumerate() {
        ws.write_string(row(i) + 1, 0, part)?;
    }
    ws.set_very_hidden(true);
    Ok(ws)
}
