package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/storydesk/storydesk/moderation"
	"github.com/storydesk/storydesk/moderation/detect"
)

// evalGold is one labelled story of a gold file (stories-dev format).
type evalGold struct {
	ID       json.RawMessage `json:"id"`
	Body     string          `json:"body"`
	Expected string          `json:"expected_decision"`
	Spans    []evalSpan      `json:"spans"`
	Clean    *bool           `json:"clean"`
}

type evalSpan struct {
	Start int    `json:"start"`
	End   int    `json:"end"`
	Kind  string `json:"kind"`
}

// evalPred is one line of a prediction file (scan's output).
type evalPred struct {
	ID       json.RawMessage `json:"id"`
	Spans    []evalSpan      `json:"spans"`
	Decision string          `json:"decision"`
}

// runEval scores the rule engine (or a prediction file, when given) against
// a labelled JSONL file and prints the figures of score.py, ending with its
// one-line summary.
func runEval(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("eval", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: storydesk eval GOLD.jsonl [PRED.jsonl]\n  scores the rule engine (or PRED.jsonl) on labelled stories; same figures as score.py")
	}
	if err := fs.Parse(args); err != nil {
		return errUsage
	}
	if fs.NArg() < 1 || fs.NArg() > 2 {
		fs.Usage()
		return errUsage
	}
	gold, err := readGold(fs.Arg(0))
	if err != nil {
		return err
	}
	var preds map[string]evalPred
	if fs.NArg() == 2 {
		if preds, err = readPreds(fs.Arg(1), stderr); err != nil {
			return err
		}
		known := make(map[string]bool, len(gold))
		for _, g := range gold {
			known[idString(g.ID)] = true
		}
		for id := range preds {
			if !known[id] {
				fmt.Fprintf(stderr, "warning: prediction for unknown id %s ignored\n", id)
			}
		}
	}
	rep := evalScore(ctx, detect.New(), gold, preds)
	if err := rep.WriteTables(stdout); err != nil {
		return err
	}
	_, err = fmt.Fprintln(stdout, rep.Summary())
	return err
}

// evalScore scores gold against preds, or against the detector's spans and
// proposed decisions when preds is nil.
func evalScore(ctx context.Context, det moderation.Detector, gold []evalGold, preds map[string]evalPred) moderation.ScoreReport {
	items := make([]moderation.ScoreItem, 0, len(gold))
	for _, g := range gold {
		it := moderation.ScoreItem{ID: idString(g.ID), Expected: moderation.Action(g.Expected)}
		for _, s := range g.Spans {
			it.Gold = append(it.Gold, moderation.ScoreSpan{Start: s.Start, End: s.End, Kind: s.Kind})
		}
		it.Clean = len(g.Spans) == 0
		if g.Clean != nil {
			it.Clean = *g.Clean
		}
		if preds == nil {
			if ctx.Err() != nil {
				break
			}
			spans := det.Detect(g.Body)
			off := moderation.NewOffsets(g.Body)
			for _, s := range spans {
				a, b := off.RuneSpan(s)
				it.Pred = append(it.Pred, moderation.ScoreSpan{Start: a, End: b, Kind: string(s.Kind)})
			}
			action, _ := moderation.Propose(g.Body, spans)
			it.Decision, it.HasPred = action, true
		} else if p, ok := preds[it.ID]; ok {
			it.HasPred = true
			for _, s := range p.Spans {
				if s.Start < 0 || s.End <= s.Start {
					s.Start, s.End = -1, -1 // never matches, as in score.py
				}
				it.Pred = append(it.Pred, moderation.ScoreSpan{Start: s.Start, End: s.End, Kind: strings.ToUpper(strings.TrimSpace(s.Kind))})
			}
			it.Decision = moderation.Action(strings.ToLower(strings.TrimSpace(p.Decision)))
		}
		items = append(items, it)
	}
	return moderation.Score(items)
}

func idString(raw json.RawMessage) string {
	var s string
	if json.Unmarshal(raw, &s) == nil {
		return s
	}
	return string(raw)
}

func readJSONL(path string, each func(n int, line []byte) error) error {
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("eval: %w", err)
	}
	defer f.Close()
	r := bufio.NewReaderSize(f, 1<<16)
	for n := 1; ; n++ {
		line, rerr := r.ReadBytes('\n')
		if len(bytes.TrimSpace(line)) > 0 {
			if err := each(n, line); err != nil {
				return fmt.Errorf("eval: %s:%d: %w", path, n, err)
			}
		}
		if rerr == io.EOF {
			return nil
		} else if rerr != nil {
			return fmt.Errorf("eval: read %s: %w", path, rerr)
		}
	}
}

func readGold(path string) ([]evalGold, error) {
	var out []evalGold
	seen := map[string]bool{}
	err := readJSONL(path, func(n int, line []byte) error {
		var g evalGold
		if err := json.Unmarshal(line, &g); err != nil {
			return fmt.Errorf("invalid JSON: %s", jsonErrText(err))
		}
		if len(g.ID) == 0 {
			return fmt.Errorf(`missing field "id"`)
		}
		id := idString(g.ID)
		if seen[id] {
			return fmt.Errorf("duplicate gold id %s", id)
		}
		seen[id] = true
		out = append(out, g)
		return nil
	})
	return out, err
}

func readPreds(path string, stderr io.Writer) (map[string]evalPred, error) {
	out := map[string]evalPred{}
	err := readJSONL(path, func(n int, line []byte) error {
		var p evalPred
		if err := json.Unmarshal(line, &p); err != nil {
			return fmt.Errorf("invalid JSON: %s", jsonErrText(err))
		}
		if len(p.ID) == 0 {
			return fmt.Errorf(`missing field "id"`)
		}
		id := idString(p.ID)
		if q, ok := out[id]; ok {
			fmt.Fprintf(stderr, "warning: id %s appears more than once in predictions; spans merged\n", id)
			p.Spans = append(q.Spans, p.Spans...)
			if p.Decision == "" {
				p.Decision = q.Decision
			}
		}
		out[id] = p
		return nil
	})
	return out, err
}
