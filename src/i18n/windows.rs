//! Catalogue entries for what happens on an officer's Windows PC: a workbook open in Excel,
//! `baocao.exe` started by a double-click.

use super::Lang;

catalogue! {
    output_held_open(path: &str) => "không thay được `{path}`: tệp đang mở trong một chương trình khác (có lẽ Excel). Hãy đóng tệp `{path}` trong Excel rồi chạy lại; tệp cũ vẫn giữ nguyên", "cannot replace `{path}`: the file is open in another program (Excel, probably). Close `{path}` in Excel and run again; the previous file is kept as it was";
    input_held_open() => "tệp đang mở trong một chương trình khác (có lẽ Excel) và bị khóa không cho đọc; hãy đóng tệp trong Excel rồi chạy lại", "the file is open in another program (Excel, probably), which locks it against reading; close it in Excel and run again";
    explorer_usage(exe: &str, folder: &str) => "baocao là chương trình chạy bằng lệnh, không mở bằng cách nháy đúp.\n\nCách dùng:\n  1. Mở thư mục chứa {exe} trong File Explorer: {folder}\n  2. Nháy vào thanh địa chỉ, gõ cmd rồi nhấn Enter: một cửa sổ lệnh mở ra ngay tại thư mục này.\n  3. Gõ một lệnh, ví dụ:\n       baocao template --period 2025 --out bieu-mau\n       baocao validate examples\\submissions\\2025\\SCT-2025.xlsx --period 2025\n       baocao consolidate examples\\submissions\\2025 --period 2025 --as-of 2025-12-20 --out tong-hop-2025.xlsx\n       baocao --help\n\nXem thêm HUONG-DAN.txt bên cạnh {exe}.", "baocao is a command-line program; it is not opened by double-clicking.\n\nHow to use it:\n  1. Open the folder holding {exe} in File Explorer: {folder}\n  2. Click the address bar, type cmd and press Enter: a command window opens in this folder.\n  3. Type a command, for example:\n       baocao template --period 2025 --out bieu-mau\n       baocao validate examples\\submissions\\2025\\SCT-2025.xlsx --period 2025\n       baocao consolidate examples\\submissions\\2025 --period 2025 --as-of 2025-12-20 --out tong-hop-2025.xlsx\n       baocao --lang en --help\n\nSee HUONG-DAN.txt beside {exe} (in Vietnamese).";
    press_enter_to_close() => "Nhấn Enter để đóng cửa sổ này.", "Press Enter to close this window.";
}
