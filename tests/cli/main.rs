//! The integration tests: one binary, one module per subcommand. Every test runs the real
//! `baocao` binary in a fresh temporary folder (see `common::Workdir`).

mod bench_smoke;
mod cli;
mod common;
mod consolidate;
mod ingest;
mod plan;
mod previous;
mod report;
mod reshaped;
mod robustness;
mod summary;
mod template;
mod timeline;
mod validate;
mod windows;
