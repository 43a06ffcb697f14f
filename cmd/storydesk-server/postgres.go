package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/storydesk/storydesk/moderation/server"
)

// openStore opens the server store named by db: a postgres:// or
// postgresql:// URL opens PostgreSQL (applying pending migrations),
// anything else is a SQLite file, created if missing.
func openStore(ctx context.Context, db string) (server.Store, error) {
	if server.IsPostgresDSN(db) {
		return server.OpenPostgres(ctx, db)
	}
	return server.OpenSQLite(ctx, db)
}

// runMigrate applies pending PostgreSQL migrations (SQLite files migrate
// themselves when opened).
func runMigrate(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("migrate", flag.ContinueOnError)
	fs.SetOutput(stderr)
	db := fs.String("db", os.Getenv("STORYDESK_DB"), "postgres:// URL of the server database (default $STORYDESK_DB)")
	if err := fs.Parse(args); err != nil {
		return flagErr(err)
	}
	if !server.IsPostgresDSN(*db) {
		return fmt.Errorf("migrate: --db must be a postgres:// URL (a SQLite file is migrated when it is opened)")
	}
	applied, err := server.MigratePostgres(ctx, *db)
	if err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	if len(applied) == 0 {
		fmt.Fprintln(stdout, "migrate: up to date")
		return nil
	}
	fmt.Fprintf(stdout, "migrate: applied %s\n", strings.Join(applied, ", "))
	return nil
}

// runCopy copies a SQLite server database into an empty PostgreSQL one.
func runCopy(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("copy", flag.ContinueOnError)
	fs.SetOutput(stderr)
	from := fs.String("from", "", "SQLite server database file to copy from (the server must be stopped)")
	db := fs.String("db", os.Getenv("STORYDESK_DB"), "postgres:// URL of an empty server database (default $STORYDESK_DB)")
	if err := fs.Parse(args); err != nil {
		return flagErr(err)
	}
	if *from == "" || !server.IsPostgresDSN(*db) {
		return fmt.Errorf("copy: need --from FILE and --db postgres://...")
	}
	if _, err := os.Stat(*from); err != nil {
		return fmt.Errorf("copy: %w", err)
	}
	src, err := server.OpenSQLite(ctx, *from)
	if err != nil {
		return fmt.Errorf("copy: %w", err)
	}
	defer src.Close()
	dst, err := server.OpenPostgres(ctx, *db)
	if err != nil {
		return fmt.Errorf("copy: %w", err)
	}
	defer dst.Close()
	rep, err := server.CopyToPostgres(ctx, src, dst)
	if err != nil {
		return fmt.Errorf("copy: %w (nothing copied)", err)
	}
	chain, err := dst.VerifyChain(ctx)
	if err != nil {
		return fmt.Errorf("copy: verify: %w", err)
	}
	if chain.BrokenID != "" {
		return fmt.Errorf("copy: copied, but the chain is broken at decision %s (sequence %d)", chain.BrokenID, chain.BrokenSeq)
	}
	fmt.Fprintf(stdout, "copied %d users, %d stories, %d decisions; chain intact\n", rep.Users, rep.Stories, rep.Decisions)
	return nil
}
