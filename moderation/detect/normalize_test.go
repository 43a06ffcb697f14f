package detect

import "testing"

func TestNormalize(t *testing.T) {
	tests := []struct{ fn, in, want string }{
		{"norm", "Shít", "shit"},
		{"norm", "don’t", "don't"},
		{"norm", "ⓕⓤⓒⓚ", "fuck"},
		{"norm", "ᶠᵤ𝒸ₖ", "fuck"},
		{"norm", "sеx", "sex"}, // Cyrillic е
		{"norm", "plain", "plain"},
		{"deleet", "sh1t", "shit"},
		{"deleet", "b@st@rd", "bastard"},
		{"deleet", "$hit", "shit"},
		{"squeeze1", "fuuuuck", "fuck"},
		{"squeeze2", "assss", "ass"},
		{"starify", "f-----g", "f*****g"},
		{"starify", "w#nker", "w*nker"},
		{"skeleton", "phuck", "fuk"},
		{"skeleton", "fvck", "fuk"},
		{"skeleton", "kunt", "kunt"},
		{"sortedKey", "fcuk", "fcuk"},
		{"sortedKey", "fuck", "fcuk"},
		{"stripSymbols", "f*u*c*k", "fuck"},
	}
	for _, tt := range tests {
		var got string
		switch tt.fn {
		case "norm":
			got = normWord(tt.in)
		case "deleet":
			got, _ = deleet(tt.in)
		case "squeeze1":
			got, _ = squeeze(tt.in, 1)
		case "squeeze2":
			got, _ = squeeze(tt.in, 2)
		case "starify":
			got = starify(tt.in)
		case "skeleton":
			got = skeleton(tt.in)
		case "sortedKey":
			got = sortedKey(tt.in)
		case "stripSymbols":
			got = stripSymbols(tt.in)
		}
		if got != tt.want {
			t.Errorf("%s(%q) = %q; want %q", tt.fn, tt.in, got, tt.want)
		}
	}
}

func TestGlobMatch(t *testing.T) {
	tests := []struct {
		p, s string
		want bool
	}{
		{"f**king", "fucking", true},
		{"f*ck", "fuck", true},
		{"sh*t", "shit", true},
		{"f***", "fuck", true},
		{"f*ck", "fucking", false},
		{"*", "", false},
	}
	for _, tt := range tests {
		if got := globMatch(tt.p, tt.s); got != tt.want {
			t.Errorf("globMatch(%q, %q) = %v; want %v", tt.p, tt.s, got, tt.want)
		}
	}
}

func TestSplitWords(t *testing.T) {
	text := "He said “f*ck’s sake”. Then: sh!t! I'm OK\n\nA&E at 3am, f.u.c.k"
	toks := splitWords(text)
	var words []string
	for _, tk := range toks {
		words = append(words, text[tk.start:tk.end])
	}
	want := []string{"He", "said", "f*ck’s", "sake", "Then", "sh!t", "I'm", "OK", "A&E", "at", "3am", "f", "u", "c", "k"}
	if len(words) != len(want) {
		t.Fatalf("words = %q; want %q", words, want)
	}
	for i := range want {
		if words[i] != want[i] {
			t.Errorf("word %d = %q; want %q", i, words[i], want[i])
		}
	}
	// sentences: "He said ... sake" | "Then: sh!t" | "I'm OK" | "A&E ... k"
	if s := toks[len(toks)-1].sentence; s != 3 {
		t.Errorf("last sentence index = %d; want 3", s)
	}
}
