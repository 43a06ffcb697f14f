// Package history is the supervisor's view of decisions, as pure
// functions over decisions and their stories: filters and sorting for the
// history table, the escalation queue, overrides, per-moderator weekly
// figures, the original-versus-published diff and CSV export. It imports
// only the standard library, moderation and moderation/training (for
// Median).
package history

import (
	"cmp"
	"slices"
	"strings"
	"time"

	"github.com/storydesk/storydesk/moderation"
)

// Entry is one decision with the story it was made on. Story may be nil
// when the story is not known locally (the table then shows the published
// title).
type Entry struct {
	Decision moderation.Decision
	Story    *moderation.Story
}

// Title is the story's title, or the published one when the story is unknown.
func (e Entry) Title() string {
	if e.Story != nil && e.Story.Title != "" {
		return e.Story.Title
	}
	return e.Decision.PublishedTitle
}

// Service is the service the story is about, "" if unknown.
func (e Entry) Service() string {
	if e.Story == nil {
		return ""
	}
	return e.Story.Service
}

// Flags are the spans the app showed on the story: detected by rules or
// suggested by AI, not marked by a moderator.
func (e Entry) Flags() []moderation.Span {
	if e.Story == nil {
		return nil
	}
	var out []moderation.Span
	for _, s := range e.Story.Spans {
		if s.Source != moderation.SourceModerator {
			out = append(out, s)
		}
	}
	return out
}

// FlagKinds lists the distinct kinds among the flags, in display order.
func (e Entry) FlagKinds() []moderation.Kind {
	seen := map[moderation.Kind]bool{}
	for _, s := range e.Flags() {
		seen[s.Kind] = true
	}
	var out []moderation.Kind
	for _, k := range moderation.Kinds {
		if seen[k] {
			out = append(out, k)
		}
	}
	return out
}

// Accepted reports whether the decision acted on flag s: an identifying or
// abusive flag is accepted when a redaction of its group overlaps it; a
// safeguarding flag when the story was escalated or held.
func (e Entry) Accepted(s moderation.Span) bool {
	if s.Kind == moderation.Safeguarding {
		return e.Decision.Action == moderation.Escalate || e.Decision.Action == moderation.Hold
	}
	for _, r := range e.Decision.Redactions {
		if r.Kind.Group() == s.Kind.Group() && r.Start < s.End && s.Start < r.End {
			return true
		}
	}
	return false
}

// Filter selects history entries; zero fields match everything.
type Filter struct {
	Moderator string            // exact, any case
	Action    moderation.Action // exact
	Reason    moderation.Reason // exact
	Kind      moderation.Kind   // the story was flagged with this kind
	Since     time.Time         // decided at or after
	Until     time.Time         // decided before
	Service   string            // substring of the service, any case
	Text      string            // substring of the title or published title, any case
}

// Match reports whether e passes the filter.
func (f Filter) Match(e Entry) bool {
	d := e.Decision
	switch {
	case f.Moderator != "" && !strings.EqualFold(strings.TrimSpace(f.Moderator), d.Moderator):
		return false
	case f.Action != "" && d.Action != f.Action:
		return false
	case f.Reason != "" && d.Reason != f.Reason:
		return false
	case !f.Since.IsZero() && d.DecidedAt.Before(f.Since):
		return false
	case !f.Until.IsZero() && !d.DecidedAt.Before(f.Until):
		return false
	case f.Service != "" && !containsFold(e.Service(), f.Service):
		return false
	case f.Text != "" && !containsFold(e.Title(), f.Text) && !containsFold(d.PublishedTitle, f.Text):
		return false
	case f.Kind != "" && !slices.Contains(e.FlagKinds(), f.Kind):
		return false
	}
	return true
}

func containsFold(s, sub string) bool {
	return strings.Contains(strings.ToLower(s), strings.ToLower(strings.TrimSpace(sub)))
}

// Apply returns the entries that pass f, in their order.
func Apply(entries []Entry, f Filter) []Entry {
	var out []Entry
	for _, e := range entries {
		if f.Match(e) {
			out = append(out, e)
		}
	}
	return out
}

// Column is a sortable column of the history table.
type Column int

// Columns of the history table, in display order.
const (
	ColDate Column = iota
	ColModerator
	ColAction
	ColReason
	ColService
	ColTitle
	ColFlags
)

// Columns lists the table's columns; Name gives their headers.
var Columns = []Column{ColDate, ColModerator, ColAction, ColReason, ColService, ColTitle, ColFlags}

// Name is the column header.
func (c Column) Name() string {
	return [...]string{"Date", "Moderator", "Action", "Reason", "Service", "Title", "Flags"}[c]
}

// Sort orders entries by column c (descending if desc); ties keep the
// newest decision first.
func Sort(entries []Entry, c Column, desc bool) {
	slices.SortStableFunc(entries, func(a, b Entry) int {
		var r int
		switch c {
		case ColDate:
			r = a.Decision.DecidedAt.Compare(b.Decision.DecidedAt)
		case ColModerator:
			r = cmp.Compare(strings.ToLower(a.Decision.Moderator), strings.ToLower(b.Decision.Moderator))
		case ColAction:
			r = cmp.Compare(a.Decision.Action, b.Decision.Action)
		case ColReason:
			r = cmp.Compare(a.Decision.Reason, b.Decision.Reason)
		case ColService:
			r = cmp.Compare(strings.ToLower(a.Service()), strings.ToLower(b.Service()))
		case ColTitle:
			r = cmp.Compare(strings.ToLower(a.Title()), strings.ToLower(b.Title()))
		case ColFlags:
			r = cmp.Compare(len(a.Flags()), len(b.Flags()))
		}
		if desc {
			r = -r
		}
		if r == 0 {
			r = b.Decision.DecidedAt.Compare(a.Decision.DecidedAt)
		}
		return r
	})
}

// Moderators lists the distinct moderators in entries, sorted.
func Moderators(entries []Entry) []string {
	var out []string
	for _, e := range entries {
		if m := e.Decision.Moderator; m != "" && !slices.Contains(out, m) {
			out = append(out, m)
		}
	}
	slices.Sort(out)
	return out
}

// Thread returns every decision on story id, oldest first. An override
// (Supersedes set) follows the decision it replaces even when clocks
// disagree.
func Thread(entries []Entry, id moderation.StoryID) []Entry {
	var out []Entry
	for _, e := range entries {
		if e.Decision.StoryID == id {
			out = append(out, e)
		}
	}
	slices.SortStableFunc(out, func(a, b Entry) int { return a.Decision.DecidedAt.Compare(b.Decision.DecidedAt) })
	return out
}

// Later returns the decisions on the same story made after d (by time, or
// because they supersede it), oldest first.
func Later(entries []Entry, d moderation.Decision) []Entry {
	var out []Entry
	for _, e := range Thread(entries, d.StoryID) {
		x := e.Decision
		if x.ID != d.ID && (x.DecidedAt.After(d.DecidedAt) || x.Supersedes == d.ID) {
			out = append(out, e)
		}
	}
	return out
}

// SupersededBy maps each overridden decision's id to the id of the
// decision that overrides it.
func SupersededBy(entries []Entry) map[string]string {
	m := map[string]string{}
	for _, e := range entries {
		if s := e.Decision.Supersedes; s != "" {
			m[s] = e.Decision.ID
		}
	}
	return m
}

// Current returns the decision in force for each story: the latest one
// not superseded by another. Stories are in order of their first entry.
func Current(entries []Entry) []Entry {
	over := SupersededBy(entries)
	idx := map[moderation.StoryID]int{}
	var out []Entry
	for _, e := range entries {
		if _, gone := over[e.Decision.ID]; gone {
			continue
		}
		i, ok := idx[e.Decision.StoryID]
		if !ok {
			idx[e.Decision.StoryID] = len(out)
			out = append(out, e)
			continue
		}
		if e.Decision.DecidedAt.After(out[i].Decision.DecidedAt) {
			out[i] = e
		}
	}
	return out
}

// Escalations is the supervisor's queue: stories whose decision in force
// is escalate or hold. Safeguarding stories come first, then the oldest.
func Escalations(entries []Entry) []Entry {
	var out []Entry
	for _, e := range Current(entries) {
		if a := e.Decision.Action; a == moderation.Escalate || a == moderation.Hold {
			out = append(out, e)
		}
	}
	slices.SortStableFunc(out, func(a, b Entry) int {
		sa, sb := safeguarding(a), safeguarding(b)
		if sa != sb {
			if sa {
				return -1
			}
			return 1
		}
		return a.Decision.DecidedAt.Compare(b.Decision.DecidedAt)
	})
	return out
}

func safeguarding(e Entry) bool {
	return e.Decision.Reason == moderation.ReasonSafeguardingAbuse ||
		e.Decision.Reason == moderation.ReasonSafeguardingSelfHarm ||
		e.Decision.Reason == moderation.ReasonThreatOfViolence ||
		(e.Story != nil && e.Story.Safeguarding())
}

// Override prepares a supervisor's decision that supersedes prev: a fresh
// id, the same story, lease and version, and Supersedes set. The caller
// fills action, reason, note (required) and redactions, then validates.
func Override(prev moderation.Decision, id, supervisor string, at time.Time) moderation.Decision {
	return moderation.Decision{
		ID: id, StoryID: prev.StoryID, LeaseID: prev.LeaseID, StoryVersion: prev.StoryVersion,
		Moderator: supervisor, DecidedAt: at, Supersedes: prev.ID,
	}
}
