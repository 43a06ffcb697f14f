package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"

	"github.com/storydesk/storydesk/moderation/server"
)

func runExport(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("export", flag.ContinueOnError)
	fs.SetOutput(stderr)
	db := fs.String("db", defaultDB, "server database: SQLite file or postgres:// URL")
	after := fs.String("after", "", "cursor of the last decision already exported (\"\": from the start)")
	if err := fs.Parse(args); err != nil {
		return flagErr(err)
	}
	seq, err := server.ParseCursor(*after)
	if err != nil {
		return fmt.Errorf("export: --after: %w", err)
	}
	store, err := openExisting(ctx, *db)
	if err != nil {
		return err
	}
	defer store.Close()
	enc := json.NewEncoder(stdout)
	enc.SetEscapeHTML(false)
	next, n := *after, 0
	for {
		items, err := store.History(ctx, server.HistoryFilter{After: seq, Limit: 1000})
		if err != nil {
			return fmt.Errorf("export: %w", err)
		}
		if len(items) == 0 {
			break
		}
		for _, it := range items {
			if err := enc.Encode(it); err != nil {
				return fmt.Errorf("export: %w", err)
			}
		}
		n += len(items)
		next = items[len(items)-1].Cursor
		if seq, err = server.ParseCursor(next); err != nil {
			return err
		}
	}
	fmt.Fprintf(stderr, "exported %d decisions; next time use --after %q\n", n, next)
	return nil
}
