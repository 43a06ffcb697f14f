package detect_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/storydesk/storydesk/moderation"
	"github.com/storydesk/storydesk/moderation/detect"
)

// fixed is a detector that reports the spans of given substrings, for
// testing the merge policy on its own.
type fixed []struct {
	sub  string
	kind moderation.Kind
}

func (f fixed) Find(text string) []moderation.Span {
	var out []moderation.Span
	for _, x := range f {
		i := strings.Index(text, x.sub)
		if i < 0 {
			panic("substring not in text: " + x.sub)
		}
		out = append(out, moderation.Span{Start: i, End: i + len(x.sub), Kind: x.kind, Confidence: 0.8, Reason: "test"})
	}
	return out
}

func render(text string, spans []moderation.Span) string {
	var parts []string
	for _, s := range spans {
		parts = append(parts, fmt.Sprintf("%s:%s", s.Kind, text[s.Start:s.End]))
	}
	return strings.Join(parts, " | ")
}

func TestMergePolicy(t *testing.T) {
	tests := []struct {
		name, text string
		spans      fixed
		want       string
	}{
		{"swear word inside insult: larger wins",
			"that useless f***ing cow", fixed{{"f***ing", moderation.Profanity}, {"useless f***ing cow", moderation.Abuse}},
			"ABUSE:useless f***ing cow"},
		{"swear word inside threat: larger wins",
			"I’ll f***ing batter him", fixed{{"f***ing", moderation.Profanity}, {"I’ll f***ing batter him", moderation.Threat}},
			"THREAT:I’ll f***ing batter him"},
		{"name inside threat splits it",
			"I will drag Dave back by his collar", fixed{{"I will drag Dave back by his collar", moderation.Threat}, {"Dave", moderation.Person}},
			"THREAT:I will drag | PERSON:Dave | THREAT:back by his collar"},
		{"name at the start of a safeguarding clause trims it",
			"Dave’s carer slapped my mum", fixed{{"Dave’s carer slapped my mum", moderation.Safeguarding}, {"Dave", moderation.Person}},
			"PERSON:Dave | SAFEGUARDING:carer slapped my mum"},
		{"name at the end of a clause trims it",
			"He pushed Craig.", fixed{{"He pushed Craig", moderation.Safeguarding}, {"Craig", moderation.Person}},
			"SAFEGUARDING:He pushed | PERSON:Craig"},
		{"conjunctions at the cut edges are dropped",
			"He hit me and Craig and said he would do it again", fixed{{"He hit me and Craig and said he would do it again", moderation.Safeguarding}, {"Craig", moderation.Person}},
			"SAFEGUARDING:He hit me | PERSON:Craig | SAFEGUARDING:said he would do it again"},
		{"a title left before a cut name is no piece of its own",
			"Staff Nurse Daly told me she isn't a babysitter", fixed{{"Staff Nurse Daly told me she isn't a babysitter", moderation.Safeguarding}, {"Daly", moderation.Person}},
			"PERSON:Daly | SAFEGUARDING:told me she isn't a babysitter"},
		{"linking words and a title before a cut name are no piece of their own",
			"As for Mr Pyke: I’ll put him through his windscreen", fixed{{"As for Mr Pyke: I’ll put him through his windscreen", moderation.Threat}, {"Pyke", moderation.Person}},
			"PERSON:Pyke | THREAT:I’ll put him through his windscreen"},
		{"linking words alone before a cut name stay",
			"As for Pyke: I’ll put him through his windscreen", fixed{{"As for Pyke: I’ll put him through his windscreen", moderation.Threat}, {"Pyke", moderation.Person}},
			"THREAT:As for | PERSON:Pyke | THREAT:I’ll put him through his windscreen"},
		{"an owner and a relationship word before a cut name are no piece of their own",
			"My colleague Hollie was in tears after a patient shouted at her", fixed{{"My colleague Hollie was in tears after a patient shouted at her", moderation.Safeguarding}, {"Hollie", moderation.Person}},
			"PERSON:Hollie | SAFEGUARDING:was in tears after a patient shouted at her"},
		{"words that only open a clause before a cut name are no piece of their own",
			"When I asked Kelly about it she said he was hit", fixed{{"When I asked Kelly about it she said he was hit", moderation.Safeguarding}, {"Kelly", moderation.Person}},
			"PERSON:Kelly | SAFEGUARDING:about it she said he was hit"},
		{"an owner, a modifier and a role word before a cut name are no piece of their own",
			"The night carer Tom left her bell out of reach", fixed{{"The night carer Tom left her bell out of reach", moderation.Safeguarding}, {"Tom", moderation.Person}},
			"PERSON:Tom | SAFEGUARDING:left her bell out of reach"},
		{"a title-like word inside a clause stays",
			"My sister told Dave to hit her", fixed{{"My sister told Dave to hit her", moderation.Safeguarding}, {"Dave", moderation.Person}},
			"SAFEGUARDING:My sister told | PERSON:Dave | SAFEGUARDING:to hit her"},
		{"a reporting frame before a cut name goes with the statement after it",
			"When I asked her about it she said Dean keeps her card", fixed{{"When I asked her about it she said Dean keeps her card", moderation.Safeguarding}, {"Dean", moderation.Person}},
			"PERSON:Dean | SAFEGUARDING:keeps her card"},
		{"a clause ending in said before the name at its end stays",
			"I will hurt him, I said to Dave", fixed{{"I will hurt him, I said to Dave", moderation.Threat}, {"Dave", moderation.Person}},
			"THREAT:I will hurt him, I said to | PERSON:Dave"},
		{"clause that is only a name leaves the name",
			"Dave", fixed{{"Dave", moderation.Threat}, {"Dave", moderation.Person}},
			"PERSON:Dave"},
		{"famous name inside an insult belongs to the insult",
			"as thick as Homer Simpson", fixed{{"Homer", moderation.Person}, {"as thick as Homer Simpson", moderation.Abuse}},
			"ABUSE:as thick as Homer Simpson"},
		{"name inside an e-mail address",
			"jo.smith@example.com", fixed{{"smith", moderation.Person}, {"jo.smith@example.com", moderation.Email}},
			"EMAIL:jo.smith@example.com"},
		{"partial overlap: longer wins",
			"abc def ghi", fixed{{"abc def", moderation.Person}, {"def ghi jk"[:7], moderation.Address}},
			"PERSON:abc def"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := detect.NewWith(tt.spans).Detect(tt.text)
			if r := render(tt.text, got); r != tt.want {
				t.Errorf("Detect = %s; want %s", r, tt.want)
			}
			for i := 1; i < len(got); i++ {
				if got[i].Start < got[i-1].End {
					t.Errorf("spans %v and %v overlap", got[i-1], got[i])
				}
			}
			if err := moderation.CheckSpans(tt.text, got); err != nil {
				t.Errorf("CheckSpans: %v", err)
			}
		})
	}
}

func TestEngineSpansAreValid(t *testing.T) {
	e := detect.New()
	text := "My husband Dave (07700 900 184, dave.smith@example.com, @dave_s) lives at 12 Wharf Street, HX1 2BE. Dr Smith’s NHS number 943 476 5919."
	spans := e.Detect(text)
	if err := moderation.CheckSpans(text, spans); err != nil {
		t.Fatalf("CheckSpans: %v", err)
	}
	for _, s := range spans {
		if s.Reason == "" || s.Confidence <= 0 || s.Confidence > 1 || s.Source != moderation.SourceRule {
			t.Errorf("span %v: reason %q confidence %v source %q; want a reason, 0 < confidence ≤ 1, source rule", s, s.Reason, s.Confidence, s.Source)
		}
	}
	if got, want := render(text, spans), "PERSON:Dave | PHONE:07700 900 184 | EMAIL:dave.smith@example.com | HANDLE:@dave_s | ADDRESS:12 Wharf Street | POSTCODE:HX1 2BE | PERSON:Smith | NHS_NUMBER:943 476 5919"; got != want {
		t.Errorf("Detect = %s; want %s", got, want)
	}
}
