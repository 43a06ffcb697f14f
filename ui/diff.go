package ui

import (
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/storydesk/storydesk/moderation"
	"github.com/storydesk/storydesk/moderation/history"
)

// DiffView shows a story's original text beside its published text. On the
// original side each removed range is red and bold with its kind after it
// ("Kelly ⟨Name⟩"); on the published side the text put in its place is
// blue and bold. Read-only.
type DiffView struct {
	Original  *widget.RichText
	Published *widget.RichText
	Notice    *widget.Label // how the diff was made, or why there is none
	box       fyne.CanvasObject
}

// NewDiffView returns an empty diff view.
func NewDiffView() *DiffView {
	v := &DiffView{Original: widget.NewRichText(), Published: widget.NewRichText(), Notice: widget.NewLabel("")}
	v.Original.Wrapping = fyne.TextWrapWord
	v.Published.Wrapping = fyne.TextWrapWord
	v.Notice.Wrapping = fyne.TextWrapWord
	v.Notice.Importance = widget.LowImportance
	side := func(title string, rt *widget.RichText) fyne.CanvasObject {
		h := widget.NewLabelWithStyle(title, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		return container.NewBorder(h, nil, nil, nil, container.NewVScroll(rt))
	}
	v.box = container.NewBorder(v.Notice, nil, nil, nil,
		container.NewGridWithColumns(2, side("Original", v.Original), side("Published", v.Published)))
	return v
}

// Content is the view's canvas object.
func (v *DiffView) Content() fyne.CanvasObject { return v.box }

// Show diffs d against the original body (empty when the story is not
// stored locally: only the published text is shown).
func (v *DiffView) Show(body string, d moderation.Decision) {
	switch {
	case body == "":
		v.Original.Segments = plainSegments("The original text is not stored on this computer.")
		v.Published.Segments = plainSegments(d.PublishedBody)
		v.Notice.SetText("")
	case d.Action != moderation.Publish && d.Action != moderation.PublishWithChanges && d.PublishedBody == "":
		o, _, _ := history.Diff(body, d)
		v.Original.Segments = diffSegments(o, false)
		v.Published.Segments = plainSegments("Not published (" + d.Action.Label() + ").")
		v.Notice.SetText(redactionCount(d))
	default:
		o, p, exact := history.Diff(body, d)
		v.Original.Segments = diffSegments(o, false)
		v.Published.Segments = diffSegments(p, true)
		if exact {
			v.Notice.SetText(redactionCount(d))
		} else {
			v.Notice.SetText("The published text was edited beyond its redactions: word-by-word differences are marked.")
		}
	}
	v.Original.Refresh()
	v.Published.Refresh()
}

func redactionCount(d moderation.Decision) string {
	switch n := len(d.Redactions); n {
	case 0:
		return "No redactions."
	case 1:
		return "1 redaction, marked in both texts."
	default:
		return strconv.Itoa(n) + " redactions, marked in both texts."
	}
}

// Marked returns the changed runs of text on each side, for tests.
func (v *DiffView) Marked() (removed, added []string) {
	collect := func(rt *widget.RichText) []string {
		var out []string
		for _, s := range rt.Segments {
			if t, ok := s.(*widget.TextSegment); ok && t.Style.TextStyle.Bold {
				out = append(out, t.Text)
			}
		}
		return out
	}
	return collect(v.Original), collect(v.Published)
}

func plainSegments(text string) []widget.RichTextSegment {
	return []widget.RichTextSegment{&widget.TextSegment{Text: text, Style: widget.RichTextStyleInline}}
}

// diffSegments turns diff segments into rich text; paragraphs ("\n\n")
// become separate paragraphs so the text wraps as the story does.
func diffSegments(segs []history.Segment, published bool) []widget.RichTextSegment {
	var out []widget.RichTextSegment
	for _, s := range segs {
		style := widget.RichTextStyleInline
		if s.Changed {
			style.TextStyle = fyne.TextStyle{Bold: true}
			style.ColorName = theme.ColorNameError
			if published {
				style.ColorName = theme.ColorNamePrimary
			}
		}
		out = append(out, textRuns(s.Text, style)...)
		if s.Changed && !published && s.Kind != "" {
			tag := widget.RichTextStyleInline
			tag.ColorName = theme.ColorNameDisabled
			tag.SizeName = theme.SizeNameCaptionText
			out = append(out, &widget.TextSegment{Text: " ⟨" + s.Kind.Label() + "⟩", Style: tag})
		}
	}
	return out
}

// textRuns splits text at newlines: an inline TextSegment ignores "\n", so
// each line break ends a paragraph segment.
func textRuns(text string, style widget.RichTextStyle) []widget.RichTextSegment {
	var out []widget.RichTextSegment
	start := 0
	for i := 0; i < len(text); i++ {
		if text[i] != '\n' {
			continue
		}
		para := style
		para.Inline = false
		out = append(out, &widget.TextSegment{Text: text[start:i], Style: para})
		start = i + 1
	}
	if start < len(text) {
		out = append(out, &widget.TextSegment{Text: text[start:], Style: style})
	}
	return out
}
