package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"image/color"
	"io"
	"log/slog"
	"os"
	"runtime"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/storydesk/storydesk/assets"
	"github.com/storydesk/storydesk/moderation"
	"github.com/storydesk/storydesk/moderation/detect"
	"github.com/storydesk/storydesk/moderation/sqlite"
	"github.com/storydesk/storydesk/ui"
)

// appID names the app for Fyne's preferences and storage folders.
const appID = "org.storydesk.console"

// errNoDisplay is returned when there is no screen to open the window on.
var errNoDisplay = errors.New(`no display: DISPLAY and WAYLAND_DISPLAY are both unset.
Run StoryDesk from a desktop session, or see it in a virtual display:
  make screenshot                          # writes docs/screenshot-review.png
  xvfb-run -a ./bin/storydesk              # runs it in a hidden X server
The subcommands (storydesk help) work without a display`)

// appFlags are the desktop app's flags; demo --reset shares --db.
type appFlags struct {
	db, moderator, theme, open string
}

func (f *appFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&f.db, "db", "", "local database `file` (default $"+sqlite.EnvPath+", else storydesk/storydesk.db in the user config directory)")
	fs.StringVar(&f.moderator, "moderator", os.Getenv("USER"), "your moderator `name`, recorded on decisions")
	fs.StringVar(&f.theme, "theme", "system", "colour theme: light, dark or system")
	fs.StringVar(&f.open, "open", "", "open the pending story with this `id` first")
}

// openStore opens the local store with the rule detector.
func (f *appFlags) openStore(ctx context.Context, log *slog.Logger) (*sqlite.Store, error) {
	path := f.db
	if path == "" {
		p, err := sqlite.DefaultPath()
		if err != nil {
			return nil, err
		}
		path = p
	}
	return sqlite.Open(ctx, path, sqlite.Options{Logger: log, Detector: detect.New(), Moderator: f.moderator})
}

// runApp opens the moderation console on the local database, loading the
// demo queue into an empty one.
func runApp(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("storydesk", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var f appFlags
	f.register(fs)
	if err := fs.Parse(args); err != nil {
		return errUsage
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "storydesk: unexpected argument %q\n%s", fs.Arg(0), usage)
		return errUsage
	}
	var variant fyne.ThemeVariant = 99 // system
	switch strings.ToLower(f.theme) {
	case "light":
		variant = theme.VariantLight
	case "dark":
		variant = theme.VariantDark
	case "system", "":
	default:
		return fmt.Errorf("--theme: want light, dark or system, got %q", f.theme)
	}
	if !hasDisplay(os.Getenv) {
		return errNoDisplay
	}
	log := slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))
	store, err := f.openStore(ctx, log)
	if err != nil {
		return err
	}
	defer store.Close()
	if n, err := loadDemoIfEmpty(ctx, store); err != nil {
		return err
	} else if n > 0 {
		fmt.Fprintf(stdout, "EVENT demo-loaded stories=%d\n", n)
	}

	a := app.NewWithID(appID)
	a.SetIcon(fyne.NewStaticResource("icon.png", assets.IconPNG()))
	if variant != 99 {
		a.Settings().SetTheme(variantTheme{Theme: theme.DefaultTheme(), v: variant})
	}
	w := a.NewWindow("StoryDesk — moderation")
	w.Resize(fyne.NewSize(1280, 800))
	w.SetMaster()

	appCtx, cancel := context.WithCancel(ctx)
	defer cancel()
	// the supervisor's and trainer's screens open in windows of their own
	extra := []fyne.CanvasObject{
		widget.NewButton("Supervisor…", func() { openSupervisor(appCtx, a, store, f.moderator, log) }),
		widget.NewButton("Training…", func() { openTrainer(appCtx, a, store, log) }),
	}
	cfg := ui.Config{Store: reviewStore{store}, Moderator: f.moderator, Logger: log, Events: stdout,
		OpenID: moderation.StoryID(f.open), Extra: extra}
	svc, err := newServices("", store, log) // queue server, AI and settings: app_sync.go, app_ai.go
	if err != nil {
		return err
	}
	svc.configure(&cfg)
	startBackgroundSync(appCtx, ui.New(appCtx, w, cfg), syncInterval, stdout)
	a.Lifecycle().SetOnStarted(func() { fmt.Fprintln(stdout, "EVENT window-shown") })
	go func() { // exits when the app quits (cancel) or on SIGINT/SIGTERM (ctx)
		<-appCtx.Done()
		fyne.Do(a.Quit)
	}()
	w.ShowAndRun()
	fmt.Fprintln(stdout, "EVENT quit")
	return nil
}

// hasDisplay reports whether a window can open: always off Linux and the
// BSDs, else when DISPLAY or WAYLAND_DISPLAY is set.
func hasDisplay(getenv func(string) string) bool {
	switch runtime.GOOS {
	case "linux", "freebsd", "openbsd", "netbsd", "dragonfly":
		return getenv("DISPLAY") != "" || getenv("WAYLAND_DISPLAY") != ""
	}
	return true
}

// loadDemoIfEmpty adds the demo queue to a database without stories and
// returns how many it added.
func loadDemoIfEmpty(ctx context.Context, store *sqlite.Store) (int, error) {
	c, err := store.Counts(ctx)
	if err != nil {
		return 0, err
	}
	if c.Pending+c.Done+c.Escalated+c.Held > 0 {
		return 0, nil
	}
	stories, err := assets.DemoStories()
	if err != nil {
		return 0, fmt.Errorf("demo queue: %w", err)
	}
	if err := store.AddStories(ctx, stories); err != nil {
		return 0, fmt.Errorf("demo queue: %w", err)
	}
	return len(stories), nil
}

// reviewStore adapts the local store to what the review window needs.
type reviewStore struct{ *sqlite.Store }

var _ ui.Store = reviewStore{}

// List maps the window's tabs to the store's.
func (s reviewStore) List(ctx context.Context, tab ui.Tab, search string) ([]moderation.QueueItem, error) {
	t := sqlite.TabPending
	switch tab {
	case ui.TabDone:
		t = sqlite.TabDone
	case ui.TabEscalated:
		t = sqlite.TabEscalated
	}
	return s.Queue(ctx, sqlite.QueueFilter{Tab: t, Search: search})
}

// variantTheme forces the light or dark variant of a theme.
type variantTheme struct {
	fyne.Theme
	v fyne.ThemeVariant
}

func (t variantTheme) Color(n fyne.ThemeColorName, _ fyne.ThemeVariant) color.Color {
	return t.Theme.Color(n, t.v)
}
