-- The request id of the claim that leased a story: a claim repeated with
-- the same id (its answer was lost, perhaps with the replica that served
-- it) returns the stories the first one leased instead of leasing more.
ALTER TABLE stories ADD COLUMN claim_request TEXT;
CREATE INDEX stories_claim_request ON stories (lease_holder, claim_request) WHERE claim_request IS NOT NULL;
