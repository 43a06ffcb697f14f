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
	d := docPool.Get().(*doc)
	defer docPool.Put(d)
	wc := getWordCache(r.ab.lx)
	defer putWordCache(wc)
	d.share = true
	spans := r.id.find(d, text, wc)
	spans = append(spans, r.ab.find(text, wc, d.words)...)
	clear(d.words) // keep no vocabulary entry alive
	if cap(d.words) > 1<<18 {
		d.words = nil // do not keep a huge text's buffer (6 MB: a 1.5 MB text)
	}
	d.share = false
	return spans
}
