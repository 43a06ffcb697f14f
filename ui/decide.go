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
)

// reasonLabel is a reason code as people read it: "abusive_content" →
// "Abusive content".
func reasonLabel(r moderation.Reason) string {
	s := strings.ReplaceAll(string(r), "_", " ")
	if s == "" {
		return ""
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

func reasonFromLabel(a moderation.Action, label string) moderation.Reason {
	for _, r := range moderation.ReasonsFor(a) {
		if reasonLabel(r) == label {
			return r
		}
	}
	return ""
}

func (w *Window) pending() bool {
	return w.story != nil && w.story.Status == moderation.StatusPending
}

func (w *Window) redacting() bool {
	for _, s := range w.spans {
		if s.Redact {
			return true
		}
	}
	return false
}

// redactionReason is the reason for "Approve with redactions" when the
// proposal is something else: what the marked spans are.
func (w *Window) redactionReason() moderation.Reason {
	var ident, abuse, prof bool
	for _, s := range w.spans {
		if !s.Redact {
			continue
		}
		switch {
		case s.Kind.Group() == moderation.Identifying:
			ident = true
		case s.Kind == moderation.Profanity:
			prof = true
		case s.Kind.Group() == moderation.AbuseGroup:
			abuse = true
		}
	}
	switch {
	case ident:
		return moderation.ReasonPersonalDetails
	case abuse:
		return moderation.ReasonAbusiveLanguage
	case prof:
		return moderation.ReasonOffensiveLanguage
	}
	return moderation.ReasonPersonalDetails
}

// updateBar sets the decision buttons from the open story: which are
// allowed, which one the policy proposes, and why approval is blocked.
func (w *Window) updateBar() {
	buttons := map[moderation.Action]*widget.Button{
		moderation.Publish: w.approve, moderation.PublishWithChanges: w.approveRed,
		moderation.Reject: w.reject, moderation.Escalate: w.escalate, moderation.Hold: w.hold,
	}
	for _, b := range buttons {
		b.Importance = widget.MediumImportance
		b.Disable()
	}
	w.reason.Disable()
	w.reasonRow.Hide()
	if w.story == nil {
		w.suggest.SetText("")
		w.guard.SetText("")
		w.reason.Options = nil
		w.syncing = true
		w.reason.ClearSelected()
		w.syncing = false
		w.refreshButtons(buttons)
		return
	}
	if !w.pending() {
		text := "Already decided (" + string(w.story.Status) + ")."
		if !w.cfg.NoUndo {
			text += " Ctrl+Z takes back your latest decision that is not yet pushed."
		}
		w.suggest.SetText(text)
		w.guard.SetText("")
		w.refreshButtons(buttons)
		return
	}
	action, reason := moderation.Propose(w.story.Body, w.spans)
	safeguarding := moderation.HasSafeguarding(w.spans)
	redacting := w.redacting()
	w.reject.Enable()
	w.escalate.Enable()
	w.hold.Enable()
	if !safeguarding {
		if redacting {
			w.approveRed.Enable()
		} else {
			w.approve.Enable()
		}
	}
	if b := buttons[action]; b != nil && !b.Disabled() {
		b.Importance = widget.HighImportance
	}
	text := "Suggested: " + action.Label()
	if reason != "" {
		text += " — " + strings.ToLower(reasonLabel(reason))
	}
	w.suggest.SetText(text)

	var opts []string
	for _, r := range moderation.ReasonsFor(moderation.PublishWithChanges) {
		opts = append(opts, reasonLabel(r))
	}
	w.reason.Options = opts
	want := w.redactionReason()
	if action == moderation.PublishWithChanges {
		want = reason
	}
	if w.reasonAuto || reasonFromLabel(moderation.PublishWithChanges, w.reason.Selected) == "" {
		w.syncing = true
		w.reason.SetSelected(reasonLabel(want))
		w.syncing = false
	}
	if redacting && !safeguarding {
		w.reason.Enable()
		w.reasonRow.Show()
	} else {
		w.reasonRow.Hide()
	}
	concern, group := "Safeguarding concern", moderation.SafeguardingGrp
	if moderation.ThreatOnly(w.spans) {
		concern, group = "Threat of violence", moderation.AbuseGroup
	}
	switch {
	case safeguarding:
		w.guard.SetText("⚠ " + concern + ": this story cannot be approved. Escalate it to a supervisor (E), or reject it (R).")
	case redacting:
		n := 0
		for _, s := range w.spans {
			if s.Redact {
				n++
			}
		}
		w.guard.SetText(fmt.Sprintf("A publishes the preview: %d redaction(s), reason “%s”.", n, w.reason.Selected))
	default:
		w.guard.SetText("A publishes the story as it is.")
	}
	w.refreshButtons(buttons)
	if safeguarding {
		w.bannerText.SetText("⚠ " + concern + " flagged — this story must be escalated, not approved.")
		if c := GroupColor(group, 0x50); w.bannerBg.FillColor != c {
			w.bannerBg.FillColor = c
			w.bannerBg.Refresh()
		}
		w.banner.Show()
	} else {
		w.banner.Hide()
	}
}

func (w *Window) refreshButtons(bs map[moderation.Action]*widget.Button) {
	for _, b := range bs {
		b.Refresh()
	}
}

// Approve publishes the open story as the preview shows it: "Approve"
// without redactions, "Approve with redactions" with them (A).
func (w *Window) Approve() {
	switch {
	case !w.approveRed.Disabled():
		w.Decide(moderation.PublishWithChanges, reasonFromLabel(moderation.PublishWithChanges, w.reason.Selected), "", time.Time{})
	case !w.approve.Disabled():
		w.Decide(moderation.Publish, "", "", time.Time{})
	case w.story != nil && w.pending():
		w.status.SetMessage("This story cannot be approved: it is flagged for safeguarding. Escalate it (E).")
	}
}

// Decide records a decision on the open story and opens the next one.
func (w *Window) Decide(a moderation.Action, reason moderation.Reason, note string, reviewAt time.Time) bool {
	if !w.pending() {
		return false
	}
	st := w.story
	d := moderation.Decision{
		ID: w.cfg.NewID(), StoryID: st.ID, LeaseID: st.LeaseID, StoryVersion: st.Version,
		Action: a, Reason: reason, Note: strings.TrimSpace(note), Moderator: w.cfg.Moderator,
		DecidedAt: w.cfg.Now(), ReviewAt: reviewAt,
	}
	if a != moderation.Publish {
		d.Redactions = moderation.Redactions(w.spans)
	}
	if a == moderation.Publish || a == moderation.PublishWithChanges {
		d.PublishedTitle = st.Title
		d.PublishedBody = w.PublishedText()
	}
	if err := d.Validate(st.Body); err != nil {
		w.fail("decision not recorded", err)
		return false
	}
	ctx, cancel := w.call()
	defer cancel()
	if err := w.cfg.Store.Decide(ctx, d); err != nil {
		w.fail("decision not recorded", err)
		return false
	}
	w.event("decided", "id", st.ID, "action", a)
	at := w.cur
	w.Reload()
	if w.tab == TabPending {
		w.cur = -1
		if at >= len(w.items) {
			at = len(w.items) - 1
		}
		if at >= 0 {
			w.Open(at)
		} else {
			w.showStory(nil)
		}
	} else {
		w.openFirstIfNone()
	}
	msg := fmt.Sprintf("%s: “%s”.", a.Label(), st.Title)
	if !w.cfg.NoUndo {
		msg += " Ctrl+Z to undo."
	}
	w.status.SetMessage(msg)
	return true
}

// Undo takes back the latest unpushed decision and reopens its story.
// With Config.NoUndo (training) it only says that answers stay.
func (w *Window) Undo() {
	if w.cfg.NoUndo {
		w.status.SetMessage("Nothing to undo: training answers are scored as given.")
		return
	}
	ctx, cancel := w.call()
	defer cancel()
	id, err := w.cfg.Store.Undo(ctx)
	if moderation.ErrorCode(err) == moderation.ENOTFOUND {
		w.status.SetMessage("Nothing to undo: every decision has been pushed, or none was made.")
		return
	} else if err != nil {
		w.fail("undo", err)
		return
	}
	w.event("undone", "id", id)
	w.tab = TabPending
	w.search.SetText("")
	w.Reload()
	if i := w.indexOf(id); i >= 0 {
		w.Open(i)
	} else {
		w.SetTab(TabPending)
	}
	w.status.SetMessage("Decision undone; the story is back in the queue.")
}

// decisionDialog asks for the reason and note of Reject, Escalate or Hold.
type decisionDialog struct {
	action  moderation.Action
	reason  *widget.RadioGroup
	note    *escEntry
	date    *reviewDate // Hold only
	problem *widget.Label
	confirm *widget.Button
	d       *dialog.CustomDialog
}

// OpenDecision opens the dialog for Reject, Escalate or Hold (R, E, H).
func (w *Window) OpenDecision(a moderation.Action) {
	if !w.pending() {
		return
	}
	c := w.win.Canvas()
	dd := &decisionDialog{action: a}
	var labels []string
	for _, r := range moderation.ReasonsFor(a) {
		labels = append(labels, reasonLabel(r))
	}
	dd.reason = widget.NewRadioGroup(labels, nil)
	dd.note = newEscEntry(c, "Note")
	dd.problem = widget.NewLabel("")
	dd.problem.Importance = widget.DangerImportance
	proposed, preason := moderation.Propose(w.story.Body, w.spans)
	switch {
	case proposed == a:
		dd.reason.SetSelected(reasonLabel(preason))
	case a == moderation.Escalate:
		dd.reason.SetSelected(reasonLabel(moderation.ReasonComplex))
	}
	verb := map[moderation.Action]string{moderation.Reject: "Reject story", moderation.Escalate: "Escalate to supervisor", moderation.Hold: "Hold story"}[a]
	dd.confirm = widget.NewButton(verb, func() { w.confirmDecision(dd) })
	dd.confirm.Importance = widget.HighImportance
	cancel := widget.NewButton("Cancel (Esc)", func() { dd.d.Hide() })
	items := []*widget.FormItem{widget.NewFormItem("Reason", dd.reason), widget.NewFormItem("Note", dd.note)}
	switch a {
	case moderation.Escalate:
		dd.note.PlaceHolder = "What the supervisor should know (required)"
	case moderation.Hold:
		dd.note.PlaceHolder = "Why it is held (required)"
		dd.date = newReviewDate(c, w.cfg.Now, func() { w.checkDialog(dd) })
		items = append(items, widget.NewFormItem("Review on", dd.date))
	default:
		dd.note.PlaceHolder = "Note (required for “Other”)"
	}
	dd.reason.OnChanged = func(string) { w.checkDialog(dd) }
	dd.note.OnChanged = func(string) { w.checkDialog(dd) }
	dd.note.OnSubmitted = func(string) {
		if !dd.confirm.Disabled() {
			w.confirmDecision(dd)
		}
	}
	form := widget.NewForm(items...)
	content := container.NewVBox(form, dd.problem, container.NewHBox(layout.NewSpacer(), cancel, dd.confirm))
	dd.d = dialog.NewCustomWithoutButtons(a.Label()+": “"+w.story.Title+"”", content, w.win)
	dd.d.SetOnClosed(func() {
		if w.dlg == dd {
			w.dlg = nil
		}
	})
	w.dlg = dd
	w.checkDialog(dd)
	dd.d.Resize(fyne.NewSize(520, dd.d.MinSize().Height))
	dd.d.Show()
	c.Focus(dd.note)
}

// checkDialog enables the confirm button only for a complete decision.
func (w *Window) checkDialog(dd *decisionDialog) {
	problem := dd.problemText()
	dd.problem.SetText(problem)
	if problem == "" {
		dd.confirm.Enable()
	} else {
		dd.confirm.Disable()
	}
}

func (dd *decisionDialog) problemText() string {
	r := reasonFromLabel(dd.action, dd.reason.Selected)
	note := strings.TrimSpace(dd.note.Text)
	switch {
	case r == "":
		return "Choose a reason."
	case note == "" && (dd.action != moderation.Reject || r == moderation.ReasonOther):
		return "Write a note."
	case len(note) > moderation.MaxNote:
		return fmt.Sprintf("The note is longer than %d characters.", moderation.MaxNote)
	}
	if dd.date != nil {
		_, problem := dd.date.day()
		return problem
	}
	return ""
}

func (w *Window) confirmDecision(dd *decisionDialog) {
	if dd.problemText() != "" {
		return
	}
	var reviewAt time.Time
	if dd.date != nil {
		reviewAt, _ = dd.date.day()
	}
	if w.Decide(dd.action, reasonFromLabel(dd.action, dd.reason.Selected), dd.note.Text, reviewAt) {
		dd.d.Hide()
		w.win.Canvas().Unfocus()
	}
}
