// Package ui holds StoryDesk's Fyne screens and widgets: the review window
// (queue, highlighted story, published preview, decision bar, status bar)
// and the StoryView widget that draws spans inline on wrapped text.
//
// The package never imports fyne.io/fyne/v2/app, SQL or HTTP: cmd/storydesk
// builds the app, the window and the store and passes them in (see Config),
// so the tests run on Fyne's headless test driver without cgo.
package ui

import (
	"context"

	"github.com/storydesk/storydesk/moderation"
)

// Tab is one of the queue lists.
type Tab int

// Queue tabs.
const (
	TabPending   Tab = iota // stories waiting for a decision
	TabDone                 // decided locally, newest first
	TabEscalated            // escalated or held
)

// Tabs lists the tabs in display order.
var Tabs = []Tab{TabPending, TabDone, TabEscalated}

// Label is the tab's button text.
func (t Tab) Label() string {
	switch t {
	case TabPending:
		return "Pending"
	case TabDone:
		return "Done"
	case TabEscalated:
		return "Escalated"
	}
	return "?"
}

// Store is what the review window needs from the local store.
// cmd/storydesk adapts *sqlite.Store to it.
type Store interface {
	// List returns a tab's stories in queue order; search filters by
	// title, service or id ("" for all).
	List(ctx context.Context, tab Tab, search string) ([]moderation.QueueItem, error)
	// Story returns one story with its spans.
	Story(ctx context.Context, id moderation.StoryID) (*moderation.Story, error)
	// SetSpans stores the moderator's toggles and additions.
	SetSpans(ctx context.Context, id moderation.StoryID, spans []moderation.Span) error
	// Decide records a decision and its outbox entry.
	Decide(ctx context.Context, d moderation.Decision) error
	// Undo takes back the latest unpushed decision and names its story
	// (ENOTFOUND when there is none).
	Undo(ctx context.Context) (moderation.StoryID, error)
	// Counts are the status bar figures.
	Counts(ctx context.Context) (moderation.Counts, error)
}
