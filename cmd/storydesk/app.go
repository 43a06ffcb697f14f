package main

import (
	"context"
	"errors"
	"io"
)

// runApp is being written (see the open issues); it fails plainly until then.
func runApp(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	return errors.New("app: not built yet")
}
