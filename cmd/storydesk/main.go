// Command storydesk is the StoryDesk moderation console. With no
// subcommand it opens the desktop app; the subcommands work without a
// display.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"syscall"

	_ "github.com/storydesk/storydesk/internal/cleanlocale" // before Fyne reads the locale
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	if err != nil {
		if !errors.Is(err, errUsage) {
			fmt.Fprintln(os.Stderr, "storydesk:", err)
		}
		os.Exit(1)
	}
}

// errUsage means the usage text was already printed.
var errUsage = errors.New("usage")

const usage = `usage: storydesk [flags]              open the moderation console
           --db FILE  --moderator NAME  --theme light|dark|system  --open STORY-ID
       storydesk scan [--ai] [FILE]      detect spans in JSONL stories (stdin if no FILE)
       storydesk eval GOLD.jsonl         score the detector on a labelled file
       storydesk demo [--reset]          load (or reload) the demo queue into the local database
       storydesk sync --server URL       one pull + push round with a queue server
       storydesk export-history [FILE]   decision history as CSV
`

func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 || strings.HasPrefix(args[0], "-") {
		return runApp(ctx, args, stdout, stderr)
	}
	cmd, rest := args[0], args[1:]
	switch cmd {
	case "scan":
		return runScan(ctx, rest, os.Stdin, stdout, stderr)
	case "eval":
		return runEval(ctx, rest, stdout, stderr)
	case "demo":
		return runDemo(ctx, rest, stdout, stderr)
	case "sync":
		return runSync(ctx, rest, stdout, stderr)
	case "export-history":
		return runExportHistory(ctx, rest, stdout, stderr)
	case "help", "-h", "--help":
		fmt.Fprint(stdout, usage)
		return nil
	}
	fmt.Fprintf(stderr, "storydesk: unknown command %q\n%s", cmd, usage)
	return errUsage
}
