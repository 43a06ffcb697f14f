package moderation

import (
	"slices"
	"strings"
	"unicode/utf8"
)

// CheckSpans reports the first span that lies outside body, is empty, does
// not fall on UTF-8 boundaries, or overlaps another span marked for redaction.
func CheckSpans(body string, spans []Span) error { return checkSpans("spans", body, spans) }

// checkSpans is CheckSpans with the errors naming field.
func checkSpans(field, body string, spans []Span) error {
	for i, s := range spans {
		if s.Start < 0 || s.End > len(body) || s.Start >= s.End {
			return Invalidf(field, "item %d: range %d..%d outside the body (%d bytes)", i, s.Start, s.End, len(body))
		}
		if !boundary(body, s.Start) || !boundary(body, s.End) {
			return Invalidf(field, "item %d: range %d..%d splits a character", i, s.Start, s.End)
		}
	}
	red := redacted(spans)
	for i := 1; i < len(red); i++ {
		if red[i].Start < red[i-1].End {
			return Invalidf(field, "redactions %s and %s overlap", red[i-1], red[i])
		}
	}
	return nil
}

func boundary(s string, i int) bool {
	return i == len(s) || utf8.RuneStart(s[i])
}

// redacted returns the spans marked for redaction, sorted by start.
func redacted(spans []Span) []Span {
	var out []Span
	for _, s := range spans {
		if s.Redact {
			out = append(out, s)
		}
	}
	slices.SortFunc(out, func(a, b Span) int { return a.Start - b.Start })
	return out
}

// Redact builds the published text: body with every span marked Redact
// replaced by its replacement text (the moderator's, or the kind's
// placeholder such as "[name removed]"). Spans not marked are ignored.
func Redact(body string, spans []Span) (string, error) {
	if err := CheckSpans(body, spans); err != nil {
		return "", err
	}
	var b strings.Builder
	b.Grow(len(body))
	at := 0
	for _, s := range redacted(spans) {
		b.WriteString(body[at:s.Start])
		b.WriteString(s.ReplacementText())
		at = s.End
	}
	b.WriteString(body[at:])
	return b.String(), nil
}

// Redactions lists the spans marked for redaction as a decision's redactions.
func Redactions(spans []Span) []Redaction {
	var out []Redaction
	for _, s := range redacted(spans) {
		out = append(out, Redaction{Start: s.Start, End: s.End, Kind: s.Kind, Source: s.Source, Replacement: s.ReplacementText()})
	}
	return out
}

// Offsets converts between byte offsets (Go) and code-point offsets (every
// external boundary) for one string. Build it once per text: each
// conversion is then a binary search, not a rescan.
type Offsets struct {
	starts []int // byte offset of each code point; len = code points
	n      int   // len(text) in bytes
}

// NewOffsets indexes s.
func NewOffsets(s string) *Offsets {
	o := &Offsets{starts: make([]int, 0, len(s)), n: len(s)}
	for i := range s {
		o.starts = append(o.starts, i)
	}
	return o
}

// Runes is the number of code points in the text.
func (o *Offsets) Runes() int { return len(o.starts) }

// ToRune converts a byte offset to a code-point offset. A byte inside a
// multi-byte character maps to that character.
func (o *Offsets) ToRune(b int) int {
	if b >= o.n {
		return len(o.starts)
	}
	i, found := slices.BinarySearch(o.starts, b)
	if !found {
		i--
	}
	return i
}

// ToByte converts a code-point offset to a byte offset; ok is false when r
// is outside 0..Runes().
func (o *Offsets) ToByte(r int) (b int, ok bool) {
	switch {
	case r < 0 || r > len(o.starts):
		return 0, false
	case r == len(o.starts):
		return o.n, true
	}
	return o.starts[r], true
}

// RuneSpan converts a byte-offset span's range to code points.
func (o *Offsets) RuneSpan(s Span) (start, end int) { return o.ToRune(s.Start), o.ToRune(s.End) }

// ByteRange converts a code-point range to bytes, with an EINVALID error
// naming field when it does not fit the text.
func (o *Offsets) ByteRange(field string, start, end int) (bs, be int, err error) {
	bs, ok1 := o.ToByte(start)
	be, ok2 := o.ToByte(end)
	if !ok1 || !ok2 || start >= end {
		return 0, 0, Invalidf(field, "range %d..%d outside the text (%d code points)", start, end, len(o.starts))
	}
	return bs, be, nil
}
