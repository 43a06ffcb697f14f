package detect

import (
	"slices"
	"strings"
	"testing"

	"github.com/storydesk/storydesk/moderation"
)

// safeguardingCases are the table of TestSafeguarding (and examples for
// the sentence model).
var safeguardingCases = []struct {
	name, text string
	want       []string
}{
	{"tablets put aside", "But I’ve been putting a few tablets aside every week until I have enough, and they don’t know.",
		[]string{"I’ve been putting a few tablets aside every week until I have enough"}},
	{"called a waste of space by a parent", "My foster mum calls me a waste of space in front of her own kids.",
		[]string{"My foster mum calls me a waste of space in front of her own kids"}},
	{"cuckooing", "Two or three young guys have more or less moved into his flat since the summer.",
		[]string{"Two or three young guys have more or less moved into his flat since the summer"}},
	{"son moving out", "My son has moved into his flat in Leeds.", nil},
	// a supporting statement is kept beside a concern that only the
	// sentence model found, and never alone
	{"supporting beside the model's concern", "There are marks on her neck and she is scared to go back to his. She has been giving her stuff away as well.",
		[]string{"There are marks on her neck and she is scared to go back to his", "She has been giving her stuff away as well"}},
	{"supporting alone", "Mum now goes rigid when that carer walks past her door.", nil},
	{"goodbyes to the people who matter", "I’ve said my goodbyes to the people who matter.", []string{"I’ve said my goodbyes to the people who matter"}},
	{"goodbyes to Mum", "I said my goodbyes to Mum before they took her down.", nil},
	{"the last thing I will write", "This is the last thing I’m going to write.", []string{"This is the last thing I’m going to write"}},
	{"the last thing I will say", "This is the last thing I’m going to say about the car park.", nil},
	{"tied to the bed rails", "When I came back at 7am they had tied his wrists to the bed rails with crepe bandage.",
		[]string{"they had tied his wrists to the bed rails with crepe bandage"}},
	{"hurt at home", "I think she is being hurt at home.", []string{"I think she is being hurt at home"}},
	{"means kept, beside a concern", "I’m going to do it properly this time. I still have the cord in my bag.",
		[]string{"I’m going to do it properly this time", "I still have the cord in my bag"}},
	{"missed visits logged as done", "The office told us to log the missed calls as done and write “declined care” in the notes.",
		[]string{"The office told us to log the missed calls as done and write “declined care” in the notes"}},
	{"taken abroad to be cut", "My aunt is planning to take her to Egypt this summer to have her cut.",
		[]string{"My aunt is planning to take her to Egypt this summer to have her cut"}},
	{"hair cut", "My aunt is taking her to have her hair cut on Saturday.", nil},
	{"locked inside", "The carers lock him inside the house and take the key with them.",
		[]string{"The carers lock him inside the house and take the key with them"}},
	{"better if I am not here", "I think my family will be better if I am not here.", []string{"I think my family will be better if I am not here"}},
	{"better if I am here", "The nurses said it would be better if I am here for the ward round.", nil},
	{"drugs to make her go with them", "They give her crack so she will go with them.", []string{"They give her crack so she will go with them"}},
	{"supporting alone, a gift", "She has been giving her stuff away to the charity shop since the move.", nil},
	{"a family better off without the writer", "Honestly my wife and the baby would manage better without me.",
		[]string{"my wife and the baby would manage better without me"}},
	{"held face down", "Staff held him face down on the dining room floor for ten minutes.",
		[]string{"Staff held him face down on the dining room floor for ten minutes"}},
	{"a threat to keep the baby", "He said calmly that if I ever tried to leave, I’d never see the baby again.",
		[]string{"He said calmly that if I ever tried to leave, I’d never see the baby again"}},
	{"arrangements, beside a concern", "I want to end my life. I have made my arrangements and written to the children.",
		[]string{"I want to end my life", "I have made my arrangements and written to the children"}},
	{"a dog rehomed alone", "I have asked the neighbour to take Bess for good while we move.", nil},
	{"kettle thrown", "My wife threw a full kettle at me during an argument.", []string{"My wife threw a full kettle at me during an argument"}},
	{"ball thrown", "The kids threw a ball at him in the park.", nil},
	{"pension not seen, beside a concern", "He has her bank card. She hasn't seen her pension since Christmas.",
		[]string{"He has her bank card", "She hasn't seen her pension since Christmas"}},
	{"months without a dentist, beside a concern", "She had toothache for months without anyone taking her to a dentist. Her dad hits her.",
		[]string{"She had toothache for months without anyone taking her to a dentist", "Her dad hits her"}},
	{"if it sat on them", "Clueless muppets who wouldn't know a heart attack if it sat on them.", nil},
	{"sat on him", "She sat on him until he stopped struggling.", []string{"She sat on him until he stopped struggling"}},
	{"scavenging child", "Most evenings he goes through our bins looking for food.", []string{"he goes through our bins looking for food"}},
	{"scavenging fox", "The fox goes through our bins looking for food.", nil},
	{"eating from bins", "The kids were eating out of the bins behind the chip shop.", []string{"The kids were eating out of the bins behind the chip shop"}},
	{"food waste", "We put the food waste in the bins every Monday.", nil},
	{"stopped wanting to live", "Since the diagnosis I have stopped wanting to live.", []string{"I have stopped wanting to live"}},
	{"stopped wanting a holiday", "I stopped wanting to go on holiday after Covid.", nil},
	{"tied with a sheet", "She was tied to the chair with a sheet around her belly.", []string{"She was tied to the chair with a sheet around her belly"}},
	{"cord kept, beside a concern", "I want to end my life. I have kept the cord from my dressing gown in my bag.",
		[]string{"I want to end my life", "I have kept the cord from my dressing gown in my bag"}},
	{"cord for the blinds", "I kept the cord from the blinds in my bag to fix later.", nil},
	{"enough to do the job", "I want to end my life. There is enough in there now to do the job properly.",
		[]string{"I want to end my life", "There is enough in there now to do the job properly"}},
	{"enough in the budget", "I have enough in the budget to do the job properly.", nil},
	// ninth session: the families above in other words
	{"laughing while she cries, beside a concern", "The staff hit my daughter. Two of them stood over her laughing while she cries.",
		[]string{"The staff hit my daughter", "Two of them stood over her laughing while she cries"}},
	{"laughing while we chat", "The staff were laughing while they chatted with her about the bake-off.", nil},
	{"fine without me, beside a concern", "I want to end my life. I keep thinking they would all be fine without me.",
		[]string{"I want to end my life", "I keep thinking they would all be fine without me"}},
	{"fine without me alone", "The ward will be fine without me for a week while I'm on leave.", nil},
	{"how many it would take, beside a concern", "He has been hiding tablets in the cabinet. He searched how many it would take.",
		[]string{"He has been hiding tablets in the cabinet", "He searched how many it would take"}},
	{"how many sessions", "I asked how many sessions it would take to get my knee right.", nil},
	{"bruises like fingertips, beside a concern", "Her mum's boyfriend hits her. She had round bruises on her back like fingertips.",
		[]string{"Her mum's boyfriend hits her", "She had round bruises on her back like fingertips"}},
	{"cold like fingertips alone", "The gel felt cold like fingertips on my back.", nil},
	{"fridge with nothing in, beside a concern", "The baby had been left alone all day. The fridge had nothing in it but cans.",
		[]string{"The baby had been left alone all day", "The fridge had nothing in it but cans"}},
	{"fridge alone", "Our new fridge has nothing in it yet because we only moved on Friday.", nil},
	{"told to wet the bed", "One of the night staff told me to just wet the bed because she wasn't bringing a bottle again.",
		[]string{"One of the night staff told me to just wet the bed because she wasn't bringing a bottle again"}},
	{"told to rest in bed", "The nurse told me to just rest in bed for the day.", nil},
	{"locked out until morning", "They locked me out until the morning and I slept in the bus shelter.",
		[]string{"They locked me out until the morning"}},
	{"locked out of the car", "I locked myself out of the car at the hospital.", nil},
	{"one apple a day, beside a concern", "She told me she wants to die. She eats maybe one apple a day.",
		[]string{"She told me she wants to die", "She eats maybe one apple a day"}},
	{"an apple a day alone", "The dietitian says one apple a day is a good start for his fruit.", nil},
	{"long sleeves and blood, beside a concern", "He has been cutting himself again. He wears long sleeves even in the heat and there is blood on his towels.",
		[]string{"He has been cutting himself again", "He wears long sleeves even in the heat and there is blood on his towels"}},
	{"blood on the towel after a shave", "He nicked himself shaving and left blood on the towel.", nil},
	{"join her, beside a concern", "I want to end my life. I have been thinking about how I might go and join her.",
		[]string{"I want to end my life", "I have been thinking about how I might go and join her"}},
	{"join her for lunch", "I might go and join her for lunch on Sunday.", nil},
	{"don't trust what I might do, beside a concern", "I want to end my life. I don't trust what I might do.",
		[]string{"I want to end my life", "I don't trust what I might do"}},
	{"answers for me, beside a concern", "He hits me. He answers all the questions for me at every appointment.",
		[]string{"He hits me", "He answers all the questions for me at every appointment"}},
	{"answers for me alone", "He answers all the questions for me because my English is poor.", nil},
	{"sleeping in the car, beside a concern", "My husband hits me. I have been sleeping in my car since Friday.",
		[]string{"My husband hits me", "I have been sleeping in my car since Friday"}},
	{"no point", "I don't see the point in going on any more.", []string{"I don't see the point in going on any more"}},
	{"plan", "Honestly, I have made plans to end my life.", []string{"I have made plans to end my life"}},
	{"two statements", "I have a plan for how I would do it and I’ve written letters to my family.",
		[]string{"I have a plan for how I would do it", "I’ve written letters to my family"}},
	{"keep safe", "I don’t think I can keep myself safe much longer.", []string{"I don’t think I can keep myself safe much longer"}},
	{"purging", "Since then it has got worse. I’m eating one small meal every two days and making myself sick after it.",
		[]string{"I’m eating one small meal every two days and making myself sick after it"}},
	{"reporting frame inside", "He says two of the night carers pull him across the bed by his arms so hard it hurts.",
		[]string{"He says two of the night carers pull him across the bed by his arms so hard it hurts"}},
	{"time phrase outside", "Last week one of them left him on a wet sheet until the morning.",
		[]string{"one of them left him on a wet sheet until the morning"}},
	{"carer slapped", "The carer slapped my mum when she spilt her tea.", []string{"The carer slapped my mum when she spilt her tea"}},
	{"soiled sheets", "Dad was left in soiled sheets for hours.", []string{"Dad was left in soiled sheets for hours"}},
	{"bruises", "She had bruises nobody could explain.", []string{"She had bruises nobody could explain"}},
	{"subordinate outside", "Sometimes when she won’t stop screaming I have thoughts about shaking her and it frightens me.",
		[]string{"I have thoughts about shaking her and it frightens me"}},
	{"and that", "She said her stepdad slammed her hand in a door because she answered back and that she is scared to go home when he has been drinking.",
		[]string{"She said her stepdad slammed her hand in a door because she answered back", "she is scared to go home when he has been drinking"}},
	{"third person", "My son said he wants to kill himself and nobody called back.",
		[]string{"My son said he wants to kill himself and nobody called back"}},
	{"not fed", "He hasn't been given anything to eat or drink for two days.",
		[]string{"He hasn't been given anything to eat or drink for two days"}},
	{"locked in", "The care home staff lock him in his room at night.",
		[]string{"The care home staff lock him in his room at night"}},
	{"names", "The manager shouts at the residents and calls them names.",
		[]string{"The manager shouts at the residents and calls them names"}},
	{"better off", "Some days I think everyone would be better off without me.",
		[]string{"I think everyone would be better off without me"}},
	{"being neglected", "My mum is being neglected.", []string{"My mum is being neglected"}},
	{"rough", "The carers are rough with her.", []string{"The carers are rough with her"}},
	{"theft", "The carer stole her jewellery.", []string{"The carer stole her jewellery"}},
	{"self-harming", "I've been self-harming again.", []string{"I've been self-harming again"}},
	{"fear of harm", "I’m scared he will hurt me if I tell anyone.", []string{"I’m scared he will hurt me if I tell anyone"}},
	{"threatened", "Her son threatened to kill her last week.", []string{"Her son threatened to kill her last week"}},
	{"pills", "I keep thinking about taking them all at once.", []string{"I keep thinking about taking them all at once"}},
	// not safeguarding
	{"past self-harm", "I used to self-harm as a teenager.", nil},
	{"past crisis", "Three years ago I was at rock bottom and wanted to die. I’ve been sober for two years now.", nil},
	{"bereavement", "My brother died by suicide in 2019 and the hospice helped us grieve.", nil},
	{"care quality", "I found her call bell out of reach and her water jug empty.", nil},
	{"recorded message", "a recorded message telling me to call 999 if my life was in danger", nil},
	{"hyperbole", "I thought I'd die of cold.", nil},
	{"accident", "I hit my head on the cupboard and he shook his head.", nil},
	{"negated", "Nobody has ever hit her and I would never hurt myself.", nil},
	{"gesture", "When I flinched she sighed and told me to keep still.", nil},
	{"hyperbole wanted to die", "When I saw the bill I wanted to die.", nil},
	{"clinical hold", "They held her down gently to put the cannula in, which she needed.", nil},
	{"resolved", "There were times I felt suicidal, but the therapy helped and I'm in a good place now.", nil},
	{"school", "My daughter is scared to go back to school after the surgery.", nil},
	{"fall bruises", "She had bruises from the fall and a cut on her forehead.", nil},
	{"call bell", "I pushed the call bell and nobody came for an hour.", nil},
	// eleventh session: innocent twins from the clean stories of unseen sets
	{"a note for the GP", "The nurse wrote a note for the GP about my cream.", nil},
	{"a suicide note written", "I have written a suicide note to my sister.", []string{"I have written a suicide note to my sister"}},
	{"die from embarrassment", "I wanted to die from embarrassment when the alarm went off.", nil},
	{"cut opening a tin", "I cut myself badly opening a tin of beans and needed three stitches.", nil},
	{"a slice of cake", "She cut herself a slice of cake and sat with Mum.", nil},
	{"cut with a razor", "I cut myself again last night with a razor.", []string{"I cut myself again last night with a razor"}},
	{"since I last", "It has been a year since I last hurt myself.", nil},
	{"since last week", "Since last week I have been cutting myself again.", []string{"I have been cutting myself again"}},
	{"last year in the sentence", "Last year I was self-harming and nobody knew.", nil},
	{"every night", "I was self-harming every night and nobody knew.", []string{"I was self-harming every night and nobody knew"}},
	{"not for months", "I haven't hurt myself for eighteen months.", nil},
	{"not slept, then a wish", "I haven't slept for days and I want to hurt myself.", []string{"I want to hurt myself", "I haven't slept for days"}},
	{"a trainer's topics", "The trainer talked about neglect, financial abuse and coercive control.", nil},
	{"leaflets on a rack", "There were leaflets about self-harm and suicide in the waiting room.", nil},
	{"told after training", "After the training on safeguarding she told me her carer hits her.", []string{"she told me her carer hits her"}},
	{"kill me if I didn't go", "My wife said she'd kill me if I didn't go to hospital.", nil},
	{"kill me if I told", "He said he would kill me if I told anyone.", []string{"He said he would kill me if I told anyone"}},
	{"an overdose dated past", "Two years ago I was in a very bad place. I had stopped eating, I stopped going out, and one night I took an overdose.", nil},
	{"an overdose tonight", "I am in a very bad place. I have stopped eating, I stopped going out, and tonight I will take an overdose.",
		[]string{"I have stopped eating, I stopped going out, and tonight I will take an overdose"}},
	// eleventh session: classes missed on unseen sets 88-91
	{"hit by him", "Dad has been hit by him at least three times that we know of.", []string{"Dad has been hit by him at least three times that we know of"}},
	{"slapped by a carer", "Mum was slapped by one of the carers.", []string{"Mum was slapped by one of the carers"}},
	{"hit by a car", "He was hit by a car on the way home.", nil},
	{"a carer scratched", "A carer had been scratched by him and wanted to press charges.", nil},
	{"an overdose counted", "I took 16 paracetamol before I came in.", []string{"I took 16 paracetamol before I came in"}},
	{"two for a headache", "I took 2 paracetamol for my headache.", nil},
	{"in his own vomit", "He was lying on a trolley in the corridor in his own vomit with a cut on his head.",
		[]string{"He was lying on a trolley in the corridor in his own vomit with a cut on his head"}},
	{"bruises on both wrists, beside a concern", "The carer slapped her. She has bruises on both wrists.",
		[]string{"The carer slapped her", "She has bruises on both wrists"}},
	{"a bruise he wouldn't explain", "He has a yellowish bruise on the back of his leg he wouldn’t explain.",
		[]string{"He has a yellowish bruise on the back of his leg he wouldn’t explain"}},
	{"owned up to", "Last night I shook him.", []string{"I shook him"}},
	{"shaken awake", "I shook him awake when the taxi came.", nil},
	{"a child alone all day", "The boy next door is 4 years and he is alone in the flat all day.",
		[]string{"The boy next door is 4 years and he is alone in the flat all day"}},
	{"tablets to keep her quiet", "They give her tablets to keep her quiet.", []string{"They give her tablets to keep her quiet"}},
	{"a zombie on tablets", "She is like a zombie since they started the new tablets.", []string{"She is like a zombie since they started the new tablets"}},
	{"a zombie after nights", "After three night shifts I was like a zombie.", nil},
	{"a door slammed on a hand", "My ex slammed the car door on my hand.", []string{"My ex slammed the car door on my hand"}},
	{"my own fingers", "I slammed the door on my fingers.", nil},
	{"visits cut short", "The agency cut his visits short every day.", []string{"The agency cut his visits short every day"}},
	{"stopped eating, beside a concern", "She has stopped eating. She keeps saying we would all be better off without her.",
		[]string{"She has stopped eating", "She keeps saying we would all be better off without her"}},
	{"stopped eating alone", "She has stopped eating since her cold.", nil},
	{"an adult asking for bread", "She asked me for a loaf of bread last Sunday.", nil},
	{"a child asking for bread", "The little boy next door knocks asking for bread.", []string{"The little boy next door knocks asking for bread"}},
	{"her own joke", "The nurse laughed at her own joke.", nil},
	{"hours ago is now", "The nurse was on her way 4 hrs ago. I took an overdose before I came in.", []string{"I took an overdose before I came in"}},
	{"years ago is over", "Two years ago I was at rock bottom. I took an overdose.", nil},
	// eleventh session: classes missed on unseen sets 92-95
	{"the usual questions", "The triage nurse went through the usual questions, including whether I had any thoughts of harming myself at the moment.", nil},
	{"thoughts all week", "I had thoughts of harming myself all week.", []string{"I had thoughts of harming myself all week"}},
	{"beat at golf", "He beat us all at crazy golf.", nil},
	{"beat with a belt", "He beat her with a belt.", []string{"He beat her with a belt"}},
	{"a first thought", "My first thought was that someone had been rough with him.", nil},
	{"a thought now", "I think someone has been rough with him.", []string{"I think someone has been rough with him"}},
	{"passports kept by a manager", "The manager keeps our passports locked in her office until we finish the contract.",
		[]string{"The manager keeps our passports locked in her office until we finish the contract"}},
	{"a passport kept at a desk", "The receptionist kept my passport while I filled in the form.", nil},
	{"pay docked for a bed", "He take £60 every week from the pay for a bed in a caravan.", []string{"He take £60 every week from the pay for a bed in a caravan"}},
	{"reported to the Home Office", "She say she will report us to Home Office and we will be deported.", []string{"She say she will report us to Home Office"}},
	{"a refuge found", "My ex husband know now where is the refuge.", []string{"My ex husband know now where is the refuge"}},
	{"a refuge known to a volunteer", "I know where the refuge is because I volunteer there.", nil},
	{"a man online, a child", "My daughter is 14. Over half term I found out. She has been talking to a man online who says he is 19.",
		[]string{"She has been talking to a man online who says he is 19"}},
	{"a man online, a sister", "My sister has been talking to a man online and they are getting married.", nil},
	{"cannot stop thinking", "I can’t stop thinking about hurting him.", []string{"I can’t stop thinking about hurting him"}},
	{"would never think", "I would never think about hurting him.", nil},
	// eleventh session: from the clean stories of unseen sets 96-99
	{"asked, and said no", "She asked if I'd had any thoughts of harming myself and I said no.", nil},
	{"asked, and said yes", "She asked if I'd had any thoughts of harming myself and I said yes.",
		[]string{"She asked if I'd had any thoughts of harming myself"}},
	{"asked if safe, and said yes", "The nurses were so patient. They asked her if she felt safe at home n she said yes n then told them all about the dog for 20 mins.", nil},
	{"several questions, several answers", "The nurse then asked her the questions they have to ask – did she feel low, had she had any thoughts of harming herself, did she feel safe at home – and she answered no, no and yes, and gave me a look.", nil},
	{"answers in brackets", "nurse practitioner was an absolute legend tho. asked if i hit my head (no), if i could feel my fingers (yes), made me do the thing where u touch ur thumb to every finger.", nil},
	{"asked if safe, no probs", "She asked me how my mood was n if i felt safe at home, said no probs on both, me n my fella are grand.", nil},
	{"asked if safe, and said no", "They asked Mum on her own if she felt safe at home and she said no, not with him there.",
		[]string{"They asked Mum on her own if she felt safe at home and she said no, not with him there"}},
	// fifteenth session: from unseen sets 148-151
	{"no fluids charted", "Her charts show no fluids recorded after 4pm on eleven of the last fourteen days.",
		[]string{"Her charts show no fluids recorded after 4pm on eleven of the last fourteen days"}},
	{"fluids charted", "The nurses recorded her fluids every hour.", nil},
	{"PRN whatever his state", "Some staff on the late shift give him his PRN lorazepam every evening whether he is distressed or not, so he is asleep by seven.",
		[]string{"Some staff on the late shift give him his PRN lorazepam every evening whether he is distressed or not, so he is asleep by seven"}},
	{"money for outings", "Money for his activities is signed out for trips that never happen.", []string{"Money for his activities is signed out for trips that never happen"}},
	{"no way through", "He is at home with me now, but he is still saying he can't see a way through this.", []string{"He is at home with me now, but he is still saying he can't see a way through this"}},
	{"no reason to get up", "I told the GP in April that I could find no reason to get up in the mornings.", []string{"I told the GP in April that I could find no reason to get up in the mornings"}},
	{"questions listed, answered no", "The in-reach nurse saw him in week one and went through all the screening questions: any thoughts of ending his life, any plans, any self-harm. He answered no and, knowing him, he meant it.", nil},
	{"questions listed, answered yes", "The in-reach nurse went through all the screening questions: any thoughts of ending his life, any plans, any self-harm. He answered yes to the first two.",
		[]string{"The in-reach nurse went through all the screening questions: any thoughts of ending his life, any plans, any self-harm"}},
	{"instead of holding him down", "Instead of pinning him down for his obs she did them on me first so he could copy.", nil},
	{"pinned down", "Two of the staff pinned him down on the floor for his obs while he screamed.", []string{"Two of the staff pinned him down on the floor for his obs while he screamed"}},
	{"every message read", "He reads every message the surgery sends me and he won't let me go to an appointment on my own.",
		[]string{"He reads every message the surgery sends me", "he won't let me go to an appointment on my own"}},
	{"every message read by a nurse", "The practice nurse reads every message we send within a day.", nil},
	{"kept settled with tablets", "She told me that the night staff give her a bit extra of the old tablets to keep her settled.",
		[]string{"She told me that the night staff give her a bit extra of the old tablets to keep her settled"}},
	{"no point of anything", "I don't see the point of anything since Mum died in the summer.", []string{"I don't see the point of anything since Mum died in the summer"}},
	{"no point of anything, then", "I was at rock bottom and didn't see the point of anything for a while.", nil},
	{"told what to say", "mum says i have to say i fell if anyone asks about the marks.", []string{"mum says i have to say i fell if anyone asks about the marks"}},
	{"said she fell", "She said she fell on the ice by the bins.", nil},
	{"hands held down", "She said the big one holds my hands down so I don't pull at things.", []string{"She said the big one holds my hands down so I don't pull at things"}},
	{"a flat to deal from", "They took his bank card off him and they're using the flat to deal from, I'm sure of it.", []string{"They took his bank card off him", "they're using the flat to deal from, I'm sure of it"}},
	{"everything ready, alone", "I've got everything ready for the hospital bag now.", nil},
	{"answered no after the question", "Had anyone been taking money off me? No. Was I feeling low or thinking of harming myself? I told the lass no, I've got the allotment.", nil},
	{"answered yes after the question", "Was I feeling low or thinking of harming myself? I told the lass yes, most nights.",
		[]string{"Was I feeling low or thinking of harming myself"}},
	{"no reason to go to A&E", "There was no reason to go to A&E, so the GP saw him.", nil},
	{"not joking, alone", "I told the physio I'd be back on the bike by May and I wasn't joking.", nil},
	{"trousers falling, alone", "His trousers kept falling down because the hospital had cut his belt off.", nil},
	{"not joking, beside", "I told her I'd walk into the water and keep going. She laughed but I wasn't joking.",
		[]string{"I told her I'd walk into the water and keep going", "She laughed but I wasn't joking"}},
	{"too frightened to say", "My gran is too frightened to say anything about her own care.", []string{"My gran is too frightened to say anything about her own care"}},
	{"terrified of a worker", "The care company says she's confused. She's also terrified of one of their workers.", []string{"She's also terrified of one of their workers"}},
	{"routine questions about", "They did ask the routine questions about self-harm and suicide, and I could honestly say no.", nil},
	{"dated by the next sentence", "I thought about ending my life more than once. That was five years ago.", nil},
	{"last night is now", "I thought about ending my life more than once. That was last night.",
		[]string{"I thought about ending my life more than once", "That was last night"}},
	{"in 2019", "When I came out of the army in 2019 I fell apart. I thought about ending my life more than once.", nil},
	// eleventh session: classes missed on unseen sets 96-99
	{"made to hand it over", "A couple of lads on the wing make me hand it over every night or they'll do me in.",
		[]string{"A couple of lads on the wing make me hand it over every night or they'll do me in"}},
	{"does not stop when told no", "He doesnt stop when I tell him no.", []string{"He doesnt stop when I tell him no"}},
	{"a noise that does not stop", "The bleeping does not stop when I tell the nurses.", nil},
	{"a scalding bath", "She was put in a bath that was so hot it scalded both her legs.", []string{"She was put in a bath that was so hot it scalded both her legs"}},
	{"a hand scalded making tea", "The water was so hot it scalded my hand when I made the tea.", nil},
	{"through his wallet", "The camera shows her going through his wallet while he is asleep in the chair.",
		[]string{"The camera shows her going through his wallet while he is asleep in the chair"}},
	{"the writer through his wallet", "I went through his wallet to find his bus pass.", nil},
	{"scared of procedure", "I was scared it would hurt but the nurse was gentle.", nil},
	// twelfth session: from the clean stories of sets 100-103
	{"questions asked the sentence before", "She asked me the questions they ask everyone now. Was I sleeping, was I eating, had I felt so low I'd thought about harming myself.", nil},
	// twelfth session: classes missed on sets 100-103
	{"she broke my finger", "Last month she broke my finger in the car door.", []string{"she broke my finger in the car door"}},
	{"he's fractured her wrist", "He's fractured her wrist and she says she fell.", []string{"He's fractured her wrist"}},
	{"she broke her own wrist", "She broke her wrist when she fell on the ice.", nil},
	{"broken my heart", "He has broken my heart, leaving like that.", nil},
	{"he'd broken my jaw, long ago", "Before that he'd broken my jaw. He has had no contact for three years.", nil},
	{"a cup thrown at Dad", "She threw a cup of tea at Dad because he was slow.", []string{"She threw a cup of tea at Dad because he was slow"}},
	{"a ball thrown at me", "The kids threw a ball at me in the garden.", nil},
	{"the writer threw a shoe", "I threw a shoe at him in the end.", nil},
	{"call bells switched off", "She turns the call bells off at the panel for the rooms that ring a lot.", []string{"She turns the call bells off at the panel for the rooms that ring a lot"}},
	{"call bell answered", "She answered the call bell within a minute every time.", nil},
	{"restrained face down", "She has told me staff restrain her face down on the floor.", []string{"She has told me staff restrain her face down on the floor"}},
	{"a stab wound", "He was taken to A&E with a stab wound to his leg.", []string{"He was taken to A&E with a stab wound to his leg"}},
	{"stabbed with needles", "He was stabbed about five times before they got a cannula in.", nil},
	{"left on the floor until", "He had fallen in the bathroom and been left on the floor until the next drugs round.", []string{"He had fallen in the bathroom and been left on the floor until the next drugs round"}},
	{"on the floor until the ambulance", "I stayed with her on the floor until the ambulance came.", nil},
	{"sedative not on the chart", "He's been given lorazepam every evening without it being on the chart we were shown.", []string{"He's been given lorazepam every evening without it being on the chart we were shown"}},
	{"sedative not working", "The diazepam for her back is not working as well as it did.", nil},
	{"still working there, beside a concern", "The night carer slapped my mum. He is still working nights there.", []string{"The night carer slapped my mum", "He is still working nights there"}},
	{"still working there, alone", "He is still working nights there, and loves it.", nil},
	{"back on the rota, beside a concern", "A carer pushed Dad into his chair. They've put him back on Dad's rota for Thursday.", []string{"A carer pushed Dad into his chair", "They've put him back on Dad's rota for Thursday"}},
	{"the writer's intent is a threat", "The next time she cancels I'll go round to that office and drag her out by her hair.", nil},
	{"a carer's fear stays a concern", "I'm scared I'll drag her out of bed by her arm one of these nights.", []string{"I'm scared I'll drag her out of bed by her arm one of these nights"}},
	{"no point going on without her", "theres no point going on without her", []string{"theres no point going on without her"}},
	{"going on without a diagnosis", "We can't go on without a diagnosis.", nil},
	{"tablets put by, beside a concern", "There's no point going on without her. I've got the tablets put by.", []string{"There's no point going on without her", "I've got the tablets put by"}},
	{"tablets put away, alone", "Mum kept her tablets put away in the kitchen for the carers.", nil},
	{"the same thoughts, beside a concern", "I want to end my life. I'm still having the same thoughts.", []string{"I want to end my life", "I'm still having the same thoughts"}},
	{"a carer taking money", "I think one carer is taking money from her purse.", []string{"I think one carer is taking money from her purse"}},
	{"a carer taking her blood pressure", "A carer was taking her blood pressure when I arrived.", nil},
	{"morphine taken for himself", "My husband takes most of my morphine for himself.", []string{"My husband takes most of my morphine for himself"}},
	{"an arm pulled hard", "My mother also say this carer pull her arm very hard when she is slow to stand.", []string{"My mother also say this carer pull her arm very hard when she is slow to stand"}},
	{"take the baby, never see her again", "He said he would take the baby and I would never see her again.", []string{"He said he would take the baby and I would never see her again"}},
	{"he knows where I live", "He has been messaging me every day saying he knows where I live now.", []string{"He has been messaging me every day saying he knows where I live now"}},
	{"the writer knows where she lives", "I know where she lives, so I drop her shopping off.", nil},
	{"a threat to kill the family told to his dad", "He told his dad he would kill us both if we rang the police again.", []string{"He told his dad he would kill us both if we rang the police again"}},
	{"smoking with oxygen on", "He is still smoking with his oxygen running.", []string{"He is still smoking with his oxygen running"}},
	{"carpet burns on his face", "He came home with carpet burns on his face.", []string{"He came home with carpet burns on his face"}},
	{"a carpet burn on the knee", "He has a carpet burn on his knee from the football.", nil},
	{"made to do sex things", "Now he makes me do sex things I dont want to do.", []string{"he makes me do sex things I dont want to do"}},
	{"a phone taken so she can't ring", "He takes my phone so I cant ring my mam.", []string{"He takes my phone so I cant ring my mam"}},
	{"a phone taken to charge", "The nurse takes my phone so it can charge overnight.", nil},
	{"no question before", "We talked about the weather. Was I sleeping? No. I've thought about harming myself every night.", []string{"I've thought about harming myself every night"}},
}

func TestSafeguarding(t *testing.T) {
	tests := safeguardingCases
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := spansOf(tt.text, moderation.Safeguarding)
			if !slices.Equal(got, tt.want) {
				t.Errorf("safeguarding in %q = %q; want %q", tt.text, got, tt.want)
			}
		})
	}
}

// TestSafeguardingReasons checks the words moderation.Propose reads to pick
// the escalation reason.
func TestSafeguardingReasons(t *testing.T) {
	tests := []struct{ text, want string }{
		{"I want to end my life.", "self-harm"},
		{"The carer slapped my mum.", "abuse"},
		{"He was left in soiled sheets all night.", "neglect"},
	}
	for _, tt := range tests {
		spans := newAbuseDetector().Find(tt.text)
		if len(spans) != 1 || !strings.Contains(spans[0].Reason, tt.want) {
			t.Errorf("Find(%q) = %v; want one span whose reason mentions %q", tt.text, spans, tt.want)
		}
	}
	spans := newAbuseDetector().Find("I want to end my life.")
	if a, r := moderation.Propose("I want to end my life.", spans); a != moderation.Escalate || r != moderation.ReasonSafeguardingSelfHarm {
		t.Errorf("Propose = %s/%s; want escalate/safeguarding_self_harm", a, r)
	}
}

// TestSwearingInsideConcern checks that a swear word inside a
// safeguarding statement is its own span (redacted when the story is
// published) and the statement is flagged around it.
func TestSwearingInsideConcern(t *testing.T) {
	cases := []struct {
		name, text string
		want       []string // kind and text of each span, in order
	}{
		{"swear word inside", "Last week the carer called my mum a stupid fucking cow and slapped her across the face.",
			[]string{"SAFEGUARDING the carer called my mum a stupid", "PROFANITY fucking", "SAFEGUARDING cow and slapped her across the face"}},
		{"no swear word", "Last week the carer called my mum a stupid cow and slapped her across the face.",
			[]string{"SAFEGUARDING the carer called my mum a stupid cow and slapped her across the face"}},
	}
	e := New()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var got []string
			for _, s := range e.Detect(c.text) {
				got = append(got, string(s.Kind)+" "+c.text[s.Start:s.End])
			}
			if !slices.Equal(got, c.want) {
				t.Errorf("got %q, want %q", got, c.want)
			}
		})
	}
}
