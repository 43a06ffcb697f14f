package ui

import (
	"context"
	"fmt"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"github.com/storydesk/storydesk/moderation"
)

// Conflict is a pushed decision the queue server did not apply, with the
// server's state of the story at the time.
type Conflict struct {
	DecisionID string
	StoryID    moderation.StoryID
	Action     moderation.Action
	Reason     moderation.Reason
	DecidedAt  time.Time

	ServerReason   string // why it conflicts, in the server's words
	ServerStatus   string // pending, decided, escalated, held
	ServerVersion  int
	LeaseHolder    string // who holds the story on the server now ("" for nobody)
	LeaseExpiresAt time.Time
	// the latest decision on the server, if any
	LatestAction    moderation.Action
	LatestReason    moderation.Reason
	LatestModerator string
	LatestAt        time.Time
}

// Conflicts lists and acknowledges conflicts; cmd/storydesk adapts the
// local store's outbox to it.
type Conflicts interface {
	// Conflicts returns the conflicts the moderator has not acknowledged.
	Conflicts(ctx context.Context) ([]Conflict, error)
	// AcknowledgeConflict records that the moderator has read one; it is
	// kept in the history.
	AcknowledgeConflict(ctx context.Context, decisionID string) error
}

// refreshConflicts shows the Conflicts button with the count, or hides it.
func (w *Window) refreshConflicts() {
	if w.net == nil || w.cfg.Conflicts == nil {
		return
	}
	ctx, cancel := w.call()
	defer cancel()
	cs, err := w.cfg.Conflicts.Conflicts(ctx)
	if err != nil {
		w.fail("conflicts", err)
		return
	}
	if len(cs) == 0 {
		w.net.conflicts.Hide()
		return
	}
	w.net.conflicts.SetText(fmt.Sprintf("Conflicts (%d)", len(cs)))
	w.net.conflicts.Show()
}

// ShowConflicts opens the Conflicts view: each decision the server did not
// apply, why, and the story's state on the server.
func (w *Window) ShowConflicts() {
	if w.cfg.Conflicts == nil {
		return
	}
	ctx, cancel := w.call()
	cs, err := w.cfg.Conflicts.Conflicts(ctx)
	cancel()
	if err != nil {
		w.fail("conflicts", err)
		return
	}
	list := container.NewVBox()
	intro := widget.NewLabel("The queue server did not apply these decisions: someone else had the story, or it had changed. " +
		"Your decision stays in your history but is not published. Read each one, then mark it as read.")
	intro.Wrapping = fyne.TextWrapWord
	var fill func()
	fill = func() {
		list.RemoveAll()
		if len(cs) == 0 {
			list.Add(widget.NewLabel("No conflicts."))
		}
		for i, c := range cs {
			card := w.conflictCard(c, func() {
				ctx, cancel := w.call()
				defer cancel()
				if err := w.cfg.Conflicts.AcknowledgeConflict(ctx, c.DecisionID); err != nil {
					w.fail("acknowledge conflict", err)
					return
				}
				w.event("conflict-acknowledged", "decision", c.DecisionID)
				cs = append(cs[:i:i], cs[i+1:]...)
				w.refreshConflicts()
				w.refreshCounts()
				fill()
			})
			list.Add(card)
		}
		list.Refresh()
	}
	fill()
	content := container.NewBorder(intro, nil, nil, nil, container.NewVScroll(list))
	d := dialog.NewCustom("Conflicts", "Close", content, w.win)
	d.Resize(fyne.NewSize(760, 540))
	d.Show()
	if w.net != nil {
		w.net.conflictList = list
	}
}

// conflictCard explains one conflict.
func (w *Window) conflictCard(c Conflict, ack func()) fyne.CanvasObject {
	title := string(c.StoryID)
	ctx, cancel := w.call()
	if st, err := w.cfg.Store.Story(ctx, c.StoryID); err == nil && st.Title != "" {
		title = "“" + st.Title + "” (" + string(c.StoryID) + ")"
	}
	cancel()
	head := widget.NewLabelWithStyle(title, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	head.Wrapping = fyne.TextWrapWord
	body := widget.NewLabel(ConflictText(c, w.cfg.Now()))
	body.Wrapping = fyne.TextWrapWord
	btn := widget.NewButton("Mark as read", ack)
	return container.NewVBox(head, body, container.NewHBox(btn), widget.NewSeparator())
}

// ConflictText explains a conflict in plain words: your decision, why the
// server refused it, and where the story stood there when it answered
// (now tells whether a lease named there has run out since).
func ConflictText(c Conflict, now time.Time) string {
	var b strings.Builder
	fmt.Fprintf(&b, "Your decision: %s", c.Action.Label())
	if c.Reason != "" {
		b.WriteString(" (" + reasonLabel(c.Reason) + ")")
	}
	if !c.DecidedAt.IsZero() {
		b.WriteString(", " + c.DecidedAt.Local().Format("2 Jan 15:04"))
	}
	b.WriteString(".\nWhy it was not applied: ")
	if c.ServerReason != "" {
		b.WriteString(c.ServerReason)
	} else {
		b.WriteString("the server gave no reason")
	}
	b.WriteString(".\nOn the server when it answered: ")
	status := c.ServerStatus
	if status == "" {
		status = "unknown"
	}
	b.WriteString("the story is " + status)
	if c.ServerVersion > 0 {
		fmt.Fprintf(&b, " (version %d)", c.ServerVersion)
	}
	if c.LeaseHolder != "" {
		b.WriteString(", held by " + c.LeaseHolder)
		if !c.LeaseExpiresAt.IsZero() {
			b.WriteString(" until " + c.LeaseExpiresAt.Local().Format("2 Jan 15:04"))
			if c.LeaseExpiresAt.Before(now) {
				b.WriteString(" (run out since)")
			}
		}
	}
	if c.LatestAction != "" {
		b.WriteString("; latest decision: " + c.LatestAction.Label())
		if c.LatestReason != "" {
			b.WriteString(" (" + reasonLabel(c.LatestReason) + ")")
		}
		if c.LatestModerator != "" {
			b.WriteString(" by " + c.LatestModerator)
		}
		if !c.LatestAt.IsZero() {
			b.WriteString(", " + c.LatestAt.Local().Format("2 Jan 15:04"))
		}
	}
	b.WriteString(".")
	return b.String()
}
