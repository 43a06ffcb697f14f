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
	"github.com/storydesk/storydesk/moderation/history"
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

// TestLoadHistoryBatch: the batch read gives exactly what the one-query-
// per-story loadHistory gives, filtered or not.
func TestLoadHistoryBatch(t *testing.T) {
	ctx := context.Background()
	st, err := sqlite.Open(ctx, exportFixture(t), sqlite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	for _, f := range []sqlite.HistoryFilter{{}, {Moderator: "amira"}, {Action: moderation.Reject}} {
		t.Run(fmt.Sprintf("%+v", f), func(t *testing.T) {
			want, err := loadHistory(ctx, st, f)
			if err != nil {
				t.Fatal(err)
			}
			got, err := loadHistoryBatch(ctx, st, f)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("got %+v; want %+v", got, want)
			}
		})
	}
	var stored, missing int
	es, _ := loadHistoryBatch(ctx, st, sqlite.HistoryFilter{})
	for _, e := range es {
		if e.Story != nil {
			stored++
		} else {
			missing++
		}
	}
	if stored == 0 || missing == 0 {
		t.Errorf("entries with a story %d, without %d; want the fixture to have both", stored, missing)
	}
}

// BenchmarkLoadHistoryBatch is BenchmarkLoadHistory (2,000 decisions on
// 2,000 local stories) with the stories read by StoriesByID, as the
// supervisor's screen now loads them.
func BenchmarkLoadHistoryBatch(b *testing.B) {
	ctx := context.Background()
	st, err := sqlite.Open(ctx, filepath.Join(b.TempDir(), "bench.db"), sqlite.Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	const n = 2000
	stories := make([]moderation.Story, n)
	for i := range stories {
		stories[i] = moderation.Story{ID: moderation.StoryID(fmt.Sprintf("s%04d", i)), Title: fmt.Sprintf("Story %d", i),
			Body: "Nurse Kelly was kind to me on the ward.", Service: "Riverside Hospital",
			Spans: []moderation.Span{{Start: 6, End: 11, Kind: moderation.Person, Source: moderation.SourceRule, Redact: true}}}
	}
	if err := st.AddStories(ctx, stories); err != nil {
		b.Fatal(err)
	}
	t0 := time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC)
	for i := range stories {
		d := moderation.Decision{ID: fmt.Sprintf("d%04d", i), StoryID: stories[i].ID, Action: moderation.Publish,
			Moderator: []string{"amira", "ben", "cara"}[i%3], DecidedAt: t0.Add(time.Duration(i) * time.Minute)}
		if err := st.Decide(ctx, d); err != nil {
			b.Fatal(err)
		}
	}
	b.ResetTimer()
	for b.Loop() {
		es, err := loadHistoryBatch(ctx, st, sqlite.HistoryFilter{})
		if err != nil || len(es) != n {
			b.Fatalf("loaded %d (err %v); want %d", len(es), err, n)
		}
		if got := len(history.Apply(es, history.Filter{Moderator: "ben", Kind: moderation.Person})); got != (n+1)/3 {
			b.Fatalf("filtered %d; want %d", got, (n+1)/3)
		}
	}
}
