//! Who reports, for which period, on which date: from the visible label cells and from the
//! template's machine identity, and whether they agree with each other and with the flags.

use super::{Cx, Submission, sheet_list};
use crate::diag::{CellRef, Code, Finding};
use crate::format as f;
use crate::ingest::Workbook;
use crate::ingest::table::{self, Table};
use crate::plan::fmt_date;
use crate::util::fold;

pub struct Tables {
    pub tasks: Option<Table>,
    pub indicators: Option<Table>,
}

/// I020: the visible identity value is blank (or its label is gone), and the template's
/// machine identity says what it was; reported at the label when there is one.
fn recovered(
    cx: &mut Cx,
    sheet: &str,
    found: Option<(CellRef, Option<(CellRef, &crate::ingest::Value)>)>,
    label: &str,
    meta: &str,
) {
    let lang = cx.lang();
    let mut finding = Finding::new(
        Code::IdentityRecovered,
        cx.file,
        lang.identity_recovered(label, meta),
    )
    .help(lang.identity_recovered_help(label, meta));
    finding = match found {
        Some((cell, _)) => finding.at_cell(sheet, cell),
        None => finding.at_sheet(sheet),
    };
    cx.push(finding);
}

/// S007 at each unread column of a label written twice: a warning when it is empty, an error
/// when it holds data too (a person may have meant it).
fn duplicate_column(cx: &mut Cx, sheet: &str, row: u32, label: &str, d: &table::Duplicate) {
    let lang = cx.lang();
    let read = CellRef::new(row, d.read);
    for &(col, filled) in &d.others {
        let at = CellRef::new(row, col);
        let (message, severity) = if filled == 0 {
            (
                lang.column_duplicate_empty(label, &at.to_string(), &read.to_string()),
                crate::diag::Severity::Warning,
            )
        } else {
            (
                lang.column_duplicate_data(label, &at.to_string(), filled, &read.to_string()),
                crate::diag::Severity::Error,
            )
        };
        let f = Finding::new(Code::ColumnDuplicate, cx.file, message)
            .at_cell(sheet, at)
            .severity(severity)
            .help(lang.column_duplicate_help(label));
        cx.push(f);
    }
}

/// The agency code written above a table (`Mã cơ quan`), upper-cased, if any.
fn code_above(wb: &Workbook, t: &Table) -> Option<String> {
    let sheet = &wb.sheets[t.sheet];
    table::label_value(sheet, f::LABEL_AGENCY_CODE, t.header_row)
        .and_then(|(_, v)| v.map(|(_, v)| v.display().trim().to_uppercase()))
        .filter(|c| !c.is_empty())
}

/// Which of a workbook's tables of one kind is read; every other one is reported at its
/// header, never ignored: another agency's table is S004 (and the agency is noted, so that
/// consolidation can say its report was seen inside this file), a second copy of the same
/// report is S007, and the fuller copy is the one read (a blank original beside the filled
/// copy is not what the agency meant).
fn choose(cx: &mut Cx, wb: &Workbook, sub: &mut Submission, all: Vec<Table>) -> Option<Table> {
    let lang = cx.lang();
    let mut all = all.into_iter();
    let mut chosen = all.next()?;
    let chosen_code = code_above(wb, &chosen);
    let mut copies = Vec::new();
    for t in all {
        match (&chosen_code, code_above(wb, &t)) {
            (Some(a), Some(b)) if *a != b => {
                let sheet = &wb.sheets[t.sheet].name;
                let cell = key_cell(&t);
                cx.at(
                    Code::TableNotRead,
                    sheet,
                    cell,
                    lang.table_other_agency(sheet, &b, &wb.sheets[chosen.sheet].name, a),
                    lang.table_other_agency_help(&b),
                );
                if cx.opts.plan.agency(&b).is_some() && !sub.other_agencies.contains(&b) {
                    sub.other_agencies.push(b);
                }
            }
            _ => copies.push(t),
        }
    }
    for t in copies {
        // With another agency's table in the file, a table without its own agency label
        // (an indicator sheet) may be that agency's: the first one found stays the one read.
        let fuller = sub.other_agencies.is_empty()
            && table::filled_cells(wb, &t) > table::filled_cells(wb, &chosen);
        let (read, unread) = if fuller { (t, chosen) } else { (chosen, t) };
        let sheet = &wb.sheets[unread.sheet].name;
        cx.at(
            Code::TableCopyNotRead,
            sheet,
            key_cell(&unread),
            lang.table_copy_not_read(sheet, &wb.sheets[read.sheet].name),
            lang.table_copy_not_read_help(),
        );
        chosen = read;
    }
    chosen.read_duplicates = table::resolve_duplicates(wb, &mut chosen);
    Some(chosen)
}

/// The key label's cell of a table's header (its first column when the key is missing).
fn key_cell(t: &Table) -> CellRef {
    CellRef::new(t.header_row, t.col(1).unwrap_or(0))
}

/// The identity block above the task table (or the first visible sheet's top rows when there
/// is no table): where the agency, period, report date and contact labels are read.
struct Header<'w> {
    sheet: &'w crate::ingest::Sheet,
    /// The labels are read above this row.
    below: u32,
    name: String,
    /// A task table was found: without one the file is not a report at all (S001 says so),
    /// and identity labels it never had are not worth more findings.
    report_like: bool,
}

impl<'w> Header<'w> {
    fn value(&self, label: &str) -> Option<(CellRef, Option<(CellRef, &'w crate::ingest::Value)>)> {
        table::label_value(self.sheet, label, self.below)
    }

    fn text_of(&self, label: &str) -> Option<(CellRef, String)> {
        self.value(label)
            .and_then(|(_, v)| v.map(|(c, v)| (c, v.display())))
    }
}

pub fn check(cx: &mut Cx, wb: &Workbook, sub: &mut Submission) -> Tables {
    let (tasks, indicators) = locate_tables(cx, wb, sub);
    // Identity labels sit above the task table (or anywhere in the first sheet's top rows
    // when there is no table).
    let (sheet, below) = match &tasks {
        Some(t) => (&wb.sheets[t.sheet], t.header_row),
        None => match wb.sheets.iter().find(|s| !s.hidden) {
            Some(s) => (s, f::HEADER_SEARCH_ROWS),
            None => return Tables { tasks, indicators },
        },
    };
    sub.report_sheet = tasks.as_ref().map(|t| wb.sheets[t.sheet].name.clone());
    sub.indicator_sheet = indicators.as_ref().map(|t| wb.sheets[t.sheet].name.clone());
    let head = Header {
        sheet,
        below,
        name: sheet.name.clone(),
        report_like: tasks.is_some(),
    };
    let name_cell = head.text_of(f::LABEL_AGENCY_NAME);
    let code = agency_code(cx, wb, &head, &name_cell);
    agency(cx, &head, sub, &code, &name_cell);
    expected_agency(cx, &head, sub, &code);
    period(cx, wb, &head, sub);
    plan_version(cx, wb);
    report_date(cx, wb, &head, sub);
    sub.preparer = head.text_of(f::LABEL_PREPARER).map(|(_, t)| t);
    sub.phone = head.text_of(f::LABEL_PHONE).map(|(_, t)| t);
    required_columns(cx, wb, &tasks, &indicators);
    Tables { tasks, indicators }
}

/// The task and indicator tables read (S001 when there is no task table).
fn locate_tables(
    cx: &mut Cx,
    wb: &Workbook,
    sub: &mut Submission,
) -> (Option<Table>, Option<Table>) {
    let lang = cx.lang();
    let tasks = choose(
        cx,
        wb,
        sub,
        table::locate_all(wb, f::SHEET_REPORT, f::COL_TASK_ID, &f::TASK_COLUMNS),
    );
    let indicators = choose(
        cx,
        wb,
        sub,
        table::locate_all(
            wb,
            f::SHEET_INDICATORS,
            f::COL_IND_ID,
            &f::INDICATOR_COLUMNS,
        ),
    );
    if tasks.is_none() {
        let finding = Finding::new(
            Code::SheetMissing,
            cx.file,
            lang.sheet_missing(&sheet_list(wb)),
        )
        .help(lang.sheet_missing_help());
        cx.push(finding);
    }
    (tasks, indicators)
}

/// The agency code the file gives, with its cell when it is written on the sheet: the
/// visible code (A-mismatch with the hidden identity), else the hidden identity's (I-recovered),
/// else the plan's agency of the visible name.
fn agency_code(
    cx: &mut Cx,
    wb: &Workbook,
    head: &Header<'_>,
    name_cell: &Option<(CellRef, String)>,
) -> Option<(Option<CellRef>, String)> {
    let lang = cx.lang();
    let plan = cx.opts.plan;
    let sname = &head.name;
    let meta_agency = wb
        .identity
        .get(f::ID_AGENCY)
        .map(|s| s.trim().to_uppercase())
        .filter(|s| !s.is_empty());
    let code_cell = head.text_of(f::LABEL_AGENCY_CODE);
    for (c, t) in [&code_cell, name_cell].into_iter().flatten() {
        cx.legacy(sname, *c, t);
    }
    let visible_code = code_cell
        .as_ref()
        .map(|(c, t)| (*c, t.trim().to_uppercase()));
    // Only needed when no code is written anywhere, and it costs a pass over every agency of
    // the plan (thousands at the level above a province), so it runs only then.
    let by_name = || {
        name_cell.as_ref().and_then(|(_, n)| {
            let n = fold(n);
            plan.agencies
                .iter()
                .find(|a| fold(&a.name) == n)
                .map(|a| a.code.clone())
        })
    };
    match (&visible_code, &meta_agency) {
        (Some((cell, v)), Some(m)) if v != m => {
            cx.at(
                Code::AgencyMismatch,
                sname,
                *cell,
                lang.agency_mismatch_meta(v, m),
                lang.agency_mismatch_help(),
            );
            Some((Some(*cell), v.clone()))
        }
        (Some((cell, v)), _) => Some((Some(*cell), v.clone())),
        (None, Some(m)) => {
            recovered(
                cx,
                sname,
                head.value(f::LABEL_AGENCY_CODE),
                f::LABEL_AGENCY_CODE,
                m,
            );
            Some((None, m.clone()))
        }
        (None, None) => by_name().map(|c| (None, c)),
    }
}

/// The agency credited with the file: missing, unknown, a predecessor's template credited to
/// its successor (check::succession), or the plan's agency, whose name must match the one
/// written.
fn agency(
    cx: &mut Cx,
    head: &Header<'_>,
    sub: &mut Submission,
    code: &Option<(Option<CellRef>, String)>,
    name_cell: &Option<(CellRef, String)>,
) {
    let lang = cx.lang();
    let plan = cx.opts.plan;
    let sname = &head.name;
    // A predecessor's template: credited to the successor in force (check::succession).
    let credit = match code {
        Some((cell, c)) => super::succession::credit(cx, plan, c, *cell, sname),
        None => super::succession::Credit::default(),
    };
    match code {
        None if !head.report_like => {}
        None => {
            let finding = match head.value(f::LABEL_AGENCY_CODE) {
                Some((label, _)) => {
                    Finding::new(Code::AgencyMissing, cx.file, lang.agency_missing())
                        .help(lang.agency_missing_help())
                        .at_cell(sname, label)
                }
                None => Finding::new(Code::AgencyMissing, cx.file, lang.agency_label_missing())
                    .help(lang.agency_label_missing_help())
                    .at_sheet(sname),
            };
            cx.push(finding);
        }
        Some((cell, c)) => match plan.agency(c).or(credit.agency) {
            None if credit.explained => {}
            None => {
                let mut finding =
                    Finding::new(Code::AgencyUnknown, cx.file, lang.agency_unknown(c))
                        .help(lang.agency_missing_help());
                if let Some(cell) = cell {
                    finding = finding.at_cell(sname, *cell);
                }
                cx.push(finding);
            }
            Some(a) => {
                sub.agency = Some(a.code.clone());
                if credit.agency.is_some() {
                    sub.credited_from = Some(c.clone());
                }
                if let Some((ncell, n)) = &name_cell {
                    let named = |a: &crate::plan::Agency| {
                        fold(n) == fold(&a.name)
                            || a.short_name.as_deref().is_some_and(|s| fold(s) == fold(n))
                    };
                    let matches = named(a)
                        || credit.former.is_some_and(named)
                        || plan
                            .former_names(&a.code)
                            .iter()
                            .any(|f| fold(f) == fold(n));
                    if !matches {
                        cx.at(
                            Code::AgencyNameMismatch,
                            sname,
                            *ncell,
                            lang.agency_name_mismatch(n, &a.code, &a.name),
                            lang.agency_mismatch_help(),
                        );
                    }
                }
            }
        },
    }
}

/// `--agency`: the file must be that agency's (or credited to it).
fn expected_agency(
    cx: &mut Cx,
    head: &Header<'_>,
    sub: &Submission,
    code: &Option<(Option<CellRef>, String)>,
) {
    let lang = cx.lang();
    if let (Some(expected), Some((cell, found))) = (cx.opts.agency, code)
        && !found.eq_ignore_ascii_case(expected)
        && !sub
            .agency
            .as_deref()
            .is_some_and(|a| a.eq_ignore_ascii_case(expected))
    {
        let mut finding = Finding::new(
            Code::AgencyMismatch,
            cx.file,
            lang.agency_mismatch(found, expected),
        )
        .help(lang.agency_mismatch_help());
        if let Some(cell) = cell {
            finding = finding.at_cell(&head.name, *cell);
        }
        cx.push(finding);
    }
}

/// The period the file reports on: visible, else the hidden identity's, else `--period`;
/// it must be the expected one (or one of the plan's).
fn period(cx: &mut Cx, wb: &Workbook, head: &Header<'_>, sub: &mut Submission) {
    let lang = cx.lang();
    let plan = cx.opts.plan;
    let sname = &head.name;
    let visible_period = head
        .text_of(f::LABEL_PERIOD)
        .map(|(c, t)| (c, t.trim().to_uppercase()));
    let meta_period = wb
        .identity
        .get(f::ID_PERIOD)
        .map(|s| s.trim().to_uppercase())
        .filter(|s| !s.is_empty());
    let period = match (visible_period, meta_period) {
        (Some((cell, v)), Some(m)) if v != m => {
            cx.at(
                Code::PeriodMismatchMeta,
                sname,
                cell,
                lang.period_mismatch_meta(&v, &m),
                lang.period_mismatch_help(),
            );
            Some((Some(cell), v))
        }
        (Some((cell, v)), _) => Some((Some(cell), v)),
        (None, Some(m)) => {
            recovered(cx, sname, head.value(f::LABEL_PERIOD), f::LABEL_PERIOD, &m);
            Some((None, m))
        }
        (None, None) => None,
    };
    match &period {
        // `--period` says which period this is (docs/report-format.md, section 4).
        None if cx.opts.period.is_some() => {
            sub.period = cx.opts.period.map(|p| p.id.clone());
        }
        None if !head.report_like => {}
        None => {
            let finding = match head.value(f::LABEL_PERIOD) {
                Some((label, _)) => {
                    Finding::new(Code::PeriodMissing, cx.file, lang.period_missing())
                        .help(lang.period_missing_help())
                        .at_cell(sname, label)
                }
                None => Finding::new(Code::PeriodMissing, cx.file, lang.period_label_missing())
                    .help(lang.period_label_missing_help())
                    .at_sheet(sname),
            };
            cx.push(finding);
        }
        Some((cell, p)) => {
            sub.period = Some(p.clone());
            let problem = match cx.opts.period {
                Some(expected) if !expected.id.eq_ignore_ascii_case(p) => Some((
                    lang.period_mismatch(p, &expected.id),
                    lang.period_mismatch_help(),
                )),
                None if plan.period(p).is_err() => {
                    Some((lang.period_unknown(p), lang.period_missing_help()))
                }
                _ => None,
            };
            if let Some((message, help)) = problem {
                let mut finding = Finding::new(Code::PeriodMismatch, cx.file, message).help(help);
                if let Some(cell) = cell {
                    finding = finding.at_cell(sname, *cell);
                }
                cx.push(finding);
            }
        }
    }
}

/// I-finding when the template was made from another version of the plan.
fn plan_version(cx: &mut Cx, wb: &Workbook) {
    let lang = cx.lang();
    let plan = cx.opts.plan;
    if let Some(fp) = wb.identity.get(f::ID_PLAN_FINGERPRINT)
        && fp.trim() != plan.meta.fingerprint
    {
        let found = wb
            .identity
            .get(f::ID_PLAN_VERSION)
            .cloned()
            .unwrap_or_else(|| fp.clone());
        let current = format!("{} ({})", plan.meta.version, plan.meta.fingerprint);
        let found = if found == plan.meta.version {
            format!("{found} ({})", fp.trim())
        } else {
            found
        };
        let finding = Finding::new(
            Code::PlanVersionDiffers,
            cx.file,
            lang.plan_version_differs(&found, &current),
        )
        .help(lang.plan_version_help());
        cx.push(finding);
    }
}

/// The report date: missing, not a date, or after `--as-of`.
fn report_date(cx: &mut Cx, wb: &Workbook, head: &Header<'_>, sub: &mut Submission) {
    let lang = cx.lang();
    let sname = &head.name;
    match head.value(f::LABEL_REPORT_DATE) {
        None if !head.report_like => {}
        None | Some((_, None)) => {
            let mut finding =
                Finding::new(Code::ReportDateMissing, cx.file, lang.report_date_missing())
                    .help(lang.report_date_help());
            if let Some((label, _)) = head.value(f::LABEL_REPORT_DATE) {
                // On our own template, the cell to type in; elsewhere the label.
                let at = if wb.identity.contains_key(f::ID_TEMPLATE) {
                    CellRef::new(label.row, label.col + f::TEMPLATE_VALUE_OFFSET)
                } else {
                    label
                };
                finding = finding.at_cell(sname, at);
            }
            cx.push(finding);
        }
        Some((_, Some((cell, v)))) => {
            if !cx.error_cell(sname, cell, v) {
                match v.as_date() {
                    None => cx.at(
                        Code::ReportDateMissing,
                        sname,
                        cell,
                        lang.report_date_invalid(&v.display()) + &super::tasks::date_hint(lang, v),
                        lang.report_date_help(),
                    ),
                    Some(d) => {
                        sub.report_date = Some(d);
                        if d > cx.opts.as_of {
                            cx.at(
                                Code::ReportDateFuture,
                                sname,
                                cell,
                                lang.report_date_future(&fmt_date(d), &fmt_date(cx.opts.as_of)),
                                lang.report_date_help(),
                            );
                        }
                    }
                }
            }
        }
    }
}

/// Required columns of both tables, and the columns written twice.
fn required_columns(cx: &mut Cx, wb: &Workbook, tasks: &Option<Table>, indicators: &Option<Table>) {
    let lang = cx.lang();
    // Required columns. A finding points at the key label's cell: it is always part of the
    // table, wherever the table starts.
    for (t, key, labels, required) in [
        (
            tasks,
            f::COL_TASK_ID,
            &f::TASK_COLUMNS[..],
            &f::TASK_REQUIRED[..],
        ),
        (
            indicators,
            f::COL_IND_ID,
            &f::INDICATOR_COLUMNS[..],
            &f::INDICATOR_REQUIRED[..],
        ),
    ] {
        let Some(t) = t else { continue };
        let col_of = |label: &str| {
            labels
                .iter()
                .position(|l| *l == label)
                .and_then(|i| t.col(i))
        };
        let header_cell = crate::diag::CellRef::new(t.header_row, col_of(key).unwrap_or(0));
        let sheet_name = wb.sheets[t.sheet].name.clone();
        for d in &t.read_duplicates {
            duplicate_column(cx, &sheet_name, t.header_row, labels[d.label], d);
        }
        for label in required {
            if col_of(label).is_none() {
                let found: Vec<String> = t.found.iter().map(|s| format!("`{s}`")).collect();
                cx.at(
                    Code::ColumnMissing,
                    &sheet_name,
                    header_cell,
                    lang.column_missing(label, &found.join(", ")),
                    lang.column_missing_help(),
                );
            }
        }
    }
}
