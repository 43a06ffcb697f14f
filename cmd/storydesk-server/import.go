package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/storydesk/storydesk/moderation"
	"github.com/storydesk/storydesk/moderation/server"
	storysync "github.com/storydesk/storydesk/moderation/sync"
)

// importRecord is one line of an import file: the record format of the
// stories-dev benchmark (its gold fields are ignored) plus optional service
// details.
type importRecord struct {
	ID          *string `json:"id"`
	Title       *string `json:"title"`
	Body        *string `json:"body"`
	Service     string  `json:"service"`
	ServiceType string  `json:"service_type"`
	SubmittedAt string  `json:"submitted_at"`
	AuthorRole  string  `json:"author_role"`
}

func runImport(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("import", flag.ContinueOnError)
	fs.SetOutput(stderr)
	db := fs.String("db", defaultDB, "server database: SQLite file or postgres:// URL")
	if err := fs.Parse(args); err != nil {
		return flagErr(err)
	}
	if fs.NArg() != 1 {
		fmt.Fprint(stderr, "usage: storydesk-server import --db FILE STORIES.jsonl\n")
		return errUsage
	}
	path := fs.Arg(0)
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("import: %w", err)
	}
	defer f.Close()
	stories, lines, err := readImport(f, path)
	if err != nil {
		return fmt.Errorf("import: %w (nothing imported)", err)
	}
	store, err := openStore(ctx, *db)
	if err != nil {
		return err
	}
	defer store.Close()
	n, err := store.AddStories(ctx, stories)
	if err != nil {
		if i := server.ItemOf(err); i >= 0 {
			var ie *server.ItemError
			errors.As(err, &ie)
			return fmt.Errorf("import: %s:%d: %w (nothing imported)", path, lines[i], ie.Err)
		}
		return fmt.Errorf("import: %w (nothing imported)", err)
	}
	fmt.Fprintf(stdout, "imported %d pending stories from %s\n", n, path)
	return nil
}

// readImport parses a JSONL file of stories; lines[i] is the line number
// of stories[i]. The first bad line fails the whole file.
func readImport(r io.Reader, name string) (stories []storysync.Story, lines []int, err error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64<<10), 16<<20)
	line := 0
	for sc.Scan() {
		line++
		raw := bytes.TrimSpace(sc.Bytes())
		if len(raw) == 0 {
			continue
		}
		st, err := parseRecord(raw)
		if err != nil {
			return nil, nil, fmt.Errorf("%s:%d: %w", name, line, err)
		}
		stories = append(stories, st)
		lines = append(lines, line)
	}
	if err := sc.Err(); err != nil {
		return nil, nil, fmt.Errorf("%s:%d: %w", name, line+1, err)
	}
	if len(stories) == 0 {
		return nil, nil, fmt.Errorf("%s: no stories", name)
	}
	if err := server.ValidateStories(stories); err != nil {
		var ie *server.ItemError
		if errors.As(err, &ie) {
			return nil, nil, fmt.Errorf("%s:%d: %w", name, lines[ie.Item], ie.Err)
		}
		return nil, nil, err
	}
	return stories, lines, nil
}

func parseRecord(raw []byte) (storysync.Story, error) {
	if !utf8.Valid(raw) {
		return storysync.Story{}, moderation.Invalidf("line", "not valid UTF-8")
	}
	var rec importRecord
	if err := json.Unmarshal(raw, &rec); err != nil {
		var te *json.UnmarshalTypeError
		if errors.As(err, &te) {
			return storysync.Story{}, moderation.Invalidf(te.Field, "wrong type: want %s", te.Type)
		}
		return storysync.Story{}, moderation.Invalidf("line", "invalid JSON: %v", err)
	}
	switch {
	case rec.ID == nil || strings.TrimSpace(*rec.ID) == "":
		return storysync.Story{}, moderation.Invalidf("id", "missing")
	case rec.Title == nil:
		return storysync.Story{}, moderation.Invalidf("title", "missing")
	case rec.Body == nil || strings.TrimSpace(*rec.Body) == "":
		return storysync.Story{}, moderation.Invalidf("body", "missing")
	}
	st := storysync.Story{ID: *rec.ID, Title: *rec.Title, Body: *rec.Body, Service: rec.Service,
		ServiceType: rec.ServiceType, AuthorRole: rec.AuthorRole}
	if rec.SubmittedAt != "" {
		t, err := time.Parse(time.RFC3339, rec.SubmittedAt)
		if err != nil {
			if t, err = time.Parse(time.DateOnly, rec.SubmittedAt); err != nil {
				return storysync.Story{}, moderation.Invalidf("submitted_at", "%q is not an RFC 3339 time or a date", rec.SubmittedAt)
			}
		}
		st.SubmittedAt = &t
	}
	return st, nil
}
