#!/usr/bin/env bash
# Scores redact-pii, compromise and StoryDesk's Go engine on the labelled stories,
# identifying kinds only. Usage (from the repo root): bash tools/compare/run.sh
# Scratch files go to $CMP_OUT (default /tmp/cmp); the tables go to stdout and
# to $CMP_OUT/results.md.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
OUT=${CMP_OUT:-/tmp/cmp}
SHARED=${SHARED:-$ROOT/../shared}
BENCH=$SHARED/benchmarks/stories-dev
SCORER=$BENCH/score.py
HELDOUT=$ROOT/moderation/detect/testdata/heldout
NODE=${NODE:-node}
mkdir -p "$OUT"

if [ ! -d "$HERE/node_modules" ]; then
  (cd "$HERE" && npm ci --no-audit --no-fund)
fi
(cd "$ROOT" && go build -o "$OUT/storydesk" ./cmd/storydesk)

# Gold files. (b) and (c) are only ever piped: nobody reads them.
cp "$BENCH/stories.jsonl" "$OUT/gold_a.jsonl"
cat "$HELDOUT"/set365.jsonl "$HELDOUT"/set366.jsonl "$HELDOUT"/set367.jsonl "$HELDOUT"/set368.jsonl > "$OUT/gold_b.jsonl"
cat "$HELDOUT"/set*.jsonl > "$OUT/gold_c.jsonl"

# The Go engine's output, identifying kinds only (no abuse, threat, safeguarding, decision).
ident_only() {
  python3 -c '
import json, sys
IDENT = {"PERSON", "NHS_NUMBER", "HOSPITAL_NUMBER", "NI_NUMBER", "PHONE", "EMAIL",
         "POSTCODE", "ADDRESS", "DATE_OF_BIRTH", "HANDLE"}
for line in sys.stdin:
    if line.strip():
        o = json.loads(line)
        spans = [s for s in o.get("spans") or [] if str(s.get("kind", "")).strip().upper() in IDENT]
        print(json.dumps({"id": o["id"], "spans": spans}, ensure_ascii=False))
'
}

predict() { # TOOL GOLD PRED
  case "$1" in
    storydesk) "$OUT/storydesk" scan "$2" | ident_only > "$3" ;;
    *) "$NODE" "$HERE/pii.js" "$1" < "$2" > "$3" ;;
  esac
}

: > "$OUT/times.tsv"
for set in a b c; do
  gold=$OUT/gold_$set.jsonl
  for tool in redact-pii compromise storydesk; do
    pred=$OUT/pred_${set}_$tool.jsonl
    t0=$(date +%s%N)
    predict "$tool" "$gold" "$pred"
    t1=$(date +%s%N)
    secs=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.2f", (b - a) / 1e9 }')
    python3 "$SCORER" "$gold" "$pred" --json > "$OUT/score_${set}_$tool.json" 2> "$OUT/score_${set}_$tool.err"
    printf '(%s) %-10s %7ss  %s\n' "$set" "$tool" "$secs" "$(tail -n 1 "$OUT/score_${set}_$tool.json" | cut -d'|' -f1,5,6)"
    printf '%s\t%s\t%s\t%s\n' "$set" "$tool" "$secs" "$OUT/score_${set}_$tool.json" >> "$OUT/times.tsv"
  done
done
echo
python3 "$HERE/summarise.py" "$OUT/times.tsv" | tee "$OUT/results.md"
