package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"
)

// runDemo loads the demo queue: into an empty database, or, with --reset,
// after deleting everything stored locally. It asks nothing and prints
// the counts.
func runDemo(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("storydesk demo", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var f appFlags
	f.register(fs)
	reset := fs.Bool("reset", false, "delete all local stories, decisions and the outbox, then load the demo queue")
	if err := fs.Parse(args); err != nil {
		return errUsage
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "storydesk demo: unexpected argument %q\nusage: storydesk demo [--reset] [--db FILE]\n", fs.Arg(0))
		return errUsage
	}
	store, err := f.openStore(ctx, slog.New(slog.DiscardHandler))
	if err != nil {
		return err
	}
	defer store.Close()
	if *reset {
		if err := store.Reset(ctx); err != nil {
			return err
		}
	}
	n, err := loadDemoIfEmpty(ctx, store)
	if err != nil {
		return err
	}
	c, err := store.Counts(ctx)
	if err != nil {
		return err
	}
	switch {
	case n > 0:
		fmt.Fprintf(stdout, "demo queue loaded into %s: %d stories\n", store.Path(), n)
	default:
		fmt.Fprintf(stdout, "%s already holds stories; use --reset to replace them with the demo queue\n", store.Path())
	}
	fmt.Fprintf(stdout, "pending %d, done %d, escalated %d, held %d, unpushed %d\n", c.Pending, c.Done, c.Escalated, c.Held, c.Unpushed)
	return nil
}
