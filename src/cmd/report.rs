//! `baocao report`: a consolidated workbook in, the forwarding report (Word draft) out.
//!
//! The output is checked before anything is read; the consolidation (and the previous one)
//! come from the workbooks' data sheets (`ingest::read_consolidated`), the document from
//! `report::docx`.

use crate::cli::ReportArgs;
use crate::data_sheet::Data;
use crate::error::Error;
use crate::i18n::Lang;
use crate::i18n::Num;
use crate::ingest::{read_consolidated_any, same_plan};
use crate::report::docx;
use crate::{Context, Outcome, Result, util};

pub fn run(ctx: &Context, args: &ReportArgs) -> Result<Outcome> {
    let lang = ctx.lang;
    super::check_output(&args.out, args.force, lang)?;
    // The plan is needed only to check that the workbooks were consolidated under it: it
    // loads on one core while the other reads the workbooks and drafts the document, the
    // longest part. A plan that does not load is still the first thing said.
    let (plan, drafted) = rayon::join(|| ctx.plan(), || draft(args, lang));
    let plan = plan?;
    let Draft {
        data,
        previous,
        built,
    } = drafted?;
    same_plan(&data, &args.consolidated, &plan.meta.id, lang)?;
    if let (Some(prev), Some(path)) = (&previous, &args.previous) {
        same_plan(prev, path, &plan.meta.id, lang)?;
    }
    let shown = args.out.display().to_string();
    util::write_atomic(&args.out, &built.bytes, args.force, lang)?;
    let io = |e: std::io::Error| Error::output(&e, lang);
    let mut out = ctx.stdout();
    let (agencies, texts) = (Num::from(data.agencies.len()), Num::from(built.texts));
    let line = if args.final_ {
        lang.report_written_final(&shown, &data.period.id, agencies, texts)
    } else {
        lang.report_written(&shown, &data.period.id, agencies, texts)
    };
    use std::io::Write;
    writeln!(out, "{line}").map_err(io)?;
    writeln!(
        out,
        "{}",
        lang.report_placeholders(Num::from(built.placeholders))
    )
    .map_err(io)?;
    Ok(Outcome::Clean)
}

/// The workbooks read and the document built, before the plan is checked.
struct Draft {
    data: Data,
    previous: Option<Data>,
    built: docx::Built,
}

fn draft(args: &ReportArgs, lang: Lang) -> Result<Draft> {
    let data = read_consolidated_any(&args.consolidated, lang)?;
    let previous = match &args.previous {
        Some(p) => {
            let prev = read_consolidated_any(p, lang)?;
            if prev.period.id == data.period.id {
                return Err(Error::Message(lang.report_previous_same_period(
                    &p.display().to_string(),
                    &prev.period.id,
                )));
            }
            Some(prev)
        }
        None => None,
    };
    let shown = args.out.display().to_string();
    let built = docx::build(&data, previous.as_ref(), !args.final_)
        .map_err(|e| Error::Message(lang.io_write(&shown, &e)))?;
    Ok(Draft {
        data,
        previous,
        built,
    })
}
