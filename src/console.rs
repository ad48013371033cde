//! The console window an officer sees on Windows. Double-clicking `baocao.exe` in Explorer
//! (or dropping a file on it) makes a console for this process alone, which Windows closes
//! the moment the process ends: whatever baocao printed would flash and vanish. [`owned`]
//! tells that case apart (the console lists one process: ours), so that the binary can show
//! how to use it ([`explorer_usage`]) and wait for Enter ([`wait_for_enter`]).
//!
//! Text reaches a Windows console through Rust's standard streams, which write it with
//! `WriteConsoleW` as UTF-16 whatever the console's code page: Vietnamese shows as it is in
//! cmd.exe and PowerShell (docs/windows.md).

use std::io::{BufRead, IsTerminal, Write};

use crate::i18n::Lang;

/// True when this process is the only one attached to its console: on Windows, started from
/// Explorer rather than from cmd.exe or PowerShell (whose shell shares the console). Always
/// false elsewhere.
#[must_use]
pub fn owned() -> bool {
    #[cfg(windows)]
    {
        use windows_sys::Win32::System::Console::GetConsoleProcessList;
        let mut ids = [0u32; 2];
        // SAFETY: the buffer holds `ids.len()` process ids, the count passed; the call
        // writes at most that many and returns how many processes share the console (0 when
        // there is no console).
        let n = unsafe { GetConsoleProcessList(ids.as_mut_ptr(), 2) };
        n == 1
    }
    #[cfg(not(windows))]
    {
        false
    }
}

/// How to use baocao, for an officer who double-clicked it: where to open a command window
/// and what to type. Names the program and the folder it is in.
#[must_use]
pub fn explorer_usage(lang: Lang) -> String {
    let exe = std::env::current_exe().ok();
    let name = exe
        .as_deref()
        .and_then(|p| p.file_name())
        .map_or_else(|| "baocao.exe".into(), |n| n.to_string_lossy().into_owned());
    let folder = exe
        .as_deref()
        .and_then(|p| p.parent())
        .map(|p| p.display().to_string())
        .unwrap_or_default();
    lang.explorer_usage(&name, &folder)
}

/// Asks for Enter and waits for it, so the window stays until the officer has read it. Does
/// nothing when standard input is not a console (a script's pipe might never send a line).
pub fn wait_for_enter(lang: Lang) {
    let stdin = std::io::stdin();
    if !stdin.is_terminal() {
        return;
    }
    let mut err = std::io::stderr();
    let _ = writeln!(err, "\n{}", lang.press_enter_to_close());
    let _ = err.flush();
    let mut line = String::new();
    let _ = stdin.lock().read_line(&mut line);
}
