package ui

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"log/slog"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"github.com/storydesk/storydesk/assets"
	"github.com/storydesk/storydesk/moderation"
	"github.com/storydesk/storydesk/moderation/training"
)

// TrainingConfig is everything the trainer's screens need.
type TrainingConfig struct {
	// Runs keeps results per trainee and pack (cmd adapts *sqlite.Store;
	// training.MemoryStore works too). It never touches the live queue.
	Runs training.Store
	// Detector draws highlights on training stories; nil shows none.
	Detector moderation.Detector
	// NewWindow opens a window for a training session (app.NewWindow).
	NewWindow func(title string) fyne.Window
	Now       func() time.Time // nil means time.Now
	NewID     func() string    // run ids; nil means random UUIDs
	Logger    *slog.Logger     // nil discards
	Timeout   time.Duration    // per store call; 0 means 10 s
	// Save, if set, replaces the file dialog for CSV export.
	Save func(name string, write func(io.Writer) error) error
}

// Trainer is the trainer's screen: pick a pack (embedded or imported) and
// a trainee, start a session in its own window, and review every trainee's
// results over time.
type Trainer struct {
	win fyne.Window
	ctx context.Context
	cfg TrainingConfig
	log *slog.Logger

	packs    []*training.Pack
	PackList *widget.Select
	Trainee  *widget.Entry
	StartBtn *widget.Button
	Message  *widget.Label
	Info     *widget.Label

	runs        []training.Run
	Filter      *widget.Select // trainee filter of the results table
	Results     *widget.Table
	resultsRows []training.Run

	// Sessions are the sessions started, newest last.
	Sessions []*TrainingSession
	content  fyne.CanvasObject
}

// NewTrainer builds the trainer's screen with the embedded packs loaded.
// win hosts its dialogs; ctx bounds store calls.
func NewTrainer(ctx context.Context, win fyne.Window, cfg TrainingConfig) *Trainer {
	log := fillDefaults(&cfg.Now, &cfg.NewID, &cfg.Timeout, cfg.Logger)
	if cfg.Runs == nil {
		cfg.Runs = &training.MemoryStore{}
	}
	t := &Trainer{win: win, ctx: ctx, cfg: cfg, log: log}
	for _, name := range assets.TrainingPacks() {
		b, err := assets.TrainingPack(name)
		if err == nil {
			var p *training.Pack
			if p, err = training.ParsePack(name, bytes.NewReader(b)); err == nil {
				t.packs = append(t.packs, p)
				continue
			}
		}
		log.Error("embedded training pack", "pack", name, "code", moderation.ErrorCode(err), "err", err)
	}
	t.build()
	t.ReloadResults()
	return t
}

// Content is the trainer's screen.
func (t *Trainer) Content() fyne.CanvasObject { return t.content }

func (t *Trainer) build() {
	t.Message = wrapLabel()
	t.Info = wrapLabel()
	t.PackList = widget.NewSelect(nil, func(string) { t.showPack() })
	t.Trainee = widget.NewEntry()
	t.Trainee.PlaceHolder = "Trainee's name"
	t.Trainee.OnChanged = func(string) { t.checkStart() }
	t.StartBtn = widget.NewButton("Start training session", func() { t.Start() })
	t.StartBtn.Importance = widget.HighImportance
	importBtn := widget.NewButton("Import pack…", t.openImport)
	t.refreshPacks("")
	form := widget.NewForm(
		widget.NewFormItem("Pack", container.NewBorder(nil, nil, nil, importBtn, t.PackList)),
		widget.NewFormItem("Trainee", t.Trainee))
	help := widget.NewLabel("A session opens the normal review screen in a separate, clearly marked training window. " +
		"Decisions there are scored against the pack's gold answers and never reach the live queue or the outbox. " +
		"Packs are JSONL files in the stories-dev format (one story per line with gold spans and the expected decision).")
	help.Wrapping = fyne.TextWrapWord
	train := container.NewVBox(form, t.Info, container.NewHBox(t.StartBtn), t.Message, widget.NewSeparator(), help)

	t.Filter = widget.NewSelect([]string{anyOption}, func(string) { t.refilter() })
	t.Filter.SetSelected(anyOption)
	t.Results = widget.NewTableWithHeaders(
		func() (int, int) { return len(t.resultsRows), len(resultHeaders) },
		func() fyne.CanvasObject { return widget.NewLabel("template") },
		func(id widget.TableCellID, o fyne.CanvasObject) {
			if id.Row < len(t.resultsRows) {
				o.(*widget.Label).SetText(resultCell(t.resultsRows[id.Row], id.Col))
			}
		})
	t.Results.ShowHeaderColumn = false
	t.Results.UpdateHeader = func(id widget.TableCellID, o fyne.CanvasObject) {
		if id.Col >= 0 && id.Col < len(resultHeaders) {
			o.(*widget.Label).SetText(resultHeaders[id.Col])
		}
	}
	for i, w := range []float32{120, 130, 140, 60, 80, 90, 100, 110} {
		t.Results.SetColumnWidth(i, w)
	}
	t.Results.OnSelected = func(id widget.TableCellID) {
		if id.Row >= 0 && id.Row < len(t.resultsRows) {
			t.ShowRun(id.Row)
		}
		t.Results.UnselectAll()
	}
	export := widget.NewButton("Export CSV…", func() { t.export() })
	results := container.NewBorder(
		container.NewBorder(nil, nil, container.NewHBox(widget.NewLabel("Trainee"), t.Filter), export),
		nil, nil, nil, t.Results)
	t.content = container.NewAppTabs(
		container.NewTabItem("Train", container.NewPadded(train)),
		container.NewTabItem("Results", results))
}

var resultHeaders = []string{"Trainee", "Pack", "Date", "Cases", "Recall", "Precision", "Agreement", "Median time"}

func resultCell(r training.Run, col int) string {
	s := r.Summary()
	switch col {
	case 0:
		return r.Trainee
	case 1:
		return r.Pack
	case 2:
		return r.StartedAt.Local().Format("2006-01-02 15:04")
	case 3:
		return fmt.Sprint(s.Cases)
	case 4:
		return pct(s.Recall)
	case 5:
		return pct(s.Precision)
	case 6:
		return pct(s.Agreement)
	case 7:
		return roundDur(s.MedianTook)
	}
	return ""
}

func (t *Trainer) refreshPacks(selected string) {
	var names []string
	for _, p := range t.packs {
		names = append(names, fmt.Sprintf("%s (%d cases)", p.Name, len(p.Cases)))
	}
	t.PackList.Options = names
	i := slices.IndexFunc(t.packs, func(p *training.Pack) bool { return p.Name == selected })
	if i < 0 && len(names) > 0 {
		i = 0
	}
	if i >= 0 {
		t.PackList.SetSelected(names[i])
	}
	t.PackList.Refresh()
	t.checkStart()
}

func (t *Trainer) pack() *training.Pack {
	i := t.PackList.SelectedIndex()
	if i < 0 || i >= len(t.packs) {
		return nil
	}
	return t.packs[i]
}

func (t *Trainer) showPack() {
	p := t.pack()
	if p == nil || t.Info == nil {
		return
	}
	counts := map[moderation.Action]int{}
	for _, c := range p.Cases {
		counts[c.Decision]++
	}
	var parts []string
	for _, a := range moderation.Actions {
		if counts[a] > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", counts[a], strings.ToLower(a.Label())))
		}
	}
	t.Info.SetText(fmt.Sprintf("%s: %d cases — %s.", p.Name, len(p.Cases), strings.Join(parts, ", ")))
	t.checkStart()
}

func (t *Trainer) checkStart() {
	if t.StartBtn == nil {
		return
	}
	if t.pack() != nil && strings.TrimSpace(t.Trainee.Text) != "" {
		t.StartBtn.Enable()
	} else {
		t.StartBtn.Disable()
	}
}

// ImportPack validates a pack file and adds it to the list (replacing a
// pack of the same name). The error names the line and field.
func (t *Trainer) ImportPack(name string, r io.Reader) error {
	name = filepath.Base(name)
	p, err := training.ParsePack(name, r)
	if err != nil {
		t.Message.Importance = widget.DangerImportance
		t.Message.SetText("Pack not imported: " + err.Error())
		return err
	}
	t.packs = slices.DeleteFunc(t.packs, func(q *training.Pack) bool { return q.Name == name })
	t.packs = append(t.packs, p)
	t.refreshPacks(name)
	t.Message.Importance = widget.SuccessImportance
	t.Message.SetText(fmt.Sprintf("Imported %s: %d cases.", name, len(p.Cases)))
	return nil
}

func (t *Trainer) openImport() {
	d := dialog.NewFileOpen(func(rc fyne.URIReadCloser, err error) {
		if err != nil {
			t.Message.SetText("Pack not imported: " + err.Error())
			return
		}
		if rc == nil {
			return
		}
		defer rc.Close()
		_ = t.ImportPack(rc.URI().Name(), rc) // the message shows the error
	}, t.win)
	d.Show()
}

// Start opens a training session for the trainee on the selected pack.
func (t *Trainer) Start() *TrainingSession {
	p := t.pack()
	if p == nil {
		t.Message.SetText("Choose a pack.")
		return nil
	}
	ts, err := t.start(t.Trainee.Text, p)
	if err != nil {
		t.Message.Importance = widget.DangerImportance
		t.Message.SetText("Session not started: " + err.Error())
		return nil
	}
	t.Sessions = append(t.Sessions, ts)
	t.Message.Importance = widget.MediumImportance
	t.Message.SetText(fmt.Sprintf("Session started for %s on %s.", ts.Session().Run().Trainee, p.Name))
	return ts
}

func (t *Trainer) save(run training.Run) error {
	ctx, cancel := context.WithTimeout(t.ctx, t.cfg.Timeout)
	defer cancel()
	if err := t.cfg.Runs.SaveRun(ctx, run); err != nil {
		t.log.Error("save training run", "run", run.ID, "code", moderation.ErrorCode(err), "err", err)
		return err
	}
	t.log.Info("training run saved", "run", run.ID, "cases", len(run.Scores))
	t.ReloadResults()
	return nil
}

// ReloadResults reads every trainee's runs again.
func (t *Trainer) ReloadResults() {
	ctx, cancel := context.WithTimeout(t.ctx, t.cfg.Timeout)
	defer cancel()
	runs, err := t.cfg.Runs.Runs(ctx, "")
	if err != nil {
		t.Message.SetText("Results not loaded: " + err.Error())
		return
	}
	t.runs = runs
	opts := []string{anyOption}
	for _, r := range runs {
		if !slices.Contains(opts, r.Trainee) {
			opts = append(opts, r.Trainee)
		}
	}
	t.Filter.Options = opts
	t.Filter.Refresh()
	t.refilter()
}

func (t *Trainer) refilter() {
	if t.Results == nil {
		return
	}
	t.resultsRows = nil
	for _, r := range t.runs {
		if t.Filter.Selected == anyOption || t.Filter.Selected == "" || r.Trainee == t.Filter.Selected {
			t.resultsRows = append(t.resultsRows, r)
		}
	}
	training.SortRuns(t.resultsRows)
	t.Results.Refresh()
}

// ShowRun opens row i's run: totals, one line per case, and each case's
// misses on its text when the pack is loaded.
func (t *Trainer) ShowRun(i int) *ScoreCard {
	if i < 0 || i >= len(t.resultsRows) {
		return nil
	}
	run := t.resultsRows[i]
	var pack *training.Pack
	for _, p := range t.packs {
		if p.Name == run.Pack {
			pack = p
		}
	}
	card := NewRunScoreCard(run, pack)
	d := dialog.NewCustom("Training run", "Close", card.Content(), t.win)
	d.Resize(fyne.NewSize(min(1000, t.win.Canvas().Size().Width-40), min(680, t.win.Canvas().Size().Height-40)))
	d.Show()
	return card
}

// ResultRows returns the results table's runs as shown.
func (t *Trainer) ResultRows() []training.Run { return slices.Clone(t.resultsRows) }

func (t *Trainer) export() {
	write := func(w io.Writer) error { return training.WriteRunsCSV(w, t.resultsRows) }
	done := func(err error) {
		if err != nil {
			t.Message.SetText("Export failed: " + err.Error())
		} else {
			t.Message.SetText("Results exported.")
		}
	}
	if t.cfg.Save != nil {
		done(t.cfg.Save("training-results.csv", write))
		return
	}
	saveDialog(t.win, "training-results.csv", write, done)
}
