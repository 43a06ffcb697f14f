package ai

import (
	"fmt"
	"slices"
	"strings"

	"github.com/storydesk/storydesk/moderation"
)

// placeholder is one masked identifier: its byte range in the masked text
// and in the original body.
type placeholder struct {
	mStart, mEnd int // in the masked text
	oStart, oEnd int // in the body
}

// masked is a body with the identifiers the rules found replaced by
// placeholders such as [PHONE_1], and the map back to the body.
type masked struct {
	text  string
	holes []placeholder // sorted, disjoint
}

// mask replaces every identifying rule span of body by a placeholder naming
// its kind and a number; the same text of the same kind gets the same
// placeholder, so the model can still tell that a name recurs. Spans of other
// groups (abuse, safeguarding) are not identifiers and stay visible. Where
// identifying spans overlap, the earlier (then the longer) one wins.
func mask(body string, spans []moderation.Span) masked {
	var ids []moderation.Span
	for _, s := range spans {
		if s.Kind.Group() == moderation.Identifying {
			ids = append(ids, s)
		}
	}
	slices.SortFunc(ids, func(a, b moderation.Span) int {
		if a.Start != b.Start {
			return a.Start - b.Start
		}
		return b.End - a.End
	})

	names := map[string]string{} // kind + folded text -> placeholder
	counts := map[moderation.Kind]int{}
	var b strings.Builder
	var holes []placeholder
	at := 0
	for _, s := range ids {
		if s.Start < at {
			continue // overlaps one already masked
		}
		key := string(s.Kind) + "\x00" + strings.Join(strings.Fields(strings.ToLower(body[s.Start:s.End])), " ")
		name, ok := names[key]
		if !ok {
			counts[s.Kind]++
			name = fmt.Sprintf("[%s_%d]", s.Kind, counts[s.Kind])
			names[key] = name
		}
		b.WriteString(body[at:s.Start])
		p := placeholder{mStart: b.Len(), oStart: s.Start, oEnd: s.End}
		b.WriteString(name)
		p.mEnd = b.Len()
		holes = append(holes, p)
		at = s.End
	}
	b.WriteString(body[at:])
	return masked{text: b.String(), holes: holes}
}

// toBody maps a half-open byte range of the masked text back to the body.
// ok is false when the range lies within a placeholder or cuts one: such a
// quote is about an identifier the rules already found.
func (m masked) toBody(start, end int) (bs, be int, ok bool) {
	for _, h := range m.holes {
		if start >= h.mStart && end <= h.mEnd {
			return 0, 0, false
		}
	}
	bs, ok1 := m.offset(start)
	be, ok2 := m.offset(end)
	return bs, be, ok1 && ok2
}

// offset maps one masked-text offset to the body; ok is false strictly
// inside a placeholder. A placeholder's edges map to its span's edges.
func (m masked) offset(at int) (int, bool) {
	shift := 0 // body offset minus masked offset left of at
	for _, h := range m.holes {
		if at <= h.mStart {
			break
		}
		if at < h.mEnd {
			return 0, false
		}
		shift = h.oEnd - h.mEnd
	}
	return at + shift, true
}
