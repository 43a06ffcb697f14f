package storysync

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"slices"
	"sort"
	"time"

	"github.com/google/uuid"
	"github.com/storydesk/storydesk/moderation"
)

// LocalStore is what the Syncer needs of the app's local store;
// *sqlite.Store (moderation/sqlite) implements it.
type LocalStore interface {
	// SaveClaimed stores claimed stories in one transaction.
	SaveClaimed(ctx context.Context, stories []moderation.Story) error
	// Outbox returns up to limit (0: all) pending entries, oldest first.
	Outbox(ctx context.Context, limit int) ([]moderation.OutboxEntry, error)
	// MarkPushed records the server's answer for one decision.
	MarkPushed(ctx context.Context, id string, state moderation.PushState, serverState string) error
	// MarkAttempt records a failed push of pending entries.
	MarkAttempt(ctx context.Context, ids []string, errCode string) error
	// State and SetState keep small sync values (here: the leases held).
	State(ctx context.Context, key string) (string, error)
	SetState(ctx context.Context, key, value string) error
	// Story returns a stored story; the Syncer reads the original body to
	// turn redaction byte offsets into code points.
	Story(ctx context.Context, id moderation.StoryID) (*moderation.Story, error)
}

// StateLeases is the local state key holding the leases this profile holds
// ({"story id": "lease id"} as JSON).
const StateLeases = "sync.leases"

// StateLeasesLost is the local state key holding the leases the server
// reported lost on renewal ({"story id": "lease id"} as JSON): a decision
// on such a story will most likely come back as a conflict, so the UI can
// say so before the push. A story leaves it when it is claimed again or
// its decision is answered.
const StateLeasesLost = "sync.leases_lost"

// StateClaim is the local state key holding the request id of a claim
// whose stories are not saved yet. It is written before the claim is sent
// and cleared once its stories are saved, so a claim whose answer is lost
// (every retry failed, or the app died first) is repeated with the same
// id in a later round, and the server returns the stories it leased then
// instead of leaving them locked to this moderator for the whole lease.
const StateClaim = "sync.claim"

// Defaults for the Syncer.
const (
	DefaultBatch    = 100
	DefaultClaimMax = 50
)

// Syncer moves stories and decisions between the local store and a queue
// server. It is not safe for concurrent use; run one round at a time.
type Syncer struct {
	Client   *Client
	Store    LocalStore
	Batch    int // decisions per push request, default 100
	ClaimMax int // stories per claim, default 50
	// Progress, if set, is told how many outbox entries of the push have
	// been answered so far; it is called from the syncing goroutine.
	Progress func(done, total int)
	// SendingFor bounds how long a push holds a batch against Undo (see
	// sqlite.Store.MarkSending); 0 derives it from the client's timeout,
	// backoff and attempts.
	SendingFor time.Duration
	Logger     *slog.Logger
}

// syncLocker is implemented by stores that keep syncs of one database
// apart across processes (sqlite.Store does): Push, Renew, Pull and
// Release each hold the lock, as each reads the sync state, calls the
// server and writes the state back.
type syncLocker interface {
	LockSync() (unlock func(), err error)
}

func (s *Syncer) lock() (func(), error) {
	if l, ok := s.Store.(syncLocker); ok {
		return l.LockSync()
	}
	return func() {}, nil
}

func (s *Syncer) log() *slog.Logger {
	if s.Logger == nil {
		return slog.New(slog.DiscardHandler)
	}
	return s.Logger
}

// PushReport counts the server's answers of one push.
type PushReport struct {
	Accepted, Duplicate, Conflict int
	Failed                        int // entries still pending after a refused request (EINVALID etc.)
}

// Pushed is the number of entries the server answered for.
func (r PushReport) Pushed() int { return r.Accepted + r.Duplicate + r.Conflict }

// RoundReport is what one sync round did.
type RoundReport struct {
	Push          PushReport
	Renewed, Lost int
	Claimed       int
}

// Round pushes the outbox, renews the leases still held and claims new
// stories, in that order. It stops at the first failure, having kept
// everything the server answered for.
func (s *Syncer) Round(ctx context.Context) (RoundReport, error) {
	var rep RoundReport
	var err error
	if rep.Push, err = s.Push(ctx); err != nil {
		return rep, err
	}
	if rep.Renewed, rep.Lost, err = s.Renew(ctx); err != nil {
		return rep, err
	}
	rep.Claimed, err = s.Pull(ctx)
	return rep, err
}

// Pull claims up to ClaimMax stories and saves them locally in one call.
// If saving fails the leases are released again, so the stories do not
// sit locked on the server. A claimed story that stays decided locally
// (SaveClaimed keeps local decisions) is settled at once: reopened for a
// fresh decision when its local decision was a conflict, otherwise its
// lease is given back (see docs/server.md, "Leases after a conflict").
// It returns the number of stories now waiting for this moderator.
func (s *Syncer) Pull(ctx context.Context) (int, error) {
	unlock, err := s.lock()
	if err != nil {
		return 0, fmt.Errorf("pull: %w", err)
	}
	defer unlock()
	max := s.ClaimMax
	if max <= 0 {
		max = DefaultClaimMax
	}
	reqID, err := s.state(ctx, StateClaim)
	if err != nil {
		return 0, fmt.Errorf("pull: %w", err)
	}
	if reqID == "" {
		reqID = uuid.NewString()
		if err := s.Store.SetState(ctx, StateClaim, reqID); err != nil {
			return 0, fmt.Errorf("pull: %w", err)
		}
	}
	ws, err := s.Client.ClaimRequest(ctx, max, reqID)
	if err != nil {
		return 0, fmt.Errorf("pull: %w", err)
	}
	if len(ws) == 0 {
		return 0, s.Store.SetState(ctx, StateClaim, "")
	}
	stories := make([]moderation.Story, len(ws))
	leaseIDs := make([]string, len(ws))
	for i, w := range ws {
		stories[i] = StoryFromWire(w)
		leaseIDs[i] = w.LeaseID
	}
	if err := s.Store.SaveClaimed(ctx, stories); err != nil {
		s.releaseQuietly(ctx, leaseIDs)
		return 0, fmt.Errorf("pull: save %d stories: %w", len(stories), err)
	}
	decided, err := s.stillDecided(ctx, stories)
	if err != nil {
		s.releaseQuietly(ctx, leaseIDs)
		return 0, fmt.Errorf("pull: %w", err)
	}
	leases, err := s.leases(ctx)
	if err != nil {
		return len(ws), err
	}
	lost, err := s.lostLeases(ctx)
	if err != nil {
		return len(ws), err
	}
	var give []string
	for _, w := range ws {
		delete(lost, w.ID)
		if decided[moderation.StoryID(w.ID)] {
			give = append(give, w.LeaseID)
			delete(leases, w.ID) // an earlier lease of ours has expired, or it would not be claimable
			continue
		}
		leases[w.ID] = w.LeaseID
	}
	// the leases are recorded before anything is given back: a failed
	// release leaves a lease that simply expires
	if err := s.setLeases(ctx, leases); err != nil {
		return len(ws), err
	}
	if err := s.setLostLeases(ctx, lost); err != nil {
		return len(ws), err
	}
	if err := s.Store.SetState(ctx, StateClaim, ""); err != nil {
		return len(ws), err
	}
	if len(give) > 0 {
		s.releaseQuietly(ctx, give)
	}
	s.log().Info("pulled", "count", len(ws), "released_decided", len(give))
	return len(ws) - len(give), nil
}

// claimSettler is implemented by stores that settle claimed stories which
// stay decided locally (sqlite.Store does): it reopens those whose local
// decision was a conflict and returns the others.
type claimSettler interface {
	ReopenConflicted(ctx context.Context, claimed []moderation.Story) ([]moderation.StoryID, error)
}

// stillDecided returns the claimed stories that stay decided locally, whose
// leases would otherwise block everyone until they expire.
func (s *Syncer) stillDecided(ctx context.Context, claimed []moderation.Story) (map[moderation.StoryID]bool, error) {
	out := map[moderation.StoryID]bool{}
	if cs, ok := s.Store.(claimSettler); ok {
		ids, err := cs.ReopenConflicted(ctx, claimed)
		if err != nil {
			return nil, err
		}
		for _, id := range ids {
			out[id] = true
		}
		return out, nil
	}
	for _, st := range claimed {
		got, err := s.Store.Story(ctx, st.ID)
		if err != nil {
			return nil, fmt.Errorf("story %s: %w", st.ID, err)
		}
		if got.Status != moderation.StatusPending {
			out[st.ID] = true
		}
	}
	return out, nil
}

// releaseQuietly gives leases back, logging (not returning) a failure: the
// leases then expire on their own.
func (s *Syncer) releaseQuietly(ctx context.Context, leaseIDs []string) {
	if _, err := s.Client.Release(context.WithoutCancel(ctx), leaseIDs); err != nil {
		s.log().Warn("release leases", "count", len(leaseIDs), "code", moderation.ErrorCode(err))
	}
}

// Push sends the pending outbox in batches. Each entry leaves the pending
// state only through MarkPushed with the server's answer; conflicts are
// kept as PushConflict with the server state. A request the server refuses
// as invalid marks its entries with the error and the push goes on (a
// batch refused whole, with no item named, is sent again in halves until
// the refused decisions are alone); a network failure (after retries)
// marks the batch and ends the push with an EUNAVAILABLE error.
func (s *Syncer) Push(ctx context.Context) (PushReport, error) {
	var rep PushReport
	unlock, err := s.lock()
	if err != nil {
		return rep, fmt.Errorf("push: %w", err)
	}
	defer unlock()
	entries, err := s.Store.Outbox(ctx, 0)
	if err != nil {
		return rep, fmt.Errorf("push: read outbox: %w", err)
	}
	var pending []moderation.OutboxEntry
	for _, e := range entries {
		if e.State == moderation.PushPending || e.State == "" {
			pending = append(pending, e)
		}
	}
	total := len(pending)
	if total == 0 {
		return rep, nil
	}
	batch := s.Batch
	if batch <= 0 {
		batch = DefaultBatch
	}
	leases, err := s.leases(ctx)
	if err != nil {
		return rep, err
	}
	lost, err := s.lostLeases(ctx)
	if err != nil {
		return rep, err
	}
	defer func() {
		if err := s.setLeases(context.WithoutCancel(ctx), leases); err != nil {
			s.log().Warn("save leases", "code", moderation.ErrorCode(err))
		}
		if err := s.setLostLeases(context.WithoutCancel(ctx), lost); err != nil {
			s.log().Warn("save lost leases", "code", moderation.ErrorCode(err))
		}
	}()
	sm, _ := s.Store.(sendMarker)
	done := 0
	s.progress(done, total)
push:
	for len(pending) > 0 {
		n := min(batch, len(pending))
		chunk := pending[:n]
		pending = pending[n:]
		ws, ids, bad, err := s.wire(ctx, chunk)
		if err != nil {
			return rep, err
		}
		rep.Failed += bad
		done += bad
		for len(ws) > 0 {
			if sm != nil {
				// Undo must not take back what the server may apply; what
				// was undone since the outbox was read is not sent
				marked, err := sm.MarkSending(ctx, ids, time.Now().Add(s.sendingFor()))
				if err != nil {
					return rep, fmt.Errorf("push: %w", err)
				}
				if len(marked) < len(ids) {
					done += len(ids) - len(marked)
					ws, ids = keepMarked(ws, ids, marked)
					if len(ws) == 0 {
						break
					}
				}
			}
			results, err := s.Client.PushDecisions(ctx, ws)
			if err == nil {
				if err := s.record(ctx, results, &rep); err != nil {
					return rep, err
				}
				for _, w := range ws {
					delete(leases, w.StoryID)
					delete(lost, w.StoryID) // the answer replaces the warning
				}
				done += len(ws)
				break
			}
			var ae *APIError
			if errors.As(err, &ae) && ae.Detail.Item != nil && *ae.Detail.Item >= 0 && *ae.Detail.Item < len(ws) {
				// one refused decision: keep it pending with the reason, send the rest
				i := *ae.Detail.Item
				if merr := s.markRefused(ctx, sm, []string{ids[i]}, ae.Detail.Code+" "+ae.Detail.Field); merr != nil {
					return rep, fmt.Errorf("push: %w", merr)
				}
				s.log().Warn("decision refused", "decision", ids[i], "code", ae.Detail.Code, "field", ae.Detail.Field)
				rep.Failed++
				done++
				ws = append(ws[:i:i], ws[i+1:]...)
				ids = append(ids[:i:i], ids[i+1:]...)
				continue
			}
			if errors.As(err, &ae) && ae.Status == http.StatusBadRequest {
				// refused whole, with no item named (the body is too large,
				// say): send it again in halves, so that a decision refused
				// on its own is set aside and the rest still go
				if len(ws) == 1 {
					if merr := s.markRefused(ctx, sm, ids, ae.Detail.Code+" "+ae.Detail.Field); merr != nil {
						return rep, fmt.Errorf("push: %w", merr)
					}
					s.log().Warn("decision refused", "decision", ids[0], "code", ae.Detail.Code, "field", ae.Detail.Field)
					rep.Failed++
					done++
					break
				}
				batch = len(ws) / 2
				pending = append(sendAgain(chunk, ids), pending...)
				continue push
			}
			mark := s.Store.MarkAttempt
			if sm != nil && errors.Is(err, ErrNoAnswer) {
				mark = sm.MarkUnanswered // the server may have applied them: no undo until it answers
			}
			if merr := mark(ctx, ids, moderation.ErrorCode(err)); merr != nil {
				s.log().Warn("mark attempt", "code", moderation.ErrorCode(merr))
			}
			return rep, fmt.Errorf("push %d decisions: %w", len(ws), err)
		}
		s.progress(done, total)
	}
	s.log().Info("pushed", "accepted", rep.Accepted, "duplicate", rep.Duplicate, "conflict", rep.Conflict, "failed", rep.Failed)
	return rep, nil
}

// sendMarker is implemented by stores whose Undo refuses entries a push
// is carrying (sqlite.Store does). MarkSending returns the ids still
// pending, which it marked; the others were undone or answered meanwhile.
// MarkUnanswered holds entries whose push got no answer though the server
// may have applied them, until a push is answered; MarkRefused records a
// refusal, which is such an answer.
type sendMarker interface {
	MarkUnanswered(ctx context.Context, ids []string, errCode string) error
	MarkRefused(ctx context.Context, ids []string, errCode string) error
	MarkSending(ctx context.Context, ids []string, until time.Time) ([]string, error)
}

// sendAgain returns the entries of chunk whose decisions are among ids,
// in order.
func sendAgain(chunk []moderation.OutboxEntry, ids []string) []moderation.OutboxEntry {
	var out []moderation.OutboxEntry
	for _, e := range chunk {
		if slices.Contains(ids, e.Decision.ID) {
			out = append(out, e)
		}
	}
	return out
}

// markRefused records the server's refusal of decisions.
func (s *Syncer) markRefused(ctx context.Context, sm sendMarker, ids []string, errCode string) error {
	if sm != nil {
		return sm.MarkRefused(ctx, ids, errCode)
	}
	return s.Store.MarkAttempt(ctx, ids, errCode)
}

// keepMarked keeps the decisions whose ids are in marked, in order.
func keepMarked(ws []Decision, ids, marked []string) ([]Decision, []string) {
	in := make(map[string]bool, len(marked))
	for _, id := range marked {
		in[id] = true
	}
	var kw []Decision
	var kids []string
	for i, id := range ids {
		if in[id] {
			kw, kids = append(kw, ws[i]), append(kids, id)
		}
	}
	return kw, kids
}

// sendingFor is how long a push may carry a batch: SendingFor, or every
// attempt of the client running into its timeout and longest backoff.
func (s *Syncer) sendingFor() time.Duration {
	if s.SendingFor > 0 {
		return s.SendingFor
	}
	return s.Client.maxRequestTime()
}

func (s *Syncer) progress(done, total int) {
	if s.Progress != nil {
		s.Progress(done, total)
	}
}

// bodyReader is implemented by stores that read many bodies at once
// (sqlite.Store does); otherwise Story is called per story.
type bodyReader interface {
	StoryBodies(ctx context.Context, ids []moderation.StoryID) (map[moderation.StoryID]string, error)
}

// wire converts outbox entries to wire decisions. Entries that cannot be
// converted (story missing locally, bad ranges) are marked and skipped.
func (s *Syncer) wire(ctx context.Context, chunk []moderation.OutboxEntry) ([]Decision, []string, int, error) {
	bodies, err := s.bodies(ctx, chunk)
	if err != nil {
		return nil, nil, 0, err
	}
	ws := make([]Decision, 0, len(chunk))
	ids := make([]string, 0, len(chunk))
	bad := 0
	for _, e := range chunk {
		w, err := DecisionToWire(e.Decision, bodies[e.Decision.StoryID])
		if err != nil {
			if merr := s.Store.MarkAttempt(ctx, []string{e.Decision.ID}, moderation.ErrorCode(err)+" "+moderation.ErrorField(err)); merr != nil {
				return nil, nil, bad, fmt.Errorf("push: %w", merr)
			}
			bad++
			continue
		}
		ws = append(ws, w)
		ids = append(ids, e.Decision.ID)
	}
	return ws, ids, bad, nil
}

// bodies reads the original bodies of the stories whose decisions carry
// redactions; a story missing locally has none (its decision is refused).
func (s *Syncer) bodies(ctx context.Context, chunk []moderation.OutboxEntry) (map[moderation.StoryID]string, error) {
	var need []moderation.StoryID
	for _, e := range chunk {
		if len(e.Decision.Redactions) > 0 {
			need = append(need, e.Decision.StoryID)
		}
	}
	if br, ok := s.Store.(bodyReader); ok {
		m, err := br.StoryBodies(ctx, need)
		if err != nil {
			return nil, fmt.Errorf("push: story bodies: %w", err)
		}
		return m, nil
	}
	m := make(map[moderation.StoryID]string, len(need))
	for _, id := range need {
		st, err := s.Store.Story(ctx, id)
		if moderation.ErrorCode(err) == moderation.ENOTFOUND {
			continue
		} else if err != nil {
			return nil, fmt.Errorf("push: story %s: %w", id, err)
		}
		m[id] = st.Body
	}
	return m, nil
}

// batchMarker is implemented by stores that record many answers in one
// transaction (sqlite.Store does).
type batchMarker interface {
	MarkPushedBatch(ctx context.Context, answers []moderation.PushAnswer) error
}

func (s *Syncer) record(ctx context.Context, results []DecisionResult, rep *PushReport) error {
	answers := make([]moderation.PushAnswer, len(results))
	for i, r := range results {
		a := moderation.PushAnswer{ID: r.ID, ServerState: r.State.String()}
		switch r.Status {
		case ResultAccepted:
			a.State = moderation.PushAccepted
		case ResultDuplicate:
			a.State = moderation.PushDuplicate
		case ResultConflict:
			a.State = moderation.PushConflict
		default:
			return moderation.Errorf(moderation.EINTERNAL, "push: decision %s: unknown result %q", r.ID, r.Status)
		}
		answers[i] = a
	}
	if bm, ok := s.Store.(batchMarker); ok {
		if err := bm.MarkPushedBatch(ctx, answers); err != nil {
			return fmt.Errorf("push: record %d answers: %w", len(answers), err)
		}
	} else {
		for _, a := range answers {
			if err := s.Store.MarkPushed(ctx, a.ID, a.State, a.ServerState); err != nil {
				return fmt.Errorf("push: mark %s: %w", a.ID, err)
			}
		}
	}
	for _, a := range answers {
		switch a.State {
		case moderation.PushAccepted:
			rep.Accepted++
		case moderation.PushDuplicate:
			rep.Duplicate++
		case moderation.PushConflict:
			rep.Conflict++
		}
	}
	return nil
}

// Renew extends every lease this profile still holds. Leases the server
// reports lost are no longer renewed and are recorded under
// StateLeasesLost (see LostLeases): a decision on them will most likely
// come back as a conflict. It returns how many were renewed and lost.
func (s *Syncer) Renew(ctx context.Context) (renewed, lost int, err error) {
	unlock, err := s.lock()
	if err != nil {
		return 0, 0, fmt.Errorf("renew: %w", err)
	}
	defer unlock()
	leases, err := s.leases(ctx)
	if err != nil || len(leases) == 0 {
		return 0, 0, err
	}
	lostSet, err := s.lostLeases(ctx)
	if err != nil {
		return 0, 0, err
	}
	// both keys are saved however the renewal ends, so a lease found lost
	// is never renewed again and never forgotten unmarked
	defer func() {
		if serr := s.setLeases(context.WithoutCancel(ctx), leases); serr != nil && err == nil {
			err = serr
		}
		if serr := s.setLostLeases(context.WithoutCancel(ctx), lostSet); serr != nil && err == nil {
			err = serr
		}
	}()
	byLease := make(map[string]string, len(leases))
	ids := make([]string, 0, len(leases))
	for story, lease := range leases {
		byLease[lease] = story
		ids = append(ids, lease)
	}
	sort.Strings(ids)
	for start := 0; start < len(ids); start += 500 {
		res, err := s.Client.Renew(ctx, ids[start:min(start+500, len(ids))])
		if err != nil {
			return renewed, lost, fmt.Errorf("renew: %w", err)
		}
		for _, r := range res {
			if r.Status == LeaseRenewed {
				renewed++
				continue
			}
			story, ok := byLease[r.LeaseID]
			if !ok {
				continue // not a lease we asked about
			}
			lost++
			lostSet[story] = r.LeaseID
			delete(leases, story)
		}
	}
	return renewed, lost, nil
}

// Release gives back the leases of the given stories so others can claim
// them. The local store should drop or hide those stories; that is the
// caller's part.
func (s *Syncer) Release(ctx context.Context, ids []moderation.StoryID) (int, error) {
	unlock, err := s.lock()
	if err != nil {
		return 0, fmt.Errorf("release: %w", err)
	}
	defer unlock()
	leases, err := s.leases(ctx)
	if err != nil {
		return 0, err
	}
	var leaseIDs []string
	for _, id := range ids {
		if l, ok := leases[string(id)]; ok {
			leaseIDs = append(leaseIDs, l)
		}
	}
	if len(leaseIDs) == 0 {
		return 0, nil
	}
	res, err := s.Client.Release(ctx, leaseIDs)
	if err != nil {
		return 0, fmt.Errorf("release: %w", err)
	}
	for _, id := range ids {
		delete(leases, string(id))
	}
	n := 0
	for _, r := range res {
		if r.Status == LeaseReleased {
			n++
		}
	}
	return n, s.setLeases(ctx, leases)
}

// Leases returns the leases this profile holds, story id → lease id.
func (s *Syncer) Leases(ctx context.Context) (map[string]string, error) { return s.leases(ctx) }

// LostLeases returns the leases the server reported lost on renewal whose
// stories have neither been claimed again nor had a decision answered,
// story id → lease id.
func (s *Syncer) LostLeases(ctx context.Context) (map[string]string, error) { return s.lostLeases(ctx) }

func (s *Syncer) leases(ctx context.Context) (map[string]string, error) {
	return s.stateMap(ctx, StateLeases)
}

func (s *Syncer) setLeases(ctx context.Context, m map[string]string) error {
	return s.setStateMap(ctx, StateLeases, m)
}

func (s *Syncer) lostLeases(ctx context.Context) (map[string]string, error) {
	return s.stateMap(ctx, StateLeasesLost)
}

func (s *Syncer) setLostLeases(ctx context.Context, m map[string]string) error {
	return s.setStateMap(ctx, StateLeasesLost, m)
}

// state reads a sync state value; a key never set reads as "".
func (s *Syncer) state(ctx context.Context, key string) (string, error) {
	v, err := s.Store.State(ctx, key)
	if err != nil && moderation.ErrorCode(err) != moderation.ENOTFOUND {
		return "", fmt.Errorf("read %s: %w", key, err)
	}
	return v, nil
}

func (s *Syncer) stateMap(ctx context.Context, key string) (map[string]string, error) {
	v, err := s.state(ctx, key)
	if err != nil {
		return nil, err
	}
	m := map[string]string{}
	if v != "" {
		if err := json.Unmarshal([]byte(v), &m); err != nil {
			return nil, fmt.Errorf("read %s: %w", key, err)
		}
	}
	return m, nil
}

func (s *Syncer) setStateMap(ctx context.Context, key string, m map[string]string) error {
	b, _ := json.Marshal(m)
	if err := s.Store.SetState(ctx, key, string(b)); err != nil {
		return fmt.Errorf("save %s: %w", key, err)
	}
	return nil
}
