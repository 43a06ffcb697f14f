package detect

import (
	"slices"
	"testing"

	"github.com/storydesk/storydesk/moderation"
)

// TestMoreInsults covers the insult rules of epithet.go and the newer
// discrimination patterns: epithets ("smug little toad"), insults placed
// at a workplace ("the clowns behind the counter"), group insults ("you
// useless lot") and telling people to leave the country; and the little old
// ladies, nasty little cuts and bunches of flowers that share their words.
func TestMoreInsults(t *testing.T) {
	tests := []struct {
		name, text string
		want       []string
	}{
		{"not a word of English", "Half the doctors can't speak a word of English.", []string{"can't speak a word of English"}},
		{"lazy Eastern Europeans", "Typical lazy Eastern Europeans who can't follow a simple address.", []string{"lazy Eastern Europeans who can't follow a simple address"}},
		{"first boat home", "Half of them should be put on the first boat home.", []string{"should be put on the first boat home"}},
		{"boat home on holiday", "We were put on the first boat home after the storm.", nil},
		{"send them all back on the boat", "They should send them all back on the first boat and give the jobs to our own.", []string{"should send them all back on the first boat and give the jobs to our own"}},
		{"samples back on the boat", "We should send the samples back on the next boat.", nil},
		{"a word of proper English", "Got some locum who couldn't speak a word of proper English.", []string{"couldn't speak a word of proper English"}},
		{"mincing poof", "The nurse was some mincing poof who talked down to me.", []string{"mincing poof who talked down to me"}},
		{"bone idle", "The receptionists are bone idle.", []string{"are bone idle"}},
		{"whatever country", "She should go back to whatever country gave her a licence.", []string{"should go back to whatever country gave her a licence"}},
		{"that git, after I", "I don't want that senile old git anywhere near her.", []string{"senile old git"}},
		{"felt like", "I felt like a stupid old woman in that waiting room.", nil},
		{"absolute melt", "The receptionist was an absolute melt.", []string{"melt"}},
		{"snow will melt", "The snow will melt by Friday.", nil},
		{"smug little poof", "The smug little poof told me to wait.", []string{"smug little poof"}},
		{"and poof", "And poof, the pain was gone.", nil},
		{"string a sentence", "Half of them can't string a sentence together in English.", []string{"can't string a sentence together in English"}},
		{"smug noun", "The new dietitian is a smug stick insect who stood me on the scales.", []string{"smug stick insect"}},
		{"smug two words", "They are a pack of smug painted harpies who love saying no.", []string{"smug painted harpies"}},
		{"smug grin", "He had a smug grin on his face and a smug air about him.", nil},
		{"smug satisfaction", "Smug satisfaction all round when Mum won at bingo.", nil},
		{"smug consultant", "The smug consultant said there was nothing to be done.", nil},
		{"smug alone", "I was so smug that day, and he sat there smug as anything.", nil},
		{"jumped-up job", "A jumped-up plastic doctor who wouldn't look in his throat.", []string{"jumped-up plastic doctor"}},
		{"jumped-up verb after", "That jumped-up tooth fairy needs to learn some manners.", []string{"jumped-up tooth fairy"}},
		{"jumped up two words", "Jumped up little madam with her nails and her attitude.", []string{"Jumped up little madam"}},
		{"jumped up verb", "He jumped up and ran, and the dog jumped up at me.", nil},
		{"nosy cow", "That nosy cow has never said sorry.", []string{"nosy cow"}},
		{"useless foreigner", "That useless foreigner should not be a GP.", []string{"useless foreigner"}},
		{"foul-mouthed gorillas", "Those foul-mouthed gorillas should have been put in a room.", []string{"foul-mouthed gorillas"}},
		{"gorillas at the zoo", "The gorillas at the zoo were his favourite.", nil},
		{"waste of a lanyard", "She is a waste of a lanyard.", []string{"waste of a lanyard"}},
		{"sneering little gatekeeper", "The sneering little gatekeeper laughed at me.", []string{"sneering little gatekeeper"}},
		{"power-mad", "I had to fight through that bunch of power-mad gatekeepers to get there.", []string{"power-mad gatekeepers"}},
		{"stuck-up job", "A stuck-up receptionist told me off.", []string{"stuck-up receptionist"}},
		{"stuck-up alone", "She was stuck-up and rude, and her tone was power-mad.", nil},
		{"participle before insult", "The officer who got there first was a power-tripping thug.", []string{"power-tripping thug"}},
		{"participle before animal", "The guard, a knuckle-dragging ape in a hi-vis, had it ticketed.", []string{"knuckle-dragging ape"}},
		{"kind participle", "A hard-working clown came to the children's ward.", nil},
		{"apes at the zoo", "We saw an old ape and the apes were lovely.", nil},
		{"gossiping old hens", "The health visitors are gossiping old hens who know nothing.", []string{"gossiping old hens"}},
		{"old hen in the yard", "An old hen in the yard laid every day.", nil},
		{"eejit", "The girl on the phone is a useless eejit, so she is.", []string{"useless eejit"}},
		{"snobby cow", "A snobby cow who thinks she's better than us.", []string{"snobby cow"}},
		{"sour old trout", "She told us first babies take ages. Sour old trout.", []string{"Sour old trout"}},
		{"trout for tea", "We had trout for tea and it was lovely.", nil},
		{"doddery old fossil", "The morning one is a doddery old fossil.", []string{"doddery old fossil"}},
		{"fossil museum", "He showed me the fossil he found on the beach.", nil},
		{"wee gnome", "That call handler was a condescending wee gnome.", []string{"condescending wee gnome"}},
		{"wee bit", "We had a wee bit of lunch in the garden.", nil},
		{"tosspots", "The incompetent tosspots on the night shift said no.", []string{"incompetent tosspots"}},
		{"epithet trait", "The girl on the till is a sulky little madam who rolls her eyes.", []string{"sulky little madam"}},
		{"epithet animal", "The dentist was a smug little toad who spent more time on his phone.", []string{"smug little toad"}},
		{"epithet famous name", "The discharge coordinator, a jumped-up little Napoleon with a lanyard, refused.", []string{"jumped-up little Napoleon"}},
		{"epithet general+person", "Shut up, you stupid old woman.", []string{"stupid old woman"}},
		{"epithet two adjectives", "The receptionist is a power-mad little jobsworth.", []string{"power-mad little jobsworth"}},
		{"epithet witch", "That nurse is a spiteful little witch.", []string{"spiteful little witch"}},
		{"epithet bat", "She's an ignorant old bat.", []string{"ignorant old bat"}},
		{"placed counter", "To the clowns behind the counter at my local chemist: you should be ashamed.", []string{"clowns"}},
		{"placed in charge", "The jokers in charge of this trust should be ashamed.", []string{"jokers"}},
		{"placed running", "The cowboys running this practice don't care.", []string{"cowboys"}},
		{"group lot", "You useless lot should be sacked.", []string{"useless lot"}},
		{"group bunch of", "What a bunch of clowns.", []string{"clowns"}},
		{"group pack of", "What a pathetic bunch of amateurs.", []string{"pathetic bunch of amateurs"}},
		{"dehumanising", "They are vermin and should be treated like it.", []string{"vermin"}},
		{"sent back whatever", "Honestly, nurses like that should be sent back to whatever village they came from.", []string{"should be sent back to whatever village they came from"}},
		{"own country", "They can go back to their own country if they don't like it.", []string{"can go back to their own country if they don't like it"}},
		{"come over here", "These people come over here and take our jobs.", []string{"come over here and take our jobs"}},
		{"send the lot", "Send the lot of them back where they came from.", []string{"Send the lot of them back where they came from"}},
		{"little old lady", "The little old lady next to me was lovely.", nil},
		{"lovely little lady", "She was a lovely little lady in the bed next to mine.", nil},
		{"smug smile", "He gave me a smug little smile when he was proved right.", nil},
		{"nasty cut", "It was a nasty little cut but it healed.", nil},
		{"horrible room", "It was a horrible little room with no window.", nil},
		{"nasty polyp", "They found a nasty little polyp during the scan.", nil},
		{"silly mistake", "The doctor said it was a silly little mistake on the form.", nil},
		{"self", "I felt like a stupid little girl for crying.", nil},
		{"clowns party", "The clowns at the children's ward party were brilliant.", nil},
		{"pigs farm", "We saw the pigs at the farm near the hospice.", nil},
		{"rats ward", "There were rats in the ward kitchen.", nil},
		{"bunch flowers", "A bunch of flowers arrived from the team.", nil},
		{"lot quicker", "The pharmacy was a lot quicker this time.", nil},
		{"pack cards", "There was a pack of cards in the day room.", nil},
		{"dirty lot", "They took away the dirty lot of washing.", nil},
		{"carer abroad", "Our carer went back to her own country for Christmas.", nil},
		{"go back home", "I wanted to go back home to my own bed.", nil},
		{"own country imperative", "Go back to your own country, the patient shouted at the nurse.", []string{"Go back to your own country"}},
		{"fat lazy cow", "She's a fat lazy cow who sits on her phone all day.", []string{"fat lazy cow"}},
		{"great bunch", "The staff on the ward are a great bunch.", nil},
		{"tough old bird", "She's a tough old bird, my nan, and she pulled through.", nil},
		{"stupid accident", "Dad had a stupid little accident with the lawnmower.", nil},
		{"joke of a doctor", "The consultant is an absolute joke of a doctor.", []string{"joke of a doctor"}},
		{"lump of lard", "He's a useless lump of lard.", []string{"lump of lard"}},
		{"absolute joke", "It was an absolute joke how long we waited.", nil},
		{"old soldier", "My dad is an old soldier and doesn't complain.", nil},
		{"new noun", "The locum was a total charlatan.", []string{"charlatan"}},
		{"new weak predicative", "That surgeon is a liar and a quack.", []string{"liar"}},
		{"new weak you", "You sadistic bully.", []string{"sadistic bully"}},
		{"swine flu", "I had swine flu in 2009.", nil},
		{"drip", "He was on a drip for two days.", nil},
		{"whale of a time", "We had a whale of a time at the hospice party.", nil},
		{"those weasels", "Those weasels in the billing department charged us twice.", []string{"weasels"}},
		{"these clowns", "These clowns couldn't organise a raffle.", []string{"clowns"}},
		{"piece of work", "That nurse is a nasty piece of work.", []string{"nasty piece of work"}},
		{"useless lumps", "The agency staff are a load of useless lumps.", []string{"useless lumps"}},
		{"these pigs in blankets", "These pigs in blankets were the best thing on the Christmas menu.", nil},
		{"these robots", "These robots in theatre are amazing.", nil},
		{"hacks", "These hacks make life with a stoma easier.", nil},
		{"parasites literal", "These parasites can cause serious infection in children.", nil},
		{"where they belong", "People like her should go back to where they belong.", []string{"should go back to where they belong"}},
		{"sour-faced old trout", "The triage nurse was a sour-faced old trout.", []string{"sour-faced old trout"}},
		{"vile little man", "The consultant was a vile little man.", []string{"vile little man"}},
		{"quiet little man", "The dentist was a quiet little man with kind eyes.", nil},
		{"thick as pigshit", "They're all thick as pigshit in that office.", []string{"thick as pigshit in that office"}},
		{"nasty old hag", "That receptionist is a nasty old hag.", []string{"nasty old hag"}},
		{"calm old hand", "Our midwife was a calm old hand who'd delivered thousands of babies.", nil},
		{"bossy cow", "The midwife was a bossy cow.", []string{"bossy cow"}},
		{"thick-necked thug", "The security guard was a thick-necked thug.", []string{"thick-necked thug"}},
		{"stickler", "She's a stickler for the rules, which I respect.", nil},
		{"busy woman", "The consultant is a busy woman but she made time for us.", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := spansOf(tt.text, moderation.Abuse)
			if !slices.Equal(got, tt.want) {
				t.Errorf("Abuse spans in %q = %q, want %q", tt.text, got, tt.want)
			}
		})
	}
}
