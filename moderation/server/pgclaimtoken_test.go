package server

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/storydesk/storydesk/moderation"
	storysync "github.com/storydesk/storydesk/moderation/sync"
)

// TestPGClaimChecksTheTokenInTheClaim sends claims through the handler on
// PostgreSQL, where the token is checked in the claim's own statement:
// the answers match those of the usual authentication, nothing is leased
// to a refused caller, and a token taken out of the database stops
// claiming at once, though this server has seen it.
func TestPGClaimChecksTheTokenInTheClaim(t *testing.T) {
	ctx := context.Background()
	s := openTestPG(t)
	defer s.Close()
	if _, err := s.AddStories(ctx, testStories("s", 20)); err != nil {
		t.Fatal(err)
	}
	for _, u := range []User{{"mo", RoleModerator}, {"tr", RoleTrainer}, {"sue", RoleSupervisor}} {
		if err := s.AddUser(ctx, u, HashToken("tok-"+u.Name)); err != nil {
			t.Fatal(err)
		}
	}
	srv := httptest.NewServer(New(s, Options{}))
	defer srv.Close()
	claim := func(token, body string) (int, string, []storysync.Story) {
		status, b := callURL(t, http.MethodPost, srv.URL+"/api/v1/claims", token, []byte(body))
		var out struct {
			storysync.ClaimResponse
			storysync.ErrorBody
		}
		json.Unmarshal(b, &out)
		return status, out.Error.Code, out.Stories
	}
	tests := []struct {
		name, token, body string
		status            int
		code              string
		stories           []string
	}{
		{"moderator", "tok-mo", `{"max":2}`, 200, "", []string{"s000", "s001"}},
		{"trainer", "tok-tr", `{"max":2}`, 403, moderation.EFORBIDDEN, nil},
		{"unknown token", "tok-nobody", `{"max":2}`, 401, moderation.EUNAUTHORIZED, nil},
		{"no token", "", `{"max":2}`, 401, moderation.EUNAUTHORIZED, nil},
		{"unknown token, bad body", "tok-nobody", `{"max":0}`, 401, moderation.EUNAUTHORIZED, nil},
		{"trainer, bad body", "tok-tr", `{"max":"x"}`, 403, moderation.EFORBIDDEN, nil},
		{"moderator, bad body", "tok-mo", `{"max":0}`, 400, moderation.EINVALID, nil},
		{"unknown token, NUL request id", "tok-nobody", `{"max":1,"request_id":"a\u0000"}`, 401, moderation.EUNAUTHORIZED, nil},
		{"moderator, NUL request id", "tok-mo", `{"max":1,"request_id":"a\u0000"}`, 400, moderation.EINVALID, nil},
		{"supervisor, after the refusals", "tok-sue", `{"max":2,"request_id":"r1"}`, 200, "", []string{"s002", "s003"}},
		{"supervisor, the same request again", "tok-sue", `{"max":2,"request_id":"r1"}`, 200, "", []string{"s002", "s003"}},
	}
	for _, tc := range tests {
		status, code, stories := claim(tc.token, tc.body)
		if status != tc.status || code != tc.code || !slices.Equal(ids(stories), tc.stories) {
			t.Errorf("%s: got %d %q %v, want %d %q %v", tc.name, status, code, ids(stories), tc.status, tc.code, tc.stories)
		}
	}
	checkPGQueue(t, s)

	// the token's user goes (by hand: there is no command for it); its
	// next claim is refused although the server cached it for pushes
	if _, err := s.Pool().Exec(ctx, `DELETE FROM users WHERE name = 'mo'`); err != nil {
		t.Fatal(err)
	}
	if status, code, stories := claim("tok-mo", `{"max":2}`); status != 401 || code != moderation.EUNAUTHORIZED || len(stories) != 0 {
		t.Errorf("claim with a removed token: got %d %q %v, want 401 %q and no stories", status, code, ids(stories), moderation.EUNAUTHORIZED)
	}
	if status, _, stories := claim("tok-sue", `{"max":2}`); status != 200 || !slices.Equal(ids(stories), []string{"s004", "s005"}) {
		t.Errorf("claim after the refused one: got %d %v, want 200 [s004 s005]", status, ids(stories))
	}
}

// TestPGClaimsByTokenAndByNameInOneBatch sends claims by token (known,
// unknown, a refused role, repeated request ids) and by user name at
// once, so they share batches: each gets its own user's stories or its
// refusal, no story is leased twice, and a repeated request gets the
// first one's leases.
func TestPGClaimsByTokenAndByNameInOneBatch(t *testing.T) {
	ctx := context.Background()
	s := openTestPG(t)
	defer s.Close()
	if _, err := s.AddStories(ctx, testStories("s", 400)); err != nil {
		t.Fatal(err)
	}
	const users = 10
	for u := range users {
		role := RoleModerator
		if u == 0 {
			role = RoleTrainer
		}
		if err := s.AddUser(ctx, User{Name: fmt.Sprintf("m%d", u), Role: role}, HashToken(fmt.Sprintf("tok-%d", u))); err != nil {
			t.Fatal(err)
		}
	}
	mod := []Role{RoleModerator, RoleSupervisor, RoleAdmin}
	type answer struct {
		who     string // the user the store names, or the name claimed for
		stories []storysync.Story
		err     error
	}
	// per user: a claim by token (twice with one request id), one with
	// an unknown token, and one by name
	var got [users][4]answer
	var wg sync.WaitGroup
	for u := range users {
		for k := range 4 {
			wg.Add(1)
			go func() { // exits when the claim returns
				defer wg.Done()
				a := &got[u][k]
				var usr User
				switch k {
				case 0, 1:
					usr, a.stories, a.err = s.ClaimByToken(ctx, HashToken(fmt.Sprintf("tok-%d", u)), mod, "r", 5, time.Hour, t0)
				case 2:
					usr, a.stories, a.err = s.ClaimByToken(ctx, HashToken(fmt.Sprintf("tok-x%d", u)), mod, "r", 5, time.Hour, t0)
				case 3:
					usr.Name = fmt.Sprintf("n%d", u)
					a.stories, a.err = s.ClaimRequest(ctx, usr.Name, "r", 5, time.Hour, t0)
				}
				a.who = usr.Name
			}()
		}
	}
	wg.Wait()
	owner := map[string]string{}
	lease := func(who string, ss []storysync.Story) {
		for _, st := range ss {
			if o, ok := owner[st.ID]; ok {
				t.Errorf("story %s leased to %s and %s", st.ID, o, who)
			}
			owner[st.ID] = who
			if st.Title != "A visit" || st.LeaseID == "" || st.LeaseExpiresAt == nil || !st.LeaseExpiresAt.Equal(t0.Add(time.Hour)) {
				t.Errorf("story %s of %s: got title %q, lease %q until %v; want the story and its lease", st.ID, who, st.Title, st.LeaseID, st.LeaseExpiresAt)
			}
		}
	}
	for u := range users {
		name := fmt.Sprintf("m%d", u)
		a, b := got[u][0], got[u][1]
		if u == 0 {
			for _, x := range []answer{a, b} {
				if moderation.ErrorCode(x.err) != moderation.EFORBIDDEN || x.who != name || len(x.stories) != 0 {
					t.Errorf("trainer's claim: got %s, %d stories, %v; want %s, none, EFORBIDDEN", x.who, len(x.stories), x.err, name)
				}
			}
		} else {
			if a.err != nil || b.err != nil || a.who != name || b.who != name || len(a.stories) != 5 || !slices.Equal(leases(a.stories), leases(b.stories)) {
				t.Errorf("%s sent request r twice at once: got %s %v %v and %s %v %v; want the same 5 leases", name, a.who, leases(a.stories), a.err, b.who, leases(b.stories), b.err)
			}
			if !slices.Equal(ids(a.stories), ids(b.stories)) {
				t.Errorf("%s's repeated request: got stories %v and %v, want the same", name, ids(a.stories), ids(b.stories))
			}
			lease(name, a.stories)
		}
		if x := got[u][2]; moderation.ErrorCode(x.err) != moderation.ENOTFOUND || len(x.stories) != 0 {
			t.Errorf("unknown token: got %d stories, %v; want none, ENOTFOUND", len(x.stories), x.err)
		}
		if x := got[u][3]; x.err != nil || len(x.stories) != 5 {
			t.Errorf("claim by name for %s: got %d stories, %v; want 5", x.who, len(x.stories), x.err)
		} else {
			lease(x.who, x.stories)
		}
	}
	// every lease is held by the user it was given to
	var wrong int
	err := s.Pool().QueryRow(ctx, `SELECT count(*) FROM claims c, unnest(c.seqs) AS x(seq), stories s
		WHERE s.seq = x.seq AND s.id = ANY($1) AND c.holder <> ($2::text[])[array_position($1, s.id)]`,
		mapKeys(owner), mapValues(owner)).Scan(&wrong)
	if err != nil || wrong != 0 {
		t.Errorf("claims held by another user than the answer's: %d (%v), want 0", wrong, err)
	}
	checkPGQueue(t, s)
}

func mapKeys(m map[string]string) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

func mapValues(m map[string]string) []string {
	out := make([]string, 0, len(m))
	for _, k := range mapKeys(m) {
		out = append(out, m[k])
	}
	return out
}

// TestPGClaimAnswersEveryField claims stories whose fields differ from
// one to the next (a submission time on every other one), as one run of
// seqs and, after releases, from the pool: each answer holds its own
// story's fields, none left over from the story read before it.
func TestPGClaimAnswersEveryField(t *testing.T) {
	ctx := context.Background()
	s := openTestPG(t)
	defer s.Close()
	in := make([]storysync.Story, 12)
	for i := range in {
		in[i] = storysync.Story{ID: fmt.Sprintf("s%02d", i), Title: fmt.Sprintf("Title %d", i), Body: fmt.Sprintf("Body %d.", i),
			Service: fmt.Sprintf("Service %d", i), ServiceType: fmt.Sprintf("type %d", i), AuthorRole: fmt.Sprintf("role %d", i)}
		if i%2 == 0 {
			sub := t0.Add(time.Duration(i) * time.Hour)
			in[i].SubmittedAt = &sub
		}
	}
	if _, err := s.AddStories(ctx, in); err != nil {
		t.Fatal(err)
	}
	if err := s.AddUser(ctx, User{Name: "mo", Role: RoleModerator}, HashToken("tok")); err != nil {
		t.Fatal(err)
	}
	mod := []Role{RoleModerator}
	check := func(what string, got []storysync.Story, want []storysync.Story) {
		t.Helper()
		if len(got) != len(want) {
			t.Fatalf("%s: got %v, want %v", what, ids(got), ids(want))
		}
		for i, g := range got {
			w := want[i]
			subEq := (g.SubmittedAt == nil) == (w.SubmittedAt == nil) && (g.SubmittedAt == nil || g.SubmittedAt.Equal(*w.SubmittedAt))
			if g.ID != w.ID || g.Title != w.Title || g.Body != w.Body || g.Service != w.Service || g.ServiceType != w.ServiceType ||
				g.AuthorRole != w.AuthorRole || !subEq || g.Status != "pending" || g.Version != 1 || g.LeaseID == "" {
				t.Errorf("%s, story %d: got %+v, want the fields of %+v", what, i, g, w)
			}
		}
	}
	_, first, err := s.ClaimByToken(ctx, HashToken("tok"), mod, "r1", 8, time.Hour, t0)
	if err != nil {
		t.Fatal(err)
	}
	check("one run", first, in[:8])
	// give back every other one: the next claim takes them from the pool
	// (not one run of seqs) and then the fresh ones
	var back []string
	for i := 0; i < 8; i += 2 {
		back = append(back, first[i].LeaseID)
	}
	if _, err := s.Release(ctx, "mo", back); err != nil {
		t.Fatal(err)
	}
	_, next, err := s.ClaimByToken(ctx, HashToken("tok"), mod, "r2", 6, time.Hour, t0)
	if err != nil {
		t.Fatal(err)
	}
	check("from the pool, then fresh", next, []storysync.Story{in[0], in[2], in[4], in[6], in[8], in[9]})
	checkPGQueue(t, s)
}
