package ui

import (
	"context"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// Settings are the queue server and AI settings the moderator can change.
// Secrets are write-only: Load never returns the token or the API key,
// only whether one is saved.
type Settings struct {
	ServerURL  string
	Token      string // a new token; "" keeps the saved one
	TokenSet   bool   // a token is saved
	ClearToken bool   // remove the saved token

	AIBaseURL  string
	AIModel    string
	AIKey      string // a new API key; "" keeps the saved one
	AIKeySet   bool   // an API key is saved
	ClearAIKey bool   // remove the saved API key

	// Where says where the settings and secrets are kept, for the dialog.
	Where string
}

// SettingsStore loads and saves Settings; cmd/storydesk keeps them in the
// user's config directory (secrets in 0600 files) and applies them to the
// sync and AI clients on Save.
type SettingsStore interface {
	Load() (Settings, error)
	// Save checks, stores and applies s; an EINVALID error names the field.
	Save(ctx context.Context, s Settings) error
	// DescribeAI says plainly what would be sent where with s.
	DescribeAI(s Settings) string
}

// settingsForm is the open Settings dialog, kept for tests.
type settingsForm struct {
	d                    dialog.Dialog
	server, token, aiURL *widget.Entry
	aiModel, aiKey       *widget.Entry
	clearToken, clearKey *widget.Check
	describe, errText    *widget.Label
	save, cancel         *widget.Button
	base                 Settings
}

// ShowSettings opens the Settings dialog: queue server URL and token, AI
// base URL, model and API key, and one sentence saying what is sent where.
func (w *Window) ShowSettings() {
	if w.cfg.Settings == nil {
		return
	}
	cur, err := w.cfg.Settings.Load()
	if err != nil {
		w.fail("settings", err)
		return
	}
	f := &settingsForm{base: cur}
	w.settings = f
	f.server = widget.NewEntry()
	f.server.SetPlaceHolder("https://queue.example.org (empty: local only)")
	f.server.SetText(cur.ServerURL)
	f.token = widget.NewPasswordEntry()
	f.token.SetPlaceHolder(secretHint(cur.TokenSet, "token"))
	f.clearToken = widget.NewCheck("Remove the saved token", nil)
	if !cur.TokenSet {
		f.clearToken.Disable()
	}
	f.aiURL = widget.NewEntry()
	f.aiURL.SetPlaceHolder("http://gpu01.trust.local:8080/v1 (empty: AI off)")
	f.aiURL.SetText(cur.AIBaseURL)
	f.aiModel = widget.NewEntry()
	f.aiModel.SetPlaceHolder("llama3.1:8b")
	f.aiModel.SetText(cur.AIModel)
	f.aiKey = widget.NewPasswordEntry()
	f.aiKey.SetPlaceHolder(secretHint(cur.AIKeySet, "API key"))
	f.clearKey = widget.NewCheck("Remove the saved API key", nil)
	if !cur.AIKeySet {
		f.clearKey.Disable()
	}
	f.describe = widget.NewLabel("")
	f.describe.Wrapping = fyne.TextWrapWord
	f.describe.TextStyle.Bold = true
	f.errText = widget.NewLabel("")
	f.errText.Wrapping = fyne.TextWrapWord
	f.errText.Importance = widget.DangerImportance
	update := func(string) { f.describe.SetText(w.cfg.Settings.DescribeAI(f.settings())) }
	f.aiURL.OnChanged, f.aiModel.OnChanged = update, update
	update("")

	where := widget.NewLabel(cur.Where)
	where.Wrapping = fyne.TextWrapWord
	where.SizeName = theme.SizeNameCaptionText
	form := widget.NewForm(
		widget.NewFormItem("Server URL", f.server),
		widget.NewFormItem("Token", f.token),
		widget.NewFormItem("", f.clearToken),
		widget.NewFormItem("AI base URL", f.aiURL),
		widget.NewFormItem("AI model", f.aiModel),
		widget.NewFormItem("AI API key", f.aiKey),
		widget.NewFormItem("", f.clearKey),
	)
	f.save = widget.NewButton("Save", func() { w.saveSettings() })
	f.save.Importance = widget.HighImportance
	f.cancel = widget.NewButton("Cancel", func() { f.d.Hide(); w.settings = nil })
	note := widget.NewLabel("Without a queue server StoryDesk works on the local queue only. " +
		"Without an AI base URL and model, AI suggestions are off and nothing is sent.")
	note.Wrapping = fyne.TextWrapWord
	content := container.NewBorder(nil,
		container.NewVBox(f.errText, container.NewHBox(layout.NewSpacer(), f.cancel, f.save)), nil, nil,
		container.NewVScroll(container.NewVBox(note, form, f.describe, where)))
	f.d = dialog.NewCustomWithoutButtons("Settings", content, w.win)
	f.d.Resize(fyne.NewSize(640, 620))
	f.d.Show()
}

func secretHint(set bool, what string) string {
	if set {
		return "saved — type a new " + what + " to replace it"
	}
	return "none saved"
}

// settings returns the form's values.
func (f *settingsForm) settings() Settings {
	s := f.base
	s.ServerURL = f.server.Text
	s.Token = f.token.Text
	s.ClearToken = f.clearToken.Checked
	s.AIBaseURL = f.aiURL.Text
	s.AIModel = f.aiModel.Text
	s.AIKey = f.aiKey.Text
	s.ClearAIKey = f.clearKey.Checked
	return s
}

// saveSettings saves the open form; the dialog stays open on an error.
func (w *Window) saveSettings() {
	f := w.settings
	if f == nil {
		return
	}
	ctx, cancel := w.call()
	defer cancel()
	if err := w.cfg.Settings.Save(ctx, f.settings()); err != nil {
		f.errText.SetText("Not saved: " + err.Error())
		return
	}
	f.d.Hide()
	w.settings = nil
	w.status.SetMessage("Settings saved.")
	w.event("settings-saved")
	w.showSyncState()
	w.refreshSuggestions()
	if w.cfg.Sync != nil && w.cfg.Sync.Configured() {
		w.SyncNow()
	}
}
