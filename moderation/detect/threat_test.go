package detect

import (
	"slices"
	"testing"

	"github.com/storydesk/storydesk/moderation"
)

// threatCases are TestThreats's table; TestTrainAbuseModel also learns from them.
var threatCases = []struct {
	name, text string
	want       []string
}{
	{"a head through a machine", "If that numpty lays a finger on my mother again, I'll put his heid through the vending machine.",
		[]string{"I'll put his heid through the vending machine"}},
	{"the machine itself", "I'd strangle the vending machine if it ate my pound again.", nil},
	{"the first one I see through the wall", "If they send her home again tonight, I'll come through that triage door and put the first midwife I see through the wall.",
		[]string{"I'll come through that triage door and put the first midwife I see through the wall"}},
	{"the first driver through the windscreen", "if them pads dont turn up by friday ill go down that depot and put the first driver i see through the windscreen",
		[]string{"ill go down that depot and put the first driver i see through the windscreen"}},
	{"anyone in my way through the wall", "Anyone who stands in my way is getting put through the wall.", []string{"Anyone who stands in my way is getting put through the wall"}},
	{"the first load through the machine", "I'll put the first load of washing through the machine.", nil},
	{"a window put in", "Anyone who is getting a new window put in should ring the council.", nil},
	{"bang out, knock out", "If he is there when I come back in the morning, I'm gonna bang out that charge nurse in front of everyone.",
		[]string{"I'm gonna bang out that charge nurse in front of everyone"}},
	{"bang out paperwork", "We are going to bang out the paperwork tomorrow and I will bang out a few emails.", nil},
	{"swing for her", "Honest to God, I'll swing for her if she speaks to me like that again.", []string{"I'll swing for her if she speaks to me like that again"}},
	{"murder anyone for a kitchen", "I would murder anyone for their kitchen, it was better than ours at home.", nil},
	{"kill anyone who touches her", "I'll kill anyone who touches her again.", []string{"I'll kill anyone who touches her again"}},
	{"bang him out", "Swear down, next time he puts his hands on me I'm gonna bang him out in front of everyone.", []string{"I'm gonna bang him out in front of everyone"}},
	{"head kicked in", "honestly someones going to get their head kicked in and its gonna be her.", []string{"going to get their head kicked in and its gonna be her"}},
	{"swing for the bus", "I'll swing for the bus if it's late and get a taxi.", nil},
	{"burst her", "If she gives my mammy any more cheek I'll burst her.", []string{"I'll burst her"}},
	{"burst into tears", "I'll burst into tears if they ring me again.", nil},
	{"one of his own beds", "If Dunn doesn't ring me back by Monday, he'll be needing one of his own beds by the time I've finished with him.",
		[]string{"he'll be needing one of his own beds by the time I've finished with him"}},
	{"needing her own wheelchair", "She'll be needing her own wheelchair soon, the way her knees are.", nil},
	{"needing the ambulance himself", "He'll be needing the ambulance himself to get home, as he can't drive.", nil},
	{"stick one on him", "If he blocks my car one more time, I'll stick one on him and he can put that on his ticket.",
		[]string{"I'll stick one on him and he can put that on his ticket"}},
	{"stick one on the list", "I'll stick one on the list for you.", nil},
	{"malky", "If that guard puts his hands on me again I'll malky him right there in the waiting room.",
		[]string{"I'll malky him right there in the waiting room"}},
	{"head off his shoulders", "If that surgeon cancels me again, I'll take his heid aff his shoulders.", []string{"I'll take his heid aff his shoulders"}},
	{"head off the pillow", "I'll take his head off the pillow gently and turn him.", nil},
	{"by the time is no goal", "I'll smash his face in by the time this is over.", []string{"I'll smash his face in by the time this is over"}},
	{"a can of petrol", "If you leave my gran without care this weekend, I will come to your office with a can of petrol and burn it to the ground.", []string{"I will come to your office with a can of petrol and burn it to the ground"}},
	{"burn it to the ground", "I will come to your office and burn it to the ground.", []string{"I will come to your office and burn it to the ground"}},
	{"burn letters", "We will burn the letters to the ground.", nil},
	{"put the door through", "If she’s still on that mattress on Friday, I will come up to that ward and put the door through with whoever’s behind it.", []string{"I will come up to that ward and put the door through with whoever’s behind it"}},
	{"shake till his teeth rattle", "But if I see him do that again, I’ll go down there and shake him till his teeth rattle.", []string{"I’ll go down there and shake him till his teeth rattle"}},
	{"shake until he wakes", "I'll shake him until he wakes up.", nil},
	{"me and my brothers", "And if he tries to send her home, me and my brothers will drag him out from behind that desk.", []string{"me and my brothers will drag him out from behind that desk"}},
	{"me and the lads", "Me and the lads will smash his face in.", []string{"Me and the lads will smash his face in"}},
	{"me and my husband complain", "Me and my husband will complain to the ICB.", nil},
	{"drag her out of bed for physio", "I will drag her out of bed every morning if I have to, she needs her physio.", nil},
	{"a bottle of bleach to clean", "I'll take a bottle of bleach to clean the bathroom.", nil},
	{"beat the time", "We'll beat the time we did last year.", nil},
	{"a sore face", "See if I get him face to face, he'll get a sore face.", []string{"he'll get a sore face"}},
	{"conditional outside", "If she is still on that chair when I come back tonight I will put that nurse on the floor myself.",
		[]string{"I will put that nurse on the floor myself"}},
	{"time clause outside", "The next time he walks away from me, I will drag him back by his collar and make him listen.",
		[]string{"I will drag him back by his collar and make him listen"}},
	{"smash", "If I see him in the corridor again, I’ll smash his glasses into his face.",
		[]string{"I’ll smash his glasses into his face"}},
	{"weapon", "If she doesn't put them back, I'll be round to that surgery with a bat.",
		[]string{"I'll be round to that surgery with a bat"}},
	{"come in and", "Tell her from me: if she speaks to my father like that again, I will come in and rip that headset off her head.",
		[]string{"I will come in and rip that headset off her head"}},
	{"swear inside", "I'll f***ing batter him.", []string{"I'll f***ing batter him"}},
	{"going to", "I'm going to punch the next receptionist who laughs.", []string{"I'm going to punch the next receptionist who laughs"}},
	{"know where", "I know where you live.", []string{"I know where you live"}},
	{"knock block off", "I'll knock his block off.", []string{"I'll knock his block off"}},
	{"arson", "If they discharge him I'll burn the place down.", []string{"I'll burn the place down"}},
	{"threat beats abuse", "I'll drag him out by his hair.", []string{"I'll drag him out by his hair"}},
	// not threats
	{"complaint route", "I will contact the ICB and I'll write to my MP.", nil},
	{"complaint", "I will be making a formal complaint to the practice.", nil},
	{"figurative death", "I thought I'd die of cold before they got me off the hill.", nil},
	{"pain relief", "it would take the edge off the pain rather than kill it completely", nil},
	{"painkillers", "no painkillers for six hours; radiotherapy kills cancer cells", nil},
	{"killing time", "It isn't killing time – it's what keeps me on track.", nil},
	{"negated", "I would never hit anyone, but I was furious.", nil},
	{"not violent", "I am not a violent man but I have had enough.", nil},
	{"someone else", "I'll make sure he never hurts her again.", nil},
	{"kill for", "I'd kill for a cup of tea.", nil},
	{"goals", "I'm going to smash my rehab goals and I will hit my target weight.", nil},
	{"idiom", "I'll kill two birds with one stone and book both scans.", nil},
	{"fight illness", "We'll beat this cancer together.", nil},
	{"everyday verbs", "I'll do that myself, I'll get them to call back and I'll push them for an answer.", nil},
	{"email", "I'll shoot them an email and I'll kick the habit.", nil},
	{"homework", "I'm going to kill this maths homework.", nil},
	{"sugar bugs", "I'm going to kill the sugar bugs with magic water.", nil},
	{"burn it down, far from the verb", "I will come to that clinic and burn it down with every one of you in it.", []string{"I will come to that clinic and burn it down with every one of you in it"}},
	{"through a window, words before it", "IF I FIND HER THERE AGAIN I WILL PUT THAT MANAGER THROUGH HIS OWN OFFICE WINDOW.", []string{"I WILL PUT THAT MANAGER THROUGH HIS OWN OFFICE WINDOW"}},
	{"a taste of his own medicine", "If they won’t keep him away, I’ll come down there at lunchtime and give him a taste of his own medicine.", []string{"I’ll come down there at lunchtime and give him a taste of his own medicine"}},
	{"dogs set on someone", "If she knocks again I’ll let the dogs out on her and stand there and watch. I'll let the dog out on the lawn.", []string{"I’ll let the dogs out on her and stand there and watch"}},
	{"a window opened", "I'll put the kettle on and open the window, then put the cat out through the door.", nil},
	{"both barrels", "If he sets foot on this farm again, I’ll give him both barrels.", []string{"I’ll give him both barrels"}},
	{"revenge in kind", "One day I will find him off duty and do to him exactly what he did to me.", []string{"I will find him off duty and do to him exactly what he did to me"}},
	{"revenge in kind, going to", "When I find him, I'm going to do to him exactly what he did to her.", []string{"I'm going to do to him exactly what he did to her"}},
	{"what pain is, when I catch him", "I'm a patient man, but this is it. He'll find out what pain is when I catch him on his own.", []string{"He'll find out what pain is when I catch him on his own"}},
	{"what pain is, after an operation", "You'll find out what pain is when the anaesthetic wears off, the nurse joked.", nil},
	{"wipe it off his face", "The next time he smirks at me, I’ll wipe it off his face with my fist.", []string{"I’ll wipe it off his face with my fist"}},
	{"wipe it off the table", "I’ll wipe it off the table before the tea comes.", nil},
	{"give her the slap", "I know which car is hers, and I will give her the slap she has been asking for.", []string{"I will give her the slap she has been asking for"}},
	{"Scots I'll", "Next time she looks through me like that Ah’ll drag her ower that desk by her hair.", []string{"Ah’ll drag her ower that desk by her hair"}},
	{"smash it over his head", "If he takes my phone again I'll smash it over his head.", []string{"I'll smash it over his head"}},
	{"the present as the future", "Next time he starts on me I'm glassing him, I don't care.", []string{"I'm glassing him, I don't care"}},
	{"I'll be putting her through the window", "If he's still on that trolley at teatime I'll be putting that bed manager through her office window.", []string{"I'll be putting that bed manager through her office window"}},
	{"I'll be putting the bins out", "I'll be putting the bins out through the back door.", nil},
	{"throw it at the wall", "I'll throw it at the wall if it beeps again.", nil},
	{"a doctor through the glass doors", "I'm going to put that doctor in charge through the glass doors.", []string{"I'm going to put that doctor in charge through the glass doors"}},
	{"the shopping through the door", "I'm going to put the shopping through the door on my way past.", nil},
	{"just what the doctor ordered", "I’ll do to her just what the doctor ordered.", nil},
	{"the writer's threat far from its verb", "If my dad is left like that again, I will go round to that manager’s house and drag him out of his bed.", []string{"If my dad is left like that again, I will go round to that manager’s house and drag him out of his bed"}},
	{"the writer means to drag her out", "The next time she cancels I'll go round to that office and drag her out by her hair.", []string{"The next time she cancels I'll go round to that office and drag her out by her hair"}},
	{"hold him down while my brother", "If he comes back on Monday I'll hold him down while my brother sorts him out.", []string{"If he comes back on Monday I'll hold him down while my brother sorts him out"}},
	{"a jammed printer", "When the printer jammed for the third time I said I'd strangle the thing for her and she said she'd hold it down.", nil},
	{"strangle a person", "When she hung up for the third time I said I'd strangle her.", []string{"I'd strangle her"}},
	{"a person", "I'm going to kill the receptionist.", []string{"I'm going to kill the receptionist"}},
	{"if he went on it again", "I would kill him myself if he went on that trampoline again.", nil},
	{"six words before the verb", "if he ends up in a cell again i swear ill go up to that office and batter whoever is sat at the desk",
		[]string{"ill go up to that office and batter whoever is sat at the desk"}},
	{"going down to drag", "I'm going down that office and dragging her out from behind her desk by her hair.",
		[]string{"I'm going down that office and dragging her out from behind her desk by her hair"}},
	{"caring drag", "I'll drag him to the GP myself.", nil},
}

func TestThreats(t *testing.T) {
	tests := threatCases
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := spansOf(tt.text, moderation.Threat)
			if !slices.Equal(got, tt.want) {
				t.Errorf("threats in %q = %q; want %q", tt.text, got, tt.want)
			}
		})
	}
}
