package ui

import (
	"fmt"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"

	"github.com/storydesk/storydesk/moderation"
	"github.com/storydesk/storydesk/moderation/history"
)

// DecisionForm is the supervisor's decision bar: action, reason and a
// note, which every supervisor decision needs (it overrides an earlier one),
// and for a Hold the review date, as in the moderator's Hold dialog.
type DecisionForm struct {
	Action   *widget.RadioGroup
	Reason   *widget.Select
	Note     *widget.Entry
	ReviewOn *reviewDate // shown for Hold only
	Problem  *widget.Label
	Confirm  *widget.Button
	box      fyne.CanvasObject
	review   fyne.CanvasObject // the "Review on" row
}

func newDecisionForm(c fyne.Canvas, now func() time.Time, confirmText string, onConfirm func()) *DecisionForm {
	f := &DecisionForm{}
	var labels []string
	for _, a := range moderation.Actions {
		labels = append(labels, a.Label())
	}
	f.Reason = widget.NewSelect(nil, func(string) { f.check() })
	f.Action = widget.NewRadioGroup(labels, func(string) { f.setReasons(); f.showReview(); f.check() })
	f.Action.Horizontal = true
	f.Note = widget.NewMultiLineEntry()
	f.Note.PlaceHolder = "Why (required: this decision supersedes the earlier one)"
	f.Note.Wrapping = fyne.TextWrapWord
	f.Note.SetMinRowsVisible(2)
	f.Note.OnChanged = func(string) { f.check() }
	f.Problem = widget.NewLabel("")
	f.Problem.Importance = widget.DangerImportance
	f.ReviewOn = newReviewDate(c, now, f.check)
	f.Confirm = widget.NewButton(confirmText, onConfirm)
	f.Confirm.Importance = widget.HighImportance
	// its own row, not a form item: a Form keeps the label of a hidden item
	f.review = container.NewBorder(nil, nil, widget.NewLabel("Review on"), nil,
		container.NewGridWrap(fyne.NewSize(160, f.ReviewOn.MinSize().Height), f.ReviewOn))
	f.review.Hide()
	f.box = container.NewVBox(
		widget.NewForm(
			widget.NewFormItem("Decision", f.Action),
			widget.NewFormItem("Reason", f.Reason),
			widget.NewFormItem("Note", f.Note)),
		f.review,
		container.NewHBox(f.Problem, layout.NewSpacer(), f.Confirm))
	f.check()
	return f
}

func (f *DecisionForm) showReview() {
	if f.action() == moderation.Hold {
		f.review.Show()
	} else {
		f.review.Hide()
	}
}

// reviewAt is the review day of a Hold, zero for other decisions.
func (f *DecisionForm) reviewAt() time.Time {
	if f.action() != moderation.Hold {
		return time.Time{}
	}
	day, _ := f.ReviewOn.day()
	return day
}

func (f *DecisionForm) action() moderation.Action {
	for _, a := range moderation.Actions {
		if a.Label() == f.Action.Selected {
			return a
		}
	}
	return ""
}

func (f *DecisionForm) reason() moderation.Reason {
	for _, r := range moderation.ReasonsFor(f.action()) {
		if reasonText(r) == f.Reason.Selected {
			return r
		}
	}
	return ""
}

func (f *DecisionForm) setReasons() {
	var opts []string
	for _, r := range moderation.ReasonsFor(f.action()) {
		opts = append(opts, reasonText(r))
	}
	f.Reason.Options = opts
	if len(opts) == 0 {
		f.Reason.ClearSelected()
		f.Reason.Disable()
	} else {
		if f.reason() == "" {
			f.Reason.ClearSelected()
		}
		f.Reason.Enable()
	}
	f.Reason.Refresh()
}

// problem says what is missing, "" when the form is complete.
func (f *DecisionForm) problem() string {
	a := f.action()
	switch {
	case a == "":
		return "Choose a decision."
	case a != moderation.Publish && f.reason() == "":
		return "Choose a reason."
	case strings.TrimSpace(f.Note.Text) == "":
		return "Write a note: it is required for a supervisor's decision."
	case len(f.Note.Text) > moderation.MaxNote:
		return fmt.Sprintf("The note is longer than %d characters.", moderation.MaxNote)
	case a == moderation.Hold:
		_, p := f.ReviewOn.day()
		return p
	}
	return ""
}

func (f *DecisionForm) check() {
	if f.Confirm == nil {
		return
	}
	p := f.problem()
	f.Problem.SetText(p)
	if p == "" {
		f.Confirm.Enable()
	} else {
		f.Confirm.Disable()
	}
}

func (f *DecisionForm) reset() {
	f.Action.SetSelected("")
	f.Note.SetText("")
	f.ReviewOn.reset()
	f.setReasons()
	f.check()
}

// decideOver records a supervisor's decision that supersedes prev. spans
// are the story's spans with Redact set as the supervisor wants them. The
// caller reloads the history (Reload) once its own widgets are done.
func (s *Supervisor) decideOver(prev history.Entry, a moderation.Action, r moderation.Reason, note string, reviewAt time.Time, spans []moderation.Span) error {
	st := prev.Story
	if st == nil {
		return moderation.Errorf(moderation.ENOTFOUND, "story %s is not stored here", prev.Decision.StoryID)
	}
	d := history.Override(prev.Decision, s.cfg.NewID(), s.cfg.Supervisor, s.cfg.Now())
	d.Action, d.Reason, d.Note, d.ReviewAt = a, r, strings.TrimSpace(note), reviewAt
	if a != moderation.Publish {
		d.Redactions = moderation.Redactions(spans)
	}
	switch a {
	case moderation.Publish:
		d.PublishedTitle, d.PublishedBody = st.Title, st.Body
	case moderation.PublishWithChanges:
		body, err := moderation.Redact(st.Body, spans)
		if err != nil {
			return err
		}
		d.PublishedTitle, d.PublishedBody = st.Title, body
	}
	if err := d.Validate(st.Body); err != nil {
		return err
	}
	ctx, cancel := s.call()
	defer cancel()
	if err := s.cfg.Store.Decide(ctx, d); err != nil {
		return err
	}
	s.log.Info("supervisor decision", "story", d.StoryID, "decision", d.ID, "supersedes", d.Supersedes, "action", d.Action)
	s.message.SetText(fmt.Sprintf("%s recorded for “%s”; it supersedes the earlier decision.", a.Label(), st.Title))
	return nil
}

// spansOf returns the story's spans with Redact set where decision d
// redacted them; redactions with no matching span are added as spans.
func spansOf(st *moderation.Story, d moderation.Decision) []moderation.Span {
	var out []moderation.Span
	for _, sp := range st.Spans {
		sp.Redact = false
		out = append(out, sp)
	}
	for _, r := range d.Redactions {
		found := false
		for i := range out {
			if out[i].Start == r.Start && out[i].End == r.End {
				out[i].Redact, out[i].Replacement, found = true, r.Replacement, true
			}
		}
		if !found {
			out = append(out, moderation.Span{Start: r.Start, End: r.End, Kind: r.Kind, Source: moderation.SourceModerator,
				Redact: true, Replacement: r.Replacement, Reason: "redacted by the earlier decision"})
		}
	}
	sortSpans(out)
	// a span that overlaps a redaction cannot be shown beside it: drop the unredacted one
	var keep []moderation.Span
	for i, sp := range out {
		clash := false
		for j, o := range out {
			if i != j && o.Redact && !sp.Redact && sp.Overlaps(o) {
				clash = true
			}
		}
		if !clash {
			keep = append(keep, sp)
		}
	}
	return keep
}

func sortSpans(spans []moderation.Span) {
	for i := 1; i < len(spans); i++ {
		for j := i; j > 0 && spans[j].Start < spans[j-1].Start; j-- {
			spans[j], spans[j-1] = spans[j-1], spans[j]
		}
	}
}

// OpenOverride opens the override dialog for the selected decision. The
// new decision keeps the earlier redactions; it needs a note.
func (s *Supervisor) OpenOverride() *OverrideDialog {
	e := s.current()
	if e == nil || e.Story == nil {
		return nil
	}
	prev := *e
	od := &OverrideDialog{}
	od.Form = newDecisionForm(s.win.Canvas(), s.cfg.Now, "Record override", func() {
		if err := s.decideOver(prev, od.Form.action(), od.Form.reason(), od.Form.Note.Text, od.Form.reviewAt(), spansOf(prev.Story, prev.Decision)); err != nil {
			od.Form.Problem.SetText(err.Error())
			return
		}
		od.d.Hide()
		s.Reload()
	})
	intro := widget.NewLabel(fmt.Sprintf("Overriding %s by %s. The earlier decision stays in the history; this one supersedes it.",
		decisionText(prev.Decision), prev.Decision.Moderator))
	intro.Wrapping = fyne.TextWrapWord
	od.d = dialog.NewCustom("Override: “"+prev.Title()+"”", "Cancel", container.NewVBox(intro, od.Form.box), s.win)
	od.d.Resize(fyne.NewSize(640, od.d.MinSize().Height))
	od.d.Show()
	return od
}

// OverrideDialog is the open override dialog; tests fill its form.
type OverrideDialog struct {
	Form *DecisionForm
	d    *dialog.CustomDialog
}
