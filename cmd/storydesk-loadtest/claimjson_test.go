package main

import (
	"encoding/json"
	"fmt"
	"slices"
	"testing"
	"time"

	storysync "github.com/storydesk/storydesk/moderation/sync"
)

// claimAnswer is a claim's answer as the server writes it (json.Encoder,
// so with a newline at the end).
func claimAnswer(t testing.TB, n int) []byte {
	exp := time.Date(2026, 3, 1, 12, 0, 0, 123456789, time.UTC)
	var r storysync.ClaimResponse
	for i := range n {
		r.Stories = append(r.Stories, storysync.Story{
			ID: fmt.Sprintf("load-%06d", i), Title: "Load \"test\"", Body: "A synthetic story <about> a kind nurse on ward 12.\nÜber nett. \u2028 \\o/",
			Service: "Riverside A&E", SubmittedAt: &exp, Status: "pending", Version: i + 1,
			LeaseID: fmt.Sprintf("9f0c3c1e-aaaa-bbbb-cccc-0123456789ab.%d", 1000+i), LeaseExpiresAt: &exp,
		})
	}
	b, err := json.Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	return append(b, '\n')
}

func TestParseClaimAnswer(t *testing.T) {
	full := claimAnswer(t, 3)
	var want storysync.ClaimResponse
	if err := json.Unmarshal(full, &want); err != nil {
		t.Fatal(err)
	}
	var wantLean []claimedStory
	for _, st := range want.Stories {
		wantLean = append(wantLean, claimedStory{ID: st.ID, LeaseID: st.LeaseID, Version: st.Version})
	}
	for _, tc := range []struct {
		name string
		in   string
		want []claimedStory // nil with ok: no stories
		ok   bool
		json bool // well-formed JSON (if not ok: an answer of the wrong shape)
	}{
		{"server answer", string(full), wantLean, true, true},
		{"no stories", `{"stories":[]}`, nil, true, true},
		{"null stories", `{"stories":null}`, nil, true, true},
		{"white space and unknown fields", " {\n\"x\": [1, -2.5e3, true, false, null, {\"a\": \"\\u00e9\"}], \"stories\" : [ { \"id\" : \"a\" , \"version\" : 0 } ] } \n", []claimedStory{{ID: "a"}}, true, true},
		{"escaped id and lease id", `{"stories":[{"id":"a\u0041\"","lease_id":"c.\/1","version":7}]}`, []claimedStory{{ID: `aA"`, LeaseID: "c./1", Version: 7}}, true, true},
		{"repeated stories key", `{"stories":[{"id":"a"}],"stories":[{"id":"b"}]}`, []claimedStory{{ID: "b"}}, true, true},
		{"no stories key", `{"story":[]}`, nil, false, true},
		{"not an object", `[]`, nil, false, true},
		{"version a string", `{"stories":[{"id":"a","version":"1"}]}`, nil, false, true},
		{"version a fraction", `{"stories":[{"id":"a","version":1.5}]}`, nil, false, true},
		{"bad escape", `{"stories":[{"id":"a\x"}]}`, nil, false, false},
		{"short unicode escape", `{"stories":[{"id":"a\u00"}]}`, nil, false, false},
		{"control character", "{\"stories\":[{\"id\":\"a\tb\"}]}", nil, false, false},
		{"data after the answer", `{"stories":[]} {}`, nil, false, false},
		{"missing comma", `{"stories":[{"id":"a" "version":1}]}`, nil, false, false},
		{"bad literal", `{"x":nul,"stories":[]}`, nil, false, false},
		{"leading zero", `{"x":01,"stories":[]}`, nil, false, false},
	} {
		got, err := parseClaimAnswer([]byte(tc.in))
		if (err == nil) != tc.ok {
			t.Errorf("%s: got error %v, want ok %v", tc.name, err, tc.ok)
			continue
		}
		if tc.ok && !slices.Equal(got, tc.want) {
			t.Errorf("%s: got %+v, want %+v", tc.name, got, tc.want)
		}
		if got := json.Valid([]byte(tc.in)); got != tc.json {
			t.Errorf("%s: encoding/json says well-formed %v, the test says %v", tc.name, got, tc.json)
		}
	}
}

// TestParseClaimAnswerCutOff: an answer cut off anywhere (a replica dying
// mid-write) is an error, never a shorter list of stories.
func TestParseClaimAnswerCutOff(t *testing.T) {
	full := claimAnswer(t, 2)
	for n := 0; n < len(full)-1; n++ { // the last byte is the encoder's newline
		if got, err := parseClaimAnswer(full[:n]); err == nil {
			t.Fatalf("answer cut after %d of %d bytes: got %+v, want an error", n, len(full), got)
		}
	}
}

func BenchmarkParseClaimAnswer(b *testing.B) {
	data := claimAnswer(b, 50)
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if _, err := parseClaimAnswer(data); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkDecodeClaimAnswer is what the load test did before
// parseClaimAnswer, and what the desktop app does.
func BenchmarkDecodeClaimAnswer(b *testing.B) {
	data := claimAnswer(b, 50)
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		var r storysync.ClaimResponse
		if err := json.Unmarshal(data, &r); err != nil {
			b.Fatal(err)
		}
	}
}
