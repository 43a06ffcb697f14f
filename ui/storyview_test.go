package ui

import (
	"fmt"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"

	"github.com/storydesk/storydesk/moderation"
)

// longStory is a synthetic story of about n characters with k spans
// (names, phone numbers, swear words, one safeguarding phrase).
func longStory(n, k int) (string, []moderation.Span) {
	var b strings.Builder
	var spans []moderation.Span
	words := []string{"The", "nurse", "on", "the", "ward", "was", "kind", "and", "explained", "everything", "clearly", "before", "the", "operation."}
	kinds := []struct {
		text string
		kind moderation.Kind
	}{{"Alice Smith", moderation.Person}, {"07700 900123", moderation.Phone}, {"bloody", moderation.Profanity}, {"hit me", moderation.Safeguarding}}
	every := n / (k + 1)
	for i := 0; b.Len() < n; i++ {
		if len(spans) < k && b.Len() >= (len(spans)+1)*every {
			s := kinds[len(spans)%len(kinds)]
			start := b.Len()
			b.WriteString(s.text)
			spans = append(spans, moderation.Span{Start: start, End: b.Len(), Kind: s.kind, Confidence: 0.9,
				Source: moderation.SourceRule, Reason: "test", Redact: moderation.DefaultRedact(s.kind)})
			b.WriteString(" ")
		}
		b.WriteString(words[i%len(words)])
		if i%40 == 39 {
			b.WriteString("\n\n")
		} else {
			b.WriteString(" ")
		}
	}
	return b.String(), spans
}

func newViewWindow(t testing.TB, v *StoryView, w float32) fyne.Window {
	win := test.NewTempWindow(t, container.NewVScroll(v))
	win.Resize(fyne.NewSize(w, 600))
	return win
}

func TestStoryViewWrapsAndHitTests(t *testing.T) {
	test.NewTempApp(t)
	body, spans := longStory(2000, 20)
	v := NewStoryView()
	newViewWindow(t, v, 600)
	v.SetStory(body, spans)
	if len(spans) != 20 {
		t.Fatalf("fixture has %d spans, want 20", len(spans))
	}
	lines := map[float32]bool{}
	for _, p := range v.pieces {
		lines[p.pos.Y] = true
		if p.pos.X+p.w > v.Size().Width+1 && p.w < v.Size().Width {
			t.Errorf("word %q ends at %.0f, past the width %.0f", p.text, p.pos.X+p.w, v.Size().Width)
		}
	}
	if len(lines) < 10 {
		t.Errorf("text laid out on %d lines, want it wrapped on many", len(lines))
	}
	for i := range spans {
		pos, ok := v.SpanPos(i)
		if !ok {
			t.Fatalf("span %d not drawn", i)
		}
		if got := v.SpanAt(pos); got != i {
			t.Errorf("SpanAt(SpanPos(%d)) = %d", i, got)
		}
	}
	// narrower: more lines, taller
	h600 := v.MinSize().Height
	v.Resize(fyne.NewSize(300, v.Size().Height))
	if h300 := v.MinSize().Height; h300 <= h600 {
		t.Errorf("height at 300 px %.0f, want more than at 600 px (%.0f)", h300, h600)
	}
}

func TestStoryViewToggleAndTooltip(t *testing.T) {
	test.NewTempApp(t)
	body := "Call Alice Smith on 07700 900123 please."
	spans := []moderation.Span{
		{Start: 5, End: 16, Kind: moderation.Person, Confidence: 0.8, Source: moderation.SourceRule, Reason: "full name", Redact: true},
		{Start: 20, End: 32, Kind: moderation.Phone, Confidence: 1, Source: moderation.SourceRule, Reason: "UK mobile", Redact: true},
	}
	v := NewStoryView()
	newViewWindow(t, v, 500)
	v.SetStory(body, spans)
	var toggled []int
	v.OnToggle = func(i int) { toggled = append(toggled, i) }
	pos, _ := v.SpanPos(1)
	test.TapAt(v, pos)
	if spans[1].Redact || fmt.Sprint(toggled) != "[1]" {
		t.Errorf("after tap: redact %v, toggled %v; want false, [1]", spans[1].Redact, toggled)
	}
	v.MouseMoved(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: pos}})
	if !v.tipBg.Visible() || v.Cursor() != desktop.PointerCursor {
		t.Errorf("hovering a span: tooltip visible %v, cursor %v; want true, pointer", v.tipBg.Visible(), v.Cursor())
	}
	if got := v.tipText[0].Text + " / " + v.tipText[1].Text; got != "Phone: kept — click to remove / rule · 100% · UK mobile" {
		t.Errorf("tooltip %q", got)
	}
	v.MouseOut()
	if v.tipBg.Visible() {
		t.Errorf("tooltip still visible after the mouse left")
	}

	p := NewPublishedView()
	newViewWindow(t, p, 500)
	p.SetStory(body, spans)
	var texts []string
	for _, pc := range p.pieces {
		texts = append(texts, pc.text)
	}
	if got := strings.Join(texts, " "); got != "Call [name removed] on 07700 900123 please." {
		t.Errorf("published view shows %q", got)
	}
}

// A kept highlight below possibleBelow is drawn fainter than a sure one of
// its group; redacted, both look the same.
func TestStoryViewPossibleSpansFainter(t *testing.T) {
	test.NewTempApp(t)
	body := "He hits her. The toddler next door is always crying."
	spans := []moderation.Span{
		{Start: 0, End: 11, Kind: moderation.Safeguarding, Confidence: 0.8, Source: moderation.SourceRule, Reason: "abuse"},
		{Start: 13, End: 51, Kind: moderation.Safeguarding, Confidence: 0.35, Source: moderation.SourceRule, Reason: "may be part of the concern"},
	}
	v := NewStoryView()
	newViewWindow(t, v, 500)
	v.SetStory(body, spans)
	g := moderation.SafeguardingGrp
	want := map[int][2]any{0: {GroupColor(g, 0x30), GroupColor(g, 0xff)}, 1: {GroupColor(g, 0x18), GroupColor(g, 0x80)}}
	seen := map[int]bool{}
	for _, p := range v.pieces {
		if p.span < 0 {
			continue
		}
		seen[p.span] = true
		if w := want[p.span]; p.bg.FillColor != w[0] || p.mark.FillColor != w[1] {
			t.Errorf("span %d word %q: fill %v, mark %v; want %v, %v", p.span, p.text, p.bg.FillColor, p.mark.FillColor, w[0], w[1])
		}
	}
	if len(seen) != 2 {
		t.Fatalf("spans drawn: %v, want both", seen)
	}
	spans[1].Redact = true
	v.SetStory(body, spans)
	for _, p := range v.pieces {
		if p.span == 1 && p.bg.FillColor != GroupColor(g, 0x88) {
			t.Errorf("redacted possible span fill %v, want %v", p.bg.FillColor, GroupColor(g, 0x88))
		}
	}
}

// BenchmarkOpenStory opens a 2,000-character story with 20 highlights in
// a view inside a scroll container, laid out at 700 px (test driver).
func BenchmarkOpenStory(b *testing.B) {
	test.NewTempApp(b)
	body, spans := longStory(2000, 20)
	v := NewStoryView()
	newViewWindow(b, v, 700)
	b.ReportAllocs()
	for b.Loop() {
		v.SetStory(body, spans)
		v.MinSize()
	}
}

// BenchmarkToggleSpan flips one highlight's redaction (restyle only).
func BenchmarkToggleSpan(b *testing.B) {
	test.NewTempApp(b)
	body, spans := longStory(2000, 20)
	v := NewStoryView()
	newViewWindow(b, v, 700)
	v.SetStory(body, spans)
	for b.Loop() {
		v.Toggle(3)
	}
}

// TestStoryViewMarkup pins the drawing of a short story: a redacted name
// (struck through), a kept phone number (underlined), wrapped at 260 px.
func TestStoryViewMarkup(t *testing.T) {
	test.NewTempApp(t)
	body := "Call Alice Smith on 07700 900123 please, she knows.\n\nThanks."
	spans := []moderation.Span{
		{Start: 5, End: 16, Kind: moderation.Person, Confidence: 0.8, Source: moderation.SourceRule, Redact: true},
		{Start: 20, End: 32, Kind: moderation.Phone, Confidence: 1, Source: moderation.SourceRule, Redact: false},
	}
	v := NewStoryView()
	win := test.NewTempWindow(t, v)
	win.Resize(fyne.NewSize(260, 160))
	v.SetStory(body, spans)
	test.AssertRendersToMarkup(t, "storyview.xml", win.Canvas())
}

// TestStoryViewBreaksLongWords: a word wider than the line (a URL, an
// address) is broken where the line ends instead of running past the edge,
// no character is lost, and a click selects the whole word.
func TestStoryViewBreaksLongWords(t *testing.T) {
	test.NewTempApp(t)
	url := "https://example.org/" + strings.Repeat("very-long-path-segment/", 8) + "index.html"
	tests := []struct {
		name  string
		body  string
		spans []moderation.Span
		word  string
	}{
		{"plain URL", "See " + url + " for the leaflet.", nil, url},
		{"URL in a span", "Mail " + url + " now.", []moderation.Span{{Start: 5, End: 5 + len(url), Kind: moderation.Email,
			Source: moderation.SourceRule, Redact: true}}, url},
		{"accented, no spaces", "Ah " + strings.Repeat("éàü", 40) + ".", nil, strings.Repeat("éàü", 40) + "."},
	}
	const width = 300
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v := NewStoryView()
			newViewWindow(t, v, width)
			v.SetStory(tt.body, tt.spans)
			v.layout(width)
			var text strings.Builder
			lines := map[float32]bool{}
			for _, p := range v.pieces {
				if right := p.pos.X + p.w; right > width {
					t.Errorf("piece %q ends at x=%.0f; want within the %d px line", p.text, right, width)
				}
				text.WriteString(p.text)
				lines[p.pos.Y] = true
			}
			if got, want := text.String(), strings.Join(strings.Fields(tt.body), ""); got != want {
				t.Errorf("pieces spell %q; want %q", got, want)
			}
			if len(lines) < 3 {
				t.Errorf("laid out on %d lines; want the long word broken over several", len(lines))
			}
			if tt.spans != nil {
				return // a click on a span toggles it; selection is for plain words
			}
			var mid piece
			for _, p := range v.pieces {
				if p.ws != p.start || p.we != p.end {
					mid = p // a piece of the long word
				}
			}
			v.Tapped(&fyne.PointEvent{Position: mid.pos.AddXY(2, 2)})
			if a, b, ok := v.Selection(); !ok || tt.body[a:b] != tt.word {
				t.Errorf("click on a piece of the long word selects %q (ok %v); want the whole word", tt.body[a:b], ok)
			}
		})
	}
}
