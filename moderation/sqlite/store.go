// Package sqlite is StoryDesk's local store: one SQLite file per user
// profile (modernc.org/sqlite, WAL mode, foreign keys on, file mode 0600)
// holding the claimed stories and their spans, the moderator's decisions and
// the outbox that sync pushes to the queue server, key/value sync state,
// trainer runs and a cache of the team's decision history.
//
// Schema migrations are embedded (migrations/NNNN_name.sql) and applied on
// Open, each once and in its own transaction. Errors carry moderation error
// codes (ENOTFOUND, ECONFLICT, EINVALID, EUNAVAILABLE) and never story text.
package sqlite

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"math"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/storydesk/storydesk/moderation"
	sqlite "modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

// Options configure a Store. The zero value works: no logging, no
// detection, the wall clock, no default moderator.
type Options struct {
	Logger    *slog.Logger        // nil discards
	Detector  moderation.Detector // runs on stored stories that carry no spans; nil stores none
	Now       func() time.Time    // nil means time.Now
	Moderator string              // fills Decision.Moderator when a decision has none
}

// Store is the local SQLite store. It is safe for concurrent use.
type Store struct {
	db        *sql.DB
	path      string
	log       *slog.Logger
	detector  moderation.Detector
	now       func() time.Time
	moderator string
}

// EnvPath names the environment variable that overrides DefaultPath.
const EnvPath = "STORYDESK_DB"

// DefaultPath is $STORYDESK_DB if set, else storydesk/storydesk.db under
// os.UserConfigDir.
func DefaultPath() (string, error) {
	if p := os.Getenv(EnvPath); p != "" {
		return p, nil
	}
	dir, err := os.UserConfigDir()
	if err != nil {
		return "", moderation.Errorf(moderation.EUNAVAILABLE, "no user config directory (set %s): %v", EnvPath, err)
	}
	return filepath.Join(dir, "storydesk", "storydesk.db"), nil
}

// ErrNotDatabase is in the chain of the error Open returns for a file that
// is not a StoryDesk database; the file is left untouched.
var ErrNotDatabase = errors.New("file is not a database")

// sqliteHeader starts every SQLite 3 database file.
var sqliteHeader = []byte("SQLite format 3\x00")

// pragmas go in the DSN so that every pooled connection gets them.
// synchronous(FULL) syncs the WAL at every commit, so a recorded decision
// survives a power cut; _txlock=immediate takes the write lock at BEGIN, so
// a transaction never fails half-way on a read-to-write lock upgrade; a
// 16 MB page cache per connection keeps a 10,000-story pull from spilling.
const pragmas = "_pragma=busy_timeout(5000)&_pragma=journal_mode(WAL)&_pragma=foreign_keys(1)&_pragma=synchronous(FULL)&_pragma=cache_size(-16000)&_txlock=immediate"

// Open opens the store at path, creating the file (0600) and its directory
// (0700) if need be, and applies pending migrations. A file that is not a
// StoryDesk database gives an error naming the path, and is not modified.
func Open(ctx context.Context, path string, opts Options) (*Store, error) {
	return open(ctx, path, opts, 0)
}

// open is Open applying migrations only up to version maxVersion (all when
// 0); tests use it to build a file of an older schema.
func open(ctx context.Context, path string, opts Options, maxVersion int) (*Store, error) {
	if path == "" {
		return nil, moderation.Invalidf("path", "empty database path")
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, fmt.Errorf("open store %s: %w", path, err)
	}
	if err := prepareFile(ctx, abs); err != nil {
		return nil, err
	}
	db, err := sql.Open("sqlite", dsn(abs, pragmas))
	if err != nil {
		return nil, fmt.Errorf("open store %s: %w", abs, err)
	}
	db.SetMaxOpenConns(4)
	db.SetConnMaxIdleTime(time.Minute)
	s := &Store{db: db, path: abs, log: opts.Logger, detector: opts.Detector, now: opts.Now, moderator: opts.Moderator}
	if s.log == nil {
		s.log = slog.New(slog.DiscardHandler)
	}
	if s.now == nil {
		s.now = time.Now
	}
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		return nil, notDatabase(abs, err)
	}
	// SQLite gives -wal and -shm the main file's mode; make sure regardless
	// of umask or an older file.
	for _, suffix := range []string{"", "-wal", "-shm"} {
		if err := os.Chmod(abs+suffix, 0o600); err != nil && !errors.Is(err, fs.ErrNotExist) {
			db.Close()
			return nil, fmt.Errorf("open store %s: %w", abs, err)
		}
	}
	if err := s.migrateTo(ctx, maxVersion); err != nil {
		db.Close()
		return nil, err
	}
	return s, nil
}

// dsn builds a file: URI, so that '?' or '#' in a path cannot be read as
// parameters.
func dsn(path, query string) string {
	u := url.URL{Scheme: "file", Path: filepath.ToSlash(path), RawQuery: query}
	if !strings.HasPrefix(u.Path, "/") { // Windows: file:///C:/...
		u.Path = "/" + u.Path
	}
	return u.String()
}

// prepareFile creates the directory and an empty 0600 file, or checks that
// an existing file is a StoryDesk database, without writing to it.
func prepareFile(ctx context.Context, path string) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return fmt.Errorf("open store %s: %w", path, err)
	}
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o600)
	if err == nil {
		// umask may have narrowed the mode; never widened, but be exact
		err = f.Chmod(0o600)
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			return fmt.Errorf("open store %s: %w", path, err)
		}
		return nil
	}
	if !errors.Is(err, fs.ErrExist) {
		return fmt.Errorf("open store %s: %w", path, err)
	}
	f, err = os.Open(path)
	if err != nil {
		return fmt.Errorf("open store %s: %w", path, err)
	}
	head := make([]byte, len(sqliteHeader))
	n, err := io.ReadFull(f, head)
	f.Close()
	switch {
	case n == 0 && errors.Is(err, io.EOF):
		return nil // empty: SQLite treats it as a new database
	case err != nil && !errors.Is(err, io.ErrUnexpectedEOF):
		return fmt.Errorf("open store %s: %w", path, err)
	case !bytes.Equal(head[:n], sqliteHeader):
		return notDatabase(path, nil)
	}
	return checkForeign(ctx, path)
}

// checkForeign opens an existing SQLite file read-only, without pragmas, and
// refuses one that has tables but no schema_migrations (another app's).
func checkForeign(ctx context.Context, path string) error {
	db, err := sql.Open("sqlite", dsn(path, "mode=ro"))
	if err != nil {
		return fmt.Errorf("open store %s: %w", path, err)
	}
	defer db.Close()
	// ours: the columns of our schema_migrations; another tool's table of
	// that name (golang-migrate's has version and dirty) does not count
	var tables, ours int
	err = db.QueryRowContext(ctx, `SELECT
		(SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'),
		(SELECT count(*) FROM pragma_table_info('schema_migrations') WHERE name IN ('version', 'name', 'applied_at'))`).
		Scan(&tables, &ours)
	if err != nil {
		return notDatabase(path, err)
	}
	if tables > 0 && ours != 3 {
		return &moderation.Error{Code: moderation.EINVALID, Field: "path",
			Message: fmt.Sprintf("%s is not a StoryDesk database: it has %d tables but no StoryDesk schema_migrations", path, tables)}
	}
	return nil
}

// notDatabase returns the clear error for a file that is not (or no longer)
// a usable SQLite database. Other errors are returned wrapped as they are.
func notDatabase(path string, err error) error {
	if err != nil {
		var se *sqlite.Error
		if !errors.As(err, &se) {
			return fmt.Errorf("open store %s: %w", path, err)
		}
		switch se.Code() & 0xff {
		case sqlite3.SQLITE_NOTADB, sqlite3.SQLITE_CORRUPT:
		default:
			return fmt.Errorf("open store %s: %w", path, translate(err))
		}
	}
	return fmt.Errorf("%w: %w", &moderation.Error{Code: moderation.EINVALID, Field: "path",
		Message: path + " is not a StoryDesk database"}, ErrNotDatabase)
}

// Close closes the database.
func (s *Store) Close() error { return s.db.Close() }

// Path is the database file's absolute path.
func (s *Store) Path() string { return s.path }

// translate maps SQLite errors to moderation codes, keeping the chain.
// SQLite's messages name tables and columns, never values.
func translate(err error) error {
	var se *sqlite.Error
	if err == nil || !errors.As(err, &se) {
		return err
	}
	code := ""
	switch se.Code() & 0xff {
	case sqlite3.SQLITE_CONSTRAINT:
		// a duplicate key is a conflict; a failed CHECK, NOT NULL, foreign
		// key or trigger is bad input
		code = moderation.EINVALID
		if se.Code() == sqlite3.SQLITE_CONSTRAINT_UNIQUE || se.Code() == sqlite3.SQLITE_CONSTRAINT_PRIMARYKEY {
			code = moderation.ECONFLICT
		}
	case sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED, sqlite3.SQLITE_FULL, sqlite3.SQLITE_IOERR, sqlite3.SQLITE_READONLY, sqlite3.SQLITE_CANTOPEN:
		code = moderation.EUNAVAILABLE
	default:
		return err
	}
	return fmt.Errorf("%w: %w", &moderation.Error{Code: code, Message: se.Error()}, err)
}

// wrap names the operation and translates err; nil stays nil.
func wrap(err error, format string, args ...any) error {
	if err == nil {
		return nil
	}
	var me *moderation.Error
	if errors.As(err, &me) {
		return fmt.Errorf(format+": %w", append(args, err)...)
	}
	return fmt.Errorf(format+": %w", append(args, translate(err))...)
}

// tx runs fn in one transaction, committed if fn returns nil.
func (s *Store) tx(ctx context.Context, fn func(*sql.Tx) error) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	if err := fn(tx); err != nil {
		tx.Rollback()
		return err
	}
	return tx.Commit()
}

// Times are stored as Unix nanoseconds; 0 is the zero time.
func unixNano(t time.Time) int64 {
	if t.IsZero() {
		return 0
	}
	return t.UnixNano()
}

// storable reports whether unixNano keeps t: the zero time, or a time
// that Unix nanoseconds can hold (about 1678 to 2262); beyond, UnixNano
// wraps round to another date.
func storable(t time.Time) bool {
	return t.IsZero() || (!t.Before(time.Unix(0, math.MinInt64)) && !t.After(time.Unix(0, math.MaxInt64)))
}

// checkTimes refuses a decision whose times unixNano cannot keep.
func checkTimes(d moderation.Decision) error {
	for _, f := range []struct {
		name string
		t    time.Time
	}{{"decided_at", d.DecidedAt}, {"review_at", d.ReviewAt}} {
		if !storable(f.t) {
			return moderation.Invalidf(f.name, "decision %s: %s is outside the years 1678 to 2262", d.ID, f.t.UTC().Format(time.DateOnly))
		}
	}
	return nil
}

func fromNano(n int64) time.Time {
	if n == 0 {
		return time.Time{}
	}
	return time.Unix(0, n).UTC()
}

// likePattern makes a LIKE pattern that matches s anywhere, escaping with '\'.
func likePattern(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`)
	return "%" + r.Replace(s) + "%"
}
