package assets

import _ "embed"

//go:embed names/first.txt
var firstNames string

//go:embed names/surnames.txt
var surnames string

//go:embed names/ambiguous.txt
var ambiguousNames string

// FirstNames is the first-name gazetteer: one name a line, lines starting
// with '#' are comments (see names/README.md for source and licence).
func FirstNames() string { return firstNames }

// Surnames is the surname gazetteer in the same format as FirstNames.
func Surnames() string { return surnames }

// AmbiguousNames lists names that are also ordinary words, months, days,
// places or kinship terms ("Hope", "Will", "May", "Mum"): a detector flags
// them only with a supporting signal such as a title.
func AmbiguousNames() string { return ambiguousNames }
