#!/bin/bash
# Builds the libFuzzer targets of Tests/Fuzz (coverage + address sanitizer) and runs each for
# SECONDS (default 60) on a working copy of its seed corpus, after replaying every committed
# crash input of Tests/Fuzz/Regressions. Usage: scripts/fuzz.sh [SECONDS] [TARGET...]
# Prints, per target, the executions, the coverage reached and the corpus size; exits non-zero on
# any crash, leak or assertion, with the input saved under .build-fuzz/findings/.
# `scripts/fuzz.sh build` only builds: the targets, and the gridmmo CLI from the same instrumented
# build (.build-fuzz/build/release/gridmmo, what `make asan-smoke` runs).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
seconds=${1:-60}
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(FuzzReplay FuzzNpy FuzzConfig FuzzCurriculum FuzzCheckpoint)
package="$root/Tests/Fuzz"
work="$root/.build-fuzz"
# libFuzzer without its main(): SwiftPM gives every executable its own entry point, which hands
# over to libFuzzer (FuzzDriver).
runtime=$(ls /opt/swift/usr/lib/clang/*/lib/linux/libclang_rt.fuzzer_no_main-x86_64.a 2>/dev/null | head -1)
if [ -z "$runtime" ]; then
  runtime=$(dirname "$(dirname "$(readlink -f "$(command -v swift)")")")/lib/clang
  runtime=$(ls "$runtime"/*/lib/linux/libclang_rt.fuzzer_no_main-x86_64.a | head -1)
fi
flags=(-c release -Xswiftc -sanitize=address -Xswiftc -sanitize-coverage=edge,inline-8bit-counters,pc-table,trace-cmp,indirect-calls
       -Xlinker "$runtime" -Xlinker -lstdc++)
for product in "" gridmmo; do
  swift build --package-path "$package" --scratch-path "$work/build" "${flags[@]}" ${product:+--product "$product"} 2>&1 \
    | grep -v "Cannot export local symbol '__asan_extra_spill_area'"
done
[ "$seconds" != build ] || exit 0
binaries="$work/build/release"
export SWIFT_BACKTRACE=enable=no ASAN_OPTIONS=detect_leaks=1
status=0
for target in "${targets[@]}"; do
  regressions=("$package/Regressions/$target"/*)
  if [ -e "${regressions[0]}" ]; then
    echo "$target: replaying ${#regressions[@]} regression input(s)"
    "$binaries/$target" "${regressions[@]}" > "$work/$target-regressions.log" 2>&1 || { echo "$target: a regression input fails again:"; tail -30 "$work/$target-regressions.log"; status=1; }
  fi
  mkdir -p "$work/corpus/$target" "$work/findings"
  log="$work/$target.log"
  if "$binaries/$target" "$work/corpus/$target" "$package/Corpus/$target" -max_total_time="$seconds" -print_final_stats=1 \
       -artifact_prefix="$work/findings/$target-" -close_fd_mask=3 > "$log" 2>&1; then
    summary=$(grep -E "^#[0-9]+.*(DONE|pulse)" "$log" | tail -1 | sed -E \
      's/^#([0-9]+)[[:space:]]+[A-Z]+[[:space:]]+cov: ([0-9]+) ft: ([0-9]+) corp: ([^ ]+).*exec\/s: ([0-9]+).*/\1 executions (\5\/s), \2 edges and \3 features covered, corpus \4/' || true)
    echo "$target: ${seconds}s, no crash: $summary"
  else
    echo "$target: FOUND A CRASH (input under $work/findings/):"
    grep -E "ERROR|Fatal error|Precondition|SUMMARY|Test unit written" "$log" | head -10 || true
    status=1
  fi
done
exit $status
