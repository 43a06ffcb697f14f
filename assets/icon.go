package assets

import _ "embed"

//go:embed icon.png
var iconPNG []byte

// IconPNG returns the app icon, a 256×256 PNG: a page of text with one
// word highlighted and one redacted. Drawn for StoryDesk.
func IconPNG() []byte { return iconPNG }
