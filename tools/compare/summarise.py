#!/usr/bin/env python3
"""Turn score.py --json reports into the comparison tables (identifying kinds only).

Usage:
    python3 summarise.py TIMES.tsv

TIMES.tsv has one line per run: SET TOOL SECONDS REPORT.json, where REPORT.json is
the output of `score.py GOLD PRED --json` (one JSON line, then the summary line).
Every figure is read from score.py's own report: overlap mode, IDENTIFYING group.
Predictions hold identifying kinds only, so "clean false flags" (spans of any kind
on clean stories) counts identifying spans only; this is checked.
Standard library only.
"""
import json
import sys

IDENT = ["PERSON", "NHS_NUMBER", "HOSPITAL_NUMBER", "NI_NUMBER", "PHONE", "EMAIL",
         "POSTCODE", "ADDRESS", "DATE_OF_BIRTH", "HANDLE"]
SHOWN = ["PERSON", "PHONE", "EMAIL", "POSTCODE", "ADDRESS", "NHS_NUMBER",
         "DATE_OF_BIRTH", "HOSPITAL_NUMBER", "NI_NUMBER", "HANDLE"]
SHORT = {"PERSON": "PERSON", "PHONE": "PHONE", "EMAIL": "EMAIL", "POSTCODE": "POSTC",
         "ADDRESS": "ADDR", "NHS_NUMBER": "NHS", "DATE_OF_BIRTH": "DOB",
         "HOSPITAL_NUMBER": "HOSP", "NI_NUMBER": "NI", "HANDLE": "HANDLE"}


def load_report(path):
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if line.startswith("{"):
                return json.loads(line)
    sys.exit(f"{path}: no JSON report (run score.py with --json)")


def main(argv):
    if len(argv) != 1:
        sys.exit(__doc__)
    rows = []
    with open(argv[0], encoding="utf-8") as f:
        for line in f:
            if line.strip():
                s, tool, secs, path = line.rstrip("\n").split("\t")
                rows.append((s, tool, float(secs), load_report(path)))

    head1 = ("| set | tool | stories | ID gold | ID pred | R | P | F1 | fully redacted "
             "| clean false flags (spans / stories) | time |")
    print(head1)
    print("|" + "---|" * 3 + "---:|" * 8)
    for s, tool, secs, rep in rows:
        other = [k for k, v in rep["per_kind"].items() if k not in IDENT and v["pred"]]
        if other:
            sys.exit(f"{s}/{tool}: predictions of non-identifying kinds {other}")
        g = rep["per_group"]["IDENTIFYING"]
        o = g["overlap"]
        fr = rep["fully_redacted"]
        c = rep["clean"]
        print(f"| {s} | {tool} | {rep['stories']} | {g['gold']} | {g['pred']} | {o['r']:.3f} | "
              f"{o['p']:.3f} | {o['f1']:.3f} | {fr['ok']}/{fr['total']} | "
              f"{c['false_flags']} / {c['stories_with_false_flags']} of {c['stories']} | {secs:.1f} s |")
    print()
    print("Per-kind identifying recall (overlap; a gold span counts as found when any "
          "identifying prediction overlaps it; gold count in brackets):")
    print()
    print("| set | tool | " + " | ".join(SHORT[k] for k in SHOWN) + " |")
    print("|---|---|" + "---:|" * len(SHOWN))
    for s, tool, secs, rep in rows:
        cells = []
        for k in SHOWN:
            r = rep["per_kind"][k]
            cells.append(f"{r['overlap']['r']:.2f} ({r['gold']})" if r["gold"] else "-")
        print(f"| {s} | {tool} | " + " | ".join(cells) + " |")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
