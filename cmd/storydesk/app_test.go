package main

import (
	"bytes"
	"context"
	"errors"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/storydesk/storydesk/moderation"
	"github.com/storydesk/storydesk/moderation/sqlite"
	"github.com/storydesk/storydesk/ui"
)

func TestAppWithoutDisplay(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("a display is assumed off Linux")
	}
	t.Setenv("DISPLAY", "")
	t.Setenv("WAYLAND_DISPLAY", "")
	var out, errOut bytes.Buffer
	err := run(context.Background(), []string{"--db", filepath.Join(t.TempDir(), "x.db")}, &out, &errOut)
	if !errors.Is(err, errNoDisplay) {
		t.Fatalf("got error %v, want errNoDisplay", err)
	}
	for _, want := range []string{"make screenshot", "xvfb-run"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("message %q does not mention %q", err, want)
		}
	}
}

func TestHasDisplay(t *testing.T) {
	tests := []struct {
		env  map[string]string
		want bool
	}{
		{map[string]string{}, false},
		{map[string]string{"DISPLAY": ":0"}, true},
		{map[string]string{"WAYLAND_DISPLAY": "wayland-0"}, true},
	}
	if runtime.GOOS != "linux" {
		t.Skip("a display is assumed off Linux")
	}
	for _, tt := range tests {
		if got := hasDisplay(func(k string) string { return tt.env[k] }); got != tt.want {
			t.Errorf("hasDisplay(%v) = %v, want %v", tt.env, got, tt.want)
		}
	}
}

func TestAppFlagErrors(t *testing.T) {
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"--theme", "pink"}, "--theme"},
		{[]string{"--nope"}, "usage"},
	}
	for _, tt := range tests {
		var out, errOut bytes.Buffer
		err := run(context.Background(), tt.args, &out, &errOut)
		if err == nil || !strings.Contains(err.Error()+errOut.String(), tt.want) {
			t.Errorf("run(%q) = %v (stderr %q), want an error mentioning %q", tt.args, err, errOut.String(), tt.want)
		}
	}
}

func TestDemoReset(t *testing.T) {
	ctx := context.Background()
	db := filepath.Join(t.TempDir(), "demo.db")
	var out bytes.Buffer
	if err := run(ctx, []string{"demo", "--db", db}, &out, &out); err != nil {
		t.Fatalf("demo: %v", err)
	}
	if !strings.Contains(out.String(), "demo queue loaded") {
		t.Fatalf("first demo run printed %q, want the queue loaded", out.String())
	}
	st, err := sqlite.Open(ctx, db, sqlite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	c, _ := st.Counts(ctx)
	if c.Pending < 20 {
		t.Fatalf("pending %d after demo, want the demo queue", c.Pending)
	}
	items, _ := reviewStore{st}.List(ctx, ui.TabPending, "")
	err = st.Decide(ctx, moderation.Decision{ID: "d1", StoryID: items[len(items)-1].ID, Action: moderation.Reject,
		Reason: moderation.ReasonDuplicate, Moderator: "t"})
	st.Close()
	if err != nil {
		t.Fatal(err)
	}

	out.Reset()
	if err := run(ctx, []string{"demo", "--db", db}, &out, &out); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "already holds stories") || !strings.Contains(out.String(), "done 1") {
		t.Errorf("demo without --reset printed %q, want it to keep the decision", out.String())
	}
	out.Reset()
	if err := run(ctx, []string{"demo", "--reset", "--db", db}, &out, &out); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "done 0, escalated 0, held 0, unpushed 0") {
		t.Errorf("demo --reset printed %q, want everything pending again", out.String())
	}
}

func TestReviewStoreTabs(t *testing.T) {
	ctx := context.Background()
	st, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "t.db"), sqlite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if n, err := loadDemoIfEmpty(ctx, st); err != nil || n == 0 {
		t.Fatalf("loadDemoIfEmpty = %d, %v", n, err)
	}
	if n, _ := loadDemoIfEmpty(ctx, st); n != 0 {
		t.Errorf("second load added %d stories, want 0", n)
	}
	rs := reviewStore{st}
	items, _ := rs.List(ctx, ui.TabPending, "")
	if err := st.Decide(ctx, moderation.Decision{ID: "e1", StoryID: items[0].ID, Action: moderation.Escalate,
		Reason: moderation.ReasonComplex, Note: "n", Moderator: "t"}); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		tab  ui.Tab
		want int
	}{{ui.TabPending, len(items) - 1}, {ui.TabDone, 1}, {ui.TabEscalated, 1}} {
		got, err := rs.List(ctx, tt.tab, "")
		if err != nil || len(got) != tt.want {
			t.Errorf("List(%s) = %d items, %v; want %d", tt.tab.Label(), len(got), err, tt.want)
		}
	}
}
