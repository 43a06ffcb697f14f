package history

import (
	"slices"
	"unicode"
	"unicode/utf8"

	"github.com/storydesk/storydesk/moderation"
)

// Segment is a run of text on one side of a diff. Changed marks text that
// was removed (original side) or put in (published side); Kind names the
// redaction when the diff comes from redactions.
type Segment struct {
	Text    string
	Changed bool
	Kind    moderation.Kind
}

// Diff builds the two sides of the original-versus-published view. When
// the published body is what the decision's redactions make of body (or
// is empty), each redaction is one changed segment carrying its kind;
// otherwise (text edited by hand) it falls back to a word diff. exact
// reports which happened.
func Diff(body string, d moderation.Decision) (orig, pub []Segment, exact bool) {
	if o, p, ok := redactionDiff(body, d.Redactions); ok && (d.PublishedBody == "" || join(p) == d.PublishedBody) {
		return o, p, true
	}
	o, p := WordDiff(body, d.PublishedBody)
	return o, p, false
}

func redactionDiff(body string, reds []moderation.Redaction) (orig, pub []Segment, ok bool) {
	rs := slices.Clone(reds)
	slices.SortFunc(rs, func(a, b moderation.Redaction) int { return a.Start - b.Start })
	at := 0
	for _, r := range rs {
		if r.Start < at || r.End > len(body) || r.Start >= r.End ||
			!utf8.RuneStart(body[r.Start]) || (r.End < len(body) && !utf8.RuneStart(body[r.End])) {
			return nil, nil, false
		}
		if r.Start > at {
			orig = append(orig, Segment{Text: body[at:r.Start]})
			pub = append(pub, Segment{Text: body[at:r.Start]})
		}
		repl := r.Replacement
		if repl == "" {
			repl = r.Kind.Placeholder()
		}
		orig = append(orig, Segment{Text: body[r.Start:r.End], Changed: true, Kind: r.Kind})
		pub = append(pub, Segment{Text: repl, Changed: true, Kind: r.Kind})
		at = r.End
	}
	if at < len(body) {
		orig = append(orig, Segment{Text: body[at:]})
		pub = append(pub, Segment{Text: body[at:]})
	}
	return orig, pub, true
}

func join(segs []Segment) string {
	n := 0
	for _, s := range segs {
		n += len(s.Text)
	}
	b := make([]byte, 0, n)
	for _, s := range segs {
		b = append(b, s.Text...)
	}
	return string(b)
}

// Join concatenates the segments' text: the original or published text.
func Join(segs []Segment) string { return join(segs) }

// maxTokens bounds the word diff's table (tokens per side).
const maxTokens = 4000

// WordDiff compares a and b word by word (longest common subsequence over
// words and the spaces between them) and marks what differs.
func WordDiff(a, b string) (orig, pub []Segment) {
	ta, tb := tokens(a), tokens(b)
	if len(ta) > maxTokens || len(tb) > maxTokens {
		return merge([]Segment{{Text: a, Changed: a != b}}), merge([]Segment{{Text: b, Changed: a != b}})
	}
	// lcs[i][j] = LCS length of ta[i:], tb[j:]
	n, m := len(ta), len(tb)
	lcs := make([][]int32, n+1)
	for i := range lcs {
		lcs[i] = make([]int32, m+1)
	}
	for i := n - 1; i >= 0; i-- {
		for j := m - 1; j >= 0; j-- {
			if ta[i] == tb[j] {
				lcs[i][j] = lcs[i+1][j+1] + 1
			} else {
				lcs[i][j] = max(lcs[i+1][j], lcs[i][j+1])
			}
		}
	}
	i, j := 0, 0
	for i < n || j < m {
		switch {
		case i < n && j < m && ta[i] == tb[j]:
			orig = append(orig, Segment{Text: ta[i]})
			pub = append(pub, Segment{Text: tb[j]})
			i++
			j++
		case j < m && (i == n || lcs[i][j+1] >= lcs[i+1][j]):
			pub = append(pub, Segment{Text: tb[j], Changed: true})
			j++
		default:
			orig = append(orig, Segment{Text: ta[i], Changed: true})
			i++
		}
	}
	return merge(orig), merge(pub)
}

// tokens splits s into words and runs of space, keeping every byte.
func tokens(s string) []string {
	var out []string
	start := 0
	space := false
	for i, r := range s {
		sp := unicode.IsSpace(r)
		if i > start && sp != space {
			out = append(out, s[start:i])
			start = i
		}
		space = sp
	}
	if start < len(s) {
		out = append(out, s[start:])
	}
	return out
}

// merge joins neighbouring segments with the same marking.
func merge(segs []Segment) []Segment {
	var out []Segment
	for _, s := range segs {
		if s.Text == "" {
			continue
		}
		if n := len(out); n > 0 && out[n-1].Changed == s.Changed && out[n-1].Kind == s.Kind {
			out[n-1].Text += s.Text
			continue
		}
		out = append(out, s)
	}
	return out
}
