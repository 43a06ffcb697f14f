package detect

import (
	"slices"
	"testing"

	"github.com/storydesk/storydesk/moderation"
)

// modifiedInsultCases are TestModifiedInsults's table; TestTrainAbuseModel also learns from them.
var modifiedInsultCases = []struct {
	name, text string
	want       []string
}{
	{"trait and animal", "The locum was a smirking weasel from start to finish.", []string{"smirking weasel"}},
	{"tin-pot dictator", "He runs the place like a tin-pot dictator.", []string{"tin-pot dictator"}},
	{"tin-pot regime", "The tin-pot regime in the office.", nil},
	{"clueless temp", "Some clueless temp said no.", []string{"clueless temp"}},
	{"illegals", "I read that the scrounging illegals in the detention centre get seen first.", []string{"illegals"}},
	{"a sentence of its own", "She say me I worry too much. Stupid woman. She is sitting there.", []string{"Stupid woman"}},
	{"describing", "A stupid woman could see she was ill.", nil},
	{"fond", "He says the scar will make him look hard. Silly bugger.", nil},
	{"adjective and called name", "Reception is run by talentless robots.", []string{"talentless robots"}},
	{"two-word name", "Brain-dead paper pushers decided my care.", []string{"Brain-dead paper pushers"}},
	{"dehumanising", "The ward was full of crackheads, the nurse said.", []string{"crackheads"}},
	{"send back", "He said she wants shipping back to wherever she came from.", []string{"wants shipping back to wherever she came from"}},
	{"take the rest with you", "She gave me a leaflet. Go back home and take the rest of them with you.", []string{"Go back home and take the rest of them with you"}},
	{"go back home to rest", "The doctor said go back home and take the tablets with you.", nil},
	{"fresh off the boat", "The porter called him fresh off the boat.", []string{"fresh off the boat"}},
	{"useless comparison", "That GP is as much use as a chocolate fireguard.", []string{"as much use as a chocolate fireguard"}},
	{"waste of space", "The duty manager is a waste of space.", []string{"waste of space"}},
	{"waste of a good title", "He is a waste of a perfectly good lanyard.", []string{"waste of a perfectly good lanyard"}},
	{"masked compound", "It was a sh*tshow on the ward.", []string{"sh*tshow"}},

	{"old animal", "The receptionist is a bitter old trout.", []string{"bitter old trout"}},
	{"scorn and animals", "The waiting room was full of feral animals.", []string{"feral animals"}},
	{"lot of them", "Liars, the lot of them.", []string{"Liars, the lot of them"}},
	{"sending home", "Half the porters want shipping home.", []string{"shipping home"}},
	{"off the boat", "She'd just got off the boat, by the sound of her.", []string{"just got off the boat"}},
	{"escaped", "He looked like he had escaped from the zoo.", []string{"escaped from the zoo"}},
	{"couldn't with both hands", "That doctor couldn't find a vein with both hands.", []string{"couldn't find a vein with both hands"}},
	{"couldn't if it", "She couldn't spot sepsis if it waved at her.", []string{"couldn't spot sepsis if it waved at her"}},
	{"lingo", "The cleaners were jabbering in their own lingo.", []string{"jabbering in their own lingo"}},
	{"sent home", "Dad was sent home too early.", nil},
	{"nasty man", "A nasty man shouted in the waiting room.", nil},
	{"couldn't plain", "I couldn't find the clinic with the map they sent.", nil},
	{"writer insults", "I called her a miserable old trout.", []string{"miserable old trout"}},
	{"foreign chancers", "They hire foreign chancers.", []string{"foreign chancers"}},
	{"foreign nurses", "The foreign nurses were brilliant.", nil},
	{"learn English", "She should go back to Manila and learn English.", []string{"go back to Manila and learn English"}},
	{"name opening a sentence", "Roisin gave me a number to ring.", nil},
	{"contraction without apostrophe", "The nurse whos name I forget was kind.", nil},
	{"clumsy butcher", "That cack-handed butcher stitched me up.", []string{"cack-handed butcher"}},
	{"face like", "The receptionist had a face like a slapped arse.", []string{"face like a slapped arse"}},
	{"the writer's own face", "I woke up on a Saturday with a face like a hamster and a killer toothache.", nil},
	{"a face like, then and", "She had a face like a smacked arse and spent the whole time on her computer.", []string{"face like a smacked arse"}},
	{"bought degrees", "They bought their degrees off the internet.", []string{"bought their degrees off the internet"}},
	{"pussy willow", "The pussy willow by the bench came out.", nil},
	{"wastes of oxygen", "The lot on reception are wastes of oxygen.", []string{"wastes of oxygen"}},
	{"postcode district", "We live in HU5 now.", nil},
	{"writer about self", "I felt like a brainless parrot repeating my symptoms.", nil},
	{"kind words", "The little old lady next to me was lovely.", nil},
	{"expression", "He gave me a smug grin.", nil},
	{"waste of time", "The appointment was a waste of time.", nil},
	{"going back", "I went back to where I came from after the clinic closed.", nil},
	{"resus", "They took him into resus and stabilised him.", nil},
}

func TestModifiedInsults(t *testing.T) {
	tests := modifiedInsultCases
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, k := range []moderation.Kind{moderation.Abuse, moderation.Profanity} {
				got = append(got, spansOf(tt.text, k)...)
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("abuse in %q = %q, want %q", tt.text, got, tt.want)
			}
		})
	}
}
