package sqlite

import (
	"errors"
	"fmt"
	"os"

	"github.com/storydesk/storydesk/moderation"
)

// LockSync takes the database's sync lock, which a process holds while it
// exchanges stories and decisions with the queue server: the leases and
// claims a sync keeps in the state table are read, changed and written
// back around network calls, so two syncs at once (the app and
// `storydesk sync`, or two windows on one file) would lose each other's
// changes. The lock is an advisory lock on the file path + ".sync-lock"
// (made 0600, never removed); the system drops it when the process dies.
// It does not wait: when another process (or another Store on the same
// file) holds it, LockSync fails with ECONFLICT. unlock gives it back.
func (s *Store) LockSync() (unlock func(), err error) {
	path := s.path + ".sync-lock"
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return nil, fmt.Errorf("sync lock %s: %w", path, err)
	}
	if err := lockFile(f); err != nil {
		f.Close()
		if errors.Is(err, errLocked) {
			return nil, moderation.Errorf(moderation.ECONFLICT, "another StoryDesk is syncing this database (%s); try again when it has finished", s.path)
		}
		return nil, fmt.Errorf("sync lock %s: %w", path, err)
	}
	return func() {
		unlockFile(f)
		f.Close()
	}, nil
}

// errLocked is what lockFile returns when another holder has the lock.
var errLocked = errors.New("locked by another process")
