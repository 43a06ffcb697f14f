package storysync

import (
	"context"
	"net/http"
)

// ClaimRequest is Claim with the caller's request id. A client that fails
// over between server replicas sends the repeat of a claim whose answer
// was lost to another replica with the same id; that replica then returns
// the stories the first one leased (when the store replays claims, as the
// SQLite and PostgreSQL stores do) instead of leasing more.
func (c *Client) ClaimRequest(ctx context.Context, max int, requestID string) ([]Story, error) {
	var res ClaimResponse
	err := c.do(ctx, http.MethodPost, "/api/v1/claims", ClaimRequest{Max: max, RequestID: requestID}, &res, requestID != "")
	return res.Stories, err
}
