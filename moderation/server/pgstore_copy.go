package server

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/storydesk/storydesk/moderation"
)

// CopyReport counts what CopyToPostgres moved.
type CopyReport struct {
	Users, Stories, Decisions int
}

// CopyToPostgres copies everything in a SQLite server store into an empty
// PostgreSQL store in one transaction: users with their token hashes,
// stories with their queue state and leases (each lease becomes a
// one-story claim that keeps its lease id), and decisions with their
// sequence numbers, received times and chain hashes unchanged, so history
// cursors stay valid and the chain still verifies. The source should not
// take writes meanwhile (stop the server first). A destination that holds
// any user, story or decision gives ECONFLICT and is left untouched.
func CopyToPostgres(ctx context.Context, src *SQLiteStore, dst *PGStore) (CopyReport, error) {
	var rep CopyReport
	tx, err := dst.pool.BeginTx(ctx, pgx.TxOptions{})
	if err != nil {
		return rep, pgError(err, "copy")
	}
	defer tx.Rollback(ctx)
	// Keep replicas from writing while we copy. The queue head comes
	// first, as in every claim (claim_calls locks its row before it
	// touches another table): taking it after the others deadlocked with
	// the empty warm-up claim each new pool connection runs (warmClaims),
	// which held the head and waited for the claims table.
	if _, err := tx.Exec(ctx, `LOCK TABLE queue_head, queue_pool, claims, stories, decisions, users IN EXCLUSIVE MODE`); err != nil {
		return rep, pgError(err, "copy: lock")
	}
	var empty bool
	if err := tx.QueryRow(ctx, `SELECT NOT EXISTS (SELECT 1 FROM users) AND NOT EXISTS (SELECT 1 FROM stories) AND NOT EXISTS (SELECT 1 FROM decisions)`).Scan(&empty); err != nil {
		return rep, pgError(err, "copy")
	}
	if !empty {
		return rep, moderation.Errorf(moderation.ECONFLICT, "the PostgreSQL database already holds users, stories or decisions; copy into an empty one")
	}
	src0, err := src.db.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return rep, fmt.Errorf("copy: read sqlite: %w", err)
	}
	defer src0.Rollback()

	users, err := sqliteRows(ctx, src0, `SELECT name, role, token_hash FROM users ORDER BY name`, func(r *sql.Rows) ([]any, error) {
		var name, role string
		var hash []byte
		err := r.Scan(&name, &role, &hash)
		return []any{name, role, hash}, err
	})
	if err != nil {
		return rep, fmt.Errorf("copy users: %w", err)
	}
	// each lease becomes a one-story claim that keeps its lease id
	var claims [][]any
	stories, err := sqliteRows(ctx, src0, `SELECT seq, id, title, body, service, service_type, submitted_at, author_role, status, version,
			lease_id, lease_holder, lease_expires_at, claim_request FROM stories ORDER BY seq`, func(r *sql.Rows) ([]any, error) {
		var seq, exp int64
		var version int32
		var id, title, body, service, stype, sub, role, status string
		var lease, holder, request sql.NullString
		if err := r.Scan(&seq, &id, &title, &body, &service, &stype, &sub, &role, &status, &version, &lease, &holder, &exp, &request); err != nil {
			return nil, err
		}
		var submitted *time.Time
		if sub != "" {
			t, err := time.Parse(time.RFC3339Nano, sub)
			if err != nil {
				return nil, fmt.Errorf("story %s: submitted_at: %w", id, err)
			}
			submitted = &t
		}
		if lease.Valid && status == string(moderation.StatusPending) {
			claims = append(claims, []any{lease.String, holder.String, nullString(request), exp, []int64{seq}, true})
		}
		return []any{seq, id, title, body, service, stype, submitted, role, status, version}, nil
	})
	if err != nil {
		return rep, fmt.Errorf("copy stories: %w", err)
	}
	decisions, err := sqliteRows(ctx, src0, `SELECT seq, id, story_id, moderator, action, doc, received_at, hash FROM decisions ORDER BY seq`, func(r *sql.Rows) ([]any, error) {
		var seq int64
		var id, story, mod, action, doc, rec, hash string
		if err := r.Scan(&seq, &id, &story, &mod, &action, &doc, &rec, &hash); err != nil {
			return nil, err
		}
		t, err := time.Parse(time.RFC3339Nano, rec)
		if err != nil {
			return nil, fmt.Errorf("decision %d: received_at: %w", seq, err)
		}
		return []any{seq, id, story, mod, action, doc, t, hash}, nil
	})
	if err != nil {
		return rep, fmt.Errorf("copy decisions: %w", err)
	}

	for _, c := range []struct {
		table string
		cols  []string
		rows  [][]any
		n     *int
	}{
		{"users", []string{"name", "role", "token_hash"}, users, &rep.Users},
		{"stories", []string{"seq", "id", "title", "body", "service", "service_type", "submitted_at", "author_role", "status", "version"}, stories, &rep.Stories},
		{"claims", []string{"id", "holder", "request", "expires_at", "seqs", "bare_lease"}, claims, new(int)},
		{"decisions", []string{"seq", "id", "story_id", "moderator", "action", "doc", "received_at", "hash"}, decisions, &rep.Decisions},
	} {
		n, err := tx.CopyFrom(ctx, pgx.Identifier{c.table}, c.cols, pgx.CopyFromRows(c.rows))
		if err != nil {
			return rep, pgError(err, "copy %s", c.table)
		}
		*c.n = int(n)
	}
	// new stories continue after the copied ones
	if _, err := tx.Exec(ctx, `SELECT setval(pg_get_serial_sequence('stories', 'seq'), GREATEST((SELECT max(seq) FROM stories), 1), (SELECT count(*) > 0 FROM stories))`); err != nil {
		return rep, pgError(err, "copy: story sequence")
	}
	// claims go on after the last leased story; unleased ones below it wait in the pool
	if _, err := tx.Exec(ctx, `SELECT queue_head_reset()`); err != nil {
		return rep, pgError(err, "copy: queue head")
	}
	if err := tx.Commit(ctx); err != nil {
		return rep, pgError(err, "copy: commit")
	}
	return rep, nil
}

func nullString(s sql.NullString) *string {
	if !s.Valid {
		return nil
	}
	return &s.String
}

func sqliteRows(ctx context.Context, tx *sql.Tx, q string, scan func(*sql.Rows) ([]any, error)) ([][]any, error) {
	rows, err := tx.QueryContext(ctx, q)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out [][]any
	for rows.Next() {
		row, err := scan(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, row)
	}
	return out, rows.Err()
}
