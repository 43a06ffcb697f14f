package ui

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/storydesk/storydesk/moderation"
	"github.com/storydesk/storydesk/moderation/training"
)

// ScoreCard shows how a trainee did: on one case (figures, the decision
// against gold, and the text with misses and unneeded redactions marked)
// or over a whole run (totals and one line per case).
type ScoreCard struct {
	Headline *widget.Label
	Figures  *widget.Label
	Decision *widget.Label
	Text     *widget.RichText // the case text with misses marked (case cards)
	Cases    *widget.Label    // one line per case (run cards)
	CaseList *widget.List     // the same lines, to pick a case (run cards)
	Selected *ScoreCard       // the case picked in CaseList
	Notes    *widget.Label
	message  *widget.Label
	box      fyne.CanvasObject
}

func newScoreCard() *ScoreCard {
	c := &ScoreCard{
		Headline: widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		Figures:  wrapLabel(), Decision: wrapLabel(), Cases: wrapLabel(), Notes: wrapLabel(), message: wrapLabel(),
		Text: widget.NewRichText(),
	}
	c.Headline.Wrapping = fyne.TextWrapWord
	c.Headline.SizeName = theme.SizeNameSubHeadingText
	c.Text.Wrapping = fyne.TextWrapWord
	c.Notes.Importance = widget.LowImportance
	c.message.Importance = widget.SuccessImportance
	return c
}

// Content is the card's canvas object.
func (c *ScoreCard) Content() fyne.CanvasObject { return c.box }

// SetMessage shows a line under the headline (e.g. "Results saved").
func (c *ScoreCard) SetMessage(text string) {
	if strings.Contains(text, "NOT") {
		c.message.Importance = widget.DangerImportance
	}
	c.message.SetText(text)
}

func pct(x float64) string { return fmt.Sprintf("%.0f%%", x*100) }

func roundDur(d time.Duration) string { return d.Round(time.Second).String() }

// NewCaseScoreCard shows case c's score; n is its number (1-based after
// Submit moved on) of total.
func NewCaseScoreCard(c *training.Case, sc training.CaseScore, n, total int) *ScoreCard {
	card := newScoreCard()
	card.Headline.SetText(fmt.Sprintf("Case %d of %d: %s", n, total, caseLabel(c)))
	card.Figures.SetText(caseFigures(sc))
	card.Decision.SetText(decisionLine(sc))
	card.Text.Segments = missSegments(c.Story.Body, c.GoldRedactions(), sc)
	card.Text.Refresh()
	if c.Notes != "" {
		card.Notes.SetText("Labeller's note: " + c.Notes)
	}
	legend := widget.NewRichText(
		&widget.TextSegment{Text: "Found ", Style: markStyle(theme.ColorNameSuccess)},
		&widget.TextSegment{Text: " · ", Style: widget.RichTextStyleInline},
		&widget.TextSegment{Text: "Missed ", Style: markStyle(theme.ColorNameError)},
		&widget.TextSegment{Text: " · ", Style: widget.RichTextStyleInline},
		&widget.TextSegment{Text: "Removed but not needed", Style: markStyle(theme.ColorNameWarning)},
	)
	card.box = container.NewBorder(
		container.NewVBox(card.Headline, card.message, card.Figures, card.Decision, legend), card.Notes, nil, nil,
		container.NewVScroll(card.Text))
	return card
}

func caseFigures(sc training.CaseScore) string {
	return fmt.Sprintf("Redaction recall %s (%d of %d found) · precision %s (%d of %d needed) · time %s",
		pct(sc.Recall()), sc.Found, sc.Gold, pct(sc.Precision()), sc.Correct, sc.Marked, roundDur(sc.Took))
}

func decisionLine(sc training.CaseScore) string {
	got := decisionText(moderation.Decision{Action: sc.Decision, Reason: sc.Reason})
	want := decisionText(moderation.Decision{Action: sc.Want, Reason: sc.WantReason})
	if sc.Agree() {
		return "Decision ✓ " + got + " — agrees with the gold decision (" + want + ")."
	}
	return "Decision ✗ you chose " + got + "; the gold decision is " + want + "."
}

func markStyle(c fyne.ThemeColorName) widget.RichTextStyle {
	s := widget.RichTextStyleInline
	s.ColorName = c
	s.TextStyle = fyne.TextStyle{Bold: true}
	return s
}

// missSegments marks on body the gold redactions the trainee found
// (green), missed (red, tagged) and the redactions not needed (orange).
func missSegments(body string, gold []moderation.Span, sc training.CaseScore) []widget.RichTextSegment {
	type mark struct {
		start, end int
		color      fyne.ThemeColorName
		tag        string
	}
	var marks []mark
	for _, g := range gold {
		missed := slices.ContainsFunc(sc.Missed, func(r training.Range) bool { return r.Start == g.Start && r.End == g.End })
		if missed {
			marks = append(marks, mark{g.Start, g.End, theme.ColorNameError, " ⟨missed: " + g.Kind.Label() + "⟩"})
		} else {
			marks = append(marks, mark{g.Start, g.End, theme.ColorNameSuccess, ""})
		}
	}
	for _, x := range sc.Extra {
		// an unneeded redaction may overlap nothing gold; clip to the body
		if x.Start >= 0 && x.End <= len(body) && x.Start < x.End {
			marks = append(marks, mark{x.Start, x.End, theme.ColorNameWarning, " ⟨not needed⟩"})
		}
	}
	slices.SortFunc(marks, func(a, b mark) int { return a.start - b.start })
	var out []widget.RichTextSegment
	at := 0
	for _, m := range marks {
		if m.start < at {
			continue // overlapping marks: the first one wins
		}
		out = append(out, textRuns(body[at:m.start], widget.RichTextStyleInline)...)
		out = append(out, textRuns(body[m.start:m.end], markStyle(m.color))...)
		if m.tag != "" {
			tag := widget.RichTextStyleInline
			tag.ColorName = m.color
			tag.SizeName = theme.SizeNameCaptionText
			out = append(out, &widget.TextSegment{Text: m.tag, Style: tag})
		}
		at = m.end
	}
	out = append(out, textRuns(body[at:], widget.RichTextStyleInline)...)
	return out
}

// NewRunScoreCard shows a finished run's totals and one line per case;
// picking a case shows its own card, misses marked on the text (when the
// pack is loaded: the run stores scores, not stories).
func NewRunScoreCard(run training.Run, pack *training.Pack) *ScoreCard {
	card := newScoreCard()
	sum := run.Summary()
	card.Headline.SetText(fmt.Sprintf("%s — %s: %d cases", run.Trainee, run.Pack, sum.Cases))
	card.Figures.SetText(fmt.Sprintf("Redaction recall %s (%d of %d found) · precision %s (%d of %d needed)",
		pct(sum.Recall), sum.Found, sum.Gold, pct(sum.Precision), sum.Correct, sum.Marked))
	card.Decision.SetText(fmt.Sprintf("Decisions agreeing with gold: %d of %d (%s) · median time per case %s · total %s",
		sum.Agreed, sum.Cases, pct(sum.Agreement), roundDur(sum.MedianTook), roundDur(sum.TotalTook)))
	var lines []string
	for i, sc := range run.Scores {
		title := string(sc.CaseID)
		if pack != nil {
			if c := pack.Case(sc.CaseID); c != nil {
				title = caseLabel(c)
			}
		}
		mark := "✓"
		if !sc.Agree() {
			mark = "✗"
		}
		lines = append(lines, fmt.Sprintf("%2d. %s  R %s  P %s  %s %s  %s", i+1, title, pct(sc.Recall()), pct(sc.Precision()),
			mark, sc.Decision.Label(), roundDur(sc.Took)))
	}
	card.Cases.SetText(strings.Join(lines, "\n"))
	card.CaseList = widget.NewList(func() int { return len(lines) },
		func() fyne.CanvasObject {
			l := widget.NewLabel("template")
			l.Truncation = fyne.TextTruncateEllipsis
			return l
		},
		func(id widget.ListItemID, o fyne.CanvasObject) { o.(*widget.Label).SetText(lines[id]) })
	detail := container.NewStack(widget.NewLabel("Pick a case to see its misses on the text."))
	card.CaseList.OnSelected = func(id widget.ListItemID) {
		sc := run.Scores[id]
		var c *training.Case
		if pack != nil {
			c = pack.Case(sc.CaseID)
		}
		if c == nil {
			detail.Objects = []fyne.CanvasObject{widget.NewLabel("The pack " + run.Pack + " is not loaded: import it to see the text.")}
		} else {
			card.Selected = NewCaseScoreCard(c, sc, id+1, len(run.Scores))
			detail.Objects = []fyne.CanvasObject{card.Selected.Content()}
		}
		detail.Refresh()
	}
	split := container.NewHSplit(card.CaseList, detail)
	split.Offset = 0.4
	card.box = container.NewBorder(container.NewVBox(card.Headline, card.message, card.Figures, card.Decision), nil, nil, nil, split)
	return card
}
