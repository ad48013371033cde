//! Settings resolved once: every command turns its flags into checked settings through these
//! steps, so a mistake gets the same message whichever command it is made in.
//!
//! - the plan in force for a period ([`plan_for_period`], [`plan_in_force`]): the one
//!   "unknown period" message ([`resolve_period`]);
//! - the as-of date ([`as_of`]): `--as-of`, or today;
//! - an agency code ([`agency`]): the one "unknown agency" message ([`unknown_agency`]),
//!   naming today's successor of a body no longer in force;
//! - outputs ([`check_output`], [`refuse_existing`], [`create_out_dir`]): refused before any
//!   work when they exist (without `--force`) or cannot be written.

use std::path::Path;

use chrono::NaiveDate;

use crate::i18n::Lang;
use crate::plan::{Agency, Period, PeriodError, PeriodKind, Plan, fmt_date};
use crate::{Context, Error, Result, util};

/// The one place a command turns a period ID into the period and the organisation in force
/// for it (the plan on the last day of its data window, `plan::timeline`). `signed` is the
/// plan as `Context::plan` loads it.
pub(crate) fn plan_for_period(ctx: &Context, signed: &Plan, id: &str) -> Result<(Plan, Period)> {
    let period = resolve_period(signed, id, ctx.lang)?;
    Ok((signed.in_force(&period), period))
}

/// With a period ID, the organisation in force for it and the period; without, the plan as
/// signed (each file's own period decides, as `validate` does).
pub(crate) fn plan_in_force(
    ctx: &Context,
    signed: Plan,
    id: Option<&str>,
) -> Result<(Plan, Option<Period>)> {
    match id {
        Some(p) => {
            let (plan, period) = plan_for_period(ctx, &signed, p)?;
            Ok((plan, Some(period)))
        }
        None => Ok((signed, None)),
    }
}

/// The period `id` of `plan`, or the one message every command gives for a period it cannot
/// use: a kind the plan switches off is named with its setting; anything else lists the IDs
/// the plan does accept.
///
/// # Errors
/// That message.
pub(crate) fn resolve_period(plan: &Plan, id: &str, lang: Lang) -> Result<Period> {
    let err = match plan.period(id) {
        Ok(p) => return Ok(p),
        Err(e) => e,
    };
    let year = id
        .trim()
        .get(..4)
        .and_then(|y| y.parse::<i32>().ok())
        .filter(|y| (1900..=9998).contains(y))
        .unwrap_or_else(|| chrono::Datelike::year(&chrono::Local::now().date_naive()));
    let examples: Vec<String> = plan
        .periods
        .example_ids(year)
        .iter()
        .map(|i| format!("`{i}`"))
        .collect();
    let first = match err {
        PeriodError::Disabled(kind) => {
            let (name, key) = match kind {
                PeriodKind::Year => (lang.period_kind_year(), "year"),
                PeriodKind::HalfYear => (lang.period_kind_half_year(), "half_year"),
                PeriodKind::Quarter => (lang.period_kind_quarter(), "quarter"),
                PeriodKind::Month | PeriodKind::AdHoc => (lang.period_kind_month(), "month"),
            };
            lang.period_disabled(id.trim(), &name, key)
        }
        PeriodError::Unknown => lang.unknown_period(id),
    };
    Err(Error::Message(format!(
        "{first}\n  → {}",
        lang.period_valid_ids(&examples.join(", "))
    )))
}

/// `--as-of` (`YYYY-MM-DD` or `dd/mm/yyyy`) or, when absent, today's local date.
///
/// # Errors
/// The message for a date that is no date, saying why when it can.
pub(crate) fn as_of(flag: Option<&str>, lang: Lang) -> Result<NaiveDate> {
    util::as_of_or_today(flag, lang)
}

/// The agency `code` names (any case), or the one "unknown agency" message.
///
/// # Errors
/// That message.
pub(crate) fn agency<'p>(plan: &'p Plan, code: &str, lang: Lang) -> Result<&'p Agency> {
    plan.find_agency(code)
        .ok_or_else(|| Error::Message(unknown_agency(plan, code, lang)))
}

/// `không có cơ quan mã X` plus the list of valid codes.
pub(crate) fn unknown_agency(plan: &Plan, code: &str, lang: Lang) -> String {
    // A body no longer in force: say who stands for it now rather than list every code.
    let upper = code.trim().to_ascii_uppercase();
    if let Some(s) = plan.successors(&upper)
        && let Some(last) = s.chain.last()
    {
        let now = if s.agencies.is_empty() {
            last.into.join(", ")
        } else {
            s.agencies.join(", ")
        };
        return format!(
            "{}\n  → {}",
            lang.unknown_agency(code),
            lang.tl_gone(
                &upper,
                &plan.as_of.map(fmt_date).unwrap_or_default(),
                &fmt_date(last.effective),
                &now
            )
        );
    }
    let codes: Vec<&str> = plan.agencies.iter().map(|a| a.code.as_str()).collect();
    format!(
        "{}\n  → {}",
        lang.unknown_agency(code),
        lang.unknown_agency_help(&codes.join(", "))
    )
}

/// Refuses an output that exists, unless `force`.
///
/// # Errors
/// The "already exists, use --force" message naming `out`.
pub(crate) fn refuse_existing(out: &Path, force: bool, lang: Lang) -> Result<()> {
    if !force && out.exists() {
        return Err(Error::Message(
            lang.output_exists(&out.display().to_string()),
        ));
    }
    Ok(())
}

/// Refuses, before any work, an output that exists (without `--force`) or whose folder is not
/// a folder or not writable; a missing folder is created, as every command does.
pub(crate) fn check_output(out: &Path, force: bool, lang: Lang) -> Result<()> {
    let shown = out.display().to_string();
    if out.is_dir() {
        return Err(Error::Message(lang.output_is_dir(&shown)));
    }
    refuse_existing(out, force, lang)?;
    // A workbook open in Excel cannot be replaced: say so now, not after reading everything.
    util::check_not_held_open(out, lang)?;
    let dir = parent_dir(out).to_path_buf();
    let dir_shown = dir.display().to_string();
    if dir.exists() && !dir.is_dir() {
        return Err(Error::Message(lang.output_dir_not_dir(&dir_shown, &shown)));
    }
    create_out_dir(&dir, lang)?;
    // The only reliable test of permission is to try: a temporary file, removed at once.
    util::probe_writable(&dir).map_err(|e| {
        Error::Message(lang.output_dir_unwritable(&dir_shown, &shown, &io_reason(&e, lang)))
    })
}

/// Creates `dir` and its parents when missing: every command that writes files
/// (`template --out`, `man --out`, `validate --annotate`, `consolidate --out`) makes the folder
/// it is asked to write into, the same way.
///
/// # Errors
/// A message naming the folder and the system's reason.
pub(crate) fn create_out_dir(dir: &Path, lang: Lang) -> Result<()> {
    if dir.as_os_str().is_empty() || dir.is_dir() {
        return Ok(());
    }
    std::fs::create_dir_all(dir).map_err(|e| {
        Error::Message(lang.io_write(&dir.display().to_string(), &io_reason(&e, lang)))
    })
}

/// A short reason in the user's language for the common cases, else the system's words.
pub(crate) fn io_reason(e: &std::io::Error, lang: Lang) -> String {
    use std::io::ErrorKind;
    match e.kind() {
        ErrorKind::PermissionDenied => lang.io_permission_denied(),
        ErrorKind::ReadOnlyFilesystem => lang.io_read_only(),
        ErrorKind::StorageFull => lang.io_disk_full(),
        ErrorKind::NotADirectory => lang.io_not_a_folder(),
        _ => e.to_string(),
    }
}

/// The folder a file is written into (`.` for a bare name).
pub(crate) fn parent_dir(path: &Path) -> &Path {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}
