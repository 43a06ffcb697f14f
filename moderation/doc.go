// Package moderation is StoryDesk's domain core: stories, detected spans,
// decisions and the policy codes they carry, the pure functions that build
// published text (Redact) and convert offsets, and the error codes every
// adapter translates to. It imports only the standard library.
package moderation
