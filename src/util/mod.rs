//! Small shared helpers, one module per concern: [`dates`] (date arguments), [`text`] (NFC,
//! folding, label matching), [`output`] (atomic output files and the checks before writing),
//! [`memory`] (the process start-up setting for memory). Their items are re-exported here, so
//! callers name them `util::fold`, `util::write_atomic`, ….

pub mod dates;
pub mod memory;
pub mod output;
pub mod text;

pub use dates::{as_of_or_today, impossible_date, parse_date_arg};
pub use memory::no_huge_pages;
pub use output::{check_not_held_open, held_open, probe_writable, read_error_reason, write_atomic};
pub use text::{fold, fold_chars, is_nfc, label_matches, nfc};
