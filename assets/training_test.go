package assets_test

import (
	"bytes"
	"errors"
	"io/fs"
	"testing"

	"github.com/storydesk/storydesk/assets"
	"github.com/storydesk/storydesk/moderation/training"
)

// Every embedded pack must load: the trainer's screen offers them all.
func TestTrainingPacksParse(t *testing.T) {
	names := assets.TrainingPacks()
	if len(names) == 0 {
		t.Fatal("no embedded training packs")
	}
	for _, name := range names {
		b, err := assets.TrainingPack(name)
		if err != nil {
			t.Fatalf("TrainingPack(%s): %v", name, err)
		}
		p, err := training.ParsePack(name, bytes.NewReader(b))
		if err != nil {
			t.Errorf("ParsePack(%s): %v", name, err)
			continue
		}
		t.Logf("%s: %d cases", name, len(p.Cases))
	}
	if _, err := assets.TrainingPack("nope.jsonl"); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("TrainingPack(nope.jsonl) err = %v; want fs.ErrNotExist", err)
	}
}
