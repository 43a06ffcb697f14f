package sqlite

import (
	"context"
	"database/sql"
	"embed"
	"fmt"
	"path"
	"slices"
	"strconv"
	"strings"

	"github.com/storydesk/storydesk/moderation"
)

//go:embed migrations/*.sql
var migrationFS embed.FS

// migration is one embedded schema step, numbered by its file name prefix.
type migration struct {
	version int
	name    string
	sql     string
}

// migrations lists the embedded migrations in version order.
func migrations() ([]migration, error) {
	entries, err := migrationFS.ReadDir("migrations")
	if err != nil {
		return nil, err
	}
	var out []migration
	for _, e := range entries {
		num, _, ok := strings.Cut(e.Name(), "_")
		v, err := strconv.Atoi(num)
		if !ok || err != nil || v <= 0 {
			return nil, fmt.Errorf("migration %s: name must start with a positive number and '_'", e.Name())
		}
		b, err := migrationFS.ReadFile(path.Join("migrations", e.Name()))
		if err != nil {
			return nil, err
		}
		out = append(out, migration{version: v, name: e.Name(), sql: string(b)})
	}
	slices.SortFunc(out, func(a, b migration) int { return a.version - b.version })
	for i := 1; i < len(out); i++ {
		if out[i].version == out[i-1].version {
			return nil, fmt.Errorf("migrations %s and %s share version %d", out[i-1].name, out[i].name, out[i].version)
		}
	}
	return out, nil
}

// SchemaVersion is the version of the newest embedded migration.
func SchemaVersion() int {
	ms, err := migrations()
	if err != nil || len(ms) == 0 {
		return 0
	}
	return ms[len(ms)-1].version
}

// migrateTo applies the embedded migrations up to version maxVersion (all
// when 0), each once and in its own transaction together with its
// schema_migrations row. A database newer than this program is refused.
func (s *Store) migrateTo(ctx context.Context, maxVersion int) error {
	ms, err := migrations()
	if err != nil {
		return fmt.Errorf("open store %s: %w", s.path, err)
	}
	_, err = s.db.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
		version    INTEGER PRIMARY KEY,
		name       TEXT NOT NULL,
		applied_at INTEGER NOT NULL)`)
	if err != nil {
		return wrap(err, "open store %s: create schema_migrations", s.path)
	}
	var newest int
	if err := s.db.QueryRowContext(ctx, `SELECT coalesce(max(version), 0) FROM schema_migrations`).Scan(&newest); err != nil {
		return wrap(err, "open store %s: read schema version", s.path)
	}
	if len(ms) > 0 && newest > ms[len(ms)-1].version {
		return moderation.Errorf(moderation.EINVALID, "open store %s: database schema version %d is newer than this StoryDesk knows (%d); update StoryDesk",
			s.path, newest, ms[len(ms)-1].version)
	}
	for _, m := range ms {
		if maxVersion > 0 && m.version > maxVersion {
			break
		}
		err := s.tx(ctx, func(tx *sql.Tx) error {
			// checked inside the (immediate) transaction: another process
			// opening the same file may have applied it meanwhile
			var n int
			if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM schema_migrations WHERE version = ?`, m.version).Scan(&n); err != nil {
				return err
			}
			if n > 0 {
				return nil
			}
			if _, err := tx.ExecContext(ctx, m.sql); err != nil {
				return err
			}
			_, err := tx.ExecContext(ctx, `INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)`,
				m.version, m.name, unixNano(s.now()))
			if err == nil {
				s.log.Info("store migrated", logVersion, m.version, logMigration, m.name)
			}
			return err
		})
		if err != nil {
			return wrap(err, "open store %s: migration %s", s.path, m.name)
		}
	}
	return nil
}
