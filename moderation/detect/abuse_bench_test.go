package detect

import (
	"strings"
	"testing"
)

// benchText builds about n bytes of synthetic story text: mostly ordinary
// sentences, with swearing, insults, a threat, safeguarding statements,
// names and numbers mixed in (far denser than real stories).
func benchText(n int) string {
	parts := []string{
		"We arrived at the emergency department just after midnight and were triaged within twenty minutes. ",
		"The physiotherapist explained every exercise and wrote the programme down for us to take home. ",
		"My husband has Parkinson’s and his tablets must be given on time, or he freezes and can’t swallow. ",
		"The discharge letter went to our old address, so we missed the follow-up clinic in March. ",
		"Thank you to the midwives on the labour ward, who were calm, kind and endlessly patient. ",
		"The car park was full, the machines only took coins and the signs to outpatients were confusing. ",
		"She had a chest infection in the winter and the GP visited the same day. ",
		"I have rung the surgery and the hospital several times and everyone says it is the other one’s job. ",
		"I rang the surgery at 8am on Monday and waited forty minutes in the queue. ",
		"The receptionist, Grace, was lovely but the system is bollocks and a f*cking joke. ",
		"The practice manager is a patronising prat and as dim as a broken torch. ",
		"If she speaks to my father like that again, I will come in and rip that headset off her head. ",
		"He says two of the night carers pull him across the bed by his arms so hard it hurts. ",
		"My NHS number is 943 476 5919 and you can ring me on 07700 900 184. ",
		"The breast care nurses in Scunthorpe were kind and the painkillers worked; thank God. ",
		"I don’t see the point in going on any more, honestly. ",
		"Shitterton, Cockfosters and Essex are places; faggots and mushy peas are a dish. 😂 ",
	}
	var b strings.Builder
	for i := 0; b.Len() < n; i++ {
		b.WriteString(parts[i%len(parts)])
		if i%7 == 6 {
			b.WriteString("\n\n")
		}
	}
	return b.String()
}

// BenchmarkAbuse measures the abuse and safeguarding rules on 1 MB.
func BenchmarkAbuse(b *testing.B) {
	text := benchText(1 << 20)
	d := newAbuseDetector()
	b.SetBytes(int64(len(text)))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		d.Find(text)
	}
}

// BenchmarkEngineAbuseMix measures the whole engine (identity and abuse rules) on
// 1 MB.
func BenchmarkEngineAbuseMix(b *testing.B) {
	text := benchText(1 << 20)
	e := New()
	b.SetBytes(int64(len(text)))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		e.Detect(text)
	}
}
