package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

type scanTestLine struct {
	ID    json.RawMessage `json:"id"`
	Spans []struct {
		Start, End int
		Kind       string
		Confidence float64
		Reason     string
	} `json:"spans"`
	Decision string `json:"decision"`
}

func TestScanCodePointsAndOrder(t *testing.T) {
	// synthetic stories; emoji and accents before the spans so that code
	// points, UTF-16 units and bytes all differ
	in := strings.Join([]string{
		`{"id":"s1","body":"Zoë 🏳️‍🌈 says: my husband Dave rang 07700 900 184."}`,
		`{"id":2,"text":"Nothing to see here."}`,
		`{"id":"s3","body":"NHS number 943 476 5919, postcode SA1 8UP."}`,
	}, "\n") + "\n"
	var stdout, stderr bytes.Buffer
	if err := runScan(context.Background(), nil, strings.NewReader(in), &stdout, &stderr); err != nil {
		t.Fatalf("runScan: %v (stderr %q)", err, stderr.String())
	}
	lines := strings.Split(strings.TrimSpace(stdout.String()), "\n")
	if len(lines) != 3 {
		t.Fatalf("got %d output lines, want 3:\n%s", len(lines), stdout.String())
	}
	bodies := []string{"Zoë 🏳️‍🌈 says: my husband Dave rang 07700 900 184.", "Nothing to see here.", "NHS number 943 476 5919, postcode SA1 8UP."}
	want := [][]string{{"PERSON:Zoë", "PERSON:Dave", "PHONE:07700 900 184"}, nil, {"NHS_NUMBER:943 476 5919", "POSTCODE:SA1 8UP"}}
	wantIDs := []string{`"s1"`, `2`, `"s3"`}
	wantDecision := []string{"publish_with_changes", "publish", "publish_with_changes"}
	for i, l := range lines {
		var out scanTestLine
		if err := json.Unmarshal([]byte(l), &out); err != nil {
			t.Fatalf("line %d %q: %v", i+1, l, err)
		}
		if string(out.ID) != wantIDs[i] {
			t.Errorf("line %d id = %s, want %s", i+1, out.ID, wantIDs[i])
		}
		runes := []rune(bodies[i])
		var got []string
		for _, s := range out.Spans {
			got = append(got, s.Kind+":"+string(runes[s.Start:s.End]))
			if s.Reason == "" || s.Confidence <= 0 || s.Confidence > 1 {
				t.Errorf("line %d span %+v: want a reason and 0 < confidence ≤ 1", i+1, s)
			}
		}
		if strings.Join(got, "|") != strings.Join(want[i], "|") {
			t.Errorf("line %d spans = %q, want %q", i+1, got, want[i])
		}
		if out.Decision != wantDecision[i] {
			t.Errorf("line %d decision = %q, want %q", i+1, out.Decision, wantDecision[i])
		}
	}
}

func TestScanMalformedLines(t *testing.T) {
	in := `{"id":"a","body":"Call 07700 900 184."}
{"id":"b","body": oops}

{"body":"no id"}
{"id":"c","title":"no body"}
{"id":"d","body":"Fine."}
`
	var stdout, stderr bytes.Buffer
	err := runScan(context.Background(), nil, strings.NewReader(in), &stdout, &stderr)
	if err == nil || !strings.Contains(err.Error(), "stdin:2") {
		t.Errorf("err = %v; want an error naming stdin:2", err)
	}
	var ids []string
	for _, l := range strings.Split(strings.TrimSpace(stdout.String()), "\n") {
		var out scanTestLine
		if json.Unmarshal([]byte(l), &out) == nil {
			ids = append(ids, string(out.ID))
		}
	}
	if strings.Join(ids, ",") != `"a","d"` {
		t.Errorf("written ids = %v; want the good lines \"a\",\"d\" in order", ids)
	}
	for _, want := range []string{"stdin:2: invalid JSON", `stdin:4: missing field "id"`, `stdin:5: missing field "body"`} {
		if !strings.Contains(stderr.String(), want) {
			t.Errorf("stderr = %q; want it to contain %q", stderr.String(), want)
		}
	}
	if strings.Contains(stderr.String(), "oops") {
		t.Errorf("stderr = %q; must not echo story text", stderr.String())
	}
}

func TestScanFileArgument(t *testing.T) {
	path := filepath.Join(t.TempDir(), "in.jsonl")
	if err := os.WriteFile(path, []byte(`{"id":"f","body":"email me at jo@example.com"}`), 0o600); err != nil {
		t.Fatal(err)
	}
	var stdout, stderr bytes.Buffer
	if err := runScan(context.Background(), []string{path}, strings.NewReader(""), &stdout, &stderr); err != nil {
		t.Fatalf("runScan(%s): %v", path, err)
	}
	if !strings.Contains(stdout.String(), `"kind":"EMAIL"`) {
		t.Errorf("stdout = %q; want an EMAIL span (file without a final newline)", stdout.String())
	}
	err := runScan(context.Background(), []string{filepath.Join(t.TempDir(), "missing.jsonl")}, strings.NewReader(""), &stdout, &stderr)
	if err == nil || !strings.Contains(err.Error(), "missing.jsonl") {
		t.Errorf("missing file: err = %v; want one naming the file", err)
	}
}
