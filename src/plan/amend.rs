//! Amendments: dated, sourced changes layered on the signed plan (`plan/amendments/*.yaml`).
//!
//! The signed plan stays as written; each amendment names its legal source and the day it
//! takes effect, and lists changes (an agency founded, renamed, merged, split, dissolved; a
//! task added, retired, reassigned or given a new deadline; the consolidator, the recipient or
//! a group's members changed). This module turns the YAML into the checked [`Amendment`]
//! list; `timeline` applies them to answer a period with the organisation then in force, and
//! lints them (P008–P014) while doing so.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;
use serde::Serialize;
use sha2::{Digest, Sha256};

use super::raw::S;
use super::raw_amend as raw;
use super::{AgencyKind, Assignment, Deadline};
use crate::diag::{Code, Finding, Severity};
use crate::i18n::Lang;

/// The legal document an amendment rests on.
#[derive(Clone, Debug, Serialize)]
pub struct Source {
    pub number: String,
    pub date: NaiveDate,
    pub issuer: String,
    pub title: Option<String>,
    pub url: Option<String>,
}

impl Source {
    /// `Quyết định số 12/QĐ-UBND ngày 01/02/2025 của UBND tỉnh`-like one-liner.
    pub fn cite(&self, lang: Lang) -> String {
        let title = self
            .title
            .as_deref()
            .map(|t| format!(" — {t}"))
            .unwrap_or_default();
        let date = super::fmt_date(self.date);
        let cite = if self.number.is_empty() {
            lang.tl_cite_unnumbered(&date, &self.issuer)
        } else {
            lang.tl_cite(&self.number, &date, &self.issuer)
        };
        cite + &title
    }
}

/// One change, checked for shape (codes and dates parse); whether it applies to the
/// organisation in force is checked by `timeline`.
#[derive(Clone, Debug)]
pub enum Change {
    Found {
        code: String,
        name: String,
        short_name: Option<String>,
        kind: AgencyKind,
        assignment: Assignment,
        groups: Vec<String>,
        note: Option<String>,
    },
    Rename {
        code: String,
        name: String,
        short_name: Option<String>,
    },
    Merge {
        from: Vec<String>,
        into: String,
    },
    Split {
        from: String,
        into: Vec<String>,
        tasks: Vec<(String, String)>,
    },
    Dissolve {
        code: String,
        tasks_to: Option<String>,
    },
    TaskAdd {
        id: String,
        lead: String,
        text: String,
        deadline: Deadline,
        cooperating: Vec<String>,
        themes: Vec<String>,
        indicators: Vec<String>,
    },
    TaskRetire {
        task: String,
    },
    TaskReassign {
        task: Option<String>,
        from: Option<String>,
        to: String,
    },
    TaskDeadline {
        task: String,
        deadline: Deadline,
    },
    IndicatorReassign {
        indicator: Option<String>,
        from: String,
        to: String,
    },
    Consolidator(String),
    Recipient {
        name: String,
        note: Option<String>,
    },
    Group {
        code: String,
        name: Option<String>,
        add: Vec<String>,
        remove: Vec<String>,
    },
}

impl Change {
    /// The change's keyword as written in YAML (`merge`, `task_reassign`…).
    pub fn keyword(&self) -> &'static str {
        match self {
            Change::Found { .. } => "found",
            Change::Rename { .. } => "rename",
            Change::Merge { .. } => "merge",
            Change::Split { .. } => "split",
            Change::Dissolve { .. } => "dissolve",
            Change::TaskAdd { .. } => "task_add",
            Change::TaskRetire { .. } => "task_retire",
            Change::TaskReassign { .. } => "task_reassign",
            Change::TaskDeadline { .. } => "task_deadline",
            Change::IndicatorReassign { .. } => "indicator_reassign",
            Change::Consolidator(_) => "consolidator",
            Change::Recipient { .. } => "recipient",
            Change::Group { .. } => "group",
        }
    }

    /// Every agency, group or task code the change names (for `plan history CODE`).
    pub fn codes(&self) -> Vec<&str> {
        let mut v: Vec<&str> = Vec::new();
        match self {
            Change::Found { code, groups, .. } => {
                v.push(code);
                v.extend(groups.iter().map(String::as_str));
            }
            Change::Rename { code, .. } | Change::Dissolve { code, .. } => {
                v.push(code);
                if let Change::Dissolve {
                    tasks_to: Some(t), ..
                } = self
                {
                    v.push(t);
                }
            }
            Change::Merge { from, into } => {
                v.extend(from.iter().map(String::as_str));
                v.push(into);
            }
            Change::Split { from, into, tasks } => {
                v.push(from);
                v.extend(into.iter().map(String::as_str));
                v.extend(tasks.iter().map(|(t, _)| t.as_str()));
            }
            Change::TaskAdd { id, lead, .. } => v.extend([id.as_str(), lead.as_str()]),
            Change::TaskRetire { task } | Change::TaskDeadline { task, .. } => v.push(task),
            Change::TaskReassign { task, from, to } => {
                v.extend(task.iter().chain(from.iter()).map(String::as_str));
                v.push(to);
            }
            Change::IndicatorReassign {
                indicator,
                from,
                to,
            } => {
                v.extend(indicator.iter().map(String::as_str));
                v.extend([from.as_str(), to.as_str()]);
            }
            Change::Consolidator(c) => v.push(c),
            Change::Recipient { .. } => {}
            Change::Group {
                code, add, remove, ..
            } => {
                v.push(code);
                v.extend(add.iter().chain(remove.iter()).map(String::as_str));
            }
        }
        v
    }
}

/// A checked amendment.
#[derive(Clone, Debug)]
pub struct Amendment {
    pub id: String,
    pub effective: NaiveDate,
    pub source: Option<Source>,
    pub note: Option<String>,
    /// The file it was read from, for findings.
    pub file: String,
    /// SHA-256 (hex, 16 digits) of the file's name and bytes: a period's plan fingerprint
    /// folds in the fingerprints of the amendments in force.
    pub digest: String,
    pub changes: Vec<Change>,
    /// Where each change starts (line, column).
    pub(super) locs: Vec<(u64, u64)>,
    /// Where each code a change names is written: (change index, code) → (line, column).
    pub(super) refs: HashMap<(usize, String), (u64, u64)>,
    /// Where the amendment's `id` is written.
    pub(super) id_loc: (u64, u64),
}

impl Amendment {
    /// A finding about change `i` (at `code` when the change names it, else at the change).
    pub(super) fn finding(&self, code: Code, i: Option<usize>, at: &str, msg: String) -> Finding {
        let loc = i
            .and_then(|i| {
                self.refs
                    .get(&(i, at.to_string()))
                    .or_else(|| self.locs.get(i))
            })
            .copied()
            .unwrap_or(self.id_loc);
        Finding::new(code, &self.file, msg).at_line(loc.0, loc.1)
    }
}

/// Reads the checked amendments from their raw files, sorted by effective date then id;
/// shape problems (bad dates, codes, no source) become findings.
pub(super) fn build(
    files: Vec<(String, Vec<u8>, raw::AmendmentFile)>,
    lang: Lang,
    findings: &mut Vec<Finding>,
) -> Vec<Amendment> {
    let mut out = Vec::new();
    let mut ids = HashSet::new();
    for (file, bytes, a) in files {
        let mut b = Shape {
            lang,
            file: &file,
            findings,
            refs: HashMap::new(),
            idx: 0,
        };
        let id = a.id.value.trim().to_string();
        if !ids.insert(id.clone()) {
            b.at(Code::PlanDuplicate, &a.id, lang.tl_dup_amendment(&id));
        }
        let Some(effective) = b.date(&a.effective) else {
            continue;
        };
        let source = b.source(&a);
        let note = a.note.as_ref().map(|n| n.value.clone());
        let mut changes = Vec::new();
        let mut locs = Vec::new();
        for (i, c) in a.changes.iter().enumerate() {
            b.idx = i;
            if let Some(ch) = b.change(&c.value) {
                locs.push((c.referenced.line(), c.referenced.column()));
                changes.push(ch);
            } else {
                // Keep indices aligned with `refs`: a change that did not parse is skipped
                // with a finding already made, and the amendment is not used (plan invalid).
                locs.push((c.referenced.line(), c.referenced.column()));
                changes.push(Change::Recipient {
                    name: String::new(),
                    note: None,
                });
            }
        }
        let refs = std::mem::take(&mut b.refs);
        out.push(Amendment {
            digest: digest(&file, &bytes),
            id,
            effective,
            source,
            note,
            id_loc: (a.id.referenced.line(), a.id.referenced.column()),
            file,
            changes,
            locs,
            refs,
        });
    }
    out.sort_by(|a, b| a.effective.cmp(&b.effective).then_with(|| a.id.cmp(&b.id)));
    out
}

fn digest(file: &str, bytes: &[u8]) -> String {
    let rel = file.rsplit(['/', '\\']).next().unwrap_or(file);
    let mut h = Sha256::new();
    h.update(rel.as_bytes());
    h.update([0]);
    h.update(bytes);
    h.finalize()
        .iter()
        .take(8)
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Parses a deadline as task files write it.
pub(super) fn parse_deadline(s: &str) -> Option<Deadline> {
    match s.trim() {
        "ongoing" | "thuong_xuyen" | "thường xuyên" => Some(Deadline::Ongoing),
        "each_period" | "hang_ky" | "hằng kỳ" => Some(Deadline::EachPeriod),
        t => NaiveDate::parse_from_str(t, "%Y-%m-%d")
            .ok()
            .map(Deadline::Date),
    }
}

struct Shape<'a> {
    lang: Lang,
    file: &'a str,
    findings: &'a mut Vec<Finding>,
    refs: HashMap<(usize, String), (u64, u64)>,
    idx: usize,
}

impl Shape<'_> {
    fn at(&mut self, code: Code, s: &S, msg: String) {
        let f =
            Finding::new(code, self.file, msg).at_line(s.referenced.line(), s.referenced.column());
        self.findings.push(f);
    }

    fn date(&mut self, s: &S) -> Option<NaiveDate> {
        let d = NaiveDate::parse_from_str(s.value.trim(), "%Y-%m-%d").ok();
        if d.is_none() {
            self.at(Code::PlanBadValue, s, self.lang.bad_date_arg(&s.value));
        }
        d
    }

    /// A code as written: recorded for positions, checked for shape.
    fn code(&mut self, s: &S) -> String {
        let v = s.value.trim().to_string();
        let ok = !v.is_empty()
            && v.bytes().all(|b| {
                b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'_' || b == b'.' || b == b'I'
            });
        if !ok {
            self.at(Code::PlanBadValue, s, self.lang.plan_bad_code(&s.value));
        }
        self.refs
            .entry((self.idx, v.clone()))
            .or_insert((s.referenced.line(), s.referenced.column()));
        v
    }

    fn codes(&mut self, list: &[S]) -> Vec<String> {
        list.iter().map(|s| self.code(s)).collect()
    }

    fn text(&mut self, s: &S, what: &str) -> String {
        if s.value.trim().is_empty() {
            self.at(Code::PlanBadValue, s, self.lang.plan_empty_text(what));
        } else if !crate::util::is_nfc(&s.value) {
            self.at(Code::PlanBadValue, s, self.lang.plan_not_nfc(what));
        }
        s.value.trim().to_string()
    }

    fn source(&mut self, a: &raw::AmendmentFile) -> Option<Source> {
        let Some(s) = &a.source else {
            self.at(
                Code::AmendNoSource,
                &a.id,
                self.lang.tl_no_source(&a.id.value),
            );
            return None;
        };
        for (field, v) in [("number", s.number.as_ref()), ("issuer", Some(&s.issuer))] {
            if let Some(v) = v
                && v.value.trim().is_empty()
            {
                self.at(
                    Code::AmendNoSource,
                    v,
                    self.lang.tl_source_field_empty(field),
                );
            }
        }
        let number = s.number.as_ref().map(|n| n.value.trim().to_string());
        if number.is_none() {
            match &s.url {
                // Cited by a public report of it: usable, and said loudly.
                Some(u) => {
                    let f = Finding::new(
                        Code::AmendNoSource,
                        self.file,
                        self.lang.tl_source_unnumbered(&u.value),
                    )
                    .at_line(s.issuer.referenced.line(), s.issuer.referenced.column());
                    self.findings.push(warn(f));
                }
                None => self.at(
                    Code::AmendNoSource,
                    &s.issuer,
                    self.lang.tl_source_field_empty("number"),
                ),
            }
        }
        let date = self.date(&s.date)?;
        Some(Source {
            number: number.unwrap_or_default(),
            date,
            issuer: s.issuer.value.trim().to_string(),
            title: s.title.as_ref().map(|t| t.value.trim().to_string()),
            url: s.url.as_ref().map(|t| t.value.trim().to_string()),
        })
    }

    fn deadline(&mut self, s: &S) -> Option<Deadline> {
        let d = parse_deadline(&s.value);
        if d.is_none() {
            self.at(Code::PlanBadValue, s, self.lang.bad_date_arg(&s.value));
        }
        d
    }

    fn change(&mut self, c: &raw::Change) -> Option<Change> {
        Some(match c {
            raw::Change::Found(f) => Change::Found {
                code: self.code(&f.code),
                name: self.text(&f.name, "name"),
                short_name: f.short_name.as_ref().map(|s| self.text(s, "short_name")),
                kind: f.kind,
                assignment: f.assignment,
                groups: self.codes(&f.groups),
                note: f.note.as_ref().map(|s| s.value.clone()),
            },
            raw::Change::Rename(r) => Change::Rename {
                code: self.code(&r.code),
                name: self.text(&r.name, "name"),
                short_name: r.short_name.as_ref().map(|s| self.text(s, "short_name")),
            },
            raw::Change::Merge(m) => Change::Merge {
                from: self.codes(&m.from),
                into: self.code(&m.into),
            },
            raw::Change::Split(s) => Change::Split {
                from: self.code(&s.from),
                into: self.codes(&s.into),
                tasks: s
                    .tasks
                    .iter()
                    .map(|a| (self.code(&a.task), self.code(&a.to)))
                    .collect(),
            },
            raw::Change::Dissolve(d) => Change::Dissolve {
                code: self.code(&d.code),
                tasks_to: d.tasks_to.as_ref().map(|t| self.code(t)),
            },
            raw::Change::TaskAdd(t) => Change::TaskAdd {
                id: self.code(&t.id),
                lead: self.code(&t.lead),
                text: self.text(&t.text, "text"),
                deadline: self.deadline(&t.deadline)?,
                cooperating: self.codes(&t.cooperating),
                themes: self.codes(&t.themes),
                indicators: self.codes(&t.indicators),
            },
            raw::Change::TaskRetire(t) => Change::TaskRetire {
                task: self.code(&t.task),
            },
            raw::Change::TaskReassign(t) => {
                let task = t.task.as_ref().map(|s| self.code(s));
                let from = t.from.as_ref().map(|s| self.code(s));
                if task.is_some() == from.is_some() {
                    self.at(Code::AmendInvalid, &t.to, self.lang.tl_reassign_shape());
                }
                Change::TaskReassign {
                    task,
                    from,
                    to: self.code(&t.to),
                }
            }
            raw::Change::TaskDeadline(t) => Change::TaskDeadline {
                task: self.code(&t.task),
                deadline: self.deadline(&t.deadline)?,
            },
            raw::Change::IndicatorReassign(r) => Change::IndicatorReassign {
                indicator: r.indicator.as_ref().map(|s| self.code(s)),
                from: self.code(&r.from),
                to: self.code(&r.to),
            },
            raw::Change::Consolidator(c) => Change::Consolidator(self.code(c)),
            raw::Change::Recipient(r) => Change::Recipient {
                name: self.text(&r.name, "recipient.name"),
                note: r.note.as_ref().map(|s| s.value.clone()),
            },
            raw::Change::Group(g) => Change::Group {
                code: self.code(&g.code),
                name: g.name.as_ref().map(|s| self.text(s, "name")),
                add: self.codes(&g.add),
                remove: self.codes(&g.remove),
            },
        })
    }
}

/// A warning finding (helper for the timeline lints).
pub(super) fn warn(f: Finding) -> Finding {
    f.severity(Severity::Warning)
}
