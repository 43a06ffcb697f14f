package ui

import (
	"fmt"
	"image/color"
	"io"
	"strconv"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/storydesk/storydesk/moderation"
	"github.com/storydesk/storydesk/moderation/history"
)

// ActionColor is the chart colour of an action.
func ActionColor(a moderation.Action) color.NRGBA {
	switch a {
	case moderation.Publish:
		return color.NRGBA{R: 0x2E, G: 0x7D, B: 0x32, A: 0xff}
	case moderation.PublishWithChanges:
		return color.NRGBA{R: 0xF2, G: 0xA9, B: 0x00, A: 0xff}
	case moderation.Reject:
		return color.NRGBA{R: 0xC6, G: 0x28, B: 0x28, A: 0xff}
	case moderation.Escalate:
		return color.NRGBA{R: 0x9C, G: 0x4D, B: 0xCC, A: 0xff}
	case moderation.Hold:
		return color.NRGBA{R: 0x60, G: 0x7D, B: 0x8B, A: 0xff}
	}
	return color.NRGBA{R: 0x80, G: 0x80, B: 0x80, A: 0xff}
}

// figuresView shows per-moderator weekly figures of the filtered history:
// a stacked bar chart (stories decided, coloured by action) and a table.
type figuresView struct {
	s       *Supervisor
	figs    []history.Figure
	chart   *BarChart
	table   *widget.Table
	content fyne.CanvasObject
}

var figureHeaders = []string{"Moderator", "Week of", "Decided", "Approve", "With redactions", "Reject", "Escalate", "Hold", "Median time", "Flags acted on / kept"}

func newFiguresView(s *Supervisor) *figuresView {
	f := &figuresView{s: s, chart: NewBarChart()}
	f.table = widget.NewTableWithHeaders(
		func() (int, int) { return len(f.figs), len(figureHeaders) },
		func() fyne.CanvasObject { return widget.NewLabel("template") },
		func(id widget.TableCellID, o fyne.CanvasObject) {
			if id.Row < len(f.figs) {
				o.(*widget.Label).SetText(figureCell(f.figs[id.Row], id.Col))
			}
		})
	f.table.ShowHeaderColumn = false
	f.table.UpdateHeader = func(id widget.TableCellID, o fyne.CanvasObject) {
		if id.Col >= 0 && id.Col < len(figureHeaders) {
			o.(*widget.Label).SetText(figureHeaders[id.Col])
		}
	}
	for i, w := range []float32{100, 100, 70, 80, 130, 70, 80, 60, 100, 160} {
		f.table.SetColumnWidth(i, w)
	}
	legend := container.NewHBox()
	for _, a := range moderation.Actions {
		sw := canvas.NewRectangle(ActionColor(a))
		sw.SetMinSize(fyne.NewSize(14, 14))
		legend.Add(container.NewHBox(container.NewCenter(sw), widget.NewLabel(a.Label())))
	}
	note := widget.NewLabel("Figures cover the decisions the History filters select. Time per story is the gap between a moderator's consecutive decisions (pauses over 20 minutes are breaks).")
	note.Wrapping = fyne.TextWrapWord
	note.Importance = widget.LowImportance
	exportFigs := widget.NewButton("Export figures CSV…", func() {
		s.export("figures.csv", func(w io.Writer) error { return history.WriteFiguresCSV(w, f.figs) })
	})
	exportHist := widget.NewButton("Export history CSV…", func() { s.export("history.csv", s.WriteCSV) })
	top := container.NewVBox(container.NewBorder(nil, nil, nil, container.NewHBox(exportHist, exportFigs), legend), f.chart)
	f.content = container.NewBorder(top, note, nil, nil, f.table)
	return f
}

func (f *figuresView) update(rows []history.Entry) {
	f.figs = history.Figures(rows)
	var bars []Bar
	for _, g := range f.figs {
		b := Bar{Label: g.Moderator + "\n" + g.Week.Format("2 Jan")}
		for _, a := range moderation.Actions {
			b.Parts = append(b.Parts, BarPart{Value: float64(g.Actions[a]), Color: ActionColor(a)})
		}
		bars = append(bars, b)
	}
	f.chart.SetBars(bars)
	f.table.Refresh()
}

func figureCell(g history.Figure, col int) string {
	pct := func(a moderation.Action) string { return strconv.Itoa(int(g.Share(a)*100+0.5)) + "%" }
	switch col {
	case 0:
		return g.Moderator
	case 1:
		return g.Week.Format("2006-01-02")
	case 2:
		return strconv.Itoa(g.Decided)
	case 3:
		return pct(moderation.Publish)
	case 4:
		return pct(moderation.PublishWithChanges)
	case 5:
		return pct(moderation.Reject)
	case 6:
		return pct(moderation.Escalate)
	case 7:
		return pct(moderation.Hold)
	case 8:
		if g.Timed == 0 {
			return "–"
		}
		return g.MedianTime.Round(time.Second).String()
	case 9:
		return fmt.Sprintf("%d / %d", g.Accepted, g.Dismissed)
	}
	return ""
}

// Bar is one stacked bar of a BarChart.
type Bar struct {
	Label string
	Parts []BarPart
}

// BarPart is one coloured slice of a bar.
type BarPart struct {
	Value float64
	Color color.Color
}

// BarChart is a small stacked bar chart drawn with canvas rectangles, the
// value of each bar written above it and its label below.
type BarChart struct {
	widget.BaseWidget
	bars   []Bar
	height float32
}

// NewBarChart returns an empty chart 160 units high.
func NewBarChart() *BarChart {
	c := &BarChart{height: 160}
	c.ExtendBaseWidget(c)
	return c
}

// SetBars replaces the bars and redraws.
func (c *BarChart) SetBars(bars []Bar) {
	c.bars = bars
	c.Refresh()
}

// Bars returns the bars shown.
func (c *BarChart) Bars() []Bar { return c.bars }

// CreateRenderer implements fyne.Widget.
func (c *BarChart) CreateRenderer() fyne.WidgetRenderer {
	r := &barRenderer{c: c}
	r.build()
	return r
}

type barRenderer struct {
	c       *BarChart
	objects []fyne.CanvasObject
	axis    *canvas.Line
	empty   *canvas.Text
	rects   [][]*canvas.Rectangle
	totals  []*canvas.Text
	labels  []*canvas.Text
}

func (r *barRenderer) build() {
	fg := theme.Color(theme.ColorNameForeground)
	r.axis = canvas.NewLine(theme.Color(theme.ColorNameDisabled))
	r.empty = canvas.NewText("No decisions in the filtered history.", theme.Color(theme.ColorNameDisabled))
	r.objects = []fyne.CanvasObject{r.axis, r.empty}
	r.rects, r.totals, r.labels = nil, nil, nil
	for _, b := range r.c.bars {
		var rs []*canvas.Rectangle
		total := 0.0
		for _, p := range b.Parts {
			rect := canvas.NewRectangle(p.Color)
			rs = append(rs, rect)
			r.objects = append(r.objects, rect)
			total += p.Value
		}
		r.rects = append(r.rects, rs)
		t := canvas.NewText(strconv.FormatFloat(total, 'f', -1, 64), fg)
		t.TextSize = 11
		t.Alignment = fyne.TextAlignCenter
		r.totals = append(r.totals, t)
		l := canvas.NewText(b.Label, fg)
		l.TextSize = 10
		l.Alignment = fyne.TextAlignCenter
		r.labels = append(r.labels, l)
		r.objects = append(r.objects, t, l)
	}
	if len(r.c.bars) > 0 {
		r.empty.Hide()
	}
}

func (r *barRenderer) Layout(size fyne.Size) {
	const labelH, totalH, pad = 30, 14, 6
	plotH := size.Height - labelH - totalH
	base := totalH + plotH
	r.axis.Position1 = fyne.NewPos(0, base)
	r.axis.Position2 = fyne.NewPos(size.Width, base)
	r.empty.Move(fyne.NewPos(pad, plotH/2))
	n := len(r.c.bars)
	if n == 0 {
		return
	}
	max := 0.0
	for _, b := range r.c.bars {
		t := 0.0
		for _, p := range b.Parts {
			t += p.Value
		}
		if t > max {
			max = t
		}
	}
	if max == 0 {
		max = 1
	}
	slot := size.Width / float32(n)
	barW := min(slot-2*pad, 48)
	for i, b := range r.c.bars {
		x := float32(i)*slot + (slot-barW)/2
		y := base
		for j, p := range b.Parts {
			h := float32(p.Value/max) * plotH
			y -= h
			r.rects[i][j].Move(fyne.NewPos(x, y))
			r.rects[i][j].Resize(fyne.NewSize(barW, h))
		}
		r.totals[i].Move(fyne.NewPos(float32(i)*slot, y-totalH))
		r.totals[i].Resize(fyne.NewSize(slot, totalH))
		// first line of the label only: canvas.Text does not wrap
		lines := splitLines(b.Label)
		r.labels[i].Text = lines[0]
		if len(lines) > 1 {
			r.labels[i].Text = lines[0] + " · " + lines[1]
		}
		r.labels[i].Move(fyne.NewPos(float32(i)*slot, base+4))
		r.labels[i].Resize(fyne.NewSize(slot, 12))
	}
}

func splitLines(s string) []string {
	for i := 0; i < len(s); i++ {
		if s[i] == '\n' {
			return []string{s[:i], s[i+1:]}
		}
	}
	return []string{s}
}

func (r *barRenderer) MinSize() fyne.Size { return fyne.NewSize(200, r.c.height) }

func (r *barRenderer) Refresh() {
	r.build()
	r.Layout(r.c.Size())
	canvas.Refresh(r.c)
}

func (r *barRenderer) Objects() []fyne.CanvasObject { return r.objects }
func (r *barRenderer) Destroy()                     {}
