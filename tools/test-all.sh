#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright 2026 The Medusa Account authors
#
# test-all.sh - the one test command (CI runs exactly this through .ci/run).
#
#   1. tools/install-deps.sh (only what is missing)
#   2. _build/ci: fresh `meson setup --werror`, build, unit + service (+ data) tests
#   3. _build/asan: AddressSanitizer + UBSan build of the core, unit + service tests
#      (and, once the backend is up, the integration scenario again)
#   3b. _build/fuzz-ci: clang build of the libFuzzer targets (tests/fuzz), each run
#      over its seed corpus plus a fixed number of runs (the "fuzz" suite)
#   4. the real Medusa v1 backend (tests/integration/medusa-up.sh), integration tests
#   4b. the real Medusa v2 backend (tests/integration-v2/medusa-up.sh, started in the
#      background while step 4 runs), its smoke test and the integration-v2 suite
#      (only when the build has -Dintegration_v2_tests=true, the default)
#   5. GUI tests in Xvfb + a private D-Bus session + an unlocked keyring
#      (only when the build defines tests in the "gui" suite)
#
# Everything it starts (Xvfb, keyring daemon, the backend) is stopped by PID on
# exit; a backend that was already running before is left alone.
# Prints the logs of failed tests, then "N passed, M failed" and the wall time.
# Exit status: 0 only when nothing failed.
#
# Environment (optional):
#   MEDUSA_DIR, MEDUSA_PORT, MEDUSA_PG_PORT   where the backend lives/listens
#                        (default /var/tmp/medusa-v1, 9000, 54329; when 9000 is
#                        taken by something else: /var/tmp/medusa-v1-alt, 9100, 54339)
#   TEST_ALL_SKIP_ASAN=1  skip step 3 (for quick local runs; CI never sets it)
#   TEST_ALL_SKIP_FUZZ=1  skip step 3b (for quick local runs; CI never sets it)
#   MEDUSA_V2_DIR, MEDUSA_V2_PORT, MEDUSA_V2_PG_PORT   the v2 backend
#                        (default /var/tmp/medusa-v2, 9200, 54339; 54349 when the
#                        v1 backend moved to 54339)
#   TEST_ALL_SKIP_V2=1    build without the v2 integration tests and start no v2
#                        backend (saves about 2 minutes and 700 MB on a fresh machine)
set -uo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
T0=$(date +%s)

mkdir -p "$ROOT/_build"   # a fresh clone has none; logs go there too
BUILD_CI="$ROOT/_build/ci"
BUILD_ASAN="$ROOT/_build/asan"
PASSED=0 FAILED=0 SKIPPED=0
CI_BUILD_OK=0
FAILED_WHAT=()

log() { printf '\n[test-all %4ss] %s\n' "$(( $(date +%s) - T0 ))" "$*"; }
alive() { [ -n "${1:-}" ] && kill -0 "$1" 2>/dev/null; }
port_in_use() { ss -Hltn "sport = :$1" 2>/dev/null | grep -q .; }
step_failed() { FAILED=$((FAILED + 1)); FAILED_WHAT+=("$1"); echo "[test-all] FAILED: $1" >&2; }

# --- cleanup: only what this script started, by PID ----------------------------
XVFB_PID=
GUI_TMP=
BACKEND_STARTED=none   # none | all (medusa + postgres) | medusa (postgres was already up)
BACKEND_MEDUSA_PID=
BACKEND_V2_STARTED=none  # none | all | medusa, as for v1
BACKEND_V2_MEDUSA_PID=
V2_UP_PID=               # the background medusa-up.sh of the v2 backend

stop_pid() { # NAME PID
  local name=$1 pid=$2
  alive "$pid" || return 0
  echo "[test-all] stopping $name (pid $pid)"
  kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 1 40); do alive "$pid" || return 0; sleep 0.25; done
  kill -KILL "$pid" 2>/dev/null || true
}

# Idempotent: what is stopped is forgotten, so the EXIT trap can call it again.
stop_started() {
  if [ -n "$GUI_TMP" ] && [ -f "$GUI_TMP/keyring.pid" ]; then
    stop_pid gnome-keyring-daemon "$(cat "$GUI_TMP/keyring.pid")"
  fi
  stop_pid Xvfb "$XVFB_PID"
  XVFB_PID=
  case "$BACKEND_STARTED" in
    all) MEDUSA_DIR="$MEDUSA_DIR" "$ROOT/tests/integration/medusa-down.sh" || true ;;
    medusa) stop_pid medusa "$BACKEND_MEDUSA_PID"; rm -f "$MEDUSA_DIR/run/medusa.pid" ;;
  esac
  BACKEND_STARTED=none
  # v2: wait for a start still under way, so that what it started is known.
  if [ -n "$V2_UP_PID" ]; then wait "$V2_UP_PID" 2>/dev/null || true; V2_UP_PID=; fi
  case "$BACKEND_V2_STARTED" in
    all) MEDUSA_DIR="$MEDUSA_V2_DIR" "$ROOT/tests/integration-v2/medusa-down.sh" || true ;;
    medusa)
      BACKEND_V2_MEDUSA_PID=${BACKEND_V2_MEDUSA_PID:-$(cat "$MEDUSA_V2_DIR/run/medusa.pid" 2>/dev/null || true)}
      stop_pid "medusa v2" "$BACKEND_V2_MEDUSA_PID"; rm -f "$MEDUSA_V2_DIR/run/medusa.pid" ;;
  esac
  BACKEND_V2_STARTED=none
  [ -n "$GUI_TMP" ] && rm -rf "$GUI_TMP"
  GUI_TMP=
}

cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  stop_started
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# --- meson test runner that keeps per-run logs and counts results --------------
# count_results LOGBASE JSON EXIT-STATUS: adds one meson log's results to the totals
count_results() {
  local base=$1 json=$2 rc=$3 ok fail skip names
  if [ ! -s "$json" ]; then
    if [ "$rc" != 0 ]; then step_failed "meson test $base (no test log, exit $rc)"; fi
    echo "[test-all] $base: no tests ran"
    return
  fi
  ok=$(jq -s '[.[] | select(.result == "OK" or .result == "EXPECTEDFAIL")] | length' "$json")
  fail=$(jq -s '[.[] | select(.result != "OK" and .result != "EXPECTEDFAIL" and .result != "SKIP")] | length' "$json")
  skip=$(jq -s '[.[] | select(.result == "SKIP")] | length' "$json")
  PASSED=$((PASSED + ok)) FAILED=$((FAILED + fail)) SKIPPED=$((SKIPPED + skip))
  names=$(jq -rs '[.[] | select(.result != "OK" and .result != "EXPECTEDFAIL" and .result != "SKIP") | "\(.name) (\(.result))"] | join(", ")' "$json")
  [ -n "$names" ] && FAILED_WHAT+=("$base: $names")
  echo "[test-all] $base: $ok passed, $fail failed, $skip skipped"
  if [ "$fail" = 0 ] && [ "$rc" != 0 ]; then step_failed "meson test $base exited $rc"; fi
}

# run_meson_tests BUILDDIR LOGBASE [meson test args...]
run_meson_tests() {
  local dir=$1 base=$2; shift 2
  local json="$dir/meson-logs/$base.json" rc
  rm -f "$json"
  meson test -C "$dir" --no-rebuild --print-errorlogs --logbase "$base" "$@"
  rc=$?
  count_results "$base" "$json" "$rc"
}

# --- 1. dependencies --------------------------------------------------------------
log "1/5 install dependencies"
if ! "$ROOT/tools/install-deps.sh"; then
  step_failed "install-deps"
  echo "0 passed, $FAILED failed"; exit 1
fi

# --- 2. --werror build + unit/service tests ------------------------------------------
log "2/5 build $BUILD_CI (--werror) and run unit + service + data tests"
rm -rf "$BUILD_CI"
V2_OPTION=true
[ "${TEST_ALL_SKIP_V2:-0}" = 1 ] && V2_OPTION=false
if meson setup "$BUILD_CI" "$ROOT" --werror -Dintegration_tests=true -Dintegration_v2_tests="$V2_OPTION" \
     -Dgui_tests=true >"$ROOT/_build/ci-setup.log" 2>&1 \
   || { cat "$ROOT/_build/ci-setup.log"; false; }; then
  if ninja -C "$BUILD_CI"; then
    CI_BUILD_OK=1
    # unit + service, and whatever else needs neither a backend nor a display
    # (the "data" suite: desktop file, metainfo and schema validation)
    run_meson_tests "$BUILD_CI" unit-service-data --no-suite integration --no-suite integration-v2 --no-suite gui
  else
    step_failed "build $BUILD_CI"
  fi
else
  step_failed "meson setup $BUILD_CI"
fi

# --- 3. sanitizers -------------------------------------------------------------------
ASAN_BUILD_OK=0
# run_asan_tests LOGBASE [meson test args...]
run_asan_tests() {
  # G_SLICE: GLib 2.74 still has the slice allocator, which hides leaks and
  # overflows. fast_unwind_on_malloc=0: the system GLib has no frame
  # pointers, and without full stacks tools/lsan.supp cannot match.
  G_SLICE=always-malloc \
  ASAN_OPTIONS="detect_leaks=1:fast_unwind_on_malloc=0:abort_on_error=1:strict_string_checks=1:detect_stack_use_after_return=1" \
  LSAN_OPTIONS="suppressions=$ROOT/tools/lsan.supp:print_suppressions=0" \
  UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1" \
    run_meson_tests "$BUILD_ASAN" "$@" --timeout-multiplier 3
}

if [ "${TEST_ALL_SKIP_ASAN:-0}" = 1 ]; then
  log "3/5 sanitizer build skipped (TEST_ALL_SKIP_ASAN=1)"
else
  log "3/5 build $BUILD_ASAN (ASan + UBSan) and run unit + service tests"
  rm -rf "$BUILD_ASAN"
  if meson setup "$BUILD_ASAN" "$ROOT" -Db_sanitize=address,undefined -Db_lundef=false \
       -Dapp=false -Dintegration_tests=true -Dintegration_v2_tests="$V2_OPTION" -Dgui_tests=false \
       >"$ROOT/_build/asan-setup.log" 2>&1 \
     || { cat "$ROOT/_build/asan-setup.log"; false; }; then
    if ninja -C "$BUILD_ASAN"; then
      ASAN_BUILD_OK=1
      run_asan_tests asan-unit-service --suite unit --suite service
    else
      step_failed "build $BUILD_ASAN"
    fi
  else
    step_failed "meson setup $BUILD_ASAN"
  fi
fi

# --- 3b. fuzz regression (clang + libFuzzer) ------------------------------------------
# Each tests/fuzz target over its seed corpus, then a fixed number of runs with a
# fixed seed (the "fuzz" suite; tools/fuzz.sh fuzzes for real). Only the fuzz
# targets are built (with the core they link, instrumented).
BUILD_FUZZ="$ROOT/_build/fuzz-ci"
if [ "${TEST_ALL_SKIP_FUZZ:-0}" = 1 ]; then
  log "3b/5 fuzz regression skipped (TEST_ALL_SKIP_FUZZ=1)"
elif ! command -v clang >/dev/null; then
  log "3b/5 fuzz regression"
  step_failed "clang is not installed (tools/install-deps.sh installs it)"
else
  log "3b/5 build $BUILD_FUZZ (clang, libFuzzer, ASan + UBSan) and run the fuzz regression suite"
  rm -rf "$BUILD_FUZZ"
  if CC=clang meson setup "$BUILD_FUZZ" "$ROOT" -Dfuzz=true -Db_lundef=false -Dapp=false \
       -Dgui_tests=false -Dintegration_tests=false -Dbench=false >"$ROOT/_build/fuzz-ci-setup.log" 2>&1 \
     || { cat "$ROOT/_build/fuzz-ci-setup.log"; false; }; then
    mapfile -t fuzz_targets < <(meson introspect "$BUILD_FUZZ" --targets \
      | jq -r '.[] | select(.type == "executable" and (.defined_in | endswith("tests/fuzz/meson.build"))) | .filename[0]' \
      | sed "s|^$BUILD_FUZZ/||")
    if [ "${#fuzz_targets[@]}" = 0 ]; then
      step_failed "no fuzz targets are defined"
    elif ninja -C "$BUILD_FUZZ" "${fuzz_targets[@]}"; then
      run_meson_tests "$BUILD_FUZZ" fuzz --suite fuzz
    else
      step_failed "build $BUILD_FUZZ"
    fi
  else
    step_failed "meson setup $BUILD_FUZZ"
  fi
fi

# --- 4. real backend + integration tests ----------------------------------------------
log "4/5 start the Medusa v1 backend and run integration tests"
MEDUSA_DIR=${MEDUSA_DIR:-/var/tmp/medusa-v1}
MEDUSA_PORT=${MEDUSA_PORT:-9000}
MEDUSA_PG_PORT=${MEDUSA_PG_PORT:-54329}
medusa_pid_before=$(cat "$MEDUSA_DIR/run/medusa.pid" 2>/dev/null || true)
pg_pid_before=$(head -1 "$MEDUSA_DIR/pg/data/postmaster.pid" 2>/dev/null || true)
if ! alive "$medusa_pid_before" && port_in_use "$MEDUSA_PORT"; then
  # Port 9000 belongs to something that is not our backend: use our own ports and dir.
  echo "[test-all] port $MEDUSA_PORT is taken by another process; using 9100/54339"
  MEDUSA_DIR=/var/tmp/medusa-v1-alt MEDUSA_PORT=9100 MEDUSA_PG_PORT=54339
  medusa_pid_before=$(cat "$MEDUSA_DIR/run/medusa.pid" 2>/dev/null || true)
  pg_pid_before=$(head -1 "$MEDUSA_DIR/pg/data/postmaster.pid" 2>/dev/null || true)
fi
export MEDUSA_DIR MEDUSA_PORT MEDUSA_PG_PORT

# The v2 backend starts in the background meanwhile (npm ci and migrations on
# a fresh machine take a minute or two); step 4b waits for it.
MEDUSA_V2_DIR=${MEDUSA_V2_DIR:-/var/tmp/medusa-v2}
MEDUSA_V2_PORT=${MEDUSA_V2_PORT:-9200}
if [ -z "${MEDUSA_V2_PG_PORT:-}" ]; then
  MEDUSA_V2_PG_PORT=54339
  [ "$MEDUSA_PG_PORT" = 54339 ] && MEDUSA_V2_PG_PORT=54349
fi
v2_wanted=0
if [ "$CI_BUILD_OK" = 1 ] && \
   [ "$(meson introspect "$BUILD_CI" --buildoptions 2>/dev/null \
        | jq -r '.[] | select(.name == "integration_v2_tests") | .value')" = true ]; then
  v2_wanted=1
  v2_medusa_before=$(cat "$MEDUSA_V2_DIR/run/medusa.pid" 2>/dev/null || true)
  v2_pg_before=$(head -1 "$MEDUSA_V2_DIR/pg/data/postmaster.pid" 2>/dev/null || true)
  if alive "$v2_medusa_before"; then
    echo "[test-all] v2 backend already running in $MEDUSA_V2_DIR (pid $v2_medusa_before): using it, will not stop it"
  elif alive "$v2_pg_before"; then
    BACKEND_V2_STARTED=medusa
  else
    BACKEND_V2_STARTED=all
  fi
  MEDUSA_DIR="$MEDUSA_V2_DIR" MEDUSA_PORT="$MEDUSA_V2_PORT" MEDUSA_PG_PORT="$MEDUSA_V2_PG_PORT" \
    "$ROOT/tests/integration-v2/medusa-up.sh" >"$ROOT/_build/medusa-v2-up.out" 2>"$ROOT/_build/medusa-v2-up.err" &
  V2_UP_PID=$!
fi

backend_ok=0
if alive "$medusa_pid_before"; then
  echo "[test-all] backend already running in $MEDUSA_DIR (pid $medusa_pid_before): using it, will not stop it"
elif alive "$pg_pid_before"; then
  BACKEND_STARTED=medusa
else
  BACKEND_STARTED=all
fi
if "$ROOT/tests/integration/medusa-up.sh" >"$ROOT/_build/medusa-up.out"; then
  backend_ok=1
  BACKEND_MEDUSA_PID=$(cat "$MEDUSA_DIR/run/medusa.pid" 2>/dev/null || true)
  # shellcheck disable=SC1091
  . "$MEDUSA_DIR/run/medusa.env"
  export MEDUSA_URL MEDUSA_RESET_TOKEN_DIR MEDUSA_CLAIM_TOKEN_DIR MEDUSA_ADMIN_EMAIL MEDUSA_ADMIN_PASSWORD
  export MEDUSA_REGION_ID MEDUSA_PUBLISHABLE_KEY
  echo "[test-all] backend at $MEDUSA_URL"
else
  BACKEND_MEDUSA_PID=$(cat "$MEDUSA_DIR/run/medusa.pid" 2>/dev/null || true)
  step_failed "start the Medusa backend (tests/integration/medusa-up.sh)"
fi

if [ "$backend_ok" = 1 ] && [ "$CI_BUILD_OK" = 1 ]; then
  # The integration test skips without MEDUSA_URL; here a skip is a failure.
  MEDUSA_REQUIRE_BACKEND=1 run_meson_tests "$BUILD_CI" integration --suite integration
  # The same scenario once more in the sanitizer build (it is core code only).
  if [ "$ASAN_BUILD_OK" = 1 ]; then
    MEDUSA_REQUIRE_BACKEND=1 run_asan_tests asan-integration --suite integration
  fi
  if ! grep -q ':integration / ' <<<"$(meson test -C "$BUILD_CI" --no-rebuild --list 2>/dev/null)"; then
    step_failed "no integration tests are defined"
  fi
fi

# --- 4b. the Medusa v2 backend + integration-v2 tests ----------------------------------
if [ "$v2_wanted" = 1 ]; then
  log "4b/5 wait for the Medusa v2 backend, run its smoke test and the integration-v2 tests"
  v2_rc=0
  wait "$V2_UP_PID" || v2_rc=$?
  V2_UP_PID=
  BACKEND_V2_MEDUSA_PID=$(cat "$MEDUSA_V2_DIR/run/medusa.pid" 2>/dev/null || true)
  if [ "$v2_rc" != 0 ]; then
    tail -n 30 "$ROOT/_build/medusa-v2-up.err"
    step_failed "start the Medusa v2 backend (tests/integration-v2/medusa-up.sh)"
  else
    # Only what the tests need, under names of their own (MEDUSA_URL stays v1's).
    MEDUSA_V2_URL=$(. "$MEDUSA_V2_DIR/run/medusa.env" && echo "$MEDUSA_URL")
    MEDUSA_V2_PUBLISHABLE_KEY=$(. "$MEDUSA_V2_DIR/run/medusa.env" && echo "$MEDUSA_PUBLISHABLE_KEY")
    MEDUSA_V2_RESET_TOKEN_DIR=$(. "$MEDUSA_V2_DIR/run/medusa.env" && echo "$MEDUSA_RESET_TOKEN_DIR")
    export MEDUSA_V2_URL MEDUSA_V2_PUBLISHABLE_KEY MEDUSA_V2_RESET_TOKEN_DIR
    # The orders steps place orders (seed-orders.sh), which needs the admin.
    MEDUSA_V2_ADMIN_EMAIL=$(. "$MEDUSA_V2_DIR/run/medusa.env" && echo "${MEDUSA_ADMIN_EMAIL:-}")
    MEDUSA_V2_ADMIN_PASSWORD=$(. "$MEDUSA_V2_DIR/run/medusa.env" && echo "${MEDUSA_ADMIN_PASSWORD:-}")
    export MEDUSA_V2_ADMIN_EMAIL MEDUSA_V2_ADMIN_PASSWORD
    echo "[test-all] v2 backend at $MEDUSA_V2_URL"
    if ! env -u MEDUSA_URL -u MEDUSA_PUBLISHABLE_KEY -u MEDUSA_RESET_TOKEN_DIR MEDUSA_DIR="$MEDUSA_V2_DIR" \
         "$ROOT/tests/integration-v2/smoke-test.sh" >"$ROOT/_build/medusa-v2-smoke.out" 2>&1; then
      tail -n 30 "$ROOT/_build/medusa-v2-smoke.out"
      step_failed "the Medusa v2 backend's smoke test (tests/integration-v2/smoke-test.sh)"
    fi
    MEDUSA_REQUIRE_BACKEND=1 run_meson_tests "$BUILD_CI" integration-v2 --suite integration-v2
    if [ "$ASAN_BUILD_OK" = 1 ]; then
      MEDUSA_REQUIRE_BACKEND=1 run_asan_tests asan-integration-v2 --suite integration-v2
    fi
  fi
fi

# --- 5. GUI tests -----------------------------------------------------------------------
log "5/5 GUI tests"
if [ "$CI_BUILD_OK" != 1 ]; then
  echo "[test-all] $BUILD_CI did not build; GUI tests not run"
elif ! grep -q ':gui / ' <<<"$(meson test -C "$BUILD_CI" --no-rebuild --list 2>/dev/null)"; then
  echo "[test-all] no GUI tests defined in this build; skipping"
else
  GUI_TMP=$(mktemp -d /tmp/medusa-gui.XXXXXX)
  mkdir -p "$GUI_TMP"/{home,data,config,cache,runtime}
  chmod 700 "$GUI_TMP/runtime"
  display=
  for n in $(seq 90 140); do
    if [ ! -e "/tmp/.X$n-lock" ] && [ ! -e "/tmp/.X11-unix/X$n" ]; then display=$n; break; fi
  done
  if [ -z "$display" ]; then
    step_failed "no free X display for Xvfb"
  else
    Xvfb ":$display" -screen 0 1280x800x24 -nolisten tcp -noreset >"$GUI_TMP/xvfb.log" 2>&1 &
    XVFB_PID=$!
    # Ready when a client can connect (the socket appears a little earlier).
    x_ready() { DISPLAY=":$display" xdotool getdisplaygeometry >/dev/null 2>&1; }
    for _ in $(seq 1 80); do x_ready && break; alive "$XVFB_PID" || break; sleep 0.25; done
    if ! x_ready; then
      cat "$GUI_TMP/xvfb.log"; step_failed "Xvfb :$display did not start"
    else
      export GUI_TMP
      # Inside a private session bus: an unlocked Secret Service, then the tests.
      env -u WAYLAND_DISPLAY -u DBUS_SESSION_BUS_ADDRESS \
        DISPLAY=":$display" GDK_BACKEND=x11 \
        HOME="$GUI_TMP/home" XDG_DATA_HOME="$GUI_TMP/data" XDG_CONFIG_HOME="$GUI_TMP/config" \
        XDG_CACHE_HOME="$GUI_TMP/cache" XDG_RUNTIME_DIR="$GUI_TMP/runtime" \
        GUI_TMP="$GUI_TMP" BUILD_CI="$BUILD_CI" MEDUSA_REQUIRE_BACKEND=1 \
        dbus-run-session -- bash -c '
          gnome-keyring-daemon --foreground --unlock --components=secrets \
            <<<"medusa-test-keyring" >"$GUI_TMP/keyring.log" 2>&1 &
          echo $! >"$GUI_TMP/keyring.pid"
          # wait until the Secret Service is on the bus
          for _ in $(seq 1 40); do
            dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus \
              org.freedesktop.DBus.NameHasOwner string:org.freedesktop.secrets 2>/dev/null \
              | grep -q "boolean true" && break
            sleep 0.25
          done
          rm -f "$BUILD_CI/meson-logs/gui.json"
          meson test -C "$BUILD_CI" --no-rebuild --print-errorlogs --logbase gui --suite gui
          rc=$?
          kill -TERM "$(cat "$GUI_TMP/keyring.pid")" 2>/dev/null
          exit $rc'
      gui_rc=$?
      count_results gui "$BUILD_CI/meson-logs/gui.json" "$gui_rc"
    fi
  fi
fi

# --- summary ---------------------------------------------------------------------------
stop_started
elapsed=$(( $(date +%s) - T0 ))
echo
echo "================================================================"
for w in "${FAILED_WHAT[@]+"${FAILED_WHAT[@]}"}"; do echo "failed: $w"; done
[ "$SKIPPED" = 0 ] || echo "($SKIPPED skipped)"
echo "$PASSED passed, $FAILED failed"
printf 'wall time: %dm%02ds\n' $((elapsed / 60)) $((elapsed % 60))
[ "$FAILED" = 0 ]
