//! The plan files as written: serde types mirroring the YAML, with source positions.
//!
//! Unknown fields are rejected (`deny_unknown_fields`), and every identifier or reference is
//! `Spanned` so that `plan check` can point at `file:line:col`. Nothing here is validated;
//! `plan::build` turns these into the checked model.

use serde::Deserialize;
use serde_saphyr::Spanned;

pub type S = Spanned<String>;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PlanFile {
    pub plan: Meta,
    pub periods: Periods,
    #[serde(default)]
    pub themes: Vec<Theme>,
    #[serde(default)]
    pub indicators: Vec<Indicator>,
    #[serde(default)]
    pub consistency: Option<Consistency>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Meta {
    pub id: S,
    pub version: S,
    pub title: S,
    #[serde(default)]
    pub short_title: Option<S>,
    pub issuer: S,
    #[serde(default)]
    pub issuer_parent: Option<S>,
    pub place: S,
    #[serde(default)]
    pub implements: Vec<DocRef>,
    pub consolidator: S,
    pub recipient: Recipient,
    #[serde(default)]
    pub reporting_duty: Option<S>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DocRef {
    pub number: S,
    pub date: S,
    pub issuer: S,
    #[serde(default)]
    pub title: Option<S>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Recipient {
    pub name: S,
    #[serde(default)]
    pub as_written: Option<S>,
    #[serde(default)]
    pub note: Option<S>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Periods {
    #[serde(default)]
    pub cutoff_day: Option<Spanned<u32>>,
    #[serde(default)]
    pub year: Option<PeriodType>,
    #[serde(default)]
    pub half_year: Option<PeriodType>,
    #[serde(default)]
    pub quarter: Option<PeriodType>,
    #[serde(default)]
    pub month: Option<PeriodType>,
    #[serde(default)]
    pub ad_hoc: Vec<AdHoc>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PeriodType {
    #[serde(default = "yes")]
    pub enabled: bool,
    #[serde(default)]
    pub due_offset_days: Option<Spanned<u32>>,
    #[serde(default)]
    pub reporters: Option<Vec<S>>,
}

fn yes() -> bool {
    true
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AdHoc {
    pub id: S,
    pub name: S,
    pub start: S,
    pub end: S,
    pub due: S,
    #[serde(default)]
    pub reporters: Option<Vec<S>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Theme {
    pub id: S,
    #[serde(default)]
    pub section: Option<S>,
    pub text: S,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Indicator {
    pub id: S,
    pub name: S,
    pub unit: S,
    #[serde(rename = "type")]
    pub kind: Spanned<super::IndicatorType>,
    #[serde(default)]
    pub agencies: Vec<S>,
    #[serde(default)]
    pub description: Option<S>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Agency {
    pub code: S,
    pub name: S,
    #[serde(default)]
    pub short_name: Option<S>,
    pub kind: super::AgencyKind,
    #[serde(default)]
    pub assignment: super::Assignment,
    #[serde(default)]
    pub note: Option<S>,
    #[serde(default)]
    pub tasks: Vec<Task>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Group {
    pub code: S,
    pub name: S,
    #[serde(default)]
    pub members: Vec<S>,
    #[serde(default)]
    pub note: Option<S>,
    #[serde(default)]
    pub tasks: Vec<Task>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Task {
    pub id: S,
    pub text: S,
    #[serde(default)]
    pub cooperating: Vec<S>,
    #[serde(default)]
    pub themes: Vec<S>,
    pub deadline: S,
    /// How often the task is reported on: `each_period`, `yearly` or `once` (see
    /// `plan::Frequency`); by default `once` for a fixed date, else `each_period`.
    #[serde(default)]
    pub frequency: Option<S>,
    #[serde(default)]
    pub indicators: Vec<S>,
}

/// `consistency:` of `plan.yaml` (see `plan::consistency`).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Consistency {
    #[serde(default)]
    pub up_factor: Option<Spanned<f64>>,
    #[serde(default)]
    pub down_percent: Option<Spanned<f64>>,
    #[serde(default)]
    pub from_zero: Option<Spanned<f64>>,
    #[serde(default)]
    pub min_value: Option<Spanned<f64>>,
}
