package ai

import (
	"context"
	"log/slog"
	"net/http"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	openai "github.com/sashabaranov/go-openai"

	"github.com/storydesk/storydesk/moderation"
)

// A synthetic story: identifiers, curly quotes, accents and emoji.
const story = "My husband Declan O’Rourke rang 07700 900123 twice. 🏳️‍🌈 Declan O’Rourke’s email is declan.orourke@example.com. " +
	"The sour-faced old bag on reception ignored Siobhán 🙄 and said “we’re full”."

func storySpans(t *testing.T) []moderation.Span {
	return []moderation.Span{
		span(t, story, "Declan O’Rourke", 0, moderation.Person),
		span(t, story, "07700 900123", 0, moderation.Phone),
		span(t, story, "Declan O’Rourke", 1, moderation.Person),
		span(t, story, "declan.orourke@example.com", 0, moderation.Email),
	}
}

func TestRequestCarriesMaskedTextOnly(t *testing.T) {
	f := newFake(t, answerFound(sugg{"ABUSE", "sour-faced old bag", "insult", 0.9}))
	h := newHarness(t, f, nil)
	res, err := h.s.Suggest(context.Background(), "s1", story, storySpans(t))
	if err != nil || res.Failed {
		t.Fatalf("Suggest = %+v, %v; want spans, nil", res, err)
	}
	if f.calls() != 1 {
		t.Fatalf("calls = %d; want 1", f.calls())
	}
	r := f.request(0)
	for _, secret := range []string{"Declan", "O’Rourke", "O\\u2019Rourke", "07700", "900123", "orourke", "example.com", testKey} {
		if strings.Contains(r.raw, secret) {
			t.Errorf("request body contains %q; want it masked or absent", secret)
		}
	}
	got := userText(r.req)
	want := "My husband [PERSON_1] rang [PHONE_1] twice. 🏳️‍🌈 [PERSON_1]’s email is [EMAIL_1]. " +
		"The sour-faced old bag on reception ignored Siobhán 🙄 and said “we’re full”."
	if got != want {
		t.Errorf("user text = %q; want %q", got, want)
	}
	if r.auth != "Bearer "+testKey {
		t.Errorf("Authorization = %q; want the bearer key", r.auth)
	}
	if len(r.req.Messages) != 2 || r.req.Messages[0].Role != openai.ChatMessageRoleSystem || !strings.Contains(r.req.Messages[0].Content, "Do NOT flag") {
		t.Errorf("messages = %d, first role %q; want a system prompt with the policy and one user message", len(r.req.Messages), r.req.Messages[0].Role)
	}
	if r.req.Model != "test-model" {
		t.Errorf("model = %q; want test-model", r.req.Model)
	}
	if rf := r.req.ResponseFormat; rf == nil || rf.Type != openai.ChatCompletionResponseFormatTypeJSONSchema || rf.JSONSchema == nil || !rf.JSONSchema.Strict {
		t.Errorf("response_format = %+v; want a strict json_schema", rf)
	}
	if len(res.Spans) != 1 || res.Spans[0].Kind != moderation.Abuse || story[res.Spans[0].Start:res.Spans[0].End] != "sour-faced old bag" {
		t.Errorf("spans = %v; want one ABUSE on the insult", res.Spans)
	}
	sp := res.Spans[0]
	if sp.Source != moderation.SourceAI || sp.Redact || sp.Confidence != 0.9 || sp.Reason != "insult" {
		t.Errorf("span = %+v; want source ai, Redact false, confidence 0.9, reason insult", sp)
	}
}

func TestAlignNonASCII(t *testing.T) {
	type want struct {
		kind moderation.Kind
		text string // as it appears in the body
		nth  int
	}
	tests := []struct {
		name  string
		body  string
		rules []string // PERSON or PHONE spans by text (first occurrence)
		reply []sugg
		want  []want
	}{
		{"exact after ZWJ emoji", "I 🏃‍♂️ ran to Zieliński and he called me a useless cow 😡 today.", nil,
			[]sugg{{"ABUSE", "useless cow", "insult", 0.8}, {"PERSON", "Zieliński", "surname", 0.7}},
			[]want{{moderation.Person, "Zieliński", 0}, {moderation.Abuse, "useless cow", 0}}},
		{"straight apostrophe for curly", "Siobhán told us 💬 “I can’t go on any more” last night.", nil,
			[]sugg{{"SAFEGUARDING", "I can't go on any more", "current risk", 0.9}},
			[]want{{moderation.Safeguarding, "I can’t go on any more", 0}}},
		{"case-insensitive accented", "ÉLODIE on the desk 👍🏽 was kind.", nil,
			[]sugg{{"PERSON", "Élodie", "first name", 0.6}},
			[]want{{moderation.Person, "ÉLODIE", 0}}},
		{"whitespace-insensitive", "Chloé 🙂 called him a sour-faced\n\nold   bag, sadly.", nil,
			[]sugg{{"ABUSE", "sour-faced old bag", "insult", 0.8}},
			[]want{{moderation.Abuse, "sour-faced\n\nold   bag", 0}}},
		{"offsets after a placeholder", "Ring 07700 900123 – Chloé 👍🏽 knows.", []string{"07700 900123"},
			[]sugg{{"PERSON", "Chloé", "first name", 0.7}},
			[]want{{moderation.Person, "Chloé", 0}}},
		{"quote spanning a placeholder", "Honestly 😤 I will batter Dave when I see him.", []string{"Dave"},
			[]sugg{{"THREAT", "I will batter [PERSON_1] when I see him", "threat", 0.9}},
			[]want{{moderation.Threat, "I will batter Dave when I see him", 0}}},
		{"trailing punctuation trimmed", "FFS! Nobody came 🤷. FFS.", nil,
			[]sugg{{"PROFANITY", "FFS!", "swearing", 0.9}, {"PROFANITY", "FFS.", "swearing", 0.9}},
			[]want{{moderation.Profanity, "FFS", 0}, {moderation.Profanity, "FFS", 1}}},
		{"whole words before parts of words", "Our son Arlo 😂 posts as @arlos_journey. Arlo is three.", nil,
			[]sugg{{"PERSON", "arlo", "first name", 0.8}, {"PERSON", "arlo", "first name", 0.8}},
			[]want{{moderation.Person, "Arlo", 0}, {moderation.Person, "Arlo", 1}}},
		{"curly quote pair around the quote", "Zoë said the nurse was a “jumped-up cow”.", nil,
			[]sugg{{"ABUSE", "“jumped-up cow”", "insult", 0.8}},
			[]want{{moderation.Abuse, "jumped-up cow", 0}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFake(t, answerAlways(answerJSON(tt.reply...)))
			h := newHarness(t, f, nil)
			var rules []moderation.Span
			for _, r := range tt.rules {
				k := moderation.Person
				if strings.ContainsAny(r, "0123456789") {
					k = moderation.Phone
				}
				rules = append(rules, span(t, tt.body, r, 0, k))
			}
			res, err := h.s.Suggest(context.Background(), "s-align", tt.body, rules)
			if err != nil || res.Notice != "" {
				t.Fatalf("Suggest: notice %q, err %v; want none", res.Notice, err)
			}
			off := moderation.NewOffsets(tt.body)
			var got, wantR []string
			for _, sp := range res.Spans {
				s, e := off.RuneSpan(sp)
				got = append(got, string(sp.Kind)+" "+itoa(s)+".."+itoa(e))
			}
			for _, w := range tt.want {
				r := runeRange(t, tt.body, w.text, w.nth)
				wantR = append(wantR, string(w.kind)+" "+itoa(r[0])+".."+itoa(r[1]))
			}
			if strings.Join(got, ", ") != strings.Join(wantR, ", ") {
				t.Errorf("code-point spans = %v; want %v", got, wantR)
			}
		})
	}
}

func itoa(i int) string { return strconv.Itoa(i) }

func TestDegradations(t *testing.T) {
	good := answerJSON(sugg{"ABUSE", "sour-faced old bag", "insult", 0.9})
	tests := []struct {
		name       string
		reply      func(n int, req openai.ChatCompletionRequest, w http.ResponseWriter, r *http.Request)
		timeout    time.Duration
		wantSpans  int
		wantNotice string // substring; "" means no notice
		wantFailed bool
		wantCalls  int
		wantWaits  []time.Duration // nil: no retry; -1: any backoff in [1s, 1.5s]
	}{
		{name: "malformed JSON", reply: answerAlways(`{"suggestions": [{"kind": "ABUSE", "quote": `),
			wantNotice: "not valid JSON", wantFailed: true, wantCalls: 1},
		{name: "prose instead of JSON", reply: answerAlways("I could not find anything to flag."),
			wantNotice: "not valid JSON", wantFailed: true, wantCalls: 1},
		{name: "object without suggestions", reply: answerAlways(`{"result": "none"}`),
			wantNotice: "not valid JSON", wantFailed: true, wantCalls: 1},
		{name: "empty answer", reply: answerAlways(""),
			wantNotice: "empty answer", wantFailed: true, wantCalls: 1},
		{name: "no choices", reply: func(_ int, req openai.ChatCompletionRequest, w http.ResponseWriter, _ *http.Request) {
			_, _ = w.Write([]byte(`{"id":"x","object":"chat.completion","choices":[]}`))
		}, wantNotice: "empty answer", wantFailed: true, wantCalls: 1},
		{name: "cut off", reply: func(_ int, req openai.ChatCompletionRequest, w http.ResponseWriter, _ *http.Request) {
			writeAnswer(w, req.Model, `{"suggestions":[{"kind":"ABU`, "length")
		}, wantNotice: "cut off", wantFailed: true, wantCalls: 1},
		{name: "no suggestions is not a failure", reply: answerAlways(`{"suggestions":[]}`), wantCalls: 1},
		{name: "fenced JSON after thinking", reply: answerAlways("<think>the user wants {json}</think>\n```json\n" + good + "\n```"),
			wantSpans: 1, wantCalls: 1},
		{name: "unaligned quote dropped, others kept", reply: answerAlways(answerJSON(
			sugg{"PERSON", "Bartholomew", "name", 0.8}, sugg{"ABUSE", "sour-faced old bag", "insult", 0.9})),
			wantSpans: 1, wantNotice: "1 could not be found in the story text", wantCalls: 1},
		{name: "unknown kinds", reply: answerAlways(answerJSON(sugg{"BLOOD_TYPE", "reception", "?", 0.5}, sugg{"RUDENESS", "ignored", "?", 0.5})),
			wantNotice: "2 had a kind StoryDesk does not know", wantCalls: 1},
		{name: "kind alias and case", reply: answerAlways(answerJSON(sugg{"name", "Siobhán", "first name", 0.6})),
			wantSpans: 1, wantCalls: 1},
		{name: "placeholder quotes dropped silently", reply: answerAlways(answerJSON(
			sugg{"PHONE", "[PHONE_1]", "phone", 0.9}, sugg{"PERSON", "PERSON_1", "name", 0.9}, sugg{"EMAIL", "[EMAIL_1", "email", 0.9})),
			wantCalls: 1},
		{name: "same kind as a rule span dropped", reply: answerAlways(answerJSON(sugg{"PROFANITY", "sh*t", "swearing", 0.9})),
			wantCalls: 1},
		{name: "other kind over a rule span kept", reply: answerAlways(answerJSON(sugg{"ABUSE", "sh*t receptionist", "insult", 0.9})),
			wantSpans: 1, wantCalls: 1},
		{name: "429 then success honours Retry-After", reply: func(n int, req openai.ChatCompletionRequest, w http.ResponseWriter, r *http.Request) {
			if n == 1 {
				w.Header().Set("Retry-After", "3")
				writeError(w, http.StatusTooManyRequests, "slow down")
				return
			}
			writeAnswer(w, req.Model, good, "stop")
		}, wantSpans: 1, wantCalls: 2, wantWaits: []time.Duration{3 * time.Second}},
		{name: "Retry-After bounded", reply: func(n int, req openai.ChatCompletionRequest, w http.ResponseWriter, r *http.Request) {
			if n == 1 {
				w.Header().Set("Retry-After", "3600")
				writeError(w, http.StatusTooManyRequests, "slow down")
				return
			}
			writeAnswer(w, req.Model, good, "stop")
		}, wantSpans: 1, wantCalls: 2, wantWaits: []time.Duration{10 * time.Second}},
		{name: "503 then success backs off", reply: func(n int, req openai.ChatCompletionRequest, w http.ResponseWriter, r *http.Request) {
			if n == 1 {
				writeError(w, http.StatusServiceUnavailable, "loading model")
				return
			}
			writeAnswer(w, req.Model, good, "stop")
		}, wantSpans: 1, wantCalls: 2, wantWaits: []time.Duration{-1}},
		{name: "429 twice gives up after one retry", reply: func(n int, req openai.ChatCompletionRequest, w http.ResponseWriter, r *http.Request) {
			writeError(w, http.StatusTooManyRequests, "slow down")
		}, wantNotice: "busy", wantFailed: true, wantCalls: 2, wantWaits: []time.Duration{-1}},
		{name: "500 twice", reply: func(n int, req openai.ChatCompletionRequest, w http.ResponseWriter, r *http.Request) {
			w.WriteHeader(http.StatusInternalServerError)
			_, _ = w.Write([]byte("<html>oops</html>"))
		}, wantNotice: "HTTP 500", wantFailed: true, wantCalls: 2, wantWaits: []time.Duration{-1}},
		{name: "401 not retried", reply: func(n int, req openai.ChatCompletionRequest, w http.ResponseWriter, r *http.Request) {
			writeError(w, http.StatusUnauthorized, "bad key")
		}, wantNotice: "API key", wantFailed: true, wantCalls: 1},
		{name: "unknown model", reply: func(n int, req openai.ChatCompletionRequest, w http.ResponseWriter, r *http.Request) {
			writeError(w, http.StatusNotFound, "model not found")
		}, wantNotice: "does not know this model", wantFailed: true, wantCalls: 1},
		{name: "Retry-After as a date", reply: func(n int, req openai.ChatCompletionRequest, w http.ResponseWriter, r *http.Request) {
			if n == 1 {
				w.Header().Set("Retry-After", time.Now().Add(time.Hour).UTC().Format(http.TimeFormat))
				writeError(w, http.StatusServiceUnavailable, "later")
				return
			}
			writeAnswer(w, req.Model, good, "stop")
		}, wantSpans: 1, wantCalls: 2, wantWaits: []time.Duration{10 * time.Second}},
		{name: "timeout", timeout: 100 * time.Millisecond, reply: func(n int, req openai.ChatCompletionRequest, w http.ResponseWriter, r *http.Request) {
			<-r.Context().Done() // never answers; the client gives up
		}, wantNotice: "did not answer within 100ms", wantFailed: true, wantCalls: 1},
	}
	body := story + " The sh*t receptionist laughed."
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFake(t, tt.reply)
			h := newHarness(t, f, func(c *Config) {
				if tt.timeout > 0 {
					c.Timeout = tt.timeout
				}
			})
			rules := append(storySpans(t), span(t, body, "sh*t", 0, moderation.Profanity))
			res, err := h.s.Suggest(context.Background(), "s-deg", body, rules)
			if err != nil {
				t.Fatalf("err = %v; want nil (degrade, never fail)", err)
			}
			if len(res.Spans) != tt.wantSpans {
				t.Errorf("spans = %v; want %d", res.Spans, tt.wantSpans)
			}
			if tt.wantNotice == "" && res.Notice != "" || !strings.Contains(res.Notice, tt.wantNotice) {
				t.Errorf("notice = %q; want it to contain %q", res.Notice, tt.wantNotice)
			}
			if res.Failed != tt.wantFailed {
				t.Errorf("failed = %t; want %t", res.Failed, tt.wantFailed)
			}
			if f.calls() != tt.wantCalls {
				t.Errorf("calls = %d; want %d", f.calls(), tt.wantCalls)
			}
			if len(h.waits) != len(tt.wantWaits) {
				t.Fatalf("retry waits = %v; want %v", h.waits, tt.wantWaits)
			}
			for i, w := range tt.wantWaits {
				got := h.waits[i]
				if w == -1 && (got < time.Second || got > 1500*time.Millisecond) || w != -1 && got != w {
					t.Errorf("retry wait %d = %v; want %v (-1: 1s..1.5s)", i, got, w)
				}
			}
			for _, sp := range res.Spans {
				if sp.Source != moderation.SourceAI || sp.Redact {
					t.Errorf("span %v source %q redact %t; want ai, false", sp, sp.Source, sp.Redact)
				}
			}
		})
	}
}

// mapCache is a persistent cache as the local store would provide.
type mapCache struct {
	mu sync.Mutex
	m  map[string]string
}

func (c *mapCache) Get(_ context.Context, key string) (string, bool, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	v, ok := c.m[key]
	return v, ok, nil
}

func (c *mapCache) Put(_ context.Context, key, answer string) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.m[key] = answer
	return nil
}

func TestCache(t *testing.T) {
	ctx := context.Background()
	f := newFake(t, answerFound(sugg{"ABUSE", "sour-faced old bag", "insult", 0.9}))
	store := &mapCache{m: map[string]string{}}
	h := newHarness(t, f, nil)
	h.s.SetCache(store)

	first, err := h.s.Suggest(ctx, "s1", story, storySpans(t))
	if err != nil || first.Cached || len(first.Spans) != 1 {
		t.Fatalf("first = %+v, %v; want 1 span, not cached", first, err)
	}
	second, err := h.s.Suggest(ctx, "s1", story, storySpans(t))
	if err != nil || !second.Cached || len(second.Spans) != 1 || second.Spans[0] != first.Spans[0] {
		t.Fatalf("second = %+v, %v; want the same span from the cache", second, err)
	}
	if f.calls() != 1 {
		t.Errorf("calls after the same story twice = %d; want 1", f.calls())
	}
	if len(store.m) != 1 {
		t.Errorf("persistent cache entries = %d; want 1", len(store.m))
	}
	for k := range store.m {
		if !strings.HasPrefix(k, "test-model:") || len(k) > 200 {
			t.Errorf("cache key %q; want model-prefixed, at most 200 bytes", k)
		}
	}

	// a fresh suggester (app restart) with the same store asks nobody
	h2 := newHarness(t, f, nil)
	h2.s.SetCache(store)
	third, err := h2.s.Suggest(ctx, "s1", story, storySpans(t))
	if err != nil || !third.Cached || f.calls() != 1 {
		t.Errorf("after restart: cached %t, calls %d, err %v; want cached, 1, nil", third.Cached, f.calls(), err)
	}

	// another body, or another model, is another question
	if _, err := h.s.Suggest(ctx, "s2", story+" More.", storySpans(t)); err != nil || f.calls() != 2 {
		t.Errorf("other body: calls %d, err %v; want 2, nil", f.calls(), err)
	}
	h3 := newHarness(t, f, func(c *Config) { c.Model = "other-model" })
	h3.s.SetCache(store)
	if _, err := h3.s.Suggest(ctx, "s1", story, storySpans(t)); err != nil || f.calls() != 3 {
		t.Errorf("other model: calls %d, err %v; want 3, nil", f.calls(), err)
	}
}

func TestFailedAnswersAreNotCached(t *testing.T) {
	f := newFake(t, func(n int, req openai.ChatCompletionRequest, w http.ResponseWriter, _ *http.Request) {
		if n == 1 {
			writeAnswer(w, req.Model, "not json", "stop")
			return
		}
		writeAnswer(w, req.Model, answerJSON(sugg{"PERSON", "Siobhán", "name", 0.6}), "stop")
	})
	h := newHarness(t, f, nil)
	for i, want := range []int{0, 1} {
		res, err := h.s.Suggest(context.Background(), "s1", story, storySpans(t))
		if err != nil || len(res.Spans) != want {
			t.Errorf("call %d: spans %v err %v; want %d spans", i, res.Spans, err, want)
		}
	}
	if f.calls() != 2 {
		t.Errorf("calls = %d; want 2 (a bad answer is asked again)", f.calls())
	}
}

func TestStructuredOutputFallback(t *testing.T) {
	for _, status := range []int{http.StatusBadRequest, http.StatusUnprocessableEntity} {
		t.Run(http.StatusText(status), func(t *testing.T) {
			f := newFake(t, func(n int, req openai.ChatCompletionRequest, w http.ResponseWriter, _ *http.Request) {
				if req.ResponseFormat != nil {
					writeError(w, status, "response_format json_schema is not supported")
					return
				}
				answerFound(sugg{"ABUSE", "sour-faced old bag", "insult", 0.9})(n, req, w, nil)
			})
			h := newHarness(t, f, nil)
			res, err := h.s.Suggest(context.Background(), "s1", story, storySpans(t))
			if err != nil || res.Failed || len(res.Spans) != 1 {
				t.Fatalf("Suggest = %+v, %v; want 1 span after falling back", res, err)
			}
			if f.calls() != 2 || f.request(0).req.ResponseFormat == nil || f.request(1).req.ResponseFormat != nil {
				t.Fatalf("calls = %d; want 2: json_schema, then plain", f.calls())
			}
			if !strings.Contains(f.request(1).req.Messages[0].Content, `{"suggestions":[]}`) {
				t.Errorf("plain request lacks the JSON instructions")
			}
			// later stories go straight to plain JSON
			if _, err := h.s.Suggest(context.Background(), "s2", story+" Again.", storySpans(t)); err != nil {
				t.Fatal(err)
			}
			if f.calls() != 3 || f.request(2).req.ResponseFormat != nil {
				t.Errorf("calls = %d, third response_format %v; want 3, none", f.calls(), f.request(2).req.ResponseFormat)
			}
		})
	}
	t.Run("configured off", func(t *testing.T) {
		f := newFake(t, answerAlways(`{"suggestions":[]}`))
		h := newHarness(t, f, func(c *Config) { c.UseJSONSchema = false })
		if _, err := h.s.Suggest(context.Background(), "s1", story, nil); err != nil {
			t.Fatal(err)
		}
		if f.calls() != 1 || f.request(0).req.ResponseFormat != nil {
			t.Errorf("calls %d response_format %v; want 1, none", f.calls(), f.request(0).req.ResponseFormat)
		}
	})
}

func TestLogsHoldNoStoryTextOrKey(t *testing.T) {
	// every reply echoes the request's story text, as some servers do in errors
	f := newFake(t, func(n int, req openai.ChatCompletionRequest, w http.ResponseWriter, _ *http.Request) {
		text := userText(req)
		switch {
		case strings.Contains(text, "case-400"):
			writeError(w, http.StatusBadRequest, "cannot parse: "+text)
		case strings.Contains(text, "case-500"):
			writeError(w, http.StatusInternalServerError, "crashed on: "+text)
		case strings.Contains(text, "case-bad"):
			writeAnswer(w, req.Model, "Sure! "+text, "stop")
		default:
			answerFound(sugg{"ABUSE", "sour-faced old bag", "insult about " + text, 0.9}, sugg{"PERSON", "Nobody", "x", 1})(n, req, w, nil)
		}
	})
	h := newHarness(t, f, nil)
	h.s.log.Info("configured", "config", Config{BaseURL: f.srv.URL, Model: "test-model", APIKey: testKey})
	h.s.log.Info("configured", "config", Config{BaseURL: f.srv.URL, Model: "test-model", APIKey: testKey}.String())
	for i, suffix := range []string{"", " case-400", " case-500", " case-bad"} {
		res, err := h.s.Suggest(context.Background(), moderation.StoryID("story-"+itoa(i)), story+suffix, storySpans(t))
		if err != nil {
			t.Fatalf("%q: %v", suffix, err)
		}
		_ = res
	}
	logs := h.logs.String()
	for _, bad := range []string{testKey, "Declan", "O’Rourke", "07700", "orourke", "Siobhán", "Siobh", "sour-faced", "reception", "PERSON_1", "Nobody", "cannot parse", "crashed on", "Sure!"} {
		if strings.Contains(logs, bad) {
			t.Errorf("logs contain %q; want no story text, replies or key", bad)
		}
	}
	for _, want := range []string{"story-0", "story-2", `"http_status":500`, `"error_class":"server_error"`, "bad_json", "api_key_set"} {
		if !strings.Contains(logs, want) {
			t.Errorf("logs lack %q; want IDs and codes logged", want)
		}
	}
}

func TestConcurrencyLimit(t *testing.T) {
	var mu sync.Mutex
	inFlight, most := 0, 0
	f := newFake(t, func(n int, req openai.ChatCompletionRequest, w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		inFlight++
		most = max(most, inFlight)
		mu.Unlock()
		time.Sleep(20 * time.Millisecond) // let other requests pile up if the limit fails
		mu.Lock()
		inFlight--
		mu.Unlock()
		writeAnswer(w, req.Model, `{"suggestions":[]}`, "stop")
	})
	h := newHarness(t, f, func(c *Config) { c.MaxConcurrent = 2 })
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Go(func() {
			if _, err := h.s.Suggest(context.Background(), "s", story+strings.Repeat("!", i), nil); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	if f.calls() != 8 || most > 2 || most < 1 {
		t.Errorf("calls %d, most in flight %d; want 8, at most 2", f.calls(), most)
	}
}

func TestCancelledContext(t *testing.T) {
	f := newFake(t, answerAlways(`{"suggestions":[]}`))
	h := newHarness(t, f, nil)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	res, err := h.s.Suggest(ctx, "s1", story, nil)
	if err != nil || !res.Failed || !strings.Contains(res.Notice, "cancelled") {
		t.Errorf("Suggest = %+v, %v; want a cancelled notice, nil", res, err)
	}
}

func TestSuggestMisuse(t *testing.T) {
	f := newFake(t, answerAlways(`{"suggestions":[]}`))
	h := newHarness(t, f, nil)
	tests := []struct {
		name  string
		spans []moderation.Span
	}{
		{"past the end", []moderation.Span{{Start: 0, End: len(story) + 1, Kind: moderation.Person}}},
		{"empty", []moderation.Span{{Start: 3, End: 3, Kind: moderation.Person}}},
		{"splits a character", []moderation.Span{{Start: 0, End: strings.Index(story, "’") + 1, Kind: moderation.Person}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := h.s.Suggest(context.Background(), "s1", story, tt.spans)
			if moderation.ErrorCode(err) != moderation.EINVALID || moderation.ErrorField(err) != "ruleSpans" {
				t.Errorf("err = %v; want EINVALID on ruleSpans", err)
			}
		})
	}
	if res, err := h.s.Suggest(context.Background(), "s1", "  \n", nil); err != nil || res.Notice != "" || f.calls() != 0 {
		t.Errorf("blank body: %+v %v calls %d; want nothing asked", res, err, f.calls())
	}
	var nilS *Suggester
	if _, err := nilS.Suggest(context.Background(), "s1", story, nil); moderation.ErrorCode(err) != moderation.EINVALID {
		t.Errorf("nil Suggester err = %v; want EINVALID", err)
	}
}

// BenchmarkPlace measures aligning and filtering 20 suggestions in a story
// of about 2,000 words.
func BenchmarkPlace(b *testing.B) {
	body := strings.Repeat(story+" ", 60)
	var suggs []suggestion
	for i := range 20 {
		q := []string{"sour-faced old bag", "Siobhán", "we're full", "RECEPTION"}[i%4]
		suggs = append(suggs, suggestion{Kind: "ABUSE", Quote: q})
	}
	s := &Suggester{log: slog.New(slog.DiscardHandler)}
	for b.Loop() {
		m := mask(body, nil)
		s.place(s.log, body, m, nil, suggs)
	}
}

func TestSameStoryInFlightAskedOnce(t *testing.T) {
	release := make(chan struct{})
	f := newFake(t, func(n int, req openai.ChatCompletionRequest, w http.ResponseWriter, r *http.Request) {
		<-release
		answerFound(sugg{"ABUSE", "sour-faced old bag", "insult", 0.9})(n, req, w, r)
	})
	h := newHarness(t, f, nil)
	results := make(chan Result, 2)
	ask := func() {
		res, err := h.s.Suggest(context.Background(), "s1", story, storySpans(t))
		if err != nil {
			t.Error(err)
		}
		results <- res
	}
	go ask() // exits when Suggest returns
	for f.calls() == 0 {
		runtime.Gosched() // wait for the first question to reach the server
	}
	go ask() // exits when Suggest returns
	for h.s.joined.Load() == 0 {
		runtime.Gosched() // wait for the second caller to join the flight
	}
	close(release)
	a, b := <-results, <-results
	if f.calls() != 1 {
		t.Errorf("calls = %d; want 1", f.calls())
	}
	if len(a.Spans) != 1 || len(b.Spans) != 1 || a.Spans[0] != b.Spans[0] {
		t.Errorf("results %v and %v; want the same single span", a.Spans, b.Spans)
	}
}

func TestUnreachable(t *testing.T) {
	f := newFake(t, answerAlways(`{"suggestions":[]}`))
	h := newHarness(t, f, nil)
	f.srv.Close()
	res, err := h.s.Suggest(context.Background(), "s1", story, nil)
	if err != nil || !res.Failed || !strings.Contains(res.Notice, "could not reach the model server at 127.0.0.1") {
		t.Errorf("Suggest = %+v, %v; want an unreachable notice", res, err)
	}
}
