package main

import (
	"context"
	"flag"
	"fmt"
	"io"

	"github.com/storydesk/storydesk/moderation/server"
)

func runUserAdd(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("user add", flag.ContinueOnError)
	fs.SetOutput(stderr)
	db := fs.String("db", defaultDB, "server database: SQLite file or postgres:// URL")
	name := fs.String("name", "", "user name (shown as the moderator of decisions)")
	role := fs.String("role", "moderator", "moderator, supervisor, trainer or admin")
	if err := fs.Parse(args); err != nil {
		return flagErr(err)
	}
	if *name == "" {
		return fmt.Errorf("user add: --name is required")
	}
	if !server.Role(*role).Valid() {
		return fmt.Errorf("user add: --role %q: want moderator, supervisor, trainer or admin", *role)
	}
	store, err := openStore(ctx, *db)
	if err != nil {
		return err
	}
	defer store.Close()
	token, err := server.NewToken()
	if err != nil {
		return err
	}
	if err := store.AddUser(ctx, server.User{Name: *name, Role: server.Role(*role)}, server.HashToken(token)); err != nil {
		return fmt.Errorf("user add: %w", err)
	}
	fmt.Fprintf(stderr, "added %s (%s). The token is shown once; only its hash is stored:\n", *name, *role)
	fmt.Fprintln(stdout, token)
	return nil
}
