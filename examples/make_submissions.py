#!/usr/bin/env python3
"""Make examples/submissions/2025/: one reporting period's reports as an officer receives them.

Usage:
    python3 examples/make_submissions.py [--baocao PATH]   # regenerate everything
    python3 examples/make_submissions.py --touch           # only restore file times

What it writes (all derived from the STORY table below, with no randomness beyond a seeded
generator, so a rerun gives the same content):

- examples/submissions/2025/         the files "received" for period 2025 of the shipped plan
- examples/submissions/manifest.json what each file is meant to show: agency, period, dates,
                                     every task status and indicator value written, and the
                                     findings the mistakes should cause. tests/cli/consolidate.rs
                                     checks the consolidated workbook against it.
- examples/so-nhan-2025.csv          the officer's receipt log (for `--received`)

How: `baocao template` makes each agency's template; openpyxl fills it in by label, as an
officer would type (docs/report-format.md); LibreOffice (through lo_convert.py) saves the few
.xls and .ods copies and the password-protected file. xlsx files are re-zipped with fixed
timestamps, so a rerun gives byte-identical .xlsx files; the three files LibreOffice saves
differ by a few bytes between runs (it stamps internal IDs, and encryption uses a random salt)
but not in content, and the manifest does not record their hashes.

Git does not keep file modification times, and baocao uses a file's time as its received date
when a report has no date (TC_CYS here). After a fresh checkout, `--touch` sets the times the
manifest records (tests do the same on their own copy).
"""

import argparse
import csv
import datetime as dt
import io
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

import openpyxl

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
OUT = HERE / "submissions" / "2025"
MANIFEST = HERE / "submissions" / "manifest.json"
LOG = HERE / "so-nhan-2025.csv"

PERIOD = "2025"
AS_OF = dt.date(2025, 12, 20)  # the README's --as-of: the day after the due date
DONE = "Đã hoàn thành"
DOING = "Đang thực hiện"
NOT_STARTED = "Chưa thực hiện"
D = dt.date

# ---- the story ------------------------------------------------------------------------------
# One entry per expected agency (plan order). Keys:
#   report   date written in `Ngày báo cáo` (None: left blank; a str: typed as text)
#   log      date in the receipt log, when it differs from the report date
#   file     file name (default CODE-2025.xlsx); fmt: xlsx | xls | ods (saved by LibreOffice)
#   missing  no usable report: None (nothing received) or the kind of bad file received
#   tasks    {task id: (status, done date, result, difficulty)} overriding the defaults
#   ind      {indicator id: value as typed} overriding the defaults (None = left blank)
#   drop     task ids whose row the officer deleted
#   errors   finding codes the mistakes must cause (warnings are derived, see expected())
#   note     what the file shows (README)
STORY = {
    "BTG_TU": dict(report=D(2025, 12, 17), note="Đúng hạn, đầy đủ; chỉ tiêu đào tạo, phản bác thông tin sai trái."),
    "BDT": dict(report=D(2025, 12, 18), ind={"CT15": "khoảng 20 triệu"}, errors=["N002"],
                note="Lỗi: kinh phí ghi bằng chữ `khoảng 20 triệu` (N002); các số liệu khác vẫn được cộng."),
    "BQL_KCN": dict(report=D(2025, 12, 16),
                    tasks={"III.12.1": (DONE, D(2025, 1, 10), "Ban hành Kế hoạch số 05/KH-BQL ngày 10/01/2025; quán triệt cho 42 cán bộ, công chức, viên chức.", "Kế hoạch ban hành chậm do chờ hướng dẫn của Sở Thông tin và Truyền thông.")},
                    note="Đúng hạn; nhiệm vụ III.12.1 hoàn thành trễ (10/01/2025, hạn 31/12/2024): cảnh báo D005."),
    "SCT": dict(report=D(2025, 12, 18), file="bo-sung/BC SCT nam 2025 (ban sua).xlsx",
                note="Bản gửi lại ngày 18/12/2025 trong thư mục con `bo-sung/`, tên tệp tùy ý: được dùng."),
    "SGDDT": dict(report=D(2025, 12, 15), ind={"CT16": "95%"},
                  note="Đúng hạn; tỷ lệ ghi dạng chữ `95%` vẫn đọc được."),
    "SGTVT": dict(missing="html", file="SGTVT-2025.xls",
                  note="Tệp `.xls` thực chất là trang HTML tải từ cổng thông tin (F003): không đọc được, cơ quan tính là chưa nộp."),
    "SKHCN": dict(missing="encrypted", file="SKHCN-2025.xls", report=D(2025, 12, 17),
                  note="Tệp `.xls` có mật khẩu mở tệp (LibreOffice, mật khẩu `abc`) (F005): không đọc được, tính là chưa nộp."),
    "SKHDT": dict(report=D(2025, 12, 18), ind={"CT15": None},
                  tasks={"III.4.3": (DOING, None, "Đã tổ chức 02 hội nghị xúc tiến đầu tư tại TP. Hồ Chí Minh và Hàn Quốc; đang chuẩn bị Hội nghị xúc tiến đầu tư vào lĩnh vực nông nghiệp công nghệ cao.", "Kinh phí xúc tiến đầu tư năm 2025 được giao chậm.")},
                  note="Đúng hạn; chưa có số liệu kinh phí (ô trống, cảnh báo N006): không tính là 0."),
    "SLDTBXH": dict(missing="empty", file="SLDTBXH-2025.xlsx",
                    note="Tệp 0 byte (tải về bị lỗi) (F002): tính là chưa nộp."),
    "SNGV": dict(report=D(2025, 12, 19), note="Nộp đúng ngày hạn 19/12/2025: vẫn là đúng hạn."),
    "SNN": dict(report=D(2025, 12, 18),
                tasks={"III.12.2": (DONE, None, "Phối hợp quảng bá sản phẩm cà phê, sầu riêng Đắk Lắk tại 03 hội chợ quốc tế; cung cấp 18 tin, bài cho Cổng thông tin điện tử tỉnh.", "")},
                errors=["D001"],
                note="Lỗi: `Đã hoàn thành` nhưng không ghi ngày hoàn thành (D001)."),
    "SNV": dict(report=D(2025, 12, 17), note="Đúng hạn; số tập thể, cá nhân được khen thưởng."),
    "STC": dict(report=D(2025, 12, 18),
                tasks={"III.9.1": (DOING, None, "Đã tham mưu bố trí 1.250 triệu đồng cho nhiệm vụ thông tin đối ngoại năm 2025; đang thẩm định dự toán năm 2026.", "Một số đơn vị gửi đề xuất kinh phí chậm.")},
                note="Đúng hạn; nhiệm vụ III.9.1 (hạn hằng kỳ, 14/12/2025) còn đang thực hiện: quá hạn (D006)."),
    "STNMT": dict(report=D(2025, 12, 12), note="Nộp sớm (12/12/2025)."),
    "STP": dict(missing="other_period", file="STP-2024.xlsx", report=D(2024, 12, 18),
                note="Gửi nhầm báo cáo kỳ 2024 (F011): liệt kê, không tổng hợp; cơ quan tính là chưa nộp kỳ 2025, người liên hệ lấy từ tệp kỳ 2024."),
    "STTTT": dict(report=D(2025, 12, 18),
                  tasks={"III.3.2": (DONE, D(2025, 6, 25), "Tham mưu UBND tỉnh ban hành Quy chế quản lý hoạt động thông tin đối ngoại trên địa bàn tỉnh (Quyết định số 1456/QĐ-UBND ngày 25/6/2025).", "")},
                  note="Cơ quan tổng hợp; đúng hạn, nhiều chỉ tiêu."),
    "SVHTTDL": dict(report=D(2025, 12, 17), ind={"CT08": " 8 "},
                    note="Đúng hạn; số liệu gõ dạng chữ ` 8 ` vẫn là số 8."),
    "SXD": dict(missing=None, note="Không gửi gì: chưa nộp (quá hạn)."),
    "SYT": dict(report=D(2025, 12, 17), log=D(2025, 12, 20),
                note="Ký ngày 17/12 nhưng sổ nhận ghi nhận ngày 20/12/2025: trễ hạn khi dùng `--received`."),
    "TTR": dict(report=D(2025, 12, 18), note="Đúng hạn."),
    "VP_UBND": dict(report=D(2025, 12, 16), note="Đúng hạn; họp báo, tin bài trên Cổng thông tin điện tử tỉnh."),
    "CA_TINH": dict(report=D(2025, 12, 19), note="Đúng hạn (ngày cuối); số thông tin xấu độc phát hiện, xử lý."),
    "BDBP": dict(report=D(2025, 12, 18), note="Đúng hạn."),
    "H_BMT": dict(report=D(2025, 12, 15), note="Đúng hạn."),
    "H_BUON_DON": dict(report=D(2025, 12, 16), ind={"CT07": None},
                       note="Đúng hạn; chưa có số liệu ấn phẩm (ô trống, N006)."),
    "H_BUON_HO": dict(report="17/12/2025",
                      tasks={"III.12.1": (DONE, "20/12/2024", "Ban hành Kế hoạch số 312/KH-UBND ngày 20/12/2024; quán triệt đến 100% cán bộ, công chức thị xã.", "")},
                      note="Ngày báo cáo và ngày hoàn thành gõ dạng chữ `17/12/2025`, `20/12/2024`: được chấp nhận."),
    "H_CU_KUIN": dict(report=D(2025, 12, 17), ind={"CT14": -2}, errors=["N003"],
                      note="Lỗi: số cán bộ ghi `-2` (số âm, N003): không cộng vào tổng."),
    "H_CU_MGAR": dict(report=D(2025, 12, 18), note="Đúng hạn."),
    "H_EA_HLEO": dict(report=D(2025, 12, 18),
                      tasks={"III.12.1": (NOT_STARTED, None, "", "Huyện đang sắp xếp tổ chức bộ máy theo mô hình chính quyền địa phương hai cấp; chưa bố trí được cán bộ tham mưu.")},
                      note="Đúng hạn; III.12.1 `Chưa thực hiện`, đã quá hạn 31/12/2024 (D006)."),
    "H_EA_KAR": dict(report=D(2025, 12, 19), note="Đúng hạn (ngày cuối)."),
    "H_EA_SUP": dict(report=D(2025, 12, 20), ind={"CT13": "Không"},
                     note="Trễ hạn 1 ngày (ký ngày 20/12/2025); chưa phân công lãnh đạo phụ trách (`Không`)."),
    "H_KRONG_ANA": dict(report=D(2025, 12, 16), note="Đúng hạn."),
    "H_KRONG_BONG": dict(report=D(2025, 12, 18),
                         tasks={"III.12.1": ("Hoàn thành", D(2024, 12, 26), "Ban hành Kế hoạch số 198/KH-UBND ngày 26/12/2024.", "")},
                         errors=["T006"],
                         note="Lỗi: tình trạng gõ `Hoàn thành` thay vì chọn `Đã hoàn thành` (T006); III.12.1 vì vậy chưa có tình trạng hợp lệ và được tính là quá hạn."),
    "H_KRONG_BUK": dict(report=D(2025, 12, 17), note="Đúng hạn."),
    "H_KRONG_NANG": dict(report=D(2025, 12, 18), note="Đúng hạn."),
    "H_KRONG_PAC": dict(report=D(2025, 12, 17), fmt="xls",
                        note="Lưu thành Excel 97–2003 (.xls) bằng LibreOffice: đọc bình thường."),
    "H_LAK": dict(report=D(2025, 12, 18), log=D(2025, 12, 20),
                  note="Ký ngày 18/12 nhưng sổ nhận ghi ngày 20/12/2025: trễ hạn khi dùng `--received`."),
    "H_MDRAK": dict(missing=None, note="Không gửi gì: chưa nộp."),
    "MTTQ": dict(report=D(2025, 12, 18), fmt="ods",
                 note="Lưu thành OpenDocument (.ods) bằng LibreOffice: đọc bình thường."),
    "HCCB": dict(report=D(2025, 12, 20), note="Trễ hạn 1 ngày (ký ngày 20/12/2025)."),
    "HLHPN": dict(report=D(2025, 12, 17), drop=["III.13.2"], errors=["T001"],
                  note="Lỗi: xóa mất dòng nhiệm vụ III.13.2 (T001)."),
    "HND": dict(report=D(2025, 12, 18), ind={"CT13": "Không"},
                note="Đúng hạn; chưa phân công lãnh đạo phụ trách (`Không`)."),
    "LDLD": dict(report=D(2025, 12, 18), note="Đúng hạn."),
    "TINH_DOAN": dict(report=D(2025, 12, 17), ind={"CT15": None},
                      note="Đúng hạn; kinh phí để trống (N006)."),
    "LHHN": dict(missing=None, note="Không gửi gì: chưa nộp."),
    "BAO_DL": dict(report=D(2025, 12, 18), ind={"CT01": 1245},
                   tasks={
                       "III.15.1": (DONE, D(2025, 12, 10), "=> Đã triển khai chuyên trang “Đắk Lắk – Vùng đất huyền thoại” trên nền tảng số, thu hút 1,2 triệu lượt xem.", ""),
                       "III.15.2": (DONE, D(2025, 11, 28), "+ Duy trì chuyên mục “Thông tin đối ngoại” hằng tuần trên báo in và báo điện tử.", ""),
                       "III.15.3": (DOING, None, "- Đã ra mắt chuyên mục tiếng Anh; đang xây dựng chuyên mục tiếng Ê Đê – Anh song ngữ.", "@Thiếu biên tập viên ngoại ngữ; đề nghị hỗ trợ đào tạo."),
                   },
                   note="Đúng hạn; kết quả bắt đầu bằng `=`, `+`, `-`, `@` vẫn là chữ trong bản tổng hợp, không thành công thức."),
    "DAI_PTTH": dict(report=D(2025, 12, 19), note="Đúng hạn (ngày cuối)."),
    "TC_CYS": dict(report=None, mtime=dt.datetime(2025, 12, 18, 10, 30), errors=["I007"],
                   note="Lỗi: không ghi ngày báo cáo (I007); ngày nhận lấy theo thời gian sửa tệp (18/12/2025, nếu đã chạy `--touch`)."),
    "TTCN_CONG": dict(report=D(2025, 12, 17), ind={"CT02": 0},
                      note="Đúng hạn; số tin bài tiếng nước ngoài là 0 (số 0, khác ô trống)."),
    "BAO_CAND": dict(report=D(2025, 12, 16), note="Đúng hạn."),
    "BAO_ND": dict(report=D(2025, 12, 20), note="Trễ hạn 1 ngày (ký ngày 20/12/2025)."),
    "BAO_QDND": dict(missing=None, note="Không gửi gì: chưa nộp."),
    "TTXVN": dict(missing=None, note="Không gửi gì: chưa nộp."),
    "VOV_TN": dict(report=D(2025, 12, 18), note="Đúng hạn."),
}

# Files besides one per agency.
SUPERSEDED = dict(
    agency="SCT", file="SCT-2025.xlsx", report=D(2025, 12, 10),
    tasks={"III.5.2": (DOING, None, "Đang chuẩn bị Hội chợ Cà phê Buôn Ma Thuột tháng 3/2026.", "")},
    ind={"CT15": None},
    note="Bản đầu tiên của Sở Công Thương (ký 10/12/2025, còn thiếu kinh phí): bị thay bằng bản gửi lại, liệt kê là bản cũ (F012).",
)

PEOPLE = [
    "Nguyễn Văn An", "Trần Thị Bích", "Lê Văn Cường", "Phạm Thị Dung", "Hoàng Văn Đức",
    "Huỳnh Thị Giang", "Võ Văn Hải", "Đặng Thị Hạnh", "Bùi Văn Hùng", "Đỗ Thị Hương",
    "Y Krông Niê", "H'Hen Byă", "Ngô Văn Khánh", "Dương Thị Lan", "Lý Văn Long",
    "Ksor Y Phôn", "Trịnh Thị Mai", "Phan Văn Minh", "Vũ Thị Ngọc", "Đinh Văn Phúc",
    "H'Linh Mlô", "Tạ Thị Quyên", "Lương Văn Sơn", "Mai Thị Thảo", "Cao Văn Thắng",
]

# ---- plausible texts -------------------------------------------------------------------------
def short(code):
    """The code used in document numbers: KH-SNN, KH-UBND for districts."""
    if code.startswith("H_"):
        return "UBND"
    return code.replace("_", "")


def result_for(task_id, status, code, rng):
    n = rng.randint(5, 60)
    k = rng.randint(20, 300)
    if task_id in ("III.12.1", "III.13.1"):
        return (f"Ban hành Kế hoạch số {rng.randint(10, 350)}/KH-{short(code)} triển khai Kế hoạch của UBND tỉnh; "
                f"tổ chức quán triệt cho {k} cán bộ, công chức, viên chức, người lao động.")
    if task_id == "III.13.2":
        return (f"Lồng ghép nội dung thông tin đối ngoại vào {n} hội nghị, buổi sinh hoạt chuyên đề "
                f"với khoảng {k * 10} lượt hội viên tham dự.")
    if task_id == "III.12.2":
        if status == DONE:
            return (f"Phối hợp cung cấp {n} tin, bài về hoạt động của ngành, địa phương cho Cổng thông tin điện tử tỉnh "
                    "và Báo Đắk Lắk; cập nhật chuyên mục thông tin đối ngoại trên trang thông tin điện tử của đơn vị.")
        return (f"Đã cung cấp {n} tin, bài; đang xây dựng chuyên mục thông tin đối ngoại trên trang thông tin điện tử "
                "(dự kiến hoàn thành quý I/2026).")
    generic_done = [
        f"Đã tổ chức {n} hoạt động theo kế hoạch; đăng tải {k} tin, bài, ảnh trên các kênh thông tin của đơn vị.",
        f"Hoàn thành đúng kế hoạch; ban hành {rng.randint(2, 9)} văn bản hướng dẫn, đôn đốc; phối hợp với các sở, ngành liên quan.",
        f"Thực hiện thường xuyên; {n} lượt cung cấp thông tin cho báo chí, {k} lượt chia sẻ trên mạng xã hội.",
    ]
    generic_doing = [
        f"Đã thực hiện {n}% khối lượng công việc; tiếp tục triển khai trong năm 2026.",
        f"Đang phối hợp với các đơn vị liên quan; đã tổ chức {rng.randint(1, 6)} hoạt động.",
    ]
    return rng.choice(generic_done if status == DONE else generic_doing)


DIFFICULTIES = [
    "Sắp xếp tổ chức bộ máy từ ngày 01/3/2025 nên việc triển khai bị gián đoạn.",
    "Cán bộ làm công tác thông tin đối ngoại chủ yếu kiêm nhiệm, hạn chế về ngoại ngữ.",
    "Kinh phí cho công tác thông tin đối ngoại còn hạn chế.",
    "",
    "",
    "",
]


def default_tasks(code, task_ids, deadlines, rng):
    out = {}
    for tid in task_ids:
        deadline = deadlines[tid]
        if deadline == "2024-12-31":
            status, done = DONE, D(2024, 12, rng.randint(16, 30))
        elif deadline in ("2025-06-30",):
            status, done = DONE, D(2025, 6, rng.randint(10, 28))
        elif deadline == "each_period":
            status, done = DONE, D(2025, 12, rng.randint(5, 12))
        else:  # ongoing: done in the period, or still under way
            if rng.random() < 0.6:
                status, done = DONE, D(2025, rng.choice([10, 11, 12]), rng.randint(1, 12))
            else:
                status, done = DOING, None
        diff = rng.choice(DIFFICULTIES) if status != DONE else ""
        out[tid] = (status, done, result_for(tid, status, code, rng), diff)
    return out


def default_indicator(ind, code, kind, rng):
    iid = ind["id"]
    fixed = {
        ("STTTT", "CT01"): 320, ("VP_UBND", "CT01"): 410, ("DAI_PTTH", "CT01"): 980,
        ("TC_CYS", "CT01"): 156, ("TTCN_CONG", "CT01"): 210, ("BAO_CAND", "CT01"): 64,
        ("BAO_ND", "CT01"): 48, ("VOV_TN", "CT01"): 75,
        ("BAO_DL", "CT02"): 186, ("DAI_PTTH", "CT02"): 240, ("TC_CYS", "CT02"): 12,
        ("VP_UBND", "CT03"): 12, ("STTTT", "CT03"): 4,
        ("SNGV", "CT04"): 7, ("STTTT", "CT04"): 3,
        ("BTG_TU", "CT05"): 3, ("STTTT", "CT05"): 5, ("SNGV", "CT05"): 2,
        ("BTG_TU", "CT06"): 420, ("STTTT", "CT06"): 360, ("SNGV", "CT06"): 85,
        ("SVHTTDL", "CT07"): 14, ("STTTT", "CT07"): 6,
        ("SKHDT", "CT08"): 9, ("SCT", "CT08"): 11,
        ("BTG_TU", "CT09"): 46, ("STTTT", "CT09"): 128, ("CA_TINH", "CT09"): 214,
        ("BDBP", "CT09"): 37, ("SVHTTDL", "CT09"): 9, ("BAO_DL", "CT09"): 18,
        ("DAI_PTTH", "CT09"): 11, ("TC_CYS", "CT09"): 3, ("TTCN_CONG", "CT09"): 2,
        ("BTG_TU", "CT10"): 46, ("STTTT", "CT10"): 121, ("CA_TINH", "CT10"): 209,
        ("BDBP", "CT10"): 37, ("SVHTTDL", "CT10"): 9, ("BAO_DL", "CT10"): 18,
        ("DAI_PTTH", "CT10"): 11, ("TC_CYS", "CT10"): 3, ("TTCN_CONG", "CT10"): 2,
        ("SNGV", "CT11"): 6, ("SNGV", "CT12"): 23,
        ("BTG_TU", "CT18"): 2, ("STTTT", "CT18"): 4, ("SNV", "CT19"): 15,
        ("BDBP", "CT20"): 96,
    }
    if (code, iid) in fixed:
        return fixed[(code, iid)]
    t = ind["type"]
    if t == "boolean":
        return "Có"
    if t == "percent":
        return rng.choice([80, 85, 90, 92.5, 95, 98, 100])
    if t == "decimal":
        scale = {"district": 150, "press": 400, "central_press": 60}.get(kind, 60)
        return round(rng.uniform(5, scale) * 4) / 4  # quarter-million steps, exact in binary
    if iid == "CT14":
        return rng.randint(2, 6) if kind == "district" else rng.randint(1, 4)
    if iid == "CT07":
        return rng.randint(1, 5)
    if iid == "CT17":
        return rng.randint(2, 6)
    if iid == "CT20":
        return rng.randint(12, 60)
    return rng.randint(1, 20)


# ---- reading what a value means (the test's source of truth) ------------------------------
def parse_number_text(s):
    """The few number texts the story types: ` 8 `, `95%`, `12,5` (docs/report-format.md)."""
    t = s.strip().replace(" ", "").removesuffix("%").replace(",", ".")
    try:
        return float(t)
    except ValueError:
        return None


def indicator_outcome(ind_type, written):
    """(value, blank, error code) for a value as typed."""
    if written is None:
        return None, True, None
    if ind_type == "boolean":
        return (1.0 if written == "Có" else 0.0), False, None
    n = written if isinstance(written, (int, float)) else parse_number_text(written)
    if n is None:
        return None, False, "N002"
    if n < 0:
        return None, False, "N003"
    return float(n), False, None


def as_iso(v):
    if v is None:
        return None
    if isinstance(v, str):
        d, m, y = v.split("/")
        return f"{y}-{m}-{d}"
    return v.isoformat()


def expected_findings(tasks, assigned, deadlines, indicators, errors, period_end):
    """The warnings the data should cause, next to the errors the story puts in on purpose,
    and the tasks that are overdue (deadline before the as-of date, not done)."""
    warnings = []
    overdue = set()
    for tid in assigned:
        if tid not in tasks:
            continue
        status, done, _, _ = tasks[tid]
        deadline = deadlines[tid]
        due = None
        if deadline == "each_period":
            due = period_end
        elif deadline != "ongoing":
            due = dt.date.fromisoformat(deadline)
        done_iso = as_iso(done)
        if status == DONE and done_iso and due and dt.date.fromisoformat(done_iso) > due:
            warnings.append("D005")
        if due and due < AS_OF and status != DONE:
            overdue.add(tid)
            # A status outside the list is already an error (T006); the deadline is judged
            # once it is fixed.
            if status in (DOING, NOT_STARTED):
                warnings.append("D006")
    for _, entry in indicators.items():
        if entry["blank"]:
            warnings.append("N006")
    return sorted(errors), sorted(warnings), overdue


# ---- filling a template with openpyxl ------------------------------------------------------
def find(ws, text, max_row=60):
    for row in ws.iter_rows(min_row=1, max_row=max_row):
        for cell in row:
            if isinstance(cell.value, str) and cell.value.strip() == text:
                return cell
    raise SystemExit(f"{text!r} not found in {ws.title!r}")


def right_of(ws, label):
    """The answer cell right of an identity label: the first unlocked cell, where the template
    lets the officer type."""
    cell = find(ws, label)
    for col in range(cell.column + 1, ws.max_column + 1):
        target = ws.cell(row=cell.row, column=col)
        if not target.protection.locked:
            return target
    raise SystemExit(f"no answer cell right of {label!r}")


def put_text(cell, text):
    """Text stays text even when it starts with `=` (openpyxl would make it a formula)."""
    cell.value = text
    if isinstance(text, str):
        cell.data_type = "s"


def fill(template, dst, code, report, preparer, phone, tasks, drop, indicators, saved):
    wb = openpyxl.load_workbook(template)
    ws = wb["Báo cáo"]
    if report is not None:
        right_of(ws, "Ngày báo cáo").value = report
    right_of(ws, "Người lập").value = preparer
    right_of(ws, "Điện thoại").value = phone
    head = find(ws, "Mã nhiệm vụ")
    cols = {c.value: c.column for c in ws[head.row] if c.value}
    r = head.row + 1
    while ws.cell(row=r, column=cols["Mã nhiệm vụ"]).value:
        tid = ws.cell(row=r, column=cols["Mã nhiệm vụ"]).value
        if tid in drop:
            for c in range(1, ws.max_column + 1):
                ws.cell(row=r, column=c).value = None
        else:
            status, done, result, diff = tasks[tid]
            ws.cell(row=r, column=cols["Tình trạng"]).value = status
            ws.cell(row=r, column=cols["Ngày hoàn thành"]).value = done
            put_text(ws.cell(row=r, column=cols["Kết quả thực hiện"]), result or None)
            put_text(ws.cell(row=r, column=cols["Khó khăn, vướng mắc"]), diff or None)
        r += 1
    wi = wb["Chỉ tiêu"]
    ihead = find(wi, "Mã chỉ tiêu")
    icols = {c.value: c.column for c in wi[ihead.row] if c.value}
    r = ihead.row + 1
    while wi.cell(row=r, column=icols["Mã chỉ tiêu"]).value:
        iid = wi.cell(row=r, column=icols["Mã chỉ tiêu"]).value
        wi.cell(row=r, column=icols["Số liệu"]).value = indicators[iid]
        r += 1
    wb.properties.creator = preparer
    wb.properties.lastModifiedBy = preparer
    wb.properties.created = saved
    wb.properties.modified = saved
    buf = io.BytesIO()
    wb.save(buf)
    dst.parent.mkdir(parents=True, exist_ok=True)
    dst.write_bytes(rezip(buf.getvalue(), saved))


def rezip(data, saved):
    """The same zip with fixed entry times and the story's save time in docProps/core.xml
    (openpyxl stamps the real clock there), so the bytes do not depend on today's date."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    stamp = saved.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for info in src.infolist():
            body = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                body = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*", rb"\g<1>" + stamp, body)
            fixed = zipfile.ZipInfo(info.filename, date_time=(2025, 1, 1, 0, 0, 0))
            fixed.compress_type = info.compress_type
            fixed.external_attr = 0o644 << 16
            z.writestr(fixed, body)
    return out.getvalue()


# ---- the odd files -------------------------------------------------------------------------
HTML_PAGE = """<html xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:x="urn:schemas-microsoft-com:office:excel">
<head><meta http-equiv="Content-Type" content="text/html; charset=utf-8">
<title>Báo cáo thông tin đối ngoại năm 2025 - Sở Giao thông vận tải</title></head>
<body>
<table border="1">
<tr><th>STT</th><th>Mã nhiệm vụ</th><th>Tình trạng</th><th>Kết quả thực hiện</th></tr>
<tr><td>1</td><td>III.12.1</td><td>Đã hoàn thành</td><td>Ban hành Kế hoạch số 21/KH-SGTVT</td></tr>
<tr><td>2</td><td>III.12.2</td><td>Đang thực hiện</td><td>Phối hợp tuyên truyền dự án cao tốc Khánh Hòa – Buôn Ma Thuột</td></tr>
</table>
<p>Xuất từ Hệ thống thông tin báo cáo ngày 18/12/2025</p>
</body></html>
"""


def office_lock_file(user):
    """What Excel leaves as ~$NAME.xlsx while a workbook is open: 165 bytes naming the user."""
    ansi = user.encode("ascii", "replace")[:53]
    wide = user.encode("utf-16-le")[:108]
    data = bytes([len(ansi)]) + ansi.ljust(53, b" ")
    data += bytes([len(user), 0]) + wide.ljust(108, b" \x00"[:1])
    return data.ljust(165, b"\x00")[:165]


def apple_double():
    """The `._NAME` resource-fork file macOS leaves on USB sticks."""
    head = bytes.fromhex("00051607") + bytes.fromhex("00020000") + b"Mac OS X        "
    return (head + bytes.fromhex("0002") + bytes(4082))[:4096]


# ---- driving baocao and LibreOffice ----------------------------------------------------------
def baocao_cmd(explicit):
    if explicit:
        return [explicit]
    for build in ("release", "debug"):
        exe = REPO / "target" / build / "baocao"
        if exe.exists():
            return [str(exe)]
    return ["cargo", "run", "--quiet", "--release", "--manifest-path", str(REPO / "Cargo.toml"), "--"]


def run(cmd):
    done = subprocess.run(cmd, capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed:\n{done.stdout}\n{done.stderr}")
    return done.stdout


def uno_python():
    for py in ("/usr/bin/python3", sys.executable, "python3"):
        try:
            ok = subprocess.run([py, "-c", "import uno"], capture_output=True).returncode == 0
        except OSError:
            ok = False
        if ok:
            return py
    raise SystemExit("LibreOffice's Python bridge (python3-uno) is needed for the .xls/.ods files")


def lo_convert(jobs, tmp):
    path = Path(tmp) / "jobs.json"
    path.write_text(json.dumps(jobs), encoding="utf-8")
    run([uno_python(), str(HERE / "lo_convert.py"), str(path)])


def set_mtime(path, when):
    ts = when.timestamp()  # naive datetime: local time, as baocao reads it back
    os.utime(path, (ts, ts), follow_symlinks=False)


# ---- main ------------------------------------------------------------------------------------
def generate(baocao):
    plan = json.loads(run(baocao + ["plan", "show", "--period", PERIOD, "--format", "json"]))
    period = plan["period"]
    period_end = dt.date.fromisoformat(period["end"])
    assert period["due"] == "2025-12-19" and period["start"] == "2024-12-15", period
    reporters = period["reporters"]
    assert list(STORY) == reporters, "STORY must list the period's reporters in plan order"
    agencies = {a["code"]: a for a in plan["agencies"]}
    deadlines = {t["id"]: t["deadline"] for t in plan["tasks"]}
    ind_by_id = {i["id"]: i for i in plan["indicators"]}

    if OUT.exists():
        shutil.rmtree(OUT)
    OUT.mkdir(parents=True)
    files = []
    log_rows = []
    lo_jobs = []
    with tempfile.TemporaryDirectory(prefix="baocao-examples-") as tmp:
        t2025 = Path(tmp) / "t2025"
        t2024 = Path(tmp) / "t2024"
        run(baocao + ["template", "--period", PERIOD, "--out", str(t2025), "--as-of", "2025-11-14"])
        run(baocao + ["template", "--period", "2024", "--agency", "STP", "--out", str(t2024), "--as-of", "2024-11-14"])

        def make(code, spec, name, period_id, template, seed):
            rng = random.Random(seed)
            a = agencies[code]
            assigned = a["tasks"]
            tasks = default_tasks(code, assigned, deadlines, rng)
            if period_id == "2024":  # last year's file: everything dated in the 2024 window
                tasks = {tid: (DONE, D(2024, 11, 20 + i), f"Đã thực hiện năm 2024 ({tid}).", "")
                         for i, tid in enumerate(assigned)}
            tasks.update(spec.get("tasks", {}))
            written = {i: default_indicator(ind_by_id[i], code, a["kind"], rng) for i in a["indicators"]}
            written.update(spec.get("ind", {}))
            preparer = PEOPLE[reporters.index(code) % len(PEOPLE)] if code in reporters else PEOPLE[0]
            phone = f"0262 38{rng.randint(10, 99)} {rng.randint(100, 999)}"
            report = spec.get("report")
            saved = dt.datetime.fromisoformat((as_iso(report) or "2025-12-18") + "T09:15:00")
            fill(template, OUT / name, code, report, preparer, phone, tasks,
                 spec.get("drop", []), written, saved)
            inds = {}
            for iid, v in written.items():
                value, blank, err = indicator_outcome(ind_by_id[iid]["type"], v)
                inds[iid] = dict(written=v, value=value, blank=blank, error=err)
            errors, warnings, overdue = expected_findings(
                {k: v for k, v in tasks.items() if k not in spec.get("drop", [])},
                assigned, deadlines, inds, spec.get("errors", []), period_end)
            if period_id == "2024":
                warnings, overdue = [], set()  # checked against its own period: nothing late
            return dict(
                agency=code,
                period=period_id,
                report_date=as_iso(report),
                report_date_as_text=isinstance(report, str),
                preparer=preparer,
                phone=phone,
                tasks=[dict(id=tid,
                            status=None if tid in spec.get("drop", []) else tasks[tid][0],
                            done_date=None if tid in spec.get("drop", []) else as_iso(tasks[tid][1]),
                            result=None if tid in spec.get("drop", []) else tasks[tid][2],
                            difficulty=None if tid in spec.get("drop", []) else tasks[tid][3],
                            row_deleted=tid in spec.get("drop", []),
                            overdue=tid in overdue)
                       for tid in assigned],
                indicators=inds,
                errors=errors,
                warnings=warnings,
                saved=saved.isoformat(),
            )

        for code, spec in STORY.items():
            missing = spec.get("missing", "no")
            name = spec.get("file", f"{code}-{PERIOD}.xlsx")
            entry = dict(path=name, agency=code, note=spec["note"])
            if missing is None:
                continue
            if missing == "empty":
                (OUT / name).write_bytes(b"")
                entry.update(role="unreadable", format=None, errors=["F002"], warnings=[],
                             mtime="2025-12-18T08:40:00")
                log_rows.append((name, D(2025, 12, 18), "Tệp đính kèm thư điện tử"))
            elif missing == "html":
                (OUT / name).write_text(HTML_PAGE, encoding="utf-8")
                entry.update(role="unreadable", format=None, errors=["F003"], warnings=[],
                             mtime="2025-12-18T14:05:00")
                log_rows.append((name, D(2025, 12, 18), "Tải từ Hệ thống thông tin báo cáo"))
            elif missing == "encrypted":
                staged = Path(tmp) / f"{code}-plain.xlsx"
                info = make(code, {k: v for k, v in spec.items() if k != "file"}, staged.name,
                            PERIOD, t2025 / f"{code}-{PERIOD}.xlsx", f"{code}-{PERIOD}")
                shutil.move(OUT / staged.name, staged)
                lo_jobs.append(dict(src=str(staged), dst=str(OUT / name), filter="MS Excel 97",
                                    password="abc", saved=info["saved"]))
                entry.update(role="unreadable", format=None, errors=["F005"], warnings=[],
                             mtime="2025-12-17T16:20:00", password="abc")
                log_rows.append((name, D(2025, 12, 17), "Tệp có mật khẩu; đã đề nghị gửi lại"))
            elif missing == "other_period":
                info = make(code, spec, name, "2024", t2024 / "STP-2024.xlsx", f"{code}-2024")
                entry.update(info, role="other_period", format="xlsx",
                             warnings=info["warnings"] + ["F011"], mtime="2025-12-18T11:00:00")
                log_rows.append((name, D(2025, 12, 18), "Gửi nhầm báo cáo năm 2024"))
            else:
                fmt = spec.get("fmt", "xlsx")
                staged_name = name if fmt == "xlsx" else f"{code}-{PERIOD}.xlsx"
                info = make(code, spec, staged_name, PERIOD, t2025 / f"{code}-{PERIOD}.xlsx",
                            f"{code}-{PERIOD}")
                if fmt != "xlsx":
                    staged = Path(tmp) / staged_name
                    shutil.move(OUT / staged_name, staged)
                    name = f"{code}-{PERIOD}.{fmt}"
                    lo_jobs.append(dict(src=str(staged), dst=str(OUT / name),
                                        filter={"xls": "MS Excel 97", "ods": "calc8"}[fmt],
                                        password=None, saved=info["saved"]))
                mtime = spec.get("mtime") or dt.datetime.fromisoformat(
                    (info["report_date"] or "2025-12-18") + "T10:00:00")
                entry.update(info, path=name, role="used", format=fmt, mtime=mtime.isoformat())
                report_date = info["report_date"] and dt.date.fromisoformat(info["report_date"])
                received = spec.get("log") or report_date or mtime.date()
                key = name if "/" in name else code
                log_rows.append((key, received, "Nhận qua hệ thống quản lý văn bản"))
                entry["received_log"] = received.isoformat()
            files.append(entry)

        # The first version of SCT's report, replaced by the one in bo-sung/.
        sup = SUPERSEDED
        info = make(sup["agency"], sup, sup["file"], PERIOD, t2025 / "SCT-2025.xlsx", "SCT-2025-v1")
        files.append(dict(info, path=sup["file"], role="superseded", format="xlsx",
                          note=sup["note"], warnings=info["warnings"] + ["F012"],
                          mtime="2025-12-10T15:00:00", received_log="2025-12-10"))
        log_rows.append((sup["file"], D(2025, 12, 10), "Bản đầu tiên"))

        if lo_jobs:
            lo_convert(lo_jobs, tmp)

    # Files consolidation must skip: never listed anywhere.
    (OUT / "~$STTTT-2025.xlsx").write_bytes(office_lock_file("Nguyen Van An"))
    (OUT / "._BAO_DL-2025.xlsx").write_bytes(apple_double())
    skipped = [
        dict(path="~$STTTT-2025.xlsx", why="Tệp khóa Excel tạo ra khi đang mở STTTT-2025.xlsx", mtime="2025-12-18T09:00:00"),
        dict(path="._BAO_DL-2025.xlsx", why="Tệp ẩn macOS (AppleDouble) chép kèm qua USB", mtime="2025-12-18T09:00:00"),
    ]

    files.sort(key=lambda f: f["path"])
    missing_codes = [c for c, s in STORY.items() if s.get("missing", "no") != "no"]
    manifest = dict(
        about="Ý định của từng tệp ví dụ (examples/make_submissions.py tạo). Intent of each example file; tests/cli/consolidate.rs checks the consolidated workbook against it.",
        plan=dict(id=plan["plan"]["id"], fingerprint=plan["plan"]["fingerprint"]),
        period=dict(id=PERIOD, start=period["start"], end=period["end"], due=period["due"]),
        as_of=AS_OF.isoformat(),
        expected_agencies=[dict(code=c, name=agencies[c]["name"], tasks=agencies[c]["tasks"],
                                indicators=agencies[c]["indicators"]) for c in reporters],
        not_submitted=missing_codes,
        notes={c: s["note"] for c, s in STORY.items()},
        files=files,
        skipped=skipped,
        indicator_types={i["id"]: i["type"] for i in plan["indicators"]},
        deadlines=deadlines,
        receipt_log="examples/so-nhan-2025.csv",
    )
    MANIFEST.write_text(json.dumps(manifest, ensure_ascii=False, indent=1, default=str) + "\n",
                        encoding="utf-8")

    with LOG.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["Tệp hoặc mã cơ quan", "Ngày nhận", "Ghi chú"])
        for key, when, why in sorted(log_rows, key=lambda r: (r[1], r[0])):
            w.writerow([key, when.strftime("%d/%m/%Y"), why])
    touch()


def touch():
    manifest = json.loads(MANIFEST.read_text(encoding="utf-8"))
    for f in manifest["files"] + manifest["skipped"]:
        set_mtime(OUT / f["path"], dt.datetime.fromisoformat(f["mtime"]))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--baocao", help="the baocao binary (default: target/release/baocao, else cargo run)")
    ap.add_argument("--touch", action="store_true", help="only restore the files' modification times")
    args = ap.parse_args()
    if args.touch:
        touch()
    else:
        generate(baocao_cmd(args.baocao))


if __name__ == "__main__":
    main()
