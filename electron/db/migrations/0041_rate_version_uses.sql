-- Rates page: each rate version shows how many charge and quote lines use it (a used version's
-- prices cannot be edited). The counts read these indexes instead of every charge line of the desk.
CREATE INDEX charges_rate_version ON charges(rate_version_id) WHERE rate_version_id IS NOT NULL;
CREATE INDEX quote_lines_rate_version ON quote_lines(rate_version_id) WHERE rate_version_id IS NOT NULL;
