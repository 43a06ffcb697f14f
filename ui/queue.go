package ui

import (
	"image/color"
	"strconv"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"github.com/storydesk/storydesk/moderation"
)

// queueRow is the template of one queue line: title, service and age,
// badges for safeguarding and the number of flags.
type queueRow struct {
	title, meta *widget.Label
	guard, flag *badge
}

func newQueueRow() fyne.CanvasObject {
	r := &queueRow{title: widget.NewLabel(""), meta: widget.NewLabel(""), guard: newBadge(), flag: newBadge()}
	r.title.TextStyle.Bold = true
	r.title.Truncation = fyne.TextTruncateEllipsis
	r.meta.Truncation = fyne.TextTruncateEllipsis
	badges := container.NewHBox(r.guard.box, r.flag.box)
	h := &rowHolder{row: r, content: container.New(&rowsLayout{}, r.title,
		container.NewBorder(nil, nil, nil, container.NewCenter(badges), r.meta))}
	h.ExtendBaseWidget(h)
	return h
}

// rowHolder is a widget around the row so that UpdateItem finds its labels.
type rowHolder struct {
	widget.BaseWidget
	row     *queueRow
	content *fyne.Container
}

// CreateRenderer is part of fyne.Widget.
func (h *rowHolder) CreateRenderer() fyne.WidgetRenderer { return widget.NewSimpleRenderer(h.content) }

func updateQueueRow(o fyne.CanvasObject, it moderation.QueueItem, now time.Time) {
	h, ok := o.(*rowHolder)
	if !ok {
		return
	}
	r := h.row
	r.title.SetText(it.Title)
	meta := it.Service
	if !it.SubmittedAt.IsZero() {
		meta = age(now, it.SubmittedAt) + " · " + meta
	}
	if it.Action != "" && it.Status != moderation.StatusPending {
		meta = it.Action.Label() + " · " + meta
	}
	r.meta.SetText(meta)
	if it.Threat {
		r.guard.set("THREAT", GroupColor(moderation.AbuseGroup, 0xff), color.White)
	} else if it.Safeguarding {
		r.guard.set("SAFEGUARDING", safeguardingColor(), color.White)
	} else {
		r.guard.set("", nil, nil)
	}
	switch {
	case it.Flags == 1:
		r.flag.set("1 flag", color.NRGBA{0x60, 0x6B, 0x78, 0xff}, color.White)
	case it.Flags > 1:
		r.flag.set(strconv.Itoa(it.Flags)+" flags", color.NRGBA{0x60, 0x6B, 0x78, 0xff}, color.White)
	default:
		r.flag.set("", nil, nil)
	}
}

// rowsLayout stacks the title and meta labels with less space than a VBox.
type rowsLayout struct{}

func (rowsLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	y := float32(0)
	for _, o := range objs {
		h := o.MinSize().Height - 8
		o.Move(fyne.NewPos(0, y-4))
		o.Resize(fyne.NewSize(size.Width, h+8))
		y += h
	}
}

func (rowsLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var w, h float32
	for _, o := range objs {
		m := o.MinSize()
		w = max(w, m.Width)
		h += m.Height - 8
	}
	return fyne.NewSize(w, h+4)
}
