#!/usr/bin/env bash
# Benchmark of `baocao consolidate` against the read limit and the pandas reference.
#
#   bench/run.sh                 # N = 200 and 2000, 5 runs each (3 for pandas at N >= 1000)
#   bench/run.sh 20 200          # other sizes
#   BENCH_RUNS=3 bench/run.sh    # fewer runs
#
# From a fresh clone, one command: installs what is missing (GNU time with apt-get; pandas,
# openpyxl and python-calamine with pip), builds the release binary and the two examples,
# generates the data with `examples/gen_bench.rs`, then, for each N, runs side by side and
# interleaved (so a busy machine slows every tool alike):
#   (a) baocao consolidate                       wall time and peak RSS (/usr/bin/time -v)
#   (b) examples/read_limit.rs                   calamine reads every cell of both sheets
#   (c) ../shared/bench/baseline_pandas.py       with openpyxl, and with --engine calamine
#   (d) baocao template                          one template per agency
#   (e) baocao report                            the Word report from (a)'s workbook
#   (f) baocao consolidate --previous            (a) compared with an earlier period of the same
#                                                size (bench/previous_workbook.py)
#   (g) baocao summary                           seven periods 2024–2030 of that size (the earlier
#                                                consolidation relabelled each year)
# and prints medians and ratios (a markdown table, also saved in $BENCH_DIR/results-N.md).
#
# Environment: BENCH_DIR (default target/bench), BENCH_RUNS (5), BENCH_PANDAS_RUNS (runs of
# pandas at N >= 1000; default 3, it takes about a minute a run), BENCH_SEED (1),
# BASELINE (path of baseline_pandas.py; default ../shared/bench/baseline_pandas.py).
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$PWD
SIZES=("$@")
[ ${#SIZES[@]} -eq 0 ] && SIZES=(200 2000)
WORK=${BENCH_DIR:-$ROOT/target/bench}
RUNS=${BENCH_RUNS:-5}
PANDAS_RUNS=${BENCH_PANDAS_RUNS:-3}
SEED=${BENCH_SEED:-1}
BASELINE=${BASELINE:-$ROOT/../shared/bench/baseline_pandas.py}
PERIOD=2025
AS_OF=2025-12-31

say() { printf '\033[1m%s\033[0m\n' "$*" >&2; }

# ---- prerequisites -------------------------------------------------------------------------
if ! /usr/bin/time -f %e true >/dev/null 2>&1; then
    say "installing GNU time (apt-get)"
    SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO=sudo
    $SUDO apt-get update -qq && $SUDO apt-get install -y -qq time >/dev/null
fi
HAVE_PANDAS=1
if [ ! -f "$BASELINE" ]; then
    say "warning: $BASELINE not found; skipping the pandas reference (set BASELINE=...)"
    HAVE_PANDAS=0
elif ! python3 -c "import pandas, openpyxl, python_calamine" 2>/dev/null; then
    say "installing pandas, openpyxl, python-calamine (pip)"
    python3 -m pip install --quiet pandas openpyxl python-calamine
fi

say "building (release)"
cargo build --release --quiet --bin baocao --example gen_bench --example read_limit
TARGET=$(cargo metadata --format-version 1 --no-deps | python3 -c 'import json,sys; print(json.load(sys.stdin)["target_directory"])')
BAOCAO=$TARGET/release/baocao
GEN=$TARGET/release/examples/gen_bench
READ=$TARGET/release/examples/read_limit

mkdir -p "$WORK"
LOAD=$(cut -d' ' -f1-3 /proc/loadavg)
# ---- one measurement: wall seconds and peak RSS in KB ---------------------------------------
# measure NAME CMD...: appends "wall rss" to $WORK/NAME.runs; the command's output is kept in
# $WORK/NAME.log (the last run).
measure() {
    local name=$1; shift
    local t="$WORK/$name.time"
    if ! /usr/bin/time -v -o "$t" "$@" >"$WORK/$name.log" 2>&1; then
        # consolidate exits 1 when submissions have errors; anything else is a failure.
        if ! grep -q "Exit status: 1$" "$t"; then
            say "FAILED: $*"; cat "$WORK/$name.log" >&2; exit 2
        fi
    fi
    local wall rss cpu
    wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {n=split($2,p,":"); s=0; for(i=1;i<=n;i++) s=s*60+p[i]; print s}' "$t")
    rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$t")
    cpu=$(awk -F': ' '/User time|System time/ {s+=$2} END {print s}' "$t")
    echo "$wall $rss $cpu" >>"$WORK/$name.runs"
}
median() { # median of column $2 in file $1
    sort -g -k"$2","$2" "$1" | awk -v c="$2" '{v[NR]=$c} END {if (NR%2) print v[(NR+1)/2]; else print (v[NR/2]+v[NR/2+1])/2}'
}

declare -A WALL RSS CPU
for N in "${SIZES[@]}"; do
    DATA=$WORK/data-$N
    OUT=$WORK/out-$N
    say "N = $N: generating $DATA"
    "$GEN" --agencies "$N" --out "$DATA" --seed "$SEED" --force >&2
    rm -rf "$OUT"; mkdir -p "$OUT"
    rm -f "$WORK"/*-"$N".runs
    cat "$DATA"/*.xlsx >/dev/null   # warm the page cache for everyone alike
    # (f)'s earlier period: another seed's data consolidated, its data sheet relabelled 2024.
    PREV=$WORK/prev-$N
    "$GEN" --agencies "$N" --out "$PREV/data" --seed $((SEED + 1)) --force >&2
    "$BAOCAO" --plan "$DATA/plan" consolidate "$PREV/data" --period $PERIOD --as-of $AS_OF \
        --out "$PREV/full.xlsx" --force >/dev/null || [ $? -eq 1 ]
    python3 bench/previous_workbook.py "$PREV/full.xlsx" "$PREV/tong-hop-2024.xlsx"
    # (g)'s seven periods, 2024–2030: the same consolidation relabelled each year.
    rm -rf "$PREV/periods"; mkdir -p "$PREV/periods"
    for year in 2024 2025 2026 2027 2028 2029 2030; do
        python3 bench/previous_workbook.py "$PREV/full.xlsx" "$PREV/periods/tong-hop-$year.xlsx" "$year"
    done

    pandas_runs=$RUNS
    [ "$N" -ge 1000 ] && pandas_runs=$PANDAS_RUNS
    for run in $(seq 1 "$RUNS"); do
        say "N = $N: run $run/$RUNS"
        measure "consolidate-$N" "$BAOCAO" --plan "$DATA/plan" consolidate "$DATA" \
            --period $PERIOD --as-of $AS_OF --out "$OUT/tong-hop.xlsx" --force
        measure "consolidate_previous-$N" "$BAOCAO" --plan "$DATA/plan" consolidate "$DATA" \
            --period $PERIOD --as-of $AS_OF --previous "$PREV/tong-hop-2024.xlsx" \
            --out "$OUT/tong-hop-so-sanh.xlsx" --force
        measure "report-$N" "$BAOCAO" --plan "$DATA/plan" report "$OUT/tong-hop.xlsx" \
            --out "$OUT/bao-cao.docx" --force
        measure "summary-$N" "$BAOCAO" --plan "$DATA/plan" summary "$PREV/periods" \
            --out "$OUT/tong-ket.xlsx" --force
        measure "read_limit-$N" "$READ" "$DATA"
        measure "template-$N" "$BAOCAO" --plan "$DATA/plan" template --period $PERIOD \
            --as-of 2025-11-01 --out "$OUT/templates" --force
        if [ $HAVE_PANDAS -eq 1 ] && [ "$run" -le "$pandas_runs" ]; then
            measure "pandas_openpyxl-$N" python3 "$BASELINE" "$DATA" "$DATA/plan.json" \
                "$OUT/pandas-openpyxl.xlsx" --period $PERIOD
            measure "pandas_calamine-$N" python3 "$BASELINE" "$DATA" "$DATA/plan.json" \
                "$OUT/pandas-calamine.xlsx" --period $PERIOD --engine calamine
        fi
    done
    for name in consolidate consolidate_previous report summary read_limit template pandas_openpyxl pandas_calamine; do
        f="$WORK/$name-$N.runs"
        [ -f "$f" ] || continue
        WALL[$name-$N]=$(median "$f" 1)
        RSS[$name-$N]=$(median "$f" 2)
        CPU[$name-$N]=$(median "$f" 3)
    done
done

# ---- report --------------------------------------------------------------------------------
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.1f", a / b; else print "—" }'; }
mb() { awk -v k="$1" 'BEGIN { printf "%.0f", k / 1024 }'; }
{
    echo
    echo "Machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //'); load average before the runs: $LOAD; runs: $RUNS (pandas at N >= 1000: $PANDAS_RUNS); medians"
    echo
    echo "| N | what | wall (s) | CPU user+sys (s) | peak RSS (MB) | ratio (wall) |"
    echo "|---:|---|---:|---:|---:|---|"
    for N in "${SIZES[@]}"; do
        c=${WALL[consolidate-$N]}
        for name in consolidate consolidate_previous report summary read_limit pandas_openpyxl pandas_calamine template; do
            [ -n "${WALL[$name-$N]:-}" ] || continue
            w=${WALL[$name-$N]}
            case $name in
                consolidate) r="—" ;;
                consolidate_previous) r="consolidate --previous / consolidate = $(ratio "$w" "$c")× (target ≤ 1.2)" ;;
                read_limit) r="consolidate / read limit = $(ratio "$c" "$w")×" ;;
                pandas_*) r="$(ratio "$w" "$c")× slower than consolidate" ;;
                template) r="$N templates" ;;
                report) r="Word report of $N agencies" ;;
                summary) r="summary of 7 periods / consolidate = $(ratio "$w" "$c")× (target ≤ 0.2)" ;;
            esac
            echo "| $N | $name | $w | ${CPU[$name-$N]} | $(mb "${RSS[$name-$N]}") | $r |"
        done
    done
    if [ ${#SIZES[@]} -ge 2 ]; then
        a=${SIZES[0]}; b=${SIZES[-1]}
        echo
        echo "Scaling: consolidate time($b) / time($a) = $(ratio "${WALL[consolidate-$b]}" "${WALL[consolidate-$a]}")"
    fi
} | tee "$WORK/results.md"
say "raw runs and logs: $WORK"
