package detect

// abuseDetectors returns the detectors of profanity, abuse, threats and
// safeguarding signals.
func abuseDetectors() []Detector { return nil }
