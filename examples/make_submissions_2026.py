#!/usr/bin/env python3
"""Example submissions for period 2026 (after the 2025 reorganisation), beside those of 2025.

Usage: python3 examples/make_submissions_2026.py [BAOCAO]   (BAOCAO: the binary, default
target/debug/baocao). Writes examples/submissions/2026/:

- templates made with `baocao template --period 2026` for a few bodies in force (SVHTTDL, the
  consolidator; STC, which inherited SKHDT's tasks III.4.1-4; SNNMT, founded 1/3/2025; two
  commune-level People's Committees founded 1/7/2025), filled as an officer would;
- SKHDT-2026.xlsx: a report on a *predecessor's* template: SKHDT's template for 2026 made with
  the plan as signed (no amendments), as an officer with an old copy of baocao would have. It is
  credited to STC with warning I010 (STC also sends its own report, which is used; the old one
  is listed as superseded).
Every other body in force is missing, which is what the chase list shows.

Against the 2025 consolidation (`consolidate --previous`), the changes an officer meets every
year: SYT, one day late in 2025, is on time; STC completes tasks III.4.1-4 that SKHDT (merged
into it) had in progress; the figures move a little from 2025's, except STC's CT08 (events),
typed 90 instead of 9: ten times 2025's figure, which `--previous` flags (C001).
"""

import datetime
import os
import shutil
import subprocess
import sys
import tempfile

import openpyxl

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
OUT = os.path.join(HERE, "submissions", "2026")


def find(ws, text, max_row=60):
    for row in ws.iter_rows(min_row=1, max_row=max_row):
        for cell in row:
            if isinstance(cell.value, str) and cell.value.strip() == text:
                return cell
    raise SystemExit(f"{text!r} not found in {ws.title!r}")


def right_of(ws, label):
    cell = find(ws, label)
    last = cell.column
    for rng in ws.merged_cells.ranges:
        if rng.min_row <= cell.row <= rng.max_row and rng.min_col <= cell.column <= rng.max_col:
            last = rng.max_col
    return ws.cell(row=cell.row, column=last + 1)


# Indicator values for 2026, near each body's 2025 figures (the 2025 reports of the bodies
# each one continues); any other indicator gets DEFAULT.
VALUES = {
    "SVHTTDL": {"CT01": 345, "CT03": 5, "CT04": 4, "CT05": 6, "CT06": 390, "CT07": 15, "CT08": 9,
                "CT09": 11, "CT10": 10, "CT14": 4, "CT15": 12.5, "CT16": 85, "CT18": 4},
    # CT08: 9 events, as in 2025, typed 90 by mistake.
    "STC": {"CT08": 90, "CT14": 3, "CT15": 52, "CT16": 93},
    "SNNMT": {"CT14": 4, "CT15": 61, "CT16": 91},
    "SYT": {"CT14": 3, "CT15": 41, "CT16": 88},
}
DEFAULT = {"CT07": 2, "CT14": 2, "CT15": 15, "CT16": 78}


def fill(src, dst, signed, preparer, in_progress=(), values=None):
    values = {**DEFAULT, **(values or {})}
    wb = openpyxl.load_workbook(src)
    ws = wb["Báo cáo"]
    right_of(ws, "Ngày báo cáo").value = signed
    right_of(ws, "Người lập").value = preparer
    right_of(ws, "Điện thoại").value = "0262 3812 345"
    head = find(ws, "Mã nhiệm vụ")
    cols = {c.value: c.column for c in ws[head.row] if c.value}
    r = head.row + 1
    while ws.cell(row=r, column=cols["Mã nhiệm vụ"]).value:
        task = ws.cell(row=r, column=cols["Mã nhiệm vụ"]).value
        if task in in_progress:
            ws.cell(row=r, column=cols["Tình trạng"]).value = "Đang thực hiện"
            ws.cell(row=r, column=cols["Kết quả thực hiện"]).value = "Đang triển khai, dự kiến xong quý I/2027."
        else:
            ws.cell(row=r, column=cols["Tình trạng"]).value = "Đã hoàn thành"
            ws.cell(row=r, column=cols["Ngày hoàn thành"]).value = datetime.date(2026, 11, 30)
            ws.cell(row=r, column=cols["Kết quả thực hiện"]).value = "Đã triển khai theo kế hoạch."
        r += 1
    wi = wb["Chỉ tiêu"]
    ihead = find(wi, "Mã chỉ tiêu")
    icols = {c.value: c.column for c in wi[ihead.row] if c.value}
    lists = {}
    for dv in wi.data_validations.dataValidation:
        for rng in dv.sqref.ranges:
            for row in range(rng.min_row, rng.max_row + 1):
                lists[row] = dv.type
    r = ihead.row + 1
    while wi.cell(row=r, column=icols["Mã chỉ tiêu"]).value:
        code = wi.cell(row=r, column=icols["Mã chỉ tiêu"]).value
        wi.cell(row=r, column=icols["Số liệu"]).value = "Có" if lists.get(r) == "list" else values.get(code, 3)
        r += 1
    wb.save(dst)


def main():
    baocao = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "target", "debug", "baocao")
    os.makedirs(OUT, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        run = lambda *a: subprocess.run([baocao, *a], check=True, cwd=ROOT, stdout=subprocess.DEVNULL)
        new = ["SVHTTDL", "STC", "SNNMT", "SYT", "P_BUON_MA_THUOT", "X_EA_KAR"]
        args = ["template", "--period", "2026", "--out", tmp, "--as-of", "2026-11-20", "--force"]
        for a in new:
            args += ["--agency", a]
        run(*args)
        # The plan as signed, without amendments: an old copy of baocao.
        signed = os.path.join(tmp, "ke-hoach-ban-hanh")
        shutil.copytree(os.path.join(ROOT, "plan"), signed, ignore=shutil.ignore_patterns("amendments"))
        old = os.path.join(tmp, "cu")
        run("--plan", signed, "template", "--period", "2026", "--agency", "SKHDT", "--out", old, "--as-of", "2026-11-20")
        people = {
            "SVHTTDL": ("Trần Thị Bình", datetime.date(2026, 12, 16), ("III.3.4",)),
            "STC": ("Lê Văn Cường", datetime.date(2026, 12, 17), ()),
            "SNNMT": ("Phạm Thị Dung", datetime.date(2026, 12, 22), ()),
            # One day late in 2025 (20/12/2025 in the receipt log); on time this year.
            "SYT": ("Đặng Thị Giang", datetime.date(2026, 12, 16), ()),
            "P_BUON_MA_THUOT": ("H' Hoa Niê", datetime.date(2026, 12, 18), ()),
            "X_EA_KAR": ("Y Phôn Ksor", datetime.date(2026, 12, 15), ("III.12.2",)),
        }
        for a, (who, date, prog) in people.items():
            fill(os.path.join(tmp, f"{a}-2026.xlsx"), os.path.join(OUT, f"{a}-2026.xlsx"), date, who, prog,
                 VALUES.get(a))
        fill(os.path.join(old, "SKHDT-2026.xlsx"), os.path.join(OUT, "SKHDT-2026.xlsx"),
             datetime.date(2026, 12, 10), "Võ Văn Em", ())


if __name__ == "__main__":
    main()
