//! `baocao consolidate`: not yet implemented.

use crate::cli::ConsolidateArgs;
use crate::{Context, Outcome, Result};

pub fn run(_ctx: &Context, _args: &ConsolidateArgs) -> Result<Outcome> {
    Err(crate::Error::Message(
        "chưa có / not implemented yet".into(),
    ))
}
