package detect

import (
	"slices"
	"testing"

	"github.com/storydesk/storydesk/moderation"
)

// threatFormCases are TestThreatForms's table; TestTrainAbuseModel also learns from them.
var threatFormCases = []struct {
	name, text string
	want       []string
}{
	{"knows the surgeon's car", "But I know what car that surgeon drives and where he parks it.", []string{"I know what car that surgeon drives and where he parks it"}},
	{"knows the bus", "I know what time the bus leaves.", nil},
	{"knows the school's bus", "I know which bus the school uses.", nil},
	{"knows her hours", "I know what time she finishes and which way she walks to the bus stop.", []string{"I know what time she finishes and which way she walks to the bus stop"}},
	{"knows his car", "I know where he parks at night.", []string{"I know where he parks at night"}},
	{"knows her kids", "And I know where her children go to school, so she can think on that.", []string{"I know where her children go to school, so she can think on that"}},
	{"knows the way", "I know which way the bus goes, so I'll meet you at the stop.", nil},
	{"find out what happens", "If she writes one more lie she'll find out what happens to people who cross me.", []string{"find out what happens to people who cross me"}},
	{"watch herself", "She wants to watch herself in that car park.", []string{"wants to watch herself in that car park"}},
	{"watch herself innocent", "I watched her walk across the car park.", nil},
	{"one needing a bed", "Next time I come in, he'll be the one needing a bed.", []string{"he'll be the one needing a bed"}},
	{"needing a bed", "She'll be needing a bed on the ward tonight.", nil},
	{"can of petrol", "I said I'd come back with a can of petrol and burn the whole place down.", []string{"I'd come back with a can of petrol and burn the whole place down"}},
	{"give that doctor", "My brother is going to give that doctor a kicking.", []string{"give that doctor a kicking"}},
	{"give that nurse flowers", "We are going to give that nurse a card and some flowers.", nil},
	{"window with her behind it", "I'll put the window through with her behind it.", []string{"through with her behind it"}},
	{"wipe the grin", "I will wipe that grin off his face.", []string{"I will wipe that grin off his face"}},
	{"wipe her face", "I will wipe her face and hands after lunch.", nil},
	{"down the steps", "If he treats Dad like that again, I'll throw him down the front steps myself.", []string{"I'll throw him down the front steps myself"}},
	{"down the hill", "I'll push her down the hill to the park in the sunshine.", nil},
	{"head through a screen", "Next time I'll put his head through that perspex screen.", []string{"I'll put his head through that perspex screen"}},
	{"head into the basin", "I will put her head into the basin and wash her hair.", nil},
	{"take apart", "I will come in and take that ward sister apart with my bare hands.", []string{"I will come in and take that ward sister apart with my bare hands"}},
	{"take the engine apart", "I'll take the engine apart at the weekend.", nil},
	{"under the wheels", "When I see him again I'll put him under the wheels of my cab.", []string{"I'll put him under the wheels of my cab"}},
	{"drag that woman", "Nobody came out, so I'll be in to drag that woman over her own desk.", []string{"I'll be in to drag that woman over her own desk"}},
	{"drag the nurse out", "I will drag the nurse out to see the state of the toilets.", nil},
	{"into her teeth", "I will knock that phone out of her hand and into her teeth.", []string{"I will knock that phone out of her hand and into her teeth"}},
	{"paste into her teeth", "I will brush the paste into her teeth gently.", nil},
	{"drag over the desk", "If I have to come down there I'll drag her over that desk.", []string{"I'll drag her over that desk"}},
	{"will drag over the desk", "I will drag her over that desk if she says that again.", []string{"I will drag her over that desk if she says that again"}},
	{"run him over", "If he parks there again I'll run him over.", []string{"I'll run him over"}},
	{"drag out into", "I will drag her out into the car park and show her what a fuss looks like.", []string{"I will drag her out into the car park and show her what a fuss looks like"}},
	{"bottle of vodka", "I know how many I'd need with a bottle of vodka.", nil},
	{"run the tap", "I'll run the tap over the cut and clean it.", nil},
	{"drag her across to the window", "She'll drag her chair across to the window to see the birds.", nil},
	{"body part", "If he speaks to my boy like that again, I will break his jaw in front of the whole waiting room.", []string{"I will break his jaw in front of the whole waiting room"}},
	{"going to body", "I'm going to break his nose.", []string{"I'm going to break his nose"}},
	{"am going to", "Next time I am going to batter that pharmacist.", []string{"I am going to batter that pharmacist"}},
	{"every bone", "Honestly I'll break every bone in his body.", []string{"I'll break every bone in his body"}},
	{"out of", "I will wait for him in the car park and kick the living daylights out of him.", []string{"I will wait for him in the car park and kick the living daylights out of him"}},
	{"someone should", "Somebody ought to give that doctor a good hiding.", []string{"Somebody ought to give that doctor a good hiding"}},
	{"someone needs", "Someone needs to punch him in the face.", []string{"Someone needs to punch him in the face"}},
	{"wait till", "Wait till I get my hands on that nurse.", []string{"Wait till I get my hands on that nurse"}},
	{"make suffer", "I'll make him suffer for what he did to my mother.", []string{"I'll make him suffer for what he did to my mother"}},
	{"fist through", "I will put my fist through his face.", []string{"I will put my fist through his face"}},
	{"know where lives", "I know where the manager lives.", []string{"I know where the manager lives"}},
	{"weapon brought", "Next time I'll bring a knife.", []string{"I'll bring a knife"}},
	{"weapon taken", "I'll take a baseball bat to his car and then to him.", []string{"I'll take a baseball bat to his car and then to him"}},
	{"want to punch", "I want to punch him so hard he never gets up.", []string{"I want to punch him so hard he never gets up"}},
	{"watch himself", "I'll be outside the surgery at five and he'd better watch himself.", []string{"better watch himself"}},
	{"end him", "If he ever touches my wife again I'll end him.", []string{"I'll end him"}},
	{"smirk off", "I'm going to knock that smirk off his face.", []string{"I'm going to knock that smirk off his face"}},
	{"find where lives", "I'm going to find out where she lives so I can send flowers.", nil},
	{"break news", "I'm going to break the news to my mum tomorrow.", nil},
	{"break habit", "I will break the habit and I'll kick the habit this year.", nil},
	{"goal", "We'll smash this fundraising target.", nil},
	{"illness", "I'm going to beat this illness.", nil},
	{"joke", "I'll kill the kids if they eat all the biscuits, joked my wife.", nil},
	{"could have killed", "I could have killed him when he forgot the form, but we laughed about it.", nil},
	{"medal", "Someone should give that nurse a medal.", nil},
	{"bottle", "I'll bring a bottle of wine for the nurses.", nil},
	{"break journey", "I'm going to break my journey in Leeds.", nil},
	{"knock door", "I will knock on his door tomorrow and ask.", nil},
	{"know where clinic", "I know where the clinic is now so next time will be easier.", nil},
	{"take tablets", "I'm going to take my tablets with food from now on.", nil},
	{"own wrist", "I nearly broke my wrist falling down the stairs.", nil},
	{"gonna", "Gonna smash the security guard's face in when I see him.", []string{"Gonna smash the security guard's face in when I see him"}},
	{"hunt down", "When I get out of here I'm going to hunt him down.", []string{"I'm going to hunt him down"}},
	{"wants a slap", "That receptionist wants a slap and I'm the one who'll give it to her.", []string{"wants a slap and I'm the one who'll give it to her"}},
	{"urge", "I will strangle the urge to complain and just say thanks.", nil},
	{"break down tears", "I'll break down in tears if I have to tell the story again.", nil},
	{"thank", "I want to thank the nurse who held my hand.", nil},
	{"knock them dead", "I'll knock them dead at my daughter's wedding now my knee is fixed.", nil},
	{"kick disease", "I'm going to kick this disease's backside.", nil},
	{"adverb going", "I'm definitely going to punch him.", []string{"I'm definitely going to punch him"}},
	{"not going", "I'm not going to hit him, whatever he says.", nil},
	{"he's going", "He's going to punch me if I say anything.", nil},
	{"really will", "I really will hurt him.", []string{"I really will hurt him"}},
	{"will not", "I will not hurt anyone, I promise.", nil},
	{"deal with personally", "If my mum dies because of this, I'll deal with him personally.", []string{"I'll deal with him personally"}},
	{"leaving in a box", "I'll be waiting for that consultant and he'll be leaving in a box.", []string{"he'll be leaving in a box"}},
	{"lose it", "One of these days I'm going to lose it and deck someone in that waiting room.", []string{"I'm going to lose it and deck someone in that waiting room"}},
	{"you're dead", "Touch my son again and you're dead.", []string{"and you're dead"}},
	{"sort out myself", "I will come down there and sort him out myself.", []string{"I will come down there and sort him out myself"}},
	{"torch", "We'll torch the place if they close the ward.", []string{"We'll torch the place if they close the ward"}},
	{"kettle", "I'll put the kettle on when we get home.", nil},
	{"punch wall", "He says he'll punch the wall when he's frustrated, so the psychologist is helping with that.", nil},
	{"step target", "I'll hit my step target by the end of the month.", nil},
	{"socks off", "I'll knock his socks off with this cake.", nil},
	{"reset button", "Someone needs to hit the reset button on this system.", nil},
	{"hands on a car", "Wait till I get my hands on the new car.", nil},
	{"cricket bat", "I'll take a bat to the cricket match on Saturday.", nil},
	{"icy steps", "You'd better watch yourself on those icy steps, the nurse said.", nil},
	{"pick her up", "I know what time she finishes because I pick her up from the staff car park.", nil},
	{"kill him if he eats", "I'll kill him if he eats another pasty, and the nurse backed me up.", nil},
	{"kill him if he touches", "I'll kill him if he touches her again.", []string{"I'll kill him if he touches her again"}},
	{"ambulance transfer", "Dad will be leaving in an ambulance tomorrow, and he'll be leaving in an ambulance again next week.", nil},
	{"he's dead", "He had a heart attack and he's dead.", nil},
	{"hand in the air", "I'll put my hand in the air if I have a question.", nil},
	{"watch his diet", "He'd better watch his diet after this.", nil},
	{"track results down", "I'm going to track the results down myself.", nil},
	{"flowers", "I'm going to find out where she lives so I can send flowers.", nil},
	{"sort out a lift", "I'll sort him out a lift myself.", nil},
	{"dead tired", "Miss the bus and you're dead tired by the time you arrive.", nil},
	{"dead right", "You're dead right about the waiting list.", nil},
	{"matron personally", "I'll deal with her care personally, said the matron.", nil},
	{"and you're dead", "Keep talking to my mum like that and you're dead.", []string{"and you're dead"}},
	{"someone should slap", "Someone should slap that receptionist.", []string{"Someone should slap that receptionist"}},
	{"hands on consultant", "Wait till I get my hands on that consultant.", []string{"Wait till I get my hands on that consultant"}},
	{"dead man", "If he comes near my daughter again he's a dead man.", []string{"he's a dead man"}},
	{"do time", "I swear I'll do time for that doctor.", []string{"I'll do time for that doctor"}},
	{"dead man walking idiom", "The patient in bed four was a dead man walking, the nurse said, but he recovered.", nil},
	{"do time idiom", "I'll do time for the paperwork later.", nil},
	{"dead man walking", "My dad is so ill that he's a dead man walking, the consultant said.", nil},
	{"teach a lesson", "Someone should teach that porter a lesson with their fists.", []string{"Someone should teach that porter a lesson with their fists"}},
	{"smash stigma", "We're going to smash the stigma around mental health.", nil},
	{"lights out", "If that GP refuses my mum's referral again I'm going to punch his lights out.", []string{"I'm going to punch his lights out"}},
	{"knock out email", "I'm going to knock out a quick email to the practice manager.", nil},
	{"hit with facts", "I'm going to hit him with the facts at the next meeting.", nil},
	{"teeth out", "I'm coming in tomorrow and I'll knock that arrogant registrar's teeth out.", []string{"I'll knock that arrogant registrar's teeth out"}},
	{"hurt that doctor", "I'm warning you now, I will hurt that doctor.", []string{"I will hurt that doctor"}},
	{"through that window", "I swear on my kids I'll put him through that window.", []string{"I'll put him through that window"}},
	{"kill the lights", "We'll kill the lights and let Mum sleep.", nil},
	{"call button", "I'd hit the nurse call button if I needed anything.", nil},
}

// TestThreatForms covers the threat classes of lexicon/threat.txt beyond
// "I will <verb> him": violence aimed at a body part, "going to" forms,
// beating "out of" someone, calls on someone else to hit, weapons taken or
// brought, and warnings; and the goals, jokes and idioms that share words
// with them.
func TestThreatForms(t *testing.T) {
	tests := threatFormCases
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := spansOf(tt.text, moderation.Threat)
			if !slices.Equal(got, tt.want) {
				t.Errorf("Threat spans in %q = %q, want %q", tt.text, got, tt.want)
			}
		})
	}
}
