-- Indexes the paged lists walk for page 1 of each offered sort and view.
-- Redemption, needs-action view: the open applications by status (and the oldest one's contract).
CREATE INDEX redemptions_status ON redemptions(status, contract_id);
-- Redemption, all view: the count of active and completed contracts reads this index only.
CREATE INDEX contracts_status_end ON contracts(status, end_date);
-- Contracts page, newest signed first.
CREATE INDEX contracts_signed ON contracts(signed_date);
