package moderation_test

import (
	"strings"
	"testing"

	"github.com/storydesk/storydesk/moderation"
)

func TestDecisionValidate(t *testing.T) {
	body := "Zoë “Ann” Brontë 😡 rang 07700 900123."
	name := strings.Index(body, "Ann")
	phone := strings.Index(body, "07700")
	valid := func(mod func(*moderation.Decision)) moderation.Decision {
		d := moderation.Decision{ID: "d1", StoryID: "s1", Action: moderation.Publish}
		mod(&d)
		return d
	}
	red := func(start, end int, k moderation.Kind) moderation.Redaction {
		return moderation.Redaction{Start: start, End: end, Kind: k, Replacement: k.Placeholder()}
	}
	withChanges := func(rs ...moderation.Redaction) func(*moderation.Decision) {
		return func(d *moderation.Decision) {
			d.Action, d.Reason, d.Redactions = moderation.PublishWithChanges, moderation.ReasonPersonalDetails, rs
		}
	}
	tests := []struct {
		name  string
		d     moderation.Decision
		field string // "" means valid
		text  string // in the message
	}{
		{"approve", valid(func(d *moderation.Decision) {}), "", ""},
		{"approve with changes", valid(withChanges(red(name, name+3, moderation.Person), red(phone, phone+12, moderation.Phone))), "", ""},
		{"reject with reason", valid(func(d *moderation.Decision) { d.Action, d.Reason = moderation.Reject, moderation.ReasonCommercial }), "", ""},
		{"escalate with note", valid(func(d *moderation.Decision) {
			d.Action, d.Reason, d.Note = moderation.Escalate, moderation.ReasonComplex, "unsure"
		}), "", ""},
		{"override with note", valid(func(d *moderation.Decision) { d.Supersedes, d.Note = "d0", "second look" }), "", ""},

		{"missing id", valid(func(d *moderation.Decision) { d.ID = "" }), "id", "missing"},
		{"missing story", valid(func(d *moderation.Decision) { d.StoryID = "" }), "story_id", "missing"},
		{"unknown action", valid(func(d *moderation.Decision) { d.Action = "approve" }), "action", "unknown action"},
		{"reject without reason", valid(func(d *moderation.Decision) { d.Action = moderation.Reject }), "reason", "required for reject"},
		{"reason of another action", valid(func(d *moderation.Decision) {
			d.Action, d.Reason = moderation.Reject, moderation.ReasonPersonalDetails
		}), "reason", "not a reason for reject"},
		{"publish with a reason", valid(func(d *moderation.Decision) { d.Reason = moderation.ReasonCommercial }), "reason", "not allowed"},
		{"other without note", valid(func(d *moderation.Decision) { d.Action, d.Reason = moderation.Reject, moderation.ReasonOther }), "note", "other"},
		{"escalate without note", valid(func(d *moderation.Decision) { d.Action, d.Reason = moderation.Escalate, moderation.ReasonComplex }), "note", "escalate"},
		{"hold without note", valid(func(d *moderation.Decision) {
			d.Action, d.Reason = moderation.Hold, moderation.ReasonProviderNotice
		}), "note", "hold"},
		{"override without note", valid(func(d *moderation.Decision) { d.Supersedes = "d0" }), "note", "override"},
		{"note too long", valid(func(d *moderation.Decision) {
			d.Action, d.Reason, d.Note = moderation.Reject, moderation.ReasonOther, strings.Repeat("é", moderation.MaxNote)
		}), "note", "longer than"},
		{"published body not UTF-8", valid(func(d *moderation.Decision) { d.PublishedBody = "ok \xc3" }), "published_body", "UTF-8"},
		{"overlapping redactions", valid(withChanges(red(name, name+3, moderation.Person), red(name+1, phone, moderation.Address))), "redactions", "overlap"},
		{"redaction past the end", valid(withChanges(red(phone, len(body)+1, moderation.Phone))), "redactions", "outside the body"},
		{"negative redaction", valid(withChanges(red(-2, 3, moderation.Person))), "redactions", "outside the body"},
		{"empty redaction", valid(withChanges(red(name, name, moderation.Person))), "redactions", "outside the body"},
		{"redaction splits ë", valid(withChanges(red(0, 3, moderation.Person))), "redactions", "splits a character"},
		{"redaction splits the emoji", valid(withChanges(red(strings.Index(body, "😡")+2, phone, moderation.Abuse))), "redactions", "splits a character"},
		{"redaction of unknown kind", valid(withChanges(red(name, name+3, "NICKNAME"))), "redactions", "unknown kind"},
		{"approve with redactions", valid(func(d *moderation.Decision) {
			d.Redactions = []moderation.Redaction{red(name, name+3, moderation.Person)}
		}), "redactions", "takes no redactions"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.d.Validate(body)
			if tt.field == "" {
				if err != nil {
					t.Fatalf("Validate = %v; want nil", err)
				}
				return
			}
			if err == nil {
				t.Fatalf("Validate = nil; want an error naming %s", tt.field)
			}
			if got := moderation.ErrorCode(err); got != moderation.EINVALID {
				t.Errorf("code = %q; want EINVALID", got)
			}
			if got := moderation.ErrorField(err); got != tt.field {
				t.Errorf("field = %q (%v); want %q", got, err, tt.field)
			}
			if msg := err.Error(); !strings.HasPrefix(msg, tt.field+": ") || !strings.Contains(msg, tt.text) {
				t.Errorf("message = %q; want it to start with %q and say %q", msg, tt.field+": ", tt.text)
			}
			for _, secret := range []string{"Ann", "Brontë", "07700"} {
				if strings.Contains(err.Error(), secret) {
					t.Errorf("message %q holds story text %q", err, secret)
				}
			}
		})
	}
}

func TestActionStatus(t *testing.T) {
	tests := []struct {
		a    moderation.Action
		want moderation.Status
	}{
		{moderation.Publish, moderation.StatusDecided},
		{moderation.PublishWithChanges, moderation.StatusDecided},
		{moderation.Reject, moderation.StatusDecided},
		{moderation.Escalate, moderation.StatusEscalated},
		{moderation.Hold, moderation.StatusHeld},
	}
	for _, tt := range tests {
		if got := tt.a.Status(); got != tt.want {
			t.Errorf("%s.Status() = %s; want %s", tt.a, got, tt.want)
		}
	}
}
