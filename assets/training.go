package assets

import (
	"embed"
	"io/fs"
	"path"
	"slices"
)

//go:embed training/*.jsonl
var trainingFS embed.FS

// TrainingPacks returns the file names of the embedded training packs
// (stories-dev JSONL, e.g. "basics.jsonl"), sorted. moderation/training's
// ParsePack reads them.
func TrainingPacks() []string {
	entries, _ := fs.ReadDir(trainingFS, "training") // embedded: cannot fail
	var out []string
	for _, e := range entries {
		out = append(out, e.Name())
	}
	slices.Sort(out)
	return out
}

// TrainingPack returns the bytes of the embedded pack name; an fs error
// wrapping fs.ErrNotExist for an unknown name.
func TrainingPack(name string) ([]byte, error) {
	return trainingFS.ReadFile(path.Join("training", path.Base(name)))
}
