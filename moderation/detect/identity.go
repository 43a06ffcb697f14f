package detect

import (
	"slices"
	"strings"

	"github.com/storydesk/storydesk/moderation"
)

// identityDetectors returns the detectors of identifying details and names.
func identityDetectors() []Detector { return []Detector{identity{g: loadGazetteer()}} }

// identity finds every identifying kind in one pass over a shared token
// list: numbers (NHS, CHI, phone), NI numbers, postcodes, e-mails, handles,
// hospital numbers, addresses, dates of birth and names.
type identity struct{ g gazetteer }

// Find returns the identifying spans of text (byte offsets; they may
// overlap, the Engine merges them).
func (id identity) Find(text string) []moderation.Span {
	d := docPool.Get().(*doc)
	defer docPool.Put(d)
	wc := getWordCache(abuseLex())
	defer putWordCache(wc)
	return id.find(d, text, wc)
}

// find is Find with the doc d and the word cache wc; d's tokens (and,
// when d.share is set, its shared words) stay for the caller.
func (id identity) find(d *doc, text string, wc *wordCache) []moderation.Span {
	text, _ = nameText(text)
	out := id.findInto(d, text, wc)
	found := make([]moderation.Span, len(out))
	copy(found, out)
	d.release(out)
	return found
}

// findInto is find that returns the spans in d's pooled buffer, which the
// caller copies out and then hands back with d.release.
func (id identity) findInto(d *doc, text string, wc *wordCache) []moderation.Span {
	d.tokenize(text, wc)
	// the rules append to a pooled buffer sized for dense identifiers, and
	// only the spans found are copied out: most texts hold a handful, and a
	// fresh buffer per call was most of the engine's garbage
	out := d.spans[:0]
	if want := len(text)/64 + 8; cap(out) < want {
		out = make([]moderation.Span, 0, want)
	}
	if d.digits {
		out = findNumbers(d, out)
		out = findNI(d, out)
		out = findPostcodes(d, out)
	}
	out = findEmailsHandles(text, out)
	out = findSpokenEmails(d, out)
	if d.digits {
		out = findHospitalNumbers(d, out)
	}
	out = findAddresses(d, out)
	out = findDOB(d, out)
	out = findNames(d, id.g, out)
	if d.digits {
		out = dropMemoryTests(text, out)
	}
	return out
}

// memoryTests are the made-up addresses of memory tests (the 6CIT's and
// the ACE-III's), which a patient is asked to remember with a name: no
// one lives there. Each is found by its town, then read back in full.
var memoryTests = []struct{ town, whole string }{
	{"Bedford", "42 West Street, Bedford"},
	{"Kingsbridge", "73 Orchard Close, Kingsbridge"},
}

// dropMemoryTests drops the spans inside a memory test's address and the
// name just before it, whichever name the story gives ("asked him to
// remember a name and address – John Brown, 42 West Street, Bedford"),
// when a word of remembering comes shortly before.
func dropMemoryTests(text string, out []moderation.Span) []moderation.Span {
	for _, m := range memoryTests {
		for off := 0; ; {
			k := strings.Index(text[off:], m.town)
			if k < 0 {
				break
			}
			end := off + k + len(m.town)
			off = end
			start := end - len(m.whole)
			if start < 0 || !strings.EqualFold(text[start:end], m.whole) || !memoryWordBefore(text, start) {
				continue // "We live at 42 West Street, Bedford" is an address
			}
			out = slices.DeleteFunc(out, func(s moderation.Span) bool {
				return s.Start >= start && s.End <= end ||
					s.Kind == moderation.Person && s.End <= start && start-s.End <= 3 // "John Smith, "
			})
		}
	}
	return out
}

// memoryWordBefore reports "remember", "memory" or "recall" in the 200
// bytes of text before at.
func memoryWordBefore(text string, at int) bool {
	before := strings.ToLower(text[max(0, at-200):at])
	return strings.Contains(before, "remember") || strings.Contains(before, "memory") || strings.Contains(before, "recall")
}

// release keeps out, the span buffer findInto returned, for d's next call.
func (d *doc) release(out []moderation.Span) {
	clear(out)
	if cap(out) <= maxPooledSpans {
		d.spans = out[:0]
	} else {
		d.spans = nil // do not keep a huge text's buffer
	}
}

// maxPooledSpans bounds the span buffer a pooled doc keeps between calls.
const maxPooledSpans = 1 << 17

// NewIdentity returns an engine with only the identifying detectors (names
// and identifiers), without abuse and safeguarding rules.
func NewIdentity() *Engine { return NewWith(identityDetectors()...) }
