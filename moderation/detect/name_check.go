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
	tok  [64]byte // a token, lower-cased (see forTokens)
}

var nameScratches = sync.Pool{New: func() any { return new(nameScratch) }}

// nameContext is how far either side of a span the check reads for its
// two tokens, and nameStory how far for the name's other uses: most
// stories are shorter.
const (
	nameContext = 80
	nameStory   = 4096
)

// nameFeatures calls feature with every feature of PERSON span s of text
// (the bytes of its name, in sc, which the call must not keep), in a fixed
// order, possibly more than once: "r:" and the span's reason (its first
// 40 bytes, spaces made '_'), "c:" and its confidence, "w:" and each of
// its words, "nw:" and how many (3 for more), "p1:" and the token before
// it, "p2:" and the two before joined by '_', "n1:" and "n2:" the same
// after it, "n1:#" when a number follows, "p1:A" and "n1:A" when the
// token either side is capitalised, "cnt:" and how often the span's text
// comes in the story as a word (3 for more), and "low" when it also comes
// in lower case (the story within nameStory bytes of the span). Tokens are runs of letters and apostrophes (a curly one
// read as straight), runs of digits, or one other character, and are
// lower-cased.
func nameFeatures(text string, s moderation.Span, sc *nameScratch, feature func([]byte)) {
	buf := sc.buf
	r := s.Reason
	if len(r) > 40 {
		r = r[:40]
	}
	buf = append(buf[:0], "r:"...)
	for i := 0; i < len(r); i++ {
		if r[i] == ' ' {
			buf = append(buf, '_')
		} else {
			buf = append(buf, r[i])
		}
	}
	feature(buf)
	feature(strconv.AppendFloat(append(buf[:0], "c:"...), s.Confidence, 'f', 2, 64))
	span := text[s.Start:s.End]
	tok := &sc.tok
	words := 0
	forTokens(span, tok, func(t []byte, kind tokenKind) {
		if kind == letters {
			words++
			feature(append(append(buf[:0], "w:"...), t...))
		}
	})
	feature(strconv.AppendInt(append(buf[:0], "nw:"...), int64(min(words, 3)), 10))

	// the two tokens before the span (b1 the nearest) and after it (a1 the nearest)
	var b0, b1, a1, a2 [64]byte
	nb0, nb1, na1, na2 := -1, -1, -1, -1
	var afterKind tokenKind
	from := max(0, s.Start-nameContext)
	for from > 0 && !utf8.RuneStart(text[from]) {
		from++
	}
	forTokens(text[from:s.Start], tok, func(t []byte, _ tokenKind) {
		b0, nb0 = b1, nb1
		nb1 = copy(b1[:], t)
	})
	to := min(len(text), s.End+nameContext)
	for to < len(text) && !utf8.RuneStart(text[to]) {
		to--
	}
	forTokens(text[s.End:to], tok, func(t []byte, kind tokenKind) {
		switch {
		case na1 < 0:
			na1, afterKind = copy(a1[:], t), kind
		case na2 < 0:
			na2 = copy(a2[:], t)
		}
	})
	if nb1 >= 0 {
		feature(append(append(buf[:0], "p1:"...), b1[:nb1]...))
		if nb0 >= 0 {
			feature(append(append(append(append(buf[:0], "p2:"...), b0[:nb0]...), '_'), b1[:nb1]...))
		}
		if lastTokenUpper(text[from:s.Start]) {
			feature(append(buf[:0], "p1:A"...))
		}
	}
	if na1 >= 0 {
		feature(append(append(buf[:0], "n1:"...), a1[:na1]...))
		if na2 >= 0 {
			feature(append(append(append(append(buf[:0], "n2:"...), a1[:na1]...), '_'), a2[:na2]...))
		}
		if afterKind == digits {
			feature(append(buf[:0], "n1:#"...))
		}
		if firstTokenUpper(text[s.End:to]) {
			feature(append(buf[:0], "n1:A"...))
		}
	}
	// the story around the span, at most nameStory bytes either side (so
	// that a long story costs no more per byte than a short one)
	around := text[max(0, s.Start-nameStory):min(len(text), s.End+nameStory)]
	feature(strconv.AppendInt(append(buf[:0], "cnt:"...), int64(min(wordCount(around, span, false), 3)), 10))
	if wordCount(around, span, true) > 0 {
		feature(append(buf[:0], "low"...))
	}
	sc.buf = buf
}

type tokenKind uint8

const (
	letters tokenKind = iota
	digits
	other
)

// forTokens calls token with each token of s (see nameFeatures),
// lower-cased into tok (a longer word is cut), which the call must not
// keep: a run of letters and apostrophes, a run of
// digits, or another character that is not a space.
func forTokens(s string, tok *[64]byte, token func([]byte, tokenKind)) {
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case unicode.IsLetter(r) || r == '\'' || r == '’':
			k := 0
			for i < len(s) {
				r, n := utf8.DecodeRuneInString(s[i:])
				if !unicode.IsLetter(r) && r != '\'' && r != '’' {
					break
				}
				if r == '’' {
					r = '\''
				}
				if k+utf8.UTFMax <= len(tok) {
					k += utf8.EncodeRune(tok[k:], unicode.ToLower(r))
				}
				i += n
			}
			token(tok[:k], letters)
		case '0' <= r && r <= '9':
			j := i
			for j < len(s) && '0' <= s[j] && s[j] <= '9' {
				j++
			}
			token(tok[:copy(tok[:], s[i:j])], digits)
			i = j
		case unicode.IsSpace(r):
			i += n
		default:
			token(tok[:copy(tok[:], s[i:i+n])], other)
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
// longer run of letters): as written, or with lower set, in lower case
// and not as written (w's capitals lowered, its other letters the same).
func wordCount(text, w string, lower bool) int {
	// search for the longest run of w that lowering leaves alone, then
	// read the whole of w around it
	anchor, off := w, 0
	if lower {
		anchor, off = lowerAnchor(w)
	}
	if anchor == "" {
		return 0
	}
	n := 0
	for i := 0; i < len(text); {
		j := strings.Index(text[i:], anchor)
		if j < 0 {
			break
		}
		a := i + j - off
		i += j + 1
		if a < 0 || lower && !lowerAt(text[a:], w) {
			continue
		}
		r, _ := utf8.DecodeLastRuneInString(text[:a])
		q, _ := utf8.DecodeRuneInString(text[a+len(w):])
		if (a == 0 || !unicode.IsLetter(r)) && (a+len(w) == len(text) || !unicode.IsLetter(q)) {
			n++
		}
	}
	return n
}

// lowerAnchor returns the longest run of w without an ASCII capital, and
// where it starts in w; none when w has no capital (lowering changes
// nothing).
func lowerAnchor(w string) (string, int) {
	best, at, start := 0, 0, 0
	capital := false
	for k := 0; k <= len(w); k++ {
		if k < len(w) && !('A' <= w[k] && w[k] <= 'Z') {
			continue
		}
		if k < len(w) {
			capital = true
		}
		if k-start > best {
			best, at = k-start, start
		}
		start = k + 1
	}
	if !capital {
		return "", 0
	}
	if best == 0 { // all capitals: "JO"
		return strings.ToLower(w[:1]), 0
	}
	return w[at : at+best], at
}

// lowerAt reports whether text starts with w in lower case where w is
// not already lower case: w's ASCII capitals lowered, its other bytes the
// same.
func lowerAt(text, w string) bool {
	if len(text) < len(w) {
		return false
	}
	changed := false
	for k := 0; k < len(w); k++ {
		c, want := text[k], w[k]
		if 'A' <= want && want <= 'Z' {
			want += 'a' - 'A'
			changed = true
		}
		if c != want {
			return false
		}
	}
	return changed
}

// nameProb is the model's probability that PERSON span s of text is a
// real name.
func (m *keyedModel) nameProb(text string, s moderation.Span) float64 {
	sc := nameScratches.Get().(*nameScratch)
	keys := sc.keys[:0]
	nameFeatures(text, s, sc, func(f []byte) { keys = append(keys, fnvAdd(fnvOffset, f)) })
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
