package ui

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/storydesk/storydesk/moderation"
	"github.com/storydesk/storydesk/moderation/ai"
	"github.com/storydesk/storydesk/moderation/sqlite"
)

// aiSuggester adapts the real ai.Suggester, as cmd/storydesk does.
type aiSuggester struct{ s *ai.Suggester }

func (a aiSuggester) Enabled() bool { return a.s != nil }
func (a aiSuggester) Suggest(ctx context.Context, id moderation.StoryID, body string, spans []moderation.Span) (SuggestResult, error) {
	r, err := a.s.Suggest(ctx, id, body, spans)
	return SuggestResult{Spans: r.Spans, Notice: r.Notice, Failed: r.Failed}, err
}

// fakeModel is a local OpenAI-compatible server answering every chat
// completion with the given suggestions (JSON), and counting calls.
func fakeModel(t *testing.T, suggestions string) (*httptest.Server, *atomic.Int64) {
	t.Helper()
	var calls atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.Copy(io.Discard, r.Body)
		if r.Method != http.MethodPost || r.URL.Path != "/v1/chat/completions" {
			http.Error(w, `{"error":{"message":"not found"}}`, http.StatusNotFound)
			return
		}
		calls.Add(1)
		resp, _ := json.Marshal(map[string]any{"id": "c1", "object": "chat.completion", "model": "fake", "choices": []any{
			map[string]any{"index": 0, "finish_reason": "stop", "message": map[string]any{"role": "assistant", "content": suggestions}}}})
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write(resp)
	}))
	t.Cleanup(srv.Close)
	return srv, &calls
}

// aiBody is a synthetic story: the rules find the doctor's name and the
// phone number; the nurse's first name is left for the model.
const aiBody = "The nurse, Maureen, sat with me all night. Dr Villiers never came.\n\nRing 07700 900184 if you want to know more."

func newAIHarness(t *testing.T, sugg Suggester) *harness {
	t.Helper()
	test.NewTempApp(t)
	ctx := context.Background()
	st, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "ui.db"), sqlite.Options{Now: func() time.Time { return testNow }})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	story := moderation.Story{ID: "ai1", Title: "Night on the ward", Body: aiBody, Service: "Riverside Hospital",
		SubmittedAt: testNow.Add(-time.Hour), AuthorRole: "patient", Spans: []moderation.Span{
			span(t, aiBody, "Villiers", moderation.Person, "name after title 'Dr'"),
			span(t, aiBody, "07700 900184", moderation.Phone, "UK mobile number"),
		}}
	if err := st.AddStories(ctx, []moderation.Story{story}); err != nil {
		t.Fatal(err)
	}
	h := &harness{t: t, store: st}
	h.win = test.NewTempWindow(t, widget.NewLabel(""))
	h.win.Resize(fyne.NewSize(1280, 800))
	h.w = New(ctx, h.win, Config{Store: sqliteStore{st}, Moderator: "tester", Now: func() time.Time { return testNow },
		NewID: func() string { h.ids++; return fmt.Sprintf("dec-%d", h.ids) }, Suggester: sugg})
	return h
}

func newSuggester(t *testing.T, baseURL string) aiSuggester {
	t.Helper()
	s, err := ai.New(ai.Config{BaseURL: baseURL + "/v1", Model: "fake", UseJSONSchema: true}, nil)
	if err != nil {
		t.Fatal(err)
	}
	return aiSuggester{s}
}

func (h *harness) key(name fyne.KeyName) {
	if fn := h.win.Canvas().OnTypedKey(); fn != nil {
		fn(&fyne.KeyEvent{Name: name})
	}
}

// TestSuggestionAcceptedWithKey: a suggestion from the model appears with
// its outline, Y accepts it, and the approved decision carries it as a
// redaction with source ai and the published text without the name.
func TestSuggestionAcceptedWithKey(t *testing.T) {
	srv, calls := fakeModel(t, `{"suggestions":[{"kind":"PERSON","quote":"Maureen","reason":"a nurse's first name","confidence":0.8}]}`)
	h := newAIHarness(t, newSuggester(t, srv.URL))
	if h.w.ai.ask.Disabled() {
		t.Fatal("Suggest button disabled with a configured model")
	}
	h.typeKeys("s")
	<-h.w.ai.lastAsk // the question S sent
	if s := h.w.ai.current(h.w); s == nil || !s.asked {
		t.Fatal("no answer recorded")
	}
	if got := calls.Load(); got != 1 {
		t.Errorf("model calls: got %d, want 1", got)
	}
	sugg := h.w.Suggestions()
	if len(sugg) != 1 || aiBody[sugg[0].Start:sugg[0].End] != "Maureen" || sugg[0].Source != moderation.SourceAI || sugg[0].Redact {
		t.Fatalf("suggestions: got %+v, want one unredacted ai span over Maureen", sugg)
	}
	if _, ok := h.w.ai.overlay.SuggestionPos(0); !ok {
		t.Fatal("suggestion not drawn on the story")
	}
	if n := len(h.w.ai.overlay.objs); n < 6 {
		t.Errorf("overlay objects: got %d, want a fill, dashes and a tag", n)
	}
	if strings.Contains(h.w.PublishedText(), "[name removed]") && !strings.Contains(h.w.PublishedText(), "Maureen") {
		t.Fatal("suggestion applied before it was accepted")
	}
	if !strings.Contains(h.w.ai.info.Text, "Maureen") {
		t.Errorf("AI bar: got %q, want the selected suggestion", h.w.ai.info.Text)
	}

	h.typeKeys("y")
	if got := h.w.Suggestions(); len(got) != 0 {
		t.Errorf("pending after accept: got %d, want 0", len(got))
	}
	if pub := h.w.PublishedText(); strings.Contains(pub, "Maureen") || !strings.HasPrefix(pub, "The nurse, [name removed], sat") {
		t.Errorf("preview: got %q, want Maureen replaced", pub)
	}
	if !previewShows(h.w.preview, "[name removed]", 2) {
		t.Errorf("published preview: want two [name removed] placeholders")
	}
	stored, err := h.store.Story(context.Background(), "ai1")
	if err != nil {
		t.Fatal(err)
	}
	if !hasSpan(stored.Spans, "Maureen", moderation.SourceAI, aiBody) {
		t.Errorf("stored spans: got %+v, want the accepted ai span", stored.Spans)
	}

	h.typeKeys("a")
	ds, err := h.store.Decisions(context.Background(), "ai1")
	if err != nil || len(ds) != 1 {
		t.Fatalf("decisions: got %d, %v; want 1", len(ds), err)
	}
	d := ds[0]
	if d.Action != moderation.PublishWithChanges || strings.Contains(d.PublishedBody, "Maureen") {
		t.Errorf("decision: got %s with body %q, want publish_with_changes without Maureen", d.Action, d.PublishedBody)
	}
	found := false
	for _, r := range d.Redactions {
		if aiBody[r.Start:r.End] == "Maureen" && r.Source == moderation.SourceAI && r.Replacement == "[name removed]" {
			found = true
		}
	}
	if !found {
		t.Errorf("redactions: got %+v, want Maureen with source ai", d.Redactions)
	}
}

// waitSuggestions waits until the open story's question is answered.
func waitSuggestions(t *testing.T, h *harness) {
	t.Helper()
	<-h.w.SuggestNow()
	if s := h.w.ai.current(h.w); s == nil || !s.asked {
		t.Fatal("no answer recorded")
	}
}

func previewShows(v *StoryView, text string, n int) bool {
	got := 0
	for _, p := range v.pieces {
		if p.text == text {
			got++
		}
	}
	return got == n
}

func hasSpan(spans []moderation.Span, text string, src moderation.Source, body string) bool {
	for _, s := range spans {
		if body[s.Start:s.End] == text && s.Source == src && s.Redact {
			return true
		}
	}
	return false
}

// TestSuggestionClickAndDismiss: a click on a suggestion selects it;
// Delete dismisses it and asking again does not bring it back.
func TestSuggestionClickAndDismiss(t *testing.T) {
	srv, _ := fakeModel(t, `{"suggestions":[
		{"kind":"PERSON","quote":"Maureen","reason":"first name","confidence":0.8},
		{"kind":"ABUSE","quote":"never came","reason":"not abuse really","confidence":0.3}]}`)
	h := newAIHarness(t, newSuggester(t, srv.URL))
	waitSuggestions(t, h)
	if got := len(h.w.Suggestions()); got != 2 {
		t.Fatalf("suggestions: got %d, want 2", got)
	}
	if h.w.ai.sel != 0 {
		t.Fatalf("selected: got %d, want the first", h.w.ai.sel)
	}
	pos, ok := h.w.ai.overlay.SuggestionPos(1)
	if !ok {
		t.Fatal("second suggestion not drawn")
	}
	test.TapAt(h.w.ai.overlay, pos)
	if h.w.ai.sel != 1 {
		t.Fatalf("selected after click: got %d, want 1", h.w.ai.sel)
	}
	h.key(fyne.KeyDelete)
	got := h.w.Suggestions()
	if len(got) != 1 || aiBody[got[0].Start:got[0].End] != "Maureen" {
		t.Fatalf("after dismiss: got %+v, want only Maureen", got)
	}
	// a tap elsewhere still reaches the story view: the rule span toggles
	vpos, ok := h.w.view.SpanPos(0)
	if !ok {
		t.Fatal("rule span not drawn")
	}
	before := h.w.spans[0].Redact
	test.TapAt(h.w.ai.overlay, vpos)
	if h.w.spans[0].Redact == before {
		t.Errorf("tap on a rule span through the overlay did not toggle it")
	}
	waitSuggestions(t, h) // asking again: the dismissed one stays away
	if got := h.w.Suggestions(); len(got) != 1 {
		t.Errorf("after asking again: got %d suggestions, want 1", len(got))
	}
	h.key(fyne.KeyReturn)
	if got := h.w.Suggestions(); len(got) != 0 {
		t.Errorf("after Enter: got %d pending, want 0", len(got))
	}
	if !hasSpan(h.w.spans, "Maureen", moderation.SourceAI, aiBody) {
		t.Errorf("Enter did not accept the suggestion")
	}
}

// TestSuggestionsOffline: with the model unreachable the moderator sees
// that AI is unavailable and carries on; the rule highlights stay.
func TestSuggestionsOffline(t *testing.T) {
	srv, _ := fakeModel(t, `{"suggestions":[]}`)
	sugg := newSuggester(t, srv.URL)
	srv.Close()
	h := newAIHarness(t, sugg)
	waitSuggestions(t, h)
	if !strings.HasPrefix(h.w.ai.info.Text, "AI unavailable") {
		t.Errorf("AI bar: got %q, want AI unavailable", h.w.ai.info.Text)
	}
	if !strings.HasPrefix(h.w.StatusBar().Message(), "AI unavailable") {
		t.Errorf("status: got %q, want AI unavailable", h.w.StatusBar().Message())
	}
	if len(h.w.spans) != 2 || h.w.ai.ask.Disabled() {
		t.Errorf("after failure: %d spans, Suggest disabled %v; want 2 and enabled", len(h.w.spans), h.w.ai.ask.Disabled())
	}
}

// TestSuggestionsOff: without a model no AI row takes space above the
// story, the status bar notes that AI is off, and S does nothing.
func TestSuggestionsOff(t *testing.T) {
	h := newAIHarness(t, aiSuggester{})
	h.typeKeys("s")
	if !h.w.ai.ask.Disabled() || h.w.ai.bar.Visible() {
		t.Errorf("AI bar: Suggest disabled %v, bar visible %v; want disabled and hidden", h.w.ai.ask.Disabled(), h.w.ai.bar.Visible())
	}
	if got := h.w.StatusBar().Note(); !strings.Contains(got, "AI suggestions off") {
		t.Errorf("status note: got %q, want AI suggestions off", got)
	}
}

// TestSuggestQueue: the background pass asks about every pending story
// once and fills the progress bar.
func TestSuggestQueue(t *testing.T) {
	srv, calls := fakeModel(t, `{"suggestions":[{"kind":"PERSON","quote":"Maureen","reason":"first name","confidence":0.8}]}`)
	h := newAIHarness(t, newSuggester(t, srv.URL))
	<-h.w.SuggestQueue()
	if got := calls.Load(); got != 1 {
		t.Errorf("model calls: got %d, want 1", got)
	}
	if got := len(h.w.Suggestions()); got != 1 {
		t.Errorf("open story's suggestions: got %d, want 1", got)
	}
	if h.w.ai.passBar.Visible() || h.w.ai.passCancel != nil {
		t.Errorf("pass not finished: bar visible %v", h.w.ai.passBar.Visible())
	}
	<-h.w.SuggestQueue() // nothing left to ask
	if got := calls.Load(); got != 1 {
		t.Errorf("model calls after a second pass: got %d, want 1", got)
	}
}
