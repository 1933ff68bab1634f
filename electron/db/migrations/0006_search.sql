-- Short (1–2 character) catalog search: the trigram index cannot answer it, so LIKE scans. One
-- indexed text per instrument lets that scan read a compact covering index instead of every row
-- and test one pattern instead of five.
ALTER TABLE instruments ADD COLUMN search_text TEXT
  GENERATED ALWAYS AS (name_cn || ' ' || name_en || ' ' || model || ' ' || inner_id || ' ' || manufacturer) VIRTUAL;
CREATE INDEX instruments_search ON instruments(search_text);
