package detect

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode"

	"github.com/storydesk/storydesk/moderation"
)

// TestSharedUnknownWords checks that an unknown word's verdicts kept by the
// word cache across texts give the same spans as per-text verdicts, also
// when a text holds the word in a non-ASCII spelling too ("p€nis-breath"
// and "penis-breath" share a lower-cased form but not a disguise).
func TestSharedUnknownWords(t *testing.T) {
	texts := []string{
		"you penis-breath, you p€nis-breath",
		"you p€nis-breath, you penis-breath",
		"what a doggy-s†yle day and a doggy-style one",
		"What a shet day. Sh€t happens, SHET.",
		"The zorblax was late. Zörblax again, ZORBLAX!",
		"Zörblax again. The zorblax was late, Zorblax.",
		"You fcuker. Fçuker, fcuker!",
		"Fçuker! You fcuker, FCUKER.",
		"Phuk that. Phük off, phuk.",
		"Dave's wankr of a brother, wänkr. WANKR",
	}
	d := newAbuseDetector()
	defer func() { shareUnknownWords = true }()
	shareUnknownWords = false
	var want [][]string
	for _, text := range texts {
		want = append(want, spanStrings(text, d.Find(text)))
	}
	shareUnknownWords = true
	for round := 0; round < 3; round++ { // later rounds find the words cached
		for i := range texts {
			j := i
			if round == 1 {
				j = len(texts) - 1 - i // the other order too
			}
			got := spanStrings(texts[j], d.Find(texts[j]))
			if !slices.Equal(got, want[j]) {
				t.Errorf("round %d, text %d: got %q, want %q", round, j, got, want[j])
			}
		}
	}
}

// spanStrings describes spans as "kind:text:reason", in order.
func spanStrings(text string, spans []moderation.Span) []string {
	var out []string
	for _, s := range spans {
		out = append(out, fmt.Sprintf("%s:%s:%s", s.Kind, text[s.Start:s.End], s.Reason))
	}
	return out
}

// TestContainsFold compares containsFold with a plain search by
// strings.EqualFold at every byte, on texts with other cases, look-alike
// runes (the Kelvin sign folds to k) and broken UTF-8.
func TestContainsFold(t *testing.T) {
	ref := func(s, sub string) bool {
		for i := 0; i+len(sub) <= len(s); i++ {
			if strings.EqualFold(s[i:i+len(sub)], sub) {
				return true
			}
		}
		return false
	}
	texts := []string{"", "my NHS number", "Nhs", "nHs", "\u212Ahi number", "chi: 1", "CHI NUMBER", "\xffnhs",
		"health AND care", "n.i. no", "ſhs", "H&C", "h&c", "nh", "NATIONAL INSURANCE"}
	subs := []string{"nhs", "chi ", "chi:", "chi number", "h&c", "health and care", "ni no", "n.i.", "national insurance", "khi", "shs"}
	for _, s := range texts {
		for _, sub := range subs {
			if got, want := containsFold(s, sub), ref(s, sub); got != want {
				t.Errorf("containsFold(%q, %q): got %v, want %v", s, sub, got, want)
			}
		}
	}
}

// TestGeneralPunct checks that the General Punctuation block, which the
// word tests skip, holds no rune they would accept.
func TestGeneralPunct(t *testing.T) {
	for r := rune(0x2000); r <= 0x206F; r++ {
		if !generalPunct(r) {
			t.Fatalf("generalPunct(%U): got false, want true", r)
		}
		if unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r) || unicode.Is(unicode.Nl, r) || enclosedLetter(r) != 0 {
			t.Errorf("%U: got a letter, digit or mark, want none in the block", r)
		}
	}
}

// TestWordKey checks wordKey, which lower-cases eight bytes at a time,
// against packing the lower-cased bytes one by one, at every length and at
// the end of the text.
func TestWordKey(t *testing.T) {
	text := "AZaz@[`{ ÉéMcDONALD’s O'Neil x1Y9 ~\x7f\x80\xff end"
	for i := 0; i < len(text); i++ {
		for j := i + 1; j <= len(text) && j-i <= wordCacheKey; j++ {
			var w0, w1 uint64
			for k := i; k < j; k++ {
				c := text[k]
				if 'A' <= c && c <= 'Z' {
					c += 'a' - 'A'
				}
				w0, w1 = packByte(w0, w1, k-i, c)
			}
			if k0, k1 := wordKey(text, i, j); k0 != w0 || k1 != w1 {
				t.Errorf("wordKey(%q): got %x %x, want %x %x", text[i:j], k0, k1, w0, w1)
			}
		}
	}
}

// TestWordKeyFlags checks wordKeyFlags against wordKey and a byte-by-byte
// reading of the word.
func TestWordKeyFlags(t *testing.T) {
	text := "AZaz@[`{ ÉéMcDONALD’s O'Neil x1Y9 ~\x7f\x80\xff end"
	for i := 0; i < len(text); i++ {
		for j := i + 1; j <= len(text) && j-i <= wordCacheKey; j++ {
			w := text[i:j]
			k0, k1, ascii, upper := wordKeyFlags(text, i, j)
			w0, w1 := wordKey(text, i, j)
			wantUpper := strings.ContainsAny(w, "ABCDEFGHIJKLMNOPQRSTUVWXYZ")
			if k0 != w0 || k1 != w1 || ascii != isASCII(w) || upper != wantUpper {
				t.Errorf("wordKeyFlags(%q): got %x %x %v %v, want %x %x %v %v", w, k0, k1, ascii, upper, w0, w1, isASCII(w), wantUpper)
			}
		}
	}
}

// TestASCIIArt covers the drawings asciiArt finds when it jumps from one
// '=' or '_' to the next.
func TestASCIIArt(t *testing.T) {
	tests := []struct {
		text string
		want []string
	}{
		{"lol 8===D and _|_ too", []string{"8===D", "_|_"}},
		{"_|_ first", []string{"_|_"}},
		{"a_b_c snake_case == x", nil},
		{"__init__ 8==D _l_", []string{"8==D", "_l_"}},
		{"x = y; B====> ok", []string{"B====>"}},
		{"___ _!_ _/_", []string{"_!_", "_/_"}},
		{"no art here", nil},
	}
	for _, tt := range tests {
		var got []string
		for _, s := range asciiArt(tt.text) {
			got = append(got, tt.text[s.Start:s.End])
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("asciiArt(%q): got %q, want %q", tt.text, got, tt.want)
		}
	}
}

// TestEngineConcurrent runs one engine from several goroutines (each takes
// its own word cache from the pool) and checks every result against a run
// on its own; under -race it also checks that no cache is shared.
func TestEngineConcurrent(t *testing.T) {
	texts := []string{
		"My husband Dave was admitted on Ward 12. The nurse, Pauline, rang me on 07700 900 184.",
		"What a f*cking shambles, you useless cow. Zörblax and the zorblax again.",
		"I'll smash his face in if he comes back. Sh€t happens, you penis-breath.",
		"Siobhán and Dr Zoë O’Rourke were wonderful; NHS number 4828807292.",
	}
	e := New()
	want := make([][]string, len(texts))
	for i, s := range texts {
		want[i] = spanStrings(s, e.Detect(s))
	}
	errs := make(chan string, 4*50)
	done := make(chan bool)
	for g := 0; g < 4; g++ {
		go func(g int) {
			for r := 0; r < 50; r++ {
				i := (g + r) % len(texts)
				if got := spanStrings(texts[i], e.Detect(texts[i])); !slices.Equal(got, want[i]) {
					errs <- fmt.Sprintf("goroutine %d, text %d: got %q, want %q", g, i, got, want[i])
				}
			}
			done <- true
		}(g)
	}
	for g := 0; g < 4; g++ {
		<-done
	}
	close(errs)
	for e := range errs {
		t.Error(e)
	}
}

// TestNormWide checks that the word cache's copy of normWord gives
// normWord's answer, the first time and from the cache, and that it keeps
// at most maxWide words.
func TestNormWide(t *testing.T) {
	c := new(wordCache)
	for _, w := range []string{"don’t", "Zoë", "Siobhán", "ＦＵＣＫ", "ⓕⓤⓒⓚ", "Mum’s", "naïve"} {
		want := normWord(w)
		for round := range 2 {
			if got := c.normWide(w); got != want {
				t.Errorf("round %d: normWide(%q) = %q, want %q", round, w, got, want)
			}
		}
	}
	for i := range 2 * maxWide {
		c.normWide("é" + strconv.Itoa(i))
	}
	if got := len(c.wide); got > maxWide {
		t.Errorf("got %d words kept, want at most %d", got, maxWide)
	}
}

// appendLower must lower a word as strings.ToLower does, without
// allocating for a word that fits the buffer, accents and all.
func TestAppendLower(t *testing.T) {
	for _, s := range []string{"Kelly", "SIOBHÁN", "Zoë", "O’Rourke", "İstanbul", "ΣΟΦΙΑ", "bad\xffbyte", ""} {
		if got, want := string(appendLower(nil, s)), strings.ToLower(s); got != want {
			t.Errorf("appendLower(%q) = %q, want %q", s, got, want)
		}
	}
	var buf [64]byte
	if n := testing.AllocsPerRun(100, func() { appendLower(buf[:0], "Siobhán Ní Bhriain") }); n != 0 {
		t.Errorf("appendLower allocates %v times a call, want 0", n)
	}
}
