package detect_test

import (
	"strings"
	"testing"

	"github.com/storydesk/storydesk/moderation"
	"github.com/storydesk/storydesk/moderation/detect"
)

func TestNames(t *testing.T) {
	runRuleCases(t, moderation.Person, []ruleCase{
		// signals
		{"title", "a doctor, Dr Villiers, told me", []string{"Villiers"}},
		{"title full name", "My surgeon, Mr Tobias Engel, and", []string{"Tobias Engel"}},
		{"title with dot", "Dr. Amir Patel saw me.", []string{"Amir Patel"}},
		{"two-word title", "Staff Nurse Okonkwo was kind.", []string{"Okonkwo"}},
		{"job words after a title", "Nurse Practitioner Jones and Consultant Surgeon Mr Shah were kind.", []string{"Jones", "Shah"}},
		{"ampersand list", "The paramedics, Rhiannon & Kofi, were great.", []string{"Rhiannon", "Kofi"}},
		{"town before a name", "The school nurse who covers our primary in Leicester, Oonagh, is fantastic.", []string{"Oonagh"}},
		{"town in an address", "The nurses visit my mum at 14 Larkspur Close, Kettering, NN15 6TR every day.", nil},
		{"service named after a region", "Thank you, North East Ambulance Service.", nil},
		{"one of them", "One of them, Marites, sings to him in the mornings.", []string{"Marites"}},
		{"charity named for relations", "There was a worker from Friends, Families and Travellers on the bus.", nil},
		{"ethnic groups", "I'm a Romany Gypsy and my husband is an Irish Traveller.", nil},
		{"capitalised role before a name", "At his review our GP, Farooq Siddiqui, told me the wait.", []string{"Farooq Siddiqui"}},
		{"capitalised relation before a name", "My Mum, Jean, came with me.", []string{"Jean"}},
		{"personal assistant", "My PA, Shanice, has been with me for six years.", []string{"Shanice"}},
		{"my mate", "Me and my mate Jade ended up in A&E at 2am.", []string{"Jade"}},
		{"special mention", "Special mention to Hamid on the bariatric team.", []string{"Hamid"}},
		{"nurse title", "Nurse Kelly held my hand.", []string{"Kelly"}},
		{"relationship", "My husband Dave drove me in.", []string{"Dave"}},
		{"relationship comma", "my daughter, Aisha, was scared", []string{"Aisha"}},
		{"in-law", "My father-in-law, Tadeusz, is 79.", []string{"Tadeusz"}},
		{"role apposition", "the nurse in charge, Pauline, who promised", []string{"Pauline"}},
		{"role list", "The paramedics, Rhiannon and Kofi, were wonderful. Kofi even made tea.", []string{"Rhiannon", "Kofi", "Kofi"}},
		{"role direct", "the physiotherapist Sunita Varma had me walking", []string{"Sunita Varma"}},
		{"reverse apposition", "Faith, my chemo nurse, always smiled.", []string{"Faith"}},
		{"was my role", "Jas was my physio from March onwards.", []string{"Jas"}},
		{"problem is my husband", "Problem is my husband always comes in the room with me.", nil},
		{"I am a known name", "I am Jaswinder Kaur Gill, date of birth 17/06/1958.", []string{"Jaswinder Kaur Gill"}},
		{"I am grateful", "I am Very Grateful to the team.", nil},
		{"the writer's own name", "I’m Chidinma and I had my twins at a London hospital.", []string{"Chidinma"}},
		{"the writer's own name before a comma", "Hi, I'm Oluwaseun, 34, and this is my story.", []string{"Oluwaseun"}},
		{"I'm and a word", "I'm Gutted.", nil},
		{"I'm and a nationality", "I'm Nigerian and I had my baby there.", nil},
		{"a relationship word as a title", "Grandpa Seamus is 91 and lives on his own near Ballyhalbert.", []string{"Seamus"}},
		{"auntie as a title", "Auntie Pat came every day.", []string{"Pat"}},
		{"a place after gran", "We flew to Gran Canaria for a week.", nil},
		{"name before DOB", "The label on the bag said Harjit Singh Bains, DOB 03/09/1951.", []string{"Harjit Singh Bains"}},
		{"saint's day", "We were home for Patrick's Day. Thank you all.", nil},
		{"a drink and a charity", "She shared her Dr Pepper and told me about Dr Barnardo's.", nil},
		{"a city thanked", "Thank you Sheffield, and thanks to the ward.", nil},
		{"fictional with titles", "He loved Dr Seuss and Mr Tickle from the Mr Men books.", nil},
		{"an eponymous disease", "We saw the Alzheimer's consultant on Monday.", nil},
		{"pet called", "My guide dog is a black Labrador called Ozzy. Ozzy loved the ward.", nil},
		{"cat by name", "He told me all about his cat Mabel. Mabel is twelve.", nil},
		{"is our relation", "Tomasz is our son and he came every day.", []string{"Tomasz"}},
		{"Welsh sign-off", "Thank you all.\n\nDiolch,\nRhianwen", []string{"Rhianwen"}},
		{"dashed signature with age", "Thank you all.\n\n— Olly, 29", []string{"Olly"}},
		{"TV names", "Nurse Ratched she was not, and Mr Tumble songs calmed him.", nil},
		{"listed with a known name", "Imogen and Tunde were the paramedics.", []string{"Imogen", "Tunde"}},
		{"Mental Health Act", "She was sectioned under the Mental Health Act.", nil},
		{"label line", "From the letter:\n\nPatient: Gwendolen Ashby-Rowe\nWard: 4", []string{"Gwendolen Ashby-Rowe"}},
		{"role then was", "The nurse on duty that night was Oonagh Brennan.", []string{"Oonagh Brennan"}},
		{"was plain", "The nurse said it was Tuesday.", nil},
		{"thank you to", "Thank you to Morag for the map.", []string{"Morag"}},
		{"thanks too to", "Thanks too to Priya on the desk.", []string{"Priya"}},
		{"was called after a role", "The nurse who held my hand was called Suzie.", []string{"Suzie"}},
		{"between commas after a role", "The nurse who sat with me, Mercy, was kind.", []string{"Mercy"}},
		{"before born", "I gave his details – Alwyn Pritchard, born on 1 March 1941 – again.", []string{"Alwyn Pritchard"}},
		{"charity", "Thank you to Sue Ryder nurses.", nil},
		{"was called a thing", "The ward was called Ocean.", nil},
		{"name alone after a blank line", "Write to me at home.\n\nBeverley Tranter", []string{"Beverley Tranter"}},
		{"hospital alone on the last line", "Lovely staff.\n\nQueen Elizabeth Hospital", nil},
		{"was my place", "The ward was my home for weeks. It was my GP who noticed.", nil},
		{"one of the nurses", "Bronwen, one of the night nurses, sat with him.", []string{"Bronwen"}},
		{"called", "a nurse called Jo came over", []string{"Jo"}},
		{"name label", "Name: Parveen Akhtar\nDate of birth", []string{"Parveen Akhtar"}},
		{"signature line", "Thank you all.\n\nMany thanks,\nHollie Marsden", []string{"Hollie Marsden"}},
		{"signature dash", "It got sorted.\n– Abena Mensah", []string{"Abena Mensah"}},
		{"initial in sign-off", "Thanks to the team.\nRegards,\nM. Thompson", []string{"M. Thompson"}},
		{"middle initial", "Dr Stefanía K. Oddgeirsdóttir saw me.", []string{"Stefanía K. Oddgeirsdóttir"}},
		{"thanks comma", "It was great. Thanks, Jo", []string{"Jo"}},
		{"thanks to", "Thanks to Bev and Kofi on Ward 4, and thank you to Leeds Teaching Hospitals.", []string{"Bev", "Kofi"}},
		{"especially", "The nurses were brilliant, especially Máiréad.", []string{"Máiréad"}},
		{"thank God", "Thank God for the NHS. Thanks to Macmillan and Ward 7.", nil},
		{"surnames that are street words", "Dr Mary Hill and Nurse Tom Green were kind.", []string{"Mary Hill", "Tom Green"}},
		{"street after a first name", "the corner of Main Street and Philip Bypass", nil},
		{"-ist role", "the hygienist, Marta, was gentle; the paediatrician Dr Obi agreed", []string{"Marta", "Obi"}},
		{"gazetteer", "Eileen returned today feeling much improved.", []string{"Eileen"}},
		{"gazetteer with surname", "Her details are Winifred Kaur, DOB unknown.", []string{"Winifred Kaur"}},
		{"every occurrence", "My physio, Callum, was honest. Callum, you’re a legend.", []string{"Callum", "Callum"}},
		{"possessive excluded", "My husband Dave’s car broke down.", []string{"Dave"}},
		{"non-ASCII", "Our midwife, Siobhán, and Dr Zoë Łukasz-O’Rourke helped.", []string{"Siobhán", "Zoë Łukasz-O’Rourke"}},
		{"apostrophe surname", "In intensive care, Liam O’Rourke was my nurse.", []string{"Liam O’Rourke"}},
		{"ambiguous with signal", "When we went back, the nurse, Grace, was brilliant.", []string{"Grace"}},
		{"ambiguous full name", "Our daughter, Amelie Rose, was born", []string{"Amelie Rose"}},
		// traps
		{"ambiguous words", "Will I be able to drive again? May I say it was a frank conversation and a joy. Hope so.", nil},
		{"say grace", "she likes to say grace before every meal", nil},
		{"month", "I had mine in April at my usual practice.", nil},
		{"youngest", "My youngest, Mercy, has had chest problems since she was born.", []string{"Mercy"}},
		{"eldest alone", "My eldest is at university in Leeds.", nil},
		{"dog breed", "We have a Jack Russell who barks at the postman.", nil},
		{"syndrome", "He was diagnosed with Guillain-Barré syndrome last spring.", nil},
		{"boxer", "Dad grew up watching Muhammad Ali fight.", nil},
		{"ward named after a person", "Dad spent six weeks on Nightingale Ward.", nil},
		{"charity nurse", "A Marie Curie nurse had looked after Dad.", nil},
		{"charity desk", "The Macmillan information desk helped.", nil},
		{"possessive centre", "I went to the Maggie’s centre next door.", nil},
		{"hospital after a person", "moved to the Sir Robert Peel Community Hospital in Tamworth", nil},
		{"wing", "twins at the Jessop Wing in Sheffield", nil},
		{"famous", "Nan would sing along to Elvis and Cliff Richard.", nil},
		{"fictional", "She is braver than Harry Potter and loves Paddington and Bluey.", nil},
		{"brand", "a walking frame he calls his ‘Zimmer’", nil},
		{"place", "We commute from Cockfosters into central London.", nil},
		{"job titles", "the consultant, the staff nurse and Sister were kind", nil},
		{"kinship words", "Mum and Dad and Nan were there.", nil},
		{"the + gazetteer name is an institution", "The Christie in Manchester is brilliant.", nil},
		{"famous with title", "Dr Foster reports rank hospitals; Doctor Who is on TV.", nil},
		{"title without name", "The Nurse was kind. Dr said no.", nil},
	})
}

func TestNameReasons(t *testing.T) {
	e := detect.New()
	for _, tt := range []struct{ text, reason string }{
		{"seen by Dr Patel today", "name after title 'Dr'"},
		{"my husband Dave drove", "relationship word 'husband'"},
		{"a nurse called Jo came", "'called'"},
	} {
		spans := e.Detect(tt.text)
		if len(spans) != 1 || !strings.Contains(spans[0].Reason, tt.reason) {
			t.Errorf("Detect(%q) = %+v; want one span whose reason has %q", tt.text, spans, tt.reason)
		}
	}
}
