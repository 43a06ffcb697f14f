package main

import (
	"context"
	"log/slog"

	"fyne.io/fyne/v2"

	"github.com/storydesk/storydesk/moderation"
	"github.com/storydesk/storydesk/moderation/detect"
	"github.com/storydesk/storydesk/moderation/history"
	"github.com/storydesk/storydesk/moderation/sqlite"
	"github.com/storydesk/storydesk/moderation/training"
	"github.com/storydesk/storydesk/ui"
)

// historySource adapts the local store to the supervisor's screens: local
// decisions merged with the cached server history.
type historySource struct{ *sqlite.Store }

var _ ui.HistoryStore = historySource{}

// Entries returns every known decision with its story when stored here
// (the stories read in one batch).
func (s historySource) Entries(ctx context.Context) ([]history.Entry, error) {
	return loadHistory(ctx, s.Store, sqlite.HistoryFilter{})
}

// trainingRuns adapts the local store's training tables to training.Store:
// one row per run, one per case holding its score as JSON.
type trainingRuns struct{ *sqlite.Store }

var _ training.Store = trainingRuns{}

// SaveRun stores a run with its case scores, replacing an earlier save.
func (s trainingRuns) SaveRun(ctx context.Context, r training.Run) error {
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

// Runs returns trainee's runs ("" for all), oldest first.
func (s trainingRuns) Runs(ctx context.Context, trainee string) ([]training.Run, error) {
	trs, err := s.TrainingRuns(ctx, trainee)
	if err != nil {
		return nil, err
	}
	out := make([]training.Run, 0, len(trs))
	for _, tr := range trs {
		r := training.Run{ID: tr.ID, Trainee: tr.Trainee, Pack: tr.Pack, StartedAt: tr.StartedAt, FinishedAt: tr.FinishedAt}
		for _, c := range tr.Cases {
			sc, err := training.DecodeScore(c.Scores)
			if err != nil {
				return nil, moderation.Invalidf("scores", "training run %s, case %s: %v", tr.ID, c.CaseID, err)
			}
			r.Scores = append(r.Scores, sc)
		}
		out = append(out, r)
	}
	return out, nil
}

// openSupervisor opens the supervisor's window (history, escalations,
// figures) on the local store. ctx is the app's context.
func openSupervisor(ctx context.Context, a fyne.App, store *sqlite.Store, name string, log *slog.Logger) *ui.Supervisor {
	w := a.NewWindow("StoryDesk — supervisor")
	sup := ui.NewSupervisor(ctx, w, ui.SupervisorConfig{Store: historySource{store}, Supervisor: name, Logger: log})
	w.SetContent(sup.Content())
	w.Resize(fyne.NewSize(1280, 800))
	w.Show()
	sup.Reload() // off the UI goroutine; the screen says "Loading history…" meanwhile
	return sup
}

// openTrainer opens the trainer's window; sessions open windows of their
// own and never touch the live queue (their results go to store's
// training tables only).
func openTrainer(ctx context.Context, a fyne.App, store *sqlite.Store, log *slog.Logger) *ui.Trainer {
	w := a.NewWindow("StoryDesk — training")
	tr := ui.NewTrainer(ctx, w, ui.TrainingConfig{
		Runs: trainingRuns{store}, Detector: detect.New(), Logger: log,
		NewWindow: func(title string) fyne.Window {
			sw := a.NewWindow(title)
			sw.Resize(fyne.NewSize(1280, 800))
			return sw
		},
	})
	w.SetContent(tr.Content())
	w.Resize(fyne.NewSize(1000, 700))
	w.Show()
	return tr
}
