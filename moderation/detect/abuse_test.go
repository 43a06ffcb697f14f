package detect

import (
	"slices"
	"testing"

	"github.com/storydesk/storydesk/moderation"
)

// insultCases are TestInsults's table; TestTrainAbuseModel also learns from them.
var insultCases = []struct {
	name, text string
	want       []string
}{
	{"who saw me was", "The young man who saw me was a condescending little twerp.", []string{"condescending little twerp"}},
	{"two names called", "She is a brainless jobsworth and a clown.", []string{"brainless jobsworth", "clown"}},
	{"a zombie on morphine", "He’s on so much morphine he’s a zombie.", nil},
	{"a useless zombie", "The manager is a useless zombie.", []string{"useless zombie"}},
	{"a drunken thug", "That drunken thug should have been removed.", []string{"drunken thug"}},
	{"the absolute dregs", "The staff at this place are the absolute dregs.", []string{"dregs"}},
	{"excuses for human beings", "you disgusting excuses for human beings.", []string{"excuses for human beings"}},
	{"a greedy little weasel", "That greedy little weasel thinks he can bully her.", []string{"greedy little weasel"}},
	{"what someone thinks the writer is, typed without an apostrophe", "the git behind the counter thinks im just some junkie.", []string{"git"}},
	{"going to sleep counting dinosaurs", "Oscar went to sleep counting dinosaurs.", nil},
	{"a streak of misery", "The paramedic in charge was a lanky streak of misery.", []string{"streak of misery"}},
	{"a pill-pushing ghoul", "The psychiatrist is a pill-pushing ghoul.", []string{"pill-pushing ghoul"}},
	{"clueless pill-pushers", "The GPs are clueless pill-pushers.", []string{"clueless pill-pushers"}},
	{"a money-grabbing shark", "The orthodontist is a money-grabbing shark.", []string{"money-grabbing shark"}},
	{"a shark at the aquarium", "We saw a shark at the aquarium.", nil},
	{"the GP as gatekeeper", "The GP is the gatekeeper to the specialist.", nil},
	{"that thug, a knuckle-dragger", "That thug should not be working with patients. But that knuckle-dragger on the door needs to learn.", []string{"thug", "knuckle-dragger"}},
	{"old trouts", "The receptionists are nosy old trouts who want to know your business.", []string{"nosy old trouts"}},
	{"fraud is an act", "The agency billed the council for them. I call that fraud. The thieves took her purse from the ward.", nil},
	{"Scots and Welsh insults", "He is a big fat baw-bag on a power trip. I rang the owner. The twpsyn told me no.", []string{"big fat baw-bag", "twpsyn"}},
	{"a Cornish insult", "He walked into the wrong room, all while eating a pasty. Proper dinlo.", []string{"dinlo"}},
	{"Scouse insults", "The call handler was a proper divvy. We are at the bottom of the list because of one walloper.", []string{"divvy", "walloper"}},
	{"two names called, predicative", "He is a liar and a bully.", []string{"liar", "bully"}},
	{"two kind names", "The nurse was an angel and a saint.", nil},
	{"the writer calls someone names", "I called her a racist pig. I am not proud.", []string{"racist pig"}},
	{"a cold heart", "I called her a stone-hearted witch.", []string{"stone-hearted witch"}},
	{"a kind heart", "The nurse was a kind-hearted woman.", nil},
	{"con artist", "The practice is run by a con artist.", []string{"con artist"}},
	{"homophobic name", "I was called sweetheart by a Nancy boy with an earring.", []string{"Nancy boy"}},
	{"goldfish memory", "The coordinator has the memory of a goldfish with concussion.", []string{"memory of a goldfish with concussion"}},
	{"waste of space at work", "She called me a waste of space in the team meeting.", []string{"waste of space in the team meeting"}},
	{"a total Karen", "The receptionist is a total Karen who looks at you like dirt.", []string{"total Karen"}},
	{"snooty madam", "And this snooty little madam is lecturing her about breast being best.", []string{"snooty little madam"}},
	{"madam at the desk", "The madam of the house welcomed us.", nil},
	{"bunch of parasites", "Let some local girls have the jobs. Bunch of parasites.", []string{"Bunch of parasites"}},
	{"bunch of sheep", "There was a bunch of sheep on the road to the hospital.", nil},
	{"oul bag", "That oul bag on the desk told me to wait.", []string{"oul bag"}},
	{"professional time waster", "Professional what? Professional time waster.", []string{"Professional time waster"}},
	{"tea in a proper mug", "At Maggie's they gave me tea in a proper mug and let me cry.", nil},
	{"tea in proper mugs", "There’s tea in proper mugs, a quiz, and a singalong.", nil},
	{"emmets", "The place is rammed with brain-dead emmets who think it's a free plaster service.", []string{"brain-dead emmets"}},
	{"gowk", "The doctor that night was a useless gowk.", []string{"useless gowk"}},
	{"meathead", "That thick-necked meathead had no business touching a sick man.", []string{"thick-necked meathead"}},
	{"treated like scum", "I've been treated like scum in a lot of places.", nil},
	{"looked at like a junkie", "The receptionist looked at my sister like she was a junkie.", nil},
	{"junkies in the waiting room", "Those junkies in the waiting room should be locked up.", []string{"junkies"}},
	{"a film watched", "The night before I'd watched 'Psycho' and 'The Shining' back to back.", nil},
	{"a psycho, not a film", "The man in the next bay was a psycho who screamed at everyone.", []string{"psycho"}},
	{"bawheids", "They need to hire folk who aren't bawheids.", []string{"bawheids"}},
	{"white settler", "Now every single one of them is a white settler from down south.", []string{"white settler"}},
	{"mardy cow", "The mardy cow behind the desk just shrugged.", []string{"mardy cow"}},
	{"cheeky skitter", "The problem is a management that puts a cheeky skitter like that on the front desk.", []string{"skitter"}},
	{"brain-dead slackers", "The day staff are brain-dead slackers who sit on their phones.", []string{"brain-dead slackers"}},
	{"lumbering gorilla", "This big lumbering gorilla in a hi-vis put his hand on her shoulder.", []string{"big lumbering gorilla"}},
	{"a numpty like me", "The instructions were simple enough for a numpty like me.", nil},
	{"a bed-blocker and a popinjay", "The nurse said he was a bed-blocker, and the consultant is a preening popinjay.", []string{"bed-blocker", "preening popinjay"}},
	{"a pompous nonentity", "I received a letter from this pompous nonentity in admin.", []string{"pompous nonentity"}},
	{"a farmer's sheep", "My dad had a heart attack while gathering sheep on the hill.", nil},
	{"a thing called a plonker", "Nan calls it a plonker, but she says its a plonker and it gets her to the loo. It was a plonker of a frame.", nil},
	{"someone the writer met", "I’ve seen a different overpaid parasite every time. I felt like an idiot.", []string{"overpaid parasite"}},
	{"a service run by them", "Sh*te service run by clowns. Nae thanks tae they two clowns. The smug know-nothing said no.", []string{"clowns", "clowns", "smug know-nothing"}},
	{"a courtesy", "The man said “thank you, madam” without a pause. Chinua Achebe wrote that.", nil},
	{"a sentence that starts with the verb", "Is a plonker.", []string{"plonker"}},
	{"a person after it called names", "It was an idiot who did this. Whoever runs it is a numpty.", []string{"idiot", "numpty"}},
	{"a thing called trash", "The only bad thing was the wifi was trash and the food was trash.", nil},
	{"a nurse called trash", "The night nurse was trash.", []string{"trash"}},
	{"a numpty like him", "He is a numpty like his brother.", []string{"numpty"}},
	{"a little bag", "The order number on the little bag was written across the top.", nil},
	{"that old bag", "Then that old bag on reception told me to sit down.", []string{"old bag"}},
	{"bigoted dinosaur", "I did not think I would be dealing with a bigoted dinosaur like that in a surgery.", []string{"bigoted dinosaur"}},
	{"smarmy balloon", "Then we got the doctor, a wee smarmy balloon who kept calling my da pet.", []string{"smarmy balloon"}},
	{"balloons at a party", "We let the balloons go at the party and the nurses cried.", nil},
	{"a slur, not a cigarette", "He called my son a fag.", []string{"fag"}},
	{"gadgie", "I divvent need a jumped-up gadgie in a lanyard telling us what to do.", []string{"jumped-up gadgie"}},
	{"gadgie alone", "The gadgie from the gas board came round at ten.", nil},
	{"gargoyles", "The receptionists are gargoyles. Avoid.", []string{"gargoyles"}},
	{"you article", "Of course I am, you gormless article.", []string{"gormless article"}},
	{"made to feel a waste of space", "She never once made me feel like a waste of space.", nil},
	{"call-centre monkeys", "Call-centre monkeys.", []string{"Call-centre monkeys"}},
	{"send the lot home", "Send the lot of them home and give the money to real nurses.", []string{"Send the lot of them home and give the money to real nurses"}},
	{"sent the lot home", "The hospital sent the lot of them home after the fire alarm.", nil},
	{"first boat home", "The nurse frankly ought to be on the first boat home.", []string{"ought to be on the first boat home"}},
	{"royal berks", "I rang the physio dept at the Royal Berks.", nil},
	{"berks", "Those berks at the desk lost it.", []string{"berks"}},
	{"oik", "The registrar was a frightful little oik who called me mate.", []string{"frightful little oik"}},
	{"freeloaders", "These freeloaders get seen the same day.", []string{"freeloaders"}},
	{"mock title", "Thanks to Little Miss Sunshine on the front desk.", []string{"Little Miss Sunshine"}},
	{"her ladyship", "Her Ladyship didn't look up from her screen.", []string{"Her Ladyship"}},
	{"brigade", "The bone-idle clipboard brigade spends its week in meetings.", []string{"clipboard brigade"}},
	{"walking advert, sneer", "He was a walking advert for early retirement.", []string{"walking advert for early retirement"}},
	{"walking advert, praise", "He was a walking advert for the NHS.", nil},
	{"damp sponge", "She has the intellect of a damp sponge.", []string{"intellect of a damp sponge"}},
	{"human race", "They are a disgrace to the human race.", []string{"disgrace to the human race"}},
	{"proper mug", "Hes a proper mug for believing them.", []string{"proper mug"}},
	{"mug of tea", "A proper mug of tea and a biscuit.", nil},
	{"judgemental dinosaur", "The receptionist was a judgemental dinosaur.", []string{"judgemental dinosaur"}},
	{"sent back until", "The nurse should be sent back home until she learns the language.", []string{"should be sent back home until she learns the language"}},
	{"sent back home, discharge", "We were sent back home until the ward had a bed.", nil},
	{"moved on", "They should be moved on out of the county.", []string{"should be moved on out of the county"}},
	{"poor little creature", "The poor little creature was shaking.", nil},
	{"modifiers", "The sour-faced old bag didn’t say a word to me.", []string{"sour-faced old bag"}},
	{"sexist dinosaur", "Honestly the man's a sexist dinosaur and rude with it.", []string{"sexist dinosaur"}},
	{"dozy sods", "The dozy sods in the transport office had lost the booking.", []string{"dozy sods"}},
	{"faggots in onion gravy", "Yesterday it was faggots in onion gravy with chips and peas.", nil},
	{"toad in the hole, a dish", "Week four was toad in the hole with a proper onion gravy.", nil},
	{"pigs in blankets, a dish", "Friday was pigs in blankets and sprouts.", nil},
	{"a toad in a suit", "The manager is a toad in a suit.", []string{"toad"}},
	{"a robot", "The pump beeps at the slightest thing, and the nurses call it R2-D2.", nil},
	{"sorry, but muppets", "I'm sorry, but the clueless muppets on reception lost it.", []string{"clueless muppets"}},
	{"the writer a muppet", "I'm a muppet but the nurse was kind.", nil},
	{"nosy judgy witches", "the nurses r a bunch of nosy judgy witches", []string{"nosy judgy witches"}},
	{"a nosy neighbour", "Our nosy neighbour called the police.", nil},
	{"kept from patients until they speak English", "People like that shouldn’t be let loose on patients until they’ve learned to speak English like the rest of us.", []string{"shouldn’t be let loose on patients until they’ve learned to speak English like the rest of us"}},
	{"classes until she learned English", "My mum took classes until she learned to speak English, and was not confident until she learnt to speak English.", nil},
	{"a slave-driver of a physio", "He tells everyone the physio’s a slave-driver, and she's a real slavedriver.", nil},
	{"back to the jungle", "She should go back to whatever jungle she trained in.", []string{"back to whatever jungle she trained in"}},
	{"too thick to", "The receptionist is too thick to work a phone.", []string{"is too thick to work a phone"}},
	{"wall too thick", "The wall was too thick to drill so they used another room.", nil},
	{"mare", "Stupid lazy mare, she never came back with the commode.", []string{"Stupid lazy mare"}},
	{"a horse", "The mare and her foal were in the field by the hospice.", nil},
	{"letting foreigners in", "They should stop letting foreigners in who don't know our ways.", []string{"should stop letting foreigners in who don't know our ways"}},
	{"predicate", "the practice manager was a patronising prat who told me off", []string{"patronising prat"}},
	{"what a", "What a gormless clown.", []string{"gormless clown"}},
	{"spineless yes-men", "She is rude and the rest of them are spineless yes-men.", []string{"spineless yes-men"}},
	{"a yes-man in a film", "He said yes to everything, like the hero of a film called Yes Man.", nil},
	{"of a", "The spineless weasel of a surgeon couldn't face us.", []string{"spineless weasel"}},
	{"plural", "a bunch of lazy overpaid parasites", []string{"lazy overpaid parasites"}},
	{"useless cow", "that useless cow on reception", []string{"useless cow"}},
	{"swear inside", "that useless f***ing cow", []string{"useless f***ing cow"}},
	{"swear as insult", "The dozy bastards in the transport office", []string{"dozy bastards"}},
	{"Irish header", "Yer man on the reception is a header. Told me twice to stop.", []string{"header"}},
	{"a dog, not a person", "Her dog, Bonnie, a fat old Westie, is walked twice a day. The resident dog is a greedy old Labrador called Churchill.", nil},
	{"pen-pusher", "her manager is a brain-dead pen-pusher who hides behind guidance", []string{"brain-dead pen-pusher"}},
	{"mixed-up freaks", "I don't want her sharing a bay with one of these mixed-up freaks.", []string{"mixed-up freaks"}},
	{"mixed-up appointments", "The mixed-up appointments were sorted by the clerk.", nil},
	{"a football header", "Kane scored with a header and it was a header to remember.", nil},
	{"simile", "even she is as dim as a broken torch.", []string{"as dim as a broken torch"}},
	{"simile short", "He's thick as two short planks, honestly.", []string{"thick as two short planks"}},
	{"a sleazy little creep", "The doctor is a sleazy little creep.", []string{"sleazy little creep"}},
	{"the writer an eejit", "Nobody minded when I admitted I'd been an eejit and let the dressing get wet.", nil},
	{"simile with champ", "The rest of them are as thick as champ.", []string{"as thick as champ"}},
	{"discrimination", "half of them should be shipped back to wherever they trained.", []string{"should be shipped back to wherever they trained"}},
	{"go back", "told her to go back to where she came from", []string{"go back to where she came from"}},
	{"told me to go back", "He told me to go back to where I came from.", []string{"told me to go back to where I came from"}},
	{"said I should go back", "He said I should go back where I came from.", []string{"said I should go back where I came from"}},
	{"homesick", "I wanted to go back where I came from, to the hills.", nil},
	{"a racist animal name", "She said, ‘I don’t want that African monkey touching my husband.’", []string{"African monkey"}},
	{"english", "The locum can't even speak English.", []string{"can't even speak English"}},
	{"which language", "She is 81 and she don't speak English, only Urdu and Punjabi.", nil},
	{"a mother who doesn't speak English", "Nobody thought an elderly woman who doesn’t speak English needed an interpreter.", nil},
	{"women who don't speak English", "This is not OK for women who don't speak English well enough to check.", nil},
	{"slur", "she called him a spastic", []string{"spastic"}},
	{"a band named after a dyke", "Someone from Black Dyke asks if I'm still puffing away.", nil},
	{"a capitalised slur after a pronoun", "You Dyke.", []string{"Dyke"}},
	{"intensifier", "The nurse was an absolute cow to my mother.", []string{"cow"}},
	{"phrase insult", "He's a complete waste of space.", []string{"waste of space"}},
	{"wish harm", "I hope she gets cancer and dies.", []string{"hope she gets cancer and dies"}},
	// not abuse
	{"behaviour", "The receptionist was rude, abrupt and dismissive.", nil},
	{"patronising alone", "The consultant was patronising.", nil},
	{"self", "I felt like an idiot for asking.", nil},
	{"literal bag", "I left my old bag on the ward.", nil},
	{"bag of", "I found the old bag of clothes and a dirty bag of laundry.", nil},
	{"animals", "a cow in the field and a rat in the bin", nil},
	{"toy", "it was a dinosaur with a squeaker", nil},
	{"lay-bys", "I drive HGV, away all week, sleeping in lay-bys and laybys.", nil},
	{"go back home", "I wanted to go back home to my own bed.", nil},
	{"go back ward", "They sent him back to the ward at night.", nil},
	{"simile praise", "she was as good as gold and sharp as a tack", nil},
	{"clinical", "a sharp scratch, then a little prick", nil},
	{"needle", "The nurse said I would feel a prick in my finger.", nil},
	{"prick insult", "The consultant is an arrogant prick.", []string{"arrogant prick"}},
}

func TestInsults(t *testing.T) {
	tests := insultCases
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := spansOf(tt.text, moderation.Abuse)
			if !slices.Equal(got, tt.want) {
				t.Errorf("abuse in %q = %q; want %q", tt.text, got, tt.want)
			}
		})
	}
}

// TestAbuseWins checks that the larger span wins when a swear word sits
// inside an insult or a threat.
func TestAbuseWins(t *testing.T) {
	text := "The dozy bastards! I'll f***ing batter him."
	var kinds []moderation.Kind
	for _, s := range newAbuseDetector().Find(text) {
		kinds = append(kinds, s.Kind)
	}
	if want := []moderation.Kind{moderation.Threat, moderation.Abuse}; !slices.Equal(kinds, want) &&
		!slices.Equal(kinds, []moderation.Kind{moderation.Abuse, moderation.Threat}) {
		t.Errorf("kinds = %v; want one ABUSE and one THREAT span", kinds)
	}
}
