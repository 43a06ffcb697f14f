// Package server is the StoryDesk queue server: the HTTP API of protocol
// version 1 (DESIGN.md, "Queue protocol"), bearer-token auth with roles,
// leases, and the server's store behind the Store interface (SQLite here,
// PostgreSQL later).
package server

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/storydesk/storydesk/moderation"
	storysync "github.com/storydesk/storydesk/moderation/sync"
)

// Defaults for Options.
const (
	DefaultLease    = 24 * time.Hour
	DefaultMaxBody  = 8 << 20 // bytes in one request
	DefaultMaxClaim = 500     // stories in one claim
	DefaultMaxBatch = 1000    // decisions or stories in one request
)

// Log attribute keys.
const (
	logRoute    = "route"
	logStatus   = "status"
	logUser     = "user"
	logDuration = "duration"
	logCount    = "count"
	logCode     = "code"
)

// Options configure a Server. Zero values take the defaults.
type Options struct {
	Lease    time.Duration
	MaxBody  int64
	MaxClaim int
	MaxBatch int
	Logger   *slog.Logger
	Now      func() time.Time
}

// Server is the HTTP handler of the queue API.
type Server struct {
	store Store
	opt   Options
	log   *slog.Logger
	mux   *http.ServeMux
	auth  authCache
	// claims being served, which pushes give way to (see claimGate);
	// nil unless the store asks for it
	claims *claimGate
}

const claimsRoute = "POST /api/v1/claims"

// pushesYieldToClaims is implemented by stores on which a push should
// give way to the claims being served (PGStore).
type pushesYieldToClaims interface {
	pushesYieldToClaims() bool
}

// claimGate counts the claim requests a server is serving, from before
// their authentication to their answer. A push waits until none is left,
// for at most max (maxYield), before it reads its body: a moderator waits
// for a claim's answer, while a push goes out in the background (the
// desktop app's outbox) and costs several times a claim's CPU, in the
// server and in the database. When a team starts at once, the moderators
// served first would otherwise push while the others still wait for
// their first stories, on the same cores.
//
// After a burst (at least burst claims in flight at once) the gate stays
// shut for tail after its last claim is answered: when a team starts at
// once, this server's pushes would otherwise start as soon as its own
// share of the first claims is served, while the other replicas still
// serve theirs on the same cores and database (in one start burst the
// replicas spent several times more CPU on pushes than on claims).
type claimGate struct {
	max     time.Duration
	burst   int           // claims in flight at once that make a burst (0: no tail)
	tail    time.Duration // how long the gate stays shut after a burst
	mu      sync.Mutex
	n       int
	peak    int           // most claims in flight at once since the gate was open or the last burst ended
	shut    time.Time     // the end of the last burst's tail
	idle    chan struct{} // closed when the gate opens; nil while it is open
	waiting int           // pushes waiting
}

// Bounds of claimGate: maxYield bounds how long a push waits for claims,
// so a steady stream of claims cannot hold pushes back; after
// burstClaims claims in flight at once the gate stays shut burstTail
// longer.
const (
	maxYield    = 100 * time.Millisecond
	burstClaims = 10
	burstTail   = 50 * time.Millisecond
)

func (g *claimGate) enter() {
	g.mu.Lock()
	if g.idle == nil {
		g.idle = make(chan struct{})
	}
	g.n++
	g.peak = max(g.peak, g.n)
	g.mu.Unlock()
}

func (g *claimGate) leave() {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.n--
	if g.n > 0 {
		return
	}
	now := time.Now()
	if g.burst > 0 && g.peak >= g.burst {
		// a burst ended: shut for its tail, then the usual rule again
		g.peak, g.shut = 0, now.Add(g.tail)
		time.AfterFunc(g.tail, g.afterTail)
		return
	}
	if now.Before(g.shut) {
		return // in a burst's tail: afterTail opens it
	}
	g.open()
}

// afterTail opens the gate at the end of a burst's tail if no claim is
// being served (else the last one to be answered opens it).
func (g *claimGate) afterTail() {
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.n == 0 && g.idle != nil && !time.Now().Before(g.shut) {
		g.open()
	}
}

// open lets the waiting pushes go; g.mu is held.
func (g *claimGate) open() {
	close(g.idle)
	g.idle, g.peak = nil, 0
}

// wait returns when the gate opens (no claim is being served, and no
// burst's tail is running), after g.max, or when ctx ends.
func (g *claimGate) wait(ctx context.Context) {
	g.mu.Lock()
	idle := g.idle
	if idle != nil {
		g.waiting++
	}
	g.mu.Unlock()
	if idle == nil {
		return
	}
	defer func() {
		g.mu.Lock()
		g.waiting--
		g.mu.Unlock()
	}()
	t := time.NewTimer(g.max)
	defer t.Stop()
	select {
	case <-idle:
	case <-t.C:
	case <-ctx.Done():
	}
}

// authTTL is how long a replica trusts a token it has looked up: within
// it a user's next requests cost no database round trip. Tokens are only
// ever added (storydesk-server user add), so the cache delays nothing but
// a change made by hand in the database, by at most this long. Claims on
// a TokenClaimer store (PostgreSQL) do not use it: their own statement
// checks the token every time, at no extra round trip.
const authTTL = 10 * time.Second

// authCache maps token hashes to the users they authenticated, each until
// its expiry. Unknown tokens are not cached, so a new token works at once.
type authCache struct {
	mu sync.Mutex
	m  map[[sha256.Size]byte]authEntry
}

type authEntry struct {
	u   User
	exp time.Time
}

// maxAuthCache bounds the cache; when it is full, expired entries go, and
// if none had expired, all do.
const maxAuthCache = 10_000

func (c *authCache) get(h [sha256.Size]byte, now time.Time) (User, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.m[h]
	if !ok || now.After(e.exp) {
		return User{}, false
	}
	return e.u, true
}

func (c *authCache) put(h [sha256.Size]byte, u User, now time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.m == nil {
		c.m = make(map[[sha256.Size]byte]authEntry)
	}
	if len(c.m) >= maxAuthCache {
		for k, e := range c.m {
			if now.After(e.exp) {
				delete(c.m, k)
			}
		}
		if len(c.m) >= maxAuthCache {
			clear(c.m)
		}
	}
	c.m[h] = authEntry{u: u, exp: now.Add(authTTL)}
}

// New returns the API handler over store.
func New(store Store, opt Options) *Server {
	if opt.Lease <= 0 {
		opt.Lease = DefaultLease
	}
	if opt.MaxBody <= 0 {
		opt.MaxBody = DefaultMaxBody
	}
	if opt.MaxClaim <= 0 {
		opt.MaxClaim = DefaultMaxClaim
	}
	if opt.MaxBatch <= 0 {
		opt.MaxBatch = DefaultMaxBatch
	}
	if opt.Now == nil {
		opt.Now = time.Now
	}
	log := opt.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	s := &Server{store: store, opt: opt, log: log, mux: http.NewServeMux()}
	if y, ok := store.(pushesYieldToClaims); ok && y.pushesYieldToClaims() {
		s.claims = &claimGate{max: maxYield, burst: burstClaims, tail: burstTail}
	}
	mod := []Role{RoleModerator, RoleSupervisor, RoleAdmin}
	sup := []Role{RoleSupervisor, RoleAdmin}
	s.mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, http.StatusOK, map[string]string{"status": "ok"})
	})
	s.mux.HandleFunc("GET /readyz", s.ready)
	s.route(claimsRoute, mod, s.claim)
	s.route("POST /api/v1/claims/renew", mod, s.renew)
	s.route("POST /api/v1/claims/release", mod, s.release)
	s.route("POST /api/v1/decisions", mod, s.decide)
	s.route("GET /api/v1/decisions", sup, s.history)
	s.route("GET /api/v1/stories/{id}", sup, s.story)
	s.route("POST /api/v1/stories", []Role{RoleAdmin}, s.ingest)
	s.mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		writeError(w, http.StatusNotFound, &moderation.Error{Code: moderation.ENOTFOUND, Message: "no such route"})
	})
	return s
}

// pinger is a store that can check its database (PGStore).
type pinger interface {
	Ping(ctx context.Context) error
}

// ready answers /readyz: 200 when the store's database answers, 503 if
// not, so a load balancer sends no traffic to a replica that cannot work.
func (s *Server) ready(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
	defer cancel()
	var err error
	if p, ok := s.store.(pinger); ok {
		err = p.Ping(ctx)
	} else if _, err = s.store.UserByTokenHash(ctx, HashToken("")); moderation.ErrorCode(err) == moderation.ENOTFOUND {
		err = nil // the query ran: the database answers
	}
	if err != nil {
		s.log.WarnContext(r.Context(), "not ready", slog.String(logCode, moderation.ErrorCode(err)), slog.String("error", err.Error()))
		writeError(w, http.StatusServiceUnavailable, moderation.Errorf(moderation.EUNAVAILABLE, "database unavailable"))
		return
	}
	writeJSON(w, http.StatusOK, map[string]string{"status": "ready"})
}

// ServeHTTP implements http.Handler.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) { s.mux.ServeHTTP(w, r) }

type handlerFunc func(w http.ResponseWriter, r *http.Request, u User) (status int, count int, err error)

// route registers h behind authentication and the role check, with a size
// limit on the body and one structured log line per request.
func (s *Server) route(pattern string, roles []Role, h handlerFunc) {
	gate := s.claims
	tc, _ := s.store.(TokenClaimer)
	if pattern != claimsRoute {
		gate, tc = nil, nil
	}
	s.mux.HandleFunc(pattern, func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		if gate != nil {
			// from before authentication: a team's first claims wait
			// for their token look-ups first
			gate.enter()
			defer gate.leave()
		}
		r.Body = http.MaxBytesReader(w, r.Body, s.opt.MaxBody)
		var u User
		var status, count int
		var err error
		if tc != nil {
			u, status, count, err = s.claimByToken(w, r, tc, roles, h)
		} else {
			u, status, count, err = s.serve(w, r, roles, h)
		}
		attrs := []any{slog.String(logRoute, pattern), slog.Int(logStatus, status),
			slog.String(logUser, u.Name), slog.Duration(logDuration, time.Since(start)), slog.Int(logCount, count)}
		if err != nil {
			attrs = append(attrs, slog.String(logCode, moderation.ErrorCode(err)))
			if status >= 500 {
				// the error text names ids and operations, never story text
				attrs = append(attrs, slog.String("error", err.Error()))
			}
		}
		s.log.InfoContext(r.Context(), "request", attrs...)
	})
}

func (s *Server) serve(w http.ResponseWriter, r *http.Request, roles []Role, h handlerFunc) (User, int, int, error) {
	u, err := s.authenticate(r)
	if err != nil {
		status := statusOf(err)
		writeError(w, status, err)
		return u, status, 0, err
	}
	allowed := false
	for _, role := range roles {
		allowed = allowed || u.Role == role
	}
	if !allowed {
		err := moderation.Errorf(moderation.EFORBIDDEN, "role %s may not use this route", u.Role)
		writeError(w, http.StatusForbidden, err)
		return u, http.StatusForbidden, 0, err
	}
	status, count, err := h(w, r, u)
	if err != nil {
		status = statusOf(err)
		writeError(w, status, err)
	}
	return u, status, count, err
}

// claimByToken serves a claim on a TokenClaimer store: the token is
// checked in the claim's own database statement, whether or not this
// server has seen it (claims never use authCache). A request without a
// bearer token, or whose body is not a valid claim, goes the usual way
// (serve, with h), so it gets the same answer as on other stores: the
// token is judged before the body.
func (s *Server) claimByToken(w http.ResponseWriter, r *http.Request, tc TokenClaimer, roles []Role, h handlerFunc) (User, int, int, error) {
	token, ok := bearerToken(r)
	if !ok {
		return s.serve(w, r, roles, h)
	}
	req, err := s.claimRequest(r)
	if err != nil {
		return s.serve(w, r, roles, func(http.ResponseWriter, *http.Request, User) (int, int, error) { return 0, 0, err })
	}
	hash := sha256.Sum256([]byte(token))
	u, stories, err := tc.ClaimByToken(r.Context(), hash[:], roles, req.RequestID, req.Max, s.opt.Lease, s.opt.Now())
	if moderation.ErrorCode(err) == moderation.ENOTFOUND {
		err = moderation.Errorf(moderation.EUNAUTHORIZED, "unknown token")
	}
	if err != nil {
		status := statusOf(err)
		writeError(w, status, err)
		return u, status, 0, err
	}
	s.auth.put(hash, u, time.Now()) // the same moderator's pushes follow
	writeClaimAnswer(w, stories)
	return u, http.StatusOK, len(stories), nil
}

// bearerToken is the request's bearer token; false if it has none.
func bearerToken(r *http.Request) (string, bool) {
	token, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
	return token, ok && token != ""
}

func (s *Server) authenticate(r *http.Request) (User, error) {
	token, ok := bearerToken(r)
	if !ok {
		return User{}, moderation.Errorf(moderation.EUNAUTHORIZED, "missing bearer token")
	}
	h := sha256.Sum256([]byte(token))
	now := time.Now() // real time, not opt.Now: the cache is about wall-clock staleness
	if u, ok := s.auth.get(h, now); ok {
		return u, nil
	}
	u, err := s.store.UserByTokenHash(r.Context(), h[:])
	if moderation.ErrorCode(err) == moderation.ENOTFOUND {
		return User{}, moderation.Errorf(moderation.EUNAUTHORIZED, "unknown token")
	} else if err != nil {
		return User{}, err
	}
	s.auth.put(h, u, now)
	return u, nil
}

// NewToken returns a new random bearer token.
func NewToken() (string, error) {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		return "", fmt.Errorf("new token: %w", err)
	}
	return "sdk_" + base64.RawURLEncoding.EncodeToString(b), nil
}

// HashToken is the SHA-256 of a token, the only form the server stores.
func HashToken(token string) []byte {
	h := sha256.Sum256([]byte(token))
	return h[:]
}

func statusOf(err error) int {
	switch moderation.ErrorCode(err) {
	case moderation.EINVALID:
		return http.StatusBadRequest
	case moderation.EUNAUTHORIZED:
		return http.StatusUnauthorized
	case moderation.EFORBIDDEN:
		return http.StatusForbidden
	case moderation.ENOTFOUND:
		return http.StatusNotFound
	case moderation.ECONFLICT:
		return http.StatusConflict
	case moderation.EUNAVAILABLE:
		return http.StatusServiceUnavailable
	}
	return http.StatusInternalServerError
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(v)
}

func writeError(w http.ResponseWriter, status int, err error) {
	d := storysync.ErrorDetail{Code: moderation.ErrorCode(err), Message: err.Error(), Field: moderation.ErrorField(err)}
	if status >= 500 {
		d.Message = "internal error" // details go to the log only
	}
	if i := ItemOf(err); i >= 0 {
		d.Item = &i
		if d.Field != "" {
			d.Field = fmt.Sprintf("[%d].%s", i, d.Field)
		}
	}
	writeJSON(w, status, storysync.ErrorBody{Error: d})
}

func invalid(field, format string, args ...any) error {
	return moderation.Invalidf(field, format, args...)
}

// decodeBody reads a JSON request body into v: size-limited, valid UTF-8,
// no unknown fields, nothing after the value.
func decodeBody(r *http.Request, v any) error {
	raw, err := io.ReadAll(r.Body)
	var tooBig *http.MaxBytesError
	if errors.As(err, &tooBig) {
		return invalid("body", "larger than %d bytes", tooBig.Limit)
	} else if err != nil {
		return invalid("body", "unreadable: %v", err)
	}
	if !utf8.Valid(raw) {
		return invalid(invalidUTF8Field(raw), "not valid UTF-8")
	}
	dec := json.NewDecoder(strings.NewReader(string(raw)))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		var te *json.UnmarshalTypeError
		if errors.As(err, &te) {
			return invalid(te.Field, "wrong type: want %s", te.Type)
		}
		if f, ok := strings.CutPrefix(err.Error(), "json: unknown field "); ok {
			return invalid(strings.Trim(f, `"`), "unknown field")
		}
		return invalid("body", "invalid JSON: %v", err)
	}
	// not dec.More: it is false for a stray ']' or '}' after the value
	if _, err := dec.Token(); err != io.EOF {
		return invalid("body", "invalid JSON: data after the value")
	}
	return nil
}

// invalidUTF8Field names the JSON path ("[3].note") of the value holding
// the first invalid UTF-8 byte of raw, or "body" if it cannot tell.
func invalidUTF8Field(raw []byte) string {
	bad := 0
	for bad < len(raw) {
		r, n := utf8.DecodeRune(raw[bad:])
		if r == utf8.RuneError && n <= 1 {
			break
		}
		bad += n
	}
	// walk the JSON up to the bad byte keeping the path of keys and indexes
	type level struct {
		array bool
		index int
		key   string
	}
	var stack []level
	inString, escaped, keyNext := false, false, false
	var cur []byte
	lastString := ""
	for i := 0; i < bad && i < len(raw); i++ {
		c := raw[i]
		if inString {
			switch {
			case escaped:
				escaped = false
			case c == '\\':
				escaped = true
			case c == '"':
				inString = false
				lastString = string(cur)
			default:
				cur = append(cur, c)
			}
			continue
		}
		switch c {
		case '"':
			inString, cur = true, cur[:0]
		case '{':
			stack = append(stack, level{})
			keyNext = true
		case '[':
			stack = append(stack, level{array: true})
		case '}', ']':
			if len(stack) > 0 {
				stack = stack[:len(stack)-1]
			}
		case ':':
			if len(stack) > 0 && keyNext {
				stack[len(stack)-1].key = lastString
				keyNext = false
			}
		case ',':
			if len(stack) > 0 {
				if stack[len(stack)-1].array {
					stack[len(stack)-1].index++
				} else {
					keyNext = true
				}
			}
		}
	}
	var b strings.Builder
	for _, l := range stack {
		if l.array {
			fmt.Fprintf(&b, "[%d]", l.index)
		} else if l.key != "" {
			if b.Len() > 0 {
				b.WriteByte('.')
			}
			b.WriteString(l.key)
		}
	}
	if b.Len() == 0 {
		return "body"
	}
	return b.String()
}

// claimRequest reads and checks a claim request's body.
func (s *Server) claimRequest(r *http.Request) (storysync.ClaimRequest, error) {
	var req storysync.ClaimRequest
	if err := decodeBody(r, &req); err != nil {
		return req, err
	}
	if req.Max < 1 || req.Max > s.opt.MaxClaim {
		return req, invalid("max", "must be 1..%d", s.opt.MaxClaim)
	}
	if len(req.RequestID) > 100 {
		return req, invalid("request_id", "longer than 100 bytes")
	}
	return req, nil
}

func (s *Server) claim(w http.ResponseWriter, r *http.Request, u User) (int, int, error) {
	req, err := s.claimRequest(r)
	if err != nil {
		return 0, 0, err
	}
	var stories []storysync.Story
	if rc, ok := s.store.(RequestClaimer); ok && req.RequestID != "" {
		stories, err = rc.ClaimRequest(r.Context(), u.Name, req.RequestID, req.Max, s.opt.Lease, s.opt.Now())
	} else {
		stories, err = s.store.Claim(r.Context(), u.Name, req.Max, s.opt.Lease, s.opt.Now())
	}
	if err != nil {
		return 0, 0, err
	}
	writeClaimAnswer(w, stories)
	return http.StatusOK, len(stories), nil
}

func (s *Server) leaseRequest(r *http.Request) ([]string, error) {
	var req storysync.LeaseRequest
	if err := decodeBody(r, &req); err != nil {
		return nil, err
	}
	if len(req.LeaseIDs) > s.opt.MaxBatch {
		return nil, invalid("lease_ids", "more than %d", s.opt.MaxBatch)
	}
	for i, id := range req.LeaseIDs {
		if id == "" {
			return nil, invalid(fmt.Sprintf("lease_ids[%d]", i), "empty")
		}
	}
	return req.LeaseIDs, nil
}

func (s *Server) renew(w http.ResponseWriter, r *http.Request, u User) (int, int, error) {
	ids, err := s.leaseRequest(r)
	if err != nil {
		return 0, 0, err
	}
	res, err := s.store.Renew(r.Context(), u.Name, ids, s.opt.Lease, s.opt.Now())
	if err != nil {
		return 0, 0, err
	}
	writeJSON(w, http.StatusOK, storysync.LeaseResponse{Leases: res})
	return http.StatusOK, len(res), nil
}

func (s *Server) release(w http.ResponseWriter, r *http.Request, u User) (int, int, error) {
	ids, err := s.leaseRequest(r)
	if err != nil {
		return 0, 0, err
	}
	res, err := s.store.Release(r.Context(), u.Name, ids)
	if err != nil {
		return 0, 0, err
	}
	writeJSON(w, http.StatusOK, storysync.LeaseResponse{Leases: res})
	return http.StatusOK, len(res), nil
}

func (s *Server) decide(w http.ResponseWriter, r *http.Request, u User) (int, int, error) {
	if s.claims != nil {
		s.claims.wait(r.Context())
	}
	var batch []storysync.Decision
	if err := decodeBody(r, &batch); err != nil {
		return 0, 0, err
	}
	if len(batch) == 0 || len(batch) > s.opt.MaxBatch {
		return 0, 0, invalid("body", "a batch holds 1..%d decisions", s.opt.MaxBatch)
	}
	ids := make([]string, len(batch))
	for i, d := range batch {
		ids[i] = d.StoryID
	}
	bodies, err := s.store.Bodies(r.Context(), ids)
	if err != nil {
		return 0, 0, err
	}
	seen := make(map[string]bool, len(batch))
	for i, wd := range batch {
		if err := ValidateDecision(wd, bodies); err != nil {
			return 0, 0, &ItemError{Item: i, Err: err}
		}
		if seen[wd.ID] {
			return 0, 0, &ItemError{Item: i, Err: invalid("id", "%s appears twice in the batch", wd.ID)}
		}
		seen[wd.ID] = true
		if wd.Supersedes != "" && u.Role != RoleSupervisor && u.Role != RoleAdmin {
			return 0, 0, &ItemError{Item: i, Err: &moderation.Error{Code: moderation.EFORBIDDEN, Field: "supersedes", Message: "only a supervisor may override a decision"}}
		}
	}
	res, err := s.store.Decide(r.Context(), u, batch, s.opt.Now())
	if err != nil {
		return 0, 0, err
	}
	writeJSON(w, http.StatusOK, storysync.DecisionsResponse{Results: res})
	return http.StatusOK, len(res), nil
}

// ValidateDecision checks a wire decision against the policy and the
// story body it is about (bodies by story id).
func ValidateDecision(wd storysync.Decision, bodies map[string]string) error {
	if wd.StoryID == "" {
		return invalid("story_id", "missing")
	}
	body, ok := bodies[wd.StoryID]
	if !ok {
		return invalid("story_id", "unknown story %s", wd.StoryID)
	}
	if wd.DecidedAt.IsZero() {
		return invalid("decided_at", "missing")
	}
	// the decision is stored as JSON in UTC (Canonical), which only holds
	// the years 0..9999
	if _, err := wd.DecidedAt.UTC().MarshalJSON(); err != nil {
		return invalid("decided_at", "year outside 0..9999 in UTC")
	}
	if wd.ReviewAt != nil {
		if _, err := wd.ReviewAt.UTC().MarshalJSON(); err != nil {
			return invalid("review_at", "year outside 0..9999 in UTC")
		}
	}
	d, err := storysync.DecisionFromWire(wd, body)
	if err != nil {
		return err
	}
	if err := d.Validate(body); err != nil {
		if moderation.ErrorField(err) == "spans" {
			return invalid("redactions", "%s", strings.TrimPrefix(err.Error(), "spans: "))
		}
		return err
	}
	if d.Supersedes == "" && d.LeaseID == "" {
		return invalid("lease_id", "missing")
	}
	return nil
}

func (s *Server) history(w http.ResponseWriter, r *http.Request, u User) (int, int, error) {
	q := r.URL.Query()
	after, err := ParseCursor(q.Get("after"))
	if err != nil {
		return 0, 0, err
	}
	f := HistoryFilter{After: after, Moderator: q.Get("moderator"), Action: q.Get("action"), Limit: 100}
	if f.Action != "" && !slices.Contains(moderation.Actions, moderation.Action(f.Action)) {
		return 0, 0, invalid("action", "unknown action %q", f.Action)
	}
	if l := q.Get("limit"); l != "" {
		n, err := strconv.Atoi(l)
		if err != nil || n < 1 || n > 1000 {
			return 0, 0, invalid("limit", "must be 1..1000")
		}
		f.Limit = n
	}
	items, err := s.store.History(r.Context(), f)
	if err != nil {
		return 0, 0, err
	}
	page := storysync.HistoryPage{Decisions: items, Next: q.Get("after")}
	if len(items) > 0 {
		page.Next = items[len(items)-1].Cursor
	}
	writeJSON(w, http.StatusOK, page)
	return http.StatusOK, len(items), nil
}

func (s *Server) story(w http.ResponseWriter, r *http.Request, u User) (int, int, error) {
	d, err := s.store.Story(r.Context(), r.PathValue("id"))
	if err != nil {
		return 0, 0, err
	}
	writeJSON(w, http.StatusOK, d)
	return http.StatusOK, 1, nil
}

func (s *Server) ingest(w http.ResponseWriter, r *http.Request, u User) (int, int, error) {
	var stories []storysync.Story
	if err := decodeBody(r, &stories); err != nil {
		return 0, 0, err
	}
	if len(stories) == 0 || len(stories) > s.opt.MaxBatch {
		return 0, 0, invalid("body", "a batch holds 1..%d stories", s.opt.MaxBatch)
	}
	if err := ValidateStories(stories); err != nil {
		return 0, 0, err
	}
	n, err := s.store.AddStories(r.Context(), stories)
	if err != nil {
		return 0, 0, err
	}
	writeJSON(w, http.StatusOK, storysync.IngestResponse{Added: n})
	return http.StatusOK, n, nil
}

// ValidateStories checks stories for ingest: ids and bodies present, valid
// UTF-8, no id twice; queue fields (status, lease, version) left empty.
// Errors are *ItemError naming the story's index.
func ValidateStories(stories []storysync.Story) error {
	seen := make(map[string]bool, len(stories))
	for i, st := range stories {
		var err error
		switch {
		case strings.TrimSpace(st.ID) == "":
			err = invalid("id", "missing")
		case seen[st.ID]:
			err = invalid("id", "%s appears twice", st.ID)
		case strings.TrimSpace(st.Body) == "":
			err = invalid("body", "missing")
		case st.Status != "" || st.LeaseID != "" || st.LeaseExpiresAt != nil || st.Version != 0:
			err = invalid("status", "queue fields are set by the server")
		}
		for _, f := range []struct{ name, v string }{{"id", st.ID}, {"title", st.Title}, {"body", st.Body},
			{"service", st.Service}, {"service_type", st.ServiceType}, {"author_role", st.AuthorRole}} {
			if err == nil && !utf8.ValidString(f.v) {
				err = invalid(f.name, "not valid UTF-8")
			}
		}
		if err != nil {
			return &ItemError{Item: i, Err: err}
		}
		seen[st.ID] = true
	}
	return nil
}

// Shutdown is a helper for commands: it stops srv within d.
func Shutdown(srv *http.Server, d time.Duration) error {
	ctx, cancel := context.WithTimeout(context.Background(), d)
	defer cancel()
	return srv.Shutdown(ctx)
}
