package detect_test

import (
	"bufio"
	"encoding/json"
	"runtime"
	"strings"
	"testing"

	"github.com/storydesk/storydesk/moderation/detect"
)

func devBodies(b *testing.B) []string {
	var out []string
	sc := bufio.NewScanner(openBench(b, "stories-dev/stories.jsonl"))
	sc.Buffer(make([]byte, 1<<20), 8<<20)
	for sc.Scan() {
		var s devStory
		if err := json.Unmarshal(sc.Bytes(), &s); err != nil {
			b.Fatal(err)
		}
		out = append(out, s.Body)
	}
	return out
}

// syntheticStory builds a story of about n bytes from invented paragraphs
// holding every identifying kind, traps and plain prose.
func syntheticStory(n int) string {
	paras := []string{
		"My husband Dave was admitted on Ward 12 after a fall. The nurse in charge, Pauline, rang me on 07700 900 184 and again on 0117 496 0381 to say he was settled.",
		"For reference, his details are Winifred Kaur, DOB 05/01/1940, hospital number K7720194, NHS number 4828807292, and we live at Flat 2, 118 High Street, SA1 8UP.",
		"The poster showed a made-up NHS number, 987 654 4321, and the batch number 413 228 1718. Will I be able to drive again? May I say the care was a joy.",
		"Email me at hollie.marsden@example.org or follow @achilles_comeback_kid. My National Insurance number, ZH 17 42 18 A, was on the form.",
		"We were moved to the Sir Robert Peel Community Hospital, then Nightingale Ward, where a Marie Curie nurse sat with us. Nan sang along to Elvis.",
		"Siobhán, the midwife, and Dr Zoë O’Rourke were wonderful. Our daughter, Amelie Rose, was born on 14 March 2025 at 3.12am, weighing 3.4 kg.",
		"It was busy, but we were triaged quickly and a nurse practitioner cleaned and stitched the wound. We were in and out in just under three hours, and the receptionist recommended a decent pub on the way back.",
	}
	var b strings.Builder
	for i := 0; b.Len() < n; i++ {
		// vary the digits so that nothing can be cached between paragraphs
		p := strings.Map(func(r rune) rune {
			if r >= '0' && r <= '9' && i%3 != 0 {
				return '0' + (r-'0'+rune(i))%10
			}
			return r
		}, paras[i%len(paras)])
		b.WriteString(p)
		b.WriteString("\n\n")
	}
	return b.String()
}

// BenchmarkEngineDev runs the whole engine over every dev story.
func BenchmarkEngineDev(b *testing.B) { benchDev(b, detect.New()) }

// BenchmarkEngineIdentityDev runs only the identifying rules over the dev stories.
func BenchmarkEngineIdentityDev(b *testing.B) { benchDev(b, detect.NewIdentity()) }

// BenchmarkEngine1MB runs the whole engine over one 1 MB synthetic story;
// BenchmarkEngine4MB checks that time grows linearly with size.
func BenchmarkEngine1MB(b *testing.B) { benchSize(b, detect.New(), 1<<20) }

func BenchmarkEngine4MB(b *testing.B) { benchSize(b, detect.New(), 4<<20) }

// BenchmarkEngineIdentity1MB runs only the identifying rules.
func BenchmarkEngineIdentity1MB(b *testing.B) { benchSize(b, detect.NewIdentity(), 1<<20) }

func benchDev(b *testing.B, e *detect.Engine) {
	bodies := devBodies(b)
	total := 0
	for _, s := range bodies {
		total += len(s)
	}
	b.SetBytes(int64(total))
	b.ReportAllocs()
	var before runtime.MemStats
	runtime.ReadMemStats(&before)
	n := 0
	for b.Loop() {
		for _, s := range bodies {
			e.Detect(s)
		}
		n++
	}
	reportPerStory(b, before, n*len(bodies))
}

func benchSize(b *testing.B, e *detect.Engine, n int) {
	text := syntheticStory(n)
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	var before runtime.MemStats
	runtime.ReadMemStats(&before)
	runs := 0
	for b.Loop() {
		e.Detect(text)
		runs++
	}
	reportPerStory(b, before, runs)
}

// reportPerStory adds stories/s and allocs/story to a benchmark's line,
// for stories texts detected since before was read.
func reportPerStory(b *testing.B, before runtime.MemStats, stories int) {
	var after runtime.MemStats
	runtime.ReadMemStats(&after)
	if stories == 0 {
		return
	}
	b.ReportMetric(float64(stories)/b.Elapsed().Seconds(), "stories/s")
	b.ReportMetric(float64(after.Mallocs-before.Mallocs)/float64(stories), "allocs/story")
}
