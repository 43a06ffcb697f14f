package server

import (
	"encoding/json"
	"net/http"
	"strconv"
	"time"
	"unicode/utf8"

	storysync "github.com/storydesk/storydesk/moderation/sync"
)

// writeClaimAnswer writes a claim's answer, storysync.ClaimResponse{Stories:
// stories}, byte for byte as writeJSON would (json.Encoder: HTML-safe
// strings, a newline at the end), but without reflection: a replica
// answers a team's first claims at once, and encoding their 50 stories
// each was most of the CPU it spent on claims in that burst (perf, first
// 100 ms: 45 of 254 replica samples).
func writeClaimAnswer(w http.ResponseWriter, stories []storysync.Story) {
	b, ok := appendClaimResponse(make([]byte, 0, 64+320*len(stories)), stories)
	if !ok {
		writeJSON(w, http.StatusOK, storysync.ClaimResponse{Stories: stories})
		return
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(http.StatusOK)
	w.Write(b)
}

// appendClaimResponse appends the JSON of a claim's answer and a newline;
// false if a time cannot be encoded (json.Marshal fails too).
func appendClaimResponse(b []byte, stories []storysync.Story) ([]byte, bool) {
	if stories == nil {
		return append(b, "{\"stories\":null}\n"...), true
	}
	b = append(b, `{"stories":[`...)
	for i := range stories {
		if i > 0 {
			b = append(b, ',')
		}
		var ok bool
		if b, ok = appendStory(b, &stories[i]); !ok {
			return b, false
		}
	}
	return append(b, "]}\n"...), true
}

// appendStory appends st as encoding/json encodes a storysync.Story: its
// fields in order, the omitempty ones left out when empty.
func appendStory(b []byte, st *storysync.Story) ([]byte, bool) {
	b = append(b, `{"id":`...)
	b = appendJSONString(b, st.ID)
	b = append(b, `,"title":`...)
	b = appendJSONString(b, st.Title)
	b = append(b, `,"body":`...)
	b = appendJSONString(b, st.Body)
	if st.Service != "" {
		b = append(b, `,"service":`...)
		b = appendJSONString(b, st.Service)
	}
	if st.ServiceType != "" {
		b = append(b, `,"service_type":`...)
		b = appendJSONString(b, st.ServiceType)
	}
	if st.SubmittedAt != nil {
		var ok bool
		if b, ok = appendJSONTime(append(b, `,"submitted_at":`...), *st.SubmittedAt); !ok {
			return b, false
		}
	}
	if st.AuthorRole != "" {
		b = append(b, `,"author_role":`...)
		b = appendJSONString(b, st.AuthorRole)
	}
	if st.Status != "" {
		b = append(b, `,"status":`...)
		b = appendJSONString(b, st.Status)
	}
	if st.Version != 0 {
		b = strconv.AppendInt(append(b, `,"version":`...), int64(st.Version), 10)
	}
	if st.LeaseID != "" {
		b = append(b, `,"lease_id":`...)
		b = appendJSONString(b, st.LeaseID)
	}
	if st.LeaseExpiresAt != nil {
		var ok bool
		if b, ok = appendJSONTime(append(b, `,"lease_expires_at":`...), *st.LeaseExpiresAt); !ok {
			return b, false
		}
	}
	return append(b, '}'), true
}

// appendJSONTime appends t quoted, as time.Time.MarshalJSON writes it;
// false where MarshalJSON fails (a year outside 0-9999, a zone offset of
// 24 hours or more).
func appendJSONTime(b []byte, t time.Time) ([]byte, bool) {
	b = append(b, '"')
	n0 := len(b)
	b = t.AppendFormat(b, time.RFC3339Nano)
	if len(b) < n0+len("2006-01-02T15:04:05Z") || b[n0+len("2006")] != '-' {
		return b, false
	}
	if b[len(b)-1] != 'Z' {
		c := b[len(b)-len("Z07:00")]
		if '0' <= c && c <= '9' || 10*(b[len(b)-5]-'0')+(b[len(b)-4]-'0') >= 24 {
			return b, false
		}
	}
	return append(b, '"'), true
}

// appendJSONString appends s quoted. A string encoding/json would write
// as it is (printable ASCII other than " \ < > &, and valid UTF-8 other
// than U+2028 and U+2029) is copied; any other goes through json.Marshal,
// so escapes and replacements are exactly encoding/json's.
func appendJSONString(b []byte, s string) []byte {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c < 0x20 || c == '"' || c == '\\' || c == '<' || c == '>' || c == '&' {
				return appendMarshalled(b, s)
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && n == 1 || r == '\u2028' || r == '\u2029' {
			return appendMarshalled(b, s)
		}
		i += n
	}
	b = append(b, '"')
	b = append(b, s...)
	return append(b, '"')
}

func appendMarshalled(b []byte, s string) []byte {
	q, _ := json.Marshal(s) // a string always encodes
	return append(b, q...)
}
