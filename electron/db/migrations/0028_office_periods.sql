-- A lab's data at the office is held per year. A package replaces that lab's data for the years of
-- its period and keeps the lab's other years: office_lab_years names the package that supplies
-- each year, and office_records.year the year a record belongs to (a contract's signing, a
-- voucher's claim, a usage record's start, a rated-hours or derived figure's own year); NULL for
-- the register records (instruments, applicants) that belong to no one year.
ALTER TABLE office_records ADD COLUMN year INTEGER;
CREATE INDEX office_records_year ON office_records(desk_id, year);

CREATE TABLE office_lab_years (
  desk_id TEXT NOT NULL REFERENCES office_labs(desk_id),
  year INTEGER NOT NULL,
  import_id INTEGER NOT NULL REFERENCES office_imports(id),
  PRIMARY KEY (desk_id, year)
) STRICT;

-- Data imported before: each lab's current package supplies the years of its period.
WITH RECURSIVE y(desk_id, year, to_year, import_id) AS (
  SELECT l.desk_id, i.from_year, i.to_year, i.id FROM office_labs l JOIN office_imports i ON i.id = l.current_import_id
  UNION ALL SELECT desk_id, year + 1, to_year, import_id FROM y WHERE year < to_year
)
INSERT INTO office_lab_years(desk_id, year, import_id) SELECT desk_id, year, import_id FROM y;

UPDATE office_records SET year = CAST(substr(json_extract(data, '$.signedDate'), 1, 4) AS INTEGER) WHERE part = 'contracts' AND data IS NOT NULL;
UPDATE office_records SET year = CAST(substr(json_extract(data, '$.claimDate'), 1, 4) AS INTEGER) WHERE part = 'vouchers' AND data IS NOT NULL;
UPDATE office_records SET year = json_extract(data, '$.year') WHERE part IN ('ratedHours', 'derived') AND data IS NOT NULL;
UPDATE office_records SET year = (SELECT CAST(substr(json_extract(c.data, '$.signedDate'), 1, 4) AS INTEGER) FROM office_records c
    WHERE c.desk_id = office_records.desk_id AND c.part = 'contracts' AND c.rkey = CAST(json_extract(office_records.data, '$.contractId') AS TEXT))
  WHERE part IN ('redemptions', 'attachments') AND data IS NOT NULL;
-- Usage records were kept as hashes only, without their start: the next package of the lab lists
-- its usage records as added once.
DELETE FROM office_records WHERE part = 'usage';
