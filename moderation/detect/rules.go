package detect

import "github.com/storydesk/storydesk/moderation"

// defaultDetectors lists the built-in detectors in the order they run.
func defaultDetectors() []Detector {
	return []Detector{allRules{id: identity{g: loadGazetteer()}, ab: newAbuseDetector()}}
}

// allRules runs the identity rules and then the abuse rules over one
// reading of the text: the abuse tokenizer takes the plain words the
// identity tokenizer read and looked up (see sharedWord). It returns the
// identifying spans and then the others, as the two detectors would.
type allRules struct {
	id identity
	ab abuseDetector
}

func (r allRules) Find(text string) []moderation.Span {
	var spans []moderation.Span
	r.find(text, func(ids, other []moderation.Span) {
		spans = make([]moderation.Span, len(ids), len(ids)+len(other))
		copy(spans, ids)
		spans = append(spans, other...)
	})
	return spans
}

// find runs both rule families over text and calls use with the
// identifying spans, which stay in a pooled buffer only during the call,
// and the others.
func (r allRules) find(text string, use func(ids, other []moderation.Span)) {
	d := docPool.Get().(*doc)
	defer docPool.Put(d)
	wc := getWordCache(r.ab.lx)
	defer putWordCache(wc)
	idText, recased := nameText(text)
	d.share = !recased // the abuse tokenizer reads text, not idText
	ids := r.id.findInto(d, idText, wc)
	var shared []sharedWord
	if d.share {
		shared = d.words // the identity tokenizer's words of text, for the abuse tokenizer
	}
	other := r.ab.find(text, wc, shared)
	use(ids, other)
	d.release(ids)
	clear(d.words) // keep no vocabulary entry alive
	if cap(d.words) > 1<<18 {
		d.words = nil // do not keep a huge text's buffer (6 MB: a 1.5 MB text)
	}
	d.share = false
}
