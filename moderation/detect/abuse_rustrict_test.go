package detect

import (
	"bufio"
	"fmt"
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

// policyExclusions reads testdata/rustrict_policy_exclusions.txt: the
// positives that StoryDesk's policy leaves clean, by category.
func policyExclusions(t *testing.T) (map[string]string, []string) {
	t.Helper()
	f, err := os.Open(filepath.Join("testdata", "rustrict_policy_exclusions.txt"))
	if err != nil {
		t.Fatalf("open exclusions: %v", err)
	}
	defer f.Close()
	out := map[string]string{}
	var cats []string
	cat := ""
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		switch {
		case strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#"):
		case strings.HasPrefix(line, "["):
			end := strings.IndexByte(line, ']')
			if end < 0 {
				t.Fatalf("rustrict_policy_exclusions.txt:%d: want \"[category] reason\", got %q", n, line)
			}
			cat = line[1:end]
			cats = append(cats, cat)
		case cat == "":
			t.Fatalf("rustrict_policy_exclusions.txt:%d: line before the first [category]", n)
		default:
			out[line] = cat
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return out, cats
}

// TestAbuseRustrict checks the abuse rules (profanity, insults, threats
// and safeguarding) against the message-level test sets of the rustrict
// filter: test_positive.txt must be flagged; test_negative.txt,
// test_safe.txt and safe.txt must stay clean. Recall is reported on all
// positives and on the policy-compatible ones (outside
// testdata/rustrict_policy_exclusions.txt), and separately on the even and
// odd lines: the rules were developed looking at the even lines only, so
// the odd lines are held out.
func TestAbuseRustrict(t *testing.T) {
	dir := filepath.Join(benchDir, "rustrict-profanity")
	d := newAbuseDetector()
	pos := readLines(t, filepath.Join(dir, "test_positive.txt"))
	var neg []string
	for _, f := range []string{"test_negative.txt", "test_safe.txt", "safe.txt"} {
		neg = append(neg, readLines(t, filepath.Join(dir, f))...)
	}
	excl, cats := policyExclusions(t)
	inPos := map[string]bool{}
	for _, p := range pos {
		inPos[p] = true
	}
	for line, cat := range excl {
		if !inPos[line] {
			t.Errorf("exclusion [%s] %q is not a line of test_positive.txt", cat, line)
		}
	}
	// [0] all lines, [1] policy-compatible lines; per parity of the line
	// number (1-based): even lines were looked at, odd lines held out
	type tally struct{ n, hit int }
	var all, compat [2]tally
	perCat := map[string]*tally{}
	for _, c := range cats {
		perCat[c] = &tally{}
	}
	var missed []string
	for i, p := range pos {
		par := (i + 1) % 2 // 0 even, 1 odd
		hit := len(d.Find(p)) > 0
		all[par].n++
		if hit {
			all[par].hit++
		}
		if c, ok := excl[p]; ok {
			perCat[c].n++
			if hit {
				perCat[c].hit++
			}
			continue
		}
		compat[par].n++
		if hit {
			compat[par].hit++
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
	if testing.Verbose() {
		for _, m := range missed {
			t.Logf("policy-compatible positive missed: %q", m)
		}
	}
	rate := func(ts ...tally) (float64, string) {
		n, h := 0, 0
		for _, x := range ts {
			n += x.n
			h += x.hit
		}
		return float64(h) / float64(n), fmt.Sprintf("%d/%d (%.1f%%)", h, n, 100*float64(h)/float64(n))
	}
	allR, allS := rate(all[0], all[1])
	compR, compS := rate(compat[0], compat[1])
	_, evenS := rate(compat[0])
	oddR, oddS := rate(compat[1])
	_, allEven := rate(all[0])
	_, allOdd := rate(all[1])
	spec := float64(clean) / float64(len(neg))
	t.Logf("positives flagged: all lines %s [even %s, odd %s]", allS, allEven, allOdd)
	t.Logf("policy-compatible positives flagged: %s [even (developed on) %s, odd (held out) %s]", compS, evenS, oddS)
	for _, c := range cats {
		t.Logf("  excluded [%s]: %d lines, %d flagged anyway", c, perCat[c].n, perCat[c].hit)
	}
	t.Logf("negatives clean %d/%d (%.1f%%)", clean, len(neg), 100*spec)
	if compR < 0.85 {
		t.Errorf("policy-compatible positives flagged = %.3f, want >= 0.85", compR)
	}
	if oddR < 0.80 {
		t.Errorf("held-out (odd) policy-compatible positives flagged = %.3f, want >= 0.80", oddR)
	}
	// all lines include the excluded ones, which the policy leaves clean
	if allR < 0.70 {
		t.Errorf("all positives flagged = %.3f, want >= 0.70", allR)
	}
	if spec < 0.97 {
		t.Errorf("negatives clean = %.3f, want >= 0.97", spec)
	}
}
