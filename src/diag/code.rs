//! The stable finding codes. A code never changes meaning once released; `docs/findings.md`
//! documents each one (a test fails if one is missing there).

use serde::{Serialize, Serializer};
use std::fmt;

use super::Severity;

macro_rules! codes {
    ($( $variant:ident = $code:literal, $sev:ident, $summary:literal; )*) => {
        /// A stable finding code such as `T001`.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Code { $( #[doc = $summary] $variant, )* }

        impl Code {
            /// Every code, in documentation order.
            pub const ALL: &'static [Code] = &[$(Code::$variant,)*];

            /// The code as printed, e.g. `T001`.
            pub const fn as_str(self) -> &'static str {
                match self { $( Code::$variant => $code, )* }
            }

            /// The severity a finding with this code has unless a check says otherwise.
            pub const fn default_severity(self) -> Severity {
                match self { $( Code::$variant => Severity::$sev, )* }
            }

            /// A one-line Vietnamese summary (used in docs and `--help`).
            pub const fn summary(self) -> &'static str {
                match self { $( Code::$variant => $summary, )* }
            }
        }
    };
}

codes! {
    // Plan lint (`baocao plan check`).
    PlanSyntax = "P001", Error, "Tệp kế hoạch không đọc được hoặc YAML sai cú pháp, sai trường";
    PlanDuplicate = "P002", Error, "Mã cơ quan, nhóm, nhiệm vụ, nội dung, chỉ tiêu hoặc kỳ bị trùng";
    PlanUnknownRef = "P003", Error, "Tham chiếu tới cơ quan, nhóm, nội dung hoặc chỉ tiêu không có";
    PlanGroupCycle = "P004", Error, "Nhóm lồng vòng tròn";
    PlanTaskNoAgency = "P005", Error, "Nhiệm vụ không giao cho cơ quan nào";
    PlanAgencyNoTask = "P006", Warning, "Cơ quan không chủ trì, không phối hợp nhiệm vụ nào";
    PlanBadValue = "P007", Error, "Giá trị không hợp lệ: mã sai dạng, văn bản rỗng, ngày hoặc kỳ không thể có";
    // Plan amendments (`plan/amendments/`), checked against the organisation in force on each date.
    AmendUnknownCode = "P008", Error, "Văn bản sửa đổi nêu mã cơ quan, nhóm, nhiệm vụ hoặc chỉ tiêu không có vào ngày hiệu lực";
    AmendDate = "P009", Error, "Ngày hiệu lực ngoài thời gian của kế hoạch, hoặc ngày không theo thứ tự";
    AmendSuccessorGone = "P010", Error, "Cơ quan nêu trong sửa đổi đã sáp nhập, chia tách hoặc giải thể trước ngày hiệu lực";
    AmendCycle = "P011", Error, "Sáp nhập, chia tách vòng tròn";
    AmendTaskOrphan = "P012", Error, "Sau sửa đổi, nhiệm vụ không còn cơ quan nào thực hiện";
    AmendNoSource = "P013", Error, "Sửa đổi không ghi văn bản làm căn cứ";
    AmendInvalid = "P014", Error, "Thay đổi không áp dụng được (mã đã có, nhiệm vụ không thuộc cơ quan bị chia tách…)";

    // The file itself (ingest).
    FileUnreadable = "F001", Error, "Không đọc được tệp (không có quyền, là thư mục, lỗi đọc)";
    FileEmpty = "F002", Error, "Tệp rỗng (0 byte)";
    FileHtml = "F003", Error, "Tệp là trang HTML (thường do cổng thông tin xuất ra) mang đuôi bảng tính";
    FileCsv = "F004", Error, "Tệp là văn bản/CSV mang đuôi bảng tính";
    FileEncrypted = "F005", Error, "Bảng tính có mật khẩu mở tệp";
    FileCorrupt = "F006", Error, "Bảng tính hỏng hoặc bị cắt cụt";
    FileNotSpreadsheet = "F007", Error, "Tệp không phải bảng tính";
    FileLimit = "F008", Error, "Tệp vượt giới hạn an toàn (dung lượng, số ô, số sheet, kích thước sau giải nén)";
    FileCrash = "F009", Error, "Bộ đọc bảng tính gặp sự cố nội bộ với tệp này";
    LegacyEncoding = "F010", Error, "Văn bản gõ bằng bảng mã cũ TCVN3 (ABC) hoặc VNI";
    FileOtherPeriod = "F011", Warning, "Tệp thuộc kỳ báo cáo khác, không đưa vào tổng hợp";
    FileSuperseded = "F012", Warning, "Cơ quan đã gửi bản mới hơn; bản này không dùng";
    CellsIgnored = "F013", Warning, "Có dữ liệu ngoài vùng đọc (quá 100.000 dòng hoặc 256 cột), đã bỏ qua";
    FileNotRead = "F014", Warning, "Tệp trong thư mục báo cáo không phải bảng tính (.csv, .pdf…); đã liệt kê, không đọc";
    ReceivedAfterAsOf = "F040", Warning, "Ngày nhận duy nhất là thời điểm sửa tệp, sau ngày đối chiếu: chưa tính là đã nhận";

    // Structure.
    SheetMissing = "S001", Error, "Không tìm thấy bảng nhiệm vụ (sheet `Báo cáo`)";
    ColumnMissing = "S002", Error, "Thiếu cột bắt buộc trong bảng";
    IndicatorSheetMissing = "S003", Error, "Không tìm thấy bảng chỉ tiêu (sheet `Chỉ tiêu`)";
    TableNotRead = "S004", Error, "Một sheet khác có bảng của cơ quan khác; bảng đó không được đọc";
    TableCopyNotRead = "S005", Warning, "Một sheet khác có bản sao của bảng; bản ít dữ liệu hơn không được đọc";
    MergedAcrossRows = "S006", Warning, "Ô gộp trải qua nhiều dòng của bảng; giá trị ô gộp được đọc cho mọi dòng";
    ColumnDuplicate = "S007", Warning, "Nhãn cột xuất hiện hai lần; cột có dữ liệu được đọc (lỗi khi cả hai cột đều có dữ liệu)";
    RowHidden = "S008", Warning, "Dòng đang ẩn trong bảng: không đọc (người xem không thấy dòng này)";

    // Identity.
    AgencyMissing = "I001", Error, "Không xác định được cơ quan báo cáo";
    AgencyUnknown = "I002", Error, "Mã cơ quan không có trong kế hoạch";
    AgencyMismatch = "I003", Error, "Cơ quan trong tệp khác cơ quan được chỉ định hoặc khác siêu dữ liệu";
    PeriodMissing = "I004", Error, "Không xác định được kỳ báo cáo";
    PeriodMismatch = "I005", Error, "Kỳ báo cáo trong tệp khác kỳ được chỉ định";
    PlanVersionDiffers = "I006", Warning, "Biểu mẫu lập từ phiên bản kế hoạch khác";
    ReportDateMissing = "I007", Error, "Thiếu hoặc sai ngày báo cáo";
    ReportDateFuture = "I008", Error, "Ngày báo cáo sau ngày đối chiếu";
    AgencyNameMismatch = "I009", Warning, "Tên cơ quan không khớp với mã cơ quan";
    CreditedToSuccessor = "I010", Warning, "Báo cáo lập trên biểu mẫu của cơ quan đã sáp nhập: tính cho cơ quan kế nhiệm";
    CreditedAmbiguous = "I011", Warning, "Cơ quan cũ đã chia tách cho nhiều cơ quan: báo cáo tính cho cơ quan kế nhiệm đầu tiên";
    NoSuccessor = "I012", Error, "Báo cáo của cơ quan đã giải thể, không có một cơ quan kế nhiệm để tính";
    CreditedMerged = "I013", Warning, "Báo cáo trên biểu mẫu của cơ quan tiền thân được gộp vào báo cáo của cơ quan kế nhiệm";
    IdentityRecovered = "I020", Warning, "Ô nhận dạng trống; cơ quan hoặc kỳ lấy từ mã nhận dạng máy";
    PeriodMismatchMeta = "I021", Error, "Kỳ báo cáo trong tệp khác mã nhận dạng máy của biểu mẫu";

    // Task coverage.
    TaskMissing = "T001", Error, "Thiếu nhiệm vụ được giao";
    TaskNotAssigned = "T002", Error, "Nhiệm vụ không giao cho cơ quan này";
    TaskUnknown = "T003", Error, "Mã nhiệm vụ không có trong kế hoạch";
    TaskDuplicate = "T004", Error, "Nhiệm vụ được kê khai hai lần";
    StatusBlank = "T005", Error, "Chưa chọn tình trạng";
    StatusInvalid = "T006", Error, "Tình trạng không thuộc danh sách cho phép";
    ResultMissing = "T007", Warning, "Chưa ghi kết quả thực hiện";
    StatusLookAlike = "T008", Warning, "Tình trạng có ký tự trông giống hoặc ký tự ẩn; đọc theo chữ người xem thấy";

    // Dates and deadlines.
    DoneDateMissing = "D001", Error, "Đã hoàn thành nhưng thiếu ngày hoàn thành";
    DateInvalid = "D002", Error, "Ngày không đọc được";
    DateFuture = "D003", Error, "Ngày ở tương lai";
    DateOutsideWindow = "D004", Warning, "Ngày ngoài thời gian chốt số liệu của kỳ";
    CompletedLate = "D005", Warning, "Hoàn thành trễ hạn";
    Overdue = "D006", Warning, "Quá hạn mà chưa hoàn thành";
    DateWithoutDone = "D007", Warning, "Có ngày hoàn thành nhưng tình trạng chưa là “Đã hoàn thành”";

    // Indicators.
    IndicatorMissing = "N001", Error, "Thiếu dòng chỉ tiêu";
    IndicatorNotNumber = "N002", Error, "Số liệu không phải là số";
    IndicatorNegative = "N003", Error, "Số liệu âm";
    IndicatorNotWhole = "N004", Error, "Số liệu phải là số nguyên";
    IndicatorPercentRange = "N005", Error, "Tỷ lệ phần trăm ngoài khoảng 0–100";
    IndicatorBlank = "N006", Warning, "Chưa có số liệu";
    IndicatorUnknown = "N007", Error, "Chỉ tiêu không có trong kế hoạch hoặc không giao cho cơ quan này";
    IndicatorDuplicate = "N008", Error, "Chỉ tiêu được kê khai hai lần";
    IndicatorNotBool = "N009", Error, "Chỉ tiêu Có/Không nhận giá trị khác";
    IndicatorAmbiguous = "N010", Error, "Số gõ dạng chữ đọc được hai cách (ví dụ `1.245`: 1245 hay 1,245)";
    IndicatorPercentFraction = "N011", Error, "Tỷ lệ phần trăm ghi dạng phân số (0,85 thay cho 85)";
    IndicatorPercentSign = "N012", Error, "Dấu `%` ở chỉ tiêu không phải tỷ lệ phần trăm";

    // Spreadsheet errors.
    CellError = "E001", Error, "Ô chứa lỗi công thức (#REF!, #DIV/0!…)";
    FormulaNoValue = "E002", Error, "Ô có công thức nhưng tệp không lưu giá trị đã tính";

    // Periods over time (`consolidate --previous`).
    ValueJumpUp = "C001", Warning, "Số liệu tăng bất thường so với kỳ trước (mặc định gấp 3 lần trở lên)";
    ValueJumpDown = "C002", Warning, "Số liệu giảm bất thường so với kỳ trước (mặc định giảm 67% trở lên)";
    ValueFromZero = "C003", Warning, "Số liệu lớn sau một kỳ bằng 0";
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for Code {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}
