package detect

import (
	"testing"

	"github.com/storydesk/storydesk/moderation"
)

func TestSentenceCase(t *testing.T) {
	tests := []struct{ in, want string }{
		{"MY SON CALUM IS 16. FIVE WEEKS AGO HE TOOK AN OVERDOSE.", "My son Calum is 16. Five weeks ago he took an overdose."},
		{"THE SECURITY GUARD, DARREN, TOLD ME TO SIT DOWN. I WAS CALM.", "The security guard, Darren, told me to sit down. I was calm."},
		{"WE SAW DR PATEL AT THE NHS WALK-IN AND A NURSE.", "We saw Dr Patel at the NHS walk-in and a nurse."},
		{"I'M NOT HAPPY, WILL SAYS.", "I'm not happy, will says."},
	}
	for _, tt := range tests {
		got := sentenceCase(tt.in)
		if got != tt.want {
			t.Errorf("sentenceCase(%q) = %q, want %q", tt.in, got, tt.want)
		}
		if len(got) != len(tt.in) {
			t.Errorf("sentenceCase(%q) changed the length", tt.in)
		}
	}
}

func TestShouted(t *testing.T) {
	caps := "MY SON CALUM IS 16. FIVE WEEKS AGO HE TOOK AN OVERDOSE AND WAS SEEN IN A&E BY A LOVELY DOCTOR WHO TOOK HIM SERIOUSLY AND THEN NOTHING."
	if !shouted(caps) {
		t.Errorf("shouted(%q) = false", caps)
	}
	mixed := "We saw the NHS team and the GP at the A&E department, and they were kind to us all the way through the night and the morning after."
	if shouted(mixed) {
		t.Errorf("shouted(%q) = true", mixed)
	}
	if shouted("PLEASE READ THIS") {
		t.Error("a short heading in capitals read as a shouted story")
	}
}

// TestShoutedNames checks that the names of a story written in capitals
// are found, and that its other spans keep their offsets.
func TestShoutedNames(t *testing.T) {
	text := "MY SON CALUM IS 16. FIVE WEEKS AGO HE TOOK AN OVERDOSE AND WAS SEEN IN A&E. WHEN I ASKED FOR THE NURSE IN CHARGE THE SECURITY GUARD, DARREN, TOLD ME TO SIT DOWN AND CALM DOWN. I WAS CALM. SOMEBODY PHONE ME. 07700 900 418.\n\nDOUGIE MACKAY"
	var names []string
	for _, s := range New().Detect(text) {
		if s.Kind == moderation.Person {
			names = append(names, text[s.Start:s.End])
		}
	}
	want := []string{"CALUM", "DARREN", "DOUGIE MACKAY"}
	if len(names) != len(want) {
		t.Fatalf("names in a shouted story = %q, want %q", names, want)
	}
	for i := range want {
		if names[i] != want[i] {
			t.Errorf("names in a shouted story = %q, want %q", names, want)
		}
	}
}
