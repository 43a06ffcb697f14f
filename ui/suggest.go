package ui

import (
	"context"
	"fmt"
	"image/color"
	"slices"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/storydesk/storydesk/moderation"
)

// Suggester asks a language model for spans the rules may have missed;
// cmd/storydesk adapts *ai.Suggester to it.
type Suggester interface {
	// Enabled reports whether AI suggestions are configured.
	Enabled() bool
	// Suggest returns suggested spans of body (byte offsets, Source ai) given
	// the spans already on it. Failures to reach the model come back as a
	// result with Failed and a Notice, not as an error.
	Suggest(ctx context.Context, id moderation.StoryID, body string, spans []moderation.Span) (SuggestResult, error)
}

// SuggestResult is what the model suggested for one story.
type SuggestResult struct {
	Spans  []moderation.Span
	Notice string // a sentence for the moderator when there are none or fewer
	Failed bool   // the model could not be asked (offline, timeout, bad answer)
}

// suggestTimeout bounds one story's suggestion request from the window;
// the suggester has its own per-request timeout below it.
const suggestTimeout = 3 * time.Minute

// AIColor is the colour of AI suggestions: blue, apart from the amber, red
// and violet of rule highlights.
func AIColor(alpha uint8) color.NRGBA { return color.NRGBA{R: 0x1E, G: 0x78, B: 0xE6, A: alpha} }

// suggestions is what the window knows of one story's suggestions.
type suggestions struct {
	asking    bool
	done      chan struct{} // closed when the question on its way is answered
	asked     bool
	pending   []moderation.Span // neither accepted nor dismissed
	dismissed []moderation.Span
	notice    string
	failed    bool
}

// aiPanel holds the suggestion state and widgets of the review window.
type aiPanel struct {
	s       Suggester
	stories map[moderation.StoryID]*suggestions
	sel     int           // index into the open story's pending suggestions, -1 for none
	lastAsk chan struct{} // closed when the latest question is answered (tests wait on it)

	overlay *suggestOverlay
	bar     *fyne.Container
	row     *fyne.Container // the buttons, hidden while AI is off
	ask     *widget.Button
	accept  *widget.Button
	dismiss *widget.Button
	info    *widget.Label
	asking  *widget.ProgressBarInfinite

	// background pass over the queue
	passBtn    *widget.Button
	passBar    *widget.ProgressBar
	passCancel context.CancelFunc
	passDone   chan struct{}
}

// initAI builds the AI widgets when the window has a suggester; the story
// layer and the bar above the story use them.
func (w *Window) initAI() {
	if w.cfg.Suggester == nil {
		return
	}
	p := &aiPanel{s: w.cfg.Suggester, stories: map[moderation.StoryID]*suggestions{}, sel: -1}
	w.ai = p

	p.ask = widget.NewButtonWithIcon("Suggest (S)", theme.SearchIcon(), func() { w.win.Canvas().Unfocus(); w.SuggestNow() })
	p.accept = widget.NewButtonWithIcon("Accept (Y)", theme.ConfirmIcon(), func() { w.win.Canvas().Unfocus(); w.AcceptSuggestion(p.sel) })
	p.dismiss = widget.NewButtonWithIcon("Dismiss (N)", theme.CancelIcon(), func() { w.win.Canvas().Unfocus(); w.DismissSuggestion(p.sel) })
	p.info = widget.NewLabel("")
	p.info.Wrapping = fyne.TextWrapWord
	p.asking = widget.NewProgressBarInfinite()
	p.asking.Stop()
	p.asking.Hide()
	p.info.SizeName = theme.SizeNameCaptionText
	p.passBtn = widget.NewButton("Whole queue", func() { w.win.Canvas().Unfocus(); w.toggleSuggestPass() })
	p.passBar = widget.NewProgressBar()
	p.passBar.Hide()
	p.row = container.NewHBox(container.NewCenter(newAITag()), p.ask, p.passBtn, layout.NewSpacer(), p.accept, p.dismiss)
	p.bar = container.NewVBox(p.row, p.info, p.asking, p.passBar)
}

// storyLayer is the story view with the suggestion overlay on top; build
// calls it once the view exists.
func (w *Window) storyLayer() fyne.CanvasObject {
	if w.ai == nil {
		return w.view
	}
	w.ai.overlay = newSuggestOverlay(w.view)
	w.ai.overlay.onTap = func(i int) { w.SelectSuggestion(i) }
	return container.NewStack(w.view, w.ai.overlay)
}

// aiBar is the row above the story: Suggest, the selected suggestion, Accept and Dismiss.
func (w *Window) aiBar() fyne.CanvasObject {
	if w.ai == nil {
		return layout.NewSpacer()
	}
	return w.ai.bar
}

// current returns the open story's suggestion state (nil for none).
func (p *aiPanel) current(w *Window) *suggestions {
	if w.story == nil {
		return nil
	}
	return p.stories[w.story.ID]
}

// suggestShown redraws the suggestions of the open story and selects the
// first one; showStory calls it.
func (w *Window) suggestShown() {
	if w.ai == nil {
		return
	}
	w.ai.sel = -1
	if s := w.ai.current(w); s != nil && len(s.pending) > 0 {
		w.ai.sel = 0
	}
	w.refreshSuggestions()
}

// refreshSuggestions redraws the overlay and the AI bar after the spans,
// the suggestions or the selection changed.
func (w *Window) refreshSuggestions() {
	p := w.ai
	if p == nil {
		return
	}
	s := p.current(w)
	var pend []moderation.Span
	if s != nil {
		pend = s.pending
	}
	if p.sel >= len(pend) {
		p.sel = len(pend) - 1
	}
	p.overlay.set(pend, w.spans, p.sel)

	enabled := p.s.Enabled()
	// off: no row above the story at all (the story gets the space); the
	// status bar carries the note
	if enabled {
		p.bar.Show()
		w.status.SetNote("")
	} else {
		p.bar.Hide()
		w.status.SetNote("AI suggestions off: set a model in Settings")
	}
	switch {
	case !enabled:
		p.ask.Disable()
		p.info.SetText("")
	case w.story == nil || !w.pending():
		p.ask.Disable()
		p.info.SetText("")
	case s != nil && s.asking:
		p.ask.Disable()
		p.info.SetText("Asking the AI model…")
	default:
		p.ask.Enable()
		p.info.SetText(w.suggestInfo(s))
	}
	if s != nil && s.asking {
		p.asking.Show()
		p.asking.Start()
	} else {
		p.asking.Stop()
		p.asking.Hide()
	}
	if p.sel >= 0 && w.pending() {
		p.accept.Enable()
		p.dismiss.Enable()
	} else {
		p.accept.Disable()
		p.dismiss.Disable()
	}
	if enabled && p.passCancel == nil {
		p.passBtn.Enable()
	} else if !enabled {
		p.passBtn.Disable()
	}
}

func (w *Window) suggestInfo(s *suggestions) string {
	if s == nil || !s.asked {
		return "Ask the AI model for what the rules may have missed (S). Suggestions are drawn with a dashed outline and an AI tag."
	}
	if s.failed {
		return "AI unavailable: " + s.notice + " Carry on with the rule highlights."
	}
	if len(s.pending) == 0 {
		msg := "No AI suggestions left for this story."
		if s.notice != "" {
			msg += " " + s.notice
		}
		return msg
	}
	sp := s.pending[max(w.ai.sel, 0)]
	text := w.story.Body[sp.Start:sp.End]
	if r := []rune(text); len(r) > 40 {
		text = string(r[:40]) + "…"
	}
	msg := fmt.Sprintf("AI suggestion %d of %d: %s “%s” · %.0f%% · %s", max(w.ai.sel, 0)+1, len(s.pending), sp.Kind.Label(), text, sp.Confidence*100, sp.Reason)
	if s.notice != "" {
		msg += " (" + s.notice + ")"
	}
	return msg
}

// SuggestNow asks the model about the open story (S). The returned channel
// is closed once the answer is shown.
func (w *Window) SuggestNow() <-chan struct{} {
	done := make(chan struct{})
	p := w.ai
	if p == nil || w.story == nil || !w.pending() {
		close(done)
		return done
	}
	if !p.s.Enabled() {
		w.status.SetMessage("AI suggestions are off: set a model in Settings.")
		close(done)
		return done
	}
	st := w.story
	s := p.stories[st.ID]
	if s == nil {
		s = &suggestions{}
		p.stories[st.ID] = s
	}
	if s.asking && s.done != nil {
		return s.done
	}
	s.asking, s.done = true, done
	p.lastAsk = done
	w.refreshSuggestions()
	id, body, spans := st.ID, st.Body, slices.Clone(w.spans)
	w.event("suggest-asked", "id", id)
	go func() { // exits when Suggest returns; the window's ctx and suggestTimeout bound it
		ctx, cancel := context.WithTimeout(w.ctx, suggestTimeout)
		res, err := p.s.Suggest(ctx, id, body, spans)
		cancel()
		fyne.Do(func() {
			w.suggested(id, res, err)
			close(done)
		})
	}()
	return done
}

// suggested records the model's answer for story id and shows it if the
// story is still open.
func (w *Window) suggested(id moderation.StoryID, res SuggestResult, err error) {
	p := w.ai
	s := p.stories[id]
	if s == nil {
		s = &suggestions{}
		p.stories[id] = s
	}
	s.asking, s.asked = false, true
	s.failed, s.notice = res.Failed, res.Notice
	if err != nil {
		w.log.Warn("ai suggest", "story", id, "code", moderation.ErrorCode(err))
		s.failed, s.notice = true, "the request was refused ("+moderation.ErrorCode(err)+")."
	}
	s.pending = s.pending[:0]
	for _, sp := range res.Spans {
		sp.Source, sp.Redact = moderation.SourceAI, false
		if !slices.ContainsFunc(s.dismissed, func(d moderation.Span) bool { return sameSpan(d, sp) }) {
			s.pending = append(s.pending, sp)
		}
	}
	w.event("suggest-answered", "id", id, "suggestions", len(s.pending), "failed", s.failed)
	if w.story != nil && w.story.ID == id {
		w.suggestShown()
		if s.failed {
			w.status.SetMessage("AI unavailable: " + s.notice)
		} else {
			w.status.SetMessage(fmt.Sprintf("%d AI suggestion(s). Y accepts, N dismisses.", len(s.pending)))
		}
	}
}

func sameSpan(a, b moderation.Span) bool {
	return a.Start == b.Start && a.End == b.End && a.Kind == b.Kind
}

// Suggestions returns the open story's pending suggestions.
func (w *Window) Suggestions() []moderation.Span {
	if w.ai == nil {
		return nil
	}
	if s := w.ai.current(w); s != nil {
		return slices.Clone(s.pending)
	}
	return nil
}

// SelectSuggestion makes suggestion i the one Y and N act on.
func (w *Window) SelectSuggestion(i int) {
	if w.ai == nil {
		return
	}
	if s := w.ai.current(w); s != nil && i >= 0 && i < len(s.pending) {
		w.ai.sel = i
		w.refreshSuggestions()
	}
}

// AcceptSuggestion turns suggestion i into a redaction with source ai (Y,
// Enter); it reports whether it did.
func (w *Window) AcceptSuggestion(i int) bool {
	if w.ai == nil || !w.pending() {
		return false
	}
	s := w.ai.current(w)
	if s == nil || i < 0 || i >= len(s.pending) {
		return false
	}
	sp := s.pending[i]
	sp.Source, sp.Redact = moderation.SourceAI, true
	for _, o := range w.spans {
		if o.Overlaps(sp) {
			w.status.SetMessage("This suggestion overlaps a highlight: switch that one instead, or dismiss the suggestion (N).")
			return false
		}
	}
	at, _ := slices.BinarySearchFunc(w.spans, sp.Start, func(a moderation.Span, t int) int { return a.Start - t })
	w.spans = slices.Insert(w.spans, at, sp)
	s.pending = slices.Delete(s.pending, i, i+1)
	w.spansAdded(1, 0)
	w.refreshSuggestions()
	w.status.SetMessage("AI suggestion accepted: " + sp.Kind.Label() + " removed when published.")
	w.event("suggestion-accepted", "id", w.story.ID, "kind", sp.Kind)
	return true
}

// DismissSuggestion drops suggestion i (N, Delete); the model's same
// suggestion is not shown again this session.
func (w *Window) DismissSuggestion(i int) bool {
	if w.ai == nil || w.story == nil {
		return false
	}
	s := w.ai.current(w)
	if s == nil || i < 0 || i >= len(s.pending) {
		return false
	}
	s.dismissed = append(s.dismissed, s.pending[i])
	k := s.pending[i].Kind
	s.pending = slices.Delete(s.pending, i, i+1)
	w.refreshSuggestions()
	w.status.SetMessage("AI suggestion dismissed (" + k.Label() + ").")
	w.event("suggestion-dismissed", "id", w.story.ID)
	return true
}

// suggestRune handles the AI and sync keys; it reports whether r was one.
func (w *Window) suggestRune(r rune) bool {
	if w.syncRune(r) {
		return true
	}
	if w.ai == nil {
		return false
	}
	switch r {
	case 's', 'S':
		w.SuggestNow()
	case 'y', 'Y':
		w.AcceptSuggestion(w.ai.sel)
	case 'n', 'N':
		w.DismissSuggestion(w.ai.sel)
	default:
		return false
	}
	return true
}

// suggestKey handles Enter (accept) and Delete (dismiss) while a
// suggestion is selected; it reports whether it used the key.
func (w *Window) suggestKey(k fyne.KeyName) bool {
	if w.ai == nil || w.ai.sel < 0 {
		return false
	}
	switch k {
	case fyne.KeyReturn, fyne.KeyEnter:
		return w.AcceptSuggestion(w.ai.sel)
	case fyne.KeyDelete, fyne.KeyBackspace:
		return w.DismissSuggestion(w.ai.sel)
	}
	return false
}

// toggleSuggestPass starts or stops the background pass over the queue.
func (w *Window) toggleSuggestPass() {
	if w.ai != nil && w.ai.passCancel != nil {
		w.ai.passCancel()
		return
	}
	w.SuggestQueue()
}

// SuggestQueue asks the model, one story after another, about every
// pending story not asked yet, with a progress bar. It stops at the first
// failure (the model is unavailable) or when stopped. The returned channel
// is closed when the pass has ended.
func (w *Window) SuggestQueue() <-chan struct{} {
	done := make(chan struct{})
	p := w.ai
	if p == nil || !p.s.Enabled() || p.passCancel != nil {
		close(done)
		return done
	}
	ctx, cancel := w.call()
	items, err := w.cfg.Store.List(ctx, TabPending, "")
	cancel()
	if err != nil {
		w.fail("suggest for queue", err)
		close(done)
		return done
	}
	var ids []moderation.StoryID
	for _, it := range items {
		if s := p.stories[it.ID]; s == nil || (!s.asked && !s.asking) {
			ids = append(ids, it.ID)
			p.stories[it.ID] = &suggestions{asking: true}
		}
	}
	if len(ids) == 0 {
		w.status.SetMessage("Every pending story has been asked about already.")
		close(done)
		return done
	}
	passCtx, stop := context.WithCancel(w.ctx)
	p.passCancel, p.passDone = stop, done
	p.passBtn.SetText("Stop")
	p.passBar.SetValue(0)
	p.passBar.Show()
	w.refreshSuggestions()
	w.event("suggest-pass", "stories", len(ids))
	go func() { // exits after the last story, at the first failure, or when passCtx is cancelled
		asked := 0
		failed := ""
		for _, id := range ids {
			if passCtx.Err() != nil {
				break
			}
			st, err := w.cfg.Store.Story(passCtx, id)
			if err != nil {
				failed = "could not read story " + string(id) + " (" + moderation.ErrorCode(err) + ")."
				break
			}
			ctx, cancel := context.WithTimeout(passCtx, suggestTimeout)
			res, err := p.s.Suggest(ctx, id, st.Body, st.Spans)
			cancel()
			if passCtx.Err() != nil {
				break
			}
			asked++
			n := asked
			fyne.Do(func() {
				w.suggested(id, res, err)
				p.passBar.SetValue(float64(n) / float64(len(ids)))
			})
			if res.Failed || err != nil {
				failed = res.Notice
				break
			}
		}
		fyne.Do(func() {
			for _, id := range ids {
				if s := p.stories[id]; s != nil && s.asking && !s.asked {
					delete(p.stories, id) // not asked: a later pass may
				}
			}
			stop()
			p.passCancel = nil
			p.passBtn.SetText("Whole queue")
			p.passBar.Hide()
			msg := fmt.Sprintf("AI suggestions: asked about %d of %d stories.", asked, len(ids))
			if failed != "" {
				msg += " Stopped: AI unavailable: " + failed
			}
			w.status.SetMessage(msg)
			w.refreshSuggestions()
			w.event("suggest-pass-done", "asked", asked)
			close(done)
		})
	}()
	return done
}

// newAITag is the small "AI" label used on suggestions and in the bar.
func newAITag() fyne.CanvasObject {
	bg := canvas.NewRectangle(AIColor(0xff))
	bg.CornerRadius = 3
	t := canvas.NewText("AI", color.White)
	t.TextStyle.Bold = true
	t.TextSize = 10
	return container.NewStack(bg, container.New(&padLayout{h: 4, v: 1}, t))
}

// suggestOverlay lies over the StoryView and draws AI suggestions with a
// dashed outline and an "AI" tag, and an "AI" tag on accepted AI
// redactions. A tap on a suggestion selects it; every other tap, click and
// hover goes on to the story view underneath.
type suggestOverlay struct {
	widget.BaseWidget
	v     *StoryView
	onTap func(i int)

	pending  []moderation.Span
	accepted []moderation.Span // spans of the story with source ai
	sel      int
	boxes    [][]fyne.Position // per suggestion: top-left, bottom-right pairs of its line boxes
	objs     []fyne.CanvasObject
	hover    bool
}

func newSuggestOverlay(v *StoryView) *suggestOverlay {
	o := &suggestOverlay{v: v, sel: -1}
	o.ExtendBaseWidget(o)
	return o
}

func (o *suggestOverlay) set(pending, spans []moderation.Span, sel int) {
	o.pending, o.sel = pending, sel
	o.accepted = o.accepted[:0]
	for _, s := range spans {
		if s.Source == moderation.SourceAI {
			o.accepted = append(o.accepted, s)
		}
	}
	o.place()
	o.Refresh()
}

// lineBoxes returns the boxes (min, max corner) that cover body[a:b] in the
// story view, one per line.
func (o *suggestOverlay) lineBoxes(a, b int) []fyne.Position {
	v := o.v
	var out []fyne.Position
	for i := range v.pieces {
		p := &v.pieces[i]
		s, e := max(a, p.start), min(b, p.end)
		if s >= e || p.t == nil || p.end-p.start != len(p.text) {
			continue
		}
		x0 := p.pos.X + fyne.MeasureText(v.body[p.start:s], v.textSize, p.t.TextStyle).Width
		x1 := p.pos.X + fyne.MeasureText(v.body[p.start:e], v.textSize, p.t.TextStyle).Width
		if n := len(out); n > 0 && out[n-2].Y == p.pos.Y {
			out[n-1].X = x1
			continue
		}
		out = append(out, fyne.NewPos(x0, p.pos.Y), fyne.NewPos(x1, p.pos.Y+v.textH))
	}
	return out
}

// place rebuilds the outline objects from the view's current layout.
func (o *suggestOverlay) place() {
	o.objs = o.objs[:0]
	o.boxes = o.boxes[:0]
	if o.v.laidW <= 0 || o.v.published {
		return
	}
	for i, s := range o.pending {
		boxes := o.lineBoxes(s.Start, s.End)
		o.boxes = append(o.boxes, boxes)
		selected := i == o.sel
		for j := 0; j+1 < len(boxes); j += 2 {
			a, b := boxes[j].Subtract(fyne.NewPos(3, 2)), boxes[j+1].Add(fyne.NewPos(3, 2))
			fill := canvas.NewRectangle(AIColor(0x22))
			if selected {
				fill.FillColor = AIColor(0x48)
			}
			fill.Move(a)
			fill.Resize(fyne.NewSize(b.X-a.X, b.Y-a.Y))
			o.objs = append(o.objs, fill)
			o.objs = append(o.objs, dashedBox(a, b, selected)...)
		}
		if len(boxes) >= 2 {
			o.objs = append(o.objs, o.tag(boxes[1].X, boxes[0].Y, selected)...)
		}
	}
	for _, s := range o.accepted {
		if boxes := o.lineBoxes(s.Start, s.End); len(boxes) >= 2 {
			o.objs = append(o.objs, o.tag(boxes[1].X, boxes[0].Y, false)...)
		}
	}
}

// tag is a small "AI" label at the top-right corner of a box.
func (o *suggestOverlay) tag(right, top float32, selected bool) []fyne.CanvasObject {
	const size = 8
	t := canvas.NewText("AI", color.White)
	t.TextStyle.Bold = true
	t.TextSize = size
	m := fyne.MeasureText("AI", size, t.TextStyle)
	bg := canvas.NewRectangle(AIColor(0xdd))
	if selected {
		bg.FillColor = AIColor(0xff)
	}
	bg.CornerRadius = 2
	pos := fyne.NewPos(right-2, max(0, top-m.Height+2)) // not above the view: the scroll clips it
	bg.Move(pos)
	bg.Resize(fyne.NewSize(m.Width+4, m.Height))
	t.Move(pos.Add(fyne.NewPos(2, 0)))
	t.Resize(m)
	return []fyne.CanvasObject{bg, t}
}

// dashedBox outlines the box a–b with short dashes (longer and thicker
// when selected).
func dashedBox(a, b fyne.Position, selected bool) []fyne.CanvasObject {
	col := AIColor(0xff)
	width := float32(1.4)
	dash, gap := float32(4), float32(3)
	if selected {
		width, dash, gap = 2.2, 6, 2
	}
	var out []fyne.CanvasObject
	line := func(x0, y0, x1, y1 float32) {
		l := canvas.NewLine(col)
		l.StrokeWidth = width
		l.Position1, l.Position2 = fyne.NewPos(x0, y0), fyne.NewPos(x1, y1)
		out = append(out, l)
	}
	seg := func(from, to float32, at func(s, e float32)) {
		for s := from; s < to; s += dash + gap {
			at(s, min(s+dash, to))
		}
	}
	seg(a.X, b.X, func(s, e float32) { line(s, a.Y, e, a.Y) })
	seg(a.X, b.X, func(s, e float32) { line(s, b.Y, e, b.Y) })
	seg(a.Y, b.Y, func(s, e float32) { line(a.X, s, a.X, e) })
	seg(a.Y, b.Y, func(s, e float32) { line(b.X, s, b.X, e) })
	return out
}

// SuggestionAt returns the index of the suggestion drawn at pos, or -1.
func (o *suggestOverlay) SuggestionAt(pos fyne.Position) int {
	for i, boxes := range o.boxes {
		for j := 0; j+1 < len(boxes); j += 2 {
			a, b := boxes[j].Subtract(fyne.NewPos(2, 2)), boxes[j+1].Add(fyne.NewPos(2, 2))
			if pos.X >= a.X && pos.X < b.X && pos.Y >= a.Y && pos.Y < b.Y {
				return i
			}
		}
	}
	return -1
}

// SuggestionPos returns a point inside suggestion i, for tests.
func (o *suggestOverlay) SuggestionPos(i int) (fyne.Position, bool) {
	if i < 0 || i >= len(o.boxes) || len(o.boxes[i]) < 2 {
		return fyne.Position{}, false
	}
	a, b := o.boxes[i][0], o.boxes[i][1]
	return fyne.NewPos((a.X+b.X)/2, (a.Y+b.Y)/2), true
}

// Tapped selects the suggestion under the pointer, else passes the tap on.
func (o *suggestOverlay) Tapped(ev *fyne.PointEvent) {
	if i := o.SuggestionAt(ev.Position); i >= 0 {
		if o.onTap != nil {
			o.onTap(i)
		}
		return
	}
	o.v.Tapped(ev)
}

// MouseDown is passed on to the story view (Shift+click).
func (o *suggestOverlay) MouseDown(ev *desktop.MouseEvent) { o.v.MouseDown(ev) }

// MouseUp is passed on to the story view.
func (o *suggestOverlay) MouseUp(ev *desktop.MouseEvent) { o.v.MouseUp(ev) }

// MouseIn is passed on to the story view (tooltips).
func (o *suggestOverlay) MouseIn(ev *desktop.MouseEvent) { o.MouseMoved(ev) }

// MouseMoved is passed on to the story view (tooltips).
func (o *suggestOverlay) MouseMoved(ev *desktop.MouseEvent) {
	o.hover = o.SuggestionAt(ev.Position) >= 0
	o.v.MouseMoved(ev)
}

// MouseOut is passed on to the story view.
func (o *suggestOverlay) MouseOut() { o.hover = false; o.v.MouseOut() }

// Cursor is a pointer over a suggestion or a span.
func (o *suggestOverlay) Cursor() desktop.Cursor {
	if o.hover {
		return desktop.PointerCursor
	}
	return o.v.Cursor()
}

// CreateRenderer is part of fyne.Widget.
func (o *suggestOverlay) CreateRenderer() fyne.WidgetRenderer { return &overlayRenderer{o: o} }

type overlayRenderer struct {
	o     *suggestOverlay
	laidW float32
}

func (r *overlayRenderer) Layout(size fyne.Size) {
	if size.Width != r.laidW {
		r.laidW = size.Width
		r.o.place()
	}
}
func (r *overlayRenderer) MinSize() fyne.Size           { return fyne.Size{} }
func (r *overlayRenderer) Objects() []fyne.CanvasObject { return r.o.objs }
func (r *overlayRenderer) Destroy()                     {}
func (r *overlayRenderer) Refresh() {
	for _, obj := range r.o.objs {
		obj.Refresh()
	}
}
