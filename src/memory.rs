//! How the allocator treats freed memory.
//!
//! moat's binary allocates with mimalloc (`src/main.rs`). By default mimalloc returns memory
//! that stays free for a second (`purge_delay`, 1,000 ms) to the operating system. A scan
//! frees large temporaries (the parse of the snapshot, the derived facts' text) and then
//! allocates as much again while it evaluates: every purged page comes back as a fresh page
//! the kernel must zero. In eight interleaved runs on a 100k-resource snapshot, keeping
//! freed memory cut the median system time from 0.61 s to 0.40 s and the slowest run from
//! 2.97 s to 1.87 s (docs/performance.md). A scan is a short-lived process, so moat keeps
//! freed memory for reuse: the peak is the same, and the memory goes back when the process
//! ends.

// The allocator's library is linked through this crate.
use mimalloc as _;

/// `mi_option_purge_delay` in mimalloc v3's `mi_option_t` (include/mimalloc.h), the version
/// `libmimalloc-sys` builds by default; the test below checks it against the option's
/// default.
const MI_OPTION_PURGE_DELAY: std::ffi::c_int = 15;

extern "C" {
    fn mi_option_set(option: std::ffi::c_int, value: std::ffi::c_long);
    #[cfg(test)]
    fn mi_option_get(option: std::ffi::c_int) -> std::ffi::c_long;
}

/// Tells mimalloc never to return freed memory to the operating system before the process
/// ends. Call it once, first thing in `main`.
pub fn keep_freed_memory() {
    // SAFETY: `mi_option_set` takes an option index and a value, touches only mimalloc's
    // option table, and may be called at any time; the index is checked by a test.
    unsafe { mi_option_set(MI_OPTION_PURGE_DELAY, -1) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_purge_delay_option_is_the_one_set() {
        // 1,000 ms is purge_delay's default in mimalloc v3 (src/options.c) and no
        // neighbouring option's: a shifted index would read another value.
        if std::env::var_os("MIMALLOC_PURGE_DELAY").is_none() {
            assert_eq!(unsafe { mi_option_get(MI_OPTION_PURGE_DELAY) }, 1000);
        }
        keep_freed_memory();
        assert_eq!(unsafe { mi_option_get(MI_OPTION_PURGE_DELAY) }, -1);
    }
}
