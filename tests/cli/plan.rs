//! `baocao plan check` and `baocao plan show`.

use crate::common::Workdir;

#[test]
fn shipped_plan_checks_clean_from_any_folder() {
    let w = Workdir::new();
    w.run(&["plan", "check"])
        .expect_code(0)
        .stdout_has("kế hoạch hợp lệ: 55 cơ quan, 44 nhiệm vụ");
}
