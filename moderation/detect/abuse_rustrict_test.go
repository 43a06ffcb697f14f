package detect

import (
	"bufio"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// readLines returns the non-blank, non-comment lines of a benchmark file.
func readLines(t *testing.T, path string) []string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Skipf("rustrict-profanity benchmark not found at %s: %v", path, err)
	}
	defer f.Close()
	var out []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue
		}
		out = append(out, line)
	}
	if err := sc.Err(); err != nil {
		t.Fatalf("read %s: %v", path, err)
	}
	return out
}

// TestAbuseRustrict checks the profanity and insult rules against the
// message-level test sets of the rustrict filter: test_positive.txt must be
// flagged; test_negative.txt, test_safe.txt and safe.txt must stay clean.
// Safeguarding and threat rules are off: this is a profanity benchmark, and
// its negatives include phrases such as "the suicide squad".
func TestAbuseRustrict(t *testing.T) {
	dir := filepath.Join(benchDir, "rustrict-profanity")
	d := abuseDetector{lx: abuseLex(), profanity: true, insults: true}
	pos := readLines(t, filepath.Join(dir, "test_positive.txt"))
	var neg []string
	for _, f := range []string{"test_negative.txt", "test_safe.txt", "safe.txt"} {
		neg = append(neg, readLines(t, filepath.Join(dir, f))...)
	}
	flagged := 0
	var missed []string
	for _, p := range pos {
		if len(d.Find(p)) > 0 {
			flagged++
		} else {
			missed = append(missed, p)
		}
	}
	clean := 0
	for _, n := range neg {
		if sp := d.Find(n); len(sp) == 0 {
			clean++
		} else {
			t.Logf("negative flagged: %q (%s)", n, sp[0].Reason)
		}
	}
	recall := float64(flagged) / float64(len(pos))
	spec := float64(clean) / float64(len(neg))
	if testing.Verbose() {
		for i, m := range missed {
			if i >= 5000 {
				break
			}
			t.Logf("positive missed: %q", m)
		}
	}
	t.Logf("positives flagged %d/%d (%.1f%%), negatives clean %d/%d (%.1f%%)",
		flagged, len(pos), 100*recall, clean, len(neg), 100*spec)
	if recall < 0.85 {
		t.Errorf("positives flagged = %.3f, want >= 0.85", recall)
	}
	if spec < 0.97 {
		t.Errorf("negatives clean = %.3f, want >= 0.97", spec)
	}
}
