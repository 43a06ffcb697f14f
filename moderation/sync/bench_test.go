package storysync_test

import (
	"context"
	"fmt"
	"syscall"
	"testing"
	"time"

	"github.com/storydesk/storydesk/moderation"
)

const benchStories = 10000

// BenchmarkPull10k claims 10,000 stories (500 per request) from the real
// handler over httptest into a real local SQLite store. Target: < 5 s.
func BenchmarkPull10k(b *testing.B) {
	ctx := context.Background()
	var cpu time.Duration
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		e := newEnv(b, 24*time.Hour)
		e.ingest(b, benchStories, phoneBody)
		s, _, _ := e.moderator(b, fmt.Sprintf("mo%d", i))
		s.ClaimMax = 500
		cpu0 := cpuTime()
		b.StartTimer()
		total := 0
		for total < benchStories {
			n, err := s.Pull(ctx)
			if err != nil {
				b.Fatal(err)
			}
			if n == 0 {
				b.Fatalf("pulled %d, want %d", total, benchStories)
			}
			total += n
		}
		b.StopTimer()
		cpu += cpuTime() - cpu0
		b.StartTimer()
	}
	b.ReportMetric(cpu.Seconds()/float64(b.N), "cpu-s/op")
}

// BenchmarkPush10k pushes 10,000 local decisions with redactions (100 per
// request) to the real handler over httptest. Target: < 5 s.
func BenchmarkPush10k(b *testing.B) {
	ctx := context.Background()
	var cpu time.Duration
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		e := newEnv(b, 24*time.Hour)
		e.ingest(b, benchStories, phoneBody)
		s, ls, _ := e.moderator(b, fmt.Sprintf("mo%d", i))
		s.ClaimMax = 500
		for total := 0; total < benchStories; {
			n, err := s.Pull(ctx)
			if err != nil || n == 0 {
				b.Fatal(err)
			}
			total += n
		}
		ids := make([]moderation.StoryID, 0, benchStories)
		for id := range must(s.Leases(ctx)) {
			ids = append(ids, moderation.StoryID(id))
		}
		decideAll(b, ls, ids)
		cpu0 := cpuTime()
		b.StartTimer()
		rep, err := s.Push(ctx)
		if err != nil || rep.Accepted != benchStories {
			b.Fatalf("Push = %+v, %v; want %d accepted", rep, err, benchStories)
		}
		b.StopTimer()
		cpu += cpuTime() - cpu0
		b.StartTimer()
	}
	b.ReportMetric(cpu.Seconds()/float64(b.N), "cpu-s/op")
}

// cpuTime is the process's user+system CPU time so far: on a shared
// machine it shows the work done where wall time shows the queueing too.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}
