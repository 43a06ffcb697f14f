package main

import (
	"context"
	"errors"
	"io"
)

// runSync is being written (see the open issues); it fails plainly until then.
func runSync(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	return errors.New("sync: not built yet")
}
