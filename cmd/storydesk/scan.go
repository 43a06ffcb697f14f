package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"slices"
	"strconv"

	"github.com/storydesk/storydesk/moderation"
	"github.com/storydesk/storydesk/moderation/ai"
	"github.com/storydesk/storydesk/moderation/detect"
)

// scanIn is one input line of scan: a story id and its text.
type scanIn struct {
	ID   json.RawMessage `json:"id"`
	Body *string         `json:"body"`
	Text *string         `json:"text"`
}

// scanSpan is a detected span at the JSONL boundary: code-point offsets.
type scanSpan struct {
	Start      int     `json:"start"`
	End        int     `json:"end"`
	Kind       string  `json:"kind"`
	Confidence float64 `json:"confidence"`
	Reason     string  `json:"reason"`
	Source     string  `json:"source,omitempty"` // "rule" or "ai", with --ai only
}

// scanOut is one output line of scan.
type scanOut struct {
	ID       json.RawMessage `json:"id"`
	Spans    []scanSpan      `json:"spans"`
	Decision string          `json:"decision"`
	AINotice string          `json:"ai_notice,omitempty"` // why AI suggestions are missing or fewer
}

// suggester is what scan --ai needs; *ai.Suggester implements it.
type suggester interface {
	Suggest(ctx context.Context, id moderation.StoryID, body string, ruleSpans []moderation.Span) (ai.Result, error)
}

// runScan reads JSONL stories ({"id","body"} or {"id","text"}) from the file
// in args or stdin and writes one JSONL line of detected spans and the
// proposed decision per story, in input order. Malformed lines are reported
// on stderr by line number after every good line is written, and make the
// command fail.
func runScan(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("scan", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: storydesk scan [--ai] [FILE]\n  reads JSONL {\"id\",\"body\"} (FILE or stdin), writes JSONL spans with code-point offsets")
		fs.PrintDefaults()
	}
	useAI := fs.Bool("ai", false, "add AI suggestions (\"source\":\"ai\") from the model set by STORYDESK_AI_* (docs/ai.md)")
	if err := fs.Parse(args); err != nil {
		return errUsage
	}
	if fs.NArg() > 1 {
		fs.Usage()
		return errUsage
	}
	in, name := stdin, "stdin"
	if fs.NArg() == 1 {
		f, err := os.Open(fs.Arg(0))
		if err != nil {
			return fmt.Errorf("scan: %w", err)
		}
		defer f.Close()
		in, name = f, fs.Arg(0)
	}
	var sg suggester
	if *useAI {
		cfg, err := ai.ConfigFromEnv()
		if err != nil {
			return fmt.Errorf("scan --ai: %w", err)
		}
		if !cfg.Enabled() {
			return fmt.Errorf("scan --ai: set %s and %s (see docs/ai.md)", ai.EnvBaseURL, ai.EnvModel)
		}
		s, err := ai.New(cfg, nil)
		if err != nil {
			return fmt.Errorf("scan --ai: %w", err)
		}
		fmt.Fprintln(stderr, "storydesk scan:", cfg.Describe())
		sg = s
	}
	return scanStories(ctx, detect.New(), sg, in, name, stdout, stderr)
}

// scanStories is the body of runScan, apart from argument handling.
// sg, when not nil, adds AI suggestions to each story.
func scanStories(ctx context.Context, det moderation.Detector, sg suggester, in io.Reader, name string, stdout, stderr io.Writer) error {
	r := bufio.NewReaderSize(in, 1<<16)
	w := bufio.NewWriter(stdout)
	var bad []error
	for n := 1; ; n++ {
		if err := ctx.Err(); err != nil {
			w.Flush()
			return err
		}
		line, rerr := r.ReadBytes('\n')
		if len(bytes.TrimSpace(line)) > 0 {
			out, err := scanLine(ctx, det, sg, line)
			if err != nil {
				bad = append(bad, fmt.Errorf("%s:%d: %w", name, n, err))
			} else {
				b, _ := json.Marshal(out)
				w.Write(b)
				w.WriteByte('\n')
			}
		}
		if rerr == io.EOF {
			break
		} else if rerr != nil {
			w.Flush()
			return fmt.Errorf("scan: read %s: %w", name, rerr)
		}
	}
	if err := w.Flush(); err != nil {
		return fmt.Errorf("scan: write: %w", err)
	}
	for _, err := range bad {
		fmt.Fprintln(stderr, "storydesk scan:", err)
	}
	if len(bad) > 0 {
		return fmt.Errorf("scan: %d malformed line(s), first %w", len(bad), bad[0])
	}
	return nil
}

func scanLine(ctx context.Context, det moderation.Detector, sg suggester, line []byte) (scanOut, error) {
	var in scanIn
	if err := json.Unmarshal(line, &in); err != nil {
		return scanOut{}, fmt.Errorf("invalid JSON: %v", jsonErrText(err))
	}
	if len(in.ID) == 0 || string(in.ID) == "null" {
		return scanOut{}, errors.New(`missing field "id"`)
	}
	if in.ID[0] != '"' {
		if _, err := strconv.ParseFloat(string(in.ID), 64); err != nil {
			return scanOut{}, errors.New(`field "id" must be a string or a number`)
		}
	}
	text := in.Body
	if text == nil {
		text = in.Text
	}
	if text == nil {
		return scanOut{}, errors.New(`missing field "body" (or "text")`)
	}
	spans := det.Detect(*text)
	off := moderation.NewOffsets(*text)
	out := scanOut{ID: in.ID, Spans: make([]scanSpan, 0, len(spans))}
	for _, s := range spans {
		a, b := off.RuneSpan(s)
		out.Spans = append(out.Spans, scanSpan{Start: a, End: b, Kind: string(s.Kind), Confidence: s.Confidence, Reason: s.Reason})
	}
	// the decision stays the rules' own: suggestions count only once accepted
	action, _ := moderation.Propose(*text, spans)
	out.Decision = string(action)
	if sg == nil {
		return out, nil
	}
	for i := range out.Spans {
		out.Spans[i].Source = string(moderation.SourceRule)
	}
	res, err := sg.Suggest(ctx, moderation.StoryID(bytes.Trim(in.ID, `"`)), *text, spans)
	if err != nil {
		return scanOut{}, fmt.Errorf("AI suggestions: %w", err)
	}
	out.AINotice = res.Notice
	for _, s := range res.Spans {
		a, b := off.RuneSpan(s)
		out.Spans = append(out.Spans, scanSpan{Start: a, End: b, Kind: string(s.Kind), Confidence: s.Confidence, Reason: s.Reason, Source: string(s.Source)})
	}
	slices.SortStableFunc(out.Spans, func(x, y scanSpan) int { return x.Start - y.Start })
	return out, nil
}

// jsonErrText keeps JSON errors free of story text: only the error type and
// offset, never the offending value.
func jsonErrText(err error) string {
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	switch {
	case errors.As(err, &se):
		return fmt.Sprintf("syntax error at byte %d", se.Offset)
	case errors.As(err, &te):
		return fmt.Sprintf("field %q has the wrong type (%s)", te.Field, te.Value)
	}
	return "cannot parse"
}
