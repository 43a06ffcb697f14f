package server

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	storysync "github.com/storydesk/storydesk/moderation/sync"
)

type testServer struct {
	*httptest.Server
	store  Store
	tokens map[Role]string
}

func newTestServer(t *testing.T, opt Options) *testServer {
	t.Helper()
	st := openTestSQLite(t)
	t.Cleanup(func() { st.Close() })
	ts := &testServer{store: st, tokens: map[Role]string{}}
	for _, r := range []Role{RoleModerator, RoleSupervisor, RoleTrainer, RoleAdmin} {
		tok, err := NewToken()
		if err != nil {
			t.Fatal(err)
		}
		if err := st.AddUser(context.Background(), User{Name: string(r) + "1", Role: r}, HashToken(tok)); err != nil {
			t.Fatal(err)
		}
		ts.tokens[r] = tok
	}
	ts.Server = httptest.NewServer(New(st, opt))
	t.Cleanup(ts.Close)
	return ts
}

func (ts *testServer) call(t *testing.T, method, path, token string, body []byte) (int, []byte) {
	t.Helper()
	return callURL(t, method, ts.URL+path, token, body)
}

// callURL sends body to url with token as its bearer token (none if
// empty) and returns the status and the answer's body.
func callURL(t *testing.T, method, url, token string, body []byte) (int, []byte) {
	t.Helper()
	req, err := http.NewRequest(method, url, bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, b
}

func TestAuthAndRoles(t *testing.T) {
	ts := newTestServer(t, Options{})
	routes := []struct {
		method, path, body string
		allowed            []Role
	}{
		{"POST", "/api/v1/claims", `{"max":1}`, []Role{RoleModerator, RoleSupervisor, RoleAdmin}},
		{"POST", "/api/v1/claims/renew", `{"lease_ids":[]}`, []Role{RoleModerator, RoleSupervisor, RoleAdmin}},
		{"POST", "/api/v1/claims/release", `{"lease_ids":[]}`, []Role{RoleModerator, RoleSupervisor, RoleAdmin}},
		{"POST", "/api/v1/decisions", `[]`, []Role{RoleModerator, RoleSupervisor, RoleAdmin}},
		{"GET", "/api/v1/decisions", ``, []Role{RoleSupervisor, RoleAdmin}},
		{"GET", "/api/v1/stories/x", ``, []Role{RoleSupervisor, RoleAdmin}},
		{"POST", "/api/v1/stories", `[]`, []Role{RoleAdmin}},
	}
	for _, rt := range routes {
		t.Run(rt.method+" "+rt.path, func(t *testing.T) {
			for _, tok := range []string{"", "sdk_wrong"} {
				if got, body := ts.call(t, rt.method, rt.path, tok, []byte(rt.body)); got != http.StatusUnauthorized || !strings.Contains(string(body), `"EUNAUTHORIZED"`) {
					t.Errorf("token %q: got %d %s, want 401 EUNAUTHORIZED", tok, got, body)
				}
			}
			for role, tok := range ts.tokens {
				got, _ := ts.call(t, rt.method, rt.path, tok, []byte(rt.body))
				allowed := false
				for _, a := range rt.allowed {
					allowed = allowed || a == role
				}
				if allowed && (got == http.StatusForbidden || got == http.StatusUnauthorized) {
					t.Errorf("%s: got %d, want access", role, got)
				}
				if !allowed && got != http.StatusForbidden {
					t.Errorf("%s: got %d, want 403", role, got)
				}
			}
		})
	}
	if got, _ := ts.call(t, "GET", "/healthz", "", nil); got != http.StatusOK {
		t.Errorf("healthz: got %d, want 200", got)
	}
}

// seed ingests stories through the API and claims them as the moderator.
func (ts *testServer) seed(t *testing.T, stories []storysync.Story) []storysync.Story {
	t.Helper()
	b, _ := json.Marshal(stories)
	if code, body := ts.call(t, "POST", "/api/v1/stories", ts.tokens[RoleAdmin], b); code != 200 {
		t.Fatalf("ingest: got %d %s, want 200", code, body)
	}
	code, body := ts.call(t, "POST", "/api/v1/claims", ts.tokens[RoleModerator], []byte(fmt.Sprintf(`{"max":%d}`, len(stories))))
	var cr storysync.ClaimResponse
	if code != 200 || json.Unmarshal(body, &cr) != nil {
		t.Fatalf("claim: got %d %s, want 200", code, body)
	}
	return cr.Stories
}

func TestDecisionValidation(t *testing.T) {
	ts := newTestServer(t, Options{MaxBody: 4096})
	// "Zoë" has a two-byte ë: code points and bytes differ
	st := ts.seed(t, []storysync.Story{{ID: "v1", Title: "t", Body: "Zoë rang 07700 900184 today."}})[0]
	base := fmt.Sprintf(`"id":"x1","story_id":"v1","lease_id":%q,"story_version":1,"decided_at":"2026-03-01T09:00:00Z"`, st.LeaseID)
	tests := []struct {
		name, body, field string
	}{
		{"invalid JSON", `[{` + base + `,}]`, "body"},
		{"unknown action", `[{` + base + `,"action":"approve"}]`, "[0].action"},
		{"missing reason", `[{` + base + `,"action":"reject"}]`, "[0].reason"},
		{"other needs a note", `[{` + base + `,"action":"reject","reason":"other"}]`, "[0].note"},
		{"span out of range", `[{` + base + `,"action":"publish_with_changes","reason":"personal_details","redactions":[{"start":9,"end":99,"kind":"PHONE","replacement":"[phone number removed]"}]}]`, "[0].redactions"},
		{"unknown kind", `[{` + base + `,"action":"publish_with_changes","reason":"personal_details","redactions":[{"start":9,"end":22,"kind":"PHONEY","replacement":"x"}]}]`, "[0].redactions"},
		{"invalid UTF-8", "[{" + base + `,"action":"escalate","reason":"complex","note":"bad ` + "\xff" + `"}]`, "[0].note"},
		{"unknown field", `[{` + base + `,"action":"publish","colour":"red"}]`, "colour"},
		{"unknown story", `[{"id":"x2","story_id":"nope","lease_id":"l","story_version":1,"action":"publish","decided_at":"2026-03-01T09:00:00Z"}]`, "[0].story_id"},
		{"hold needs a note", `[{` + base + `,"action":"hold","reason":"provider_notice"}]`, "[0].note"},
		{"too large", `[{` + base + `,"action":"escalate","reason":"complex","note":"` + strings.Repeat("a", 5000) + `"}]`, "body"},
		{"empty batch", `[]`, "body"},
		// times JSON cannot hold once in UTC: the decision could not be stored
		{"decided_at past year 9999 in UTC", `[{"id":"x1","story_id":"v1","lease_id":"l","story_version":1,"action":"publish","decided_at":"9999-12-31T23:00:00-05:00"}]`, "[0].decided_at"},
		{"review_at before year 0 in UTC", `[{` + base + `,"action":"hold","reason":"provider_notice","note":"n","review_at":"0000-01-01T00:30:00+01:00"}]`, "[0].review_at"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, body := ts.call(t, "POST", "/api/v1/decisions", ts.tokens[RoleModerator], []byte(tt.body))
			var eb storysync.ErrorBody
			if err := json.Unmarshal(body, &eb); err != nil {
				t.Fatalf("error body %s: %v", body, err)
			}
			if code != 400 || eb.Error.Code != "EINVALID" || eb.Error.Field != tt.field {
				t.Errorf("got %d %s field %q, want 400 EINVALID field %q (%s)", code, eb.Error.Code, eb.Error.Field, tt.field, eb.Error.Message)
			}
		})
	}
	// the valid redaction of the phone number, in code points (bytes would be 10..23)
	ok := `[{` + base + `,"action":"publish_with_changes","reason":"personal_details","redactions":[{"start":9,"end":22,"kind":"PHONE","replacement":"[phone number removed]"}],"published_body":"Zoë rang [phone number removed] today."}]`
	code, body := ts.call(t, "POST", "/api/v1/decisions", ts.tokens[RoleModerator], []byte(ok))
	if code != 200 || !strings.Contains(string(body), `"accepted"`) {
		t.Errorf("valid decision: got %d %s, want 200 accepted", code, body)
	}
	code, body = ts.call(t, "GET", "/api/v1/stories/v1", ts.tokens[RoleSupervisor], nil)
	var det storysync.StoryDetail
	if code != 200 || json.Unmarshal(body, &det) != nil || len(det.Decisions) != 1 || det.Decisions[0].Redactions[0].Start != 9 {
		t.Errorf("story detail: got %d %s, want the decision with its code-point redaction", code, body)
	}
}

// TestDecodeBodyRefusesDataAfterTheValue: a body is one JSON value and
// nothing else, a stray closing bracket included.
func TestDecodeBodyRefusesDataAfterTheValue(t *testing.T) {
	ts := newTestServer(t, Options{})
	for _, body := range []string{`{"max":1}}`, `{"max":1}]`, `{"max":1} x`, `{"max":1}{"max":2}`} {
		code, got := ts.call(t, "POST", "/api/v1/claims", ts.tokens[RoleModerator], []byte(body))
		var eb storysync.ErrorBody
		json.Unmarshal(got, &eb)
		if code != http.StatusBadRequest || eb.Error.Field != "body" {
			t.Errorf("claim %s: got %d %s, want 400 EINVALID field body", body, code, got)
		}
	}
	if code, got := ts.call(t, "POST", "/api/v1/claims", ts.tokens[RoleModerator], []byte(" {\"max\":1}\n")); code != http.StatusOK {
		t.Errorf("claim with white space around the value: got %d %s, want 200", code, got)
	}
}

func TestIngestValidation(t *testing.T) {
	ts := newTestServer(t, Options{})
	tests := []struct {
		name, body, field string
		item              int
	}{
		{"missing body", `[{"id":"a","title":"t","body":"x"},{"id":"b","title":"t"}]`, "[1].body", 1},
		{"twice", `[{"id":"a","title":"t","body":"x"},{"id":"a","title":"t","body":"y"}]`, "[1].id", 1},
		{"lease set", `[{"id":"a","title":"t","body":"x","lease_id":"l"}]`, "[0].status", 0},
		{"missing id", `[{"title":"t","body":"x"}]`, "[0].id", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, body := ts.call(t, "POST", "/api/v1/stories", ts.tokens[RoleAdmin], []byte(tt.body))
			var eb storysync.ErrorBody
			json.Unmarshal(body, &eb)
			if code != 400 || eb.Error.Field != tt.field || eb.Error.Item == nil || *eb.Error.Item != tt.item {
				t.Errorf("got %d %s, want 400 field %q item %d", code, body, tt.field, tt.item)
			}
		})
	}
	code, _ := ts.call(t, "POST", "/api/v1/claims", ts.tokens[RoleModerator], []byte(`{"max":10}`))
	if code != 200 {
		t.Fatalf("claim: got %d", code)
	}
	if code, body := ts.call(t, "POST", "/api/v1/claims", ts.tokens[RoleModerator], []byte(`{"max":10}`)); !strings.Contains(string(body), `"stories":[]`) {
		t.Errorf("claim after refused ingests: got %d %s, want no stories", code, body)
	}
}

func TestHistoryFeed(t *testing.T) {
	now := t0
	ts := newTestServer(t, Options{Now: func() time.Time { return now }})
	var in []storysync.Story
	for i := range 5 {
		in = append(in, storysync.Story{ID: fmt.Sprintf("h%d", i), Title: "t", Body: "fine"})
	}
	claimed := ts.seed(t, in)
	var ds []storysync.Decision
	for i, st := range claimed {
		ds = append(ds, publish(fmt.Sprintf("d%d", i), st))
	}
	b, _ := json.Marshal(ds)
	if code, body := ts.call(t, "POST", "/api/v1/decisions", ts.tokens[RoleModerator], b); code != 200 {
		t.Fatalf("push: %d %s", code, body)
	}
	var ids []string
	after := ""
	for range 10 {
		code, body := ts.call(t, "GET", "/api/v1/decisions?limit=2&after="+after, ts.tokens[RoleSupervisor], nil)
		var page storysync.HistoryPage
		if code != 200 || json.Unmarshal(body, &page) != nil {
			t.Fatalf("history: %d %s", code, body)
		}
		if len(page.Decisions) == 0 {
			if page.Next != after {
				t.Errorf("empty page next: got %q, want %q", page.Next, after)
			}
			break
		}
		for _, d := range page.Decisions {
			ids = append(ids, d.ID)
			if d.Moderator != "moderator1" {
				t.Errorf("moderator of %s: got %q, want moderator1", d.ID, d.Moderator)
			}
		}
		after = page.Next
	}
	if got := strings.Join(ids, ","); got != "d0,d1,d2,d3,d4" {
		t.Errorf("feed: got %s, want d0..d4", got)
	}
	for _, q := range []string{"after=zz", "limit=0", "action=approve"} {
		if code, _ := ts.call(t, "GET", "/api/v1/decisions?"+q, ts.tokens[RoleSupervisor], nil); code != 400 {
			t.Errorf("%s: got %d, want 400", q, code)
		}
	}
}

func TestModeratorCannotOverride(t *testing.T) {
	ts := newTestServer(t, Options{})
	st := ts.seed(t, []storysync.Story{{ID: "o1", Title: "t", Body: "fine"}})[0]
	d := publish("a1", st)
	b, _ := json.Marshal([]storysync.Decision{d})
	ts.call(t, "POST", "/api/v1/decisions", ts.tokens[RoleModerator], b)
	over := storysync.Decision{ID: "a2", StoryID: "o1", StoryVersion: 2, Action: "reject", Reason: "commercial", Note: "advert", Supersedes: "a1", DecidedAt: t0}
	b, _ = json.Marshal([]storysync.Decision{over})
	if code, body := ts.call(t, "POST", "/api/v1/decisions", ts.tokens[RoleModerator], b); code != 403 {
		t.Errorf("moderator override: got %d %s, want 403", code, body)
	}
	if code, body := ts.call(t, "POST", "/api/v1/decisions", ts.tokens[RoleSupervisor], b); code != 200 || !strings.Contains(string(body), "accepted") {
		t.Errorf("supervisor override: got %d %s, want accepted", code, body)
	}
}

func TestInvalidUTF8Field(t *testing.T) {
	tests := []struct{ raw, want string }{
		{"{\"a\":\"\xff\"}", "a"},
		{"[{\"a\":1},{\"b\":\"x\",\"c\":\"\xff\"}]", "[1].c"},
		{"[{\"a\":{\"b\":[\"ok\",\"\xff\"]}}]", "[0].a.b[1]"},
		{"\xff", "body"},
	}
	for _, tt := range tests {
		if got := invalidUTF8Field([]byte(tt.raw)); got != tt.want {
			t.Errorf("invalidUTF8Field(%q) = %q; want %q", tt.raw, got, tt.want)
		}
	}
}

func TestLogsHoldNoStoryTextOrToken(t *testing.T) {
	var logs bytes.Buffer
	ts := newTestServer(t, Options{Logger: slog.New(slog.NewJSONHandler(&logs, nil))})
	const secret = "Parveen Akhtar rang 07700 900184"
	st := ts.seed(t, []storysync.Story{{ID: "l1", Title: "Private title", Body: secret}})[0]
	bad := fmt.Sprintf(`[{"id":"x","story_id":"l1","lease_id":%q,"story_version":1,"action":"reject","reason":"other","note":%q,"decided_at":"2026-03-01T09:00:00Z"}]`, st.LeaseID, "")
	ts.call(t, "POST", "/api/v1/decisions", ts.tokens[RoleModerator], []byte(bad))
	ts.call(t, "GET", "/api/v1/stories/l1", ts.tokens[RoleSupervisor], nil)
	ts.call(t, "GET", "/api/v1/stories/l1", "sdk_not_a_real_token", nil)
	out := logs.String()
	if !strings.Contains(out, `"route":"POST /api/v1/claims"`) || !strings.Contains(out, `"code":"EINVALID"`) {
		t.Fatalf("logs lack the request lines: %s", out)
	}
	for _, leak := range []string{"Parveen", "07700", "Private title", "sdk_not_a_real_token", ts.tokens[RoleModerator], ts.tokens[RoleAdmin]} {
		if strings.Contains(out, leak) {
			t.Errorf("log holds %q", leak)
		}
	}
}

// countingStore counts token lookups.
type countingStore struct {
	Store
	lookups atomic.Int64
}

func (c *countingStore) UserByTokenHash(ctx context.Context, h []byte) (User, error) {
	c.lookups.Add(1)
	return c.Store.UserByTokenHash(ctx, h)
}

// TestAuthCache checks that a replica looks a known token up once per
// authTTL, and that an unknown token is not remembered: a user added after
// a refused request gets in at once.
func TestAuthCache(t *testing.T) {
	ctx := context.Background()
	st := &countingStore{Store: openTestSQLite(t)}
	t.Cleanup(func() { st.Close() })
	ts := &testServer{store: st, tokens: map[Role]string{}}
	ts.Server = httptest.NewServer(New(st, Options{}))
	t.Cleanup(ts.Close)
	tok, err := NewToken()
	if err != nil {
		t.Fatal(err)
	}
	steps := []struct {
		name       string
		addUser    bool
		wantStatus int
		wantLookup int64
	}{
		{"unknown token", false, http.StatusUnauthorized, 1},
		{"unknown token again", false, http.StatusUnauthorized, 2},
		{"user added", true, http.StatusOK, 3},
		{"cached", false, http.StatusOK, 3},
	}
	for _, s := range steps {
		if s.addUser {
			if err := st.AddUser(ctx, User{Name: "amy", Role: RoleModerator}, HashToken(tok)); err != nil {
				t.Fatal(err)
			}
		}
		got, body := ts.call(t, "POST", "/api/v1/claims", tok, []byte(`{"max":1}`))
		if got != s.wantStatus {
			t.Errorf("%s: got %d %s, want %d", s.name, got, body, s.wantStatus)
		}
		if n := st.lookups.Load(); n != s.wantLookup {
			t.Errorf("%s: got %d token lookups in all, want %d", s.name, n, s.wantLookup)
		}
	}
}

// yieldingStore is a store on which pushes give way to claims, whose
// claims wait for release, and which records when claims end and pushes
// start.
type yieldingStore struct {
	Store
	claimIn chan struct{} // a claim has reached the store
	release chan struct{} // lets the claims go on
	mu      sync.Mutex
	events  []string
}

func (y *yieldingStore) pushesYieldToClaims() bool { return true }

func (y *yieldingStore) record(e string) {
	y.mu.Lock()
	y.events = append(y.events, e)
	y.mu.Unlock()
}

func (y *yieldingStore) Claim(ctx context.Context, user string, max int, lease time.Duration, now time.Time) ([]storysync.Story, error) {
	y.claimIn <- struct{}{}
	<-y.release
	out, err := y.Store.Claim(ctx, user, max, lease, now)
	y.record("claim answered")
	return out, err
}

func (y *yieldingStore) Bodies(ctx context.Context, ids []string) (map[string]string, error) {
	y.record("push read")
	return y.Store.Bodies(ctx, ids)
}

// TestPushesYieldToClaims: on a store that asks for it, a push waits for
// the claims being served before it does any work; without claims in
// flight it goes at once.
func TestPushesYieldToClaims(t *testing.T) {
	ctx := context.Background()
	st := &yieldingStore{Store: openTestSQLite(t), claimIn: make(chan struct{}), release: make(chan struct{})}
	t.Cleanup(func() { st.Close() })
	srv := New(st, Options{})
	if srv.claims == nil {
		t.Fatal("got no claim gate for a store that yields, want one")
	}
	srv.claims.max = time.Hour // only the claim's end lets the push go
	ts := &testServer{Server: httptest.NewServer(srv), store: st, tokens: map[Role]string{}}
	t.Cleanup(ts.Close)
	tok, err := NewToken()
	if err != nil {
		t.Fatal(err)
	}
	if err := st.AddUser(ctx, User{Name: "amy", Role: RoleModerator}, HashToken(tok)); err != nil {
		t.Fatal(err)
	}
	if _, err := st.AddStories(ctx, testStories("y", 2)); err != nil {
		t.Fatal(err)
	}
	// the first story is claimed without the gate in the way
	go func() { <-st.claimIn; st.release <- struct{}{} }()
	code, body := ts.call(t, "POST", "/api/v1/claims", tok, []byte(`{"max":1}`))
	var first storysync.ClaimResponse
	if err := json.Unmarshal(body, &first); code != http.StatusOK || err != nil || len(first.Stories) != 1 {
		t.Fatalf("first claim: got %d %s, want one story", code, body)
	}
	push, _ := json.Marshal([]storysync.Decision{publish("d1", first.Stories[0])})

	// a second claim is in flight when the push arrives
	claimDone := make(chan int)
	go func() { // exits when the claim is answered
		code, _ := ts.call(t, "POST", "/api/v1/claims", tok, []byte(`{"max":1}`))
		claimDone <- code
	}()
	<-st.claimIn
	pushDone := make(chan int)
	go func() { // exits when the push is answered
		code, _ := ts.call(t, "POST", "/api/v1/decisions", tok, push)
		pushDone <- code
	}()
	// the claim goes on once the push waits at the gate (or, were there
	// no gate, has read its stories)
	for {
		srv.claims.mu.Lock()
		waiting := srv.claims.waiting
		srv.claims.mu.Unlock()
		st.mu.Lock()
		read := slices.Contains(st.events, "push read")
		st.mu.Unlock()
		if waiting > 0 || read {
			break
		}
		time.Sleep(time.Millisecond)
	}
	st.release <- struct{}{}
	if code := <-claimDone; code != http.StatusOK {
		t.Errorf("second claim: got %d, want 200", code)
	}
	if code := <-pushDone; code != http.StatusOK {
		t.Errorf("push: got %d, want 200", code)
	}
	st.mu.Lock()
	defer st.mu.Unlock()
	if want := []string{"claim answered", "claim answered", "push read"}; !slices.Equal(st.events, want) {
		t.Errorf("got events %v, want %v", st.events, want)
	}
}

func TestClaimGate(t *testing.T) {
	for _, tc := range []struct {
		name   string
		claims int                // in flight when the push arrives
		max    time.Duration      // the gate's bound
		after  func(g *claimGate) // done after the push started waiting
		cancel bool               // the push's context ends
	}{
		{name: "no claims", max: time.Hour},
		{name: "claim answered", claims: 1, max: time.Hour, after: func(g *claimGate) { g.leave() }},
		{name: "two claims answered", claims: 2, max: time.Hour, after: func(g *claimGate) { g.leave(); g.leave() }},
		{name: "push gone", claims: 1, max: time.Hour, cancel: true},
		{name: "bound", claims: 1, max: time.Nanosecond},
	} {
		g := &claimGate{max: tc.max}
		for range tc.claims {
			g.enter()
		}
		ctx, cancel := context.WithCancel(context.Background())
		done := make(chan struct{})
		go func() { // exits when wait returns
			g.wait(ctx)
			close(done)
		}()
		if tc.after != nil {
			tc.after(g)
		}
		if tc.cancel {
			cancel()
		}
		<-done // a wait that never returns fails the test by its timeout
		cancel()
	}
	// after a burst the gate stays shut for its tail, also for claims
	// that come and go meanwhile, and then opens by itself
	for _, tc := range []struct {
		name        string
		burst, in   int
		tail        time.Duration
		shutAfter   bool // whether the gate is still shut after the claims left
		thenOneMore bool // a claim comes and goes after them
	}{
		{name: "below a burst", burst: 3, in: 2, tail: time.Hour, shutAfter: false},
		{name: "no tail configured", burst: 0, in: 5, tail: time.Hour, shutAfter: false},
		{name: "a burst", burst: 3, in: 3, tail: time.Hour, shutAfter: true},
		{name: "a claim in the tail", burst: 3, in: 3, tail: time.Hour, shutAfter: true, thenOneMore: true},
	} {
		g := &claimGate{max: time.Hour, burst: tc.burst, tail: tc.tail}
		for range tc.in {
			g.enter()
		}
		for range tc.in {
			g.leave()
		}
		if tc.thenOneMore {
			g.enter()
			g.leave()
		}
		if shut := g.idle != nil; shut != tc.shutAfter {
			t.Errorf("%s: gate shut after the claims left: got %v, want %v", tc.name, shut, tc.shutAfter)
		}
	}
	burst := &claimGate{max: time.Hour, burst: 2, tail: time.Nanosecond}
	burst.enter()
	burst.enter()
	burst.leave()
	burst.leave()
	burst.wait(context.Background()) // returns once the tail is over (else the test times out)

	// a gate that has emptied opens again for the next claims
	g := &claimGate{max: time.Hour}
	g.enter()
	g.leave()
	g.enter()
	if g.idle == nil || g.n != 1 {
		t.Errorf("after a claim in, out and in again: got n %d, idle %v; want 1 claim, a channel", g.n, g.idle)
	}
}
