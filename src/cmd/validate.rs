//! `baocao validate`: not yet implemented.

use crate::cli::ValidateArgs;
use crate::{Context, Outcome, Result};

pub fn run(_ctx: &Context, _args: &ValidateArgs) -> Result<Outcome> {
    Err(crate::Error::Message(
        "chưa có / not implemented yet".into(),
    ))
}
