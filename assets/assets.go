// Package assets holds StoryDesk's embedded data files: the app icon
// (icon.png), the demo queue (demo/stories.jsonl), the name gazetteers
// (names/) and the training packs (training/). It imports nothing from
// StoryDesk but the domain core, so any package may use it.
package assets
