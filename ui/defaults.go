package ui

import (
	"log/slog"
	"time"

	"github.com/google/uuid"
)

// defaultTimeout bounds one store call from a screen when its config sets none.
const defaultTimeout = 10 * time.Second

// fillDefaults fills the optional settings every screen's config shares
// (clock, id maker, per-call timeout) and returns the logger to use: the
// given one, or one that discards.
func fillDefaults(now *func() time.Time, newID *func() string, timeout *time.Duration, logger *slog.Logger) *slog.Logger {
	if *now == nil {
		*now = time.Now
	}
	if *newID == nil {
		*newID = uuid.NewString
	}
	if *timeout == 0 {
		*timeout = defaultTimeout
	}
	if logger == nil {
		return slog.New(slog.DiscardHandler)
	}
	return logger
}
