//! The plan through time: the organisation in force on a day, and the lints of amendments.
//!
//! One rule answers every period: a period uses the organisation in force on the last day of
//! its data window ([`Plan::in_force`]). The snapshot is the signed plan with every amendment
//! effective on or before that day applied in order (effective date, then id). A successor
//! carries the tasks, indicators, co-operations, group places and reporter places of the
//! bodies it replaces, transitively, each moved task marked with its [`TaskOrigin`]; a fixed
//! deadline keeps its date. The snapshot's fingerprint is the signed plan's when no amendment
//! is in force (a template made before any amendment stays valid), else a hash of the signed
//! fingerprint and the digests of the amendments in force.
//!
//! [`lint`] applies every amendment in turn to the signed plan and reports what does not fit
//! the organisation in force at its date (P008–P014), at `file:line:col`.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;
use serde::Serialize;
use sha2::{Digest, Sha256};

use super::amend::{self, Amendment, Change, Source};
use super::{Agency, Plan, Task};
use crate::diag::{Code, Finding};
use crate::i18n::Lang;

/// Where a task came from when amendments moved it.
#[derive(Clone, Debug, Serialize)]
pub struct TaskOrigin {
    /// The code that led it in the signed plan (or when it was added).
    pub from: String,
    /// Every lead it passed through before the current one, oldest first (`from` included).
    pub chain: Vec<String>,
    /// The amendment that last moved it, and its effective date.
    pub amendment: String,
    pub effective: NaiveDate,
    /// `merge`, `split`, `dissolve` or `task_reassign`.
    pub how: &'static str,
}

/// What became of an agency no longer in force.
#[derive(Clone, Debug)]
pub struct Succession {
    /// The agency as it last was.
    pub agency: Agency,
    /// `merge`, `split` or `dissolve`.
    pub how: &'static str,
    /// The codes (agencies or a group) that took its place; empty for a body dissolved with
    /// no one named.
    pub into: Vec<String>,
    pub amendment: String,
    pub effective: NaiveDate,
    pub source: Option<Source>,
}

/// The agencies in force that stand for a former agency, with the chain of successions.
pub struct Successors<'p> {
    pub agencies: Vec<String>,
    /// The successions walked, oldest first.
    pub chain: Vec<&'p Succession>,
    /// True when some successor is a group (a dissolved body's tasks passed to a group).
    pub via_group: bool,
}

impl Plan {
    /// The organisation in force for `period`: the one on the last day of its data window.
    pub fn in_force(&self, period: &super::Period) -> Plan {
        self.at(period.end)
    }

    /// The plan with every amendment effective on or before `date` applied. Call it on the
    /// signed plan (as `load` returns it).
    pub fn at(&self, date: NaiveDate) -> Plan {
        let mut p = self.clone();
        p.as_of = Some(date);
        let amendments = self.amendments.clone();
        for a in amendments.iter().filter(|a| a.effective <= date) {
            if p.applied.contains(&a.id) {
                continue;
            }
            apply(&mut p, a, None);
            p.applied.push(a.id.clone());
        }
        if !p.applied.is_empty() {
            let mut h = Sha256::new();
            h.update(self.meta.fingerprint.as_bytes());
            for a in amendments.iter().filter(|a| p.applied.contains(&a.id)) {
                h.update([0]);
                h.update(a.digest.as_bytes());
            }
            p.meta.fingerprint = h
                .finalize()
                .iter()
                .take(8)
                .map(|b| format!("{b:02x}"))
                .collect();
        }
        p.index()
    }

    /// For a code no longer in force: the agencies now standing for it, resolving chains
    /// (merged into B, B later merged into C → C).
    pub fn successors(&self, code: &str) -> Option<Successors<'_>> {
        let mut chain = Vec::new();
        let mut out = Vec::new();
        let mut via_group = false;
        let mut todo = vec![code.to_string()];
        let mut seen = HashSet::new();
        while let Some(c) = todo.pop() {
            if !seen.insert(c.clone()) {
                continue;
            }
            if self.agency(&c).is_some() {
                if !out.contains(&c) {
                    out.push(c);
                }
            } else if self.group(&c).is_some() {
                via_group = true;
            } else if let Some(s) = self.successions.get(&c) {
                chain.push(s);
                todo.extend(s.into.iter().rev().cloned());
            }
        }
        (!chain.is_empty()).then_some(Successors {
            agencies: out,
            chain,
            via_group,
        })
    }

    /// The amendment with this id.
    pub fn amendment(&self, id: &str) -> Option<&Amendment> {
        self.amendments.iter().find(|a| a.id == id)
    }
}

/// Lints every amendment against the organisation in force at its date.
pub(super) fn lint(base: &Plan, lang: Lang, findings: &mut Vec<Finding>) {
    let span = span(base);
    let mut p = base.clone();
    let list = base.amendments.clone();
    for (k, a) in list.iter().enumerate() {
        dates(a, span, lang, findings);
        cycles(a, lang, findings);
        let mut lint = Lint { lang, findings };
        apply(&mut p, a, Some(&mut lint));
        p.applied.push(a.id.clone());
        // Amendments effective the same day take effect together: the organisation of a
        // day is judged after the last of them.
        if list
            .get(k + 1)
            .is_none_or(|next| next.effective != a.effective)
        {
            after(&p, a, lang, findings);
        }
    }
}

/// The plan's span: from the latest document it implements to the end of the year its title
/// names (`… đến năm 2030`). Either end may be unknown.
pub fn span(plan: &Plan) -> (Option<NaiveDate>, Option<NaiveDate>) {
    let from = plan.meta.implements.iter().map(|d| d.date).max();
    let to = plan
        .meta
        .title
        .split("đến năm ")
        .nth(1)
        .and_then(|rest| rest.get(..4))
        .and_then(|y| y.parse::<i32>().ok())
        .and_then(|y| NaiveDate::from_ymd_opt(y, 12, 31));
    (from, to)
}

fn dates(
    a: &Amendment,
    span: (Option<NaiveDate>, Option<NaiveDate>),
    lang: Lang,
    findings: &mut Vec<Finding>,
) {
    let d = super::fmt_date;
    let outside =
        span.0.is_some_and(|f| a.effective < f) || span.1.is_some_and(|t| a.effective > t);
    if outside {
        let from = span.0.map(d).unwrap_or_else(|| "…".into());
        let to = span.1.map(d).unwrap_or_else(|| "…".into());
        let msg = lang.tl_outside_span(&d(a.effective), &from, &to);
        findings.push(a.finding(Code::AmendDate, None, "", msg));
    }
    if let Some(s) = &a.source
        && s.date > a.effective
    {
        let msg = lang.tl_source_after_effective(&d(s.date), &d(a.effective));
        findings.push(amend::warn(a.finding(Code::AmendDate, None, "", msg)));
    }
    let name = a.file.rsplit(['/', '\\']).next().unwrap_or(&a.file);
    if let Some(prefix) = name.get(..10)
        && let Ok(fd) = NaiveDate::parse_from_str(prefix, "%Y-%m-%d")
        && fd != a.effective
    {
        let msg = lang.tl_file_date(&d(fd), &d(a.effective));
        findings.push(amend::warn(a.finding(Code::AmendDate, None, "", msg)));
    }
}

/// P011: an amendment whose merges and splits lead back to where they start.
fn cycles(a: &Amendment, lang: Lang, findings: &mut Vec<Finding>) {
    let mut edges: HashMap<&str, Vec<&str>> = HashMap::new();
    for c in &a.changes {
        match c {
            Change::Merge { from, into } => {
                for f in from {
                    edges.entry(f).or_default().push(into);
                }
            }
            Change::Split { from, into, .. } => {
                edges
                    .entry(from)
                    .or_default()
                    .extend(into.iter().map(String::as_str));
            }
            _ => {}
        }
    }
    for (i, c) in a.changes.iter().enumerate() {
        let starts: Vec<&str> = match c {
            Change::Merge { from, .. } => from.iter().map(String::as_str).collect(),
            Change::Split { from, .. } => vec![from],
            _ => continue,
        };
        for s in starts {
            if let Some(path) = cycle_from(s, &edges) {
                let msg = lang.tl_cycle(&path.join(" → "));
                findings.push(a.finding(Code::AmendCycle, Some(i), s, msg));
                return;
            }
        }
    }
}

fn cycle_from(start: &str, edges: &HashMap<&str, Vec<&str>>) -> Option<Vec<String>> {
    let mut stack = vec![(start, vec![start.to_string()])];
    let mut seen = HashSet::new();
    while let Some((node, path)) = stack.pop() {
        for &next in edges.get(node).into_iter().flatten() {
            let mut p = path.clone();
            p.push(next.to_string());
            if next == start {
                return Some(p);
            }
            if seen.insert(next) {
                stack.push((next, p));
            }
        }
    }
    None
}

/// After an amendment: every task has a body in force to carry it (P012), and the
/// consolidator is in force (P010).
fn after(p: &Plan, a: &Amendment, lang: Lang, findings: &mut Vec<Finding>) {
    for t in &p.tasks {
        if t.agencies.is_empty() {
            let msg = lang.tl_task_orphan(&t.id, &t.lead, &super::fmt_date(a.effective));
            findings.push(a.finding(Code::AmendTaskOrphan, None, "", msg));
        }
    }
    if p.consolidator().is_none() {
        let msg = lang.tl_consolidator_gone(&p.meta.consolidator, &super::fmt_date(a.effective));
        findings.push(a.finding(Code::AmendSuccessorGone, None, "", msg));
    }
}

struct Lint<'f> {
    lang: Lang,
    findings: &'f mut Vec<Finding>,
}

/// Applies one amendment; with `lint`, reports what does not fit the organisation in force.
fn apply(p: &mut Plan, a: &Amendment, mut lint: Option<&mut Lint<'_>>) {
    for (i, c) in a.changes.iter().enumerate() {
        let mut cx = Cx {
            a,
            i,
            lint: lint.as_deref_mut(),
        };
        cx.change(p, c);
    }
    reexpand(p);
}

struct Cx<'a, 'l, 'f> {
    a: &'a Amendment,
    i: usize,
    lint: Option<&'l mut Lint<'f>>,
}

impl Cx<'_, '_, '_> {
    fn report(&mut self, code: Code, at: &str, msg: impl FnOnce(Lang) -> String) {
        if let Some(l) = self.lint.as_deref_mut() {
            let m = msg(l.lang);
            l.findings.push(self.a.finding(code, Some(self.i), at, m));
        }
    }

    /// True when `code` is an agency in force; else reports why not (unknown, or gone and
    /// who stands for it now).
    fn agency(&mut self, p: &Plan, code: &str) -> bool {
        if p.agency(code).is_some() {
            return true;
        }
        self.missing(p, code, false);
        false
    }

    /// True when `code` is an agency in force or a group.
    fn agency_or_group(&mut self, p: &Plan, code: &str) -> bool {
        if p.agency(code).is_some() || p.group(code).is_some() {
            return true;
        }
        self.missing(p, code, true);
        false
    }

    fn missing(&mut self, p: &Plan, code: &str, groups: bool) {
        let date = super::fmt_date(self.a.effective);
        match p.successors(code) {
            Some(s) => {
                let last = s.chain.last().map(|c| super::fmt_date(c.effective));
                let now = s.agencies.join(", ");
                self.report(Code::AmendSuccessorGone, code, |l| {
                    l.tl_gone(code, &date, &last.unwrap_or_default(), &now)
                });
            }
            None => self.report(Code::AmendUnknownCode, code, |l| {
                if groups {
                    l.tl_unknown_agency_or_group(code, &date)
                } else {
                    l.tl_unknown_agency(code, &date)
                }
            }),
        }
    }

    fn task(&mut self, p: &Plan, id: &str) -> Option<usize> {
        let i = p.tasks.iter().position(|t| t.id == id);
        if i.is_none() {
            let date = super::fmt_date(self.a.effective);
            self.report(Code::AmendUnknownCode, id, |l| l.tl_unknown_task(id, &date));
        }
        i
    }

    fn change(&mut self, p: &mut Plan, c: &Change) {
        match c {
            Change::Found { .. } => self.found(p, c),
            Change::Rename {
                code,
                name,
                short_name,
            } => {
                if self.agency(p, code)
                    && let Some(ag) = p.agencies.iter_mut().find(|x| &x.code == code)
                {
                    let old = std::mem::replace(&mut ag.name, name.clone());
                    p.former_names.entry(code.clone()).or_default().push(old);
                    ag.short_name.clone_from(short_name);
                }
            }
            Change::Merge { from, into } => {
                if !self.agency(p, into) {
                    return;
                }
                for f in from {
                    if f != into && self.agency(p, f) {
                        succeed(p, self.a, f, std::slice::from_ref(into), "merge");
                    }
                }
            }
            Change::Split { from, into, tasks } => self.split(p, from, into, tasks),
            Change::Dissolve { code, tasks_to } => {
                if !self.agency(p, code) {
                    return;
                }
                let to: Vec<String> = match tasks_to {
                    Some(t) if self.agency_or_group(p, t) => vec![t.clone()],
                    _ => Vec::new(),
                };
                succeed(p, self.a, code, &to, "dissolve");
            }
            Change::TaskAdd { .. } => self.task_add(p, c),
            Change::TaskRetire { task } => {
                if let Some(i) = self.task(p, task) {
                    p.tasks.remove(i);
                }
            }
            Change::TaskReassign { task, from, to } => self.reassign(p, task, from, to),
            Change::TaskDeadline { task, deadline } => {
                if let Some(i) = self.task(p, task) {
                    p.tasks[i].deadline = *deadline;
                }
            }
            Change::IndicatorReassign {
                indicator,
                from,
                to,
            } => self.indicator_reassign(p, indicator.as_deref(), from, to),
            Change::Consolidator(code) => {
                if self.agency(p, code) {
                    p.meta.consolidator.clone_from(code);
                }
            }
            Change::Recipient { name, note } => {
                p.meta.recipient.name.clone_from(name);
                if note.is_some() {
                    p.meta.recipient.note.clone_from(note);
                }
            }
            Change::Group { .. } => self.group(p, c),
        }
    }

    fn found(&mut self, p: &mut Plan, c: &Change) {
        let Change::Found {
            code,
            name,
            short_name,
            kind,
            assignment,
            groups,
            note,
        } = c
        else {
            return;
        };
        if p.agency(code).is_some() || p.group(code).is_some() {
            self.report(Code::AmendInvalid, code, |l| l.tl_found_exists(code));
            return;
        }
        p.successions.remove(code);
        p.agencies.push(Agency {
            code: code.clone(),
            name: name.clone(),
            short_name: short_name.clone(),
            kind: *kind,
            assignment: *assignment,
            note: note.clone(),
            file: self.a.file.clone(),
        });
        p.agencies
            .sort_by(|a, b| a.kind.cmp(&b.kind).then_with(|| a.code.cmp(&b.code)));
        for g in groups {
            match p.groups.iter_mut().find(|x| &x.code == g) {
                Some(grp) => {
                    if !grp.members.contains(code) {
                        grp.members.push(code.clone());
                    }
                }
                None => self.report(Code::AmendUnknownCode, g, |l| l.tl_unknown_group(g)),
            }
        }
        reindex_agencies(p);
    }

    fn split(&mut self, p: &mut Plan, from: &str, into: &[String], tasks: &[(String, String)]) {
        if !self.agency(p, from) || !into.iter().all(|c| self.agency(p, c)) {
            return;
        }
        for (t, to) in tasks {
            if !into.contains(to) {
                self.report(Code::AmendInvalid, to, |l| l.tl_split_target(to, from));
                continue;
            }
            match p.tasks.iter_mut().find(|x| &x.id == t) {
                Some(task) if task.lead == from => move_task(task, to, self.a, "split"),
                Some(_) => self.report(Code::AmendInvalid, t, |l| l.tl_split_not_held(t, from)),
                None => {
                    let date = super::fmt_date(self.a.effective);
                    self.report(Code::AmendUnknownCode, t, |l| l.tl_unknown_task(t, &date));
                }
            }
        }
        succeed(p, self.a, from, into, "split");
    }

    fn task_add(&mut self, p: &mut Plan, c: &Change) {
        let Change::TaskAdd {
            id,
            lead,
            text,
            deadline,
            cooperating,
            themes,
            indicators,
        } = c
        else {
            return;
        };
        let Some((item, bullet)) = super::load::outline_id(id) else {
            self.report(Code::PlanBadValue, id, |l| l.plan_bad_task_id(id));
            return;
        };
        if p.tasks.iter().any(|t| &t.id == id) {
            self.report(Code::AmendInvalid, id, |l| l.tl_task_exists(id));
            return;
        }
        if !self.agency_or_group(p, lead) {
            return;
        }
        for x in cooperating {
            self.agency_or_group(p, x);
        }
        for ind in indicators {
            if p.indicator(ind).is_none() {
                let date = super::fmt_date(self.a.effective);
                self.report(Code::AmendUnknownCode, ind, |l| {
                    l.tl_unknown_indicator(ind, &date)
                });
            }
        }
        p.tasks.push(Task {
            id: id.clone(),
            item,
            bullet,
            text: text.clone(),
            lead: lead.clone(),
            agencies: Vec::new(),
            cooperating: cooperating.clone(),
            themes: themes.clone(),
            deadline: *deadline,
            frequency: crate::plan::Frequency::default_for(*deadline),
            indicators: indicators.clone(),
            origin: None,
        });
        p.tasks.sort_by_key(|t| (t.item, t.bullet));
    }

    fn reassign(&mut self, p: &mut Plan, task: &Option<String>, from: &Option<String>, to: &str) {
        if !self.agency_or_group(p, to) {
            return;
        }
        if let Some(t) = task {
            if let Some(i) = self.task(p, t) {
                move_task(&mut p.tasks[i], to, self.a, "task_reassign");
            }
        } else if let Some(f) = from {
            let known =
                p.agency(f).is_some() || p.group(f).is_some() || p.successions.contains_key(f);
            if !known {
                self.missing(p, f, true);
                return;
            }
            let mut moved = 0;
            for t in p.tasks.iter_mut().filter(|t| &t.lead == f) {
                move_task(t, to, self.a, "task_reassign");
                moved += 1;
            }
            if moved == 0 {
                self.report(Code::AmendInvalid, f, |l| l.tl_no_task_of(f));
            }
        }
    }

    fn indicator_reassign(&mut self, p: &mut Plan, one: Option<&str>, from: &str, to: &str) {
        if !self.agency_or_group(p, to) {
            return;
        }
        let mut moved = 0;
        for i in &mut p.indicators {
            if one.is_some_and(|id| id != i.id) || !i.assigned.iter().any(|c| c == from) {
                continue;
            }
            i.assigned.retain(|c| c != from);
            if !i.assigned.iter().any(|c| c == to) {
                i.assigned.push(to.to_string());
            }
            moved += 1;
        }
        if moved == 0 {
            let what = one.unwrap_or(from);
            let date = super::fmt_date(self.a.effective);
            self.report(Code::AmendUnknownCode, what, |l| {
                l.tl_no_indicator_of(what, from, &date)
            });
        }
    }

    fn group(&mut self, p: &mut Plan, c: &Change) {
        let Change::Group {
            code,
            name,
            add,
            remove,
        } = c
        else {
            return;
        };
        for m in add {
            self.agency_or_group(p, m);
        }
        let idx = match p.groups.iter().position(|g| &g.code == code) {
            Some(i) => i,
            None => {
                let Some(name) = name else {
                    self.report(Code::AmendInvalid, code, |l| l.tl_group_needs_name(code));
                    return;
                };
                if p.agency(code).is_some() {
                    self.report(Code::AmendInvalid, code, |l| l.tl_found_exists(code));
                    return;
                }
                p.groups.push(super::Group {
                    code: code.clone(),
                    name: name.clone(),
                    members: Vec::new(),
                    agencies: Vec::new(),
                    note: None,
                });
                p.groups.len() - 1
            }
        };
        for m in remove {
            if !p.groups[idx].members.contains(m) {
                self.report(Code::AmendInvalid, m, |l| l.tl_not_member(m, code));
            }
        }
        let g = &mut p.groups[idx];
        g.members.retain(|m| !remove.contains(m));
        for m in add {
            if !g.members.contains(m) {
                g.members.push(m.clone());
            }
        }
        if let Some(n) = name {
            g.name.clone_from(n);
        }
    }
}

fn reindex_agencies(p: &mut Plan) {
    p.agency_index = p
        .agencies
        .iter()
        .enumerate()
        .map(|(i, a)| (a.code.clone(), i))
        .collect();
}

fn move_task(t: &mut Task, to: &str, a: &Amendment, how: &'static str) {
    if t.lead == to {
        return;
    }
    let mut chain = t
        .origin
        .as_ref()
        .map(|o| o.chain.clone())
        .unwrap_or_default();
    chain.push(t.lead.clone());
    t.origin = Some(TaskOrigin {
        from: chain.first().cloned().unwrap_or_default(),
        chain,
        amendment: a.id.clone(),
        effective: a.effective,
        how,
    });
    t.lead = to.to_string();
}

/// `old` leaves the organisation; `into` (agencies or a group) take its places.
fn succeed(p: &mut Plan, a: &Amendment, old: &str, into: &[String], how: &'static str) {
    // Tasks it leads pass to the successor (a split has moved its listed tasks already; any
    // left are orphans the lint reports).
    if let [to] = into {
        for t in p.tasks.iter_mut().filter(|t| t.lead == old) {
            move_task(t, to, a, how);
        }
    }
    let swap = |list: &mut Vec<String>| {
        if let Some(pos) = list.iter().position(|c| c == old) {
            list.remove(pos);
            let mut at = pos;
            for n in into {
                if !list.contains(n) {
                    list.insert(at, n.clone());
                    at += 1;
                }
            }
        }
    };
    for t in &mut p.tasks {
        swap(&mut t.cooperating);
        let lead = t.lead.clone();
        t.cooperating.retain(|c| c != &lead);
    }
    for i in &mut p.indicators {
        swap(&mut i.assigned);
    }
    for g in &mut p.groups {
        swap(&mut g.members);
    }
    let r = &mut p.periods;
    for rule in [&mut r.year, &mut r.half_year, &mut r.quarter, &mut r.month] {
        if let Some(list) = &mut rule.reporters {
            swap(list);
        }
    }
    for adhoc in &mut r.ad_hoc {
        if let Some(list) = &mut adhoc.reporters {
            swap(list);
        }
    }
    if p.meta.consolidator == old
        && let [to] = into
        && p.agency(to).is_some()
    {
        p.meta.consolidator.clone_from(to);
    }
    if let Some(pos) = p.agencies.iter().position(|x| x.code == old) {
        let agency = p.agencies.remove(pos);
        p.successions.insert(
            old.to_string(),
            Succession {
                agency,
                how,
                into: into.to_vec(),
                amendment: a.id.clone(),
                effective: a.effective,
                source: a.source.clone(),
            },
        );
    }
    reindex_agencies(p);
}

/// Recomputes the expanded agency lists of groups, tasks and indicators after changes.
fn reexpand(p: &mut Plan) {
    reindex_agencies(p);
    let members: HashMap<String, Vec<String>> = p
        .groups
        .iter()
        .map(|g| (g.code.clone(), g.members.clone()))
        .collect();
    let order: HashMap<&str, usize> = p
        .agencies
        .iter()
        .enumerate()
        .map(|(i, a)| (a.code.as_str(), i))
        .collect();
    let expand = |codes: &[String]| -> Vec<String> {
        let mut set: HashSet<&str> = HashSet::new();
        let mut todo: Vec<&str> = codes.iter().map(String::as_str).collect();
        let mut seen = HashSet::new();
        while let Some(c) = todo.pop() {
            if let Some(m) = members.get(c) {
                if seen.insert(c) {
                    todo.extend(m.iter().map(String::as_str));
                }
            } else if order.contains_key(c) {
                set.insert(c);
            }
        }
        let mut v: Vec<&str> = set.into_iter().collect();
        v.sort_by_key(|c| order.get(c).copied().unwrap_or(usize::MAX));
        v.into_iter().map(String::from).collect()
    };
    let groups: Vec<Vec<String>> = p.groups.iter().map(|g| expand(&g.members)).collect();
    for (g, a) in p.groups.iter_mut().zip(groups) {
        g.agencies = a;
    }
    let tasks: Vec<Vec<String>> = p
        .tasks
        .iter()
        .map(|t| expand(std::slice::from_ref(&t.lead)))
        .collect();
    for (t, a) in p.tasks.iter_mut().zip(tasks) {
        t.agencies = a;
    }
    let inds: Vec<Vec<String>> = p.indicators.iter().map(|i| expand(&i.assigned)).collect();
    for (i, a) in p.indicators.iter_mut().zip(inds) {
        i.agencies = a;
    }
}
