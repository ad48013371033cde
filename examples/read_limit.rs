//! The read limit: what reading the submissions costs at all.
//!
//! ```text
//! cargo run --release --example read_limit -- DIR
//! ```
//!
//! Opens every `.xlsx` in `DIR` (not recursively) with calamine and reads every cell of the
//! `Báo cáo` and `Chỉ tiêu` sheets, and nothing else: no checks, no output workbook. Files
//! are read in parallel with rayon, on as many threads as `baocao consolidate` uses, so the
//! benchmark compares like with like. `baocao consolidate` cannot be faster than this; the
//! issue's target is to stay within 1.3× of it.

use std::io::Cursor;
use std::path::PathBuf;

use calamine::{Data, Reader, Xlsx};
use rayon::prelude::*;

fn main() {
    // The same start-up as `baocao` (src/main.rs).
    baocao::util::no_huge_pages();
    let Some(dir) = std::env::args_os().nth(1).map(PathBuf::from) else {
        eprintln!("usage: read_limit DIR");
        std::process::exit(2);
    };
    let mut files: Vec<PathBuf> = match std::fs::read_dir(&dir) {
        Ok(rd) => rd
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|e| e == "xlsx"))
            .collect(),
        Err(e) => {
            eprintln!("read_limit: {}: {e}", dir.display());
            std::process::exit(2);
        }
    };
    files.sort();
    let started = std::time::Instant::now();
    let counts: Vec<(usize, usize)> = files.par_iter().map(read).collect();
    let cells: usize = counts.iter().map(|c| c.0).sum();
    let failed: usize = counts.iter().map(|c| c.1).sum();
    println!(
        "{} files, {cells} non-empty cells, {failed} unreadable, {:.3} s",
        files.len(),
        started.elapsed().as_secs_f64()
    );
}

/// (non-empty cells, 1 if the file could not be read).
fn read(path: &PathBuf) -> (usize, usize) {
    let Ok(bytes) = std::fs::read(path) else {
        return (0, 1);
    };
    let Ok(mut wb) = Xlsx::new(Cursor::new(bytes)) else {
        return (0, 1);
    };
    let mut cells = 0;
    for sheet in ["Báo cáo", "Chỉ tiêu"] {
        let Ok(range) = wb.worksheet_range(sheet) else {
            return (cells, 1);
        };
        cells += range
            .used_cells()
            .filter(|(_, _, v)| **v != Data::Empty)
            .count();
    }
    (cells, 0)
}

// The same allocator as the `baocao` binary, so the limit is measured on equal terms.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;
