//! The plan through time: amendments, `plan show/history/diff --period`, the lints P008–P014,
//! `plan import`, and a report on a predecessor's template credited to its successor (I010).
//!
//! Each test copies the shipped signed plan, removes the shipped amendments and writes its
//! own (test-only amendments: their sources are made-up test documents `TEST-…`).

use crate::common::Workdir;

/// A copy of the signed plan in `p/` with exactly these amendment files.
fn plan_with(amendments: &[(&str, &str)]) -> Workdir {
    let w = Workdir::new();
    let dir = w.copy_plan("p");
    let _ = std::fs::remove_dir_all(dir.join("amendments"));
    for (name, text) in amendments {
        w.write(&format!("p/amendments/{name}"), text);
    }
    w
}

const SRC: &str = "source: {number: \"TEST-1/QĐ\", date: 2025-02-20, issuer: \"Cơ quan thử nghiệm\", title: \"Văn bản dùng cho kiểm thử\"}";

fn amendment(id: &str, effective: &str, changes: &str) -> String {
    format!("id: {id}\neffective: {effective}\n{SRC}\nchanges:\n{changes}")
}

fn show_json(w: &Workdir, period: &str) -> serde_json::Value {
    w.run(&[
        "plan", "show", "--plan", "p", "--period", period, "--format", "json",
    ])
    .expect_code(0)
    .json()
}

fn task<'a>(v: &'a serde_json::Value, id: &str) -> &'a serde_json::Value {
    v["tasks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["id"] == id)
        .unwrap_or_else(|| panic!("task {id}"))
}

fn reporters(v: &serde_json::Value) -> Vec<String> {
    v["period"]["reporters"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c.as_str().unwrap().to_string())
        .collect()
}

fn merge_skhdt() -> Workdir {
    plan_with(&[(
        "2025-03-01-sap-nhap.yaml",
        &amendment(
            "2025-03-01-sap-nhap",
            "2025-03-01",
            "  - merge: {from: [SKHDT], into: STC}\n",
        ),
    )])
}

#[test]
fn a_period_before_any_amendment_is_the_signed_plan_byte_for_byte() {
    let w = merge_skhdt();
    let bare = plan_with(&[]);
    let args = [
        "plan", "show", "--plan", "p", "--period", "2024", "--format", "json",
    ];
    assert_eq!(w.run(&args).stdout(), bare.run(&args).stdout());
    // A 2024 template is the same file with or without a later amendment.
    let tpl = [
        "template",
        "--plan",
        "p",
        "--period",
        "2024",
        "--agency",
        "SKHDT",
        "--out",
        "t",
        "--as-of",
        "2024-12-01",
    ];
    w.run(&tpl).expect_code(0);
    bare.run(&tpl).expect_code(0);
    assert_eq!(w.read("t/SKHDT-2024.xlsx"), bare.read("t/SKHDT-2024.xlsx"));
    // Same fingerprint in a 2024 template: adding an amendment does not make it stale.
    let v = show_json(&w, "2024");
    let v0 = show_json(&bare, "2024");
    assert_eq!(v["plan"]["fingerprint"], v0["plan"]["fingerprint"]);
    // 2026 has the amendment in force: a different fingerprint, the amendment listed.
    let v26 = show_json(&w, "2026");
    assert_ne!(v26["plan"]["fingerprint"], v0["plan"]["fingerprint"]);
    assert_eq!(v26["amendments_in_force"][0], "2025-03-01-sap-nhap");
}

#[test]
fn merge_successor_carries_tasks_and_indicators_with_their_origin() {
    let w = merge_skhdt();
    let v = show_json(&w, "2026");
    let r = reporters(&v);
    assert!(!r.contains(&"SKHDT".to_string()), "{r:?}");
    assert!(r.contains(&"STC".to_string()));
    for id in ["III.4.1", "III.4.2", "III.4.3", "III.4.4"] {
        let t = task(&v, id);
        assert_eq!(t["agencies"], serde_json::json!(["STC"]), "{id}");
        assert_eq!(t["inherited_from"]["code"], "SKHDT", "{id}");
        assert_eq!(t["inherited_from"]["amendment"], "2025-03-01-sap-nhap");
    }
    // A fixed deadline keeps its date.
    let v24 = show_json(&w, "2024");
    assert_eq!(
        task(&v, "III.4.1")["deadline"],
        task(&v24, "III.4.1")["deadline"]
    );
    assert!(task(&v24, "III.4.1").get("inherited_from").is_none());
    // SKHDT's indicators pass to STC.
    let stc = v["agencies"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["code"] == "STC")
        .unwrap();
    let skhdt24 = v24["agencies"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["code"] == "SKHDT")
        .unwrap();
    for ind in skhdt24["indicators"].as_array().unwrap() {
        assert!(stc["indicators"].as_array().unwrap().contains(ind), "{ind}");
    }
    // Text: the inherited task says where it came from.
    w.run(&[
        "plan", "show", "--plan", "p", "--period", "2026", "--agency", "STC",
    ])
    .expect_code(0)
    .stdout_has("kế thừa từ SKHDT")
    .stdout_has("Sửa đổi đang áp dụng: 2025-03-01-sap-nhap");
}

#[test]
fn history_names_the_successor_the_date_and_the_source() {
    let w = merge_skhdt();
    w.run(&["plan", "history", "--plan", "p", "SKHDT"])
        .expect_code(0)
        .stdout_has("Từ 01/03/2025 — 2025-03-01-sap-nhap")
        .stdout_has("Căn cứ: TEST-1/QĐ ngày 20/02/2025 của Cơ quan thử nghiệm")
        .stdout_has("`SKHDT` sáp nhập vào `STC`")
        .stdout_has("Hiện nay `SKHDT` do STC kế nhiệm");
    let v = w
        .run(&[
            "plan", "history", "--plan", "p", "SKHDT", "--format", "json",
        ])
        .expect_code(0)
        .json();
    assert_eq!(v["amendments"][0]["source"]["number"], "TEST-1/QĐ");
    assert_eq!(v["amendments"][0]["changes"][0]["kind"], "merge");
    w.run(&["plan", "history", "--plan", "p", "SCT"])
        .expect_code(0)
        .stdout_has("`SCT` không thay đổi");
}

#[test]
fn diff_says_who_reports_what_changed() {
    let w = merge_skhdt();
    w.run(&["plan", "diff", "--plan", "p", "2024", "2026"])
        .expect_code(0)
        .stdout_has("− `SKHDT`")
        .stdout_has("nhiệm vụ `III.4.1`: SKHDT → STC");
    let v = w
        .run(&[
            "plan", "diff", "--plan", "p", "2024", "2026", "--format", "json",
        ])
        .expect_code(0)
        .json();
    assert_eq!(v["removed"][0]["code"], "SKHDT");
    w.run(&["plan", "diff", "--plan", "p", "2025", "2026"])
        .expect_code(0)
        .stdout_has("Không có thay đổi");
}

#[test]
fn rename_found_group_consolidator_and_recipient() {
    let w = plan_with(&[(
        "2025-07-01-doi-moi.yaml",
        &amendment(
            "2025-07-01-doi-moi",
            "2025-07-01",
            concat!(
                "  - rename: {code: SNV, name: \"Sở Nội vụ (tên mới, kiểm thử)\"}\n",
                "  - found: {code: TEST_SO, name: \"Sở Kiểm Thử\", kind: department, groups: [SO_NGANH]}\n",
                "  - consolidator: SVHTTDL\n",
                "  - recipient: {name: \"Nơi nhận kiểm thử\"}\n",
            ),
        ),
    )]);
    let v = show_json(&w, "2026");
    let snv = v["agencies"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["code"] == "SNV")
        .unwrap();
    assert_eq!(snv["name"], "Sở Nội vụ (tên mới, kiểm thử)");
    assert_eq!(v["plan"]["consolidator"], "SVHTTDL");
    assert_eq!(v["plan"]["recipient"]["name"], "Nơi nhận kiểm thử");
    // Founded into SO_NGANH: it leads the group's tasks (III.12 through SO_NGANH_DIA_PHUONG).
    assert!(reporters(&v).contains(&"TEST_SO".to_string()));
    assert!(
        task(&v, "III.12.2")["agencies"]
            .as_array()
            .unwrap()
            .contains(&"TEST_SO".into())
    );
    let v24 = show_json(&w, "2024");
    assert_eq!(v24["plan"]["consolidator"], "STTTT");
    assert!(!reporters(&v24).contains(&"TEST_SO".to_string()));
    w.run(&["plan", "show", "--plan", "p", "--period", "2026"])
        .expect_code(0)
        .stdout_has("Cơ quan tổng hợp: Sở Văn hóa, Thể thao và Du lịch");
}

#[test]
fn split_dissolve_and_task_changes() {
    let w = plan_with(&[(
        "2025-07-01-nhiem-vu.yaml",
        &amendment(
            "2025-07-01-nhiem-vu",
            "2025-07-01",
            concat!(
                "  - split: {from: SKHDT, into: [STC, SCT], tasks: [{task: III.4.1, to: STC}, {task: III.4.2, to: SCT}, {task: III.4.3, to: STC}, {task: III.4.4, to: SCT}]}\n",
                "  - dissolve: {code: SNGV, tasks_to: VP_UBND}\n",
                "  - task_add: {id: III.20.1, lead: SVHTTDL, text: \"Nhiệm vụ thêm để kiểm thử\", deadline: 2026-06-30}\n",
                "  - task_retire: {task: III.5.3}\n",
                "  - task_reassign: {task: III.5.2, to: SYT}\n",
                "  - task_deadline: {task: III.5.1, deadline: 2026-10-31}\n",
            ),
        ),
    )]);
    w.run(&["plan", "check", "--plan", "p"]).expect_code(0);
    let v = show_json(&w, "2026");
    assert_eq!(task(&v, "III.4.1")["agencies"], serde_json::json!(["STC"]));
    assert_eq!(task(&v, "III.4.2")["agencies"], serde_json::json!(["SCT"]));
    assert_eq!(task(&v, "III.4.2")["inherited_from"]["how"], "split");
    assert_eq!(
        task(&v, "III.7.1")["agencies"],
        serde_json::json!(["VP_UBND"])
    );
    assert_eq!(task(&v, "III.7.1")["inherited_from"]["how"], "dissolve");
    assert_eq!(
        task(&v, "III.20.1")["agencies"],
        serde_json::json!(["SVHTTDL"])
    );
    assert!(
        v["tasks"]
            .as_array()
            .unwrap()
            .iter()
            .all(|t| t["id"] != "III.5.3")
    );
    assert_eq!(task(&v, "III.5.2")["agencies"], serde_json::json!(["SYT"]));
    assert_eq!(task(&v, "III.5.2")["inherited_from"]["code"], "SCT");
    assert_eq!(task(&v, "III.5.1")["deadline"], "2026-10-31");
    let r = reporters(&v);
    assert!(!r.contains(&"SNGV".into()) && !r.contains(&"SKHDT".into()));
}

/// Runs `plan check` on a plan with one amendment file and returns the run.
fn lint(text: &str) -> (Workdir, crate::common::Run) {
    let w = plan_with(&[("2025-03-01-loi.yaml", text)]);
    let r = w.run(&["plan", "check", "--plan", "p"]);
    (w, r)
}

#[test]
fn lint_unknown_code_at_file_line_col() {
    let (_w, r) = lint(&amendment(
        "2025-03-01-loi",
        "2025-03-01",
        "  - merge: {from: [SO_KHONG_CO], into: STC}\n",
    ));
    r.expect_code(1)
        .stdout_has("p/amendments/2025-03-01-loi.yaml:5:")
        .stdout_has("P008")
        .stdout_has("`SO_KHONG_CO`");
}

#[test]
fn lint_dates_outside_span_and_out_of_order() {
    let (_w, r) = lint(&amendment(
        "2025-03-01-loi",
        "2031-01-01",
        "  - consolidator: SVHTTDL\n",
    ));
    r.expect_code(1)
        .stdout_has("P009")
        .stdout_has("ngoài thời gian của kế hoạch (15/04/2024–31/12/2030)")
        .stdout_has("tên tệp ghi ngày 01/03/2025");
}

#[test]
fn lint_successor_gone_resolves_the_chain() {
    let w = plan_with(&[
        (
            "2025-03-01-a.yaml",
            &amendment(
                "2025-03-01-a",
                "2025-03-01",
                "  - merge: {from: [STC], into: SCT}\n",
            ),
        ),
        (
            "2025-07-01-b.yaml",
            &amendment(
                "2025-07-01-b",
                "2025-07-01",
                "  - merge: {from: [SKHDT], into: STC}\n",
            ),
        ),
    ]);
    w.run(&["plan", "check", "--plan", "p"])
        .expect_code(1)
        .stdout_has("P010")
        .stdout_has("p/amendments/2025-07-01-b.yaml:5:")
        .stdout_has("nay là: SCT");
}

#[test]
fn lint_cycle() {
    let (_w, r) = lint(&amendment(
        "2025-03-01-loi",
        "2025-03-01",
        "  - merge: {from: [STC], into: SKHDT}\n  - merge: {from: [SKHDT], into: STC}\n",
    ));
    r.expect_code(1)
        .stdout_has("P011")
        .stdout_has("STC → SKHDT → STC");
}

#[test]
fn lint_task_left_with_nobody() {
    let (_w, r) = lint(&amendment(
        "2025-03-01-loi",
        "2025-03-01",
        "  - dissolve: {code: SNGV}\n",
    ));
    r.expect_code(1)
        .stdout_has("P012")
        .stdout_has("nhiệm vụ `III.7.1` (giao `SNGV`) không còn cơ quan nào thực hiện");
}

#[test]
fn lint_change_without_source() {
    let (_w, r) =
        lint("id: 2025-03-01-loi\neffective: 2025-03-01\nchanges:\n  - consolidator: SVHTTDL\n");
    r.expect_code(1)
        .stdout_has("p/amendments/2025-03-01-loi.yaml:1:")
        .stdout_has("P013");
    // A source known only from a public report of it: a warning, not an error.
    let (_w, r) = lint(
        "id: 2025-03-01-loi\neffective: 2025-03-01\nsource: {date: 2025-02-19, issuer: \"HĐND thử\", url: \"https://example.invalid/tin\"}\nchanges:\n  - consolidator: SVHTTDL\n",
    );
    r.expect_code(0).stdout_has("cảnh báo[P013]");
}

#[test]
fn lint_change_that_does_not_apply() {
    let (_w, r) = lint(&amendment(
        "2025-03-01-loi",
        "2025-03-01",
        "  - found: {code: STC, name: \"Trùng\", kind: department}\n",
    ));
    r.expect_code(1)
        .stdout_has("P014")
        .stdout_has("mã `STC` đang được dùng");
}

#[test]
fn import_csv_writes_an_amendment_that_checks_clean() {
    let w = plan_with(&[]);
    w.write(
        "xa.csv",
        "code,name,group,kind\nX_MOT,Ủy ban nhân dân xã Một (kiểm thử),,\nP_HAI,Ủy ban nhân dân phường Hai (kiểm thử),CAP_XA_TEST,commune\n",
    );
    w.run(&[
        "plan",
        "import",
        "--plan",
        "p",
        "xa.csv",
        "--group",
        "CAP_XA_TEST",
        "--group-name",
        "UBND cấp xã (kiểm thử)",
        "--effective",
        "2025-07-01",
        "--source-number",
        "TEST-2/NQ",
        "--source-date",
        "2025-06-16",
        "--source-issuer",
        "Cơ quan thử nghiệm",
        "--out",
        "p/amendments/2025-07-01-xa.yaml",
    ])
    .expect_code(0)
    .stdout_has("thành lập 2 cơ quan");
    let text = String::from_utf8(w.read("p/amendments/2025-07-01-xa.yaml")).unwrap();
    assert!(
        text.contains("- group: {code: CAP_XA_TEST, name: \"UBND cấp xã (kiểm thử)\"}"),
        "{text}"
    );
    assert!(text.contains("- found: {code: X_MOT, name: \"Ủy ban nhân dân xã Một (kiểm thử)\", kind: commune, groups: [CAP_XA_TEST]}"), "{text}");
    w.run(&["plan", "check", "--plan", "p"]).expect_code(0);
    let v = w
        .run(&[
            "plan", "show", "--plan", "p", "--period", "2026", "--agency", "X_MOT", "--format",
            "json",
        ])
        .expect_code(0)
        .json();
    assert_eq!(v["agencies"][0]["kind"], "commune");
    assert_eq!(v["agencies"][0]["groups"][0], "CAP_XA_TEST");
}

#[test]
fn import_refuses_a_bad_list_and_writes_nothing() {
    let w = plan_with(&[]);
    w.write("xa.csv", "code,name\nx thuong,Tên\nSTC,Trùng mã\n");
    let r = w.run(&[
        "plan",
        "import",
        "--plan",
        "p",
        "xa.csv",
        "--group",
        "SO_NGANH",
        "--effective",
        "2025-07-01",
        "--source-number",
        "TEST-2/NQ",
        "--source-date",
        "2025-06-16",
        "--source-issuer",
        "Thử",
        "--out",
        "out.yaml",
    ]);
    r.expect_code(1)
        .stdout_has("xa.csv:2:1")
        .stdout_has("`x thuong`")
        .stdout_has("xa.csv:3:1")
        .stdout_has("mã `STC` đang được dùng");
    assert!(!w.join("out.yaml").exists());
}

#[test]
fn report_on_a_predecessors_template_is_credited_to_the_successor() {
    // SKHDT's template for 2026 made before the amendment existed (the plan without it)…
    let w = merge_skhdt();
    let old = w.copy_plan("p0");
    let _ = std::fs::remove_dir_all(old.join("amendments"));
    w.run(&[
        "template",
        "--plan",
        "p0",
        "--period",
        "2026",
        "--agency",
        "SKHDT",
        "--out",
        "t",
        "--as-of",
        "2026-12-01",
    ])
    .expect_code(0);
    // …validated with the plan that merges SKHDT into STC.
    let r = w.run(&[
        "validate",
        "--plan",
        "p",
        "t/SKHDT-2026.xlsx",
        "--period",
        "2026",
        "--as-of",
        "2026-12-20",
        "--format",
        "json",
    ]);
    let v = r.json();
    let file = &v["files"][0];
    assert_eq!(file["agency"], "STC", "{v}");
    let codes: Vec<&str> = file["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["code"].as_str().unwrap())
        .collect();
    assert!(codes.contains(&"I010"), "{codes:?}");
    assert!(!codes.contains(&"I002"), "{codes:?}");
    assert!(
        !codes.contains(&"I009"),
        "the predecessor's name is accepted: {codes:?}"
    );
    w.run(&[
        "validate",
        "--plan",
        "p",
        "t/SKHDT-2026.xlsx",
        "--period",
        "2026",
        "--as-of",
        "2026-12-20",
    ])
    .stdout_has("I010")
    .stdout_has("được tính cho cơ quan kế nhiệm `STC`");
    // Without --period the file's own period picks the organisation: same crediting.
    w.run(&[
        "validate",
        "--plan",
        "p",
        "t/SKHDT-2026.xlsx",
        "--as-of",
        "2026-12-20",
    ])
    .stdout_has("I010");
    // consolidate: STC is counted as having sent it; SKHDT is not expected.
    w.run(&[
        "consolidate",
        "--plan",
        "p",
        "t",
        "--period",
        "2026",
        "--as-of",
        "2026-12-20",
        "--out",
        "th.xlsx",
        "--json",
        "th.json",
    ])
    .expect_code(0);
    let j: serde_json::Value = serde_json::from_slice(&w.read("th.json")).unwrap();
    let agencies = j["agencies"].as_array().unwrap();
    assert!(agencies.iter().all(|a| a["code"] != "SKHDT"));
    let stc = agencies.iter().find(|a| a["code"] == "STC").unwrap();
    assert_ne!(stc["status"], "missing", "{stc}");
}

/// The shipped plan (embedded in the binary) with its 2025 amendments.
#[test]
fn shipped_plan_answers_2026_with_the_organisation_then_in_force() {
    let w = Workdir::new();
    w.run_embedded(&["plan", "check"]).expect_code(0);
    let v = w
        .run_embedded(&["plan", "show", "--period", "2026", "--format", "json"])
        .expect_code(0)
        .json();
    let r = reporters(&v);
    for gone in [
        "SKHDT", "STTTT", "SLDTBXH", "SNN", "STNMT", "SGTVT", "BDT", "SNGV", "H_BMT", "H_LAK",
    ] {
        assert!(
            !r.contains(&gone.to_string()),
            "{gone} still reports in 2026"
        );
    }
    assert_eq!(v["plan"]["consolidator"], "SVHTTDL");
    for i in 1..=4 {
        let t = task(&v, &format!("III.4.{i}"));
        assert_eq!(t["agencies"], serde_json::json!(["STC"]));
        assert_eq!(t["inherited_from"]["code"], "SKHDT");
    }
    for i in 1..=5 {
        let t = task(&v, &format!("III.3.{i}"));
        assert_eq!(t["agencies"], serde_json::json!(["SVHTTDL"]));
        assert_eq!(
            t["inherited_from"]["chain"],
            serde_json::json!(["STTTT", "SKHCN"])
        );
    }
    for t in v["tasks"].as_array().unwrap() {
        for a in t["agencies"].as_array().unwrap() {
            assert!(
                r.contains(&a.as_str().unwrap().to_string()),
                "{} carried by {a}",
                t["id"]
            );
        }
        assert!(
            !t["agencies"].as_array().unwrap().is_empty(),
            "{} has nobody",
            t["id"]
        );
    }
    // 2024 is the plan as written.
    let v24 = w
        .run_embedded(&["plan", "show", "--period", "2024", "--format", "json"])
        .expect_code(0)
        .json();
    assert_eq!(v24["agencies"].as_array().unwrap().len(), 55);
    assert_eq!(v24["plan"]["consolidator"], "STTTT");
    assert!(v24.get("amendments_in_force").is_none());
    assert_eq!(
        reporters(&v24)
            .iter()
            .filter(|c| c.starts_with("H_"))
            .count(),
        15
    );
    // history names the successor, the date and the source.
    w.run_embedded(&["plan", "history", "SKHDT"])
        .expect_code(0)
        .stdout_has("Từ 01/03/2025")
        .stdout_has("Hội đồng nhân dân tỉnh Đắk Lắk")
        .stdout_has("Hiện nay `SKHDT` do STC kế nhiệm");
    // template: no file for a merged body; STC's carries SKHDT's tasks marked as inherited.
    w.run_embedded(&[
        "template",
        "--period",
        "2026",
        "--out",
        "t",
        "--as-of",
        "2026-11-20",
    ])
    .expect_code(0);
    assert!(!w.join("t/SKHDT-2026.xlsx").exists());
    assert!(!w.join("t/H_BMT-2026.xlsx").exists());
    assert!(w.join("t/STC-2026.xlsx").exists());
    assert!(w.join("t/X_EA_KAR-2026.xlsx").exists());
}

#[test]
fn the_2026_examples_credit_the_old_template_to_its_successor() {
    let w = Workdir::new();
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/submissions/2026");
    w.run_embedded(&[
        "consolidate",
        dir,
        "--period",
        "2026",
        "--as-of",
        "2026-12-20",
        "--out",
        "th.xlsx",
        "--json",
        "th.json",
    ])
    .expect_code(0);
    let j: serde_json::Value = serde_json::from_slice(&w.read("th.json")).unwrap();
    let files = j["files"].as_array().unwrap();
    let old = files
        .iter()
        .find(|f| f["path"].as_str().unwrap().ends_with("SKHDT-2026.xlsx"))
        .unwrap();
    assert_eq!(old["agency"], "STC", "{old}");
    // STC also sent its own report: the old-template one is merged into it, not set aside.
    assert_eq!(old["role"], "used", "{old}");
    let stc = j["agencies"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["code"] == "STC")
        .unwrap();
    assert!(
        stc["file_name"]
            .as_str()
            .unwrap()
            .ends_with("STC-2026.xlsx"),
        "{stc}"
    );
    w.run_embedded(&[
        "validate",
        &format!("{dir}/SKHDT-2026.xlsx"),
        "--as-of",
        "2026-12-20",
    ])
    .stdout_has("I010")
    .stdout_has("`STC`");
}

#[test]
fn import_reads_a_spreadsheet_through_ingest() {
    let w = plan_with(&[]);
    let mut book = rust_xlsxwriter::Workbook::new();
    let ws = book.add_worksheet();
    for (c, h) in ["Mã", "Tên", "Nhóm", "Loại"].iter().enumerate() {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    ws.write_string(1, 0, "X_BA").unwrap();
    ws.write_string(1, 1, "Ủy ban nhân dân xã Ba (kiểm thử)")
        .unwrap();
    ws.write_string(1, 2, "SO_NGANH").unwrap();
    ws.write_string(1, 3, "commune").unwrap();
    w.write("ds.xlsx", book.save_to_buffer().unwrap());
    w.run(&[
        "plan",
        "import",
        "--plan",
        "p",
        "ds.xlsx",
        "--effective",
        "2025-07-01",
        "--source-number",
        "TEST-3/QĐ",
        "--source-date",
        "2025-06-20",
        "--source-issuer",
        "Thử",
        "--out",
        "p/amendments/2025-07-01-ba.yaml",
    ])
    .expect_code(0);
    let text = String::from_utf8(w.read("p/amendments/2025-07-01-ba.yaml")).unwrap();
    assert!(text.contains("- found: {code: X_BA, name: \"Ủy ban nhân dân xã Ba (kiểm thử)\", kind: commune, groups: [SO_NGANH]}"), "{text}");
    w.run(&["plan", "check", "--plan", "p"]).expect_code(0);
}

#[test]
fn a_split_body_is_credited_to_its_first_successor_and_a_dissolved_district_to_no_one() {
    let w = plan_with(&[(
        "2025-07-01-chia.yaml",
        &amendment(
            "2025-07-01-chia",
            "2025-07-01",
            "  - split: {from: SKHDT, into: [STC, SCT], tasks: [{task: III.4.1, to: STC}, {task: III.4.2, to: SCT}, {task: III.4.3, to: STC}, {task: III.4.4, to: SCT}]}\n",
        ),
    )]);
    let old = w.copy_plan("p0");
    let _ = std::fs::remove_dir_all(old.join("amendments"));
    w.run(&[
        "template",
        "--plan",
        "p0",
        "--period",
        "2026",
        "--agency",
        "SKHDT",
        "--out",
        "t",
        "--as-of",
        "2026-12-01",
    ])
    .expect_code(0);
    w.run(&[
        "validate",
        "--plan",
        "p",
        "t/SKHDT-2026.xlsx",
        "--period",
        "2026",
        "--as-of",
        "2026-12-20",
    ])
    .stdout_has("I011")
    .stdout_has("được tính cho `STC` (cơ quan kế nhiệm đầu tiên); các cơ quan kế nhiệm khác: SCT");
    // The shipped plan: a district's 2025 report (districts ended 1/7/2025, their tasks pass to
    // the communes as a group) is credited to no one, and says so.
    let h = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/examples/submissions/2025/H_BMT-2025.xlsx"
    );
    w.run_embedded(&["validate", h, "--as-of", "2025-12-20"])
        .expect_code(1)
        .stdout_has("I012")
        .stdout_has("72/2025/QH15");
}
