#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright 2026 The Medusa Account authors
#
# run-fuzz-regression.sh FUZZER CORPUS_DIR DICT RUNS
#
# The "fuzz" test suite: runs one libFuzzer target over a copy of its seed
# corpus, then for a fixed number of runs with a fixed seed (a regression
# check, not a timed run). The repository's corpus is never written to; a
# crash is saved as <target>-crash-<sha1> in the current (build) directory.
# libFuzzer exits 77 on a crash by default, which meson reads as a skip:
# every failure exits 1 here.
set -eu

fuzzer=$1 corpus=$2 dict=$3 runs=$4
name=$(basename "$fuzzer")

work=$(mktemp -d "${TMPDIR:-/tmp}/medusa-fuzz-$name.XXXXXX")
trap 'rm -rf "$work"' EXIT INT TERM
cp -R "$corpus/." "$work/"

"$fuzzer" -runs="$runs" -seed=1 -dict="$dict" -timeout=30 -rss_limit_mb=2048 \
  -error_exitcode=1 -timeout_exitcode=1 -print_final_stats=1 \
  -artifact_prefix="$PWD/$name-" "$work"
