//! Where `baocao consolidate` spends its time, phase by phase (plan, listing, reading and
//! checking, building the workbook), for docs/performance.md.
//!
//! ```text
//! cargo run --release --example consolidate_phases -- DIR [PERIOD] [AS_OF]
//! ```
//!
//! `DIR` is a folder made by `gen_bench` (`DIR/plan/` and the submissions).

use std::time::Instant;

use baocao::i18n::Lang;

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// A memory figure of this process from `/proc/self/status` (`VmRSS:` now, `VmHWM:` the peak
/// so far), in MB; 0 where that file does not exist.
fn status_mb(key: &str) -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find_map(|l| l.strip_prefix(key))
                .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
        })
        .map_or(0, |kb| kb / 1024)
}

fn main() {
    // The same start-up as `baocao` (src/main.rs).
    baocao::util::no_huge_pages();
    let mut args = std::env::args().skip(1);
    let Some(dir) = args.next() else {
        eprintln!("usage: consolidate_phases DIR [PERIOD] [AS_OF]");
        std::process::exit(2);
    };
    let period_id = args.next().unwrap_or_else(|| "2025".into());
    let as_of = args.next().unwrap_or_else(|| "2025-12-31".into());
    let lang = Lang::Vi;
    let started = Instant::now();
    let mut last = started;
    let mut lap = |what: &str| {
        let now = Instant::now();
        println!(
            "{what:<28} {:>8.3} s   (total {:.3} s)   RSS {} MB, peak {} MB",
            (now - last).as_secs_f64(),
            (now - started).as_secs_f64(),
            status_mb("VmRSS:"),
            status_mb("VmHWM:")
        );
        last = now;
    };
    let source = baocao::plan::PlanSource::from_dir(format!("{dir}/plan").as_ref(), lang)
        .expect("plan folder");
    lap("read plan files");
    let plan = baocao::plan::load_or_fail(&source, lang).expect("a valid plan");
    lap("parse and check plan");
    let period = plan.period(&period_id).expect("a period of the plan");
    let as_of = baocao::util::parse_date_arg(&as_of, lang).expect("a date");
    let inputs = baocao::consolidate::gather(&[dir.clone().into()], lang).expect("a folder");
    lap("list submissions");
    let c = baocao::consolidate::consolidate(
        &plan,
        &period,
        as_of,
        inputs.clone().into(),
        None,
        lang,
        &|| {},
    );
    lap("read and check (parallel)");
    let bytes = baocao::report::consolidated::build(&plan, &c).expect("a workbook");
    lap("build workbook");
    drop(c);
    lap("free");
    println!("{} files, workbook {} bytes", inputs.len(), bytes.len());
}
