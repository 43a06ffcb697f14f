package storysync

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/google/uuid"

	"github.com/storydesk/storydesk/moderation"
)

// Backoff is the retry policy for network errors and 5xx answers:
// attempt n (from 0) waits a random time in [0, min(Max, Base·2ⁿ)) ("full
// jitter"). Sleep and Rand are injectable for tests.
type Backoff struct {
	Base     time.Duration // default 200 ms
	Max      time.Duration // default 10 s
	Attempts int           // tries in all, default 5
	// Sleep waits d or until ctx ends; nil uses a timer.
	Sleep func(ctx context.Context, d time.Duration) error
	// Rand returns a number in [0, 1); nil uses math/rand/v2.
	Rand func() float64
}

// Delay is how long to wait before retry n (0-based).
func (b Backoff) Delay(n int) time.Duration {
	base, max := b.Base, b.Max
	if base <= 0 {
		base = 200 * time.Millisecond
	}
	if max <= 0 {
		max = 10 * time.Second
	}
	d := max
	if n < 30 && base<<n < max {
		d = base << n
	}
	r := rand.Float64
	if b.Rand != nil {
		r = b.Rand
	}
	return time.Duration(r() * float64(d))
}

func (b Backoff) attempts() int {
	if b.Attempts <= 0 {
		return 5
	}
	return b.Attempts
}

func (b Backoff) sleep(ctx context.Context, d time.Duration) error {
	if b.Sleep != nil {
		return b.Sleep(ctx, d)
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

// Client speaks protocol v1 to one queue server.
type Client struct {
	BaseURL string       // "https://queue.example.org"
	Token   string       // bearer token
	HTTP    *http.Client // nil uses a client with a 60 s timeout
	Backoff Backoff
}

var defaultHTTP = &http.Client{Timeout: 60 * time.Second}

// NewClient returns a client for baseURL with token.
func NewClient(baseURL, token string) *Client {
	return &Client{BaseURL: strings.TrimRight(baseURL, "/"), Token: token}
}

// Claim leases up to max stories. The request carries a fresh request id,
// so a retry after a lost answer gets the same stories back rather than
// leasing more (on servers whose store supports it).
func (c *Client) Claim(ctx context.Context, max int) ([]Story, error) {
	var res ClaimResponse
	err := c.do(ctx, http.MethodPost, "/api/v1/claims", ClaimRequest{Max: max, RequestID: uuid.NewString()}, &res, true)
	return res.Stories, err
}

// Renew extends leases.
func (c *Client) Renew(ctx context.Context, leaseIDs []string) ([]LeaseResult, error) {
	var res LeaseResponse
	err := c.do(ctx, http.MethodPost, "/api/v1/claims/renew", LeaseRequest{LeaseIDs: leaseIDs}, &res, true)
	return res.Leases, err
}

// Release gives leases back.
func (c *Client) Release(ctx context.Context, leaseIDs []string) ([]LeaseResult, error) {
	var res LeaseResponse
	err := c.do(ctx, http.MethodPost, "/api/v1/claims/release", LeaseRequest{LeaseIDs: leaseIDs}, &res, true)
	return res.Leases, err
}

// PushDecisions sends a batch; the server answers per decision, in order.
// Retrying is safe: decision ids are idempotency keys.
func (c *Client) PushDecisions(ctx context.Context, ds []Decision) ([]DecisionResult, error) {
	var res DecisionsResponse
	if err := c.do(ctx, http.MethodPost, "/api/v1/decisions", ds, &res, true); err != nil {
		return nil, err
	}
	if len(res.Results) != len(ds) {
		return nil, moderation.Errorf(moderation.EINTERNAL, "push: %d results for %d decisions", len(res.Results), len(ds))
	}
	for i, r := range res.Results {
		if r.ID != ds[i].ID {
			return nil, moderation.Errorf(moderation.EINTERNAL, "push: result %d is for %s, want %s", i, r.ID, ds[i].ID)
		}
	}
	return res.Results, nil
}

// History reads one page of the decision feed (supervisors and admins).
func (c *Client) History(ctx context.Context, after, moderator, action string, limit int) (*HistoryPage, error) {
	q := url.Values{}
	for k, v := range map[string]string{"after": after, "moderator": moderator, "action": action} {
		if v != "" {
			q.Set(k, v)
		}
	}
	if limit > 0 {
		q.Set("limit", fmt.Sprint(limit))
	}
	var page HistoryPage
	err := c.do(ctx, http.MethodGet, "/api/v1/decisions?"+q.Encode(), nil, &page, true)
	return &page, err
}

// Story reads one story with its decisions (supervisors and admins).
func (c *Client) Story(ctx context.Context, id string) (*StoryDetail, error) {
	var d StoryDetail
	err := c.do(ctx, http.MethodGet, "/api/v1/stories/"+url.PathEscape(id), nil, &d, true)
	return &d, err
}

// AddStories ingests pending stories (admins).
func (c *Client) AddStories(ctx context.Context, stories []Story) (int, error) {
	var res IngestResponse
	err := c.do(ctx, http.MethodPost, "/api/v1/stories", stories, &res, false)
	return res.Added, err
}

// APIError is an error answer from the server.
type APIError struct {
	Status int
	Detail ErrorDetail
}

func (e *APIError) Error() string {
	return fmt.Sprintf("server answered %d %s: %s", e.Status, e.Detail.Code, e.Detail.Message)
}

// Unwrap gives the moderation error code, so moderation.ErrorCode works.
func (e *APIError) Unwrap() error {
	code := e.Detail.Code
	if code == "" {
		code = moderation.EINTERNAL
	}
	return &moderation.Error{Code: code, Field: e.Detail.Field, Message: e.Detail.Message}
}

// retryable reports whether a failed try may be repeated.
func retryable(err error) bool {
	var ae *APIError
	if errors.As(err, &ae) {
		return ae.Status >= 500
	}
	var me *moderation.Error
	if errors.As(err, &me) {
		return false // our own refusal (bad URL), not the network
	}
	return !errors.Is(err, context.Canceled) && !errors.Is(err, context.DeadlineExceeded)
}

// do sends one request, retrying network errors and 5xx answers with
// backoff when idempotent is true. A request that never got an answer
// ends in an EUNAVAILABLE error.
func (c *Client) do(ctx context.Context, method, path string, in, out any, idempotent bool) error {
	var body []byte
	if in != nil {
		var err error
		if body, err = json.Marshal(in); err != nil {
			return fmt.Errorf("%s %s: %w", method, path, err)
		}
	}
	var last error
	arrived := false // whether some attempt may have reached the server
	for n := 0; n < c.Backoff.attempts(); n++ {
		if n > 0 {
			if err := c.Backoff.sleep(ctx, c.Backoff.Delay(n-1)); err != nil {
				return unavailable(method, path, err, arrived)
			}
		}
		last = c.once(ctx, method, path, body, out)
		if last == nil {
			return nil
		}
		arrived = arrived || mayHaveArrived(last)
		if !retryable(last) || !idempotent || ctx.Err() != nil {
			break
		}
	}
	var ae *APIError
	var me *moderation.Error
	if (errors.As(last, &ae) && ae.Status < 500) || (ae == nil && errors.As(last, &me)) {
		return fmt.Errorf("%s %s: %w", method, path, last)
	}
	return unavailable(method, path, last, arrived)
}

// ErrNoAnswer is wrapped in the error of a request that got no answer
// although it may have reached the server (the connection dropped after
// it was sent, a timeout, a 5xx answer from a proxy): the server may have
// acted on it. A request that could not connect at all does not carry it.
var ErrNoAnswer = errors.New("no answer, though the request may have reached the server")

func unavailable(method, path string, err error, arrived bool) error {
	e := &moderation.Error{Code: moderation.EUNAVAILABLE, Message: "queue server unavailable"}
	if arrived {
		return fmt.Errorf("%s %s: %w: %w: %w", method, path, e, ErrNoAnswer, err)
	}
	return fmt.Errorf("%s %s: %w: %w", method, path, e, err)
}

// mayHaveArrived reports whether a failed attempt may have reached the
// server: anything but a failure to connect or a request refused before
// it was sent.
func mayHaveArrived(err error) bool {
	var oe *net.OpError
	if errors.As(err, &oe) && oe.Op == "dial" {
		return false
	}
	var me *moderation.Error
	var ae *APIError
	return !errors.As(err, &me) || errors.As(err, &ae)
}

func (c *Client) once(ctx context.Context, method, path string, body []byte, out any) error {
	var rd io.Reader
	if body != nil {
		rd = bytes.NewReader(body)
	}
	req, err := http.NewRequestWithContext(ctx, method, strings.TrimRight(c.BaseURL, "/")+path, rd)
	if err != nil {
		return moderation.Errorf(moderation.EINVALID, "server URL: %v", err)
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if strings.ContainsAny(c.Token, "\r\n") {
		return moderation.Errorf(moderation.EINVALID, "token holds a line break")
	}
	req.Header.Set("Authorization", "Bearer "+c.Token)
	hc := c.HTTP
	if hc == nil {
		hc = defaultHTTP
	}
	resp, err := hc.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(io.LimitReader(resp.Body, 64<<20))
	if err != nil {
		return err
	}
	if resp.StatusCode != http.StatusOK {
		var eb ErrorBody
		if json.Unmarshal(data, &eb) != nil || eb.Error.Code == "" {
			eb.Error = ErrorDetail{Code: codeFor(resp.StatusCode), Message: http.StatusText(resp.StatusCode)}
		}
		return &APIError{Status: resp.StatusCode, Detail: eb.Error}
	}
	if err := json.Unmarshal(data, out); err != nil {
		// a cut-off answer (server died mid-write) is a network failure
		return fmt.Errorf("decode answer: %w", err)
	}
	return nil
}

func codeFor(status int) string {
	switch status {
	case http.StatusBadRequest, http.StatusRequestEntityTooLarge:
		return moderation.EINVALID
	case http.StatusUnauthorized:
		return moderation.EUNAUTHORIZED
	case http.StatusForbidden:
		return moderation.EFORBIDDEN
	case http.StatusNotFound:
		return moderation.ENOTFOUND
	case http.StatusConflict:
		return moderation.ECONFLICT
	}
	if status >= 500 {
		return moderation.EUNAVAILABLE
	}
	return moderation.EINTERNAL
}

// maxRequestTime bounds how long one call through do can take: every
// attempt running into the HTTP timeout plus the longest backoff between
// them. A client without a timeout counts 10 minutes per attempt.
func (c *Client) maxRequestTime() time.Duration {
	per := defaultHTTP.Timeout
	if c.HTTP != nil {
		per = c.HTTP.Timeout
	}
	if per <= 0 {
		per = 10 * time.Minute
	}
	max := c.Backoff.Max
	if max <= 0 {
		max = 10 * time.Second
	}
	n := time.Duration(c.Backoff.attempts())
	return n*per + (n-1)*max
}
