// Package cleanlocale keeps Fyne from logging "Error parsing user locale C"
// on machines whose locale is C.UTF-8 (containers, CI). Fyne reads the
// locale in a package init; this package, imported blank by the commands and
// depending only on os, is initialised before Fyne's lang package (Go
// initialises ready packages in import-path order, and Fyne's lang waits for
// golang.org/x/text). It changes only this process's environment, and only
// when the locale names no language.
package cleanlocale

import (
	"os"
	"strings"
)

func init() {
	loc := ""
	for _, k := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		if loc = os.Getenv(k); loc != "" {
			break
		}
	}
	if os.Getenv("LANGUAGE") == "" && (loc == "" || strings.HasPrefix(loc, "C.") || strings.HasPrefix(loc, "POSIX.")) {
		os.Setenv("LANGUAGE", "en_GB")
	}
}
