//! The consolidated workbook's cell formats: one [`F`] built once per workbook, registered
//! in a fixed order before the sheets are written (so the style list does not depend on which
//! thread uses a format first).

use rust_xlsxwriter::{Color, Format, FormatAlign, FormatBorder};

use crate::report::style::{self, Styles};

/// Font size of table cells.
pub(super) const TABLE_PT: f64 = 11.0;
/// Excel's tallest row, in points.
pub(super) const MAX_ROW_PT: f64 = 409.0;

pub(super) struct F {
    pub s: Styles,
    pub th: Format,
    pub td: Format,
    pub td_c: Format,
    pub td_int: Format,
    pub td_dec: Format,
    pub td_pct: Format,
    pub td_date: Format,
    pub td_bad: Format,
    pub td_warn: Format,
    pub td_good: Format,
    pub td_missing: Format,
    /// Data sheets (see `data_columns`): column formats, coloured marks and the grid.
    pub col_text: Format,
    pub col_center: Format,
    pub col_int: Format,
    pub col_date: Format,
    pub mark_bad: Format,
    pub mark_warn: Format,
    pub mark_good: Format,
    pub grid: Format,
    pub label: Format,
    pub value: Format,
    pub value_pct: Format,
    pub explain: Format,
    pub recipients_title: Format,
    pub recipients: Format,
    pub sign: Format,
}

impl F {
    /// Every table format, in a fixed order (see [`build`]).
    pub(super) fn table_formats(&self) -> [&Format; 25] {
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

pub(super) fn formats() -> F {
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
        th: style::table_header(&base),
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
