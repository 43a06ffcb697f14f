package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"unicode/utf8"

	"github.com/storydesk/storydesk/moderation"
)

// Tab selects one of the queue lists.
type Tab int

// Queue tabs.
const (
	TabPending   Tab = iota // stories waiting for a decision
	TabDone                 // decided, escalated or held, newest decision first
	TabEscalated            // escalated or held: the supervisor's list
)

func (t Tab) String() string {
	switch t {
	case TabPending:
		return "pending"
	case TabDone:
		return "done"
	case TabEscalated:
		return "escalated"
	}
	return fmt.Sprintf("Tab(%d)", int(t))
}

// QueueFilter selects the rows Queue returns.
type QueueFilter struct {
	Tab    Tab
	Search string // substring of the title, service or story id (ASCII case-insensitive)
	Limit  int    // at most this many rows; 0 means no limit
}

// StateRulesVersion is the sync_state key under which Rescan records the
// detector's rules version.
const StateRulesVersion = "rules_version"

// RulesVersioner is implemented by detectors that can name the version of
// their rules; Rescan records it under StateRulesVersion.
type RulesVersioner interface {
	RulesVersion() string
}

// maxIDLen bounds story and decision ids.
const maxIDLen = 200

// checkStory validates one incoming story; i is its index in the batch.
func checkStory(i int, st *moderation.Story) error {
	switch {
	case st.ID == "":
		return moderation.Invalidf("id", "story %d: missing", i)
	case len(st.ID) > maxIDLen || !utf8.ValidString(string(st.ID)):
		return moderation.Invalidf("id", "story %d: longer than %d bytes or not UTF-8", i, maxIDLen)
	case !utf8.ValidString(st.Body):
		return moderation.Invalidf("body", "story %s: not valid UTF-8", st.ID)
	case !utf8.ValidString(st.Title):
		return moderation.Invalidf("title", "story %s: not valid UTF-8", st.ID)
	}
	switch st.Status {
	case "", moderation.StatusPending, moderation.StatusDecided, moderation.StatusEscalated, moderation.StatusHeld:
	default:
		return moderation.Invalidf("status", "story %s: unknown status %q", st.ID, st.Status)
	}
	if err := checkSpans(st.Body, st.Spans); err != nil {
		return fmt.Errorf("story %s: %w", st.ID, err)
	}
	return nil
}

// checkSpans is moderation.CheckSpans plus known kinds and sources.
func checkSpans(body string, spans []moderation.Span) error {
	for i, sp := range spans {
		if !sp.Kind.Valid() {
			return moderation.Invalidf("spans", "item %d: unknown kind %q", i, sp.Kind)
		}
		switch sp.Source {
		case "", moderation.SourceRule, moderation.SourceAI, moderation.SourceModerator:
		default:
			return moderation.Invalidf("spans", "item %d: unknown source %q", i, sp.Source)
		}
	}
	return moderation.CheckSpans(body, spans)
}

func sortSpans(spans []moderation.Span) {
	slices.SortStableFunc(spans, func(a, b moderation.Span) int {
		if a.Start != b.Start {
			return a.Start - b.Start
		}
		return a.End - b.End
	})
}

// detect runs the detector on body, dropping spans that do not fit the
// body and un-marking redactions that overlap an earlier one, so that a
// detector bug cannot block ingest or make Redact fail later.
func (s *Store) detect(id moderation.StoryID, body string) []moderation.Span {
	if s.detector == nil {
		return nil
	}
	found := s.detector.Detect(body)
	out := make([]moderation.Span, 0, len(found))
	dropped := 0
	for _, sp := range found {
		if checkSpans(body, []moderation.Span{sp}) != nil {
			dropped++
			continue
		}
		out = append(out, sp)
	}
	sortSpans(out)
	end, unmarked := -1, 0
	for i := range out {
		if !out[i].Redact {
			continue
		}
		if out[i].Start < end {
			out[i].Redact = false
			unmarked++
			continue
		}
		end = out[i].End
	}
	if dropped > 0 || unmarked > 0 {
		s.log.Warn("detector returned bad spans", logStory, id, logDropped, dropped, logUnmarked, unmarked)
	}
	return out
}

// existing is what the store knows of a story before writing it.
type existing struct {
	found, decided bool
	body           string
}

const existingSQL = `SELECT body, status <> 'pending' OR EXISTS (SELECT 1 FROM decisions d WHERE d.story_id = s.id)
	FROM stories s WHERE id = ?`

func lookup(ctx context.Context, stmt *sql.Stmt, id moderation.StoryID) (existing, error) {
	var e existing
	err := stmt.QueryRowContext(ctx, id).Scan(&e.body, &e.decided)
	if errors.Is(err, sql.ErrNoRows) {
		return existing{}, nil
	}
	e.found = err == nil
	return e, err
}

// writer holds a transaction's prepared statements for story writes.
type writer struct {
	ctx                                             context.Context
	lookup, insert, update, delSpans, addSpan, flag *sql.Stmt
}

func newWriter(ctx context.Context, tx *sql.Tx) (*writer, error) {
	w := &writer{ctx: ctx}
	for _, p := range []struct {
		stmt **sql.Stmt
		sql  string
	}{
		{&w.lookup, existingSQL},
		{&w.insert, `INSERT INTO stories (id, title, body, service, service_type, submitted_at, author_role, status,
			lease_id, lease_expires_at, version, added_at, safeguarding, flags) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
			ON CONFLICT (id) DO NOTHING`},
		{&w.update, `UPDATE stories SET title = ?, body = ?, service = ?, service_type = ?, submitted_at = ?,
			author_role = ?, status = ?, lease_id = ?, lease_expires_at = ?, version = ? WHERE id = ?`},
		{&w.delSpans, `DELETE FROM spans WHERE story_id = ?`},
		{&w.addSpan, `INSERT INTO spans (story_id, seq, start_byte, end_byte, kind, confidence, source, reason, redact, replacement)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`},
		{&w.flag, `UPDATE stories SET safeguarding = ?, flags = ? WHERE id = ?`},
	} {
		st, err := tx.PrepareContext(ctx, p.sql)
		if err != nil {
			w.close()
			return nil, err
		}
		*p.stmt = st
	}
	return w, nil
}

// write runs fn in one transaction with the story statements prepared.
func (s *Store) write(ctx context.Context, fn func(*sql.Tx, *writer) error) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		w, err := newWriter(ctx, tx)
		if err != nil {
			return err
		}
		defer w.close()
		return fn(tx, w)
	})
}

func (w *writer) close() {
	for _, st := range []*sql.Stmt{w.lookup, w.insert, w.update, w.delSpans, w.addSpan, w.flag} {
		if st != nil {
			st.Close()
		}
	}
}

// insertStory inserts st with its spans unless its id exists; it reports
// whether it did.
func (w *writer) insertStory(st *moderation.Story, now int64) (bool, error) {
	res, err := w.insert.ExecContext(w.ctx, st.ID, st.Title, st.Body, st.Service, st.ServiceType, unixNano(st.SubmittedAt),
		st.AuthorRole, status(st.Status), st.LeaseID, unixNano(st.LeaseExpiresAt), st.Version, now,
		moderation.HasSafeguarding(st.Spans), len(st.Spans))
	if err != nil {
		return false, err
	}
	if n, err := res.RowsAffected(); err != nil || n == 0 {
		return false, err
	}
	return true, w.addSpans(st.ID, st.Spans)
}

func (w *writer) addSpans(id moderation.StoryID, spans []moderation.Span) error {
	for i, sp := range spans {
		if _, err := w.addSpan.ExecContext(w.ctx, id, i, sp.Start, sp.End, sp.Kind, sp.Confidence, sp.Source, sp.Reason,
			sp.Redact, sp.Replacement); err != nil {
			return err
		}
	}
	return nil
}

func (w *writer) updateStory(st *moderation.Story) error {
	_, err := w.update.ExecContext(w.ctx, st.Title, st.Body, st.Service, st.ServiceType, unixNano(st.SubmittedAt),
		st.AuthorRole, status(st.Status), st.LeaseID, unixNano(st.LeaseExpiresAt), st.Version, st.ID)
	return err
}

// setSpans replaces a story's spans and its denormalised flags.
func (w *writer) setSpans(id moderation.StoryID, spans []moderation.Span) error {
	if _, err := w.delSpans.ExecContext(w.ctx, id); err != nil {
		return err
	}
	if err := w.addSpans(id, spans); err != nil {
		return err
	}
	_, err := w.flag.ExecContext(w.ctx, moderation.HasSafeguarding(spans), len(spans), id)
	return err
}

func status(s moderation.Status) moderation.Status {
	if s == "" {
		return moderation.StatusPending
	}
	return s
}

// prepareStories validates a batch and copies it with sorted spans, running
// the detector (outside any transaction) on stories that carry no spans and
// for which need reports true.
func (s *Store) prepareStories(stories []moderation.Story, need func(i int) bool) ([]moderation.Story, error) {
	out := make([]moderation.Story, len(stories))
	for i := range stories {
		st := stories[i]
		if err := checkStory(i, &st); err != nil {
			return nil, err
		}
		st.Spans = slices.Clone(st.Spans)
		if len(st.Spans) == 0 && need(i) {
			st.Spans = s.detect(st.ID, st.Body)
		}
		sortSpans(st.Spans)
		out[i] = st
	}
	return out, nil
}

// lookupAll reports what is stored for each story, read outside a
// transaction (in one query) to decide which stories need detection.
func (s *Store) lookupAll(ctx context.Context, stories []moderation.Story) ([]existing, error) {
	ids := make([]moderation.StoryID, len(stories))
	for i := range stories {
		ids[i] = stories[i].ID
	}
	list, err := json.Marshal(ids)
	if err != nil {
		return nil, err
	}
	rows, err := s.db.QueryContext(ctx, `SELECT s.id, s.body,
		s.status <> 'pending' OR EXISTS (SELECT 1 FROM decisions d WHERE d.story_id = s.id)
		FROM stories s WHERE s.id IN (SELECT value FROM json_each(?))`, string(list))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	found := map[moderation.StoryID]existing{}
	for rows.Next() {
		var id moderation.StoryID
		e := existing{found: true}
		if err := rows.Scan(&id, &e.body, &e.decided); err != nil {
			return nil, err
		}
		found[id] = e
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	out := make([]existing, len(stories))
	for i := range stories {
		out[i] = found[stories[i].ID]
	}
	return out, nil
}

// AddStories stores new stories in one transaction, running the detector on
// those that carry no spans. Stories whose id is already stored are left
// untouched, so adding the same batch twice is harmless.
func (s *Store) AddStories(ctx context.Context, stories []moderation.Story) error {
	have, err := s.lookupAll(ctx, stories)
	if err != nil {
		return wrap(err, "add stories")
	}
	prepared, err := s.prepareStories(stories, func(i int) bool { return !have[i].found })
	if err != nil {
		return wrap(err, "add stories")
	}
	added := 0
	err = s.write(ctx, func(tx *sql.Tx, w *writer) error {
		now := unixNano(s.now())
		for i := range prepared {
			st := &prepared[i]
			if have[i].found {
				// stored before the transaction: normally still there and
				// left alone; if deleted meanwhile, it was not yet detected
				cur, err := lookup(ctx, w.lookup, st.ID)
				if err != nil {
					return fmt.Errorf("story %s: %w", st.ID, err)
				}
				if cur.found {
					continue
				}
				if len(stories[i].Spans) == 0 {
					st.Spans = s.detect(st.ID, st.Body)
				}
			}
			ok, err := w.insertStory(st, now)
			if err != nil {
				return fmt.Errorf("story %s: %w", st.ID, err)
			}
			if ok {
				added++
			}
		}
		return nil
	})
	if err != nil {
		return wrap(err, "add stories")
	}
	s.log.Info("stories added", logCount, added, logSkipped, len(stories)-added)
	return nil
}

// SaveClaimed stores stories leased from the queue server in one
// transaction: new ones are inserted, known ones updated (lease, version,
// text). A story that has a local decision is never overwritten, except
// that one pending again (reopened after a conflict, see ReopenConflicted)
// with the same body takes the new lease and version. Known
// stories keep their spans (and the moderator's edits) unless the body
// changed or the incoming story carries spans; otherwise the detector runs.
func (s *Store) SaveClaimed(ctx context.Context, stories []moderation.Story) error {
	have, err := s.lookupAll(ctx, stories)
	if err != nil {
		return wrap(err, "save claimed stories")
	}
	prepared, err := s.prepareStories(stories, func(i int) bool {
		h := have[i]
		return !h.found || (!h.decided && h.body != stories[i].Body)
	})
	if err != nil {
		return wrap(err, "save claimed stories")
	}
	var inserted, updated, kept int
	err = s.write(ctx, func(tx *sql.Tx, w *writer) error {
		now := unixNano(s.now())
		for i := range prepared {
			st := &prepared[i]
			st.Status = moderation.StatusPending // claimed stories wait for this moderator
			cur, err := lookup(ctx, w.lookup, st.ID)
			if err != nil {
				return fmt.Errorf("story %s: %w", st.ID, err)
			}
			switch {
			case cur.decided:
				// a story reopened after a conflict is pending again but
				// has a decision: keep its text and spans, take the new
				// lease, or a fresh decision would carry an expired one
				if _, err := tx.ExecContext(ctx, `UPDATE stories SET lease_id = ?, lease_expires_at = ?, version = ?
					WHERE id = ? AND status = 'pending' AND body = ?`,
					st.LeaseID, unixNano(st.LeaseExpiresAt), st.Version, st.ID, st.Body); err != nil {
					return fmt.Errorf("story %s: %w", st.ID, err)
				}
				kept++
			case !cur.found:
				if len(stories[i].Spans) == 0 && have[i].found { // deleted since the detection pass
					st.Spans = s.detect(st.ID, st.Body)
				}
				if _, err := w.insertStory(st, now); err != nil {
					return fmt.Errorf("story %s: %w", st.ID, err)
				}
				inserted++
			default:
				if err := w.updateStory(st); err != nil {
					return fmt.Errorf("story %s: %w", st.ID, err)
				}
				updated++
				if len(stories[i].Spans) == 0 && cur.body == st.Body {
					continue // same text: keep the spans and the moderator's edits
				}
				if len(stories[i].Spans) == 0 && have[i] != cur { // changed since the detection pass
					st.Spans = s.detect(st.ID, st.Body)
				}
				if err := w.setSpans(st.ID, st.Spans); err != nil {
					return fmt.Errorf("story %s: %w", st.ID, err)
				}
			}
		}
		return nil
	})
	if err != nil {
		return wrap(err, "save claimed stories")
	}
	s.log.Info("claimed stories saved", logInserted, inserted, logUpdated, updated, logKept, kept)
	return nil
}

// Story returns a story with its spans sorted by start; ENOTFOUND if unknown.
func (s *Store) Story(ctx context.Context, id moderation.StoryID) (*moderation.Story, error) {
	var st moderation.Story
	var submitted, leaseExp int64
	err := s.db.QueryRowContext(ctx, `SELECT id, title, body, service, service_type, submitted_at, author_role, status,
		lease_id, lease_expires_at, version FROM stories WHERE id = ?`, id).
		Scan(&st.ID, &st.Title, &st.Body, &st.Service, &st.ServiceType, &submitted, &st.AuthorRole, &st.Status,
			&st.LeaseID, &leaseExp, &st.Version)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, moderation.Errorf(moderation.ENOTFOUND, "story %s not found", id)
	} else if err != nil {
		return nil, wrap(err, "story %s", id)
	}
	st.SubmittedAt, st.LeaseExpiresAt = fromNano(submitted), fromNano(leaseExp)
	if st.Spans, err = s.spans(ctx, s.db, id); err != nil {
		return nil, wrap(err, "story %s: spans", id)
	}
	return &st, nil
}

// storiesChunk bounds the ids of one read in StoriesByID.
const storiesChunk = 1000

// StoriesByID returns the stored stories among ids, with their spans sorted
// by start, keyed by id; unknown ids are left out (no error), and repeated
// ids are read once. It reads chunks of storiesChunk ids, two queries per
// chunk instead of two per story. The ids go in as one JSON array
// parameter (json_each): a statement with hundreds of ? placeholders costs
// milliseconds to prepare.
func (s *Store) StoriesByID(ctx context.Context, ids []moderation.StoryID) (map[moderation.StoryID]*moderation.Story, error) {
	uniq := slices.Clone(ids)
	slices.Sort(uniq)
	uniq = slices.Compact(uniq)
	out := make(map[moderation.StoryID]*moderation.Story, len(uniq))
	for len(uniq) > 0 {
		n := min(len(uniq), storiesChunk)
		if err := s.storiesChunk(ctx, uniq[:n], out); err != nil {
			return nil, wrap(err, "stories by id (%d ids)", len(ids))
		}
		uniq = uniq[n:]
	}
	return out, nil
}

// storiesChunk reads the stories of ids and their spans into out.
func (s *Store) storiesChunk(ctx context.Context, ids []moderation.StoryID, out map[moderation.StoryID]*moderation.Story) error {
	list, err := json.Marshal(ids)
	if err != nil {
		return err
	}
	rows, err := s.db.QueryContext(ctx, `SELECT id, title, body, service, service_type, submitted_at, author_role, status,
		lease_id, lease_expires_at, version FROM stories WHERE id IN (SELECT value FROM json_each(?))`, string(list))
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		st := &moderation.Story{}
		var submitted, leaseExp int64
		if err := rows.Scan(&st.ID, &st.Title, &st.Body, &st.Service, &st.ServiceType, &submitted, &st.AuthorRole, &st.Status,
			&st.LeaseID, &leaseExp, &st.Version); err != nil {
			return err
		}
		st.SubmittedAt, st.LeaseExpiresAt = fromNano(submitted), fromNano(leaseExp)
		out[st.ID] = st
	}
	if err := rows.Err(); err != nil {
		return err
	}
	rows.Close()
	spans, err := s.db.QueryContext(ctx, `SELECT story_id, start_byte, end_byte, kind, confidence, source, reason, redact, replacement
		FROM spans WHERE story_id IN (SELECT value FROM json_each(?)) ORDER BY story_id, start_byte, end_byte, seq`, string(list))
	if err != nil {
		return err
	}
	defer spans.Close()
	for spans.Next() {
		var id moderation.StoryID
		var sp moderation.Span
		if err := spans.Scan(&id, &sp.Start, &sp.End, &sp.Kind, &sp.Confidence, &sp.Source, &sp.Reason, &sp.Redact, &sp.Replacement); err != nil {
			return err
		}
		// a span row without its story (deleted between the queries) is skipped
		if st := out[id]; st != nil {
			st.Spans = append(st.Spans, sp)
		}
	}
	return spans.Err()
}

type querier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}

func (s *Store) spans(ctx context.Context, q querier, id moderation.StoryID) ([]moderation.Span, error) {
	rows, err := q.QueryContext(ctx, `SELECT start_byte, end_byte, kind, confidence, source, reason, redact, replacement
		FROM spans WHERE story_id = ? ORDER BY start_byte, end_byte, seq`, id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []moderation.Span
	for rows.Next() {
		var sp moderation.Span
		if err := rows.Scan(&sp.Start, &sp.End, &sp.Kind, &sp.Confidence, &sp.Source, &sp.Reason, &sp.Redact, &sp.Replacement); err != nil {
			return nil, err
		}
		out = append(out, sp)
	}
	return out, rows.Err()
}

// Queue lists stories for a tab. Pending: safeguarding first, then oldest
// SubmittedAt first. Done: every decided, escalated or held story, newest
// decision first. Escalated: escalated and held stories, safeguarding
// first, then the longest-waiting first.
func (s *Store) Queue(ctx context.Context, f QueueFilter) ([]moderation.QueueItem, error) {
	var where, order string
	switch f.Tab {
	case TabPending:
		where, order = `status = 'pending'`, `safeguarding DESC, submitted_at, id`
	case TabDone:
		where, order = `status <> 'pending'`, `decided_at DESC, id DESC`
	case TabEscalated:
		where, order = `status IN ('escalated', 'held')`, `safeguarding DESC, decided_at, id`
	default:
		return nil, moderation.Invalidf("tab", "unknown tab %d", int(f.Tab))
	}
	args := []any{}
	if f.Search != "" {
		where += ` AND (title LIKE ?1 ESCAPE '\' OR service LIKE ?1 ESCAPE '\' OR id LIKE ?1 ESCAPE '\')`
		args = append(args, likePattern(f.Search))
	}
	limit := f.Limit
	if limit <= 0 {
		limit = -1
	}
	args = append(args, limit)
	q := `SELECT id, title, service, submitted_at, status, safeguarding,
		safeguarding AND NOT EXISTS (SELECT 1 FROM spans p WHERE p.story_id = stories.id AND p.kind = 'SAFEGUARDING'),
		flags, last_action FROM stories WHERE ` +
		where + ` ORDER BY ` + order + fmt.Sprintf(` LIMIT ?%d`, len(args))
	rows, err := s.db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, wrap(err, "queue %s", f.Tab)
	}
	defer rows.Close()
	items := []moderation.QueueItem{}
	for rows.Next() {
		var it moderation.QueueItem
		var submitted int64
		if err := rows.Scan(&it.ID, &it.Title, &it.Service, &submitted, &it.Status, &it.Safeguarding, &it.Threat, &it.Flags, &it.Action); err != nil {
			return nil, wrap(err, "queue %s", f.Tab)
		}
		it.SubmittedAt = fromNano(submitted)
		items = append(items, it)
	}
	if err := rows.Err(); err != nil {
		return nil, wrap(err, "queue %s", f.Tab)
	}
	return items, nil
}

// SetSpans replaces a story's spans; the caller passes every span to keep,
// including the moderator's toggles, edits and additions.
func (s *Store) SetSpans(ctx context.Context, id moderation.StoryID, spans []moderation.Span) error {
	spans = slices.Clone(spans)
	sortSpans(spans)
	err := s.write(ctx, func(tx *sql.Tx, w *writer) error {
		var body string
		err := tx.QueryRowContext(ctx, `SELECT body FROM stories WHERE id = ?`, id).Scan(&body)
		if errors.Is(err, sql.ErrNoRows) {
			return moderation.Errorf(moderation.ENOTFOUND, "story %s not found", id)
		} else if err != nil {
			return err
		}
		if err := checkSpans(body, spans); err != nil {
			return err
		}
		return w.setSpans(id, spans)
	})
	return wrap(err, "set spans of story %s", id)
}

// rescanBatch is how many stories Rescan detects before writing them in
// one transaction.
const rescanBatch = 500

// Rescan re-runs the detector on every pending story and returns how many
// it rescanned. Rule spans are replaced by the new findings; moderator and
// AI spans are kept, and a new rule span at the same place and of the same
// kind as an old one keeps the moderator's toggle and replacement. A new
// redaction overlapping a kept one is left unmarked. The detector's rules
// version, if it has one, is recorded under StateRulesVersion.
func (s *Store) Rescan(ctx context.Context) (int, error) {
	if s.detector == nil {
		return 0, moderation.Errorf(moderation.EINVALID, "rescan: the store has no detector")
	}
	type item struct {
		id    moderation.StoryID
		body  string
		found []moderation.Span
	}
	total := 0
	after := moderation.StoryID("")
	for {
		rows, err := s.db.QueryContext(ctx, `SELECT id, body FROM stories WHERE status = 'pending' AND id > ? ORDER BY id LIMIT ?`,
			after, rescanBatch)
		if err != nil {
			return total, wrap(err, "rescan")
		}
		var batch []item
		for rows.Next() {
			var it item
			if err := rows.Scan(&it.id, &it.body); err != nil {
				rows.Close()
				return total, wrap(err, "rescan")
			}
			batch = append(batch, it)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return total, wrap(err, "rescan")
		}
		if len(batch) == 0 {
			break
		}
		after = batch[len(batch)-1].id
		for i := range batch {
			batch[i].found = s.detect(batch[i].id, batch[i].body)
		}
		n := 0
		err = s.write(ctx, func(tx *sql.Tx, w *writer) error {
			for _, it := range batch {
				cur, err := lookup(ctx, w.lookup, it.id)
				if err != nil {
					return err
				}
				if !cur.found || cur.decided || cur.body != it.body {
					continue // decided or changed meanwhile
				}
				old, err := s.spans(ctx, tx, it.id)
				if err != nil {
					return err
				}
				if err := w.setSpans(it.id, mergeRescan(old, it.found)); err != nil {
					return err
				}
				n++
			}
			return nil
		})
		if err != nil {
			return total, wrap(err, "rescan")
		}
		total += n
	}
	if v, ok := s.detector.(RulesVersioner); ok {
		if err := s.SetState(ctx, StateRulesVersion, v.RulesVersion()); err != nil {
			return total, err
		}
	}
	s.log.Info("stories rescanned", logCount, total)
	return total, nil
}

// mergeRescan combines a story's old spans with fresh rule findings.
func mergeRescan(old, found []moderation.Span) []moderation.Span {
	type key struct {
		start, end int
		kind       moderation.Kind
	}
	prev := map[key]moderation.Span{}
	var out []moderation.Span
	for _, sp := range old {
		if sp.Source == moderation.SourceModerator || sp.Source == moderation.SourceAI {
			out = append(out, sp)
		} else {
			prev[key{sp.Start, sp.End, sp.Kind}] = sp
		}
	}
	kept := len(out)
	for _, sp := range found {
		if p, ok := prev[key{sp.Start, sp.End, sp.Kind}]; ok {
			sp.Redact, sp.Replacement = p.Redact, p.Replacement
		}
		for _, k := range out[:kept] {
			if sp.Redact && k.Redact && sp.Overlaps(k) {
				sp.Redact = false
			}
		}
		out = append(out, sp)
	}
	sortSpans(out)
	return out
}

// Counts returns the status bar figures: stories per status (Done counts
// decided stories only), outbox entries not yet pushed, and unacknowledged
// conflicts.
func (s *Store) Counts(ctx context.Context) (moderation.Counts, error) {
	var c moderation.Counts
	err := s.db.QueryRowContext(ctx, `SELECT
		(SELECT count(*) FROM stories WHERE status = 'pending'),
		(SELECT count(*) FROM stories WHERE status = 'decided'),
		(SELECT count(*) FROM stories WHERE status = 'escalated'),
		(SELECT count(*) FROM stories WHERE status = 'held'),
		(SELECT count(*) FROM outbox WHERE state = 'pending'),
		(SELECT count(*) FROM outbox WHERE state = 'conflict' AND acknowledged_at = 0)`).
		Scan(&c.Pending, &c.Done, &c.Escalated, &c.Held, &c.Unpushed, &c.Conflicts)
	return c, wrap(err, "counts")
}

// Reset deletes everything stored locally (stories, spans, decisions, the
// outbox, sync state, training runs, cached history) in one transaction;
// the schema stays. It backs the demo's --reset.
func (s *Store) Reset(ctx context.Context) error {
	err := s.tx(ctx, func(tx *sql.Tx) error {
		for _, t := range []string{"outbox", "decisions", "spans", "stories", "sync_state", "training_cases", "training_runs", "history_cache"} {
			if _, err := tx.ExecContext(ctx, `DELETE FROM `+t); err != nil {
				return fmt.Errorf("table %s: %w", t, err)
			}
		}
		return nil
	})
	if err != nil {
		return wrap(err, "reset")
	}
	s.log.Info("store reset")
	return nil
}
