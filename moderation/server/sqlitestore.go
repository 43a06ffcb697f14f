package server

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"os"
	"strings"
	"time"

	"github.com/google/uuid"
	_ "modernc.org/sqlite" // database/sql driver "sqlite"

	"github.com/storydesk/storydesk/moderation"
	storysync "github.com/storydesk/storydesk/moderation/sync"
)

// SQLiteStore is the server Store on one SQLite file (WAL mode).
type SQLiteStore struct {
	db *sql.DB
}

var _ Store = (*SQLiteStore)(nil)

const schema = `
CREATE TABLE IF NOT EXISTS users (
	name       TEXT PRIMARY KEY,
	role       TEXT NOT NULL,
	token_hash BLOB NOT NULL UNIQUE
);
CREATE TABLE IF NOT EXISTS stories (
	seq              INTEGER PRIMARY KEY AUTOINCREMENT,
	id               TEXT NOT NULL UNIQUE,
	title            TEXT NOT NULL,
	body             TEXT NOT NULL,
	service          TEXT NOT NULL DEFAULT '',
	service_type     TEXT NOT NULL DEFAULT '',
	submitted_at     TEXT NOT NULL DEFAULT '',
	author_role      TEXT NOT NULL DEFAULT '',
	status           TEXT NOT NULL DEFAULT 'pending',
	version          INTEGER NOT NULL DEFAULT 1,
	lease_id         TEXT UNIQUE,
	lease_holder     TEXT,
	lease_expires_at INTEGER NOT NULL DEFAULT 0,
	claim_request    TEXT -- the request id of the claim that leased it, for replays
);
-- claims walk the pending stories oldest first; decided stories leave the
-- index, so deciding one costs one index entry, not a move to another range
DROP INDEX IF EXISTS stories_claimable;
CREATE INDEX IF NOT EXISTS stories_pending ON stories(seq, lease_expires_at) WHERE status = 'pending';
CREATE TABLE IF NOT EXISTS decisions (
	seq         INTEGER PRIMARY KEY AUTOINCREMENT,
	id          TEXT NOT NULL UNIQUE,
	story_id    TEXT NOT NULL REFERENCES stories(id),
	moderator   TEXT NOT NULL,
	action      TEXT NOT NULL,
	doc         TEXT NOT NULL,
	received_at TEXT NOT NULL,
	hash        TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS decisions_story ON decisions(story_id, seq);
CREATE INDEX IF NOT EXISTS decisions_moderator ON decisions(moderator, seq);
`

// OpenSQLite opens (creating if needed, mode 0600) the server database at
// path and applies the schema.
func OpenSQLite(ctx context.Context, path string) (*SQLiteStore, error) {
	if f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o600); err != nil {
		return nil, fmt.Errorf("open server db: %w", err)
	} else {
		f.Close()
	}
	q := url.Values{}
	q.Add("_pragma", "journal_mode(WAL)")
	q.Add("_pragma", "busy_timeout(10000)")
	q.Add("_pragma", "foreign_keys(1)")
	// FULL syncs the WAL at every commit: a client drops a decision from
	// its outbox once it is accepted, so the acceptance must survive a
	// power cut (NORMAL may lose the last commits then)
	q.Add("_pragma", "synchronous(FULL)")
	q.Add("_pragma", "cache_size(-65536)") // 64 MiB: the working set of a busy queue stays in memory
	q.Add("_pragma", "wal_autocheckpoint(10000)")
	q.Set("_txlock", "immediate")
	db, err := sql.Open("sqlite", "file:"+uriPath.Replace(path)+"?"+q.Encode())
	if err != nil {
		return nil, fmt.Errorf("open server db: %w", err)
	}
	// One connection serialises writers inside the process, so SQLite
	// never answers "busy" between our own transactions.
	db.SetMaxOpenConns(1)
	if _, err := db.ExecContext(ctx, schema); err != nil {
		db.Close()
		return nil, fmt.Errorf("apply server schema: %w", err)
	}
	// files made before claims could be replayed lack the column
	var has int
	if err := db.QueryRowContext(ctx, `SELECT count(*) FROM pragma_table_info('stories') WHERE name = 'claim_request'`).Scan(&has); err != nil {
		db.Close()
		return nil, fmt.Errorf("inspect server schema: %w", err)
	}
	if has == 0 {
		if _, err := db.ExecContext(ctx, `ALTER TABLE stories ADD COLUMN claim_request TEXT`); err != nil {
			db.Close()
			return nil, fmt.Errorf("add claim_request: %w", err)
		}
	}
	return &SQLiteStore{db: db}, nil
}

// uriPath escapes what SQLite reads specially in the path of a file: URI
// ('%' escapes, '?' starts the query, '#' the fragment), so the file opened
// is the one created above with mode 0600, not another made with the umask.
var uriPath = strings.NewReplacer("%", "%25", "?", "%3f", "#", "%23")

// Close closes the database.
func (s *SQLiteStore) Close() error { return s.db.Close() }

// AddUser implements Store.
func (s *SQLiteStore) AddUser(ctx context.Context, u User, tokenHash []byte) error {
	if !u.Role.Valid() {
		return invalid("role", "unknown role %q", u.Role)
	}
	if u.Name == "" {
		return invalid("name", "missing")
	}
	_, err := s.db.ExecContext(ctx, `INSERT INTO users(name, role, token_hash) VALUES (?, ?, ?)`, u.Name, string(u.Role), tokenHash)
	if err != nil && strings.Contains(err.Error(), "UNIQUE") {
		return moderation.Errorf(moderation.ECONFLICT, "user %s exists", u.Name)
	}
	if err != nil {
		return fmt.Errorf("add user %s: %w", u.Name, err)
	}
	return nil
}

// UserByTokenHash implements Store.
func (s *SQLiteStore) UserByTokenHash(ctx context.Context, tokenHash []byte) (User, error) {
	var u User
	err := s.db.QueryRowContext(ctx, `SELECT name, role FROM users WHERE token_hash = ?`, tokenHash).Scan(&u.Name, &u.Role)
	if errors.Is(err, sql.ErrNoRows) {
		return User{}, moderation.Errorf(moderation.ENOTFOUND, "no user with this token")
	} else if err != nil {
		return User{}, fmt.Errorf("find user: %w", err)
	}
	return u, nil
}

// AddStories implements Store.
func (s *SQLiteStore) AddStories(ctx context.Context, stories []storysync.Story) (int, error) {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return 0, fmt.Errorf("add stories: %w", err)
	}
	defer tx.Rollback()
	stmt, err := tx.PrepareContext(ctx, `INSERT INTO stories(id, title, body, service, service_type, submitted_at, author_role)
		VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT(id) DO NOTHING`)
	if err != nil {
		return 0, fmt.Errorf("add stories: %w", err)
	}
	defer stmt.Close()
	for i, st := range stories {
		sub := ""
		if st.SubmittedAt != nil {
			sub = st.SubmittedAt.UTC().Format(time.RFC3339Nano)
		}
		res, err := stmt.ExecContext(ctx, st.ID, st.Title, st.Body, st.Service, st.ServiceType, sub, st.AuthorRole)
		if err != nil {
			return 0, &ItemError{Item: i, Err: fmt.Errorf("add story %s: %w", st.ID, err)}
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return 0, &ItemError{Item: i, Err: &moderation.Error{Code: moderation.ECONFLICT, Field: "id", Message: fmt.Sprintf("story %s exists already", st.ID)}}
		}
	}
	if err := tx.Commit(); err != nil {
		return 0, fmt.Errorf("add stories: %w", err)
	}
	return len(stories), nil
}

// Claim implements Store.
func (s *SQLiteStore) Claim(ctx context.Context, user string, max int, lease time.Duration, now time.Time) ([]storysync.Story, error) {
	return s.ClaimRequest(ctx, user, "", max, lease, now)
}

var _ RequestClaimer = (*SQLiteStore)(nil)

// ClaimRequest implements RequestClaimer.
func (s *SQLiteStore) ClaimRequest(ctx context.Context, user, requestID string, max int, lease time.Duration, now time.Time) ([]storysync.Story, error) {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return nil, fmt.Errorf("claim: %w", err)
	}
	defer tx.Rollback()
	if requestID != "" {
		replay, err := s.replay(ctx, tx, user, requestID, now)
		if err != nil {
			return nil, fmt.Errorf("claim %s: %w", requestID, err)
		}
		if len(replay) > 0 {
			return replay, tx.Commit()
		}
	}
	rows, err := tx.QueryContext(ctx, `SELECT seq FROM stories WHERE status = 'pending' AND lease_expires_at <= ? ORDER BY seq LIMIT ?`, now.UnixNano(), max)
	if err != nil {
		return nil, fmt.Errorf("claim: %w", err)
	}
	var seqs []int64
	for rows.Next() {
		var seq int64
		if err := rows.Scan(&seq); err != nil {
			rows.Close()
			return nil, fmt.Errorf("claim: %w", err)
		}
		seqs = append(seqs, seq)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("claim: %w", err)
	}
	exp := now.Add(lease)
	out := make([]storysync.Story, 0, len(seqs))
	lease1, err := tx.PrepareContext(ctx, `UPDATE stories SET lease_id = ?, lease_holder = ?, lease_expires_at = ?, claim_request = ? WHERE seq = ?
		RETURNING id, title, body, service, service_type, submitted_at, author_role, status, version`)
	if err != nil {
		return nil, fmt.Errorf("claim: %w", err)
	}
	defer lease1.Close()
	for _, seq := range seqs {
		leaseID := uuid.NewString()
		row := lease1.QueryRowContext(ctx, leaseID, user, exp.UnixNano(), nullIfEmpty(requestID), seq)
		st, err := scanStory(row)
		if err != nil {
			return nil, fmt.Errorf("claim: %w", err)
		}
		st.LeaseID = leaseID
		st.LeaseExpiresAt = timePtr(exp)
		out = append(out, st)
	}
	if err := tx.Commit(); err != nil {
		return nil, fmt.Errorf("claim: %w", err)
	}
	return out, nil
}

// replay returns the stories still leased to user by the claim with
// requestID, as that claim returned them. Leases that have expired are
// not returned: the story may be claimed by anyone now, so a late repeat
// makes a new claim (the app repeats a claim whose answer it lost in a
// later round, which may come after the lease).
func (s *SQLiteStore) replay(ctx context.Context, tx *sql.Tx, user, requestID string, now time.Time) ([]storysync.Story, error) {
	rows, err := tx.QueryContext(ctx, `SELECT id, title, body, service, service_type, submitted_at, author_role, status, version, lease_id, lease_expires_at
		FROM stories WHERE lease_holder = ? AND claim_request = ? AND status = 'pending' AND lease_expires_at > ? ORDER BY seq`, user, requestID, now.UnixNano())
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []storysync.Story
	for rows.Next() {
		var leaseID string
		var exp int64
		st, err := scanStory(scanFunc(func(dest ...any) error { return rows.Scan(append(dest, &leaseID, &exp)...) }))
		if err != nil {
			return nil, err
		}
		st.LeaseID, st.LeaseExpiresAt = leaseID, timePtr(time.Unix(0, exp))
		out = append(out, st)
	}
	return out, rows.Err()
}

type scanFunc func(dest ...any) error

func (f scanFunc) Scan(dest ...any) error { return f(dest...) }

func nullIfEmpty(s string) any {
	if s == "" {
		return nil
	}
	return s
}

func scanStory(row interface{ Scan(...any) error }) (storysync.Story, error) {
	var st storysync.Story
	var sub string
	if err := row.Scan(&st.ID, &st.Title, &st.Body, &st.Service, &st.ServiceType, &sub, &st.AuthorRole, &st.Status, &st.Version); err != nil {
		return st, err
	}
	if sub != "" {
		if t, err := time.Parse(time.RFC3339Nano, sub); err == nil {
			st.SubmittedAt = &t
		}
	}
	return st, nil
}

func timePtr(t time.Time) *time.Time {
	t = t.UTC()
	return &t
}

// Renew implements Store.
func (s *SQLiteStore) Renew(ctx context.Context, user string, leaseIDs []string, lease time.Duration, now time.Time) ([]storysync.LeaseResult, error) {
	return s.leases(ctx, user, leaseIDs, func(tx *sql.Tx, id string) (storysync.LeaseResult, error) {
		exp := now.Add(lease)
		var storyID string
		err := tx.QueryRowContext(ctx, `UPDATE stories SET lease_expires_at = ? WHERE lease_id = ? AND lease_holder = ? AND status = 'pending'
			RETURNING id`, exp.UnixNano(), id, user).Scan(&storyID)
		if errors.Is(err, sql.ErrNoRows) {
			return storysync.LeaseResult{LeaseID: id, Status: storysync.LeaseLost}, nil
		}
		return storysync.LeaseResult{LeaseID: id, StoryID: storyID, Status: storysync.LeaseRenewed, ExpiresAt: timePtr(exp)}, err
	})
}

// Release implements Store.
func (s *SQLiteStore) Release(ctx context.Context, user string, leaseIDs []string) ([]storysync.LeaseResult, error) {
	return s.leases(ctx, user, leaseIDs, func(tx *sql.Tx, id string) (storysync.LeaseResult, error) {
		var storyID string
		err := tx.QueryRowContext(ctx, `UPDATE stories SET lease_id = NULL, lease_holder = NULL, lease_expires_at = 0, claim_request = NULL
			WHERE lease_id = ? AND lease_holder = ? RETURNING id`, id, user).Scan(&storyID)
		if errors.Is(err, sql.ErrNoRows) {
			return storysync.LeaseResult{LeaseID: id, Status: storysync.LeaseLost}, nil
		}
		return storysync.LeaseResult{LeaseID: id, StoryID: storyID, Status: storysync.LeaseReleased}, err
	})
}

func (s *SQLiteStore) leases(ctx context.Context, user string, ids []string, one func(*sql.Tx, string) (storysync.LeaseResult, error)) ([]storysync.LeaseResult, error) {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return nil, fmt.Errorf("leases of %s: %w", user, err)
	}
	defer tx.Rollback()
	out := make([]storysync.LeaseResult, 0, len(ids))
	for _, id := range ids {
		r, err := one(tx, id)
		if err != nil {
			return nil, fmt.Errorf("lease %s: %w", id, err)
		}
		out = append(out, r)
	}
	return out, tx.Commit()
}

// Bodies implements Store. One query reads the whole batch.
func (s *SQLiteStore) Bodies(ctx context.Context, ids []string) (map[string]string, error) {
	out := make(map[string]string, len(ids))
	if len(ids) == 0 {
		return out, nil
	}
	rows, err := s.db.QueryContext(ctx, `SELECT id, body FROM stories WHERE id IN (SELECT value FROM json_each(?))`, jsonArg(ids))
	if err != nil {
		return nil, fmt.Errorf("story bodies: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id, body string
		if err := rows.Scan(&id, &body); err != nil {
			return nil, fmt.Errorf("story bodies: %w", err)
		}
		out[id] = body
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("story bodies: %w", err)
	}
	return out, nil
}

// Canonical returns the canonical JSON of a decision: the bytes that are
// hashed into the chain and compared for duplicates.
func Canonical(d storysync.Decision) []byte {
	d.DecidedAt = d.DecidedAt.UTC()
	if d.ReviewAt != nil {
		t := d.ReviewAt.UTC()
		d.ReviewAt = &t
	}
	b, err := json.Marshal(d)
	if err != nil {
		panic(err) // a struct of strings, ints and times always encodes
	}
	return b
}

// ChainHash is the hash of a decision in the chain: hex SHA-256 over the
// previous decision's hash (hex, "" for the first) and the canonical JSON.
func ChainHash(prev string, doc []byte) string {
	h := sha256.New()
	h.Write([]byte(prev))
	h.Write(doc)
	return hex.EncodeToString(h.Sum(nil))
}

type storyRow struct {
	status      string
	version     int
	leaseID     sql.NullString
	leaseHolder sql.NullString
	leaseExp    int64
	latest      sql.NullString
	latestDoc   sql.NullString
}

func (r storyRow) state(id, reason string) *storysync.ServerState {
	st := &storysync.ServerState{StoryID: id, Reason: reason, Status: r.status, Version: r.version}
	if r.leaseHolder.Valid && r.leaseExp > 0 {
		st.LeaseHolder = r.leaseHolder.String
		st.LeaseExpiresAt = timePtr(time.Unix(0, r.leaseExp))
	}
	if r.latestDoc.Valid {
		var d storysync.Decision
		if json.Unmarshal([]byte(r.latestDoc.String), &d) == nil {
			// the published text stays out of the conflict answer: it is story text
			d.PublishedBody, d.PublishedTitle, d.Redactions = "", "", nil
			st.LatestDecision = &d
		}
	}
	return st
}

// Decide's statements. Each reads or writes the whole batch at once, the
// ids passed as one JSON array, so a batch costs a handful of statement
// runs instead of four per decision.
const (
	qBatchStates = `SELECT s.id, s.status, s.version, s.lease_id, s.lease_holder, s.lease_expires_at,
		(SELECT d.id FROM decisions d WHERE d.story_id = s.id ORDER BY d.seq DESC LIMIT 1)
		FROM stories s WHERE s.id IN (SELECT value FROM json_each(?))`
	qBatchDocs   = `SELECT id, doc FROM decisions WHERE id IN (SELECT value FROM json_each(?))`
	qDecisionDoc = `SELECT doc FROM decisions WHERE id = ?`
	// one row per decided story: [id, new status, decisions applied]
	qDecideStories = `UPDATE stories SET status = j.value ->> 1, version = version + (j.value ->> 2),
		lease_id = NULL, lease_holder = NULL, lease_expires_at = 0
		FROM json_each(?) j WHERE stories.id = j.value ->> 0`
	insertDecisionCols = `INSERT INTO decisions(id, story_id, moderator, action, doc, received_at, hash) VALUES `
	insertDecisionRow  = `(?, ?, ?, ?, ?, ?, ?)`
	insertDecisionArgs = 7
	// rows per INSERT statement (7 parameters each, far below SQLite's limit)
	insertChunk = 200
)

func jsonArg(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err) // strings and ints always encode
	}
	return string(b)
}

// batchStates reads the state of every story of a batch, by id.
func batchStates(ctx context.Context, tx *sql.Tx, ds []storysync.Decision) (map[string]*storyRow, error) {
	ids := make([]string, len(ds))
	for i, d := range ds {
		ids[i] = d.StoryID
	}
	rows, err := tx.QueryContext(ctx, qBatchStates, jsonArg(ids))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := make(map[string]*storyRow, len(ds))
	for rows.Next() {
		var id string
		r := &storyRow{}
		if err := rows.Scan(&id, &r.status, &r.version, &r.leaseID, &r.leaseHolder, &r.leaseExp, &r.latest); err != nil {
			return nil, err
		}
		out[id] = r
	}
	return out, rows.Err()
}

// batchDocs returns the stored canonical JSON of the batch's decision ids
// that exist already (normally none).
func batchDocs(ctx context.Context, tx *sql.Tx, ds []storysync.Decision) (map[string]string, error) {
	ids := make([]string, len(ds))
	for i, d := range ds {
		ids[i] = d.ID
	}
	rows, err := tx.QueryContext(ctx, qBatchDocs, jsonArg(ids))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]string{}
	for rows.Next() {
		var id, doc string
		if err := rows.Scan(&id, &doc); err != nil {
			return nil, err
		}
		out[id] = doc
	}
	return out, rows.Err()
}

// Decide implements Store. The batch is read in two queries (story states,
// decision ids already stored), judged in order in memory (a decision sees
// the effect of the earlier ones in its batch, as if applied one by one),
// then written with multi-row inserts and one update, all in one
// transaction.
func (s *SQLiteStore) Decide(ctx context.Context, u User, ds []storysync.Decision, now time.Time) ([]storysync.DecisionResult, error) {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return nil, fmt.Errorf("decide: %w", err)
	}
	defer tx.Rollback()
	var prev string
	err = tx.QueryRowContext(ctx, `SELECT hash FROM decisions ORDER BY seq DESC LIMIT 1`).Scan(&prev)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("decide: chain head: %w", err)
	}
	states, err := batchStates(ctx, tx, ds)
	if err != nil {
		return nil, fmt.Errorf("decide: story states: %w", err)
	}
	stored, err := batchDocs(ctx, tx, ds)
	if err != nil {
		return nil, fmt.Errorf("decide: stored decisions: %w", err)
	}
	received := now.UTC().Format(time.RFC3339Nano)
	var rows []any       // insert parameters, insertDecisionArgs per accepted decision
	var touched []string // decided stories in first-decided order
	applied := map[string]int{}
	out := make([]storysync.DecisionResult, 0, len(ds))
	for i, d := range ds {
		d.Moderator = u.Name
		res := storysync.DecisionResult{ID: d.ID}
		r, ok := states[d.StoryID]
		if !ok {
			return nil, &ItemError{Item: i, Err: invalid("story_id", "unknown story %s", d.StoryID)}
		}
		doc := Canonical(d)
		if prevDoc, ok := stored[d.ID]; ok {
			if prevDoc == string(doc) {
				res.Status = storysync.ResultDuplicate
			} else {
				if err := s.latestDoc(ctx, tx, r); err != nil {
					return nil, fmt.Errorf("decide %s: %w", d.ID, err)
				}
				res.Status, res.State = storysync.ResultConflict, r.state(d.StoryID, "decision id already used with different content")
			}
			out = append(out, res)
			continue
		}
		if reason := conflictReason(u, d, *r); reason != "" {
			if err := s.latestDoc(ctx, tx, r); err != nil {
				return nil, fmt.Errorf("decide %s: %w", d.ID, err)
			}
			res.Status, res.State = storysync.ResultConflict, r.state(d.StoryID, reason)
			out = append(out, res)
			continue
		}
		hash := ChainHash(prev, doc)
		prev = hash
		rows = append(rows, d.ID, d.StoryID, u.Name, d.Action, string(doc), received, hash)
		stored[d.ID] = string(doc)
		// the story as the following decisions of the batch must see it
		r.status = string(moderation.Action(d.Action).Status())
		r.version++
		r.leaseID, r.leaseHolder, r.leaseExp = sql.NullString{}, sql.NullString{}, 0
		r.latest = sql.NullString{String: d.ID, Valid: true}
		r.latestDoc = sql.NullString{String: string(doc), Valid: true}
		if applied[d.StoryID] == 0 {
			touched = append(touched, d.StoryID)
		}
		applied[d.StoryID]++
		res.Status = storysync.ResultAccepted
		out = append(out, res)
	}
	if err := insertDecisions(ctx, tx, rows); err != nil {
		return nil, fmt.Errorf("decide: %w", err)
	}
	if len(touched) > 0 {
		upd := make([][3]any, len(touched))
		for i, id := range touched {
			upd[i] = [3]any{id, states[id].status, applied[id]}
		}
		res, err := tx.ExecContext(ctx, qDecideStories, jsonArg(upd))
		if err != nil {
			return nil, fmt.Errorf("decide: story status: %w", err)
		}
		if n, err := res.RowsAffected(); err != nil || n != int64(len(touched)) {
			return nil, fmt.Errorf("decide: story status: %d of %d stories updated: %v", n, len(touched), err)
		}
	}
	if err := tx.Commit(); err != nil {
		return nil, fmt.Errorf("decide: %w", err)
	}
	return out, nil
}

// latestDoc loads the canonical JSON of r's latest decision for a conflict
// answer, unless it is known already.
func (s *SQLiteStore) latestDoc(ctx context.Context, tx *sql.Tx, r *storyRow) error {
	if !r.latest.Valid || r.latestDoc.Valid {
		return nil
	}
	err := tx.QueryRowContext(ctx, qDecisionDoc, r.latest.String).Scan(&r.latestDoc)
	if errors.Is(err, sql.ErrNoRows) {
		return nil
	}
	return err
}

// insertDecisions inserts rows (insertDecisionArgs values each) in order,
// insertChunk rows per statement, so sequence numbers follow the chain.
func insertDecisions(ctx context.Context, tx *sql.Tx, args []any) error {
	per := insertDecisionArgs * insertChunk
	var full *sql.Stmt
	defer func() {
		if full != nil {
			full.Close()
		}
	}()
	for start := 0; start < len(args); start += per {
		chunk := args[start:min(start+per, len(args))]
		n := len(chunk) / insertDecisionArgs
		if n == insertChunk {
			if full == nil {
				var err error
				if full, err = tx.PrepareContext(ctx, insertStatement(n)); err != nil {
					return err
				}
			}
			if _, err := full.ExecContext(ctx, chunk...); err != nil {
				return err
			}
			continue
		}
		if _, err := tx.ExecContext(ctx, insertStatement(n), chunk...); err != nil {
			return err
		}
	}
	return nil
}

func insertStatement(rows int) string {
	var b strings.Builder
	b.Grow(len(insertDecisionCols) + rows*(len(insertDecisionRow)+2))
	b.WriteString(insertDecisionCols)
	for i := range rows {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(insertDecisionRow)
	}
	return b.String()
}

// conflictReason says why d cannot be applied to a story in state r, or ""
// if it can.
func conflictReason(u User, d storysync.Decision, r storyRow) string {
	if d.Supersedes != "" {
		switch {
		case u.Role != RoleSupervisor && u.Role != RoleAdmin:
			return "only a supervisor may override a decision"
		case !r.latest.Valid || r.latest.String != d.Supersedes:
			return "supersedes is not the story's latest decision"
		}
		return ""
	}
	switch {
	case r.status != string(moderation.StatusPending):
		return "story already " + r.status
	case !r.leaseID.Valid || r.leaseID.String != d.LeaseID || r.leaseHolder.String != u.Name:
		return "lease not held: released, or expired and claimed by someone else"
	case r.version != d.StoryVersion:
		return fmt.Sprintf("story version is %d, decision was made on %d", r.version, d.StoryVersion)
	}
	return ""
}

// History implements Store.
func (s *SQLiteStore) History(ctx context.Context, f HistoryFilter) ([]storysync.HistoryItem, error) {
	if f.Limit <= 0 {
		f.Limit = 100
	}
	q := `SELECT seq, doc, received_at FROM decisions WHERE seq > ?`
	args := []any{f.After}
	if f.Moderator != "" {
		q += ` AND moderator = ?`
		args = append(args, f.Moderator)
	}
	if f.Action != "" {
		q += ` AND action = ?`
		args = append(args, f.Action)
	}
	q += ` ORDER BY seq LIMIT ?`
	args = append(args, f.Limit)
	return items(ctx, s.db, q, args...)
}

// sqlQuerier is a database or a transaction.
type sqlQuerier interface {
	QueryContext(ctx context.Context, q string, args ...any) (*sql.Rows, error)
}

func items(ctx context.Context, db sqlQuerier, q string, args ...any) ([]storysync.HistoryItem, error) {
	rows, err := db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("history: %w", err)
	}
	defer rows.Close()
	out := []storysync.HistoryItem{}
	for rows.Next() {
		var seq int64
		var doc, rec string
		if err := rows.Scan(&seq, &doc, &rec); err != nil {
			return nil, fmt.Errorf("history: %w", err)
		}
		it := storysync.HistoryItem{Cursor: Cursor(seq)}
		if err := json.Unmarshal([]byte(doc), &it.Decision); err != nil {
			return nil, fmt.Errorf("history: decision %d: %w", seq, err)
		}
		it.ReceivedAt, _ = time.Parse(time.RFC3339Nano, rec)
		out = append(out, it)
	}
	return out, rows.Err()
}

// Story implements Store. The story and its decisions are read in one
// transaction, so a decision accepted meanwhile shows in both or neither.
func (s *SQLiteStore) Story(ctx context.Context, id string) (*storysync.StoryDetail, error) {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return nil, fmt.Errorf("story %s: %w", id, err)
	}
	defer tx.Rollback()
	var d storysync.StoryDetail
	var holder sql.NullString
	var exp int64
	row := tx.QueryRowContext(ctx, `SELECT id, title, body, service, service_type, submitted_at, author_role, status, version, lease_holder, lease_expires_at
		FROM stories WHERE id = ?`, id)
	var sub string
	err = row.Scan(&d.Story.ID, &d.Story.Title, &d.Story.Body, &d.Story.Service, &d.Story.ServiceType, &sub,
		&d.Story.AuthorRole, &d.Story.Status, &d.Story.Version, &holder, &exp)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, moderation.Errorf(moderation.ENOTFOUND, "story %s not found", id)
	} else if err != nil {
		return nil, fmt.Errorf("story %s: %w", id, err)
	}
	if sub != "" {
		if t, err := time.Parse(time.RFC3339Nano, sub); err == nil {
			d.Story.SubmittedAt = &t
		}
	}
	if holder.Valid && exp > 0 {
		d.Story.LeaseExpiresAt = timePtr(time.Unix(0, exp))
	}
	d.Decisions, err = items(ctx, tx, `SELECT seq, doc, received_at FROM decisions WHERE story_id = ? ORDER BY seq`, id)
	if err != nil {
		return nil, err
	}
	return &d, nil
}

// VerifyChain implements Store.
func (s *SQLiteStore) VerifyChain(ctx context.Context) (ChainReport, error) {
	var rep ChainReport
	rows, err := s.db.QueryContext(ctx, `SELECT seq, id, doc, hash FROM decisions ORDER BY seq`)
	if err != nil {
		return rep, fmt.Errorf("verify chain: %w", err)
	}
	defer rows.Close()
	prev := ""
	for rows.Next() {
		var seq int64
		var id, doc, hash string
		if err := rows.Scan(&seq, &id, &doc, &hash); err != nil {
			return rep, fmt.Errorf("verify chain: %w", err)
		}
		if ChainHash(prev, []byte(doc)) != hash {
			rep.BrokenSeq, rep.BrokenID = seq, id
			return rep, nil
		}
		rep.Checked++
		prev = hash
	}
	return rep, rows.Err()
}

// DB exposes the database for tests that tamper with it.
func (s *SQLiteStore) DB() *sql.DB { return s.db }
