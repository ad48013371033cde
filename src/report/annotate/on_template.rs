//! The annotated copy of an identified submission: the agency's own report on a fresh
//! template of its agency and period — same layout, dropdowns, data validation, protection
//! and hidden identity — with its values carried over, each problem cell highlighted with a
//! note, a findings sheet that says what the file is and what to do, and a leftovers sheet
//! for every value of the original that has no place on the template.
//!
//! Guarantees:
//! - a value the agency typed is either in an input cell of the copy, or listed (sheet, cell,
//!   value) on the leftovers sheet: the copy never drops one silently;
//! - a finding is shown at the input cell it concerns, whatever the agency did to the layout;
//!   one that concerns no input cell (a row of a task not assigned, say) is still listed,
//!   with its place in the original;
//! - the corrected copy validates as the template does: the added sheets hold no table
//!   header validation could mistake for the report's.

use std::collections::{BTreeMap, HashSet};

use chrono::NaiveDate;
use rust_xlsxwriter::{Format, FormatAlign, Url, Worksheet, XlsxError};

use super::carry::{Carried, carry};
use super::{Styles, clip, col, lines, page_setup, row_height};
use crate::diag::{CellRef, Finding, Location, Severity};
use crate::format as fmt;
use crate::i18n::Lang;
use crate::ingest::{self, Workbook as Read};
use crate::plan::{Agency, Period, Plan, fmt_date};
use crate::report::template::{self, Mark, Positions, Slot, TaskField};

/// How many leftover cells are listed at most (a sheet of a million stray cells is not an
/// agency's report; the original keeps them all).
const MAX_LEFTOVERS: usize = 50_000;

/// Builds the annotated copy of `wb` (the submission of `agency` for `period`) on a fresh
/// template; returns its bytes.
///
/// # Errors
/// An [`XlsxError`] only if rust_xlsxwriter refuses something this module did not foresee.
pub fn build(
    plan: &Plan,
    agency: &Agency,
    period: &Period,
    as_of: NaiveDate,
    wb: &Read,
    findings: &[Finding],
    lang: Lang,
) -> Result<Vec<u8>, XlsxError> {
    let mut carried = carry(plan, agency, wb);
    let placed: Vec<(&Finding, Option<Slot>)> = findings
        .iter()
        .map(|f| (f, slot_of(f, wb, &carried)))
        .collect();
    carried.answers.marks = marks(&placed, &carried, lang);

    // What the copy holds, to tell which of the original's values it would lose.
    let (mut plain, _) = template::assemble(plan, agency, period, as_of, Some(&carried.answers))?;
    let kept = texts_of(&plain.save_to_buffer()?);
    let leftovers = leftovers(wb, &carried, &kept);

    let (mut book, positions) =
        template::assemble(plan, agency, period, as_of, Some(&carried.answers))?;
    let styles = Styles::new();
    let list = book.add_worksheet();
    list.set_name(lang.annotate_sheet())?;
    let intro = Intro {
        title: lang.annotate_title(&agency.name, &period.name),
        lines: intro_lines(lang, as_of, leftovers.len()),
    };
    write_findings(list, &intro, &placed, &positions, &styles, lang)?;
    list.set_active(true);
    if !leftovers.is_empty() {
        let ws = book.add_worksheet();
        ws.set_name(lang.annotate_leftover_sheet())?;
        write_leftovers(ws, &leftovers, &styles, lang)?;
    }
    book.save_to_buffer()
}

/// The input cell a finding concerns: the cell itself when it was carried, else the status
/// (or value) of the carried row it lies on.
fn slot_of(f: &Finding, wb: &Read, c: &Carried) -> Option<Slot> {
    let Some(Location::Cell {
        sheet,
        cell: Some(cell),
    }) = &f.location
    else {
        return None;
    };
    let index = wb.sheets.iter().position(|s| s.name == *sheet)?;
    c.cells
        .get(&(index, *cell))
        .or_else(|| c.rows.get(&(index, cell.row)))
        .cloned()
}

/// The note of every highlighted input cell: its findings, worst first, and a note on each
/// task or indicator row the template put back.
fn marks(placed: &[(&Finding, Option<Slot>)], c: &Carried, lang: Lang) -> BTreeMap<Slot, Mark> {
    let mut by_slot: BTreeMap<Slot, Vec<&Finding>> = BTreeMap::new();
    for (f, slot) in placed {
        if let Some(s) = slot {
            by_slot.entry(s.clone()).or_default().push(f);
        }
    }
    let mut marks: BTreeMap<Slot, Mark> = by_slot
        .into_iter()
        .map(|(slot, fs)| {
            let severity = fs
                .iter()
                .map(|f| f.severity)
                .min()
                .unwrap_or(Severity::Warning);
            (
                slot,
                Mark {
                    severity,
                    text: note_text(&fs),
                },
            )
        })
        .collect();
    let added = c
        .missing_tasks
        .iter()
        .map(|id| {
            (
                Slot::Task(id.clone(), TaskField::Status),
                lang.annotate_row_added_task(id),
            )
        })
        .chain(c.missing_indicators.iter().map(|id| {
            (
                Slot::Indicator(id.clone()),
                lang.annotate_row_added_indicator(id),
            )
        }));
    for (slot, text) in added {
        let m = marks.entry(slot).or_insert(Mark {
            severity: Severity::Error,
            text: String::new(),
        });
        m.severity = Severity::Error;
        m.text = if m.text.is_empty() {
            text
        } else {
            format!("{text}\n\n{}", m.text)
        };
    }
    marks
}

/// `[T006] message\n→ help`, one paragraph per finding.
pub(super) fn note_text(fs: &[&Finding]) -> String {
    fs.iter()
        .map(|f| {
            if f.help.is_empty() {
                format!("[{}] {}", f.code, f.message)
            } else {
                format!("[{}] {}\n→ {}", f.code, f.message, f.help)
            }
        })
        .collect::<Vec<_>>()
        .join("\n\n")
}

/// Every text and number the copy shows, trimmed, as the reader sees it.
fn texts_of(bytes: &[u8]) -> HashSet<String> {
    let limits = ingest::Limits::default();
    let Ok(read) = ingest::open_bytes(bytes, "", Lang::Vi, &limits) else {
        return HashSet::new();
    };
    read.sheets
        .iter()
        .flat_map(|s| s.rows.iter().flatten())
        .filter(|v| matches!(v, ingest::Value::Text(_)))
        .map(|v| v.display().trim().to_string())
        .collect()
}

/// One value of the original the copy does not hold.
struct Leftover {
    sheet: String,
    cell: CellRef,
    value: String,
}

/// The original's values the copy does not hold: neither carried to an input cell, nor
/// written by the template itself, nor a text the copy shows anyway (labels, task texts, the
/// place and date line). Numbers and dates count only where carried, so a figure typed in the
/// margin is never taken for a row number.
fn leftovers(wb: &Read, c: &Carried, kept: &HashSet<String>) -> Vec<Leftover> {
    let identity = crate::ingest::table::label_key(fmt::SHEET_IDENTITY);
    let mut out = Vec::new();
    for (i, sheet) in wb.sheets.iter().enumerate() {
        if crate::ingest::table::label_key(&sheet.name) == identity {
            continue;
        }
        for (r, row) in sheet.rows.iter().enumerate() {
            let Ok(r) = u32::try_from(r) else { break };
            for (col_i, v) in row.iter().enumerate() {
                let Ok(col_i) = u32::try_from(col_i) else {
                    break;
                };
                let cell = CellRef::new(r, col_i);
                if v.is_blank() || c.cells.contains_key(&(i, cell)) || c.known.contains(&(i, cell))
                {
                    continue;
                }
                let value = v.display();
                if matches!(v, ingest::Value::Text(_)) && kept.contains(value.trim()) {
                    continue;
                }
                out.push(Leftover {
                    sheet: sheet.name.clone(),
                    cell,
                    value,
                });
            }
        }
    }
    out
}

/// The findings sheet's title block.
struct Intro {
    title: String,
    lines: Vec<String>,
}

fn intro_lines(lang: Lang, as_of: NaiveDate, leftovers: usize) -> Vec<String> {
    let mut lines = vec![lang.annotate_what(&fmt_date(as_of)), lang.annotate_todo()];
    if leftovers > 0 {
        lines.push(lang.annotate_leftovers_line(&lang.annotate_leftover_sheet(), leftovers));
    }
    lines
}

/// The findings sheet: the title block, then one row per finding, its cell on this copy
/// linked, its place in the original beside it.
fn write_findings(
    ws: &mut Worksheet,
    intro: &Intro,
    placed: &[(&Finding, Option<Slot>)],
    positions: &Positions,
    styles: &Styles,
    lang: Lang,
) -> Result<(), XlsxError> {
    const WIDTHS: [usize; 6] = [8, 10, 14, 22, 60, 50];
    for (c, w) in WIDTHS.iter().enumerate() {
        ws.set_column_width(col(c), *w as f64)?;
    }
    let full: usize = WIDTHS.iter().sum();
    let title = styles.title.clone().set_bold().set_font_size(13);
    let wrap = styles.body.clone().set_align(FormatAlign::Top);
    ws.merge_range(0, 0, 0, col(WIDTHS.len() - 1), &intro.title, &title)?;
    ws.set_row_height(0, 22)?;
    let mut r: u32 = 1;
    for line in &intro.lines {
        ws.merge_range(r, 0, r, col(WIDTHS.len() - 1), line, &wrap)?;
        ws.set_row_height(r, row_height(lines(line, full)))?;
        r += 1;
    }
    r += 1;
    let head = r;
    for (c, h) in lang.annotate_template_headers().iter().enumerate() {
        ws.write_string_with_format(head, col(c), *h, &styles.head)?;
    }
    for (i, (f, slot)) in placed.iter().enumerate() {
        let r = head + 1 + u32::try_from(i).unwrap_or(u32::MAX - head - 1);
        finding_row(
            ws,
            r,
            f,
            slot.as_ref().and_then(|s| positions.get(s)),
            styles,
            lang,
        )?;
        let height = lines(&f.message, WIDTHS[4]).max(lines(&f.help, WIDTHS[5]));
        ws.set_row_height(r, row_height(height))?;
    }
    ws.set_freeze_panes(head + 1, 0)?;
    let last = head + u32::try_from(placed.len()).unwrap_or(0);
    ws.autofilter(head, 0, last, col(WIDTHS.len() - 1))?;
    ws.set_repeat_rows(head, head)?;
    page_setup(ws);
    Ok(())
}

fn finding_row(
    ws: &mut Worksheet,
    r: u32,
    f: &Finding,
    at: Option<&(&'static str, u32, u16)>,
    styles: &Styles,
    lang: Lang,
) -> Result<(), XlsxError> {
    let severity = match f.severity {
        Severity::Error => lang.severity_error(),
        Severity::Warning => lang.severity_warning(),
    };
    ws.write_string_with_format(r, 0, f.code.as_str(), &styles.body)?;
    ws.write_string_with_format(r, 1, &severity, styles.severity(f.severity))?;
    match at {
        Some((sheet, row, c)) => {
            let cell = CellRef::new(*row, u32::from(*c));
            let target = format!("internal:'{}'!{cell}", sheet.replace('\'', "''"));
            let text = format!("{sheet}!{cell}");
            ws.write_url_with_format(r, 2, Url::new(target).set_text(text), &styles.link)?;
        }
        None => {
            ws.write_string_with_format(r, 2, lang.annotate_no_cell(), &styles.body)?;
        }
    }
    let original = match &f.location {
        Some(Location::Cell {
            sheet,
            cell: Some(c),
        }) => format!("{sheet}!{c}"),
        Some(Location::Cell { sheet, cell: None }) => sheet.clone(),
        _ => String::new(),
    };
    ws.write_string_with_format(r, 3, clip(&original), &styles.body)?;
    ws.write_string_with_format(r, 4, clip(&f.message), &styles.body)?;
    ws.write_string_with_format(r, 5, clip(&f.help), &styles.body)?;
    Ok(())
}

/// The leftovers sheet: (original sheet, cell, value), values always as text.
fn write_leftovers(
    ws: &mut Worksheet,
    leftovers: &[Leftover],
    styles: &Styles,
    lang: Lang,
) -> Result<(), XlsxError> {
    const WIDTHS: [f64; 3] = [20.0, 10.0, 80.0];
    for (c, w) in WIDTHS.iter().enumerate() {
        ws.set_column_width(col(c), *w)?;
    }
    let title = styles.title.clone().set_bold();
    ws.write_string_with_format(0, 0, lang.annotate_leftover_title(), &title)?;
    for (c, h) in lang.annotate_leftover_headers().iter().enumerate() {
        ws.write_string_with_format(2, col(c), *h, &styles.head)?;
    }
    let shown = leftovers.len().min(MAX_LEFTOVERS);
    for (i, l) in leftovers.iter().take(shown).enumerate() {
        let r = 3 + u32::try_from(i).unwrap_or(0);
        ws.write_string_with_format(r, 0, clip(&l.sheet), &styles.body)?;
        ws.write_string_with_format(r, 1, l.cell.to_string(), &styles.body)?;
        ws.write_string_with_format(r, 2, clip(&l.value), &styles.body)?;
        let h = lines(&l.value, 80);
        if h > 1 {
            ws.set_row_height(r, row_height(h))?;
        }
    }
    if leftovers.len() > shown {
        let r = 3 + u32::try_from(shown).unwrap_or(0);
        let more = lang.annotate_leftovers_capped(leftovers.len() - shown);
        ws.write_string_with_format(r, 0, more, &styles.title)?;
    }
    ws.set_freeze_panes(3, 0)?;
    ws.set_repeat_rows(2, 2)?;
    page_setup(ws);
    Ok(())
}

/// `format` with the fill and border of a finding's severity (red for errors, yellow for
/// warnings), keeping everything else (number format, protection, alignment).
pub fn marked_format(format: &Format, severity: Severity) -> Format {
    let (fill, border) = match severity {
        Severity::Error => (0xFFC7CE, 0xC00000),
        Severity::Warning => (0xFFEB9C, 0xBF8F00),
    };
    format
        .clone()
        .set_background_color(rust_xlsxwriter::Color::RGB(fill))
        .set_border(rust_xlsxwriter::FormatBorder::Medium)
        .set_border_color(rust_xlsxwriter::Color::RGB(border))
}
