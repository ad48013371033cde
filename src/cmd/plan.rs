//! `baocao plan check` and `baocao plan show`.

use std::io::Write;

use serde_json::{Value, json};

use crate::cli::{Format, PlanShowArgs};
use crate::diag::{self, Counts};
use crate::error::Error;
use crate::plan::{self, Assignment, Plan, fmt_date};
use crate::{Context, Outcome, Result};

/// Lints the plan: every finding with `file:line:col`; exit 1 when any is an error.
pub fn check(ctx: &Context) -> Result<Outcome> {
    let source = ctx.plan_source()?;
    let (plan, findings) = plan::load(&source, ctx.lang);
    let mut out = ctx.stdout();
    let io = |e: std::io::Error| Error::output(&e, ctx.lang);
    for f in &findings {
        diag::render::write_finding(&mut out, f, ctx.lang, true).map_err(io)?;
    }
    let counts = Counts::of(&findings);
    match (&plan, counts.errors) {
        (Some(p), 0) => {
            writeln!(
                out,
                "{}",
                ctx.lang
                    .plan_check_ok(p.agencies.len(), p.tasks.len(), p.indicators.len())
            )
            .map_err(io)?;
            if counts.warnings > 0 {
                writeln!(out, "{}", ctx.lang.plan_check_summary(0, counts.warnings)).map_err(io)?;
            }
            Ok(Outcome::Clean)
        }
        _ => {
            writeln!(
                out,
                "{}",
                ctx.lang.plan_check_summary(counts.errors, counts.warnings)
            )
            .map_err(io)?;
            Ok(Outcome::Problems)
        }
    }
}

/// Prints the plan as text or JSON, optionally for one agency and one period.
pub fn show(ctx: &Context, args: &PlanShowArgs) -> Result<Outcome> {
    let lang = ctx.lang;
    // With a period, the organisation in force for it; without, the plan as signed.
    let (plan, period) = super::plan_in_force(ctx, ctx.plan()?, args.period.as_deref())?;
    let agency = match &args.agency {
        Some(code) => Some(super::agency(&plan, code, lang)?),
        None => None,
    };
    let mut out = ctx.stdout();
    let io = |e: std::io::Error| Error::output(&e, lang);
    match args.format {
        Format::Json => {
            let v = to_json(&plan, agency.map(|a| a.code.as_str()), period.as_ref());
            let s = serde_json::to_string_pretty(&v).map_err(|e| Error::Message(e.to_string()))?;
            writeln!(out, "{s}").map_err(io)?;
        }
        Format::Text => write_text(
            &mut out,
            &plan,
            agency.map(|a| a.code.as_str()),
            period.as_ref(),
            lang,
        )
        .map_err(io)?,
    }
    Ok(Outcome::Clean)
}

const BOLD: anstyle::Style = anstyle::Style::new().bold();
const DIM: anstyle::Style = anstyle::Style::new().dimmed();

/// The text listing: the plan's heading, then each agency shown with its tasks and indicators.
/// With `only` (one agency) every task and indicator is written out in full.
fn write_text(
    out: &mut dyn Write,
    plan: &Plan,
    only: Option<&str>,
    period: Option<&plan::Period>,
    lang: crate::i18n::Lang,
) -> std::io::Result<()> {
    write_heading(out, plan, period, lang)?;
    let reporters: Option<Vec<&str>> =
        period.map(|p| plan.reporters(p).iter().map(|a| a.code.as_str()).collect());
    for a in &plan.agencies {
        if only.is_some_and(|c| c != a.code) {
            continue;
        }
        if only.is_none()
            && reporters
                .as_ref()
                .is_some_and(|r| !r.contains(&a.code.as_str()))
        {
            continue;
        }
        writeln!(out)?;
        write_agency_line(out, a, lang)?;
        let one = AgencyListing {
            plan,
            code: &a.code,
            full: only.is_some(),
            lang,
        };
        write_agency_tasks(out, &one)?;
        write_agency_indicators(out, &one)?;
    }
    Ok(())
}

/// Title and version, who consolidates and receives, the period, and the amendments in force.
fn write_heading(
    out: &mut dyn Write,
    plan: &Plan,
    period: Option<&plan::Period>,
    lang: crate::i18n::Lang,
) -> std::io::Result<()> {
    writeln!(
        out,
        "{BOLD}{}{BOLD:#}",
        lang.show_plan_header(&plan.meta.short_title, &plan.meta.version)
    )?;
    if let Some(c) = plan.consolidator() {
        writeln!(out, "{}", lang.show_consolidator(&c.name))?;
    }
    writeln!(out, "{}", lang.show_recipient(&plan.meta.recipient.name))?;
    if let Some(p) = period {
        writeln!(
            out,
            "{}",
            lang.show_period(
                &p.id,
                &fmt_date(p.start),
                &fmt_date(p.end),
                &fmt_date(p.due)
            )
        )?;
    }
    if !plan.applied.is_empty()
        && let Some(d) = plan.as_of
    {
        writeln!(out, "{}", lang.tl_show_as_of(&fmt_date(d)))?;
        writeln!(out, "{}", lang.tl_show_amendments(&plan.applied.join(", ")))?;
    }
    Ok(())
}

/// What one agency's tasks and indicators are listed from; `full` when it is the only agency shown.
struct AgencyListing<'a> {
    plan: &'a Plan,
    code: &'a str,
    full: bool,
    lang: crate::i18n::Lang,
}

/// `CODE — Name (kind[, requested])`.
fn write_agency_line(
    out: &mut dyn Write,
    a: &plan::Agency,
    lang: crate::i18n::Lang,
) -> std::io::Result<()> {
    let requested = if a.assignment == Assignment::DeNghi {
        format!(", {}", lang.show_requested())
    } else {
        String::new()
    };
    writeln!(
        out,
        "{BOLD}{}{BOLD:#} — {} {DIM}({}{requested}){DIM:#}",
        a.code,
        a.name,
        a.kind.label()
    )
}

/// One line a task the agency leads (shortened unless `full`); with `full`, the cooperating
/// agencies under it.
fn write_agency_tasks(out: &mut dyn Write, one: &AgencyListing<'_>) -> std::io::Result<()> {
    let (plan, code, full, lang) = (one.plan, one.code, one.full, one.lang);
    let tasks = plan.tasks_for(code);
    if tasks.is_empty() {
        writeln!(out, "    {DIM}{}{DIM:#}", lang.show_no_tasks())?;
    }
    for t in tasks {
        let text = if full {
            t.text.replace('\n', " ")
        } else {
            shorten(&t.text, 96)
        };
        let origin = t.origin.as_ref().map_or_else(String::new, |o| {
            format!(" {DIM}({}){DIM:#}", lang.tl_inherited(&o.chain.join(" → ")))
        });
        writeln!(
            out,
            "  {BOLD}{:<9}{BOLD:#} [{}] {text}{origin}",
            t.id,
            t.deadline.display(lang)
        )?;
        if full && !t.cooperating.is_empty() {
            writeln!(
                out,
                "            {DIM}{}: {}{DIM:#}",
                lang.show_cooperating(),
                t.cooperating.join(", ")
            )?;
        }
    }
    Ok(())
}

/// The agency's indicators: their ids on one line, or with `full` one line each with name and unit.
fn write_agency_indicators(out: &mut dyn Write, one: &AgencyListing<'_>) -> std::io::Result<()> {
    let (plan, code, full, lang) = (one.plan, one.code, one.full, one.lang);
    let inds = plan.indicators_for(code);
    if inds.is_empty() {
        return Ok(());
    }
    let list: Vec<String> = if full {
        inds.iter()
            .map(|i| format!("\n    {} {} ({})", i.id, i.name, i.unit))
            .collect()
    } else {
        inds.iter().map(|i| i.id.clone()).collect()
    };
    let sep = if full { "" } else { ", " };
    writeln!(
        out,
        "  {DIM}{}:{DIM:#} {}",
        lang.show_indicators(),
        list.join(sep).trim_start_matches('\n')
    )
}

fn shorten(s: &str, max: usize) -> String {
    let flat = s.replace('\n', " ");
    if flat.chars().count() <= max {
        flat
    } else {
        let cut: String = flat.chars().take(max).collect();
        format!("{}…", cut.trim_end())
    }
}

/// The JSON form documented in docs/plan-format.md.
pub fn to_json(plan: &Plan, only: Option<&str>, period: Option<&plan::Period>) -> Value {
    let involved = |codes: &[String]| only.is_none_or(|c| codes.iter().any(|a| a == c));
    let agencies: Vec<Value> = plan
        .agencies
        .iter()
        .filter(|a| only.is_none_or(|c| c == a.code))
        .map(|a| agency_json(plan, a))
        .collect();
    let tasks: Vec<Value> = plan
        .tasks
        .iter()
        .filter(|t| involved(&t.agencies))
        .map(|t| task_json(plan, t, period))
        .collect();
    let indicators: Vec<Value> = plan
        .indicators
        .iter()
        .filter(|i| involved(&i.agencies))
        .map(|i| {
            json!({
                "id": i.id, "name": i.name, "unit": i.unit, "type": i.kind,
                "description": i.description, "assigned": i.assigned, "agencies": i.agencies,
            })
        })
        .collect();
    let mut v = json!({
        "plan": meta_json(plan),
        "agencies": agencies,
        "groups": plan.groups.iter().map(|g| json!({"code": g.code, "name": g.name, "members": g.members, "agencies": g.agencies})).collect::<Vec<_>>(),
        "themes": plan.themes,
        "tasks": tasks,
        "indicators": indicators,
        "periods": periods_json(&plan.periods),
    });
    if !plan.applied.is_empty() {
        add_amendments_json(&mut v, plan);
    }
    if let Some(per) = period {
        let reporters: Vec<&str> = plan
            .reporters(per)
            .iter()
            .map(|a| a.code.as_str())
            .collect();
        v["period"] = json!({"id": per.id, "kind": per.kind, "name": per.name, "start": per.start.to_string(),
                             "end": per.end.to_string(), "due": per.due.to_string(), "reporters": reporters});
    }
    v
}

/// The plan's own record: identity, parties, the documents it implements, the cut-off day.
fn meta_json(plan: &Plan) -> Value {
    let m = &plan.meta;
    json!({
        "id": m.id, "version": m.version, "fingerprint": m.fingerprint, "title": m.title,
        "short_title": m.short_title, "issuer": m.issuer, "issuer_parent": m.issuer_parent,
        "place": m.place, "consolidator": m.consolidator, "recipient": m.recipient,
        "reporting_duty": m.reporting_duty,
        "implements": m.implements.iter().map(|d| json!({"number": d.number, "date": d.date.to_string(), "issuer": d.issuer, "title": d.title})).collect::<Vec<_>>(),
        "cutoff_day": plan.periods.cutoff_day,
    })
}

/// One agency with its groups and the ids of the tasks it leads and indicators it reports.
fn agency_json(plan: &Plan, a: &plan::Agency) -> Value {
    let groups: Vec<&str> = plan
        .groups
        .iter()
        .filter(|g| g.agencies.contains(&a.code))
        .map(|g| g.code.as_str())
        .collect();
    json!({
        "code": a.code, "name": a.name, "short_name": a.short_name, "kind": a.kind,
        "assignment": a.assignment, "note": a.note, "groups": groups,
        "tasks": plan.tasks_for(&a.code).iter().map(|t| t.id.as_str()).collect::<Vec<_>>(),
        "indicators": plan.indicators_for(&a.code).iter().map(|i| i.id.as_str()).collect::<Vec<_>>(),
    })
}

/// One task, with its due date in `period` when one is given.
fn task_json(plan: &Plan, t: &plan::Task, period: Option<&plan::Period>) -> Value {
    let due = period
        .and_then(|p| plan.task_due(t, p))
        .map(|d| d.format("%Y-%m-%d").to_string());
    let mut v = json!({
        "id": t.id, "item": t.item, "bullet": t.bullet, "text": t.text, "lead": t.lead,
        "agencies": t.agencies, "cooperating": t.cooperating, "themes": t.themes,
        "deadline": t.deadline.as_json(), "due_in_period": due, "indicators": t.indicators,
    });
    // Only when it differs from the default, so a plan without the field keeps its JSON.
    if t.frequency != crate::plan::Frequency::default_for(t.deadline) {
        v["frequency"] = json!(t.frequency);
    }
    // Only for a task an amendment moved: the signed plan's JSON stays as it was.
    if let Some(o) = &t.origin {
        v["inherited_from"] = json!({"code": o.from, "chain": o.chain, "amendment": o.amendment,
                                     "effective": o.effective.to_string(), "how": o.how});
    }
    v
}

/// The period rules (year, half year, quarter, month), then the ad hoc periods.
fn periods_json(p: &plan::PeriodRules) -> Vec<Value> {
    let mut periods: Vec<Value> = [("year", &p.year), ("half_year", &p.half_year), ("quarter", &p.quarter), ("month", &p.month)]
        .iter()
        .map(|(k, r)| json!({"kind": k, "enabled": r.enabled, "due_offset_days": r.due_offset_days, "reporters": r.reporters}))
        .collect();
    periods.extend(p.ad_hoc.iter().map(|a| {
        json!({"kind": "ad_hoc", "enabled": true, "id": a.id, "name": a.name, "start": a.start.to_string(),
               "end": a.end.to_string(), "due": a.due.to_string(), "reporters": a.reporters})
    }));
    periods
}

/// For a plan with amendments in force: the date, the amendments, and the agencies they ended.
fn add_amendments_json(v: &mut Value, plan: &Plan) {
    v["as_of"] = json!(plan.as_of.map(|d| d.to_string()));
    v["amendments_in_force"] = json!(plan.applied);
    let mut former: Vec<Value> = plan
        .successions
        .iter()
        .map(|(code, s)| {
            json!({"code": code, "name": s.agency.name, "how": s.how, "into": s.into,
                   "amendment": s.amendment, "effective": s.effective.to_string()})
        })
        .collect();
    former.sort_by(|a, b| a["code"].as_str().cmp(&b["code"].as_str()));
    v["former_agencies"] = json!(former);
}
