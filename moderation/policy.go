package moderation

import "strings"

// abuseSpanBytes is the most one abuse span counts towards the share of a
// story that is abuse.
const abuseSpanBytes = 30

// Propose suggests a decision and reason from a story's spans, following the
// rules in the dev set's README: threats and safeguarding escalate; abuse
// that is the substance of the story rejects; anything marked for redaction
// publishes with changes; otherwise publish. The moderator confirms or
// changes it. Only spans still marked for redaction count, except
// safeguarding and threats, which always count.
func Propose(body string, spans []Span) (Action, Reason) {
	var threat, selfHarm, safeguarding bool
	var ident, abuse, profanity, abuseBytes int
	for _, s := range spans {
		switch s.Kind {
		case Threat:
			threat = true
		case Safeguarding:
			safeguarding = true
			r := strings.ToLower(s.Reason)
			if strings.Contains(r, "self-harm") || strings.Contains(r, "suicid") || strings.Contains(r, "self harm") {
				selfHarm = true
			}
		}
		if !s.Redact {
			continue
		}
		switch s.Kind.Group() {
		case Identifying:
			ident++
		case AbuseGroup:
			if s.Kind == Profanity {
				profanity++
			} else {
				abuse++
			}
			// a sentence-long span (the abuse model's) holds its insult
			// and more, so a span counts for at most abuseSpanBytes
			abuseBytes += min(s.End-s.Start, abuseSpanBytes)
		}
	}
	switch {
	case threat:
		return Escalate, ReasonThreatOfViolence
	case safeguarding && selfHarm:
		return Escalate, ReasonSafeguardingSelfHarm
	case safeguarding:
		return Escalate, ReasonSafeguardingAbuse
	case abuse+profanity >= 5 || (len(body) > 0 && abuse >= 2 && abuseBytes*8 > len(body)):
		// abuse is the substance: many insults, or insults filling an eighth of the text
		return Reject, ReasonAbusiveContent
	case ident > 0:
		return PublishWithChanges, ReasonPersonalDetails
	case abuse > 0:
		return PublishWithChanges, ReasonAbusiveLanguage
	case profanity > 0:
		return PublishWithChanges, ReasonOffensiveLanguage
	}
	return Publish, ""
}
