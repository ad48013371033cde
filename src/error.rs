//! Operational errors: baocao could not do its job (exit code 2).
//!
//! Problems *in* a submission are not errors but findings (`diag`). Messages are already in
//! the user's language when an `Error` is built, because they come from the catalogue.

use crate::diag::Finding;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A message from the catalogue, ready to print.
    #[error("{0}")]
    Message(String),
    /// The plan has errors; `findings` says which.
    #[error("{message}")]
    PlanInvalid {
        message: String,
        findings: Vec<Finding>,
    },
    /// The reader of our output went away (`baocao plan show | head`): stop quietly.
    #[error("broken pipe")]
    BrokenPipe,
}

impl Error {
    /// An error writing to standard output or error.
    pub fn output(e: &std::io::Error, lang: crate::i18n::Lang) -> Error {
        if e.kind() == std::io::ErrorKind::BrokenPipe {
            Error::BrokenPipe
        } else {
            Error::Message(lang.io_write("stdout", &e.to_string()))
        }
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
