//! `baocao plan check` and `baocao plan show`: the plan is faithful to the seed, and every
//! lint points at the file and line.

use std::collections::BTreeMap;

use unicode_normalization::UnicodeNormalization;

use crate::common::Workdir;

/// The seed with all whitespace removed and NFC applied: texts must appear in it verbatim.
fn squashed_seed() -> String {
    let seed = include_str!("../data/seed.txt");
    squash(seed)
}

fn squash(s: &str) -> String {
    s.nfc().filter(|c| !c.is_whitespace()).collect()
}

fn plan_json(w: &Workdir) -> serde_json::Value {
    w.run(&["plan", "show", "--format", "json"])
        .expect_code(0)
        .json()
}

#[test]
fn shipped_plan_checks_clean_from_any_folder() {
    let w = Workdir::new();
    w.run(&["plan", "check"])
        .expect_code(0)
        .stdout_has("kế hoạch hợp lệ: 55 cơ quan, 44 nhiệm vụ, 20 chỉ tiêu");
}

#[test]
fn every_item_of_section_iii_has_its_tasks_verbatim_from_the_seed() {
    let w = Workdir::new();
    let v = plan_json(&w);
    let seed = squashed_seed();
    let tasks = v["tasks"].as_array().unwrap();
    assert_eq!(tasks.len(), 44);
    let mut per_item: BTreeMap<u64, u64> = BTreeMap::new();
    for t in tasks {
        *per_item.entry(t["item"].as_u64().unwrap()).or_default() += 1;
        let text = t["text"].as_str().unwrap();
        assert!(
            seed.contains(&squash(text)),
            "task {} text is not in the seed: {text}",
            t["id"]
        );
        assert_eq!(
            text,
            text.nfc().collect::<String>(),
            "task {} not NFC",
            t["id"]
        );
        let id = t["id"].as_str().unwrap();
        assert_eq!(id, format!("III.{}.{}", t["item"], t["bullet"]));
        assert!(
            !t["agencies"].as_array().unwrap().is_empty(),
            "{id} has no agency"
        );
        assert!(
            !t["themes"].as_array().unwrap().is_empty(),
            "{id} serves no theme"
        );
    }
    let counts: Vec<u64> = (1..=16)
        .map(|i| per_item.get(&i).copied().unwrap_or(0))
        .collect();
    assert_eq!(counts, vec![3, 2, 5, 4, 3, 3, 3, 1, 1, 3, 3, 2, 2, 1, 6, 2]);
}

#[test]
fn section_ii_themes_are_verbatim_and_complete() {
    let w = Workdir::new();
    let v = plan_json(&w);
    let seed = squashed_seed();
    let themes = v["themes"].as_array().unwrap();
    // The seed's section II has 3 + 6 + 6 + 5 + 4 bullets. (A naive count of lines starting
    // with "- " finds 25: "- xã hội của tỉnh" in II.3 is the wrapped end of "kinh tế - xã hội".)
    let mut per_item: BTreeMap<String, usize> = BTreeMap::new();
    for t in themes {
        let id = t["id"].as_str().unwrap();
        *per_item
            .entry(id.split('.').nth(1).unwrap().to_string())
            .or_default() += 1;
        assert!(
            seed.contains(&squash(t["text"].as_str().unwrap())),
            "theme {id} is not in the seed"
        );
    }
    assert_eq!(
        per_item.values().copied().collect::<Vec<_>>(),
        vec![3, 6, 6, 5, 4]
    );
    let ii31 = themes.iter().find(|t| t["id"] == "II.3.1").unwrap();
    assert!(
        ii31["text"]
            .as_str()
            .unwrap()
            .contains("kinh tế - xã hội của tỉnh")
    );
}

#[test]
fn groups_expand_to_every_department_and_district() {
    let w = Workdir::new();
    let v = plan_json(&w);
    let agencies = v["agencies"].as_array().unwrap();
    let of_kind = |k: &str| agencies.iter().filter(|a| a["kind"] == k).count();
    assert_eq!(of_kind("district"), 15);
    assert_eq!(of_kind("department"), 20);
    let task = |id: &str| {
        v["tasks"]
            .as_array()
            .unwrap()
            .iter()
            .find(|t| t["id"] == id)
            .unwrap()
            .clone()
    };
    let t12 = task("III.12.1");
    let codes: Vec<&str> = t12["agencies"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c.as_str().unwrap())
        .collect();
    assert_eq!(codes.len(), 35);
    for code in [
        "STTTT",
        "VP_UBND",
        "SNGV",
        "BQL_KCN",
        "H_BMT",
        "H_CU_KUIN",
        "H_BUON_HO",
    ] {
        assert!(codes.contains(&code), "III.12.1 misses {code}");
    }
    assert!(!codes.contains(&"CA_TINH") && !codes.contains(&"MTTQ"));
    assert_eq!(task("III.13.1")["agencies"].as_array().unwrap().len(), 6);
    assert_eq!(task("III.15.3")["agencies"].as_array().unwrap().len(), 4);
    assert_eq!(task("III.16.2")["lead"], "BAO_CHI_TW");
    // Requested ("đề nghị") versus assigned ("giao").
    let assignment =
        |code: &str| agencies.iter().find(|a| a["code"] == code).unwrap()["assignment"].clone();
    assert_eq!(assignment("BTG_TU"), "de_nghi");
    assert_eq!(assignment("MTTQ"), "de_nghi");
    assert_eq!(assignment("TTXVN"), "de_nghi");
    assert_eq!(assignment("STTTT"), "giao");
}

#[test]
fn plan_show_json_fields() {
    let w = Workdir::new();
    let v = w
        .run(&[
            "plan", "show", "--agency", "stttt", "--period", "2025", "--format", "json",
        ])
        .expect_code(0)
        .json();
    let p = &v["plan"];
    assert_eq!(p["consolidator"], "STTTT");
    assert_eq!(p["issuer"], "Ủy ban nhân dân tỉnh Đắk Lắk");
    assert_eq!(p["recipient"]["name"], "Bộ Văn hóa, Thể thao và Du lịch");
    assert_eq!(p["recipient"]["as_written"], "Bộ Thông tin và Truyền thông");
    let numbers: Vec<&str> = p["implements"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["number"].as_str().unwrap())
        .collect();
    assert_eq!(numbers, vec!["47/NQ-CP", "57-KL/TW", "55-CTr/TU"]);
    assert_eq!(p["implements"][0]["date"], "2024-04-15");
    assert_eq!(v["agencies"].as_array().unwrap().len(), 1);
    let a = &v["agencies"][0];
    assert_eq!(a["code"], "STTTT");
    assert_eq!(a["name"], "Sở Thông tin và Truyền thông");
    assert_eq!(a["kind"], "department");
    let ids: Vec<&str> = v["tasks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["id"].as_str().unwrap())
        .collect();
    assert_eq!(
        ids,
        vec![
            "III.3.1", "III.3.2", "III.3.3", "III.3.4", "III.3.5", "III.12.1", "III.12.2"
        ]
    );
    let t = &v["tasks"][1];
    assert_eq!(t["deadline"], "2025-06-30");
    assert_eq!(v["tasks"][0]["deadline"], "each_period");
    assert_eq!(v["tasks"][0]["due_in_period"], "2025-12-14");
    assert_eq!(v["tasks"][2]["deadline"], "ongoing");
    let per = &v["period"];
    assert_eq!(
        (
            per["start"].as_str(),
            per["end"].as_str(),
            per["due"].as_str()
        ),
        (Some("2024-12-15"), Some("2025-12-14"), Some("2025-12-19"))
    );
    assert_eq!(per["reporters"].as_array().unwrap().len(), 54);
    let ind = v["indicators"].as_array().unwrap();
    assert!(ind.iter().all(|i| {
        i["agencies"]
            .as_array()
            .unwrap()
            .iter()
            .any(|c| c == "STTTT")
    }));
    for i in ind {
        assert!(
            ["integer", "decimal", "percent", "boolean"].contains(&i["type"].as_str().unwrap())
        );
        assert!(!i["unit"].as_str().unwrap().is_empty());
    }
}

#[test]
fn plan_show_text_lists_tasks_and_deadlines_per_agency() {
    let w = Workdir::new();
    let r = w.run(&["plan", "show", "--agency", "H_BMT"]);
    r.expect_code(0)
        .stdout_has("H_BMT — Ủy ban nhân dân thành phố Buôn Ma Thuột")
        .stdout_has("III.12.1  [31/12/2024]")
        .stdout_has("III.12.2  [Thường xuyên]");
    let en = w.run(&["--lang", "en", "plan", "show", "--agency", "H_BMT"]);
    en.expect_code(0)
        .stdout_has("[Ongoing]")
        .stdout_has("Consolidating agency");
}

#[test]
fn unknown_agency_or_period_exit_2_with_vietnamese_message() {
    let w = Workdir::new();
    w.run(&["plan", "show", "--agency", "XYZ"])
        .expect_code(2)
        .stderr_has("không có cơ quan mã `XYZ`");
    w.run(&["plan", "show", "--period", "2025-Q3"])
        .expect_code(2)
        .stderr_has("kỳ `2025-Q3` là kỳ quý, nhưng kế hoạch không bật loại kỳ này");
    w.run(&["plan", "show", "--period", "2025-13"])
        .expect_code(2)
        .stderr_has("kế hoạch không có kỳ báo cáo `2025-13`");
}

/// Copies the plan, applies `edit` to one file, runs `plan check` and returns the run.
fn check_broken(file: &str, edit: impl Fn(&str) -> String) -> (Workdir, crate::common::Run) {
    let w = Workdir::new();
    let dir = w.copy_plan("p");
    let path = dir.join(file);
    let text = std::fs::read_to_string(&path).unwrap();
    let changed = edit(&text);
    assert_ne!(text, changed, "the edit changed nothing");
    std::fs::write(&path, changed).unwrap();
    let r = w.run(&["plan", "check", "--plan", "p"]);
    (w, r)
}

fn line_of(file_text: &str, needle: &str) -> usize {
    file_text
        .lines()
        .position(|l| l.contains(needle))
        .map(|i| i + 1)
        .expect("needle in file")
}

#[test]
fn duplicate_task_id_names_file_and_line() {
    let (w, r) = check_broken("agencies/SCT.yaml", |t| {
        t.replace("id: III.5.2", "id: III.5.1")
    });
    r.expect_code(1)
        .stdout_has("mã nhiệm vụ `III.5.1` bị trùng")
        .stdout_has("P002");
    let text = std::fs::read_to_string(w.join("p/agencies/SCT.yaml")).unwrap();
    let second = text.match_indices("id: III.5.1").nth(1).unwrap().0;
    let line = text[..second].lines().count();
    r.stdout_has(&format!("p/agencies/SCT.yaml:{line}:"));
    // The finding names the first definition too: either may be the one just written.
    let first = line_of(&text, "id: III.5.1");
    r.stdout_has(&format!("bị trùng: đã có ở p/agencies/SCT.yaml:{first}:"));
    // A command refused for an invalid plan says how to check *that* plan.
    w.run(&["plan", "show", "--plan", "p"])
        .expect_code(2)
        .stderr_has("kế hoạch `p` có 1 lỗi; chạy `baocao plan check --plan p` để xem chi tiết");
    std::fs::rename(w.join("p"), w.join("ke hoach")).unwrap();
    w.run_env(
        &["template", "--period", "2025"],
        &[("BAOCAO_PLAN", "ke hoach")],
    )
    .expect_code(2)
    .stderr_has("chạy `baocao plan check --plan \"ke hoach\"` để xem chi tiết");
}

#[test]
fn unknown_agency_reference_names_file_and_line() {
    let (w, r) = check_broken("groups/SO_NGANH.yaml", |t| {
        t.replacen("SNV", "SO_KHONG_CO", 1)
    });
    let text = std::fs::read_to_string(w.join("p/groups/SO_NGANH.yaml")).unwrap();
    let line = line_of(&text, "SO_KHONG_CO");
    r.expect_code(1)
        .stdout_has("`SO_KHONG_CO`")
        .stdout_has("P003")
        .stdout_has(&format!("p/groups/SO_NGANH.yaml:{line}:"));
}

#[test]
fn yaml_syntax_error_names_file_and_line() {
    let (_w, r) = check_broken("agencies/SNV.yaml", |t| {
        t.replacen("name:", "name: [unclosed", 1)
    });
    r.expect_code(1)
        .stdout_has("p/agencies/SNV.yaml:")
        .stdout_has("YAML không hợp lệ")
        .stdout_has("P001");
}

#[test]
fn unknown_field_is_rejected() {
    let (_w, r) = check_broken("agencies/SNV.yaml", |t| {
        format!("{t}\nhan_chot: 2025-01-01\n")
    });
    r.expect_code(1)
        .stdout_has("p/agencies/SNV.yaml:")
        .stdout_has("han_chot");
}

#[test]
fn every_problem_is_reported_at_once() {
    let w = Workdir::new();
    let dir = w.copy_plan("p");
    let edit = |f: &str, from: &str, to: &str| {
        let p = dir.join(f);
        let t = std::fs::read_to_string(&p).unwrap().replacen(from, to, 1);
        std::fs::write(p, t).unwrap();
    };
    edit("agencies/SCT.yaml", "id: III.5.2", "id: III.5.1");
    edit("agencies/SKHDT.yaml", "SCT", "SCT_CU");
    edit("groups/CAP_HUYEN.yaml", "H_LAK", "CAP_HUYEN");
    let r = w.run(&["plan", "check", "--plan", "p"]);
    r.expect_code(1)
        .stdout_has("P002")
        .stdout_has("`SCT_CU`")
        .stdout_has("nhóm lồng vòng tròn: CAP_HUYEN → CAP_HUYEN");
}

#[test]
fn group_cycle_and_empty_group_and_bad_dates() {
    let (_w, r) = check_broken("groups/SO_NGANH_DIA_PHUONG.yaml", |t| {
        t.replace("CAP_HUYEN", "SO_NGANH_DIA_PHUONG")
    });
    r.expect_code(1)
        .stdout_has("P004")
        .stdout_has("SO_NGANH_DIA_PHUONG → SO_NGANH_DIA_PHUONG");
    let (_w, r) = check_broken("agencies/STTTT.yaml", |t| {
        t.replacen("deadline: 2025-06-30", "deadline: 2025-02-30", 1)
    });
    r.expect_code(1)
        .stdout_has("P007")
        .stdout_has("ngày `2025-02-30` không có thật: tháng 2/2025 chỉ có 28 ngày");
    let (_w, r) = check_broken("agencies/STTTT.yaml", |t| {
        t.replacen("deadline: 2025-06-30", "deadline: 30/06/2025", 1)
    });
    r.expect_code(1)
        .stdout_has("ngày `30/06/2025` không hợp lệ; trong tệp kế hoạch ngày viết dạng YYYY-MM-DD");
    let (_w, r) = check_broken("groups/BAO_CHI_TW.yaml", |t| {
        let start = t.find("members:").unwrap();
        let end = t[start..].find("tasks:").unwrap() + start;
        format!("{}members: []\n{}", &t[..start], &t[end..])
    });
    r.expect_code(1).stdout_has("P005").stdout_has("III.16.1");
}

#[test]
fn agency_with_no_task_is_a_warning_only() {
    let w = Workdir::new();
    let dir = w.copy_plan("p");
    std::fs::write(
        dir.join("agencies/SO_MOI.yaml"),
        "code: SO_MOI\nname: \"Sở Mới\"\nkind: department\n",
    )
    .unwrap();
    w.run(&["plan", "check", "--plan", "p"])
        .expect_code(0)
        .stdout_has("cảnh báo[P006]")
        .stdout_has("`SO_MOI`");
}

#[test]
fn hostile_plans_fail_cleanly() {
    // A billion-laughs style alias bomb, invalid UTF-8 and a huge file.
    let w = Workdir::new();
    let dir = w.copy_plan("p");
    let mut bomb = String::from("a: &a [\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\"]\n");
    for i in 0..12 {
        let prev = if i == 0 {
            "a".to_string()
        } else {
            format!("l{}", i - 1)
        };
        bomb.push_str(&format!("l{i}: &l{i} [*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev}]\n"));
    }
    std::fs::write(dir.join("agencies/BOM.yaml"), bomb).unwrap();
    std::fs::write(dir.join("agencies/BAD.yaml"), b"code: \xff\xfe\n").unwrap();
    let deep = format!("code: {}{}\n", "[".repeat(100_000), "]".repeat(100_000));
    std::fs::write(dir.join("agencies/DEEP.yaml"), deep).unwrap();
    let huge = format!(
        "code: HUGE\nname: \"{}\"\nkind: other\n",
        "x".repeat(50 * 1024 * 1024)
    );
    std::fs::write(dir.join("agencies/HUGE.yaml"), huge).unwrap();
    let started = std::time::Instant::now();
    let r = w.run(&["plan", "check", "--plan", "p"]);
    r.expect_code(1)
        .stdout_has("BOM.yaml")
        .stdout_has("BAD.yaml")
        .stdout_has("không phải văn bản UTF-8")
        .stdout_has("DEEP.yaml")
        .stdout_has("HUGE.yaml")
        .stdout_has("quá lớn");
    // Generous bound: it is here to catch a hang, not to time anything.
    assert!(started.elapsed().as_secs() < 60);
}

#[test]
#[cfg(unix)]
fn plan_folder_reads_linked_files_and_skips_what_is_not_a_file() {
    // The plan folder is read in parallel from the listing: a link to a file is read (as
    // before), a named pipe or a folder named like a plan file is skipped, never opened (a
    // pipe would block the read forever).
    let w = Workdir::new();
    let dir = w.copy_plan("p");
    std::fs::create_dir(w.path().join("khac")).unwrap();
    std::fs::rename(
        dir.join("agencies/BAO_DL.yaml"),
        w.path().join("khac/BAO_DL.yaml"),
    )
    .unwrap();
    std::os::unix::fs::symlink(
        w.path().join("khac/BAO_DL.yaml"),
        dir.join("agencies/BAO_DL.yaml"),
    )
    .unwrap();
    std::fs::create_dir(dir.join("agencies/THU_MUC.yaml")).unwrap();
    let fifo = dir.join("agencies/ONG.yaml");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status();
    let shipped = w.run(&["plan", "check"]).expect_code(0).stdout();
    let r = w.run(&["plan", "check", "--plan", "p"]);
    assert_eq!(
        r.expect_code(0).stdout(),
        shipped,
        "same agencies, tasks and indicators as the shipped plan"
    );
    let shown = w
        .run(&["plan", "show", "--plan", "p", "--format", "json"])
        .expect_code(0)
        .json();
    let agencies = shown["agencies"].as_array().unwrap();
    assert!(
        agencies.iter().any(|a| a["code"] == "BAO_DL"),
        "the linked file is read"
    );
    if made.is_ok_and(|s| s.success()) {
        assert!(fifo.exists());
    }
}

#[test]
fn baocao_plan_env_selects_another_plan() {
    let w = Workdir::new();
    let dir = w.copy_plan("p");
    let p = dir.join("plan.yaml");
    let t = std::fs::read_to_string(&p)
        .unwrap()
        .replace("version: \"1.0.0\"", "version: \"9.9.9\"");
    std::fs::write(&p, t).unwrap();
    let r = w
        .run_env(
            &["plan", "show", "--format", "json"],
            &[("BAOCAO_PLAN", "p")],
        )
        .expect_code(0)
        .json();
    assert_eq!(r["plan"]["version"], "9.9.9");
    w.run(&["plan", "check", "--plan", "khong-co"])
        .expect_code(2)
        .stderr_has("không tìm thấy thư mục kế hoạch `khong-co`");
}

#[test]
fn completions_and_man_pages_come_from_the_cli_definitions() {
    let w = Workdir::new();
    w.run(&["completions", "bash"])
        .expect_code(0)
        .stdout_has("consolidate");
    w.run(&["man"]).expect_code(0).stdout_has(".TH baocao");
    w.run(&["man", "--out", "man"]).expect_code(0);
    assert!(w.join("man/baocao-validate.1").is_file());
    w.run(&["validate", "--help"])
        .expect_code(0)
        .stdout_has("Ví dụ:");
}
