package sqlite

import (
	"context"
	"os"
	"testing"

	"github.com/storydesk/storydesk/moderation"
)

// Two stores on one file (as two processes would be) cannot sync at once.
func TestLockSync(t *testing.T) {
	a := openTest(t, Options{})
	b, err := Open(context.Background(), a.path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	unlock, err := a.LockSync()
	if err != nil {
		t.Fatalf("first LockSync: %v", err)
	}
	if _, err := b.LockSync(); moderation.ErrorCode(err) != moderation.ECONFLICT {
		t.Fatalf("LockSync while another holds it = %v; want ECONFLICT", err)
	}
	unlock()
	unlock2, err := b.LockSync()
	if err != nil {
		t.Fatalf("LockSync after unlock: %v", err)
	}
	unlock2()
	if fi, err := os.Stat(a.path + ".sync-lock"); err != nil || fi.Mode().Perm() != 0o600 {
		t.Errorf("lock file: %v, %v; want mode 0600", fi.Mode(), err)
	}
}
