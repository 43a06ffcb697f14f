package sqlite

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"maps"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/storydesk/storydesk/moderation"
)

func TestDecideWritesDecisionAndOutboxTogether(t *testing.T) {
	ctx := context.Background()
	tests := []struct {
		name    string
		trigger string // makes one of Decide's writes fail
	}{
		{"outbox insert fails", `CREATE TRIGGER fail BEFORE INSERT ON outbox BEGIN SELECT RAISE(ABORT, 'outbox refused'); END`},
		{"story update fails", `CREATE TRIGGER fail BEFORE UPDATE ON stories BEGIN SELECT RAISE(ABORT, 'story refused'); END`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := openTest(t, Options{})
			mustAdd(t, s, story("s1", 1, "Kind nurses."))
			if _, err := s.db.Exec(tt.trigger); err != nil {
				t.Fatal(err)
			}
			if err := s.Decide(ctx, approve("d1", "s1")); err == nil {
				t.Fatal("Decide succeeded; want the forced failure")
			}
			if n := count(t, s, `SELECT count(*) FROM decisions`); n != 0 {
				t.Errorf("decisions = %d; want 0", n)
			}
			if n := count(t, s, `SELECT count(*) FROM outbox`); n != 0 {
				t.Errorf("outbox rows = %d; want 0", n)
			}
			if st, _ := s.Story(ctx, "s1"); st.Status != moderation.StatusPending {
				t.Errorf("status = %s; want pending", st.Status)
			}
			// once the obstacle is gone the same decision goes through whole
			s.db.Exec(`DROP TRIGGER fail`)
			mustDecide(t, s, approve("d1", "s1"))
			if n := count(t, s, `SELECT count(*) FROM decisions d JOIN outbox o ON o.decision_id = d.id WHERE o.state = 'pending'`); n != 1 {
				t.Errorf("decision+outbox pairs = %d; want 1", n)
			}
		})
	}
	t.Run("cancelled context", func(t *testing.T) {
		s := openTest(t, Options{})
		mustAdd(t, s, story("s1", 1, "Kind nurses."))
		cctx, cancel := context.WithCancel(ctx)
		cancel()
		if err := s.Decide(cctx, approve("d1", "s1")); err == nil {
			t.Fatal("Decide with a cancelled context succeeded")
		}
		if n := count(t, s, `SELECT count(*) FROM decisions`) + count(t, s, `SELECT count(*) FROM outbox`); n != 0 {
			t.Errorf("rows written = %d; want 0", n)
		}
	})
}

func TestDecide(t *testing.T) {
	ctx := context.Background()
	s := openTest(t, Options{Detector: newDetector()})
	mustAdd(t, s,
		story("plain", 5, "Kind nurses."),
		story("named", 4, "Ask for Alice Jones."),
		story("risk", 3, "I wanted to hurt myself."),
		story("done", 2, "Fine."),
	)
	mustDecide(t, s, approve("d-done", "done"))

	tests := []struct {
		name      string
		d         moderation.Decision
		code      string
		field     string
		wantState moderation.Status
	}{
		{"unknown story", approve("x1", "nope"), moderation.ENOTFOUND, "", ""},
		{"already decided", approve("x2", "done"), moderation.ECONFLICT, "", moderation.StatusDecided},
		{"duplicate decision id", approve("d-done", "plain"), moderation.ECONFLICT, "", moderation.StatusPending},
		{"reject without reason", moderation.Decision{ID: "x3", StoryID: "plain", Action: moderation.Reject}, moderation.EINVALID, "reason", moderation.StatusPending},
		{"redaction outside body", moderation.Decision{ID: "x4", StoryID: "plain", Action: moderation.PublishWithChanges,
			Reason: moderation.ReasonPersonalDetails, Redactions: []moderation.Redaction{{Start: 5, End: 500, Kind: moderation.Person}}}, moderation.EINVALID, "redactions", moderation.StatusPending},
		{"approve safeguarding story", approve("x5", "risk"), moderation.EINVALID, "action", moderation.StatusPending},
		{"escalate safeguarding story", moderation.Decision{ID: "x6", StoryID: "risk", Action: moderation.Escalate,
			Reason: moderation.ReasonSafeguardingSelfHarm, Note: "self-harm risk"}, "", "", moderation.StatusEscalated},
		{"supervisor override of decided story", moderation.Decision{ID: "x7", StoryID: "done", Action: moderation.Reject,
			Reason: moderation.ReasonDuplicate, Note: "seen before", Supersedes: "d-done"}, "", "", moderation.StatusDecided},
		{"approve", approve("x8", "plain"), "", "", moderation.StatusDecided},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := s.Decide(ctx, tt.d)
			wantCode(t, err, tt.code)
			if got := moderation.ErrorField(err); got != tt.field {
				t.Errorf("field = %q; want %q", got, tt.field)
			}
			if err != nil && strings.Contains(err.Error(), "nurses") {
				t.Errorf("error %q holds story text", err)
			}
			if tt.wantState == "" {
				return
			}
			st, err := s.Story(ctx, tt.d.StoryID)
			if err != nil {
				t.Fatal(err)
			}
			if st.Status != tt.wantState {
				t.Errorf("status = %s; want %s", st.Status, tt.wantState)
			}
		})
	}
	ds, _ := s.Decisions(ctx, "done")
	if len(ds) != 2 || ds[0].ID != "d-done" || ds[1].Supersedes != "d-done" {
		t.Errorf("decisions of done = %+v; want d-done then its override", ds)
	}
	if ds[0].Moderator != "mod-a" || ds[0].DecidedAt.IsZero() {
		t.Errorf("defaults not filled: moderator %q, decided %v", ds[0].Moderator, ds[0].DecidedAt)
	}
}

// Times are stored as Unix nanoseconds (years 1678 to 2262); one outside
// is refused naming the field (before: a review date typed as 3025 was
// stored, and pushed, as a day in 1855).
func TestDecideRefusesTimesItCannotStore(t *testing.T) {
	ctx := context.Background()
	hold := func(id string, decided, review time.Time) moderation.Decision {
		return moderation.Decision{ID: id, StoryID: "s1", Action: moderation.Hold, Reason: moderation.ReasonProviderNotice,
			Note: "provider asked", DecidedAt: decided, ReviewAt: review}
	}
	tests := []struct {
		name  string
		d     moderation.Decision
		field string
	}{
		{"review date far ahead", hold("d1", t0, time.Date(3025, 1, 2, 0, 0, 0, 0, time.UTC)), "review_at"},
		{"decided long ago", hold("d2", time.Date(1500, 1, 2, 0, 0, 0, 0, time.UTC), time.Time{}), "decided_at"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := openTest(t, Options{})
			mustAdd(t, s, story("s1", 1, "Kind nurses."))
			err := s.Decide(ctx, tt.d)
			wantCode(t, err, moderation.EINVALID)
			if got := moderation.ErrorField(err); got != tt.field {
				t.Errorf("field = %q; want %q", got, tt.field)
			}
			if n := count(t, s, `SELECT count(*) FROM decisions`) + count(t, s, `SELECT count(*) FROM outbox`); n != 0 {
				t.Errorf("rows written = %d; want 0", n)
			}
		})
	}
	s := openTest(t, Options{})
	mustAdd(t, s, story("s1", 1, "Kind nurses."))
	review := time.Date(2262, 1, 2, 0, 0, 0, 0, time.UTC)
	mustDecide(t, s, hold("d3", t0, review))
	if ds, _ := s.Decisions(ctx, "s1"); len(ds) != 1 || !ds[0].ReviewAt.Equal(review) {
		t.Errorf("stored review date: %+v; want %v", ds, review)
	}
}

func TestDecideFillsLease(t *testing.T) {
	ctx := context.Background()
	s := openTest(t, Options{})
	st := story("s1", 1, "Kind nurse “Zoë” on 07700 900123.")
	st.LeaseID, st.Version, st.LeaseExpiresAt = "lease-7", 3, t0.Add(24*time.Hour)
	if err := s.SaveClaimed(ctx, []moderation.Story{st}); err != nil {
		t.Fatal(err)
	}
	phone := strings.Index(st.Body, "07700")
	mustDecide(t, s, moderation.Decision{ID: "d1", StoryID: "s1", Action: moderation.PublishWithChanges, Reason: moderation.ReasonPersonalDetails,
		Redactions: []moderation.Redaction{{Start: phone, End: phone + 12, Kind: moderation.Phone, Replacement: "[phone number removed]"}}})
	ob, err := s.Outbox(ctx, 10)
	if err != nil || len(ob) != 1 {
		t.Fatalf("Outbox = %v, %v", ob, err)
	}
	d := ob[0].Decision
	if d.LeaseID != "lease-7" || d.StoryVersion != 3 {
		t.Errorf("lease, version = %q, %d; want lease-7, 3", d.LeaseID, d.StoryVersion)
	}
	if d.PublishedTitle != "Visit s1" || d.PublishedBody != "Kind nurse “Zoë” on [phone number removed]." {
		t.Errorf("published = %q, %q; want the story title and the redacted body", d.PublishedTitle, d.PublishedBody)
	}
}

func TestQueueOrder(t *testing.T) {
	ctx := context.Background()
	s := openTest(t, Options{Detector: newDetector()})
	mustAdd(t, s,
		story("new", 1, "Quick service."),
		story("old", 30, "Slow service."),
		story("mid", 10, "Ask for Alice Jones."),
		story("risk-new", 2, "I will hurt myself."),
		story("risk-old", 20, "He said I would hurt myself."),
		story("dec-1", 50, "Fine."),
		story("dec-2", 40, "Fine."),
		story("esc", 45, "Complicated."),
	)
	mustDecide(t, s, approve("d1", "dec-1"))
	mustDecide(t, s, approve("d2", "dec-2"))
	mustDecide(t, s, moderation.Decision{ID: "d3", StoryID: "esc", Action: moderation.Escalate, Reason: moderation.ReasonComplex, Note: "unsure"})

	tests := []struct {
		name string
		f    QueueFilter
		want []string
	}{
		{"pending: safeguarding, then oldest", QueueFilter{Tab: TabPending}, []string{"risk-old", "risk-new", "old", "mid", "new"}},
		{"pending limit", QueueFilter{Tab: TabPending, Limit: 3}, []string{"risk-old", "risk-new", "old"}},
		{"pending search title", QueueFilter{Tab: TabPending, Search: "visit MID"}, []string{"mid"}},
		{"search is literal", QueueFilter{Tab: TabPending, Search: "%"}, []string{}},
		{"done: newest decision first", QueueFilter{Tab: TabDone}, []string{"esc", "dec-2", "dec-1"}},
		{"escalated", QueueFilter{Tab: TabEscalated}, []string{"esc"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			items, err := s.Queue(ctx, tt.f)
			if err != nil {
				t.Fatal(err)
			}
			if got := ids(items); !slices.Equal(got, tt.want) {
				t.Errorf("Queue = %v; want %v", got, tt.want)
			}
		})
	}
	items, _ := s.Queue(ctx, QueueFilter{Tab: TabPending, Limit: 1})
	if it := items[0]; !it.Safeguarding || it.Flags != 1 || it.Title != "Visit risk-old" || !it.SubmittedAt.Equal(t0.Add(-20*time.Hour)) {
		t.Errorf("first item = %+v; want safeguarding, 1 flag, its title and time", it)
	}
	items, _ = s.Queue(ctx, QueueFilter{Tab: TabDone, Limit: 1})
	if items[0].Action != moderation.Escalate || items[0].Status != moderation.StatusEscalated {
		t.Errorf("done item = %+v; want action escalate, status escalated", items[0])
	}
	if _, err := s.Queue(ctx, QueueFilter{Tab: Tab(9)}); moderation.ErrorCode(err) != moderation.EINVALID {
		t.Errorf("unknown tab: err = %v; want EINVALID", err)
	}
	c, err := s.Counts(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if want := (moderation.Counts{Pending: 5, Done: 2, Escalated: 1, Unpushed: 3}); c != want {
		t.Errorf("Counts = %+v; want %+v", c, want)
	}
}

func TestUndo(t *testing.T) {
	ctx := context.Background()
	s := openTest(t, Options{})
	mustAdd(t, s, story("a", 3, "One."), story("b", 2, "Two."))
	if _, err := s.Undo(ctx); moderation.ErrorCode(err) != moderation.ENOTFOUND {
		t.Fatalf("Undo on empty = %v; want ENOTFOUND", err)
	}
	mustDecide(t, s, approve("da", "a"))
	mustDecide(t, s, moderation.Decision{ID: "db", StoryID: "b", Action: moderation.Reject, Reason: moderation.ReasonTooOld})

	// a push carrying "db" blocks its undo until it fails (or is answered)
	if marked, err := s.MarkSending(ctx, []string{"db", "gone"}, t0.Add(time.Hour)); err != nil || !slices.Equal(marked, []string{"db"}) {
		t.Fatalf("MarkSending = %v, %v; want [db]", marked, err)
	}
	if _, err := s.Undo(ctx); moderation.ErrorCode(err) != moderation.ECONFLICT {
		t.Fatalf("Undo while sending = %v; want ECONFLICT", err)
	}
	if err := s.MarkAttempt(ctx, []string{"db"}, "EUNAVAILABLE"); err != nil {
		t.Fatal(err)
	}
	id, err := s.Undo(ctx)
	if err != nil || id != "b" {
		t.Fatalf("Undo = %q, %v; want b", id, err)
	}
	st, _ := s.Story(ctx, "b")
	if st.Status != moderation.StatusPending {
		t.Errorf("status of b = %s; want pending", st.Status)
	}
	if ds, _ := s.Decisions(ctx, "b"); len(ds) != 0 {
		t.Errorf("decisions of b = %d; want 0", len(ds))
	}
	if items, _ := s.Queue(ctx, QueueFilter{Tab: TabPending}); !slices.Equal(ids(items), []string{"b"}) || items[0].Action != "" {
		t.Errorf("pending after undo = %+v; want b without action", items)
	}
	// a pushed decision cannot be undone
	if err := s.MarkPushed(ctx, "da", moderation.PushAccepted, ""); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Undo(ctx); moderation.ErrorCode(err) != moderation.ENOTFOUND {
		t.Errorf("Undo after push = %v; want ENOTFOUND", err)
	}
	// undoing an override restores the overridden decision's status
	mustDecide(t, s, moderation.Decision{ID: "over", StoryID: "a", Action: moderation.Hold, Reason: moderation.ReasonProviderNotice,
		Note: "provider asked", Supersedes: "da"})
	if st, _ := s.Story(ctx, "a"); st.Status != moderation.StatusHeld {
		t.Fatalf("status after override = %s; want held", st.Status)
	}
	if id, err := s.Undo(ctx); err != nil || id != "a" {
		t.Fatalf("Undo override = %q, %v", id, err)
	}
	if st, _ := s.Story(ctx, "a"); st.Status != moderation.StatusDecided {
		t.Errorf("status after undoing override = %s; want decided", st.Status)
	}
}

func TestOutboxAndMarkPushed(t *testing.T) {
	ctx := context.Background()
	s := openTest(t, Options{})
	mustAdd(t, s, story("a", 3, "One."), story("b", 2, "Two."), story("c", 1, "Three."))
	for _, id := range []string{"a", "b", "c"} {
		mustDecide(t, s, approve("d-"+id, id))
	}
	ob, err := s.Outbox(ctx, 2)
	if err != nil {
		t.Fatal(err)
	}
	if got := []string{ob[0].Decision.ID, ob[1].Decision.ID}; len(ob) != 2 || !slices.Equal(got, []string{"d-a", "d-b"}) {
		t.Fatalf("Outbox(2) = %v; want d-a, d-b", got)
	}
	if err := s.MarkAttempt(ctx, []string{"d-a", "d-b", "unknown"}, "EUNAVAILABLE"); err != nil {
		t.Fatal(err)
	}
	if ob, _ := s.Outbox(ctx, 1); ob[0].Attempts != 1 || ob[0].LastError != "EUNAVAILABLE" || ob[0].State != moderation.PushPending {
		t.Errorf("after MarkAttempt = %+v; want 1 attempt, EUNAVAILABLE, pending", ob[0])
	}

	steps := []struct {
		id    string
		state moderation.PushState
		code  string
	}{
		{"d-a", moderation.PushAccepted, ""},
		{"d-a", moderation.PushAccepted, ""}, // repeated: no change, no error
		{"d-b", moderation.PushConflict, ""},
		{"d-b", moderation.PushConflict, ""},
		{"nope", moderation.PushAccepted, moderation.ENOTFOUND},
		{"d-c", moderation.PushPending, moderation.EINVALID},
	}
	var updated time.Time
	for i, st := range steps {
		err := s.MarkPushed(ctx, st.id, st.state, "story decided elsewhere")
		if got := moderation.ErrorCode(err); got != st.code {
			t.Errorf("step %d: MarkPushed(%s, %s) code = %q (%v); want %q", i, st.id, st.state, got, err, st.code)
		}
		if i == 0 || i == 1 {
			var n int64
			s.db.QueryRow(`SELECT updated_at FROM outbox WHERE decision_id = 'd-a'`).Scan(&n)
			if i == 1 && !fromNano(n).Equal(updated) {
				t.Errorf("repeated MarkPushed changed updated_at: %v -> %v", updated, fromNano(n))
			}
			updated = fromNano(n)
		}
	}
	if ob, _ := s.Outbox(ctx, 0); len(ob) != 1 || ob[0].Decision.ID != "d-c" {
		t.Errorf("outbox = %+v; want only d-c", ob)
	}
	cs, err := s.Conflicts(ctx)
	if err != nil || len(cs) != 1 || cs[0].Decision.ID != "d-b" || cs[0].ServerState != "story decided elsewhere" || cs[0].State != moderation.PushConflict {
		t.Errorf("Conflicts = %+v, %v; want d-b with the server state", cs, err)
	}
	if c, _ := s.Counts(ctx); c.Unpushed != 1 || c.Conflicts != 1 {
		t.Errorf("Counts = %+v; want 1 unpushed, 1 conflict", c)
	}
	wantCode(t, s.AcknowledgeConflict(ctx, "d-a"), moderation.ENOTFOUND) // accepted, not a conflict
	if err := s.AcknowledgeConflict(ctx, "d-b"); err != nil {
		t.Fatal(err)
	}
	wantCode(t, s.AcknowledgeConflict(ctx, "d-b"), moderation.ENOTFOUND)
	if cs, _ := s.Conflicts(ctx); len(cs) != 0 {
		t.Errorf("Conflicts after acknowledging = %d; want 0", len(cs))
	}
	if c, _ := s.Counts(ctx); c.Conflicts != 0 {
		t.Errorf("Counts.Conflicts after acknowledging = %d; want 0", c.Conflicts)
	}
	if ds, _ := s.Decisions(ctx, "b"); len(ds) != 1 {
		t.Errorf("acknowledging dropped the decision: %d left", len(ds))
	}
}

func TestSaveClaimed(t *testing.T) {
	ctx := context.Background()
	det := newDetector()
	s := openTest(t, Options{Detector: det})
	claim := func(id, body, lease string, version int) moderation.Story {
		st := story(id, 2, body)
		st.LeaseID, st.Version, st.LeaseExpiresAt = lease, version, t0.Add(24*time.Hour)
		return st
	}
	first := []moderation.Story{
		claim("decided", "Ask for Alice Jones.", "L1", 1),
		claim("edited", "Ask for Alice Jones.", "L1", 1),
		claim("changed", "Kind nurses.", "L1", 1),
	}
	if err := s.SaveClaimed(ctx, first); err != nil {
		t.Fatal(err)
	}
	if det.calls != 3 {
		t.Errorf("detector calls = %d; want 3", det.calls)
	}
	st, _ := s.Story(ctx, "decided")
	mustDecide(t, s, moderation.Decision{ID: "d1", StoryID: "decided", Action: moderation.PublishWithChanges,
		Reason: moderation.ReasonPersonalDetails, Redactions: moderation.Redactions(st.Spans)})
	// the moderator un-marks the name in "edited"
	st, _ = s.Story(ctx, "edited")
	st.Spans[0].Redact = false
	if err := s.SetSpans(ctx, "edited", st.Spans); err != nil {
		t.Fatal(err)
	}

	det.calls = 0
	second := []moderation.Story{
		claim("decided", "Server text changed for Alice Jones.", "L2", 2),
		claim("edited", "Ask for Alice Jones.", "L2", 2),
		claim("changed", "Kind nurses on 07700 900123.", "L2", 2),
		claim("new", "Fine.", "L2", 1),
	}
	if err := s.SaveClaimed(ctx, second); err != nil {
		t.Fatal(err)
	}
	if det.calls != 2 {
		t.Errorf("detector calls = %d; want 2 (changed and new only)", det.calls)
	}
	tests := []struct {
		id          moderation.StoryID
		body        string
		lease       string
		version     int
		status      moderation.Status
		spans       int
		firstRedact bool
	}{
		{"decided", "Ask for Alice Jones.", "L1", 1, moderation.StatusDecided, 1, true},
		{"edited", "Ask for Alice Jones.", "L2", 2, moderation.StatusPending, 1, false},
		{"changed", "Kind nurses on 07700 900123.", "L2", 2, moderation.StatusPending, 1, true},
		{"new", "Fine.", "L2", 1, moderation.StatusPending, 0, false},
	}
	for _, tt := range tests {
		got, err := s.Story(ctx, tt.id)
		if err != nil {
			t.Fatal(err)
		}
		if got.Body != tt.body || got.LeaseID != tt.lease || got.Version != tt.version || got.Status != tt.status || len(got.Spans) != tt.spans {
			t.Errorf("%s: body %q lease %s v%d %s %d spans; want %q %s v%d %s %d spans", tt.id,
				got.Body, got.LeaseID, got.Version, got.Status, len(got.Spans), tt.body, tt.lease, tt.version, tt.status, tt.spans)
			continue
		}
		if tt.spans > 0 && got.Spans[0].Redact != tt.firstRedact {
			t.Errorf("%s: first span redact = %v; want %v", tt.id, got.Spans[0].Redact, tt.firstRedact)
		}
	}
}

func TestAddStories(t *testing.T) {
	ctx := context.Background()
	det := newDetector()
	s := openTest(t, Options{Detector: det})
	given := story("given", 1, "Call 07700 900123 or Alice Jones.")
	given.Spans = []moderation.Span{{Start: 5, End: 17, Kind: moderation.Phone, Source: moderation.SourceModerator, Redact: true}}
	mustAdd(t, s, story("a", 2, "Alice Jones was lovely. Alice Jones again."), given)
	if det.calls != 1 {
		t.Errorf("detector calls = %d; want 1 (stories with spans skip it)", det.calls)
	}
	a, _ := s.Story(ctx, "a")
	if len(a.Spans) != 2 || a.Spans[0].Start != 0 || a.Spans[1].Start != 24 {
		t.Errorf("spans of a = %v; want two names, sorted", a.Spans)
	}
	if g, _ := s.Story(ctx, "given"); len(g.Spans) != 1 || g.Spans[0].Source != moderation.SourceModerator {
		t.Errorf("spans of given = %v; want the given span only", g.Spans)
	}

	// idempotent: re-adding leaves the stored story alone
	changed := story("a", 2, "Different text.")
	mustAdd(t, s, changed)
	if a2, _ := s.Story(ctx, "a"); a2.Body != a.Body || len(a2.Spans) != 2 {
		t.Errorf("re-add changed the story: %q, %d spans", a2.Body, len(a2.Spans))
	}

	// a bad story fails the whole batch, naming the field
	bad := story("bad", 1, "Short.")
	bad.Spans = []moderation.Span{{Start: 2, End: 99, Kind: moderation.Person}}
	err := s.AddStories(ctx, []moderation.Story{story("ok", 1, "Fine."), bad})
	wantCode(t, err, moderation.EINVALID)
	if moderation.ErrorField(err) != "spans" || !strings.Contains(err.Error(), "bad") {
		t.Errorf("error = %q (field %q); want field spans naming story bad", err, moderation.ErrorField(err))
	}
	if _, err := s.Story(ctx, "ok"); moderation.ErrorCode(err) != moderation.ENOTFOUND {
		t.Errorf("story ok stored from a failed batch: %v", err)
	}
	for _, st := range []moderation.Story{{Body: "x"}, {ID: "u", Body: "bad \xff utf-8"}} {
		if err := s.AddStories(ctx, []moderation.Story{st}); moderation.ErrorCode(err) != moderation.EINVALID || strings.Contains(err.Error(), "utf-8") {
			t.Errorf("AddStories(%q) = %v; want EINVALID without the text", st.ID, err)
		}
	}
}

func TestSetSpans(t *testing.T) {
	ctx := context.Background()
	s := openTest(t, Options{})
	mustAdd(t, s, story("a", 1, "Call 07700 900123 or Alice Jones."))
	spans := []moderation.Span{
		{Start: 21, End: 32, Kind: moderation.Person, Source: moderation.SourceModerator, Redact: true, Replacement: "a nurse"},
		{Start: 5, End: 17, Kind: moderation.Phone, Source: moderation.SourceRule, Redact: true, Confidence: 0.95, Reason: "UK mobile"},
	}
	if err := s.SetSpans(ctx, "a", spans); err != nil {
		t.Fatal(err)
	}
	st, _ := s.Story(ctx, "a")
	if want := []moderation.Span{spans[1], spans[0]}; !slices.Equal(st.Spans, want) {
		t.Errorf("spans = %+v; want %+v", st.Spans, want)
	}
	if items, _ := s.Queue(ctx, QueueFilter{}); items[0].Flags != 2 {
		t.Errorf("flags = %d; want 2", items[0].Flags)
	}
	overlap := []moderation.Span{{Start: 0, End: 10, Kind: moderation.Person, Redact: true}, {Start: 5, End: 17, Kind: moderation.Phone, Redact: true}}
	wantCode(t, s.SetSpans(ctx, "a", overlap), moderation.EINVALID)
	wantCode(t, s.SetSpans(ctx, "zz", nil), moderation.ENOTFOUND)
	if st2, _ := s.Story(ctx, "a"); len(st2.Spans) != 2 {
		t.Errorf("failed SetSpans changed spans: %v", st2.Spans)
	}
}

func TestRescan(t *testing.T) {
	ctx := context.Background()
	det := newDetector()
	s := openTest(t, Options{Detector: det})
	mustAdd(t, s, story("a", 2, "Alice Jones saw Bob Smith at 10."), story("b", 1, "Alice Jones."))
	mustDecide(t, s, moderation.Decision{ID: "db", StoryID: "b", Action: moderation.Reject, Reason: moderation.ReasonTooOld})
	st, _ := s.Story(ctx, "a")
	st.Spans[0].Redact = false // moderator keeps the name
	st.Spans = append(st.Spans, moderation.Span{Start: 28, End: 30, Kind: moderation.Person, Source: moderation.SourceModerator, Redact: true})
	if err := s.SetSpans(ctx, "a", st.Spans); err != nil {
		t.Fatal(err)
	}

	det.words["Bob Smith"] = moderation.Person
	det.words["at 10"] = moderation.Address // overlaps the moderator's span
	det.version = "v2"
	n, err := s.Rescan(ctx)
	if err != nil || n != 1 {
		t.Fatalf("Rescan = %d, %v; want 1 (pending only)", n, err)
	}
	got, _ := s.Story(ctx, "a")
	type sp struct {
		start  int
		kind   moderation.Kind
		source moderation.Source
		redact bool
	}
	var gotSp []sp
	for _, x := range got.Spans {
		gotSp = append(gotSp, sp{x.Start, x.Kind, x.Source, x.Redact})
	}
	want := []sp{
		{0, moderation.Person, moderation.SourceRule, false},   // toggle kept
		{16, moderation.Person, moderation.SourceRule, true},   // new finding
		{26, moderation.Address, moderation.SourceRule, false}, // overlaps a kept redaction
		{28, moderation.Person, moderation.SourceModerator, true},
	}
	if !slices.Equal(gotSp, want) {
		t.Errorf("spans after rescan = %v; want %v", gotSp, want)
	}
	if b, _ := s.Story(ctx, "b"); len(b.Spans) != 1 {
		t.Errorf("decided story rescanned: %d spans", len(b.Spans))
	}
	if v, _ := s.State(ctx, StateRulesVersion); v != "v2" {
		t.Errorf("rules version = %q; want v2", v)
	}
}

func TestHistory(t *testing.T) {
	ctx := context.Background()
	s := openTest(t, Options{})
	mustAdd(t, s, story("a", 3, "One."), story("b", 2, "Two."), story("c", 1, "Three."))
	at := func(h int) time.Time { return t0.Add(time.Duration(h) * time.Hour) }
	mustDecide(t, s, moderation.Decision{ID: "d1", StoryID: "a", Action: moderation.Publish, Moderator: "ann", DecidedAt: at(1)})
	mustDecide(t, s, moderation.Decision{ID: "d2", StoryID: "b", Action: moderation.Reject, Reason: moderation.ReasonTooOld, Moderator: "bob", DecidedAt: at(2)})
	mustDecide(t, s, moderation.Decision{ID: "d3", StoryID: "c", Action: moderation.Publish, Moderator: "ann", DecidedAt: at(3), PublishedTitle: "Great 100% care"})
	tests := []struct {
		name string
		f    HistoryFilter
		want []string
	}{
		{"all newest first", HistoryFilter{}, []string{"d3", "d2", "d1"}},
		{"moderator", HistoryFilter{Moderator: "ann"}, []string{"d3", "d1"}},
		{"action", HistoryFilter{Action: moderation.Reject}, []string{"d2"}},
		{"since until", HistoryFilter{Since: at(2), Until: at(3)}, []string{"d2"}},
		{"story title", HistoryFilter{Text: "visit a"}, []string{"d1"}},
		{"published title, literal %", HistoryFilter{Text: "100%"}, []string{"d3"}},
		{"limit", HistoryFilter{Limit: 1}, []string{"d3"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ds, err := s.History(ctx, tt.f)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, d := range ds {
				got = append(got, d.ID)
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("History = %v; want %v", got, tt.want)
			}
		})
	}

	// the server history cache takes the same filters; stories need not be local
	hist := []moderation.Decision{
		{ID: "h1", StoryID: "remote-1", Action: moderation.Publish, Moderator: "cat", DecidedAt: at(5)},
		{ID: "h2", StoryID: "remote-2", Action: moderation.PublishWithChanges, Reason: moderation.ReasonPersonalDetails,
			Moderator: "cat", DecidedAt: at(6), Redactions: []moderation.Redaction{{Start: 0, End: 3, Kind: moderation.Person, Replacement: "[name removed]"}}},
	}
	if err := s.CacheHistory(ctx, hist); err != nil {
		t.Fatal(err)
	}
	hist[0].Note = "updated"
	if err := s.CacheHistory(ctx, hist[:1]); err != nil {
		t.Fatal(err)
	}
	// a time Unix nanoseconds cannot hold is refused, not wrapped to another date
	far := moderation.Decision{ID: "h3", StoryID: "remote-3", Action: moderation.Hold, Moderator: "cat", DecidedAt: at(7),
		ReviewAt: time.Date(2300, 1, 1, 0, 0, 0, 0, time.UTC)}
	if err := s.CacheHistory(ctx, []moderation.Decision{far}); moderation.ErrorField(err) != "review_at" {
		t.Errorf("CacheHistory of a review date in 2300 = %v; want refused on review_at", err)
	}
	got, err := s.CachedHistory(ctx, HistoryFilter{Moderator: "cat"})
	if err != nil || len(got) != 2 || got[0].ID != "h2" || got[1].Note != "updated" || len(got[0].Redactions) != 1 || !got[0].DecidedAt.Equal(at(6)) {
		t.Errorf("CachedHistory = %+v, %v; want h2 (with its redaction) then updated h1", got, err)
	}
}

func TestStateResetTraining(t *testing.T) {
	ctx := context.Background()
	s := openTest(t, Options{Detector: newDetector()})
	if v, err := s.State(ctx, "missing"); v != "" || err != nil {
		t.Errorf("State(missing) = %q, %v; want empty", v, err)
	}
	for _, v := range []string{"one", "two"} {
		if err := s.SetState(ctx, StateLastSync, v); err != nil {
			t.Fatal(err)
		}
	}
	if v, _ := s.State(ctx, StateLastSync); v != "two" {
		t.Errorf("State = %q; want two", v)
	}

	run := TrainingRun{ID: "r1", Trainee: "tia", Pack: "basics", StartedAt: t0, Cases: []TrainingCase{
		{CaseID: "c2", Scores: json.RawMessage(`{"recall":1}`)}, {CaseID: "c1"},
	}}
	if err := s.SaveTrainingRun(ctx, run); err != nil {
		t.Fatal(err)
	}
	run.FinishedAt = t0.Add(time.Hour)
	run.Cases = append(run.Cases, TrainingCase{CaseID: "c3", Scores: json.RawMessage(`{"recall":0.5}`)})
	if err := s.SaveTrainingRun(ctx, run); err != nil {
		t.Fatal(err)
	}
	if err := s.SaveTrainingRun(ctx, TrainingRun{ID: "r2", Trainee: "tom", Pack: "basics"}); err != nil {
		t.Fatal(err)
	}
	wantCode(t, s.SaveTrainingRun(ctx, TrainingRun{ID: "r3", Trainee: "tom", Pack: "p", Cases: []TrainingCase{{CaseID: "c", Scores: json.RawMessage("{")}}}), moderation.EINVALID)
	runs, err := s.TrainingRuns(ctx, "tia")
	if err != nil || len(runs) != 1 {
		t.Fatalf("TrainingRuns(tia) = %+v, %v", runs, err)
	}
	if r := runs[0]; len(r.Cases) != 3 || r.Cases[0].CaseID != "c2" || string(r.Cases[1].Scores) != "{}" || !r.FinishedAt.Equal(run.FinishedAt) {
		t.Errorf("run = %+v; want 3 cases in order, finished", r)
	}
	if all, _ := s.TrainingRuns(ctx, ""); len(all) != 2 || len(all[1].Cases) != 0 {
		t.Errorf("TrainingRuns(all) = %+v; want 2 runs", all)
	}

	mustAdd(t, s, story("a", 1, "Alice Jones."))
	mustDecide(t, s, approve("d1", "a"))
	if err := s.Reset(ctx); err != nil {
		t.Fatal(err)
	}
	for _, table := range []string{"stories", "spans", "decisions", "outbox", "sync_state", "training_runs", "training_cases", "history_cache"} {
		if n := count(t, s, `SELECT count(*) FROM `+table); n != 0 {
			t.Errorf("%s has %d rows after Reset; want 0", table, n)
		}
	}
	if n := count(t, s, `SELECT count(*) FROM schema_migrations`); n != SchemaVersion() {
		t.Errorf("Reset touched schema_migrations: %d rows", n)
	}
	mustAdd(t, s, story("a", 1, "Alice Jones."))
}

// TestConcurrentWriters decides from several goroutines through two Store
// handles on one file (the app and a CLI command, say): busy_timeout and
// immediate transactions must serialise them without errors.
func TestConcurrentWriters(t *testing.T) {
	ctx := context.Background()
	a := openTest(t, Options{})
	b, err := Open(ctx, a.Path(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	const workers, each = 4, 25
	var stories []moderation.Story
	for i := range workers * each {
		stories = append(stories, story(fmt.Sprintf("s%03d", i), i, "Fine."))
	}
	mustAdd(t, a, stories...)
	errs := make(chan error, workers)
	for w := range workers {
		s := a
		if w%2 == 1 {
			s = b
		}
		go func() { // exits after its share of decisions
			for i := w * each; i < (w+1)*each; i++ {
				if err := s.Decide(ctx, approve(fmt.Sprintf("d%03d", i), fmt.Sprintf("s%03d", i))); err != nil {
					errs <- err
					return
				}
				if _, err := s.Counts(ctx); err != nil {
					errs <- err
					return
				}
			}
			errs <- nil
		}()
	}
	for range workers {
		if err := <-errs; err != nil {
			t.Errorf("concurrent Decide: %v", err)
		}
	}
	if c, _ := a.Counts(ctx); c.Done != workers*each || c.Unpushed != workers*each {
		t.Errorf("Counts = %+v; want %d done and unpushed", c, workers*each)
	}
}

// TestLogsHoldNoStoryText runs the logging operations with a JSON logger
// and looks for the story's words in the output.
func TestLogsHoldNoStoryText(t *testing.T) {
	ctx := context.Background()
	var buf strings.Builder
	log := slog.New(slog.NewJSONHandler(&buf, &slog.HandlerOptions{Level: slog.LevelDebug}))
	s := openTest(t, Options{Logger: log, Detector: newDetector()})
	mustAdd(t, s, story("s1", 1, "Alice Jones hurt myself secretword."), story("s2", 1, "Quiet secretword."))
	if err := s.SaveClaimed(ctx, []moderation.Story{story("s3", 1, "Claimed secretword.")}); err != nil {
		t.Fatal(err)
	}
	mustDecide(t, s, moderation.Decision{ID: "d1", StoryID: "s2", Action: moderation.Reject, Reason: moderation.ReasonOther, Note: "secretnote"})
	if _, err := s.Rescan(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Undo(ctx); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	if !strings.Contains(out, `"story":"s2"`) {
		t.Errorf("log has no story id: %s", out)
	}
	for _, secret := range []string{"secretword", "secretnote", "Alice", "Visit"} {
		if strings.Contains(out, secret) {
			t.Errorf("log holds %q:\n%s", secret, out)
		}
	}
}

func TestTruncate(t *testing.T) {
	tests := []struct {
		s    string
		n    int
		want string
	}{
		{"abc", 5, "abc"},
		{"abcdef", 3, "abc"},
		{"éé", 3, "é"}, // never splits é (2 bytes)
		{"👩x", 2, ""},  // nor an emoji
	}
	for _, tt := range tests {
		if got := truncate(tt.s, tt.n); got != tt.want {
			t.Errorf("truncate(%q, %d) = %q; want %q", tt.s, tt.n, got, tt.want)
		}
	}
}

// A decision whose push got no answer may be applied on the server, so it
// cannot be undone until a later push has the answer; a failed attempt in
// between (the server down) does not release it.
func TestUndoRefusesUnanswered(t *testing.T) {
	ctx := context.Background()
	s := openTest(t, Options{})
	mustAdd(t, s, story("a", 3, "One."))
	mustDecide(t, s, approve("da", "a"))
	s.MarkSending(ctx, []string{"da"}, t0.Add(time.Hour))
	if err := s.MarkUnanswered(ctx, []string{"da"}, "EUNAVAILABLE"); err != nil {
		t.Fatal(err)
	}
	_, err := s.Undo(ctx)
	if moderation.ErrorCode(err) != moderation.ECONFLICT || !strings.Contains(err.Error(), "answer was lost") {
		t.Fatalf("Undo after a push without answer = %v; want ECONFLICT saying the answer was lost", err)
	}
	s.MarkSending(ctx, []string{"da"}, t0.Add(time.Hour))
	s.MarkAttempt(ctx, []string{"da"}, "EUNAVAILABLE")
	if _, err := s.Undo(ctx); moderation.ErrorCode(err) != moderation.ECONFLICT {
		t.Fatalf("Undo after a later failed attempt = %v; want ECONFLICT still", err)
	}
	if out, _ := s.Outbox(ctx, 0); len(out) != 1 || out[0].Attempts != 2 {
		t.Errorf("outbox = %+v; want da pending after 2 attempts, for the next push", out)
	}
	if err := s.MarkPushed(ctx, "da", moderation.PushDuplicate, ""); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Undo(ctx); moderation.ErrorCode(err) != moderation.ENOTFOUND {
		t.Errorf("Undo once answered = %v; want ENOTFOUND (pushed)", err)
	}
}

// A refusal is the server's answer: after it the decision can be undone.
func TestRefusalEndsUnanswered(t *testing.T) {
	ctx := context.Background()
	s := openTest(t, Options{})
	mustAdd(t, s, story("a", 3, "One."))
	mustDecide(t, s, approve("da", "a"))
	s.MarkUnanswered(ctx, []string{"da"}, "EUNAVAILABLE")
	if err := s.MarkRefused(ctx, []string{"da"}, "EINVALID redactions"); err != nil {
		t.Fatal(err)
	}
	if id, err := s.Undo(ctx); err != nil || id != "a" {
		t.Errorf("Undo after a refusal = %q, %v; want a", id, err)
	}
}

// A push that died while carrying a decision (its mark outlived its
// deadline, no outcome recorded) may have delivered it: Undo refuses it
// until a later push records the answer.
func TestUndoAfterPushDied(t *testing.T) {
	ctx := context.Background()
	c := &clock{t: t0}
	s := openTest(t, Options{Now: c.now})
	mustAdd(t, s, story("a", 3, "One."))
	mustDecide(t, s, approve("da", "a"))
	s.MarkSending(ctx, []string{"da"}, t0.Add(time.Minute))
	s.Close()
	c.mu.Lock()
	c.t = t0.Add(time.Hour) // the app starts again later
	c.mu.Unlock()
	s, err := Open(ctx, s.path, Options{Now: c.now})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if _, err := s.Undo(ctx); moderation.ErrorCode(err) != moderation.ECONFLICT {
		t.Fatalf("Undo after a push died = %v; want ECONFLICT", err)
	}
	// the next push cannot connect: that says nothing of the one that died
	s.MarkSending(ctx, []string{"da"}, c.now().Add(time.Minute))
	s.MarkAttempt(ctx, []string{"da"}, "EUNAVAILABLE")
	if _, err := s.Undo(ctx); moderation.ErrorCode(err) != moderation.ECONFLICT {
		t.Errorf("Undo after a later push failed to connect = %v; want ECONFLICT still", err)
	}
}

// The queue tells a story escalated for a threat alone from one with a
// safeguarding span, so the list can name the concern.
func TestQueueThreatOnly(t *testing.T) {
	ctx := context.Background()
	s := openTest(t, Options{Detector: newDetector()})
	mustAdd(t, s, story("threat", 1, "I will break his nose."), story("both", 2, "I will break his nose, then hurt myself."),
		story("risk", 3, "I will hurt myself."), story("calm", 4, "Fine."))
	items, err := s.Queue(ctx, QueueFilter{Tab: TabPending})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string][2]bool{}
	for _, it := range items {
		got[string(it.ID)] = [2]bool{it.Safeguarding, it.Threat}
	}
	want := map[string][2]bool{"threat": {true, true}, "both": {true, false}, "risk": {true, false}, "calm": {false, false}}
	if !maps.Equal(got, want) {
		t.Errorf("(safeguarding, threat) = %v; want %v", got, want)
	}
}
