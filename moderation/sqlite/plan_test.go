package sqlite

import (
	"strings"
	"testing"
)

// TestQueuePlansUseIndexes guards the 100k-story targets: the pending and
// done queries must walk an index in order, without a temporary sort.
func TestQueuePlansUseIndexes(t *testing.T) {
	s := openTest(t, Options{})
	tests := []struct{ query, index string }{
		{`SELECT id FROM stories WHERE status = 'pending' ORDER BY safeguarding DESC, submitted_at, id LIMIT 200`, "stories_queue"},
		{`SELECT id FROM stories WHERE status <> 'pending' ORDER BY decided_at DESC, id DESC LIMIT 200`, "stories_done"},
	}
	for _, tt := range tests {
		rows, err := s.db.Query(`EXPLAIN QUERY PLAN ` + tt.query)
		if err != nil {
			t.Fatal(err)
		}
		var plan []string
		for rows.Next() {
			var id, parent, unused int
			var detail string
			rows.Scan(&id, &parent, &unused, &detail)
			plan = append(plan, detail)
		}
		rows.Close()
		got := strings.Join(plan, "; ")
		if !strings.Contains(got, tt.index) || strings.Contains(got, "TEMP B-TREE") {
			t.Errorf("plan for %q = %q; want index %s and no temp sort", tt.query, got, tt.index)
		}
	}
}
