//! The command line itself: help and usage errors in the user's language, exit codes.

use crate::common::Workdir;

#[test]
fn usage_errors_are_vietnamese_by_default_and_exit_2() {
    let w = Workdir::new();
    w.run(&["validate"])
        .expect_code(2)
        .stderr_has("lỗi: thiếu tham số bắt buộc: <FILE>...")
        .stderr_has("Cách dùng: baocao validate");
    w.run(&["plan", "check", "--frob"])
        .expect_code(2)
        .stderr_has("không có tùy chọn `--frob`");
    w.run(&["--lang", "xx", "plan", "check"])
        .expect_code(2)
        .stderr_has("giá trị `xx` không hợp lệ cho --lang");
    w.run(&["--lang", "en", "validate"])
        .expect_code(2)
        .stderr_has("the following required arguments were not provided");
}

#[test]
fn help_follows_the_language() {
    let w = Workdir::new();
    w.run(&["template", "--help"])
        .expect_code(0)
        .stdout_has("Cách dùng: baocao template")
        .stdout_has("Tùy chọn:")
        .stdout_has("Ví dụ:");
    let en = w.run(&["--lang", "en", "template", "--help"]);
    en.expect_code(0)
        .stdout_has("Write a pre-filled Excel report template per agency and period")
        .stdout_has("Reporting period: 2025");
    let env = w.run_env(&["consolidate", "--help"], &[("BAOCAO_LANG", "en")]);
    env.expect_code(0)
        .stdout_has("Consolidate a period's submissions");
    w.run(&["--version"]).expect_code(0).stdout_has("baocao ");
}

/// Every help screen (`-h` and `--help` of the program and of each subcommand, found by walking
/// the `Lệnh:` lists) is Vietnamese: none of clap's English words, and each command's long
/// help ends with an example.
#[test]
fn every_help_screen_is_vietnamese_with_an_example() {
    let w = Workdir::new();
    let english = [
        "Usage:",
        "Options:",
        "Arguments:",
        "Commands:",
        "Possible values",
        "possible values",
        "[default:",
        "[env:",
        "Print help",
        "Print version",
    ];
    let mut todo: Vec<Vec<String>> = vec![Vec::new()];
    let mut seen = 0;
    while let Some(path) = todo.pop() {
        for flag in ["-h", "--help"] {
            let mut args: Vec<&str> = path.iter().map(String::as_str).collect();
            args.push(flag);
            let run = w.run(&args);
            run.expect_code(0);
            let out = run.stdout();
            for word in english {
                assert!(
                    !out.contains(word),
                    "`baocao {}` shows English {word:?}:\n{out}",
                    args.join(" ")
                );
            }
            if flag == "--help" {
                assert!(
                    out.contains("Ví dụ"),
                    "`baocao {}` has no example:\n{out}",
                    args.join(" ")
                );
            }
        }
        seen += 1;
        let run = w.run(
            &path
                .iter()
                .map(String::as_str)
                .chain(["--help"])
                .collect::<Vec<_>>(),
        );
        let out = run.stdout();
        if let Some(list) = out.split("\nLệnh:\n").nth(1) {
            for line in list.lines().take_while(|l| l.starts_with("  ")) {
                // `  name  about`; a wrapped about continues further right.
                if line.starts_with("   ") {
                    continue;
                }
                if let Some(name) = line.split_whitespace().next() {
                    let mut sub = path.clone();
                    sub.push(name.to_string());
                    todo.push(sub);
                }
            }
        }
    }
    assert!(seen >= 9, "only {seen} help screens walked");
}
