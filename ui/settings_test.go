package ui

import (
	"context"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"github.com/storydesk/storydesk/moderation"
)

// memSettings keeps settings in memory; cmd/storydesk's real store is
// tested in cmd/storydesk (files, modes).
type memSettings struct {
	s     Settings
	saved []Settings
}

func (m *memSettings) Load() (Settings, error) { return m.s, nil }
func (m *memSettings) Save(_ context.Context, s Settings) error {
	if s.ServerURL != "" && !strings.HasPrefix(s.ServerURL, "https://") {
		return moderation.Invalidf("server", "want https")
	}
	m.saved = append(m.saved, s)
	m.s = Settings{ServerURL: s.ServerURL, TokenSet: m.s.TokenSet || s.Token != "", AIBaseURL: s.AIBaseURL, AIModel: s.AIModel}
	return nil
}
func (m *memSettings) DescribeAI(s Settings) string {
	if s.AIBaseURL == "" || s.AIModel == "" {
		return "AI suggestions are off. Nothing is sent."
	}
	return "sent to " + s.AIBaseURL
}

// TestSettingsDialog: the dialog shows what is sent where as the fields
// change, keeps secrets write-only, stays open on an invalid value and
// saves a valid one.
func TestSettingsDialog(t *testing.T) {
	h := newHarness(t)
	ms := &memSettings{s: Settings{TokenSet: true}}
	h.w.cfg.Settings = ms
	h.w.ShowSettings()
	f := h.w.settings
	if f == nil {
		t.Fatal("no settings dialog")
	}
	if f.token.Text != "" || !strings.HasPrefix(f.token.PlaceHolder, "saved") {
		t.Errorf("token field: got %q / %q, want empty with a 'saved' hint", f.token.Text, f.token.PlaceHolder)
	}
	if got := f.describe.Text; got != "AI suggestions are off. Nothing is sent." {
		t.Errorf("describe before: got %q", got)
	}
	test.Type(f.aiURL, "http://127.0.0.1:8080/v1")
	test.Type(f.aiModel, "llama3.1:8b")
	if got := f.describe.Text; got != "sent to http://127.0.0.1:8080/v1" {
		t.Errorf("describe after typing: got %q", got)
	}
	test.Type(f.server, "http://queue.example.org")
	test.Type(f.token, "sdk_secret")
	test.Tap(f.save)
	if len(ms.saved) != 0 || h.w.settings == nil || !strings.Contains(f.errText.Text, "want https") {
		t.Fatalf("invalid URL: saved %d, dialog open %v, error %q; want nothing saved, open, the error", len(ms.saved), h.w.settings != nil, f.errText.Text)
	}
	f.server.SetText("https://queue.example.org")
	test.Tap(f.save)
	if len(ms.saved) != 1 || h.w.settings != nil {
		t.Fatalf("valid settings: saved %d, dialog open %v; want 1, closed", len(ms.saved), h.w.settings != nil)
	}
	got := ms.saved[0]
	if got.ServerURL != "https://queue.example.org" || got.Token != "sdk_secret" || got.AIModel != "llama3.1:8b" {
		t.Errorf("saved: got %+v", got)
	}
	if strings.Contains(h.w.StatusBar().Message(), "sdk_secret") {
		t.Error("the token shows in the status bar")
	}
}
