package detect

import (
	"math/rand/v2"
	"slices"
	"strconv"
	"testing"

	"github.com/storydesk/storydesk/moderation"
)

// TestSortByStartLong checks sortByStart on lists long enough for its key
// sorts (packed keys, and spanKeys for offsets too large to pack) against
// a stable sort by start, longest first.
func TestSortByStartLong(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	for _, base := range []int{0, 1 << 24} { // the second does not pack
		for n := 64; n <= 600; n += 67 {
			spans := make([]moderation.Span, n)
			for i := range spans {
				start := base + r.IntN(n/2) // many equal starts and spans
				spans[i] = moderation.Span{Start: start, End: start + r.IntN(4), Reason: strconv.Itoa(i)}
			}
			want := slices.Clone(spans)
			slices.SortStableFunc(want, func(a, b moderation.Span) int {
				if a.Start != b.Start {
					return a.Start - b.Start
				}
				return b.End - a.End
			})
			sortByStart(spans)
			for i := range spans {
				if spans[i] != want[i] {
					t.Fatalf("base %d, n %d: span %d is %+v, want %+v", base, n, i, spans[i], want[i])
				}
			}
		}
	}
}
