package ai

import (
	"strings"
	"testing"
	"time"

	"github.com/storydesk/storydesk/moderation"
)

func TestConfigFromEnv(t *testing.T) {
	tests := []struct {
		name      string
		env       map[string]string
		want      Config
		wantField string // EINVALID field, "" for success
	}{
		{"nothing set is off", nil, Config{UseJSONSchema: true}, ""},
		{"all set", map[string]string{
			EnvBaseURL: " http://10.1.2.3:8080/v1 ", EnvModel: "llama3.1:8b", EnvAPIKey: "k",
			EnvTimeout: "45s", EnvMaxConcurrent: "3", EnvJSONSchema: "off",
		}, Config{BaseURL: "http://10.1.2.3:8080/v1", Model: "llama3.1:8b", APIKey: "k", Timeout: 45 * time.Second, MaxConcurrent: 3}, ""},
		{"bad timeout", map[string]string{EnvTimeout: "soon"}, Config{}, EnvTimeout},
		{"negative timeout", map[string]string{EnvTimeout: "-1s"}, Config{}, EnvTimeout},
		{"bad concurrency", map[string]string{EnvMaxConcurrent: "0"}, Config{}, EnvMaxConcurrent},
		{"bad schema switch", map[string]string{EnvJSONSchema: "maybe"}, Config{}, EnvJSONSchema},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, k := range []string{EnvBaseURL, EnvModel, EnvAPIKey, EnvTimeout, EnvMaxConcurrent, EnvJSONSchema} {
				t.Setenv(k, tt.env[k])
			}
			got, err := ConfigFromEnv()
			if tt.wantField != "" {
				if moderation.ErrorCode(err) != moderation.EINVALID || moderation.ErrorField(err) != tt.wantField {
					t.Errorf("err = %v; want EINVALID naming %s", err, tt.wantField)
				}
				return
			}
			if err != nil || got != tt.want {
				t.Errorf("ConfigFromEnv() = %+v, %v; want %+v", got, err, tt.want)
			}
		})
	}
}

func TestConfigDescribe(t *testing.T) {
	tests := []struct {
		cfg     Config
		enabled bool
		want    string
	}{
		{Config{}, false, "AI suggestions are off. Nothing is sent."},
		{Config{BaseURL: "http://127.0.0.1:8080/v1"}, false, "AI suggestions are off. Nothing is sent."},
		{Config{BaseURL: "https://api.openai.com/v1", Model: "gpt-4o-mini", APIKey: "sk-x"}, true,
			"Story text with identifiers masked is sent to api.openai.com (model gpt-4o-mini). Nothing else."},
		{Config{BaseURL: "http://localhost:11434", Model: "llama3.1"}, true,
			"Story text with identifiers masked is sent to localhost:11434 (model llama3.1). Nothing else."},
		{Config{BaseURL: "http://gpu01.trust.local:8000/v1", Model: "qwen"}, true,
			"Story text with identifiers masked is sent to gpu01.trust.local:8000 (model qwen). Nothing else. The connection is not encrypted (http)."},
		{Config{BaseURL: "ftp://x", Model: "m"}, true,
			"AI suggestions are off: the server address is not a valid http or https URL. Nothing is sent."},
	}
	for _, tt := range tests {
		if got := tt.cfg.Enabled(); got != tt.enabled {
			t.Errorf("%+v.Enabled() = %t; want %t", tt.cfg, got, tt.enabled)
		}
		if got := tt.cfg.Describe(); got != tt.want {
			t.Errorf("Describe() = %q; want %q", got, tt.want)
		}
		if strings.Contains(tt.cfg.String(), "sk-x") {
			t.Errorf("String() = %q; want the key hidden", tt.cfg.String())
		}
	}
}

func TestNewRejectsBadConfig(t *testing.T) {
	tests := []struct {
		name string
		cfg  Config
	}{
		{"off", Config{}},
		{"no model", Config{BaseURL: "http://127.0.0.1:1/v1"}},
		{"not http", Config{BaseURL: "ftp://127.0.0.1/v1", Model: "m"}},
		{"no host", Config{BaseURL: "http:///v1", Model: "m"}},
		{"key in URL", Config{BaseURL: "https://user:secret@example.com/v1", Model: "m"}},
		{"negative timeout", Config{BaseURL: "http://127.0.0.1:1/v1", Model: "m", Timeout: -time.Second}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := New(tt.cfg, nil)
			if s != nil || moderation.ErrorCode(err) != moderation.EINVALID {
				t.Errorf("New = %v, %v; want nil, EINVALID", s, err)
			}
			if err != nil && strings.Contains(err.Error(), "secret") {
				t.Errorf("error %q repeats the URL's secret", err)
			}
		})
	}
}

func TestEndpoint(t *testing.T) {
	tests := []struct{ in, want string }{
		{"http://127.0.0.1:8080", "http://127.0.0.1:8080/v1"},
		{"http://127.0.0.1:8080/", "http://127.0.0.1:8080/v1"},
		{"http://127.0.0.1:8080/v1/", "http://127.0.0.1:8080/v1"},
		{"https://gateway.example.org/openai/v1", "https://gateway.example.org/openai/v1"},
	}
	for _, tt := range tests {
		u, err := Config{BaseURL: tt.in, Model: "m"}.endpoint()
		if err != nil || u.String() != tt.want {
			t.Errorf("endpoint(%q) = %v, %v; want %q", tt.in, u, err, tt.want)
		}
	}
}
