package sqlite

import (
	"context"
	"database/sql"

	"github.com/storydesk/storydesk/moderation"
)

// MarkPushedBatch records the server's answers for many outbox entries in
// one transaction, as MarkPushed does for one; storysync uses it when
// present, so a 10,000-decision push is not 10,000 commits. An unknown id
// gives ENOTFOUND and nothing is recorded.
func (s *Store) MarkPushedBatch(ctx context.Context, answers []moderation.PushAnswer) error {
	for _, a := range answers {
		switch a.State {
		case moderation.PushAccepted, moderation.PushDuplicate, moderation.PushConflict:
		default:
			return moderation.Invalidf("state", "%q is not a server answer", a.State)
		}
	}
	err := s.tx(ctx, func(tx *sql.Tx) error {
		upd, err := tx.PrepareContext(ctx, `UPDATE outbox SET state = ?, server_state = ?, updated_at = ? WHERE decision_id = ?`)
		if err != nil {
			return err
		}
		defer upd.Close()
		now := unixNano(s.now())
		for _, a := range answers {
			res, err := upd.ExecContext(ctx, a.State, truncate(a.ServerState, maxServerState), now, a.ID)
			if err != nil {
				return err
			}
			if n, err := res.RowsAffected(); err != nil {
				return err
			} else if n == 0 {
				return moderation.Errorf(moderation.ENOTFOUND, "no outbox entry for decision %s", a.ID)
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

// StoryBodies returns the original bodies of the known stories among ids,
// without their spans; storysync reads them to convert redaction offsets
// for a whole push batch at once.
func (s *Store) StoryBodies(ctx context.Context, ids []moderation.StoryID) (map[moderation.StoryID]string, error) {
	out := make(map[moderation.StoryID]string, len(ids))
	stmt, err := s.db.PrepareContext(ctx, `SELECT body FROM stories WHERE id = ?`)
	if err != nil {
		return nil, wrap(err, "story bodies")
	}
	defer stmt.Close()
	for _, id := range ids {
		if _, ok := out[id]; ok {
			continue
		}
		var body string
		switch err := stmt.QueryRowContext(ctx, id).Scan(&body); {
		case err == sql.ErrNoRows:
		case err != nil:
			return nil, wrap(err, "story %s body", id)
		default:
			out[id] = body
		}
	}
	return out, nil
}
