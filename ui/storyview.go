package ui

import (
	"fmt"
	"image/color"
	"math"
	"strings"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/storydesk/storydesk/moderation"
)

// StoryView shows a story body as wrapped prose with its spans highlighted
// inline, one colour per group (identifying, abuse, safeguarding). A tap on
// a span toggles its redaction; a tap on a plain word selects it and a
// shift-tap extends the selection (see Selection). Hovering a span shows its
// kind, source, confidence and reason.
//
// In published mode (NewPublishedView) the view shows what will be
// published: redacted spans are replaced by their placeholder, boxed.
//
// RichText cannot do this in Fyne 2.7 (custom segments do not wrap), so the
// view lays out one canvas.Text per word like a typewriter and draws one
// rectangle per line-run of a span.
type StoryView struct {
	widget.BaseWidget

	// OnToggle is called after span i's Redact flag was flipped by a tap or
	// by Toggle.
	OnToggle func(i int)
	// OnSelect is called when the word selection changes.
	OnSelect func(start, end int)

	published bool
	body      string
	spans     []moderation.Span // shared with the caller: Toggle flips Redact in place

	pieces   []piece
	objects  []fyne.CanvasObject
	textSize float32
	textH    float32 // height of one line of text
	lineH    float32 // distance between baselines
	laidW    float32 // width of the last layout
	height   float32 // height of the last layout

	hover      int // span under the mouse, -1 for none
	shift      bool
	selA, selB int // selected byte range, selA == selB for none

	tipBg   *canvas.Rectangle
	tipText [2]*canvas.Text
}

// piece is one word (or one redacted placeholder) of the laid-out text.
type piece struct {
	text       string
	start, end int // byte range of text in the body (the span's for a placeholder)
	ws, we     int // byte range of the whole word (a long word is cut into pieces)
	span       int // index into spans, -1 for plain text
	breaks     int // line breaks before this piece
	space      bool
	w, wSpace  float32 // width without and with its trailing spaces
	pos        fyne.Position
	t          *canvas.Text
	bg         *canvas.Rectangle // covers the line-run this piece starts, else hidden
	mark       *canvas.Rectangle // strike-through (redacted) or underline (kept)
	runW       float32           // width of the run this piece starts (0 if it does not start one)
	runStarter bool
}

// NewStoryView returns an empty view of the original text.
func NewStoryView() *StoryView {
	v := &StoryView{hover: -1}
	v.ExtendBaseWidget(v)
	return v
}

// NewPublishedView returns an empty view of the published text.
func NewPublishedView() *StoryView {
	v := NewStoryView()
	v.published = true
	return v
}

// SetStory shows body with spans. The view keeps spans (not a copy): Toggle
// flips their Redact flag in place, so the caller sees the change. Spans
// must be sorted by Start; one that overlaps its predecessor is not shown.
func (v *StoryView) SetStory(body string, spans []moderation.Span) {
	v.body, v.spans = body, spans
	v.hover, v.selA, v.selB = -1, 0, 0
	v.rebuild()
}

// SetSpans replaces the spans of the current body (after one was added).
func (v *StoryView) SetSpans(spans []moderation.Span) {
	v.spans = spans
	v.hover = -1
	v.rebuild()
}

// Spans returns the spans shown.
func (v *StoryView) Spans() []moderation.Span { return v.spans }

// Toggle flips span i's redaction, redraws and calls OnToggle.
func (v *StoryView) Toggle(i int) {
	if i < 0 || i >= len(v.spans) {
		return
	}
	v.spans[i].Redact = !v.spans[i].Redact
	if v.published {
		v.rebuild()
	} else {
		v.restyle()
		v.placeTip() // its text says what a click does
	}
	if v.OnToggle != nil {
		v.OnToggle(i)
	}
}

// Restyle redraws after the caller changed spans' Redact flags.
func (v *StoryView) Restyle() {
	if v.published {
		v.rebuild()
		return
	}
	v.restyle()
}

// SpanAt returns the index of the span drawn at pos (relative to the view),
// or -1.
func (v *StoryView) SpanAt(pos fyne.Position) int {
	if p := v.pieceAt(pos); p != nil {
		return p.span
	}
	return -1
}

// SpanPos returns a point inside the first word of span i, for tests and
// for scrolling to a span; ok is false if the span is not shown.
func (v *StoryView) SpanPos(i int) (pos fyne.Position, ok bool) {
	for _, p := range v.pieces {
		if p.span == i {
			return p.pos.Add(fyne.NewPos(p.w/2, v.textH/2)), true
		}
	}
	return fyne.Position{}, false
}

// Selection returns the selected byte range; ok is false when nothing is
// selected.
func (v *StoryView) Selection() (start, end int, ok bool) {
	return v.selA, v.selB, v.selA < v.selB
}

// ClearSelection removes the word selection.
func (v *StoryView) ClearSelection() {
	if v.selA == v.selB {
		return
	}
	v.selA, v.selB = 0, 0
	v.restyle()
	if v.OnSelect != nil {
		v.OnSelect(0, 0)
	}
}

func (v *StoryView) pieceAt(pos fyne.Position) *piece {
	for i := range v.pieces {
		p := &v.pieces[i]
		if pos.Y >= p.pos.Y && pos.Y < p.pos.Y+v.lineH && pos.X >= p.pos.X-2 && pos.X < p.pos.X+p.wSpace {
			return p
		}
	}
	return nil
}

// Tapped toggles the redaction of a span, or selects a plain word (a
// shift-tap extends the selection).
func (v *StoryView) Tapped(ev *fyne.PointEvent) {
	p := v.pieceAt(ev.Position)
	shift := v.shift
	v.shift = false
	if p == nil {
		return
	}
	if p.span >= 0 {
		v.Toggle(p.span)
		return
	}
	if v.published {
		return
	}
	// whole words: a long word's pieces are selected together
	switch {
	case shift && v.selA < v.selB:
		v.selA, v.selB = min(v.selA, p.ws), max(v.selB, p.we)
	case v.selA == p.ws && v.selB == p.we:
		v.selA, v.selB = 0, 0
	default:
		v.selA, v.selB = p.ws, p.we
	}
	v.restyle()
	if v.OnSelect != nil {
		v.OnSelect(v.selA, v.selB)
	}
}

// MouseDown remembers the shift key for the Tapped that follows.
func (v *StoryView) MouseDown(ev *desktop.MouseEvent) {
	v.shift = ev.Modifier&fyne.KeyModifierShift != 0
}

// MouseUp is part of desktop.Mouseable.
func (v *StoryView) MouseUp(*desktop.MouseEvent) {}

// MouseIn is part of desktop.Hoverable.
func (v *StoryView) MouseIn(ev *desktop.MouseEvent) { v.MouseMoved(ev) }

// MouseMoved shows the tooltip of the span under the mouse.
func (v *StoryView) MouseMoved(ev *desktop.MouseEvent) { v.setHover(v.SpanAt(ev.Position)) }

// MouseOut hides the tooltip.
func (v *StoryView) MouseOut() { v.setHover(-1) }

// Cursor is a pointer over a span, the default elsewhere.
func (v *StoryView) Cursor() desktop.Cursor {
	if v.hover >= 0 {
		return desktop.PointerCursor
	}
	return desktop.DefaultCursor
}

func (v *StoryView) setHover(i int) {
	if i == v.hover {
		return
	}
	v.hover = i
	v.placeTip()
	// the tip's objects were hidden, so the canvas does not track them:
	// repaint the widget itself
	canvas.Refresh(v)
}

// ShowTip shows span i's tooltip as if the mouse were on it (-1 hides
// it): the keyboard's way to point at a highlight.
func (v *StoryView) ShowTip(i int) { v.setHover(i) }

// Hovered returns the span whose tooltip is shown, or -1.
func (v *StoryView) Hovered() int { return v.hover }

// Tip returns the tooltip's two lines for span i.
func (v *StoryView) Tip(i int) (string, string) {
	s := v.spans[i]
	state := "kept — click to remove"
	if s.Redact {
		state = "removed → " + s.ReplacementText() + " — click to keep"
	}
	line2 := fmt.Sprintf("%s · %.0f%%", sourceLabel(s.Source), s.Confidence*100)
	if s.Reason != "" {
		line2 += " · " + s.Reason
	}
	return s.Kind.Label() + ": " + state, line2
}

func sourceLabel(s moderation.Source) string {
	switch s {
	case moderation.SourceRule:
		return "rule"
	case moderation.SourceAI:
		return "AI suggestion"
	case moderation.SourceModerator:
		return "added by moderator"
	}
	return string(s)
}

// CreateRenderer is part of fyne.Widget.
func (v *StoryView) CreateRenderer() fyne.WidgetRenderer {
	if v.tipBg == nil {
		v.makePieces() // no Refresh here: the renderer is being created
	}
	return &storyRenderer{v: v}
}

type storyRenderer struct{ v *StoryView }

func (r *storyRenderer) Layout(size fyne.Size)        { r.v.layout(size.Width) }
func (r *storyRenderer) MinSize() fyne.Size           { return r.v.minSize() }
func (r *storyRenderer) Objects() []fyne.CanvasObject { return r.v.objects }
func (r *storyRenderer) Destroy()                     {}
func (r *storyRenderer) Refresh() {
	r.v.restyle()
}

// minSize is a narrow width and the height the text takes at the current width.
func (v *StoryView) minSize() fyne.Size {
	w := v.Size().Width
	if w < 1 {
		w = 400
	}
	if w != v.laidW {
		v.layout(w)
	}
	return fyne.NewSize(120, v.height)
}

// rebuild splits the text into pieces, makes their canvas objects and
// redraws.
func (v *StoryView) rebuild() {
	v.makePieces()
	v.Refresh()
}

// A word of more than longWord runes is laid out in pieces of wordChunk
// runes; shorter words never break.
const (
	longWord  = 20
	wordChunk = 8
)

// makePieces splits the text into pieces and makes their canvas objects.
func (v *StoryView) makePieces() {
	v.textSize = theme.SizeForWidget(theme.SizeNameText, v) + 1
	fg := theme.ColorForWidget(theme.ColorNameForeground, v)
	m := fyne.MeasureText("Mg", v.textSize, fyne.TextStyle{})
	v.textH = m.Height
	v.lineH = m.Height + theme.SizeForWidget(theme.SizeNameLineSpacing, v) + 2
	spaceW := fyne.MeasureText(" ", v.textSize, fyne.TextStyle{}).Width

	v.pieces = v.pieces[:0]
	breaks := 0
	add := func(text string, start, end, span int, space bool, nspace int) {
		style := fyne.TextStyle{}
		if v.published && span >= 0 {
			style.Italic = true
		}
		w := fyne.MeasureText(text, v.textSize, style).Width
		t := canvas.NewText(text, fg)
		t.TextSize = v.textSize
		t.TextStyle = style
		v.pieces = append(v.pieces, piece{
			text: text, start: start, end: end, ws: start, we: end, span: span, breaks: breaks, space: space,
			w: w, wSpace: w + float32(nspace)*spaceW, t: t,
		})
		breaks = 0
	}
	// words splits body[from:to] into pieces; each absorbs the spaces after it.
	words := func(from, to, span int) {
		i := from
		for i < to {
			switch v.body[i] {
			case '\n':
				breaks++
				i++
				continue
			case ' ', '\t', '\r':
				// spaces at a paragraph start or after a span
				if len(v.pieces) > 0 && breaks == 0 {
					v.pieces[len(v.pieces)-1].wSpace += spaceW
					v.pieces[len(v.pieces)-1].space = true
				}
				i++
				continue
			}
			j := i
			for j < to && !strings.ContainsRune(" \t\r\n", rune(v.body[j])) {
				j++
			}
			k := j
			for k < to && (v.body[k] == ' ' || v.body[k] == '\t') {
				k++
			}
			if j-i <= longWord || utf8.RuneCountInString(v.body[i:j]) <= longWord {
				add(v.body[i:j], i, j, span, k > j, k-j)
				i = k
				continue
			}
			// a long word (a URL) becomes glued pieces of wordChunk runes,
			// so that layout can break it where the line ends
			for a := i; a < j; {
				b, n := a, 0
				for b < j && n < wordChunk {
					_, size := utf8.DecodeRuneInString(v.body[b:j])
					b, n = b+size, n+1
				}
				if b == j {
					add(v.body[a:b], a, b, span, k > j, k-j)
				} else {
					add(v.body[a:b], a, b, span, false, 0)
				}
				v.pieces[len(v.pieces)-1].ws, v.pieces[len(v.pieces)-1].we = i, j
				a = b
			}
			i = k
		}
	}
	at := 0
	for si, s := range v.spans {
		if s.Start < at || s.End > len(v.body) || s.Start >= s.End {
			continue // overlapping or out of range: not shown
		}
		words(at, s.Start, -1)
		if v.published && s.Redact {
			add(s.ReplacementText(), s.Start, s.End, si, false, 0)
		} else if v.published {
			words(s.Start, s.End, -1)
		} else {
			words(s.Start, s.End, si)
		}
		at = s.End
	}
	words(at, len(v.body), -1)

	v.objects = v.objects[:0]
	for i := range v.pieces {
		p := &v.pieces[i]
		if p.span >= 0 {
			p.bg = canvas.NewRectangle(color.Transparent)
			p.mark = canvas.NewRectangle(color.Transparent)
			v.objects = append(v.objects, p.bg)
		}
	}
	// selection backgrounds for plain words reuse a per-piece rectangle too
	for i := range v.pieces {
		p := &v.pieces[i]
		if p.span < 0 && !v.published {
			p.bg = canvas.NewRectangle(color.Transparent)
			v.objects = append(v.objects, p.bg)
		}
	}
	for i := range v.pieces {
		v.objects = append(v.objects, v.pieces[i].t)
		if m := v.pieces[i].mark; m != nil {
			v.objects = append(v.objects, m)
		}
	}
	v.tipBg = canvas.NewRectangle(theme.ColorForWidget(theme.ColorNameOverlayBackground, v))
	v.tipBg.StrokeColor = theme.ColorForWidget(theme.ColorNameInputBorder, v)
	v.tipBg.StrokeWidth = 1
	v.tipBg.CornerRadius = 4
	v.tipBg.Hide()
	v.objects = append(v.objects, v.tipBg)
	for i := range v.tipText {
		v.tipText[i] = canvas.NewText("", fg)
		v.tipText[i].TextSize = theme.SizeForWidget(theme.SizeNameCaptionText, v) + 1
		v.tipText[i].Hide()
		v.objects = append(v.objects, v.tipText[i])
	}
	v.tipText[0].TextStyle.Bold = true

	v.laidW = -1
	if w := v.Size().Width; w > 0 {
		v.layout(w)
	}
	v.restyle()
}

// layout places the pieces for width w like a typewriter: a word that does
// not fit starts a new line; a line break starts a new line, a blank line
// adds a paragraph gap. Words glued without a space (a name and its comma)
// wrap together.
func (v *StoryView) layout(w float32) {
	const pad = 4
	if w == v.laidW && len(v.pieces) > 0 {
		return
	}
	v.laidW = w
	avail := w - 2*pad
	x, y := float32(0), float32(pad)
	for i := range v.pieces {
		p := &v.pieces[i]
		if p.breaks > 0 {
			x = 0
			y += v.lineH + float32(p.breaks-1)*v.lineH*0.6
		}
		glued := i > 0 && !v.pieces[i-1].space && p.breaks == 0
		if x > 0 {
			need := p.w
			if !glued {
				need = v.groupWidth(i)
			}
			if x+need > avail {
				x = 0
				y += v.lineH
			}
		}
		// whole pixels: text at fractional positions renders blurred
		p.pos = fyne.NewPos(float32(math.Round(float64(pad+x))), float32(math.Round(float64(y))))
		p.t.Move(p.pos)
		p.t.Resize(fyne.NewSize(p.w, v.textH))
		x += p.wSpace
	}
	v.height = y + v.lineH + pad
	v.placeRuns()
	v.placeTip()
}

// groupWidth is the width of the words from i that are glued together.
func (v *StoryView) groupWidth(i int) float32 {
	var w float32
	for ; i < len(v.pieces); i++ {
		p := v.pieces[i]
		if p.space || i+1 == len(v.pieces) || v.pieces[i+1].breaks > 0 {
			return w + p.w
		}
		w += p.wSpace
	}
	return w
}

// runKey groups pieces into runs: the same span, or both selected.
func (v *StoryView) runKey(p piece) int {
	if p.span >= 0 {
		return p.span
	}
	if v.selected(p) {
		return -2
	}
	return -1
}

func (v *StoryView) selected(p piece) bool {
	return p.span < 0 && v.selA < v.selB && p.start >= v.selA && p.end <= v.selB
}

// placeRuns sizes one background rectangle per line-run: separate
// rectangles per word would overlap and show seams with translucent fills.
func (v *StoryView) placeRuns() {
	for i := range v.pieces {
		p := &v.pieces[i]
		key := v.runKey(*p)
		starts := key != -1 && (i == 0 || v.runKey(v.pieces[i-1]) != key || v.pieces[i-1].pos.Y != p.pos.Y)
		p.runStarter = starts
		p.runW = 0
		if starts {
			j := i
			for j+1 < len(v.pieces) && v.runKey(v.pieces[j+1]) == key && v.pieces[j+1].pos.Y == p.pos.Y {
				j++
			}
			last := v.pieces[j]
			p.runW = last.pos.X + last.w - p.pos.X
		}
		if p.bg == nil {
			continue
		}
		if starts {
			p.bg.Move(p.pos.Subtract(fyne.NewPos(2, 1)))
			p.bg.Resize(fyne.NewSize(p.runW+4, v.textH+2))
			p.bg.Show()
		} else {
			p.bg.Hide()
		}
		if p.mark != nil {
			if starts {
				p.mark.Show()
			} else {
				p.mark.Hide()
			}
		}
	}
	v.placeMarks()
}

// placeMarks puts the strike-through (redacted) or underline (kept) of each run.
func (v *StoryView) placeMarks() {
	for i := range v.pieces {
		p := &v.pieces[i]
		if p.mark == nil || !p.runStarter {
			continue
		}
		s := v.spans[p.span]
		switch {
		case v.published:
			p.mark.Hide()
		case s.Redact:
			p.mark.Move(fyne.NewPos(p.pos.X-1, p.pos.Y+v.textH*0.52))
			p.mark.Resize(fyne.NewSize(p.runW+2, 1.6))
			p.mark.Show()
		default:
			p.mark.Move(fyne.NewPos(p.pos.X-2, p.pos.Y+v.textH-1))
			p.mark.Resize(fyne.NewSize(p.runW+4, 2))
			p.mark.Show()
		}
	}
}

// possibleBelow is the confidence below which a kept highlight is drawn
// fainter: a sentence the engine flags only because it stands beside a
// safeguarding concern ("may be part of the concern"), read with the rest
// rather than acted on alone.
const possibleBelow = 0.5

// restyle sets colours from the spans' state and the selection; only
// objects whose colour changed are refreshed.
func (v *StoryView) restyle() {
	fg := theme.ColorForWidget(theme.ColorNameForeground, v)
	sel := theme.ColorForWidget(theme.ColorNameSelection, v)
	if len(v.pieces) > 0 && v.laidW > 0 {
		v.placeRuns() // the selection changes the runs
	}
	for i := range v.pieces {
		p := &v.pieces[i]
		var bg, mark color.Color = color.Transparent, color.Transparent
		switch {
		case p.span >= 0:
			s := v.spans[p.span]
			g := s.Kind.Group()
			switch {
			case v.published:
				bg = GroupColor(g, 0x55)
			case s.Redact:
				bg, mark = GroupColor(g, 0x88), fg
			case s.Confidence < possibleBelow:
				bg, mark = GroupColor(g, 0x18), GroupColor(g, 0x80)
			default:
				bg, mark = GroupColor(g, 0x30), GroupColor(g, 0xff)
			}
		case v.selected(*p):
			bg = sel
		}
		setFill(p.bg, bg)
		setFill(p.mark, mark)
		if p.t.Color != fg {
			p.t.Color = fg
			p.t.Refresh()
		}
	}
}

func setFill(r *canvas.Rectangle, c color.Color) {
	if r == nil || r.FillColor == c {
		return
	}
	r.FillColor = c
	r.Refresh()
}

// placeTip shows the tooltip of the hovered span above its first word
// (below it on the first line).
func (v *StoryView) placeTip() {
	if v.tipBg == nil {
		return
	}
	pos, ok := fyne.Position{}, false
	if v.hover >= 0 && v.hover < len(v.spans) {
		for _, p := range v.pieces {
			if p.span == v.hover {
				pos, ok = p.pos, true
				break
			}
		}
	}
	if !ok {
		v.tipBg.Hide()
		v.tipText[0].Hide()
		v.tipText[1].Hide()
		v.tipBg.Refresh()
		return
	}
	l1, l2 := v.Tip(v.hover)
	v.tipText[0].Text, v.tipText[1].Text = l1, l2
	var w float32
	var h float32
	for _, t := range v.tipText {
		s := fyne.MeasureText(t.Text, t.TextSize, t.TextStyle)
		w = max(w, s.Width)
		h = s.Height
	}
	boxW, boxH := w+12, 2*h+10
	x := min(pos.X, max(0, v.laidW-boxW))
	y := pos.Y - boxH - 4
	if y < 0 {
		y = pos.Y + v.lineH + 2
	}
	v.tipBg.Move(fyne.NewPos(x, y))
	v.tipBg.Resize(fyne.NewSize(boxW, boxH))
	for i, t := range v.tipText {
		t.Move(fyne.NewPos(x+6, y+5+float32(i)*h))
		t.Resize(fyne.NewSize(w, h))
		t.Show()
		t.Refresh()
	}
	v.tipBg.Show()
	v.tipBg.Refresh()
}

// GroupColor is the highlight colour of a group with the given alpha:
// amber for identifying details, red for abuse, violet for safeguarding.
func GroupColor(g moderation.Group, alpha uint8) color.NRGBA {
	switch g {
	case moderation.Identifying:
		return color.NRGBA{R: 0xF2, G: 0xA9, B: 0x00, A: alpha}
	case moderation.AbuseGroup:
		return color.NRGBA{R: 0xE5, G: 0x39, B: 0x35, A: alpha}
	case moderation.SafeguardingGrp:
		return color.NRGBA{R: 0x9C, G: 0x4D, B: 0xCC, A: alpha}
	}
	return color.NRGBA{R: 0x80, G: 0x80, B: 0x80, A: alpha}
}
