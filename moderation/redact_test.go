package moderation_test

import (
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/storydesk/storydesk/moderation"
)

// at returns the byte span of the n-th (0-based) occurrence of sub in body.
func at(t *testing.T, body, sub string, n int, k moderation.Kind) moderation.Span {
	t.Helper()
	from := 0
	for ; n >= 0; n-- {
		i := strings.Index(body[from:], sub)
		if i < 0 {
			t.Fatalf("%q not in body", sub)
		}
		from += i
		if n > 0 {
			from += len(sub)
		}
	}
	return moderation.Span{Start: from, End: from + len(sub), Kind: k, Redact: true}
}

const family = "👩\u200d👩\u200d👧" // woman, ZWJ, woman, ZWJ, girl: one grapheme, 5 code points

func TestRedactNonASCII(t *testing.T) {
	type mark struct {
		sub         string
		n           int
		kind        moderation.Kind
		replacement string
		keep        bool // not marked for redaction
	}
	tests := []struct {
		name  string
		body  string
		marks []mark
		want  string
	}{
		{
			name:  "curly quotes around a name",
			body:  "She said “José Núñez” was rude – twice.",
			marks: []mark{{sub: "José Núñez", kind: moderation.Person}},
			want:  "She said “[name removed]” was rude – twice.",
		},
		{
			name:  "accents and an apostrophe",
			body:  "Chloë’s nurse, Zoë Brontë, rang 07700 900123.",
			marks: []mark{{sub: "Zoë Brontë", kind: moderation.Person}, {sub: "07700 900123", kind: moderation.Phone}},
			want:  "Chloë’s nurse, [name removed], rang [phone number removed].",
		},
		{
			name: "emoji around and between spans",
			body: "😡 Dr Ng 😡 called me a 🤬 idiot 🙄",
			marks: []mark{
				{sub: "Ng", kind: moderation.Person},
				{sub: "idiot", kind: moderation.Abuse, replacement: "[…]"},
			},
			want: "😡 Dr [name removed] 😡 called me a 🤬 […] 🙄",
		},
		{
			name:  "ZWJ family emoji redacted whole",
			body:  "Our " + family + " at Ward 7",
			marks: []mark{{sub: family, kind: moderation.Handle}},
			want:  "Our [handle removed] at Ward 7",
		},
		{
			name:  "span right after a ZWJ sequence, at the end",
			body:  family + "Ann",
			marks: []mark{{sub: "Ann", kind: moderation.Person}},
			want:  family + "[name removed]",
		},
		{
			name:  "span at the start, adjacent spans, unmarked span ignored",
			body:  "Ó Sé🏥Ward 9 hope",
			marks: []mark{{sub: "Ó Sé", kind: moderation.Person}, {sub: "🏥Ward 9", kind: moderation.Address}, {sub: "hope", kind: moderation.Person, keep: true}},
			want:  "[name removed][address removed] hope",
		},
		{
			name:  "second occurrence only, spans given out of order",
			body:  "Zoë met Zoë at café Noé",
			marks: []mark{{sub: "Noé", kind: moderation.Person}, {sub: "Zoë", n: 1, kind: moderation.Person, replacement: "her sister"}},
			want:  "Zoë met her sister at café [name removed]",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var spans []moderation.Span
			for _, m := range tt.marks {
				sp := at(t, tt.body, m.sub, m.n, m.kind)
				sp.Replacement, sp.Redact = m.replacement, !m.keep
				spans = append(spans, sp)
			}
			got, err := moderation.Redact(tt.body, spans)
			if err != nil {
				t.Fatalf("Redact: %v", err)
			}
			if got != tt.want {
				t.Errorf("Redact = %q; want %q", got, tt.want)
			}
			if !utf8.ValidString(got) {
				t.Errorf("Redact produced invalid UTF-8: %q", got)
			}

			// code points round trip, and agree with counting runes
			o := moderation.NewOffsets(tt.body)
			if o.Runes() != utf8.RuneCountInString(tt.body) {
				t.Errorf("Runes = %d; want %d", o.Runes(), utf8.RuneCountInString(tt.body))
			}
			for _, sp := range spans {
				rs, re := o.RuneSpan(sp)
				if want := utf8.RuneCountInString(tt.body[:sp.Start]); rs != want {
					t.Errorf("%s: rune start = %d; want %d", sp, rs, want)
				}
				if want := utf8.RuneCountInString(tt.body[:sp.End]); re != want {
					t.Errorf("%s: rune end = %d; want %d", sp, re, want)
				}
				bs, be, err := o.ByteRange("spans", rs, re)
				if err != nil || bs != sp.Start || be != sp.End {
					t.Errorf("%s: ByteRange(%d, %d) = %d, %d, %v; want %d, %d", sp, rs, re, bs, be, err, sp.Start, sp.End)
				}
			}

			// Redactions lists the marked spans in order with their text
			var want []moderation.Redaction
			for _, sp := range spans {
				if sp.Redact {
					want = append(want, moderation.Redaction{Start: sp.Start, End: sp.End, Kind: sp.Kind, Replacement: sp.ReplacementText()})
				}
			}
			slices.SortFunc(want, func(a, b moderation.Redaction) int { return a.Start - b.Start })
			if got := moderation.Redactions(spans); !slices.Equal(got, want) {
				t.Errorf("Redactions = %+v; want %+v", got, want)
			}
		})
	}
}

func TestOffsetsKnownValues(t *testing.T) {
	body := "“Zoë” " + family + " é"
	// code points: “ Z o ë ” ␠ 👩 ZWJ 👩 ZWJ 👧 ␠ é  -> 13
	o := moderation.NewOffsets(body)
	if o.Runes() != 13 {
		t.Fatalf("Runes = %d; want 13", o.Runes())
	}
	tests := []struct {
		name       string
		runeStart  int
		runeEnd    int
		wantString string
	}{
		{"curly-quoted name", 1, 4, "Zoë"},
		{"whole ZWJ family", 6, 11, family},
		{"one woman of the family", 6, 7, "👩"},
		{"last character", 12, 13, "é"},
		{"whole text", 0, 13, body},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			bs, be, err := o.ByteRange("redactions", tt.runeStart, tt.runeEnd)
			if err != nil {
				t.Fatal(err)
			}
			if got := body[bs:be]; got != tt.wantString {
				t.Errorf("body[%d:%d] = %q; want %q", bs, be, got, tt.wantString)
			}
			if rs, re := o.RuneSpan(moderation.Span{Start: bs, End: be}); rs != tt.runeStart || re != tt.runeEnd {
				t.Errorf("RuneSpan = %d, %d; want %d, %d", rs, re, tt.runeStart, tt.runeEnd)
			}
		})
	}
	// a byte inside a multi-byte character maps to that character
	zwj := strings.Index(body, "\u200d")
	if got := o.ToRune(zwj + 1); got != 7 {
		t.Errorf("ToRune(inside ZWJ) = %d; want 7", got)
	}
	for _, r := range []int{-1, 14} {
		if _, ok := o.ToByte(r); ok {
			t.Errorf("ToByte(%d) ok; want out of range", r)
		}
	}
	for _, rr := range [][2]int{{3, 3}, {5, 2}, {0, 14}, {-1, 2}} {
		_, _, err := o.ByteRange("redactions", rr[0], rr[1])
		if moderation.ErrorCode(err) != moderation.EINVALID || moderation.ErrorField(err) != "redactions" {
			t.Errorf("ByteRange(%d, %d) err = %v (field %q); want EINVALID naming redactions", rr[0], rr[1], err, moderation.ErrorField(err))
		}
	}
}

func TestRedactRejectsBadSpans(t *testing.T) {
	body := "Zoë " + family + " Ann"
	zwj := strings.Index(body, "\u200d")
	tests := []struct {
		name  string
		spans []moderation.Span
		text  string // in the message
	}{
		{"splits ë", []moderation.Span{{Start: 0, End: 3, Kind: moderation.Person, Redact: true}}, "splits a character"},
		{"splits the ZWJ", []moderation.Span{{Start: zwj + 1, End: len(body) - 4, Kind: moderation.Person, Redact: true}}, "splits a character"},
		{"past the end", []moderation.Span{{Start: 5, End: len(body) + 1, Kind: moderation.Person}}, "outside the body"},
		{"negative", []moderation.Span{{Start: -1, End: 2, Kind: moderation.Person}}, "outside the body"},
		{"empty", []moderation.Span{{Start: 2, End: 2, Kind: moderation.Person}}, "outside the body"},
		{"overlapping redactions", []moderation.Span{
			{Start: len(body) - 3, End: len(body), Kind: moderation.Person, Redact: true},
			{Start: 0, End: len(body) - 2, Kind: moderation.Handle, Redact: true},
		}, "overlap"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := moderation.Redact(body, tt.spans)
			if err == nil {
				t.Fatalf("Redact = %q; want an error", got)
			}
			if moderation.ErrorCode(err) != moderation.EINVALID || moderation.ErrorField(err) != "spans" || !strings.Contains(err.Error(), tt.text) {
				t.Errorf("err = %q (%s, field %q); want EINVALID naming spans, saying %q", err, moderation.ErrorCode(err), moderation.ErrorField(err), tt.text)
			}
			if strings.Contains(err.Error(), "Ann") || strings.Contains(err.Error(), "Zoë") {
				t.Errorf("err %q holds story text", err)
			}
		})
	}
	// overlapping spans are fine when only one is marked
	spans := []moderation.Span{{Start: 0, End: len(body), Kind: moderation.Safeguarding}, {Start: len(body) - 3, End: len(body), Kind: moderation.Person, Redact: true}}
	if got, err := moderation.Redact(body, spans); err != nil || got != "Zoë "+family+" [name removed]" {
		t.Errorf("Redact = %q, %v; want the name removed", got, err)
	}
}
