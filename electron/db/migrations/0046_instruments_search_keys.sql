-- Each instrument's id with what a catalog search sorts and filters its matches by when nothing else
-- is filtered (in service or not, inner id, Chinese name): a common search term matches thousands of
-- instruments at national scale, and each match was looked up in the instruments table (a row of
-- several hundred bytes) only to read these. The search sorts its matches from this index alone.
CREATE INDEX instruments_search_keys ON instruments(id, retired_at, inner_id, name_cn);
