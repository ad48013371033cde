//! Any bytes as a submission: `ingest::open_bytes`, then `check::check_workbook` when the
//! file opens.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    baocao_fuzz::exercise("open_bytes", data);
});
