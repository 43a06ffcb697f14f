package ai

// Log attribute keys. Logs carry IDs, counts, codes and durations only:
// never story text, quotes, prompts, replies, error bodies or the API key.
const (
	keyStory    = "story"
	keyModel    = "model"
	keyHost     = "host"
	keyMode     = "mode"
	keyStatus   = "http_status"
	keyOutcome  = "outcome"
	keyDuration = "duration"
	keyWait     = "retry_wait"
	keySpans    = "spans"
	keyDropped  = "dropped"
	keyCached   = "cached"
	keyErrClass = "error_class"
	keyFinish   = "finish_reason"

	keyUnaligned   = "unaligned"
	keyUnknownKind = "unknown_kind"
)
