//! The command line: clap definitions only, one struct per subcommand.
//!
//! Help texts are Vietnamese (the users' language); each subcommand's long help ends with
//! real examples. Parsing only: the commands in `cmd/` validate and act.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::i18n::Lang;

const EXAMPLES_MAIN: &str = "\
Ví dụ / Examples:
  baocao plan check
  baocao plan show --agency STTTT
  baocao template --period 2025 --out bieu-mau
  baocao validate bao-cao/STTTT-2025.xlsx --period 2025
  baocao consolidate examples/submissions/2025 --period 2025 --as-of 2025-12-20 --out tong-hop-2025.xlsx

Mã thoát / Exit codes: 0 không có lỗi (có thể có cảnh báo); 1 có lỗi trong dữ liệu được kiểm tra; 2 không thực hiện được (tham số sai, kế hoạch lỗi, không đọc/ghi được).";

/// baocao: lập biểu mẫu, kiểm tra và tổng hợp báo cáo thực hiện Kế hoạch thông tin đối ngoại
/// (Nghị quyết 47/NQ-CP) của UBND tỉnh Đắk Lắk.
#[derive(Debug, Parser)]
#[command(name = "baocao", version, about, long_about = None, after_long_help = EXAMPLES_MAIN, propagate_version = true)]
pub struct Cli {
    #[command(flatten)]
    pub global: Global,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Args)]
pub struct Global {
    /// Ngôn ngữ hiển thị: vi (tiếng Việt) hoặc en (English).
    #[arg(
        long,
        global = true,
        value_enum,
        default_value = "vi",
        env = "BAOCAO_LANG"
    )]
    pub lang: Lang,
    /// Thư mục kế hoạch khác với kế hoạch tích hợp sẵn (chứa plan.yaml, agencies/, groups/).
    #[arg(long, global = true, value_name = "DIR", env = "BAOCAO_PLAN")]
    pub plan: Option<PathBuf>,
    /// Tô màu đầu ra: auto (mặc định, theo terminal và NO_COLOR), always, never.
    #[arg(long, global = true, value_enum, default_value = "auto")]
    pub color: ColorWhen,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ColorWhen {
    Auto,
    Always,
    Never,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, ValueEnum)]
pub enum Format {
    #[default]
    Text,
    Json,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Kiểm tra hoặc xem kế hoạch (nhiệm vụ, cơ quan, chỉ tiêu, kỳ báo cáo).
    #[command(
        subcommand,
        after_long_help = "Ví dụ:\n  baocao plan check\n  baocao plan check --plan ./ke-hoach-moi\n  baocao plan show --agency STTTT --period 2025\n  baocao plan show --format json > plan.json"
    )]
    Plan(PlanCommand),
    /// Tạo biểu mẫu báo cáo Excel điền sẵn cho từng cơ quan và kỳ báo cáo.
    Template(TemplateArgs),
    /// Kiểm tra báo cáo của một cơ quan, chỉ ra từng ô có vấn đề.
    Validate(ValidateArgs),
    /// Tổng hợp mọi báo cáo của một kỳ thành một workbook để gửi cấp trên.
    Consolidate(ConsolidateArgs),
    /// In script tự hoàn thành lệnh cho shell (bash, zsh, fish, powershell, elvish).
    Completions(CompletionsArgs),
    /// Tạo trang hướng dẫn man (roff) cho baocao và các lệnh con.
    Man(ManArgs),
    /// Soạn dự thảo báo cáo (Word, thể thức Nghị định 30/2020) từ workbook tổng hợp.
    Report(ReportArgs),
    /// Tổng kết nhiều kỳ (sơ kết, tổng kết) từ các workbook tổng hợp: nộp báo cáo, nhiệm vụ, chỉ tiêu qua các kỳ.
    Summary(SummaryArgs),
}

#[derive(Debug, Subcommand)]
pub enum PlanCommand {
    /// Kiểm tra kế hoạch, báo mọi lỗi kèm tệp:dòng:cột.
    #[command(
        after_long_help = "Ví dụ:\n  baocao plan check\n  baocao plan check --plan ./ke-hoach-moi\n\nMã thoát: 0 hợp lệ; 1 có lỗi; 2 không chạy được."
    )]
    Check,
    /// In kế hoạch: theo cơ quan, nhiệm vụ và thời hạn (text) hoặc JSON cho các công cụ khác.
    #[command(
        after_long_help = "Ví dụ:\n  baocao plan show\n  baocao plan show --agency STTTT --period 2024\n  baocao plan show --period 2026\n  baocao plan show --format json > plan.json"
    )]
    Show(PlanShowArgs),
    /// Lịch sử thay đổi của kế hoạch hoặc của một cơ quan, kèm văn bản làm căn cứ.
    #[command(
        after_long_help = "Ví dụ:\n  baocao plan history\n  baocao plan history SKHDT\n  baocao plan history STC --format json"
    )]
    History(PlanHistoryArgs),
    /// So sánh hai kỳ: cơ quan nào báo cáo nhiệm vụ nào đã thay đổi.
    #[command(
        after_long_help = "Ví dụ:\n  baocao plan diff 2024 2026\n  baocao plan diff 2025 2026 --format json"
    )]
    Diff(PlanDiffArgs),
    /// Nhập danh sách cơ quan (mã, tên, nhóm[, loại]) từ CSV hoặc bảng tính thành một văn bản sửa đổi.
    #[command(
        after_long_help = "Ví dụ:\n  baocao plan import xa-phuong.csv --group CAP_XA --group-name \"UBND cấp xã\" --effective 2025-07-01 \\\n      --source-number 1660/NQ-UBTVQH15 --source-date 2025-06-16 --source-issuer \"Ủy ban Thường vụ Quốc hội\" \\\n      --out plan/amendments/2025-07-01-cap-xa.yaml\n\nCột: code, name, group (trống: lấy --group), kind (trống: commune). Dòng đầu là tiêu đề.\nMã thoát: 0 đã ghi; 1 danh sách có lỗi (không ghi gì); 2 không chạy được."
    )]
    Import(PlanImportArgs),
}

#[derive(Debug, Args)]
pub struct PlanHistoryArgs {
    /// Mã cơ quan, nhóm hoặc nhiệm vụ; bỏ trống: mọi thay đổi của kế hoạch.
    #[arg(value_name = "CODE")]
    pub code: Option<String>,
    /// Định dạng đầu ra.
    #[arg(long, value_enum, default_value = "text")]
    pub format: Format,
}

#[derive(Debug, Args)]
pub struct PlanDiffArgs {
    /// Kỳ thứ nhất (ví dụ 2024).
    #[arg(value_name = "P1")]
    pub from: String,
    /// Kỳ thứ hai (ví dụ 2026).
    #[arg(value_name = "P2")]
    pub to: String,
    /// Định dạng đầu ra.
    #[arg(long, value_enum, default_value = "text")]
    pub format: Format,
}

#[derive(Debug, Args)]
pub struct PlanImportArgs {
    /// Tệp danh sách: .csv (UTF-8) hoặc bảng tính (.xlsx, .xls, .ods), sheet đầu tiên.
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    /// Nhóm cho các dòng để trống cột group (ví dụ CAP_XA).
    #[arg(long, value_name = "GROUP")]
    pub group: Option<String>,
    /// Tên nhóm, khi nhóm chưa có trong kế hoạch (văn bản sửa đổi sẽ lập nhóm).
    #[arg(long, value_name = "NAME")]
    pub group_name: Option<String>,
    /// Ngày hiệu lực (YYYY-MM-DD).
    #[arg(long, value_name = "DATE")]
    pub effective: String,
    /// Số văn bản làm căn cứ (ví dụ 1660/NQ-UBTVQH15).
    #[arg(long, value_name = "NUMBER")]
    pub source_number: String,
    /// Ngày văn bản (YYYY-MM-DD).
    #[arg(long, value_name = "DATE")]
    pub source_date: String,
    /// Cơ quan ban hành.
    #[arg(long, value_name = "ISSUER")]
    pub source_issuer: String,
    /// Trích yếu văn bản.
    #[arg(long, value_name = "TITLE")]
    pub source_title: Option<String>,
    /// Mã văn bản sửa đổi; mặc định: tên tệp --out không có đuôi.
    #[arg(long, value_name = "ID")]
    pub id: Option<String>,
    /// Tệp YAML ghi ra (thường là plan/amendments/<ngày>-<tên>.yaml).
    #[arg(long, value_name = "FILE")]
    pub out: PathBuf,
    /// Ghi đè tệp đã có.
    #[arg(long)]
    pub force: bool,
}

#[derive(Debug, Args)]
pub struct PlanShowArgs {
    /// Chỉ in cơ quan này (mã cơ quan, ví dụ STTTT).
    #[arg(long, value_name = "CODE")]
    pub agency: Option<String>,
    /// Kỳ báo cáo: in theo tổ chức bộ máy có hiệu lực ngày cuối thời gian chốt số liệu của kỳ (chỉ những cơ quan phải báo cáo kỳ này, nhiệm vụ kế thừa), kèm thời gian chốt số liệu và hạn gửi.
    #[arg(long, value_name = "P")]
    pub period: Option<String>,
    /// Định dạng đầu ra.
    #[arg(long, value_enum, default_value = "text")]
    pub format: Format,
}

#[derive(Debug, Args)]
#[command(
    after_long_help = "Ví dụ:\n  baocao template --period 2025 --out bieu-mau\n  baocao template --period 2025 --agency STTTT --agency H_BMT --out bieu-mau --force\n\nMỗi tệp có tên <MÃ>-<KỲ>.xlsx. Không ghi đè tệp đã có nếu không có --force."
)]
pub struct TemplateArgs {
    /// Kỳ báo cáo: 2025, 2025-H1, 2025-Q3, 2025-07 hoặc mã kỳ đột xuất.
    #[arg(long, value_name = "P")]
    pub period: String,
    /// Mã cơ quan (lặp lại được). Mặc định: mọi cơ quan phải báo cáo kỳ này.
    #[arg(long = "agency", value_name = "CODE")]
    pub agencies: Vec<String>,
    /// Thư mục ghi biểu mẫu.
    #[arg(long, value_name = "DIR", default_value = ".")]
    pub out: PathBuf,
    /// Ghi đè tệp đã có.
    #[arg(long)]
    pub force: bool,
    /// Ngày lập biểu mẫu (YYYY-MM-DD); mặc định hôm nay. Cùng ngày cho ra tệp giống hệt từng byte.
    #[arg(long, value_name = "DATE")]
    pub as_of: Option<String>,
}

#[derive(Debug, Args)]
#[command(
    after_long_help = "Ví dụ:\n  baocao validate STTTT-2025.xlsx\n  baocao validate bao-cao/*.xlsx --period 2025 --as-of 2025-12-20\n  baocao validate SCT-2025.xls --agency SCT --format json\n  baocao validate SCT-2025.xlsx --annotate SCT-2025-gop-y.xlsx\n\nMã thoát: 0 không có lỗi (có thể có cảnh báo); 1 có lỗi; 2 không chạy được."
)]
pub struct ValidateArgs {
    /// Tệp báo cáo (.xlsx, .xlsm, .xls, .ods, .xlsb).
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// Kỳ báo cáo phải khớp (mặc định: đọc từ tệp).
    #[arg(long, value_name = "P")]
    pub period: Option<String>,
    /// Mã cơ quan phải khớp (mặc định: đọc từ tệp).
    #[arg(long, value_name = "CODE")]
    pub agency: Option<String>,
    /// Ngày đối chiếu (YYYY-MM-DD); mặc định hôm nay.
    #[arg(long, value_name = "DATE")]
    pub as_of: Option<String>,
    /// Định dạng đầu ra.
    #[arg(long, value_enum, default_value = "text")]
    pub format: Format,
    /// Ghi bản sao có tô màu và ghi chú từng ô lỗi, để gửi lại cơ quan (chỉ với một tệp).
    #[arg(long, value_name = "OUT.xlsx")]
    pub annotate: Option<PathBuf>,
    /// Ghi đè tệp --annotate đã có.
    #[arg(long)]
    pub force: bool,
}

#[derive(Debug, Args)]
#[command(
    after_long_help = "Ví dụ:\n  baocao consolidate bao-cao/2025 --period 2025 --as-of 2025-12-20 --out tong-hop-2025.xlsx\n  baocao consolidate bao-cao --period 2025 --received so-nhan.csv --json tom-tat.json --force\n  baocao consolidate bao-cao/2026 --period 2026 --previous tong-hop-2025.xlsx --out tong-hop-2026.xlsx\n\nTệp --received (CSV, có dòng tiêu đề; lưu từ Excel dạng \"CSV UTF-8\" hoặc \"CSV\", phân cách , hoặc ;): cột 1 là tên tệp hoặc mã cơ quan, cột 2 là ngày nhận (dd/mm/yyyy hoặc YYYY-MM-DD).\nMã thoát: 0 đã ghi workbook tổng hợp; 2 không ghi được."
)]
pub struct ConsolidateArgs {
    /// Thư mục chứa các báo cáo đã nhận (đọc cả thư mục con).
    #[arg(required = true, value_name = "DIR")]
    pub dirs: Vec<PathBuf>,
    /// Kỳ báo cáo cần tổng hợp.
    #[arg(long, value_name = "P")]
    pub period: String,
    /// Ngày đối chiếu (YYYY-MM-DD); mặc định hôm nay.
    #[arg(long, value_name = "DATE")]
    pub as_of: Option<String>,
    /// Sổ nhận báo cáo (CSV: tên tệp hoặc mã cơ quan, ngày nhận).
    #[arg(long, value_name = "FILE.csv")]
    pub received: Option<PathBuf>,
    /// Workbook tổng hợp cần ghi.
    #[arg(long, value_name = "OUT.xlsx", default_value = "tong-hop.xlsx")]
    pub out: PathBuf,
    /// Ghi đè workbook đã có.
    #[arg(long)]
    pub force: bool,
    /// Ghi thêm số liệu tóm tắt dạng JSON cho các chương trình khác.
    #[arg(long, value_name = "SUMMARY.json")]
    pub json: Option<PathBuf>,
    /// Bản tổng hợp của kỳ trước (do `baocao consolidate` ghi) hoặc thư mục chứa các bản tổng hợp kỳ trước; lặp lại được. Workbook có thêm các sheet So sánh cơ quan, So sánh nhiệm vụ, So sánh chỉ tiêu và cảnh báo C001–C003.
    #[arg(long, value_name = "EARLIER.xlsx")]
    pub previous: Vec<PathBuf>,
}

#[derive(Debug, Args)]
#[command(
    after_long_help = "Ví dụ:\n  baocao completions bash > /etc/bash_completion.d/baocao\n  baocao completions zsh > ~/.zfunc/_baocao"
)]
pub struct CompletionsArgs {
    /// Shell cần script.
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

#[derive(Debug, Args)]
#[command(after_long_help = "Ví dụ:\n  baocao man --out man/\n  baocao man | man -l -")]
pub struct ManArgs {
    /// Thư mục ghi baocao.1 và baocao-<lệnh>.1; không có thì in baocao.1 ra màn hình.
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
}

#[derive(Debug, Args)]
#[command(
    after_long_help = "Văn bản soạn từ sheet dữ liệu ẩn của workbook tổng hợp: kế hoạch, nội dung các cơ quan đã viết và số liệu đã tính; không thêm câu chữ tự đặt. Chỗ cán bộ tổng hợp cần viết hoặc kiểm tra được tô vàng.\n\nVí dụ:\n  baocao consolidate bao-cao/2025 --period 2025 --out tong-hop-2025.xlsx\n  baocao report tong-hop-2025.xlsx --out bao-cao-2025.docx\n  baocao report tong-hop-2025.xlsx --previous tong-hop-2024.xlsx --out bao-cao-2025.docx --force\n  baocao report tong-hop-2025.xlsx --out bao-cao-2025.docx --final --force\n\nMã thoát: 0 đã ghi văn bản; 2 không ghi được (tệp không phải bản tổng hợp của kế hoạch này, tệp ra đã có)."
)]
pub struct ReportArgs {
    /// Workbook tổng hợp do `baocao consolidate` ghi ra.
    #[arg(value_name = "CONSOLIDATED.xlsx")]
    pub consolidated: PathBuf,
    /// Workbook tổng hợp kỳ trước, để so sánh các chỉ tiêu.
    #[arg(long, value_name = "EARLIER.xlsx")]
    pub previous: Option<PathBuf>,
    /// Văn bản Word cần ghi.
    #[arg(long, value_name = "BAO-CAO.docx", default_value = "bao-cao.docx")]
    pub out: PathBuf,
    /// Ghi đè tệp đã có.
    #[arg(long)]
    pub force: bool,
    /// Bản chính thức: không đánh dấu DỰ THẢO.
    #[arg(long = "final")]
    pub final_: bool,
}

#[derive(Debug, Args)]
#[command(
    after_long_help = "Một workbook cho nhiều kỳ (ví dụ 2024–2027 để sơ kết giữa kỳ, đến 2030 để tổng kết), lập từ sheet dữ liệu ẩn của các bản tổng hợp kỳ: tình hình nộp báo cáo theo cơ quan và kỳ (bảng màu) và tỷ lệ đúng hạn; tình trạng từng nhiệm vụ theo kỳ; chỉ tiêu theo kỳ, lũy kế và biểu đồ; cơ quan ít khi đúng hạn; nhiệm vụ chưa xong từ 2 kỳ trở lên; nguồn của từng số liệu. Cơ quan đã sáp nhập được nối vào cơ quan kế nhiệm (ví dụ SKHDT năm 2025 và STC năm 2026 là một dòng).\n\nVí dụ:\n  baocao consolidate bao-cao/2025 --period 2025 --out tong-hop/tong-hop-2025.xlsx\n  baocao consolidate bao-cao/2026 --period 2026 --out tong-hop/tong-hop-2026.xlsx\n  baocao summary tong-hop --out tong-ket-2025-2026.xlsx\n  baocao summary tong-hop-2024.xlsx tong-hop-2025.xlsx tong-hop-2026.xlsx tong-hop-2027.xlsx --out so-ket.xlsx --force\n\nMã thoát: 0 đã ghi; 2 không ghi được (tệp không phải bản tổng hợp của kế hoạch này, hai tệp cùng một kỳ, tệp ra đã có)."
)]
pub struct SummaryArgs {
    /// Workbook tổng hợp do `baocao consolidate` ghi ra, hoặc thư mục chứa chúng (mọi tệp .xlsx trong thư mục).
    #[arg(required = true, value_name = "FILE")]
    pub inputs: Vec<PathBuf>,
    /// Workbook tổng kết cần ghi.
    #[arg(long, value_name = "OUT.xlsx", default_value = "tong-ket.xlsx")]
    pub out: PathBuf,
    /// Ghi đè tệp đã có.
    #[arg(long)]
    pub force: bool,
}
