//! The indicator table: every assigned indicator present once, values valid for their type.
//! A blank value is a warning and stays blank (`None`): it is never counted as 0.

use std::collections::HashMap;

use super::{Cx, IndicatorRow, Submission, sheet_list};
use crate::diag::{CellRef, Code, Finding};
use crate::ingest::table::Table;
use crate::ingest::{Value, Workbook};
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
    let number = match v {
        Value::Text(t) if ind.kind == IndicatorType::Integer => {
            thousands(t).or_else(|| v.as_number())
        }
        _ => v.as_number(),
    };
    let Some(n) = number else {
        if let Value::Text(t) = v
            && cx.legacy(sheet, cell, t)
        {
            return (None, false);
        }
        cx.at(
            Code::IndicatorNotNumber,
            sheet,
            cell,
            lang.indicator_not_number(id, &shown),
            lang.indicator_value_help(&ind.unit),
        );
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

/// A whole number typed with `.` as the thousands separator, as Vietnamese writers do:
/// `1.245` or `12.345.678` (groups of exactly three digits). For whole-number indicators this
/// reading wins over the decimal one, since `1.245` of a count cannot be a fraction.
fn thousands(text: &str) -> Option<f64> {
    let t = text.trim();
    let mut groups = t.split('.');
    let first = groups.next()?;
    let rest: Vec<&str> = groups.collect();
    let digits = |g: &str| !g.is_empty() && g.bytes().all(|b| b.is_ascii_digit());
    let ok = !rest.is_empty()
        && digits(first)
        && first.len() <= 3
        && rest.iter().all(|g| g.len() == 3 && digits(g));
    if !ok {
        return None;
    }
    t.replace('.', "").parse::<f64>().ok()
}

#[cfg(test)]
mod tests {
    use super::thousands;

    #[test]
    fn dots_group_thousands_in_whole_numbers() {
        assert_eq!(thousands("1.245"), Some(1245.0));
        assert_eq!(thousands(" 12.345.678 "), Some(12_345_678.0));
        assert_eq!(thousands("1.5"), None);
        assert_eq!(thousands("1245"), None);
        assert_eq!(thousands("1234.567"), None);
        assert_eq!(thousands("1.2345"), None);
    }
}
