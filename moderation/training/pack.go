// Package training holds StoryDesk's training packs and trainee scoring: a
// pack is a JSONL file of sample stories with gold redactions and gold
// decisions (the stories-dev format); a trainee works each case on an
// in-memory copy, and each case is scored against gold by overlap matching
// (as the dev set's score.py does), with decision agreement and time per
// case. It imports only the standard library and moderation.
package training

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/storydesk/storydesk/moderation"
)

// Case is one sample story of a pack with its gold answers. Story.Spans
// holds the gold spans in byte offsets (Redact set for those the gold
// published text removes); the live detector's spans are not part of it.
type Case struct {
	Story    moderation.Story
	Decision moderation.Action // expected_decision
	Reason   moderation.Reason
	Notes    string // the labeller's note, shown after the case is scored
	Clean    bool   // a tricky clean story: nothing should be flagged
}

// Gold returns the gold spans of the case (byte offsets).
func (c *Case) Gold() []moderation.Span { return c.Story.Spans }

// GoldRedactions returns the gold spans a trainee is expected to redact:
// identifying and abusive spans (safeguarding spans are flags for
// escalation, not text to cut) not marked "redact": false in the pack, and
// none at all when the gold decision is a plain publish (e.g. a positive
// story keeping a praised nurse's first name: the name is a gold span but
// stays in the published text).
func (c *Case) GoldRedactions() []moderation.Span {
	if c.Decision == moderation.Publish {
		return nil
	}
	var out []moderation.Span
	for _, s := range c.Story.Spans {
		if s.Redact && moderation.DefaultRedact(s.Kind) {
			out = append(out, s)
		}
	}
	return out
}

// Pack is a named list of training cases.
type Pack struct {
	Name  string // file name without directory, e.g. "basics.jsonl"
	Cases []Case
}

// Case returns the case with the given story id, or nil.
func (p *Pack) Case(id moderation.StoryID) *Case {
	for i := range p.Cases {
		if p.Cases[i].Story.ID == id {
			return &p.Cases[i]
		}
	}
	return nil
}

// Clone returns a deep copy, so a training session can change its cases
// (spans toggled, decisions recorded) without touching the loaded pack.
func (p *Pack) Clone() *Pack {
	q := &Pack{Name: p.Name, Cases: make([]Case, len(p.Cases))}
	for i, c := range p.Cases {
		c.Story.Spans = slices.Clone(c.Story.Spans)
		q.Cases[i] = c
	}
	return q
}

// record is one JSONL line (stories-dev format); pointers tell a missing
// field from a zero one.
type record struct {
	ID               *string      `json:"id"`
	Title            string       `json:"title"`
	Body             *string      `json:"body"`
	ExpectedDecision *string      `json:"expected_decision"`
	Reason           string       `json:"reason"`
	Spans            []spanRecord `json:"spans"`
	Clean            *bool        `json:"clean"`
	Notes            string       `json:"notes"`
	Service          string       `json:"service"`
}

type spanRecord struct {
	Start *int    `json:"start"`
	End   *int    `json:"end"`
	Kind  string  `json:"kind"`
	Text  *string `json:"text"`
	// Redact is an optional extension of the stories-dev format: false
	// marks a gold span the published text keeps (a praised nurse's first
	// name in a story published with other changes).
	Redact *bool `json:"redact"`
}

// MaxCases bounds a pack's size; MaxLine bounds one line, in bytes.
const (
	MaxCases = 1000
	MaxLine  = 1 << 20
)

// lineErr is an EINVALID error naming the file, line and field, e.g.
// "mine.jsonl:3: spans[1].end: 412 is past the body (400 code points)".
// The message never quotes story text.
func lineErr(name string, line int, field, format string, args ...any) error {
	return &moderation.Error{
		Code:    moderation.EINVALID,
		Field:   field,
		Message: fmt.Sprintf("%s:%d: %s: %s", name, line, field, fmt.Sprintf(format, args...)),
	}
}

// ParsePack reads a pack in the stories-dev JSONL format and validates
// every line: an id (unique), a body, a known expected_decision with a
// reason allowed for it, spans inside the body (code-point offsets, end
// exclusive), of known kinds, sorted, not overlapping, whose "text" (if
// given) matches the body, and "clean" (if given) true exactly when there
// are no spans. The first problem is returned as an EINVALID error naming
// name, the line and the field. Blank lines are skipped.
func ParsePack(name string, r io.Reader) (*Pack, error) {
	p := &Pack{Name: name}
	seen := map[string]int{}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), MaxLine)
	line := 0
	for sc.Scan() {
		line++
		raw := bytes.TrimSpace(sc.Bytes())
		if line == 1 {
			raw = bytes.TrimPrefix(raw, []byte("\ufeff")) // a BOM from some editors
		}
		if len(raw) == 0 {
			continue
		}
		c, err := parseLine(name, line, raw)
		if err != nil {
			return nil, err
		}
		id := string(c.Story.ID)
		if prev, ok := seen[id]; ok {
			return nil, lineErr(name, line, "id", "%q already used on line %d", id, prev)
		}
		seen[id] = line
		if len(p.Cases) == MaxCases {
			return nil, lineErr(name, line, "id", "a pack holds at most %d cases", MaxCases)
		}
		p.Cases = append(p.Cases, c)
	}
	if err := sc.Err(); err != nil {
		if err == bufio.ErrTooLong {
			return nil, lineErr(name, line+1, "line", "longer than %d bytes", MaxLine)
		}
		return nil, fmt.Errorf("read pack %s: %w", name, err)
	}
	if len(p.Cases) == 0 {
		return nil, &moderation.Error{Code: moderation.EINVALID, Field: "file",
			Message: fmt.Sprintf("%s: no cases (expected one JSON object per line)", name)}
	}
	return p, nil
}

func parseLine(name string, line int, raw []byte) (Case, error) {
	var rec record
	if !utf8.Valid(raw) {
		return Case{}, lineErr(name, line, "line", "not valid UTF-8")
	}
	if err := json.Unmarshal(raw, &rec); err != nil {
		return Case{}, lineErr(name, line, jsonField(err), "%s", jsonProblem(err))
	}
	var c Case
	switch {
	case rec.ID == nil || strings.TrimSpace(*rec.ID) == "":
		return c, lineErr(name, line, "id", "missing")
	case rec.Body == nil || strings.TrimSpace(*rec.Body) == "":
		return c, lineErr(name, line, "body", "missing")
	case rec.ExpectedDecision == nil || *rec.ExpectedDecision == "":
		return c, lineErr(name, line, "expected_decision", "missing (one of %s)", actionList())
	}
	act := moderation.Action(strings.ToLower(strings.TrimSpace(*rec.ExpectedDecision)))
	if !slices.Contains(moderation.Actions, act) {
		return c, lineErr(name, line, "expected_decision", "%q is not one of %s", *rec.ExpectedDecision, actionList())
	}
	reason := moderation.Reason(strings.TrimSpace(rec.Reason))
	allowed := moderation.ReasonsFor(act)
	switch {
	case act == moderation.Publish && reason != "":
		return c, lineErr(name, line, "reason", "must be empty for publish, got %q", reason)
	case act != moderation.Publish && reason == "":
		return c, lineErr(name, line, "reason", "missing; %s needs one of %s", act, reasonList(allowed))
	case act != moderation.Publish && !slices.Contains(allowed, reason):
		return c, lineErr(name, line, "reason", "%q is not a reason for %s (one of %s)", reason, act, reasonList(allowed))
	}
	body := *rec.Body
	off := moderation.NewOffsets(body)
	spans := make([]moderation.Span, 0, len(rec.Spans))
	for i, s := range rec.Spans {
		f := fmt.Sprintf("spans[%d]", i)
		if s.Start == nil {
			return c, lineErr(name, line, f+".start", "missing")
		}
		if s.End == nil {
			return c, lineErr(name, line, f+".end", "missing")
		}
		k, err := moderation.ParseKind(s.Kind)
		if err != nil {
			return c, lineErr(name, line, f+".kind", "%q is not a known kind", s.Kind)
		}
		if *s.Start < 0 || *s.Start >= off.Runes() {
			return c, lineErr(name, line, f+".start", "%d is outside the body (%d code points)", *s.Start, off.Runes())
		}
		if *s.End <= *s.Start {
			return c, lineErr(name, line, f+".end", "%d is not after start %d", *s.End, *s.Start)
		}
		if *s.End > off.Runes() {
			return c, lineErr(name, line, f+".end", "%d is past the body (%d code points)", *s.End, off.Runes())
		}
		bs, be, _ := off.ByteRange(f, *s.Start, *s.End)
		if s.Text != nil && body[bs:be] != *s.Text {
			// never quote the text: errors end up in logs
			return c, lineErr(name, line, f+".text", "does not match body[%d:%d] (code points)", *s.Start, *s.End)
		}
		if n := len(spans); n > 0 && bs < spans[n-1].End {
			return c, lineErr(name, line, f+".start", "%d overlaps or precedes spans[%d] (spans must be sorted and not overlap)", *s.Start, i-1)
		}
		redact := moderation.DefaultRedact(k)
		if s.Redact != nil {
			if *s.Redact && !redact {
				return c, lineErr(name, line, f+".redact", "a %s span is a flag, not a redaction", k)
			}
			redact = *s.Redact
		}
		spans = append(spans, moderation.Span{Start: bs, End: be, Kind: k, Confidence: 1,
			Source: moderation.SourceModerator, Reason: "gold", Redact: redact})
	}
	clean := len(spans) == 0
	if rec.Clean != nil && *rec.Clean != clean {
		return c, lineErr(name, line, "clean", "is %v but the story has %d spans", *rec.Clean, len(spans))
	}
	c = Case{
		Story: moderation.Story{
			ID:      moderation.StoryID(strings.TrimSpace(*rec.ID)),
			Title:   rec.Title,
			Body:    body,
			Service: rec.Service,
			Status:  moderation.StatusPending,
			Spans:   spans,
		},
		Decision: act,
		Reason:   reason,
		Notes:    rec.Notes,
		Clean:    clean,
	}
	return c, nil
}

// jsonField names the field a json error is about, or "line".
func jsonField(err error) string {
	if te, ok := err.(*json.UnmarshalTypeError); ok && te.Field != "" {
		return te.Field
	}
	return "line"
}

func jsonProblem(err error) string {
	switch e := err.(type) {
	case *json.UnmarshalTypeError:
		return fmt.Sprintf("expected %s, got a JSON %s", e.Type, e.Value)
	case *json.SyntaxError:
		return fmt.Sprintf("invalid JSON at byte %d: %v", e.Offset, e)
	}
	return "invalid JSON: " + err.Error()
}

func actionList() string {
	s := make([]string, len(moderation.Actions))
	for i, a := range moderation.Actions {
		s[i] = string(a)
	}
	return strings.Join(s, ", ")
}

func reasonList(rs []moderation.Reason) string {
	s := make([]string, len(rs))
	for i, r := range rs {
		s[i] = string(r)
	}
	return strings.Join(s, ", ")
}
