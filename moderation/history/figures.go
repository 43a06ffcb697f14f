package history

import (
	"slices"
	"strings"
	"time"

	"github.com/storydesk/storydesk/moderation"
	"github.com/storydesk/storydesk/moderation/training"
)

// MaxGap is the longest pause between two decisions of one moderator that
// still counts as time spent on the second story; a longer one is a break.
const MaxGap = 20 * time.Minute

// Figure is one moderator's work in one week.
type Figure struct {
	Moderator string
	Week      time.Time // Monday 00:00 UTC starting the week
	Decided   int
	Actions   map[moderation.Action]int
	// MedianTime is the median time per story, from the gaps between a
	// moderator's consecutive decisions (at most MaxGap; the first decision
	// of a sitting has no time). Timed counts the gaps used.
	MedianTime time.Duration
	Timed      int
	Shown      int // flags shown on the decided stories
	Accepted   int // flags acted on (redacted, or escalated/held for safeguarding)
	Dismissed  int // flags shown and not acted on
}

// Share is the fraction of the week's decisions that took action a.
func (f Figure) Share(a moderation.Action) float64 {
	if f.Decided == 0 {
		return 0
	}
	return float64(f.Actions[a]) / float64(f.Decided)
}

// WeekOf returns the Monday 00:00 UTC of t's ISO week.
func WeekOf(t time.Time) time.Time {
	t = t.UTC()
	d := (int(t.Weekday()) + 6) % 7 // Monday = 0
	y, m, day := t.Date()
	return time.Date(y, m, day-d, 0, 0, 0, 0, time.UTC)
}

// Figures computes per-moderator, per-week figures over entries, sorted by
// moderator and then week.
func Figures(entries []Entry) []Figure {
	byMod := map[string][]Entry{}
	for _, e := range entries {
		byMod[e.Decision.Moderator] = append(byMod[e.Decision.Moderator], e)
	}
	var out []Figure
	for mod, es := range byMod {
		slices.SortStableFunc(es, func(a, b Entry) int { return a.Decision.DecidedAt.Compare(b.Decision.DecidedAt) })
		weeks := map[time.Time]*Figure{}
		gaps := map[time.Time][]time.Duration{}
		for i, e := range es {
			w := WeekOf(e.Decision.DecidedAt)
			f := weeks[w]
			if f == nil {
				f = &Figure{Moderator: mod, Week: w, Actions: map[moderation.Action]int{}}
				weeks[w] = f
			}
			f.Decided++
			f.Actions[e.Decision.Action]++
			for _, s := range e.Flags() {
				f.Shown++
				if e.Accepted(s) {
					f.Accepted++
				} else {
					f.Dismissed++
				}
			}
			if i > 0 {
				if g := e.Decision.DecidedAt.Sub(es[i-1].Decision.DecidedAt); g > 0 && g <= MaxGap {
					gaps[w] = append(gaps[w], g)
				}
			}
		}
		for w, f := range weeks {
			f.MedianTime = training.Median(gaps[w])
			f.Timed = len(gaps[w])
			out = append(out, *f)
		}
	}
	slices.SortFunc(out, func(a, b Figure) int {
		if c := strings.Compare(a.Moderator, b.Moderator); c != 0 {
			return c
		}
		return a.Week.Compare(b.Week)
	})
	return out
}
