package detect

import (
	"testing"

	"github.com/storydesk/storydesk/moderation"
)

// TestJest checks that violent words said in jest are not flagged, and
// that the same words said in earnest still are.
func TestJest(t *testing.T) {
	cases := []struct {
		name, text string
		flagged    bool // a THREAT or SAFEGUARDING span is wanted
	}{
		{"retracted", "His brother finished the last of the cake while he was in A&E. I’ll kill him. Not really.", false},
		{"murder a pint", "When he told one of the nurses he'd murder a pint of Henderson's with his tea she laughed.", false},
		{"murder one after a food", "Give the volunteers a bacon roll next home game – I’d murder one myself after three hours in that wind.", false},
		{"murder one of them after a food", "They ate my bacon roll in front of me. I’d murder one of them if I could.", true},
		{"kill one after a drink", "They left Mum without a drink all day. Next time I'll kill one, I swear.", true},
		{"he was joking", "The conductor said he'd kill me if I gasped in the quiet bit again. He was joking, mostly.", false},
		{"he was not joking", "He said he would kill me if I told anyone. He was not joking.", true},
		{"not retracted", "His brother hit him again while he was in A&E. I’ll kill him.", true},
		{"a long reply is no retraction", "He said he would kill me if I told anyone. Not really what you want to hear from your husband.", true},
		{"no violent word", "Did anyone turn her in the night to stop the sores? Not really. She was left in the same position for fourteen hours.", true},
		{"the bay in stitches", "He said, “I’ll kill you if you tell my wife,” and the whole bay was in stitches.", false},
		{"stitches in earnest", "He said, “I’ll kill you if you tell anyone about this,” and I was too scared to say anything.", true},
		{"at dominoes", "My friend always says he will beat me up at dominoes and he never does.", false},
		{"beat me up", "My brother says he will beat me up if I tell the staff what he does.", true},
		{"won a race", "He told her he would race her to the end of the corridor. She beat him, or he let her think she did.", false},
		{"beat up after a race", "They raced to the car. He beat her up when they got home.", true},
		{"beat with a belt after a race", "They raced to the car. He beat her with a belt when they got home.", true},
		{"beat after a game", "We played a game of cards. Then the carer beat him.", true},
		{"over my dead body", "When the doctor suggested a syringe driver for the morphine he said, “Over my dead body,” and then laughed.", false},
		{"kill me if I forgot", "He would kill me if I forgot to pick up his tablets before the bank holiday.", false},
		{"kill me if I told", "He would kill me if I told anyone what he does to me at night.", true},
		{"could have throttled", "I could have throttled him, but the midwife laughed so much she had to sit down.", false},
		{"will throttle", "I will throttle him the next time he leaves her like that.", true},
		{"murder for a", "I’d murder anyone for a decent night’s sleep, as my husband will tell you.", false},
		{"murder anyone who", "I’ll murder anyone who lays a finger on my mum again.", true},
	}
	e := New()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var got []string
			for _, s := range e.Detect(c.text) {
				if s.Kind == moderation.Threat || s.Kind == moderation.Safeguarding {
					got = append(got, string(s.Kind)+" "+c.text[s.Start:s.End])
				}
			}
			if (len(got) > 0) != c.flagged {
				t.Errorf("got %q, want flagged %v", got, c.flagged)
			}
		})
	}
}
