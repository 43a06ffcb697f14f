package detect_test

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/storydesk/storydesk/moderation/detect"
)

var update = flag.Bool("update", false, "rewrite testdata goldens")

// TestIdentityGolden runs the identifying rules over synthetic stories and
// compares kind, text, confidence and reason of every span with
// testdata/identity_stories.golden (rewrite with -update, then review the
// diff).
func TestIdentityGolden(t *testing.T) {
	raw, err := os.ReadFile(filepath.Join("testdata", "identity_stories.txt"))
	if err != nil {
		t.Fatal(err)
	}
	var lines []string
	for line := range strings.Lines(string(raw)) {
		if !strings.HasPrefix(line, "#") {
			lines = append(lines, line)
		}
	}
	e := detect.NewIdentity()
	var b strings.Builder
	for i, story := range strings.Split(strings.Join(lines, ""), "---\n") {
		story = strings.TrimSpace(story)
		fmt.Fprintf(&b, "story %d\n", i+1)
		for _, s := range e.Detect(story) {
			fmt.Fprintf(&b, "  %-15s %-32q %.2f  %s\n", s.Kind, story[s.Start:s.End], s.Confidence, s.Reason)
		}
	}
	golden := filepath.Join("testdata", "identity_stories.golden")
	if *update {
		if err := os.WriteFile(golden, []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test -run IdentityGolden -update to create it)", err)
	}
	if got := b.String(); got != string(want) {
		t.Errorf("identity spans differ from %s (rerun with -update and review the diff):\ngot:\n%s\nwant:\n%s", golden, got, want)
	}
}
