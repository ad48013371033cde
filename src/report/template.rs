//! The report template: the workbook one agency fills in for one reporting period.
//!
//! [`build_template`] turns (plan, agency, period, as-of date) into xlsx bytes laid out as the
//! report format contract says (`crate::format`, docs/report-format.md):
//!
//! - `Báo cáo`: a Decree 30/2020 header, the identity labels with their values one cell to the
//!   right, a note with the data window and due date, the task table (prefilled columns
//!   locked, answer columns unlocked with dropdown and date validation), a signature block
//!   kept out of the task-ID column.
//! - `Chỉ tiêu`: the indicator table, with the value cell validated by indicator type.
//! - `Hướng dẫn`: how to fill the form in.
//! - `_baocao` (very hidden) and the custom document properties: the machine identity.
//!
//! Guarantees: the function never reads the clock (the workbook creation time is the as-of
//! date at midnight UTC), so the same inputs give byte-identical files; every label and
//! header text comes from `crate::format`, so validation reads exactly what templates write.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{Datelike, NaiveDate};
use rust_xlsxwriter::{
    ColNum, DataValidation, DataValidationErrorStyle, DataValidationRule, DocProperties,
    ExcelDateTime, Format, Formula, ProtectionOptions, RowNum, Workbook, Worksheet, XlsxError,
};

use crate::format::{self as fmt, INDICATOR_COLUMNS, STATUSES, TASK_COLUMNS};
use crate::i18n::Lang;
use crate::plan::{Agency, Indicator, IndicatorType, Period, Plan, Task, fmt_date};

use super::style::{
    self, Decree30Header, HeaderColumns, Styles, TextKind, estimate_lines, row_height_pt,
    write_span,
};

/// Why a template could not be built.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct TemplateError(#[from] XlsxError);

/// `<CODE>-<PERIOD>.xlsx`, the name every template is saved under.
///
/// Agency codes are plain ASCII, but ad hoc period IDs are the plan author's free text: any
/// character a file name cannot hold on Windows or Unix (`/ \ : * ? " < > |`, controls) becomes
/// `_`, so a period ID can never point the file into another folder.
pub fn template_file_name(agency: &Agency, period: &Period) -> String {
    let safe = |s: &str| -> String {
        s.chars()
            .map(|c| match c {
                '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|' => '_',
                c if c.is_control() => '_',
                c => c,
            })
            .collect()
    };
    format!("{}-{}.xlsx", safe(&agency.code), safe(&period.id))
}

/// Builds the report template of `agency` for `period` and returns the xlsx bytes.
///
/// # Parameters
///
/// - `plan`: the checked plan; its tasks and indicators for `agency` become table rows.
/// - `agency`: the reporting agency (need not be one the plan expects for `period`).
/// - `period`: the reporting period; its window and due date are printed on the form.
/// - `as_of`: the day the template is made; it becomes the document creation time, so the
///   same inputs give identical bytes.
///
/// # Errors
///
/// [`TemplateError`] when rust_xlsxwriter rejects something, e.g. a text longer than Excel's
/// 32,767-character cell limit in the plan.
///
/// # Examples
///
/// ```
/// let plan = baocao::plan::load_or_fail(&baocao::plan::PlanSource::embedded(), baocao::i18n::Lang::Vi).unwrap();
/// let period = plan.period("2025").unwrap();
/// let agency = plan.agency("STTTT").unwrap();
/// let as_of = chrono::NaiveDate::from_ymd_opt(2025, 11, 1).unwrap();
/// let bytes = baocao::report::build_template(&plan, agency, &period, as_of).unwrap();
/// assert_eq!(&bytes[..2], b"PK");
/// ```
pub fn build_template(
    plan: &Plan,
    agency: &Agency,
    period: &Period,
    as_of: NaiveDate,
) -> Result<Vec<u8>, TemplateError> {
    build(plan, agency, period, as_of, None)
}

/// One answer cell as an agency typed it.
#[derive(Clone, Debug, Default, PartialEq)]
pub enum Answer {
    /// Left empty.
    #[default]
    Blank,
    /// Typed text (also a date or number typed as text, as some agencies do).
    Text(String),
    Number(f64),
    /// A real date cell, shown `dd/mm/yyyy`.
    Date(NaiveDate),
}

impl Answer {
    /// `Answer::Text` from anything string-like.
    pub fn text(s: impl Into<String>) -> Answer {
        Answer::Text(s.into())
    }
}

/// What an agency typed in the answer cells of one task row.
#[derive(Clone, Debug, Default)]
pub struct TaskAnswer {
    pub status: Answer,
    pub done_date: Answer,
    pub result: Answer,
    pub difficulty: Answer,
    pub note: Answer,
}

impl TaskAnswer {
    /// The answer in column `field`.
    pub fn field(&self, field: TaskField) -> &Answer {
        match field {
            TaskField::Status => &self.status,
            TaskField::DoneDate => &self.done_date,
            TaskField::Result => &self.result,
            TaskField::Difficulty => &self.difficulty,
            TaskField::Note => &self.note,
        }
    }
}

/// Everything an agency typed into its template: the input cells of [`build_template`]'s
/// form. Anything not given stays blank, exactly as in the template.
#[derive(Clone, Debug, Default)]
pub struct Answers {
    pub report_date: Answer,
    pub preparer: Answer,
    pub phone: Answer,
    /// Task rows by task ID.
    pub tasks: BTreeMap<String, TaskAnswer>,
    /// Task rows the agency deleted (a mistake validation must catch): not written at all.
    pub deleted_tasks: BTreeSet<String>,
    /// `Số liệu` by indicator ID.
    pub indicators: BTreeMap<String, Answer>,
    /// The indicator table's `Ghi chú` by indicator ID.
    pub indicator_notes: BTreeMap<String, Answer>,
    /// Input cells to highlight with a note (the annotated copy `validate --annotate` sends
    /// back): empty for a plain filled template.
    pub marks: BTreeMap<Slot, Mark>,
}

/// An input cell of the template, named by what it holds rather than where it is, so a
/// value or a finding read from a reshaped submission finds its cell on a fresh template.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Slot {
    ReportDate,
    Preparer,
    Phone,
    /// A task row's answer cell: (task ID, field).
    Task(String, TaskField),
    /// An indicator's `Số liệu` cell.
    Indicator(String),
    /// An indicator's `Ghi chú` cell.
    IndicatorNote(String),
}

/// The answer columns of a task row.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum TaskField {
    Status,
    DoneDate,
    Result,
    Difficulty,
    Note,
}

/// A highlighted input cell: the worst severity of its findings and the note's text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mark {
    pub severity: crate::diag::Severity,
    pub text: String,
}

/// Where each input cell of a built template is: (sheet name, row, column).
pub type Positions = BTreeMap<Slot, (&'static str, RowNum, ColNum)>;

/// Builds the template of `agency` for `period` with `answers` typed into its input cells:
/// a filled submission, as an agency would send it back (tests and benchmarks use it).
///
/// # Parameters
///
/// As [`build_template`], plus `answers`: the values of the input cells. The layout, formats,
/// validation and identity are the template's; only the answer cells differ (and the place
/// and date line, whose cached result follows the report date).
///
/// # Errors
///
/// [`TemplateError`] as [`build_template`], or when an answer breaks an Excel limit (text over
/// 32,767 characters, a date before 1900).
///
/// # Examples
///
/// ```
/// use baocao::report::template::{Answer, Answers, build_filled};
/// let plan = baocao::plan::load_or_fail(&baocao::plan::PlanSource::embedded(), baocao::i18n::Lang::Vi).unwrap();
/// let period = plan.period("2025").unwrap();
/// let agency = plan.agency("STTTT").unwrap();
/// let as_of = chrono::NaiveDate::from_ymd_opt(2025, 12, 16).unwrap();
/// let answers = Answers { preparer: Answer::text("Nguyễn Văn A"), ..Answers::default() };
/// let bytes = build_filled(&plan, agency, &period, as_of, &answers).unwrap();
/// assert_eq!(&bytes[..2], b"PK");
/// ```
pub fn build_filled(
    plan: &Plan,
    agency: &Agency,
    period: &Period,
    as_of: NaiveDate,
    answers: &Answers,
) -> Result<Vec<u8>, TemplateError> {
    build(plan, agency, period, as_of, Some(answers))
}

fn build(
    plan: &Plan,
    agency: &Agency,
    period: &Period,
    as_of: NaiveDate,
    answers: Option<&Answers>,
) -> Result<Vec<u8>, TemplateError> {
    let (mut wb, _) = assemble(plan, agency, period, as_of, answers)?;
    Ok(wb.save_to_buffer()?)
}

/// The template workbook, not yet saved, and where its input cells are: the annotated copy
/// adds its own sheets before saving.
pub(crate) fn assemble(
    plan: &Plan,
    agency: &Agency,
    period: &Period,
    as_of: NaiveDate,
    answers: Option<&Answers>,
) -> Result<(Workbook, Positions), XlsxError> {
    let styles = Styles::new();
    let mut wb = Workbook::new();
    styles.apply_default(&mut wb)?;
    wb.set_properties(&properties(plan, agency, period, as_of)?);

    let mut tasks = plan.tasks_for(&agency.code);
    if let Some(a) = answers {
        tasks.retain(|t| !a.deleted_tasks.contains(&t.id));
    }
    let ctx = Ctx {
        plan,
        agency,
        period,
        tasks,
        indicators: plan.indicators_for(&agency.code),
        styles: &styles,
        answers,
        positions: std::cell::RefCell::new(Positions::new()),
    };
    write_report_sheet(wb.add_worksheet(), &ctx)?;
    write_indicator_sheet(wb.add_worksheet(), &ctx)?;
    write_guide_sheet(wb.add_worksheet(), &ctx)?;
    write_identity_sheet(wb.add_worksheet(), &ctx)?;
    let positions = ctx.positions.take();
    Ok((wb, positions))
}

/// Writes the answer cell `slot` of sheet `sheet`: blank (as in the template) when there is no
/// answer; highlighted with a note when the answers mark it; its position recorded.
#[allow(clippy::too_many_arguments)]
fn write_answer(
    ws: &mut Worksheet,
    c: &Ctx<'_>,
    sheet: &'static str,
    slot: Slot,
    (row, col): (RowNum, ColNum),
    answer: Option<&Answer>,
    format: &Format,
    date_format: &Format,
) -> Result<(), XlsxError> {
    let mark = c.answers.and_then(|a| a.marks.get(&slot));
    let marked = |f: &Format| match mark {
        Some(m) => super::annotate::marked_format(f, m.severity),
        None => f.clone(),
    };
    let (format, date_format) = (marked(format), marked(date_format));
    match answer {
        None | Some(Answer::Blank) => ws.write_blank(row, col, &format),
        Some(Answer::Text(t)) => ws.write_string_with_format(row, col, t, &format),
        Some(Answer::Number(n)) => ws.write_number_with_format(row, col, *n, &format),
        Some(Answer::Date(d)) => {
            ws.write_datetime_with_format(row, col, &excel_date(*d)?, &date_format)
        }
    }?;
    if let Some(m) = mark {
        ws.insert_note(row, col, &super::annotate::note(&m.text))?;
    }
    c.positions.borrow_mut().insert(slot, (sheet, row, col));
    Ok(())
}

/// Everything the sheet writers share.
struct Ctx<'a> {
    plan: &'a Plan,
    agency: &'a Agency,
    period: &'a Period,
    tasks: Vec<&'a Task>,
    indicators: Vec<&'a Indicator>,
    styles: &'a Styles,
    /// `None` for a blank template.
    answers: Option<&'a Answers>,
    /// Where each input cell was written.
    positions: std::cell::RefCell<Positions>,
}

/// The machine identity, in `format::ID_*` key order.
fn identity(plan: &Plan, agency: &Agency, period: &Period) -> [(&'static str, String); 6] {
    [
        (fmt::ID_TEMPLATE, fmt::TEMPLATE_VERSION.to_string()),
        (fmt::ID_PLAN_ID, plan.meta.id.clone()),
        (fmt::ID_PLAN_VERSION, plan.meta.version.clone()),
        (fmt::ID_PLAN_FINGERPRINT, plan.meta.fingerprint.clone()),
        (fmt::ID_AGENCY, agency.code.clone()),
        (fmt::ID_PERIOD, period.id.clone()),
    ]
}

fn properties(
    plan: &Plan,
    agency: &Agency,
    period: &Period,
    as_of: NaiveDate,
) -> Result<DocProperties, XlsxError> {
    let created = excel_date(as_of)?;
    let mut p = DocProperties::new()
        .set_title(format!(
            "Báo cáo kết quả thực hiện kỳ {} — {}",
            period.name, agency.name
        ))
        .set_subject(plan.meta.short_title.clone())
        .set_author(
            plan.consolidator()
                .map_or_else(|| plan.meta.issuer.clone(), |a| a.name.clone()),
        )
        .set_company(plan.meta.issuer_parent.clone())
        .set_keywords(format!("baocao, {}, {}", agency.code, period.id))
        .set_creation_datetime(&created);
    for (k, v) in identity(plan, agency, period) {
        p = p.set_custom_property(k, v.as_str());
    }
    Ok(p)
}

fn excel_date(d: NaiveDate) -> Result<ExcelDateTime, XlsxError> {
    let year = u16::try_from(d.year()).map_err(|_| XlsxError::DateTimeRangeError(d.to_string()))?;
    // Month and day always fit in a u8.
    ExcelDateTime::from_ymd(year, d.month() as u8, d.day() as u8)
}

// ---- Báo cáo ---------------------------------------------------------------------------

/// Task table columns, in `TASK_COLUMNS` order: width in characters.
const TASK_WIDTHS: [f64; 9] = [5.0, 10.0, 55.0, 13.0, 15.0, 12.0, 40.0, 24.0, 14.0];
// The template writes each label in the column its position in `TASK_COLUMNS` says.
const C_STT: ColNum = fmt::task_col::STT as ColNum;
const C_ID: ColNum = fmt::task_col::ID as ColNum;
const C_TEXT: ColNum = fmt::task_col::TEXT as ColNum;
const C_DEADLINE: ColNum = fmt::task_col::DEADLINE as ColNum;
const C_STATUS: ColNum = fmt::task_col::STATUS as ColNum;
const C_DONE: ColNum = fmt::task_col::DONE_DATE as ColNum;
const C_RESULT: ColNum = fmt::task_col::RESULT as ColNum;
const C_DIFFICULTY: ColNum = fmt::task_col::DIFFICULTY as ColNum;
const C_NOTE: ColNum = fmt::task_col::NOTE as ColNum;
const C_LAST: ColNum = C_NOTE;
/// Rows a task row is at least tall, so there is room to type results.
const MIN_TASK_LINES: u32 = 3;

fn write_report_sheet(ws: &mut Worksheet, c: &Ctx<'_>) -> Result<(), XlsxError> {
    let s = c.styles;
    ws.set_name(fmt::SHEET_REPORT)?;
    for (col, w) in TASK_WIDTHS.iter().enumerate() {
        ws.set_column_width(col as ColNum, *w)?;
    }

    let place = &c.plan.meta.place;
    let blank_date = style::place_date(place, None);
    let subject = format!(
        "Kết quả thực hiện {} kỳ {}",
        c.plan.meta.short_title, c.period.name
    );
    let header = Decree30Header {
        parent_body: &c.plan.meta.issuer_parent,
        issuer: &c.agency.name,
        number: Some("Số:          /BC-"),
        place_date: Some(&blank_date),
        doc_type: "BÁO CÁO",
        subject: &subject,
    };
    let cols = HeaderColumns {
        left: (C_STT, C_TEXT),
        right: (C_DEADLINE, C_LAST),
        full: (C_STT, C_LAST),
        full_width: TASK_WIDTHS.iter().sum(),
        left_width: TASK_WIDTHS[..=C_TEXT as usize].iter().sum(),
    };
    let rows = style::write_decree30_header(ws, s, &header, &cols, 0)?;

    let id_row = rows.next_row + 1;
    let date_cell = (id_row, C_DONE);
    if let Some(r) = rows.number_row {
        // The place and date follow the report date the officer types below.
        let shown = match c.answers.map(|a| &a.report_date) {
            Some(Answer::Date(d)) => style::place_date(place, Some(*d)),
            _ => blank_date.clone(),
        };
        let formula = place_date_formula(place, date_cell, &blank_date).set_result(&shown);
        ws.write_formula_with_format(r, C_DEADLINE, formula, &s.place_date)?;
    }

    write_identity_block(ws, c, id_row, date_cell)?;
    let note_row = id_row + 3;
    let note = format!(
        "Số liệu từ {} đến {}; hạn gửi báo cáo {}. Ô nền vàng là ô cần điền; xem hướng dẫn ở sheet \"{}\".",
        fmt_date(c.period.start),
        fmt_date(c.period.end),
        fmt_date(c.period.due),
        fmt::SHEET_GUIDE,
    );
    ws.merge_range(note_row, C_STT, note_row, C_LAST, &note, &s.note)?;
    ws.set_row_height(note_row, row_height_pt(1, 12.0))?;
    ws.set_row_height(note_row + 1, 8)?;

    let header_row = note_row + 2;
    let last = write_task_table(ws, c, header_row)?;
    let sign_end = write_signature(ws, s, last + 2)?;

    let opts = ProtectionOptions {
        format_columns: true,
        format_rows: true,
        ..ProtectionOptions::default()
    };
    ws.protect_with_options(&opts);
    ws.set_freeze_panes(header_row + 1, 0)?;
    ws.set_repeat_rows(header_row, header_row)?;
    ws.set_print_area(0, C_STT, sign_end, C_LAST)?;
    style::page_setup_a4_landscape(ws);
    ws.set_selection(id_row, C_DONE, id_row, C_DONE)?;
    Ok(())
}

/// `Đắk Lắk, ngày 05 tháng 01 năm 2026` from the report date cell, or blanks while it is empty.
/// DAY/MONTH/YEAR and TEXT(…, "00") behave the same in every Excel locale.
fn place_date_formula(place: &str, cell: (RowNum, ColNum), blank: &str) -> Formula {
    let r = rust_xlsxwriter::utility::row_col_to_cell(cell.0, cell.1);
    let q = |s: &str| s.replace('"', "\"\"");
    Formula::new(format!(
        "=IF(ISNUMBER({r}),\"{place}, ngày \"&TEXT(DAY({r}),\"00\")&\" tháng \"&IF(MONTH({r})<3,TEXT(MONTH({r}),\"00\"),MONTH({r}))&\" năm \"&YEAR({r}),\"{blank}\")",
        place = q(place),
        blank = q(blank),
    ))
}

/// Six identity labels: three prefilled on the left, three to fill in on the right, each
/// value in the cell right of its label.
fn write_identity_block(
    ws: &mut Worksheet,
    c: &Ctx<'_>,
    row: RowNum,
    date_cell: (RowNum, ColNum),
) -> Result<(), XlsxError> {
    let s = c.styles;
    let left = [
        (fmt::LABEL_AGENCY_NAME, c.agency.name.as_str()),
        (fmt::LABEL_AGENCY_CODE, c.agency.code.as_str()),
        (fmt::LABEL_PERIOD, c.period.id.as_str()),
    ];
    let value_fmt = s.value.clone().set_bold().set_text_wrap();
    for (i, (label, value)) in left.iter().enumerate() {
        let r = row + i as RowNum;
        write_span(ws, r, (C_STT, C_ID), label, &s.label)?;
        // Wrapped, so a long agency name never runs under the label to its right.
        ws.write_string_with_format(r, C_TEXT, *value, &value_fmt)?;
        let lines = estimate_lines(value, TASK_WIDTHS[C_TEXT as usize], 12.0, TextKind::Bold);
        ws.set_row_height(r, row_height_pt(lines, 12.0).max(19.0))?;
    }
    let right = [
        fmt::LABEL_REPORT_DATE,
        fmt::LABEL_PREPARER,
        fmt::LABEL_PHONE,
    ];
    for (i, label) in right.iter().enumerate() {
        let r = row + i as RowNum;
        write_span(ws, r, (C_DEADLINE, C_STATUS), label, &s.label)?;
        let answer = c.answers.map(|a| match i {
            0 => &a.report_date,
            1 => &a.preparer,
            _ => &a.phone,
        });
        let slot = [Slot::ReportDate, Slot::Preparer, Slot::Phone][i].clone();
        let sheet = fmt::SHEET_REPORT;
        if (r, C_DONE) == date_cell {
            write_answer(
                ws,
                c,
                sheet,
                slot,
                (r, C_DONE),
                answer,
                &s.input_date,
                &s.input_date,
            )?;
        } else {
            ws.merge_range(r, C_DONE, r, C_LAST, "", &s.input)?;
            let marked = c.answers.is_some_and(|a| a.marks.contains_key(&slot));
            if marked || answer.is_some_and(|a| *a != Answer::Blank) {
                write_answer(
                    ws,
                    c,
                    sheet,
                    slot,
                    (r, C_DONE),
                    answer,
                    &s.input,
                    &s.input_date,
                )?;
            } else {
                c.positions.borrow_mut().insert(slot, (sheet, r, C_DONE));
            }
        }
    }
    let dv = date_validation(
        "Ngày báo cáo",
        "Nhập ngày ký báo cáo, dạng dd/mm/yyyy (ví dụ 19/12/2025) hoặc yyyy-mm-dd.",
    )?;
    ws.add_data_validation(date_cell.0, date_cell.1, date_cell.0, date_cell.1, &dv)?;
    Ok(())
}

/// The task table from `header_row`; returns the last row written.
fn write_task_table(
    ws: &mut Worksheet,
    c: &Ctx<'_>,
    header_row: RowNum,
) -> Result<RowNum, XlsxError> {
    let s = c.styles;
    for (col, label) in TASK_COLUMNS.iter().enumerate() {
        ws.write_string_with_format(header_row, col as ColNum, *label, &s.th)?;
    }
    ws.set_row_height(header_row, row_height_pt(2, 12.0))?;

    let first = header_row + 1;
    for (i, t) in c.tasks.iter().enumerate() {
        write_task_row(ws, c, first + i as RowNum, i, t)?;
    }
    if c.tasks.is_empty() {
        ws.merge_range(
            first,
            C_TEXT,
            first,
            C_LAST,
            "(Kế hoạch không giao nhiệm vụ chủ trì nào cho cơ quan; chỉ báo cáo số liệu ở sheet Chỉ tiêu nếu có.)",
            &s.note,
        )?;
        return Ok(first);
    }
    let last = first + c.tasks.len() as RowNum - 1;
    ws.add_data_validation(first, C_STATUS, last, C_STATUS, &status_validation()?)?;
    let dv = date_validation(
        "Ngày hoàn thành",
        "Chỉ ghi khi Tình trạng là Đã hoàn thành. Dạng dd/mm/yyyy (ví dụ 05/12/2025) hoặc yyyy-mm-dd.",
    )?;
    ws.add_data_validation(first, C_DONE, last, C_DONE, &dv)?;
    Ok(last)
}

/// Task `t` (the `i`-th) at row `r`: what the plan says (number, id, text, deadline), then the
/// five cells the agency fills in, with its answers when there are any.
fn write_task_row(
    ws: &mut Worksheet,
    c: &Ctx<'_>,
    r: RowNum,
    i: usize,
    t: &Task,
) -> Result<(), XlsxError> {
    let s = c.styles;
    ws.write_number_with_format(r, C_STT, (i + 1) as f64, &s.td_center)?;
    ws.write_string_with_format(r, C_ID, &t.id, &s.td_center)?;
    match &t.origin {
        // A successor's inherited task says where it came from.
        Some(o) => {
            let text = format!(
                "{}\n({}, {})",
                t.text,
                Lang::Vi.tl_inherited(&o.chain.join(" → ")),
                crate::plan::fmt_date(o.effective)
            );
            ws.write_string_with_format(r, C_TEXT, &text, &s.td_text)?
        }
        None => ws.write_string_with_format(r, C_TEXT, &t.text, &s.td_text)?,
    };
    ws.write_string_with_format(r, C_DEADLINE, t.deadline.display(Lang::Vi), &s.td_center)?;
    let answer = c.answers.and_then(|a| a.tasks.get(&t.id));
    let date = &s.td_input_date;
    let inputs = [
        (TaskField::Status, C_STATUS, &s.td_input_center),
        (TaskField::DoneDate, C_DONE, date),
        (TaskField::Result, C_RESULT, &s.td_input),
        (TaskField::Difficulty, C_DIFFICULTY, &s.td_input),
        (TaskField::Note, C_NOTE, &s.td_input),
    ];
    for (field, col, format) in inputs {
        let value = answer.map(|a| a.field(field));
        let slot = Slot::Task(t.id.clone(), field);
        write_answer(
            ws,
            c,
            fmt::SHEET_REPORT,
            slot,
            (r, col),
            value,
            format,
            date,
        )?;
    }
    let lines = estimate_lines(
        &t.text,
        TASK_WIDTHS[C_TEXT as usize],
        12.0,
        TextKind::Regular,
    )
    .max(MIN_TASK_LINES);
    ws.set_row_height(r, row_height_pt(lines, 12.0))?;
    Ok(())
}

fn status_validation() -> Result<DataValidation, XlsxError> {
    DataValidation::new()
        .allow_list_strings(&STATUSES)?
        .set_input_title("Tình trạng")?
        .set_input_message(format!(
            "Chọn trong danh sách: {}, {} hoặc {}.",
            STATUSES[0], STATUSES[1], STATUSES[2]
        ))?
        .set_error_title("Tình trạng không hợp lệ")?
        .set_error_message(format!(
            "Chỉ chọn một trong ba giá trị: {}, {}, {}.",
            STATUSES[0], STATUSES[1], STATUSES[2]
        ))
}

/// A date between 01/01/2000 and 31/12/2100. The error is a warning, not a stop: on a
/// computer set to month/day/year, `25/12/2025` is typed as text, which validation accepts.
fn date_validation(title: &str, message: &str) -> Result<DataValidation, XlsxError> {
    let lo = ExcelDateTime::from_ymd(2000, 1, 1)?;
    let hi = ExcelDateTime::from_ymd(2100, 12, 31)?;
    DataValidation::new()
        .allow_date(DataValidationRule::Between(lo, hi))
        .set_input_title(title)?
        .set_input_message(message)?
        .set_error_title("Ngày không hợp lệ")?
        .set_error_message(
            "Cần một ngày từ 01/01/2000 đến 31/12/2100, dạng dd/mm/yyyy (ví dụ 05/12/2025). \
             Nếu máy tính đặt ngày kiểu tháng/ngày/năm, hãy gõ 2025-12-05.",
        )
        .map(|dv| dv.set_error_style(DataValidationErrorStyle::Warning))
}

/// "NGƯỜI LẬP BIỂU" under the task text and "THỦ TRƯỞNG CƠ QUAN" on the right; never in the
/// task-ID column, so the block cannot be read as a task row. Returns its last row.
fn write_signature(ws: &mut Worksheet, s: &Styles, row: RowNum) -> Result<RowNum, XlsxError> {
    let right = (C_RESULT, C_LAST);
    ws.write_string_with_format(row, C_TEXT, "NGƯỜI LẬP BIỂU", &s.sign_title)?;
    write_span(ws, row, right, "THỦ TRƯỞNG CƠ QUAN", &s.sign_title)?;
    ws.write_string_with_format(row + 1, C_TEXT, "(Ký, ghi rõ họ tên)", &s.sign_hint)?;
    write_span(ws, row + 1, right, "(Ký tên, đóng dấu)", &s.sign_hint)?;
    // Room to sign.
    Ok(row + 5)
}

// ---- Chỉ tiêu --------------------------------------------------------------------------

/// Indicator table columns, in `INDICATOR_COLUMNS` order: width in characters.
const IND_WIDTHS: [f64; 6] = [6.0, 11.0, 62.0, 14.0, 14.0, 40.0];
const I_NAME: ColNum = fmt::ind_col::NAME as ColNum;
const I_UNIT: ColNum = fmt::ind_col::UNIT as ColNum;
const I_VALUE: ColNum = fmt::ind_col::VALUE as ColNum;
const I_NOTE: ColNum = fmt::ind_col::NOTE as ColNum;

fn write_indicator_sheet(ws: &mut Worksheet, c: &Ctx<'_>) -> Result<(), XlsxError> {
    let s = c.styles;
    ws.set_name(fmt::SHEET_INDICATORS)?;
    for (col, w) in IND_WIDTHS.iter().enumerate() {
        ws.set_column_width(col as ColNum, *w)?;
    }
    let full = (0, I_NOTE);
    let full_width: f64 = IND_WIDTHS.iter().sum();
    write_span(ws, 0, full, "BIỂU SỐ LIỆU CHỈ TIÊU", &s.doc_type)?;
    ws.set_row_height(0, 21)?;
    let sub = format!(
        "(Kèm theo Báo cáo kết quả thực hiện kỳ {} của {})",
        c.period.name, c.agency.name
    );
    write_span(ws, 1, full, &sub, &s.place_date)?;
    let lines = estimate_lines(&sub, full_width, 13.0, TextKind::Regular);
    ws.set_row_height(1, row_height_pt(lines, 13.0))?;
    let note = format!(
        "Số liệu từ {} đến {}. Để trống ô Số liệu nếu chưa có số liệu; ghi 0 nếu số liệu bằng 0. Tỷ lệ (%) ghi số từ 0 đến 100.",
        fmt_date(c.period.start),
        fmt_date(c.period.end),
    );
    write_span(ws, 2, full, &note, &s.note)?;
    let header_row = 4;
    for (col, label) in INDICATOR_COLUMNS.iter().enumerate() {
        ws.write_string_with_format(header_row, col as ColNum, *label, &s.th)?;
    }
    ws.set_row_height(header_row, row_height_pt(1, 12.0))?;

    let desc_fmt = s.base.clone().set_italic().set_font_size(11);
    let first = header_row + 1;
    for (i, ind) in c.indicators.iter().enumerate() {
        let r = first + i as RowNum;
        ws.write_number_with_format(r, 0, (i + 1) as f64, &s.td_center)?;
        ws.write_string_with_format(r, 1, &ind.id, &s.td_center)?;
        let mut lines = estimate_lines(&ind.name, IND_WIDTHS[2], 12.0, TextKind::Regular);
        match &ind.description {
            Some(d) if !d.trim().is_empty() => {
                let tail = format!("\n{}", d.trim());
                let name_fmt = s.base.clone();
                ws.write_rich_string_with_format(
                    r,
                    I_NAME,
                    &[(&name_fmt, ind.name.as_str()), (&desc_fmt, tail.as_str())],
                    &s.td_text,
                )?;
                lines += estimate_lines(d.trim(), IND_WIDTHS[2], 11.0, TextKind::Regular);
            }
            _ => {
                ws.write_string_with_format(r, I_NAME, &ind.name, &s.td_text)?;
            }
        }
        ws.write_string_with_format(r, I_UNIT, &ind.unit, &s.td_center)?;
        let answer = c.answers.and_then(|a| a.indicators.get(&ind.id));
        let sheet = fmt::SHEET_INDICATORS;
        let slot = Slot::Indicator(ind.id.clone());
        let (input, date) = (&s.td_input_center, &s.td_input_date);
        write_answer(ws, c, sheet, slot, (r, I_VALUE), answer, input, date)?;
        let note = c.answers.and_then(|a| a.indicator_notes.get(&ind.id));
        let slot = Slot::IndicatorNote(ind.id.clone());
        write_answer(ws, c, sheet, slot, (r, I_NOTE), note, &s.td_input, date)?;
        ws.add_data_validation(r, I_VALUE, r, I_VALUE, &indicator_validation(ind)?)?;
        ws.set_row_height(r, row_height_pt(lines.max(2), 12.0))?;
    }
    let last = if c.indicators.is_empty() {
        write_span(
            ws,
            first,
            (I_NAME, I_NOTE),
            "(Kế hoạch không giao chỉ tiêu nào cho cơ quan; không cần điền sheet này.)",
            &s.note,
        )?;
        first
    } else {
        first + c.indicators.len() as RowNum - 1
    };

    let opts = ProtectionOptions {
        format_columns: true,
        format_rows: true,
        ..ProtectionOptions::default()
    };
    ws.protect_with_options(&opts);
    ws.set_freeze_panes(header_row + 1, 0)?;
    ws.set_repeat_rows(header_row, header_row)?;
    ws.set_print_area(0, 0, last, I_NOTE)?;
    style::page_setup_a4_landscape(ws);
    Ok(())
}

/// The value rule for an indicator type, with an input message saying it.
fn indicator_validation(ind: &Indicator) -> Result<DataValidation, XlsxError> {
    let (dv, rule) = match ind.kind {
        IndicatorType::Integer => (
            DataValidation::new().allow_whole_number(DataValidationRule::GreaterThanOrEqualTo(0)),
            "Số nguyên, không âm",
        ),
        IndicatorType::Decimal => (
            DataValidation::new()
                .allow_decimal_number(DataValidationRule::GreaterThanOrEqualTo(0.0)),
            "Số, không âm",
        ),
        IndicatorType::Percent => (
            DataValidation::new().allow_decimal_number(DataValidationRule::Between(0.0, 100.0)),
            "Tỷ lệ từ 0 đến 100 (ghi 85 nghĩa là 85%)",
        ),
        IndicatorType::Boolean => (
            DataValidation::new().allow_list_strings(&[fmt::YES, fmt::NO])?,
            "Chọn Có hoặc Không",
        ),
    };
    let message = if ind.kind == IndicatorType::Boolean {
        format!("{rule}. Để trống nếu chưa có thông tin.")
    } else {
        format!(
            "{rule}; đơn vị: {}. Để trống nếu chưa có số liệu, ghi 0 nếu bằng 0.",
            ind.unit
        )
    };
    let message = truncate_utf16(&message, 255);
    dv.set_input_title(truncate_utf16(&format!("{} — {}", ind.id, "Số liệu"), 32))?
        .set_input_message(message)?
        .set_error_title("Số liệu không hợp lệ")?
        .set_error_message(truncate_utf16(&format!("Cần: {rule}."), 255))
}

/// Cuts `s` to at most `max` UTF-16 units (Excel's limit unit), adding `…` when cut.
fn truncate_utf16(s: &str, max: usize) -> String {
    if s.encode_utf16().count() <= max {
        return s.to_string();
    }
    let mut out = String::new();
    let mut used = 1; // the ellipsis
    for ch in s.chars() {
        used += ch.len_utf16();
        if used > max {
            break;
        }
        out.push(ch);
    }
    out.push('…');
    out
}

// ---- Hướng dẫn -------------------------------------------------------------------------

fn write_guide_sheet(ws: &mut Worksheet, c: &Ctx<'_>) -> Result<(), XlsxError> {
    let s = c.styles;
    ws.set_name(fmt::SHEET_GUIDE)?;
    const WIDTH: f64 = 110.0;
    ws.set_column_width(0, WIDTH)?;
    let mut r: RowNum = 0;
    ws.write_string_with_format(r, 0, "HƯỚNG DẪN ĐIỀN BIỂU MẪU BÁO CÁO", &s.title)?;
    ws.set_row_height(r, 24)?;
    r += 2;
    for line in guide_lines(c) {
        let (text, format, kind) = match &line {
            Guide::Heading(t) => (t.as_str(), &s.heading, TextKind::Bold),
            Guide::Text(t) => (t.as_str(), &s.text, TextKind::Regular),
            Guide::Blank => {
                r += 1;
                continue;
            }
        };
        ws.write_string_with_format(r, 0, text, format)?;
        let lines = estimate_lines(text, WIDTH, 12.0, kind);
        ws.set_row_height(r, row_height_pt(lines, 12.0))?;
        r += 1;
    }
    ws.set_print_area(0, 0, r, 0)?;
    style::page_setup_a4_landscape(ws);
    Ok(())
}

enum Guide {
    Heading(String),
    Text(String),
    Blank,
}

fn guide_lines(c: &Ctx<'_>) -> Vec<Guide> {
    use Guide::{Blank, Heading as H, Text as T};
    let p = c.period;
    let file = template_file_name(c.agency, p);
    let consolidator = c
        .plan
        .consolidator()
        .map_or_else(|| c.plan.meta.consolidator.clone(), |a| a.name.clone());
    let deadline_note = "Cột Thời hạn: ngày phải hoàn thành (dd/mm/yyyy); \"Thường xuyên\" là nhiệm vụ thực hiện liên tục, báo cáo mỗi kỳ; \"Hằng kỳ báo cáo\" là nhiệm vụ phải làm trong mỗi kỳ, chậm nhất ngày chốt số liệu.";
    vec![
        T(format!(
            "Biểu mẫu của {} (mã {}), kỳ báo cáo {} (mã kỳ {}), theo {} (phiên bản {}).",
            c.agency.name, c.agency.code, p.name, p.id, c.plan.meta.short_title, c.plan.meta.version
        )),
        Blank,
        H("1. Thời gian và nơi gửi báo cáo".into()),
        T(format!(
            "- Số liệu tính từ ngày {} đến hết ngày {}.",
            fmt_date(p.start),
            fmt_date(p.end)
        )),
        T(format!("- Hạn gửi báo cáo: {}.", fmt_date(p.due))),
        T(format!(
            "- Gửi tệp đã điền về {consolidator} để tổng hợp, báo cáo {}; nếu gửi kèm bản giấy hoặc bản chụp có chữ ký, vẫn gửi tệp Excel.",
            c.plan.meta.issuer
        )),
        Blank,
        H(format!("2. Sheet \"{}\"", fmt::SHEET_REPORT)),
        T(format!(
            "- Phần đầu: ghi {}, {} và {} vào ô nền vàng bên phải mỗi nhãn. Tên cơ quan, mã cơ quan và kỳ báo cáo đã điền sẵn, không sửa.",
            fmt::LABEL_REPORT_DATE, fmt::LABEL_PREPARER, fmt::LABEL_PHONE
        )),
        T(format!(
            "- Mỗi dòng của bảng là một nhiệm vụ Kế hoạch giao cho cơ quan chủ trì. Các cột {}, {}, {}, {} đã điền sẵn và khóa; không thêm, xóa dòng hay đổi mã nhiệm vụ.",
            fmt::COL_STT, fmt::COL_TASK_ID, fmt::COL_TASK_TEXT, fmt::COL_DEADLINE
        )),
        T(format!("- {deadline_note}")),
        T(format!(
            "- Cột {}: chọn một trong ba giá trị trong danh sách thả xuống:",
            fmt::COL_STATUS
        )),
        T(format!(
            "    + \"{}\": nhiệm vụ đã làm xong (với nhiệm vụ thường xuyên: đã thực hiện đầy đủ trong kỳ). Ghi {}.",
            fmt::STATUS_DONE, fmt::COL_DONE_DATE
        )),
        T(format!(
            "    + \"{}\": đã triển khai nhưng chưa xong. Để trống {}; nêu tiến độ ở cột {}.",
            fmt::STATUS_IN_PROGRESS, fmt::COL_DONE_DATE, fmt::COL_RESULT
        )),
        T(format!(
            "    + \"{}\": chưa triển khai. Nêu lý do ở cột {}.",
            fmt::STATUS_NOT_STARTED, fmt::COL_DIFFICULTY
        )),
        T(format!(
            "- Cột {}: ngày dạng dd/mm/yyyy, ví dụ 05/12/2025. Nếu máy tính đặt ngày kiểu tháng/ngày/năm, gõ dạng 2025-12-05 để không bị nhầm ngày với tháng; sau khi gõ, ô phải hiện đúng ngày đã định.",
            fmt::COL_DONE_DATE
        )),
        T(format!(
            "- Cột {}: nêu cụ thể việc đã làm, kèm số liệu (số văn bản, số hoạt động, số tin bài…). Cột {}: khó khăn và đề xuất, nếu có. Cột {}: thông tin khác.",
            fmt::COL_RESULT, fmt::COL_DIFFICULTY, fmt::COL_NOTE
        )),
        T("- Nội dung dài: ô tự xuống dòng; có thể kéo giãn chiều cao dòng hoặc độ rộng cột cho dễ đọc.".into()),
        T("- Cuối bảng: người lập biểu và thủ trưởng cơ quan ký khi in bản giấy.".into()),
        Blank,
        H(format!("3. Sheet \"{}\"", fmt::SHEET_INDICATORS)),
        T(format!(
            "- Ghi số liệu của kỳ vào cột {} theo đơn vị tính ở cột {}.",
            fmt::COL_IND_VALUE, fmt::COL_IND_UNIT
        )),
        T("- Để trống nếu chưa có số liệu, ghi 0 nếu bằng 0: ô trống nghĩa là \"chưa có số liệu\", khác với số 0.".into()),
        T("- Số nguyên: không có phần thập phân. Tỷ lệ (%): ghi số từ 0 đến 100, ví dụ 85 nghĩa là 85%. Chỉ tiêu Có/Không: chọn Có hoặc Không.".into()),
        Blank,
        H("4. Lưu ý khi lưu và gửi tệp".into()),
        T(format!(
            "- Giữ tệp dạng Excel .xlsx (không chuyển sang PDF, Word hay ảnh chụp) và giữ tên tệp {file}."
        )),
        T(format!(
            "- Không đổi tên, xóa hoặc sắp xếp lại các sheet \"{}\", \"{}\"; không sửa các nhãn và dòng tiêu đề của bảng.",
            fmt::SHEET_REPORT, fmt::SHEET_INDICATORS
        )),
        T("- Ô nền vàng nhạt là ô cần điền; các ô khác được khóa (không có mật khẩu) để tránh sửa nhầm.".into()),
        T("- Tệp có ghi mã nhận dạng ẩn (kế hoạch, cơ quan, kỳ báo cáo) để chương trình tổng hợp nhận đúng báo cáo; hãy điền trên chính tệp này, không sao chép sang tệp mới.".into()),
    ]
}

// ---- _baocao ----------------------------------------------------------------------------

fn write_identity_sheet(ws: &mut Worksheet, c: &Ctx<'_>) -> Result<(), XlsxError> {
    ws.set_name(fmt::SHEET_IDENTITY)?;
    ws.set_column_width(0, 28)?;
    ws.set_column_width(1, 70)?;
    for (i, (k, v)) in identity(c.plan, c.agency, c.period).iter().enumerate() {
        ws.write_string_with_format(i as RowNum, 0, *k, &c.styles.plain)?;
        ws.write_string_with_format(i as RowNum, 1, v, &c.styles.plain)?;
    }
    ws.protect();
    ws.set_very_hidden(true);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_cannot_escape_the_output_folder() {
        let plan = crate::plan::load_or_fail(&crate::plan::PlanSource::embedded(), Lang::Vi)
            .expect("shipped plan");
        let agency = plan.agency("STTTT").expect("STTTT");
        let mut period = plan.period("2025").expect("2025");
        assert_eq!(template_file_name(agency, &period), "STTTT-2025.xlsx");
        period.id = "../ĐX:01/2025".into();
        assert_eq!(
            template_file_name(agency, &period),
            "STTTT-.._ĐX_01_2025.xlsx"
        );
    }

    #[test]
    fn truncates_in_utf16_units() {
        assert_eq!(truncate_utf16("abc", 3), "abc");
        assert_eq!(truncate_utf16("abcd", 3), "ab…");
        let long = "ệ".repeat(300);
        assert_eq!(truncate_utf16(&long, 255).encode_utf16().count(), 255);
    }
}
