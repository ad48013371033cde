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
