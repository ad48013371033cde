//! Writing workbooks: everything rust_xlsxwriter lives here.
//!
//! `template` builds the report form one agency fills in for one period; `style` holds the
//! look shared by every workbook baocao writes (Times New Roman formats, the Decree 30/2020
//! header, A4 page setup). Builders are pure: they take the plan and dates and return the
//! file's bytes, and never read the clock, so the same inputs give the same bytes. Writing
//! the bytes to disk is the commands' job (`util::write_atomic`).

pub mod annotate;
pub mod comparison;
pub mod consolidated;
pub mod docx;
pub mod style;
pub mod summary;
pub mod template;

pub use template::{TemplateError, build_template, template_file_name};
