//! Fills `corpus/open_bytes` and `corpus/xlsx_parts` with starting inputs: every file of
//! calamine's test suite (`../../shared/corpus/calamine`, or the folder given as the first
//! argument), a few templates from `baocao::report::build_template` (as written, and
//! re-zipped uncompressed so byte mutations reach the XML), and each zip-based file split into
//! parts for `xlsx_parts`. Run from `fuzz/`: `cargo run --release --example seed`.

use std::io::{Cursor, Read, Write};
use std::path::{Path, PathBuf};

use baocao::i18n::Lang;
use baocao::plan::PlanSource;

fn main() {
    let corpus = std::env::args().nth(1).map_or_else(
        || PathBuf::from("../../shared/corpus/calamine"),
        PathBuf::from,
    );
    let raw = Path::new("corpus/open_bytes");
    let parts = Path::new("corpus/xlsx_parts");
    std::fs::create_dir_all(raw).expect("mkdir");
    std::fs::create_dir_all(parts).expect("mkdir");
    let mut seeds: Vec<(String, Vec<u8>)> = Vec::new();
    match std::fs::read_dir(&corpus) {
        Ok(entries) => {
            for e in entries.flatten() {
                if let Ok(bytes) = std::fs::read(e.path()) {
                    seeds.push((e.file_name().to_string_lossy().into_owned(), bytes));
                }
            }
        }
        Err(e) => eprintln!("{}: {e} (no calamine corpus)", corpus.display()),
    }
    let plan = baocao::plan::load_or_fail(&PlanSource::embedded(), Lang::Vi).expect("plan");
    let as_of = chrono::NaiveDate::from_ymd_opt(2025, 11, 1).expect("date");
    for (period, agency) in [("2025", "STTTT"), ("2025", "SCT"), ("2025", "H_BMT")] {
        let (Ok(p), Some(a)) = (plan.period(period), plan.agency(agency)) else {
            eprintln!("skipping template {agency}-{period}");
            continue;
        };
        let bytes = baocao::report::build_template(&plan, a, &p, as_of).expect("template");
        seeds.push((format!("template-{agency}-{period}.xlsx"), bytes.clone()));
        seeds.push((
            format!("template-{agency}-{period}-stored.xlsx"),
            stored(&bytes),
        ));
    }
    let (mut n_raw, mut n_parts) = (0, 0);
    for (name, bytes) in &seeds {
        std::fs::write(raw.join(name), bytes).expect("write");
        n_raw += 1;
        if let Some(p) = baocao_fuzz::zip_to_parts(bytes) {
            std::fs::write(parts.join(name), p).expect("write");
            n_parts += 1;
        }
    }
    println!(
        "{n_raw} seeds in {}, {n_parts} in {}",
        raw.display(),
        parts.display()
    );
}

/// The same zip with every part stored uncompressed.
fn stored(bytes: &[u8]) -> Vec<u8> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).expect("zip");
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    for i in 0..zip.len() {
        let mut part = zip.by_index(i).expect("part");
        let name = part.name().expect("name").to_string();
        let mut data = Vec::new();
        part.read_to_end(&mut data).expect("read");
        out.start_file(name, options).expect("start");
        out.write_all(&data).expect("write");
    }
    out.finish().expect("finish").into_inner()
}
