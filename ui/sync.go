package ui

import (
	"context"
	"fmt"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/storydesk/storydesk/moderation"
)

// Syncer exchanges stories and decisions with the queue server;
// cmd/storydesk adapts storysync.Syncer to it.
type Syncer interface {
	// Configured reports whether a queue server is set; without one the
	// app works on local (and demo) data only.
	Configured() bool
	// Sync pushes the outbox, renews leases and claims new stories.
	// progress, if not nil, is told how far the push ("push") or the pull
	// ("pull") has got; total < 0 means not known yet. It is called from
	// the syncing goroutine.
	Sync(ctx context.Context, progress func(stage string, done, total int)) (SyncReport, error)
	// LastSync is when the last successful sync ended, kept across
	// restarts (zero for never).
	LastSync(ctx context.Context) time.Time
}

// SyncReport is what one sync did.
type SyncReport struct {
	Accepted, Duplicate, Conflicts int // answers for pushed decisions
	Refused                        int // decisions the server refused; they stay in the outbox
	Claimed, Lost                  int // stories claimed; leases lost
}

// syncTimeout bounds one sync from the window.
const syncTimeout = 10 * time.Minute

// progressMin is the number of items from which a push shows a progress bar.
const progressMin = 10

// syncPanel holds the sync state and the status bar's sync widgets.
type syncPanel struct {
	running  bool
	done     chan struct{}
	online   bool
	tried    bool
	lastSync time.Time

	now       *widget.Button
	bar       *widget.ProgressBar
	pulling   *widget.ProgressBarInfinite // while claiming: the count is not known until the answer
	conflicts *widget.Button
	settings  *widget.Button

	conflictList *fyne.Container // the open Conflicts view's list, for tests
}

// initSync builds the status bar's sync widgets (Sync now, progress,
// Conflicts, Settings) when the window has a syncer or settings.
func (w *Window) initSync() {
	if w.cfg.Sync == nil && w.cfg.Settings == nil && w.cfg.Conflicts == nil {
		return
	}
	p := &syncPanel{}
	w.net = p
	// icon-only buttons: the status bar is crowded; the sync text beside them says what they are
	p.now = widget.NewButtonWithIcon("", theme.ViewRefreshIcon(), func() { w.win.Canvas().Unfocus(); w.SyncNow() })
	p.bar = widget.NewProgressBar()
	p.bar.Hide()
	p.pulling = widget.NewProgressBarInfinite()
	p.pulling.Stop()
	p.pulling.Hide()
	p.conflicts = widget.NewButtonWithIcon("Conflicts", theme.WarningIcon(), func() { w.win.Canvas().Unfocus(); w.ShowConflicts() })
	p.conflicts.Importance = widget.DangerImportance
	p.conflicts.Hide()
	p.settings = widget.NewButtonWithIcon("", theme.SettingsIcon(), func() { w.win.Canvas().Unfocus(); w.ShowSettings() })
	if w.cfg.Settings == nil {
		p.settings.Hide()
	}
	if w.cfg.Sync == nil {
		p.now.Hide()
	}
	extra := []fyne.CanvasObject{
		container.NewGridWrap(fyne.NewSize(140, p.now.MinSize().Height), p.bar, p.pulling),
		p.conflicts, p.now, p.settings,
	}
	w.cfg.Extra = append(w.cfg.Extra, extra...)
}

// syncStarted shows the sync state once the window is built.
func (w *Window) syncStarted() {
	if w.net == nil {
		return
	}
	if w.cfg.Sync != nil {
		ctx, cancel := w.call()
		w.net.lastSync = w.cfg.Sync.LastSync(ctx)
		cancel()
	}
	w.showSyncState()
	w.refreshConflicts()
}

// SyncText is the sync part of the status bar: "Local only", "Online ·
// synced 10:42", "Offline · last sync 10:42".
func (w *Window) SyncText() string {
	p := w.net
	if p == nil || w.cfg.Sync == nil || !w.cfg.Sync.Configured() {
		return "Local only"
	}
	at := ""
	if !p.lastSync.IsZero() {
		at = p.lastSync.Local().Format("15:04")
		if y, m, d := p.lastSync.Local().Date(); !sameDay(y, m, d, w.cfg.Now().Local()) {
			at = p.lastSync.Local().Format("2 Jan 15:04")
		}
	}
	switch {
	case p.running:
		return "Syncing…"
	case !p.tried && at == "":
		return "Not synced yet"
	case !p.tried:
		return "Last sync " + at
	case p.online:
		return "Online · synced " + at
	case at == "":
		return "Offline · never synced"
	}
	return "Offline · last sync " + at
}

func sameDay(y int, m time.Month, d int, t time.Time) bool {
	ty, tm, td := t.Date()
	return y == ty && m == tm && d == td
}

func (w *Window) showSyncState() {
	p := w.net
	if p == nil {
		return
	}
	w.status.SetSync(w.SyncText())
	if w.cfg.Sync != nil && w.cfg.Sync.Configured() && !p.running {
		p.now.Enable()
	} else {
		p.now.Disable()
	}
}

// SyncNow runs one sync in the background (the Sync now button, and the
// ticker cmd/storydesk starts). A sync already running is not doubled.
// The returned channel is closed when the sync has ended and the window
// shows its outcome.
func (w *Window) SyncNow() <-chan struct{} {
	p := w.net
	if p == nil || w.cfg.Sync == nil || !w.cfg.Sync.Configured() {
		done := make(chan struct{})
		close(done)
		if p != nil {
			w.showSyncState()
		}
		return done
	}
	if p.running {
		return p.done
	}
	p.running, p.done = true, make(chan struct{})
	done := p.done
	w.showSyncState()
	w.event("sync-started")
	progress := func(stage string, n, total int) {
		fyne.Do(func() { w.syncProgress(stage, n, total) })
	}
	go func() { // exits when Sync returns; the window's ctx and syncTimeout bound it
		ctx, cancel := context.WithTimeout(w.ctx, syncTimeout)
		rep, err := w.cfg.Sync.Sync(ctx, progress)
		cancel()
		fyne.Do(func() {
			w.synced(rep, err)
			close(done)
		})
	}()
	return done
}

func (w *Window) syncProgress(stage string, done, total int) {
	p := w.net
	if !p.running {
		return
	}
	if total < 0 { // pulling: one claim request, size unknown until it answers
		p.bar.Hide()
		p.pulling.Show()
		p.pulling.Start()
		return
	}
	p.pulling.Stop()
	p.pulling.Hide()
	if total < progressMin {
		p.bar.Hide()
		return
	}
	p.bar.Max = float64(total)
	p.bar.SetValue(float64(done))
	p.bar.TextFormatter = func() string {
		verb := "Pushing"
		if stage == "pull" {
			verb = "Pulling"
		}
		return fmt.Sprintf("%s %d/%d", verb, done, total)
	}
	p.bar.Show()
	p.bar.Refresh()
	w.event("sync-progress", "stage", stage, "done", done, "total", total)
}

func (w *Window) synced(rep SyncReport, err error) {
	p := w.net
	p.running, p.tried = false, true
	p.bar.Hide()
	p.pulling.Stop()
	p.pulling.Hide()
	if err != nil {
		p.online = false
		code := moderation.ErrorCode(err)
		w.log.Warn("sync", "code", code, "err", err)
		if code == moderation.EUNAVAILABLE {
			w.status.SetMessage("Offline: the queue server could not be reached. Decisions wait in the outbox; nothing is lost.")
		} else {
			w.status.SetMessage("Sync failed: " + err.Error())
		}
	} else {
		p.online = true
		p.lastSync = w.cfg.Now()
		w.status.SetMessage(syncSummary(rep))
	}
	w.showSyncState()
	w.Reload()
	w.openFirstIfNone()
	w.refreshConflicts()
	w.event("sync-done", "ok", err == nil, "claimed", rep.Claimed, "conflicts", rep.Conflicts)
}

func syncSummary(r SyncReport) string {
	parts := []string{fmt.Sprintf("%d pushed", r.Accepted+r.Duplicate+r.Conflicts)}
	if r.Conflicts > 0 {
		parts = append(parts, fmt.Sprintf("%d conflict(s): see Conflicts", r.Conflicts))
	}
	if r.Refused > 0 {
		parts = append(parts, fmt.Sprintf("%d refused, kept in the outbox", r.Refused))
	}
	if r.Lost > 0 {
		parts = append(parts, fmt.Sprintf("%d lease(s) lost", r.Lost))
	}
	parts = append(parts, fmt.Sprintf("%d new stories", r.Claimed))
	return "Synced: " + strings.Join(parts, ", ") + "."
}

// syncRune handles C (the Conflicts view); it reports whether r was it.
func (w *Window) syncRune(r rune) bool {
	if (r != 'c' && r != 'C') || w.cfg.Conflicts == nil {
		return false
	}
	w.ShowConflicts()
	return true
}
