package ai

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	openai "github.com/sashabaranov/go-openai"

	"github.com/storydesk/storydesk/moderation"
)

// fakeOpenAI is a local OpenAI-compatible server implementing
// POST /v1/chat/completions. reply answers call n (from 1) and may build its
// answer from the decoded request.
type fakeOpenAI struct {
	srv   *httptest.Server
	reply func(n int, req openai.ChatCompletionRequest, w http.ResponseWriter, r *http.Request)

	mu       sync.Mutex
	requests []fakeRequest
}

type fakeRequest struct {
	raw  string
	auth string
	req  openai.ChatCompletionRequest
}

func newFake(t *testing.T, reply func(n int, req openai.ChatCompletionRequest, w http.ResponseWriter, r *http.Request)) *fakeOpenAI {
	t.Helper()
	f := &fakeOpenAI{reply: reply}
	f.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodPost || r.URL.Path != "/v1/chat/completions" {
			http.Error(w, `{"error":{"message":"not found"}}`, http.StatusNotFound)
			return
		}
		raw, err := io.ReadAll(r.Body)
		if err != nil {
			http.Error(w, `{"error":{"message":"read"}}`, http.StatusBadRequest)
			return
		}
		var req openai.ChatCompletionRequest
		if err := json.Unmarshal(raw, &req); err != nil {
			http.Error(w, `{"error":{"message":"bad json"}}`, http.StatusBadRequest)
			return
		}
		f.mu.Lock()
		f.requests = append(f.requests, fakeRequest{raw: string(raw), auth: r.Header.Get("Authorization"), req: req})
		n := len(f.requests)
		f.mu.Unlock()
		f.reply(n, req, w, r)
	}))
	t.Cleanup(f.srv.Close)
	return f
}

func (f *fakeOpenAI) calls() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return len(f.requests)
}

func (f *fakeOpenAI) request(i int) fakeRequest {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.requests[i]
}

// userText is the story text a request carried (between the fences).
func userText(req openai.ChatCompletionRequest) string {
	for _, m := range req.Messages {
		if m.Role == openai.ChatMessageRoleUser {
			s := strings.TrimPrefix(m.Content, "Story:\n<<<\n")
			return strings.TrimSuffix(s, "\n>>>")
		}
	}
	return ""
}

// writeAnswer writes a chat completion whose message content is content.
func writeAnswer(w http.ResponseWriter, model, content, finish string) {
	resp := openai.ChatCompletionResponse{
		ID: "chatcmpl-test", Object: "chat.completion", Created: 1, Model: model,
		Choices: []openai.ChatCompletionChoice{{
			Message:      openai.ChatCompletionMessage{Role: openai.ChatMessageRoleAssistant, Content: content},
			FinishReason: openai.FinishReason(finish),
		}},
	}
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(resp)
}

func writeError(w http.ResponseWriter, status int, message string) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(map[string]any{"error": map[string]any{"message": message, "type": "invalid_request_error"}})
}

type sugg struct {
	Kind       string  `json:"kind"`
	Quote      string  `json:"quote"`
	Reason     string  `json:"reason"`
	Confidence float64 `json:"confidence"`
}

func answerJSON(s ...sugg) string {
	if s == nil {
		s = []sugg{}
	}
	b, _ := json.Marshal(map[string]any{"suggestions": s})
	return string(b)
}

// answerFound answers with each given suggestion whose quote occurs (in any
// case) in the text the request carried: a canned answer built from the
// request.
func answerFound(s ...sugg) func(int, openai.ChatCompletionRequest, http.ResponseWriter, *http.Request) {
	return func(_ int, req openai.ChatCompletionRequest, w http.ResponseWriter, _ *http.Request) {
		text := strings.ToLower(userText(req))
		var out []sugg
		for _, x := range s {
			if strings.Contains(text, strings.ToLower(x.Quote)) {
				out = append(out, x)
			}
		}
		writeAnswer(w, req.Model, answerJSON(out...), "stop")
	}
}

// answerAlways answers content to every call.
func answerAlways(content string) func(int, openai.ChatCompletionRequest, http.ResponseWriter, *http.Request) {
	return func(_ int, req openai.ChatCompletionRequest, w http.ResponseWriter, _ *http.Request) {
		writeAnswer(w, req.Model, content, "stop")
	}
}

// syncBuffer is a bytes.Buffer safe for concurrent log writes.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// harness is a Suggester pointed at a fake, with its logs and retry waits.
type harness struct {
	s     *Suggester
	logs  *syncBuffer
	mu    sync.Mutex
	waits []time.Duration
}

const testKey = "sk-test-7f3a9c-secret"

func newHarness(t *testing.T, f *fakeOpenAI, edit func(*Config)) *harness {
	t.Helper()
	cfg := Config{BaseURL: f.srv.URL, Model: "test-model", APIKey: testKey, UseJSONSchema: true, Timeout: 5 * time.Second}
	if edit != nil {
		edit(&cfg)
	}
	h := &harness{logs: &syncBuffer{}}
	logger := slog.New(slog.NewJSONHandler(h.logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	s, err := New(cfg, logger)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	s.sleep = func(ctx context.Context, d time.Duration) error {
		h.mu.Lock()
		h.waits = append(h.waits, d)
		h.mu.Unlock()
		return ctx.Err()
	}
	h.s = s
	return h
}

// span finds the nth (from 0) occurrence of sub in body as a byte span.
func span(t *testing.T, body, sub string, nth int, kind moderation.Kind) moderation.Span {
	t.Helper()
	at := 0
	for i := 0; ; i++ {
		j := strings.Index(body[at:], sub)
		if j < 0 {
			t.Fatalf("%q occurrence %d not in the body", sub, nth)
		}
		if i == nth {
			return moderation.Span{Start: at + j, End: at + j + len(sub), Kind: kind, Source: moderation.SourceRule, Confidence: 1}
		}
		at += j + len(sub)
	}
}

// runeRange finds the nth occurrence of sub in body as code-point offsets,
// counting runes directly (independent of the package's byte arithmetic).
func runeRange(t *testing.T, body, sub string, nth int) [2]int {
	t.Helper()
	b, s := []rune(body), []rune(sub)
	seen := 0
	for i := 0; i+len(s) <= len(b); i++ {
		if string(b[i:i+len(s)]) == sub {
			if seen == nth {
				return [2]int{i, i + len(s)}
			}
			seen++
		}
	}
	t.Fatalf("%q occurrence %d not in the body", sub, nth)
	return [2]int{}
}
