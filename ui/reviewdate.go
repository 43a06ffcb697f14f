package ui

import (
	"strings"
	"time"

	"fyne.io/fyne/v2"
)

// reviewDate is the "Review on" field of a Hold: a YYYY-MM-DD entry that
// starts a week ahead and must name a future day. The moderator's Hold
// dialog and the supervisor's decision form share it.
type reviewDate struct {
	*escEntry
	now func() time.Time
}

func newReviewDate(c fyne.Canvas, now func() time.Time, onChanged func()) *reviewDate {
	r := &reviewDate{escEntry: newEscEntry(c, "YYYY-MM-DD"), now: now}
	r.reset()
	r.OnChanged = func(string) { onChanged() }
	return r
}

// reset puts the default back: a week from today.
func (r *reviewDate) reset() {
	r.SetText(r.now().AddDate(0, 0, 7).Format(time.DateOnly))
}

// day returns the review day (midnight, local) or what is wrong with it.
func (r *reviewDate) day() (time.Time, string) {
	now := r.now()
	day, err := time.ParseInLocation(time.DateOnly, strings.TrimSpace(r.Text), now.Location())
	if err != nil {
		return time.Time{}, "Give the review date as YYYY-MM-DD."
	}
	if !day.After(now) {
		return time.Time{}, "The review date must be in the future."
	}
	return day, ""
}
