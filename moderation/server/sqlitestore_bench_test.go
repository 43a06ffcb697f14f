package server

import (
	"context"
	"fmt"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/google/uuid"

	storysync "github.com/storydesk/storydesk/moderation/sync"
)

// BenchmarkSQLiteDecide10k applies 10,000 decisions with a redaction in
// batches of 100, as the decisions handler does (Bodies, then Decide),
// without HTTP: the server's SQLite share of BenchmarkPush10k.
func BenchmarkSQLiteDecide10k(b *testing.B) {
	ctx := context.Background()
	const n, batch = 10000, 100
	body := "Zoë rang 07700 900184 about Dad today. The nurse on the ward was kind and explained everything."
	mo := User{Name: "mo", Role: RoleModerator}
	var cpu time.Duration
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		s, err := OpenSQLite(ctx, filepath.Join(b.TempDir(), "server.db"))
		if err != nil {
			b.Fatal(err)
		}
		stories := make([]storysync.Story, n)
		for j := range stories {
			stories[j] = storysync.Story{ID: fmt.Sprintf("s%05d", j), Title: "A visit", Body: body}
		}
		if _, err := s.AddStories(ctx, stories); err != nil {
			b.Fatal(err)
		}
		claimed, err := s.Claim(ctx, "mo", n, time.Hour, t0)
		if err != nil || len(claimed) != n {
			b.Fatalf("claim: %d, %v", len(claimed), err)
		}
		ds := make([]storysync.Decision, n)
		for j, st := range claimed {
			ds[j] = storysync.Decision{ID: uuid.NewString(), StoryID: st.ID, LeaseID: st.LeaseID, StoryVersion: st.Version,
				Action: "publish_with_changes", Reason: "personal_details", DecidedAt: t0, PublishedTitle: st.Title,
				PublishedBody: "Zoë rang [phone number] about Dad today. The nurse on the ward was kind and explained everything.",
				Redactions:    []storysync.Redaction{{Start: 9, End: 21, Kind: "PHONE", Replacement: "[phone number]"}}}
		}
		cpu0 := cpuTime()
		b.StartTimer()
		for start := 0; start < n; start += batch {
			chunk := ds[start : start+batch]
			ids := make([]string, len(chunk))
			for k, d := range chunk {
				ids[k] = d.StoryID
			}
			if _, err := s.Bodies(ctx, ids); err != nil {
				b.Fatal(err)
			}
			res, err := s.Decide(ctx, mo, chunk, t0)
			if err != nil {
				b.Fatal(err)
			}
			for _, r := range res {
				if r.Status != storysync.ResultAccepted {
					b.Fatalf("decision %s: %s", r.ID, r.Status)
				}
			}
		}
		b.StopTimer()
		cpu += cpuTime() - cpu0
		if rep, err := s.VerifyChain(ctx); err != nil || rep.Checked != n || rep.BrokenID != "" {
			b.Fatalf("chain after the run: %+v, %v; want %d intact", rep, err, n)
		}
		s.Close()
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
