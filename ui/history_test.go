package ui

import (
	"bytes"
	"context"
	"fmt"
	"image/png"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/storydesk/storydesk/moderation"
	"github.com/storydesk/storydesk/moderation/history"
	"github.com/storydesk/storydesk/moderation/sqlite"
)

// historyDB adapts the real local store to HistoryStore, as cmd/storydesk
// does: local decisions plus the cached server history, with stories.
type historyDB struct{ *sqlite.Store }

func (h historyDB) Entries(ctx context.Context) ([]history.Entry, error) {
	local, err := h.History(ctx, sqlite.HistoryFilter{})
	if err != nil {
		return nil, err
	}
	cached, err := h.CachedHistory(ctx, sqlite.HistoryFilter{})
	if err != nil {
		return nil, err
	}
	seen := map[string]bool{}
	var out []history.Entry
	for _, d := range append(local, cached...) {
		if seen[d.ID] {
			continue
		}
		seen[d.ID] = true
		st, err := h.Story(ctx, d.StoryID)
		if moderation.ErrorCode(err) == moderation.ENOTFOUND {
			st, err = nil, nil
		}
		if err != nil {
			return nil, err
		}
		out = append(out, history.Entry{Decision: d, Story: st})
	}
	return out, nil
}

var histT0 = time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC) // a Monday

func histSpan(t testing.TB, body, text string, k moderation.Kind) moderation.Span {
	t.Helper()
	i := strings.Index(body, text)
	if i < 0 {
		t.Fatalf("fixture: %q not in body", text)
	}
	return moderation.Span{Start: i, End: i + len(text), Kind: k, Confidence: 0.9, Source: moderation.SourceRule,
		Reason: "fixture", Redact: moderation.DefaultRedact(k)}
}

type histHarness struct {
	t     *testing.T
	store *sqlite.Store
	win   fyne.Window
	s     *Supervisor
	saved map[string]string
}

// newHistHarness stores four synthetic stories in a real SQLite file and
// decides them as three moderators over two weeks; h1 is escalated.
func newHistHarness(t *testing.T) *histHarness {
	t.Helper()
	test.NewTempApp(t)
	ctx := context.Background()
	st, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "hist.db"), sqlite.Options{Now: func() time.Time { return histT0.Add(14 * 24 * time.Hour) }})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	b1 := "Nurse Kelly on Ward 4 was wonderful. Ring me on 07700 900184 if you want to know more."
	b2 := "The receptionist was a useless cow and I waited three hours."
	b3 := "My neighbour says her carer hits her when nobody is around."
	b4 := "Quick and friendly flu jab at the pharmacy."
	stories := []moderation.Story{
		{ID: "h1", Title: "Worried about my neighbour", Body: b3, Service: "Larchmere Home Care",
			Spans: []moderation.Span{histSpan(t, b3, "her carer hits her", moderation.Safeguarding)}},
		{ID: "h2", Title: "Wonderful nurse on Ward 4", Body: b1, Service: "Riverside Hospital",
			Spans: []moderation.Span{histSpan(t, b1, "Kelly", moderation.Person), histSpan(t, b1, "07700 900184", moderation.Phone)}},
		{ID: "h3", Title: "Rude receptionist", Body: b2, Service: "Hill Surgery",
			Spans: []moderation.Span{histSpan(t, b2, "useless cow", moderation.Abuse)}},
		{ID: "h4", Title: "Flu jab", Body: b4, Service: "High Street Pharmacy"},
	}
	if err := st.AddStories(ctx, stories); err != nil {
		t.Fatal(err)
	}
	red := func(s moderation.Span) moderation.Redaction {
		return moderation.Redaction{Start: s.Start, End: s.End, Kind: s.Kind, Source: s.Source, Replacement: s.Kind.Placeholder()}
	}
	pub2, _ := moderation.Redact(b1, stories[1].Spans[:1])
	pub3, _ := moderation.Redact(b2, stories[2].Spans)
	for _, d := range []moderation.Decision{
		{ID: "e1", StoryID: "h1", Action: moderation.Escalate, Reason: moderation.ReasonSafeguardingAbuse, Note: "possible abuse", Moderator: "amira", DecidedAt: histT0},
		{ID: "e2", StoryID: "h2", Action: moderation.PublishWithChanges, Reason: moderation.ReasonPersonalDetails, Moderator: "amira", DecidedAt: histT0.Add(6 * time.Minute),
			Redactions: []moderation.Redaction{red(stories[1].Spans[0])}, PublishedTitle: stories[1].Title, PublishedBody: pub2},
		{ID: "e3", StoryID: "h3", Action: moderation.PublishWithChanges, Reason: moderation.ReasonAbusiveLanguage, Moderator: "ben", DecidedAt: histT0.Add(8 * 24 * time.Hour),
			Redactions: []moderation.Redaction{red(stories[2].Spans[0])}, PublishedTitle: stories[2].Title, PublishedBody: pub3},
		{ID: "e4", StoryID: "h4", Action: moderation.Publish, Moderator: "ben", DecidedAt: histT0.Add(8*24*time.Hour + 4*time.Minute), PublishedTitle: "Flu jab", PublishedBody: b4},
	} {
		if err := st.Decide(ctx, d); err != nil {
			t.Fatalf("Decide %s: %v", d.ID, err)
		}
	}
	// one decision from the server's history feed, on a story not held here
	if err := st.CacheHistory(ctx, []moderation.Decision{{ID: "e0", StoryID: "remote", Action: moderation.Reject,
		Reason: moderation.ReasonCommercial, Moderator: "cara", DecidedAt: histT0.Add(-25 * time.Hour), PublishedTitle: "Buy our supplements"}}); err != nil {
		t.Fatal(err)
	}
	h := &histHarness{t: t, store: st, saved: map[string]string{}}
	h.win = test.NewTempWindow(t, widget.NewLabel(""))
	ids := 0
	h.s = NewSupervisor(ctx, h.win, SupervisorConfig{Store: historyDB{st}, Supervisor: "sam",
		Now:   func() time.Time { return histT0.Add(10 * 24 * time.Hour) },
		NewID: func() string { ids++; return fmt.Sprintf("sup-%d", ids) },
		Save: func(name string, write func(io.Writer) error) error {
			var b bytes.Buffer
			err := write(&b)
			h.saved[name] = b.String()
			return err
		}})
	h.win.SetContent(h.s.Content())
	h.win.Resize(fyne.NewSize(1280, 820))
	<-h.s.Reload()
	return h
}

func rowIDs(es []history.Entry) []string {
	var out []string
	for _, e := range es {
		out = append(out, e.Decision.ID)
	}
	return out
}

func (h *histHarness) selectID(id string) {
	h.t.Helper()
	i := slices.IndexFunc(h.s.Rows(), func(e history.Entry) bool { return e.Decision.ID == id })
	if i < 0 {
		h.t.Fatalf("decision %s not in the table %v", id, rowIDs(h.s.Rows()))
	}
	h.s.Select(i)
}

func TestHistoryFilter(t *testing.T) {
	h := newHistHarness(t)
	s := h.s
	if got, want := rowIDs(s.Rows()), []string{"e4", "e3", "e2", "e1", "e0"}; !slices.Equal(got, want) {
		t.Fatalf("rows = %v; want %v (newest first, server history included)", got, want)
	}
	if got := s.count.Text; got != "5 of 5 decisions" {
		t.Errorf("count = %q; want 5 of 5", got)
	}
	steps := []struct {
		name string
		do   func()
		want []string
	}{
		{"moderator", func() { s.moderator.SetSelected("amira") }, []string{"e2", "e1"}},
		{"and action", func() { s.action.SetSelected("Escalate") }, []string{"e1"}},
		{"clear", s.ClearFilters, []string{"e4", "e3", "e2", "e1", "e0"}},
		{"reason", func() { s.reason.SetSelected("Abusive language") }, []string{"e3"}},
		{"flag kind", func() { s.ClearFilters(); s.kind.SetSelected("Phone") }, []string{"e2"}},
		{"date range, to-day inclusive", func() {
			s.ClearFilters()
			test.Type(s.since, "2026-11-02")
			test.Type(s.until, "2026-11-10")
		}, []string{"e4", "e3", "e2", "e1"}},
		{"service", func() { s.ClearFilters(); test.Type(s.service, "surgery") }, []string{"e3"}},
		{"title text", func() { s.ClearFilters(); test.Type(s.text, "supplements") }, []string{"e0"}},
		{"nothing matches", func() { test.Type(s.text, "zzz") }, nil},
	}
	for _, st := range steps {
		st.do()
		if got := rowIDs(s.Rows()); !slices.Equal(got, st.want) {
			t.Errorf("%s: rows = %v; want %v", st.name, got, st.want)
		}
		if r, _ := s.table.Length(); r != len(st.want) {
			t.Errorf("%s: table rows = %d; want %d", st.name, r, len(st.want))
		}
	}
	s.ClearFilters()
	test.Type(s.since, "2/11/2026")
	if !strings.Contains(s.message.Text, "from: give the date as YYYY-MM-DD") {
		t.Errorf("bad date message = %q; want it to name the field", s.message.Text)
	}
	s.ClearFilters()
	s.SortBy(history.ColModerator)
	if got, want := rowIDs(s.Rows()), []string{"e2", "e1", "e4", "e3", "e0"}; !slices.Equal(got, want) {
		t.Errorf("sorted by moderator: %v; want %v", got, want)
	}
	s.SortBy(history.ColModerator)
	if got := rowIDs(s.Rows())[0]; got != "e0" {
		t.Errorf("sorted by moderator, descending: first %s; want e0 (cara)", got)
	}
	// export writes the filtered rows
	s.ClearFilters()
	s.moderator.SetSelected("ben")
	s.export("history.csv", s.WriteCSV)
	csv := h.saved["history.csv"]
	if n := strings.Count(csv, "\n"); n != 3 || !strings.Contains(csv, "e3,h3,") || strings.Contains(csv, "e2,") {
		t.Errorf("exported CSV (%d lines):\n%s\nwant the header and ben's two decisions", n, csv)
	}
}

func TestHistoryDiffView(t *testing.T) {
	h := newHistHarness(t)
	h.selectID("e2")
	removed, added := h.s.diff.Marked()
	if !slices.Equal(removed, []string{"Kelly"}) || !slices.Equal(added, []string{"[name removed]"}) {
		t.Errorf("diff marks removed %q, added %q; want [Kelly] and [[name removed]]", removed, added)
	}
	if !strings.Contains(h.s.flags.Text, "Name (rule, acted on)") || !strings.Contains(h.s.flags.Text, "Phone (rule, kept)") {
		t.Errorf("flags = %q; want the name acted on and the phone kept", h.s.flags.Text)
	}
	if got := h.s.diff.Notice.Text; got != "1 redaction, marked in both texts." {
		t.Errorf("notice = %q", got)
	}
	// the published side is the published text
	var pub strings.Builder
	for _, seg := range h.s.diff.Published.Segments {
		pub.WriteString(seg.Textual())
	}
	if !strings.Contains(pub.String(), "Nurse [name removed] on Ward 4") || !strings.Contains(pub.String(), "07700 900184") {
		t.Errorf("published side = %q", pub.String())
	}
	// a rejected story from the server: no local text
	h.selectID("e0")
	if got := h.s.diff.Original.String(); !strings.Contains(got, "not stored on this computer") {
		t.Errorf("remote story original side = %q", got)
	}
	if !h.s.overrideBtn.Disabled() {
		t.Error("override enabled for a story not stored here")
	}
	h.selectID("e3")
	test.AssertRendersToMarkup(t, "history_diff.xml", h.win.Canvas())
}

func TestHistoryOverrideNeedsNote(t *testing.T) {
	h := newHistHarness(t)
	h.selectID("e2")
	od := h.s.OpenOverride()
	if od == nil {
		t.Fatal("no override dialog")
	}
	f := od.Form
	f.Action.SetSelected("Reject")
	f.Reason.SetSelected("Staff feedback")
	if !f.Confirm.Disabled() || !strings.Contains(f.Problem.Text, "Write a note") {
		t.Fatalf("without a note: confirm disabled=%v, problem %q; want disabled and a note asked for", f.Confirm.Disabled(), f.Problem.Text)
	}
	test.Tap(f.Confirm) // disabled: records nothing
	ds, _ := h.store.Decisions(context.Background(), "h2")
	if len(ds) != 1 {
		t.Fatalf("decisions on h2 after tapping a disabled confirm = %d; want 1", len(ds))
	}
	test.Type(f.Note, "Written by a member of staff about a colleague.")
	if f.Confirm.Disabled() {
		t.Fatalf("confirm still disabled: %q", f.Problem.Text)
	}
	test.Tap(f.Confirm)
	<-h.s.Loaded() // the override reloads the history in the background
	ds, err := h.store.Decisions(context.Background(), "h2")
	if err != nil {
		t.Fatal(err)
	}
	if len(ds) != 2 {
		t.Fatalf("decisions on h2 = %d; want 2 (append-only)", len(ds))
	}
	var o moderation.Decision
	for _, d := range ds {
		if d.ID == "sup-1" {
			o = d
		}
	}
	if o.Supersedes != "e2" || o.Action != moderation.Reject || o.Moderator != "sam" || o.Note == "" {
		t.Errorf("override = %+v; want reject by sam superseding e2 with the note", o)
	}
	// the history shows both, and the old one as overridden
	h.selectID("e2")
	if !strings.Contains(h.s.detailMeta.Text, "Overridden by a later decision") || !strings.Contains(h.s.thread.Text, "Reject (staff feedback) — override") {
		t.Errorf("detail after override: meta %q thread %q", h.s.detailMeta.Text, h.s.thread.Text)
	}
	if !h.s.overrideBtn.Disabled() {
		t.Error("override still offered on a superseded decision")
	}
}

func TestEscalationDecided(t *testing.T) {
	h := newHistHarness(t)
	e := h.s.esc
	if len(e.items) != 1 || e.items[0].Decision.ID != "e1" {
		t.Fatalf("escalations = %v; want [e1]", rowIDs(e.items))
	}
	h.s.tabs.SelectIndex(1)
	e.open(0)
	if !strings.Contains(e.meta.Text, "possible abuse") {
		t.Errorf("escalation meta = %q; want the moderator's note", e.meta.Text)
	}
	e.form.Action.SetSelected("Approve")
	if !e.form.Confirm.Disabled() {
		t.Error("supervisor decision allowed without a note")
	}
	test.Type(e.form.Note, "Checked with the safeguarding lead: already reported, publish.")
	test.Tap(e.form.Confirm)
	<-h.s.Loaded()
	ds, _ := h.store.Decisions(context.Background(), "h1")
	if len(ds) != 2 || ds[len(ds)-1].Supersedes != "e1" && ds[0].Supersedes != "e1" {
		t.Fatalf("decisions on h1 = %+v; want the escalation and an approval superseding it", ds)
	}
	if len(e.items) != 0 {
		t.Errorf("escalations after deciding = %v; want none", rowIDs(e.items))
	}
	if got := h.s.tabs.Items[1].Text; got != "Escalations (0)" {
		t.Errorf("tab = %q; want Escalations (0)", got)
	}
}

func TestFiguresView(t *testing.T) {
	h := newHistHarness(t)
	f := h.s.figures
	// amira wk 2 Nov (2), ben wk 9 Nov (2), cara wk 26 Oct (1)
	if len(f.figs) != 3 {
		t.Fatalf("figures = %d rows; want 3", len(f.figs))
	}
	bars := f.chart.Bars()
	if len(bars) != 3 || !strings.HasPrefix(bars[0].Label, "amira") {
		t.Fatalf("bars = %+v", bars)
	}
	if got := figureCell(f.figs[0], 8); got != "6m0s" {
		t.Errorf("amira median time = %q; want 6m0s", got)
	}
	if got := figureCell(f.figs[0], 9); got != "2 / 1" {
		t.Errorf("amira flags acted on / kept = %q; want 2 / 1", got)
	}
	h.s.moderator.SetSelected("ben")
	if len(f.figs) != 1 || f.figs[0].Moderator != "ben" {
		t.Errorf("figures follow the filter: %+v", f.figs)
	}
}

// TestHistoryScreenshot writes docs/screenshot-history.png when
// STORYDESK_SCREENSHOTS names the docs directory.
func TestHistoryScreenshot(t *testing.T) {
	dir := os.Getenv("STORYDESK_SCREENSHOTS")
	if dir == "" {
		t.Skip("set STORYDESK_SCREENSHOTS=../docs to write screenshots")
	}
	h := newHistHarness(t)
	h.win.Resize(fyne.NewSize(1280, 760))
	h.selectID("e2")
	h.s.table.Select(widget.TableCellID{Row: 2, Col: 0})
	writePNG(t, h.win, filepath.Join(dir, "screenshot-history.png"))
}

func writePNG(t *testing.T, w fyne.Window, path string) {
	t.Helper()
	img := w.Canvas().Capture()
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := png.Encode(f, img); err != nil {
		t.Fatal(err)
	}
}

// Tapping a column header sorts by it; tapping it again flips the order.
func TestHistoryHeaderSort(t *testing.T) {
	h := newHistHarness(t)
	header := func(prefix string) *widget.Button {
		for _, o := range test.LaidOutObjects(h.s.table) {
			if b, ok := o.(*widget.Button); ok && strings.HasPrefix(b.Text, prefix) {
				return b
			}
		}
		t.Fatalf("no header button %q", prefix)
		return nil
	}
	test.Tap(header("Moderator"))
	if got := rowIDs(h.s.Rows()); got[0] != "e2" || got[len(got)-1] != "e0" {
		t.Errorf("after tapping Moderator: %v; want amira first, cara last", got)
	}
	if b := header("Moderator"); b.Text != "Moderator ▲" {
		t.Errorf("header = %q; want the ascending arrow", b.Text)
	}
	test.Tap(header("Moderator"))
	if got := rowIDs(h.s.Rows()); got[0] != "e0" {
		t.Errorf("after tapping Moderator twice: %v; want cara first", got)
	}
}

// gatedHistory holds Entries until release is closed, so a test can see
// the screen while the history loads.
type gatedHistory struct {
	HistoryStore
	release chan struct{}
}

func (g gatedHistory) Entries(ctx context.Context) ([]history.Entry, error) {
	<-g.release
	return g.HistoryStore.Entries(ctx)
}

// TestHistoryLoadsInBackground: NewSupervisor returns before the history
// is read (the store call runs off the UI goroutine) and says so; the rows
// appear once the load is done.
func TestHistoryLoadsInBackground(t *testing.T) {
	h := newHistHarness(t)
	g := gatedHistory{HistoryStore: historyDB{h.store}, release: make(chan struct{})}
	s := NewSupervisor(context.Background(), h.win, SupervisorConfig{Store: g})
	h.win.SetContent(s.Content())
	done := s.Reload()
	if got := s.count.Text; got != "Loading history…" || len(s.Rows()) != 0 {
		t.Errorf("before the load: count %q, %d rows; want \"Loading history…\" and none", got, len(s.Rows()))
	}
	close(g.release)
	<-done
	if got, want := s.count.Text, "5 of 5 decisions"; got != want || len(s.Rows()) != 5 {
		t.Errorf("after the load: count %q, %d rows; want %q", got, len(s.Rows()), want)
	}
}

// TestSupervisorHoldReviewDate: the supervisor's Hold asks for a review
// date with the moderator's control (a week ahead by default, future days
// only), and the decision keeps it.
func TestSupervisorHoldReviewDate(t *testing.T) {
	h := newHistHarness(t)
	e := h.s.esc
	h.s.tabs.SelectIndex(1)
	e.open(0)
	f := e.form
	if f.review.Visible() {
		t.Error("review date shown before Hold is chosen")
	}
	f.Action.SetSelected(moderation.Hold.Label())
	f.Reason.SetSelected(reasonText(moderation.ReasonsFor(moderation.Hold)[0]))
	test.Type(f.Note, "Waiting for the provider's reply.")
	if !f.review.Visible() {
		t.Fatal("review date hidden for Hold; want shown")
	}
	now := histT0.Add(10 * 24 * time.Hour)
	if got, want := f.ReviewOn.Text, now.AddDate(0, 0, 7).Format(time.DateOnly); got != want {
		t.Errorf("default review date = %q; want %q (a week ahead)", got, want)
	}
	tests := []struct{ text, problem string }{
		{"next week", "Give the review date as YYYY-MM-DD."},
		{now.AddDate(0, 0, -1).Format(time.DateOnly), "The review date must be in the future."},
		{"2026-12-24", ""},
	}
	for _, tt := range tests {
		f.ReviewOn.SetText(tt.text)
		if f.Problem.Text != tt.problem || f.Confirm.Disabled() != (tt.problem != "") {
			t.Errorf("review date %q: problem %q, confirm disabled %v; want %q", tt.text, f.Problem.Text, f.Confirm.Disabled(), tt.problem)
		}
	}
	test.Tap(f.Confirm)
	<-h.s.Loaded()
	ds, err := h.store.Decisions(context.Background(), "h1")
	if err != nil {
		t.Fatal(err)
	}
	var got moderation.Decision
	for _, d := range ds {
		if d.Supersedes == "e1" {
			got = d
		}
	}
	if got.Action != moderation.Hold || got.ReviewAt.Format(time.DateOnly) != "2026-12-24" {
		t.Errorf("supervisor decision = %s, review %v; want hold reviewed on 2026-12-24", got.Action, got.ReviewAt)
	}
	if !strings.Contains(h.s.message.Text, "Hold recorded") {
		t.Errorf("message after the reload = %q; want the decision confirmed", h.s.message.Text)
	}
	f.Action.SetSelected(moderation.Reject.Label())
	if f.review.Visible() {
		t.Error("review date still shown after switching away from Hold")
	}
}
