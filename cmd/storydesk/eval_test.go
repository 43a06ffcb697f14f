package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func writeFile(t *testing.T, name, content string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// evalGoldFile is a tiny synthetic labelled set: offsets are code points
// (the emoji in e2 is one code point, four bytes).
const evalGoldFile = `{"id":"e1","body":"My husband Dave rang 07700 900 184.","expected_decision":"publish_with_changes","spans":[{"start":11,"end":15,"kind":"PERSON"},{"start":21,"end":34,"kind":"PHONE"}],"clean":false}
{"id":"e2","body":"🙂 May I say it was lovely.","expected_decision":"publish","spans":[],"clean":true}
{"id":"e3","body":"Post to 12 Wharf Street, HX1 2BE, and tell Máiréad.","expected_decision":"publish_with_changes","spans":[{"start":8,"end":23,"kind":"ADDRESS"},{"start":25,"end":32,"kind":"POSTCODE"},{"start":43,"end":50,"kind":"PERSON"}],"clean":false}
`

func TestEvalEngine(t *testing.T) {
	gold := writeFile(t, "gold.jsonl", evalGoldFile)
	var stdout, stderr bytes.Buffer
	if err := runEval(context.Background(), []string{gold}, &stdout, &stderr); err != nil {
		t.Fatalf("runEval: %v (stderr %q)", err, stderr.String())
	}
	lines := strings.Split(strings.TrimSpace(stdout.String()), "\n")
	want := "identifying R=1.000 P=1.000 | abuse R=1.000 P=1.000 | safeguarding R=1.000 P=1.000 | clean false flags=0 | fully redacted 2/2 | decision 3/3"
	if got := lines[len(lines)-1]; got != want {
		t.Errorf("summary =\n%s\nwant\n%s\n(full output:\n%s)", got, want, stdout.String())
	}
}

func TestEvalPredictionFile(t *testing.T) {
	gold := writeFile(t, "gold.jsonl", evalGoldFile)
	pred := writeFile(t, "pred.jsonl", `{"id":"e1","spans":[{"start":11,"end":15,"kind":"person"}],"decision":"publish"}
{"id":"e2","spans":[{"start":2,"end":5,"kind":"PERSON"}]}
{"id":"zz","spans":[]}
`)
	var stdout, stderr bytes.Buffer
	if err := runEval(context.Background(), []string{gold, pred}, &stdout, &stderr); err != nil {
		t.Fatalf("runEval: %v", err)
	}
	if !strings.Contains(stderr.String(), "unknown id zz ignored") {
		t.Errorf("stderr = %q; want a warning about id zz", stderr.String())
	}
	lines := strings.Split(strings.TrimSpace(stdout.String()), "\n")
	want := "identifying R=0.200 P=0.500 | abuse R=1.000 P=1.000 | safeguarding R=1.000 P=1.000 | clean false flags=1 | fully redacted 0/2 | decision 0/1"
	if got := lines[len(lines)-1]; got != want {
		t.Errorf("summary =\n%s\nwant\n%s", got, want)
	}
}

func TestEvalBadInput(t *testing.T) {
	gold := writeFile(t, "gold.jsonl", "{\"id\":\"e1\",\"body\":\"x\"}\nnot json\n")
	var stdout, stderr bytes.Buffer
	err := runEval(context.Background(), []string{gold}, &stdout, &stderr)
	if err == nil || !strings.Contains(err.Error(), "gold.jsonl:2") {
		t.Errorf("err = %v; want one naming gold.jsonl:2", err)
	}
	if err := runEval(context.Background(), nil, &stdout, &stderr); err == nil {
		t.Errorf("no arguments: err = nil; want a usage error")
	}
}
