package detect

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/nyaruka/phonenumbers"
)

// TestUKNumberMatchesParse checks that ukNumber gives the number Parse
// gives, for nine- and ten-digit national numbers of every leading three
// digits, written in the forms findNumbers passes on.
func TestUKNumberMatchesParse(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for lead := 100; lead <= 999; lead++ {
		for k := 0; k < 4; k++ {
			national := fmt.Sprintf("%03d%07d", lead, r.IntN(10_000_000))
			if k%2 == 1 {
				national = national[:9]
			}
			for _, form := range []string{
				"0" + national,
				"0" + national[:4] + " " + national[4:7] + " " + national[7:],
				"0" + national[:3] + "-" + national[3:6] + "-" + national[6:],
				"0" + national[:4] + "." + national[4:7] + "." + national[7:],
				"0" + national[:4] + " - " + national[4:],
				"(0" + national[:3] + ") " + national[3:],
				"(0" + national[:4] + ")" + national[4:],
				"+44" + national,
				"+44 " + national[:4] + " " + national[4:],
				"+44-" + national[:4] + "-" + national[4:],
				"+440" + national,
				"+44 0" + national[:4] + " " + national[4:],
			} {
				want, err := phonenumbers.Parse(form, "GB")
				if err != nil {
					t.Fatalf("Parse(%q): %v", form, err)
				}
				got := ukNumber(national)
				if got.GetCountryCode() != want.GetCountryCode() || got.GetNationalNumber() != want.GetNationalNumber() ||
					got.GetItalianLeadingZero() != want.GetItalianLeadingZero() || got.GetNumberOfLeadingZeros() != want.GetNumberOfLeadingZeros() ||
					got.GetExtension() != want.GetExtension() {
					t.Fatalf("ukNumber(%q) = %v, want %v (Parse of %q)", national, got, want, form)
				}
				if g, w := phonenumbers.IsValidNumberForRegion(got, "GB"), phonenumbers.IsValidNumberForRegion(want, "GB"); g != w {
					t.Fatalf("%q: valid for GB %v, want %v", form, g, w)
				}
				if g, w := phonenumbers.IsValidNumber(got), phonenumbers.IsValidNumber(want); g != w {
					t.Fatalf("%q: valid %v, want %v", form, g, w)
				}
			}
		}
	}
}
