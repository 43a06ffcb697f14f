#!/usr/bin/env python3
"""Validate StoryDesk story packs (demo queue and training packs).

Usage:
    python3 assets/check_packs.py [FILE.jsonl ...]

With no arguments it checks assets/demo/stories.jsonl and every assets/training/*.jsonl
next to this script. Each file must follow the stories-dev record format
(../shared/benchmarks/stories-dev/README.md):

  * every non-empty line is a JSON object;
  * ids are unique within the file;
  * body[start:end] == text for every span (Unicode code points, end exclusive);
  * spans are sorted by start and never overlap or nest;
  * span kinds are known, expected_decision is known and its reason code is one allowed
    for it (empty for publish);
  * every NHS_NUMBER span passes the modulus-11 check;
  * clean is true exactly when spans is empty.

Prints one line per file with counts and exits non-zero on the first file with errors
(all errors of all files are printed first). Standard library only.
"""
import glob
import json
import os
import sys
from collections import Counter

KINDS = [
    "PERSON", "NHS_NUMBER", "HOSPITAL_NUMBER", "NI_NUMBER", "PHONE", "EMAIL",
    "POSTCODE", "ADDRESS", "DATE_OF_BIRTH", "HANDLE",
    "PROFANITY", "ABUSE", "THREAT",
    "SAFEGUARDING",
]
DECISIONS = ["publish", "publish_with_changes", "reject", "escalate", "hold"]
SERVICE_TYPES = ["a_and_e", "gp", "maternity", "mental_health", "care_home", "ambulance",
                 "dentist", "pharmacy", "outpatients", "inpatient", "community"]
AUTHOR_ROLES = ["patient", "relative", "carer", "parent", "friend"]
# reason codes allowed per decision (moderation.ReasonsFor); publish takes none
REASONS = {
    "reject": ["commercial", "abusive_content", "not_specific_care", "too_old", "untruthful",
               "duplicate", "staff_feedback", "legal_process", "other"],
    "publish_with_changes": ["personal_details", "staff_identified", "abusive_language",
                             "offensive_language"],
    "hold": ["serious_allegation", "author_distressed", "provider_notice"],
    "escalate": ["safeguarding_abuse", "safeguarding_self_harm", "threat_of_violence", "complex"],
}
REQUIRED = ["id", "title", "body", "expected_decision", "reason", "spans", "clean", "notes"]


def nhs_mod11_ok(text):
    digits = [c for c in text if c.isdigit()]
    if len(digits) != 10:
        return False
    total = sum(int(d) * w for d, w in zip(digits[:9], range(10, 1, -1)))
    check = 11 - total % 11
    if check == 11:
        check = 0
    if check == 10:
        return False
    return check == int(digits[9])


def check_file(path):
    errors = []
    kinds = Counter()
    decisions = Counter()
    ids = set()
    n = 0
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    for lineno, line in enumerate(lines, 1):
        if not line.strip():
            continue
        where = f"{path}:{lineno}"
        try:
            r = json.loads(line)
        except json.JSONDecodeError as e:
            errors.append(f"{where}: invalid JSON ({e})")
            continue
        if not isinstance(r, dict):
            errors.append(f"{where}: not a JSON object")
            continue
        n += 1
        for field in REQUIRED:
            if field not in r:
                errors.append(f"{where}: missing field {field!r}")
        sid = r.get("id")
        where = f"{path}:{lineno} ({sid})"
        if sid in ids:
            errors.append(f"{where}: duplicate id")
        ids.add(sid)
        body = r.get("body", "")
        if not isinstance(body, str) or not body:
            errors.append(f"{where}: empty or non-string body")
            body = ""
        dec = r.get("expected_decision")
        if dec not in DECISIONS:
            errors.append(f"{where}: unknown expected_decision {dec!r}")
        decisions[dec] += 1
        if dec == "publish" and r.get("reason"):
            errors.append(f"{where}: publish should have an empty reason")
        if dec in REASONS and r.get("reason") not in REASONS[dec]:
            errors.append(f"{where}: reason {r.get('reason')!r} is not allowed with {dec}")
        if "service_type" in r and r["service_type"] not in SERVICE_TYPES:
            errors.append(f"{where}: unknown service_type {r['service_type']!r}")
        if "author_role" in r and r["author_role"] not in AUTHOR_ROLES:
            errors.append(f"{where}: unknown author_role {r['author_role']!r}")
        spans = r.get("spans", [])
        if not isinstance(spans, list):
            errors.append(f"{where}: spans is not a list")
            spans = []
        prev_end = -1
        prev_start = -1
        span_kinds = set()
        for s in spans:
            a, b, kind, text = s.get("start"), s.get("end"), s.get("kind"), s.get("text")
            if not (isinstance(a, int) and isinstance(b, int) and 0 <= a < b <= len(body)):
                errors.append(f"{where}: bad offsets {s}")
                continue
            if kind not in KINDS:
                errors.append(f"{where}: unknown kind {kind!r}")
            kinds[kind] += 1
            span_kinds.add(kind)
            if body[a:b] != text:
                errors.append(f"{where}: body[{a}:{b}] = {body[a:b]!r} != text {text!r}")
            if text != text.strip() or (text and text[-1] in ".,;:!?" and kind != "EMAIL"):
                errors.append(f"{where}: span {text!r} has outer spaces or final punctuation")
            if a < prev_start:
                errors.append(f"{where}: spans not sorted at {s}")
            if a < prev_end:
                errors.append(f"{where}: span {s} overlaps the previous one")
            prev_start, prev_end = a, b
            if kind == "NHS_NUMBER" and not nhs_mod11_ok(text):
                errors.append(f"{where}: NHS number {text!r} fails the modulus-11 check")
        if r.get("clean") is not (len(spans) == 0):
            errors.append(f"{where}: clean={r.get('clean')!r} but {len(spans)} spans")
        if dec == "escalate" and not span_kinds & {"THREAT", "SAFEGUARDING"}:
            errors.append(f"{where}: escalate without a THREAT or SAFEGUARDING span")
        if dec != "escalate" and span_kinds & {"THREAT", "SAFEGUARDING"}:
            errors.append(f"{where}: THREAT/SAFEGUARDING span but decision {dec}")
        if r.get("clean") and dec != "publish":
            errors.append(f"{where}: clean story should be published")
    return n, kinds, decisions, errors


def main(argv):
    here = os.path.dirname(os.path.abspath(__file__))
    paths = argv or ([os.path.join(here, "demo", "stories.jsonl")]
                     + sorted(glob.glob(os.path.join(here, "training", "*.jsonl"))))
    failed = False
    for path in paths:
        n, kinds, decisions, errors = check_file(path)
        for e in errors:
            print("ERROR " + e)
        status = "FAIL" if errors else "OK"
        failed = failed or bool(errors)
        kind_txt = " ".join(f"{k}={kinds[k]}" for k in KINDS if kinds[k])
        dec_txt = " ".join(f"{d}={decisions[d]}" for d in DECISIONS if decisions[d])
        print(f"{status} {os.path.relpath(path)}: {n} stories | {dec_txt} | {kind_txt}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
