package sqlite

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"github.com/storydesk/storydesk/moderation"
)

// synthetic makes n synthetic stories; every 50th is flagged for
// safeguarding by a span, the rest carry one name span, so that no
// detector is needed.
func synthetic(n int, prefix string) []moderation.Story {
	out := make([]moderation.Story, n)
	for i := range out {
		body := fmt.Sprintf("Story %d: Nurse Kim on ward %d was kind; the wait was %d hours.", i, i%40, i%9)
		sp := moderation.Span{Start: 9, End: 18, Kind: moderation.Person, Source: moderation.SourceRule, Redact: true, Confidence: 0.8}
		if i%50 == 0 {
			sp = moderation.Span{Start: 0, End: 5, Kind: moderation.Safeguarding, Source: moderation.SourceRule}
		}
		out[i] = moderation.Story{
			ID: moderation.StoryID(fmt.Sprintf("%s%06d", prefix, i)), Title: fmt.Sprintf("Visit %d", i), Body: body,
			Service: "Riverside A&E", ServiceType: "a_and_e", AuthorRole: "patient",
			SubmittedAt: t0.Add(-time.Duration((i*7919)%100000) * time.Minute),
			LeaseID:     "lease-1", LeaseExpiresAt: t0.Add(24 * time.Hour), Version: 1,
			Spans: []moderation.Span{sp},
		}
	}
	return out
}

func benchStore(b *testing.B, opts Options) *Store {
	b.Helper()
	s, err := Open(context.Background(), filepath.Join(b.TempDir(), "bench.db"), opts)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { s.Close() })
	return s
}

// BenchmarkQueue100k times the pending queue's first page on 100,000
// stories (issue 2 target: under 10 ms).
func BenchmarkQueue100k(b *testing.B) {
	ctx := context.Background()
	s := benchStore(b, Options{})
	start := time.Now()
	if err := s.AddStories(ctx, synthetic(100_000, "s")); err != nil {
		b.Fatal(err)
	}
	b.Logf("AddStories of 100,000 stories (one transaction): %v", time.Since(start).Round(time.Millisecond))
	// some decided stories, so the pending rows are not the whole table
	for i := 1; i <= 1000; i++ {
		if err := s.Decide(ctx, moderation.Decision{ID: fmt.Sprintf("d%d", i), StoryID: moderation.StoryID(fmt.Sprintf("s%06d", i*97)),
			Action: moderation.Reject, Reason: moderation.ReasonTooOld}); err != nil && moderation.ErrorCode(err) != moderation.EINVALID {
			b.Fatal(err)
		}
	}
	b.ResetTimer()
	for b.Loop() {
		items, err := s.Queue(ctx, QueueFilter{Tab: TabPending, Limit: 200})
		if err != nil || len(items) != 200 || !items[0].Safeguarding {
			b.Fatalf("Queue = %d items, %v", len(items), err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N)/1000, "ms/query")
}

// BenchmarkQueueDone100k times the Done tab's first page on 100,000
// stories of which 1,000 are decided.
func BenchmarkQueueDone100k(b *testing.B) {
	ctx := context.Background()
	s := benchStore(b, Options{})
	if err := s.AddStories(ctx, synthetic(100_000, "s")); err != nil {
		b.Fatal(err)
	}
	for i := 1; i <= 1000; i++ {
		if err := s.Decide(ctx, moderation.Decision{ID: fmt.Sprintf("d%d", i), StoryID: moderation.StoryID(fmt.Sprintf("s%06d", i*97)),
			Action: moderation.Escalate, Reason: moderation.ReasonComplex, Note: "n"}); err != nil {
			b.Fatal(err)
		}
	}
	b.ResetTimer()
	for b.Loop() {
		items, err := s.Queue(ctx, QueueFilter{Tab: TabDone, Limit: 200})
		if err != nil || len(items) != 200 {
			b.Fatalf("Queue = %d items, %v", len(items), err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N)/1000, "ms/query")
}

// BenchmarkSaveClaimed10k pulls 10,000 claimed stories into an empty store
// with the detector running on each (issue 4 target: under 5 s).
func BenchmarkSaveClaimed10k(b *testing.B) {
	ctx := context.Background()
	stories := synthetic(10_000, "c")
	for i := range stories {
		stories[i].Spans = nil // make the detector run
	}
	for b.Loop() {
		b.StopTimer()
		s := benchStore(b, Options{Detector: newDetector()})
		b.StartTimer()
		if err := s.SaveClaimed(ctx, stories); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Milliseconds())/float64(b.N), "ms/10k")
}

// BenchmarkDecideOutbox times one decision with its outbox row (one
// transaction, one fsync in WAL mode).
func BenchmarkDecideOutbox(b *testing.B) {
	ctx := context.Background()
	s := benchStore(b, Options{})
	stories := synthetic(b.N+1, "s")
	for i := range stories {
		stories[i].Spans = nil
	}
	if err := s.AddStories(ctx, stories); err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if err := s.Decide(ctx, approve(fmt.Sprintf("d%d", i), string(stories[i].ID))); err != nil {
			b.Fatal(err)
		}
	}
}
