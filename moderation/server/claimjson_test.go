package server

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"net/http/httptest"
	"reflect"
	"strings"
	"testing"
	"time"

	storysync "github.com/storydesk/storydesk/moderation/sync"
)

// encoderJSON is a claim's answer as writeJSON writes it.
func encoderJSON(t testing.TB, stories []storysync.Story) []byte {
	var buf bytes.Buffer
	if err := json.NewEncoder(&buf).Encode(storysync.ClaimResponse{Stories: stories}); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestAppendClaimResponseMatchesEncodingJSON(t *testing.T) {
	// appendStory names every field of storysync.Story; a new field must
	// be added there (and here)
	if n := reflect.TypeFor[storysync.Story]().NumField(); n != 11 {
		t.Fatalf("storysync.Story has %d fields, appendStory encodes 11", n)
	}
	utc := time.Date(2026, 3, 1, 12, 0, 0, 123456789, time.UTC)
	local := time.Date(2026, 3, 1, 12, 0, 0, 0, time.FixedZone("X", 5*3600+1800))
	west := time.Date(1999, 12, 31, 23, 59, 59, 1000, time.FixedZone("W", -(9*3600+30*60)))
	whole := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	year0 := time.Date(0, 1, 1, 0, 0, 0, 0, time.UTC)
	odd := time.Date(2026, 1, 1, 0, 0, 0, 0, time.FixedZone("S", 3600+30)) // seconds in the offset: MarshalJSON writes minutes
	full := storysync.Story{ID: "s1", Title: "T", Body: "B", Service: "Riverside A&E", ServiceType: "hospital",
		SubmittedAt: &local, AuthorRole: "patient", Status: "pending", Version: 3, LeaseID: "c.1", LeaseExpiresAt: &utc}
	for _, tc := range []struct {
		name    string
		stories []storysync.Story
	}{
		{"no stories (nil)", nil},
		{"no stories (empty)", []storysync.Story{}},
		{"every field", []storysync.Story{full}},
		{"only the fields without omitempty", []storysync.Story{{}}},
		{"negative version", []storysync.Story{{ID: "a", Version: -7}}},
		{"times", []storysync.Story{{SubmittedAt: &west, LeaseExpiresAt: &whole}, {SubmittedAt: &year0, LeaseExpiresAt: &odd}}},
		{"two stories", []storysync.Story{full, {ID: "b", Title: "x", Body: "y", Version: 1}}},
		{"HTML and quotes", []storysync.Story{{ID: `a"b\c`, Title: "<b>Tom & Jerry</b>", Body: "it's \"fine\" \\o/"}}},
		{"control characters", []storysync.Story{{Body: "a\x00b\x01c\bd\fe\nf\rg\th\x1fi\x7f"}}},
		{"UTF-8", []storysync.Story{{Body: "Über nett, Ünïcödé, 病院, 😀, \u2028 and \u2029 end", Title: "ŵ"}}},
		{"invalid UTF-8", []storysync.Story{{Body: "bad \xff byte, cut \xe2\x82 rune", Title: "\xc0\x80"}}},
	} {
		got, ok := appendClaimResponse(nil, tc.stories)
		if want := encoderJSON(t, tc.stories); !ok || !bytes.Equal(got, want) {
			t.Errorf("%s: got %q (ok %v), want %q", tc.name, got, ok, want)
		}
	}
}

// TestAppendJSONStringRandom compares appendJSONString with encoding/json
// on random strings of awkward characters.
func TestAppendJSONStringRandom(t *testing.T) {
	alphabet := []string{"a", "Z", " ", "~", "\"", "\\", "/", "<", ">", "&", "'", "\x00", "\x1f", "\n", "\t", "\x7f",
		"é", "病", "😀", "\u2028", "\u2029", "\ufffd", "\xff", "\xe2\x82", "\xed\xa0\x80"}
	r := rand.New(rand.NewPCG(1, 2))
	for i := range 5000 {
		var sb strings.Builder
		for range r.IntN(12) {
			sb.WriteString(alphabet[r.IntN(len(alphabet))])
		}
		s := sb.String()
		want, _ := json.Marshal(s)
		if got := appendJSONString([]byte("x"), s); !bytes.Equal(got, append([]byte("x"), want...)) {
			t.Fatalf("string %d %q: got %q, want %q", i, s, got[1:], want)
		}
	}
}

// TestWriteClaimAnswerFallsBack: a time encoding/json cannot encode
// (year 10000) gives the answer writeJSON gives (json.Encoder fails, so an
// empty body), not a different one.
func TestWriteClaimAnswerFallsBack(t *testing.T) {
	far := time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC)
	before := time.Date(-1, 1, 1, 0, 0, 0, 0, time.UTC)
	east := time.Date(2026, 1, 1, 0, 0, 0, 0, time.FixedZone("E", 24*3600))
	odd := time.Date(2026, 1, 1, 0, 0, 0, 0, time.FixedZone("S", 3600+30))
	for _, st := range []storysync.Story{{ID: "a", SubmittedAt: &far}, {ID: "a", LeaseExpiresAt: &far},
		{ID: "a", SubmittedAt: &before}, {ID: "a", LeaseExpiresAt: &east}, {ID: "a", LeaseExpiresAt: &odd}} {
		got, want := httptest.NewRecorder(), httptest.NewRecorder()
		writeClaimAnswer(got, []storysync.Story{st})
		writeJSON(want, 200, storysync.ClaimResponse{Stories: []storysync.Story{st}})
		if got.Code != want.Code || got.Body.String() != want.Body.String() || got.Header().Get("Content-Type") != want.Header().Get("Content-Type") {
			t.Errorf("%+v: got %d %q, want %d %q", st, got.Code, got.Body, want.Code, want.Body)
		}
	}
}

func claimStories(n int) []storysync.Story {
	exp := time.Date(2026, 3, 2, 12, 0, 0, 123456789, time.UTC)
	out := make([]storysync.Story, n)
	for i := range out {
		out[i] = storysync.Story{ID: fmt.Sprintf("load-043036.310-%06d", i), Title: "Load test",
			Body:   fmt.Sprintf("A synthetic story about a kind nurse on ward %d.", i%40),
			Status: "pending", Version: 1, LeaseID: fmt.Sprintf("9f0c3c1e-6b7a-4d2e-9c1f-0123456789ab.%d", 1000+i), LeaseExpiresAt: &exp}
	}
	return out
}

// BenchmarkClaimAnswer: a 50-story answer as writeClaimAnswer and as
// writeJSON write it.
func BenchmarkClaimAnswer(b *testing.B) {
	stories := claimStories(50)
	b.Run("append", func(b *testing.B) {
		for b.Loop() {
			writeClaimAnswer(httptest.NewRecorder(), stories)
		}
	})
	b.Run("encoding/json", func(b *testing.B) {
		for b.Loop() {
			writeJSON(httptest.NewRecorder(), 200, storysync.ClaimResponse{Stories: stories})
		}
	})
}
