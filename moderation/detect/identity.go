package detect

import "github.com/storydesk/storydesk/moderation"

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
	d.tokenize(text, wc)
	putWordCache(wc)
	out := make([]moderation.Span, 0, len(text)/64+8) // identifiers can be dense
	out = findNumbers(text, out)
	out = findNI(d, out)
	out = findPostcodes(d, out)
	out = findEmailsHandles(text, out)
	out = findSpokenEmails(d, out)
	out = findHospitalNumbers(d, out)
	out = findAddresses(d, out)
	out = findDOB(d, out)
	out = findNames(d, id.g, out)
	return out
}

// NewIdentity returns an engine with only the identifying detectors (names
// and identifiers), without abuse and safeguarding rules.
func NewIdentity() *Engine { return NewWith(identityDetectors()...) }
