package ui

import (
	"bytes"
	"context"
	"encoding/csv"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/storydesk/storydesk/moderation"
	"github.com/storydesk/storydesk/moderation/detect"
	"github.com/storydesk/storydesk/moderation/sqlite"
	"github.com/storydesk/storydesk/moderation/training"
)

// sqliteRuns adapts the real store's training tables to training.Store, as
// cmd/storydesk does: one row per run, one per case with its score as JSON.
type sqliteRuns struct{ *sqlite.Store }

func (s sqliteRuns) SaveRun(ctx context.Context, r training.Run) error {
	tr := sqlite.TrainingRun{ID: r.ID, Trainee: r.Trainee, Pack: r.Pack, StartedAt: r.StartedAt, FinishedAt: r.FinishedAt}
	for _, sc := range r.Scores {
		b, err := training.EncodeScore(sc)
		if err != nil {
			return err
		}
		tr.Cases = append(tr.Cases, sqlite.TrainingCase{CaseID: string(sc.CaseID), Scores: b})
	}
	return s.SaveTrainingRun(ctx, tr)
}

func (s sqliteRuns) Runs(ctx context.Context, trainee string) ([]training.Run, error) {
	trs, err := s.TrainingRuns(ctx, trainee)
	if err != nil {
		return nil, err
	}
	var out []training.Run
	for _, tr := range trs {
		r := training.Run{ID: tr.ID, Trainee: tr.Trainee, Pack: tr.Pack, StartedAt: tr.StartedAt, FinishedAt: tr.FinishedAt}
		for _, c := range tr.Cases {
			sc, err := training.DecodeScore(c.Scores)
			if err != nil {
				return nil, err
			}
			r.Scores = append(r.Scores, sc)
		}
		out = append(out, r)
	}
	return out, nil
}

// wordDetector flags fixed words, like a rule engine that knows only them.
type wordDetector map[string]moderation.Kind

func (d wordDetector) Detect(text string) []moderation.Span {
	var out []moderation.Span
	for w, k := range d {
		if i := strings.Index(text, w); i >= 0 {
			out = append(out, moderation.Span{Start: i, End: i + len(w), Kind: k, Confidence: 0.9,
				Source: moderation.SourceRule, Reason: "test rule", Redact: moderation.DefaultRedact(k)})
		}
	}
	sortSpans(out)
	return out
}

// trainPack: case 1 has a name and a phone number (gold: redact both);
// case 2 is a clean story to publish. Offsets are code points.
const trainPack = `{"id":"k1","title":"Helpful pharmacist","body":"Priya at the pharmacy sorted my prescription. Call me on 07700 900184.","expected_decision":"publish_with_changes","reason":"personal_details","spans":[{"start":0,"end":5,"kind":"PERSON","text":"Priya"},{"start":57,"end":69,"kind":"PHONE","text":"07700 900184"}],"notes":"Both the name and the phone number identify people."}
{"id":"k2","title":"Quick flu jab","body":"In and out in five minutes, thank you.","expected_decision":"publish","spans":[]}
`

type trainHarness struct {
	t     *testing.T
	live  *sqlite.Store
	tr    *Trainer
	win   fyne.Window
	clock time.Time
	saved map[string]string
}

func newTrainHarness(t *testing.T) *trainHarness {
	t.Helper()
	app := test.NewTempApp(t)
	ctx := context.Background()
	live, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "live.db"), sqlite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { live.Close() })
	// the live queue holds a pending story that training must not touch
	if err := live.AddStories(ctx, []moderation.Story{{ID: "live1", Title: "Live story", Body: "A live story about Priya."}}); err != nil {
		t.Fatal(err)
	}
	h := &trainHarness{t: t, live: live, clock: time.Date(2026, 11, 20, 10, 0, 0, 0, time.UTC), saved: map[string]string{}}
	h.win = test.NewTempWindow(t, widget.NewLabel(""))
	ids := 0
	h.tr = NewTrainer(ctx, h.win, TrainingConfig{
		Runs:     sqliteRuns{live},
		Detector: wordDetector{"07700 900184": moderation.Phone},
		NewWindow: func(title string) fyne.Window {
			w := app.NewWindow(title)
			w.Resize(fyne.NewSize(1280, 800))
			t.Cleanup(w.Close)
			return w
		},
		Now:   func() time.Time { return h.clock },
		NewID: func() string { ids++; return fmt.Sprintf("id-%d", ids) },
		Save: func(name string, write func(io.Writer) error) error {
			var b bytes.Buffer
			err := write(&b)
			h.saved[name] = b.String()
			return err
		},
	})
	h.win.SetContent(h.tr.Content())
	h.win.Resize(fyne.NewSize(900, 600))
	if err := h.tr.ImportPack("/some/dir/mine.jsonl", strings.NewReader(trainPack)); err != nil {
		t.Fatal(err)
	}
	return h
}

func (h *trainHarness) start(trainee string) *TrainingSession {
	h.t.Helper()
	h.tr.Trainee.SetText(trainee)
	if h.tr.StartBtn.Disabled() {
		h.t.Fatal("start disabled with a pack and a trainee")
	}
	test.Tap(h.tr.StartBtn)
	if len(h.tr.Sessions) == 0 {
		h.t.Fatalf("no session started: %s", h.tr.Message.Text)
	}
	return h.tr.Sessions[len(h.tr.Sessions)-1]
}

func TestTrainingPacksLoaded(t *testing.T) {
	h := newTrainHarness(t)
	if got := h.tr.PackList.Options; len(got) < 2 || !strings.HasPrefix(got[0], "basics.jsonl (22 cases)") {
		t.Errorf("packs = %q; want the embedded basics.jsonl (22 cases) and the imported one", got)
	}
	if got := h.tr.PackList.Selected; got != "mine.jsonl (2 cases)" {
		t.Errorf("selected pack = %q; want the imported mine.jsonl", got)
	}
	h.tr.Trainee.SetText("")
	if !h.tr.StartBtn.Disabled() {
		t.Error("start enabled without a trainee")
	}
}

func TestTrainingImportErrors(t *testing.T) {
	h := newTrainHarness(t)
	tests := []struct{ name, in, want string }{
		{"bad kind", `{"id":"x","body":"Hi Bob","expected_decision":"publish","spans":[{"start":3,"end":6,"kind":"NAME"}]}`,
			`bad.jsonl:1: spans[0].kind: "NAME" is not a known kind`},
		{"second line", trainPack[:strings.Index(trainPack, "\n")+1] + `{"id":"k2","body":"x","expected_decision":"maybe"}`,
			`bad.jsonl:2: expected_decision: "maybe" is not one of`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := h.tr.ImportPack("bad.jsonl", strings.NewReader(tt.in))
			if err == nil || !strings.Contains(h.tr.Message.Text, tt.want) {
				t.Errorf("message = %q (err %v); want it to contain %q", h.tr.Message.Text, err, tt.want)
			}
		})
	}
	if n := len(h.tr.PackList.Options); n != 2 {
		t.Errorf("packs after failed imports = %d; want 2", n)
	}
}

func TestTrainingCaseScore(t *testing.T) {
	h := newTrainHarness(t)
	ts := h.start("amira")
	w := ts.Review()
	if w.Current() != "k1" {
		t.Fatalf("open case = %q; want k1", w.Current())
	}
	if !strings.Contains(ts.Banner.Text, "TRAINING MODE") {
		t.Errorf("banner = %q", ts.Banner.Text)
	}
	// the detector found the phone number only; the trainee approves with it
	h.clock = h.clock.Add(95 * time.Second)
	w.Approve()
	sc := ts.Score
	if sc == nil {
		t.Fatal("no score card after the first case")
	}
	if got, want := sc.Figures.Text, "Redaction recall 50% (1 of 2 found) · precision 100% (1 of 1 needed) · time 1m35s"; got != want {
		t.Errorf("figures = %q; want %q", got, want)
	}
	if !strings.HasPrefix(sc.Decision.Text, "Decision ✓ Approve with redactions") {
		t.Errorf("decision line = %q", sc.Decision.Text)
	}
	var text strings.Builder
	for _, s := range sc.Text.Segments {
		text.WriteString(s.Textual())
	}
	if !strings.Contains(text.String(), "Priya ⟨missed: Name⟩") {
		t.Errorf("score text = %q; want the missed name marked", text.String())
	}
	if ts.Progress.Text != "Training: case 2 of 2" {
		t.Errorf("progress = %q", ts.Progress.Text)
	}
	// case 2: the trainee wrongly rejects a clean story
	if w.Current() != "k2" {
		t.Fatalf("open case = %q; want k2", w.Current())
	}
	h.clock = h.clock.Add(30 * time.Second)
	if !w.Decide(moderation.Reject, moderation.ReasonNotSpecificCare, "", time.Time{}) {
		t.Fatalf("reject not recorded: %s", w.StatusBar().Message())
	}
	if ts.Final == nil || !ts.Saved() {
		t.Fatalf("run not finished and saved (final %v)", ts.Final)
	}
	if got, want := ts.Final.Decision.Text, "Decisions agreeing with gold: 1 of 2 (50%) · median time per case 1m3s · total 2m5s"; got != want {
		t.Errorf("summary = %q; want %q", got, want)
	}
	if !strings.Contains(ts.Score.Decision.Text, "✗ you chose Reject (not specific care); the gold decision is Approve.") {
		t.Errorf("case 2 decision = %q", ts.Score.Decision.Text)
	}
	// the trainer's results table has the run
	rows := h.tr.ResultRows()
	if len(rows) != 1 || rows[0].Trainee != "amira" || rows[0].Pack != "mine.jsonl" || len(rows[0].Scores) != 2 {
		t.Fatalf("results = %+v; want amira's run of mine.jsonl with 2 cases", rows)
	}
	if got := resultCell(rows[0], 4) + " " + resultCell(rows[0], 5) + " " + resultCell(rows[0], 6); got != "50% 100% 50%" {
		t.Errorf("recall precision agreement = %q; want 50%% 100%% 50%%", got)
	}
	// the trainer opens the run and picks case 1: its misses on the text
	card := h.tr.ShowRun(0)
	card.CaseList.Select(0)
	if card.Selected == nil {
		t.Fatal("no case card after picking case 1")
	}
	var marked strings.Builder
	for _, s := range card.Selected.Text.Segments {
		marked.WriteString(s.Textual())
	}
	if !strings.Contains(marked.String(), "Priya ⟨missed: Name⟩") {
		t.Errorf("case 1 text from the results = %q; want the missed name marked", marked.String())
	}
}

func TestTrainingWritesNothingLive(t *testing.T) {
	h := newTrainHarness(t)
	ctx := context.Background()
	ts := h.start("ben")
	w := ts.Review()
	w.Approve()
	w.Approve()
	if !ts.Saved() {
		t.Fatal("run not saved")
	}
	if out, err := h.live.Outbox(ctx, 0); err != nil || len(out) != 0 {
		t.Errorf("outbox = %d entries (err %v); want none", len(out), err)
	}
	if ds, err := h.live.History(ctx, sqlite.HistoryFilter{}); err != nil || len(ds) != 0 {
		t.Errorf("live decisions = %d (err %v); want none", len(ds), err)
	}
	if st, err := h.live.Story(ctx, "live1"); err != nil || st.Status != moderation.StatusPending {
		t.Errorf("live story = %+v (err %v); want still pending", st, err)
	}
	if _, err := h.live.Story(ctx, "k1"); moderation.ErrorCode(err) != moderation.ENOTFOUND {
		t.Errorf("training case stored in the live DB: err = %v; want ENOTFOUND", err)
	}
	runs, err := h.live.TrainingRuns(ctx, "ben")
	if err != nil || len(runs) != 1 || len(runs[0].Cases) != 2 {
		t.Errorf("training runs = %+v (err %v); want one run with 2 cases", runs, err)
	}
	// undo is not offered in training
	w.Undo()
	if !strings.Contains(w.StatusBar().Message(), "Nothing to undo") {
		t.Errorf("undo message = %q", w.StatusBar().Message())
	}
}

func TestTrainingHighlightsHidden(t *testing.T) {
	h := newTrainHarness(t)
	ts := h.start("cara")
	if n := len(ts.Review().view.Spans()); n != 1 {
		t.Fatalf("spans shown = %d; want the detector's 1", n)
	}
	ts.Show.SetChecked(false)
	if n := len(ts.Review().view.Spans()); n != 0 {
		t.Errorf("spans shown with highlights hidden = %d; want 0", n)
	}
	ts.Review().Approve()
	if sc := ts.Score; sc == nil || sc.Figures.Text[:len("Redaction recall 0%")] != "Redaction recall 0%" || ts.Score.Decision.Text[:len("Decision ✗")] != "Decision ✗" {
		t.Errorf("score without highlights: %+v", sc)
	}
	ts.Show.SetChecked(true)
	if n := len(ts.Review().view.Spans()); n != 0 {
		t.Errorf("case 2 spans = %d; want none (clean story)", n)
	}
}

func TestTrainingResultsExport(t *testing.T) {
	h := newTrainHarness(t)
	for _, who := range []string{"dev", "amy", "dev"} {
		ts := h.start(who)
		ts.Review().Approve()
		ts.Review().Approve()
		h.clock = h.clock.Add(24 * time.Hour)
	}
	if n := len(h.tr.ResultRows()); n != 3 {
		t.Fatalf("results = %d rows; want 3", n)
	}
	h.tr.Filter.SetSelected("dev")
	if n := len(h.tr.ResultRows()); n != 2 {
		t.Errorf("dev's results = %d rows; want 2", n)
	}
	h.tr.export()
	rows, err := csv.NewReader(strings.NewReader(h.saved["training-results.csv"])).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 3 || rows[1][0] != "dev" || rows[2][0] != "dev" || rows[1][3] >= rows[2][3] {
		t.Errorf("exported rows = %q; want the header and dev's two runs, oldest first", rows)
	}
}

// TestTrainingScreenshot writes docs/screenshot-training.png when
// STORYDESK_SCREENSHOTS names the docs directory.
func TestTrainingScreenshot(t *testing.T) {
	dir := os.Getenv("STORYDESK_SCREENSHOTS")
	if dir == "" {
		t.Skip("set STORYDESK_SCREENSHOTS=../docs to write screenshots")
	}
	h := newTrainHarness(t)
	h.tr.cfg.Detector = detect.New() // the real rules, on the embedded basics pack
	h.tr.PackList.SetSelectedIndex(0)
	ts := h.start("amira")
	h.clock = h.clock.Add(95 * time.Second)
	ts.Review().Approve()
	writePNG(t, ts.Window(), filepath.Join(dir, "screenshot-training.png"))
}

// TestTrainingNoUndo: training answers are final, so nothing in the window
// offers Undo — no button, no "Ctrl+Z" in the status bar or decision bar,
// and Ctrl+Z changes nothing.
func TestTrainingNoUndo(t *testing.T) {
	h := newTrainHarness(t)
	ts := h.start("dev")
	w := ts.Review()
	if w.undo.Visible() {
		t.Error("Undo button visible in training; want hidden")
	}
	if !w.Decide(moderation.Reject, moderation.ReasonNotSpecificCare, "", time.Time{}) {
		t.Fatalf("reject not recorded: %s", w.StatusBar().Message())
	}
	if msg := w.StatusBar().Message(); strings.Contains(msg, "Ctrl+Z") {
		t.Errorf("status after an answer = %q; want no Ctrl+Z hint", msg)
	}
	w.SetTab(TabDone)
	if w.Current() == "" || strings.Contains(w.suggest.Text, "Ctrl+Z") {
		t.Errorf("decision bar on an answered case = %q (open %q); want it open and no Ctrl+Z hint", w.suggest.Text, w.Current())
	}
	answered := w.Current()
	w.StatusBar().SetMessage("")
	ts.Window().Canvas().(fyne.Shortcutable).TypedShortcut(&fyne.ShortcutUndo{})
	if w.tab != TabDone || w.Current() != answered || w.StatusBar().Message() != "" {
		t.Errorf("after Ctrl+Z: tab %v, open %q, message %q; want Done, %q and no message", w.tab, w.Current(), w.StatusBar().Message(), answered)
	}
}
