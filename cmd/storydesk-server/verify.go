package main

import (
	"context"
	"flag"
	"fmt"
	"io"
)

func runVerify(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("verify", flag.ContinueOnError)
	fs.SetOutput(stderr)
	db := fs.String("db", defaultDB, "server database: SQLite file or postgres:// URL")
	if err := fs.Parse(args); err != nil {
		return flagErr(err)
	}
	store, err := openExisting(ctx, *db)
	if err != nil {
		return err
	}
	defer store.Close()
	rep, err := store.VerifyChain(ctx)
	if err != nil {
		return err
	}
	if rep.BrokenID != "" {
		return fmt.Errorf("verify: chain broken at decision %s (sequence %d); the %d decisions before it are intact", rep.BrokenID, rep.BrokenSeq, rep.Checked)
	}
	fmt.Fprintf(stdout, "chain intact: %d decisions\n", rep.Checked)
	return nil
}
