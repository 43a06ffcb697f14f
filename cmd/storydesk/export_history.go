package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/storydesk/storydesk/moderation"
	"github.com/storydesk/storydesk/moderation/history"
	"github.com/storydesk/storydesk/moderation/sqlite"
)

const exportHistoryUsage = `usage: storydesk export-history [flags] [FILE]

Writes the decision history (local decisions and the cached server history)
as CSV to FILE, or to stdout. Filters combine; dates are YYYY-MM-DD (UTC),
--until is exclusive.

`

// runExportHistory writes the filtered decision history (or, with
// --figures, the per-moderator weekly figures) as CSV.
func runExportHistory(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("export-history", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() { fmt.Fprint(stderr, exportHistoryUsage); fs.PrintDefaults() }
	db := fs.String("db", "", "database file (default $"+sqlite.EnvPath+" or the user config directory)")
	mod := fs.String("moderator", "", "only this moderator's decisions")
	action := fs.String("action", "", "only this action (publish, publish_with_changes, reject, escalate, hold)")
	reason := fs.String("reason", "", "only this reason code")
	kind := fs.String("kind", "", "only stories flagged with this kind (PERSON, PHONE, ...)")
	since := fs.String("since", "", "decided on or after this date")
	until := fs.String("until", "", "decided before this date")
	service := fs.String("service", "", "service name contains this text")
	text := fs.String("text", "", "title contains this text")
	figures := fs.Bool("figures", false, "write per-moderator weekly figures instead of decisions")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return nil
		}
		return errUsage
	}
	if fs.NArg() > 1 {
		fmt.Fprintf(stderr, "export-history: at most one FILE, got %d arguments\n", fs.NArg())
		return errUsage
	}
	f := history.Filter{Moderator: *mod, Service: *service, Text: *text,
		Action: moderation.Action(*action), Reason: moderation.Reason(*reason)}
	if f.Action != "" && moderation.ReasonsFor(f.Action) == nil && f.Action != moderation.Publish {
		return moderation.Invalidf("action", "unknown action %q", *action)
	}
	if *kind != "" {
		k, err := moderation.ParseKind(*kind)
		if err != nil {
			return moderation.Invalidf("kind", "unknown kind %q", *kind)
		}
		f.Kind = k
	}
	var err error
	if f.Since, err = parseDay("since", *since); err != nil {
		return err
	}
	if f.Until, err = parseDay("until", *until); err != nil {
		return err
	}

	path := *db
	if path == "" {
		if path, err = sqlite.DefaultPath(); err != nil {
			return err
		}
	}
	if _, err := os.Stat(path); err != nil {
		// do not create an empty database just to export nothing
		return moderation.Errorf(moderation.ENOTFOUND, "database %s: %v", path, err)
	}
	st, err := sqlite.Open(ctx, path, sqlite.Options{})
	if err != nil {
		return err
	}
	defer st.Close()
	entries, err := loadHistory(ctx, st, sqlite.HistoryFilter{Moderator: f.Moderator, Action: f.Action, Since: f.Since, Until: f.Until})
	if err != nil {
		return err
	}
	entries = history.Apply(entries, f)
	history.Sort(entries, history.ColDate, true)

	out := stdout
	var file *os.File
	if fs.NArg() == 1 {
		// write beside the target and rename, so a failed export never
		// leaves a half-written file under the requested name
		name := fs.Arg(0)
		file, err = os.CreateTemp(filepath.Dir(name), ".export-*.csv")
		if err != nil {
			return fmt.Errorf("export history: %w", err)
		}
		defer os.Remove(file.Name())
		out = file
	}
	if *figures {
		err = history.WriteFiguresCSV(out, history.Figures(entries))
	} else {
		err = history.WriteCSV(out, entries)
	}
	if err != nil {
		if file != nil {
			file.Close()
		}
		return fmt.Errorf("export history: %w", err)
	}
	if file != nil {
		if err := file.Close(); err != nil {
			return fmt.Errorf("export history: %w", err)
		}
		if err := os.Rename(file.Name(), fs.Arg(0)); err != nil {
			return fmt.Errorf("export history: %w", err)
		}
		fmt.Fprintf(stderr, "export-history: %d rows written to %s\n", len(entries), fs.Arg(0))
	}
	return nil
}

func parseDay(field, s string) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	t, err := time.Parse("2006-01-02", strings.TrimSpace(s))
	if err != nil {
		return time.Time{}, moderation.Invalidf(field, "%q is not a date (YYYY-MM-DD)", s)
	}
	return t, nil
}

// historyStore is what loadHistory reads; *sqlite.Store implements it.
type historyStore interface {
	History(ctx context.Context, f sqlite.HistoryFilter) ([]moderation.Decision, error)
	CachedHistory(ctx context.Context, f sqlite.HistoryFilter) ([]moderation.Decision, error)
	StoriesByID(ctx context.Context, ids []moderation.StoryID) (map[moderation.StoryID]*moderation.Story, error)
}

// loadHistory merges local decisions with the cached server history (a
// decision id present in both counts once) and attaches each decision's
// story when it is stored locally, read in one batch rather than a query
// per decision. The app's supervisor screens use it too.
func loadHistory(ctx context.Context, st historyStore, f sqlite.HistoryFilter) ([]history.Entry, error) {
	local, err := st.History(ctx, f)
	if err != nil {
		return nil, err
	}
	cached, err := st.CachedHistory(ctx, f)
	if err != nil {
		return nil, err
	}
	all := append(local, cached...) // local first: it is the full record
	ids := make([]moderation.StoryID, len(all))
	for i, d := range all {
		ids[i] = d.StoryID
	}
	stories, err := st.StoriesByID(ctx, ids)
	if err != nil {
		return nil, err
	}
	seen := map[string]bool{}
	var out []history.Entry
	for _, d := range all {
		if seen[d.ID] {
			continue
		}
		seen[d.ID] = true
		out = append(out, history.Entry{Decision: d, Story: stories[d.StoryID]})
	}
	return out, nil
}
