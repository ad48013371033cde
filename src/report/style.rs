//! Shared look of every workbook baocao writes: Times New Roman formats, the Decree 30/2020
//! header block, page setup, and row-height estimates for wrapped Vietnamese text.
//!
//! Decree 30/2020/NĐ-CP, Appendix I fixes the layout of administrative documents: Times New
//! Roman, the parent body and issuing body top left, the national title and motto top right,
//! the document type and subject centred below, A4 with a 30–35 mm left margin. Templates and
//! the consolidated workbook both use [`Styles`] and [`write_decree30_header`] so the two look
//! like documents from the same office.
//!
//! Guarantees: every [`Format`] here names Times New Roman explicitly (rust_xlsxwriter formats
//! default to Calibri otherwise); only the `input*` formats are unlocked, so a protected sheet
//! lets officers type exactly where the form expects an answer.

use chrono::{Datelike, NaiveDate};
use rust_xlsxwriter::{
    ColNum, Color, Format, FormatAlign, FormatBorder, RowNum, Workbook, Worksheet, XlsxError,
};

/// The font Decree 30/2020 prescribes.
pub const FONT: &str = "Times New Roman";
/// Body text size in points.
pub const BODY_PT: f64 = 12.0;
/// The date format Vietnamese readers expect.
pub const DATE_FORMAT: &str = "dd/mm/yyyy";
/// Fill of cells the officer must fill in: pale yellow, faint grey when printed.
const INPUT_FILL: u32 = 0x00FF_F8DC;
/// Fill of table header rows.
const HEADER_FILL: u32 = 0x00E7_E6E6;
/// Default row height in pixels for Times New Roman 12 (15.75 pt, as Excel uses).
const DEFAULT_ROW_PX: u32 = 21;
/// Default column width in pixels; Times New Roman 12 digits are 8 px wide at 96 dpi.
const DEFAULT_COL_PX: u32 = 72;

/// Millimetres to inches, for page margins.
fn mm(v: f64) -> f64 {
    v / 25.4
}

/// Every cell format used in baocao workbooks.
///
/// Build once per workbook with [`Styles::new`]; formats are cheap to clone.
#[derive(Clone, Debug)]
pub struct Styles {
    /// Plain body text, 12 pt, locked.
    pub base: Format,
    /// Decree 30 header, top left line 1: parent body, upper case regular 13 pt.
    pub parent_body: Format,
    /// Decree 30 header, top left line 2: issuing body, upper case bold 13 pt.
    pub issuer: Format,
    /// "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", bold 12 pt.
    pub nation: Format,
    /// "Độc lập - Tự do - Hạnh phúc", bold 13 pt.
    pub motto: Format,
    /// The short rule drawn under the issuer and the motto.
    pub rule: Format,
    /// "Số: …/BC-…", 13 pt, unlocked: the document number is given when the report is signed.
    pub number: Format,
    /// Place and date, italic 13 pt.
    pub place_date: Format,
    /// Document type ("BÁO CÁO"), bold 14 pt.
    pub doc_type: Format,
    /// Subject line under the document type, bold 13 pt, wrapped.
    pub subject: Format,
    /// A sheet title on secondary sheets, bold 14 pt.
    pub title: Format,
    /// A bold heading inside a sheet, 12 pt.
    pub heading: Format,
    /// A label (identity labels), bold 12 pt.
    pub label: Format,
    /// A prefilled value next to a label, locked.
    pub value: Format,
    /// An italic note line, wrapped.
    pub note: Format,
    /// Wrapped body text without borders (instructions).
    pub text: Format,
    /// An unlocked input cell with the input fill, wrapped, with a dotted bottom rule.
    pub input: Format,
    /// An unlocked date input cell (`dd/mm/yyyy`) with the input fill.
    pub input_date: Format,
    /// A table header cell: bold, centred, wrapped, bordered, grey fill.
    pub th: Format,
    /// A locked table cell, centred.
    pub td_center: Format,
    /// A locked table cell, wrapped text aligned top left.
    pub td_text: Format,
    /// An unlocked table cell, wrapped, input fill.
    pub td_input: Format,
    /// An unlocked table cell, centred, input fill (dropdowns, numbers).
    pub td_input_center: Format,
    /// An unlocked table date cell (`dd/mm/yyyy`), input fill.
    pub td_input_date: Format,
    /// Signature block title, bold upper case 13 pt.
    pub sign_title: Format,
    /// Signature hint ("(Ký, ghi rõ họ tên)"), italic 12 pt.
    pub sign_hint: Format,
    /// Machine-readable cells (identity sheet): plain text, no wrapping.
    pub plain: Format,
}

impl Styles {
    /// The formats, all in Times New Roman.
    pub fn new() -> Styles {
        let base = Format::new()
            .set_font_name(FONT)
            .set_font_size(BODY_PT)
            .set_align(FormatAlign::VerticalCenter);
        let centred = base.clone().set_align(FormatAlign::Center);
        let bordered = base.clone().set_border(FormatBorder::Thin);
        let top = |f: Format| f.set_align(FormatAlign::Top);
        let input_fill = Color::RGB(INPUT_FILL);
        Styles {
            parent_body: centred.clone().set_font_size(13),
            issuer: centred.clone().set_font_size(13).set_bold().set_text_wrap(),
            nation: centred.clone().set_bold(),
            motto: centred.clone().set_font_size(13).set_bold(),
            rule: centred.clone().set_font_size(8).set_align(FormatAlign::Top),
            number: centred.clone().set_font_size(13).set_unlocked(),
            place_date: centred.clone().set_font_size(13).set_italic(),
            doc_type: centred.clone().set_font_size(14).set_bold(),
            subject: centred.clone().set_font_size(13).set_bold().set_text_wrap(),
            title: centred.clone().set_font_size(14).set_bold().set_text_wrap(),
            heading: base.clone().set_bold(),
            label: base.clone().set_bold(),
            value: base.clone(),
            note: base.clone().set_italic().set_text_wrap(),
            text: top(base.clone().set_text_wrap()),
            input: base
                .clone()
                .set_unlocked()
                .set_background_color(input_fill)
                .set_border_bottom(FormatBorder::Dotted),
            input_date: centred
                .clone()
                .set_unlocked()
                .set_num_format(DATE_FORMAT)
                .set_background_color(input_fill)
                .set_border_bottom(FormatBorder::Dotted),
            th: bordered
                .clone()
                .set_bold()
                .set_text_wrap()
                .set_align(FormatAlign::Center)
                .set_background_color(Color::RGB(HEADER_FILL)),
            td_center: top(bordered
                .clone()
                .set_align(FormatAlign::Center)
                .set_text_wrap()),
            td_text: top(bordered.clone().set_text_wrap()),
            td_input: top(bordered
                .clone()
                .set_text_wrap()
                .set_unlocked()
                .set_background_color(input_fill)),
            td_input_center: top(bordered
                .clone()
                .set_align(FormatAlign::Center)
                .set_text_wrap()
                .set_unlocked()
                .set_background_color(input_fill)),
            td_input_date: top(bordered
                .clone()
                .set_align(FormatAlign::Center)
                .set_num_format(DATE_FORMAT)
                .set_unlocked()
                .set_background_color(input_fill)),
            sign_title: centred.clone().set_font_size(13).set_bold(),
            sign_hint: centred.clone().set_italic(),
            plain: Format::new().set_font_name(FONT).set_font_size(BODY_PT),
            base,
        }
    }

    /// Makes Times New Roman 12 the workbook's default, so blank cells match written ones.
    ///
    /// # Errors
    ///
    /// [`XlsxError::DefaultFormatError`] when a worksheet was already added: call this on a
    /// fresh [`Workbook`].
    pub fn apply_default(&self, workbook: &mut Workbook) -> Result<(), XlsxError> {
        workbook.set_default_format(&self.plain, DEFAULT_ROW_PX, DEFAULT_COL_PX)?;
        Ok(())
    }
}

impl Default for Styles {
    fn default() -> Self {
        Styles::new()
    }
}

/// The texts of a Decree 30/2020 document header.
#[derive(Clone, Debug)]
pub struct Decree30Header<'a> {
    /// Parent body, e.g. `UBND TỈNH ĐẮK LẮK`; written upper case.
    pub parent_body: &'a str,
    /// Issuing body, e.g. `Sở Thông tin và Truyền thông`; written upper case, bold.
    pub issuer: &'a str,
    /// The number line, e.g. `Số:        /BC-STTTT`; omitted when `None`.
    pub number: Option<&'a str>,
    /// Place and date, e.g. from [`place_date`]; omitted when `None`.
    pub place_date: Option<&'a str>,
    /// Document type, e.g. `BÁO CÁO`.
    pub doc_type: &'a str,
    /// Subject line below the document type.
    pub subject: &'a str,
}

/// Which columns the header blocks span (zero-based, inclusive).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct HeaderColumns {
    /// Columns under the parent and issuing bodies (top left).
    pub left: (ColNum, ColNum),
    /// Columns under the national title and motto (top right).
    pub right: (ColNum, ColNum),
    /// Columns the document type and subject are centred across.
    pub full: (ColNum, ColNum),
    /// Total width of `full` in character units, to size the subject row.
    pub full_width: f64,
    /// Width of `left` in character units, to size the issuer row.
    pub left_width: f64,
}

/// Where [`write_decree30_header`] put things (zero-based rows).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Decree30Rows {
    /// The row of the number (left) and place-date (right) cells, when either was given;
    /// callers may overwrite the first cell of either span, e.g. with a formula.
    pub number_row: Option<RowNum>,
    /// The row of the document type.
    pub doc_type_row: RowNum,
    /// The row of the subject line.
    pub subject_row: RowNum,
    /// The first row after the header.
    pub next_row: RowNum,
}

/// Writes a Decree 30/2020 header from `first_row`.
///
/// Layout (rows from `first_row`): parent body | national title; issuer | motto; short rules
/// under both; number | place and date (only when either is given); a spacer; the document
/// type; the subject. Row heights are set so wrapped issuer and subject lines are not
/// clipped. The number cell is unlocked (see [`Styles::number`]); everything else is locked.
///
/// # Parameters
///
/// - `ws`: the worksheet; its columns should already have their widths.
/// - `styles`: the workbook's [`Styles`].
/// - `header`: the texts.
/// - `cols`: where the blocks go.
/// - `first_row`: the zero-based row to start at.
///
/// # Errors
///
/// Any [`XlsxError`] from writing or merging cells, e.g. when the ranges overlap cells merged
/// earlier.
///
/// # Examples
///
/// ```
/// use baocao::report::style::{Decree30Header, HeaderColumns, Styles, write_decree30_header};
/// let mut wb = rust_xlsxwriter::Workbook::new();
/// let ws = wb.add_worksheet();
/// let header = Decree30Header {
///     parent_body: "UBND TỈNH ĐẮK LẮK",
///     issuer: "Sở Thông tin và Truyền thông",
///     number: None,
///     place_date: None,
///     doc_type: "BÁO CÁO",
///     subject: "Kết quả thực hiện Kế hoạch",
/// };
/// let cols = HeaderColumns { left: (0, 2), right: (3, 8), full: (0, 8), full_width: 180.0, left_width: 70.0 };
/// let rows = write_decree30_header(ws, &Styles::new(), &header, &cols, 0).unwrap();
/// assert_eq!(rows.number_row, None);
/// assert_eq!((rows.doc_type_row, rows.subject_row, rows.next_row), (4, 5, 6));
/// ```
pub fn write_decree30_header(
    ws: &mut Worksheet,
    styles: &Styles,
    header: &Decree30Header<'_>,
    cols: &HeaderColumns,
    first_row: RowNum,
) -> Result<Decree30Rows, XlsxError> {
    let mut r = first_row;
    let (l, rt, full) = (cols.left, cols.right, cols.full);

    write_span(ws, r, l, &upper(header.parent_body), &styles.parent_body)?;
    write_span(
        ws,
        r,
        rt,
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        &styles.nation,
    )?;
    ws.set_row_height(r, 18)?;
    r += 1;

    let issuer = upper(header.issuer);
    write_span(ws, r, l, &issuer, &styles.issuer)?;
    write_span(ws, r, rt, "Độc lập - Tự do - Hạnh phúc", &styles.motto)?;
    let lines = estimate_lines(&issuer, cols.left_width, 13.0, TextKind::UpperBold).max(1);
    ws.set_row_height(r, row_height_pt(lines, 13.0))?;
    r += 1;

    // Decree 30 asks for a short rule under the issuer and the motto; a cell border would
    // span the whole merged block, so draw it with dashes, as Vietnamese offices do.
    write_span(ws, r, l, RULE_SHORT, &styles.rule)?;
    write_span(ws, r, rt, RULE_LONG, &styles.rule)?;
    ws.set_row_height(r, 12)?;
    r += 1;

    let mut number_row = None;
    if header.number.is_some() || header.place_date.is_some() {
        number_row = Some(r);
        if let Some(n) = header.number {
            write_span(ws, r, l, n, &styles.number)?;
        }
        if let Some(p) = header.place_date {
            write_span(ws, r, rt, p, &styles.place_date)?;
        }
        ws.set_row_height(r, 20)?;
        r += 1;
    }

    ws.set_row_height(r, 8)?;
    r += 1;

    let doc_type_row = r;
    write_span(ws, r, full, header.doc_type, &styles.doc_type)?;
    ws.set_row_height(r, 21)?;
    r += 1;

    let subject_row = r;
    write_span(ws, r, full, header.subject, &styles.subject)?;
    let lines = estimate_lines(header.subject, cols.full_width, 13.0, TextKind::Bold).max(1);
    ws.set_row_height(r, row_height_pt(lines, 13.0))?;
    r += 1;
    Ok(Decree30Rows {
        number_row,
        doc_type_row,
        subject_row,
        next_row: r,
    })
}

const RULE_SHORT: &str = "────────";
const RULE_LONG: &str = "──────────────────";

/// A table's header cell on `base`: bold, wrapped, centred both ways, thin border, grey fill
/// (the consolidated workbook's and the summary's tables alike).
pub fn table_header(base: &Format) -> Format {
    base.clone()
        .set_bold()
        .set_text_wrap()
        .set_align(FormatAlign::Center)
        .set_align(FormatAlign::VerticalCenter)
        .set_border(FormatBorder::Thin)
        .set_background_color(Color::RGB(0xE7E6E6))
}

/// `Đắk Lắk, ngày 05 tháng 01 năm 2026`: Decree 30 pads days below 10 and months 1–2 with a
/// zero; without a date, blanks to fill in by hand.
pub fn place_date(place: &str, date: Option<NaiveDate>) -> String {
    match date {
        Some(d) => {
            let month = if d.month() <= 2 {
                format!("{:02}", d.month())
            } else {
                d.month().to_string()
            };
            format!(
                "{place}, ngày {:02} tháng {month} năm {}",
                d.day(),
                d.year()
            )
        }
        None => format!("{place}, ngày      tháng      năm        "),
    }
}

/// Vietnamese upper case (Unicode-aware: `Sở` → `SỞ`).
pub fn upper(s: &str) -> String {
    s.to_uppercase()
}

/// Writes `text` into columns `cols` of row `row`, merging when the span is wider than one cell.
///
/// # Errors
///
/// Any [`XlsxError`] from writing or merging.
pub fn write_span(
    ws: &mut Worksheet,
    row: RowNum,
    cols: (ColNum, ColNum),
    text: &str,
    format: &Format,
) -> Result<(), XlsxError> {
    if cols.0 == cols.1 {
        ws.write_string_with_format(row, cols.0, text, format)?;
    } else {
        ws.merge_range(row, cols.0, row, cols.1, text, format)?;
    }
    Ok(())
}

/// How wide a kind of text runs, relative to the digit width column widths are measured in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TextKind {
    /// Regular mixed-case text.
    Regular,
    /// Bold mixed-case text.
    Bold,
    /// Bold upper-case text (the widest).
    UpperBold,
}

/// Estimated number of lines `text` wraps to in a column `width` characters wide at `pt` points.
///
/// Excel and LibreOffice do not fit row heights to wrapped text when a file is opened, so
/// rows with long text need explicit heights. The estimate errs on the generous side: a row
/// a little too tall reads better than clipped text.
pub fn estimate_lines(text: &str, width: f64, pt: f64, kind: TextKind) -> u32 {
    // Characters per digit width, measured on Times New Roman Vietnamese text, less a margin.
    let density = match kind {
        TextKind::Regular => 1.05,
        TextKind::Bold => 0.95,
        TextKind::UpperBold => 0.72,
    };
    let per_line = ((width - 1.0).max(1.0) * density * BODY_PT / pt).max(1.0);
    text.split('\n')
        .map(|para| {
            let n = para.chars().count() as f64;
            if n == 0.0 {
                1
            } else {
                wrap_count(para, per_line)
            }
        })
        .sum()
}

/// Greedy word wrap count, so long words pushed to the next line are accounted for.
fn wrap_count(para: &str, per_line: f64) -> u32 {
    let mut lines = 1u32;
    let mut used = 0.0f64;
    for word in para.split_whitespace() {
        let w = word.chars().count() as f64;
        let need = if used == 0.0 { w } else { used + 1.0 + w };
        if need <= per_line {
            used = need;
        } else if used == 0.0 {
            // A single word longer than the line: it breaks across lines.
            lines += (w / per_line).ceil() as u32 - 1;
            used = w % per_line;
        } else {
            lines += 1;
            used = w.min(per_line);
        }
    }
    lines
}

/// Row height in points for `lines` lines of text at `pt` points, with cell padding.
pub fn row_height_pt(lines: u32, pt: f64) -> f64 {
    (f64::from(lines) * pt * 1.22 + 4.0).ceil()
}

/// A4 landscape, fitted to one page wide, Decree 30 margins (left 30 mm, right 15 mm, top and
/// bottom 20 mm), centred horizontally, "Trang N" in the footer, numbered from 1 on each
/// sheet. No "of M": printing a whole workbook, Excel and LibreOffice count M over every sheet.
pub fn page_setup_a4_landscape(ws: &mut Worksheet) {
    ws.set_paper_size(9)
        .set_landscape()
        .set_print_fit_to_pages(1, 0)
        .set_margins(mm(30.0), mm(15.0), mm(20.0), mm(20.0), mm(8.0), mm(8.0))
        .set_print_center_horizontally(true)
        .set_print_first_page_number(1)
        .set_footer("&C&\"Times New Roman,Italic\"&10Trang &P");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decree_30_dates_pad_day_and_early_months() {
        let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day);
        assert_eq!(
            place_date("Đắk Lắk", d(2026, 1, 5)),
            "Đắk Lắk, ngày 05 tháng 01 năm 2026"
        );
        assert_eq!(
            place_date("Đắk Lắk", d(2025, 12, 19)),
            "Đắk Lắk, ngày 19 tháng 12 năm 2025"
        );
        assert_eq!(
            place_date("Đắk Lắk", d(2025, 3, 9)),
            "Đắk Lắk, ngày 09 tháng 3 năm 2025"
        );
    }

    #[test]
    fn upper_case_is_vietnamese_aware() {
        assert_eq!(
            upper("Sở Thông tin và Truyền thông"),
            "SỞ THÔNG TIN VÀ TRUYỀN THÔNG"
        );
    }

    #[test]
    fn line_estimates_grow_with_text() {
        assert_eq!(estimate_lines("", 50.0, 12.0, TextKind::Regular), 1);
        assert_eq!(estimate_lines("ngắn", 50.0, 12.0, TextKind::Regular), 1);
        let long = "thông tin đối ngoại ".repeat(20);
        let n = estimate_lines(&long, 50.0, 12.0, TextKind::Regular);
        assert!((7..=10).contains(&n), "{n}");
        assert_eq!(estimate_lines("a\nb\nc", 50.0, 12.0, TextKind::Regular), 3);
        assert!(row_height_pt(3, 12.0) > 3.0 * 12.0);
    }
}
