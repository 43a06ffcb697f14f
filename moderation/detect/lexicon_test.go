package detect

import (
	"strings"
	"testing"
)

// TestLexiconLoads parses every embedded list; a malformed line would panic
// at the first story instead.
func TestLexiconLoads(t *testing.T) {
	l, err := loadLexicon()
	if err != nil {
		t.Fatalf("loadLexicon: %v", err)
	}
	for _, w := range []string{"hell", "damn", "bloody", "crap", "god"} {
		if e, ok := l.lookup(w); !ok || e.grade != gradeNone {
			t.Errorf("lookup(%q) = %+v, %v; want grade 0 (mild, never flagged)", w, e, ok)
		}
	}
	if e, ok := l.lookup("fuck"); !ok || e.grade < gradeStrong {
		t.Errorf("lookup(fuck) = %+v, %v; want a strong grade", e, ok)
	}
	if len(l.threat.patterns) == 0 || len(l.safeguarding.patterns) == 0 || len(l.discrimination.patterns) == 0 {
		t.Errorf("pattern sets empty: threat %d, safeguarding %d, discrimination %d",
			len(l.threat.patterns), len(l.safeguarding.patterns), len(l.discrimination.patterns))
	}
}

func TestPatterns(t *testing.T) {
	ps := &patternSet{byWord: map[string][]int{}, byPrefix: map[string][]int{}}
	classes := map[string]patElem{}
	add := func(key string, elems ...string) {
		p := pattern{key: key}
		for _, f := range elems {
			if strings.HasPrefix(f, "...") {
				p.elems = append(p.elems, patElem{gap: int(f[3] - '0')})
				continue
			}
			el, err := parseAlts(strings.TrimSuffix(f, "?"), classes)
			if err != nil {
				t.Fatal(err)
			}
			el.optional = strings.HasSuffix(f, "?")
			p.elems = append(p.elems, el)
		}
		ps.patterns = append(ps.patterns, p)
		for w := range p.elems[0].words {
			ps.byWord[w] = append(ps.byWord[w], len(ps.patterns)-1)
		}
		for _, pr := range p.elems[0].prefixes {
			ps.byPrefix[pr] = append(ps.byPrefix[pr], len(ps.patterns)-1)
			ps.prefLens = append(ps.prefLens, len(pr))
		}
	}
	add("gap", "left", "...3", "wet|soiled")
	add("prefix", "slap~", "her|him")
	add("optional", "end", "my", "own?", "life")
	tests := []struct {
		text string
		want []string
	}{
		{"they left him on a wet sheet", []string{"gap"}},
		{"they left him on the ward. Wet paint", nil}, // never crosses a sentence
		{"she slapped her", []string{"prefix"}},
		{"to end my own life", []string{"optional"}},
		{"to end my life", []string{"optional"}},
		{"to end my working life", nil},
	}
	for _, tt := range tests {
		var got []string
		for _, m := range ps.find(splitWords(tt.text)) {
			got = append(got, m.key)
		}
		if strings.Join(got, ",") != strings.Join(tt.want, ",") {
			t.Errorf("find(%q) = %q; want %q", tt.text, got, tt.want)
		}
	}
}

func TestLoadPatternsErrors(t *testing.T) {
	if _, err := loadPatterns("no-such-file.txt"); err == nil || !strings.Contains(err.Error(), "no-such-file.txt") {
		t.Errorf("loadPatterns(missing) error = %v; want one naming the file", err)
	}
	if _, err := parseAlts("@nope", map[string]patElem{}); err == nil {
		t.Errorf("parseAlts(unknown class) = nil error; want one")
	}
}
