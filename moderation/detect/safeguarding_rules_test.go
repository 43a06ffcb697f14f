package detect

import (
	"slices"
	"testing"

	"github.com/storydesk/storydesk/moderation"
)

// TestSafeguardingClasses covers the newer safeguarding classes: suicidal
// intent and planning, neglect (soiled pads, meals taken away, not turned
// or given a drink, a child left alone), unexplained injuries, rough
// handling, verbal abuse by care staff, money taken; and the sentences
// that share their words without the risk (a relationship ended, a bruise
// from a blood test, a refused dinner, "it hit me").
func TestSafeguardingClasses(t *testing.T) {
	tests := []struct {
		name, text string
		want       []string
	}{
		{"end it", "Nobody listens. I have decided tonight is the night I end it. I've already worked out when the night staff do their checks.", []string{"I have decided tonight is the night I end it", "I've already worked out when the night staff do their checks"}},
		{"end it tonight", "I'm going to end it tonight.", []string{"I'm going to end it tonight"}},
		{"nothing to live for", "I have nothing left to live for.", []string{"I have nothing left to live for"}},
		{"never wake up", "I just want to go to sleep and never wake up.", []string{"I just want to go to sleep and never wake up"}},
		{"better off if", "I keep thinking everyone would be better off if I wasn't here.", []string{"I keep thinking everyone would be better off if I wasn't here"}},
		{"can't go on", "I don't think I can go on much longer, I've started giving my things away.", []string{"I don't think I can go on much longer, I've started giving my things away"}},
		{"take them all", "I've got the tablets ready and I'm going to take them all tonight.", []string{"I'm going to take them all tonight"}},
		{"looking up how", "I've been looking up how to overdose.", []string{"I've been looking up how to overdose"}},
		{"cutting again", "I've started cutting again.", []string{"I've started cutting again"}},
		{"third person hang", "He told the nurse he plans to hang himself when he gets home.", []string{"He told the nurse he plans to hang himself when he gets home"}},
		{"jumping", "Most nights I sit on the bridge and think about jumping.", []string{"I sit on the bridge and think about jumping"}},
		{"soiled pad", "Twice now I have found her in the same soiled pad I saw her in the night before, with red, broken skin underneath.", []string{"Twice now I have found her in the same soiled pad I saw her in the night before, with red, broken skin underneath"}},
		{"soaked in urine", "Mum was left in her nightdress soaked in urine until the day staff came on.", []string{"Mum was left in her nightdress soaked in urine until the day staff came on"}},
		{"meal untouched", "On my last three visits his lunch had been left on the tray table and cleared away untouched.", []string{"On my last three visits his lunch had been left on the tray table and cleared away untouched"}},
		{"nobody turned", "She developed a grade four pressure sore because they never turned her.", []string{"She developed a grade four pressure sore because they never turned her"}},
		{"nobody changed pad", "Nobody had changed his pad since the night before.", []string{"Nobody had changed his pad since the night before"}},
		{"no drink", "Nobody had given Dad a drink in two days and he was badly dehydrated.", []string{"Nobody had given Dad a drink in two days", "he was badly dehydrated"}},
		{"not given", "Dad hasn't been given a drink all day.", []string{"Dad hasn't been given a drink all day"}},
		{"days without", "She had gone days without being washed.", []string{"She had gone days without being washed"}},
		{"child alone", "My friend's little boy is often left home alone at night.", []string{"My friend's little boy is often left home alone at night"}},
		{"found bruise", "Yesterday I found a large purple bruise on his wrist and another on his shoulder.", []string{"I found a large purple bruise on his wrist and another on his shoulder"}},
		{"noticed marks", "I noticed fingermarks on her upper arms.", []string{"I noticed fingermarks on her upper arms"}},
		{"came home with", "He came home with cuts on his face that no one could explain.", []string{"He came home with cuts on his face that no one could explain"}},
		{"yank arm", "The nurse yanked his arm to get him out of bed.", []string{"The nurse yanked his arm to get him out of bed"}},
		{"dragged relative", "A carer dragged Mum down the corridor by her arm.", []string{"A carer dragged Mum down the corridor by her arm"}},
		{"throw onto", "I saw a care assistant throw him onto the bed.", []string{"I saw a care assistant throw him onto the bed"}},
		{"tied", "They tie her to the chair so she won't wander.", []string{"They tie her to the chair so she won't wander"}},
		{"staff shut up", "The night nurse shouts at her and tells her to shut up.", []string{"The night nurse shouts at her and tells her to shut up"}},
		{"staff mock", "The staff laugh at him and call him names.", []string{"The staff laugh at him and call him names"}},
		{"money from account", "Her nephew has been taking money from her account.", []string{"Her nephew has been taking money from her account"}},
		{"pension", "My uncle has been taking Nan's pension every week.", []string{"My uncle has been taking Nan's pension every week"}},
		{"bank card", "The carer has been using his bank card to buy things.", []string{"The carer has been using his bank card to buy things"}},
		{"hits children", "Her new boyfriend hits the children.", []string{"Her new boyfriend hits the children"}},
		{"hair hit me", "Losing my hair hit me harder than I expected.", nil},
		{"news hit me", "It suddenly hit me that I might not see Christmas.", nil},
		{"husband hit", "Her husband hit her again last night.", []string{"Her husband hit her again last night"}},
		{"end relationship", "I ended it with my boyfriend last year.", nil},
		{"end with him", "I decided to end it with him and I'm happy now.", nil},
		{"tablets with food", "I'm going to take my tablets with food and take them all on time.", nil},
		{"blood test bruise", "She had a bruise on her arm from the blood test.", nil},
		{"own bruise", "I found a bruise on my knee after the fall.", nil},
		{"the marks", "I have seen the marks on his upper arms myself.", nil},
		{"rash", "I noticed a rash on her arm and the nurse said it was an allergy.", nil},
		{"call bell", "I found her call bell out of reach and her water jug empty.", nil},
		{"wet coat", "She was in a wet coat after walking in the rain.", nil},
		{"nil by mouth", "I wasn't given any food before the operation as I was nil by mouth.", nil},
		{"refused dinner", "Mum refused her dinner and left it untouched, which is normal for her.", nil},
		{"my tea", "The tea was left untouched because I felt sick.", nil},
		{"kids with sister", "We left the kids with my sister while we went to A&E.", nil},
		{"medication changed", "The GP never changed her medication despite the side effects.", nil},
		{"turned well", "The nurses turned him every two hours, which was reassuring.", nil},
		{"hairdresser", "The hairdresser pulled her hair back into a bun.", nil},
		{"help up", "The carer grabbed her arm to stop her falling.", nil},
		{"own account", "My husband took money out of our joint account to pay the parking.", nil},
		{"holiday", "I won't be here next week as I'm on holiday.", nil},
		{"fundraiser", "Tonight is the night of the hospice fundraiser.", nil},
		{"visitors shut up", "The nurses told the noisy visitors to shut up.", nil},
		{"staff argue", "The night staff shouted at each other across the ward.", nil},
		{"own face", "She slapped her face to stay awake on the night shift.", nil},
		{"drive into wall", "Part of me wants to drive into a wall on the way home.", []string{"Part of me wants to drive into a wall on the way home"}},
		{"in front of train", "Last night I stood on the platform and thought about stepping in front of the train.", []string{"I stood on the platform and thought about stepping in front of the train"}},
		{"own faeces", "Dad was sitting in a chair covered in his own faeces when I arrived.", []string{"Dad was sitting in a chair covered in his own faeces when I arrived"}},
		{"how long there", "We found Mum on the floor of her room, cold and soaked, and no one knew how long she had been there.", []string{"We found Mum on the floor of her room, cold and soaked, and no one knew how long she had been there"}},
		{"carer borrowing", "The agency carer has been borrowing money from my gran and not paying it back.", []string{"The agency carer has been borrowing money from my gran and not paying it back"}},
		{"cigarette burns", "There were cigarette burns on his arms.", []string{"There were cigarette burns on his arms"}},
		{"burns with", "My brother's girlfriend burns him with cigarettes.", []string{"My brother's girlfriend burns him with cigarettes"}},
		{"children neglected", "My neighbour's kids are always hungry and dirty and their mum is never home.", []string{"My neighbour's kids are always hungry and dirty and their mum is never home"}},
		{"squeezed hard", "The carer squeezed his hand hard until he cried out.", []string{"The carer squeezed his hand hard until he cried out"}},
		{"staff name-calling", "I heard the nurse call my mother a stupid cow.", []string{"I heard the nurse call my mother a stupid cow"}},
		{"threatened last week", "Her son threatened to kill her last week.", []string{"Her son threatened to kill her last week"}},
		{"kill myself laughing", "I'll kill myself laughing if he turns up in that hat.", nil},
		{"sits on her phone", "She's a fat lazy cow who sits on her phone all day.", nil},
		{"card at request", "The home keeps her bank card safe in the office at her request.", nil},
		{"squeezed my hand", "The nurse squeezed my hand and told me it would be fine.", nil},
		{"radiotherapy burns", "She had burns on her arm from the radiotherapy, which the team treated.", nil},
		{"lent money", "I lent my gran money for her taxi and she paid it back.", nil},
		{"car park", "I was walking in front of the car park entrance when I fell.", nil},
		{"shut up laptop", "The staff told me to shut up the laptop because the battery was low.", nil},
		{"sat on own bed", "She sat on her bed and cried with relief when the results came back clear.", nil},
		{"repositioned", "The carer pulled him up the bed and plumped his pillows.", nil},
		{"fall bruises", "Mum fell at home and had bruises down her left side, so the ambulance took her to A&E.", nil},
		{"pad changed", "The carers changed her pad every few hours and always told us when her skin looked red.", nil},
		{"same clothes bag", "I was in the same clothes for two days because my bag went missing in the transfer.", nil},
		{"fasting theatre", "She'd had no food or water since midnight because she was first on the theatre list.", nil},
		{"kids grandparents", "The kids were left with their grandparents while I was in hospital.", nil},
		{"end treatment", "I've decided to end my treatment and focus on quality of life, with the palliative team's support.", nil},
		{"goodbye note", "He wrote a goodbye note and left it on his pillow.", []string{"He wrote a goodbye note and left it on his pillow"}},
		{"don't care if I wake", "I've been self-medicating with vodka and I don't care if I wake up.", []string{"I don't care if I wake up"}},
		{"wet trousers", "The staff let him sit in wet trousers all afternoon.", []string{"The staff let him sit in wet trousers all afternoon"}},
		{"same incontinence pad", "Grandma has had the same incontinence pad on since yesterday.", []string{"Grandma has had the same incontinence pad on since yesterday"}},
		{"floor all night", "I found my dad lying on the floor of his room where he had been all night.", []string{"I found my dad lying on the floor of his room where he had been all night"}},
		{"no drink since", "She hadn't had a drink since breakfast and was confused and dehydrated.", []string{"She hadn't had a drink since breakfast and was confused and dehydrated"}},
		{"hands round throat", "The manager put her hands round Mum's throat.", []string{"The manager put her hands round Mum's throat"}},
		{"pillow over face", "A member of staff held a pillow over his face.", []string{"A member of staff held a pillow over his face"}},
		{"stealing from him", "Dad's carer has been stealing from him.", []string{"Dad's carer has been stealing from him"}},
		{"hurts her", "My sister's boyfriend hurts her and she's too scared to leave.", []string{"My sister's boyfriend hurts her", "she's too scared to leave"}},
		{"what I might do", "I'm scared of what I might do to the baby when he won't stop crying.", []string{"I'm scared of what I might do to the baby when he won't stop crying"}},
		{"garden", "The staff let him sit in the garden all afternoon, which he loved.", nil},
		{"floor exercises", "He was lying on the floor doing his physio exercises.", nil},
		{"nil by mouth drink", "She hadn't had a drink since breakfast because she was nil by mouth for surgery.", nil},
		{"hands on back", "The physio put her hands on Mum's back to steady her.", nil},
		{"thank-you note", "My daughter wrote a thank-you note to the midwives.", nil},
		{"biopsy", "I'm scared of what the biopsy might show.", nil},
		{"cold cloth", "The nurse held a cold cloth over his face to cool him.", nil},
		{"it hurts her", "It hurts her to walk since the fall.", nil},
		{"injection hurt", "The injection hurt her more than she expected.", nil},
		{"stolen from room", "Her glasses were stolen from her room.", nil},
		{"scared of dad", "Social services should know that the kids are scared of their dad.", []string{"Social services should know that the kids are scared of their dad"}},
		{"story changing", "The baby has a fractured arm and the parents' story keeps changing.", []string{"The baby has a fractured arm and the parents' story keeps changing"}},
		{"groomed", "My 14-year-old is being groomed by a man she met online.", []string{"My 14-year-old is being groomed by a man she met online"}},
		{"shake him", "The toddler next door is always crying and I've seen his dad shake him.", []string{"I've seen his dad shake him"}},
		{"afraid husband will kill", "I'm afraid my husband will kill me if he finds out I've told anyone.", []string{"I'm afraid my husband will kill me if he finds out I've told anyone"}},
		{"tried to strangle", "He tried to strangle her last night.", []string{"He tried to strangle her last night"}},
		{"can't promise", "I can't promise I won't hurt myself tonight.", []string{"I can't promise I won't hurt myself tonight"}},
		{"planning how", "Every night I lie awake planning how to do it.", []string{"I lie awake planning how to do it"}},
		{"selling herself", "She's been sleeping rough and selling herself to pay for drugs.", []string{"She's been sleeping rough and selling herself to pay for drugs"}},
		{"husband will kill me bill", "My husband will kill me when he sees how much I spent in the hospital shop.", nil},
		{"appointments story", "The story about my appointment keeps changing every time I ring.", nil},
		{"did not touch", "He did not touch me, and my sister was in the room the whole time.", nil},
		{"scared to touch", "I was too scared to touch them on my first morning.", nil},
		{"tried to hit the target", "The physio tried to hit the target of ten steps a day.", nil},
		{"selling car", "She's selling her car to pay for the care home.", nil},
		{"planning garden", "I lay awake planning the garden for when I got home.", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := spansOf(tt.text, moderation.Safeguarding)
			if !slices.Equal(got, tt.want) {
				t.Errorf("Safeguarding spans in %q = %q, want %q", tt.text, got, tt.want)
			}
		})
	}
}
