//! The `baocao` binary: parse the command line, run, map the outcome to an exit code.

// mimalloc returns freed memory to the system; glibc's allocator kept ~190 MB of freed
// parser buffers in its per-thread arenas when consolidating 2,000 files (docs/performance.md).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    no_huge_pages();
    baocao::run_from_env()
}

/// Turns transparent huge pages off for this process. mimalloc asks the kernel for huge pages
/// (`MADV_HUGEPAGE`), and every fault on one zeroes 2 MB: a run that reads thousands of small
/// files and frees their buffers as it goes spent ~15 % of its CPU time in the kernel zeroing
/// pages, and its peak RSS was ~40 MB higher (docs/performance.md). The flag is checked at
/// each page fault, so it applies to memory mimalloc reserved before `main` too.
#[cfg(target_os = "linux")]
fn no_huge_pages() {
    // SAFETY: PR_SET_THP_DISABLE takes integer arguments only and changes no memory of ours;
    // on a kernel without it the call fails with EINVAL, which is harmless.
    unsafe {
        libc::prctl(libc::PR_SET_THP_DISABLE, 1, 0, 0, 0);
    }
}

#[cfg(not(target_os = "linux"))]
fn no_huge_pages() {}
