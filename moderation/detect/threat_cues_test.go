package detect

import "testing"

// cueThreatens runs only the weighed threat rule over text.
func cueThreatens(text string) bool {
	lx := abuseLex()
	toks := splitWordsInto(nil, text, lx, unknownWords{}, getWordCache(lx))
	return len(findCueThreats(toks, cueMasks(toks, nil), nil)) > 0
}

func TestCueThreats(t *testing.T) {
	tests := []struct {
		name, text string
		want       bool
	}{
		// threats made for others, by others, or veiled
		{"his jaw after his hanging up", "If he hangs up on her again I'll wait for him after work and break his jaw.", true},
		{"his own jaw", "If he falls off that ladder again he'll break his jaw.", false},
		{"laughing at", "I will break that man's jaw the next time I see him laughing at my brother.", true},
		{"laughing banter", "We were laughing that I'd break his jaw at the darts.", false},
		{"very careful walking to his car", "If I ever find out who he is, he wants to be very careful walking to his car after his shift.", true},
		{"looking over her shoulder", "That nurse wants to keep looking over her shoulder on the way home from nights.", true},
		{"looking over her shoulder, a victim", "She has to keep looking over her shoulder because of her ex.", false},
		{"wants to keep", "She wants to keep her independence and will be going home on Friday.", false},
		{"remember that I know", "She should remember that I know which school her kids go to.", true},
		{"lays a finger on", "Anyone who lays a finger on my sister again will be leaving that building in an ambulance.", true},
		{"leaving in an ambulance", "He will be leaving in an ambulance at three.", false},
		{"which door, waiting for her", "I've worked out which door the midwives use, and one of these mornings I'll be standing at it waiting for her.", true},
		{"finished with him", "When I've finished with him, he'll be needing a bed on his own ward.", true},
		{"teeth off the pavement", "The next time I see her in town, she'll be picking her teeth up off the pavement.", true},
		{"better pray", "That doctor had better pray he never bumps into me outside that surgery.", true},
		{"a little visit", "I'll be paying her a little visit one of these nights.", true},
		{"a little visit to Nan", "I'll be paying Nan a little visit on Sunday.", false},
		{"frightened one of these nights", "I'm frightened that one of these nights I'm going to lose it and hurt him.", false},
		{"accidents in dark car parks", "That car park is very dark when he finishes, and accidents happen on dark car parks.", true},
		{"accidents happen", "Accidents happen, the nurse said, and she will fill in a form.", false},
		{"not the one ringing", "I wouldn't be surprised if that place went up in smoke one night, and I wouldn't be the one ringing the fire brigade.", true},
		{"careful on the ice", "Mum wants to be careful walking on the ice with her hip.", false},
		{"careful advice", "You want to be careful with paracetamol. She should think about that before she signs.", false},
		{"won't be me", "Someone will get hurt and it won't be me.", true},
		{"won't be mine", "There'll be blood on that floor and it won't be mine.", true},
		{"won't be me innocent", "Someone has to tell Dad, and it won't be me.", false},
		{"shame if anything happened", "She has two lovely kids and it would be a shame if anything happened to them.", true},
		{"leaving in a box", "If he comes near her again he will be leaving in a box.", true},
		{"leaving the house in a box", "Grandad always said he would only be leaving the house in a box.", false},
		{"not be walking out", "I'll be waiting for him in the car park and he'll not be walking out of it.", true},
		{"walking back down the stairs", "Next time she knocks she won't be walking back down those stairs in one piece.", true},
		{"walking again", "The physio said she won't be walking again for weeks.", false},
		{"will be waiting", "I will be waiting in the car park for her and she will regret it.", true},
		{"will be waiting innocent", "I will be waiting in the car park for her when she finishes.", false},
		{"not walk away", "I'll be waiting for her in the car park and she'll not walk away from it.", true},
		{"find him in that car park", "I'll find him in that car park and he'll be eating his own words.", true},
		{"sitting in that car park", "I'll be sitting in that car park until he turns up, and he'll leave in an ambulance.", true},
		{"waiting to collect", "I'll be waiting in the car park to collect her at five.", false},
		{"waiting for her", "I'll be waiting for her in the car park.", false},
		{"could not find him", "I couldn't find him anywhere in the car park, he'll be cross.", false},
		{"find him tell me to my face", "I've got his name and I'll find him, and he can tell me to my face how busy he was.", true},
		{"a bed found", "The nurse said she will find him a bed on another ward.", false},
		{"when you lock up", "I'll be waiting outside when you lock up and we can sort it out properly.", true},
		{"walking to your car", "Remember my face, because I'll remember yours when you're walking to your car.", true},
		{"see what happens innocent", "Keep doing these every day and you'll see what happens.", false},
		{"can't use her hands", "She has MND and can't use her hands any more.", false},
		{"hands", "If he has touched her, I'll make sure he can't use his hands again.", true},
		{"hammer", "If those lads are still there on Saturday, I'll take a hammer to the lot of them.", true},
		{"hammer innocent", "Dad will take a hammer and nails to fix the ramp.", false},
		{"bringing my brother", "Next week I'm bringing my brother and we'll see if he shrugs then.", true},
		{"bringing my brother innocent", "Next week I'm bringing my brother to the appointment.", false},
		{"when his shift ends", "I'll be waiting for him in the car park when his shift ends.", true},
		{"waiting for Mum", "I will be waiting for Mum in the car park when her shift ends, then we go shopping.", false},
		{"accidents for less", "People have had accidents for less than what she put us through.", true},
		{"which estate", "I know which estate she lives on and I'm not someone who forgets a face.", true},
		{"which ward", "I know which ward she is on, so I will be visiting her at seven.", false},
		{"your girls", "I know your two girls go to Greenfield Primary.", true},
		{"if I were you", "If I were you I'd ask for a second opinion.", false},
		{"more than a doctor", "When he comes out to his car tonight he'll need more than a doctor.", true},
		{"burn that place", "If that ring doesn't turn up by Friday I will burn that place to the ground.", true},
		{"hurt in that shop", "Someone is going to get hurt in that shop and it won't be me.", true},
		{"hurt on the stairs", "Someone is going to get hurt on those stairs, they are so icy.", false},
		{"me doing it", "Someone in that control room is going to get hurt over this, and it'll be me doing it.", true},
		{"waiting by his car", "When he finishes his shift tonight, I'll be waiting by his car and he won't be walking away from it.", true},
		{"waiting by his car for a lift", "Dad will be waiting by his car to give you a lift.", false},
		{"by his tie", "I swear I will drag the first manager I find out of that control room by his tie.", true},
		{"pay her a visit", "I will find out where she lives and pay her a visit myself.", true},
		{"pay her a visit with flowers", "I'll pay her a visit on Sunday with some flowers.", false},
		{"better watch themselves", "They'd better watch themselves next time they come round the estate.", true},
		{"which car is hers", "I know which car is hers.", true},
		{"gets in my way", "Next time I will take him, and anyone who gets in my way will get hurt.", true},
		{"put that man through", "I will go down to that surgery and put that man through the window.", true},
		{"for others", "My cousins are going to smash that receptionist's teeth in.", true},
		{"someone should", "Someone ought to break that consultant's nose for him.", true},
		{"veiled car", "I know what car he drives and he will regret ever crossing me.", true},
		{"veiled piece", "Next time he won't be walking out of that surgery in one piece, just wait.", true},
		{"pay for it", "Whoever lost my scans is going to pay for it with their kneecaps.", true},
		{"through a window", "I'll put her through the reception window.", true},
		{"knock yours out", "I swear I will knock yours out.", true},
		{"not responsible", "I won't be responsible for what I do if I see him near her again.", true},
		{"not responsible for delays", "The pharmacy said they won't be responsible for delays in the post.", false},
		{"someone through the window", "I will come down there and put someone through the window.", true},
		{"light through the window", "The sun came through the window and someone opened it.", false},
		{"down the stairs", "If they hurt Mum again I'll throw them down the stairs myself.", true},
		{"fell down the stairs", "He fell down the stairs at home and they kept him in.", false},
		{"accidents happen, reassured", "The nurses were lovely and they reassured me accidents happen.", false},
		{"accidents happen to people like him", "Accidents happen to people like him, you know.", true},
		{"won't be laughing", "ill be waiting for her in that car park when she finishes and she wont be laughing then", true},
		{"won't walk away", "I'll be waiting for them outside the control room and they won't walk away from it.", true},
		{"what pain feels like", "I'll be in that car park when he comes out and he'll find out what pain feels like.", true},
		{"won't be driving anywhere", "I'll be waiting by his car and he won't be driving anywhere for a while.", true},
		{"won't be walking after surgery", "He won't be walking anywhere for a while after the knee operation, the surgeon said.", false},
		{"out through the window", "If she does that again I'll throw her out through the front window.", true},
		{"wring her neck", "I'm going to come over that desk and wring her neck.", true},
		{"wring out", "I had to wring out my wet clothes in the sink.", false},
		{"set the dog on", "If she says that again I'll set the dog on her.", true},
		{"walk the dog", "I'll walk the dog on her ward's lawn if they let me.", false},
		{"burn with him inside", "I will burn that place to the ground with him inside it.", true},
		{"lucky if", "He'll be lucky if he walks out of there in one piece.", true},
		{"knows where she parks", "I know where she parks every morning and I know what time she leaves.", true},
		{"brick", "I'm putting a brick through their surgery window tonight.", true},
		{"accidents happen", "Accidents happen to nurses like her.", true},
		{"careful", "That GP better be careful in the car park at night.", true},
		{"what's coming", "The manager will get what's coming to him.", true},
		// figures of speech, accidents, treatment and the writer's own body
		{"own leg", "I'm going to break my leg on those stairs one day.", false},
		{"his own neck", "He'll break his neck if they don't fix that step.", false},
		{"treatment", "The surgeon will break the bone again and reset it.", false},
		{"record", "She is going to smash the record for the fastest discharge.", false},
		{"news", "The doctor will break the news to him gently.", false},
		{"fall", "If she falls she will hurt her head, so please fix the rail.", false},
		{"complaint", "I will make them pay for parking refunds through PALS.", false},
		{"praise", "They will be sorely missed and I'll never forget her face.", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := cueThreatens(tt.text); got != tt.want {
				t.Errorf("threat rule on %q flagged = %v, want %v", tt.text, got, tt.want)
			}
		})
	}
}
