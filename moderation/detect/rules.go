package detect

// defaultDetectors lists the built-in detectors in the order they run.
func defaultDetectors() []Detector {
	return append(identityDetectors(), abuseDetectors()...)
}
