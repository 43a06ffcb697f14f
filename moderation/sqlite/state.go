package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"time"

	"github.com/storydesk/storydesk/moderation"
)

// Well-known sync_state keys; callers may use any other key too.
const (
	StateLastSync      = "last_sync"      // RFC 3339 time of the last successful sync
	StateHistoryCursor = "history_cursor" // the server's history feed cursor
)

// State returns the value stored under key, "" if unset.
func (s *Store) State(ctx context.Context, key string) (string, error) {
	var v string
	err := s.db.QueryRowContext(ctx, `SELECT value FROM sync_state WHERE key = ?`, key).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	return v, wrap(err, "state %s", key)
}

// SetState stores value under key, replacing any earlier value.
func (s *Store) SetState(ctx context.Context, key, value string) error {
	if key == "" {
		return moderation.Invalidf("key", "empty state key")
	}
	_, err := s.db.ExecContext(ctx, `INSERT INTO sync_state (key, value, updated_at) VALUES (?, ?, ?)
		ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`, key, value, unixNano(s.now()))
	return wrap(err, "set state %s", key)
}

// TrainingRun is one trainee's pass through a training pack, with the
// scores of each case played. moderation/training's Run maps onto it (cmd
// adapts one to the other; this package does not import training).
type TrainingRun struct {
	ID         string
	Trainee    string
	Pack       string
	StartedAt  time.Time
	FinishedAt time.Time // zero while the run is unfinished
	Cases      []TrainingCase
}

// TrainingCase is one case of a run and the scorer's figures for it.
type TrainingCase struct {
	CaseID string
	Scores json.RawMessage // any JSON value; empty means {}
}

// SaveTrainingRun stores a run, replacing an earlier save of the same id
// (cases included), in one transaction.
func (s *Store) SaveTrainingRun(ctx context.Context, r TrainingRun) error {
	switch {
	case r.ID == "":
		return moderation.Invalidf("id", "training run: missing")
	case r.Trainee == "":
		return moderation.Invalidf("trainee", "training run %s: missing", r.ID)
	case r.Pack == "":
		return moderation.Invalidf("pack", "training run %s: missing", r.ID)
	}
	for i, c := range r.Cases {
		if c.CaseID == "" {
			return moderation.Invalidf("case_id", "training run %s: case %d: missing", r.ID, i)
		}
		if len(c.Scores) > 0 && !json.Valid(c.Scores) {
			return moderation.Invalidf("scores", "training run %s: case %s: not valid JSON", r.ID, c.CaseID)
		}
	}
	if r.StartedAt.IsZero() {
		r.StartedAt = s.now()
	}
	err := s.tx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `INSERT INTO training_runs (id, trainee, pack, started_at, finished_at) VALUES (?, ?, ?, ?, ?)
			ON CONFLICT (id) DO UPDATE SET trainee = excluded.trainee, pack = excluded.pack,
			started_at = excluded.started_at, finished_at = excluded.finished_at`,
			r.ID, r.Trainee, r.Pack, unixNano(r.StartedAt), unixNano(r.FinishedAt)); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM training_cases WHERE run_id = ?`, r.ID); err != nil {
			return err
		}
		for i, c := range r.Cases {
			scores := string(c.Scores)
			if scores == "" {
				scores = "{}"
			}
			if _, err := tx.ExecContext(ctx, `INSERT INTO training_cases (run_id, seq, case_id, scores) VALUES (?, ?, ?, ?)`,
				r.ID, i, c.CaseID, scores); err != nil {
				return err
			}
		}
		return nil
	})
	return wrap(err, "save training run %s", r.ID)
}

// TrainingRuns lists the runs of trainee ("" for every trainee), oldest
// first, each with its cases in the order saved.
func (s *Store) TrainingRuns(ctx context.Context, trainee string) ([]TrainingRun, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT r.id, r.trainee, r.pack, r.started_at, r.finished_at, c.case_id, c.scores
		FROM training_runs r LEFT JOIN training_cases c ON c.run_id = r.id
		WHERE ?1 = '' OR r.trainee = ?1 ORDER BY r.started_at, r.id, c.seq`, trainee)
	if err != nil {
		return nil, wrap(err, "training runs")
	}
	defer rows.Close()
	out := []TrainingRun{}
	for rows.Next() {
		var r TrainingRun
		var started, finished int64
		var caseID, scores sql.NullString
		if err := rows.Scan(&r.ID, &r.Trainee, &r.Pack, &started, &finished, &caseID, &scores); err != nil {
			return nil, wrap(err, "training runs")
		}
		if n := len(out); n == 0 || out[n-1].ID != r.ID {
			r.StartedAt, r.FinishedAt = fromNano(started), fromNano(finished)
			out = append(out, r)
		}
		if caseID.Valid {
			last := &out[len(out)-1]
			last.Cases = append(last.Cases, TrainingCase{CaseID: caseID.String, Scores: json.RawMessage(scores.String)})
		}
	}
	return out, wrap(rows.Err(), "training runs")
}

// CacheHistory stores decisions fetched from the server's history feed in
// one transaction, replacing cached copies with the same id. The decisions'
// stories need not be stored locally.
func (s *Store) CacheHistory(ctx context.Context, ds []moderation.Decision) error {
	for i, d := range ds {
		if d.ID == "" || d.StoryID == "" {
			return moderation.Invalidf("id", "history decision %d: missing id or story id", i)
		}
		if err := checkTimes(d); err != nil {
			return err
		}
	}
	err := s.tx(ctx, func(tx *sql.Tx) error {
		stmt, err := tx.PrepareContext(ctx, `INSERT OR REPLACE INTO history_cache (`+decisionCols+`, cached_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
		if err != nil {
			return err
		}
		defer stmt.Close()
		now := unixNano(s.now())
		for i := range ds {
			args, err := decisionArgs(&ds[i])
			if err != nil {
				return err
			}
			if _, err := stmt.ExecContext(ctx, append(args, now)...); err != nil {
				return err
			}
		}
		return nil
	})
	return wrap(err, "cache %d history decisions", len(ds))
}

// CachedHistory returns cached server decisions, newest first, filtered by
// f (Text matches the published title and any local story's title).
func (s *Store) CachedHistory(ctx context.Context, f HistoryFilter) ([]moderation.Decision, error) {
	where, args := f.where(`coalesce((SELECT title FROM stories st WHERE st.id = d.story_id), '')`)
	q := `SELECT ` + prefixed("d.", decisionCols) + ` FROM history_cache d` + where + ` ORDER BY d.decided_at DESC, d.id DESC LIMIT ?`
	out, err := s.decisions(ctx, q, append(args, limit(f.Limit))...)
	return out, wrap(err, "cached history")
}
