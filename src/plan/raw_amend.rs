//! Amendment files as written (`plan/amendments/*.yaml`): serde types with source positions.
//!
//! Like `raw`, nothing here is validated: `plan::amend` checks each change against the
//! organisation in force on its effective date and turns them into the checked timeline.

use serde::Deserialize;
use serde_saphyr::Spanned;

use super::raw::S;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AmendmentFile {
    pub id: S,
    pub effective: S,
    /// Optional here so that a missing source is a lint (P013) at the amendment, not a
    /// syntax error.
    #[serde(default)]
    pub source: Option<Source>,
    #[serde(default)]
    pub note: Option<S>,
    #[serde(default)]
    pub changes: Vec<Spanned<Change>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    /// Optional only so that a document whose number could not be found can still be
    /// cited by its date, issuer and a public report of it (`url`): P013 warns.
    #[serde(default)]
    pub number: Option<S>,
    pub date: S,
    pub issuer: S,
    #[serde(default)]
    pub title: Option<S>,
    #[serde(default)]
    pub url: Option<S>,
}

/// One change; written as a one-key map, e.g. `- merge: {from: [SKHDT], into: STC}`.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Change {
    Found(Found),
    Rename(Rename),
    Merge(Merge),
    Split(Split),
    Dissolve(Dissolve),
    TaskAdd(TaskAdd),
    TaskRetire(TaskRef),
    TaskReassign(TaskReassign),
    TaskDeadline(TaskDeadline),
    IndicatorReassign(IndicatorReassign),
    Consolidator(S),
    Recipient(Recipient),
    Group(GroupChange),
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Found {
    pub code: S,
    pub name: S,
    #[serde(default)]
    pub short_name: Option<S>,
    pub kind: super::AgencyKind,
    #[serde(default)]
    pub assignment: super::Assignment,
    #[serde(default)]
    pub groups: Vec<S>,
    #[serde(default)]
    pub note: Option<S>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rename {
    pub code: S,
    pub name: S,
    #[serde(default)]
    pub short_name: Option<S>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Merge {
    pub from: Vec<S>,
    pub into: S,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Split {
    pub from: S,
    pub into: Vec<S>,
    /// Every task `from` leads, each given to one of `into` (`III.9.1: A`).
    #[serde(default)]
    pub tasks: Vec<Assign>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Assign {
    pub task: S,
    pub to: S,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Dissolve {
    pub code: S,
    /// The agency or group that takes over its tasks; without it, every task it leads must be
    /// reassigned or retired by the same amendment (else P012).
    #[serde(default)]
    pub tasks_to: Option<S>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TaskAdd {
    pub id: S,
    pub lead: S,
    pub text: S,
    pub deadline: S,
    #[serde(default)]
    pub cooperating: Vec<S>,
    #[serde(default)]
    pub themes: Vec<S>,
    #[serde(default)]
    pub indicators: Vec<S>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TaskRef {
    pub task: S,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TaskReassign {
    /// One task, or
    #[serde(default)]
    pub task: Option<S>,
    /// every task this agency or group leads.
    #[serde(default)]
    pub from: Option<S>,
    pub to: S,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TaskDeadline {
    pub task: S,
    pub deadline: S,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Recipient {
    pub name: S,
    #[serde(default)]
    pub note: Option<S>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GroupChange {
    pub code: S,
    /// Required when the group is new.
    #[serde(default)]
    pub name: Option<S>,
    #[serde(default)]
    pub add: Vec<S>,
    #[serde(default)]
    pub remove: Vec<S>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IndicatorReassign {
    /// One indicator; without it, every indicator assigned to `from` by name.
    #[serde(default)]
    pub indicator: Option<S>,
    pub from: S,
    pub to: S,
}
