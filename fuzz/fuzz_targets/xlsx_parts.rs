//! The parts of a zip-based workbook (`name NUL content`, see `baocao_fuzz::PART_SEPARATOR`)
//! zipped uncompressed, so mutations reach the XML parsers instead of the deflate decoder.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let zip = baocao_fuzz::parts_to_zip(data);
    baocao_fuzz::exercise("xlsx_parts", &zip);
});
