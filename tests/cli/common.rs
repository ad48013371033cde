//! Test helpers: a temporary working folder that runs the real binary and, on failure,
//! shows the command with its stdout and stderr.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Output;

use assert_cmd::cargo::CommandCargoExt;

/// A fresh temporary folder to run `baocao` in.
pub struct Workdir {
    dir: tempfile::TempDir,
}

/// The result of one run, with helpers that explain failures.
pub struct Run {
    pub cmd: String,
    pub out: Output,
}

impl Run {
    pub fn code(&self) -> i32 {
        self.out.status.code().unwrap_or(-1)
    }
    pub fn stdout(&self) -> String {
        String::from_utf8_lossy(&self.out.stdout).into_owned()
    }
    pub fn stderr(&self) -> String {
        String::from_utf8_lossy(&self.out.stderr).into_owned()
    }
    /// Asserts the exit code, printing everything when it differs.
    pub fn expect_code(&self, code: i32) -> &Run {
        assert_eq!(
            self.code(),
            code,
            "`{}` exited {}\n--- stdout\n{}\n--- stderr\n{}",
            self.cmd,
            self.code(),
            self.stdout(),
            self.stderr()
        );
        self
    }
    /// Asserts stdout contains `needle`.
    pub fn stdout_has(&self, needle: &str) -> &Run {
        assert!(
            self.stdout().contains(needle),
            "`{}`: stdout lacks {needle:?}\n--- stdout\n{}\n--- stderr\n{}",
            self.cmd,
            self.stdout(),
            self.stderr()
        );
        self
    }
    /// Asserts stderr contains `needle`.
    pub fn stderr_has(&self, needle: &str) -> &Run {
        assert!(
            self.stderr().contains(needle),
            "`{}`: stderr lacks {needle:?}\n--- stdout\n{}\n--- stderr\n{}",
            self.cmd,
            self.stdout(),
            self.stderr()
        );
        self
    }
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_slice(&self.out.stdout).unwrap_or_else(|e| {
            panic!(
                "`{}`: stdout is not JSON ({e}):\n{}",
                self.cmd,
                self.stdout()
            )
        })
    }
}

impl Workdir {
    pub fn new() -> Workdir {
        Workdir {
            dir: tempfile::tempdir().expect("temp dir"),
        }
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    pub fn join(&self, rel: &str) -> PathBuf {
        self.dir.path().join(rel)
    }

    /// Writes a file (creating folders) and returns its path.
    pub fn write(&self, rel: &str, contents: impl AsRef<[u8]>) -> PathBuf {
        let p = self.join(rel);
        if let Some(parent) = p.parent() {
            std::fs::create_dir_all(parent).expect("mkdir");
        }
        std::fs::write(&p, contents).expect("write");
        p
    }

    pub fn read(&self, rel: &str) -> Vec<u8> {
        std::fs::read(self.join(rel)).unwrap_or_else(|e| panic!("read {rel}: {e}"))
    }

    /// Copies the signed plan (the shipped plan without `amendments/`) into `rel` so a test
    /// can break it.
    pub fn copy_plan(&self, rel: &str) -> PathBuf {
        let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("plan");
        let dst = self.join(rel);
        copy_dir_except(&src, &dst, "amendments");
        dst
    }

    /// Copies the shipped plan with its amendments into `rel`.
    pub fn copy_shipped_plan(&self, rel: &str) -> PathBuf {
        let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("plan");
        let dst = self.join(rel);
        copy_dir(&src, &dst);
        dst
    }

    /// Runs `baocao ARGS` with the plan embedded in the binary (the shipped plan with its
    /// amendments), not the signed plan the other runs use.
    pub fn run_embedded(&self, args: &[&str]) -> Run {
        self.run_with(args, &[], false)
    }

    /// Runs `baocao ARGS` in this folder with colour off and a fixed language environment.
    pub fn run(&self, args: &[&str]) -> Run {
        self.run_env(args, &[])
    }

    /// Runs with extra environment variables. Unless `--plan` or `BAOCAO_PLAN` says
    /// otherwise, the plan is the **signed plan** (the shipped plan without its amendments):
    /// the submission, template and consolidation tests, and the 2025 examples, were written
    /// for the organisation the plan names; the amendments (the 2025 reorganisation) have
    /// their own tests in `timeline.rs`, which name their plan.
    pub fn run_env(&self, args: &[&str], env: &[(&str, &str)]) -> Run {
        self.run_with(args, env, true)
    }

    fn run_with(&self, args: &[&str], env: &[(&str, &str)], signed: bool) -> Run {
        let mut cmd = std::process::Command::cargo_bin("baocao").expect("binary");
        cmd.current_dir(self.path())
            .args(args)
            .env_remove("BAOCAO_PLAN")
            .env_remove("BAOCAO_LANG")
            .env("NO_COLOR", "1");
        if signed {
            cmd.env("BAOCAO_PLAN", signed_plan());
        }
        for (k, v) in env {
            cmd.env(k, v);
        }
        let out = cmd.output().expect("run baocao");
        Run {
            cmd: format!("baocao {}", args.join(" ")),
            out,
        }
    }
}

/// A copy of the signed plan (no `amendments/`), made once per test run.
pub fn signed_plan() -> &'static Path {
    static DIR: std::sync::OnceLock<PathBuf> = std::sync::OnceLock::new();
    DIR.get_or_init(|| {
        let dir = tempfile::tempdir().expect("temp dir").keep();
        let dst = dir.join("ke-hoach-ban-hanh");
        let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("plan");
        copy_dir_except(&src, &dst, "amendments");
        dst
    })
}

fn copy_dir_except(src: &Path, dst: &Path, skip: &str) {
    std::fs::create_dir_all(dst).expect("mkdir");
    for entry in std::fs::read_dir(src).expect("read_dir") {
        let entry = entry.expect("entry");
        if entry.file_name() == skip {
            continue;
        }
        let to = dst.join(entry.file_name());
        if entry.path().is_dir() {
            copy_dir(&entry.path(), &to);
        } else {
            std::fs::copy(entry.path(), &to).expect("copy");
        }
    }
}

fn copy_dir(src: &Path, dst: &Path) {
    std::fs::create_dir_all(dst).expect("mkdir");
    for entry in std::fs::read_dir(src).expect("read_dir") {
        let entry = entry.expect("entry");
        let to = dst.join(entry.file_name());
        if entry.path().is_dir() {
            copy_dir(&entry.path(), &to);
        } else {
            std::fs::copy(entry.path(), &to).expect("copy");
        }
    }
}

/// True when `program` can be run (for tests that need LibreOffice or Python).
/// (Only whether it starts: some tools, such as poppler's, exit non-zero for `--version`.)
pub fn have(program: &str) -> bool {
    std::process::Command::new(program)
        .arg("--version")
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status()
        .is_ok()
}

/// True when python3 can import every module named.
pub fn have_python_modules(modules: &[&str]) -> bool {
    let code = modules
        .iter()
        .map(|m| format!("import {m}"))
        .collect::<Vec<_>>()
        .join(";");
    std::process::Command::new("python3")
        .args(["-c", &code])
        .output()
        .is_ok_and(|o| o.status.success())
}

/// Prints why a test is skipped; CI installs the tools, so there it never skips.
pub fn skip(why: &str) {
    eprintln!("SKIPPED: {why}");
    if std::env::var_os("CI").is_some() && std::env::var_os("BAOCAO_ALLOW_SKIP").is_none() {
        panic!("test skipped in CI: {why}");
    }
}

/// The text of a PDF's pages `first..=last` (all pages when `None`), laid out as printed;
/// `None`, after saying so through [`skip`], when poppler's `pdftotext` is not installed.
pub fn pdf_text(pdf: &Path, pages: Option<(u32, u32)>) -> Option<String> {
    if !have("pdftotext") {
        skip("pdftotext (poppler-utils) is not installed; PDF text not checked");
        return None;
    }
    let mut cmd = std::process::Command::new("pdftotext");
    if let Some((first, last)) = pages {
        cmd.args(["-f", &first.to_string(), "-l", &last.to_string()]);
    }
    let out = cmd
        .arg("-layout")
        .arg(pdf)
        .arg("-")
        .output()
        .expect("pdftotext");
    Some(String::from_utf8_lossy(&out.stdout).into_owned())
}
