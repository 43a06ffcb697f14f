package ai

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"sync"
)

// Cache keeps model answers beyond the suggester's own memory, for example
// in the app's local store. Keys are opaque strings of at most 200 bytes;
// values are the model's raw answer (JSON quoting story text, so store them
// where the stories themselves are kept). Errors are logged and otherwise
// ignored: a cache never stops a suggestion.
type Cache interface {
	Get(ctx context.Context, key string) (answer string, ok bool, err error)
	Put(ctx context.Context, key, answer string) error
}

// cacheKey names one question: the model, the prompt version and a hash of
// the masked story text (which changes when the body or the rule spans do).
func cacheKey(model, maskedText string) string {
	h := sha256.New()
	h.Write([]byte(promptVersion))
	h.Write([]byte{0})
	h.Write([]byte(maskedText))
	key := hex.EncodeToString(h.Sum(nil))
	if len(model) > 128 {
		sum := sha256.Sum256([]byte(model))
		model = hex.EncodeToString(sum[:8])
	}
	return model + ":" + key
}

// memCache is a bounded in-memory Cache that forgets the oldest entry first.
type memCache struct {
	mu    sync.Mutex
	max   int
	m     map[string]string
	order []string
}

func newMemCache(max int) *memCache {
	return &memCache{max: max, m: make(map[string]string)}
}

func (c *memCache) Get(_ context.Context, key string) (string, bool, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	v, ok := c.m[key]
	return v, ok, nil
}

func (c *memCache) Put(_ context.Context, key, answer string) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if _, ok := c.m[key]; !ok {
		c.order = append(c.order, key)
	}
	c.m[key] = answer
	for len(c.order) > c.max {
		delete(c.m, c.order[0])
		c.order = c.order[1:]
	}
	return nil
}
