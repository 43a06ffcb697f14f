// Command storydesk-server is the StoryDesk queue server: it leases pending
// stories to moderators, takes their decisions back, and feeds decided
// stories to the publishing site.
//
//	storydesk-server serve --db FILE [--addr 127.0.0.1:8080] [--lease 24h] [--tls-cert C --tls-key K] [--insecure]
//	storydesk-server user add --db FILE --name NAME --role moderator|supervisor|trainer|admin
//	storydesk-server import --db FILE STORIES.jsonl
//	storydesk-server export --db FILE [--after CURSOR]
//	storydesk-server verify --db FILE
//	storydesk-server migrate --db postgres://...
//	storydesk-server copy --from FILE --db postgres://...
//
// --db is a SQLite file or a postgres:// URL (docs/team-server.md).
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"

	"github.com/storydesk/storydesk/moderation/server"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	if err != nil {
		if !errors.Is(err, errUsage) {
			fmt.Fprintln(os.Stderr, "storydesk-server:", err)
		}
		os.Exit(1)
	}
}

// errUsage means the usage text was already printed.
var errUsage = errors.New("usage")

const usage = `usage: storydesk-server serve --db FILE [--addr 127.0.0.1:8080] [--lease 24h] [--tls-cert FILE --tls-key FILE] [--insecure]
       storydesk-server user add --db FILE --name NAME --role moderator|supervisor|trainer|admin
       storydesk-server import --db FILE STORIES.jsonl
       storydesk-server export --db FILE [--after CURSOR]
       storydesk-server verify --db FILE
       storydesk-server migrate --db postgres://...
       storydesk-server copy --from FILE --db postgres://...
--db is a SQLite file or a postgres:// URL (docs/team-server.md)
`

// defaultDB is the database file when --db is not given.
const defaultDB = "storydesk-server.db"

func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return errUsage
	}
	cmd, rest := args[0], args[1:]
	switch cmd {
	case "serve":
		return runServe(ctx, rest, stdout, stderr)
	case "user":
		if len(rest) == 0 || rest[0] != "add" {
			fmt.Fprint(stderr, usage)
			return errUsage
		}
		return runUserAdd(ctx, rest[1:], stdout, stderr)
	case "import":
		return runImport(ctx, rest, stdout, stderr)
	case "export":
		return runExport(ctx, rest, stdout, stderr)
	case "verify":
		return runVerify(ctx, rest, stdout, stderr)
	case "migrate":
		return runMigrate(ctx, rest, stdout, stderr)
	case "copy":
		return runCopy(ctx, rest, stdout, stderr)
	case "help", "-h", "--help":
		fmt.Fprint(stdout, usage)
		return nil
	}
	fmt.Fprintf(stderr, "storydesk-server: unknown command %q\n%s", cmd, usage)
	return errUsage
}

// openExisting opens a server database that must exist already (a
// SQLite file, or a postgres:// URL).
func openExisting(ctx context.Context, path string) (server.Store, error) {
	if server.IsPostgresDSN(path) {
		return server.OpenPostgres(ctx, path)
	}
	if _, err := os.Stat(path); err != nil {
		return nil, fmt.Errorf("server database: %w", err)
	}
	return server.OpenSQLite(ctx, path)
}

// flagErr turns a flag parse failure into errUsage (the flag package has
// printed the message already); -h is not an error.
func flagErr(err error) error {
	if err == nil {
		return nil
	}
	if errors.Is(err, flagHelp) {
		return nil
	}
	return errUsage
}
