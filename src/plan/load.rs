//! Reading plan files and turning them into a checked [`Plan`].
//!
//! Every problem is collected as a [`Finding`] with `file:line:col`, so `plan check` reports
//! them all at once; a plan with any error is not used by the other commands. Hostile input
//! is bounded: file sizes and counts are capped before parsing and the YAML parser runs with
//! its resource budget (deep nesting and alias bombs are refused, not expanded).

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use rayon::prelude::*;
use sha2::{Digest, Sha256};
use unicode_normalization::UnicodeNormalization;

use crate::util::is_nfc;

use super::raw::{self, S};
use super::{
    Agency, Deadline, DocRef, Frequency, Group, Indicator, Plan, PlanMeta, Recipient, Task, Theme,
    period::{AdHocPeriod, PeriodRule, PeriodRules},
};
use crate::diag::{Code, Finding, Severity};
use crate::error::Error;
use crate::i18n::Lang;

/// The largest plan file accepted (a real plan file is a few kilobytes).
const MAX_FILE_BYTES: u64 = 4 * 1024 * 1024;
/// The most plan files accepted in one plan folder: room for the level above a province
/// (34 provinces × ~40 agencies, one file each, plus groups), still bounded.
const MAX_FILES: usize = 10_000;

static EMBEDDED: include_dir::Dir<'static> = include_dir::include_dir!("$CARGO_MANIFEST_DIR/plan");

/// Where a plan comes from: its files' display names and bytes.
pub struct PlanSource {
    /// For messages: the folder, or `(tích hợp sẵn)` for the embedded plan.
    pub origin: String,
    /// The folder given with `--plan` (or `BAOCAO_PLAN`); `None` for the embedded plan.
    pub dir: Option<PathBuf>,
    /// (display name, bytes), sorted by name: `plan.yaml`, `agencies/*.yaml`, `groups/*.yaml`.
    pub files: Vec<(String, Vec<u8>)>,
}

impl PlanSource {
    /// The command that checks this plan, as the user would type it: `baocao plan check`, with
    /// `--plan DIR` when the plan came from a folder (quoted when the path has spaces).
    pub fn check_command(&self) -> String {
        match &self.dir {
            None => "baocao plan check".into(),
            Some(d) => {
                let shown = d.display().to_string();
                if shown
                    .chars()
                    .any(|c| c.is_whitespace() || "\"'$`&;|<>()".contains(c))
                {
                    format!(
                        "baocao plan check --plan \"{}\"",
                        shown.replace('"', "\\\"")
                    )
                } else {
                    format!("baocao plan check --plan {shown}")
                }
            }
        }
    }

    /// The plan compiled into the binary (the repository's `plan/` folder at build time).
    pub fn embedded() -> PlanSource {
        let mut files = Vec::new();
        collect_embedded(&EMBEDDED, &mut files);
        files.sort();
        PlanSource {
            origin: "plan/ (tích hợp sẵn)".into(),
            dir: None,
            files,
        }
    }

    /// A plan folder on disk: `DIR/plan.yaml`, `DIR/agencies/*.yaml`, `DIR/groups/*.yaml`.
    pub fn from_dir(dir: &Path, lang: Lang) -> Result<PlanSource, Error> {
        if !dir.join("plan.yaml").is_file() {
            return Err(Error::Message(
                lang.plan_dir_missing(&dir.display().to_string()),
            ));
        }
        let mut paths: Vec<PathBuf> = vec![dir.join("plan.yaml")];
        for sub in ["agencies", "groups", "amendments"] {
            let d = dir.join(sub);
            if !d.is_dir() {
                continue;
            }
            let rd = std::fs::read_dir(&d).map_err(|e| {
                Error::Message(lang.io_read(&d.display().to_string(), &e.to_string()))
            })?;
            for entry in rd.flatten() {
                let p = entry.path();
                // The entry's type comes with the listing; only a link costs a `stat`.
                let is_file = match entry.file_type() {
                    Ok(t) if t.is_symlink() => p.is_file(),
                    Ok(t) => t.is_file(),
                    Err(_) => false,
                };
                if is_file && p.extension().is_some_and(|e| e == "yaml" || e == "yml") {
                    paths.push(p);
                }
                if paths.len() > MAX_FILES {
                    return Err(Error::Message(
                        lang.plan_too_many_files(&dir.display().to_string(), MAX_FILES.into()),
                    ));
                }
            }
        }
        // Read in parallel: a plan for the level above a province has thousands of files.
        let read: Vec<Result<(String, Vec<u8>), Error>> = paths
            .par_iter()
            .map(|p| {
                let name = p.display().to_string();
                match read_capped(p) {
                    Ok(bytes) => Ok((name, bytes)),
                    Err(e) => Err(Error::Message(lang.io_read(&name, &e.to_string()))),
                }
            })
            .collect();
        let mut files = Vec::with_capacity(read.len());
        for r in read {
            files.push(r?);
        }
        files.sort();
        Ok(PlanSource {
            origin: dir.display().to_string(),
            dir: Some(dir.to_path_buf()),
            files,
        })
    }

    /// The signed plan's fingerprint: amendments are left out (a period's fingerprint folds
    /// in the amendments in force then, see `plan::timeline`), so adding an amendment does not
    /// make the templates of earlier periods stale.
    ///
    /// A task's `frequency:` line is left out too: it decides when a duty falls due, not what
    /// a template shows, so setting it does not make the templates already sent out stale.
    fn fingerprint(&self) -> String {
        let mut h = Sha256::new();
        for (name, bytes) in self.files.iter().filter(|(n, _)| !is_amendment(n)) {
            let rel = name.rsplit(['/', '\\']).next().unwrap_or(name);
            h.update(rel.as_bytes());
            h.update([0]);
            for line in bytes.split_inclusive(|&b| b == b'\n') {
                if !is_frequency_line(line) {
                    h.update(line);
                }
            }
            h.update([0]);
        }
        let digest = h.finalize();
        digest.iter().take(8).map(|b| format!("{b:02x}")).collect()
    }
}

/// True for a task's `frequency: …` line (indented, as task fields are).
fn is_frequency_line(line: &[u8]) -> bool {
    let trimmed = line.trim_ascii_start();
    trimmed.len() < line.len() && trimmed.starts_with(b"frequency:")
}

/// True for a file under `amendments/`.
fn is_amendment(name: &str) -> bool {
    name.replace('\\', "/").contains("/amendments/")
}

/// A plan file's bytes, or, past [`MAX_FILE_BYTES`], an over-size marker that `load` reports
/// as a finding with the file's name (the file is not read).
fn read_capped(path: &Path) -> std::io::Result<Vec<u8>> {
    use std::io::Read;
    let file = std::fs::File::open(path)?;
    let len = file.metadata()?.len();
    if len > MAX_FILE_BYTES {
        return Ok(format!("\0TOO LARGE {len}").into_bytes());
    }
    // The length is a hint (the file may change while read): never read past the cap.
    let mut bytes = Vec::with_capacity(usize::try_from(len).unwrap_or(0) + 1);
    file.take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Ok(format!("\0TOO LARGE {}", bytes.len()).into_bytes());
    }
    Ok(bytes)
}

fn collect_embedded(dir: &include_dir::Dir<'static>, out: &mut Vec<(String, Vec<u8>)>) {
    for f in dir.files() {
        if f.path()
            .extension()
            .is_some_and(|e| e == "yaml" || e == "yml")
        {
            out.push((
                format!("plan/{}", f.path().display()),
                f.contents().to_vec(),
            ));
        }
    }
    for d in dir.dirs() {
        collect_embedded(d, out);
    }
}

/// Loads and checks a plan; returns it (when it has no errors) and every finding.
pub fn load(source: &PlanSource, lang: Lang) -> (Option<Plan>, Vec<Finding>) {
    let mut b = Builder {
        lang,
        findings: Vec::new(),
    };
    let plan = b.build(source);
    let has_errors = b.findings.iter().any(|f| f.severity == Severity::Error);
    crate::diag::sort(&mut b.findings);
    (if has_errors { None } else { plan }, b.findings)
}

/// Loads a plan for a command that needs a valid one: errors become [`Error::PlanInvalid`].
pub fn load_or_fail(source: &PlanSource, lang: Lang) -> Result<Plan, Error> {
    let (plan, findings) = load(source, lang);
    match plan {
        Some(p) => Ok(p),
        None => Err(Error::PlanInvalid {
            message: lang.plan_invalid(
                &source.origin,
                findings
                    .iter()
                    .filter(|f| f.severity == Severity::Error)
                    .count(),
                &source.check_command(),
            ),
            findings,
        }),
    }
}

/// `file:line:col` of a spanned value, as findings print it.
fn location(file: &str, s: &S) -> String {
    format!("{file}:{}:{}", s.referenced.line(), s.referenced.column())
}

struct Builder {
    lang: Lang,
    findings: Vec<Finding>,
}

struct Parsed {
    plan: Option<(String, raw::PlanFile)>,
    agencies: Vec<(String, raw::Agency)>,
    groups: Vec<(String, raw::Group)>,
    amendments: Vec<(String, Vec<u8>, super::raw_amend::AmendmentFile)>,
}

impl Builder {
    fn err(&mut self, code: Code, file: &str, s: Option<&serde_saphyr::Location>, msg: String) {
        let mut f = Finding::new(code, file, msg);
        if let Some(l) = s {
            f = f.at_line(l.line(), l.column());
        }
        self.findings.push(f);
    }

    fn at(&mut self, code: Code, file: &str, s: &S, msg: String) {
        self.err(code, file, Some(&s.referenced), msg);
    }

    /// A second definition of `s` (first defined at `first`, `file:line:col`): P002 at the
    /// second, naming the first, since either may be the one the maintainer just wrote.
    fn duplicate(&mut self, file: &str, s: &S, what: String, first: &str) {
        let msg = self.lang.plan_dup_at(&what, first);
        self.at(Code::PlanDuplicate, file, s, msg);
    }

    /// Parses every file, in parallel (a plan for the level above a province has thousands),
    /// keeping file order for the findings.
    fn parse_all(&mut self, source: &PlanSource) -> Parsed {
        enum Part {
            Plan(Box<raw::PlanFile>),
            Agency(raw::Agency),
            Group(raw::Group),
            Amendment(Box<super::raw_amend::AmendmentFile>),
            Other,
        }
        let lang = self.lang;
        let parts: Vec<(&String, &Vec<u8>, Result<Part, Finding>)> = source
            .files
            .par_iter()
            .map(|(name, bytes)| {
                let norm = name.replace('\\', "/");
                let part = if norm.ends_with("/plan.yaml") || norm == "plan.yaml" {
                    parse_file(lang, name, bytes).map(|v| Part::Plan(Box::new(v)))
                } else if norm.contains("/agencies/") {
                    parse_file(lang, name, bytes).map(Part::Agency)
                } else if norm.contains("/groups/") {
                    parse_file(lang, name, bytes).map(Part::Group)
                } else if is_amendment(&norm) {
                    parse_file(lang, name, bytes).map(|v| Part::Amendment(Box::new(v)))
                } else {
                    Ok(Part::Other)
                };
                (name, bytes, part)
            })
            .collect();
        let mut p = Parsed {
            plan: None,
            agencies: Vec::new(),
            groups: Vec::new(),
            amendments: Vec::new(),
        };
        for (name, bytes, part) in parts {
            match part {
                Ok(Part::Plan(v)) => p.plan = Some((name.clone(), *v)),
                Ok(Part::Agency(v)) => p.agencies.push((name.clone(), v)),
                Ok(Part::Group(v)) => p.groups.push((name.clone(), v)),
                Ok(Part::Amendment(v)) => p.amendments.push((name.clone(), bytes.clone(), *v)),
                Ok(Part::Other) => {}
                Err(f) => self.findings.push(f),
            }
        }
        p
    }

    fn text(&mut self, file: &str, s: &S, what: &str) -> String {
        if s.value.trim().is_empty() {
            self.at(Code::PlanBadValue, file, s, self.lang.plan_empty_text(what));
        } else if !is_nfc(&s.value) {
            self.at(Code::PlanBadValue, file, s, self.lang.plan_not_nfc(what));
            return s.value.nfc().collect();
        }
        // Already NFC (or blank): nothing to normalise.
        s.value.clone()
    }

    fn opt_text(&mut self, file: &str, s: &Option<S>, what: &str) -> Option<String> {
        s.as_ref().map(|s| self.text(file, s, what))
    }

    fn date(&mut self, file: &str, s: &S) -> Option<NaiveDate> {
        match NaiveDate::parse_from_str(s.value.trim(), "%Y-%m-%d") {
            Ok(d) => Some(d),
            Err(_) => {
                let msg = match crate::util::impossible_date(&s.value, self.lang) {
                    Some(why) => self.lang.date_impossible(&s.value, &why),
                    None => self.lang.plan_bad_date(&s.value),
                };
                self.at(Code::PlanBadValue, file, s, msg);
                None
            }
        }
    }

    fn code(&mut self, file: &str, s: &S) {
        let ok = !s.value.is_empty()
            && s.value
                .bytes()
                .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'_');
        if !ok {
            self.at(
                Code::PlanBadValue,
                file,
                s,
                self.lang.plan_bad_code(&s.value),
            );
        }
    }

    fn build(&mut self, source: &PlanSource) -> Option<Plan> {
        let parsed = self.parse_all(source);
        let Some((plan_file, pf)) = parsed.plan else {
            if !self.findings.iter().any(|f| f.file.ends_with("plan.yaml")) {
                self.err(
                    Code::PlanSyntax,
                    &source.origin,
                    None,
                    self.lang.plan_dir_missing(&source.origin),
                );
            }
            return None;
        };

        // --- identifiers: agencies and groups share one namespace -------------------------
        let mut names: HashMap<String, String> = HashMap::new();
        let mut agencies = Vec::new();
        for (file, a) in &parsed.agencies {
            self.code(file, &a.code);
            if let Some(first) = names.insert(a.code.value.clone(), location(file, &a.code)) {
                let what = self.lang.plan_dup_agency(&a.code.value);
                self.duplicate(file, &a.code, what, &first);
            }
            let name = self.text(file, &a.name, "name");
            let short_name = self.opt_text(file, &a.short_name, "short_name");
            let note = self.opt_text(file, &a.note, "note");
            agencies.push(Agency {
                code: a.code.value.clone(),
                name,
                short_name,
                kind: a.kind,
                assignment: a.assignment,
                note,
                file: file.clone(),
            });
        }
        for (file, g) in &parsed.groups {
            self.code(file, &g.code);
            if let Some(first) = names.insert(g.code.value.clone(), location(file, &g.code)) {
                let what = self.lang.plan_dup_group(&g.code.value);
                self.duplicate(file, &g.code, what, &first);
            }
        }
        let agency_set: HashSet<String> = agencies.iter().map(|a| a.code.clone()).collect();
        let group_members: HashMap<String, Vec<String>> = parsed
            .groups
            .iter()
            .map(|(_, g)| {
                (
                    g.code.value.clone(),
                    g.members.iter().map(|m| m.value.clone()).collect(),
                )
            })
            .collect();

        // Unknown references anywhere an agency-or-group code is allowed.
        let what_agency = self.lang.plan_what_agency();
        let mut check_refs = |b: &mut Builder, file: &str, refs: &[S]| {
            for r in refs {
                if !agency_set.contains(&r.value) && !group_members.contains_key(&r.value) {
                    b.at(
                        Code::PlanUnknownRef,
                        file,
                        r,
                        b.lang.plan_unknown_ref(&what_agency, &r.value),
                    );
                }
            }
        };
        for (file, g) in &parsed.groups {
            check_refs(self, file, &g.members);
        }

        // Group cycles, then expansion.
        let mut cyclic = HashSet::new();
        for (file, g) in &parsed.groups {
            if let Some(path) = find_cycle(&g.code.value, &group_members)
                && cyclic.insert(g.code.value.clone())
            {
                self.at(
                    Code::PlanGroupCycle,
                    file,
                    &g.code,
                    self.lang.plan_group_cycle(&path.join(" → ")),
                );
            }
        }
        // Report order: by kind, then file order (files are sorted by code).
        agencies.sort_by(|a, b| a.kind.cmp(&b.kind).then_with(|| a.code.cmp(&b.code)));
        let order: HashMap<&str, usize> = agencies
            .iter()
            .enumerate()
            .map(|(i, a)| (a.code.as_str(), i))
            .collect();
        let expand = |codes: &[String]| -> Vec<String> {
            // Most calls name one agency (a task's owner) or nothing (no co-operating
            // agencies): no sets needed.
            match codes {
                [] => return Vec::new(),
                [c] if agency_set.contains(c) && !group_members.contains_key(c) => {
                    return vec![c.clone()];
                }
                _ => {}
            }
            let mut set: HashSet<&str> = HashSet::new();
            let mut stack: Vec<&str> = codes.iter().map(String::as_str).collect();
            let mut seen: HashSet<&str> = HashSet::new();
            while let Some(c) = stack.pop() {
                if !seen.insert(c) {
                    continue;
                }
                if let Some(m) = group_members.get(c) {
                    stack.extend(m.iter().map(String::as_str));
                } else if agency_set.contains(c) {
                    set.insert(c);
                }
            }
            // Every code in `set` is an agency, so each has its own place in `order`: sorting
            // by that index alone is deterministic, and looks each code up once, not at every
            // comparison (groups of thousands of agencies at the level above a province).
            let mut v: Vec<(usize, &str)> = set
                .into_iter()
                .map(|c| (order.get(c).copied().unwrap_or(usize::MAX), c))
                .collect();
            v.sort_unstable();
            v.into_iter().map(|(_, c)| c.to_string()).collect()
        };
        let groups: Vec<Group> = parsed
            .groups
            .iter()
            .map(|(file, g)| Group {
                code: g.code.value.clone(),
                name: self.text(file, &g.name, "name"),
                members: g.members.iter().map(|m| m.value.clone()).collect(),
                agencies: expand(std::slice::from_ref(&g.code.value)),
                note: self.opt_text(file, &g.note, "note"),
            })
            .collect();

        // --- themes and indicators ---------------------------------------------------------
        let mut themes = Vec::new();
        let mut theme_ids = HashSet::new();
        for t in &pf.themes {
            if !valid_outline_id(&t.id.value, "II") {
                self.at(
                    Code::PlanBadValue,
                    &plan_file,
                    &t.id,
                    self.lang.plan_bad_theme_id(&t.id.value),
                );
            }
            if !theme_ids.insert(t.id.value.clone()) {
                self.at(
                    Code::PlanDuplicate,
                    &plan_file,
                    &t.id,
                    self.lang.plan_dup_theme(&t.id.value),
                );
            }
            let section = self.opt_text(&plan_file, &t.section, "section");
            themes.push(Theme {
                id: t.id.value.clone(),
                section,
                text: self.text(&plan_file, &t.text, "text"),
            });
        }
        let mut indicators = Vec::new();
        let mut indicator_ids = HashSet::new();
        for i in &pf.indicators {
            self.code(&plan_file, &i.id);
            if !indicator_ids.insert(i.id.value.clone()) {
                self.at(
                    Code::PlanDuplicate,
                    &plan_file,
                    &i.id,
                    self.lang.plan_dup_indicator(&i.id.value),
                );
            }
            check_refs(self, &plan_file, &i.agencies);
            let assigned: Vec<String> = i.agencies.iter().map(|a| a.value.clone()).collect();
            indicators.push(Indicator {
                id: i.id.value.clone(),
                name: self.text(&plan_file, &i.name, "name"),
                unit: self.text(&plan_file, &i.unit, "unit"),
                kind: i.kind.value,
                description: self.opt_text(&plan_file, &i.description, "description"),
                agencies: expand(&assigned),
                assigned,
            });
        }

        // --- tasks -------------------------------------------------------------------------
        let owners = parsed
            .agencies
            .iter()
            .map(|(f, a)| (f, &a.code, &a.tasks))
            .chain(parsed.groups.iter().map(|(f, g)| (f, &g.code, &g.tasks)));
        let mut tasks = Vec::new();
        let mut task_ids: HashMap<String, String> = HashMap::new();
        let mut involved: HashSet<String> = HashSet::new();
        let what_theme = self.lang.plan_what_theme();
        let what_ind = self.lang.plan_what_indicator();
        for (file, owner, list) in owners {
            for t in list {
                let (item, bullet) = match parse_outline_id(&t.id.value, "III") {
                    Some(v) => v,
                    None => {
                        self.at(
                            Code::PlanBadValue,
                            file,
                            &t.id,
                            self.lang.plan_bad_task_id(&t.id.value),
                        );
                        (0, 0)
                    }
                };
                if let Some(first) = task_ids.insert(t.id.value.clone(), location(file, &t.id)) {
                    let what = self.lang.plan_dup_task(&t.id.value);
                    self.duplicate(file, &t.id, what, &first);
                }
                check_refs(self, file, &t.cooperating);
                for th in &t.themes {
                    if !theme_ids.contains(&th.value) {
                        self.at(
                            Code::PlanUnknownRef,
                            file,
                            th,
                            self.lang.plan_unknown_ref(&what_theme, &th.value),
                        );
                    }
                }
                for ind in &t.indicators {
                    if !indicator_ids.contains(&ind.value) {
                        self.at(
                            Code::PlanUnknownRef,
                            file,
                            ind,
                            self.lang.plan_unknown_ref(&what_ind, &ind.value),
                        );
                    }
                }
                let deadline = match t.deadline.value.trim() {
                    "ongoing" | "thuong_xuyen" | "thường xuyên" => Deadline::Ongoing,
                    "each_period" | "hang_ky" | "hằng kỳ" => Deadline::EachPeriod,
                    _ => self
                        .date(file, &t.deadline)
                        .map_or(Deadline::Ongoing, Deadline::Date),
                };
                let frequency = match &t.frequency {
                    None => Frequency::default_for(deadline),
                    Some(s) => Frequency::parse(&s.value).unwrap_or_else(|| {
                        self.at(
                            Code::PlanBadValue,
                            file,
                            s,
                            self.lang.plan_bad_frequency(&s.value),
                        );
                        Frequency::default_for(deadline)
                    }),
                };
                let agencies = expand(std::slice::from_ref(&owner.value));
                if agencies.is_empty() && !cyclic.contains(&owner.value) {
                    self.at(
                        Code::PlanTaskNoAgency,
                        file,
                        &t.id,
                        self.lang.plan_task_no_agency(&t.id.value),
                    );
                }
                involved.extend(agencies.iter().cloned());
                let cooperating: Vec<String> =
                    t.cooperating.iter().map(|c| c.value.clone()).collect();
                involved.extend(expand(&cooperating));
                tasks.push(Task {
                    id: t.id.value.clone(),
                    item,
                    bullet,
                    text: self.text(file, &t.text, "text"),
                    lead: owner.value.clone(),
                    agencies,
                    cooperating,
                    themes: t.themes.iter().map(|x| x.value.clone()).collect(),
                    deadline,
                    frequency,
                    indicators: t.indicators.iter().map(|x| x.value.clone()).collect(),
                    origin: None,
                });
            }
        }
        tasks.sort_by_key(|t| (t.item, t.bullet));
        for (file, a) in &parsed.agencies {
            if !involved.contains(&a.code.value) {
                let f = Finding::new(
                    Code::PlanAgencyNoTask,
                    file,
                    self.lang.plan_agency_no_task(&a.code.value),
                )
                .at_line(a.code.referenced.line(), a.code.referenced.column())
                .severity(Severity::Warning);
                self.findings.push(f);
            }
        }

        // --- metadata and periods ----------------------------------------------------------
        let m = &pf.plan;
        if !agency_set.contains(&m.consolidator.value) {
            self.at(
                Code::PlanUnknownRef,
                &plan_file,
                &m.consolidator,
                self.lang.plan_unknown_consolidator(&m.consolidator.value),
            );
        }
        let mut implements = Vec::new();
        for d in &m.implements {
            let date = self.date(&plan_file, &d.date);
            implements.push(DocRef {
                number: self.text(&plan_file, &d.number, "number"),
                date: date.unwrap_or_default(),
                issuer: self.text(&plan_file, &d.issuer, "issuer"),
                title: self.opt_text(&plan_file, &d.title, "title"),
            });
        }
        let title = self.text(&plan_file, &m.title, "title");
        let meta = PlanMeta {
            id: self.text(&plan_file, &m.id, "id"),
            version: self.text(&plan_file, &m.version, "version"),
            short_title: self
                .opt_text(&plan_file, &m.short_title, "short_title")
                .unwrap_or_else(|| title.clone()),
            title,
            issuer: self.text(&plan_file, &m.issuer, "issuer"),
            issuer_parent: self
                .opt_text(&plan_file, &m.issuer_parent, "issuer_parent")
                .unwrap_or_default(),
            place: self.text(&plan_file, &m.place, "place"),
            implements,
            consolidator: m.consolidator.value.clone(),
            recipient: Recipient {
                name: self.text(&plan_file, &m.recipient.name, "recipient.name"),
                as_written: self.opt_text(
                    &plan_file,
                    &m.recipient.as_written,
                    "recipient.as_written",
                ),
                note: self.opt_text(&plan_file, &m.recipient.note, "recipient.note"),
            },
            reporting_duty: self.opt_text(&plan_file, &m.reporting_duty, "reporting_duty"),
            fingerprint: source.fingerprint(),
        };
        let periods = self.periods(&plan_file, &pf.periods, &mut check_refs);

        let plan = Plan {
            meta,
            periods,
            themes,
            indicators,
            agencies,
            groups,
            tasks,
            agency_index: HashMap::new(),
            task_index: HashMap::new(),
            indicator_index: HashMap::new(),
            tasks_by_agency: HashMap::new(),
            indicators_by_agency: HashMap::new(),
            amendments: std::sync::Arc::new(Vec::new()),
            as_of: None,
            applied: Vec::new(),
            successions: HashMap::new(),
            former_names: HashMap::new(),
            consistency: super::consistency::build(
                pf.consistency.as_ref(),
                &plan_file,
                self.lang,
                &mut self.findings,
            ),
        };
        let mut plan = plan.index();
        // Amendments are checked against a valid signed plan only: against a broken one
        // every finding would be noise.
        if !self.findings.iter().any(|f| f.severity == Severity::Error) {
            let amendments = super::amend::build(parsed.amendments, self.lang, &mut self.findings);
            plan.amendments = std::sync::Arc::new(amendments);
            super::timeline::lint(&plan, self.lang, &mut self.findings);
        } else if !parsed.amendments.is_empty() {
            // Not read: the plan is unusable anyway and `plan check` shows why.
        }
        Some(plan)
    }

    fn periods(
        &mut self,
        file: &str,
        p: &raw::Periods,
        check_refs: &mut dyn FnMut(&mut Builder, &str, &[S]),
    ) -> PeriodRules {
        let cutoff_day = match &p.cutoff_day {
            Some(d) if !(1..=28).contains(&d.value) => {
                self.err(
                    Code::PlanBadValue,
                    file,
                    Some(&d.referenced),
                    self.lang.plan_bad_cutoff_day(d.value),
                );
                15
            }
            Some(d) => d.value,
            None => 15,
        };
        let mut rule =
            |b: &mut Builder, r: &Option<raw::PeriodType>, default_due: u32| -> PeriodRule {
                match r {
                    None => PeriodRule {
                        enabled: false,
                        due_offset_days: default_due,
                        reporters: None,
                    },
                    Some(r) => {
                        if let Some(list) = &r.reporters {
                            check_refs(b, file, list);
                        }
                        PeriodRule {
                            enabled: r.enabled,
                            due_offset_days: r
                                .due_offset_days
                                .as_ref()
                                .map_or(default_due, |d| d.value.min(366)),
                            reporters: r
                                .reporters
                                .as_ref()
                                .map(|l| l.iter().map(|s| s.value.clone()).collect()),
                        }
                    }
                }
            };
        let year = rule(self, &p.year, 5);
        let half_year = rule(self, &p.half_year, 5);
        let quarter = rule(self, &p.quarter, 5);
        let month = rule(self, &p.month, 3);
        let mut ad_hoc = Vec::new();
        let mut ids = HashSet::new();
        for a in &p.ad_hoc {
            if !ids.insert(a.id.value.to_ascii_uppercase()) {
                self.at(
                    Code::PlanDuplicate,
                    file,
                    &a.id,
                    self.lang.plan_dup_period(&a.id.value),
                );
            }
            if let Some(list) = &a.reporters {
                check_refs(self, file, list);
            }
            let (Some(start), Some(end), Some(due)) = (
                self.date(file, &a.start),
                self.date(file, &a.end),
                self.date(file, &a.due),
            ) else {
                continue;
            };
            if end < start {
                self.at(
                    Code::PlanBadValue,
                    file,
                    &a.end,
                    self.lang
                        .plan_bad_period(&a.id.value, &self.lang.plan_period_end_before_start()),
                );
            } else if due < end {
                self.at(
                    Code::PlanBadValue,
                    file,
                    &a.due,
                    self.lang
                        .plan_bad_period(&a.id.value, &self.lang.plan_period_due_before_end()),
                );
            }
            let name = self.text(file, &a.name, "name");
            ad_hoc.push(AdHocPeriod {
                id: a.id.value.clone(),
                name,
                start,
                end,
                due,
                reporters: a
                    .reporters
                    .as_ref()
                    .map(|l| l.iter().map(|s| s.value.clone()).collect()),
            });
        }
        let rules = PeriodRules {
            cutoff_day,
            year,
            half_year,
            quarter,
            month,
            ad_hoc,
        };
        if rules.enabled_kinds().is_empty() && rules.ad_hoc.is_empty() {
            self.err(Code::PlanBadValue, file, None, self.lang.plan_no_periods());
        }
        rules
    }
}

/// Parses one plan file; a problem is one finding naming the file (and the line, when known).
fn parse_file<T: serde::de::DeserializeOwned>(
    lang: Lang,
    name: &str,
    bytes: &[u8],
) -> Result<T, Finding> {
    if let Some(size) = bytes.strip_prefix(b"\0TOO LARGE ") {
        let size = std::str::from_utf8(size)
            .ok()
            .and_then(|s| s.parse().ok())
            .unwrap_or(MAX_FILE_BYTES + 1);
        return Err(Finding::new(
            Code::PlanSyntax,
            name,
            lang.plan_too_large(size.into(), MAX_FILE_BYTES.into()),
        ));
    }
    let Ok(text) = std::str::from_utf8(bytes) else {
        return Err(Finding::new(Code::PlanSyntax, name, lang.plan_not_utf8()));
    };
    serde_saphyr::from_str::<T>(text).map_err(|e| {
        let loc = e.location();
        let msg = e.without_snippet().to_string();
        let msg = msg.lines().next().unwrap_or_default().to_string();
        let mut f = Finding::new(Code::PlanSyntax, name, lang.plan_yaml(&msg));
        if let Some(l) = loc {
            f = f.at_line(l.line(), l.column());
        }
        f
    })
}

/// `III.3.2` → (3, 2) when `prefix` is `III`.
fn parse_outline_id(id: &str, prefix: &str) -> Option<(u32, u32)> {
    let rest = id.strip_prefix(prefix)?.strip_prefix('.')?;
    let (a, b) = rest.split_once('.')?;
    let item: u32 = a.parse().ok()?;
    let bullet: u32 = b.parse().ok()?;
    (item > 0 && bullet > 0 && !a.starts_with('0') && !b.starts_with('0')).then_some((item, bullet))
}

/// `III.4.1` → (4, 1): the item and bullet of a task id.
pub(super) fn outline_id(id: &str) -> Option<(u32, u32)> {
    parse_outline_id(id, "III")
}

fn valid_outline_id(id: &str, prefix: &str) -> bool {
    parse_outline_id(id, prefix).is_some()
}

/// A group cycle through `start`, as a path of codes, if there is one.
fn find_cycle(start: &str, members: &HashMap<String, Vec<String>>) -> Option<Vec<String>> {
    fn dfs(
        node: &str,
        start: &str,
        members: &HashMap<String, Vec<String>>,
        path: &mut Vec<String>,
        seen: &mut HashSet<String>,
    ) -> bool {
        for m in members.get(node).into_iter().flatten() {
            if m == start {
                path.push(m.clone());
                return true;
            }
            if members.contains_key(m) && seen.insert(m.clone()) {
                path.push(m.clone());
                if dfs(m, start, members, path, seen) {
                    return true;
                }
                path.pop();
            }
        }
        false
    }
    let mut path = vec![start.to_string()];
    let mut seen = HashSet::new();
    dfs(start, start, members, &mut path, &mut seen).then_some(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn source(files: &[(&str, &str)]) -> PlanSource {
        PlanSource {
            origin: "test".into(),
            dir: None,
            files: files
                .iter()
                .map(|(n, b)| ((*n).to_string(), b.as_bytes().to_vec()))
                .collect(),
        }
    }

    #[test]
    fn frequency_lines_and_amendments_leave_the_fingerprint_alone() {
        let task = "tasks:\n  - id: III.1.1\n    deadline: each_period\n";
        let base = source(&[("agencies/A.yaml", task)]);
        let with_freq = source(&[(
            "agencies/A.yaml",
            "tasks:\n  - id: III.1.1\n    deadline: each_period\n    frequency: yearly\n",
        )]);
        let with_amendment = source(&[
            ("agencies/A.yaml", task),
            ("plan/amendments/2025-03-01-x.yaml", "id: x\n"),
        ]);
        assert_eq!(base.fingerprint(), with_freq.fingerprint());
        assert_eq!(base.fingerprint(), with_amendment.fingerprint());
        // Anything else a template shows does change it.
        let other = source(&[(
            "agencies/A.yaml",
            "tasks:\n  - id: III.1.1\n    deadline: ongoing\n",
        )]);
        assert_ne!(base.fingerprint(), other.fingerprint());
        // A top-level key that merely starts like it is not a task's frequency.
        assert!(!is_frequency_line(b"frequency: yearly\n"));
        assert!(is_frequency_line(b"    frequency: yearly\n"));
    }
}
