//go:build !unix && !windows

package sqlite

import "os"

// lockFile has no file locks to use here (plan9, wasm): syncs are not
// kept apart.
func lockFile(*os.File) error { return nil }

func unlockFile(*os.File) {}
