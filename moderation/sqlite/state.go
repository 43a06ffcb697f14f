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

// TrainingRun is one case a trainee played in trainer mode.
type TrainingRun struct {
	ID         int64
	Trainee    string
	Pack       string
	CaseID     string
	Scores     json.RawMessage // the scorer's figures, any JSON object
	StartedAt  time.Time
	FinishedAt time.Time // zero while the case is open
}

// AddTrainingRun stores a run and returns its id. Scores default to {}.
func (s *Store) AddTrainingRun(ctx context.Context, r TrainingRun) (int64, error) {
	switch {
	case r.Trainee == "":
		return 0, moderation.Invalidf("trainee", "missing")
	case r.Pack == "":
		return 0, moderation.Invalidf("pack", "missing")
	case r.CaseID == "":
		return 0, moderation.Invalidf("case_id", "missing")
	}
	scores := string(r.Scores)
	if scores == "" {
		scores = "{}"
	}
	if !json.Valid([]byte(scores)) {
		return 0, moderation.Invalidf("scores", "not valid JSON")
	}
	if r.StartedAt.IsZero() {
		r.StartedAt = s.now()
	}
	res, err := s.db.ExecContext(ctx, `INSERT INTO training_runs (trainee, pack, case_id, scores, started_at, finished_at)
		VALUES (?, ?, ?, ?, ?, ?)`, r.Trainee, r.Pack, r.CaseID, scores, unixNano(r.StartedAt), unixNano(r.FinishedAt))
	if err != nil {
		return 0, wrap(err, "add training run")
	}
	id, err := res.LastInsertId()
	return id, wrap(err, "add training run")
}

// FinishTrainingRun records a run's scores and finish time; ENOTFOUND for
// an unknown id.
func (s *Store) FinishTrainingRun(ctx context.Context, id int64, scores json.RawMessage, finished time.Time) error {
	if !json.Valid(scores) {
		return moderation.Invalidf("scores", "not valid JSON")
	}
	if finished.IsZero() {
		finished = s.now()
	}
	res, err := s.db.ExecContext(ctx, `UPDATE training_runs SET scores = ?, finished_at = ? WHERE id = ?`, string(scores), unixNano(finished), id)
	if err != nil {
		return wrap(err, "finish training run %d", id)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return moderation.Errorf(moderation.ENOTFOUND, "training run %d not found", id)
	}
	return nil
}

// TrainingRuns lists runs oldest first, of one trainee or of all ("").
func (s *Store) TrainingRuns(ctx context.Context, trainee string) ([]TrainingRun, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT id, trainee, pack, case_id, scores, started_at, finished_at FROM training_runs
		WHERE ?1 = '' OR trainee = ?1 ORDER BY started_at, id`, trainee)
	if err != nil {
		return nil, wrap(err, "training runs")
	}
	defer rows.Close()
	out := []TrainingRun{}
	for rows.Next() {
		var r TrainingRun
		var scores string
		var started, finished int64
		if err := rows.Scan(&r.ID, &r.Trainee, &r.Pack, &r.CaseID, &scores, &started, &finished); err != nil {
			return nil, wrap(err, "training runs")
		}
		r.Scores, r.StartedAt, r.FinishedAt = json.RawMessage(scores), fromNano(started), fromNano(finished)
		out = append(out, r)
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
