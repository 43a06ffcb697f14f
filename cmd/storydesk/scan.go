package main

import (
	"context"
	"errors"
	"io"
)

// runScan is being written (see the open issues); it fails plainly until then.
func runScan(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	return errors.New("scan: not built yet")
}
