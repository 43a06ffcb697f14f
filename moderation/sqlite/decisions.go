package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/storydesk/storydesk/moderation"
)

// redactionJSON is the stored form of a decision's redactions (byte offsets).
type redactionJSON struct {
	Start       int               `json:"start"`
	End         int               `json:"end"`
	Kind        moderation.Kind   `json:"kind"`
	Source      moderation.Source `json:"source,omitempty"`
	Replacement string            `json:"replacement"`
}

func encodeRedactions(rs []moderation.Redaction) (string, error) {
	out := make([]redactionJSON, len(rs))
	for i, r := range rs {
		out[i] = redactionJSON{r.Start, r.End, r.Kind, r.Source, r.Replacement}
	}
	b, err := json.Marshal(out)
	return string(b), err
}

func decodeRedactions(s string) ([]moderation.Redaction, error) {
	var in []redactionJSON
	if err := json.Unmarshal([]byte(s), &in); err != nil {
		return nil, err
	}
	var out []moderation.Redaction
	for _, r := range in {
		out = append(out, moderation.Redaction{Start: r.Start, End: r.End, Kind: r.Kind, Source: r.Source, Replacement: r.Replacement})
	}
	return out, nil
}

// decisionCols are the columns of decisions (and history_cache) that make
// a moderation.Decision, in scanDecision's order.
const decisionCols = `id, story_id, lease_id, story_version, action, reason, note, redactions,
	published_title, published_body, moderator, decided_at, review_at, supersedes`

type scanner interface{ Scan(dest ...any) error }

func scanDecision(r scanner, extra ...any) (moderation.Decision, error) {
	var d moderation.Decision
	var red string
	var decided, review int64
	dest := append([]any{&d.ID, &d.StoryID, &d.LeaseID, &d.StoryVersion, &d.Action, &d.Reason, &d.Note, &red,
		&d.PublishedTitle, &d.PublishedBody, &d.Moderator, &decided, &review, &d.Supersedes}, extra...)
	if err := r.Scan(dest...); err != nil {
		return d, err
	}
	d.DecidedAt, d.ReviewAt = fromNano(decided), fromNano(review)
	var err error
	if d.Redactions, err = decodeRedactions(red); err != nil {
		return d, fmt.Errorf("decision %s: redactions: %w", d.ID, err)
	}
	return d, nil
}

func decisionArgs(d *moderation.Decision) ([]any, error) {
	red, err := encodeRedactions(d.Redactions)
	if err != nil {
		return nil, err
	}
	return []any{d.ID, d.StoryID, d.LeaseID, d.StoryVersion, d.Action, d.Reason, d.Note, red,
		d.PublishedTitle, d.PublishedBody, d.Moderator, unixNano(d.DecidedAt), unixNano(d.ReviewAt), d.Supersedes}, nil
}

// Decide records a decision: it validates d against the story body, then
// writes the decision, the story's new status and a pending outbox entry in
// one transaction. Empty Moderator, zero DecidedAt, empty LeaseID and zero
// StoryVersion are filled from Options and the stored story; so are, for an
// approval, an empty PublishedTitle (the story's title) and PublishedBody
// (the body with d.Redactions applied). ENOTFOUND if
// the story is unknown; ECONFLICT if it is no longer pending (unless
// d.Supersedes is set: a supervisor override) or the decision id exists;
// EINVALID if d breaks the policy, including approving a story flagged for
// safeguarding without a supervisor override.
func (s *Store) Decide(ctx context.Context, d moderation.Decision) error {
	if len(d.ID) > maxIDLen {
		return moderation.Invalidf("id", "longer than %d bytes", maxIDLen)
	}
	if d.Moderator == "" {
		d.Moderator = s.moderator
	}
	if d.DecidedAt.IsZero() {
		d.DecidedAt = s.now()
	}
	if err := checkTimes(d); err != nil {
		return err
	}
	err := s.tx(ctx, func(tx *sql.Tx) error {
		var title, body, leaseID string
		var st moderation.Status
		var version int
		var safeguarding bool
		err := tx.QueryRowContext(ctx, `SELECT title, body, status, lease_id, version, safeguarding FROM stories WHERE id = ?`, d.StoryID).
			Scan(&title, &body, &st, &leaseID, &version, &safeguarding)
		if errors.Is(err, sql.ErrNoRows) {
			return moderation.Errorf(moderation.ENOTFOUND, "story %s not found", d.StoryID)
		} else if err != nil {
			return err
		}
		if err := d.Validate(body); err != nil {
			return err
		}
		if st != moderation.StatusPending && d.Supersedes == "" {
			return moderation.Errorf(moderation.ECONFLICT, "story %s is %s, not pending; an override must name the decision it supersedes", d.StoryID, st)
		}
		if safeguarding && d.Supersedes == "" && (d.Action == moderation.Publish || d.Action == moderation.PublishWithChanges) {
			return moderation.Invalidf("action", "story %s is flagged for safeguarding: escalate it, or a supervisor overrides", d.StoryID)
		}
		if d.LeaseID == "" {
			d.LeaseID = leaseID
		}
		if d.StoryVersion == 0 {
			d.StoryVersion = version
		}
		if d.Action == moderation.Publish || d.Action == moderation.PublishWithChanges {
			if d.PublishedTitle == "" {
				d.PublishedTitle = title
			}
			if d.PublishedBody == "" {
				if d.PublishedBody, err = publishedBody(body, d.Redactions); err != nil {
					return err
				}
			}
		}
		args, err := decisionArgs(&d)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO decisions (`+decisionCols+`) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, args...); err != nil {
			if moderation.ErrorCode(translate(err)) == moderation.ECONFLICT {
				return moderation.Errorf(moderation.ECONFLICT, "decision %s already recorded", d.ID)
			}
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE stories SET status = ?, last_action = ?, decided_at = ? WHERE id = ?`,
			d.Action.Status(), d.Action, unixNano(d.DecidedAt), d.StoryID); err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, `INSERT INTO outbox (decision_id, state, updated_at) VALUES (?, 'pending', ?)`, d.ID, unixNano(s.now()))
		return err
	})
	if err != nil {
		return wrap(err, "decide story %s", d.StoryID)
	}
	s.log.Info("decision recorded", logStory, d.StoryID, logDecision, d.ID, logAction, d.Action, logReason, d.Reason)
	return nil
}

// publishedBody applies a decision's redactions to the original body.
func publishedBody(body string, rs []moderation.Redaction) (string, error) {
	spans := make([]moderation.Span, len(rs))
	for i, r := range rs {
		spans[i] = moderation.Span{Start: r.Start, End: r.End, Kind: r.Kind, Source: r.Source, Redact: true, Replacement: r.Replacement}
	}
	return moderation.Redact(body, spans)
}

// Undo takes back the latest decision that has not been pushed: the
// decision and its outbox entry are deleted and the story returns to
// pending, or for an override to the status of its previous decision, in
// one transaction. It returns the story's id; ENOTFOUND when there is
// nothing to undo, ECONFLICT when the story has a later decision that was
// already pushed, when a push is carrying the decision (see MarkSending)
// or when a push of it got no answer (see MarkUnanswered).
func (s *Store) Undo(ctx context.Context) (moderation.StoryID, error) {
	var story moderation.StoryID
	var decision string
	err := s.tx(ctx, func(tx *sql.Tx) error {
		var seq, sendingUntil int64
		var supersedes string
		var unanswered bool
		err := tx.QueryRowContext(ctx, `SELECT d.seq, d.id, d.story_id, d.supersedes, o.sending_until, o.unanswered FROM decisions d JOIN outbox o ON o.decision_id = d.id
			WHERE o.state = 'pending' ORDER BY d.seq DESC LIMIT 1`).Scan(&seq, &decision, &story, &supersedes, &sendingUntil, &unanswered)
		if errors.Is(err, sql.ErrNoRows) {
			return moderation.Errorf(moderation.ENOTFOUND, "nothing to undo")
		} else if err != nil {
			return err
		}
		var later int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM decisions WHERE story_id = ? AND seq > ?`, story, seq).Scan(&later); err != nil {
			return err
		}
		// a push that passed its deadline without recording an outcome
		// died (the app was killed) after it may have sent the decision
		now := unixNano(s.now())
		if unanswered || (sendingUntil != 0 && sendingUntil <= now) {
			return moderation.Errorf(moderation.ECONFLICT, "decision %s on story %s was sent but the server's answer was lost, so it may already be applied; the next sync settles it (a supervisor can override it then)", decision, story)
		}
		if sendingUntil > now {
			return moderation.Errorf(moderation.ECONFLICT, "decision %s on story %s is being pushed; try again shortly", decision, story)
		}
		if later > 0 {
			return moderation.Errorf(moderation.ECONFLICT, "decision %s on story %s has a later decision", decision, story)
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM outbox WHERE decision_id = ?`, decision); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM decisions WHERE id = ?`, decision); err != nil {
			return err
		}
		// Decide takes a decision that is not an override only on a
		// pending story, so undoing one makes the story pending again,
		// even when an earlier decision of it came back as a conflict and
		// the story was reopened (ReopenConflicted)
		var action moderation.Action
		var decidedAt int64
		st := moderation.StatusPending
		if supersedes != "" {
			err = tx.QueryRowContext(ctx, `SELECT action, decided_at FROM decisions WHERE story_id = ? ORDER BY seq DESC LIMIT 1`, story).
				Scan(&action, &decidedAt)
			switch {
			case errors.Is(err, sql.ErrNoRows):
			case err != nil:
				return err
			default:
				st = action.Status()
			}
		}
		_, err = tx.ExecContext(ctx, `UPDATE stories SET status = ?, last_action = ?, decided_at = ? WHERE id = ?`, st, action, decidedAt, story)
		return err
	})
	if err != nil {
		return "", wrap(err, "undo")
	}
	s.log.Info("decision undone", logStory, story, logDecision, decision)
	return story, nil
}

// Decisions returns a story's local decisions, oldest first (none for an
// unknown story).
func (s *Store) Decisions(ctx context.Context, id moderation.StoryID) ([]moderation.Decision, error) {
	out, err := s.decisions(ctx, `SELECT `+decisionCols+` FROM decisions WHERE story_id = ? ORDER BY seq`, id)
	return out, wrap(err, "decisions of story %s", id)
}

func (s *Store) decisions(ctx context.Context, q string, args ...any) ([]moderation.Decision, error) {
	rows, err := s.db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []moderation.Decision{}
	for rows.Next() {
		d, err := scanDecision(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, d)
	}
	return out, rows.Err()
}

// HistoryFilter selects decisions for History and CachedHistory. Zero
// fields do not filter.
type HistoryFilter struct {
	Moderator string
	Action    moderation.Action
	Since     time.Time // decided at or after
	Until     time.Time // decided before
	Text      string    // substring of the story's or the published title
	Limit     int       // 0 means no limit
}

// where builds the WHERE clause for a table aliased d with a story title
// expression title.
func (f HistoryFilter) where(title string) (string, []any) {
	var conds []string
	var args []any
	if f.Moderator != "" {
		conds, args = append(conds, `d.moderator = ?`), append(args, f.Moderator)
	}
	if f.Action != "" {
		conds, args = append(conds, `d.action = ?`), append(args, f.Action)
	}
	if !f.Since.IsZero() {
		conds, args = append(conds, `d.decided_at >= ?`), append(args, unixNano(f.Since))
	}
	if !f.Until.IsZero() {
		conds, args = append(conds, `d.decided_at < ?`), append(args, unixNano(f.Until))
	}
	if f.Text != "" {
		p := likePattern(f.Text)
		conds = append(conds, `(d.published_title LIKE ? ESCAPE '\' OR `+title+` LIKE ? ESCAPE '\')`)
		args = append(args, p, p)
	}
	if len(conds) == 0 {
		return "", nil
	}
	return ` WHERE ` + strings.Join(conds, ` AND `), args
}

func limit(n int) int {
	if n <= 0 {
		return -1
	}
	return n
}

// History returns the local decisions, newest first, filtered by f.
func (s *Store) History(ctx context.Context, f HistoryFilter) ([]moderation.Decision, error) {
	where, args := f.where(`coalesce((SELECT title FROM stories st WHERE st.id = d.story_id), '')`)
	q := `SELECT ` + prefixed("d.", decisionCols) + ` FROM decisions d` + where + ` ORDER BY d.decided_at DESC, d.seq DESC LIMIT ?`
	out, err := s.decisions(ctx, q, append(args, limit(f.Limit))...)
	return out, wrap(err, "history")
}

// prefixed qualifies a comma-separated column list with an alias.
func prefixed(alias, cols string) string {
	parts := strings.Split(cols, ",")
	for i, p := range parts {
		parts[i] = alias + strings.TrimSpace(p)
	}
	return strings.Join(parts, ", ")
}

// Outbox returns up to limit (0: all) entries not yet pushed, oldest first.
func (s *Store) Outbox(ctx context.Context, limit int) ([]moderation.OutboxEntry, error) {
	out, err := s.outbox(ctx, `pending`, limit)
	return out, wrap(err, "outbox")
}

// Conflicts returns the entries the server answered with a conflict that
// the moderator has not acknowledged, oldest first.
func (s *Store) Conflicts(ctx context.Context) ([]moderation.OutboxEntry, error) {
	out, err := s.outbox(ctx, `conflict`, 0)
	return out, wrap(err, "conflicts")
}

// AcknowledgeConflict records that the moderator has seen the conflict for
// decision id; it leaves Conflicts and the count. The entry and decision are
// kept (history is append-only). ENOTFOUND unless id is an unacknowledged
// conflict.
func (s *Store) AcknowledgeConflict(ctx context.Context, id string) error {
	res, err := s.db.ExecContext(ctx, `UPDATE outbox SET acknowledged_at = ? WHERE decision_id = ? AND state = 'conflict' AND acknowledged_at = 0`,
		unixNano(s.now()), id)
	if err != nil {
		return wrap(err, "acknowledge conflict %s", id)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return moderation.Errorf(moderation.ENOTFOUND, "acknowledge conflict %s: no such unacknowledged conflict", id)
	}
	return nil
}

// MarkSending records that a push is carrying the given pending entries
// until the deadline (the push's timeout): Undo refuses them meanwhile, as
// the server may apply them. MarkPushed, MarkAttempt, MarkRefused and
// MarkUnanswered end it; a mark whose deadline passed without one of them
// is a push that died after it may have sent them, and Undo keeps refusing
// them, as after MarkUnanswered, until a push records the answer. It returns
// the ids it marked, in one statement: entries undone or answered since
// the push read them are left out, and the push must not send them.
func (s *Store) MarkSending(ctx context.Context, ids []string, until time.Time) ([]string, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	b, err := json.Marshal(ids)
	if err != nil {
		return nil, wrap(err, "mark %d outbox entries sending", len(ids))
	}
	// an earlier mark still set is a push that died: it may have sent them
	rows, err := s.db.QueryContext(ctx, `UPDATE outbox SET unanswered = (unanswered OR sending_until != 0), sending_until = ?
		WHERE decision_id IN (SELECT value FROM json_each(?)) AND +state = 'pending'
		RETURNING decision_id`, unixNano(until), string(b))
	if err != nil {
		return nil, wrap(err, "mark %d outbox entries sending", len(ids))
	}
	defer rows.Close()
	marked := make([]string, 0, len(ids))
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return nil, wrap(err, "mark %d outbox entries sending", len(ids))
		}
		marked = append(marked, id)
	}
	if err := rows.Err(); err != nil {
		return nil, wrap(err, "mark %d outbox entries sending", len(ids))
	}
	return marked, nil
}

func (s *Store) outbox(ctx context.Context, state moderation.PushState, n int) ([]moderation.OutboxEntry, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT `+prefixed("d.", decisionCols)+`, o.state, o.attempts, o.last_error, o.server_state, o.updated_at
		FROM outbox o JOIN decisions d ON d.id = o.decision_id WHERE o.state = ? AND o.acknowledged_at = 0
		ORDER BY d.seq LIMIT ?`, state, limit(n))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []moderation.OutboxEntry{}
	for rows.Next() {
		var e moderation.OutboxEntry
		var updated int64
		e.Decision, err = scanDecision(rows, &e.State, &e.Attempts, &e.LastError, &e.ServerState, &updated)
		if err != nil {
			return nil, err
		}
		e.UpdatedAt = fromNano(updated)
		out = append(out, e)
	}
	return out, rows.Err()
}

// maxServerState bounds the stored server explanation and error text.
const maxServerState = 2000

// MarkPushed records the server's answer for the outbox entry of decision
// id: accepted, duplicate or conflict, with the server's explanation.
// Repeating the same answer changes nothing. ENOTFOUND for an unknown id.
func (s *Store) MarkPushed(ctx context.Context, id string, state moderation.PushState, serverState string) error {
	switch state {
	case moderation.PushAccepted, moderation.PushDuplicate, moderation.PushConflict:
	default:
		return moderation.Invalidf("state", "%q is not a server answer", state)
	}
	serverState = truncate(serverState, maxServerState)
	res, err := s.db.ExecContext(ctx, `UPDATE outbox SET state = ?, server_state = ?, updated_at = ?
		WHERE decision_id = ? AND (state <> ? OR server_state <> ?)`, state, serverState, unixNano(s.now()), id, state, serverState)
	if err != nil {
		return wrap(err, "mark decision %s pushed", id)
	}
	if n, err := res.RowsAffected(); err != nil {
		return wrap(err, "mark decision %s pushed", id)
	} else if n > 0 {
		s.log.Info("outbox entry answered", logDecision, id, logState, state)
		return nil
	}
	var found int
	if err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM outbox WHERE decision_id = ?`, id).Scan(&found); err != nil {
		return wrap(err, "mark decision %s pushed", id)
	}
	if found == 0 {
		return moderation.Errorf(moderation.ENOTFOUND, "mark decision %s pushed: no such outbox entry", id)
	}
	return nil
}

// MarkAttempt records a failed push of the given pending entries: attempts
// goes up by one, errCode is kept as the last error and the push no longer
// holds them (see MarkSending; an earlier MarkUnanswered still holds).
// Ids that are not pending are ignored.
func (s *Store) MarkAttempt(ctx context.Context, ids []string, errCode string) error {
	return s.markFailed(ctx, ids, errCode, "unanswered", "attempted")
}

// MarkUnanswered is MarkAttempt for a push that got no answer although its
// request may have reached the server: the server may have applied the
// entries, so Undo refuses them until a later push records the server's
// answer (MarkPushed), which, as pushes are idempotent, also tells whether
// they were applied. A later failed attempt does not clear it.
func (s *Store) MarkUnanswered(ctx context.Context, ids []string, errCode string) error {
	return s.markFailed(ctx, ids, errCode, "1", "unanswered")
}

// MarkRefused is MarkAttempt for entries the server refused (an invalid
// decision): that is the server's answer, so it ends MarkUnanswered's hold
// and the moderator can undo the decision and make a valid one.
func (s *Store) MarkRefused(ctx context.Context, ids []string, errCode string) error {
	return s.markFailed(ctx, ids, errCode, "0", "refused")
}

// markFailed records a failed push of pending entries for MarkAttempt,
// MarkUnanswered and MarkRefused: attempts up by one, errCode kept, the
// push's hold ended, and unanswered set to the SQL expression given
// ("unanswered" keeps it as it is).
func (s *Store) markFailed(ctx context.Context, ids []string, errCode, unanswered, what string) error {
	err := s.updateEach(ctx, ids, `UPDATE outbox SET attempts = attempts + 1, last_error = ?, updated_at = ?, sending_until = 0, unanswered = `+unanswered+`
		WHERE decision_id IN (SELECT value FROM json_each(?)) AND +state = 'pending'`, truncate(errCode, maxServerState), unixNano(s.now()))
	return wrap(err, "mark %d outbox entries %s", len(ids), what)
}

// updateEach runs query, whose last parameter is a JSON array of the ids
// (for `decision_id IN (SELECT value FROM json_each(?))`), in one statement
// and transaction, with args then the ids as its parameters. A condition
// on state is written `+state` so that SQLite looks the ids up by key
// instead of walking every pending entry (outbox_state) per statement.
func (s *Store) updateEach(ctx context.Context, ids []string, query string, args ...any) error {
	if len(ids) == 0 {
		return nil
	}
	b, err := json.Marshal(ids)
	if err != nil {
		return err
	}
	_, err = s.db.ExecContext(ctx, query, append(args[:len(args):len(args)], string(b))...)
	return err
}

// truncate cuts s to at most n bytes on a character boundary.
func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}
