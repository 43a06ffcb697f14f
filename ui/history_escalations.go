package ui

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"github.com/storydesk/storydesk/moderation"
	"github.com/storydesk/storydesk/moderation/history"
)

// escalations is the supervisor's queue of escalated and held stories.
// Each is decided with the decision form; the new decision supersedes the
// escalation (history stays append-only).
type escalations struct {
	s       *Supervisor
	items   []history.Entry
	cur     int
	list    *widget.List
	title   *widget.Label
	meta    *widget.Label
	view    *StoryView
	spans   []moderation.Span
	form    *DecisionForm
	empty   *widget.Label
	scroll  *container.Scroll
	content fyne.CanvasObject
}

func newEscalations(s *Supervisor) *escalations {
	e := &escalations{s: s, cur: -1}
	e.list = widget.NewList(
		func() int { return len(e.items) },
		func() fyne.CanvasObject {
			l := widget.NewLabel("template\ntemplate")
			l.Truncation = fyne.TextTruncateEllipsis
			return l
		},
		func(id widget.ListItemID, o fyne.CanvasObject) {
			if id < len(e.items) {
				o.(*widget.Label).SetText(escalationRow(e.items[id]))
			}
		})
	e.list.OnSelected = func(id widget.ListItemID) {
		if id != e.cur {
			e.open(id)
		}
	}
	e.title = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	e.title.Wrapping = fyne.TextWrapWord
	e.meta = wrapLabel()
	e.view = NewStoryView()
	e.empty = widget.NewLabel("No escalated or held stories.")
	e.form = newDecisionForm(s.win.Canvas(), s.cfg.Now, "Record decision", func() { e.decide() })
	// title and notes scroll with the story: wrapped labels above a scroll
	// area do not always get their height back after the text changes
	e.scroll = container.NewVScroll(container.NewVBox(e.title, e.meta, e.view))
	right := container.NewBorder(nil, e.form.box, nil, nil, e.scroll)
	split := container.NewHSplit(container.NewBorder(e.empty, nil, nil, nil, e.list), right)
	split.Offset = 0.3
	e.content = split
	e.open(-1)
	return e
}

func escalationRow(x history.Entry) string {
	d := x.Decision
	mark := ""
	if (x.Story != nil && x.Story.Safeguarding()) || (d.Action == moderation.Escalate && d.Reason != moderation.ReasonComplex) {
		mark = "⚠ "
	}
	return fmt.Sprintf("%s%s\n%s · %s · %s", mark, x.Title(), decisionText(d), d.Moderator, d.DecidedAt.Local().Format("2 Jan 15:04"))
}

func (e *escalations) reload() {
	var keep moderation.StoryID
	if e.cur >= 0 && e.cur < len(e.items) {
		keep = e.items[e.cur].Decision.StoryID
	}
	e.items = history.Escalations(e.s.all)
	e.list.UnselectAll()
	e.list.Refresh()
	if len(e.items) == 0 {
		e.empty.Show()
	} else {
		e.empty.Hide()
	}
	e.s.tabs.Items[1].Text = fmt.Sprintf("Escalations (%d)", len(e.items))
	e.s.tabs.Refresh()
	for i, x := range e.items {
		if x.Decision.StoryID == keep {
			e.open(i)
			return
		}
	}
	e.open(-1)
}

// open shows escalation i (-1 for none) with its story and spans.
func (e *escalations) open(i int) {
	e.cur = i
	e.form.reset()
	if i < 0 || i >= len(e.items) {
		e.cur = -1
		e.title.SetText("Pick an escalated or held story.")
		e.meta.SetText("")
		e.spans = nil
		e.view.SetStory("", nil)
		e.form.Confirm.Disable()
		e.relayout()
		return
	}
	x := e.items[i]
	d := x.Decision
	e.title.SetText(x.Title())
	meta := fmt.Sprintf("%s by %s, %s.", decisionText(d), d.Moderator, d.DecidedAt.Local().Format("Mon 2 Jan 2006 15:04"))
	if d.Note != "" {
		meta += "\nNote: " + d.Note
	}
	if !d.ReviewAt.IsZero() {
		meta += "\nReview on " + d.ReviewAt.Local().Format("2 Jan 2006") + "."
	}
	if x.Story == nil {
		meta += "\nThe story is not stored on this computer: sync to fetch it before deciding."
		e.spans = nil
		e.view.SetStory("", nil)
	} else {
		meta += "\nClick a highlight to keep or remove it."
		e.spans = spansOf(x.Story, d)
		if len(d.Redactions) == 0 {
			for k := range e.spans {
				e.spans[k].Redact = moderation.DefaultRedact(e.spans[k].Kind)
			}
		}
		e.view.SetStory(x.Story.Body, e.spans)
	}
	e.meta.SetText(meta)
	e.relayout()
}

// relayout lays the story column out again: a wrapped label that grew
// does not push the story down until its container is laid out again.
func (e *escalations) relayout() {
	e.scroll.Content.Refresh()
	e.scroll.Refresh()
}

func (e *escalations) decide() {
	if e.cur < 0 || e.cur >= len(e.items) || e.form.problem() != "" {
		return
	}
	x := e.items[e.cur]
	if err := e.s.decideOver(x, e.form.action(), e.form.reason(), e.form.Note.Text, e.form.reviewAt(), e.view.Spans()); err != nil {
		e.form.Problem.SetText(err.Error())
		return
	}
	e.s.Reload()
}
