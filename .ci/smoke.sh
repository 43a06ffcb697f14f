#!/usr/bin/env bash
# smoke.sh [BIN] — start the real StoryDesk binary under a private Xvfb on a
# fresh database and check that the window appears on the demo queue, that
# J, A and Ctrl+Z reach it, and that the database shows the undo afterwards.
# Needs xvfb, xdotool and imagemagick (make deps installs them).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
bin=${1:-bin/storydesk}
[ -x "$bin" ] || { echo "smoke: $bin not built (make build)" >&2; exit 1; }
dir=$(mktemp -d "${TMPDIR:-/tmp}/storydesk-smoke.XXXXXX")
trap 'rm -rf "$dir"' EXIT

# demo-004 is a clean story, so A approves it (a safeguarding one would refuse)
KEYS="j k a ctrl+z" KEY_DELAY=0.4 SETTLE=1 WAIT_TIMEOUT=90 APP_LOG="$dir/app.log" \
	"$here/screenshot.sh" "$dir/smoke.png" -- "$bin" --db "$dir/smoke.db" --moderator smoke --open demo-004

fail() {
	echo "smoke: $*" >&2
	echo "--- app output:" >&2
	cat "$dir/app.log" >&2
	exit 1
}
for ev in "EVENT demo-loaded" "EVENT window-shown" "EVENT story-opened id=demo-004" "EVENT decided id=demo-004" "EVENT undone id=demo-004" "EVENT quit"; do
	grep -q "^$ev" "$dir/app.log" || fail "no '$ev' line"
done
counts=$("$bin" demo --db "$dir/smoke.db")
grep -q "done 0, escalated 0, held 0, unpushed 0" <<<"$counts" || fail "after undo the database says: $counts"
echo "smoke: ok — window shown on the demo queue; J, K, A and Ctrl+Z reached it; $(tail -n 1 <<<"$counts")"
