package detect

import (
	"path/filepath"
	"testing"

	"github.com/storydesk/storydesk/moderation"
)

// TestHeldOut scores the whole engine on the labelled sets in
// testdata/heldout (see its README: each was written without reading the
// rules, then used to find what the rules missed, so these are floors that
// catch regressions, not honest estimates of unseen performance).
func TestHeldOut(t *testing.T) {
	floors := []struct {
		file                    string
		ident, abuse, safeguard float64 // overlap recall
		identP, abuseP          float64 // overlap precision
		cleanFlags              int
	}{
		{"set1.jsonl", 0.97, 0.95, 0.95, 0.95, 0.95, 0},
		{"set2.jsonl", 0.97, 0.95, 0.85, 0.95, 0.95, 0},
		{"set3.jsonl", 0.97, 0.95, 0.85, 0.95, 0.95, 1},
		{"set4.jsonl", 0.97, 0.95, 0.80, 0.95, 0.95, 1},
		{"set5.jsonl", 0.95, 0.95, 0.90, 0.95, 0.95, 1},
		{"set6.jsonl", 0.97, 0.95, 0.80, 0.95, 0.95, 0},
		{"set7.jsonl", 0.95, 0.95, 0.85, 0.95, 0.95, 2},
		{"set8.jsonl", 0.95, 0.95, 0.90, 0.95, 0.95, 2},
		{"set9.jsonl", 0.97, 0.80, 0.80, 0.95, 0.95, 1},
		{"set10.jsonl", 0.95, 0.90, 0.75, 0.95, 0.95, 1},
		{"set11.jsonl", 0.95, 0.90, 0.70, 0.95, 0.95, 1},
		{"set12.jsonl", 0.97, 0.85, 0.70, 0.95, 0.85, 4},
		{"set13.jsonl", 0.97, 0.85, 0.85, 0.95, 0.90, 1},
		{"set14.jsonl", 0.95, 0.85, 0.95, 0.95, 0.95, 0},
		{"set15.jsonl", 0.95, 0.95, 0.95, 0.95, 0.95, 2},
		{"set16.jsonl", 0.90, 0.80, 0.95, 0.90, 0.95, 3},
		{"set17.jsonl", 0.95, 0.80, 0.95, 0.95, 0.90, 4},
		{"set18.jsonl", 0.90, 0.90, 0.95, 0.95, 0.90, 3},
		{"set19.jsonl", 0.95, 0.95, 0.95, 0.95, 0.95, 2},
		{"set20.jsonl", 0.97, 0.90, 0.95, 0.95, 0.90, 3}, // abuse P: swear words inside a concern are their own spans (cutAroundSwearing)
		{"set21.jsonl", 0.97, 0.90, 0.95, 0.95, 0.95, 3},
		{"set22.jsonl", 0.95, 0.90, 0.90, 0.90, 0.95, 4},
		{"set23.jsonl", 0.95, 0.90, 0.90, 0.95, 0.90, 4},
		{"set24.jsonl", 0.95, 0.90, 0.85, 0.90, 0.95, 6},
		{"set25.jsonl", 0.95, 0.80, 0.90, 0.90, 0.90, 10},
		{"set26.jsonl", 0.97, 0.85, 0.85, 0.95, 0.95, 3},
		{"set27.jsonl", 0.95, 0.80, 0.85, 0.95, 0.95, 3},
		{"set28.jsonl", 0.97, 0.85, 0.85, 0.95, 0.90, 5},
		{"set29.jsonl", 0.97, 0.85, 0.85, 0.95, 0.95, 4},
		{"set30.jsonl", 0.97, 0.70, 0.90, 0.90, 0.85, 6},
		{"set31.jsonl", 0.97, 0.80, 0.90, 0.95, 0.85, 1},
		{"set32.jsonl", 0.95, 0.82, 0.90, 0.95, 0.90, 2},
		{"set33.jsonl", 0.94, 0.90, 0.90, 0.95, 0.90, 5},
		{"set34.jsonl", 0.93, 0.90, 0.88, 0.95, 0.90, 4},
		{"set35.jsonl", 0.97, 0.72, 0.90, 0.95, 0.90, 5},
		{"set36.jsonl", 0.97, 0.88, 0.90, 0.92, 0.90, 8},
		{"set37.jsonl", 0.92, 0.85, 0.78, 0.93, 0.90, 5},
		{"set38.jsonl", 0.92, 0.86, 0.88, 0.90, 0.90, 9},
		{"set39.jsonl", 0.97, 0.95, 0.93, 0.95, 0.90, 4},
		{"set40.jsonl", 0.94, 0.93, 0.90, 0.95, 0.90, 2},
		{"set41.jsonl", 0.93, 0.90, 0.95, 0.95, 0.90, 3},
		{"set42.jsonl", 0.95, 0.95, 0.92, 0.95, 0.88, 4},
		{"set43.jsonl", 0.92, 0.80, 0.95, 0.95, 0.90, 5},
		{"set44.jsonl", 0.95, 0.75, 0.80, 0.95, 0.90, 4},
		{"set45.jsonl", 0.95, 0.95, 0.85, 0.95, 0.90, 2},
		{"set46.jsonl", 0.95, 0.90, 0.75, 0.95, 0.90, 3},
		{"set47.jsonl", 0.95, 0.95, 0.90, 0.95, 0.95, 1},
		{"set48.jsonl", 0.90, 0.85, 0.85, 0.90, 0.95, 2},
		{"set49.jsonl", 0.95, 0.95, 0.85, 0.90, 0.95, 4},
		{"set50.jsonl", 0.95, 0.85, 0.85, 0.95, 0.90, 2},
		{"set51.jsonl", 0.95, 0.90, 0.85, 0.95, 0.90, 3},
		{"set52.jsonl", 0.95, 0.85, 0.85, 0.95, 0.95, 2},
		{"set53.jsonl", 0.95, 0.85, 0.90, 0.85, 0.95, 1},
		{"set54.jsonl", 0.95, 0.75, 0.85, 0.95, 0.85, 4},
		{"set55.jsonl", 0.95, 0.90, 0.92, 0.95, 0.90, 4},
		{"set56.jsonl", 0.95, 0.90, 0.92, 0.95, 0.95, 1},
		{"set57.jsonl", 0.95, 0.95, 0.95, 0.95, 0.95, 0},
		{"set58.jsonl", 0.95, 0.80, 0.90, 0.95, 0.95, 3},
		{"set59.jsonl", 0.95, 0.90, 0.85, 0.95, 0.95, 2},
		{"set60.jsonl", 0.95, 0.95, 0.95, 0.95, 0.95, 3},
		{"set61.jsonl", 0.95, 0.85, 0.90, 0.95, 0.90, 2},
		{"set62.jsonl", 0.95, 0.85, 0.85, 0.95, 0.90, 1},
		{"set63.jsonl", 0.95, 0.80, 0.80, 0.95, 0.95, 2},
		{"set64.jsonl", 0.95, 0.90, 0.90, 0.95, 0.95, 1},
		{"set65.jsonl", 0.95, 0.95, 0.85, 0.95, 0.90, 5},
		{"set66.jsonl", 0.95, 0.90, 0.90, 0.95, 0.95, 0},
		{"set67.jsonl", 0.95, 0.90, 0.90, 0.95, 0.95, 5},
		{"set68.jsonl", 0.95, 0.95, 0.85, 0.95, 0.95, 2},
		{"set69.jsonl", 0.95, 0.80, 0.80, 0.95, 0.85, 9},
		{"set70.jsonl", 0.95, 0.90, 0.75, 0.95, 0.90, 1},
		{"set71.jsonl", 0.95, 0.90, 0.70, 0.95, 0.95, 1},
		{"set72.jsonl", 0.95, 0.95, 0.80, 0.95, 0.95, 2},
		{"set73.jsonl", 0.95, 0.90, 0.90, 0.95, 0.90, 4},
		{"set74.jsonl", 0.95, 0.90, 0.80, 0.95, 0.95, 4},
		{"set75.jsonl", 0.95, 0.90, 0.90, 0.95, 0.95, 4},
		{"set76.jsonl", 0.95, 0.95, 0.85, 0.95, 0.95, 2},
		{"set77.jsonl", 0.95, 0.95, 0.95, 0.95, 0.95, 4},
		{"set78.jsonl", 0.95, 0.90, 0.75, 0.95, 0.95, 1},
		{"set79.jsonl", 0.95, 0.90, 0.85, 0.95, 0.90, 8},
		{"set80.jsonl", 0.95, 0.85, 0.95, 0.90, 0.90, 5},
		{"set81.jsonl", 0.95, 0.90, 0.90, 0.95, 0.90, 8},
		{"set82.jsonl", 0.95, 0.95, 0.90, 0.95, 0.90, 6},
		{"set83.jsonl", 0.95, 0.95, 0.90, 0.95, 0.90, 2},
		{"set84.jsonl", 0.95, 0.95, 0.80, 0.95, 0.90, 6},
		{"set85.jsonl", 0.95, 0.95, 0.90, 0.95, 0.95, 7},
		{"set86.jsonl", 0.95, 0.90, 0.90, 0.95, 0.90, 11},
		{"set87.jsonl", 0.95, 0.90, 0.95, 0.90, 0.95, 7},
		{"set88.jsonl", 0.95, 0.95, 0.90, 0.95, 0.95, 0},
		{"set89.jsonl", 0.95, 0.95, 0.90, 0.95, 0.90, 3},
		{"set90.jsonl", 0.95, 0.95, 0.95, 0.95, 0.90, 3},
		{"set91.jsonl", 0.95, 0.95, 0.95, 0.95, 0.95, 3},
		{"set92.jsonl", 0.95, 0.95, 0.90, 0.95, 0.80, 0},
		{"set93.jsonl", 0.95, 0.95, 0.95, 0.90, 0.90, 8},
		{"set94.jsonl", 0.95, 0.95, 0.90, 0.95, 0.95, 3},
		{"set95.jsonl", 0.90, 0.95, 0.95, 0.90, 0.95, 2},
		{"set96.jsonl", 0.95, 0.90, 0.95, 0.95, 0.95, 3},
		{"set97.jsonl", 0.90, 0.95, 0.95, 0.95, 0.95, 7},
		{"set98.jsonl", 0.95, 0.95, 0.90, 0.85, 0.95, 7},
		{"set99.jsonl", 0.95, 0.95, 0.95, 0.85, 0.95, 6},
		{"set100.jsonl", 0.95, 0.95, 0.90, 0.95, 0.95, 3},
		{"set101.jsonl", 0.90, 0.95, 0.80, 0.90, 0.85, 10},
		{"set102.jsonl", 0.95, 0.95, 0.90, 0.95, 0.90, 0},
		{"set103.jsonl", 0.95, 0.90, 0.85, 0.95, 0.80, 6},
		{"set104.jsonl", 0.95, 0.95, 0.95, 0.95, 0.95, 3},
		{"set105.jsonl", 0.95, 0.95, 0.90, 0.90, 0.90, 7},
		{"set106.jsonl", 0.95, 0.95, 0.95, 0.90, 0.90, 2},
		{"set107.jsonl", 0.95, 0.95, 0.95, 0.95, 0.85, 6},
		{"set108.jsonl", 0.95, 0.95, 0.95, 0.95, 0.90, 7},
		{"set109.jsonl", 0.95, 0.95, 0.95, 0.95, 0.95, 0},
		{"set110.jsonl", 0.95, 0.95, 0.95, 0.95, 0.95, 4},
		{"set111.jsonl", 0.95, 0.95, 0.95, 0.95, 0.95, 2},
		{"set112.jsonl", 0.95, 0.90, 0.95, 0.95, 0.90, 1},
		{"set113.jsonl", 0.95, 0.90, 0.95, 0.95, 0.95, 3},
		{"set114.jsonl", 0.95, 0.95, 0.95, 0.95, 0.95, 3},
		{"set115.jsonl", 0.95, 0.95, 0.95, 0.95, 0.95, 1},
		{"set116.jsonl", 0.95, 0.95, 0.95, 0.95, 0.95, 1},
		{"set117.jsonl", 0.95, 0.90, 0.95, 0.95, 0.95, 1},
		{"set118.jsonl", 0.95, 0.95, 0.90, 0.95, 0.95, 0},
		{"set119.jsonl", 0.95, 0.95, 0.95, 0.95, 0.85, 1},
		{"set120.jsonl", 0.95, 0.90, 0.95, 0.90, 0.95, 2},
		{"set121.jsonl", 0.95, 0.95, 0.85, 0.95, 0.95, 9},
		{"set122.jsonl", 0.95, 0.95, 0.90, 0.95, 0.95, 2},
		{"set123.jsonl", 0.95, 0.90, 0.95, 0.95, 0.90, 1},
		{"set124.jsonl", 0.95, 0.95, 0.90, 0.95, 0.90, 7},
		{"set125.jsonl", 0.95, 0.85, 0.85, 0.95, 0.90, 6},
		{"set126.jsonl", 0.95, 0.95, 0.95, 0.95, 0.90, 1},
		{"set127.jsonl", 0.95, 0.95, 0.95, 0.95, 0.95, 4},
		{"set128.jsonl", 0.95, 0.95, 0.90, 0.95, 0.95, 2},
		{"set129.jsonl", 0.95, 0.85, 0.85, 0.95, 0.95, 0},
		{"set130.jsonl", 0.95, 0.95, 0.95, 0.95, 0.85, 2},
		{"set131.jsonl", 0.95, 0.90, 0.95, 0.95, 0.90, 0},
		{"set132.jsonl", 0.95, 0.95, 0.95, 0.95, 0.90, 1},
		{"set133.jsonl", 0.95, 0.90, 0.80, 0.95, 0.95, 1},
		{"set134.jsonl", 0.95, 0.95, 0.85, 0.95, 0.90, 2},
		{"set135.jsonl", 0.95, 0.95, 0.85, 0.90, 0.90, 1},
	}
	e := New()
	for _, f := range floors {
		t.Run(f.file, func(t *testing.T) {
			rep := scoreStories(t, loadStories(t, filepath.Join("testdata", "heldout", f.file)), e.Detect)
			id := rep.PerGroup[moderation.Identifying].Overlap
			ab := rep.PerGroup[moderation.AbuseGroup].Overlap
			sg := rep.PerGroup[moderation.SafeguardingGrp].Overlap
			t.Logf("identifying R=%.3f P=%.3f | abuse R=%.3f P=%.3f | safeguarding R=%.3f P=%.3f | clean false flags=%d",
				id.R, id.P, ab.R, ab.P, sg.R, sg.P, rep.CleanFlags)
			for _, c := range []struct {
				name      string
				got, want float64
			}{
				{"identifying recall", id.R, f.ident}, {"identifying precision", id.P, f.identP},
				{"abuse recall", ab.R, f.abuse}, {"abuse precision", ab.P, f.abuseP},
				{"safeguarding recall", sg.R, f.safeguard},
			} {
				if c.got < c.want {
					t.Errorf("%s = %.3f, want >= %.2f", c.name, c.got, c.want)
				}
			}
			if rep.CleanFlags > f.cleanFlags {
				t.Errorf("clean false flags = %d, want <= %d", rep.CleanFlags, f.cleanFlags)
			}
		})
	}
}
