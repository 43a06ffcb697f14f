package ai

import (
	"testing"

	"github.com/storydesk/storydesk/moderation"
)

func TestMask(t *testing.T) {
	body := "Ann rang 0113 496 0001; ANN rang again. Bob’s fist: damn. ann@example.org"
	sp := func(text string, nth int, k moderation.Kind) moderation.Span { return span(t, body, text, nth, k) }
	tests := []struct {
		name  string
		spans []moderation.Span
		want  string
	}{
		{"none", nil, body},
		{"same text same placeholder, case-folded", []moderation.Span{sp("Ann", 0, moderation.Person), sp("ANN", 0, moderation.Person), sp("Bob", 0, moderation.Person)},
			"[PERSON_1] rang 0113 496 0001; [PERSON_1] rang again. [PERSON_2]’s fist: damn. ann@example.org"},
		{"numbered per kind, non-identifying kinds left", []moderation.Span{sp("0113 496 0001", 0, moderation.Phone), sp("damn", 0, moderation.Profanity), sp("ann@example.org", 0, moderation.Email)},
			"Ann rang [PHONE_1]; ANN rang again. Bob’s fist: damn. [EMAIL_1]"},
		{"overlap: earlier and longer wins", []moderation.Span{sp("0113 496", 0, moderation.HospitalNumber), sp("0113 496 0001", 0, moderation.Phone)},
			"Ann rang [PHONE_1]; ANN rang again. Bob’s fist: damn. ann@example.org"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := mask(body, tt.spans).text; got != tt.want {
				t.Errorf("mask = %q; want %q", got, tt.want)
			}
		})
	}
}

func TestMaskedToBody(t *testing.T) {
	body := "Hi Ann, ring 0113 496 0001 now."
	m := mask(body, []moderation.Span{span(t, body, "Ann", 0, moderation.Person), span(t, body, "0113 496 0001", 0, moderation.Phone)})
	// masked: "Hi [PERSON_1], ring [PHONE_1] now."
	tests := []struct {
		quote  string
		want   string // body text, "" for dropped
		wantOK bool
	}{
		{"Hi", "Hi", true},
		{"now", "now", true},
		{"ring [PHONE_1] now", "ring 0113 496 0001 now", true},
		{"[PERSON_1], ring", "Ann, ring", true},
		{"[PERSON_1]", "", false},
		{"PERSON_1", "", false},
		{"1], ring", "", false},
		{"ring [PHO", "", false},
	}
	for _, tt := range tests {
		ms := newAligner(m.text).find(tt.quote)
		if len(ms) != 1 {
			t.Fatalf("find(%q) = %v; want one match", tt.quote, ms)
		}
		bs, be, ok := m.toBody(ms[0].start, ms[0].end)
		got := ""
		if ok {
			got = body[bs:be]
		}
		if ok != tt.wantOK || got != tt.want {
			t.Errorf("toBody(%q) = %q, %t; want %q, %t", tt.quote, got, ok, tt.want, tt.wantOK)
		}
	}
}
