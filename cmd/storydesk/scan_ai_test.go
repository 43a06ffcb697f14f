package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

// fakeModel is a local OpenAI-compatible server: it quotes "like a turnip"
// as ABUSE when the story it is sent holds it, and records what it got.
func fakeModel(t *testing.T, status int) (url string, got func() []string) {
	t.Helper()
	var mu sync.Mutex
	var bodies []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		raw, _ := io.ReadAll(r.Body)
		mu.Lock()
		bodies = append(bodies, string(raw))
		mu.Unlock()
		if r.URL.Path != "/v1/chat/completions" || status != http.StatusOK {
			w.WriteHeader(max(status, http.StatusNotFound))
			_, _ = w.Write([]byte(`{"error":{"message":"no"}}`))
			return
		}
		content := `{"suggestions":[]}`
		if strings.Contains(string(raw), "like a turnip") {
			content = `{"suggestions":[{"kind":"ABUSE","quote":"like a turnip","reason":"insult","confidence":0.8}]}`
		}
		resp, _ := json.Marshal(map[string]any{"id": "x", "object": "chat.completion", "choices": []any{
			map[string]any{"index": 0, "finish_reason": "stop", "message": map[string]any{"role": "assistant", "content": content}}}})
		_, _ = w.Write(resp)
	}))
	t.Cleanup(srv.Close)
	return srv.URL, func() []string { mu.Lock(); defer mu.Unlock(); return cloneStrings(bodies) }
}

func cloneStrings(s []string) []string { return append([]string(nil), s...) }

type scanLineOut struct {
	ID    string `json:"id"`
	Spans []struct {
		Start, End   int
		Kind, Source string
	} `json:"spans"`
	Decision string `json:"decision"`
	AINotice string `json:"ai_notice"`
}

func TestScanAI(t *testing.T) {
	// synthetic: an accented name and an emoji before the insult, so code
	// points and bytes differ
	// the rules (and the abuse model) leave "sounded like a turnip" alone, so
	// the fake model's suggestion is the only span there
	body := "Zoë 🙂 rang 07700 900123 and the receptionist sounded like a turnip."
	in := filepath.Join(t.TempDir(), "in.jsonl")
	line, _ := json.Marshal(map[string]string{"id": "t1", "body": body})
	if err := os.WriteFile(in, append(line, '\n'), 0o600); err != nil {
		t.Fatal(err)
	}
	scan := func(args ...string) (scanLineOut, string, error) {
		var stdout, stderr bytes.Buffer
		err := run(context.Background(), append([]string{"scan"}, args...), &stdout, &stderr)
		var out scanLineOut
		if err == nil {
			if jerr := json.Unmarshal(stdout.Bytes(), &out); jerr != nil {
				t.Fatalf("output %q: %v", stdout.String(), jerr)
			}
		}
		return out, stderr.String(), err
	}

	t.Run("suggestions added with source ai", func(t *testing.T) {
		url, got := fakeModel(t, http.StatusOK)
		t.Setenv("STORYDESK_AI_BASE_URL", url)
		t.Setenv("STORYDESK_AI_MODEL", "test-model")
		t.Setenv("STORYDESK_AI_API_KEY", "sk-scan-test")
		out, stderr, err := scan("--ai", in)
		if err != nil {
			t.Fatalf("scan --ai: %v (stderr %q)", err, stderr)
		}
		var rulePhone, aiAbuse bool
		runes := []rune(body)
		for _, s := range out.Spans {
			text := string(runes[s.Start:s.End])
			switch {
			case s.Source == "rule" && s.Kind == "PHONE" && text == "07700 900123":
				rulePhone = true
			case s.Source == "ai" && s.Kind == "ABUSE" && text == "like a turnip":
				aiAbuse = true
			case s.Source != "rule" && s.Source != "ai":
				t.Errorf("span %+v has source %q; want rule or ai", s, s.Source)
			}
		}
		if !rulePhone || !aiAbuse {
			t.Errorf("spans = %+v; want a rule PHONE on the number and an ai ABUSE on the insult", out.Spans)
		}
		reqs := got()
		if len(reqs) != 1 || strings.Contains(reqs[0], "900123") || !strings.Contains(reqs[0], "[PHONE_1]") {
			t.Errorf("requests = %q; want one, with the phone number masked", reqs)
		}
		if !strings.Contains(stderr, "is sent to 127.0.0.1") {
			t.Errorf("stderr = %q; want the description of what is sent where", stderr)
		}
	})

	t.Run("server error degrades to a notice", func(t *testing.T) {
		url, _ := fakeModel(t, http.StatusInternalServerError)
		t.Setenv("STORYDESK_AI_BASE_URL", url)
		t.Setenv("STORYDESK_AI_MODEL", "test-model")
		out, stderr, err := scan("--ai", in)
		if err != nil || !strings.Contains(out.AINotice, "HTTP 500") {
			t.Errorf("scan --ai = notice %q, err %v (stderr %q); want a HTTP 500 notice and success", out.AINotice, err, stderr)
		}
		for _, s := range out.Spans {
			if s.Source != "rule" {
				t.Errorf("span %+v; want rule spans only", s)
			}
		}
	})

	t.Run("not configured", func(t *testing.T) {
		t.Setenv("STORYDESK_AI_BASE_URL", "")
		t.Setenv("STORYDESK_AI_MODEL", "")
		if _, _, err := scan("--ai", in); err == nil || !strings.Contains(err.Error(), "STORYDESK_AI_BASE_URL") {
			t.Errorf("err = %v; want one naming STORYDESK_AI_BASE_URL", err)
		}
	})

	t.Run("without --ai nothing is sent", func(t *testing.T) {
		url, got := fakeModel(t, http.StatusOK)
		t.Setenv("STORYDESK_AI_BASE_URL", url)
		t.Setenv("STORYDESK_AI_MODEL", "test-model")
		out, _, err := scan(in)
		if err != nil || len(got()) != 0 {
			t.Fatalf("scan: err %v, requests %d; want nil, 0", err, len(got()))
		}
		for _, s := range out.Spans {
			if s.Source != "" {
				t.Errorf("span %+v carries a source; want the plain output unchanged", s)
			}
		}
	})
}
