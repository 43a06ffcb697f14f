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
