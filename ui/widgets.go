package ui

import (
	"image/color"
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/storydesk/storydesk/moderation"
)

// escEntry is a single-line Entry that gives the keyboard back to the
// window on Esc, so that J/K/A/R… work again without the mouse.
type escEntry struct {
	widget.Entry
	canvas fyne.Canvas
}

func newEscEntry(c fyne.Canvas, placeholder string) *escEntry {
	e := &escEntry{canvas: c}
	e.ExtendBaseWidget(e)
	e.PlaceHolder = placeholder
	return e
}

// TypedKey unfocuses the entry on Esc.
func (e *escEntry) TypedKey(k *fyne.KeyEvent) {
	if k.Name == fyne.KeyEscape {
		e.canvas.Unfocus()
		return
	}
	e.Entry.TypedKey(k)
}

// badge is a small rounded label with a coloured background.
type badge struct {
	bg   *canvas.Rectangle
	text *canvas.Text
	box  *fyne.Container
}

func newBadge() *badge {
	b := &badge{bg: canvas.NewRectangle(color.Transparent), text: canvas.NewText("", color.White)}
	b.bg.CornerRadius = 4
	b.text.TextSize = 11
	b.text.TextStyle.Bold = true
	b.box = container.NewStack(b.bg, container.New(&padLayout{h: 5, v: 2}, b.text))
	return b
}

func (b *badge) set(text string, bg, fg color.Color) {
	if text == "" {
		b.box.Hide()
		return
	}
	b.text.Text, b.text.Color, b.bg.FillColor = text, fg, bg
	b.box.Show()
	b.box.Refresh()
}

// padLayout pads its single child by fixed amounts (smaller than theme padding).
type padLayout struct{ h, v float32 }

func (p *padLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objs {
		o.Move(fyne.NewPos(p.h, p.v))
		o.Resize(size.SubtractWidthHeight(2*p.h, 2*p.v))
	}
}

func (p *padLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var s fyne.Size
	for _, o := range objs {
		s = s.Max(o.MinSize())
	}
	return s.AddWidthHeight(2*p.h, 2*p.v)
}

// swatch is the legend chip for a group.
func swatch(g moderation.Group, label string) fyne.CanvasObject {
	r := canvas.NewRectangle(GroupColor(g, 0x88))
	r.CornerRadius = 3
	r.SetMinSize(fyne.NewSize(14, 14))
	l := widget.NewLabel(label)
	return container.NewHBox(container.NewCenter(r), l)
}

// StatusBar is the foot of the window, two lines so that nothing is cut
// at 1280 px: the last message across the whole width, then the queue
// counts, a note (e.g. AI off), the sync status and the window's extra
// buttons.
type StatusBar struct {
	counts  *widget.Label
	message *widget.Label
	note    *widget.Label
	sync    *widget.Label
	box     *fyne.Container // the counts line; build adds the extras on its right
}

func newStatusBar() *StatusBar {
	s := &StatusBar{counts: widget.NewLabel(""), message: widget.NewLabel(""), note: widget.NewLabel(""), sync: widget.NewLabel("")}
	s.message.Truncation = fyne.TextTruncateEllipsis
	s.counts.TextStyle.Bold = true
	s.note.SizeName = theme.SizeNameCaptionText
	s.note.Truncation = fyne.TextTruncateEllipsis
	s.note.Hide()
	s.box = container.NewBorder(nil, nil, s.counts, s.sync, s.note)
	return s
}

// lines is the status bar with extra widgets at the right of the counts line.
func (s *StatusBar) lines(extra []fyne.CanvasObject) fyne.CanvasObject {
	counts := fyne.CanvasObject(s.box)
	if len(extra) > 0 {
		counts = container.NewBorder(nil, nil, nil, container.NewHBox(extra...), s.box)
	}
	return container.New(&rowsLayout{}, s.message, counts)
}

// SetCounts shows the queue figures.
func (s *StatusBar) SetCounts(c moderation.Counts) {
	s.counts.SetText(countsText(c))
}

func countsText(c moderation.Counts) string {
	t := "Pending " + strconv.Itoa(c.Pending) + " · Done " + strconv.Itoa(c.Done) + " · Escalated " + strconv.Itoa(c.Escalated+c.Held) +
		" · Unpushed " + strconv.Itoa(c.Unpushed)
	if c.Conflicts > 0 {
		t += " · Conflicts " + strconv.Itoa(c.Conflicts)
	}
	return t
}

// SetMessage shows a short message (the last action, an error).
func (s *StatusBar) SetMessage(text string) { s.message.SetText(text) }

// SetSync shows the sync status ("Offline", "Synced 10:42"); the sync
// engine calls it through fyne.Do.
func (s *StatusBar) SetSync(text string) { s.sync.SetText(text) }

// Counts returns the text of the counts.
func (s *StatusBar) Counts() string { return s.counts.Text }

// Message returns the text of the last message.
func (s *StatusBar) Message() string { return s.message.Text }

// SetNote shows a standing note beside the counts ("" hides it): a
// setting the moderator should know about, such as AI being off.
func (s *StatusBar) SetNote(text string) {
	s.note.SetText(text)
	if text == "" {
		s.note.Hide()
	} else {
		s.note.Show()
	}
}

// Note returns the text of the standing note.
func (s *StatusBar) Note() string { return s.note.Text }

func heading(text string) *widget.Label {
	l := widget.NewLabelWithStyle(text, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	return l
}

func safeguardingColor() color.Color { return GroupColor(moderation.SafeguardingGrp, 0xff) }
