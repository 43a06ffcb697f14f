package sqlite

// Log attribute keys. Logs carry ids, counts, codes and versions only,
// never story text, span text or notes.
const (
	logStory    = "story"
	logDecision = "decision"
	logAction   = "action"
	logReason   = "reason"
	logState    = "state"
	logCount    = "count"
	// batch counts
	logDropped   = "dropped"
	logUnmarked  = "unmarked"
	logSkipped   = "skipped"
	logInserted  = "inserted"
	logUpdated   = "updated"
	logKept      = "kept_decided"
	logVersion   = "version"
	logMigration = "migration"
)
