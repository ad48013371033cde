//! The `baocao` binary: parse the command line, run, map the outcome to an exit code.
fn main() -> std::process::ExitCode {
    baocao::run_from_env()
}
