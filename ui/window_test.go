package ui

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/storydesk/storydesk/moderation"
	"github.com/storydesk/storydesk/moderation/sqlite"
)

// sqliteStore adapts the real local store, as cmd/storydesk does.
type sqliteStore struct{ *sqlite.Store }

func (s sqliteStore) List(ctx context.Context, tab Tab, search string) ([]moderation.QueueItem, error) {
	return s.Queue(ctx, sqlite.QueueFilter{Tab: sqlite.Tab(tab), Search: search})
}

var testNow = time.Date(2026, 11, 25, 12, 0, 0, 0, time.UTC)

// span marks the first occurrence of text in body.
func span(t testing.TB, body, text string, k moderation.Kind, reason string) moderation.Span {
	t.Helper()
	i := strings.Index(body, text)
	if i < 0 {
		t.Fatalf("fixture: %q not in body", text)
	}
	return moderation.Span{Start: i, End: i + len(text), Kind: k, Confidence: 0.9, Source: moderation.SourceRule,
		Reason: reason, Redact: moderation.DefaultRedact(k)}
}

// fixtures are synthetic stories: s1 has a name, a phone number and a
// swear word; s2 is clean; s3 is a safeguarding story.
func fixtures(t testing.TB) []moderation.Story {
	b1 := "I was seen by Dr Villiers on Ward 7. He said to call 07700 900184 if it got worse.\n\nIt did get worse and nobody answered, which was bloody awful. Ward 7 staff were kind though."
	b2 := "The physio team at the community hospital got me walking again after my knee operation. Thank you all."
	b3 := "My neighbour says her carer hits her when nobody is around and I am scared for her."
	return []moderation.Story{
		{ID: "s1", Title: "Sent home too early", Body: b1, Service: "Riverside Hospital – Ward 7", SubmittedAt: testNow.Add(-72 * time.Hour),
			AuthorRole: "patient", Spans: []moderation.Span{
				span(t, b1, "Villiers", moderation.Person, "name after title 'Dr'"),
				span(t, b1, "07700 900184", moderation.Phone, "UK mobile number"),
				span(t, b1, "bloody", moderation.Profanity, "swear word"),
			}},
		{ID: "s2", Title: "Walking again", Body: b2, Service: "Castleford Physiotherapy", SubmittedAt: testNow.Add(-48 * time.Hour), AuthorRole: "patient"},
		{ID: "s3", Title: "Worried about my neighbour", Body: b3, Service: "Larchmere Home Care", SubmittedAt: testNow.Add(-24 * time.Hour),
			AuthorRole: "relative", Spans: []moderation.Span{
				span(t, b3, "her carer hits her", moderation.Safeguarding, "possible abuse of a vulnerable adult"),
			}},
	}
}

type harness struct {
	t     *testing.T
	store *sqlite.Store
	win   fyne.Window
	w     *Window
	ids   int
}

func newHarness(t *testing.T) *harness {
	t.Helper()
	test.NewTempApp(t)
	ctx := context.Background()
	st, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "ui.db"), sqlite.Options{Now: func() time.Time { return testNow }})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	if err := st.AddStories(ctx, fixtures(t)); err != nil {
		t.Fatal(err)
	}
	h := &harness{t: t, store: st}
	h.win = test.NewTempWindow(t, widget.NewLabel(""))
	h.win.Resize(fyne.NewSize(1280, 800))
	h.w = New(ctx, h.win, Config{Store: sqliteStore{st}, Moderator: "tester", Now: func() time.Time { return testNow },
		NewID: func() string { h.ids++; return fmt.Sprintf("dec-%d", h.ids) }})
	return h
}

// typeKeys sends runes the way the desktop driver does: to the focused
// widget if there is one, else to the canvas.
func (h *harness) typeKeys(s string) {
	c := h.win.Canvas()
	for _, r := range s {
		if f := c.Focused(); f != nil {
			f.TypedRune(r)
		} else if fn := c.OnTypedRune(); fn != nil {
			fn(r)
		}
	}
}

func (h *harness) status(id moderation.StoryID) moderation.Status {
	h.t.Helper()
	st, err := h.store.Story(context.Background(), id)
	if err != nil {
		h.t.Fatal(err)
	}
	return st.Status
}

func (h *harness) open(id moderation.StoryID) {
	h.t.Helper()
	i := h.w.indexOf(id)
	if i < 0 {
		h.t.Fatalf("story %s not in the list", id)
	}
	h.w.Open(i)
	if got := h.w.Current(); got != id {
		h.t.Fatalf("open: current story %s, want %s", got, id)
	}
}

func TestQueueOrderSafeguardingFirst(t *testing.T) {
	h := newHarness(t)
	var got []moderation.StoryID
	for _, it := range h.w.items {
		got = append(got, it.ID)
	}
	if fmt.Sprint(got) != "[s3 s1 s2]" {
		t.Errorf("pending queue %v, want [s3 s1 s2] (safeguarding first, then oldest)", got)
	}
	if h.w.Current() != "s3" {
		t.Errorf("first story opened %q, want s3", h.w.Current())
	}
	if got, want := h.w.status.Counts(), "Pending 3 · Done 0 · Escalated 0 · Unpushed 0"; got != want {
		t.Errorf("status bar %q, want %q", got, want)
	}
}

func TestSelectingStoryShowsHighlights(t *testing.T) {
	h := newHarness(t)
	h.open("s1")
	body := h.w.story.Body
	want := []string{"Villiers", "07700 900184", "bloody"}
	if len(h.w.spans) != len(want) {
		t.Fatalf("got %d spans, want %d", len(h.w.spans), len(want))
	}
	for i, text := range want {
		pos, ok := h.w.view.SpanPos(i)
		if !ok {
			t.Fatalf("span %d (%s) not drawn", i, text)
		}
		if got := h.w.view.SpanAt(pos); got != i {
			t.Errorf("SpanAt(%v) = %d, want %d", pos, got, i)
		}
		s := h.w.spans[i]
		if body[s.Start:s.End] != text {
			t.Errorf("span %d covers %q, want %q", i, body[s.Start:s.End], text)
		}
	}
	if got := len(h.w.spanChecks); got != 3 {
		t.Errorf("span list has %d rows, want 3", got)
	}
	if got := h.w.view.SpanAt(fyne.NewPos(1, 1)); got != -1 {
		t.Errorf("SpanAt(top-left, plain text) = %d, want -1", got)
	}
	// the highlight colours: the person run amber, the swear word red, both translucent
	for _, p := range h.w.view.pieces {
		if p.span >= 0 && p.runStarter {
			g := h.w.spans[p.span].Kind.Group()
			if got, want := p.bg.FillColor, GroupColor(g, 0x88); got != want {
				t.Errorf("span %d background %v, want %v", p.span, got, want)
			}
		}
	}
	if got := h.w.suggest.Text; !strings.Contains(got, "Approve with redactions") {
		t.Errorf("suggestion %q, want Approve with redactions", got)
	}
	if h.w.approveRed.Importance != widget.HighImportance || !h.w.approve.Disabled() {
		t.Errorf("Approve with redactions should be the proposed, enabled button and plain Approve disabled")
	}
}

func TestClickHighlightTogglesRedaction(t *testing.T) {
	h := newHarness(t)
	h.open("s1")
	before := h.w.PublishedText()
	if !strings.Contains(before, "Dr [name removed] on Ward 7") {
		t.Fatalf("preview %q, want the name removed", before)
	}
	pos, _ := h.w.view.SpanPos(0)
	test.TapAt(h.w.view, pos)
	if h.w.spans[0].Redact {
		t.Fatalf("span 0 still redacted after a tap")
	}
	after := h.w.PublishedText()
	if !strings.Contains(after, "Dr Villiers on Ward 7") {
		t.Errorf("preview after toggle %q, want the name kept", after)
	}
	// the preview widget shows it too: no placeholder piece for span 0
	for _, p := range h.w.preview.pieces {
		if p.text == "[name removed]" {
			t.Errorf("preview still shows [name removed]")
		}
	}
	if h.w.spanChecks[0].Checked {
		t.Errorf("span list check still on")
	}
	st, _ := h.store.Story(context.Background(), "s1")
	if st.Spans[0].Redact {
		t.Errorf("stored span 0 Redact = true, want false (toggle not saved)")
	}
	// tapping the placeholder in the preview puts it back
	test.TapAt(h.w.view, pos)
	if !h.w.spans[0].Redact || h.w.PublishedText() != before {
		t.Errorf("second tap: redact %v, preview %q; want true, %q", h.w.spans[0].Redact, h.w.PublishedText(), before)
	}
	// the span list toggles as well
	h.w.spanChecks[1].SetChecked(false)
	if h.w.spans[1].Redact || !strings.Contains(h.w.PublishedText(), "07700 900184") {
		t.Errorf("unchecking the phone row did not keep the phone number")
	}
}

func TestApproveOpensNextAndUndoBringsItBack(t *testing.T) {
	h := newHarness(t)
	h.open("s1")
	h.typeKeys("a")
	if got := h.status("s1"); got != moderation.StatusDecided {
		t.Fatalf("s1 status %s after A, want decided", got)
	}
	if got := h.w.Current(); got != "s2" {
		t.Errorf("after A the open story is %q, want the next one, s2", got)
	}
	ds, _ := h.store.Decisions(context.Background(), "s1")
	if len(ds) != 1 || ds[0].Action != moderation.PublishWithChanges || !strings.Contains(ds[0].PublishedBody, "[phone number removed]") {
		t.Fatalf("decisions %+v, want one publish_with_changes with the phone removed", ds)
	}
	if got, want := h.w.status.Counts(), "Pending 2 · Done 1 · Escalated 0 · Unpushed 1"; got != want {
		t.Errorf("status bar %q, want %q", got, want)
	}
	h.win.Canvas().(fyne.Shortcutable).TypedShortcut(&fyne.ShortcutUndo{})
	if got := h.status("s1"); got != moderation.StatusPending {
		t.Errorf("s1 status %s after Ctrl+Z, want pending", got)
	}
	if got := h.w.Current(); got != "s1" {
		t.Errorf("after Ctrl+Z the open story is %q, want s1", got)
	}
	if got, want := h.w.status.Counts(), "Pending 3 · Done 0 · Escalated 0 · Unpushed 0"; got != want {
		t.Errorf("status bar %q, want %q", got, want)
	}
}

func TestPlainApproveAndNextPrevKeys(t *testing.T) {
	h := newHarness(t)
	h.typeKeys("j")
	if h.w.Current() != "s1" {
		t.Fatalf("J opened %q, want s1", h.w.Current())
	}
	h.w.typedKey(&fyne.KeyEvent{Name: fyne.KeyDown})
	if h.w.Current() != "s2" {
		t.Fatalf("Down opened %q, want s2", h.w.Current())
	}
	h.typeKeys("k")
	h.w.typedKey(&fyne.KeyEvent{Name: fyne.KeyDown})
	if h.w.Current() != "s2" {
		t.Fatalf("K then Down opened %q, want s2", h.w.Current())
	}
	h.typeKeys("A")
	ds, _ := h.store.Decisions(context.Background(), "s2")
	if len(ds) != 1 || ds[0].Action != moderation.Publish || ds[0].PublishedBody != fixtures(t)[1].Body {
		t.Fatalf("decisions %+v, want one plain publish of the whole body", ds)
	}
	if h.w.Current() != "s1" {
		t.Errorf("after approving the last story the open one is %q, want s1 (the one before)", h.w.Current())
	}
}

func TestTypingInNoteDoesNotApprove(t *testing.T) {
	h := newHarness(t)
	h.open("s1")
	h.typeKeys("e")
	if h.w.dlg == nil || h.w.dlg.action != moderation.Escalate {
		t.Fatalf("E did not open the escalate dialog")
	}
	if h.win.Canvas().Focused() != h.w.dlg.note {
		t.Fatalf("the note field is not focused")
	}
	h.typeKeys("a")
	if got := h.w.dlg.note.Text; got != "a" {
		t.Errorf("note text %q, want \"a\"", got)
	}
	if got := h.status("s1"); got != moderation.StatusPending {
		t.Fatalf("typing a in the note changed s1 to %s", got)
	}
	// Esc leaves the field; keys still wait while the dialog is open
	h.w.dlg.note.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	h.typeKeys("a")
	if got := h.status("s1"); got != moderation.StatusPending {
		t.Fatalf("a behind the open dialog changed s1 to %s", got)
	}
	h.w.typedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if h.w.dlg != nil {
		t.Fatalf("Esc did not close the dialog")
	}
	// the redaction text field keeps its letters too
	h.win.Canvas().Focus(h.w.redactText)
	h.typeKeys("ward")
	if got := h.w.redactText.Text; got != "ward" {
		t.Errorf("redact field %q, want \"ward\"", got)
	}
	if got := h.status("s1"); got != moderation.StatusPending {
		t.Fatalf("typing in the redact field changed s1 to %s", got)
	}
}

func TestEscalateWithNote(t *testing.T) {
	h := newHarness(t)
	h.open("s3")
	if !h.w.approve.Disabled() || !h.w.approveRed.Disabled() {
		t.Fatalf("approve buttons enabled on a safeguarding story")
	}
	if !strings.Contains(h.w.guard.Text, "cannot be approved") {
		t.Errorf("guard text %q, want an explanation", h.w.guard.Text)
	}
	h.typeKeys("a")
	if got := h.status("s3"); got != moderation.StatusPending {
		t.Fatalf("A changed a safeguarding story to %s", got)
	}
	h.typeKeys("e")
	dd := h.w.dlg
	if got := dd.reason.Selected; got != "Safeguarding abuse" {
		t.Errorf("preselected reason %q, want Safeguarding abuse", got)
	}
	if !dd.confirm.Disabled() {
		t.Errorf("confirm enabled without a note")
	}
	h.typeKeys("Neighbour reports a carer hitting her")
	if dd.confirm.Disabled() {
		t.Fatalf("confirm still disabled: %s", dd.problem.Text)
	}
	dd.note.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if got := h.status("s3"); got != moderation.StatusEscalated {
		t.Fatalf("s3 status %s, want escalated", got)
	}
	ds, _ := h.store.Decisions(context.Background(), "s3")
	if len(ds) != 1 || ds[0].Reason != moderation.ReasonSafeguardingAbuse || ds[0].Note != "Neighbour reports a carer hitting her" {
		t.Errorf("decision %+v, want safeguarding_abuse with the note", ds)
	}
	if h.w.dlg != nil {
		t.Errorf("dialog still open after confirming")
	}
	h.typeKeys("3")
	if len(h.w.items) != 1 || h.w.items[0].ID != "s3" {
		t.Errorf("Escalated tab %v, want [s3]", h.w.items)
	}
}

func TestRejectDialogValidation(t *testing.T) {
	tests := []struct {
		name, reason, note, problem string
	}{
		{"no reason", "", "", "Choose a reason."},
		{"other needs a note", "Other", "", "Write a note."},
		{"commercial without note", "Commercial", "", ""},
		{"other with note", "Other", "spam link", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := newHarness(t)
			h.open("s2")
			h.typeKeys("r")
			dd := h.w.dlg
			dd.reason.SetSelected(tt.reason)
			dd.note.SetText(tt.note)
			if dd.problem.Text != tt.problem || dd.confirm.Disabled() != (tt.problem != "") {
				t.Fatalf("problem %q, confirm disabled %v; want %q", dd.problem.Text, dd.confirm.Disabled(), tt.problem)
			}
			if tt.problem != "" {
				return
			}
			test.Tap(dd.confirm)
			if got := h.status("s2"); got != moderation.StatusDecided {
				t.Errorf("s2 status %s, want decided", got)
			}
		})
	}
}

func TestHoldNeedsFutureDate(t *testing.T) {
	h := newHarness(t)
	h.open("s2")
	h.typeKeys("h")
	dd := h.w.dlg
	dd.reason.SetSelected("Provider notice")
	dd.note.SetText("waiting for the provider's reply")
	if dd.confirm.Disabled() {
		t.Fatalf("default review date rejected: %s", dd.problem.Text)
	}
	dd.date.SetText("2026-11-20")
	if !dd.confirm.Disabled() {
		t.Errorf("a past review date was accepted")
	}
	dd.date.SetText("2026-12-24")
	test.Tap(dd.confirm)
	ds, _ := h.store.Decisions(context.Background(), "s2")
	if len(ds) != 1 || ds[0].Action != moderation.Hold || ds[0].ReviewAt.Format(time.DateOnly) != "2026-12-24" {
		t.Errorf("decisions %+v, want a hold until 2026-12-24", ds)
	}
}

func TestAddRedactions(t *testing.T) {
	h := newHarness(t)
	h.open("s1")
	// every match of typed words
	h.w.redactText.SetText("ward 7")
	h.w.kind.SetSelected(moderation.Address.Label())
	test.Tap(h.w.redactAll)
	if got := len(h.w.spans); got != 5 {
		t.Fatalf("got %d spans after redacting “ward 7”, want 5", got)
	}
	pub := h.w.PublishedText()
	if strings.Contains(pub, "Ward 7") || strings.Count(pub, "[address removed]") != 2 {
		t.Errorf("preview %q, want both Ward 7 removed", pub)
	}
	// click a word, shift-click another, X
	wordPos := func(word string) fyne.Position {
		for _, p := range h.w.view.pieces {
			if p.text == word {
				return p.pos.Add(fyne.NewPos(2, 2))
			}
		}
		t.Fatalf("word %q not drawn", word)
		return fyne.Position{}
	}
	test.TapAt(h.w.view, wordPos("nobody"))
	h.w.view.MouseDown(&desktop.MouseEvent{Modifier: fyne.KeyModifierShift})
	test.TapAt(h.w.view, wordPos("answered,"))
	a, b, ok := h.w.view.Selection()
	if !ok || h.w.story.Body[a:b] != "nobody answered," {
		t.Fatalf("selection %q, want \"nobody answered,\"", h.w.story.Body[a:b])
	}
	h.w.kind.SetSelected(moderation.Abuse.Label())
	h.typeKeys("x")
	if got := len(h.w.spans); got != 6 {
		t.Fatalf("got %d spans after X, want 6", got)
	}
	st, _ := h.store.Story(context.Background(), "s1")
	if len(st.Spans) != 6 {
		t.Errorf("stored %d spans, want 6", len(st.Spans))
	}
	if !strings.Contains(h.w.PublishedText(), "It did get worse and [offensive language removed] which") {
		t.Errorf("preview %q, want the selection removed", h.w.PublishedText())
	}
}

func TestCheatSheet(t *testing.T) {
	h := newHarness(t)
	h.typeKeys("?")
	if !h.w.modal() {
		t.Fatalf("? did not open the cheat-sheet")
	}
	h.typeKeys("a")
	if h.status("s3") != moderation.StatusPending {
		t.Errorf("a behind the cheat-sheet decided a story")
	}
	h.w.typedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if h.w.modal() {
		t.Errorf("Esc did not close the cheat-sheet")
	}
}

func TestFindAll(t *testing.T) {
	tests := []struct {
		body, q string
		want    string
	}{
		{"Ward 7 and ward 7", "WARD 7", "[[0 6] [11 17]]"},
		{"Zoë and ZOË", "zoë", "[[0 4] [9 13]]"},
		{"none here", "x7", "[]"},
	}
	for _, tt := range tests {
		if got := fmt.Sprint(findAll(tt.body, tt.q)); got != tt.want {
			t.Errorf("findAll(%q, %q) = %s, want %s", tt.body, tt.q, got, tt.want)
		}
	}
}

func TestDoneTabIsReadOnly(t *testing.T) {
	h := newHarness(t)
	h.open("s2")
	h.typeKeys("a2")
	if len(h.w.items) != 1 || h.w.Current() != "s2" {
		t.Fatalf("Done tab %v, open %q; want [s2] open", h.w.items, h.w.Current())
	}
	if !h.w.approve.Disabled() || !h.w.reject.Disabled() || !strings.Contains(h.w.suggest.Text, "Already decided") {
		t.Errorf("decided story: approve disabled %v, reject disabled %v, bar %q; want both disabled and an explanation",
			h.w.approve.Disabled(), h.w.reject.Disabled(), h.w.suggest.Text)
	}
	h.typeKeys("re")
	if h.w.dlg != nil {
		t.Errorf("R/E opened a dialog on a decided story")
	}
	ds, _ := h.store.Decisions(context.Background(), "s2")
	if len(ds) != 1 {
		t.Errorf("got %d decisions on s2, want 1", len(ds))
	}
	h.typeKeys("1")
	if h.w.tab != TabPending || len(h.w.items) != 2 {
		t.Errorf("1 gave tab %v with %d items, want Pending with 2", h.w.tab, len(h.w.items))
	}
}

func TestUndoWithNothingToUndo(t *testing.T) {
	h := newHarness(t)
	h.w.Undo()
	if got := h.w.status.Message(); !strings.HasPrefix(got, "Nothing to undo") {
		t.Errorf("status %q, want it to say there is nothing to undo", got)
	}
	if h.w.Current() != "s3" {
		t.Errorf("open story %q changed, want s3", h.w.Current())
	}
}

func TestSearchFiltersQueue(t *testing.T) {
	h := newHarness(t)
	h.typeKeys("/")
	if h.win.Canvas().Focused() != h.w.search {
		t.Fatalf("/ did not focus the search field")
	}
	h.typeKeys("physio")
	if len(h.w.items) != 1 || h.w.items[0].ID != "s2" || h.w.Current() != "s2" {
		t.Errorf("search “physio”: items %v, open %q; want [s2] open", h.w.items, h.w.Current())
	}
	if got := h.status("s2"); got != moderation.StatusPending {
		t.Errorf("typing in the search field decided s2: %s", got)
	}
}

func TestKeyboardPointsAndTogglesHighlights(t *testing.T) {
	h := newHarness(t)
	h.open("s1")
	h.typeKeys("]]")
	if got := h.w.view.Hovered(); got != 1 {
		t.Fatalf("]] points at highlight %d, want 1", got)
	}
	h.typeKeys(" ")
	if h.w.spans[1].Redact || !strings.Contains(h.w.PublishedText(), "07700 900184") {
		t.Errorf("Space did not keep the phone number: %q", h.w.PublishedText())
	}
	h.typeKeys("[[")
	if got := h.w.view.Hovered(); got != 2 {
		t.Errorf("[[ from 1 points at %d, want 2 (wraps)", got)
	}
}

// A story flagged for a threat alone says so, in the list and above the
// story; one with a safeguarding span says safeguarding.
func TestThreatOnlyIsNamed(t *testing.T) {
	h := newHarness(t)
	b := "If that porter speaks to my dad like that again I will break his nose."
	st := moderation.Story{ID: "s4", Title: "The porter", Body: b, Service: "Riverside Hospital", SubmittedAt: testNow.Add(-time.Hour),
		AuthorRole: "relative", Spans: []moderation.Span{span(t, b, "I will break his nose", moderation.Threat, "threat of violence by the writer")}}
	if err := h.store.AddStories(context.Background(), []moderation.Story{st}); err != nil {
		t.Fatal(err)
	}
	h.w.Reload()
	chips := map[moderation.StoryID]string{}
	for _, it := range h.w.items {
		o := newQueueRow()
		updateQueueRow(o, it, testNow)
		chips[it.ID] = o.(*rowHolder).row.guard.text.Text
	}
	if chips["s4"] != "THREAT" || chips["s3"] != "SAFEGUARDING" || chips["s2"] != "" {
		t.Errorf("list chips = %v; want s4 THREAT, s3 SAFEGUARDING, s2 none", chips)
	}
	h.open("s4")
	if got := h.w.bannerText.Text; !strings.Contains(got, "Threat of violence flagged") {
		t.Errorf("banner on a threat = %q; want it named", got)
	}
	if got := h.w.guard.Text; !strings.HasPrefix(got, "⚠ Threat of violence: ") {
		t.Errorf("guard on a threat = %q", got)
	}
	if got, want := h.w.bannerBg.FillColor, GroupColor(moderation.AbuseGroup, 0x50); got != want {
		t.Errorf("banner colour on a threat = %v; want the abuse group's %v", got, want)
	}
	h.open("s3")
	if got := h.w.bannerText.Text; !strings.Contains(got, "Safeguarding concern flagged") {
		t.Errorf("banner on a safeguarding story = %q", got)
	}
	if got, want := h.w.bannerBg.FillColor, GroupColor(moderation.SafeguardingGrp, 0x50); got != want {
		t.Errorf("banner colour on a safeguarding story = %v; want %v", got, want)
	}
}
