package ui

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"slices"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/storydesk/storydesk/moderation"
)

// Config is everything the review window needs; cmd/storydesk fills it.
type Config struct {
	Store     Store
	Moderator string              // recorded on decisions
	Now       func() time.Time    // nil means time.Now
	NewID     func() string       // decision ids; nil means random UUIDs
	Logger    *slog.Logger        // nil discards
	Events    io.Writer           // optional: "EVENT name key=value" lines (ids only) for smoke tests
	Timeout   time.Duration       // per store call; 0 means 10 s
	OnQuit    func()              // optional: called when the window closes
	Extra     []fyne.CanvasObject // optional: more widgets for the status bar's right side
	OpenID    moderation.StoryID  // optional: open this pending story first
	NoUndo    bool                // decisions cannot be taken back (training): no Undo button, Ctrl+Z or hints

	// Optional: queue server sync, conflicts, AI suggestions and the
	// Settings dialog (sync.go, conflicts.go, suggest.go, settings.go).
	Sync      Syncer
	Conflicts Conflicts
	Suggester Suggester
	Settings  SettingsStore
}

// Window is the review window: the queue on the left; the story with its
// highlights, the published preview, the span list and the decision bar
// on the right; the status bar at the bottom.
type Window struct {
	win fyne.Window
	ctx context.Context
	cfg Config
	log *slog.Logger

	tab   Tab
	items []moderation.QueueItem
	cur   int               // index in items of the open story, -1 for none
	story *moderation.Story // the open story, nil for none
	spans []moderation.Span // the open story's spans, shared with both views

	tabs        [3]*widget.Button
	search      *escEntry
	list        *widget.List
	title       *widget.Label
	meta        *widget.Label
	banner      *fyne.Container
	bannerBg    *canvas.Rectangle
	bannerText  *widget.Label
	view        *StoryView
	viewScroll  *container.Scroll
	preview     *StoryView
	spanBox     *fyne.Container
	spanChecks  []*widget.Check
	kind        *widget.Select
	redactText  *escEntry
	redactAll   *widget.Button
	redactSel   *widget.Button
	suggest     *widget.Label
	reason      *widget.Select
	reasonRow   *fyne.Container
	approve     *widget.Button
	approveRed  *widget.Button
	reject      *widget.Button
	escalate    *widget.Button
	hold        *widget.Button
	undo        *widget.Button
	help        *widget.Button
	guard       *widget.Label
	status      *StatusBar
	dlg         *decisionDialog
	syncing     bool // true while checks are set from code, so OnChanged ignores it
	reasonAuto  bool // the redaction reason follows the spans until the moderator picks one
	emptyNotice *widget.Label

	net      *syncPanel    // nil without Sync, Conflicts and Settings
	ai       *aiPanel      // nil without a Suggester
	settings *settingsForm // the open Settings dialog
}

// New builds the review window's content in win, wires the keyboard and
// opens the first pending story. ctx is cancelled when the app quits; it
// bounds every store call.
func New(ctx context.Context, win fyne.Window, cfg Config) *Window {
	log := fillDefaults(&cfg.Now, &cfg.NewID, &cfg.Timeout, cfg.Logger)
	w := &Window{win: win, ctx: ctx, cfg: cfg, log: log, cur: -1}
	w.initSync()
	w.initAI()
	w.build()
	w.status.SetMessage("Keys: J / K next / previous story · A approve · R reject · E escalate · H hold · ] [ point at highlights · ? all keys")
	w.syncStarted()
	w.bindKeys()
	w.Reload()
	if i := w.indexOf(cfg.OpenID); i >= 0 {
		w.Open(i)
	} else if len(w.items) > 0 {
		w.Open(0)
	}
	return w
}

// StatusBar returns the status bar, for the sync engine's SetSync.
func (w *Window) StatusBar() *StatusBar { return w.status }

// Current returns the open story's id ("" for none).
func (w *Window) Current() moderation.StoryID {
	if w.story == nil {
		return ""
	}
	return w.story.ID
}

func (w *Window) event(name string, kv ...any) {
	if w.cfg.Events == nil {
		return
	}
	var b strings.Builder
	b.WriteString("EVENT " + name)
	for i := 0; i+1 < len(kv); i += 2 {
		fmt.Fprintf(&b, " %v=%v", kv[i], kv[i+1])
	}
	fmt.Fprintln(w.cfg.Events, b.String())
}

func (w *Window) call() (context.Context, context.CancelFunc) {
	return context.WithTimeout(w.ctx, w.cfg.Timeout)
}

func (w *Window) fail(op string, err error) {
	w.log.Error(op, "code", moderation.ErrorCode(err), "err", err)
	w.status.SetMessage(op + ": " + err.Error())
}

func (w *Window) build() {
	c := w.win.Canvas()
	w.status = newStatusBar()

	// left: tabs, search, queue
	for i, t := range Tabs {
		w.tabs[i] = widget.NewButton(t.Label(), func() { w.win.Canvas().Unfocus(); w.SetTab(t) })
	}
	w.search = newEscEntry(c, "Search title, service or id")
	w.search.OnChanged = func(string) { w.Reload(); w.openFirstIfNone() }
	w.list = widget.NewList(
		func() int { return len(w.items) },
		newQueueRow,
		func(id widget.ListItemID, o fyne.CanvasObject) {
			if id < len(w.items) {
				updateQueueRow(o, w.items[id], w.cfg.Now())
			}
		})
	w.list.OnSelected = func(id widget.ListItemID) {
		if id != w.cur {
			w.Open(id)
		}
	}
	left := container.NewBorder(
		container.NewVBox(container.NewGridWithColumns(3, w.tabs[0], w.tabs[1], w.tabs[2]), w.search),
		nil, nil, nil, w.list)

	// centre: header, story, preview
	w.title = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	w.title.Wrapping = fyne.TextWrapWord
	w.title.SizeName = theme.SizeNameSubHeadingText
	w.meta = widget.NewLabel("")
	w.meta.Wrapping = fyne.TextWrapWord
	w.bannerText = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	w.bannerText.Wrapping = fyne.TextWrapWord
	w.bannerBg = canvas.NewRectangle(GroupColor(moderation.SafeguardingGrp, 0x50))
	w.bannerBg.CornerRadius = 4
	w.banner = container.NewStack(w.bannerBg, w.bannerText)
	w.banner.Hide()
	w.view = NewStoryView()
	w.view.OnToggle = func(i int) { w.spanChanged(i, w.view) }
	w.view.OnSelect = func(a, b int) { w.updateRedactButtons() }
	w.viewScroll = container.NewVScroll(w.storyLayer())
	w.preview = NewPublishedView()
	w.preview.OnToggle = func(i int) { w.spanChanged(i, w.preview) }
	w.emptyNotice = widget.NewLabel("No story open. Pick one from the queue, or press J.")
	w.emptyNotice.Hide()
	storyBox := container.NewBorder(container.NewVBox(w.title, w.meta, w.banner, w.emptyNotice, w.aiBar()), nil, nil, nil, w.viewScroll)
	previewBox := container.NewBorder(heading("Published text preview"), nil, nil, nil, container.NewVScroll(w.preview))
	centre := container.NewVSplit(storyBox, previewBox)
	centre.Offset = 0.66

	// right: legend, span list, add redaction
	legend := container.NewVBox(
		heading("Highlights"),
		container.NewHBox(
			swatch(moderation.Identifying, "Identifying"),
			swatch(moderation.AbuseGroup, "Abuse"),
			swatch(moderation.SafeguardingGrp, "Safeguarding")),
		widget.NewLabel("Struck through = removed when published.\nUnderlined = kept, faint if unsure. Click to switch."),
	)
	w.spanBox = container.NewVBox()
	var kinds []string
	for _, k := range moderation.Kinds {
		kinds = append(kinds, k.Label())
	}
	w.kind = widget.NewSelect(kinds, nil)
	w.kind.SetSelected(moderation.Person.Label())
	w.redactText = newEscEntry(c, "Words to remove (every match)")
	w.redactText.OnChanged = func(string) { w.updateRedactButtons() }
	w.redactText.OnSubmitted = func(string) { w.RedactText() }
	w.redactAll = widget.NewButton("Redact matches", func() { w.win.Canvas().Unfocus(); w.RedactText() })
	w.redactSel = widget.NewButton("Redact selection (X)", func() { w.win.Canvas().Unfocus(); w.RedactSelection() })
	addBox := container.NewVBox(
		heading("Add a redaction"),
		widget.NewLabel("Click words in the story (Shift+click to extend),\nor type the words here:"),
		w.redactText,
		container.NewBorder(nil, nil, widget.NewLabel("Kind"), nil, w.kind),
		container.NewGridWithColumns(2, w.redactAll, w.redactSel),
	)
	side := container.NewBorder(legend, addBox, nil, nil, container.NewVScroll(w.spanBox))

	// decision bar
	w.suggest = widget.NewLabel("")
	w.suggest.Wrapping = fyne.TextWrapWord
	w.reason = widget.NewSelect(nil, func(string) {
		if !w.syncing {
			w.reasonAuto = false
			w.updateBar()
		}
	})
	w.approve = widget.NewButtonWithIcon("Approve (A)", theme.ConfirmIcon(), func() { w.win.Canvas().Unfocus(); w.Approve() })
	w.approveRed = widget.NewButtonWithIcon("Approve with redactions (A)", theme.ConfirmIcon(), func() { w.win.Canvas().Unfocus(); w.Approve() })
	w.reject = widget.NewButtonWithIcon("Reject… (R)", theme.CancelIcon(), func() { w.win.Canvas().Unfocus(); w.OpenDecision(moderation.Reject) })
	w.escalate = widget.NewButtonWithIcon("Escalate… (E)", theme.WarningIcon(), func() { w.win.Canvas().Unfocus(); w.OpenDecision(moderation.Escalate) })
	w.hold = widget.NewButtonWithIcon("Hold… (H)", theme.HistoryIcon(), func() { w.win.Canvas().Unfocus(); w.OpenDecision(moderation.Hold) })
	w.undo = widget.NewButtonWithIcon("Undo (Ctrl+Z)", theme.ContentUndoIcon(), func() { w.win.Canvas().Unfocus(); w.Undo() })
	w.help = widget.NewButton("Keys (?)", func() { w.win.Canvas().Unfocus(); w.CheatSheet() })
	w.reasonRow = container.NewHBox(widget.NewLabel("Reason for redactions"), container.NewGridWrap(fyne.NewSize(210, w.reason.MinSize().Height), w.reason))
	if w.cfg.NoUndo {
		w.undo.Hide()
	}
	w.guard = widget.NewLabel("")
	w.guard.Wrapping = fyne.TextWrapWord
	bar := container.NewVBox(
		widget.NewSeparator(),
		container.NewBorder(nil, nil, nil, w.reasonRow, w.suggest),
		container.NewHBox(w.approve, w.approveRed, w.reject, w.escalate, w.hold, layout.NewSpacer(), w.undo, w.help),
		w.guard,
	)

	main := container.NewHSplit(centre, side)
	main.Offset = 0.68
	right := container.NewBorder(nil, bar, nil, nil, main)
	split := container.NewHSplit(left, right)
	split.Offset = 0.26
	w.win.SetContent(container.NewBorder(nil, container.NewVBox(widget.NewSeparator(), w.status.lines(w.cfg.Extra)), nil, nil, split))
	w.showStory(nil)
}

// SetTab switches the queue list and opens its first story.
func (w *Window) SetTab(t Tab) {
	w.tab = t
	w.Reload()
	w.cur = -1
	w.list.UnselectAll()
	if len(w.items) > 0 {
		w.Open(0)
	} else {
		w.showStory(nil)
	}
}

// Reload re-reads the current tab and the counts.
func (w *Window) Reload() {
	for i, t := range Tabs {
		if t == w.tab {
			w.tabs[i].Importance = widget.HighImportance
		} else {
			w.tabs[i].Importance = widget.MediumImportance
		}
		w.tabs[i].Refresh()
	}
	ctx, cancel := w.call()
	defer cancel()
	items, err := w.cfg.Store.List(ctx, w.tab, strings.TrimSpace(w.search.Text))
	if err != nil {
		w.fail("load queue", err)
		return
	}
	w.items = items
	w.list.Refresh()
	w.refreshCounts()
}

func (w *Window) refreshCounts() {
	ctx, cancel := w.call()
	defer cancel()
	c, err := w.cfg.Store.Counts(ctx)
	if err != nil {
		w.fail("counts", err)
		return
	}
	w.status.SetCounts(c)
	w.tabs[0].SetText(fmt.Sprintf("Pending (%d)", c.Pending))
	w.tabs[1].SetText(fmt.Sprintf("Done (%d)", c.Done))
	w.tabs[2].SetText(fmt.Sprintf("Escalated (%d)", c.Escalated+c.Held))
}

func (w *Window) openFirstIfNone() {
	if w.story != nil {
		if i := w.indexOf(w.story.ID); i >= 0 {
			w.cur = i
			w.list.Select(i)
			return
		}
	}
	if len(w.items) > 0 {
		w.Open(0)
	} else {
		w.cur = -1
		w.showStory(nil)
	}
}

func (w *Window) indexOf(id moderation.StoryID) int {
	return slices.IndexFunc(w.items, func(it moderation.QueueItem) bool { return it.ID == id })
}

// Open shows the story at index i of the queue list.
func (w *Window) Open(i int) {
	if i < 0 || i >= len(w.items) {
		return
	}
	ctx, cancel := w.call()
	defer cancel()
	st, err := w.cfg.Store.Story(ctx, w.items[i].ID)
	if err != nil {
		w.fail("open story", err)
		return
	}
	w.cur = i
	w.list.Select(i)
	w.list.ScrollTo(i)
	w.showStory(st)
	w.event("story-opened", "id", st.ID, "spans", len(st.Spans))
}

// Next opens the next story in the list (J, Down).
func (w *Window) Next() {
	if w.cur+1 < len(w.items) {
		w.Open(w.cur + 1)
	}
}

// Prev opens the previous story in the list (K, Up).
func (w *Window) Prev() {
	if w.cur > 0 {
		w.Open(w.cur - 1)
	}
}

// showStory fills the story, preview, span list and decision bar; nil
// clears them.
func (w *Window) showStory(st *moderation.Story) {
	defer w.suggestShown()
	w.story = st
	if st == nil {
		w.spans = nil
		w.title.SetText("")
		w.meta.SetText("")
		w.banner.Hide()
		w.emptyNotice.Show()
		w.view.SetStory("", nil)
		w.preview.SetStory("", nil)
		w.rebuildSpanList()
		w.updateBar()
		return
	}
	w.emptyNotice.Hide()
	w.reasonAuto = true
	w.spans = slices.Clone(st.Spans)
	w.title.SetText(st.Title)
	var meta []string
	if st.Service != "" {
		meta = append(meta, st.Service)
	}
	if !st.SubmittedAt.IsZero() {
		meta = append(meta, "submitted "+st.SubmittedAt.Local().Format("2 Jan 2006 15:04")+" ("+age(w.cfg.Now(), st.SubmittedAt)+" ago)")
	}
	if st.AuthorRole != "" {
		meta = append(meta, "by a "+st.AuthorRole)
	}
	meta = append(meta, string(st.ID))
	w.meta.SetText(strings.Join(meta, " · "))
	w.view.SetStory(st.Body, w.spans)
	w.preview.SetStory(st.Body, w.spans)
	w.viewScroll.ScrollToTop()
	w.rebuildSpanList()
	w.updateBar()
	w.updateRedactButtons()
}

// rebuildSpanList lists the spans: a check per span (checked = removed),
// its kind, text, source, confidence and reason.
func (w *Window) rebuildSpanList() {
	w.spanBox.RemoveAll()
	w.spanChecks = w.spanChecks[:0]
	if w.story == nil {
		w.spanBox.Refresh()
		return
	}
	if len(w.spans) == 0 {
		w.spanBox.Add(widget.NewLabel("Nothing detected."))
	}
	for i, s := range w.spans {
		text := w.story.Body[s.Start:s.End]
		if len([]rune(text)) > 40 {
			text = string([]rune(text)[:40]) + "…"
		}
		chk := widget.NewCheck("", nil)
		chk.SetChecked(s.Redact)
		chk.OnChanged = func(on bool) {
			if w.syncing || i >= len(w.spans) || w.spans[i].Redact == on {
				return
			}
			w.spans[i].Redact = on
			w.spanChanged(i, nil)
		}
		w.spanChecks = append(w.spanChecks, chk)
		name := widget.NewLabelWithStyle(s.Kind.Label()+": “"+text+"”", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		name.Truncation = fyne.TextTruncateEllipsis
		detail := widget.NewLabel(sourceLabel(s.Source) + " · " + fmt.Sprintf("%.0f%%", s.Confidence*100) + reasonSuffix(s.Reason))
		detail.SizeName = theme.SizeNameCaptionText
		detail.Wrapping = fyne.TextWrapWord
		chip := canvas.NewRectangle(GroupColor(s.Kind.Group(), 0xcc))
		chip.SetMinSize(fyne.NewSize(5, 10))
		w.spanBox.Add(container.NewBorder(nil, nil, container.NewHBox(chip, chk), nil, container.New(&rowsLayout{}, name, detail)))
	}
	w.spanBox.Refresh()
}

func reasonSuffix(r string) string {
	if r == "" {
		return ""
	}
	return " · " + r
}

// spanChanged persists a toggle and updates everything that shows spans;
// from is the view that made the change (nil for the span list).
func (w *Window) spanChanged(i int, from *StoryView) {
	if w.story == nil {
		return
	}
	w.saveSpans()
	if from != w.view {
		w.view.Restyle()
	}
	if from != w.preview {
		w.preview.Restyle()
	}
	w.syncing = true
	if i < len(w.spanChecks) {
		w.spanChecks[i].SetChecked(w.spans[i].Redact)
	}
	w.syncing = false
	w.updateBar()
	state := "kept"
	if w.spans[i].Redact {
		state = "removed"
	}
	w.status.SetMessage(w.spans[i].Kind.Label() + " " + state + ".")
	w.event("span-toggled", "id", w.story.ID, "span", i, "redact", w.spans[i].Redact)
}

func (w *Window) saveSpans() {
	ctx, cancel := w.call()
	defer cancel()
	if err := w.cfg.Store.SetSpans(ctx, w.story.ID, w.spans); err != nil {
		w.fail("save highlights", err)
	}
}

// PublishedText is the body as it would be published now.
func (w *Window) PublishedText() string {
	if w.story == nil {
		return ""
	}
	out, err := moderation.Redact(w.story.Body, w.spans)
	if err != nil {
		return w.story.Body
	}
	return out
}

func age(now, t time.Time) string {
	d := now.Sub(t)
	switch {
	case d < time.Hour:
		return fmt.Sprintf("%d min", max(0, int(d.Minutes())))
	case d < 48*time.Hour:
		return fmt.Sprintf("%d h", int(d.Hours()))
	}
	return fmt.Sprintf("%d d", int(d.Hours()/24))
}
