package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/url"
	"os"
	"path/filepath"
	"strings"

	"github.com/storydesk/storydesk/moderation"
	"github.com/storydesk/storydesk/moderation/detect"
	"github.com/storydesk/storydesk/moderation/sqlite"
	storysync "github.com/storydesk/storydesk/moderation/sync"
)

// envToken names the environment variable holding the queue server token.
const envToken = "STORYDESK_TOKEN"

var _ storysync.LocalStore = (*sqlite.Store)(nil)

// runSync does one round with a queue server: push the outbox, renew the
// leases still held, claim new stories.
func runSync(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("sync", flag.ContinueOnError)
	fs.SetOutput(stderr)
	serverURL := fs.String("server", os.Getenv("STORYDESK_SERVER"), "queue server `URL` (default $STORYDESK_SERVER)")
	db := fs.String("db", "", "local database `file` (default $"+sqlite.EnvPath+", else storydesk/storydesk.db in the user config directory)")
	tokenFile := fs.String("token-file", "", "file holding the token, mode 0600 (default $"+envToken+", else storydesk/token in the user config directory)")
	max := fs.Int("max", storysync.DefaultClaimMax, "stories to claim")
	insecure := fs.Bool("insecure", false, "allow plain http to a server that is not on this machine")
	moderator := fs.String("moderator", os.Getenv("USER"), "your moderator `name`, recorded on local decisions")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return nil
		}
		return errUsage
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "sync: unexpected argument %q\n", fs.Arg(0))
		return errUsage
	}
	if err := checkServerURL(*serverURL, *insecure); err != nil {
		return err
	}
	if *max < 0 {
		return moderation.Invalidf("max", "must not be negative")
	}
	token, err := readToken(*tokenFile)
	if err != nil {
		return err
	}
	path := *db
	if path == "" {
		if path, err = sqlite.DefaultPath(); err != nil {
			return err
		}
	}
	store, err := sqlite.Open(ctx, path, sqlite.Options{Detector: detect.New(), Moderator: *moderator,
		Logger: slog.New(slog.DiscardHandler)})
	if err != nil {
		return err
	}
	defer store.Close()
	s := &storysync.Syncer{Client: storysync.NewClient(*serverURL, token), Store: store, ClaimMax: *max}
	return syncRound(ctx, s, *max, stdout)
}

// syncRound runs the round and reports each step as it ends.
func syncRound(ctx context.Context, s *storysync.Syncer, max int, stdout io.Writer) error {
	push, err := s.Push(ctx)
	fmt.Fprintf(stdout, "pushed %d: %d accepted, %d duplicate, %d conflict", push.Pushed(), push.Accepted, push.Duplicate, push.Conflict)
	if push.Failed > 0 {
		fmt.Fprintf(stdout, "; %d refused, kept in the outbox", push.Failed)
	}
	fmt.Fprintln(stdout)
	if err != nil {
		return syncErr(ctx, s, err)
	}
	renewed, lost, err := s.Renew(ctx)
	if err != nil {
		return syncErr(ctx, s, err)
	}
	if renewed+lost > 0 {
		fmt.Fprintf(stdout, "renewed %d leases, %d lost\n", renewed, lost)
	}
	claimed := 0
	if max > 0 {
		if claimed, err = s.Pull(ctx); err != nil {
			return syncErr(ctx, s, err)
		}
	}
	fmt.Fprintf(stdout, "claimed %d\n", claimed)
	return nil
}

func syncErr(ctx context.Context, s *storysync.Syncer, err error) error {
	if moderation.ErrorCode(err) != moderation.EUNAVAILABLE {
		return err
	}
	left, oerr := s.Store.Outbox(ctx, 0)
	if oerr != nil {
		return err
	}
	return fmt.Errorf("%w (nothing lost: %d decisions wait in the outbox for the next sync)", err, len(left))
}

// checkServerURL wants an http(s) URL; plain http only to this machine
// unless insecure, since the token and story text travel with it.
func checkServerURL(raw string, insecure bool) error {
	if raw == "" {
		return moderation.Invalidf("server", "missing: give --server URL or set STORYDESK_SERVER")
	}
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" || (u.Scheme != "http" && u.Scheme != "https") {
		return moderation.Invalidf("server", "%q is not an http(s) URL", raw)
	}
	if u.Scheme == "http" && !insecure {
		host := u.Hostname()
		ip := net.ParseIP(host)
		if host != "localhost" && (ip == nil || !ip.IsLoopback()) {
			return moderation.Invalidf("server", "plain http to %s would send the token in clear: use https (or --insecure)", host)
		}
	}
	return nil
}

// readToken takes the token from $STORYDESK_TOKEN, else from file (by
// default storydesk/token in the user config directory), which must not be
// readable by group or others.
func readToken(file string) (string, error) {
	if t := strings.TrimSpace(os.Getenv(envToken)); t != "" && file == "" {
		return t, nil
	}
	if file == "" {
		dir, err := os.UserConfigDir()
		if err != nil {
			return "", moderation.Errorf(moderation.EINVALID, "no token: set %s or give --token-file (%v)", envToken, err)
		}
		file = filepath.Join(dir, "storydesk", "token")
	}
	fi, err := os.Stat(file)
	if errors.Is(err, os.ErrNotExist) {
		return "", moderation.Errorf(moderation.EINVALID, "no token: set %s or write it to %s (mode 0600)", envToken, file)
	} else if err != nil {
		return "", fmt.Errorf("token file: %w", err)
	}
	if fi.Mode().Perm()&0o077 != 0 {
		return "", moderation.Errorf(moderation.EINVALID, "token file %s has mode %04o: others can read it; run chmod 600 %s", file, fi.Mode().Perm(), file)
	}
	b, err := os.ReadFile(file)
	if err != nil {
		return "", fmt.Errorf("token file: %w", err)
	}
	t := strings.TrimSpace(string(b))
	if t == "" {
		return "", moderation.Errorf(moderation.EINVALID, "token file %s is empty", file)
	}
	return t, nil
}
