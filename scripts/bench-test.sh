#!/usr/bin/env bash
# Measures the edit-test loop on this machine: a warm `go test ./...` with nothing changed, and a warm run
# after a change to one component file (network/vpc.go), which relinks every test binary that imports it.
# Each figure is the best of RUNS runs (default 3), with and without -ldflags=-w (no DWARF in test binaries).
# Usage: scripts/bench-test.sh   (or make bench-test)
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${RUNS:-3}"
file=network/vpc.go

best() { # best wall time in seconds of running "$@" $runs times
	local best=""
	for _ in $(seq "$runs"); do
		local start end took
		start=$(date +%s.%N)
		"$@" >/dev/null 2>&1
		end=$(date +%s.%N)
		took=$(echo "$end - $start" | bc)
		if [ -z "$best" ] || [ "$(echo "$took < $best" | bc)" = 1 ]; then best=$took; fi
	done
	printf '%.1f' "$best"
}

changed() { # one test run after an edit of $file that changes its compiled code
	cp "$file" "$tmp"
	echo "var benchEdit = $RANDOM" >>"$file"
	go test -count=1 "$@" ./... >/dev/null 2>&1 || true
	cp "$tmp" "$file"
}

tmp=$(mktemp)
trap 'cp "$tmp" "$file" 2>/dev/null; rm -f "$tmp"' EXIT
cp "$file" "$tmp"

echo "warming the build cache..."
go test -count=1 ./... >/dev/null
go test -count=1 -ldflags=-w ./... >/dev/null

printf 'go test ./... (best of %s runs, %s cores)\n' "$runs" "$(nproc)"
printf '  nothing changed:              %ss   with -ldflags=-w: %ss\n' \
	"$(best go test -count=1 ./...)" "$(best go test -count=1 -ldflags=-w ./...)"
printf '  after editing %s: %ss   with -ldflags=-w: %ss\n' "$file" \
	"$(best changed)" "$(best changed -ldflags=-w)"
