//! `baocao template`: not yet implemented.

use crate::cli::TemplateArgs;
use crate::{Context, Outcome, Result};

pub fn run(_ctx: &Context, _args: &TemplateArgs) -> Result<Outcome> {
    Err(crate::Error::Message(
        "chưa có / not implemented yet".into(),
    ))
}
