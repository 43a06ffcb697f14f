package main

import (
	"context"
	"fmt"
	"path/filepath"
	"reflect"
	"slices"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"github.com/storydesk/storydesk/moderation"
	"github.com/storydesk/storydesk/moderation/sqlite"
	"github.com/storydesk/storydesk/moderation/training"
)

func TestTrainingRunsRoundTrip(t *testing.T) {
	ctx := context.Background()
	st, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "t.db"), sqlite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	t0 := time.Date(2026, 11, 20, 10, 0, 0, 0, time.UTC)
	run := training.Run{ID: "r1", Trainee: "amira", Pack: "basics.jsonl", StartedAt: t0, FinishedAt: t0.Add(time.Hour),
		Scores: []training.CaseScore{
			{CaseID: "tr-001", Gold: 2, Found: 1, Marked: 1, Correct: 1, Decision: moderation.Publish, Want: moderation.PublishWithChanges,
				Took: 90 * time.Second, Missed: []training.Range{{Start: 3, End: 9, Kind: moderation.Person}}},
			{CaseID: "tr-002", Decision: moderation.Publish, Want: moderation.Publish, Took: 30 * time.Second},
		}}
	rs := trainingRuns{st}
	if err := rs.SaveRun(ctx, run); err != nil {
		t.Fatal(err)
	}
	if err := rs.SaveRun(ctx, training.Run{ID: "r2", Trainee: "ben", Pack: "basics.jsonl", StartedAt: t0}); err != nil {
		t.Fatal(err)
	}
	got, err := rs.Runs(ctx, "amira")
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || got[0].ID != "r1" || !got[0].StartedAt.Equal(t0) || len(got[0].Scores) != 2 {
		t.Fatalf("Runs(amira) = %+v; want r1 with 2 scores", got)
	}
	if s := got[0].Summary(); s.Recall != 0.5 || s.Agreement != 0.5 || s.MedianTook != time.Minute {
		t.Errorf("summary after the round trip = %+v; want R 0.5, agreement 0.5, median 1m", s)
	}
	if !slices.Equal(got[0].Scores[0].Missed, run.Scores[0].Missed) {
		t.Errorf("missed = %v; want %v", got[0].Scores[0].Missed, run.Scores[0].Missed)
	}
	all, _ := rs.Runs(ctx, "")
	if len(all) != 2 {
		t.Errorf("Runs(all) = %d; want 2", len(all))
	}
}

func TestHistorySourceAndScreens(t *testing.T) {
	path := exportFixture(t)
	ctx := context.Background()
	st, err := sqlite.Open(ctx, path, sqlite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	es, err := historySource{st}.Entries(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(es) != 4 {
		t.Errorf("entries = %d; want 4 (3 local + 1 cached, d1 once)", len(es))
	}
	a := test.NewTempApp(t)
	sup := openSupervisor(ctx, a, st, "sam", nil)
	<-sup.Loaded()
	if n := len(sup.Rows()); n != 4 {
		t.Errorf("supervisor rows = %d; want 4", n)
	}
	tr := openTrainer(ctx, a, st, nil)
	if len(tr.PackList.Options) == 0 {
		t.Error("trainer has no packs")
	}
}

// TestLoadHistoryStories: each entry carries the story Story() returns for
// its decision (nil when it is not stored here), filtered or not.
func TestLoadHistoryStories(t *testing.T) {
	ctx := context.Background()
	st, err := sqlite.Open(ctx, exportFixture(t), sqlite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	var stored, missing int
	for _, f := range []sqlite.HistoryFilter{{}, {Moderator: "amira"}, {Action: moderation.Reject}} {
		t.Run(fmt.Sprintf("%+v", f), func(t *testing.T) {
			es, err := loadHistory(ctx, st, f)
			if err != nil {
				t.Fatal(err)
			}
			for _, e := range es {
				want, err := st.Story(ctx, e.Decision.StoryID)
				if moderation.ErrorCode(err) == moderation.ENOTFOUND {
					want, err = nil, nil
				}
				if err != nil {
					t.Fatal(err)
				}
				if !reflect.DeepEqual(e.Story, want) {
					t.Errorf("decision %s: story %+v; want %+v", e.Decision.ID, e.Story, want)
				}
				if want != nil {
					stored++
				} else {
					missing++
				}
			}
		})
	}
	if stored == 0 || missing == 0 {
		t.Errorf("entries with a story %d, without %d; want the fixture to have both", stored, missing)
	}
}
