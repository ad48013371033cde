//! `plan import`: a list of agencies kept in a spreadsheet or CSV (code, name, group[, kind])
//! turned into an amendment file that founds them, so ~100 commune-level bodies need not be
//! typed as YAML. Spreadsheets are read through `ingest` (calamine), CSV with the `csv` crate.
//! Nothing is written when a row is wrong: every problem is a finding at `FILE:row:column`.

use std::collections::HashSet;
use std::fmt::Write as _;
use std::path::Path;

use chrono::NaiveDate;
use unicode_normalization::UnicodeNormalization;

use super::{AgencyKind, Plan};
use crate::cli::PlanImportArgs;
use crate::diag::{Code, Finding};
use crate::error::Error;
use crate::i18n::Lang;

/// One row of the list, as written (1-based line for findings).
#[derive(Clone, Debug)]
pub struct Row {
    pub line: u64,
    pub code: String,
    pub name: String,
    pub group: String,
    pub kind: String,
}

/// The most rows accepted (a province has a few hundred bodies at most).
const MAX_ROWS: usize = 10_000;

/// Reads the list: `.csv` as UTF-8 CSV, anything else as a spreadsheet (first visible sheet).
pub fn read_list(path: &Path, lang: Lang) -> Result<Vec<Row>, Error> {
    let shown = path.display().to_string();
    let cells: Vec<Vec<String>> = if path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("csv"))
    {
        let mut r = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_path(path)
            .map_err(|e| Error::Message(lang.io_read(&shown, &e.to_string())))?;
        let mut rows = Vec::new();
        for rec in r.records().take(MAX_ROWS + 1) {
            let rec = rec.map_err(|e| Error::Message(lang.io_read(&shown, &e.to_string())))?;
            rows.push(rec.iter().map(|c| c.nfc().collect::<String>()).collect());
        }
        rows
    } else {
        let limits = crate::ingest::Limits::default();
        let wb = crate::ingest::open_scoped(
            path,
            &shown,
            lang,
            &limits,
            crate::ingest::Scope::Everything,
        )
        .map_err(|f| Error::Message(f.message))?;
        let Some(sheet) = wb.sheets.iter().find(|s| !s.hidden) else {
            return Ok(Vec::new());
        };
        sheet
            .rows
            .iter()
            .take(MAX_ROWS + 1)
            .map(|r| r.iter().map(crate::ingest::Value::display).collect())
            .collect()
    };
    let Some((header, body)) = cells.split_first() else {
        return Ok(Vec::new());
    };
    let col = |names: &[&str]| {
        header.iter().position(|h| {
            let h = crate::util::fold(h);
            names.iter().any(|n| crate::util::fold(n) == h)
        })
    };
    let (Some(c_code), Some(c_name)) = (col(&["code", "mã", "ma"]), col(&["name", "tên", "ten"]))
    else {
        return Err(Error::Message(lang.tl_import_header(&shown)));
    };
    let c_group = col(&["group", "nhóm", "nhom"]);
    let c_kind = col(&["kind", "loại", "loai"]);
    let get = |r: &[String], c: Option<usize>| {
        c.and_then(|c| r.get(c))
            .map(|s| s.trim().to_string())
            .unwrap_or_default()
    };
    Ok(body
        .iter()
        .enumerate()
        .filter(|(_, r)| r.iter().any(|c| !c.trim().is_empty()))
        .map(|(i, r)| Row {
            line: i as u64 + 2,
            code: get(r, Some(c_code)),
            name: get(r, Some(c_name)),
            group: get(r, c_group),
            kind: get(r, c_kind),
        })
        .collect())
}

fn q(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| "\"\"".into())
}

/// The amendment file for `rows`, and the problems found (the file is only written when there
/// is no error).
pub fn amendment_yaml(
    plan: &Plan,
    rows: &[Row],
    args: &PlanImportArgs,
    lang: Lang,
) -> (String, Vec<Finding>) {
    let file = args.file.display().to_string();
    let mut findings = Vec::new();
    let mut bad = |line: u64, msg: String| {
        findings.push(Finding::new(Code::PlanBadValue, &file, msg).at_line(line, 1));
    };
    let date = |s: &str| NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d").ok();
    let (effective, source_date) = (date(&args.effective), date(&args.source_date));
    if effective.is_none() {
        bad(0, lang.bad_date_arg(&args.effective));
    }
    if source_date.is_none() {
        bad(0, lang.bad_date_arg(&args.source_date));
    }
    let id = args.id.clone().unwrap_or_else(|| {
        args.out
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default()
    });
    let at = organisation_without(plan, &id, effective);
    let new_group = args.group.as_deref().filter(|g| at.group(g).is_none());
    if let (Some(g), None) = (new_group, &args.group_name) {
        bad(0, lang.tl_group_needs_name(g));
    }
    if rows.is_empty() {
        bad(0, lang.tl_import_empty());
    }
    if rows.len() > MAX_ROWS {
        bad(0, lang.plan_too_many_files(&file, MAX_ROWS.into()));
    }
    let mut seen = HashSet::new();
    let mut body = String::new();
    for r in rows.iter().take(MAX_ROWS) {
        let (group, kind) = check_row(r, &at, args, new_group, &mut seen, &mut bad, lang);
        let _ = writeln!(
            body,
            "  - found: {{code: {}, name: {}, kind: {kind}, groups: [{group}]}}",
            r.code,
            q(&r.name)
        );
    }
    let mut y = heading_yaml(args, &file, &id, rows.len(), new_group, lang);
    y.push_str(&body);
    (y, findings)
}

/// The organisation the new agencies join: on the effective date (when it reads), without the
/// amendment being rewritten (`--force`), whose agencies are not "in use".
fn organisation_without(plan: &Plan, id: &str, effective: Option<NaiveDate>) -> Plan {
    let mut base = plan.clone();
    base.amendments = std::sync::Arc::new(
        plan.amendments
            .iter()
            .filter(|a| a.id != id)
            .cloned()
            .collect(),
    );
    effective.map_or_else(|| base.clone(), |d| base.at(d))
}

/// Checks one row against the organisation `at` (code well formed, new and not repeated; a
/// name; a known group; a known kind); returns the group and kind written for it.
fn check_row<'r>(
    r: &'r Row,
    at: &Plan,
    args: &PlanImportArgs,
    new_group: Option<&str>,
    seen: &mut HashSet<String>,
    bad: &mut dyn FnMut(u64, String),
    lang: Lang,
) -> (String, &'r str) {
    let code_ok = !r.code.is_empty()
        && r.code
            .bytes()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'_');
    if !code_ok {
        bad(r.line, lang.plan_bad_code(&r.code));
    } else if !seen.insert(r.code.clone()) {
        bad(r.line, lang.plan_dup_agency(&r.code));
    } else if at.agency(&r.code).is_some() || at.group(&r.code).is_some() {
        bad(r.line, lang.tl_found_exists(&r.code));
    }
    if r.name.is_empty() {
        bad(r.line, lang.plan_empty_text("name"));
    }
    let group = if r.group.is_empty() {
        args.group.clone().unwrap_or_default()
    } else {
        r.group.clone()
    };
    let known_group = at.group(&group).is_some() || Some(group.as_str()) == new_group;
    if group.is_empty() || !known_group {
        bad(r.line, lang.tl_unknown_group(&group));
    }
    let kind = if r.kind.is_empty() {
        "commune"
    } else {
        r.kind.as_str()
    };
    if serde_json::from_value::<AgencyKind>(serde_json::Value::String(kind.into())).is_err() {
        bad(r.line, lang.tl_import_kind(kind));
    }
    (group, kind)
}

/// The file's opening comment, the amendment's id, date and source, and the new group if any.
fn heading_yaml(
    args: &PlanImportArgs,
    file: &str,
    id: &str,
    rows: usize,
    new_group: Option<&str>,
    lang: Lang,
) -> String {
    let mut y = String::new();
    let short = args
        .file
        .file_name()
        .map_or_else(|| file.to_string(), |n| n.to_string_lossy().into_owned());
    let _ = writeln!(y, "# {}", lang.tl_import_comment(&short, rows));
    let _ = writeln!(y, "id: {}", q(id));
    let _ = writeln!(y, "effective: {}", args.effective.trim());
    let _ = writeln!(y, "source:");
    let _ = writeln!(y, "  number: {}", q(&args.source_number));
    let _ = writeln!(y, "  date: {}", args.source_date.trim());
    let _ = writeln!(y, "  issuer: {}", q(&args.source_issuer));
    if let Some(t) = &args.source_title {
        let _ = writeln!(y, "  title: {}", q(t));
    }
    let _ = writeln!(y, "changes:");
    if let (Some(g), Some(name)) = (new_group, &args.group_name) {
        let _ = writeln!(y, "  - group: {{code: {g}, name: {}}}", q(name));
    }
    y
}
