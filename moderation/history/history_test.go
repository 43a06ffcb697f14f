package history

import (
	"bytes"
	"encoding/csv"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/storydesk/storydesk/moderation"
)

var t0 = time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC) // a Monday

func story(id, title, service string, spans ...moderation.Span) *moderation.Story {
	return &moderation.Story{ID: moderation.StoryID(id), Title: title, Service: service,
		Body: "Dr Ann Lee was kind. Call 07700 900184.", Spans: spans}
}

func flag(k moderation.Kind, s, e int) moderation.Span {
	return moderation.Span{Start: s, End: e, Kind: k, Source: moderation.SourceRule, Redact: true}
}

func dec(id, storyID, mod string, a moderation.Action, r moderation.Reason, at time.Duration, reds ...moderation.Redaction) moderation.Decision {
	return moderation.Decision{ID: id, StoryID: moderation.StoryID(storyID), Moderator: mod, Action: a, Reason: r,
		DecidedAt: t0.Add(at), Redactions: reds}
}

func fixture() []Entry {
	s1 := story("s1", "Kind doctor in A&E", "Riverside A&E", flag(moderation.Person, 3, 10), flag(moderation.Phone, 26, 39))
	s2 := story("s2", "Long wait at the GP", "Hill Surgery")
	s3 := story("s3", "Worried about Mum", "Oak Care Home", moderation.Span{Start: 0, End: 5, Kind: moderation.Safeguarding, Source: moderation.SourceRule})
	return []Entry{
		{dec("d1", "s1", "amira", moderation.PublishWithChanges, moderation.ReasonPersonalDetails, 0,
			moderation.Redaction{Start: 3, End: 10, Kind: moderation.Person}), s1},
		{dec("d2", "s2", "ben", moderation.Publish, "", 5*time.Minute), s2},
		{dec("d3", "s3", "amira", moderation.Escalate, moderation.ReasonSafeguardingAbuse, 10*time.Minute), s3},
		{dec("d4", "s2", "amira", moderation.Reject, moderation.ReasonCommercial, 8*24*time.Hour), s2},
		{dec("d5", "x9", "ben", moderation.Hold, moderation.ReasonSeriousAllegation, 9*24*time.Hour), nil},
	}
}

func ids(es []Entry) []string {
	var out []string
	for _, e := range es {
		out = append(out, e.Decision.ID)
	}
	return out
}

func TestFilter(t *testing.T) {
	es := fixture()
	es[4].Decision.PublishedTitle = "Held story title"
	tests := []struct {
		name string
		f    Filter
		want []string
	}{
		{"none", Filter{}, []string{"d1", "d2", "d3", "d4", "d5"}},
		{"moderator any case", Filter{Moderator: " Amira"}, []string{"d1", "d3", "d4"}},
		{"action", Filter{Action: moderation.Publish}, []string{"d2"}},
		{"reason", Filter{Reason: moderation.ReasonCommercial}, []string{"d4"}},
		{"flag kind", Filter{Kind: moderation.Phone}, []string{"d1"}},
		{"safeguarding flags", Filter{Kind: moderation.Safeguarding}, []string{"d3"}},
		{"date range, until exclusive", Filter{Since: t0.Add(5 * time.Minute), Until: t0.Add(8 * 24 * time.Hour)}, []string{"d2", "d3"}},
		{"service substring", Filter{Service: "surgery"}, []string{"d2", "d4"}},
		{"title text", Filter{Text: "A&E"}, []string{"d1"}},
		{"published title when story unknown", Filter{Text: "held story"}, []string{"d5"}},
		{"combined", Filter{Moderator: "amira", Service: "hill"}, []string{"d4"}},
		{"nothing", Filter{Moderator: "zed"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := ids(Apply(es, tt.f)); !slices.Equal(got, tt.want) {
				t.Errorf("Apply(%+v) = %v; want %v", tt.f, got, tt.want)
			}
		})
	}
}

func TestSort(t *testing.T) {
	tests := []struct {
		c    Column
		desc bool
		want []string
	}{
		{ColDate, true, []string{"d5", "d4", "d3", "d2", "d1"}},
		{ColDate, false, []string{"d1", "d2", "d3", "d4", "d5"}},
		{ColModerator, false, []string{"d4", "d3", "d1", "d5", "d2"}}, // amira (newest first), ben
		{ColAction, false, []string{"d3", "d5", "d2", "d1", "d4"}},
		{ColFlags, true, []string{"d1", "d3", "d5", "d4", "d2"}},
		{ColTitle, false, []string{"d5", "d1", "d4", "d2", "d3"}},
	}
	for _, tt := range tests {
		t.Run(tt.c.Name(), func(t *testing.T) {
			es := fixture()
			Sort(es, tt.c, tt.desc)
			if got := ids(es); !slices.Equal(got, tt.want) {
				t.Errorf("Sort(%s, desc=%v) = %v; want %v", tt.c.Name(), tt.desc, got, tt.want)
			}
		})
	}
}

func TestOverridesAndEscalations(t *testing.T) {
	es := fixture()
	if got := ids(Escalations(es)); !slices.Equal(got, []string{"d3", "d5"}) {
		t.Errorf("Escalations = %v; want [d3 d5] (safeguarding first)", got)
	}
	o := Override(es[2].Decision, "d6", "sam", t0.Add(time.Hour))
	if o.Supersedes != "d3" || o.StoryID != "s3" || o.Moderator != "sam" {
		t.Fatalf("Override = %+v; want supersedes d3 on s3 by sam", o)
	}
	o.Action, o.Reason = moderation.Reject, moderation.ReasonLegalProcess
	if err := o.Validate(es[2].Story.Body); moderation.ErrorField(err) != "note" {
		t.Errorf("override without note: %v; want a note error", err)
	}
	o.Note = "police involved"
	if err := o.Validate(es[2].Story.Body); err != nil {
		t.Errorf("override with note: %v", err)
	}
	es = append(es, Entry{o, es[2].Story})
	if got := ids(Escalations(es)); !slices.Equal(got, []string{"d5"}) {
		t.Errorf("Escalations after override = %v; want [d5]", got)
	}
	if got := SupersededBy(es)["d3"]; got != "d6" {
		t.Errorf("SupersededBy[d3] = %q; want d6", got)
	}
	if got := ids(Later(es, es[1].Decision)); !slices.Equal(got, []string{"d4"}) {
		t.Errorf("Later(d2) = %v; want [d4]", got)
	}
	if got := ids(Later(es, es[2].Decision)); !slices.Equal(got, []string{"d6"}) {
		t.Errorf("Later(d3) = %v; want [d6]", got)
	}
	if got := ids(Current(es)); !slices.Equal(got, []string{"d1", "d4", "d5", "d6"}) {
		t.Errorf("Current = %v; want [d1 d4 d5 d6]", got)
	}
}

func TestFigures(t *testing.T) {
	figs := Figures(fixture())
	if len(figs) != 4 {
		t.Fatalf("figures = %d; want 4 (amira ×2 weeks, ben ×2 weeks): %+v", len(figs), figs)
	}
	a := figs[0] // amira, week of t0: d1 at 0, d3 at +10m
	if a.Moderator != "amira" || !a.Week.Equal(t0.Add(-9*time.Hour)) || a.Decided != 2 {
		t.Errorf("first figure = %+v; want amira, week 2026-11-02, 2 decided", a)
	}
	if a.Share(moderation.Escalate) != 0.5 || a.MedianTime != 10*time.Minute || a.Timed != 1 {
		t.Errorf("amira: escalate share %v, median %v (%d); want 0.5, 10m (1)", a.Share(moderation.Escalate), a.MedianTime, a.Timed)
	}
	// s1: person redacted (accepted), phone not (dismissed); s3: safeguarding escalated (accepted)
	if a.Shown != 3 || a.Accepted != 2 || a.Dismissed != 1 {
		t.Errorf("amira flags shown/accepted/dismissed = %d/%d/%d; want 3/2/1", a.Shown, a.Accepted, a.Dismissed)
	}
	if b := figs[3]; b.Moderator != "ben" || b.Decided != 1 || b.MedianTime != 0 {
		t.Errorf("ben week 2 = %+v; want 1 decided, no timing (gap over MaxGap)", b)
	}
	// Sunday 23:59 belongs to the week starting the Monday before
	if got := WeekOf(time.Date(2026, 11, 8, 23, 59, 0, 0, time.UTC)); !got.Equal(time.Date(2026, 11, 2, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("WeekOf(Sunday) = %v; want 2026-11-02", got)
	}
}

func TestWriteCSV(t *testing.T) {
	es := fixture()[:1]
	es[0].Decision.Note = "=HYPERLINK(\"x\")"
	var buf bytes.Buffer
	if err := WriteCSV(&buf, es); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(buf.String(), "07700") {
		t.Error("CSV holds story body text")
	}
	rows, err := csv.NewReader(&buf).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"d1", "s1", "2026-11-02T09:00:00Z", "amira", "publish_with_changes", "personal_details", "",
		"Kind doctor in A&E", "Riverside A&E", "2", "PERSON PHONE", "1", "1", "PERSON", "'=HYPERLINK(\"x\")"}
	if len(rows) != 2 || !slices.Equal(rows[1], want) {
		t.Errorf("rows = %q; want header and %q", rows, want)
	}
	buf.Reset()
	if err := WriteFiguresCSV(&buf, Figures(fixture())); err != nil {
		t.Fatal(err)
	}
	if got := strings.Split(buf.String(), "\n")[1]; got != "amira,2026-11-02,2,0.000,0.500,0.000,0.500,0.000,600,3,2,1" {
		t.Errorf("figures row = %q", got)
	}
}

func TestDiff(t *testing.T) {
	body := "Zoë rang 07700 900184 twice."
	// "Zoë" is 4 bytes
	reds := []moderation.Redaction{
		{Start: 10, End: 22, Kind: moderation.Phone, Replacement: "[phone number removed]"},
		{Start: 0, End: 4, Kind: moderation.Person, Replacement: "[name removed]"},
	}
	d := moderation.Decision{Redactions: reds, PublishedBody: "[name removed] rang [phone number removed] twice."}
	o, p, exact := Diff(body, d)
	if !exact {
		t.Fatal("Diff not exact for a body made by its redactions")
	}
	if Join(o) != body || Join(p) != d.PublishedBody {
		t.Errorf("sides = %q / %q; want the original and the published text", Join(o), Join(p))
	}
	var changed []string
	for _, s := range o {
		if s.Changed {
			changed = append(changed, string(s.Kind)+":"+s.Text)
		}
	}
	if want := []string{"PERSON:Zoë", "PHONE:07700 900184"}; !slices.Equal(changed, want) {
		t.Errorf("marked on the original = %q; want %q", changed, want)
	}

	// hand-edited text falls back to a word diff
	d.PublishedBody = "[name removed] rang [phone number removed] once."
	o, p, exact = Diff(body, d)
	if exact {
		t.Error("Diff exact for a hand-edited text")
	}
	if Join(o) != body || Join(p) != d.PublishedBody {
		t.Errorf("word diff sides = %q / %q", Join(o), Join(p))
	}
	var gone, added []string
	for _, s := range o {
		if s.Changed {
			gone = append(gone, s.Text)
		}
	}
	for _, s := range p {
		if s.Changed {
			added = append(added, s.Text)
		}
	}
	if !slices.Contains(gone, "twice.") || !slices.Contains(added, "once.") || slices.Contains(gone, " rang ") {
		t.Errorf("word diff removed %q, added %q; want twice. → once. and rang kept", gone, added)
	}
}
