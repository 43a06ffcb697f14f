// Package detect is StoryDesk's rule engine: text in, spans out. Each
// Detector finds one family of details (identifiers, names, abuse,
// safeguarding); the Engine runs them all and resolves overlaps so that the
// spans it returns never overlap.
package detect

import (
	"slices"
	"strings"
	"sync"
	"unicode"

	"github.com/storydesk/storydesk/moderation"
)

// Detector finds spans of one family in a text. Offsets are bytes.
type Detector interface {
	Find(text string) []moderation.Span
}

// Engine runs every detector and merges their spans.
type Engine struct {
	detectors []Detector
	gated     bool // the story check reads the safeguarding spans (see story_gate.go)
}

var _ moderation.Detector = (*Engine)(nil)

// New returns an engine with every built-in detector.
func New() *Engine {
	return &Engine{detectors: defaultDetectors(), gated: true}
}

// newUngated returns New's engine without the story check, whose output
// the check is trained on.
func newUngated() *Engine {
	return &Engine{detectors: defaultDetectors()}
}

// NewWith returns an engine with only the given detectors (for tests).
func NewWith(ds ...Detector) *Engine { return &Engine{detectors: ds} }

// Detect returns the spans found in text, sorted, non-overlapping, each
// with Source "rule" and the policy's default redaction.
func (e *Engine) Detect(text string) []moderation.Span {
	var buf [4][]moderation.Span // the usual few detectors, without allocating
	found := buf[:0]
	if len(e.detectors) > len(buf) {
		found = make([][]moderation.Span, 0, len(e.detectors))
	}
	var spans []moderation.Span
	if r, ok := e.only(); ok {
		// the default engine: merge reads the identifying spans from the
		// rules' pooled buffer, without a copy of every span first
		r.find(text, func(ids, other []moderation.Span) {
			spans = merge(text, append(found, ids, other))
		})
	} else {
		found = found[:len(e.detectors)]
		for i, d := range e.detectors {
			found[i] = d.Find(text)
		}
		spans = merge(text, found)
	}
	if e.gated {
		spans = gateStory(text, spans)
	}
	for i := range spans {
		spans[i].Source = moderation.SourceRule
		spans[i].Redact = moderation.DefaultRedact(spans[i].Kind)
	}
	return spans
}

// only returns the engine's rules when they are its one detector, the
// default engine's.
func (e *Engine) only() (allRules, bool) {
	if len(e.detectors) != 1 {
		return allRules{}, false
	}
	r, ok := e.detectors[0].(allRules)
	return r, ok
}

// Find is Detect under the Detector name, so an Engine nests.
func (e *Engine) Find(text string) []moderation.Span { return e.Detect(text) }

// merge resolves overlaps so that the spans it returns never overlap:
//
//  1. Identifying spans are kept outside threat and safeguarding clauses
//     (and the abuse model's sentences): a
//     clause that contains a name (or any identifier) is cut around it and
//     the pieces are trimmed, so the name stays its own span. Safeguarding
//     spans are flags, not redactions, so a name inside one would otherwise
//     be published.
//  2. Otherwise the larger span wins (a swear word inside an insult, threat
//     or safeguarding clause; a name inside an e-mail, handle or address;
//     a famous name inside an insult); on equal length the more confident.
//
// found holds each detector's spans; they are read in order, without being
// copied into one list first.
func merge(text string, found [][]moderation.Span) []moderation.Span {
	n := 0
	for _, f := range found {
		n += len(f)
	}
	// ident has room for the other spans too: they are appended after the
	// identifying ones, which stay in place for appendCut to search
	ident := make([]moderation.Span, 0, n+8)
	for _, f := range found {
		for _, s := range f {
			if s.Kind.Group() == moderation.Identifying {
				ident = append(ident, s)
			}
		}
	}
	ident = largestFirst(ident)
	all := ident
	for _, f := range found {
		for _, s := range f {
			switch {
			case s.Kind.Group() == moderation.Identifying:
			case fromAbuseModel(s):
				// a sentence cut around names keeps the pieces that can
				// hold an insult, not "🙂 rang" before a phone number
				all = appendCutIf(all, text, s, ident, func(p moderation.Span) bool {
					return len(strings.Fields(text[p.Start:p.End])) >= 3
				})
			case s.Kind == moderation.Threat || s.Kind == moderation.Safeguarding:
				all = appendCut(all, text, s, ident)
			default:
				all = append(all, s)
			}
		}
	}
	return largestFirst(all)
}

// largestFirst keeps, of overlapping spans, the longest (then the most
// confident, then the earliest) and returns the survivors sorted by start.
// Spans are cut into clusters of transitively overlapping spans first, so
// the greedy choice is quadratic only within a cluster (a handful of spans),
// and linear in the text.
func largestFirst(spans []moderation.Span) []moderation.Span {
	sortByStart(spans)
	// out reuses spans' array: it never grows past the cluster being read,
	// and a cluster of several spans is copied to scratch first
	out := spans[:0]
	var scratch []moderation.Span
	for i := 0; i < len(spans); {
		j, end := i+1, spans[i].End
		for j < len(spans) && spans[j].Start < end {
			end = max(end, spans[j].End)
			j++
		}
		if j == i+1 {
			out = append(out, spans[i])
		} else {
			scratch = append(scratch[:0], spans[i:j]...)
			out = appendCluster(out, scratch)
		}
		i = j
	}
	return out
}

// sortByStart sorts spans by start, then longest first. Spans are large
// structs, so a long list is sorted as small keys and then moved once; a
// list that is already in order (the usual case for one detector's
// output) is left alone.
func sortByStart(spans []moderation.Span) {
	less := func(a, b moderation.Span) int {
		if a.Start != b.Start {
			return a.Start - b.Start
		}
		return b.End - a.End
	}
	if slices.IsSortedFunc(spans, less) {
		return
	}
	// two sorted runs (identifying spans, then the others): merge them
	for k := 1; k < len(spans); k++ {
		if less(spans[k-1], spans[k]) > 0 {
			if slices.IsSortedFunc(spans[k:], less) {
				sp := spanScratch.Get().(*[]moderation.Span)
				defer spanScratch.Put(sp)
				a := append((*sp)[:0], spans[:k]...)
				defer func() { clear(a); *sp = a[:0] }() // keep no reasons alive
				b := spans[k:]
				i, j, o := 0, 0, 0
				for i < len(a) && j < len(b) {
					if less(b[j], a[i]) < 0 {
						spans[o] = b[j]
						j++
					} else {
						spans[o] = a[i]
						i++
					}
					o++
				}
				copy(spans[o:], a[i:]) // the rest of b is in place already
				return
			}
			break
		}
	}
	if len(spans) < 64 {
		slices.SortFunc(spans, less)
		return
	}
	// the order is worked out on small keys, as the index of the span
	// that goes to each place (perm), and the spans are then moved into
	// place along the permutation's cycles, each once, without a copy of
	// the list
	pp := permScratch.Get().(*[]int32)
	defer permScratch.Put(pp)
	perm := (*pp)[:0]
	kp := packedScratch.Get().(*[]uint64)
	defer packedScratch.Put(kp)
	if packed, ok := packedOrder(spans, (*kp)[:0]); ok {
		*kp = packed
		for _, k := range packed {
			perm = append(perm, int32(k&packedIndex))
		}
	} else {
		kp := keyScratch.Get().(*[]spanKey)
		defer keyScratch.Put(kp)
		keys := slices.Grow((*kp)[:0], len(spans))[:len(spans)]
		*kp = keys
		for i, s := range spans {
			keys[i] = spanKey{s.Start, s.End, i}
		}
		slices.SortFunc(keys, func(a, b spanKey) int {
			if a.start != b.start {
				return a.start - b.start
			}
			if a.end != b.end {
				return b.end - a.end
			}
			return a.i - b.i
		})
		for _, k := range keys {
			perm = append(perm, int32(k.i))
		}
	}
	*pp = perm
	permute(spans, perm)
}

// permute moves spans[perm[j]] to place j for every j, following the
// cycles of perm (which it leaves as the identity).
func permute(spans []moderation.Span, perm []int32) {
	for i := range perm {
		if int(perm[i]) == i {
			continue
		}
		tmp := spans[i]
		j := i
		for int(perm[j]) != i {
			k := int(perm[j])
			spans[j] = spans[k]
			perm[j] = int32(j)
			j = k
		}
		spans[j] = tmp
		perm[j] = int32(j)
	}
}

// packedOrder sorts the spans' keys packed in one word each: start (24
// bits), then the end's distance from 2^24 (24 bits, so that longer spans
// come first), then the index (16 bits), which sort as plain integers
// without a comparison function. ok is false when a text or list is too
// long to pack; sortByStart then sorts spanKeys. The keys are appended to
// buf.
func packedOrder(spans []moderation.Span, buf []uint64) (keys []uint64, ok bool) {
	if len(spans) > packedIndex+1 {
		return buf, false
	}
	keys = buf
	for i, s := range spans {
		if s.Start < 0 || s.End < s.Start || s.End >= 1<<24 {
			return keys, false
		}
		keys = append(keys, uint64(s.Start)<<40|uint64(1<<24-1-s.End)<<16|uint64(i))
	}
	slices.Sort(keys)
	return keys, true
}

// packedIndex masks the index of a packedOrder key.
const packedIndex = 1<<16 - 1

var (
	packedScratch = sync.Pool{New: func() any { return new([]uint64) }}
	permScratch   = sync.Pool{New: func() any { return new([]int32) }}
)

// spanKey is a span's sort key and index, for sortByStart.
type spanKey struct{ start, end, i int }

// spanScratch and keyScratch are sortByStart's buffers, reused between
// calls (a long text's spans are sorted a few times per call).
var (
	spanScratch = sync.Pool{New: func() any { return new([]moderation.Span) }}
	keyScratch  = sync.Pool{New: func() any { return new([]spanKey) }}
)

// appendCluster appends the spans chosen from one cluster (which it
// reorders), sorted by start.
func appendCluster(out []moderation.Span, c []moderation.Span) []moderation.Span {
	slices.SortStableFunc(c, func(a, b moderation.Span) int {
		if la, lb := a.End-a.Start, b.End-b.Start; la != lb {
			return lb - la
		}
		if a.Confidence != b.Confidence {
			if a.Confidence > b.Confidence {
				return -1
			}
			return 1
		}
		return a.Start - b.Start
	})
	from := len(out)
	for _, s := range c {
		if !slices.ContainsFunc(out[from:], s.Overlaps) {
			out = append(out, s)
		}
	}
	slices.SortFunc(out[from:], func(a, b moderation.Span) int { return a.Start - b.Start })
	return out
}

// appendCutIf appends the pieces of appendCut for which keep holds.
func appendCutIf(out []moderation.Span, text string, s moderation.Span, ident []moderation.Span, keep func(moderation.Span) bool) []moderation.Span {
	from := len(out)
	out = appendCut(out, text, s, ident)
	kept := out[:from]
	for _, p := range out[from:] {
		if keep(p) {
			kept = append(kept, p)
		}
	}
	return kept
}

// appendCut appends clause s cut around the identifying spans (sorted)
// that overlap it; pieces without a word of two letters are dropped.
func appendCut(out []moderation.Span, text string, s moderation.Span, ident []moderation.Span) []moderation.Span {
	i, _ := slices.BinarySearchFunc(ident, s.Start, func(o moderation.Span, start int) int { return o.End - 1 - start })
	at := s.Start
	for ; i < len(ident) && ident[i].Start < s.End; i++ {
		if ident[i].End <= s.Start {
			continue
		}
		if ident[i].Start > at && !(ident[i].End < s.End && reportsName(text[at:ident[i].Start])) { // the spans cut around may overlap s's edges or each other
			out = appendPiece(out, text, s, at, ident[i].Start)
		}
		at = max(at, ident[i].End)
	}
	if at >= s.End {
		return out
	}
	return appendPiece(out, text, s, at, s.End)
}

// reportsName reports a piece that ends in a reporting frame just before a
// name cut out of the clause ("When I asked her about it she said [Dean]
// keeps her card", "she told me [Dean] ..."): the frame belongs to the
// statement after the name, which carries the flag, and says nothing of
// its own. "told" and "asked" frame only with "me" or "us": "my sister
// told [Dave] to hit her" names whom she told.
func reportsName(p string) bool {
	words := strings.Fields(strings.ToLower(strings.TrimRightFunc(p, func(r rune) bool { return unicode.IsSpace(r) || unicode.IsPunct(r) })))
	n := len(words)
	if n > 0 && words[n-1] == "that" {
		n--
	}
	if n == 0 {
		return false
	}
	switch words[n-1] {
	case "said", "says", "explained", "admitted":
		return true
	case "me", "us":
		return n > 1 && (words[n-2] == "told" || words[n-2] == "tells" || words[n-2] == "asked" || words[n-2] == "asks")
	}
	return false
}

// onlyTitle reports a piece that is only the title of the name cut out
// after it ("Nurse", "Staff Nurse", "Dr."): it tells no more of the clause
// than the name does.
// A few linking words may come before the title, and a role or
// relationship word with its owner (and up to two words between) is one
// too: "As for Mr", "with Dr", "My colleague", "The night carer".
func onlyTitle(p string) bool {
	title, owned, between := false, false, 0
	for word := range strings.FieldsSeq(p) {
		w := strings.ToLower(strings.TrimSuffix(word, "."))
		switch {
		case idClassOf[w]&(titles|titlePairFirst) != 0:
			title = true
		case idClassOf[w]&(roleWords|relationWords) != 0 && !title:
			title = true
		case title:
			return false
		case titleLinks[w]:
			owned = owned || ownerWords[w] || w == "the"
		case owned && between < 2 && word == w: // a modifier in lower case, not a name
			between++ // "the night carer", "my 14-year-old daughter"
		default:
			return false
		}
	}
	return title
}

// onlyFiller reports a piece of nothing but words that open or join a
// clause, with perhaps a role or relationship word ("When", "Since my
// wife", "When I asked", "His name is", "Dad lives at"): cut off by a
// name, it says nothing of the concern.
func onlyFiller(p string) bool {
	for w := range strings.FieldsSeq(p) {
		w = strings.ToLower(strings.Trim(w, ".,;:!?’'\"()"))
		if !pieceFiller[w] && idClassOf[w]&(titles|roleWords|relationWords) == 0 {
			return false
		}
	}
	return true
}

// pieceFiller are the words of a piece that says nothing (see onlyFiller).
var pieceFiller = wordSet(`when since if then and but or at on in of to it it's it’s was is i i've i’ve we
think asked ask tell you can he she they met his her their my our the a an name apparently one them
there there's there’s next time lives lived who where that this said says also even just
nhs number no national insurance date birth dob born phone mobile email e-mail address postcode calls himself herself`)

// titleLinks are the words that may come before a title in a piece that
// says nothing but the title (see onlyTitle).
var titleLinks = map[string]bool{"as": true, "for": true, "about": true, "with": true, "to": true, "from": true, "by": true, "of": true,
	"my": true, "our": true, "his": true, "her": true, "their": true, "the": true}

func appendPiece(out []moderation.Span, text string, s moderation.Span, start, end int) []moderation.Span {
	for _, poss := range []string{"’s", "'s"} { // a possessive left after a name: "Dave’s"
		if strings.HasPrefix(text[start:end], poss) {
			start += len(poss)
		}
	}
	trim := func(r rune) bool { return unicode.IsSpace(r) || unicode.IsPunct(r) }
	p := strings.TrimFunc(text[start:end], trim)
	start = strings.Index(text[start:end], p) + start // p has no leading space or punctuation
	// a conjunction left at a cut edge belongs to neither side: "… and [Craig]"
	for _, c := range []string{"and", "but", "or", "then"} {
		if rest, ok := strings.CutPrefix(p, c+" "); ok {
			q := strings.TrimLeftFunc(rest, trim)
			start += len(p) - len(q)
			p = q
		}
		if rest, ok := strings.CutSuffix(p, " "+c); ok {
			p = strings.TrimRightFunc(rest, trim)
		}
	}
	letters := 0
	for _, r := range p {
		if unicode.IsLetter(r) {
			letters++
		}
	}
	if letters < 2 || onlyTitle(p) || onlyFiller(p) {
		return out
	}
	piece := s
	piece.Start, piece.End = start, start+len(p)
	return append(out, piece)
}
