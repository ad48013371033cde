//! `baocao report`: a consolidated workbook in, the forwarding report (Word draft) out.
//!
//! The output is checked before anything is read; the consolidation (and the previous one)
//! come from the workbooks' data sheets (`ingest::read_consolidated`), the document from
//! `report::docx`.

use crate::cli::ReportArgs;
use crate::error::Error;
use crate::i18n::Num;
use crate::ingest::read_consolidated;
use crate::report::docx;
use crate::{Context, Outcome, Result, util};

pub fn run(ctx: &Context, args: &ReportArgs) -> Result<Outcome> {
    let lang = ctx.lang;
    super::check_output(&args.out, args.force, lang)?;
    let plan = ctx.plan()?;
    let data = read_consolidated(&args.consolidated, &plan.meta.id, lang)?;
    let previous = match &args.previous {
        Some(p) => {
            let prev = read_consolidated(p, &plan.meta.id, lang)?;
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
