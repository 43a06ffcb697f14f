#!/bin/bash
# instr.sh: instructions a dev story for the detection engine, counted by
# cachegrind (valgrind). Wall-clock throughput on a shared machine varies
# by up to 2x between runs of one binary; this count varies by under 1%,
# so it tells whether a change to the engine made it cheaper.
#
# It runs BenchmarkEngineDev once with 1 and once with 21 iterations and
# prints the difference over 20 iterations of the 80 dev stories.
set -euo pipefail
GO=${GO:-go}
command -v valgrind >/dev/null || { echo "instr.sh: valgrind is needed (apt-get install valgrind)" >&2; exit 1; }
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
cd "$(dirname "$0")/../moderation/detect"
"$GO" test -c -o "$dir/detect.test" .
# count prints the instructions of one run of $1 iterations. Now and then
# the Go runtime uses an instruction valgrind does not know and the run
# dies (SIGILL); such a run is tried again, up to three times.
count() {
	for _ in 1 2 3; do
		GOGC=off GODEBUG=asyncpreemptoff=1 GOMAXPROCS=1 valgrind --tool=cachegrind --cache-sim=no \
			--cachegrind-out-file="$dir/cg.out" "$dir/detect.test" -test.run '^$' -test.bench 'EngineDev$' \
			-test.benchtime "$1x" >"$dir/run.log" 2>&1 || true
		if grep -q '^PASS' "$dir/run.log"; then
			awk '/I *refs/ { gsub(",", "", $4); print $4 }' "$dir/run.log"
			return
		fi
	done
}
a=$(count 1)
b=$(count 21)
if [ -z "$a" ] || [ -z "$b" ]; then
	echo "instr.sh: cachegrind gave no count (are the shared benchmarks at ../shared/benchmarks?)" >&2
	exit 1
fi
echo "instructions a dev story: $(( (b - a) / 20 / 80 ))"
