package ui

import (
	"context"
	"fmt"
	"image/color"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"github.com/storydesk/storydesk/moderation"
	"github.com/storydesk/storydesk/moderation/training"
)

// TrainingColor marks training mode: the banner and the frame around the
// window, so nobody mistakes it for the live queue.
var TrainingColor = color.NRGBA{R: 0x00, G: 0x89, B: 0x7B, A: 0xff}

// trainingQueue is the review window's Store during training: an
// in-memory copy of the pack behind a training.Session. It holds no
// reference to the live store, so nothing reaches the queue or the outbox.
type trainingQueue struct {
	sess       *training.Session
	detector   moderation.Detector
	highlights bool
	spans      map[moderation.StoryID][]moderation.Span // the trainee's toggles and additions
	detected   map[moderation.StoryID][]moderation.Span
	answered   map[moderation.StoryID]moderation.Action
	shown      moderation.StoryID // the case whose clock is running
	onScored   func(c *training.Case, sc training.CaseScore)
}

var _ Store = (*trainingQueue)(nil)

func (q *trainingQueue) item(c *training.Case) moderation.QueueItem {
	it := moderation.QueueItem{ID: c.Story.ID, Title: c.Story.Title, Service: c.Story.Service, Status: moderation.StatusPending}
	if a, ok := q.answered[c.Story.ID]; ok {
		it.Status, it.Action = a.Status(), a
	}
	return it
}

// List shows the current case as the only pending story; answered cases
// are in Done (and Escalated when escalated or held).
func (q *trainingQueue) List(ctx context.Context, tab Tab, search string) ([]moderation.QueueItem, error) {
	var out []moderation.QueueItem
	switch tab {
	case TabPending:
		if c := q.sess.CurrentCase(); c != nil {
			out = append(out, q.item(c))
		}
	default:
		for i := range q.sess.Pack().Cases {
			c := &q.sess.Pack().Cases[i]
			a, ok := q.answered[c.Story.ID]
			if ok && (tab == TabDone || a == moderation.Escalate || a == moderation.Hold) {
				out = append(out, q.item(c))
			}
		}
		slices.Reverse(out)
	}
	return out, nil
}

// Story returns a case without its gold answers: the detector's spans when
// highlights are shown, plus whatever the trainee marked.
func (q *trainingQueue) Story(ctx context.Context, id moderation.StoryID) (*moderation.Story, error) {
	c := q.sess.Pack().Case(id)
	if c == nil {
		return nil, moderation.Errorf(moderation.ENOTFOUND, "training case %s not found", id)
	}
	st := c.Story
	st.Spans = q.spansFor(id, st.Body)
	if a, ok := q.answered[id]; ok {
		st.Status = a.Status()
	}
	if cur := q.sess.CurrentCase(); cur != nil && cur.Story.ID == id && q.shown != id {
		q.shown = id
		q.sess.Restart() // the clock runs from when the case is first shown
	}
	return &st, nil
}

func (q *trainingQueue) spansFor(id moderation.StoryID, body string) []moderation.Span {
	if s, ok := q.spans[id]; ok {
		return slices.Clone(s)
	}
	if !q.highlights || q.detector == nil {
		return nil
	}
	d, ok := q.detected[id]
	if !ok {
		d = q.detector.Detect(body)
		q.detected[id] = d
	}
	return slices.Clone(d)
}

// SetSpans keeps the trainee's changes in memory only.
func (q *trainingQueue) SetSpans(ctx context.Context, id moderation.StoryID, spans []moderation.Span) error {
	q.spans[id] = slices.Clone(spans)
	return nil
}

// Decide scores the decision; it is not stored anywhere else.
func (q *trainingQueue) Decide(ctx context.Context, d moderation.Decision) error {
	c := q.sess.CurrentCase()
	sc, err := q.sess.Submit(d)
	if err != nil {
		return err
	}
	q.answered[c.Story.ID] = d.Action
	if q.onScored != nil {
		q.onScored(c, sc)
	}
	return nil
}

// Undo is not offered in training: a scored answer stays scored.
func (q *trainingQueue) Undo(ctx context.Context) (moderation.StoryID, error) {
	return "", moderation.Errorf(moderation.ENOTFOUND, "training answers cannot be undone")
}

// Counts are the training progress.
func (q *trainingQueue) Counts(ctx context.Context) (moderation.Counts, error) {
	var c moderation.Counts
	for _, a := range q.answered {
		c.Done++
		if a == moderation.Escalate {
			c.Escalated++
		}
		if a == moderation.Hold {
			c.Held++
		}
	}
	c.Pending = len(q.sess.Pack().Cases) - q.sess.Index()
	return c, nil
}

// TrainingSession is a trainee working through a pack in its own window:
// the normal review screen over an in-memory copy of the pack, framed and
// bannered in the training colour. Results are saved when the last case
// is answered.
type TrainingSession struct {
	t        *Trainer
	win      fyne.Window
	q        *trainingQueue
	review   *Window
	Banner   *canvas.Text
	Progress *widget.Label
	Show     *widget.Check // highlights shown or hidden
	// Score is the score card of the last answered case (nil before).
	Score *ScoreCard
	// Final is the end-of-run summary, once every case is answered.
	Final    *ScoreCard
	scoreDlg dialog.Dialog
	saved    bool
}

// start opens a session window for trainee on pack.
func (t *Trainer) start(trainee string, pack *training.Pack) (*TrainingSession, error) {
	sess, err := training.NewSession(pack, trainee, t.cfg.NewID(), t.cfg.Now)
	if err != nil {
		return nil, err
	}
	win := t.cfg.NewWindow("StoryDesk — TRAINING — " + pack.Name)
	ts := &TrainingSession{t: t, win: win}
	ts.q = &trainingQueue{sess: sess, detector: t.cfg.Detector, highlights: true,
		spans: map[moderation.StoryID][]moderation.Span{}, detected: map[moderation.StoryID][]moderation.Span{},
		answered: map[moderation.StoryID]moderation.Action{}, onScored: ts.scored}
	ts.Progress = widget.NewLabel("")
	ts.Show = widget.NewCheck("Show highlights", func(on bool) {
		ts.q.highlights = on
		ts.q.detected = map[moderation.StoryID][]moderation.Span{}
		// the current case starts over with or without the detector's spans
		if c := sess.CurrentCase(); c != nil {
			delete(ts.q.spans, c.Story.ID)
		}
		if ts.review != nil {
			ts.review.SetTab(TabPending)
		}
	})
	ts.Show.SetChecked(true)
	ts.review = New(t.ctx, win, Config{Store: ts.q, Moderator: sess.Run().Trainee, Now: t.cfg.Now, NewID: t.cfg.NewID,
		Logger: t.log, Extra: []fyne.CanvasObject{ts.Show, ts.Progress}, NoUndo: true})
	ts.Banner = canvas.NewText(fmt.Sprintf("TRAINING MODE — %s — trainee %s — nothing here reaches the live queue",
		pack.Name, sess.Run().Trainee), color.White)
	ts.Banner.TextStyle.Bold = true
	ts.Banner.Alignment = fyne.TextAlignCenter
	banner := container.NewStack(canvas.NewRectangle(TrainingColor), container.NewPadded(ts.Banner))
	edge := func() fyne.CanvasObject {
		r := canvas.NewRectangle(TrainingColor)
		r.SetMinSize(fyne.NewSize(5, 5))
		return r
	}
	win.SetContent(container.NewBorder(banner, edge(), edge(), edge(), win.Content()))
	ts.progress()
	win.Show()
	return ts, nil
}

// Review is the normal review screen the trainee works in.
func (ts *TrainingSession) Review() *Window { return ts.review }

// Window is the session's window.
func (ts *TrainingSession) Window() fyne.Window { return ts.win }

// Session is the scoring session (read-only use).
func (ts *TrainingSession) Session() *training.Session { return ts.q.sess }

func (ts *TrainingSession) progress() {
	s := ts.q.sess
	n := len(s.Pack().Cases)
	if s.Done() {
		ts.Progress.SetText(fmt.Sprintf("Training: all %d cases answered", n))
		return
	}
	ts.Progress.SetText(fmt.Sprintf("Training: case %d of %d", s.Index()+1, n))
}

// scored shows the case's score card; after the last case it saves the
// run and shows the summary.
func (ts *TrainingSession) scored(c *training.Case, sc training.CaseScore) {
	ts.progress()
	s := ts.q.sess
	ts.Score = NewCaseScoreCard(c, sc, s.Index(), len(s.Pack().Cases))
	content := ts.Score.Content()
	title := "Case score"
	if s.Done() {
		run := s.Run()
		ts.Final = NewRunScoreCard(run, s.Pack())
		if err := ts.t.save(run); err != nil {
			ts.Final.SetMessage("Results NOT saved: " + err.Error())
		} else {
			ts.saved = true
			ts.Final.SetMessage("Results saved for " + run.Trainee + ".")
		}
		content = container.NewAppTabs(
			container.NewTabItem("Run summary", ts.Final.Content()),
			container.NewTabItem("Last case", ts.Score.Content()))
		title = "Training finished"
	}
	if ts.scoreDlg != nil {
		ts.scoreDlg.Hide()
	}
	next := "Next case"
	if s.Done() {
		next = "Close"
	}
	d := dialog.NewCustom(title, next, content, ts.win)
	d.SetOnClosed(func() {
		if !s.Done() {
			s.Restart() // reading the score is not time spent on the next case
		}
	})
	d.Resize(fyne.NewSize(min(900, ts.win.Canvas().Size().Width-40), min(640, ts.win.Canvas().Size().Height-40)))
	ts.scoreDlg = d
	d.Show()
}

// Saved reports whether the finished run was stored.
func (ts *TrainingSession) Saved() bool { return ts.saved }

func caseLabel(c *training.Case) string {
	if c.Story.Title != "" {
		return c.Story.Title
	}
	return strings.TrimSpace(string(c.Story.ID))
}
