//! The `baocao` binary: parse the command line, run, map the outcome to an exit code.

// mimalloc returns freed memory to the system; glibc's allocator kept ~190 MB of freed
// parser buffers in its per-thread arenas when consolidating 2,000 files (docs/performance.md).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    baocao::util::no_huge_pages();
    baocao::run_from_env()
}
