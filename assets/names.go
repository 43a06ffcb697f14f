package assets

import _ "embed"

//go:embed names/first.txt
var firstNames string

//go:embed names/surnames.txt
var surnames string

//go:embed names/ambiguous.txt
var ambiguousNames string

//go:embed names/famous.txt
var famousNames string

//go:embed names/famous_more.txt
var famousMoreNames string

//go:embed names/places.txt
var placeNames string

// FirstNames is the first-name gazetteer: one name a line, lines starting
// with '#' are comments (see names/README.md for source and licence).
func FirstNames() string { return firstNames }

// Surnames is the surname gazetteer in the same format as FirstNames.
func Surnames() string { return surnames }

// AmbiguousNames lists names that are also ordinary words, months, days,
// places or kinship terms ("Hope", "Will", "May", "Mum"): a detector flags
// them only with a supporting signal such as a title.
func AmbiguousNames() string { return ambiguousNames }

// FamousNames lists famous, historical and fictional people and
// characters by full name, lower case with words joined by '_'
// ("daniel_o'donnell", "mrs_doubtfire"): a name on it is nobody's private
// name in a story.
func FamousNames() string { return famousNames }

// FamousMoreNames lists more famous, historical and fictional names in
// FamousNames' format, written from general knowledge: a detector reads
// them only where a name has no other sign of a private person (see
// names/README.md).
func FamousMoreNames() string { return famousMoreNames }

// PlaceNames lists places in the UK, Ireland, the Isle of Man and the
// Channel Islands, and some big cities abroad, in FamousNames' format
// ("newcastle_emlyn", "butt_of_lewis"): a detector reads a first name that
// is also a place as the place where the words around it say so (see
// names/README.md).
func PlaceNames() string { return placeNames }
