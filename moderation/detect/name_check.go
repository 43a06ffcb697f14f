package detect

import (
	_ "embed"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/storydesk/storydesk/moderation"
)

// The name check: a reading of each PERSON span in its context. The name
// rules' false flags on innocent stories are mostly a capitalised word of
// the name lists used as something else: a place ("the Butt of Lewis"),
// a song ("singing along to Delilah"), a call sign ("Romeo 62"), a
// course ("who is this Desmond?"). The check is a logistic model over the
// span's words, the two tokens either side of it, the rule that found it
// and how often the word comes in the story (and in lower case); a span
// it scores under its threshold is dropped, unless the same name is kept
// elsewhere in the story. Like the story check, it leaves short stories
// alone (gateMinBytes), and it never drops a name found by a clear signal
// (nameKeeps).
//
// The threshold is chosen by cross-validation when the model is trained
// (TestTrainNameModel): the highest at which, over the labelled sets, at
// most one real name span in a thousand is dropped.

//go:embed lexicon/name_model.txt
var nameModelText string

var loadNameModel = sync.OnceValue(func() *keyedModel { return mustKeyedModel("name_model.txt", nameModelText) })

// nameKeeps is the confidence from which a PERSON span is never dropped:
// a title ("Mrs Fraser", 0.9) or a relationship word before it.
const nameKeeps = 0.85

// nameScratch holds a span's feature keys and the bytes of the feature
// being built, pooled.
type nameScratch struct {
	keys []uint64
	buf  []byte
}

var nameScratches = sync.Pool{New: func() any { return new(nameScratch) }}

// nameContext is how far either side of a span the check reads for its
// two tokens.
const nameContext = 80

// nameFeatures calls feature with every feature of PERSON span s of text
// (the bytes of its name, which the call must not keep), in a fixed
// order, possibly more than once: "r:" and the span's reason (its first
// 40 bytes, spaces made '_'), "c:" and its confidence, "w:" and each of
// its words, "nw:" and how many (3 for more), "p1:" and the token before
// it, "p2:" and the two before joined by '_', "n1:" and "n2:" the same
// after it, "n1:#" when a number follows, "p1:A" and "n1:A" when the
// token either side is capitalised, "cnt:" and how often the span's text
// comes in the story as a word (3 for more), and "low" when it also comes
// in lower case. Tokens are runs of letters and apostrophes (a curly one
// read as straight), runs of digits, or one other character, and are
// lower-cased.
func nameFeatures(text string, s moderation.Span, buf []byte, feature func([]byte)) []byte {
	emit := func(parts ...string) {
		buf = buf[:0]
		for _, p := range parts {
			buf = append(buf, p...)
		}
		feature(buf)
	}
	r := s.Reason
	if len(r) > 40 {
		r = r[:40]
	}
	emit("r:", strings.ReplaceAll(r, " ", "_"))
	emit("c:", strconv.FormatFloat(s.Confidence, 'f', 2, 64))
	span := text[s.Start:s.End]
	words := 0
	forTokens(span, func(tok string, kind tokenKind) {
		if kind == letters {
			words++
			emit("w:", tok)
		}
	})
	emit("nw:", strconv.Itoa(min(words, 3)))

	var before [2]string // the last two tokens before the span, [1] the nearest
	var beforeCap bool
	from := max(0, s.Start-nameContext)
	for from > 0 && !utf8.RuneStart(text[from]) {
		from++
	}
	forTokens(text[from:s.Start], func(tok string, _ tokenKind) { before[0], before[1] = before[1], tok })
	if before[1] != "" {
		emit("p1:", before[1])
		if before[0] != "" {
			emit("p2:", before[0], "_", before[1])
		}
		beforeCap = lastTokenUpper(text[from:s.Start])
		if beforeCap {
			emit("p1:A")
		}
	}
	var after []string
	var afterKind tokenKind
	to := min(len(text), s.End+nameContext)
	for to < len(text) && !utf8.RuneStart(text[to]) {
		to--
	}
	forTokens(text[s.End:to], func(tok string, kind tokenKind) {
		if len(after) == 0 {
			afterKind = kind
		}
		if len(after) < 2 {
			after = append(after, tok)
		}
	})
	if len(after) > 0 {
		emit("n1:", after[0])
		if len(after) > 1 {
			emit("n2:", after[0], "_", after[1])
		}
		if afterKind == digits {
			emit("n1:#")
		}
		if firstTokenUpper(text[s.End:to]) {
			emit("n1:A")
		}
	}
	emit("cnt:", strconv.Itoa(min(wordCount(text, span), 3)))
	if low := strings.ToLower(span); low != span && wordCount(text, low) > 0 {
		emit("low")
	}
	return buf
}

type tokenKind uint8

const (
	letters tokenKind = iota
	digits
	other
)

// forTokens calls token with each token of s (see nameFeatures),
// lower-cased: a run of letters and apostrophes, a run of digits, or
// another character that is not a space.
func forTokens(s string, token func(string, tokenKind)) {
	var b strings.Builder
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case unicode.IsLetter(r) || r == '\'' || r == '’':
			b.Reset()
			for i < len(s) {
				r, n := utf8.DecodeRuneInString(s[i:])
				if !unicode.IsLetter(r) && r != '\'' && r != '’' {
					break
				}
				if r == '’' {
					r = '\''
				}
				b.WriteRune(unicode.ToLower(r))
				i += n
			}
			token(b.String(), letters)
		case '0' <= r && r <= '9':
			j := i
			for j < len(s) && '0' <= s[j] && s[j] <= '9' {
				j++
			}
			token(s[i:j], digits)
			i = j
		case unicode.IsSpace(r):
			i += n
		default:
			token(s[i:i+n], other)
			i += n
		}
	}
}

// lastTokenUpper and firstTokenUpper report whether the token nearest
// the span, before or after it, starts with a capital letter.
func lastTokenUpper(s string) bool {
	s = strings.TrimRightFunc(s, unicode.IsSpace)
	i := len(s)
	for i > 0 {
		r, n := utf8.DecodeLastRuneInString(s[:i])
		if !unicode.IsLetter(r) && r != '\'' && r != '’' {
			break
		}
		i -= n
	}
	r, _ := utf8.DecodeRuneInString(s[i:])
	return i < len(s) && unicode.IsUpper(r)
}

func firstTokenUpper(s string) bool {
	r, _ := utf8.DecodeRuneInString(strings.TrimLeftFunc(s, unicode.IsSpace))
	return unicode.IsUpper(r)
}

// wordCount is how often w comes in text as a whole word (not inside a
// longer run of letters), in the same case.
func wordCount(text, w string) int {
	n := 0
	for i := 0; w != ""; {
		j := strings.Index(text[i:], w)
		if j < 0 {
			break
		}
		a, b := i+j, i+j+len(w)
		r, _ := utf8.DecodeLastRuneInString(text[:a])
		q, _ := utf8.DecodeRuneInString(text[b:])
		if (a == 0 || !unicode.IsLetter(r)) && (b == len(text) || !unicode.IsLetter(q)) {
			n++
		}
		i = b
	}
	return n
}

// nameProb is the model's probability that PERSON span s of text is a
// real name.
func (m *keyedModel) nameProb(text string, s moderation.Span) float64 {
	sc := nameScratches.Get().(*nameScratch)
	keys := sc.keys[:0]
	sc.buf = nameFeatures(text, s, sc.buf, func(f []byte) { keys = append(keys, fnvAdd(fnvOffset, f)) })
	p := m.prob(keys)
	sc.keys = keys[:0]
	nameScratches.Put(sc)
	return p
}

// checkNames drops the PERSON spans the name model reads as no name (see
// the top of this file), keeping every span of a name that it keeps
// anywhere in the story.
func checkNames(text string, spans []moderation.Span) []moderation.Span {
	if len(text) < gateMinBytes {
		return spans
	}
	var drop []bool
	m := loadNameModel()
	for i, s := range spans {
		if s.Kind == moderation.Person && s.Confidence < nameKeeps && m.nameProb(text, s) < m.threshold {
			if drop == nil {
				drop = make([]bool, len(spans))
			}
			drop[i] = true
		}
	}
	if drop == nil {
		return spans
	}
	for i, s := range spans {
		if s.Kind == moderation.Person && !drop[i] {
			for j, o := range spans {
				if drop[j] && text[o.Start:o.End] == text[s.Start:s.End] {
					drop[j] = false // the name is kept elsewhere in the story
				}
			}
		}
	}
	out := spans[:0]
	for i, s := range spans {
		if !drop[i] {
			out = append(out, s)
		}
	}
	return out
}
