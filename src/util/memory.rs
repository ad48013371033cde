//! The process start-up setting for memory (transparent huge pages).

/// Turns transparent huge pages off for this process; called first thing by the binary (and
/// by the benchmark examples, so they run as it does). mimalloc asks the kernel for huge pages
/// (`MADV_HUGEPAGE`), and every fault on one zeroes 2 MB: a run that reads thousands of small
/// files and frees their buffers as it goes spent ~15 % of its CPU time in the kernel zeroing
/// pages, and its peak RSS was ~35 MB higher (docs/performance.md). The flag is checked at
/// each page fault, so it applies to memory mimalloc reserved before `main` too.
#[cfg(target_os = "linux")]
pub fn no_huge_pages() {
    // SAFETY: PR_SET_THP_DISABLE takes integer arguments only and changes no memory of ours;
    // on a kernel without it the call fails with EINVAL, which is harmless.
    unsafe {
        libc::prctl(libc::PR_SET_THP_DISABLE, 1, 0, 0, 0);
    }
}

/// Does nothing: transparent huge pages are a Linux setting.
#[cfg(not(target_os = "linux"))]
pub fn no_huge_pages() {}
