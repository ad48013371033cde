//! The indicator table: every assigned indicator present once, values valid for their type.
//! A blank value is a warning and stays blank (`None`): it is never counted as 0.

use std::collections::HashMap;

use super::{Cx, IndicatorRow, Submission, sheet_list};
use crate::diag::{CellRef, Code, Finding};
use crate::i18n::Lang;
use crate::ingest::table::Table;
use crate::ingest::{NumberText, Value, Workbook, read_number_text};
use crate::plan::{Indicator, IndicatorType};
use crate::util::fold;

/// Column indexes into `format::INDICATOR_COLUMNS`.
use crate::format::ind_col::{ID, VALUE};

pub fn check(cx: &mut Cx, wb: &Workbook, t: Option<&Table>, sub: &mut Submission) {
    let lang = cx.lang();
    let plan = cx.opts.plan;
    let assigned: Vec<&Indicator> = sub
        .agency
        .as_deref()
        .map(|a| plan.indicators_for(a))
        .unwrap_or_default();
    let Some(t) = t else {
        if !assigned.is_empty() {
            let f = Finding::new(
                Code::IndicatorSheetMissing,
                cx.file,
                lang.indicator_sheet_missing(&sheet_list(wb)),
            )
            .help(lang.indicator_sheet_missing_help());
            cx.push(f);
        }
        return;
    };
    let (Some(id_col), Some(value_col)) = (t.col(ID), t.col(VALUE)) else {
        return;
    };
    let sheet = &wb.sheets[t.sheet];
    let sname = sheet.name.clone();
    let mut seen: HashMap<String, CellRef> = HashMap::new();
    for r in (t.header_row + 1)..sheet.height() {
        let id_cell = CellRef::new(r, id_col);
        let id_value = sheet.get(r, id_col);
        if id_value.is_blank() || cx.error_cell(&sname, id_cell, id_value) {
            continue;
        }
        if sheet.row_hidden(r) {
            cx.hidden_row(&sname, id_cell, &id_value.display());
            continue;
        }
        let id = id_value.display().trim().to_ascii_uppercase();
        if let Some(first) = seen.get(&id) {
            cx.at(
                Code::IndicatorDuplicate,
                &sname,
                id_cell,
                lang.indicator_duplicate(&id, &first.to_string()),
                lang.task_duplicate_help(),
            );
            continue;
        }
        seen.insert(id.clone(), id_cell);
        let known = plan
            .indicator(&id)
            .filter(|i| sub.agency.is_none() || assigned.iter().any(|a| a.id == i.id));
        let Some(ind) = known else {
            cx.at(
                Code::IndicatorUnknown,
                &sname,
                id_cell,
                lang.indicator_unknown(&id_value.display()),
                lang.indicator_unknown_help(),
            );
            continue;
        };
        let cell = CellRef::new(r, value_col);
        let v = sheet.get(r, value_col);
        let (value, blank) = if cx.error_cell(&sname, cell, v) {
            (None, false)
        } else {
            value_of(cx, &sname, cell, v, ind)
        };
        sub.indicators.push(IndicatorRow {
            id: ind.id.clone(),
            value,
            blank,
            cell,
        });
    }
    for ind in assigned {
        if !seen.contains_key(&ind.id) {
            let f = Finding::new(
                Code::IndicatorMissing,
                cx.file,
                lang.indicator_missing(&ind.id, &ind.name),
            )
            .at_sheet(&sname)
            .help(lang.indicator_missing_help());
            cx.push(f);
        }
    }
}

/// The checked value of one indicator cell: (value, blank).
fn value_of(
    cx: &mut Cx,
    sheet: &str,
    cell: CellRef,
    v: &Value,
    ind: &Indicator,
) -> (Option<f64>, bool) {
    let lang = cx.lang();
    let id = ind.id.as_str();
    if v.is_blank() {
        let f = Finding::new(
            crate::diag::Code::IndicatorBlank,
            cx.file,
            lang.indicator_blank(id),
        )
        .at_cell(sheet, cell)
        .help(match ind.kind {
            IndicatorType::Boolean => lang.indicator_bool_help(),
            _ => lang.indicator_blank_help(),
        });
        cx.push(f);
        return (None, true);
    }
    let shown = v.display();
    if ind.kind == IndicatorType::Boolean {
        let b = match v {
            Value::Bool(b) => Some(*b),
            Value::Number(n) if *n == 1.0 || *n == 0.0 => Some(*n == 1.0),
            Value::Text(t) => match fold(t).as_str() {
                "có" | "co" | "x" | "yes" | "1" => Some(true),
                "không" | "khong" | "no" | "0" => Some(false),
                _ => None,
            },
            _ => None,
        };
        return match b {
            Some(b) => (Some(if b { 1.0 } else { 0.0 }), false),
            None => {
                cx.at(
                    Code::IndicatorNotBool,
                    sheet,
                    cell,
                    lang.indicator_not_bool(id, &shown),
                    lang.indicator_bool_help(),
                );
                (None, false)
            }
        };
    }
    let Some(n) = number_of(cx, sheet, cell, v, ind) else {
        return (None, false);
    };
    if n < 0.0 {
        cx.at(
            Code::IndicatorNegative,
            sheet,
            cell,
            lang.indicator_negative(id, &shown),
            lang.indicator_negative_help(&ind.unit),
        );
        return (None, false);
    }
    match ind.kind {
        IndicatorType::Integer if n.fract() != 0.0 => {
            cx.at(
                Code::IndicatorNotWhole,
                sheet,
                cell,
                lang.indicator_not_whole(id, &shown),
                lang.indicator_whole_help(&ind.unit),
            );
            (None, false)
        }
        IndicatorType::Percent if n > 100.0 => {
            cx.at(
                Code::IndicatorPercentRange,
                sheet,
                cell,
                lang.indicator_percent(id, &shown),
                lang.indicator_percent_help(),
            );
            (None, false)
        }
        _ => (Some(n), false),
    }
}

/// The figure of a number cell or a number typed as text, read by the one rule of
/// docs/report-format.md; `None` after a finding when the text is not a number, has two
/// readings valid for the indicator (N010), carries `%` outside a percentage (N012), or is a
/// fraction where a percentage is expected (N011).
fn number_of(cx: &mut Cx, sheet: &str, cell: CellRef, v: &Value, ind: &Indicator) -> Option<f64> {
    let lang = cx.lang();
    let id = ind.id.as_str();
    let shown = v.display();
    let percent_kind = ind.kind == IndicatorType::Percent;
    let (n, percent_sign) = match v {
        Value::Number(n) if n.is_finite() => (*n, false),
        // A cell formatted as a percentage shows its `%`: as if typed `85%`.
        Value::Percent(n) if n.is_finite() => (*n, true),
        Value::Text(t) => match read_number_text(t) {
            Some(r) => (reading(cx, sheet, cell, &shown, ind, r)?, r.percent),
            None => {
                if !cx.legacy(sheet, cell, t) {
                    not_number(cx, sheet, cell, &shown, ind);
                }
                return None;
            }
        },
        _ => {
            not_number(cx, sheet, cell, &shown, ind);
            return None;
        }
    };
    if percent_sign && !percent_kind {
        cx.at(
            Code::IndicatorPercentSign,
            sheet,
            cell,
            lang.indicator_percent_sign(id, &shown),
            lang.indicator_value_help(&ind.unit),
        );
        return None;
    }
    if percent_kind && !percent_sign && n > 0.0 && n < 1.0 {
        let as_percent = lang.number(n * 100.0);
        cx.at(
            Code::IndicatorPercentFraction,
            sheet,
            cell,
            lang.indicator_percent_fraction(id, &shown, &lang.number(n), &as_percent),
            lang.indicator_percent_fraction_help(&Lang::Vi.number(n * 100.0), &Lang::Vi.number(n)),
        );
        return None;
    }
    Some(n)
}

/// The one reading of a number typed as text, or `None` after N010 when two readings are both
/// valid for the indicator (`1.245` of an amount: 1245 or 1.245). When only the Vietnamese
/// reading suits the indicator (`1.245` of a count cannot be 1.245), it is the one.
fn reading(
    cx: &mut Cx,
    sheet: &str,
    cell: CellRef,
    shown: &str,
    ind: &Indicator,
    r: NumberText,
) -> Option<f64> {
    let suits = |n: f64| match ind.kind {
        IndicatorType::Integer => n.fract() == 0.0,
        IndicatorType::Percent => (0.0..=100.0).contains(&n),
        _ => true,
    };
    match (r.vi, r.other) {
        (Some(n), None) | (None, Some(n)) => Some(n),
        (Some(vi), Some(other)) if !suits(other) => Some(vi),
        (Some(vi), Some(other)) => {
            let lang = cx.lang();
            cx.at(
                Code::IndicatorAmbiguous,
                sheet,
                cell,
                lang.indicator_ambiguous(&ind.id, shown, &lang.number(vi), &lang.number(other)),
                // What to type follows the file's rule (comma decimals) in either language.
                lang.indicator_ambiguous_help(&Lang::Vi.number(vi), &Lang::Vi.number(other)),
            );
            None
        }
        (None, None) => None,
    }
}

fn not_number(cx: &mut Cx, sheet: &str, cell: CellRef, shown: &str, ind: &Indicator) {
    let lang = cx.lang();
    cx.at(
        Code::IndicatorNotNumber,
        sheet,
        cell,
        lang.indicator_not_number(&ind.id, shown),
        lang.indicator_value_help(&ind.unit),
    );
}
