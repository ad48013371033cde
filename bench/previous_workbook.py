#!/usr/bin/env python3
"""An earlier period's consolidation for the `--previous` and `summary` benchmarks.

Usage: bench/previous_workbook.py IN.xlsx OUT.xlsx [YEAR]

`gen_bench` makes submissions for one period (2025) only. This takes a consolidation baocao
wrote, reads its very hidden `_baocao_data` sheet (docs/consolidated-format.md §15), relabels
it as the annual period YEAR (default 2024: data 15/12/2023–14/12/2024, due 19/12/2024) and
writes OUT.xlsx: the same workbook, every part copied as it is except the data sheet's, which
is written the way baocao writes it (inline strings, parts of at most 32,000 UTF-16 units). So
reading OUT costs what reading a real consolidation of that period and size would.
"""
import json
import re
import sys
import zipfile
from xml.sax.saxutils import escape

import openpyxl

PART = 32_000


def relabel(src, year):
    wb = openpyxl.load_workbook(src, read_only=True)
    ws = wb["_baocao_data"]
    rows = [r[0] for r in ws.iter_rows(min_col=1, max_col=2, values_only=True)]
    version = rows[0]
    count = int(next(ws.iter_rows(min_row=1, max_row=1, min_col=2, max_col=2, values_only=True))[0])
    data = json.loads("".join(rows[1 : 1 + count]))
    data["period"].update(
        id=str(year),
        name=f"năm {year}",
        start=f"{year - 1}-12-15",
        end=f"{year}-12-14",
        due=f"{year}-12-19",
    )
    data["as_of"] = f"{year}-12-31"
    return version, json.dumps(data, ensure_ascii=False)


def parts_of(text):
    """Parts by UTF-16 units (Excel's count), as baocao writes them."""
    parts, cur, units = [], [], 0
    for ch in text:
        n = 2 if ord(ch) > 0xFFFF else 1
        if units + n > PART:
            parts.append("".join(cur))
            cur, units = [], 0
        cur.append(ch)
        units += n
    parts.append("".join(cur))
    return parts


def data_sheet_part(z):
    """The zip path of the `_baocao_data` worksheet, through workbook.xml and its rels."""
    book = z.read("xl/workbook.xml").decode()
    rid = re.search(r'<sheet [^>]*name="_baocao_data"[^>]*r:id="([^"]+)"', book).group(1)
    rels = z.read("xl/_rels/workbook.xml.rels").decode()
    target = re.search(r'<Relationship [^>]*Id="%s"[^>]*Target="([^"]+)"' % rid, rels)
    if target is None:
        target = re.search(r'<Relationship [^>]*Target="([^"]+)"[^>]*Id="%s"' % rid, rels)
    path = target.group(1).lstrip("/")
    return path if path.startswith("xl/") else "xl/" + path


def sheet_xml(version, parts):
    cell = lambda r, t: f'<c r="A{r}" t="inlineStr"><is><t xml:space="preserve">{escape(t)}</t></is></c>'
    rows = [f'<row r="1">{cell(1, version)}<c r="B1"><v>{len(parts)}</v></c></row>']
    rows += [f'<row r="{i + 2}">{cell(i + 2, p)}</row>' for i, p in enumerate(parts)]
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
        'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
        f'<dimension ref="A1:B{len(parts) + 1}"/><sheetData>{"".join(rows)}</sheetData></worksheet>'
    )


def main():
    src, dst = sys.argv[1], sys.argv[2]
    year = int(sys.argv[3]) if len(sys.argv) > 3 else 2024
    version, text = relabel(src, year)
    with zipfile.ZipFile(src) as z:
        part = data_sheet_part(z)
        with zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as out:
            for info in z.infolist():
                body = sheet_xml(version, parts_of(text)).encode() if info.filename == part else z.read(info)
                out.writestr(info, body, compress_type=zipfile.ZIP_DEFLATED)


if __name__ == "__main__":
    main()
