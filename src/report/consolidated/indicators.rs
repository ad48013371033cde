//! `Chỉ tiêu`: one row per indicator, one column per expected agency, the province total.

use rust_xlsxwriter::{Worksheet, XlsxError};

use super::Book;
use super::cells::*;
use crate::format::consolidated::*;
use crate::plan::IndicatorType;

pub(super) fn indicators(ws: &mut Worksheet, b: &Book, title: &str) -> Result<(), XlsxError> {
    let Book { plan, c, f } = *b;
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
