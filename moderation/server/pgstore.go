package server

import (
	"cmp"
	"context"
	"database/sql"
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"net"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/storydesk/storydesk/moderation"
	storysync "github.com/storydesk/storydesk/moderation/sync"
)

//go:embed pgmigrations/*.sql
var pgMigrations embed.FS

// Advisory lock keys (first half of the two-key form; the second half is
// a hash of the schema, so stores in different schemas do not share them).
const (
	pgMigrateLock = 730_001
	pgDecideLock  = 730_002
)

// analyzeAfter is the ingest batch size from which AddStories refreshes
// the table statistics.
const analyzeAfter = 500

// DefaultPGPoolSize is the connection pool size of a PGStore when the DSN
// does not set pool_max_conns.
const DefaultPGPoolSize = 16

// maxBatch is the most claims or token look-ups a PGStore sends in one
// batch.
const maxBatch = 100

// pgPingAfterIdle is how long a pooled connection may sit idle before it
// is pinged when it is next taken from the pool.
const pgPingAfterIdle = 30 * time.Second

// batchTimeout bounds one batch of claims or token look-ups in the
// database.
const batchTimeout = time.Minute

// PGStore is the server Store on PostgreSQL. Several server processes may
// share one database: claims take turns on the queue head (one row) and
// store one claims row each (migration 0004_claims.sql), and decisions
// are written one transaction at a time under an advisory lock that also
// guards the hash chain and the history sequence.
type PGStore struct {
	pool *pgxpool.Pool
	// decide lets one Decide of this process at a time take a connection
	// and queue on the advisory lock; the others wait here, so writers
	// waiting for their turn do not hold the pool's connections and
	// claims and reads go on meanwhile.
	decide chan struct{}

	// Claims and token look-ups that arrive while this process's previous
	// batch of them runs go to the database together as the next batch
	// (see ClaimRequest).
	claims batcher[*claimCall]
	users  batcher[*userCall]
	// Story bodies for pushes' validation go in batches too, so pushes
	// arriving together take one connection, not one each.
	bodies batcher[*bodiesCall]
}

var (
	_ Store          = (*PGStore)(nil)
	_ RequestClaimer = (*PGStore)(nil)
)

// IsPostgresDSN reports whether db names a PostgreSQL database
// (postgres:// or postgresql:// URL) rather than a SQLite file.
func IsPostgresDSN(db string) bool {
	return strings.HasPrefix(db, "postgres://") || strings.HasPrefix(db, "postgresql://")
}

// OpenPostgres connects to the database at dsn (a postgres:// URL; pgx
// options such as pool_max_conns and search_path may be added as query
// parameters) and applies any pending migrations.
func OpenPostgres(ctx context.Context, dsn string) (*PGStore, error) {
	s, err := connectPostgres(ctx, dsn)
	if err != nil {
		return nil, err
	}
	if _, err := s.Migrate(ctx); err != nil {
		s.Close()
		return nil, err
	}
	return s, nil
}

// MigratePostgres applies pending migrations to the database at dsn and
// returns the names of those it applied.
func MigratePostgres(ctx context.Context, dsn string) ([]string, error) {
	s, err := connectPostgres(ctx, dsn)
	if err != nil {
		return nil, err
	}
	defer s.Close()
	return s.Migrate(ctx)
}

func connectPostgres(ctx context.Context, dsn string) (*PGStore, error) {
	cfg, err := pgxpool.ParseConfig(dsn)
	if err != nil {
		// the parse error may quote the DSN and with it the password
		return nil, moderation.Invalidf("db", "not a PostgreSQL connection URL")
	}
	if !strings.Contains(dsn, "pool_max_conns") {
		cfg.MaxConns = DefaultPGPoolSize
	}
	if !strings.Contains(dsn, "pool_min_conns") {
		// open the whole pool at start, in the background: a connection
		// costs a SCRAM handshake (tens of ms), which otherwise lands on
		// the first requests of a busy start
		cfg.MinConns = cfg.MaxConns
	}
	cfg.AfterConnect = warmClaims
	// pgxpool pings a connection that has been idle for a second before
	// handing it out: a database round trip more on the request path of
	// any request after a quiet second, such as every first request of a
	// team starting work. A connection the database has closed fails its
	// statement instead, which answers 503 (EUNAVAILABLE), and the clients
	// retry; only connections idle for longer than pgPingAfterIdle are
	// still pinged.
	cfg.ShouldPing = func(_ context.Context, p pgxpool.ShouldPingParams) bool {
		return p.IdleDuration > pgPingAfterIdle
	}
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return nil, pgError(err, "open postgres")
	}
	if err := pool.Ping(ctx); err != nil {
		pool.Close()
		return nil, pgError(err, "connect to postgres %s:%d", cfg.ConnConfig.Host, cfg.ConnConfig.Port)
	}
	s := &PGStore{pool: pool, decide: make(chan struct{}, 1)}
	s.claims.run, s.users.run, s.bodies.run = s.claimBatch, s.userBatch, s.bodiesBatch
	return s, nil
}

// warmClaims runs an empty claim batch (a token that names nobody, and a
// claim of no stories; and prepares and plans the other statements of a
// claim's path, and the body look-up of a push's validation) on a new
// connection. The first claim on
// a connection costs several milliseconds more than the next ones (the
// server loads the tables' metadata, compiles claim_batch and plans
// its statements), and it spends them holding the queue head, on which
// every claim of every replica waits: with 32 connections first used in
// the same instant that was about 200 ms. An empty claim leases nothing
// and writes nothing; before the migrations it fails, which only leaves
// the connection cold.
func warmClaims(ctx context.Context, conn *pgx.Conn) error {
	nobody, warm := "", "warm-up"
	conn.SendBatch(ctx, claimsBatch([][]byte{{}, nil}, []*string{nil, &nobody}, []*string{&nobody, nil},
		[]*string{nil, &warm}, []int32{0, 0}, []int64{0, 0}, []int64{0, 0}, []string{"", ""})).Close()
	if conn.PgConn().TxStatus() != 'I' {
		// it failed inside its transaction (before the migrations)
		conn.Exec(ctx, "ROLLBACK")
	}
	// the look-ups of a claim's path, and of a push's validation, run on
	// generic plans: these make them
	for _, q := range []struct {
		sql  string
		args []any
	}{
		{pgClaimedStoriesSQL, []any{[]int64{}}},
		{pgClaimedRunSQL, []any{0, -1}},
		{pgUsersSQL, []any{[][]byte{}}},
		{pgBodiesSQL, []any{[]string{}}},
	} {
		queryGeneric(ctx, conn, func(pgx.Rows) error { return nil }, q.sql, q.args...)
	}
	return nil
}

// pushesYieldToClaims tells the server that a push should give way to the
// claims being served (claimGate): claims and pushes run side by side in
// PostgreSQL, on connections of their own and different locks, so a push
// that goes on competes with the claims for CPU only, and its share is
// several times a claim's (in one start burst the replicas spent more CPU
// decoding pushes than serving claims).
func (s *PGStore) pushesYieldToClaims() bool { return true }

// Close closes the connection pool.
func (s *PGStore) Close() error {
	s.pool.Close()
	return nil
}

// Pool exposes the connection pool for tests and tools.
func (s *PGStore) Pool() *pgxpool.Pool { return s.pool }

func migrationNames() ([]string, error) {
	names, err := fs.Glob(pgMigrations, "pgmigrations/*.sql")
	if err != nil {
		return nil, err
	}
	slices.Sort(names)
	return names, nil
}

// Migrate applies the embedded migrations not yet recorded in
// schema_migrations, each in its own transaction, and returns the names it
// applied. Replicas starting at once take turns on an advisory lock.
func (s *PGStore) Migrate(ctx context.Context) ([]string, error) {
	names, err := migrationNames()
	if err != nil {
		return nil, fmt.Errorf("migrate: %w", err)
	}
	var applied []string
	for _, name := range names {
		version := strings.TrimSuffix(strings.TrimPrefix(name, "pgmigrations/"), ".sql")
		did, err := s.migrateOne(ctx, name, version)
		if err != nil {
			return applied, err
		}
		if did {
			applied = append(applied, version)
		}
	}
	return applied, nil
}

func (s *PGStore) migrateOne(ctx context.Context, name, version string) (bool, error) {
	body, err := pgMigrations.ReadFile(name)
	if err != nil {
		return false, fmt.Errorf("migrate %s: %w", version, err)
	}
	tx, err := s.pool.Begin(ctx)
	if err != nil {
		return false, pgError(err, "migrate %s", version)
	}
	defer tx.Rollback(ctx)
	if _, err := tx.Exec(ctx, `SELECT pg_advisory_xact_lock($1, hashtext(current_schema()))`, pgMigrateLock); err != nil {
		return false, pgError(err, "migrate %s: lock", version)
	}
	if _, err := tx.Exec(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
		version    TEXT PRIMARY KEY,
		applied_at TIMESTAMPTZ NOT NULL DEFAULT now())`); err != nil {
		return false, pgError(err, "migrate %s", version)
	}
	var done bool
	if err := tx.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM schema_migrations WHERE version = $1)`, version).Scan(&done); err != nil {
		return false, pgError(err, "migrate %s", version)
	}
	if done {
		return false, nil
	}
	if _, err := tx.Exec(ctx, string(body)); err != nil {
		return false, pgError(err, "migrate %s", version)
	}
	if _, err := tx.Exec(ctx, `INSERT INTO schema_migrations (version) VALUES ($1)`, version); err != nil {
		return false, pgError(err, "migrate %s", version)
	}
	if err := tx.Commit(ctx); err != nil {
		return false, pgError(err, "migrate %s", version)
	}
	return true, nil
}

// Ping checks that the database answers and has every migration this
// binary knows; /readyz uses it. A failure is EUNAVAILABLE.
func (s *PGStore) Ping(ctx context.Context) error {
	names, err := migrationNames()
	if err != nil {
		return err
	}
	var n int
	if err := s.pool.QueryRow(ctx, `SELECT count(*) FROM schema_migrations`).Scan(&n); err != nil {
		if code := pgCode(err); code == "42P01" { // undefined_table
			return moderation.Errorf(moderation.EUNAVAILABLE, "database not migrated: run storydesk-server migrate")
		}
		return pgError(err, "ping postgres")
	}
	if n < len(names) {
		return moderation.Errorf(moderation.EUNAVAILABLE, "database has %d of %d migrations: run storydesk-server migrate", n, len(names))
	}
	return nil
}

func pgCode(err error) string {
	var pe *pgconn.PgError
	if errors.As(err, &pe) {
		return pe.Code
	}
	return ""
}

// pgError wraps err with the operation; errors a retry may cure (lost
// connection, server shutting down, deadlock, serialization failure, too
// many connections) carry EUNAVAILABLE so the API answers 503.
func pgError(err error, format string, args ...any) error {
	op := fmt.Sprintf(format, args...)
	if transient(err) {
		return fmt.Errorf("%s: %w", op, &moderation.Error{Code: moderation.EUNAVAILABLE, Message: "database unavailable: " + err.Error()})
	}
	return fmt.Errorf("%s: %w", op, err)
}

func transient(err error) bool {
	if code := pgCode(err); code != "" {
		switch {
		case strings.HasPrefix(code, "08"), // connection exception
			strings.HasPrefix(code, "40"),  // serialization failure, deadlock
			strings.HasPrefix(code, "53"),  // insufficient resources
			strings.HasPrefix(code, "57P"): // shutdown, cannot connect now
			return true
		}
		return false
	}
	var ce *pgconn.ConnectError
	var ne net.Error
	return errors.As(err, &ce) || errors.As(err, &ne) || pgconn.SafeToRetry(err) || pgconn.Timeout(err)
}

// AddUser implements Store.
func (s *PGStore) AddUser(ctx context.Context, u User, tokenHash []byte) error {
	if !u.Role.Valid() {
		return invalid("role", "unknown role %q", u.Role)
	}
	if u.Name == "" {
		return invalid("name", "missing")
	}
	_, err := s.pool.Exec(ctx, `INSERT INTO users (name, role, token_hash) VALUES ($1, $2, $3)`, u.Name, string(u.Role), tokenHash)
	if pgCode(err) == "23505" { // unique_violation
		return moderation.Errorf(moderation.ECONFLICT, "user %s exists", u.Name)
	} else if err != nil {
		return pgError(err, "add user %s", u.Name)
	}
	return nil
}

// UserByTokenHash implements Store. Look-ups go in batches, as claims do:
// when a team starts, every moderator's first request looks up a token.
func (s *PGStore) UserByTokenHash(ctx context.Context, tokenHash []byte) (User, error) {
	c := &userCall{hash: tokenHash, done: make(chan struct{})}
	err := s.users.call(ctx, c, c.done)
	if err == nil {
		err = c.err
	}
	if err != nil {
		return User{}, pgError(err, "find user")
	}
	if !c.found {
		return User{}, moderation.Errorf(moderation.ENOTFOUND, "no user with this token")
	}
	return c.u, nil
}

// userCall is one token look-up waiting for (or in) a batch.
type userCall struct {
	hash  []byte
	u     User
	found bool
	err   error
	done  chan struct{}
}

const pgUsersSQL = `SELECT token_hash, name, role FROM users WHERE token_hash = ANY($1)`

// userBatch looks up a batch of tokens in one query and answers each.
func (s *PGStore) userBatch(batch []*userCall) {
	hashes := make([][]byte, len(batch))
	for i, c := range batch {
		hashes[i] = c.hash
	}
	ctx, cancel := context.WithTimeout(context.Background(), batchTimeout)
	defer cancel()
	found := map[string]User{}
	err := queryGeneric(ctx, s.pool, func(rows pgx.Rows) error {
		var h []byte
		var u User
		if err := rows.Scan(&h, &u.Name, &u.Role); err != nil {
			return err
		}
		found[string(h)] = u
		return nil
	}, pgUsersSQL, hashes)
	for _, c := range batch {
		c.u, c.found = found[string(c.hash)]
		c.err = err
		close(c.done)
	}
}

// AddStories implements Store.
func (s *PGStore) AddStories(ctx context.Context, stories []storysync.Story) (int, error) {
	n := len(stories)
	ids, titles, bodies := make([]string, n), make([]string, n), make([]string, n)
	services, types, roles := make([]string, n), make([]string, n), make([]string, n)
	subs := make([]*time.Time, n)
	seen := make(map[string]bool, n)
	for i, st := range stories {
		if seen[st.ID] {
			return 0, &ItemError{Item: i, Err: &moderation.Error{Code: moderation.ECONFLICT, Field: "id", Message: fmt.Sprintf("story %s exists already", st.ID)}}
		}
		seen[st.ID] = true
		ids[i], titles[i], bodies[i] = st.ID, st.Title, st.Body
		services[i], types[i], roles[i], subs[i] = st.Service, st.ServiceType, st.AuthorRole, st.SubmittedAt
	}
	tx, err := s.pool.Begin(ctx)
	if err != nil {
		return 0, pgError(err, "add stories")
	}
	defer tx.Rollback(ctx)
	// Claims take the stories above the queue head in seq order. A story
	// whose seq is drawn before a claim moves the head but that commits
	// after it would be passed over, so stories are added under a share
	// lock on the head: claims wait for the batch to commit.
	if _, err := tx.Exec(ctx, `SELECT FROM queue_head FOR SHARE`); err != nil {
		return 0, pgError(err, "add stories")
	}
	// one statement for the batch; ordinality keeps the batch order in seq
	rows, err := tx.Query(ctx, `INSERT INTO stories (id, title, body, service, service_type, submitted_at, author_role)
		SELECT id, title, body, service, service_type, submitted_at, author_role
		FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::timestamptz[], $7::text[])
			WITH ORDINALITY AS t(id, title, body, service, service_type, submitted_at, author_role, ord)
		ORDER BY ord
		ON CONFLICT (id) DO NOTHING
		RETURNING id`, ids, titles, bodies, services, types, subs, roles)
	if err != nil {
		return 0, pgError(err, "add stories")
	}
	added, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		return 0, pgError(err, "add stories")
	}
	if len(added) != n {
		got := make(map[string]bool, len(added))
		for _, id := range added {
			got[id] = true
		}
		for i, id := range ids {
			if !got[id] {
				return 0, &ItemError{Item: i, Err: &moderation.Error{Code: moderation.ECONFLICT, Field: "id", Message: fmt.Sprintf("story %s exists already", id)}}
			}
		}
	}
	if err := tx.Commit(ctx); err != nil {
		return 0, pgError(err, "add stories")
	}
	if n >= analyzeAfter {
		// fresh statistics keep claims on the ordered index scan; with the
		// stale ones of an empty table the planner sorts every pending row.
		// Autovacuum would get there too, but only within a minute or so.
		s.pool.Exec(ctx, `ANALYZE stories`)
	}
	return n, nil
}

const pgStoryCols = `s.id, s.title, s.body, s.service, s.service_type, s.submitted_at, s.author_role, s.status, s.version`

// storyScanner scans rows of pgStoryCols and a seq, with the scan's
// destinations made once for all the rows of a read instead of for each.
type storyScanner struct {
	st   storysync.Story
	sub  *time.Time
	seq  int64
	dest []any
}

func newStoryScanner() *storyScanner {
	sc := &storyScanner{}
	sc.dest = []any{&sc.st.ID, &sc.st.Title, &sc.st.Body, &sc.st.Service, &sc.st.ServiceType, &sc.sub, &sc.st.AuthorRole, &sc.st.Status, &sc.st.Version, &sc.seq}
	return sc
}

// scan reads the current row: the story and its seq.
func (sc *storyScanner) scan(rows pgx.Rows) (storysync.Story, int64, error) {
	sc.st, sc.sub = storysync.Story{}, nil
	if err := rows.Scan(sc.dest...); err != nil {
		return storysync.Story{}, 0, err
	}
	st := sc.st
	if sc.sub != nil {
		st.SubmittedAt = timePtr(*sc.sub)
	}
	return st, sc.seq, nil
}

func scanPGStory(row pgx.Row, extra ...any) (storysync.Story, error) {
	var st storysync.Story
	var sub *time.Time
	dest := append([]any{&st.ID, &st.Title, &st.Body, &st.Service, &st.ServiceType, &sub, &st.AuthorRole, &st.Status, &st.Version}, extra...)
	if err := row.Scan(dest...); err != nil {
		return st, err
	}
	if sub != nil {
		st.SubmittedAt = timePtr(*sub)
	}
	return st, nil
}

// Claim implements Store.
func (s *PGStore) Claim(ctx context.Context, user string, max int, lease time.Duration, now time.Time) ([]storysync.Story, error) {
	return s.ClaimRequest(ctx, user, "", max, lease, now)
}

// ClaimRequest implements RequestClaimer.
//
// All claims of all replicas take turns on the queue head's row lock,
// held until their transaction commits. Handing that lock from one claim
// to the next costs a wake-up of another database process, which on a
// busy machine takes longer than the claim itself; so this process sends
// its claims in batches, one batch at a time: a claim that finds no batch
// running goes at once, the ones arriving meanwhile go together next.
// A batch is one round trip (claimBatch): claim_calls (migration 0006)
// makes the claims in arrival order under the lock and answers one row
// per claim; after its commit, a read that holds no lock fetches their
// stories for the answers, while the next batch may already run.
//
// A repeat of a request sent to another replica while the first runs
// waits for the first batch on the head and replays it.
func (s *PGStore) ClaimRequest(ctx context.Context, user, requestID string, max int, lease time.Duration, now time.Time) ([]storysync.Story, error) {
	// one claim's bad argument would fail its whole batch
	if strings.ContainsRune(requestID, 0) {
		return nil, invalid("request_id", "contains a NUL character")
	}
	if max < 1 {
		return nil, nil
	}
	c := &claimCall{ctx: ctx, user: user, request: requestID, max: max, now: now.UnixNano(), expires: now.Add(lease).UnixNano(), done: make(chan struct{})}
	// a claim already sent when ctx ends is made; its request id replays it
	err := s.claims.call(ctx, c, c.done)
	if err == nil {
		err = c.err
	}
	if err != nil {
		return nil, pgError(err, "claim for %s", user)
	}
	return c.out, nil
}

// ClaimByToken implements TokenClaimer: the token look-up goes with the
// claim, in its batch's statement, so a claim costs one round trip with
// or without a known token, and a token removed from the database stops
// claiming at once.
func (s *PGStore) ClaimByToken(ctx context.Context, tokenHash []byte, roles []Role, requestID string, max int, lease time.Duration, now time.Time) (User, []storysync.Story, error) {
	if strings.ContainsRune(requestID, 0) {
		// it would fail its batch; the token is judged first, as on
		// other routes
		u, err := s.UserByTokenHash(ctx, tokenHash)
		if err == nil {
			err = invalid("request_id", "contains a NUL character")
		}
		return u, nil, err
	}
	allowed := make([]string, len(roles))
	for i, r := range roles {
		allowed[i] = string(r)
	}
	c := &claimCall{ctx: ctx, token: tokenHash, roles: strings.Join(allowed, ","), request: requestID, max: max,
		now: now.UnixNano(), expires: now.Add(lease).UnixNano(), done: make(chan struct{})}
	err := s.claims.call(ctx, c, c.done)
	if err == nil {
		err = c.err
	}
	if err != nil {
		return User{}, nil, pgError(err, "claim")
	}
	u := User{Name: c.user, Role: c.role}
	if !c.found {
		return u, nil, moderation.Errorf(moderation.ENOTFOUND, "no user with this token")
	}
	if !slices.Contains(roles, u.Role) {
		return u, nil, moderation.Errorf(moderation.EFORBIDDEN, "role %s may not use this route", u.Role)
	}
	return u, c.out, nil
}

// claimCall is one claim waiting for (or in) a batch: for user, or for
// whoever token (a token's hash) names if their role is among roles
// (comma-separated); then user, role and found are the answer's.
type claimCall struct {
	ctx           context.Context
	token         []byte
	roles         string
	user, request string
	role          Role
	found         bool
	max           int
	now, expires  int64 // Unix ns
	out           []storysync.Story
	err           error
	done          chan struct{}
	// stories of out still to read; answered once done is closed
	left     int
	answered bool
}

// batcher sends the calls that arrive while its previous batch runs as
// the next batch, in arrival order; a call that finds nothing running
// goes at once. Each handoff of a database lock, and each round trip,
// costs wake-ups of other processes, which on a busy machine take longer
// than the work itself.
type batcher[C any] struct {
	run     func([]C) // answers every call of a batch
	mu      sync.Mutex
	queue   []C
	running bool
}

func (b *batcher[C]) add(c C) {
	b.mu.Lock()
	b.queue = append(b.queue, c)
	start := !b.running
	b.running = true
	b.mu.Unlock()
	if start {
		go b.loop() // exits when the queue is empty
	}
}

// call adds c to a batch and waits until its answer is in (done is
// closed) or ctx ends, whose error it then returns.
func (b *batcher[C]) call(ctx context.Context, c C, done <-chan struct{}) error {
	b.add(c)
	select {
	case <-done:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

func (b *batcher[C]) loop() {
	for {
		b.mu.Lock()
		n := min(len(b.queue), maxBatch)
		if n == 0 {
			b.queue, b.running = nil, false
			b.mu.Unlock()
			return
		}
		batch := slices.Clone(b.queue[:n])
		b.queue = b.queue[n:]
		b.mu.Unlock()
		b.run(batch)
	}
}

// claimBatch makes one batch of claims and reads their stories in one
// round trip: the claims' statement (claim_calls, migration 0006), which
// looks up the batch's tokens and then holds the queue head until its
// COMMIT, then, in a transaction of its own, the read of the new claims'
// stories by the claim ids this process gave them. Once the COMMIT is
// in, the stories are taken in and each caller answered in a goroutine
// of its own, so the next batch can take the queue head meanwhile.
func (s *PGStore) claimBatch(calls []*claimCall) {
	batch := calls[:0:0]
	for _, c := range calls {
		if err := c.ctx.Err(); err != nil {
			c.err = err // the caller has gone: lease nothing for it
			close(c.done)
			continue
		}
		batch = append(batch, c)
	}
	if len(batch) == 0 {
		return
	}
	n := len(batch)
	tokens, holders, roles := make([][]byte, n), make([]*string, n), make([]*string, n) // NULL: not this kind of call
	requests := make([]*string, n)                                                      // NULL: no request id
	maxes, nows, expires := make([]int32, n), make([]int64, n), make([]int64, n)
	ids := make([]string, n)
	for i, c := range batch {
		if c.token != nil {
			tokens[i], roles[i] = c.token, &c.roles
		} else {
			holders[i] = &c.user
		}
		maxes[i], nows[i], expires[i] = int32(c.max), c.now, c.expires
		if c.request != "" {
			requests[i] = &c.request
		}
		ids[i] = uuid.NewString()
	}
	ctx, cancel := context.WithTimeout(context.Background(), batchTimeout)
	br := s.pool.SendBatch(ctx, claimsBatch(tokens, holders, roles, requests, maxes, nows, expires, ids))
	made, err := s.makeClaims(br, batch)
	if err != nil || len(made) == 0 {
		br.Close()
		cancel()
		answerClaims(batch, err)
		return
	}
	go func() { // exits when the stories are read
		defer cancel()
		missing, err := readClaimed(br, batch, made)
		if cerr := br.Close(); err == nil {
			err = cerr
		}
		if err == nil {
			err = s.readMissing(ctx, missing)
		}
		answerClaims(batch, err)
	}()
}

// claimsBatch is the round trip of a batch of claims (see claimBatch).
func claimsBatch(tokens [][]byte, holders, roles, requests []*string, maxes []int32, nows, expires []int64, ids []string) *pgx.Batch {
	b := &pgx.Batch{}
	b.Queue("BEGIN")
	b.Queue(pgClaimSQL, tokens, holders, roles, requests, maxes, nows, expires, ids)
	b.Queue("COMMIT")
	b.Queue(pgGenericPlans)
	b.Queue(pgClaimedSQL, ids)
	return b
}

// answerClaims answers the calls of a batch not answered yet, with err
// if it is not nil.
func answerClaims(batch []*claimCall, err error) {
	for _, c := range batch {
		if c.answered {
			continue
		}
		if err != nil {
			c.out, c.err = nil, err
		}
		c.answered = true
		close(c.done)
	}
}

// madeClaim is one claim that claim_batch made or replayed: the n-th
// call of the batch (from 1) leases the stories seqs of claim id.
type madeClaim struct {
	n       int32
	id      string
	bare    bool
	expires int64
	seqs    []int64
}

// makeClaims takes in the answer of the claims' statement and its
// COMMIT from br: each call's user, and the claims made (or replayed).
func (s *PGStore) makeClaims(br pgx.BatchResults, batch []*claimCall) ([]madeClaim, error) {
	if _, err := br.Exec(); err != nil { // BEGIN
		return nil, err
	}
	rows, err := br.Query()
	if err != nil {
		return nil, err
	}
	var made []madeClaim
	for rows.Next() {
		var c madeClaim
		var user, role, id *string
		var bare *bool
		var expires *int64
		if err := rows.Scan(&c.n, &user, &role, &id, &bare, &expires, &c.seqs); err != nil {
			rows.Close()
			return nil, err
		}
		if c.n < 1 || int(c.n) > len(batch) {
			rows.Close()
			return nil, fmt.Errorf("claim batch: an answer for call %d of %d", c.n, len(batch))
		}
		if id == nil { // the call's user
			if call := batch[c.n-1]; call.token != nil && user != nil {
				call.user, call.found = *user, true
				if role != nil {
					call.role = Role(*role)
				}
			}
			continue
		}
		c.id, c.bare, c.expires = *id, bare != nil && *bare, 0
		if expires != nil {
			c.expires = *expires
		}
		made = append(made, c)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	tag, err := br.Exec()
	if err != nil {
		return nil, err
	}
	if tag.String() != "COMMIT" { // ROLLBACK: the transaction had failed
		return nil, fmt.Errorf("claim batch: %s", tag)
	}
	return made, nil
}

// claimSlot is where the story of a lease goes: out[i] of a call.
type claimSlot struct {
	seq    int64
	call   *claimCall
	i      int
	filled bool
}

// readClaimed takes in the stories of the claims this batch made from br
// (the read after the COMMIT) and sets each call's out, its leases in the
// order claim_batch gave; a call is answered as soon as its last story is
// in, so its handler writes the answer while the rest are read. It
// returns the slots of the stories the read did not find: those of a
// replayed claim (made earlier, under another id) and any that left their
// claim between the commit and the read.
func readClaimed(br pgx.BatchResults, batch []*claimCall, made []madeClaim) ([]claimSlot, error) {
	n := 0
	for _, c := range made {
		n += len(c.seqs)
	}
	slots := make([]claimSlot, 0, n)
	for _, c := range made {
		call := batch[c.n-1]
		if call.out == nil {
			call.out = make([]storysync.Story, 0, len(c.seqs))
		}
		exp := time.Unix(0, c.expires)
		for _, seq := range c.seqs {
			slots = append(slots, claimSlot{seq: seq, call: call, i: len(call.out)})
			call.left++
			call.out = append(call.out, storysync.Story{LeaseID: claimLease(c.id, c.bare, seq), LeaseExpiresAt: timePtr(exp)})
		}
	}
	// slots by seq: a batch's fresh stories come in that order; the rows
	// of an index range scan usually do too, and any other row is found
	// by binary search
	bySeq := func(a, b claimSlot) int { return cmp.Compare(a.seq, b.seq) }
	if !slices.IsSortedFunc(slots, bySeq) {
		slices.SortFunc(slots, bySeq)
	}
	if _, err := br.Exec(); err != nil { // pgGenericPlans
		return nil, err
	}
	rows, err := br.Query()
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	sc := newStoryScanner()
	j := 0 // where the next row's slots are if the rows come in order
	for rows.Next() {
		st, seq, err := sc.scan(rows)
		if err != nil {
			return nil, err
		}
		if j >= len(slots) || slots[j].seq != seq {
			j, _ = slices.BinarySearchFunc(slots, claimSlot{seq: seq}, bySeq)
		}
		for ; j < len(slots) && slots[j].seq == seq; j++ {
			if !slots[j].filled {
				slots[j].filled = true
				fill(slots[j], st)
			}
		}
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	var missing []claimSlot
	for _, sl := range slots {
		if !sl.filled {
			missing = append(missing, sl)
		}
	}
	return missing, nil
}

// fill puts story st in its slot; the lease id and expiry stay. A call
// whose last story this is is answered.
func fill(sl claimSlot, st storysync.Story) {
	dst := &sl.call.out[sl.i]
	st.LeaseID, st.LeaseExpiresAt = dst.LeaseID, dst.LeaseExpiresAt
	*dst = st
	if sl.call.left--; sl.call.left == 0 {
		sl.call.answered = true
		close(sl.call.done)
	}
}

// readMissing reads the stories of the slots readClaimed left by seq (a
// statement that holds no lock) and puts them in place.
func (s *PGStore) readMissing(ctx context.Context, missing []claimSlot) error {
	if len(missing) == 0 {
		return nil
	}
	slots := make(map[int64][]claimSlot, len(missing))
	for _, sl := range missing {
		slots[sl.seq] = append(slots[sl.seq], sl)
	}
	seqs := make([]int64, 0, len(slots))
	for seq := range slots {
		seqs = append(seqs, seq)
	}
	sc := newStoryScanner()
	scan := func(rows pgx.Rows) error {
		st, seq, err := sc.scan(rows)
		if err == nil {
			for _, sl := range slots[seq] {
				fill(sl, st)
			}
			delete(slots, seq)
		}
		return err
	}
	var err error
	if los, his := seqRuns(seqs); len(los) == 1 {
		err = queryGeneric(ctx, s.pool, scan, pgClaimedRunSQL, los[0], his[0])
	} else {
		err = queryGeneric(ctx, s.pool, scan, pgClaimedStoriesSQL, seqs)
	}
	if err != nil {
		return err
	}
	for seq := range slots {
		return fmt.Errorf("claim batch: story %d not found", seq)
	}
	return nil
}

// seqRuns splits seqs into runs of consecutive numbers, given by their
// first and last. The stories a batch takes above the queue head are
// mostly one run: reading a run is one index range scan, where = ANY of
// its seqs was one index descent a story (2,450 rows: 1.4 ms against
// 2.3-6.4 ms in EXPLAIN ANALYZE). Several runs (stories from the pool or
// expired claims) are read with = ANY: a join of the runs got a plan of
// its own for each call, which took longer than what it saved.
func seqRuns(seqs []int64) (los, his []int64) {
	sorted := slices.Clone(seqs)
	slices.Sort(sorted)
	for _, seq := range sorted {
		if n := len(his); n > 0 && (seq == his[n-1] || seq == his[n-1]+1) {
			his[n-1] = seq
			continue
		}
		los, his = append(los, seq), append(his, seq)
	}
	return los, his
}

const (
	pgClaimSQL = `SELECT n, holder, role, claim, bare, expires_at, seqs FROM claim_calls($1, $2, $3, $4, $5, $6, $7, $8)`
	// the stories of the claims named when they are one run of seqs (a
	// batch's fresh stories are): one index range scan. A claim's seqs
	// are in order, so its first and last bound it. When they are not one
	// run (stories from the pool or expired claims), it reads nothing and
	// readMissing reads them by seq.
	pgClaimedSQL = `SELECT ` + pgStoryCols + `, s.seq
		FROM (SELECT min(c.seqs[1]) AS lo, max(c.seqs[cardinality(c.seqs)]) AS hi, sum(cardinality(c.seqs)) AS n
			FROM claims c WHERE c.id = ANY($1)) r
		JOIN stories s ON s.seq BETWEEN r.lo AND r.hi
		WHERE r.hi - r.lo + 1 = r.n`
	pgClaimedStoriesSQL = `SELECT ` + pgStoryCols + `, s.seq FROM stories s WHERE s.seq = ANY($1)`
	pgClaimedRunSQL     = `SELECT ` + pgStoryCols + `, s.seq FROM stories s WHERE s.seq BETWEEN $1 AND $2`
)

// leaseRef is what a lease id names: story seq in a claim. A bare lease id
// (no ".seq"; a lease from before claims) has seq 0 and names the claim's
// only story.
type leaseRef struct {
	claim string
	seq   int64
}

func parseLease(id string) leaseRef {
	if i := strings.LastIndexByte(id, '.'); i > 0 {
		if n, err := strconv.ParseInt(id[i+1:], 10, 64); err == nil && n > 0 && strconv.FormatInt(n, 10) == id[i+1:] {
			return leaseRef{claim: id[:i], seq: n}
		}
	}
	return leaseRef{claim: id}
}

// leaseArgs splits lease ids into claim ids and seqs, the arguments of
// the lease statements.
func leaseArgs(ids []string) (claims []string, seqs []int64) {
	claims, seqs = make([]string, len(ids)), make([]int64, len(ids))
	for i, id := range ids {
		r := parseLease(id)
		claims[i], seqs[i] = r.claim, r.seq
	}
	return claims, seqs
}

// claimLease is the lease id of story seq in a claim (claim_lease in SQL).
func claimLease(claim string, bare bool, seq int64) string {
	if bare {
		return claim
	}
	return claim + "." + strconv.FormatInt(seq, 10)
}

// Renew implements Store. A lease is renewed by renewing its claim, so
// all the stories of that claim get the new expiry.
func (s *PGStore) Renew(ctx context.Context, user string, leaseIDs []string, lease time.Duration, now time.Time) ([]storysync.LeaseResult, error) {
	exp := now.Add(lease)
	claims, seqs := leaseArgs(leaseIDs)
	rows, err := s.pool.Query(ctx, `WITH want AS (
			SELECT * FROM unnest($2::text[], $3::bigint[]) AS w(claim, want)),
		locked AS (
			SELECT c.id FROM claims c
			WHERE c.id IN (SELECT claim FROM want) AND c.holder = $4
			ORDER BY c.id FOR UPDATE),
		renewed AS (
			UPDATE claims c SET expires_at = $1 FROM locked
			WHERE c.id = locked.id AND EXISTS (
				SELECT FROM want w WHERE w.claim = c.id AND lease_seq(c.bare_lease, c.seqs, w.want) IS NOT NULL)
			RETURNING c.id, c.bare_lease, c.seqs)
		SELECT w.claim, w.want, s.id FROM want w
		JOIN renewed c ON c.id = w.claim
		JOIN stories s ON s.seq = lease_seq(c.bare_lease, c.seqs, w.want)`, exp.UnixNano(), claims, seqs, user)
	if err != nil {
		return nil, pgError(err, "renew leases of %s", user)
	}
	stories, err := leaseStories(rows)
	if err != nil {
		return nil, pgError(err, "renew leases of %s", user)
	}
	out := make([]storysync.LeaseResult, len(leaseIDs))
	for i, id := range leaseIDs {
		out[i] = storysync.LeaseResult{LeaseID: id, Status: storysync.LeaseLost}
		if sid, ok := stories[parseLease(id)]; ok {
			out[i] = storysync.LeaseResult{LeaseID: id, StoryID: sid, Status: storysync.LeaseRenewed, ExpiresAt: timePtr(exp)}
		}
	}
	return out, nil
}

// Release implements Store. The stories go to the pool, where the next
// claims take them first (oldest first).
func (s *PGStore) Release(ctx context.Context, user string, leaseIDs []string) ([]storysync.LeaseResult, error) {
	claims, seqs := leaseArgs(leaseIDs)
	rows, err := s.pool.Query(ctx, `SELECT * FROM release_leases($1, $2, $3)`, user, claims, seqs)
	if err != nil {
		return nil, pgError(err, "release leases of %s", user)
	}
	stories, err := leaseStories(rows)
	if err != nil {
		return nil, pgError(err, "release leases of %s", user)
	}
	out := make([]storysync.LeaseResult, len(leaseIDs))
	for i, id := range leaseIDs {
		out[i] = storysync.LeaseResult{LeaseID: id, Status: storysync.LeaseLost}
		r := parseLease(id)
		if sid, ok := stories[r]; ok {
			out[i] = storysync.LeaseResult{LeaseID: id, StoryID: sid, Status: storysync.LeaseReleased}
			delete(stories, r) // a lease given twice is released once
		}
	}
	return out, nil
}

// leaseStories collects (claim, want, story id) rows by lease.
func leaseStories(rows pgx.Rows) (map[leaseRef]string, error) {
	defer rows.Close()
	out := map[leaseRef]string{}
	for rows.Next() {
		var r leaseRef
		var story string
		if err := rows.Scan(&r.claim, &r.seq, &story); err != nil {
			return nil, err
		}
		out[r] = story
	}
	return out, rows.Err()
}

// Bodies implements Store. The look-ups of pushes that arrive while
// another one runs go to the database together, as claims and token
// look-ups do: when a team starts at once, the first pushes arrive
// together, and each on a connection of its own cost a parse and a plan
// of this statement on that connection, and a wake-up of its database
// process, on top of the look-up itself.
func (s *PGStore) Bodies(ctx context.Context, ids []string) (map[string]string, error) {
	c := &bodiesCall{ids: ids, done: make(chan struct{})}
	err := s.bodies.call(ctx, c, c.done)
	if err == nil {
		err = c.err
	}
	if err != nil {
		return nil, pgError(err, "bodies of %d stories", len(ids))
	}
	return c.out, nil
}

// bodiesCall is one Bodies call waiting for (or in) a batch.
type bodiesCall struct {
	ids  []string
	out  map[string]string
	err  error
	done chan struct{}
}

const pgBodiesSQL = `SELECT id, body FROM stories WHERE id = ANY($1)`

// bodiesBatch reads the bodies of a batch of calls in one query and
// answers each call with the bodies of its own ids.
func (s *PGStore) bodiesBatch(batch []*bodiesCall) {
	var ids []string
	if len(batch) == 1 {
		ids = batch[0].ids
	} else {
		seen := map[string]bool{}
		for _, c := range batch {
			for _, id := range c.ids {
				if !seen[id] {
					seen[id] = true
					ids = append(ids, id)
				}
			}
		}
	}
	ctx, cancel := context.WithTimeout(context.Background(), batchTimeout)
	defer cancel()
	found := make(map[string]string, len(ids))
	err := queryGeneric(ctx, s.pool, func(rows pgx.Rows) error {
		var id, body string
		if err := rows.Scan(&id, &body); err != nil {
			return err
		}
		found[id] = body
		return nil
	}, pgBodiesSQL, ids)
	for _, c := range batch {
		if err != nil {
			c.err = err
		} else if len(batch) == 1 {
			c.out = found
		} else {
			c.out = make(map[string]string, len(c.ids))
			for _, id := range c.ids {
				if body, ok := found[id]; ok {
					c.out[id] = body
				}
			}
		}
		close(c.done)
	}
}

// Decide implements Store. The whole batch runs under a transaction-level
// advisory lock, so decision writers on all replicas take turns: each one
// reads the committed chain head, numbers its rows after it, and commits
// before the next starts. History readers therefore never see seq N+1
// before N, and the chain never forks. The claims its lease ids name are
// locked too, so a concurrent release, renewal or claim taking over an
// expired lease waits for the decision; each decided story leaves its
// claim.
func (s *PGStore) Decide(ctx context.Context, u User, ds []storysync.Decision, now time.Time) ([]storysync.DecisionResult, error) {
	select {
	case s.decide <- struct{}{}:
		defer func() { <-s.decide }()
	case <-ctx.Done():
		return nil, pgError(ctx.Err(), "decide: wait for turn")
	}
	// The transaction is opened in the reads' round trip and committed in
	// the write's, not in round trips of their own: the decision lock is
	// held from the reads to the commit, and every round trip under it
	// wakes this process and a database process on a machine that may be
	// busy.
	conn, err := s.pool.Acquire(ctx)
	if err != nil {
		return nil, pgError(err, "decide")
	}
	// a connection left in a transaction is closed, not reused
	defer conn.Release()
	open := false // a transaction may be open on conn
	defer func() {
		if open {
			conn.Exec(ctx, "ROLLBACK")
		}
	}()
	storyIDs := make([]string, 0, len(ds))
	decisionIDs := make([]string, 0, len(ds))
	for _, d := range ds {
		storyIDs = append(storyIDs, d.StoryID)
		decisionIDs = append(decisionIDs, d.ID)
	}
	// A push usually decides the stories of one claim: its 50 lease ids
	// name one claims row. Each name goes once, or the lookup compares
	// every live claim with all 50 copies of it.
	claimIDs := make([]string, 0, 1)
	seenClaim := map[string]bool{}
	for _, d := range ds {
		if d.LeaseID != "" {
			if c := parseLease(d.LeaseID).claim; !seenClaim[c] {
				seenClaim[c] = true
				claimIDs = append(claimIDs, c)
			}
		}
	}
	// one round trip: BEGIN, the lock, then (each statement with a
	// snapshot taken after the lock was granted) the stories, the known
	// ids, the chain head
	open = true
	states, docs, headSeq, prev, err := pgDecideReads(ctx, conn, storyIDs, claimIDs, decisionIDs)
	if err != nil {
		return nil, pgError(err, "decide: read")
	}

	var ins struct {
		seq                          []int64
		id, story, action, doc, hash []string
		updID, updStatus             []string
		updVersion                   []int32
		rmClaim                      []string
		rmSeq                        []int64
	}
	out := make([]storysync.DecisionResult, 0, len(ds))
	for i, d := range ds {
		d.Moderator = u.Name
		doc := string(Canonical(d))
		res := storysync.DecisionResult{ID: d.ID}
		r, ok := states[d.StoryID]
		if !ok {
			return nil, &ItemError{Item: i, Err: invalid("story_id", "unknown story %s", d.StoryID)}
		}
		stored, known := docs[d.ID]
		switch {
		case known && stored == doc:
			res.Status = storysync.ResultDuplicate
		case known:
			res.Status, res.State = storysync.ResultConflict, r.state(d.StoryID, "decision id already used with different content")
		default:
			if reason := conflictReason(u, d, r.storyRow); reason != "" {
				res.Status, res.State = storysync.ResultConflict, r.state(d.StoryID, reason)
				break
			}
			headSeq++
			prev = ChainHash(prev, []byte(doc))
			ins.seq = append(ins.seq, headSeq)
			ins.id = append(ins.id, d.ID)
			ins.story = append(ins.story, d.StoryID)
			ins.action = append(ins.action, d.Action)
			ins.doc = append(ins.doc, doc)
			ins.hash = append(ins.hash, prev)
			docs[d.ID] = doc
			// later items of the batch see this decision, as they would in SQLite
			r.status = string(moderation.Action(d.Action).Status())
			r.version++
			if r.claim != "" && d.Supersedes == "" {
				// the story leaves the claim that leased it
				ins.rmClaim = append(ins.rmClaim, r.claim)
				ins.rmSeq = append(ins.rmSeq, r.seq)
				r.claim = ""
			}
			r.leaseID.Valid, r.leaseHolder.Valid, r.leaseExp = false, false, 0
			r.latest.String, r.latest.Valid = d.ID, true
			r.latestDoc.String, r.latestDoc.Valid = doc, true
			res.Status = storysync.ResultAccepted
		}
		out = append(out, res)
	}
	if len(ins.seq) == 0 {
		return out, nil // nothing to write; the rollback drops the locks
	}
	for id, r := range states {
		if r.changed() {
			ins.updID = append(ins.updID, id)
			ins.updStatus = append(ins.updStatus, r.status)
			ins.updVersion = append(ins.updVersion, int32(r.version))
		}
	}
	// one statement writes the decisions and the stories they decide, and
	// takes the decided stories out of their claims (locked by the reads);
	// a claim left without stories is deleted; the commit goes with it
	b := &pgx.Batch{}
	b.Queue(`WITH ins AS (
			INSERT INTO decisions (seq, id, story_id, moderator, action, doc, received_at, hash)
			SELECT seq, id, story_id, $1, action, doc, $2, hash
			FROM unnest($3::bigint[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[]) AS t(seq, id, story_id, action, doc, hash)),
		rm AS (
			SELECT claim, array_agg(seq) AS seqs
			FROM unnest($12::text[], $13::bigint[]) AS t(claim, seq) GROUP BY claim),
		rest AS (
			SELECT c.id, ARRAY(SELECT x FROM unnest(c.seqs) AS x WHERE x <> ALL(rm.seqs) ORDER BY x) AS seqs
			FROM claims c JOIN rm ON c.id = rm.claim),
		kept AS (
			UPDATE claims c SET seqs = rest.seqs FROM rest WHERE c.id = rest.id AND cardinality(rest.seqs) > 0),
		gone AS (
			DELETE FROM claims c USING rest WHERE c.id = rest.id AND cardinality(rest.seqs) = 0)
		UPDATE stories s SET status = t.status, version = t.version
		FROM unnest($9::text[], $10::text[], $11::int[]) AS t(id, status, version) WHERE s.id = t.id`,
		u.Name, now.UTC(), ins.seq, ins.id, ins.story, ins.action, ins.doc, ins.hash,
		ins.updID, ins.updStatus, ins.updVersion, ins.rmClaim, ins.rmSeq)
	b.Queue("COMMIT")
	br := conn.SendBatch(ctx, b)
	if _, err := br.Exec(); err != nil {
		br.Close()
		return nil, pgError(err, "decide: write %d decisions", len(ins.seq))
	}
	tag, err := br.Exec()
	if cerr := br.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return nil, pgError(err, "decide: commit")
	}
	if tag.String() != "COMMIT" { // ROLLBACK: the transaction had failed
		return nil, pgError(errors.New(tag.String()), "decide: commit")
	}
	open = false
	return out, nil
}

// pgQuerier is a pooled connection, on which Decide's reads open the
// transaction themselves.
type pgQuerier interface {
	Query(ctx context.Context, sql string, args ...any) (pgx.Rows, error)
	SendBatch(ctx context.Context, b *pgx.Batch) pgx.BatchResults
}

// pgStoryRow is a storyRow that remembers the version it was read at,
// its seq and the claim that holds it ("" if none).
type pgStoryRow struct {
	storyRow
	readVersion int
	seq         int64
	claim       string
}

func (r *pgStoryRow) changed() bool { return r.version != r.readVersion }

// pgClaimRow is a claims row as Decide reads it.
type pgClaimRow struct {
	id, holder string
	expires    int64
	bare       bool
	seqs       []int64
}

// hold records that claim c holds story row r.
func (r *pgStoryRow) hold(c pgClaimRow, seq int64) {
	r.claim = c.id
	r.leaseID = sql.NullString{String: claimLease(c.id, c.bare, seq), Valid: true}
	r.leaseHolder = sql.NullString{String: c.holder, Valid: true}
	r.leaseExp = c.expires
}

// pgDecideReads opens a transaction on conn, takes the decision lock and
// reads what Decide needs, in one pipelined round trip: the stories
// (locked, in id order) with each one's latest decision, the claims the
// decisions' lease ids name (locked, in id order), the stored docs of
// known decision ids, and the chain head (seq 0 and "" when there are no
// decisions yet). A pending story that none of those claims holds is
// looked up among all claims, for the conflict answer (a rare path).
func pgDecideReads(ctx context.Context, conn pgQuerier, storyIDs, claimIDs, decisionIDs []string) (states map[string]*pgStoryRow, docs map[string]string, headSeq int64, head string, err error) {
	var claims []pgClaimRow
	states, claims, docs, headSeq, head, err = pgDecideBatch(ctx, conn, storyIDs, claimIDs, decisionIDs)
	if err != nil {
		return
	}
	bySeq := map[int64]*pgStoryRow{}
	for _, r := range states {
		bySeq[r.seq] = r
	}
	for _, c := range claims {
		for _, seq := range c.seqs {
			if r, ok := bySeq[seq]; ok {
				r.hold(c, seq)
				delete(bySeq, seq)
			}
		}
	}
	var lost []int64
	for seq, r := range bySeq {
		if r.status == string(moderation.StatusPending) {
			lost = append(lost, seq)
		}
	}
	if len(lost) == 0 {
		return
	}
	rows, err := conn.Query(ctx, `SELECT c.id, c.holder, c.expires_at, c.bare_lease, s
		FROM claims c, unnest(c.seqs) AS s WHERE s = ANY($1)`, lost)
	if err != nil {
		return
	}
	defer rows.Close()
	for rows.Next() {
		var c pgClaimRow
		var seq int64
		if err = rows.Scan(&c.id, &c.holder, &c.expires, &c.bare, &seq); err != nil {
			return
		}
		if r, ok := bySeq[seq]; ok {
			r.hold(c, seq)
		}
	}
	err = rows.Err()
	return
}

func pgDecideBatch(ctx context.Context, conn pgQuerier, storyIDs, claimIDs, decisionIDs []string) (states map[string]*pgStoryRow, claims []pgClaimRow, docs map[string]string, headSeq int64, head string, err error) {
	b := &pgx.Batch{}
	b.Queue("BEGIN")
	b.Queue(pgGenericPlans)
	b.Queue(`SELECT pg_advisory_xact_lock($1, hashtext(current_schema()))`, pgDecideLock)
	b.Queue(pgStoriesForDecide, storyIDs)
	if len(claimIDs) == 1 {
		// the usual push, one claim's stories: a plan for = $1 (an index
		// lookup) serves every call, while for = ANY($1) the server made
		// a plan of its own for each call, under the decision lock
		b.Queue(`SELECT id, holder, expires_at, bare_lease, seqs FROM claims WHERE id = $1 FOR UPDATE`, claimIDs[0])
	} else {
		b.Queue(`SELECT id, holder, expires_at, bare_lease, seqs FROM claims WHERE id = ANY($1) ORDER BY id FOR UPDATE`, claimIDs)
	}
	b.Queue(`SELECT id, doc FROM decisions WHERE id = ANY($1)`, decisionIDs)
	b.Queue(`SELECT seq, hash FROM decisions ORDER BY seq DESC LIMIT 1`)
	br := conn.SendBatch(ctx, b)
	defer func() {
		if cerr := br.Close(); err == nil {
			err = cerr
		}
	}()
	if _, err = br.Exec(); err != nil { // BEGIN
		return
	}
	if _, err = br.Exec(); err != nil { // pgGenericPlans
		return
	}
	if _, err = br.Exec(); err != nil {
		return
	}
	rows, err := br.Query()
	if err != nil {
		return
	}
	if states, err = pgStoryRows(rows, len(storyIDs)); err != nil {
		return
	}
	if rows, err = br.Query(); err != nil {
		return
	}
	if claims, err = pgx.CollectRows(rows, func(row pgx.CollectableRow) (pgClaimRow, error) {
		var c pgClaimRow
		err := row.Scan(&c.id, &c.holder, &c.expires, &c.bare, &c.seqs)
		return c, err
	}); err != nil {
		return
	}
	if rows, err = br.Query(); err != nil {
		return
	}
	if docs, err = pgDocs(rows, len(decisionIDs)); err != nil {
		return
	}
	if err = br.QueryRow().Scan(&headSeq, &head); errors.Is(err, pgx.ErrNoRows) {
		err = nil
	}
	return
}

// pgGenericPlans makes the statements after it, until the transaction
// ends (an explicit one, or the implicit one of a pipelined batch), run
// on the plan each connection made for them the first time, as
// claim_batch does (migration 0005). In the default mode the server plans
// each statement anew for each of its first five calls on a connection
// (Decide's write 0.75 ms, its story read 0.35 ms, a token or body
// look-up 0.2-0.3 ms), and a team starting at once makes exactly those
// first calls, on every connection of every replica, Decide's under the
// decision lock. Every statement run this way finds its rows by index;
// enable_seqscan = off keeps a plan made while a table is still small
// from scanning it whole once it has grown (the plan the default mode
// settled on for Decide's known-ids lookup did: 4.9 s of 500 pushes in
// one load test, under the lock).
const pgGenericPlans = `SELECT set_config('plan_cache_mode', 'force_generic_plan', true), set_config('enable_seqscan', 'off', true)`

// pgBatcher is a pool or a connection.
type pgBatcher interface {
	SendBatch(ctx context.Context, b *pgx.Batch) pgx.BatchResults
}

// queryGeneric runs one query on generic plans (pgGenericPlans, in the
// same round trip) and calls scan for each row.
func queryGeneric(ctx context.Context, db pgBatcher, scan func(pgx.Rows) error, sql string, args ...any) (err error) {
	b := &pgx.Batch{}
	b.Queue(pgGenericPlans)
	b.Queue(sql, args...)
	br := db.SendBatch(ctx, b)
	defer func() {
		if cerr := br.Close(); err == nil {
			err = cerr
		}
	}()
	if _, err = br.Exec(); err != nil {
		return err
	}
	rows, err := br.Query()
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		if err := scan(rows); err != nil {
			return err
		}
	}
	return rows.Err()
}

const pgStoriesForDecide = `SELECT s.id, s.seq, s.status, s.version, l.id, l.doc
		FROM stories s
		LEFT JOIN LATERAL (SELECT id, doc FROM decisions WHERE story_id = s.id ORDER BY seq DESC LIMIT 1) l ON true
		WHERE s.id = ANY($1)
		ORDER BY s.id
		FOR UPDATE OF s`

// pgStoryRows collects the rows of pgStoriesForDecide by story id.
func pgStoryRows(rows pgx.Rows, n int) (map[string]*pgStoryRow, error) {
	defer rows.Close()
	out := make(map[string]*pgStoryRow, n)
	for rows.Next() {
		var id string
		r := &pgStoryRow{}
		if err := rows.Scan(&id, &r.seq, &r.status, &r.version, &r.latest, &r.latestDoc); err != nil {
			return nil, err
		}
		r.readVersion = r.version
		out[id] = r
	}
	return out, rows.Err()
}

func pgDocs(rows pgx.Rows, n int) (map[string]string, error) {
	defer rows.Close()
	out := make(map[string]string, n)
	for rows.Next() {
		var id, doc string
		if err := rows.Scan(&id, &doc); err != nil {
			return nil, err
		}
		out[id] = doc
	}
	return out, rows.Err()
}

// History implements Store. The cursor is the decision's seq, which is
// the same on every replica and assigned in commit order.
func (s *PGStore) History(ctx context.Context, f HistoryFilter) ([]storysync.HistoryItem, error) {
	if f.Limit <= 0 {
		f.Limit = 100
	}
	q := `SELECT seq, doc, received_at FROM decisions WHERE seq > $1`
	args := []any{f.After}
	if f.Moderator != "" {
		args = append(args, f.Moderator)
		q += fmt.Sprintf(` AND moderator = $%d`, len(args))
	}
	if f.Action != "" {
		args = append(args, f.Action)
		q += fmt.Sprintf(` AND action = $%d`, len(args))
	}
	args = append(args, f.Limit)
	q += fmt.Sprintf(` ORDER BY seq LIMIT $%d`, len(args))
	return pgItems(ctx, s.pool, q, args...)
}

func pgItems(ctx context.Context, db pgQuerier, q string, args ...any) ([]storysync.HistoryItem, error) {
	rows, err := db.Query(ctx, q, args...)
	if err != nil {
		return nil, pgError(err, "history")
	}
	defer rows.Close()
	out := []storysync.HistoryItem{}
	for rows.Next() {
		var seq int64
		var doc string
		var rec time.Time
		if err := rows.Scan(&seq, &doc, &rec); err != nil {
			return nil, pgError(err, "history")
		}
		it := storysync.HistoryItem{Cursor: Cursor(seq), ReceivedAt: rec.UTC()}
		if err := json.Unmarshal([]byte(doc), &it.Decision); err != nil {
			return nil, fmt.Errorf("history: decision %d: %w", seq, err)
		}
		out = append(out, it)
	}
	if err := rows.Err(); err != nil {
		return nil, pgError(err, "history")
	}
	return out, nil
}

// Story implements Store. The story and its decisions are read in one
// snapshot (a repeatable-read transaction), so a decision accepted
// meanwhile shows in both or neither.
func (s *PGStore) Story(ctx context.Context, id string) (*storysync.StoryDetail, error) {
	tx, err := s.pool.BeginTx(ctx, pgx.TxOptions{IsoLevel: pgx.RepeatableRead, AccessMode: pgx.ReadOnly})
	if err != nil {
		return nil, pgError(err, "story %s", id)
	}
	defer tx.Rollback(ctx)
	var d storysync.StoryDetail
	var exp *int64
	// the claim that holds the story, if any: a scan of the live claims
	row := tx.QueryRow(ctx, `SELECT `+pgStoryCols+`, c.expires_at FROM stories s
		LEFT JOIN LATERAL (SELECT expires_at FROM claims WHERE seqs @> ARRAY[s.seq] LIMIT 1) c ON true
		WHERE s.id = $1`, id)
	st, err := scanPGStory(row, &exp)
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, moderation.Errorf(moderation.ENOTFOUND, "story %s not found", id)
	} else if err != nil {
		return nil, pgError(err, "story %s", id)
	}
	d.Story = st
	if exp != nil {
		d.Story.LeaseExpiresAt = timePtr(time.Unix(0, *exp))
	}
	d.Decisions, err = pgItems(ctx, tx, `SELECT seq, doc, received_at FROM decisions WHERE story_id = $1 ORDER BY seq`, id)
	if err != nil {
		return nil, err
	}
	return &d, nil
}

// VerifyChain implements Store. It reads one snapshot (a repeatable-read
// transaction), so decisions committed meanwhile do not disturb it.
func (s *PGStore) VerifyChain(ctx context.Context) (ChainReport, error) {
	var rep ChainReport
	tx, err := s.pool.BeginTx(ctx, pgx.TxOptions{IsoLevel: pgx.RepeatableRead, AccessMode: pgx.ReadOnly})
	if err != nil {
		return rep, pgError(err, "verify chain")
	}
	defer tx.Rollback(ctx)
	rows, err := tx.Query(ctx, `SELECT seq, id, doc, hash FROM decisions ORDER BY seq`)
	if err != nil {
		return rep, pgError(err, "verify chain")
	}
	defer rows.Close()
	prev := ""
	for rows.Next() {
		var seq int64
		var id, doc, hash string
		if err := rows.Scan(&seq, &id, &doc, &hash); err != nil {
			return rep, pgError(err, "verify chain")
		}
		if ChainHash(prev, []byte(doc)) != hash {
			rep.BrokenSeq, rep.BrokenID = seq, id
			return rep, nil
		}
		rep.Checked++
		prev = hash
	}
	if err := rows.Err(); err != nil {
		return rep, pgError(err, "verify chain")
	}
	return rep, nil
}
