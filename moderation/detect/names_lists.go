package detect

import (
	"strings"

	"github.com/storydesk/storydesk/assets"
)

// Titles that put a name after them ("Dr Amir Patel" → "Amir Patel").
var titles = idWords(`dr doctor mr mrs ms miss mx prof professor nurse sister matron midwife
consultant registrar surgeon rev revd reverend canon father pastor imam rabbi councillor cllr brother
pc sgt constable inspector detective cpl lcpl maj capt col brig cdr nyrs`)

// Two-word titles: the first word, then the second.
var titlePairs = map[string]string{"staff": "nurse", "charge": "nurse", "ward": "sister", "student": "nurse",
	"sqn": "ldr", "wg": "cdr", "flt": "lt", "lt": "col", "maj": "gen"} // ranks: "Sqn Ldr", "Wg Cdr", "Lt Col"

var titlePairFirst = idWords(`staff charge ward student sqn wg flt lt maj`)

// Relationship words: "my husband Dave", "our daughter, Aisha,".
var relationWords = idWords(`husband wife partner son sons daughter daughters mum mother mom mam
dad father brother brothers sister sisters aunt auntie aunty uncle nan nana nanna gran granny grandma
grandmother grandad granddad grandpa grandfather grandson granddaughter grandchild niece nephew
cousin baby child twin twins stepdad stepfather stepmum stepmother stepson stepdaughter fiancé
fiancée fiance fiancee boyfriend girlfriend friend friends neighbour neighbours carer flatmate
godson goddaughter godmother godfather law kids children boy girl mate pal youngest eldest oldest
mucker marra butty buddy bezzie oppo`) // the last: dialect and forces words for a friend ("my old mucker from the battalion, Taff,")

// Role words: staff and other people named in apposition ("the nurse,
// Grace,", "the physiotherapist Sunita Varma").
var roleWords = idWords(`pa pas prescriber prescribers coordinator navigator nurse nurses doctor doctors midwife midwives physio physios
physiotherapist physiotherapists surgeon surgeons consultant consultants registrar paramedic
paramedics receptionist receptionists carer carers assistant assistants porter porters cleaner
pharmacist dentist optician optometrist radiographer radiographers sonographer therapist therapists
psychologist psychiatrist counsellor worker workers manager owner clerk specialist practitioner
technician physiologist anaesthetist student volunteer chaplain dietitian dietician podiatrist
matron sister officer coordinator navigator lady man woman gentleman guy chap bloke lad colleague
locum houseman trainee driver handler operator advisor adviser vicar gp hca nursery host
audiologist phlebotomist orthoptist health visitor visitor lead domestic housekeeper crew leader sho
physician obstetrician surgeon registrar doula advocate interpreter translator steward guard chef
cook caterer director receptionist keyworker ot ots slt supervisor supervisors instructor instructors tutor tutors
teacher teachers mentor tenor soprano alto baritone pastor imam rabbi priest warden caretaker hairdresser barber librarian
facilitator mechanic plumber electrician escort escorts handyman workmate workmates coworker co-worker`)

// Determiners that open a noun phrase holding a role or relationship.
var determiners = idWords(`the a an my our his her their your this that one`)

// Sign-off words before an author's name.
// labelWords open a labelled line: "Patient: ...".
var labelWords = idWords(`patient resident client carer`)

var signOffs = idWords(`thanks thank regards wishes cheers love best sincerely faithfully truly diolch ta merci gracias danke grazie obrigado dziękuję dziekuje shukran
dhanyabad dhanyavaad dhanyavad shukriya asante mulțumesc multumesc salamat`)

// Locative words: a capitalised gazetteer word after them is a place.
var locatives = idWords(`in at near from to into via around outside inside towards toward across above below beyond through`)

// Words that end an organisation or place named after a person.
var institutionWords = idWords(`act acts partnership partnerships hospitals trusts centres services clinics practices surgeries wards units
teaching university ward wing unit centre center hospital hospice house lodge clinic surgery
practice trust foundation institute building suite theatre theatres school college university
street road lane avenue close drive way court park place square gardens terrace crescent mews
community memorial infirmary station library hall church chapel pharmacy medical health care resus
unit's centre's ward's fund appeal charity society scheme schemes programme award awards project network nurses nursing bear sponge cake inc ltd limited
plc llp llc group associates partners solutions consulting holdings investments orchestra band
company corporation corp ambulance service`)

// Words before a capitalised word that make it a historical or
// institutional name ("Sir Robert Peel", "St Thomas").
var notPersonBefore = idWords(`sir saint st dame lord lady king queen prince princess duke
duchess earl captain royal ` + welshInstitutions)

// welshInstitutions are the Welsh words for hospital, surgery, centre,
// home and clinic, before the name of one ("Ysbyty Bryn Beryl").
const welshInstitutions = `ysbyty meddygfa canolfan cartref clinig`

// Capitalised words that are never names.
var stopCaps = idWords(`the a an i i'm i’m i've i’ve i'd i’d i'll i’ll it it's it’s he she they we you my our his her their this
we've we’ve we're we’re we'd we’d we'll we’ll they've they’ve they're they’re they'd they’d they'll they’ll
you've you’ve you're you’re you'd you’d you'll you’ll he's he’s she's she’s he'd he’d she'd she’d hb
mine yours hers ours theirs
that these those and but or so if when then after before on in at to for with without from by of
as not no yes thank thanks dear please hi hello also even just only every all some any what why
how who where which while because although though once since until over under during today
tomorrow yesterday there here nobody everyone everybody someone somebody anyone mum dad nan gran
mummy daddy grandma grandad god jesus christ lord nhs gp a&e ae icu itu ward hospital doctor nurse
sister matron midwife consultant registrar surgeon dr mr mrs ms miss mx prof professor english
british welsh scottish irish polish covid monday tuesday wednesday thursday friday saturday sunday
january february march april may june july august september october november december christmas
easter ramadan diwali eid mashallah inshallah alhamdulillah subhanallah bismillah wallahi ameen amen new year both each either neither many much more most other another such
next last first second third well oh wow sadly luckily thankfully unfortunately eventually finally
afterwards afterward meanwhile suddenly apparently honestly basically anyway anyways initially fortunately
hopefully obviously recently previously originally actually personally otherwise instead earlier
again still now later soon never always sometimes overall great good excellent brilliant amazing
lovely kind friendly wonderful fantastic outstanding fab team staff everyone everything nothing
anything something ambulance paramedic police fire service services dept department accident
emergency app online whatsapp facebook instagram twitter strava tiktok youtube google x
french german spanish italian portuguese dutch swedish danish norwegian finnish russian ukrainian
romanian bulgarian hungarian czech slovak greek turkish indian pakistani bangladeshi chinese
japanese korean african nigerian ghanaian somali european american canadian australian asian
muslim hindu sikh jewish christian catholic roma romani romany gypsy france germany spain italy portugal netherlands
belgium austria switzerland sweden norway denmark finland iceland ireland scotland wales england
britain uk poland romania bulgaria hungary greece turkey cyprus malta russia ukraine india
pakistan bangladesh china japan nigeria ghana kenya somalia australia canada estonia latvia
lithuania slovenia croatia serbia albania tunisia morocco egypt uruguay argentina brazil mexico
chile peru colombia united kingdom states republic london birmingham manchester liverpool leeds sheffield
bristol newcastle nottingham leicester coventry bradford cardiff swansea glasgow edinburgh aberdeen
dundee belfast plymouth southampton portsmouth brighton norwich wolverhampton sunderland middlesbrough
amharic tigrinya oromo urdu punjabi bengali sylheti gujarati tamil farsi dari pashto kurdish arabic mandarin cantonese
hindi swahili yoruba igbo hausa twi lithuanian latvian slovakian albanian`)

// Famous, historical and fictional people and eponymous brands: never a
// private individual (lower case, single words or full names).
var famous = idWords(`elvis paddington bluey peppa pooh gruffalo shrek zimmer macmillan
nightingale seacole bevan jessop hermione beyoncé beyonce adele madonna shakespeare einstein
jesus buddha picasso mozart beethoven sinatra bowie attenborough hawking
pasteur obama trump thatcher blair mandela rihanna
oprah dumbledore gandalf hagrid frodo bilbo batman superman spiderman scooby garfield snoopy
barbie tigger eeyore piglet rudolph grinch gromit bambi dumbo simba nemo
sherlock poirot marple rumpole kellogg cadbury boots sainsbury ratched tumble motivator martens
sainsbury's tesco selfridges harrods hovis heinz dyson tena nivea
gideon barnardo barnardo's seuss livingstone alexa siri tickle men whiskers tibbles alzheimer crohn hodgkin asperger raynaud tourette
ronaldo messi pelé maradona tyson brando superted darwin wordsworth toon`)

// famousFull holds famous full names: the list below and the asset
// (assets/names/famous.txt).
var famousFull = withFamousAsset(idWordSet(`willy_wonka sue_ryder marie_curie florence_nightingale mary_seacole aneurin_bevan nye_bevan
robert_peel harry_potter cliff_richard elvis_presley elton_john paul_mccartney john_lennon
ringo_starr freddie_mercury david_bowie vera_lynn shirley_bassey
dolly_parton frank_sinatra bing_crosby johnny_cash taylor_swift ed_sheeran
kylie_minogue boris_johnson rishi_sunak keir_starmer theresa_may margaret_thatcher tony_blair
gordon_brown david_cameron winston_churchill king_charles queen_elizabeth prince_william
prince_harry princess_diana peter_rabbit winnie_the_pooh mickey_mouse peppa_pig bob_the_builder
postman_pat father_christmas santa_claus captain_tom david_attenborough
stephen_hawking albert_einstein isaac_newton charles_darwin william_shakespeare jane_austen
charles_dickens agatha_christie sherlock_holmes james_bond mr_bean doctor_who dr_who mary_poppins
roald_dahl ronald_mcdonald joe_wicks gordon_ramsay delia_smith alan_turing
muhammad_ali jack_russell guillain_barré guillain_barre hermione_granger
edward_jenner joseph_lister louis_pasteur alexander_fleming piers_morgan jeremy_kyle
harry_styles lewis_hamilton david_beckham marcus_rashford mo_farah emma_raducanu
bradley_wiggins victoria_beckham victoria_sponge maggie's_centre john_radcliffe
dr_pepper mr_thirsty robin_hood jarvis_cocker daniel_o'donnell davina_mccall martin_luther_king mr_men mr_tickle dr_seuss johan_cruyff ozzy_osbourne bradley_walsh george_best dr_oetker pele diego_maradona lionel_messi
cristiano_ronaldo tom_cruise brad_pitt kate_winslet hugh_grant
daniel_craig judi_dench joanna_lumley stephen_fry alan_shearer paula_radcliffe gary_lineker jill_scott
jessica_ennis mo_salah wayne_rooney harry_kane bobby_moore bobby_charlton kevin_keegan alex_ferguson
jurgen_klopp tyson_fury mike_tyson sean_connery leonard_cheshire harold_wilson john_wayne care_opinion betsi_cadwaladr aneurin_bevan hywel_dda anthony_joshua chris_hoy laura_kenny tom_daley ellie_simmonds tanni_grey-thompson
jonny_wilkinson gareth_bale gareth_edwards ryan_giggs ben_stokes joe_root ronnie_o'sullivan
judi_dench helen_mirren julie_walters billy_connolly peter_kay
ant_mcpartlin declan_donnelly holly_willoughby phillip_schofield graham_norton michael_mcintyre
dawn_french lenny_henry rowan_atkinson ricky_gervais john_cleese michael_palin
alan_titchmarsh monty_don fearne_cotton claudia_winkleman tess_daly bruce_forsyth cilla_black
terry_wogan ken_bruce zoe_ball jeremy_clarkson richard_hammond james_may
paul_hollywood prue_leith nigella_lawson hugh_fearnley-whittingstall rick_stein nadiya_hussain
adele_adkins amy_winehouse tom_hanks meryl_streep judy_garland marilyn_monroe audrey_hepburn
bob_marley dolly_parton kate_bush lily_allen stormzy lewis_capaldi ed_balls
nicola_sturgeon humza_yousaf mark_drakeford eluned_morgan michelle_o'neill jeremy_hunt wes_streeting
alder_hey great_ormond addenbrooke's guy's st_thomas' st_george's st_mary's royal_marsden
christie's queen_elizabeth queen_victoria prince_charles lady_gaga simon_cowell dr_foster milton_keynes
jim_reeves bill_shankly van_gogh vincent_van_gogh great_dane great_danes bill_w mr_darcy mr_magoo mrs_magoo mr_tushman`))

// withFamousAsset adds the asset's famous names to set.
func withFamousAsset(set map[string]bool) map[string]bool {
	return withNames(set, assets.FamousNames())
}

// famousMore holds the famous names of assets/names/famous_more.txt, a
// longer list written from general knowledge; famousMoreFirst holds their
// first words. A name whose only sign is the gazetteer is read against it
// (names.famousMoreEnd); a title, a relationship word or a role before a
// name outweighs it ("my husband Tom Hardy").
var famousMore = withNames(map[string]bool{}, assets.FamousMoreNames())

// placeNames holds the places of assets/names/places.txt (see
// names.placeNamed).
var placeNames = withNames(map[string]bool{}, assets.PlaceNames())

var famousMoreFirst = func() map[string]bool {
	m := map[string]bool{}
	for k := range famousMore {
		first, _, _ := strings.Cut(k, "_")
		m[first] = true
	}
	return m
}()

// withNames adds the names of a list in famous.txt's format to set.
func withNames(set map[string]bool, list string) map[string]bool {
	for line := range strings.Lines(list) {
		if line = strings.TrimSpace(line); line != "" && line[0] != '#' {
			set[line] = true
		}
	}
	// the text's words are joined by '_' whatever stood between them, so a
	// hyphenated name ("rose_ayling-ellis") is kept in that form too
	for k := range set {
		if strings.Contains(k, "-") {
			set[strings.ReplaceAll(k, "-", "_")] = true
		}
	}
	return set
}

// famousFirst holds the first word of every full name in famousFull, so
// that famousName only builds a lower-cased name when one can match.
var famousFirst = idWords(func() string {
	var b strings.Builder
	for k := range famousFull {
		first, _, _ := strings.Cut(k, "_")
		b.WriteString(first)
		b.WriteByte(' ')
	}
	return b.String()
}())

// kinTitles are relationship words used as a title before a name
// ("Grandpa Seamus", "Auntie Pat", "Nana Joan").
var kinTitles = idWordSet(`grandpa grandad granddad grandma granny nan nana nanna nanny auntie aunty aunt uncle cousin mama
kuya ate tita tito`)
