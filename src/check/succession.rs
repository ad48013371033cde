//! A report made on a predecessor's template: the file names an agency code that the plan in
//! force no longer has, because an amendment merged, split or dissolved it. The report is
//! credited to the successor in force, with a warning saying so (I010, I011), never dropped;
//! a body dissolved with no single successor is said so (I012) and credited to no one.

use super::Cx;
use crate::diag::{CellRef, Code, Finding};
use crate::plan::{Agency, Plan};

/// What crediting decided for a code the plan in force does not have.
#[derive(Default)]
pub struct Credit<'p> {
    /// The successor the report counts for.
    pub agency: Option<&'p Agency>,
    /// The former agency (its name is the one a predecessor's template shows).
    pub former: Option<&'p Agency>,
    /// A finding already explains why the code is not in force (no I002 needed).
    pub explained: bool,
}

/// Credits a report from `code` (not in force) to its successor, with a finding at `cell`.
pub fn credit<'p>(
    cx: &mut Cx<'_>,
    plan: &'p Plan,
    code: &str,
    cell: Option<CellRef>,
    sheet: &str,
) -> Credit<'p> {
    if plan.agency(code).is_some() {
        return Credit::default();
    }
    let Some(s) = plan.successors(code) else {
        return Credit::default();
    };
    let lang = cx.lang();
    let Some(first) = s.chain.first() else {
        return Credit::default();
    };
    let last = s.chain.last().copied().unwrap_or(first);
    let source = last
        .source
        .as_ref()
        .map_or_else(|| lang.tl_no_source_short(), |src| src.cite(lang));
    let date = crate::plan::fmt_date(last.effective);
    let how = match last.how {
        "split" => lang.tl_how_split(),
        "dissolve" => lang.tl_how_dissolve(),
        _ => lang.tl_how_merge(),
    };
    let successor = if s.via_group {
        None
    } else {
        s.agencies.first().and_then(|c| plan.agency(c))
    };
    let finding = match successor {
        None => Finding::new(
            Code::NoSuccessor,
            cx.file,
            lang.tl_no_successor(code, &date, &source),
        )
        .help(lang.tl_no_successor_help()),
        Some(a) if s.agencies.len() > 1 => {
            let others = s.agencies[1..].join(", ");
            Finding::new(
                Code::CreditedAmbiguous,
                cx.file,
                format!(
                    "{}; {}",
                    lang.tl_credited(code, &how, &date, &a.code, &source),
                    lang.tl_credited_split(code, &a.code, &others)
                ),
            )
            .help(lang.tl_credited_help(&a.code))
        }
        Some(a) => Finding::new(
            Code::CreditedToSuccessor,
            cx.file,
            lang.tl_credited(code, &how, &date, &a.code, &source),
        )
        .help(lang.tl_credited_help(&a.code)),
    };
    cx.push(match cell {
        Some(c) => finding.at_cell(sheet, c),
        None => finding.at_sheet(sheet),
    });
    Credit {
        agency: successor,
        former: Some(&first.agency),
        explained: true,
    }
}
