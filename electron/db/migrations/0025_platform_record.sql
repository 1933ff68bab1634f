-- The national platform's 40-column 单台套 record (resources/national-platform/equipment-template.tsv).
-- Existing rows keep every value; the new fields start empty. Category codes are not rewritten: codes
-- that are not in the platform's classification table are listed in the catalog for the user to fix.
-- 主要学科领域 (discipline) now holds subjects.tsv codes; older free text is listed the same way.
ALTER TABLE instruments ADD COLUMN asset_no TEXT NOT NULL DEFAULT '';
ALTER TABLE instruments ADD COLUMN carrier_type TEXT NOT NULL DEFAULT '';
ALTER TABLE instruments ADD COLUMN carrier_no TEXT NOT NULL DEFAULT '';
ALTER TABLE instruments ADD COLUMN department TEXT NOT NULL DEFAULT '';
ALTER TABLE instruments ADD COLUMN customs_supervised INTEGER NOT NULL DEFAULT 0 CHECK (customs_supervised IN (0, 1));
ALTER TABLE instruments ADD COLUMN booked_date TEXT;
ALTER TABLE instruments ADD COLUMN funding_sources TEXT NOT NULL DEFAULT '';
ALTER TABLE instruments ADD COLUMN image_name TEXT NOT NULL DEFAULT '';
ALTER TABLE instruments ADD COLUMN user_notice TEXT NOT NULL DEFAULT '';
ALTER TABLE instruments ADD COLUMN booking_url TEXT NOT NULL DEFAULT '';
ALTER TABLE instruments ADD COLUMN addr_province TEXT NOT NULL DEFAULT '';
ALTER TABLE instruments ADD COLUMN addr_city TEXT NOT NULL DEFAULT '';
ALTER TABLE instruments ADD COLUMN addr_district TEXT NOT NULL DEFAULT '';
ALTER TABLE instruments ADD COLUMN addr_street TEXT NOT NULL DEFAULT '';
ALTER TABLE instruments ADD COLUMN mail_address TEXT NOT NULL DEFAULT '';
ALTER TABLE instruments ADD COLUMN postcode TEXT NOT NULL DEFAULT '';
ALTER TABLE instruments ADD COLUMN customs_declaration_no TEXT NOT NULL DEFAULT '';
ALTER TABLE instruments ADD COLUMN customs_item_no TEXT NOT NULL DEFAULT '';
ALTER TABLE instruments ADD COLUMN customs_release_date TEXT;
ALTER TABLE instruments ADD COLUMN customs_name TEXT NOT NULL DEFAULT '';
-- The import's column mapping, remembered per set of headers (key: the normalised headers joined).
CREATE TABLE import_mappings (
  header_key TEXT PRIMARY KEY,
  mapping TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;
