package training

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/storydesk/storydesk/moderation"
)

// Run is one trainee's pass through a pack: the stored result.
type Run struct {
	ID         string
	Trainee    string
	Pack       string
	StartedAt  time.Time
	FinishedAt time.Time // zero while the run is unfinished
	Scores     []CaseScore
}

// Summary totals the run's scores.
func (r Run) Summary() Summary { return Summarize(r.Scores) }

// Store keeps training runs per trainee and pack. The app's SQLite store
// implements it (table training_runs); MemoryStore is for tests and for a
// session without a database.
type Store interface {
	SaveRun(ctx context.Context, r Run) error
	// Runs returns the runs of trainee ("" for every trainee), oldest first.
	Runs(ctx context.Context, trainee string) ([]Run, error)
}

// MemoryStore is a Store in memory, safe for concurrent use.
type MemoryStore struct {
	mu   sync.Mutex
	runs []Run
}

var _ Store = (*MemoryStore)(nil)

// SaveRun stores r, replacing an earlier run with the same ID.
func (m *MemoryStore) SaveRun(ctx context.Context, r Run) error {
	if r.ID == "" {
		return moderation.Invalidf("id", "missing")
	}
	if strings.TrimSpace(r.Trainee) == "" {
		return moderation.Invalidf("trainee", "missing")
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	r.Scores = slices.Clone(r.Scores)
	if i := slices.IndexFunc(m.runs, func(x Run) bool { return x.ID == r.ID }); i >= 0 {
		m.runs[i] = r
		return nil
	}
	m.runs = append(m.runs, r)
	return nil
}

// Runs returns trainee's runs ("" for all), oldest first.
func (m *MemoryStore) Runs(ctx context.Context, trainee string) ([]Run, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	var out []Run
	for _, r := range m.runs {
		if trainee == "" || r.Trainee == trainee {
			out = append(out, r)
		}
	}
	SortRuns(out)
	return out, nil
}

// SortRuns orders runs by trainee, then start time.
func SortRuns(runs []Run) {
	slices.SortStableFunc(runs, func(a, b Run) int {
		if c := strings.Compare(a.Trainee, b.Trainee); c != 0 {
			return c
		}
		return a.StartedAt.Compare(b.StartedAt)
	})
}

// RunsCSVHeader is the header row WriteRunsCSV writes.
var RunsCSVHeader = []string{"trainee", "pack", "run_id", "started_at", "finished_at",
	"cases", "recall", "precision", "decision_agreement", "median_seconds_per_case", "gold_spans", "missed_spans", "extra_spans"}

// WriteRunsCSV writes one row per run: the trainer's table of trainees and
// their scores over time. Times are RFC 3339 UTC; ratios have three decimals.
func WriteRunsCSV(w io.Writer, runs []Run) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(RunsCSVHeader); err != nil {
		return err
	}
	for _, r := range runs {
		s := r.Summary()
		fin := ""
		if !r.FinishedAt.IsZero() {
			fin = r.FinishedAt.UTC().Format(time.RFC3339)
		}
		row := []string{CSVSafe(r.Trainee), CSVSafe(r.Pack), r.ID, r.StartedAt.UTC().Format(time.RFC3339), fin,
			strconv.Itoa(s.Cases), f3(s.Recall), f3(s.Precision), f3(s.Agreement),
			strconv.FormatFloat(s.MedianTook.Seconds(), 'f', 1, 64),
			strconv.Itoa(s.Gold), strconv.Itoa(s.Gold - s.Found), strconv.Itoa(s.Marked - s.Correct)}
		if err := cw.Write(row); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

func f3(x float64) string { return strconv.FormatFloat(x, 'f', 3, 64) }

// CSVSafe defuses a cell a spreadsheet would run as a formula.
func CSVSafe(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}

// Session is a trainee working through an in-memory copy of a pack. It
// never reaches the live queue or the outbox: decisions are scored and kept
// here only. Not safe for concurrent use (the UI goroutine owns it).
type Session struct {
	run   Run
	pack  *Pack
	i     int
	start time.Time // when the current case was shown
	now   func() time.Time
}

// NewSession starts a run of pack for trainee; the pack is copied. now
// gives the time (time.Now if nil); runID names the run.
func NewSession(pack *Pack, trainee, runID string, now func() time.Time) (*Session, error) {
	if strings.TrimSpace(trainee) == "" {
		return nil, moderation.Invalidf("trainee", "missing")
	}
	if pack == nil || len(pack.Cases) == 0 {
		return nil, moderation.Invalidf("pack", "no cases")
	}
	if now == nil {
		now = time.Now
	}
	t := now()
	return &Session{
		run:  Run{ID: runID, Trainee: strings.TrimSpace(trainee), Pack: pack.Name, StartedAt: t},
		pack: pack.Clone(), now: now, start: t,
	}, nil
}

// Pack returns the session's own copy of the pack.
func (s *Session) Pack() *Pack { return s.pack }

// Index is the position of the current case (== len(cases) when done).
func (s *Session) Index() int { return s.i }

// Done reports whether every case has been answered.
func (s *Session) Done() bool { return s.i >= len(s.pack.Cases) }

// Current returns the case to work now, or nil when done. Its story comes
// without the gold spans: what the trainee sees is up to the caller
// (usually the detector's spans on the story body).
func (s *Session) Current() *moderation.Story {
	if s.Done() {
		return nil
	}
	st := s.pack.Cases[s.i].Story
	st.Spans = nil
	return &st
}

// CurrentCase returns the current case with its gold answers, or nil.
func (s *Session) CurrentCase() *Case {
	if s.Done() {
		return nil
	}
	return &s.pack.Cases[s.i]
}

// Restart resets the clock for the current case (call it when the case is
// actually shown).
func (s *Session) Restart() { s.start = s.now() }

// Submit scores the trainee's decision on the current case and moves on.
// The decision is validated as a live one would be (reasons, notes,
// redactions inside the body); it goes nowhere else.
func (s *Session) Submit(d moderation.Decision) (CaseScore, error) {
	c := s.CurrentCase()
	if c == nil {
		return CaseScore{}, moderation.Errorf(moderation.ECONFLICT, "training run %s: every case is answered", s.run.ID)
	}
	if d.StoryID == "" {
		d.StoryID = c.Story.ID
	}
	if d.StoryID != c.Story.ID {
		return CaseScore{}, moderation.Invalidf("story_id", "%s is not the current case %s", d.StoryID, c.Story.ID)
	}
	if d.ID == "" {
		d.ID = fmt.Sprintf("%s-%d", s.run.ID, s.i)
	}
	if err := d.Validate(c.Story.Body); err != nil {
		return CaseScore{}, err
	}
	t := s.now()
	sc := ScoreCase(c, d, t.Sub(s.start))
	s.run.Scores = append(s.run.Scores, sc)
	s.i++
	s.start = t
	if s.Done() {
		s.run.FinishedAt = t
	}
	return sc, nil
}

// Run returns the run so far (a copy).
func (s *Session) Run() Run {
	r := s.run
	r.Scores = slices.Clone(r.Scores)
	return r
}

// EncodeScore is the stored form of a case score (JSON), for stores that
// keep one row per case; DecodeScore reads it back.
func EncodeScore(s CaseScore) (json.RawMessage, error) { return json.Marshal(s) }

// DecodeScore reads a score written by EncodeScore.
func DecodeScore(b json.RawMessage) (CaseScore, error) {
	var s CaseScore
	if err := json.Unmarshal(b, &s); err != nil {
		return s, moderation.Invalidf("scores", "not a training case score: %v", err)
	}
	return s, nil
}
