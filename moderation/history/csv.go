package history

import (
	"encoding/csv"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/storydesk/storydesk/moderation"
)

// CSVHeader is the header row WriteCSV writes.
var CSVHeader = []string{"decision_id", "story_id", "decided_at", "moderator", "action", "reason",
	"supersedes", "title", "service", "flags", "flag_kinds", "flags_accepted", "redactions", "redacted_kinds", "note"}

// WriteCSV writes entries as CSV, one row per decision, in their order.
// Times are RFC 3339 UTC. Story bodies are never written; cells that a
// spreadsheet would run as formulas are prefixed with an apostrophe.
func WriteCSV(w io.Writer, entries []Entry) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(CSVHeader); err != nil {
		return err
	}
	for _, e := range entries {
		d := e.Decision
		flags := e.Flags()
		acc := 0
		for _, s := range flags {
			if e.Accepted(s) {
				acc++
			}
		}
		var fk, rk []string
		for _, k := range e.FlagKinds() {
			fk = append(fk, string(k))
		}
		for _, r := range d.Redactions {
			if !containsStr(rk, string(r.Kind)) {
				rk = append(rk, string(r.Kind))
			}
		}
		row := []string{d.ID, string(d.StoryID), d.DecidedAt.UTC().Format(time.RFC3339), safe(d.Moderator),
			string(d.Action), string(d.Reason), d.Supersedes, safe(e.Title()), safe(e.Service()),
			strconv.Itoa(len(flags)), strings.Join(fk, " "), strconv.Itoa(acc),
			strconv.Itoa(len(d.Redactions)), strings.Join(rk, " "), safe(d.Note)}
		if err := cw.Write(row); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// FiguresCSVHeader is the header row WriteFiguresCSV writes.
var FiguresCSVHeader = []string{"moderator", "week", "decided", "publish", "publish_with_changes", "reject",
	"escalate", "hold", "median_seconds", "flags_shown", "flags_accepted", "flags_dismissed"}

// WriteFiguresCSV writes one row per moderator and week; action columns
// are shares with three decimals.
func WriteFiguresCSV(w io.Writer, figs []Figure) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(FiguresCSVHeader); err != nil {
		return err
	}
	for _, f := range figs {
		row := []string{safe(f.Moderator), f.Week.Format("2006-01-02"), strconv.Itoa(f.Decided)}
		for _, a := range moderation.Actions {
			row = append(row, strconv.FormatFloat(f.Share(a), 'f', 3, 64))
		}
		row = append(row, strconv.FormatFloat(f.MedianTime.Seconds(), 'f', 0, 64),
			strconv.Itoa(f.Shown), strconv.Itoa(f.Accepted), strconv.Itoa(f.Dismissed))
		if err := cw.Write(row); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

func containsStr(ss []string, s string) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}

// safe defuses a cell a spreadsheet would run as a formula.
func safe(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}
