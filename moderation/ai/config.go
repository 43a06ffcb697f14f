package ai

import (
	"fmt"
	"log/slog"
	"net"
	"net/url"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/storydesk/storydesk/moderation"
)

// Environment variables read by ConfigFromEnv.
const (
	EnvBaseURL       = "STORYDESK_AI_BASE_URL"
	EnvModel         = "STORYDESK_AI_MODEL"
	EnvAPIKey        = "STORYDESK_AI_API_KEY"
	EnvTimeout       = "STORYDESK_AI_TIMEOUT"        // Go duration, e.g. "45s"
	EnvMaxConcurrent = "STORYDESK_AI_MAX_CONCURRENT" // positive integer
	EnvJSONSchema    = "STORYDESK_AI_JSON_SCHEMA"    // "off" starts in plain JSON mode
)

// Defaults applied by New to zero fields.
const (
	DefaultTimeout       = 60 * time.Second // local models on CPUs are slow
	DefaultMaxConcurrent = 2
)

// Config says which OpenAI-compatible server to ask. The zero Config is
// disabled: suggestions are off until BaseURL and Model are set.
type Config struct {
	// BaseURL of the OpenAI-compatible API, e.g. "http://10.0.0.5:8080/v1".
	// A URL with no path gets "/v1" appended.
	BaseURL string
	// Model name as the server knows it ("llama3.1:8b", "gpt-4o-mini").
	Model string
	// APIKey is sent as a bearer token; servers on the organisation's own
	// machines often need none.
	APIKey string
	// Timeout bounds one request to the server (DefaultTimeout if zero).
	Timeout time.Duration
	// MaxConcurrent bounds requests in flight (DefaultMaxConcurrent if zero).
	MaxConcurrent int
	// UseJSONSchema asks for structured output (response_format json_schema)
	// first; the suggester falls back to plain JSON instructions on its own
	// when the server rejects it. False starts in plain JSON mode.
	UseJSONSchema bool
}

// ConfigFromEnv reads the STORYDESK_AI_* variables. Unset variables leave
// the suggester off; a malformed value gives an EINVALID error naming the
// variable.
func ConfigFromEnv() (Config, error) {
	c := Config{
		BaseURL:       strings.TrimSpace(os.Getenv(EnvBaseURL)),
		Model:         strings.TrimSpace(os.Getenv(EnvModel)),
		APIKey:        strings.TrimSpace(os.Getenv(EnvAPIKey)),
		UseJSONSchema: true,
	}
	if v := strings.TrimSpace(os.Getenv(EnvTimeout)); v != "" {
		d, err := time.ParseDuration(v)
		if err != nil || d <= 0 {
			return Config{}, moderation.Invalidf(EnvTimeout, "want a positive duration such as 45s, got %q", v)
		}
		c.Timeout = d
	}
	if v := strings.TrimSpace(os.Getenv(EnvMaxConcurrent)); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n <= 0 {
			return Config{}, moderation.Invalidf(EnvMaxConcurrent, "want a positive integer, got %q", v)
		}
		c.MaxConcurrent = n
	}
	if v := strings.TrimSpace(os.Getenv(EnvJSONSchema)); v != "" {
		on, err := parseSwitch(v)
		if err != nil {
			return Config{}, moderation.Invalidf(EnvJSONSchema, "want on or off, got %q", v)
		}
		c.UseJSONSchema = on
	}
	return c, nil
}

func parseSwitch(v string) (bool, error) {
	switch strings.ToLower(v) {
	case "1", "on", "true", "yes":
		return true, nil
	case "0", "off", "false", "no":
		return false, nil
	}
	return false, fmt.Errorf("not a switch")
}

// Enabled reports whether suggestions are configured: a base URL and a model.
func (c Config) Enabled() bool {
	return strings.TrimSpace(c.BaseURL) != "" && strings.TrimSpace(c.Model) != ""
}

// endpoint parses BaseURL, appending /v1 when it has no path.
func (c Config) endpoint() (*url.URL, error) {
	u, err := url.Parse(strings.TrimSpace(c.BaseURL))
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, moderation.Invalidf("BaseURL", "want an http or https URL such as http://127.0.0.1:8080/v1")
	}
	if u.User != nil {
		return nil, moderation.Invalidf("BaseURL", "put the API key in the API key setting, not in the URL")
	}
	if u.Path == "" || u.Path == "/" {
		u.Path = "/v1"
	}
	u.Path = strings.TrimRight(u.Path, "/")
	return u, nil
}

// Describe says plainly what is sent where, for the settings screen.
func (c Config) Describe() string {
	if !c.Enabled() {
		return "AI suggestions are off. Nothing is sent."
	}
	u, err := c.endpoint()
	if err != nil {
		return "AI suggestions are off: the server address is not a valid http or https URL. Nothing is sent."
	}
	s := fmt.Sprintf("Story text with identifiers masked is sent to %s (model %s). Nothing else.", u.Host, strings.TrimSpace(c.Model))
	if u.Scheme == "http" && !loopback(u.Hostname()) {
		s += " The connection is not encrypted (http)."
	}
	return s
}

func loopback(host string) bool {
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// LogValue keeps the API key out of logs even when a whole Config is logged.
func (c Config) LogValue() slog.Value {
	host := ""
	if u, err := c.endpoint(); err == nil {
		host = u.Host
	}
	return slog.GroupValue(
		slog.String("host", host),
		slog.String("model", c.Model),
		slog.Bool("api_key_set", c.APIKey != ""),
		slog.Duration("timeout", c.Timeout),
		slog.Int("max_concurrent", c.MaxConcurrent),
		slog.Bool("json_schema", c.UseJSONSchema),
	)
}

// String hides the API key from fmt as well.
func (c Config) String() string {
	return fmt.Sprintf("ai.Config{BaseURL:%q Model:%q APIKey set:%t}", c.BaseURL, c.Model, c.APIKey != "")
}
