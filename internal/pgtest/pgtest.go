// Package pgtest gives tests a PostgreSQL database of their own: a new,
// empty schema of the server named by STORYDESK_TEST_PG (make test starts a
// throwaway one with scripts/pg-test.sh), dropped when the test ends.
// Without that server a test is skipped, except in CI (CI=true), where it
// fails: there the Makefile starts a server, and a missing one means that
// step broke.
package pgtest

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"net/url"
	"os"
	"testing"

	"github.com/jackc/pgx/v5"
)

// DSN returns STORYDESK_TEST_PG, skipping (or, in CI, failing) t without it.
func DSN(t testing.TB) string {
	t.Helper()
	dsn := os.Getenv("STORYDESK_TEST_PG")
	if dsn == "" {
		msg := "STORYDESK_TEST_PG is not set: no PostgreSQL server to test against (make test starts one with scripts/pg-test.sh)"
		if os.Getenv("CI") == "true" {
			t.Fatal(msg)
		}
		t.Skip(msg)
	}
	return dsn
}

// SchemaDSN creates a new, empty schema named prefix plus random hex and
// returns a DSN whose search_path is that schema; the schema is dropped
// when t ends.
func SchemaDSN(t testing.TB, prefix string) string {
	t.Helper()
	ctx := context.Background()
	dsn := DSN(t)
	b := make([]byte, 6)
	rand.Read(b)
	schema := prefix + hex.EncodeToString(b)
	admin, err := pgx.Connect(ctx, dsn)
	if err != nil {
		if os.Getenv("CI") != "true" {
			t.Skipf("PostgreSQL at STORYDESK_TEST_PG does not answer: %v", err)
		}
		t.Fatalf("connect to STORYDESK_TEST_PG: %v", err)
	}
	defer admin.Close(ctx)
	if _, err := admin.Exec(ctx, `CREATE SCHEMA `+schema); err != nil {
		t.Fatalf("create schema %s: %v", schema, err)
	}
	t.Cleanup(func() {
		c, err := pgx.Connect(context.Background(), dsn)
		if err != nil {
			t.Errorf("drop schema %s: %v", schema, err)
			return
		}
		defer c.Close(context.Background())
		if _, err := c.Exec(context.Background(), `DROP SCHEMA `+schema+` CASCADE`); err != nil {
			t.Errorf("drop schema %s: %v", schema, err)
		}
	})
	u, err := url.Parse(dsn)
	if err != nil {
		t.Fatalf("STORYDESK_TEST_PG is not a URL: %v", err)
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String()
}
