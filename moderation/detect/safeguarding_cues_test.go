package detect

import (
	"slices"
	"testing"

	"github.com/storydesk/storydesk/moderation"
)

// cueFlags runs only the warning-sign rule over text and reports whether it
// flagged anything.
func cueFlags(text string) bool {
	lx := abuseLex()
	toks := splitWordsInto(nil, text, lx, unknownWords{}, getWordCache(lx))
	var tallies []sentenceTally
	return len(findCueSafeguarding(toks, cueMasks(toks, nil), false, &tallies)) > 0
}

func TestCarerStrain(t *testing.T) {
	tests := []struct {
		name, text string
		want       []string
	}{
		{"fear of hurting", "Some nights I am so tired I'm frightened I'll hurt him.", []string{"I am so tired I'm frightened I'll hurt him"}},
		{"lose it", "I'm worried I will lose it with Mum one day.", []string{"I'm worried I will lose it with Mum one day"}},
		{"fear of treatment", "I'm scared the injection will hurt him.", nil},
		{"fear of pain", "I was scared it would hurt.", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := spansOf(tt.text, moderation.Safeguarding)
			if !slices.Equal(got, tt.want) {
				t.Errorf("safeguarding in %q = %q, want %q", tt.text, got, tt.want)
			}
			if th := spansOf(tt.text, moderation.Threat); tt.want != nil && th != nil {
				t.Errorf("threat in %q = %q, want none", tt.text, th)
			}
		})
	}
}

// A strong sign alone counts only beside another concern in the text.
func TestCueSafeguardingSupport(t *testing.T) {
	alone := "He has marks on both wrists now."
	if got := spansOf(alone, moderation.Safeguarding); got != nil {
		t.Errorf("safeguarding in %q = %q, want none", alone, got)
	}
	with := "The carer slapped him across the face. He has marks on both wrists now."
	if got := spansOf(with, moderation.Safeguarding); len(got) != 2 {
		t.Errorf("safeguarding in %q = %q, want both sentences", with, got)
	}
}

// cueSafeguardingCases are the table of TestCueSafeguarding (and examples
// for the sentence model).
var cueSafeguardingCases = []struct {
	name, text string
	want       bool
}{
	{"tablets put by, waiting", "I've bought paracetamol from different shops and put them in the drawer. I don't know what I'm waiting for.", true},
	{"waiting for a bus", "The bus is late again, I don't know what I'm waiting for.", false},
	{"not knowing what came of a report", "I told the receptionist and I don't know if anything happened.", false},
	{"screening question", "She asks every woman on her own whether anyone at home hurts her, frightens her or controls her money.", false},
	{"screening question answered", "She asks every woman on her own whether anyone at home hurts her, frightens her or controls her money, and Mum said yes.", true},
	// signs of harm to someone else, in wordings the phrase rules don't list
	{"rough handling and distress", "The agency carer dragged her across the bed by her nightie while she sobbed.", true},
	{"head banging now", "He is banging his head on the wall many times in a day and we call ambulance more than once.", true},
	{"head banging two years ago", "Two years ago he was banging his head on the wall many times in a day and we call ambulance more than once.", false},
	{"a simile of a punch", "pain after was meh. like someone punched me in the belly but in a dull way.", false},
	{"injury pattern", "We noticed welts and grazes on Grandad's shins that the home couldn't explain.", true},
	{"need not met", "The staff admitted he hadn't been given anything to eat since yesterday.", true},
	{"lives on her own", "My mother-in-law lives on her own near Kirkwall, and yes, the sign does get photographed by tourists.", false},
	{"left on her own", "The carers left her on her own in a wet pad from teatime, and she was frightened.", true},
	{"seen on her own", "At A&E the triage nurse asked me to step out so she could ask him on his own how he'd got the bruises.", false},
	{"not let out on her own", "He won't let me see the doctor on my own and he takes my bank card.", true},
	{"a urine infection", "Mum is 91 and confused and frightened on the ward with a urine infection.", false},
	{"dragged to a film", "Last weekend she dragged me to see the new Marvel film and we sat there crying laughing.", false},
	{"dragged to the toilet", "The agency carer dragged her to the toilet by her nightie while she sobbed.", true},
	{"soaked to the skin", "The crossing was so rough, and she still arrived smiling, soaked to the skin, to see my dad.", false},
	{"left in soiled bedding", "Every visit we found Nan soaked in urine with her sheets unchanged.", true},
	{"fear of staff", "My brother flinches whenever the night staff walk past his room.", true},
	{"humiliation", "Two aides were mimicking the way my uncle speaks and laughing at him in the lounge.", true},
	{"money and neglect", "Her nephew keeps her pension and she has no food in the flat.", true},
	{"coercive control", "My boyfriend won't let me see the midwife alone and checks my phone every night.", true},
	{"carer at breaking point", "Some nights I am afraid I will hurt him and I put a pillow over his face in my head.", true},
	{"violence against the writer", "He would batter me if he found out I'd told you.", true},
	{"sexual abuse", "A man from the night staff touches her under her nightie.", true},
	{"pinned down", "Two of the agency staff pin me face down on the floor.", true},
	{"children home alone", "The neighbour says the children are left on their own in the flat all night.", true},
	{"held by the throat", "He held me against the wall by my throat.", true},
	{"child shut in", "They shut him in the bathroom in the dark when he is naughty.", true},
	{"medication withheld", "The carer leaves without giving him his evening tablets or any tea.", true},
	{"pension kept", "Her grandson collects her pension and keeps every penny.", true},
	{"night visitor", "She says a man gets into her bed at night and tells her to be quiet.", true},
	// the writer's own risk: one clear sentence, and the supporting ones beside it
	{"means and plan", "I have been stockpiling my sertraline in a drawer until there is enough.", true},
	{"ending and means", "I keep thinking about walking onto the railway and ending it.", true},
	{"reported self-injury", "She told the school nurse she has been cutting her arms most nights.", true},
	{"supporting beside clear", "I have saved enough tablets to end my life. Nobody would notice if I wasn't here.", true},

	{"affairs in order", "I have put my papers in order and asked my sister to take the cat, after I'm gone it won't matter.", true},
	{"method research", "I have been keeping back my heart tablets and looked up how long it takes.", true},
	// no single word is enough, and explained or past harm is not a concern
	{"one weak sign", "Mum was upset that the tea was cold.", false},
	{"supporting alone", "Nobody would notice if I wasn't here at the meeting, so I left early.", false},
	{"fall explains bruises", "Dad slipped in the shower and had bruises on his hip and arm.", false},
	{"fasting", "He had no food or water all morning because his operation was at two.", false},
	{"refusal", "Gran refused her lunch and left it untouched, as she often does.", false},
	{"past crisis", "Two years ago I had saved up tablets to end my life; today I am well.", false},
	{"physio", "When I pushed too hard and got sore, the physio pulled me back.", false},
	{"poster pinned", "I checked my bank balance after seeing the price list pinned up in reception.", false},
	{"end a relationship", "I decided to end it with him and I'm happy now.", false},
	{"surgery", "The surgeon said he would be cutting near the nerves in my arms.", false},
	{"kind carer", "The carer held her hand and sat with her until she stopped crying.", false},
	{"medication review", "The GP never changed her medication despite the side effects.", false},
	{"hurt feelings", "The news hurt me more than I can say.", false},
	{"kill myself laughing", "I'll kill myself laughing if he wears that hat.", false},
	{"carer pushed too hard", "I pushed him back into his chair harder than I meant to.", true},
	{"child going hungry", "The boy next door is going through the bins and asking if we have any food.", true},
	{"ligature thoughts", "I keep wondering which door handle would hold my weight.", true},
	{"screaming at an old woman", "He was screaming at her that she is a useless old woman.", true},
	{"self-injury in care", "He has started hitting himself in the face hard enough to leave marks.", true},
	{"punishment and fear", "He keeps saying no tea for naughty boys and hiding under his duvet when the staff arrive.", true},
	{"frightened of myself", "I sit in the car and think about walking into the sea until I can't feel anything.", true},
	{"past overdose in a daughter", "My daughter was admitted after an overdose last spring.", false},
	{"threat to kill if told", "He has said he will kill me if I ever tell anyone.", true},
	{"rough care", "One of the assistants pinches the back of his arm when she changes him.", true},
	{"missed visits", "The carers have been signing Dad's log for visits they never made.", true},
	{"long lie after a fall", "Mum lay on the floor all night after her fall.", false},
	{"past overdose", "The crisis team visited me every day after my overdose in January.", false},
	{"cot nap", "She naps in her cot after lunch.", false},
	{"car in the garage", "I keep my car in the garage now.", false},
	{"praise", "The staff on the ward looked after my mum with so much care and kept her comfortable.", false},
}

func TestCueSafeguarding(t *testing.T) {
	tests := cueSafeguardingCases
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := cueFlags(tt.text); got != tt.want {
				t.Errorf("cue rule on %q flagged = %v, want %v", tt.text, got, tt.want)
			}
		})
	}
}

// Bruises in a text that names a cause of easy bruising are explained,
// even sentences away; other signs of harm, and pressure sores, are not.
func TestExplainedBruises(t *testing.T) {
	tests := []struct {
		name, text string
		want       bool // a safeguarding span
	}{
		{"unexplained", "Mum had unexplained bruises on her arms when we visited the home.", true},
		{"blood thinner later", "Mum had unexplained bruises on her arms when we visited the home. Her warfarin dose had just gone up.", false},
		{"bleeding disorder", "My son has a bleeding disorder. Mum had unexplained bruises on her arms when we visited the home.", false},
		{"force is not explained", "She is on blood thinners. The carer slapped my mum across the face.", true},
		{"pressure sore", "She takes apixaban. The district nurse told me Mum has a grade 3 pressure sore on her heel that nobody at the home had reported.", true},
		{"platelet disorder", "Mum has a platelet disorder and bruises easily. Mum had unexplained bruises on her arms when we visited the home.", false},
		{"thinner is not a cause", "She has got so much thinner. Mum had unexplained bruises on her arms when we visited the home.", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := len(spansOf(tt.text, moderation.Safeguarding)) > 0; got != tt.want {
				t.Errorf("safeguarding span in %q: %v, want %v (%q)", tt.text, got, tt.want, spansOf(tt.text, moderation.Safeguarding))
			}
		})
	}
}
