#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright 2026 The Medusa Account authors
#
# fuzz.sh [SECONDS] - build the libFuzzer targets of tests/fuzz with clang in
# _build/fuzz and run each for SECONDS (default 60), one after the other.
#
# Each target works on its own corpus in _build/fuzz/corpus/<target>, seeded
# from tests/fuzz/corpus/<target> and kept between runs (the repository's
# corpus is never written to). Crashes, leaks and timeouts are saved in
# _build/fuzz/artifacts/<target>/; add a minimised one to the seed corpus
# (<target> -minimize_crash=1 -runs=10000 FILE) when its bug is fixed.
#
# Environment (optional):
#   FUZZ_TARGETS="fuzz-models fuzz-json-parse"   only these targets
#   FUZZ_ARGS="-jobs=2 -workers=2"               more libFuzzer arguments
# Prints executions, coverage (cov: edges, ft: features) and corpus size per
# target; exits 1 when a target found a crash.
set -uo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BUILD="$ROOT/_build/fuzz"
SECONDS_PER_TARGET=${1:-60}
ALL_TARGETS="fuzz-json-parse fuzz-models fuzz-error-mapping fuzz-order-query fuzz-reset-link fuzz-claim-token fuzz-decimal fuzz-csv fuzz-order-summaries"
TARGETS=${FUZZ_TARGETS:-$ALL_TARGETS}

if ! [[ "$SECONDS_PER_TARGET" =~ ^[0-9]+$ ]] || [ "$SECONDS_PER_TARGET" = 0 ]; then
  echo "usage: $0 [SECONDS per target, default 60]" >&2
  exit 2
fi
command -v clang >/dev/null || { echo "fuzz.sh: clang is not installed (tools/install-deps.sh)" >&2; exit 2; }

# The sanitizers and the coverage instrumentation come from tests/fuzz/meson.build
# (-fsanitize=fuzzer,address,undefined for the targets, fuzzer-no-link for the
# core they link): meson's b_sanitize has no "fuzzer".
mkdir -p "$ROOT/_build"
options=(-Dfuzz=true -Db_lundef=false -Dapp=false -Dgui_tests=false -Dintegration_tests=false -Dbench=false)
if [ -f "$BUILD/build.ninja" ]; then
  meson setup --reconfigure "$BUILD" "$ROOT" "${options[@]}" >"$ROOT/_build/fuzz-setup.log" 2>&1
else
  CC=clang meson setup "$BUILD" "$ROOT" "${options[@]}" >"$ROOT/_build/fuzz-setup.log" 2>&1
fi || { cat "$ROOT/_build/fuzz-setup.log"; exit 1; }

ninja_targets=()
for t in $TARGETS; do ninja_targets+=("tests/fuzz/$t"); done
ninja -C "$BUILD" "${ninja_targets[@]}" || exit 1

export G_SLICE=always-malloc
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:fast_unwind_on_malloc=0:abort_on_error=1}
export LSAN_OPTIONS=${LSAN_OPTIONS:-suppressions=$ROOT/tools/lsan.supp:print_suppressions=0}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-halt_on_error=1:print_stacktrace=1}

declare -A summary
crashed=0
for t in $TARGETS; do
  corpus="$BUILD/corpus/$t"
  artifacts="$BUILD/artifacts/$t"
  log="$BUILD/$t.log"
  mkdir -p "$corpus" "$artifacts"
  cp -n "$ROOT/tests/fuzz/corpus/$t/"* "$corpus/" 2>/dev/null || true

  echo "== $t: ${SECONDS_PER_TARGET}s (log: $log)"
  # shellcheck disable=SC2086
  "$BUILD/tests/fuzz/$t" -max_total_time="$SECONDS_PER_TARGET" -dict="$ROOT/tests/fuzz/json.dict" \
    -timeout=20 -rss_limit_mb=2048 -error_exitcode=1 -timeout_exitcode=1 -print_final_stats=1 \
    -artifact_prefix="$artifacts/" ${FUZZ_ARGS:-} "$corpus" >"$log" 2>&1
  rc=$?

  # the last status line: "#12345  DONE  cov: 157 ft: 646 corp: 52/570Kb ..."
  last=$(grep -E '^#[0-9]+' "$log" | tail -1)
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  cov=$(sed -n 's/.* cov: \([0-9]*\).*/\1/p' <<<"$last")
  ft=$(sed -n 's/.* ft: \([0-9]*\).*/\1/p' <<<"$last")
  corp=$(sed -n 's/.* corp: \([^ ]*\).*/\1/p' <<<"$last")
  if [ "$rc" = 0 ]; then
    result=ok
  else
    result="FAILED (exit $rc; see $log and $artifacts)"
    crashed=1
    grep -E 'ERROR: |check failed|SUMMARY: ' "$log" | head -5
  fi
  summary[$t]=$(printf '%-20s execs %-10s cov %-6s ft %-7s corpus %-12s %s' \
                "$t" "${execs:-?}" "${cov:-?}" "${ft:-?}" "${corp:-?}" "$result")
done

echo
echo "== fuzz.sh: ${SECONDS_PER_TARGET}s per target"
for t in $TARGETS; do echo "${summary[$t]}"; done
exit "$crashed"
