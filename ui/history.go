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
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"github.com/storydesk/storydesk/moderation"
	"github.com/storydesk/storydesk/moderation/history"
)

// HistoryStore is what the supervisor's screens need. cmd/storydesk adapts
// *sqlite.Store to it (local decisions merged with the cached server
// history, each with its story when stored locally).
type HistoryStore interface {
	// Entries returns every known decision with its story (nil if unknown).
	Entries(ctx context.Context) ([]history.Entry, error)
	// Decide records a decision and its outbox entry; an override has
	// Supersedes set.
	Decide(ctx context.Context, d moderation.Decision) error
}

// SupervisorConfig is everything the supervisor's screens need.
type SupervisorConfig struct {
	Store      HistoryStore
	Supervisor string           // recorded on overrides
	Now        func() time.Time // nil means time.Now
	NewID      func() string    // decision ids; nil means random UUIDs
	Logger     *slog.Logger     // nil discards
	Timeout    time.Duration    // per store call; 0 means 10 s
	// Save, if set, is called to export a CSV file instead of the file
	// dialog (tests, or a caller with its own picker).
	Save func(name string, write func(io.Writer) error) error
}

// Supervisor holds the supervisor's tabs: History, Escalations, Figures.
type Supervisor struct {
	win fyne.Window
	ctx context.Context
	cfg SupervisorConfig
	log *slog.Logger

	all      []history.Entry // every decision, as loaded
	rows     []history.Entry // filtered and sorted: the table
	sortCol  history.Column
	sortDesc bool
	selected int           // index in rows, -1 for none
	loaded   chan struct{} // closed when the latest Reload is shown
	loading  bool          // a Reload is under way: the count says so
	// filterErr: the message is a filter complaint, cleared once fixed
	filterErr bool

	// filters (exported through methods for tests)
	moderator, action, reason, kind *widget.Select
	since, until, service, text     *widget.Entry
	count                           *widget.Label
	message                         *widget.Label
	table                           *widget.Table

	// detail of the selected decision
	detailTitle *widget.Label
	detailMeta  *widget.Label
	flags       *widget.Label
	notes       *widget.Label
	thread      *widget.Label
	diff        *DiffView
	overrideBtn *widget.Button
	detail      fyne.CanvasObject

	esc     *escalations
	figures *figuresView
	tabs    *container.AppTabs
	content fyne.CanvasObject
}

const anyOption = "Any"

// NewSupervisor builds the supervisor's screens, empty. ctx bounds every
// store call and is cancelled when the app quits. Put Content() in a
// window (or a tab of one), then call Reload to load the history in the
// background; win hosts the dialogs.
func NewSupervisor(ctx context.Context, win fyne.Window, cfg SupervisorConfig) *Supervisor {
	log := fillDefaults(&cfg.Now, &cfg.NewID, &cfg.Timeout, cfg.Logger)
	s := &Supervisor{win: win, ctx: ctx, cfg: cfg, log: log, sortCol: history.ColDate, sortDesc: true, selected: -1}
	s.loaded = make(chan struct{})
	s.build()
	return s
}

// Content is the supervisor's screen: tabs History, Escalations, Figures.
func (s *Supervisor) Content() fyne.CanvasObject { return s.content }

func (s *Supervisor) call() (context.Context, context.CancelFunc) {
	return context.WithTimeout(s.ctx, s.cfg.Timeout)
}

func (s *Supervisor) fail(op string, err error) {
	s.log.Error(op, "code", moderation.ErrorCode(err), "err", err)
	s.message.SetText(op + ": " + err.Error())
}

func (s *Supervisor) build() {
	s.message = widget.NewLabel("")
	s.message.Wrapping = fyne.TextWrapWord
	s.count = widget.NewLabel("")

	s.moderator = widget.NewSelect([]string{anyOption}, func(string) { s.refilter() })
	acts := []string{anyOption}
	for _, a := range moderation.Actions {
		acts = append(acts, a.Label())
	}
	s.action = widget.NewSelect(acts, func(string) { s.refilter() })
	reasons := []string{anyOption}
	for _, a := range moderation.Actions {
		for _, r := range moderation.ReasonsFor(a) {
			if l := reasonText(r); !slices.Contains(reasons, l) {
				reasons = append(reasons, l)
			}
		}
	}
	s.reason = widget.NewSelect(reasons, func(string) { s.refilter() })
	kinds := []string{anyOption}
	for _, k := range moderation.Kinds {
		kinds = append(kinds, k.Label())
	}
	s.kind = widget.NewSelect(kinds, func(string) { s.refilter() })
	for _, sel := range []*widget.Select{s.moderator, s.action, s.reason, s.kind} {
		sel.SetSelected(anyOption)
	}
	entry := func(ph string) *widget.Entry {
		e := widget.NewEntry()
		e.PlaceHolder = ph
		e.OnChanged = func(string) { s.refilter() }
		return e
	}
	s.since, s.until = entry("from YYYY-MM-DD"), entry("to YYYY-MM-DD")
	s.service, s.text = entry("Service contains"), entry("Title contains")
	clear := widget.NewButton("Clear filters", s.ClearFilters)
	reload := widget.NewButton("Reload", func() { s.Reload() }) // after a sync brought new history
	export := widget.NewButton("Export CSV…", func() { s.export("history.csv", s.WriteCSV) })
	filters := container.NewVBox(
		container.NewGridWithColumns(4,
			labelled("Moderator", s.moderator), labelled("Action", s.action),
			labelled("Reason", s.reason), labelled("Flag kind", s.kind)),
		container.NewGridWithColumns(4, s.since, s.until, s.service, s.text),
		container.NewBorder(nil, nil, nil, container.NewHBox(reload, clear, export), s.count),
	)

	s.table = widget.NewTableWithHeaders(
		func() (int, int) { return len(s.rows), len(history.Columns) },
		func() fyne.CanvasObject {
			l := widget.NewLabel("template text")
			l.Truncation = fyne.TextTruncateEllipsis
			return l
		},
		func(id widget.TableCellID, o fyne.CanvasObject) {
			if id.Row < len(s.rows) {
				o.(*widget.Label).SetText(cellText(s.rows[id.Row], history.Columns[id.Col]))
			}
		})
	s.table.ShowHeaderColumn = false
	s.table.CreateHeader = func() fyne.CanvasObject { return widget.NewButton("header", nil) }
	s.table.UpdateHeader = func(id widget.TableCellID, o fyne.CanvasObject) {
		if id.Col < 0 || id.Col >= len(history.Columns) {
			return
		}
		c := history.Columns[id.Col]
		b := o.(*widget.Button)
		b.SetText(s.headerText(c))
		b.OnTapped = func() { s.SortBy(c) }
	}
	for i, w := range []float32{130, 90, 170, 150, 150, 260, 110} {
		s.table.SetColumnWidth(i, w)
	}
	s.table.OnSelected = func(id widget.TableCellID) {
		if id.Row >= 0 && id.Row != s.selected {
			s.Select(id.Row)
		}
	}

	s.detailTitle = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	s.detailTitle.Wrapping = fyne.TextWrapWord
	s.detailMeta = wrapLabel()
	s.flags = wrapLabel()
	s.notes = wrapLabel()
	s.thread = wrapLabel()
	s.diff = NewDiffView()
	s.overrideBtn = widget.NewButton("Override this decision…", func() { s.OpenOverride() })
	s.overrideBtn.Importance = widget.WarningImportance
	info := container.NewVBox(s.detailTitle, s.detailMeta, s.flags, s.notes,
		widget.NewLabelWithStyle("Decisions on this story", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		s.thread, s.overrideBtn)
	s.detail = container.NewBorder(nil, nil, nil, nil,
		container.NewHSplit(s.diff.Content(), container.NewVScroll(info)))
	s.detail.(*fyne.Container).Objects[0].(*container.Split).Offset = 0.66
	split := container.NewVSplit(s.table, s.detail)
	split.Offset = 0.45
	historyTab := container.NewBorder(filters, nil, nil, nil, split)

	s.esc = newEscalations(s)
	s.figures = newFiguresView(s)
	s.tabs = container.NewAppTabs(
		container.NewTabItem("History", historyTab),
		container.NewTabItem("Escalations", s.esc.content),
		container.NewTabItem("Figures", s.figures.content),
	)
	s.content = container.NewBorder(nil, s.message, nil, nil, s.tabs)
	s.showDetail()
}

func labelled(label string, o fyne.CanvasObject) fyne.CanvasObject {
	return container.NewBorder(nil, nil, widget.NewLabel(label), nil, o)
}

func wrapLabel() *widget.Label {
	l := widget.NewLabel("")
	l.Wrapping = fyne.TextWrapWord
	return l
}

func (s *Supervisor) headerText(c history.Column) string {
	if c != s.sortCol {
		return c.Name()
	}
	if s.sortDesc {
		return c.Name() + " ▼"
	}
	return c.Name() + " ▲"
}

// reasonText is a reason code as people read it (the review window's
// reasonLabel: one spelling everywhere).
func reasonText(r moderation.Reason) string { return reasonLabel(r) }

func cellText(e history.Entry, c history.Column) string {
	d := e.Decision
	switch c {
	case history.ColDate:
		return d.DecidedAt.Local().Format("2006-01-02 15:04")
	case history.ColModerator:
		return d.Moderator
	case history.ColAction:
		t := d.Action.Label()
		if d.Supersedes != "" {
			t += " (override)"
		}
		return t
	case history.ColReason:
		return reasonText(d.Reason)
	case history.ColService:
		return e.Service()
	case history.ColTitle:
		return e.Title()
	case history.ColFlags:
		var ks []string
		for _, k := range e.FlagKinds() {
			ks = append(ks, k.Label())
		}
		return strings.Join(ks, ", ")
	}
	return ""
}

// Reload fetches every decision again off the UI goroutine, then reapplies
// the filters; the count says "Loading history…" meanwhile. The returned
// channel (also Loaded) is closed once the table shows the result.
func (s *Supervisor) Reload() <-chan struct{} {
	done := make(chan struct{})
	s.loaded, s.loading = done, true
	s.count.SetText("Loading history…")
	ctx, cancel := s.call()
	go func() { // exits when Entries returns; ctx (the app's, plus the timeout) bounds it
		defer cancel()
		all, err := s.cfg.Store.Entries(ctx)
		fyne.Do(func() {
			defer close(done)
			if s.loaded != done {
				return // a later Reload is under way; its result wins
			}
			s.loading = false
			if err != nil {
				s.count.SetText("")
				s.fail("history not loaded", err)
				return
			}
			s.show(all)
		})
	}()
	return done
}

// Loaded returns a channel closed once the latest Reload is shown (never
// closed before the first Reload).
func (s *Supervisor) Loaded() <-chan struct{} { return s.loaded }

// show puts freshly loaded decisions on every tab.
func (s *Supervisor) show(all []history.Entry) {
	s.all = all
	mods := append([]string{anyOption}, history.Moderators(all)...)
	s.moderator.Options = mods
	s.moderator.Refresh()
	s.refilter()
	s.esc.reload()
}

// Filter returns the filter the controls describe, with an EINVALID error
// for a date that does not parse.
func (s *Supervisor) Filter() (history.Filter, error) {
	f := history.Filter{Service: s.service.Text, Text: s.text.Text}
	if v := s.moderator.Selected; v != anyOption {
		f.Moderator = v
	}
	for _, a := range moderation.Actions {
		if a.Label() == s.action.Selected {
			f.Action = a
		}
	}
	for _, a := range moderation.Actions {
		for _, r := range moderation.ReasonsFor(a) {
			if reasonText(r) == s.reason.Selected {
				f.Reason = r
			}
		}
	}
	for _, k := range moderation.Kinds {
		if k.Label() == s.kind.Selected {
			f.Kind = k
		}
	}
	var err error
	if f.Since, err = parseDate("from", s.since.Text, 0); err != nil {
		return f, err
	}
	// the "to" day is inclusive on screen; Filter.Until is exclusive
	if f.Until, err = parseDate("to", s.until.Text, 1); err != nil {
		return f, err
	}
	return f, nil
}

func parseDate(field, text string, addDays int) (time.Time, error) {
	text = strings.TrimSpace(text)
	if text == "" {
		return time.Time{}, nil
	}
	t, err := time.ParseInLocation(time.DateOnly, text, time.Local)
	if err != nil {
		return time.Time{}, moderation.Invalidf(field, "give the date as YYYY-MM-DD")
	}
	return t.AddDate(0, 0, addDays), nil
}

func (s *Supervisor) refilter() {
	if s.table == nil || s.count == nil {
		return // still building
	}
	f, err := s.Filter()
	if err != nil {
		s.message.SetText(err.Error())
		s.filterErr = true
		return
	}
	if s.filterErr { // clear only our own complaint, not e.g. "Hold recorded…"
		s.message.SetText("")
		s.filterErr = false
	}
	var keep string
	if s.selected >= 0 && s.selected < len(s.rows) {
		keep = s.rows[s.selected].Decision.ID
	}
	s.rows = history.Apply(s.all, f)
	history.Sort(s.rows, s.sortCol, s.sortDesc)
	if !s.loading {
		s.count.SetText(fmt.Sprintf("%d of %d decisions", len(s.rows), len(s.all)))
	}
	s.selected = slices.IndexFunc(s.rows, func(e history.Entry) bool { return e.Decision.ID == keep })
	s.table.UnselectAll()
	s.table.Refresh()
	s.showDetail()
	if s.figures != nil {
		s.figures.update(s.rows)
	}
}

// ClearFilters resets every filter.
func (s *Supervisor) ClearFilters() {
	for _, sel := range []*widget.Select{s.moderator, s.action, s.reason, s.kind} {
		sel.SetSelected(anyOption)
	}
	for _, e := range []*widget.Entry{s.since, s.until, s.service, s.text} {
		e.SetText("")
	}
	s.refilter()
}

// SortBy sorts the table by column c; the same column again flips the order.
func (s *Supervisor) SortBy(c history.Column) {
	if s.sortCol == c {
		s.sortDesc = !s.sortDesc
	} else {
		s.sortCol, s.sortDesc = c, c == history.ColDate || c == history.ColFlags
	}
	s.refilter()
}

// Rows returns the table's rows as shown (filtered and sorted).
func (s *Supervisor) Rows() []history.Entry { return slices.Clone(s.rows) }

// Select opens row i's detail: the diff, flags, notes and every decision
// on the same story.
func (s *Supervisor) Select(i int) {
	if i < 0 || i >= len(s.rows) {
		return
	}
	s.selected = i
	s.showDetail()
}

func (s *Supervisor) current() *history.Entry {
	if s.selected < 0 || s.selected >= len(s.rows) {
		return nil
	}
	return &s.rows[s.selected]
}

func (s *Supervisor) showDetail() {
	e := s.current()
	if e == nil {
		s.detailTitle.SetText("Pick a decision in the table to see the original and published text.")
		for _, l := range []*widget.Label{s.detailMeta, s.flags, s.notes, s.thread} {
			l.SetText("")
		}
		s.diff.Original.Segments, s.diff.Published.Segments = nil, nil
		s.diff.Original.Refresh()
		s.diff.Published.Refresh()
		s.diff.Notice.SetText("")
		s.overrideBtn.Disable()
		return
	}
	d := e.Decision
	s.detailTitle.SetText(e.Title())
	meta := fmt.Sprintf("%s by %s on %s", decisionText(d), d.Moderator, d.DecidedAt.Local().Format("Mon 2 Jan 2006 15:04"))
	if svc := e.Service(); svc != "" {
		meta += " · " + svc
	}
	if by := history.SupersededBy(s.all)[d.ID]; by != "" {
		meta += "\nOverridden by a later decision."
	}
	s.detailMeta.SetText(meta)
	s.flags.SetText(flagsText(*e))
	note := "Note: " + d.Note
	if d.Note == "" {
		note = "No note."
	}
	s.notes.SetText(note)
	var lines []string
	for _, t := range history.Thread(s.all, d.StoryID) {
		td := t.Decision
		mark := "  "
		if td.ID == d.ID {
			mark = "→ "
		}
		line := fmt.Sprintf("%s%s  %s  %s", mark, td.DecidedAt.Local().Format("2006-01-02 15:04"), td.Moderator, decisionText(td))
		if td.Supersedes != "" {
			line += " — override"
		}
		if td.Note != "" {
			line += "\n     “" + td.Note + "”"
		}
		lines = append(lines, line)
	}
	if later := history.Later(s.all, d); len(later) == 0 {
		lines = append(lines, "No later decision.")
	}
	s.thread.SetText(strings.Join(lines, "\n"))
	body := ""
	if e.Story != nil {
		body = e.Story.Body
	}
	s.diff.Show(body, d)
	if _, gone := history.SupersededBy(s.all)[d.ID]; gone || e.Story == nil {
		s.overrideBtn.Disable() // override what is in force, on a story we hold
	} else {
		s.overrideBtn.Enable()
	}
}

func decisionText(d moderation.Decision) string {
	t := d.Action.Label()
	if d.Reason != "" {
		t += " (" + strings.ToLower(reasonText(d.Reason)) + ")"
	}
	return t
}

// flagsText lists the flags shown to the moderator and what became of them.
func flagsText(e history.Entry) string {
	flags := e.Flags()
	if len(flags) == 0 {
		if e.Story == nil {
			return "Flags: unknown (story not stored here)."
		}
		return "Flags shown: none."
	}
	var parts []string
	for _, f := range flags {
		what := "kept"
		if e.Accepted(f) {
			what = "acted on"
		}
		parts = append(parts, fmt.Sprintf("%s (%s, %s)", f.Kind.Label(), f.Source, what))
	}
	return fmt.Sprintf("Flags shown (%d): %s", len(flags), strings.Join(parts, "; "))
}

// WriteCSV writes the filtered history as CSV.
func (s *Supervisor) WriteCSV(w io.Writer) error { return history.WriteCSV(w, s.rows) }

// export writes a CSV through cfg.Save or a file-save dialog.
func (s *Supervisor) export(name string, write func(io.Writer) error) {
	if s.cfg.Save != nil {
		if err := s.cfg.Save(name, write); err != nil {
			s.fail("export failed", err)
			return
		}
		s.message.SetText("Exported " + name + ".")
		return
	}
	saveDialog(s.win, name, write, func(err error) {
		if err != nil {
			s.fail("export failed", err)
		} else {
			s.message.SetText("Exported.")
		}
	})
}

// saveDialog asks for a file and writes it; done gets the result (not
// called when cancelled).
func saveDialog(win fyne.Window, name string, write func(io.Writer) error, done func(error)) {
	d := dialog.NewFileSave(func(wc fyne.URIWriteCloser, err error) {
		if err != nil {
			done(err)
			return
		}
		if wc == nil {
			return // cancelled
		}
		err = write(wc)
		if cerr := wc.Close(); err == nil {
			err = cerr
		}
		done(err)
	}, win)
	d.SetFileName(name)
	d.Show()
}
