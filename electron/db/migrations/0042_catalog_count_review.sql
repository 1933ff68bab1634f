-- The catalog's first page counts the instruments in service; the count reads this partial index
-- instead of every instrument row (48 MB at 100,000 instruments, read at each start), and page 1 in
-- the default order (inner id) walks it. The code review reads the distinct disciplines from the
-- second index and the distinct category codes from instruments_category, then only the
-- instruments whose values the platform's tables lack.
CREATE INDEX instruments_in_service ON instruments(inner_id) WHERE retired_at IS NULL;
CREATE INDEX instruments_discipline ON instruments(discipline);
