package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/storydesk/storydesk/moderation"
)

// MarkPushedBatch records the server's answers for many outbox entries in
// one transaction, as MarkPushed does for one; storysync uses it when
// present, so a 10,000-decision push is not 10,000 commits. Each answer
// state is written by one statement over the ids (as a JSON array). An
// unknown id gives ENOTFOUND and nothing is recorded.
func (s *Store) MarkPushedBatch(ctx context.Context, answers []moderation.PushAnswer) error {
	type group struct {
		ids   []string
		state moderation.PushState
	}
	for _, a := range answers {
		switch a.State {
		case moderation.PushAccepted, moderation.PushDuplicate, moderation.PushConflict:
		default:
			return moderation.Invalidf("state", "%q is not a server answer", a.State)
		}
	}
	// answers without an explanation (accepted, duplicate: nearly all)
	// share a statement per state; the rest go one by one
	plain := map[moderation.PushState]*group{}
	var order []moderation.PushState
	err := s.tx(ctx, func(tx *sql.Tx) error {
		now := unixNano(s.now())
		var one *sql.Stmt
		defer func() {
			if one != nil {
				one.Close()
			}
		}()
		for _, a := range answers {
			if a.ServerState == "" {
				g := plain[a.State]
				if g == nil {
					g = &group{state: a.State}
					plain[a.State] = g
					order = append(order, a.State)
				}
				g.ids = append(g.ids, a.ID)
				continue
			}
			if one == nil {
				var err error
				if one, err = tx.PrepareContext(ctx, `UPDATE outbox SET state = ?, server_state = ?, updated_at = ? WHERE decision_id = ?`); err != nil {
					return err
				}
			}
			res, err := one.ExecContext(ctx, a.State, truncate(a.ServerState, maxServerState), now, a.ID)
			if err != nil {
				return err
			}
			if n, err := res.RowsAffected(); err != nil {
				return err
			} else if n == 0 {
				return moderation.Errorf(moderation.ENOTFOUND, "no outbox entry for decision %s", a.ID)
			}
		}
		for _, st := range order {
			g := plain[st]
			b, err := json.Marshal(g.ids)
			if err != nil {
				return err
			}
			res, err := tx.ExecContext(ctx, `UPDATE outbox SET state = ?, server_state = '', updated_at = ?
				WHERE decision_id IN (SELECT value FROM json_each(?))`, g.state, now, string(b))
			if err != nil {
				return err
			}
			if n, err := res.RowsAffected(); err != nil {
				return err
			} else if int(n) != distinct(g.ids) {
				return moderation.Errorf(moderation.ENOTFOUND, "no outbox entry for %d of %d decisions", distinct(g.ids)-int(n), distinct(g.ids))
			}
		}
		return nil
	})
	if err != nil {
		return wrap(err, "mark %d decisions pushed", len(answers))
	}
	s.log.Info("outbox entries answered", logCount, len(answers))
	return nil
}

func distinct(ids []string) int {
	seen := make(map[string]bool, len(ids))
	for _, id := range ids {
		seen[id] = true
	}
	return len(seen)
}

// StoryBodies returns the original bodies of the known stories among ids,
// without their spans, in one query; storysync reads them to convert
// redaction offsets for a whole push batch at once.
func (s *Store) StoryBodies(ctx context.Context, ids []moderation.StoryID) (map[moderation.StoryID]string, error) {
	out := make(map[moderation.StoryID]string, len(ids))
	if len(ids) == 0 {
		return out, nil
	}
	b, err := json.Marshal(ids)
	if err != nil {
		return nil, wrap(err, "story bodies")
	}
	rows, err := s.db.QueryContext(ctx, `SELECT id, body FROM stories WHERE id IN (SELECT value FROM json_each(?))`, string(b))
	if err != nil {
		return nil, wrap(err, "story bodies")
	}
	defer rows.Close()
	for rows.Next() {
		var id moderation.StoryID
		var body string
		if err := rows.Scan(&id, &body); err != nil {
			return nil, wrap(err, "story bodies")
		}
		out[id] = body
	}
	return out, wrap(rows.Err(), "story bodies")
}

// ReopenConflicted settles stories that were just claimed from the queue
// server (and saved with SaveClaimed) but stay decided locally, because
// SaveClaimed keeps a local decision. The server only leases a story that
// is pending there, so any local decision on it was not applied:
//
//   - if the story's latest local decision came back as a conflict and the
//     body is unchanged, the story is pending again with the new lease and
//     version, so the moderator decides it afresh; the conflicted decision
//     stays in the history, and in Conflicts until acknowledged;
//   - otherwise (a decision still waiting in the outbox, or a changed body)
//     the story stays as it is and its id is returned: the caller should
//     give the lease back, so it does not block everyone until it expires.
//
// Stories unknown locally or pending locally are left alone.
func (s *Store) ReopenConflicted(ctx context.Context, claimed []moderation.Story) ([]moderation.StoryID, error) {
	var keep []moderation.StoryID
	reopened := 0
	err := s.tx(ctx, func(tx *sql.Tx) error {
		keep, reopened = keep[:0], 0
		look, err := tx.PrepareContext(ctx, `SELECT s.status, s.body, coalesce((SELECT o.state FROM decisions d JOIN outbox o ON o.decision_id = d.id
			WHERE d.story_id = s.id ORDER BY d.seq DESC LIMIT 1), '') FROM stories s WHERE s.id = ?`)
		if err != nil {
			return err
		}
		defer look.Close()
		upd, err := tx.PrepareContext(ctx, `UPDATE stories SET status = 'pending', last_action = '', decided_at = 0,
			lease_id = ?, lease_expires_at = ?, version = ? WHERE id = ?`)
		if err != nil {
			return err
		}
		defer upd.Close()
		for _, st := range claimed {
			var status moderation.Status
			var body string
			var push moderation.PushState
			err := look.QueryRowContext(ctx, st.ID).Scan(&status, &body, &push)
			switch {
			case errors.Is(err, sql.ErrNoRows):
				continue
			case err != nil:
				return fmt.Errorf("story %s: %w", st.ID, err)
			case status == moderation.StatusPending:
				continue
			case push == moderation.PushConflict && body == st.Body:
				if _, err := upd.ExecContext(ctx, st.LeaseID, unixNano(st.LeaseExpiresAt), st.Version, st.ID); err != nil {
					return fmt.Errorf("story %s: %w", st.ID, err)
				}
				reopened++
			default:
				keep = append(keep, st.ID)
			}
		}
		return nil
	})
	if err != nil {
		return nil, wrap(err, "reopen %d claimed stories", len(claimed))
	}
	if reopened > 0 || len(keep) > 0 {
		s.log.Info("claimed stories decided locally", "reopened", reopened, logKept, len(keep))
	}
	return keep, nil
}
