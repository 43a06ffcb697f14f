package moderation_test

import (
	"testing"

	"github.com/storydesk/storydesk/moderation"
)

func TestThreatOnly(t *testing.T) {
	sp := func(k moderation.Kind) moderation.Span { return moderation.Span{Start: 0, End: 1, Kind: k} }
	tests := []struct {
		name  string
		spans []moderation.Span
		want  bool
	}{
		{"none", nil, false},
		{"a threat", []moderation.Span{sp(moderation.Person), sp(moderation.Threat)}, true},
		{"a threat and a safeguarding span", []moderation.Span{sp(moderation.Threat), sp(moderation.Safeguarding)}, false},
		{"safeguarding alone", []moderation.Span{sp(moderation.Safeguarding)}, false},
		{"abuse, no threat", []moderation.Span{sp(moderation.Abuse)}, false},
	}
	for _, tt := range tests {
		if got := moderation.ThreatOnly(tt.spans); got != tt.want {
			t.Errorf("%s: ThreatOnly = %v; want %v", tt.name, got, tt.want)
		}
	}
}
