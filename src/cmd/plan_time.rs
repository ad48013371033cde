//! `baocao plan history`, `plan diff` and `plan import`: the plan through time.
//!
//! Glue: the timeline lives in `plan::timeline`, the list reading in `plan::import`.

use std::io::Write;

use serde_json::{Value, json};

use crate::cli::{Format, PlanDiffArgs, PlanHistoryArgs, PlanImportArgs};
use crate::error::Error;
use crate::i18n::Lang;
use crate::plan::amend::{Amendment, Change};
use crate::plan::{self, Plan, fmt_date};
use crate::{Context, Outcome, Result};

/// One change as a sentence.
pub fn describe(c: &Change, lang: Lang) -> String {
    let list = |v: &[String]| {
        v.iter()
            .map(|c| format!("`{c}`"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    match c {
        Change::Found { code, name, .. } => lang.tl_ch_found(code, name),
        Change::Rename { code, name, .. } => lang.tl_ch_rename(code, name),
        Change::Merge { from, into } => lang.tl_ch_merge(&list(from), into),
        Change::Split { from, into, .. } => lang.tl_ch_split(from, &list(into)),
        Change::Dissolve { code, tasks_to } => match tasks_to {
            Some(t) => lang.tl_ch_dissolve_to(code, t),
            None => lang.tl_ch_dissolve(code),
        },
        Change::TaskAdd { id, lead, .. } => lang.tl_ch_task_add(id, lead),
        Change::TaskRetire { task } => lang.tl_ch_task_retire(task),
        Change::TaskReassign { task, from, to } => {
            let what = match (task, from) {
                (Some(t), _) => format!("`{t}`"),
                (None, Some(f)) => lang.tl_ch_tasks_of(f),
                (None, None) => String::new(),
            };
            lang.tl_ch_task_reassign(&what, to)
        }
        Change::TaskDeadline { task, deadline } => {
            lang.tl_ch_task_deadline(task, &deadline.display(lang))
        }
        Change::IndicatorReassign {
            indicator,
            from,
            to,
        } => lang.tl_ch_indicator_reassign(indicator.as_deref().unwrap_or("*"), from, to),
        Change::Consolidator(c) => lang.tl_ch_consolidator(c),
        Change::Recipient { name, .. } => lang.tl_ch_recipient(name),
        Change::Group {
            code, add, remove, ..
        } => lang.tl_ch_group(code, &add.join(", "), &remove.join(", ")),
    }
}

fn source_json(a: &Amendment) -> Value {
    a.source.as_ref().map_or(Value::Null, |s| {
        json!({"number": s.number, "date": s.date.to_string(), "issuer": s.issuer,
               "title": s.title, "url": s.url})
    })
}

/// The plan's latest organisation: every amendment applied.
fn latest(plan: &Plan) -> Plan {
    let last = plan.amendments.iter().map(|a| a.effective).max();
    last.map_or_else(|| plan.clone(), |d| plan.at(d))
}

/// "`X` is now succeeded by …" for a code no longer in force.
fn fate(now: &Plan, c: &str, lang: Lang) -> Option<String> {
    let s = now.successors(c)?;
    if !s.agencies.is_empty() && !s.via_group {
        return Some(lang.tl_history_now(c, &s.agencies.join(", ")));
    }
    let into: Vec<String> = s
        .chain
        .iter()
        .flat_map(|x| x.into.iter().cloned())
        .collect();
    Some(if into.is_empty() {
        lang.tl_history_dissolved(c)
    } else {
        lang.tl_history_now(c, &into.join(", "))
    })
}

/// `plan history [CODE]`: the amendments (all, or those naming CODE), each with its source.
pub fn history(ctx: &Context, args: &PlanHistoryArgs) -> Result<Outcome> {
    let plan = ctx.plan()?;
    let lang = ctx.lang;
    let code = args.code.as_deref().map(|c| c.trim().to_ascii_uppercase());
    let now = latest(&plan);
    let known = |c: &str| {
        plan.agency(c).is_some()
            || now.agency(c).is_some()
            || now.successions.contains_key(c)
            || plan.group(c).is_some()
            || now.group(c).is_some()
            || plan.task(c).is_some()
            || now.task(c).is_some()
    };
    if let Some(c) = &code
        && !known(c)
    {
        return Err(Error::Message(super::unknown_agency(&now, c, lang)));
    }
    let entries: Vec<(&Amendment, Vec<&Change>)> = plan
        .amendments
        .iter()
        .map(|a| {
            let changes = a
                .changes
                .iter()
                .filter(|ch| code.as_deref().is_none_or(|c| ch.codes().contains(&c)))
                .collect::<Vec<_>>();
            (a, changes)
        })
        .filter(|(_, ch)| !ch.is_empty())
        .collect();
    let fate = code.as_deref().and_then(|c| fate(&now, c, lang));
    let mut out = ctx.stdout();
    let io = |e: std::io::Error| Error::output(&e, lang);
    if args.format == Format::Json {
        let v = json!({
            "code": code,
            "signed": {"version": plan.meta.version, "fingerprint": plan.meta.fingerprint},
            "amendments": entries.iter().map(|(a, ch)| json!({
                "id": a.id, "effective": a.effective.to_string(), "source": source_json(a),
                "note": a.note, "file": a.file,
                "changes": ch.iter().map(|c| json!({"kind": c.keyword(), "codes": c.codes(), "text": describe(c, lang)})).collect::<Vec<_>>(),
            })).collect::<Vec<_>>(),
            "now": fate,
        });
        let s = serde_json::to_string_pretty(&v).map_err(|e| Error::Message(e.to_string()))?;
        writeln!(out, "{s}").map_err(io)?;
        return Ok(Outcome::Clean);
    }
    let what = code.clone().unwrap_or_else(|| lang.tl_history_plan());
    writeln!(out, "{}", lang.tl_history_header(&what)).map_err(io)?;
    writeln!(out, "{}", lang.tl_history_signed(&plan.meta.version)).map_err(io)?;
    if entries.is_empty()
        && let Some(c) = &code
    {
        writeln!(out, "{}", lang.tl_history_none(c)).map_err(io)?;
    }
    for (a, changes) in &entries {
        writeln!(out).map_err(io)?;
        writeln!(
            out,
            "{}",
            lang.tl_history_effective(&fmt_date(a.effective), &a.id)
        )
        .map_err(io)?;
        let src = a.source.as_ref().map_or_else(
            || lang.tl_history_no_source(),
            |s| lang.tl_history_source(&s.cite(lang)),
        );
        writeln!(out, "  {src}").map_err(io)?;
        if let Some(u) = a.source.as_ref().and_then(|s| s.url.as_deref()) {
            writeln!(out, "  {u}").map_err(io)?;
        }
        if let Some(n) = &a.note {
            writeln!(out, "  {}", n.trim()).map_err(io)?;
        }
        for c in changes {
            writeln!(out, "  - {}", describe(c, lang)).map_err(io)?;
        }
    }
    if let Some(f) = fate {
        writeln!(out).map_err(io)?;
        writeln!(out, "{f}").map_err(io)?;
    }
    Ok(Outcome::Clean)
}

/// Who leads each task in a snapshot: task id → agency codes.
fn leads(p: &Plan) -> std::collections::BTreeMap<String, Vec<String>> {
    p.tasks
        .iter()
        .map(|t| (t.id.clone(), t.agencies.clone()))
        .collect()
}

/// What changed between two periods' organisations.
struct Diff {
    /// (code, name) of bodies that report in the first period only.
    gone: Vec<(String, String)>,
    /// (code, name) of bodies that report in the second period only.
    added: Vec<(String, String)>,
    /// (code, old name, new name).
    renamed: Vec<(String, String, String)>,
    /// (task id, agencies before, agencies after), in plan order.
    tasks: Vec<(String, Vec<String>, Vec<String>)>,
}

impl Diff {
    fn of(a: &Plan, pa: &plan::Period, b: &Plan, pb: &plan::Period) -> Diff {
        let (ra, rb) = (a.reporters(pa), b.reporters(pb));
        let pair = |x: &&plan::Agency| (x.code.clone(), x.name.clone());
        let gone = ra
            .iter()
            .filter(|x| !rb.iter().any(|y| y.code == x.code))
            .map(pair)
            .collect();
        let added = rb
            .iter()
            .filter(|x| !ra.iter().any(|y| y.code == x.code))
            .map(pair)
            .collect();
        let renamed = ra
            .iter()
            .filter_map(|x| {
                rb.iter()
                    .find(|y| y.code == x.code && y.name != x.name)
                    .map(|y| (x.code.clone(), x.name.clone(), y.name.clone()))
            })
            .collect();
        let (la, lb) = (leads(a), leads(b));
        let mut ids: Vec<&String> = la.keys().chain(lb.keys()).collect();
        ids.sort_by_key(|id| plan::task_order(id));
        ids.dedup();
        let tasks = ids
            .into_iter()
            .map(|id| {
                let get = |m: &std::collections::BTreeMap<String, Vec<String>>| {
                    m.get(id).cloned().unwrap_or_default()
                };
                (id.clone(), get(&la), get(&lb))
            })
            .filter(|(_, x, y)| x != y)
            .collect();
        Diff {
            gone,
            added,
            renamed,
            tasks,
        }
    }

    fn json(&self, a: &Plan, pa: &plan::Period, b: &Plan, pb: &plan::Period) -> Value {
        let side = |p: &Plan, per: &plan::Period| {
            json!({"period": per.id, "as_of": per.end.to_string(), "fingerprint": p.meta.fingerprint,
                   "amendments": p.applied, "consolidator": p.meta.consolidator,
                   "recipient": p.meta.recipient.name, "reporters": p.reporters(per).iter().map(|x| x.code.as_str()).collect::<Vec<_>>()})
        };
        json!({
            "from": side(a, pa), "to": side(b, pb),
            "removed": self.gone.iter().map(|(c, n)| json!({"code": c, "name": n})).collect::<Vec<_>>(),
            "added": self.added.iter().map(|(c, n)| json!({"code": c, "name": n})).collect::<Vec<_>>(),
            "renamed": self.renamed.iter().map(|(c, o, n)| json!({"code": c, "from": o, "to": n})).collect::<Vec<_>>(),
            "tasks": self.tasks.iter().map(|(id, x, y)| json!({"id": id, "from": x, "to": y})).collect::<Vec<_>>(),
        })
    }

    fn lines(
        &self,
        a: &Plan,
        pa: &plan::Period,
        b: &Plan,
        pb: &plan::Period,
        lang: Lang,
    ) -> Vec<String> {
        let mut out =
            vec![lang.tl_diff_header(&pa.id, &fmt_date(pa.end), &pb.id, &fmt_date(pb.end))];
        if a.meta.consolidator != b.meta.consolidator {
            out.push(lang.tl_diff_consolidator(&a.meta.consolidator, &b.meta.consolidator));
        }
        if a.meta.recipient.name != b.meta.recipient.name {
            out.push(lang.tl_diff_recipient(&a.meta.recipient.name, &b.meta.recipient.name));
        }
        let (na, nb) = (a.reporters(pa).len(), b.reporters(pb).len());
        if na != nb {
            out.push(lang.tl_diff_reporters(na, nb));
        }
        out.extend(self.gone.iter().map(|(c, n)| lang.tl_diff_gone(c, n)));
        out.extend(self.added.iter().map(|(c, n)| lang.tl_diff_new(c, n)));
        out.extend(
            self.renamed
                .iter()
                .map(|(c, o, n)| lang.tl_diff_renamed(c, o, n)),
        );
        let who = |v: &Vec<String>| {
            if v.is_empty() {
                lang.tl_nobody()
            } else {
                v.join(", ")
            }
        };
        out.extend(
            self.tasks
                .iter()
                .map(|(id, x, y)| lang.tl_diff_task(id, &who(x), &who(y))),
        );
        if out.len() == 1 {
            out.push(lang.tl_diff_none());
        }
        out
    }
}

/// `plan diff P1 P2`: who reports what, changed between two periods.
pub fn diff(ctx: &Context, args: &PlanDiffArgs) -> Result<Outcome> {
    let signed = ctx.plan()?;
    let lang = ctx.lang;
    let (a, pa) = super::plan_for_period(ctx, &signed, &args.from)?;
    let (b, pb) = super::plan_for_period(ctx, &signed, &args.to)?;
    let d = Diff::of(&a, &pa, &b, &pb);
    let mut out = ctx.stdout();
    let io = |e: std::io::Error| Error::output(&e, lang);
    if args.format == Format::Json {
        let s = serde_json::to_string_pretty(&d.json(&a, &pa, &b, &pb))
            .map_err(|e| Error::Message(e.to_string()))?;
        writeln!(out, "{s}").map_err(io)?;
    } else {
        for line in d.lines(&a, &pa, &b, &pb, lang) {
            writeln!(out, "{line}").map_err(io)?;
        }
    }
    Ok(Outcome::Clean)
}

/// `plan import FILE`: a list of agencies as an amendment file.
pub fn import(ctx: &Context, args: &PlanImportArgs) -> Result<Outcome> {
    let lang = ctx.lang;
    let signed = ctx.plan()?;
    super::refuse_existing(&args.out, args.force, lang)?;
    let rows = plan::import::read_list(&args.file, lang)?;
    let (yaml, findings) = plan::import::amendment_yaml(&signed, &rows, args, lang);
    let mut out = ctx.stdout();
    let io = |e: std::io::Error| Error::output(&e, lang);
    for f in &findings {
        crate::diag::render::write_finding(&mut out, f, lang, true).map_err(io)?;
    }
    if findings
        .iter()
        .any(|f| f.severity == crate::diag::Severity::Error)
    {
        return Ok(Outcome::Problems);
    }
    // The first amendment of a plan creates its `amendments/` folder.
    if let Some(parent) = args.out.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent).map_err(|e| {
            Error::Message(lang.io_write(&parent.display().to_string(), &e.to_string()))
        })?;
    }
    crate::util::write_atomic(&args.out, yaml.as_bytes(), args.force, lang)?;
    writeln!(
        out,
        "{}",
        lang.tl_imported(rows.len(), &args.out.display().to_string())
    )
    .map_err(io)?;
    Ok(Outcome::Clean)
}
