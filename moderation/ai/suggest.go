// Package ai asks an OpenAI-compatible model (hosted, or served on the
// organisation's own machines by llama.cpp, vLLM, Ollama and the like) for
// suggested spans the rules may have missed. Identifiers the rules found are
// masked before anything is sent; the model's quotes are aligned back to the
// story text; anything that goes wrong degrades to "no suggestions" with a
// notice, never to an error that blocks the moderator.
package ai

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
	"unicode/utf8"

	openai "github.com/sashabaranov/go-openai"

	"github.com/storydesk/storydesk/moderation"
)

// Result is what Suggest found. Spans are byte-offset spans with Source
// "ai" and Redact false: suggestions are accepted one by one by the
// moderator, never applied automatically. Notice, when not empty, is a
// sentence for the moderator saying why there are no (or fewer)
// suggestions.
type Result struct {
	Spans  []moderation.Span
	Notice string
	// Failed is true when no usable answer came back (timeout, server
	// error, bad JSON); asking again later may help.
	Failed bool
	// Cached is true when the answer came from a cache, not the server.
	Cached bool
}

// Suggester asks one model for suggestions. It is safe for concurrent use.
type Suggester struct {
	model   string
	host    string
	timeout time.Duration
	client  *openai.Client
	log     *slog.Logger
	sem     chan struct{} // bounds requests in flight
	plain   atomic.Bool   // the server rejected structured output: use plain JSON
	mem     *memCache
	store   atomic.Pointer[Cache]

	mu      sync.Mutex
	flights map[string]*flight // questions on their way, by cache key
	joined  atomic.Int64       // callers that waited on another's flight (for tests)

	// retry policy; sleep is replaced in tests to record waits
	backoff      time.Duration
	maxRetryWait time.Duration
	sleep        func(ctx context.Context, d time.Duration) error
}

// New returns a Suggester for cfg, or an EINVALID error when cfg is not
// enabled or its base URL is malformed. A nil logger discards.
func New(cfg Config, logger *slog.Logger) (*Suggester, error) {
	if !cfg.Enabled() {
		return nil, moderation.Invalidf("ai", "AI suggestions are not configured: set a base URL and a model")
	}
	u, err := cfg.endpoint()
	if err != nil {
		return nil, err
	}
	if cfg.Timeout < 0 || cfg.MaxConcurrent < 0 {
		return nil, moderation.Invalidf("ai", "timeout and max concurrent must not be negative")
	}
	if cfg.Timeout == 0 {
		cfg.Timeout = DefaultTimeout
	}
	if cfg.MaxConcurrent == 0 {
		cfg.MaxConcurrent = DefaultMaxConcurrent
	}
	if logger == nil {
		logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	oc := openai.DefaultConfig(cfg.APIKey)
	oc.BaseURL = u.String()
	oc.HTTPClient = &http.Client{Transport: retryAfterTransport{http.DefaultTransport}}
	s := &Suggester{
		model:        strings.TrimSpace(cfg.Model),
		host:         u.Host,
		timeout:      cfg.Timeout,
		client:       openai.NewClientWithConfig(oc),
		log:          logger,
		sem:          make(chan struct{}, cfg.MaxConcurrent),
		mem:          newMemCache(1000),
		flights:      make(map[string]*flight),
		backoff:      time.Second,
		maxRetryWait: 10 * time.Second,
		sleep:        sleepCtx,
	}
	s.plain.Store(!cfg.UseJSONSchema)
	return s, nil
}

// SetCache adds a persistent cache (the local store) behind the in-memory
// one. nil removes it.
func (s *Suggester) SetCache(c Cache) {
	if c == nil {
		s.store.Store(nil)
		return
	}
	s.store.Store(&c)
}

// Suggest asks the model about one story. body is the story text and
// ruleSpans the spans the rules found in it (byte offsets): identifying ones
// are masked before sending, and a suggestion overlapping a rule span of the
// same kind is dropped. Only the masked body is sent: no title, ID or other
// field. Every failure to get suggestions (timeout, rate limit, server
// error, bad or empty answer, cancelled ctx) gives a Result with a Notice
// and a nil error; the error is for misuse only (rule spans that do not fit
// the body).
func (s *Suggester) Suggest(ctx context.Context, storyID moderation.StoryID, body string, ruleSpans []moderation.Span) (Result, error) {
	if s == nil {
		return Result{}, moderation.Errorf(moderation.EINVALID, "ai: Suggest on a nil Suggester")
	}
	for i, sp := range ruleSpans {
		if sp.Start < 0 || sp.End > len(body) || sp.Start >= sp.End || !utf8.RuneStart(byteAt(body, sp.Start)) || !utf8.RuneStart(byteAt(body, sp.End)) {
			return Result{}, moderation.Invalidf("ruleSpans", "story %s item %d: range %d..%d does not fit the body (%d bytes)", storyID, i, sp.Start, sp.End, len(body))
		}
	}
	if strings.TrimSpace(body) == "" {
		return Result{}, nil
	}
	log := s.log.With(slog.String(keyStory, string(storyID)), slog.String(keyModel, s.model))
	m := mask(body, ruleSpans)
	key := cacheKey(s.model, m.text)

	for {
		if content, ok := s.cached(ctx, log, key); ok {
			if suggs, ok := parseAnswer(content); ok {
				log.Debug("ai answer from cache", slog.Bool(keyCached, true))
				res := s.place(log, body, m, ruleSpans, suggs)
				res.Cached = true
				return res, nil
			}
		}
		f, leader := s.join(key)
		if leader {
			content, notice := s.ask(ctx, log, m.text, key)
			s.leave(key, f, notice)
			if notice != "" {
				return failed(notice), nil
			}
			suggs, _ := parseAnswer(content)
			return s.place(log, body, m, ruleSpans, suggs), nil
		}
		// the same question is already on its way: wait for its answer
		s.joined.Add(1)
		select {
		case <-f.done:
		case <-ctx.Done():
			return failed(noticeCancelled), nil
		}
		if f.notice == noticeCancelled {
			continue // the asker gave up, not the server: ask again
		}
		if f.notice != "" {
			return failed(f.notice), nil
		}
		// answered: the next round finds it in the cache
	}
}

const noticeCancelled = "AI suggestions cancelled."

// flight is a question on its way to the server; done closes when it is
// answered, and notice is then set if it failed.
type flight struct {
	done   chan struct{}
	notice string
}

// join returns the flight for key, and whether the caller is to ask.
func (s *Suggester) join(key string) (*flight, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if f, ok := s.flights[key]; ok {
		return f, false
	}
	f := &flight{done: make(chan struct{})}
	s.flights[key] = f
	return f, true
}

func (s *Suggester) leave(key string, f *flight, notice string) {
	s.mu.Lock()
	delete(s.flights, key)
	s.mu.Unlock()
	f.notice = notice // written before close: readers wait on done
	close(f.done)
}

// ask sends the masked text within the concurrency limit and returns a
// parseable answer, now cached, or a notice saying why there is none.
func (s *Suggester) ask(ctx context.Context, log *slog.Logger, text, key string) (content, notice string) {
	select {
	case s.sem <- struct{}{}:
		defer func() { <-s.sem }()
	case <-ctx.Done():
		log.Info("ai suggestion cancelled before sending", slog.String(keyOutcome, "cancelled"))
		return "", noticeCancelled
	}
	content, finish, notice := s.complete(ctx, log, text)
	if notice != "" {
		return "", notice
	}
	if strings.TrimSpace(content) == "" {
		log.Warn("ai answer empty", slog.String(keyOutcome, "empty"))
		return "", "No AI suggestions: the model gave an empty answer."
	}
	if _, ok := parseAnswer(content); !ok {
		log.Warn("ai answer not valid JSON", slog.String(keyOutcome, "bad_json"), slog.String(keyFinish, finish))
		if finish == string(openai.FinishReasonLength) {
			return "", "No AI suggestions: the model's answer was cut off before it was complete."
		}
		return "", "No AI suggestions: the model's answer was not valid JSON."
	}
	s.mem.Put(ctx, key, content)
	if st := s.store.Load(); st != nil {
		if err := (*st).Put(ctx, key, content); err != nil {
			log.Warn("ai cache store failed", slog.String(keyErrClass, moderation.ErrorCode(err)))
		}
	}
	return content, ""
}

func byteAt(s string, i int) byte {
	if i >= len(s) {
		return 0 // the end of the text is a boundary
	}
	return s[i]
}

func failed(notice string) Result { return Result{Notice: notice, Failed: true} }

// cached looks in memory, then in the persistent cache.
func (s *Suggester) cached(ctx context.Context, log *slog.Logger, key string) (string, bool) {
	if v, ok, _ := s.mem.Get(ctx, key); ok {
		return v, true
	}
	st := s.store.Load()
	if st == nil {
		return "", false
	}
	v, ok, err := (*st).Get(ctx, key)
	if err != nil {
		log.Warn("ai cache lookup failed", slog.String(keyErrClass, moderation.ErrorCode(err)))
		return "", false
	}
	if ok {
		s.mem.Put(ctx, key, v)
	}
	return v, ok
}

// complete sends the masked text and returns the answer's content and
// finish reason, or a notice for the moderator. It falls back to plain JSON
// once when the server rejects structured output, and retries once after a
// 429 or 5xx.
func (s *Suggester) complete(ctx context.Context, log *slog.Logger, text string) (content, finish, notice string) {
	retried := false
	for {
		schema := !s.plain.Load()
		mode := "json_schema"
		if !schema {
			mode = "plain_json"
		}
		started := time.Now()
		var ra retryAfter
		resp, err := s.once(context.WithValue(ctx, retryAfterKey{}, &ra), text, schema)
		status := httpStatus(err)
		if err == nil {
			log.Info("ai answer received", slog.String(keyMode, mode), slog.Duration(keyDuration, time.Since(started)))
			if len(resp.Choices) == 0 {
				return "", "", ""
			}
			return resp.Choices[0].Message.Content, string(resp.Choices[0].FinishReason), ""
		}
		switch {
		case errors.Is(ctx.Err(), context.Canceled):
			log.Info("ai request cancelled", slog.String(keyOutcome, "cancelled"))
			return "", "", noticeCancelled
		case schema && (status == http.StatusBadRequest || status == http.StatusUnprocessableEntity):
			// the server does not know response_format json_schema: plain JSON from now on
			s.plain.Store(true)
			log.Info("ai server rejected structured output; using plain JSON", slog.Int(keyStatus, status))
			continue
		case !retried && (status == http.StatusTooManyRequests || status >= 500):
			retried = true
			wait := s.retryWait(ra.value)
			log.Warn("ai request failed; retrying once", slog.Int(keyStatus, status), slog.Duration(keyWait, wait))
			if s.sleep(ctx, wait) != nil {
				return "", "", noticeCancelled
			}
			continue
		}
		class, notice := s.classify(err, status)
		log.Warn("ai request failed", slog.String(keyMode, mode), slog.Int(keyStatus, status), slog.String(keyErrClass, class), slog.Duration(keyDuration, time.Since(started)))
		return "", "", notice
	}
}

// once sends one request, bounded by the configured timeout.
func (s *Suggester) once(ctx context.Context, text string, schema bool) (openai.ChatCompletionResponse, error) {
	ctx, cancel := context.WithTimeout(ctx, s.timeout)
	defer cancel()
	req := openai.ChatCompletionRequest{
		Model: s.model,
		Messages: []openai.ChatCompletionMessage{
			{Role: openai.ChatMessageRoleSystem, Content: systemPrompt},
			{Role: openai.ChatMessageRoleUser, Content: userMessage(text)},
		},
	}
	if schema {
		req.ResponseFormat = &openai.ChatCompletionResponseFormat{
			Type: openai.ChatCompletionResponseFormatTypeJSONSchema,
			JSONSchema: &openai.ChatCompletionResponseFormatJSONSchema{
				Name:   "story_suggestions",
				Schema: answerSchema,
				Strict: true,
			},
		}
	}
	resp, err := s.client.CreateChatCompletion(ctx, req)
	if err != nil && ctx.Err() == context.DeadlineExceeded {
		err = fmt.Errorf("%w: %w", errTimeout, err)
	}
	return resp, err
}

var errTimeout = errors.New("ai request timed out")

// classify names an error for logs (never its text: a server's error body
// may echo the prompt) and words a notice for the moderator.
func (s *Suggester) classify(err error, status int) (class, notice string) {
	const prefix = "No AI suggestions: "
	switch {
	case errors.Is(err, errTimeout):
		return "timeout", prefix + fmt.Sprintf("the model server did not answer within %s.", s.timeout)
	case status == http.StatusTooManyRequests:
		return "rate_limited", prefix + "the model server is busy (too many requests). Try again later."
	case status == http.StatusUnauthorized || status == http.StatusForbidden:
		return "unauthorized", prefix + fmt.Sprintf("the model server refused the API key (HTTP %d). Check the AI settings.", status)
	case status == http.StatusNotFound:
		return "not_found", prefix + "the model server does not know this model or address (HTTP 404). Check the AI settings."
	case status >= 500:
		return "server_error", prefix + fmt.Sprintf("the model server had an error (HTTP %d).", status)
	case status > 0:
		return "http_error", prefix + fmt.Sprintf("the model server refused the request (HTTP %d).", status)
	}
	return "unreachable", prefix + fmt.Sprintf("could not reach the model server at %s.", s.host)
}

// httpStatus is the status code of an API error, 0 for any other error.
func httpStatus(err error) int {
	var apiErr *openai.APIError
	if errors.As(err, &apiErr) {
		return apiErr.HTTPStatusCode
	}
	var reqErr *openai.RequestError
	if errors.As(err, &reqErr) {
		return reqErr.HTTPStatusCode
	}
	return 0
}

// retryWait honours a Retry-After header (seconds or an HTTP date), bounded
// by maxRetryWait; without one it waits the backoff plus up to half again.
func (s *Suggester) retryWait(header string) time.Duration {
	wait := time.Duration(0)
	if header != "" {
		if secs, err := strconv.Atoi(strings.TrimSpace(header)); err == nil && secs >= 0 {
			wait = time.Duration(secs) * time.Second
		} else if t, err := http.ParseTime(header); err == nil {
			wait = time.Until(t)
		}
	}
	if wait <= 0 {
		wait = s.backoff + rand.N(s.backoff/2+1)
	}
	return min(wait, s.maxRetryWait)
}

func sleepCtx(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// retryAfter receives the Retry-After header of the last response; the
// transport finds it in the request's context.
type retryAfter struct{ value string }

type retryAfterKey struct{}

// retryAfterTransport records Retry-After, which go-openai's errors drop.
type retryAfterTransport struct{ next http.RoundTripper }

func (t retryAfterTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	resp, err := t.next.RoundTrip(req)
	if resp != nil {
		if ra, ok := req.Context().Value(retryAfterKey{}).(*retryAfter); ok {
			ra.value = resp.Header.Get("Retry-After")
		}
	}
	return resp, err
}

// place aligns each suggestion to the body and keeps what fits: a known
// kind, a quote found in the text sent, not a placeholder or part of one,
// not overlapping a rule span of the same kind nor an earlier suggestion of
// the same kind. A suggestion whose quote occurs several times takes the
// first occurrence not taken yet.
func (s *Suggester) place(log *slog.Logger, body string, m masked, ruleSpans []moderation.Span, suggs []suggestion) Result {
	al := newAligner(m.text)
	var spans []moderation.Span
	var unknown, unaligned, known int
	taken := func(sp moderation.Span) bool {
		for _, o := range ruleSpans {
			if o.Kind == sp.Kind && o.Overlaps(sp) {
				return true
			}
		}
		for _, o := range spans {
			if o.Kind == sp.Kind && o.Overlaps(sp) {
				return true
			}
		}
		return false
	}
	for _, sg := range suggs {
		kind, ok := parseKind(sg.Kind)
		if !ok {
			unknown++
			continue
		}
		matches := al.find(sg.Quote)
		if len(matches) == 0 {
			unaligned++
			continue
		}
		placed := false
		for _, mt := range matches {
			mt = trim(m.text, mt)
			if mt.start >= mt.end {
				continue
			}
			bs, be, ok := m.toBody(mt.start, mt.end)
			if !ok {
				continue // a placeholder: the rules found it already
			}
			sp := moderation.Span{Start: bs, End: be, Kind: kind, Confidence: confidence(sg.Confidence),
				Source: moderation.SourceAI, Reason: reason(sg.Reason)}
			if taken(sp) {
				continue
			}
			spans = append(spans, sp)
			placed = true
			break
		}
		if !placed {
			known++ // already found by the rules or an earlier suggestion
		}
	}
	slices.SortFunc(spans, func(a, b moderation.Span) int {
		if a.Start != b.Start {
			return a.Start - b.Start
		}
		return a.End - b.End
	})
	log.Info("ai suggestions placed", slog.Int(keySpans, len(spans)), slog.Int(keyDropped, unknown+unaligned+known),
		slog.Int(keyUnaligned, unaligned), slog.Int(keyUnknownKind, unknown))
	return Result{Spans: spans, Notice: dropNotice(unaligned, unknown)}
}

// dropNotice explains suggestions that were dropped because the model got
// them wrong (not those the rules had already found).
func dropNotice(unaligned, unknown int) string {
	var parts []string
	if unaligned > 0 {
		parts = append(parts, fmt.Sprintf("%d could not be found in the story text", unaligned))
	}
	if unknown > 0 {
		parts = append(parts, fmt.Sprintf("%d had a kind StoryDesk does not know", unknown))
	}
	if len(parts) == 0 {
		return ""
	}
	return "Some AI suggestions were dropped: " + strings.Join(parts, "; ") + "."
}

func confidence(c *float64) float64 {
	if c == nil {
		return 0.5
	}
	return min(max(*c, 0), 1)
}

// reason keeps the model's reason short and on one line.
func reason(r string) string {
	r = strings.Join(strings.Fields(r), " ")
	if r == "" {
		return "suggested by the AI model"
	}
	if utf8.RuneCountInString(r) > 160 {
		rs := []rune(r)
		r = string(rs[:159]) + "…"
	}
	return r
}
