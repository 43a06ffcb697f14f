package detect

import "testing"

func TestTmpProbs(t *testing.T) {
	for _, s := range []string{
		"I swallowed a packet of paracetamol on Sunday.",
		"I took a whole packet of paracetamol on Sunday.",
		"Last night I took all my tablets at once.",
		"I told them I fell down the stairs, because that’s what he tells me to say.",
		"Since she moved in, his PIP goes straight into her account.",
		"I’m not sure I’d stop if it went too far this time.",
		"We got together when I was 14 and he was 26.",
	} {
		for _, sp := range sentenceProbs(loadSGModel(), s) {
			t.Logf("%.3f %q", sp.p, s)
		}
	}
}
