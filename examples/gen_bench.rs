//! Benchmark data: a synthetic plan for N agencies and N filled submissions, some with
//! mistakes, the same bytes for the same seed.
//!
//! ```text
//! cargo run --release --example gen_bench -- --agencies 2000 --out /tmp/bench-2000 [--seed 1]
//! ```
//!
//! Writes into `DIR`:
//! - `plan/`: a plan in baocao's YAML format (docs/plan-format.md). Agencies are grouped in
//!   "provinces" of 40 (34 provinces × ~40 agencies is the level above a province). Each
//!   agency leads 12 tasks: 2 shared by every agency, 6 shared by its province, 4 of its own.
//!   Each reports 8 of 10 indicators (6 shared by all, 2 by every other agency), so the
//!   consolidated `Chỉ tiêu` sheet stays 10 rows × N columns. `baocao plan check` passes it
//!   without a finding (the generator checks).
//! - `<CODE>-2025.xlsx`: one filled submission per file, made with
//!   `report::template::build_filled` (the real template, answers typed in). About one in
//!   eight has a mistake a reviewer must catch (invalid status, missing completion date,
//!   negative or non-numeric indicator, blank indicator, a deleted task row, the wrong
//!   period); 1 % of agencies send nothing and another agency sends an older version too, so
//!   there are exactly N files.
//! - `plan.json`: `baocao --plan DIR/plan plan show --format json`, which the pandas reference
//!   (`../shared/bench/baseline_pandas.py`) reads.
//!
//! The smoke test (tests/cli/bench_smoke.rs) includes this file with `#[path]` and calls
//! [`generate`].

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use baocao::i18n::Lang;
use baocao::plan::{self, Plan, PlanSource};
use baocao::report::template::{Answer, Answers, TaskAnswer, build_filled, template_file_name};
use chrono::NaiveDate;
use clap::Parser;
use rayon::prelude::*;

/// The reporting period every submission is for.
pub const PERIOD: &str = "2025";
/// The as-of date the benchmark consolidates with (after the 19/12/2025 due date).
pub const AS_OF: &str = "2025-12-31";
/// Agencies per synthetic province.
const PROVINCE_SIZE: usize = 40;

/// Command line of the generator.
#[derive(Debug, Clone, Parser)]
#[command(about = "Writes a synthetic plan and N filled submissions for benchmarks")]
pub struct Options {
    /// Number of agencies (and of submission files).
    #[arg(long)]
    pub agencies: usize,
    /// Output folder (plan/, plan.json and the .xlsx files).
    #[arg(long)]
    pub out: PathBuf,
    /// Seed: the same seed gives the same files.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Replace an earlier generator output in the folder.
    #[arg(long)]
    pub force: bool,
}

/// What was written.
#[derive(Debug, Clone)]
pub struct Summary {
    pub agencies: usize,
    pub tasks: usize,
    pub indicators: usize,
    pub files: usize,
    /// Files with a deliberate mistake.
    pub with_mistakes: usize,
    /// Agencies that sent nothing.
    pub missing: Vec<String>,
    /// Agencies whose only file is for another period.
    pub other_period: Vec<String>,
}

fn main() {
    let opts = Options::parse();
    let started = std::time::Instant::now();
    match generate(&opts) {
        Ok(s) => println!(
            "{} agencies, {} tasks, {} indicators; {} files ({} with mistakes, {} agencies missing, {} for another period) in {} ({:.1} s)",
            s.agencies,
            s.tasks,
            s.indicators,
            s.files,
            s.with_mistakes,
            s.missing.len(),
            s.other_period.len(),
            opts.out.display(),
            started.elapsed().as_secs_f64()
        ),
        Err(e) => {
            eprintln!("gen_bench: {e}");
            std::process::exit(2);
        }
    }
}

/// Writes the plan, plan.json and the submissions into `opts.out`.
///
/// # Errors
/// A message when the folder holds other files (without `force`), a file cannot be written,
/// or the generated plan does not pass `plan check` cleanly.
pub fn generate(opts: &Options) -> Result<Summary, String> {
    let n = opts.agencies;
    if n == 0 {
        return Err("--agencies must be at least 1".into());
    }
    prepare_dir(&opts.out, opts.force)?;
    let plan_dir = opts.out.join("plan");
    write_plan(&plan_dir, n)?;

    let source = PlanSource::from_dir(&plan_dir, Lang::Vi).map_err(|e| e.to_string())?;
    let (plan, findings) = plan::load(&source, Lang::Vi);
    if let Some(f) = findings.first() {
        return Err(format!(
            "the generated plan has {} finding(s), first: {} {}",
            findings.len(),
            f.place(),
            f.message
        ));
    }
    let plan = plan.ok_or("the generated plan did not load")?;
    let json = baocao::cmd::plan_json(&plan, None, None);
    let text = serde_json::to_string_pretty(&json).map_err(|e| e.to_string())? + "\n";
    write(&opts.out.join("plan.json"), text.as_bytes())?;

    let jobs = submission_jobs(&plan, opts.seed);
    let written: Vec<Result<bool, String>> = jobs
        .par_iter()
        .map(|job| write_submission(&plan, job, &opts.out))
        .collect();
    let mut with_mistakes = 0;
    for w in written {
        if w? {
            with_mistakes += 1;
        }
    }
    let sent: std::collections::HashSet<&str> = jobs
        .iter()
        .filter(|j| j.period == PERIOD)
        .map(|j| j.agency.as_str())
        .collect();
    let other_period = jobs
        .iter()
        .filter(|j| j.period != PERIOD && !sent.contains(j.agency.as_str()))
        .map(|j| j.agency.clone())
        .collect();
    let all_sent: std::collections::HashSet<&str> =
        jobs.iter().map(|j| j.agency.as_str()).collect();
    let missing = plan
        .agencies
        .iter()
        .filter(|a| !all_sent.contains(a.code.as_str()))
        .map(|a| a.code.clone())
        .collect();
    Ok(Summary {
        agencies: plan.agencies.len(),
        tasks: plan.tasks.len(),
        indicators: plan.indicators.len(),
        files: jobs.len(),
        with_mistakes,
        missing,
        other_period,
    })
}

/// Creates `dir`, or empties what an earlier run wrote there when `force` is given.
fn prepare_dir(dir: &Path, force: bool) -> Result<(), String> {
    let io = |e: std::io::Error| format!("{}: {e}", dir.display());
    if dir.exists() {
        let entries: Vec<PathBuf> = std::fs::read_dir(dir)
            .map_err(io)?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .collect();
        if !entries.is_empty() && !force {
            return Err(format!(
                "{} is not empty; pass --force to replace an earlier output",
                dir.display()
            ));
        }
        for p in entries {
            let name = p.file_name().map(|n| n.to_string_lossy().into_owned());
            match name.as_deref() {
                Some("plan") => std::fs::remove_dir_all(&p).map_err(io)?,
                Some("plan.json") => std::fs::remove_file(&p).map_err(io)?,
                Some(n) if n.ends_with(".xlsx") => std::fs::remove_file(&p).map_err(io)?,
                _ => {}
            }
        }
    }
    std::fs::create_dir_all(dir.join("plan/agencies")).map_err(io)?;
    std::fs::create_dir_all(dir.join("plan/groups")).map_err(io)?;
    Ok(())
}

fn write(path: &Path, bytes: &[u8]) -> Result<(), String> {
    std::fs::write(path, bytes).map_err(|e| format!("{}: {e}", path.display()))
}

/// A YAML double-quoted scalar (JSON strings are valid YAML).
fn q(s: &str) -> String {
    serde_json::Value::from(s).to_string()
}

fn agency_code(i: usize, n: usize) -> String {
    let width = n.to_string().len().max(4);
    format!("CQ{:0width$}", i + 1)
}

fn province_code(p: usize) -> String {
    format!("TINH{:02}", p + 1)
}

fn provinces(n: usize) -> usize {
    n.div_ceil(PROVINCE_SIZE)
}

const PROVINCE_NAMES: [&str; 34] = [
    "Hà Nội",
    "Huế",
    "Lai Châu",
    "Điện Biên",
    "Sơn La",
    "Lạng Sơn",
    "Quảng Ninh",
    "Thanh Hóa",
    "Nghệ An",
    "Hà Tĩnh",
    "Cao Bằng",
    "Tuyên Quang",
    "Lào Cai",
    "Thái Nguyên",
    "Phú Thọ",
    "Bắc Ninh",
    "Hưng Yên",
    "Hải Phòng",
    "Ninh Bình",
    "Quảng Trị",
    "Đà Nẵng",
    "Quảng Ngãi",
    "Gia Lai",
    "Khánh Hòa",
    "Lâm Đồng",
    "Đắk Lắk",
    "Thành phố Hồ Chí Minh",
    "Đồng Nai",
    "Tây Ninh",
    "Cần Thơ",
    "Vĩnh Long",
    "Đồng Tháp",
    "Cà Mau",
    "An Giang",
];

fn province_name(p: usize) -> String {
    let base = PROVINCE_NAMES[p % PROVINCE_NAMES.len()];
    match p / PROVINCE_NAMES.len() {
        0 => base.to_string(),
        k => format!("{base} ({})", k + 1),
    }
}

/// (kind, name prefix) of the agencies of a province, in a repeating pattern.
const AGENCY_TYPES: [(&str, &str); 10] = [
    ("department", "Sở Văn hóa, Thể thao và Du lịch"),
    ("department", "Sở Ngoại vụ"),
    ("department", "Sở Khoa học và Công nghệ"),
    ("department", "Sở Công Thương"),
    ("department", "Sở Nội vụ"),
    ("police", "Công an"),
    ("district", "Ủy ban nhân dân phường Trung tâm"),
    ("district", "Ủy ban nhân dân xã Biên giới"),
    ("press", "Báo và Phát thanh, Truyền hình"),
    ("mass_org", "Tỉnh Đoàn"),
];

const TASK_TEXTS: [&str; 12] = [
    "Tổ chức quán triệt, phổ biến Kết luận số 57-KL/TW và Nghị quyết số 47/NQ-CP đến toàn thể cán bộ, công chức, viên chức và người lao động; xây dựng kế hoạch thông tin đối ngoại hằng năm phù hợp với tình hình thực tế.",
    "Thường xuyên cập nhật, cung cấp thông tin chính thống về tình hình kinh tế - xã hội của địa phương cho các cơ quan báo chí trong và ngoài nước; chủ động định hướng dư luận trước các sự việc nhạy cảm.",
    "Đẩy mạnh thông tin, tuyên truyền quảng bá hình ảnh địa phương trên các nền tảng số, mạng xã hội; xây dựng và duy trì chuyên mục thông tin đối ngoại trên cổng thông tin điện tử.",
    "Phối hợp tổ chức các hoạt động giao lưu văn hóa, xúc tiến du lịch, thương mại, đầu tư gắn với quảng bá hình ảnh đất nước, con người Việt Nam ra thế giới.",
    "Nắm bắt tình hình, kịp thời đấu tranh, phản bác các thông tin sai trái, xuyên tạc, ảnh hưởng đến hình ảnh quốc gia và địa phương trên không gian mạng.",
    "Tổ chức đào tạo, bồi dưỡng, tập huấn nghiệp vụ thông tin đối ngoại, kỹ năng phát ngôn và cung cấp thông tin cho báo chí cho đội ngũ cán bộ làm công tác thông tin đối ngoại.",
    "Cung cấp thông tin về chủ trương, chính sách của Đảng, pháp luật của Nhà nước cho đồng bào dân tộc thiểu số, người nước ngoài đang sinh sống, làm việc trên địa bàn.",
    "Lồng ghép nội dung thông tin đối ngoại trong các hội nghị, hội thảo, sự kiện chính trị, văn hóa, thể thao diễn ra trên địa bàn; mời phóng viên nước ngoài tác nghiệp.",
    "Rà soát, bổ sung quy chế phối hợp trong công tác thông tin đối ngoại giữa các cơ quan, đơn vị; phân công lãnh đạo phụ trách và cán bộ kiêm nhiệm.",
    "Biên soạn, phát hành ấn phẩm, tài liệu quảng bá bằng tiếng nước ngoài về tiềm năng, thế mạnh, cơ hội hợp tác của địa phương.",
    "Thực hiện chế độ thông tin, báo cáo định kỳ và đột xuất về kết quả triển khai công tác thông tin đối ngoại theo đúng thời hạn quy định.",
    "Ứng dụng công nghệ thông tin, chuyển đổi số trong công tác thông tin đối ngoại; số hóa tư liệu, hình ảnh phục vụ quảng bá.",
];

/// (id, name, unit, type) of the ten indicators.
const INDICATORS: [(&str, &str, &str, &str); 10] = [
    (
        "CT01",
        "Số tin, bài về thông tin đối ngoại được đăng, phát",
        "tin, bài",
        "integer",
    ),
    (
        "CT02",
        "Số hội nghị, lớp tập huấn về thông tin đối ngoại",
        "cuộc",
        "integer",
    ),
    (
        "CT03",
        "Kinh phí chi cho công tác thông tin đối ngoại",
        "triệu đồng",
        "decimal",
    ),
    (
        "CT04",
        "Tỷ lệ cán bộ được bồi dưỡng nghiệp vụ thông tin đối ngoại",
        "%",
        "percent",
    ),
    (
        "CT05",
        "Có chuyên mục thông tin đối ngoại trên cổng thông tin điện tử",
        "Có/Không",
        "boolean",
    ),
    (
        "CT06",
        "Số ấn phẩm, tài liệu quảng bá được phát hành",
        "ấn phẩm",
        "integer",
    ),
    (
        "CT07",
        "Số đoàn phóng viên nước ngoài được đón tiếp",
        "đoàn",
        "integer",
    ),
    (
        "CT08",
        "Số lượt truy cập chuyên mục thông tin đối ngoại",
        "nghìn lượt",
        "decimal",
    ),
    (
        "CT09",
        "Tỷ lệ thông tin sai lệch được phản bác kịp thời",
        "%",
        "percent",
    ),
    (
        "CT10",
        "Số sản phẩm thông tin đối ngoại bằng tiếng nước ngoài",
        "sản phẩm",
        "integer",
    ),
];

/// Deadlines of the province tasks and of each agency's own tasks.
const PROVINCE_DEADLINES: [&str; 6] = [
    "ongoing",
    "each_period",
    "2025-06-30",
    "ongoing",
    "2025-09-30",
    "each_period",
];
const OWN_DEADLINES: [&str; 4] = ["ongoing", "2025-03-31", "each_period", "2025-10-31"];

fn task_yaml(out: &mut String, id: &str, text: &str, deadline: &str, indicators: &[&str]) {
    let _ = writeln!(out, "  - id: {id}");
    let _ = writeln!(out, "    text: {}", q(text));
    let _ = writeln!(out, "    themes: [II.1.{}]", 1 + text.len() % 3);
    let _ = writeln!(out, "    deadline: {q}", q = q(deadline));
    if !indicators.is_empty() {
        let _ = writeln!(out, "    indicators: [{}]", indicators.join(", "));
    }
}

/// Writes plan.yaml, one file per agency and the groups.
fn write_plan(dir: &Path, n: usize) -> Result<(), String> {
    let p = provinces(n);
    let mut y = String::new();
    y.push_str("# Kế hoạch tổng hợp dùng để đo hiệu năng (sinh bởi examples/gen_bench.rs).\n");
    let _ = writeln!(
        y,
        "plan:\n  id: bench-ttdn\n  version: \"1.0.0\"\n  title: {}\n  short_title: {}\n  issuer: {}\n  issuer_parent: {}\n  place: {}\n  consolidator: {}\n  recipient:\n    name: {}",
        q("Kế hoạch thông tin đối ngoại của các tỉnh, thành phố (dữ liệu thử hiệu năng)"),
        q("Kế hoạch thông tin đối ngoại (dữ liệu thử)"),
        q("Bộ Văn hóa, Thể thao và Du lịch"),
        q("BỘ VĂN HÓA, THỂ THAO VÀ DU LỊCH"),
        q("Hà Nội"),
        agency_code(0, n),
        q("Chính phủ"),
    );
    y.push_str("periods:\n  cutoff_day: 15\n  year: {enabled: true, due_offset_days: 5}\n");
    y.push_str("themes:\n");
    for (i, t) in [
        "Tuyên truyền, phổ biến Kết luận 57-KL/TW và Nghị quyết 47/NQ-CP.",
        "Đổi mới nội dung, phương thức thông tin đối ngoại.",
        "Đấu tranh phản bác thông tin sai trái.",
    ]
    .iter()
    .enumerate()
    {
        let _ = writeln!(y, "  - id: II.1.{}\n    text: {}", i + 1, q(t));
    }
    y.push_str("indicators:\n");
    for (k, (id, name, unit, kind)) in INDICATORS.iter().enumerate() {
        let who = match k {
            0..=5 => "TOAN_QUOC",
            6 | 7 => "NHOM_CHAN",
            _ => "NHOM_LE",
        };
        let _ = writeln!(
            y,
            "  - id: {id}\n    name: {}\n    unit: {}\n    type: {kind}\n    agencies: [{who}]",
            q(name),
            q(unit)
        );
    }
    write(&dir.join("plan.yaml"), y.as_bytes())?;

    // Nationwide tasks (item 1), province tasks (item 2 + p), own tasks (item 2 + P + i).
    let mut g = String::new();
    let provinces_list: Vec<String> = (0..p).map(province_code).collect();
    let _ = writeln!(
        g,
        "code: TOAN_QUOC\nname: {}\nmembers: [{}]\ntasks:",
        q("Các cơ quan, đơn vị của tất cả các tỉnh, thành phố"),
        provinces_list.join(", ")
    );
    task_yaml(&mut g, "III.1.1", TASK_TEXTS[0], "each_period", &["CT02"]);
    task_yaml(&mut g, "III.1.2", TASK_TEXTS[10], "ongoing", &[]);
    write(&dir.join("groups/TOAN_QUOC.yaml"), g.as_bytes())?;
    for (name, file, parity) in [
        ("NHOM_CHAN", "Các cơ quan số thứ tự chẵn", 1),
        ("NHOM_LE", "Các cơ quan số thứ tự lẻ", 0),
    ] {
        let members: Vec<String> = (0..n)
            .filter(|i| i % 2 == parity)
            .map(|i| agency_code(i, n))
            .collect();
        let text = format!(
            "code: {name}\nname: {}\nmembers: [{}]\n",
            q(file),
            members.join(", ")
        );
        write(&dir.join(format!("groups/{name}.yaml")), text.as_bytes())?;
    }
    for prov in 0..p {
        let members: Vec<String> = (prov * PROVINCE_SIZE..((prov + 1) * PROVINCE_SIZE).min(n))
            .map(|i| agency_code(i, n))
            .collect();
        let mut t = String::new();
        let _ = writeln!(
            t,
            "code: {}\nname: {}\nmembers: [{}]\ntasks:",
            province_code(prov),
            q(&format!(
                "Các sở, ngành, địa phương tỉnh {}",
                province_name(prov)
            )),
            members.join(", ")
        );
        for (b, deadline) in PROVINCE_DEADLINES.iter().enumerate() {
            let text = TASK_TEXTS[(prov + b + 1) % TASK_TEXTS.len()];
            let id = format!("III.{}.{}", prov + 2, b + 1);
            task_yaml(&mut t, &id, text, deadline, &[]);
        }
        write(
            &dir.join(format!("groups/{}.yaml", province_code(prov))),
            t.as_bytes(),
        )?;
    }
    for i in 0..n {
        let code = agency_code(i, n);
        let (kind, prefix) = AGENCY_TYPES[i % AGENCY_TYPES.len()];
        let prov = i / PROVINCE_SIZE;
        let mut a = String::new();
        let _ = writeln!(
            a,
            "code: {code}\nname: {}\nkind: {kind}\ntasks:",
            q(&format!(
                "{prefix} tỉnh {} (đơn vị {})",
                province_name(prov),
                i + 1
            ))
        );
        for (b, deadline) in OWN_DEADLINES.iter().enumerate() {
            let text = format!(
                "{} Nhiệm vụ riêng số {} của đơn vị.",
                TASK_TEXTS[(i * 7 + b * 3) % TASK_TEXTS.len()],
                b + 1
            );
            let id = format!("III.{}.{}", p + 2 + i, b + 1);
            task_yaml(&mut a, &id, &text, deadline, &[]);
        }
        write(&dir.join(format!("agencies/{code}.yaml")), a.as_bytes())?;
    }
    Ok(())
}

/// SplitMix64: tiny, fast and the same on every platform.
struct Rng(u64);

impl Rng {
    fn new(seed: u64, stream: u64) -> Rng {
        let mut r = Rng(seed ^ stream.wrapping_mul(0x9E37_79B9_7F4A_7C15));
        r.next();
        r
    }

    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n`.
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }

    /// True with probability `pct` %.
    fn chance(&mut self, pct: u64) -> bool {
        self.below(100) < pct
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len() as u64) as usize]
    }
}

/// One file to write.
struct Job {
    agency: String,
    period: String,
    file: String,
    /// Seed stream of the file's answers.
    stream: u64,
    /// An older version superseded by the agency's main file.
    older: bool,
}

/// Every file: one per agency, except 1 % of agencies who send nothing while as many
/// others also send an older version.
fn submission_jobs(plan: &Plan, seed: u64) -> Vec<Job> {
    let mut rng = Rng::new(seed, u64::MAX);
    let mut jobs = Vec::new();
    let mut skipped = 0usize;
    for (i, a) in plan.agencies.iter().enumerate() {
        if i > 0 && rng.chance(1) {
            skipped += 1;
            continue;
        }
        let period = if rng.below(400) == 0 { "2024" } else { PERIOD };
        let Ok(p) = plan.period(period) else { continue };
        jobs.push(Job {
            agency: a.code.clone(),
            period: period.into(),
            file: template_file_name(a, &p),
            stream: i as u64,
            older: false,
        });
        if skipped > 0 && period == PERIOD {
            skipped -= 1;
            let p = plan.period(PERIOD).expect("the period exists");
            let name = template_file_name(a, &p).replace(".xlsx", " (bản cũ).xlsx");
            jobs.push(Job {
                agency: a.code.clone(),
                period: PERIOD.into(),
                file: name,
                stream: i as u64 + 1_000_000,
                older: true,
            });
        }
    }
    jobs
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("a valid date")
}

const RESULTS: [&str; 6] = [
    "Đã ban hành kế hoạch triển khai; tổ chức 02 hội nghị quán triệt với hơn 150 lượt cán bộ tham dự.",
    "Đăng tải 45 tin, bài trên cổng thông tin điện tử và trang mạng xã hội chính thức của đơn vị.",
    "Phối hợp với các cơ quan báo chí cung cấp thông tin định kỳ hằng tháng; trả lời 12 đề nghị phỏng vấn.",
    "Đang hoàn thiện dự thảo, dự kiến trình ban hành trong quý I năm sau.",
    "Tổ chức 01 lớp tập huấn nghiệp vụ cho 60 học viên; biên soạn tài liệu song ngữ Việt - Anh.",
    "Triển khai lồng ghép trong các sự kiện văn hóa, thể thao; mời 03 đoàn phóng viên nước ngoài tác nghiệp.",
];
const DIFFICULTIES: [&str; 3] = [
    "Kinh phí còn hạn chế; thiếu cán bộ có ngoại ngữ.",
    "Chưa được bố trí kinh phí trong năm.",
    "",
];
const NAMES: [&str; 6] = [
    "Nguyễn Thị Hương",
    "Trần Văn Minh",
    "Lê Thị Thu Hà",
    "Phạm Quốc Bảo",
    "Y Nguyên Êban",
    "H'Hen Niê",
];

/// The answers of one file; returns whether a mistake was made.
fn answers(plan: &Plan, job: &Job) -> (Answers, bool) {
    let mut rng = Rng::new(job.stream, 7);
    let period = plan.period(&job.period).expect("the period exists");
    let window_days = (period.end - period.start).num_days().max(1) as u64;
    let mut a = Answers::default();
    // Reports dated from 01/12 to the due date; one in ten late; older versions earlier.
    let report_date = if job.older {
        date(2025, 11, 20) + chrono::Days::new(rng.below(10))
    } else if rng.chance(10) {
        period.due + chrono::Days::new(1 + rng.below(10))
    } else {
        period.due - chrono::Days::new(rng.below(18))
    };
    a.report_date = Answer::Date(report_date);
    a.preparer = Answer::text(*rng.pick(&NAMES));
    a.phone = Answer::text(format!(
        "0{} {} {}",
        200 + rng.below(99),
        3_000 + rng.below(6_999),
        100 + rng.below(899)
    ));
    let tasks = plan.tasks_for(&job.agency);
    for t in &tasks {
        let roll = rng.below(100);
        let mut ta = TaskAnswer::default();
        if roll < 60 {
            ta.status = Answer::text(baocao::format::STATUS_DONE);
            let d = period.start + chrono::Days::new(rng.below(window_days));
            ta.done_date = Answer::Date(d.min(report_date));
            ta.result = Answer::text(*rng.pick(&RESULTS));
        } else if roll < 88 {
            ta.status = Answer::text(baocao::format::STATUS_IN_PROGRESS);
            ta.result = Answer::text(*rng.pick(&RESULTS));
            ta.difficulty = Answer::text(*rng.pick(&DIFFICULTIES));
        } else {
            ta.status = Answer::text(baocao::format::STATUS_NOT_STARTED);
            ta.difficulty = Answer::text(DIFFICULTIES[rng.below(2) as usize]);
        }
        if rng.chance(20) {
            ta.note = Answer::text("Phối hợp với các cơ quan liên quan.");
        }
        a.tasks.insert(t.id.clone(), ta);
    }
    for ind in plan.indicators_for(&job.agency) {
        let v = match ind.kind {
            plan::IndicatorType::Integer => Answer::Number(rng.below(500) as f64),
            plan::IndicatorType::Decimal => Answer::Number(rng.below(20_000) as f64 / 10.0),
            plan::IndicatorType::Percent => Answer::Number(rng.below(1_001) as f64 / 10.0),
            plan::IndicatorType::Boolean => Answer::text(if rng.chance(70) {
                baocao::format::YES
            } else {
                baocao::format::NO
            }),
        };
        a.indicators.insert(ind.id.clone(), v);
    }
    let mistake = job.period != PERIOD || rng.chance(12);
    if job.period == PERIOD && mistake {
        make_mistake(&mut rng, &mut a, &tasks);
    }
    (a, mistake)
}

/// One of the mistakes reviewers see most.
fn make_mistake(rng: &mut Rng, a: &mut Answers, tasks: &[&baocao::plan::Task]) {
    let Some(task) = tasks.get(rng.below(tasks.len() as u64) as usize) else {
        return;
    };
    let ind = a.indicators.keys().next().cloned();
    match rng.below(7) {
        0 => {
            if let Some(t) = a.tasks.get_mut(&task.id) {
                t.status = Answer::text("Hoàn thành");
            }
        }
        1 => {
            if let Some(t) = a.tasks.get_mut(&task.id) {
                t.status = Answer::text(baocao::format::STATUS_DONE);
                t.done_date = Answer::Blank;
                t.result = Answer::text(RESULTS[0]);
            }
        }
        2 => {
            if let Some(t) = a.tasks.get_mut(&task.id) {
                t.status = Answer::text(baocao::format::STATUS_DONE);
                t.done_date = Answer::text("31/06/2025");
            }
        }
        3 => {
            if let Some(i) = ind {
                a.indicators.insert(i, Answer::Number(-5.0));
            }
        }
        4 => {
            if let Some(i) = ind {
                a.indicators.insert(i, Answer::text("khoảng 20"));
            }
        }
        5 => {
            if let Some(i) = ind {
                a.indicators.insert(i, Answer::Blank);
            }
        }
        _ => {
            a.tasks.remove(&task.id);
            a.deleted_tasks.insert(task.id.clone());
        }
    }
}

/// Writes one submission; returns whether it has a deliberate mistake.
fn write_submission(plan: &Plan, job: &Job, out: &Path) -> Result<bool, String> {
    let agency = plan
        .agency(&job.agency)
        .ok_or_else(|| format!("unknown agency {}", job.agency))?;
    let period = plan
        .period(&job.period)
        .map_err(|e| format!("period {}: {e:?}", job.period))?;
    let (answers, mistake) = answers(plan, job);
    let bytes = build_filled(plan, agency, &period, date(2025, 11, 1), &answers)
        .map_err(|e| format!("{}: {e}", job.file))?;
    write(&out.join(&job.file), &bytes)?;
    Ok(mistake)
}
