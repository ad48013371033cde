//! Localising the command line: help texts, headings and usage errors in the user's language.
//!
//! The clap definitions in `cli` carry the Vietnamese texts. For `--lang en` (or
//! `BAOCAO_LANG=en`) the English texts below replace them, keyed by `subcommand.arg`; clap's
//! own headings ("Usage", "Options") and usage errors are rewritten in Vietnamese by default.
//! The language is scanned from the raw arguments before parsing, since help and errors are
//! produced by the parser itself.

use std::ffi::OsString;

use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{Arg, ArgAction, Command, CommandFactory};

use crate::cli::Cli;
use crate::i18n::Lang;

/// The language asked for on the command line or in `BAOCAO_LANG`; Vietnamese otherwise.
pub fn scan_lang(args: &[OsString]) -> Lang {
    let mut it = args.iter().map(|a| a.to_string_lossy());
    while let Some(a) = it.next() {
        if a == "--" {
            break;
        }
        let value = if a == "--lang" {
            it.next().map(|v| v.into_owned())
        } else {
            a.strip_prefix("--lang=").map(str::to_string)
        };
        if let Some(v) = value {
            return if v.eq_ignore_ascii_case("en") {
                Lang::En
            } else {
                Lang::Vi
            };
        }
    }
    match std::env::var("BAOCAO_LANG") {
        Ok(v) if v.eq_ignore_ascii_case("en") => Lang::En,
        _ => Lang::Vi,
    }
}

/// English help texts: `about` of a (sub)command keyed by its path, argument help keyed by
/// `path.arg-id` (`""` is the top level).
const EN: &[(&str, &str)] = &[
    (
        "",
        "baocao: make, validate and consolidate the reports on the Đắk Lắk plan implementing Resolution 47/NQ-CP on foreign information work",
    ),
    (
        ".lang",
        "Language of all output: vi (Vietnamese) or en (English)",
    ),
    (
        ".plan",
        "Plan folder to use instead of the embedded plan (holds plan.yaml, agencies/, groups/)",
    ),
    (
        ".color",
        "Colour output: auto (default: terminal and NO_COLOR decide), always, never",
    ),
    (
        "plan",
        "Check or show the plan (tasks, agencies, indicators, periods)",
    ),
    (
        "plan check",
        "Lint the plan; every problem with file:line:col",
    ),
    (
        "plan show",
        "Print the plan per agency with tasks and deadlines (text), or as JSON for other tools",
    ),
    ("plan show.agency", "Only this agency (code, e.g. STTTT)"),
    (
        "plan show.period",
        "Reporting period: answer with the organisation in force on the last day of its data window (only the bodies that must report it, inherited tasks), with its data window and due date",
    ),
    ("plan show.format", "Output format"),
    (
        "plan history",
        "The change history of the plan or of one agency, with each change's source document",
    ),
    (
        "plan history.code",
        "Agency, group or task code; blank: every change of the plan",
    ),
    ("plan history.format", "Output format"),
    (
        "plan diff",
        "Compare two periods: who reports which task, what changed",
    ),
    ("plan diff.from", "First period (e.g. 2024)"),
    ("plan diff.to", "Second period (e.g. 2026)"),
    ("plan diff.format", "Output format"),
    (
        "plan import",
        "Import a list of agencies (code, name, group[, kind]) from CSV or a spreadsheet as an amendment",
    ),
    (
        "plan import.file",
        "The list: .csv (UTF-8) or a spreadsheet (.xlsx, .xls, .ods), first sheet",
    ),
    (
        "plan import.group",
        "Group for rows whose group column is blank (e.g. CAP_XA)",
    ),
    (
        "plan import.group_name",
        "Name of the group, when the plan does not have it yet (the amendment creates it)",
    ),
    ("plan import.effective", "Effective date (YYYY-MM-DD)"),
    (
        "plan import.source_number",
        "Number of the legal document (e.g. 1660/NQ-UBTVQH15)",
    ),
    (
        "plan import.source_date",
        "Date of the document (YYYY-MM-DD)",
    ),
    ("plan import.source_issuer", "Issuing body"),
    ("plan import.source_title", "Subject of the document"),
    (
        "plan import.id",
        "Amendment id; default: the --out file name without extension",
    ),
    (
        "plan import.out",
        "YAML file to write (usually plan/amendments/<date>-<slug>.yaml)",
    ),
    ("plan import.force", "Overwrite an existing file"),
    (
        "template",
        "Write a pre-filled Excel report template per agency and period",
    ),
    (
        "template.period",
        "Reporting period: 2025, 2025-H1, 2025-Q3, 2025-07 or an ad hoc id",
    ),
    (
        "template.agencies",
        "Agency code (repeatable). Default: every agency that must report for the period",
    ),
    ("template.out", "Folder to write the templates to"),
    ("template.force", "Overwrite existing files"),
    (
        "template.as_of",
        "Date the templates are made (YYYY-MM-DD); default today. The same date gives identical bytes",
    ),
    (
        "validate",
        "Check agencies' submissions and point at every problem cell",
    ),
    (
        "validate.files",
        "Submission files (.xlsx, .xlsm, .xls, .ods, .xlsb)",
    ),
    (
        "validate.period",
        "Period the files must report (default: read from each file)",
    ),
    (
        "validate.agency",
        "Agency the file must come from (default: read from the file)",
    ),
    (
        "validate.as_of",
        "Reference date (YYYY-MM-DD); default today",
    ),
    ("validate.format", "Output format"),
    (
        "validate.annotate",
        "Write a copy with every problem cell coloured and annotated, to send back (one file only)",
    ),
    ("validate.force", "Overwrite an existing --annotate file"),
    (
        "consolidate",
        "Consolidate a period's submissions into one workbook to forward upward",
    ),
    (
        "consolidate.dirs",
        "Folders holding the submissions received (searched recursively)",
    ),
    ("consolidate.period", "Period to consolidate"),
    (
        "consolidate.as_of",
        "Reference date (YYYY-MM-DD); default today",
    ),
    (
        "consolidate.received",
        "Receipt log (CSV: file name or agency code, date received)",
    ),
    ("consolidate.out", "Consolidated workbook to write"),
    ("consolidate.force", "Overwrite an existing workbook"),
    (
        "consolidate.json",
        "Also write the summary figures as JSON for other programs",
    ),
    (
        "consolidate.previous",
        "An earlier period's consolidated workbook, or a folder of them (repeatable): adds the So sánh sheets and warnings C001–C003",
    ),
    (
        "completions",
        "Print a shell completion script (bash, zsh, fish, powershell, elvish)",
    ),
    ("completions.shell", "Shell to generate for"),
    (
        "man",
        "Generate man pages (roff) for baocao and its subcommands",
    ),
    (
        "man.out",
        "Folder for baocao.1 and baocao-<command>.1; without it, print baocao.1",
    ),
    (
        "report",
        "Draft the forwarding report (Word, Decree 30/2020 layout) from a consolidated workbook",
    ),
    (
        "report.consolidated",
        "Consolidated workbook written by `baocao consolidate`",
    ),
    (
        "report.previous",
        "The previous period's consolidated workbook, to compare the indicators with",
    ),
    ("report.out", "Word document to write"),
    ("report.force", "Overwrite an existing file"),
    ("report.final_", "Final copy: no DỰ THẢO (draft) mark"),
    (
        "summary",
        "Summarise several periods (mid-term and final reviews) from consolidated workbooks: submissions, tasks and indicators over time",
    ),
    (
        "summary.inputs",
        "Consolidated workbook written by `baocao consolidate`, or a folder of them (every .xlsx file in it)",
    ),
    ("summary.out", "Summary workbook to write"),
    ("summary.force", "Overwrite an existing file"),
];

fn en(key: &str) -> Option<&'static str> {
    EN.iter().find(|(k, _)| *k == key).map(|(_, v)| *v)
}

/// The clap command with texts and headings in `lang`.
pub fn command(lang: Lang) -> Command {
    let cmd = localise(Cli::command(), "", lang);
    match lang {
        Lang::Vi => cmd.disable_version_flag(true).arg(
            Arg::new("version")
                .short('V')
                .long("version")
                .action(ArgAction::Version)
                .help("In phiên bản")
                .help_heading("Tùy chọn"),
        ),
        Lang::En => cmd,
    }
}

fn localise(cmd: Command, path: &str, lang: Lang) -> Command {
    let mut cmd = match lang {
        Lang::Vi => cmd
            .help_template("{about-with-newline}\nCách dùng: {usage}\n\n{all-args}{after-help}")
            .disable_help_flag(true)
            .arg(
                Arg::new("help")
                    .short('h')
                    .long("help")
                    .action(ArgAction::Help)
                    .help("In trợ giúp (-h: tóm tắt, --help: đầy đủ)")
                    .help_heading("Tùy chọn"),
            )
            .subcommand_help_heading("Lệnh")
            .mut_args(vi_arg)
            .disable_help_subcommand(true),
        Lang::En => {
            let mut c = cmd.disable_help_subcommand(true);
            if let Some(t) = en(path) {
                c = c.about(t).long_about(None::<&str>);
            }
            c.mut_args(|a| {
                let key = format!("{path}.{}", a.get_id());
                match en(&key) {
                    Some(t) => a.help(t).long_help(None::<&str>),
                    None => a,
                }
            })
        }
    };
    let names: Vec<String> = cmd
        .get_subcommands()
        .map(|s| s.get_name().to_string())
        .collect();
    for name in names {
        let sub_path = if path.is_empty() {
            name.clone()
        } else {
            format!("{path} {name}")
        };
        cmd = cmd.mut_subcommand(&name, |s| localise(s, &sub_path, lang));
    }
    cmd
}

fn vi_arg(a: Arg) -> Arg {
    let heading = if a.is_positional() {
        "Tham số"
    } else {
        "Tùy chọn"
    };
    vi_annotations(a.help_heading(heading))
}

/// clap writes an argument's possible values, default and environment variable in English
/// (`[default: vi]`, `Possible values:`, `[env: BAOCAO_LANG=]`); in Vietnamese those are hidden
/// and the same facts are appended to the help text in Vietnamese: bracketed on one line for
/// `-h`, one fact a line for `--help`.
fn vi_annotations(a: Arg) -> Arg {
    // Flags (`--force`) have possible values and a default too, which clap never prints.
    if !a.get_action().takes_values() {
        return a;
    }
    let values: Vec<(String, Option<String>)> = if a.is_hide_possible_values_set() {
        Vec::new()
    } else {
        a.get_possible_values()
            .iter()
            .filter(|v| !v.is_hide_set())
            .map(|v| {
                (
                    v.get_name().to_string(),
                    v.get_help().map(|h| h.to_string()),
                )
            })
            .collect()
    };
    let default: Vec<String> = if a.is_hide_default_value_set() {
        Vec::new()
    } else {
        a.get_default_values()
            .iter()
            .map(|v| v.to_string_lossy().into_owned())
            .collect()
    };
    let env = match a.get_env() {
        Some(e) if !a.is_hide_env_set() => Some(e.to_string_lossy().into_owned()),
        _ => None,
    };
    if values.is_empty() && default.is_empty() && env.is_none() {
        return a;
    }
    let base = a.get_help().map(|h| h.to_string()).unwrap_or_default();
    let long_base = a
        .get_long_help()
        .map(|h| h.to_string())
        .unwrap_or_else(|| base.clone());
    let mut short = base.trim_end().to_string();
    let mut long = vec![long_base.trim_end().to_string()];
    if !values.is_empty() {
        let names: Vec<&str> = values.iter().map(|(n, _)| n.as_str()).collect();
        short.push_str(&format!(" [giá trị: {}]", names.join(", ")));
        let mut list = String::from("Giá trị:");
        for (name, help) in &values {
            match help {
                Some(h) => list.push_str(&format!("\n- {name}: {h}")),
                None => list.push_str(&format!("\n- {name}")),
            }
        }
        long.push(list);
    }
    let mut brackets = Vec::new();
    if !default.is_empty() {
        brackets.push(format!("[mặc định: {}]", default.join(", ")));
    }
    if let Some(env) = env {
        brackets.push(format!("[biến môi trường: {env}]"));
    }
    for b in &brackets {
        short.push(' ');
        short.push_str(b);
    }
    if !brackets.is_empty() {
        long.push(brackets.join("\n"));
    }
    a.hide_possible_values(true)
        .hide_default_value(true)
        .hide_env(true)
        .help(short)
        .long_help(long.join("\n\n"))
}

/// A usage error (bad or missing argument) as a message in `lang`, with the usage line.
pub fn usage_error(e: &clap::Error, lang: Lang) -> String {
    if lang == Lang::En {
        return e.render().to_string();
    }
    let ctx = |k: ContextKind| -> Option<String> {
        e.get(k).map(|v| match v {
            ContextValue::String(s) => s.clone(),
            ContextValue::Strings(v) => v.join(", "),
            ContextValue::StyledStr(s) => s.to_string(),
            ContextValue::StyledStrs(v) => v
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join(", "),
            ContextValue::Number(n) => n.to_string(),
            other => other.to_string(),
        })
    };
    let arg = ctx(ContextKind::InvalidArg).unwrap_or_default();
    let message = match e.kind() {
        ErrorKind::MissingRequiredArgument => format!("thiếu tham số bắt buộc: {arg}"),
        ErrorKind::UnknownArgument => format!("không có tùy chọn `{arg}`"),
        ErrorKind::InvalidSubcommand => format!(
            "không có lệnh `{}`",
            ctx(ContextKind::InvalidSubcommand).unwrap_or(arg)
        ),
        ErrorKind::InvalidValue => {
            let value = ctx(ContextKind::InvalidValue).unwrap_or_default();
            match ctx(ContextKind::ValidValue) {
                Some(valid) => {
                    format!("giá trị `{value}` không hợp lệ cho {arg}; chọn một trong: {valid}")
                }
                None => format!("giá trị `{value}` không hợp lệ cho {arg}"),
            }
        }
        ErrorKind::NoEquals | ErrorKind::ValueValidation => {
            format!("giá trị không hợp lệ cho {arg}")
        }
        ErrorKind::TooManyValues => format!("{arg} chỉ được dùng một lần"),
        ErrorKind::ArgumentConflict => format!(
            "{arg} không dùng cùng {}",
            ctx(ContextKind::PriorArg).unwrap_or_default()
        ),
        _ => return e.render().to_string(),
    };
    let usage = ctx(ContextKind::Usage)
        .map(|u| u.trim().trim_start_matches("Usage:").trim().to_string())
        .unwrap_or_default();
    let usage = match usage.trim_start_matches("Cách dùng:").trim() {
        "" => command(lang)
            .render_usage()
            .to_string()
            .trim_start_matches("Usage:")
            .trim()
            .to_string(),
        u => u.to_string(),
    };
    format!("lỗi: {message}\n\nCách dùng: {usage}\n\nXem thêm: baocao --help\n")
}
