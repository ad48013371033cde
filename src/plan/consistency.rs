//! The plan's consistency-over-time settings (`consistency:` in `plan.yaml`): how far an
//! agency's indicator value may move from one period to the next before `consolidate
//! --previous` warns (C001–C003, docs/findings.md). Every setting has a default, so a plan
//! without the section gets the usual checks (DHIS2's practice: a value three times last
//! period's, or a third of it, or a large value where there was nothing, is usually a typing
//! mistake).

use serde::Serialize;

use super::raw;
use crate::diag::{Code, Finding};
use crate::i18n::Lang;

/// When a value's move from the previous period is worth a warning.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Consistency {
    /// Warn when the value is at least this many times the previous one (C001). Default 3.
    pub up_factor: f64,
    /// Warn when the value fell by at least this percentage (C002). Default 67.
    pub down_percent: f64,
    /// Warn when the previous value was 0 and this one is at least this large (C003).
    /// Default 100.
    pub from_zero: f64,
    /// No warning when both values are under this (small counts move a lot). Default 10.
    pub min_value: f64,
}

impl Default for Consistency {
    fn default() -> Consistency {
        Consistency {
            up_factor: 3.0,
            down_percent: 67.0,
            from_zero: 100.0,
            min_value: 10.0,
        }
    }
}

/// The settings as written, each checked (P007 at the value when out of range; the default
/// is used then).
pub(super) fn build(
    raw: Option<&raw::Consistency>,
    file: &str,
    lang: Lang,
    findings: &mut Vec<Finding>,
) -> Consistency {
    let mut out = Consistency::default();
    let Some(r) = raw else {
        return out;
    };
    let mut take = |v: &Option<serde_saphyr::Spanned<f64>>,
                    key: &str,
                    ok: fn(f64) -> bool,
                    range: &str,
                    slot: &mut f64| {
        if let Some(v) = v {
            if ok(v.value) {
                *slot = v.value;
            } else {
                let msg = lang.plan_bad_consistency(key, &lang.number(v.value), range);
                findings.push(
                    Finding::new(Code::PlanBadValue, file, msg)
                        .at_line(v.referenced.line(), v.referenced.column()),
                );
            }
        }
    };
    take(
        &r.up_factor,
        "up_factor",
        |x| x > 1.0,
        "> 1",
        &mut out.up_factor,
    );
    take(
        &r.down_percent,
        "down_percent",
        |x| x > 0.0 && x <= 100.0,
        "0 < … ≤ 100",
        &mut out.down_percent,
    );
    take(
        &r.from_zero,
        "from_zero",
        |x| x > 0.0,
        "> 0",
        &mut out.from_zero,
    );
    take(
        &r.min_value,
        "min_value",
        |x| x >= 0.0,
        "≥ 0",
        &mut out.min_value,
    );
    out
}
