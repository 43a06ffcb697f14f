package sqlite

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/storydesk/storydesk/moderation"
)

// wordDetector marks every occurrence of its words with their kinds: a
// small, predictable stand-in for detect.Engine (which has its own tests).
type wordDetector struct {
	words   map[string]moderation.Kind
	version string
	calls   int
}

func (d *wordDetector) Detect(text string) []moderation.Span {
	d.calls++
	var out []moderation.Span
	for w, k := range d.words {
		for at := 0; ; {
			i := strings.Index(text[at:], w)
			if i < 0 {
				break
			}
			out = append(out, moderation.Span{Start: at + i, End: at + i + len(w), Kind: k, Confidence: 0.9,
				Source: moderation.SourceRule, Reason: "test word", Redact: moderation.DefaultRedact(k)})
			at += i + len(w)
		}
	}
	return out
}

func (d *wordDetector) RulesVersion() string { return d.version }

func newDetector() *wordDetector {
	return &wordDetector{version: "v1", words: map[string]moderation.Kind{
		"Alice Jones":    moderation.Person,
		"hurt myself":    moderation.Safeguarding,
		"break his nose": moderation.Threat,
		"07700 900123":   moderation.Phone,
	}}
}

// clock is a test clock that ticks a second per reading.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(time.Second)
	return c.t
}

var t0 = time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)

func openTest(t testing.TB, opts Options) *Store {
	t.Helper()
	if opts.Now == nil {
		c := &clock{t: t0}
		opts.Now = c.now
	}
	if opts.Moderator == "" {
		opts.Moderator = "mod-a"
	}
	s, err := Open(context.Background(), filepath.Join(t.TempDir(), "profile", "storydesk.db"), opts)
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// story makes a synthetic pending story submitted hoursAgo before t0.
func story(id string, hoursAgo int, body string) moderation.Story {
	return moderation.Story{
		ID: moderation.StoryID(id), Title: "Visit " + id, Body: body, Service: "Riverside A&E",
		ServiceType: "a_and_e", SubmittedAt: t0.Add(-time.Duration(hoursAgo) * time.Hour), AuthorRole: "patient",
	}
}

func approve(id, story string) moderation.Decision {
	return moderation.Decision{ID: id, StoryID: moderation.StoryID(story), Action: moderation.Publish}
}

func ids(items []moderation.QueueItem) []string {
	out := make([]string, len(items))
	for i, it := range items {
		out[i] = string(it.ID)
	}
	return out
}

func mustAdd(t testing.TB, s *Store, stories ...moderation.Story) {
	t.Helper()
	if err := s.AddStories(context.Background(), stories); err != nil {
		t.Fatalf("AddStories: %v", err)
	}
}

func mustDecide(t testing.TB, s *Store, d moderation.Decision) {
	t.Helper()
	if err := s.Decide(context.Background(), d); err != nil {
		t.Fatalf("Decide(%s on %s): %v", d.Action, d.StoryID, err)
	}
}

func count(t testing.TB, s *Store, query string, args ...any) int {
	t.Helper()
	var n int
	if err := s.db.QueryRow(query, args...).Scan(&n); err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	return n
}

func wantCode(t testing.TB, err error, code string) {
	t.Helper()
	if got := moderation.ErrorCode(err); got != code {
		t.Fatalf("error code = %q (%v); want %q", got, err, code)
	}
}

func bodies(n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = fmt.Sprintf("Story %d: the staff on ward %d were kind and quick.", i, i%40)
	}
	return out
}
