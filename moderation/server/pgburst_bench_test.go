package server

import (
	"bufio"
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// BenchmarkPGClaimBurst is a team starting at once, without the network:
// each op is a fresh server (no token known yet) over one PostgreSQL
// store, and 100 moderators whose first claims of 50 reach its handler in
// the same instant. It reports, per claim, the CPU this process spent
// (handler, pgx) and, when the database runs on this machine and its
// /proc is readable, the CPU of the database's processes: on a shared
// machine these show the work a claim costs where wall time shows the
// queueing too.
func BenchmarkPGClaimBurst(b *testing.B) {
	ctx := context.Background()
	s := openTestPG(b)
	defer s.Close()
	const mods, claim = 100, 50
	db := newDBCPU(ctx, s)
	var cpu, dbCPU time.Duration
	var claims int
	b.ResetTimer()
	for i := range b.N {
		b.StopTimer()
		if _, err := s.AddStories(ctx, testStories(fmt.Sprintf("b%d-", i), mods*claim)); err != nil {
			b.Fatal(err)
		}
		tokens := make([]string, mods)
		for m := range tokens {
			tok, err := NewToken()
			if err != nil {
				b.Fatal(err)
			}
			if err := s.AddUser(ctx, User{Name: fmt.Sprintf("m%d-%d", i, m), Role: RoleModerator}, HashToken(tok)); err != nil {
				b.Fatal(err)
			}
			tokens[m] = tok
		}
		h := New(s, Options{})
		var start, wg sync.WaitGroup
		start.Add(1)
		codes := make([]int, mods)
		for m := range mods {
			wg.Add(1)
			go func() {
				defer wg.Done()
				body := fmt.Sprintf(`{"max":%d,"request_id":"r%d-%d"}`, claim, i, m)
				r := httptest.NewRequest(http.MethodPost, "/api/v1/claims", strings.NewReader(body))
				r.Header.Set("Authorization", "Bearer "+tokens[m])
				w := httptest.NewRecorder()
				start.Wait()
				h.ServeHTTP(w, r)
				codes[m] = w.Code
			}()
		}
		cpu0, db0 := cpuTime(), db.now()
		b.StartTimer()
		start.Done()
		wg.Wait()
		b.StopTimer()
		cpu += cpuTime() - cpu0
		dbCPU += db.now() - db0
		for m, c := range codes {
			if c != http.StatusOK {
				b.Fatalf("claim of moderator %d: got %d, want 200", m, c)
			}
		}
		claims += mods
		b.StartTimer()
	}
	b.ReportMetric(float64(cpu.Microseconds())/float64(claims), "cpu-us/claim")
	if db.ok() {
		b.ReportMetric(float64(dbCPU.Microseconds())/float64(claims), "db-cpu-us/claim")
	}
}

// dbCPU reads the CPU time of a PostgreSQL cluster's processes (the
// postmaster and its children) from /proc, when the cluster runs on this
// machine and this process may read its data directory.
type dbCPU struct{ postmaster string }

func newDBCPU(ctx context.Context, s *PGStore) dbCPU {
	var dir string
	if err := s.pool.QueryRow(ctx, `SHOW data_directory`).Scan(&dir); err != nil {
		return dbCPU{}
	}
	f, err := os.Open(filepath.Join(dir, "postmaster.pid"))
	if err != nil {
		return dbCPU{}
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	if !sc.Scan() {
		return dbCPU{}
	}
	return dbCPU{postmaster: strings.TrimSpace(sc.Text())}
}

func (d dbCPU) ok() bool { return d.postmaster != "" }

// now sums the time on CPU (/proc/PID/schedstat, nanoseconds) of the
// postmaster and its current children.
func (d dbCPU) now() time.Duration {
	if !d.ok() {
		return 0
	}
	pids := []string{d.postmaster}
	if kids, err := os.ReadFile(filepath.Join("/proc", d.postmaster, "task", d.postmaster, "children")); err == nil {
		pids = append(pids, strings.Fields(string(kids))...)
	}
	var sum time.Duration
	for _, p := range pids {
		st, err := os.ReadFile(filepath.Join("/proc", p, "schedstat"))
		if err != nil {
			continue
		}
		if f := strings.Fields(string(st)); len(f) > 0 {
			if ns, err := strconv.ParseInt(f[0], 10, 64); err == nil {
				sum += time.Duration(ns)
			}
		}
	}
	return sum
}
