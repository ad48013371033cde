//! `baocao validate`: check submissions one by one and print every finding.

use std::io::Write;
use std::path::PathBuf;

use serde_json::json;

use crate::check::{self, Checked, Options};
use crate::cli::{Format, ValidateArgs};
use crate::diag::{self, Counts, render};
use crate::error::Error;
use crate::plan::Plan;
use crate::{Context, Outcome, Result, util};

pub fn run(ctx: &Context, args: &ValidateArgs) -> Result<Outcome> {
    let lang = ctx.lang;
    let signed = ctx.plan()?;
    let as_of = super::as_of(args.as_of.as_deref(), lang)?;
    // With `--period`, the organisation in force for it; without, each file's own period
    // decides (check::check_workbook).
    let (plan, period) = super::plan_in_force(ctx, signed, args.period.as_deref())?;
    let agency = match &args.agency {
        Some(code) => Some(super::agency(&plan, code, lang)?.code.clone()),
        None => None,
    };
    let files = expand_wildcards(&args.files);
    if args.annotate.is_some() && files.len() != 1 {
        return Err(Error::Message(lang.annotate_one_file()));
    }
    for f in &files {
        if std::fs::symlink_metadata(f).is_err() {
            return Err(Error::Message(lang.path_missing(&f.display().to_string())));
        }
    }
    let opts = Options {
        plan: &plan,
        lang,
        as_of,
        period: period.as_ref(),
        agency: agency.as_deref(),
    };
    let limits = crate::ingest::Limits::default();
    let results: Vec<(String, Checked)> = files
        .iter()
        .map(|p| {
            let shown = p.display().to_string();
            let checked = check::check_file(p, &shown, &opts, &limits);
            (shown, checked)
        })
        .collect();

    if let Some(out) = &args.annotate {
        let (shown, checked) = &results[0];
        let copy = Annotate {
            file: &files[0],
            shown,
            checked,
            plan: &plan,
            period: period.as_ref(),
            period_given: args.period.is_some(),
            as_of,
        };
        let bytes = copy
            .build(lang, &limits)
            .map_err(|e| Error::Message(lang.io_write(&out.display().to_string(), &e)))?;
        super::create_out_dir(super::parent_dir(out), lang)?;
        util::write_atomic(out, &bytes, args.force, lang)?;
    }

    let io = |e: std::io::Error| Error::output(&e, lang);
    let mut out = ctx.stdout();
    let all: Vec<&diag::Finding> = results
        .iter()
        .flat_map(|(_, c)| c.submission.findings.iter())
        .collect();
    let total = Counts::of(all.iter().copied());
    match args.format {
        Format::Json => {
            let v = to_json(&results, &plan, total);
            writeln!(
                out,
                "{}",
                serde_json::to_string_pretty(&v).unwrap_or_default()
            )
            .map_err(io)?;
        }
        Format::Text => print_text(&mut out, &results, &plan, total, args, lang).map_err(io)?,
    }
    Ok(if total.errors > 0 {
        Outcome::Problems
    } else {
        Outcome::Clean
    })
}

/// The findings as text, file by file, with each file's counts and the total.
fn print_text(
    out: &mut dyn Write,
    results: &[(String, Checked)],
    plan: &Plan,
    total: Counts,
    args: &ValidateArgs,
    lang: crate::i18n::Lang,
) -> std::io::Result<()> {
    for (shown, c) in results {
        let s = &c.submission;
        let who = match (&s.agency, &s.period) {
            (Some(a), Some(p)) => format!(
                " ({a} — {}, {})",
                plan.agency(a).map_or("", |x| x.name.as_str()),
                lang.period_word(p)
            ),
            (Some(a), None) => format!(" ({a})"),
            _ => String::new(),
        };
        let refs: Vec<&diag::Finding> = s.findings.iter().collect();
        let bold = anstyle::Style::new().bold();
        writeln!(out, "{bold}{shown}{bold:#}{who}")?;
        for f in &refs {
            render::write_finding(out, f, lang, false)?;
        }
        let c = Counts::of(refs.iter().copied());
        write!(out, "  ")?;
        render::write_summary(out, c.errors, c.warnings, lang)?;
    }
    if results.len() > 1 {
        write!(out, "{} ", lang.total_word())?;
        render::write_summary(out, total.errors, total.warnings, lang)?;
    }
    if let Some(p) = &args.annotate {
        writeln!(out, "{}", lang.wrote_file(&p.display().to_string()))?;
    }
    Ok(())
}

fn to_json(results: &[(String, Checked)], plan: &Plan, total: Counts) -> serde_json::Value {
    let files: Vec<serde_json::Value> = results
        .iter()
        .map(|(shown, c)| {
            let s = &c.submission;
            let findings: Vec<render::JsonFinding> = s.findings.iter().map(render::JsonFinding::from).collect();
            json!({
                "file": shown,
                "format": c.format,
                "agency": s.agency,
                "agency_name": s.agency.as_deref().and_then(|a| plan.agency(a)).map(|a| a.name.clone()),
                "period": s.period,
                "report_date": s.report_date.map(|d| d.to_string()),
                "tasks": s.tasks.len(),
                "indicators": s.indicators.len(),
                "counts": Counts::of(&s.findings),
                "findings": findings,
            })
        })
        .collect();
    json!({ "counts": total, "files": files })
}

/// The files named on the command line, with `*` and `?` in a file name expanded the way a
/// Unix shell would (sorted; Office owner files `~$…` and hidden files left out): cmd.exe and
/// PowerShell pass `bao-cao\*.xlsx` to the program as it is typed. A name that exists as
/// typed, or a pattern that matches nothing, is kept as it is (the latter is then reported
/// missing).
fn expand_wildcards(files: &[PathBuf]) -> Vec<PathBuf> {
    let mut out = Vec::with_capacity(files.len());
    for f in files {
        let pattern = f.file_name().and_then(|n| n.to_str()).unwrap_or("");
        if f.exists() || !pattern.contains(['*', '?']) {
            out.push(f.clone());
            continue;
        }
        let dir = match f.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        let pattern: Vec<char> = pattern.to_lowercase().chars().collect();
        let mut found: Vec<PathBuf> = std::fs::read_dir(&dir)
            .into_iter()
            .flatten()
            .flatten()
            .filter(|e| e.path().is_file())
            .filter_map(|e| e.file_name().into_string().ok())
            .filter(|n| !n.starts_with("~$") && !n.starts_with('.'))
            .filter(|n| wildcard_match(&pattern, &n.to_lowercase().chars().collect::<Vec<_>>()))
            .map(|n| f.with_file_name(n))
            .collect();
        if found.is_empty() {
            out.push(f.clone());
        } else {
            found.sort();
            out.append(&mut found);
        }
    }
    out
}

/// `*` any run of characters, `?` one character, anything else itself.
fn wildcard_match(pattern: &[char], name: &[char]) -> bool {
    // The usual greedy match with one backtrack point: the last `*` seen.
    let (mut p, mut n) = (0, 0);
    let mut star: Option<(usize, usize)> = None;
    while n < name.len() {
        match pattern.get(p) {
            Some('*') => {
                star = Some((p, n));
                p += 1;
            }
            Some(&c) if c == '?' || c == name[n] => {
                p += 1;
                n += 1;
            }
            _ => match star {
                Some((sp, sn)) => {
                    p = sp + 1;
                    n = sn + 1;
                    star = Some((sp, sn + 1));
                }
                None => return false,
            },
        }
    }
    pattern[p..].iter().all(|&c| c == '*')
}

/// What `--annotate` needs to build the copy sent back to the agency.
struct Annotate<'a> {
    file: &'a std::path::Path,
    shown: &'a str,
    checked: &'a Checked,
    /// The plan the checks used: in force for `--period`, else as signed.
    plan: &'a Plan,
    period: Option<&'a crate::plan::Period>,
    period_given: bool,
    as_of: chrono::NaiveDate,
}

impl Annotate<'_> {
    /// An identified report is copied onto a fresh template of its agency and period (of the
    /// organisation in force then), the file the agency corrects and sends back; anything else
    /// is copied as it was read. An unreadable file still gets a copy: its findings sheet says
    /// why.
    fn build(
        &self,
        lang: crate::i18n::Lang,
        limits: &crate::ingest::Limits,
    ) -> std::result::Result<Vec<u8>, String> {
        let wb = crate::ingest::open(self.file, self.shown, lang, limits).ok();
        let sub = &self.checked.submission;
        let file_period = || sub.period.as_deref().and_then(|p| self.plan.period(p).ok());
        let period = self.period.cloned().or_else(file_period);
        let in_force = match (self.period_given, &period) {
            (false, Some(p)) => Some(self.plan.in_force(p)),
            _ => None,
        };
        let plan = in_force.as_ref().unwrap_or(self.plan);
        let agency = sub.agency.as_deref().and_then(|a| plan.agency(a));
        match (&wb, agency, &period) {
            (Some(wb), Some(a), Some(p)) => crate::report::annotate::build_on_template(
                plan,
                a,
                p,
                self.as_of,
                wb,
                &sub.findings,
                lang,
            ),
            _ => crate::report::annotate::build(wb.as_ref(), &sub.findings, lang, self.as_of),
        }
        .map_err(|e| e.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(pattern: &str, name: &str) -> bool {
        let p: Vec<char> = pattern.chars().collect();
        let n: Vec<char> = name.chars().collect();
        wildcard_match(&p, &n)
    }

    #[test]
    fn wildcards() {
        assert!(m("*.xlsx", "SCT-2025.xlsx"));
        assert!(m("*-2025.xls*", "SGTVT-2025.xls"));
        assert!(m("S?T-*", "SCT-2025.xlsx"));
        assert!(m("*", ""));
        assert!(m("a*b*c", "aXXbYYbc"));
        assert!(m("Báo cáo *.xlsx", "Báo cáo Sở Y tế.xlsx"));
        assert!(!m("*.xlsx", "SCT-2025.xls"));
        assert!(!m("S?T-*", "SCTT-2025.xlsx"));
        assert!(!m("a*b*c", "aXXbYYb"));
        assert!(!m("?", ""));
    }

    #[test]
    fn patterns_expand_in_their_folder() {
        let dir = tempfile::tempdir().unwrap();
        for n in ["b.xlsx", "a.xlsx", "c.xls", "~$a.xlsx", ".x.xlsx"] {
            std::fs::write(dir.path().join(n), b"").unwrap();
        }
        let got = expand_wildcards(&[dir.path().join("*.XLSX"), dir.path().join("c.xls")]);
        let names: Vec<_> = got
            .iter()
            .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
            .collect();
        assert_eq!(names, ["a.xlsx", "b.xlsx", "c.xls"]);
        // Nothing matches: kept, to be reported missing.
        let none = dir.path().join("*.ods");
        assert_eq!(expand_wildcards(std::slice::from_ref(&none)), [none]);
    }
}
