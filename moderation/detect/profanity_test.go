package detect

import (
	"slices"
	"strings"
	"testing"

	"github.com/storydesk/storydesk/moderation"
)

// spansOf runs the abuse detector and returns the text of each span of the
// given kind.
func spansOf(text string, k moderation.Kind) []string {
	var out []string
	for _, s := range newAbuseDetector().Find(text) {
		if s.Kind == k {
			out = append(out, text[s.Start:s.End])
		}
	}
	return out
}

func TestProfanity(t *testing.T) {
	tests := []struct {
		name, text string
		want       []string
	}{
		{"plain", "How the fuck do you miss that?", []string{"fuck"}},
		{"a retort", "They said lessons will be learned. Lessons my arse.", []string{"arse"}},
		{"a retort after a comma", "Boys will be boys, my arse. If he laughs again.", []string{"arse"}},
		{"kiss his", "He says physio can kiss his arse.", []string{"kiss his arse"}},
		{"a fall is no retort", "I fell on my arse.", nil},
		{"a thing done is no retort", "He kicked my arse.", nil},
		{"a sore arse", "My arse hurts after the ride.", nil},
		{"oxygen sats", "Her sats were 92 on air so they gave her oxygen.", nil},
		{"dictionary words that hold a swear word's letters", "The council’s assistive technology team came. The scan showed a mass by the caecum, the lysis of cells and a swollen capsicum-sized node; we had a masterclass on it.", nil},
		{"a swear word inflected stays one", "He called her a whoreson and a fuckhead.", []string{"whoreson", "fuckhead"}},
		{"a swear word run together", "What a shitbag he is.", []string{"shitbag"}},
		{"scots cannae", "I cannae believe how kind they were, canna fault them.", nil},
		{"a fag break", "I'd have killed for a fag, and the porters were on a fag break.", nil},
		{"x-ray", "She went for an x-ray, then two more X-rays.", nil},
		{"an inflected ordinary word", "No tutting, and the address is written out so the bots don't get it.", nil},
		{"adjectives of ordinary words", "Biscuit sends a waggy tail, and the big baldy guy on the door waved.", nil},
		{"a number and a unit", "I did a 50-mile charity ride and a 24-hour fast.", nil},
		{"Gaelic fàg", "He said to me in Gaelic, 'Na fàg mi còmhla riutha' – don't leave me with them.", nil},
		{"a place called", "We spent a week in a village called Dildo in Newfoundland.", nil},
		{"dialect da", "Watching my da go grey in the face in a plastic chair had me raging.", nil},
		{"pedicures", "Pedis half price this week only.", nil},
		{"Black Country wench", "I've got a young wench working for me as an apprentice.", nil},
		{"letters of a batch number", "She read out the batch number, something like FK 8892 and then a long number.", nil},
		{"swearing told of", "There was a lad in the waiting room effing and blinding about the wait.", nil},
		{"molten slag", "I caught a splash of molten slag down my boot at the works.", nil},
		{"text-speak trying to", "not tryna be dramatic. just want sumone to ring me", nil},
		{"banter", "The nurses kept me going with tea and slagging, which is what you need.", nil},
		{"two little pricks", "These days it's two little pricks and I barely notice.", nil},
		{"an inflected swear word", "The fucking bots got it anyway.", []string{"fucking"}},
		{"star in middle", "It was bullsh*t from start to finish.", []string{"bullsh*t"}},
		{"stars", "Absolutely f**king shameful.", []string{"f**king"}},
		{"star vowel", "a f*cking joke", []string{"f*cking"}},
		{"trailing stars", "what the f*** is going on", []string{"f***"}},
		{"initial and stars", "It’s s***, the whole service.", []string{"s***"}}, // not the slur "spic"
		{"initial and stars again", "they don't give a s*** about her", []string{"s***"}},
		{"possessive outside", "But for f*ck's sake, talk to each other.", []string{"f*ck"}},
		{"curly possessive outside", "for f*ck’s sake", []string{"f*ck"}},
		{"leet digit", "the support at home was sh1te", []string{"sh1te"}},
		{"a number's plural", "By the second day my sugars were in the 8s, music of the 80's.", nil},
		{"Gaelic welcome", "A poster said ‘Ceud mìle fàilte’ and Céad míle fáilte.", nil},
		{"leet bang", "feeling like sh!t for hours", []string{"sh!t"}},
		{"capitals", "WHAT THE F*CK AM I SUPPOSED TO DO? THE WHOLE SYSTEM IS BOLLOCKS.", []string{"F*CK", "BOLLOCKS"}},
		{"abbreviation", "FFS. I was so pissed off.", []string{"FFS", "pissed"}},
		{"Scots drunk", "Only thing that got me was the pished boy in the next cubicle.", []string{"pished"}},
		{"wtf", "wtf is going on with the booking", []string{"wtf"}},
		{"spaced letters", "they can f u c k right off", []string{"f u c k"}},
		{"dotted letters", "absolute s.h.i.t service", []string{"s.h.i.t"}},
		{"repeated letters", "fuuuuck that hurt", []string{"fuuuuck"}},
		{"split word", "what a w anker", []string{"w anker"}},
		{"accents", "the food was shít", []string{"shít"}},
		{"arsed", "someone couldn't be arsed to look", []string{"arsed"}},
		{"compound", "he was shitfaced", []string{"shitfaced"}},
		{"hyphenated compound", "It was piss-poor and shit-hot managers would not fix it.", []string{"piss-poor", "shit-hot"}},
		{"hyphenated compound opening a sentence", "Piss-poor doesn't cover it. Twat-faced receptionist too.", []string{"Piss-poor", "Twat-faced"}},
		{"hyphenated sexual word", "What a cock-up. Cock-ups happen.", nil},
		{"respelled", "phuck this place", []string{"phuck"}},
		{"swapped letters", "fcuk the lot of them", []string{"fcuk"}},
		// policy: mild words are not profanity
		{"mild hell", "I was scared as hell.", nil},
		{"mild bloody", "It was bloody freezing and the damn rail was loose.", nil},
		{"mild crap", "crap value, if I'm honest; thank God it is over", nil},
		// medical and place words
		{"medical", "rectal bleeding, an anal fissure, my breast, both testicles and the scrotum", nil},
		{"needle", "There was one little prick, a loud wail and then a feed.", nil},
		{"a pattie", "Will I be able to have a pattie and chips from the shop on Hessle Road?", nil},
		{"cnt, text-speak for can't", "3 wk wait for the mental health team. i cnt sleep and cnt do this no more", nil},
		{"cnt, the insult", "what a cnt he is", []string{"cnt"}},
		{"a backpass", "Our centre-back shot himself in the foot with a backpass.", nil},
		{"an eye chart", "E, then F P, then T O Z, then L P E D, right down to the bottom.", nil},
		{"a letter hidden by a space", "f ck off", []string{"f ck"}},
		{"scouse, the stew", "But he's eating scouse again and the Scousers on the ward love him.", nil},
		{"a wee prick", "They gave me a wee prick of local anaesthetic into the break.", nil},
		{"finger-prick test", "They gave me a bag with kits for the finger-prick HIV test and the heel prick card.", nil},
		{"needle felt", "I felt a prick as the needle went in.", nil},
		// abbreviations that are also clinical ones, and a male bird
		{"scared af", "mum was scared af cos i was late.", []string{"af"}},
		{"AF in capitals", "Her AF is controlled now.", nil},
		{"af after a clinical word", "he has af and takes apixaban. new af was picked up on the ECG", nil},
		{"Scots aff", "The nurses were run aff their feet.", nil},
		{"bs alone", "its just links to yoga videos. bs  to be fair when i did see someone she was nice", []string{"bs"}},
		{"that's BS", "that's not triage that's BS.", []string{"BS"}},
		{"a blood sugar", "my bs was 14 this morning and bs 12.4 at tea.", nil},
		{"a load of bs", "what a load of bs that was", []string{"bs"}},
		{"Romanians in Romanian, a discount code", "Dragi români din Londra, use code ROMANIA20. I hadn't done the nasal douching properly.", nil},
		{"a swear word with digits", "what a bitch99", []string{"bitch99"}},
		{"grades counted", "The checklist came out with two As and five Bs, which meant a full assessment. She got 3 Bs.", nil},
		{"cock pheasant", "The cock pheasant that lives in our yard watched the whole thing.", nil},
		{"weather cock", "The hospice nurse showed them the weather cock on the chapel roof.", nil},
		{"a last cigarette", "They wheeled him into the garden so he could have one last fag in the sunshine.", nil},
		{"a fag break", "She nipped out for a fag break.", nil},
		{"text-speak no one", "no1 asked if i was safe or anything. did ne1 ask?", nil},
		{"slag someone off", "I'm not writing to slag anyone off. She was slagging the nurses off all night.", nil},
		{"dialect and compounds", "I'm not being mardy. I fell off a ladder in the boatyard at Whitstable.", nil},
		{"dish", "faggots and mushy peas on the Wednesday", nil},
		{"a soup and a pudding", "Cullen skink on Fridays, then clootie dumpling.", nil},
		{"an everyday word for breasts", "The radiographer said she had seen more boobs than a lingerie shop. My b00bs, my tits.", []string{"tits"}},
		{"a rash like a target", "She said a bullseye rash like that after a tick bite needs antibiotics.", nil},
		{"Scots for clothes and dirty", "The wean is going tae school in the same claes, and the close is clatty.", nil},
		{"a same-sex couple", "We were nervous about how we'd be treated as a same-sex couple.", nil},
		{"places", "I drove from Scunthorpe to Penistone, then Cockfosters, Shitterton and Essex.", nil},
		{"a Welsh word", "She pointed to things on the chart in Welsh – the tŷ, the cwch, the seren – and laughed.", nil},
		{"a headscarf", "We waited for my sister to help with the hijab.", nil},
		{"a best friend", "My bestie came with me, and the besties sat in the car.", nil},
		{"a ballcock", "The only thing that has ever tried to kill me is a seized ballcock in a loft.", nil},
		{"landmark dykes and a hamlet", "We walked up to Devil’s Dyke and along Offa's Dyke, then home to Titty Ho.", nil},
		{"a hamlet near a town", "My cousin drove me up from his place at Cocks, near Perranporth, to the clinic.", nil},
		{"a hamlet after near", "I’d been staying with a mate near Cocks, which is a real village.", nil},
		{"a hamlet after past", "My mate drove me past Cocks and on to the minor injuries unit.", nil},
		{"a cock-up", "If that butcher cocks up my dad's leg again, I'll complain.", nil},
		{"a tattoo of a bird", "I had a traditional cock and swallow done on my forearm.", nil},
		{"a cock as a slur", "He kept waving his cock at the nurses.", []string{"cock"}},
		{"Welsh fach", "Mae’r uned fach yma yn werth y byd i ni.", nil},
		{"near after a swear word", "He called me a Twat, near the door, in front of everyone.", []string{"Twat"}},
		{"spina bifida", "He's 12, has spina bifida and uses a wheelchair.", nil},
		{"gap-toothed", "He grinned with a gappy mouth.", nil},
		{"a public-address system", "The lights never go off. The tannoy never stops.", nil},
		{"ward name", "She was moved to Dick Whittington ward.", nil},
		{"painkiller", "no painkillers for six hours", nil},
		{"substrings", "an assassin with a glass of cocktail in Middlesex, analysis of a shuttlecock", nil},
		{"surname", "I saw Mr Bonner and Dr Hancock.", nil},
		{"drug", "sent home with co-codamol and fucidin cream", nil},
		{"kisses", "Thanks again xxx", nil},
		{"drawing", "lol 8===D", []string{"8===D"}},
		{"not a drawing", "dose = 5mg; A==B; x = 3", nil},
		{"name with comma", "Dick, the volunteer driver, was brilliant.", nil},
		{"handle", "I post as @retired_rob_55 on X.", nil},
		{"numbers", "A55 road, room 101, 3am", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := spansOf(tt.text, moderation.Profanity)
			if !slices.Equal(got, tt.want) {
				t.Errorf("profanity in %q = %q; want %q", tt.text, got, tt.want)
			}
		})
	}
}

func TestProfanityReasonsHideText(t *testing.T) {
	text := "bullsh*t, fuck, FFS, sh1te, the dozy bastards"
	for _, s := range newAbuseDetector().Find(text) {
		word := strings.ToLower(text[s.Start:s.End])
		if strings.Contains(strings.ToLower(s.Reason), word) {
			t.Errorf("reason %q contains the matched text %q", s.Reason, word)
		}
		if s.Reason == "" || s.Confidence <= 0 || s.Confidence > 1 {
			t.Errorf("span %v: reason %q confidence %v; want a reason and 0 < confidence <= 1", s, s.Reason, s.Confidence)
		}
	}
}

// slurCases are TestSlurIsAbuse's table; abuseCaseExamples trains the
// abuse model on them too ("The daft cow had me black and blue" is a
// heifer).
var slurCases = []struct {
	text string
	want []string
}{
	{"he called him a p*ki in the waiting room", []string{"p*ki"}},
	{"There was a chink of light under the door. Her Maine Coon is called Max. They sang negro spirituals.", nil},
	{"He called the nurse a chink.", []string{"chink"}},
	{"he called him a “P*ki” all night", []string{"P*ki"}}, // a capital with a '*' is no name
	{"they were acting like a pair of spackers", []string{"spackers"}},
	{"we saw Dr S*** on Tuesday", nil},                   // a name cut to its initial
	{"he showed me how to use the spacer properly", nil}, // an inhaler spacer
	{"Waited two hours to see a foreign quack.", []string{"foreign quack"}},
	{"I lost four months of my life to that clown.", []string{"clown"}},
	{"The circus had a clown.", nil},
	{"The valve they put in was a pig's valve.", nil},
	{"By the time I got through, the gormless clot on the phone told us nothing.", []string{"gormless clot"}},
	{"She's an absolute rocket, honest to God.", []string{"rocket"}},
	{"It's not rocket science, just ring her back.", nil},
	{"They sent a clot-busting drug straight away.", nil},
	{"My baby was fine in the end, no thanks to that witch.", []string{"witch"}},
	{"She dressed as a witch for the ward party.", nil},
	{"See if that jakey touches ma wean again.", []string{"jakey"}},
	{"The receptionist was a gum-chewing airhead.", []string{"gum-chewing airhead"}},
	{"the dentist is a greedy money grabbing parasite.", []string{"greedy money grabbing parasite"}},
	{"The home near Builth has started bringing animals in once a month from a care farm.", nil},
	{"The bed wetting coward never came back.", []string{"bed wetting coward"}},
	{"bunch of crooks the lot of them.", []string{"crooks"}},
	{"you dont need some jumped up receptionist making it worse.", []string{"jumped up receptionist making it worse"}},
	{"The receptionist jumped up to help.", nil},
	{"The male nurse was as camp as a row of tents.", []string{"as camp as a row of tents"}},
	{"We went to scout camp as a family.", nil},
	{"Honestly the foreign quack should go back to Nigeria where she trained.", []string{"should go back to Nigeria where she trained", "foreign quack"}},
	{"She went back to Leeds where she trained.", nil},
	{"We watched chemsex awareness videos in the clinic.", nil},
	{"My sister was Donkey and she has not stopped talking about it.", nil}, // a part in a panto
	{"I was tagging calves and one of the heifers caught me. The daft cow had me black and blue.", nil},
	{"The receptionist is a daft cow.", []string{"daft cow"}},
	{"She walked along the top of a dry stone dyke and came off it.", nil},
	{"He has hereditary spastic paraplegia.", nil},
	{"He called my son a spastic.", []string{"spastic"}},
	{"My son fell off a dyke and broke his arm.", nil}, // a bank or ditch
	{"She called me a dyke in front of the whole ward.", []string{"dyke"}},
	{"She explained the difference between refusing treatment and wanting to end your life.", nil},
	{"You should just end your life.", []string{"end your life"}},
	{"They ask the questions - any thoughts of harming yourself, any plans to end your life - and I could say no.", nil},
	{"Diolch i’n nyrsys am bopeth", nil},                                      // Welsh "i'n" is a word
	{"It gets better. Tanni Grey-Thompson said something on the telly.", nil}, // a first name that sounds like a slur
	{"The GP is a fat hypocrite who couldn't climb a flight of stairs.", []string{"fat hypocrite"}},
	{"I felt like a hypocrite asking for help.", nil},
}

func TestSlurIsAbuse(t *testing.T) {
	for _, tt := range slurCases {
		if got := spansOf(tt.text, moderation.Abuse); !slices.Equal(got, tt.want) {
			t.Errorf("abuse in %q = %q; want %q", tt.text, got, tt.want)
		}
	}
}

// TestStrongHeadsCoverStrongParts checks that split's gate lets through
// every word that strongPart accepts, so that gating changes no verdict.
func TestStrongHeadsCoverStrongParts(t *testing.T) {
	l := abuseLex()
	if l.strongHeads == nil {
		t.Fatal("got no strongHeads, want the gate built")
	}
	n := 0
	for w, e := range l.words {
		if !strongPart(w, e) {
			continue
		}
		n++
		if !l.strongHead(w) || !l.strongHead(w+"xyz") {
			t.Errorf("strongHead(%q) = false, want true", w)
		}
	}
	if n == 0 {
		t.Fatal("got no strongPart words, want some")
	}
	if l.strongHead("zzqzz") {
		t.Errorf("strongHead(%q) = true, want false", "zzqzz")
	}
}
