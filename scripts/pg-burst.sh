#!/usr/bin/env bash
# pg-burst.sh runs the PostgreSQL half of the load test against two
# storydesk-server replicas and prints the client's claim figures with the
# CPU each party used, so two builds can be compared run by run:
#
#   scripts/pg-burst.sh DSN BINDIR [storydesk-loadtest flags]
#
# DSN is a postgres:// URL of a throwaway cluster (scripts/pg-test.sh start
# prints one); each run creates a fresh database beside it and drops it
# afterwards. BINDIR holds storydesk-server and storydesk-loadtest (go build
# -o DIR/ ./cmd/storydesk-server ./cmd/storydesk-loadtest). Defaults: 100
# moderators starting in the same instant, 20,000 stories. CPU is in clock
# ticks (1/100 s) from /proc: both replicas, and the cluster's server
# processes (it must run on this machine), for the whole run and for the
# first 200 ms after the moderators start. Loopback only.
set -euo pipefail

[ $# -ge 2 ] || { echo "usage: $0 DSN BINDIR [loadtest flags]" >&2; exit 2; }
base=$1 bin=$2
shift 2
db=burst_$$_$RANDOM
dsn="${base%%\?*}"
dsn="${dsn%/*}/$db?sslmode=disable"
psql "$base" -X -q -c "CREATE DATABASE $db"
pids=()
cleanup() {
	[ ${#pids[@]} -gt 0 ] && kill "${pids[@]}" 2>/dev/null && wait "${pids[@]}" 2>/dev/null
	psql "$base" -X -q -c "DROP DATABASE IF EXISTS $db" || true
	rm -f "$tmp"/url.* "$tmp/out"
	rmdir "$tmp" 2>/dev/null || true
}
tmp=$(mktemp -d)
trap cleanup EXIT
"$bin/storydesk-server" migrate --db "$dsn" >/dev/null
urls=()
for i in 1 2; do
	"$bin/storydesk-server" serve --db "$dsn" --addr 127.0.0.1:0 >"$tmp/url.$i" 2>/dev/null &
	pids+=($!)
	for _ in $(seq 100); do grep -q "listening on" "$tmp/url.$i" && break; sleep 0.1; done
	urls+=("$(sed -n 's/.*listening on //p' "$tmp/url.$i")")
done
ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
# the cluster's postmaster (first line of postmaster.pid) and its children
postmaster=$(head -n 1 "$(psql "$base" -X -A -t -c 'SHOW data_directory')/postmaster.pid")
pgticks() { for p in "$postmaster" $(pgrep -P "$postmaster"); do ticks "$p" 2>/dev/null || true; done | awk '{s += $1} END {print s + 0}'; }
# fticks PID...: the CPU ticks of the processes summed, read with shell
# builtins only (no fork while the burst runs)
fticks() {
	local s=0 p f
	for p in "$@"; do
		{ read -ra f <"/proc/$p/stat"; } 2>/dev/null || continue
		s=$((s + f[13] + f[14]))
	done
	echo "$s"
}
load=$(cut -d' ' -f1 /proc/loadavg)
before=$(pgticks)
mkfifo "$tmp/out"
"$bin/storydesk-loadtest" --server "$(IFS=,; echo "${urls[*]}")" --server-db "$dsn" \
	--moderators 100 --stories 20000 "$@" >"$tmp/out" &
lg=$!
out="" burst=""
while IFS= read -r line; do
	out+="$line"$'\n'
	if [[ $line == *" moderators starting" ]]; then
		# CPU of each party in the first 200 ms of the start burst
		read -ra pgkids <"/proc/$postmaster/task/$postmaster/children" || true
		a=($(fticks $lg) $(fticks "${pids[@]}") $(fticks "$postmaster" "${pgkids[@]}"))
		sleep 0.2
		b=($(fticks $lg) $(fticks "${pids[@]}") $(fticks "$postmaster" "${pgkids[@]}"))
		burst="load generator $((b[0] - a[0])), replicas $((b[1] - a[1])), database $((b[2] - a[2]))"
	fi
done <"$tmp/out"
wait $lg
after=$(pgticks)
echo "load $load | $(grep 'claim latency' <<<"$out" | sed 's/ (moderators.*//') | $(grep -o '[0-9]* decisions/s' <<<"$out")"
echo "  CPU ticks: database $((after - before)), replicas $(ticks "${pids[0]}") + $(ticks "${pids[1]}"); first 200 ms: $burst"
