-- Catalog search with 2-character terms reads an index instead of scanning every instrument:
-- instrument_grams holds each adjacent character pair of search_text (0006: name, English name,
-- model, inner id, maker), ASCII letters folded as LIKE folds them (lower()), pairs with a space
-- left out (a search term never holds one). A term of two characters matches exactly the
-- instruments whose search_text LIKE '%term%' does. The triggers keep it current; the positions
-- table splits a text inside a trigger (where WITH cannot be used) and covers 4,096 characters,
-- far beyond the 868 the five fields can hold.
CREATE TABLE search_positions (n INTEGER PRIMARY KEY);
WITH RECURSIVE c(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM c WHERE n < 4096)
INSERT INTO search_positions(n) SELECT n FROM c;

CREATE TABLE instrument_grams (
  gram TEXT NOT NULL,
  instrument_id INTEGER NOT NULL,
  PRIMARY KEY (gram, instrument_id)
) WITHOUT ROWID;

-- In key order, so the index is built by appending (3× faster at 100,000 instruments, where the
-- table outgrows the page cache).
INSERT OR IGNORE INTO instrument_grams(gram, instrument_id)
  SELECT lower(substr(i.search_text, p.n, 2)), i.id FROM instruments i JOIN search_positions p ON p.n < length(i.search_text)
  WHERE instr(substr(i.search_text, p.n, 2), ' ') = 0
  ORDER BY 1, 2;

CREATE TRIGGER instrument_grams_ai AFTER INSERT ON instruments BEGIN
  INSERT OR IGNORE INTO instrument_grams(gram, instrument_id)
    SELECT lower(substr(new.search_text, n, 2)), new.id FROM search_positions
    WHERE n < length(new.search_text) AND instr(substr(new.search_text, n, 2), ' ') = 0;
END;
CREATE TRIGGER instrument_grams_ad AFTER DELETE ON instruments BEGIN
  DELETE FROM instrument_grams WHERE instrument_id = old.id AND gram IN (
    SELECT lower(substr(old.search_text, n, 2)) FROM search_positions WHERE n < length(old.search_text));
END;
CREATE TRIGGER instrument_grams_au AFTER UPDATE OF name_cn, name_en, model, inner_id, manufacturer ON instruments
  WHEN old.search_text IS NOT new.search_text BEGIN
  DELETE FROM instrument_grams WHERE instrument_id = old.id AND gram IN (
    SELECT lower(substr(old.search_text, n, 2)) FROM search_positions WHERE n < length(old.search_text));
  INSERT OR IGNORE INTO instrument_grams(gram, instrument_id)
    SELECT lower(substr(new.search_text, n, 2)), new.id FROM search_positions
    WHERE n < length(new.search_text) AND instr(substr(new.search_text, n, 2), ' ') = 0;
END;
