package main

import (
	"context"
	"log/slog"
	"sync"

	"github.com/storydesk/storydesk/moderation"
	"github.com/storydesk/storydesk/moderation/ai"
	"github.com/storydesk/storydesk/moderation/sqlite"
	"github.com/storydesk/storydesk/ui"
)

// aiService adapts ai.Suggester to ui.Suggester. It is off (nil
// suggester) until a base URL and a model are set; Save in the settings
// rebuilds it.
type aiService struct {
	log   *slog.Logger
	cache ai.Cache // the model's answers beyond this session; nil for none

	mu sync.Mutex
	s  *ai.Suggester
}

var _ ui.Suggester = (*aiService)(nil)

// set replaces the suggester; a disabled config turns AI off.
func (a *aiService) set(cfg ai.Config) error {
	var s *ai.Suggester
	if cfg.Enabled() {
		var err error
		if s, err = ai.New(cfg, a.log); err != nil {
			a.mu.Lock()
			a.s = nil
			a.mu.Unlock()
			return err
		}
	}
	if s != nil && a.cache != nil {
		s.SetCache(a.cache)
	}
	a.mu.Lock()
	a.s = s
	a.mu.Unlock()
	return nil
}

func (a *aiService) get() *ai.Suggester {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.s
}

// Enabled reports whether a model is configured.
func (a *aiService) Enabled() bool { return a.get() != nil }

// Suggest asks the model; every failure to reach it is a result with a
// notice (AI unavailable), never a blocked moderator.
func (a *aiService) Suggest(ctx context.Context, id moderation.StoryID, body string, spans []moderation.Span) (ui.SuggestResult, error) {
	s := a.get()
	if s == nil {
		return ui.SuggestResult{Failed: true, Notice: "AI suggestions are off."}, nil
	}
	res, err := s.Suggest(ctx, id, body, spans)
	return ui.SuggestResult{Spans: res.Spans, Notice: res.Notice, Failed: res.Failed}, err
}

// aiCachePrefix starts the local state keys that hold model answers.
const aiCachePrefix = "ai.answer."

// stateCache keeps the model's answers in the local store, beside the
// stories they quote, so that suggestions asked for while online are there
// again after a restart, even offline.
type stateCache struct{ store *sqlite.Store }

var _ ai.Cache = stateCache{}

// Get returns the answer stored under key.
func (c stateCache) Get(ctx context.Context, key string) (string, bool, error) {
	v, err := c.store.State(ctx, aiCachePrefix+key)
	return v, err == nil && v != "", err
}

// Put stores an answer under key.
func (c stateCache) Put(ctx context.Context, key, answer string) error {
	return c.store.SetState(ctx, aiCachePrefix+key, answer)
}
