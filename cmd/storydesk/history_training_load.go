package main

import (
	"context"

	"github.com/storydesk/storydesk/moderation"
	"github.com/storydesk/storydesk/moderation/history"
	"github.com/storydesk/storydesk/moderation/sqlite"
)

// batchHistoryStore is what loadHistoryBatch reads; *sqlite.Store
// implements it.
type batchHistoryStore interface {
	History(ctx context.Context, f sqlite.HistoryFilter) ([]moderation.Decision, error)
	CachedHistory(ctx context.Context, f sqlite.HistoryFilter) ([]moderation.Decision, error)
	StoriesByID(ctx context.Context, ids []moderation.StoryID) (map[moderation.StoryID]*moderation.Story, error)
}

// loadHistoryBatch is loadHistory with the stories read in one batch
// (StoriesByID: a few chunked queries) instead of one Story query per
// decision. It reuses loadHistory's merge over the prefetched rows.
func loadHistoryBatch(ctx context.Context, st batchHistoryStore, f sqlite.HistoryFilter) ([]history.Entry, error) {
	local, err := st.History(ctx, f)
	if err != nil {
		return nil, err
	}
	cached, err := st.CachedHistory(ctx, f)
	if err != nil {
		return nil, err
	}
	ids := make([]moderation.StoryID, 0, len(local)+len(cached))
	for _, d := range local {
		ids = append(ids, d.StoryID)
	}
	for _, d := range cached {
		ids = append(ids, d.StoryID)
	}
	stories, err := st.StoriesByID(ctx, ids)
	if err != nil {
		return nil, err
	}
	return loadHistory(ctx, prefetched{local: local, cached: cached, stories: stories}, f)
}

// prefetched serves loadHistory from rows already read.
type prefetched struct {
	local, cached []moderation.Decision
	stories       map[moderation.StoryID]*moderation.Story
}

func (p prefetched) History(context.Context, sqlite.HistoryFilter) ([]moderation.Decision, error) {
	return p.local, nil
}

func (p prefetched) CachedHistory(context.Context, sqlite.HistoryFilter) ([]moderation.Decision, error) {
	return p.cached, nil
}

// Story returns a prefetched story, ENOTFOUND if it is not stored here.
func (p prefetched) Story(_ context.Context, id moderation.StoryID) (*moderation.Story, error) {
	if s := p.stories[id]; s != nil {
		return s, nil
	}
	return nil, moderation.Errorf(moderation.ENOTFOUND, "story %s not stored here", id)
}
