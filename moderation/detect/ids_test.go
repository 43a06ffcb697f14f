package detect_test

import (
	"slices"
	"testing"

	"github.com/storydesk/storydesk/moderation"
	"github.com/storydesk/storydesk/moderation/detect"
)

// found returns the texts of the spans of kind k that the engine finds.
func found(e *detect.Engine, text string, k moderation.Kind) []string {
	var out []string
	for _, s := range e.Detect(text) {
		if s.Kind == k {
			out = append(out, text[s.Start:s.End])
		}
	}
	return out
}

type ruleCase struct {
	name, text string
	want       []string
}

func runRuleCases(t *testing.T, k moderation.Kind, cases []ruleCase) {
	t.Helper()
	e := detect.New()
	for _, tt := range cases {
		t.Run(tt.name, func(t *testing.T) {
			if got := found(e, tt.text, k); !slices.Equal(got, tt.want) {
				t.Errorf("%s in %q = %q; want %q", k, tt.text, got, tt.want)
			}
		})
	}
}

func TestNHSNumbers(t *testing.T) {
	runRuleCases(t, moderation.NHSNumber, []ruleCase{
		{"spaced", "My NHS number is 943 476 5919.", []string{"943 476 5919"}},
		{"dashes", "NHS no. 443-483-9543, thanks", []string{"443-483-9543"}},
		{"grouped 4-3-3 after NHS", "my NHS number is 1871 817 269 and my date of birth is 30.06.1987.", []string{"1871 817 269"}},
		{"grouped 4-3-3 without NHS", "The reference on the letter is 1871 817 269.", nil},
		{"unspaced", "NHS number 4828807292.", []string{"4828807292"}},
		{"no context still valid", "Ref 401-023-2137", []string{"401-023-2137"}},
		{"bad check digit", "Ref 943 476 5918.", nil},
		{"sample poster number", "a made-up NHS number, 987 654 4321, in big letters", nil},
		{"no valid check digit exists", "the batch number 413 228 1718 on the box", nil},
		{"mixed grouping is not an NHS number", "code 9434 765 919", nil},
		{"inside a longer number", "serial 99434765919", nil},
		{"CHI with context", "Her CHI number is 0101011237.", []string{"0101011237"}},
		{"CHI date and rest", "My CHI number is 140387 7645 (I was born", []string{"140387 7645"}},
		{"in brackets", "She spotted the NHS number (6967732943) in the wrong box.", []string{"6967732943"}},
		{"spaced in brackets", "(NHS number: 943 476 5919)", []string{"943 476 5919"}},
		{"CHI shape without CHI", "The batch was 140387 7645 on the box.", nil},
	})
}

func TestNHSReason(t *testing.T) {
	e := detect.New()
	spans := e.Detect("My NHS number is 943 476 5919.")
	if len(spans) != 1 || spans[0].Reason == "" || spans[0].Confidence < 0.9 {
		t.Fatalf("got %+v, want one NHS span with a reason and confidence ≥ 0.9 after 'NHS'", spans)
	}
	bare := e.Detect("Ref 943 476 5919.")
	if len(bare) != 1 || bare[0].Confidence >= spans[0].Confidence {
		t.Errorf("without 'NHS' got %+v, want lower confidence than %v", bare, spans[0].Confidence)
	}
}

func TestPhoneNumbers(t *testing.T) {
	runRuleCases(t, moderation.Phone, []ruleCase{
		{"mobile spaced", "reach me on 07700 900 184 or email", []string{"07700 900 184"}},
		{"mobile +44", "call +44 7700 900 977.", []string{"+44 7700 900 977"}},
		{"landline", "I’m on 0117 496 0381.", []string{"0117 496 0381"}},
		{"london", "my landline, 020 7946 0582, so", []string{"020 7946 0582"}},
		{"fictional area", "We are on 01632 960 452 if", []string{"01632 960 452"}},
		{"bracketed area code", "ring (020) 7946 0582 today", []string{"(020) 7946 0582"}},
		{"whole number in brackets", "ring us (020 7946 0582) today", []string{"020 7946 0582"}},
		{"bracketed batch number", "the batch number on the box (7592179536) for the stores", nil},
		{"+44 (0)", "ring +44 (0)20 7946 0582 today", []string{"+44 (0)20 7946 0582"}},
		{"unspaced", "text 07700900305 please", []string{"07700900305"}},
		{"dashes", "call 0113-496-0764", []string{"0113-496-0764"}},
		{"international", "my sister in Paris is on +33 1 42 68 53 00.", []string{"+33 1 42 68 53 00"}},
		{"freephone", "rang 0800 123 4567 twice", []string{"0800 123 4567"}},
		{"999 stays clean", "I rang 999 and then 111.", nil},
		{"times and prices", "At 10.30 it cost £12.50 for 2 hours.", nil},
		{"two numbers apart", "07700 900 184 or 0117 496 0381", []string{"07700 900 184", "0117 496 0381"}},
		{"ten-digit number with trunk 0", "ring 01697 73456 after six", []string{"01697 73456"}},
		{"frame model number", "the model number 783 830 6400 printed inside", nil},
	})
}

func TestNINumbers(t *testing.T) {
	runRuleCases(t, moderation.NINumber, []ruleCase{
		{"spaced", "my National Insurance number, ZH 17 42 18 A, which", []string{"ZH 17 42 18 A"}},
		{"compact lower case", "nino tw987654a", []string{"tw987654a"}},
		{"partly spaced", "nino: PR 123612C", []string{"PR 123612C"}},
		{"in curly quotes", "my National Insurance number typed as ‘AR120977C’ with no spaces", []string{"AR120977C"}},
		{"invalid prefix ZZ", "Old form quoted ZZ 18 32 60 A, since corrected.", nil},
		{"invalid first letter", "UV 98 76 54 B", nil},
		{"second letter O", "AO 12 34 56 B", nil},
		{"bad suffix", "AA 12 34 56 H", nil},
		{"digit suffix", "AB 12 34 56 1", nil},
	})
}

func TestPostcodes(t *testing.T) {
	runRuleCases(t, moderation.Postcode, []ruleCase{
		{"spaced", "our postcode, SA1 8UP, and", []string{"SA1 8UP"}},
		{"in curly quotes", "the label said ‘41 Larch Avenue, Whitley Bay NE26 3PL’. Thanks.", []string{"NE26 3PL"}},
		{"inside a longer word", "code NE26 3PLé and éNE26 3PL", nil},
		{"unspaced", "My new postcode is NE66RY.", []string{"NE66RY"}},
		{"lower case", "it is sw9 6yt now", []string{"sw9 6yt"}},
		{"AANA", "EC1A 1BB", []string{"EC1A 1BB"}},
		{"GIR", "GIR 0AA", []string{"GIR 0AA"}},
		{"outward only", "somewhere in SW9 near the park", nil},
		{"bad inward letter", "M1 1CA", nil},
		{"Q first", "QA1 1AA", nil},
		{"inside a word", "ABCM11AADEF", nil},
		{"a part number after 'an'", "The lens they'd picked was an SN60WF at +21.5 dioptres.", nil},
		{"unspaced after 'at'", "We live at SN60WF now.", []string{"SN60WF"}},
		{"a model number after 'model'", "They showed me the box for the lens – model SN60WF, batch 3147439359.", nil},
		{"a model number after 'model:'", "Lens model: SN60WF.", nil},
		{"unspaced after 'postcode'", "My postcode is SN60WF.", []string{"SN60WF"}},
		{"times are not postcodes", "at 3 pm on ward B2 2pm", nil},
	})
}

func TestEmailsAndHandles(t *testing.T) {
	runRuleCases(t, moderation.Email, []ruleCase{
		{"plain", "or hollie.marsden@example.org.", []string{"hollie.marsden@example.org"}},
		{"subdomain", "email bookings@flexfix-physio.example.com. Sports", []string{"bookings@flexfix-physio.example.com"}},
		{"written out", "write to jo dot bloggs at example dot com please", []string{"jo dot bloggs at example dot com"}},
		{"written out with digits after a dot", "Please write to me at ravi dot kapoor dot 61 at example dot com (written like that).", []string{"ravi dot kapoor dot 61 at example dot com"}},
		{"written out with digits spoken apart", "please email me on kezza dot jones 99 at example dot net cos", []string{"kezza dot jones 99 at example dot net"}},
		{"at without a domain", "we arrived at nine and left at ten", nil},
		{"handle is not email", "follow @kai_on_prep.", nil},
	})
	runRuleCases(t, moderation.Handle, []ruleCase{
		{"handle", "follow @kai_on_prep.", []string{"@kai_on_prep"}},
		{"handle with a full stop inside", "my snap is @lilyyy.b_x but dont tell", []string{"@lilyyy.b_x"}},
		{"handle with caps", "on X at @TinnitusTalksUK.", []string{"@TinnitusTalksUK"}},
		{"email is not a handle", "a.mensah.pg@example.com", nil},
		{"price with at", "2 @ £3", nil},
	})
}

func TestHospitalNumbers(t *testing.T) {
	runRuleCases(t, moderation.HospitalNumber, []ruleCase{
		{"a service number", "I had to give my ED service number, EDS-40917, every time. My service ID is TT-0094821. MBU number MBU-2208.", []string{"EDS-40917", "TT-0094821", "MBU-2208"}},
		{"a van's service number", "Their service number 4412 was on the van. The customer service number is 0300 123 4567. The army asked for my service number, 25091137.", nil},
		{"the right number in the next sentence", "The letter came with someone else's patient number on it. Mine is 00418822. They put the wrong hospital number on them. It should be B2091174.", []string{"00418822", "B2091174"}},
		{"a bare number without 'mine'", "They gave me a patient number on a card. The total is 00418822 pence.", nil},
		{"hospital number", "hospital number K7720194, NHS number", []string{"K7720194"}},
		{"a code after a short phrase", "Morag Lindsay, hospital number at the rheumatology clinic RH-0093471, and I’m on the phone.", []string{"RH-0093471"}},
		{"a code on the wristband", "My hospital number on my wristband BLK-H882145 was wrong.", []string{"BLK-H882145"}},
		{"a PICU number", "Her records: PICU number PICU-58213.", []string{"PICU-58213"}},
		{"a hospital's name labelling its number", "Patient: Terence Mulholland\nChristie No: C0928814", []string{"C0928814"}},
		{"a policy labelling its number", "Policy No: AB1234567", nil},
		{"a number from a unit", "Her number from the stroke unit is K4419027 if the GP needs it.", []string{"K4419027"}},
		{"an A&E attendance number", "ED attendance no: MIU-2408113\nAddress: 9 Mill Lane", []string{"MIU-2408113"}},
		{"an abbreviated hospital number", "NHS No. 2906 429 775 (Hosp. no. M0043817)", []string{"M0043817"}},
		{"a gender clinic's reference", "my GIC ref is GIC/19/44102 if that helps", []string{"GIC/19/44102"}},
		{"a haematology number", "NHS: 484 858 6429\nHaematology no.: HAEM-66120\nEmergency contact: 020 7946 0193", []string{"HAEM-66120"}},
		{"attendance figures", "Attendance numbers at the clinic were 40 a day.", nil},
		{"a count from a ward", "The number from the ward was 20 beds.", nil},
		{"the number on his band", "He is 73 and the number on his band is M2219047.", []string{"M2219047"}},
		{"the number on his band is no code", "The number on his band is his size.", nil},
		{"a neonatal number", "Her neonatal number is NEO-8814207, if the clinic needs it.", []string{"NEO-8814207"}},
		{"a record system's number", "I got a reply quoting my RiO number, 1103982, and nothing else.", []string{"1103982"}},
		{"a number of the same form later", "Our patient number is FC-30582 and my partner's is FC-30583 if anyone wants to check.", []string{"FC-30582", "FC-30583"}},
		{"a bare number of the same length later", "My hospital number is 4471093 and the bus was 4471094.", []string{"4471093"}},
		{"a shorter code with the same letters", "His hospital number is H1193027 and the ward was H12 then.", []string{"H1193027"}},
		{"a transposed number in the next sentence", "My hospital number is M0882154. The letter I received had M0882145 on it.", []string{"M0882154", "M0882145"}},
		{"a hospital's initials", "NHS No: 727 135 4735\nRPH No: P0419876\nAddress: 3 Mill Lane", []string{"P0419876"}},
		{"an early pregnancy unit's number", "My EPU number on the letter is EPU-22817.", []string{"EPU-22817"}},
		{"an infirmary's number", "NHS 461 314 0277\nCumberland Infirmary no. CI 3318842\n", []string{"CI 3318842"}},
		{"a referral reference", "My referral reference is GIC-20488 and I have written it on every form.", []string{"GIC-20488"}},
		{"a referral reference shaped like a failed NHS number", "The referral reference on our letter was 444 011 6783 and they found us.", nil},
		{"a service's client number", "My client number at the drug and alcohol service is DAS/7730/21, in case anyone reads this.", []string{"DAS/7730/21"}},
		{"a finance office's client reference", "NI number: JT 48 29 61 C\nClient reference: 30077418\n\nFollowing your financial assessment", nil},
		{"a social care number", "Her adult social care number is LBL-5520193 if anybody reads this.", []string{"LBL-5520193"}},
		{"a health and care number card", "The Health and Care number card has an example number, 786 211 6766, on it.", nil},
		{"two hospital numbers", "their hospital numbers, NICU-4471 and NICU-4472, were mixed up", []string{"NICU-4471", "NICU-4472"}},
		{"unit number in quotes", "Mine say “unit number” LN-0073362. When I rang", []string{"LN-0073362"}},
		{"patient number", "his patient number, PICU-30774, every time", []string{"PICU-30774"}},
		{"spaced", "took my hospital number, CX 557 0102, and", []string{"CX 557 0102"}},
		{"MRN", "MRN: RJ1-1807656.", []string{"RJ1-1807656"}},
		{"phrase between, then is", "My MRN from a previous visit is M0937741, so I know.", []string{"M0937741"}},
		{"hospital then is", "Her hospital number at the Norfolk and Norwich is NNU 771302.", []string{"NNU 771302"}},
		{"in brackets", "It had my hospital number (EPU/55102) on it.", []string{"EPU/55102"}},
		{"there was", "My patient number there was CAMHS-20581.", []string{"CAMHS-20581"}},
		{"placeholder", "The poster had an example hospital number, T0000000, stamped sample only.", nil},
		{"a case reference shaped like a failed NHS number", "When I rang I was given a case reference, 211 219 7863, and a sitter.", nil},
		{"a case reference of ten other digits", "When I rang I was given a case reference, 21 1219 7863, and a sitter.", []string{"21 1219 7863"}},
		{"after a colon later", "I've been told to quote his unit number when I phone, so here it is: H1193027.", []string{"H1193027"}},
		{"a number the hospital gave", "The hospital gave me a number last time, M5582301, so please use it.", []string{"M5582301"}},
		{"a hospital number's", "She was born in 2018 and her hospital number’s RH0558213.", []string{"RH0558213"}},
		{"a number a friend gave", "My friend gave me a number last time, M5582301, for the raffle.", nil},
		{"label line before an address", "Patient: Mrs Morag Sutherland DOB: 22/07/1958 Unit No: RG4417203 14 Culduthel Road, Inverness", []string{"RG4417203"}},
		{"after a comma later", "The hospital number on the discharge letter, H3321087, didn't match the GP records.", []string{"H3321087"}},
		{"given as", "On the referral letter her hospital number is given as CAMHS-771402.", []string{"CAMHS-771402"}},
		{"A&E number", "My A&E number is 24-119873 if anyone wants to find me.", []string{"24-119873"}},
		{"CAMHS ref", "a reference they had given us in a letter, CAMHS ref CAM/0048812.", []string{"CAM/0048812"}},
		{"a poster's reference", "I read a poster for a flu clinic with a reference, 555 666 7771, printed across the bottom.", nil},
		{"in the next sentence", "They ask for his hospital number every time, then say there's no record. For the record it's PH4471029 and I've given it many times.", []string{"PH4471029"}},
		{"a phone in the next sentence", "I forgot my hospital number again. My mobile is 07700 900123.", nil},
		{"a year after a comma", "Her hospital number changed when she moved, 2019 I think.", nil},
		{"a count after a comma", "The ward number was wrong on the letter, 12 times now.", nil},
		{"a time after a colon", "Ask for the unit number when you ring at: 10.30.", nil},
		{"another sentence", "I forgot my hospital number. Ward: B12.", nil},
		{"no code after is", "Her hospital number changed when she moved, and the ward was 24.", nil},
		{"ward’s own number", "the ward’s own number for me, MHU/2211/7. A", []string{"MHU/2211/7"}},
		{"label line", "Hospital number: B20098817\nAddress", []string{"B20098817"}},
		{"hosp no", "Hosp No: K7720194.", []string{"K7720194"}},
		{"no context", "the code K7720194 on the box", nil},
		{"ward number is a place", "ward number 12", nil},
		{"lab reference", "Lab sample reference 1766711031 (not an NHS number).", nil},
	})
}

func TestAddresses(t *testing.T) {
	runRuleCases(t, moderation.Address, []ruleCase{
		{"lower case after 'address'", "his address is 14 cherry tree close and her previous address 3 mill lane", []string{"14 cherry tree close", "3 mill lane"}},
		{"a number that is no house after 'address'", "my address is 4 weeks out of date on the system", nil},
		{"a yard and a street after 'address is'", "For the record the address is Yard 2, Holloway Lane, DN21 4PX, and we have a dog.", []string{"Yard 2, Holloway Lane"}},
		{"a room in a hall after 'address is'", "So, for the record: my term address is Room 14, Kendrew Hall, and the best way to reach me is email.", []string{"Room 14, Kendrew Hall"}},
		{"a house name and a village after 'address is'", "My address is Taigh na Mara, Ardvasar.", nil},
		{"towns after 'address is'", "Their address is Manchester, Leeds or Hull, I think.", nil},
		{"a name after 'email address is'", "My email address is Jo Bloggs, Ward Road.", nil},
		{"Broadway", "Find us at 112 Broadway, Leigh-on-Sea.", []string{"112 Broadway"}},
		{"a flat in a hyphened Welsh street", "The address they have is Flat 6, Maes-y-Coed, Penarth.", []string{"Flat 6, Maes-y-Coed"}},
		{"a house in a hyphened Welsh street", "We live at 12 Maes-y-Coed now.", []string{"12 Maes-y-Coed"}},
		{"old house name", "The address is The Old Bakehouse, Church Lane, in town.", []string{"The Old Bakehouse, Church Lane"}},
		{"flat in a Welsh building", "She lives in Flat 12, Cwrt Glas, near us.", []string{"Flat 12, Cwrt Glas"}},
		{"a house name and street after the house", "The crew had trouble finding the house, Hollybank, Mill Lane, because it’s set back.", []string{"Hollybank, Mill Lane"}},
		{"apartment in a building named with the", "My address is Apartment 6, The Maltings, le2 7dg.", []string{"Apartment 6, The Maltings"}},
		{"unit of a hospital named with the", "We were moved to Unit 4, The Royal Infirmary.", nil},
		{"a northern street word", "The letter went to 6 Mill Hey, Haworth.", []string{"6 Mill Hey"}},
		{"a Welsh house and street after of", "Gwenda Roberts of Tŷ Capel, Lôn Glanhwfa, Llangefni.", []string{"Tŷ Capel, Lôn Glanhwfa"}},
		{"flat on a Welsh street with its article", "Flat 4, Heol y Nant, Swansea SA2 7HN is the address.", []string{"Flat 4, Heol y Nant"}},
		{"Welsh street word first", "It is 8 Heol y Felin, Cardiff.", []string{"8 Heol y Felin"}},
		{"Welsh street two words", "We live at 12 Ffordd Las now.", []string{"12 Ffordd Las"}},
		{"a memory test's address", "The nurse asked him to remember a name and address – John Brown, 42 West Street, Bedford – and then asked again.", nil},
		{"a real address in Bedford", "We live at 42 West Street, Bedford, and the nurse came twice.", []string{"42 West Street"}},
		{"number and street", "my old address, 27B Coldharbour Lane, SW9 6YT.", []string{"27B Coldharbour Lane"}},
		{"flat", "a flat above a shop, Flat 2, 118 High Street, and", []string{"Flat 2, 118 High Street"}},
		{"flat in a building", "my flat address, Flat 9, Kingsley Court, ST4 7NB.", []string{"Flat 9, Kingsley Court"}},
		{"a business unit", "Pop into our showroom at Unit 4, Riverside Court, any weekday.", []string{"Unit 4, Riverside Court"}},
		{"a hospital unit", "She was moved to Unit 4 on the infirmary site on Friday.", nil},
		{"flat in mews", "his old flat, Flat 11, 3 Riverside Mews, which", []string{"Flat 11, 3 Riverside Mews"}},
		{"house name", "They live at Rose Cottage, Mill Lane, near the church.", []string{"Rose Cottage, Mill Lane"}},
		{"house at", "her old house at 40 Paxton Street, ST4 4SP.", []string{"40 Paxton Street"}},
		{"saint's road", "send it to 3 St John’s Road, please", []string{"3 St John’s Road"}},
		{"named house, postcode", "For the record, it's Rosedene, Sutton Road, Hull, HU7 4QE.", []string{"Rosedene, Sutton Road"}},
		{"Gaelic house name", "We're Tigh na Creige, Balnain Road, IV63 6TH, and the satnav fails.", []string{"Tigh na Creige, Balnain Road"}},
		{"a house name and street where someone lives", "She lives at Bryn Awel, Heol y Wern now, and has done since March.", []string{"Bryn Awel, Heol y Wern"}},
		{"a flat in a Welsh court", "For the avoidance of doubt, he is Idris Prosser, Flat 6, Llys Derwen, and I am his daughter.", []string{"Flat 6, Llys Derwen"}},
		{"a shop's name and street, no home", "We met at Boots, High Street, and then went home.", nil},
		{"hyphenated Welsh house name", "For the record it is Blaen-y-cwm, Heol y Mynydd, Ponterwyd, SY23 3LQ, and my mobile.", []string{"Blaen-y-cwm, Heol y Mynydd"}},
		{"hyphenated words before a street", "We had a run-in, Mill Lane was shut, so SY23 3LQ was late.", nil},
		{"named house after we're at", "Call round, we're at Bryn Teg, Gorn Road, Llanidloes SY18 6LA.", []string{"Bryn Teg, Gorn Road"}},
		{"named house after we are at", "For anyone visiting: we are at Bryn Awel, Lôn Goch, and the postcode is on the letter.", []string{"Bryn Awel, Lôn Goch"}},
		{"named house after write to us at", "Please write to us at Tŷ Gwyn, Heol y Bont, Aberaeron.", []string{"Tŷ Gwyn, Heol y Bont"}},
		{"hyphenated Welsh street", "The nurses come to our house at 7 Pen-y-Bryn Road, Llanelli.", []string{"7 Pen-y-Bryn Road"}},
		{"a café on a Welsh street, no house", "We met in the café on Heol y Bont, then went home.", nil},
		{"a shop after at", "I got them at Boots, High Street, Llanidloes SY18 6LA.", nil},
		{"named house, no postcode", "For the record, it's Rosedene, Sutton Road, in Hull.", nil},
		{"shop and street", "We went to Boots, High Street, Hull, HU1 2AB for the tablets.", nil},
		{"town and street", "I work in Leeds, Park Lane, LS1 4AB.", nil},
		{"caravan", "our site details, Caravan 14, Seasalter Sands Holiday Park, CT5 4BW, on a form", []string{"Caravan 14, Seasalter Sands Holiday Park"}},
		{"plot", "the site address, Plot 6, Lydden Lane Travellers Site, CT15 7EX", []string{"Plot 6, Lydden Lane Travellers Site"}},
		{"dale", "Address: 44 Sneinton Dale, Nottingham NG3 7DN", []string{"44 Sneinton Dale"}},
		{"named house, two towns", "Tŷ Gwyn, Heol y Felin, Rhiwbina, Cardiff CF14 6NB", []string{"Tŷ Gwyn, Heol y Felin"}},
		{"named house, Welsh street", "We are at Bryn Awel, Ffordd Penrhos, Bangor LL57 2PW, and", []string{"Bryn Awel, Ffordd Penrhos"}},
		{"lives alone at", "He lives alone at Glenview, Ballysillan Road, Belfast BT14 6RE.", []string{"Glenview, Ballysillan Road"}},
		{"am at The", "I am at The Laurels, Mill Lane, Liverpool L13 4AR, and", []string{"The Laurels, Mill Lane"}},
		{"lives on her own at", "She lives on her own at Tŷ Gwyn, Lôn Isaf, LL55 4RE, up a hill.", []string{"Tŷ Gwyn, Lôn Isaf"}},
		{"cottages", "he fell in his kitchen at 3 Marsh Cottages, Wisbech PE13 2RN", []string{"3 Marsh Cottages"}},
		{"care home at", "She has been at a care home at Ty Gwyn, Heol y Mor, Pwllheli, LL53 5RH since March.", []string{"Ty Gwyn, Heol y Mor"}},
		{"flat in a named view", "delivered to my flat at Flat 4, Harbour View in Watchet", []string{"Flat 4, Harbour View"}},
		{"number and The, postcode", "The label said 22 The Strand, SA69 9EX, and", []string{"22 The Strand"}},
		{"number and The, no postcode", "We queued for 22 The Strand, a show in town.", nil},
		{"a cafe at a view", "We met at the cafe at Harbour View, Watchet, TA23 0AA.", nil},
		{"a house name on the line after a signature", "Yours faithfully,\n\nHugh Pendleton\nThe Old Rectory, Church Lane\nLong Melford\nCO10 9DL", []string{"The Old Rectory, Church Lane"}},
		{"a signature, then a house name", "Ruth Hodgson\nGreenbank, Fell Lane\nPenrith CA11 8RW", []string{"Greenbank, Fell Lane"}},
		{"a Welsh house name after at", "the letter went to her old house at Bryn Eithin, Lôn Pobty, Llanrug, LL55 4AB, which had been sold", []string{"Bryn Eithin, Lôn Pobty"}},
		{"a Welsh street of three words", "My wife and I live with him, at Bryn Awel, Lôn Pen Cei, Abersoch, LL53 7DH.", []string{"Bryn Awel, Lôn Pen Cei"}},
		{"a street named with gate", "she came out of the chemist at 42 Wellgate with her prescription bag", []string{"42 Wellgate"}},
		{"a house near a town", "He lives at Low Garth, Fell Lane, near Brampton, CA8 1QT. He gets his tablets", []string{"Low Garth, Fell Lane"}},
		{"a gate number, then a street named with gate", "We waited at Gate 42 for the bus and then 42 Heathgate was shut.", []string{"42 Heathgate"}},
		{"lower case with a postcode", "ya so my mum had her stroke last year and we live at 23 curzon st ca14 2tq if any1 wants to send a card", []string{"23 curzon st"}},
		{"lower case without a postcode", "we live at 23 curzon st and the bus stops at 9 mill lane", nil},
		{"lower case with a town and a postcode", "if the crew want a brew come round, were at 9 ellesmere road eccles m300lu, the house with the blue door", []string{"9 ellesmere road"}},
		{"lower case with two words before a postcode", "we waited 3 long days at the road end then m30 0lu", nil},
		{"at opening the text", "at Rosedene, Sutton Road, Hull, HU7 4QE we waited.", nil},
		{"street without number", "the house on Paxton Street", nil},
		{"ward and bed", "I was on Ward 12 for a week, in bed 6 next to the window.", nil},
		{"number without street", "number 40 with the blue door", nil},
		{"township before a postcode", "His address is 7 Lower Garrabost, Isle of Lewis, HS2 0PN. My number is", []string{"7 Lower Garrabost"}},
		{"ward before a postcode", "She was on Ward 7 Ninewells, Dundee DD1 9SY for a week.", nil},
		{"count before a town", "We saw 3 Highland cows, Inverness way.", nil},
	})
}

func TestDatesOfBirth(t *testing.T) {
	runRuleCases(t, moderation.DateOfBirth, []ruleCase{
		{"date of birth typed as data", "they need my data of birth, 3 September 1987, and my number", []string{"3 September 1987"}},
		{"a later day without a year", "My father, who is 92 and was born in Bangor, was moved from the Ulster Hospital to a nursing home in Crawfordsburn on 14 March.", nil},
		{"a later date with its year", "She was born at home in the middle of the big snow storm, on 14 March 1947.", []string{"14 March 1947"}},
		{"gave birth", "I gave birth to my daughter Ruby-Mae at the Princess Anne on 3rd October 2026.", []string{"3rd October 2026"}},
		{"birth plan date", "My birth plan was agreed at the clinic on 3rd October 2026.", nil},
		{"DOB", "Winifred Kaur, DOB 05/01/1940, hospital", []string{"05/01/1940"}},
		{"had my little boy", "had my little boy Reggie on 2nd February 2024 and have been trying since.", []string{"2nd February 2024"}},
		{"birthday with its year", "My birthday is 3 March 1985. I will be 41 next year.", []string{"3 March 1985"}},
		{"a date typed in lower case", "donna kerr, born 4th november 1979, and our little girl was born on 9th jan 2025. i may go.", []string{"4th november 1979", "9th jan 2025"}},
		{"a stillbirth's date", "Our daughter was stillborn at 38 weeks, on 9 August 2024.", []string{"9 August 2024"}},
		{"the right date after a wrong one", "They read out a date of birth that wasn’t mine. Mine is 30.08.1987. Mum’s appointment is 14 February 2026.", []string{"30.08.1987"}},
		{"the right date after two dates of birth", "Her records had two different dates of birth. Her real one is 12/11/1979. The clinic was on 3 March 2025.", []string{"12/11/1979"}},
		{"the right date after a wrong one, with mine’s", "The surgery had put the wrong date of birth on it. Mine’s 02.09.1984.", []string{"02.09.1984"}},
		{"someone else’s date after mine’s", "The surgery sent a letter. Mine’s 02.09.1984 and it came late.", nil},
		{"the right date in other words", "They had her date of birth down wrong. It's 21/04/1957.", []string{"21/04/1957"}},
		{"the right date after 'instead of'", "The form had my date of birth as 14/06/1968 instead of 14/06/1963.", []string{"14/06/1968", "14/06/1963"}},
		{"a wrong date corrected", "They had my date of birth as 03/11/1985 when it’s actually 11/03/1985.", []string{"03/11/1985", "11/03/1985"}},
		{"birthday without a year", "My birthday is 3 March, so we went out for tea.", nil},
		{"a date before 'was born'", "On 3 March 2006 my son Jake was born, and on his 18th birthday he rang me.", []string{"3 March 2006"}},
		{"a date before 'was born' in another clause", "On 3 March 2006 we moved house. My son was born in Leeds.", nil},
		{"arrived with a birth weight", "little man Alfie arrived safe and sound on 07/02/2025 at 8lb 2oz and sugars are fine", []string{"07/02/2025"}},
		{"a son arrived after labour", "Our son Teddy arrived on the living room sofa at 6.15am on 9 February 2025, after a fast and slightly chaotic labour.", []string{"9 February 2025"}},
		{"a baby came at weeks", "The baby, Lacey-Mae, came at 37 weeks on 23rd April 2025, all 6lb 12oz of her.", []string{"23rd April 2025"}},
		{"a baby came home", "The baby came home on 3 March 2025 and slept all afternoon.", nil},
		{"a visitor arrived", "My sister arrived on 2 February 2025 with a bag of 2lb of apples.", nil},
		{"had her first baby", "My daughter Leah had her first baby, a little boy, on 19 August 2026 at the maternity unit.", []string{"19 August 2026"}},
		{"birthday in a list of details", "I give all his details: his NHS number, his birthday 01.01.1948, our address.", []string{"01.01.1948"}},
		{"birthday's date with no year", "his birthday 3 March came and went", nil},
		{"a birthday's date", "On my birthday, 3 March 2025, the clinic rang.", nil},
		{"born dotted", "Joshua Bramwell, born 19.04.2009, 7 Juniper Walk", []string{"19.04.2009"}},
		{"a date in a list of details", "her details on the system are Olive Pennington, 21.06.1935, NHS number 696 385 0011. I gave them: 23.06.1953, 9 Pen-y-Bryn Terrace, LL13 7TN.", []string{"21.06.1935", "23.06.1953"}},
		{"a date after a day, before an address", "Dr Shah saw him on Monday, 12/03/2024, at 10 Downing Street. The letter, 12/03/2024, NHS leaflet enclosed.", nil},
		{"born on ordinal", "He was born on 3rd May 1948 and", []string{"3rd May 1948"}},
		{"born in the pool", "was born in the pool at the birth centre on 14 March 2025.", []string{"14 March 2025"}},
		{"date of birth label", "Date of birth: 22/07/1974\nNHS", []string{"22/07/1974"}},
		{"a life's span after a name", "The order of service says Kenneth Arthur Pilling, 3 February 1939 – 19 August, and a poem.", []string{"3 February 1939"}},
		{"a life's span in brackets after mum", "Mum (14 May 1941 – 2 March 2025) was looked after so well.", []string{"14 May 1941"}},
		{"a stay's dates after a ward", "He was on Ward 9, 3 May 2024 – 9 May 2024, and it was fine.", nil},
		{"a stay's dates in brackets", "Her stay (3 May 2024 – 9 May 2024) was fine.", nil},
		{"D.O.B.", "D.O.B. 27/01/1989. MRN", []string{"27/01/1989"}},
		{"born at a time", "Our first twin was born at 3.12am and her brother later.", nil},
		{"appointment date", "Reviewed in clinic on 17 November 2025 by the team.", nil},
		{"next sentence", "She was born in Leeds. On 3 May 2020 she moved.", nil},
		{"day-month-year", "DOB: 14-Feb-1941", []string{"14-Feb-1941"}},
		{"ordinal in words", "My mum was born on the first of April 1938 and", []string{"first of April 1938"}},
		{"ordinal in words, no year", "She was born on the first of April, a joker.", nil},
		{"daughter arrived early", "Our daughter Ifeoluwa arrived early, at 34 weeks, on 30 September 2024.", []string{"30 September 2024"}},
		{"had my baby", "I had my baby girl on 9th October 2025 on the labour ward.", []string{"9th October 2025"}},
		{"had my daughter on a date", "I had my daughter on 3 January 2025 at the Royal.", []string{"3 January 2025"}},
		{"had my daughter on the phone", "I had my daughter on the phone on 3 January 2025 about the appointment.", nil},
		{"son arrived at A&E", "My son arrived at A&E on 3 March 2024 with chest pain.", nil},
		{"daughter arrived to help", "My daughter arrived on 3 June 2024 to help with Dad.", nil},
	})
}

func TestSpokenEmailVariants(t *testing.T) {
	runRuleCases(t, moderation.Email, []ruleCase{
		{"bracketed at", "my email is sarah_fan (at) example dot com.", []string{"sarah_fan (at) example dot com"}},
		{"dotted domain", "write to jo.bloggs at example.co.uk today", []string{"jo.bloggs at example.co.uk"}},
		{"no TLD", "we met at the hospital dot matrix", nil},
	})
}

// TestThreatWarnings covers a warning in the sentence after a threat or
// after what the writer knows about someone: the warning is flagged too,
// whichever rule flagged the sentence before it.
func TestThreatWarnings(t *testing.T) {
	runRuleCases(t, moderation.Threat, []ruleCase{
		{"after a pattern threat", "I know where she lives, I've seen her car on the drive. She'll find out what it feels like to be frightened in her own home.",
			[]string{"I know where she lives, I've seen her car on the drive", "She'll find out what it feels like to be frightened in her own home"}},
		{"after a cue threat", "Well I know which car is hers in the car park. She should think about that before she puts the phone down on me again.",
			[]string{"Well I know which car is hers in the car park", "She should think about that before she puts the phone down on me again"}},
		{"warning without a threat before", "The form is four pages long. She should think about that before she sends it to a man of ninety.", nil},
		{"looking over his shoulder after", "I know what car that consultant drives and I know where he lives. He should be looking over his shoulder from now on.",
			[]string{"I know what car that consultant drives and I know where he lives", "He should be looking over his shoulder from now on"}},
		{"warning a sentence later", "I know which car is hers. The ward was cold. She wants to be careful walking on the ice.", []string{"I know which car is hers"}},
	})
}

// TestShoutedDisguise covers a disguised swear word of one letter in a
// shouted sentence, which is no name cut to its initial after a title.
func TestShoutedDisguise(t *testing.T) {
	runRuleCases(t, moderation.Profanity, []ruleCase{
		{"shouted", "WHAT THE F*** DO YOU ALL DO ALL DAY.", []string{"F***"}},
		{"after a title in capitals", "I SAW DR S*** TODAY.", nil},
		{"after a title", "I saw Dr S*** today.", nil},
		{"x-rayed and soup", "He was x-rayed twice and had cock-a-leekie soup.", nil},
		{"a spaniel", "We have a cocker spaniel bitch called Bess.", nil},
	})
}

// TestNamesAfterFromAndTo covers first names after "from" and "to", which
// are people unless the name is also a place, and the places and homes
// that look like names.
func TestNamesAfterFromAndTo(t *testing.T) {
	runRuleCases(t, moderation.Person, []ruleCase{
		{"from a name", "She heard it from Tracy Holcroft at the surgery.", []string{"Tracy Holcroft"}},
		{"to a name", "I spoke to Kelly on the desk.", []string{"Kelly"}},
		{"to a place", "We moved to Chelsea in May and went to Florence.", nil},
		{"from a town", "Dad came from Dudley.", nil},
		{"King's Lynn", "She lives near King’s Lynn.", nil},
		{"her house", "It is Mrs Smith’s house.", []string{"Smith"}},
		{"a hospice lodge", "The team from Priscilla Bacon Lodge made that possible.", nil},
	})
	runRuleCases(t, moderation.DateOfBirth, []ruleCase{
		{"ISO date", "DOB 1979-05-23.", []string{"1979-05-23"}},
		{"not a date", "Born 2024-13-40 maybe.", nil},
	})
}
