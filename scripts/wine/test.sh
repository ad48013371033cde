#!/usr/bin/env bash
# The Windows scenarios that matter, run on baocao.exe under Wine and compared with the Linux
# binary on the same inputs (issue 16, docs/windows.md):
#   --help; template (byte-identical workbooks); validate (a good, a bad, a missing file);
#   consolidate on the examples with the receipt log (same --json figures, same workbook cells
#   once `\` in paths is read as `/`); Vietnamese folder names past 260 characters with a
#   Windows-1258 `;` log; an output and an input held open the way Excel holds them; a
#   double-click from Explorer (a console of its own: usage, then wait for Enter); Vietnamese
#   and the progress bar through a Wine console.
#
# Usage: scripts/wine/test.sh BAOCAO.EXE LINUX-BAOCAO
# Needs wine64, x86_64-w64-mingw32-gcc, python3 with openpyxl, `script` (util-linux). Writes
# only under target/wine/. The ProcessPrng stub and hold.exe are built here, beside the exe
# copy under target/wine/, never beside the shipped one.
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD
exe=$(realpath "$1")
lin=$(realpath "$2")
WINE=${WINE:-$(command -v wine64 || command -v wine || echo /usr/lib/wine/wine64)}
export WINEPREFIX=${WINEPREFIX:-$root/target/wine/prefix}
export WINEDEBUG=-all NO_COLOR=1
unset BAOCAO_LANG BAOCAO_PLAN

run=$root/target/wine/run
rm -rf "$run"
mkdir -p "$run/bin"
cp "$exe" "$run/bin/baocao.exe"
# The Linux binary under its usual name (the usage line in --help shows it).
cp "$lin" "$run/bin/baocao"
lin=$run/bin/baocao
# Wine 8 lacks ProcessPrng (Rust >= 1.78 needs it): a stub DLL beside the test copy only.
x86_64-w64-mingw32-gcc -shared -O2 -o "$run/bin/bcryptprimitives.dll" scripts/wine/processprng.c -ladvapi32
x86_64-w64-mingw32-gcc -O2 -municode -o "$run/bin/hold.exe" scripts/wine/hold.c
export WINEDLLOVERRIDES="bcryptprimitives=n,b"
cd "$run"

passed=0
ok() { passed=$((passed + 1)); echo "  ok  $*"; }
fail() { echo "  FAIL $*" >&2; exit 1; }
win() { "$WINE" "$run/bin/baocao.exe" "$@"; }
# `code OUT CMD...`: runs CMD with stdout and stderr in OUT, prints its exit code.
code() { local out=$1; shift; set +e; "$@" >"$out" 2>&1; local c=$?; set -e; echo "$c"; }
# `\` as `/` (provenance paths are shown the Windows way under Windows), the exe's name as the
# binary's, `X-lin.EXT` and `X-win.EXT` (each run's own outputs) as `X.EXT`.
norm() { sed -e 's/\\\\/\//g' -e 's/\\/\//g' -e 's/baocao\.exe/baocao/g' -e 's/-\(lin\|win\)\././g' "$1"; }
same() { diff <(norm "$1") <(norm "$2") >/dev/null || { diff <(norm "$1") <(norm "$2") | head -20 >&2; fail "$3"; }; }
json_figures() { python3 - "$1" <<'PY'
import json, sys
v = json.load(open(sys.argv[1], encoding="utf-8"))
v.pop("output", None)
print(json.dumps(v, ensure_ascii=False, indent=1, sort_keys=True))
PY
}
# The workbook's cells as openpyxl reads them. The very hidden `_baocao_data` sheet holds one JSON
# document cut into parts: it is compared as that document, with `\` in its strings as `/` (the
# paths in it are shown the Windows way under Windows, which also moves where the parts are cut).
dump() {
  python3 "$root/tests/scripts/dump_workbook.py" "$1" | python3 -c '
import json, re, sys
d = json.load(sys.stdin)
parts = d["cells"].pop("_baocao_data", {})
rows = sorted((int(k[1:]), v) for k, v in parts.items() if re.fullmatch(r"A\d+", k) and k != "A1")
def slash(x):
    if isinstance(x, str):
        return x.replace("\\", "/")
    if isinstance(x, list):
        return [slash(v) for v in x]
    if isinstance(x, dict):
        return {k: slash(v) for k, v in x.items()}
    return x
d["data_version"] = parts.get("A1")
d["data"] = slash(json.loads("".join(v for _, v in rows))) if rows else None
print(json.dumps(d, ensure_ascii=False, indent=1, sort_keys=True))
'
}

echo "   (first start of the Wine prefix may take a minute)"
"$WINE" "$run/bin/baocao.exe" --version >/dev/null 2>&1 || true
cp -r "$root/examples/submissions/2025" in
cp "$root/examples/so-nhan-2025.csv" so-nhan.csv

# 1. Help, in Vietnamese, the same words.
"$lin" --help >help.lin; win --help >help.win
same help.lin help.win "--help differs"
"$lin" consolidate --help >chelp.lin; win consolidate --help >chelp.win
same chelp.lin chelp.win "consolidate --help differs"
grep -q "Lập, kiểm tra và tổng hợp" help.win || fail "--help is not Vietnamese UTF-8"
ok "--help: the same Vietnamese text as on Linux"

# 2. Templates: the same parts, byte for byte (the zip container differs only in the system
#    it says made it: DOS under Windows, Unix here).
parts() { python3 - "$1" <<'PY'
import hashlib, pathlib, sys, zipfile
for book in sorted(pathlib.Path(sys.argv[1]).iterdir()):
    with zipfile.ZipFile(book) as z:
        for i in z.infolist():
            print(book.name, i.filename, i.date_time, hashlib.sha256(z.read(i)).hexdigest())
PY
}
"$lin" template --period 2025 --out tpl-lin >/dev/null
win template --period 2025 --out tpl-win >/dev/null
n=$(ls tpl-lin | wc -l)
[ "$n" -gt 40 ] || fail "only $n templates"
parts tpl-lin >tpl.lin; parts tpl-win >tpl.win
same tpl.lin tpl.win "templates differ"
ok "template: $n workbooks, every part byte-identical"

# 3. validate: a good file, a file with errors, a password-protected one, a missing path.
for f in in/STTTT-2025.xlsx in/BDT-2025.xlsx in/SKHCN-2025.xls in/khong-co.xlsx; do
  cl=$(code v.lin "$lin" validate "$f" --period 2025)
  cw=$(code v.win win validate "$f" --period 2025)
  [ "$cl" = "$cw" ] || fail "validate $f: exit $cl on Linux, $cw under Wine"
  same v.lin v.win "validate $f differs"
  ok "validate $f: exit $cw, the same findings"
done

# cmd.exe leaves `*` to the program: baocao expands it as a Unix shell would.
cl=$(code v.lin "$lin" validate in/H_KRONG_PAC-2025.xls in/SGTVT-2025.xls in/SKHCN-2025.xls --period 2025)
cw=$(code v.win win validate 'in\*-2025.xls' --period 2025)
[ "$cl" = "$cw" ] || fail "validate in\\*-2025.xls: exit $cl on Linux, $cw under Wine"
same v.lin v.win "validate in\\*-2025.xls differs from the three files named"
ok "validate in\\*-2025.xls: the three .xls files, as named one by one"

# 4. consolidate on the examples with the receipt log: the same figures and workbook cells.
args=(consolidate in --period 2025 --as-of 2025-12-20 --received so-nhan.csv)
"$lin" "${args[@]}" --out th-lin.xlsx --json th-lin.json >c.lin
win "${args[@]}" --out th-win.xlsx --json th-win.json >c.win
same c.lin c.win "consolidate's summary differs"
json_figures th-lin.json >f.lin; json_figures th-win.json >f.win
same f.lin f.win "consolidate --json figures differ"
dump th-lin.xlsx >wb.lin; dump th-win.xlsx >wb.win
same wb.lin wb.win "the consolidated workbooks differ"
grep -q 'bo-sung\\\\BC SCT' th-win.json || fail "Windows paths are not shown with \\"
echo "      Tổng hợp (Linux): $(grep -m1 'Phải báo cáo' c.lin)"
echo "      Tổng hợp (Wine):  $(grep -m1 'Phải báo cáo' c.win)"
ok "consolidate: the same Tổng hợp figures, --json and workbook cells (paths with \\ under Windows)"

# 5. Vietnamese folder names nested past 260 characters, a Windows-1258 `;` log naming a file
#    with `\`.
deep="."
while [ ${#deep} -le 280 ]; do deep="$deep/Báo cáo thông tin đối ngoại năm 2025 của Sở TT&TT"; done
mkdir -p "$deep"
cp -r in "$deep/Đã nhận"
python3 - so-nhan.csv "$deep/Sổ nhận.csv" <<'PY'
import sys, unicodedata
text = open(sys.argv[1], encoding="utf-8").read().replace(",", ";").replace("bo-sung/", "bo-sung\\")
tones = "\u0300\u0301\u0303\u0309\u0323"
out = bytearray()
for c in text.replace("\n", "\r\n"):
    try:
        out += c.encode("cp1258")
    except UnicodeEncodeError:
        d = unicodedata.normalize("NFD", c)
        base = unicodedata.normalize("NFC", "".join(x for x in d if x not in tones))
        out += (base + "".join(x for x in d if x in tones)).encode("cp1258")
open(sys.argv[2], "wb").write(bytes(out))
PY
win consolidate "$deep/Đã nhận" --period 2025 --as-of 2025-12-20 --received "$deep/Sổ nhận.csv" \
  --out "$deep/Tổng hợp 2025.xlsx" --json "$deep/tom-tat.json" >/dev/null
json_figures "$deep/tom-tat.json" >f.deep
same f.lin f.deep "the deep Vietnamese path gives other figures"
ok "Vietnamese names, a ${#deep}-character folder, a Windows-1258 ; log: the same figures"

# 6. The output open in Excel: a clear message, the previous workbook kept.
hold() { [ -n "${WINE_TEST_DEBUG:-}" ] && date +"%T hold $*" >&2; rm -f ready stop; "$WINE" "$run/bin/hold.exe" "$1" ready stop "${2:-read}" & for _ in $(seq 100); do [ -e ready ] && return; sleep 0.2; done; fail "hold.exe did not start"; }
release() { touch stop; wait; [ -n "${WINE_TEST_DEBUG:-}" ] && date +%T >&2; true; }
cp th-win.xlsx before.xlsx
hold th-win.xlsx
c=$(code locked.out win "${args[@]}" --out th-win.xlsx --force)
release
[ "$c" = 2 ] || fail "a workbook open in Excel: exit $c, expected 2"
grep -q "đóng tệp \`th-win.xlsx\` trong Excel rồi chạy lại" locked.out || { cat locked.out >&2; fail "no close-it-in-Excel message"; }
cmp -s before.xlsx th-win.xlsx || fail "the previous workbook was changed"
ls -a | grep -q '^\.baocao-' && fail "a temporary file was left"
ok "output open in Excel: exit 2, \"$(sed 's/^lỗi: //' locked.out | cut -c1-60)…\", previous file intact"

# 7. An input open in Excel (others may read it): read as usual. Locked even for reading:
#    one finding naming it, and the rest consolidated.
hold in/STTTT-2025.xlsx
win "${args[@]}" --out th-open.xlsx --json th-open.json >/dev/null
release
json_figures th-open.json | sed 's/th-open/th-win/g' >f.open
same f.lin f.open "an input open in Excel changed the figures"
hold in/STTTT-2025.xlsx none
cv=$(code vlock.out win validate in/STTTT-2025.xlsx --period 2025)
win "${args[@]}" --out th-lock.xlsx --json th-lock.json >/dev/null
release
[ "$cv" = 1 ] || fail "validate of a locked input: exit $cv"
grep -q "STTTT-2025.xlsx" vlock.out && grep -q "đóng tệp trong Excel" vlock.out || { cat vlock.out >&2; fail "locked input message"; }
python3 - th-lock.json <<'PY' || fail "a locked input in consolidate"
import json, sys
v = json.load(open(sys.argv[1], encoding="utf-8"))
f = [f for f in v["files"] if f["path"] == "STTTT-2025.xlsx"]
assert f and f[0]["role"] == "unreadable", f
assert v["totals"]["files"] == 50, v["totals"]
PY
ok "input open in Excel: read as usual; locked against reading: one F001 naming it, \"đóng tệp trong Excel\""

# 8. Double-click from Explorer: a console of its own; usage in Vietnamese, then Enter.
(sleep 3; printf '\r\n') | timeout 60 script -qec "'$WINE' '$run/bin/baocao.exe'" /dev/null >dbl.out
grep -q "không mở bằng cách nháy đúp" dbl.out || fail "no usage on a double-click"
grep -q "Nhấn Enter để đóng cửa sổ này" dbl.out || fail "no wait for Enter"
ok "double-click: usage in Vietnamese, waits for Enter"

# 9. Vietnamese and the progress bar through a console (WriteConsoleW).
(sleep 8; printf '\r\n') | timeout 90 script -qec "'$WINE' '$run/bin/baocao.exe' ${args[*]} --out th-tty.xlsx" /dev/null >tty.out
grep -q "Tổng hợp báo cáo kỳ năm 2025" tty.out || fail "Vietnamese through the console"
grep -q "░" tty.out && grep -q " [0-9]*/50" tty.out || fail "no progress bar on the console"
ok "console: Vietnamese text and the progress bar render"

echo "== Wine scenarios: all $passed passed (baocao.exe under $("$WINE" --version 2>/dev/null || echo wine))"
