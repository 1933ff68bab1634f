-- The open unit (开放单位) as one record every document takes its names from, and each lab's
-- head, contact and location. The unit's name and third-party flag move here from the settings
-- JSON (or, when the settings never named the unit, from the unit name most labs carry).

CREATE TABLE open_unit (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  name TEXT NOT NULL DEFAULT '',
  credit_code TEXT,
  address TEXT NOT NULL DEFAULT '',
  bank_name TEXT NOT NULL DEFAULT '',
  bank_account TEXT NOT NULL DEFAULT '',
  contact_name TEXT NOT NULL DEFAULT '',
  contact_phone TEXT NOT NULL DEFAULT '',
  third_party_testing INTEGER NOT NULL DEFAULT 0 CHECK (third_party_testing IN (0, 1)),
  updated_at TEXT NOT NULL
) STRICT;

INSERT INTO open_unit(id, name, third_party_testing, updated_at)
SELECT 1,
  coalesce(
    nullif(trim((SELECT json_extract(value, '$.unitName') FROM settings WHERE key = 'desk.settings' AND json_valid(value))), ''),
    (SELECT unit_name FROM labs WHERE trim(unit_name) <> '' GROUP BY unit_name ORDER BY count(*) DESC, unit_name LIMIT 1),
    ''),
  CASE WHEN (SELECT json_extract(value, '$.thirdPartyTesting') FROM settings WHERE key = 'desk.settings' AND json_valid(value)) = 1
    THEN 1 ELSE 0 END,
  strftime('%Y-%m-%dT%H:%M:%fZ', 'now');

ALTER TABLE labs ADD COLUMN head TEXT NOT NULL DEFAULT '';
ALTER TABLE labs ADD COLUMN contact_phone TEXT NOT NULL DEFAULT '';
ALTER TABLE labs ADD COLUMN location TEXT NOT NULL DEFAULT '';
ALTER TABLE labs ADD COLUMN updated_at TEXT;
