package ui

import (
	"fmt"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"github.com/storydesk/storydesk/moderation"
)

// keyHelp is the cheat-sheet, in display order.
var keyHelp = [][2]string{
	{"J / ↓", "next story"},
	{"K / ↑", "previous story"},
	{"A", "approve as the preview shows (with redactions if any)"},
	{"R", "reject… (reason, note)"},
	{"E", "escalate to a supervisor… (reason, note)"},
	{"H", "hold… (reason, note, review date)"},
	{"] / [", "point at the next / previous highlight"},
	{"Space", "switch the highlight pointed at (remove / keep)"},
	{"X", "redact the selected words (click, Shift+click)"},
	{"S", "ask the AI model for suggestions (when set up)"},
	{"Y / Enter", "accept the selected AI suggestion (click one to select it)"},
	{"N / Delete", "dismiss the selected AI suggestion"},
	{"C", "conflicts: decisions the queue server did not apply"},
	{"Ctrl+Z", "undo the last decision not yet pushed"},
	{"1 / 2 / 3", "Pending / Done / Escalated list"},
	{"/", "search the queue"},
	{"Esc", "leave a text field or close a dialog"},
	{"?", "this cheat-sheet"},
}

// bindKeys wires the window-wide keys. The canvas only sees typed runes and
// keys when no widget has focus, so letters typed in a text field never
// trigger a decision.
func (w *Window) bindKeys() {
	c := w.win.Canvas()
	c.SetOnTypedRune(w.typedRune)
	c.SetOnTypedKey(w.typedKey)
	c.AddShortcut(&fyne.ShortcutUndo{}, func(fyne.Shortcut) {
		if !w.modal() && !w.cfg.NoUndo {
			w.Undo()
		}
	})
}

// modal reports whether a dialog or pop-up is open; global keys wait.
func (w *Window) modal() bool { return w.win.Canvas().Overlays().Top() != nil }

func (w *Window) typedRune(r rune) {
	if w.modal() || w.suggestRune(r) {
		return
	}
	switch unicode.ToLower(r) {
	case 'j':
		w.Next()
	case 'k':
		w.Prev()
	case 'a':
		w.Approve()
	case 'r':
		w.OpenDecision(moderation.Reject)
	case 'e':
		w.OpenDecision(moderation.Escalate)
	case 'h':
		w.OpenDecision(moderation.Hold)
	case 'x':
		w.RedactSelection()
	case ']':
		w.pointSpan(+1)
	case '[':
		w.pointSpan(-1)
	case ' ':
		if i := w.view.Hovered(); i >= 0 && w.pending() {
			w.view.Toggle(i)
		}
	case '1':
		w.SetTab(TabPending)
	case '2':
		w.SetTab(TabDone)
	case '3':
		w.SetTab(TabEscalated)
	case '/':
		w.win.Canvas().Focus(w.search)
	case '?':
		w.CheatSheet()
	}
}

func (w *Window) typedKey(k *fyne.KeyEvent) {
	if w.modal() {
		if k.Name == fyne.KeyEscape {
			if w.dlg != nil {
				w.dlg.d.Hide()
			} else if top := w.win.Canvas().Overlays().Top(); top != nil {
				w.win.Canvas().Overlays().Remove(top)
			}
		}
		return
	}
	if w.suggestKey(k.Name) {
		return
	}
	switch k.Name {
	case fyne.KeyDown:
		w.Next()
	case fyne.KeyUp:
		w.Prev()
	case fyne.KeyEscape:
		w.view.ClearSelection()
	}
}

// pointSpan moves the keyboard's pointer to the next (+1) or previous (-1)
// highlight, shows its tooltip and scrolls it into view.
func (w *Window) pointSpan(step int) {
	n := len(w.spans)
	if n == 0 {
		return
	}
	i := w.view.Hovered()
	switch {
	case i < 0 && step > 0:
		i = 0
	case i < 0:
		i = n - 1
	default:
		i = (i + step + n) % n
	}
	w.view.ShowTip(i)
	if pos, ok := w.view.SpanPos(i); ok {
		off := w.viewScroll.Offset
		h := w.viewScroll.Size().Height
		if pos.Y < off.Y+40 || pos.Y > off.Y+h-40 {
			w.viewScroll.ScrollToOffset(fyne.NewPos(0, max(0, pos.Y-h/3)))
		}
	}
}

// CheatSheet shows the keyboard shortcuts.
func (w *Window) CheatSheet() {
	grid := container.NewGridWithColumns(2)
	var keys [][2]string
	for _, kh := range keyHelp {
		switch {
		case w.ai == nil && slices.Contains([]string{"S", "Y / Enter", "N / Delete"}, kh[0]):
		case w.cfg.NoUndo && kh[0] == "Ctrl+Z":
		default:
			keys = append(keys, kh)
		}
	}
	for _, kh := range keys {
		grid.Add(widget.NewLabelWithStyle(kh[0], fyne.TextAlignTrailing, fyne.TextStyle{Bold: true}))
		grid.Add(widget.NewLabel(kh[1]))
	}
	note := widget.NewLabel("Keys work when no text field has focus: press Esc to leave one.")
	dialog.ShowCustom("Keyboard", "Close", container.NewVBox(grid, note), w.win)
}

// addSpan adds a moderator redaction of kind over body[start:end] unless
// it overlaps a span; it reports whether it did.
func (w *Window) addSpan(start, end int, k moderation.Kind) bool {
	s := moderation.Span{Start: start, End: end, Kind: k, Confidence: 1, Source: moderation.SourceModerator,
		Reason: "added by the moderator", Redact: true}
	for _, o := range w.spans {
		if o.Overlaps(s) {
			return false
		}
	}
	i, _ := slices.BinarySearchFunc(w.spans, s.Start, func(a moderation.Span, t int) int { return a.Start - t })
	w.spans = slices.Insert(w.spans, i, s)
	return true
}

func (w *Window) chosenKind() moderation.Kind {
	for _, k := range moderation.Kinds {
		if k.Label() == w.kind.Selected {
			return k
		}
	}
	return moderation.Person
}

func (w *Window) spansAdded(added, skipped int) {
	if added > 0 {
		w.saveSpans()
		w.view.SetSpans(w.spans)
		w.preview.SetSpans(w.spans)
		w.rebuildSpanList()
		w.updateBar()
		w.refreshSuggestions()
		w.event("spans-added", "id", w.story.ID, "added", added)
	}
	msg := fmt.Sprintf("%d redaction(s) added.", added)
	if skipped > 0 {
		msg += fmt.Sprintf(" %d match(es) skipped: they overlap a highlight (switch that one instead).", skipped)
	}
	w.status.SetMessage(msg)
	w.updateRedactButtons()
}

// RedactSelection adds a redaction of the chosen kind over the words
// selected in the story (X).
func (w *Window) RedactSelection() {
	a, b, ok := w.view.Selection()
	if !ok || !w.pending() {
		return
	}
	added, skipped := 0, 0
	if w.addSpan(a, b, w.chosenKind()) {
		added++
	} else {
		skipped++
	}
	w.view.selA, w.view.selB = 0, 0
	w.spansAdded(added, skipped)
}

// RedactText adds a redaction of the chosen kind over every match of the
// typed words (case-insensitive).
func (w *Window) RedactText() {
	q := strings.TrimSpace(w.redactText.Text)
	if q == "" || !w.pending() {
		return
	}
	added, skipped := 0, 0
	for _, m := range findAll(w.story.Body, q) {
		if w.addSpan(m[0], m[1], w.chosenKind()) {
			added++
		} else {
			skipped++
		}
	}
	if added+skipped == 0 {
		w.status.SetMessage("No match in this story.")
		return
	}
	w.redactText.SetText("")
	w.spansAdded(added, skipped)
}

// findAll returns the byte ranges where q occurs in body, ignoring case.
func findAll(body, q string) [][2]int {
	var out [][2]int
	n := utf8.RuneCountInString(q)
	for i := 0; i < len(body); {
		// compare rune by rune so that offsets stay in the original body
		j, k, ok := i, 0, true
		for _, qr := range q {
			if j >= len(body) {
				ok = false
				break
			}
			br, size := utf8.DecodeRuneInString(body[j:])
			if unicode.ToLower(br) != unicode.ToLower(qr) {
				ok = false
				break
			}
			j += size
			k++
		}
		if ok && k == n {
			out = append(out, [2]int{i, j})
			i = j
			continue
		}
		_, size := utf8.DecodeRuneInString(body[i:])
		i += size
	}
	return out
}

func (w *Window) updateRedactButtons() {
	_, _, sel := w.view.Selection()
	if sel && w.pending() {
		w.redactSel.Enable()
	} else {
		w.redactSel.Disable()
	}
	if strings.TrimSpace(w.redactText.Text) != "" && w.pending() {
		w.redactAll.Enable()
	} else {
		w.redactAll.Disable()
	}
}
