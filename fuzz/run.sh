#!/usr/bin/env bash
# Builds the libFuzzer targets (address sanitizer on) and runs each from its seed corpus.
#
#   fuzz/run.sh [SECONDS] [KIND...]    KIND: recipe expression csv json xlsx xls text pattern sqlite
#
# Each target runs SECONDS (default 60) from fuzz/corpus/KIND plus what earlier runs found
# (fuzz/work/KIND, not committed); a crash, a timeout (10 s per input) or memory past 2 GiB is
# written to fuzz/findings/KIND/ and stops that target. The last lines of each log
# (fuzz/work/KIND.log) give the executions: `stat::number_of_executed_units`.
set -euo pipefail
cd "$(dirname "$0")"
command -v swift >/dev/null || export PATH="/opt/swift/usr/bin:$PATH"

seconds=${1:-60}
shift || true
kinds=("$@")
[ ${#kinds[@]} -gt 0 ] || kinds=(recipe expression csv json xlsx xls text pattern sqlite)

# Swift's runtime keeps metadata for the life of the process, which LeakSanitizer reports.
export ASAN_OPTIONS="detect_leaks=0:${ASAN_OPTIONS:-}"
# lld: gold stops with an internal error linking these.
swift build -c release -Xswiftc -sanitize=fuzzer,address -Xcc -fsanitize=fuzzer-no-link,address -Xswiftc -use-ld=lld 2>&1 | tail -3

declare -A targets=([recipe]=FuzzRecipe [expression]=FuzzExpression [csv]=FuzzCSV [json]=FuzzJSON [xlsx]=FuzzXLSX
                    [xls]=FuzzXLS [text]=FuzzText [pattern]=FuzzPattern [sqlite]=FuzzSQLite)
status=0
for kind in "${kinds[@]}"; do
    mkdir -p "work/$kind" "findings/$kind"
    echo "== $kind: ${seconds}s"
    if ! ".build/release/${targets[$kind]}" "work/$kind" "corpus/$kind" -max_total_time="$seconds" -timeout=10 \
            -rss_limit_mb=2048 -max_len=65536 -print_final_stats=1 -artifact_prefix="findings/$kind/" \
            >"work/$kind.log" 2>&1; then
        status=1
        echo "   finding in fuzz/findings/$kind/ (see fuzz/work/$kind.log)"
    fi
    grep -E "stat::number_of_executed_units|stat::peak_rss_mb" "work/$kind.log" | sed 's/^/   /' || true
done
exit $status
