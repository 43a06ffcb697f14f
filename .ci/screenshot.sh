#!/usr/bin/env bash
# screenshot.sh — run a desktop (X11) program, optionally send it keys, and save a PNG screenshot.
#
# Usage:
#   screenshot.sh OUT.png -- COMMAND [ARGS...]
#
# What it does:
#   1. If DISPLAY is unset, starts a private Xvfb server on a free display number
#      (Xvfb -displayfd picks one, so parallel runs do not collide).
#   2. Starts COMMAND in its own process group, output going to a log file.
#   3. Waits (up to WAIT_TIMEOUT seconds) for a visible window owned by COMMAND or one of
#      its child processes (or, with WINDOW_NAME set, any visible window whose title matches it).
#   4. Focuses that window and sends the keys listed in KEYS, one at a time.
#   5. Waits SETTLE seconds, then captures the whole screen with `import -window root`.
#   6. Stops only what it started: COMMAND's process group, then its own Xvfb.
#   It exits non-zero with a message on stderr if any step fails (the program's last log
#   lines are printed when the program dies or no window shows up).
#
# Environment (all optional):
#   KEYS="Down Down a ctrl+z"  xdotool key names, sent in order (default: none)
#   KEY_DELAY=0.3              seconds between keys
#   SETTLE=2                   seconds to wait before the screenshot
#   WAIT_TIMEOUT=60            seconds to wait for the window
#   WINDOW_NAME=regex          match the window by title instead of by process
#   SCREEN=1280x800x24         Xvfb screen geometry and depth
#   SHOT=root                  "root" for the whole screen, "window" for the program's window only
#   APP_LOG=path               keep the program's stdout+stderr in this file
#
# Needs the Debian packages xvfb, xdotool and imagemagick:
#   apt-get install -y xvfb xdotool imagemagick
# It installs nothing itself.
#
# Example:
#   KEYS="j a" SETTLE=1 .ci/screenshot.sh /tmp/review.png -- ./bin/storydesk --db /tmp/demo.db
#
# Exit codes: 0 ok, 2 usage, 3 missing tool, 4 Xvfb failed, 5 program died or no window,
#             6 sending keys failed, 7 screenshot failed.

set -uo pipefail

die() { # die CODE MESSAGE
	local code=$1
	shift
	echo "screenshot.sh: $*" >&2
	exit "$code"
}

usage() {
	sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//' >&2
	exit 2
}

[ $# -ge 3 ] && [ "$2" = "--" ] || usage
OUT=$1
shift 2

KEYS=${KEYS:-}
KEY_DELAY=${KEY_DELAY:-0.3}
SETTLE=${SETTLE:-2}
WAIT_TIMEOUT=${WAIT_TIMEOUT:-60}
WINDOW_NAME=${WINDOW_NAME:-}
SCREEN=${SCREEN:-1280x800x24}
SHOT=${SHOT:-root}

for tool in xdotool import; do
	command -v "$tool" >/dev/null 2>&1 || die 3 "'$tool' not found (apt-get install -y xvfb xdotool imagemagick)"
done
case $SHOT in root | window) ;; *) die 2 "SHOT must be 'root' or 'window', got '$SHOT'" ;; esac

WORK=$(mktemp -d "${TMPDIR:-/tmp}/screenshot.XXXXXX") || die 4 "cannot create a temporary directory"
LOG=${APP_LOG:-$WORK/app.log}
XVFB_PID=""
APP_PID=""

cleanup() {
	local rc=$?
	trap - EXIT INT TERM
	if [ -n "$APP_PID" ]; then
		# the program runs in its own process group (setsid): signal that group only
		kill -TERM -- "-$APP_PID" 2>/dev/null
		for _ in 1 2 3 4 5 6 7 8 9 10; do
			kill -0 -- "-$APP_PID" 2>/dev/null || break
			sleep 0.3
		done
		kill -KILL -- "-$APP_PID" 2>/dev/null
		wait "$APP_PID" 2>/dev/null
	fi
	if [ -n "$XVFB_PID" ]; then
		kill -TERM "$XVFB_PID" 2>/dev/null
		wait "$XVFB_PID" 2>/dev/null
	fi
	rm -rf "$WORK"
	exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

show_log() {
	if [ -s "$LOG" ]; then
		echo "--- last lines of the program's output${APP_LOG:+ ($APP_LOG)}:" >&2
		tail -n 20 "$LOG" >&2
	fi
}

# 1. X server
if [ -z "${DISPLAY:-}" ]; then
	command -v Xvfb >/dev/null 2>&1 || die 3 "'Xvfb' not found (apt-get install -y xvfb xdotool imagemagick)"
	Xvfb -displayfd 3 -screen 0 "$SCREEN" -nolisten tcp 3>"$WORK/display" >"$WORK/xvfb.log" 2>&1 &
	XVFB_PID=$!
	for _ in $(seq 1 100); do
		[ -s "$WORK/display" ] && break
		kill -0 "$XVFB_PID" 2>/dev/null || break
		sleep 0.1
	done
	num=$(tr -dc '0-9' <"$WORK/display" 2>/dev/null)
	if [ -z "$num" ]; then
		tail -n 5 "$WORK/xvfb.log" >&2
		die 4 "Xvfb did not start"
	fi
	export DISPLAY=":$num"
fi
xdotool getmouselocation >/dev/null 2>&1 || die 4 "cannot talk to the X server on DISPLAY=$DISPLAY"

# 2. the program, in a new session/process group so that it and its children can be stopped together
setsid "$@" >"$LOG" 2>&1 </dev/null &
APP_PID=$!

descendants() { # the PID and all its descendants
	local p
	echo "$1"
	for p in $(pgrep -P "$1" 2>/dev/null); do descendants "$p"; done
}

# 3. wait for its window
WID=""
deadline=$((SECONDS + WAIT_TIMEOUT))
while [ -z "$WID" ]; do
	if ! kill -0 "$APP_PID" 2>/dev/null; then
		wait "$APP_PID"
		rc=$?
		APP_PID=""
		show_log
		die 5 "the program exited (status $rc) before showing a window: $*"
	fi
	if [ -n "$WINDOW_NAME" ]; then
		WID=$(xdotool search --onlyvisible --name "$WINDOW_NAME" 2>/dev/null | head -n 1)
	else
		for p in $(descendants "$APP_PID"); do
			WID=$(xdotool search --onlyvisible --pid "$p" 2>/dev/null | head -n 1)
			[ -n "$WID" ] && break
		done
	fi
	[ -n "$WID" ] && break
	if [ "$SECONDS" -ge "$deadline" ]; then
		show_log
		die 5 "no window appeared within ${WAIT_TIMEOUT}s (DISPLAY=$DISPLAY): $*"
	fi
	sleep 0.2
done

# 4. keys (XTEST events go to the focused window; no window manager is needed)
if [ -n "$KEYS" ]; then
	sleep 0.5 # let the first frame and input handlers settle
	xdotool windowfocus --sync "$WID" 2>/dev/null || xdotool windowfocus "$WID" 2>/dev/null
	for k in $KEYS; do
		# xdotool only warns about unknown key names, so check what it says
		if ! kout=$(xdotool key --clearmodifiers "$k" 2>&1) || [[ $kout == *"No such key"* ]]; then
			die 6 "xdotool could not send key '$k': $kout"
		fi
		sleep "$KEY_DELAY"
	done
fi

# 5. settle, check the program is still alive, capture
sleep "$SETTLE"
if ! kill -0 "$APP_PID" 2>/dev/null; then
	wait "$APP_PID"
	rc=$?
	APP_PID=""
	show_log
	die 5 "the program exited (status $rc) before the screenshot was taken"
fi
target=root
[ "$SHOT" = window ] && target=$WID
import -window "$target" "$OUT" 2>"$WORK/import.err" || {
	cat "$WORK/import.err" >&2
	die 7 "import could not capture the screen"
}
[ -s "$OUT" ] || die 7 "screenshot file $OUT is empty"
echo "screenshot.sh: wrote $OUT (DISPLAY=$DISPLAY, window $WID)"
