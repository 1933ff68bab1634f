-- The whole unit's assessment figures of a year, summed per instrument, per month and per external
-- user unit, and kept as usage records and their charges change. At national scale the page would
-- otherwise read and sort the year's million records on every open.
--
-- A year's summary is built once, the first time the whole unit's page is computed for it, from
-- that page's own pass over the year's records (services/assessment/summary.ts). It is built in the
-- pass's read transaction, so it holds exactly the records the page read. From then on the
-- triggers below keep it. Years never built cost the triggers one look at
-- assessment_summary_years.
--
-- What a record adds to the year it reaches (the same expressions as the page's pass, window.ts):
-- its seconds clipped to the year, those seconds again if it is external, its satisfaction, its
-- month (the first month it has inside the year), and its service amount in the year it starts
-- (the charge line's amount if it has been charged, else the amount typed on it). Records are at
-- most seven days long (usage_max_duration_*), so a record reaches the year it starts in and at
-- most the next.
CREATE TABLE assessment_summary_years (
  year INTEGER PRIMARY KEY,
  built_at TEXT NOT NULL
);

CREATE TABLE assessment_summary_instruments (
  year INTEGER NOT NULL,
  instrument_id INTEGER NOT NULL,
  records INTEGER NOT NULL,
  sec INTEGER NOT NULL,
  ext_sec INTEGER NOT NULL,
  fen INTEGER NOT NULL,
  sat_sum INTEGER NOT NULL,
  sat_n INTEGER NOT NULL,
  -- 1 once two of the instrument's records reaching into the year may overlap. It is set when the
  -- overlap arises and never cleared: the check reads the marked instruments' records and lists
  -- only the overlaps still there, so a mark left after a correction costs one instrument's read.
  overlap INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (year, instrument_id)
) WITHOUT ROWID;

CREATE TABLE assessment_summary_months (
  year INTEGER NOT NULL,
  month INTEGER NOT NULL,
  records INTEGER NOT NULL,
  sec INTEGER NOT NULL,
  ext_sec INTEGER NOT NULL,
  PRIMARY KEY (year, month)
) WITHOUT ROWID;

-- External records per user unit: the figures count the distinct units.
CREATE TABLE assessment_summary_units (
  year INTEGER NOT NULL,
  user_unit TEXT NOT NULL,
  records INTEGER NOT NULL,
  PRIMARY KEY (year, user_unit)
) WITHOUT ROWID;

-- One change to apply: n records (+1 added, -1 removed, 0 for a change of amount only) with these
-- fields, and fen, the signed change of service amount in the year the record starts. A row lives
-- only inside its trigger: the trigger applies it to the summary and deletes it, so the sums are
-- written in one place whatever changed.
CREATE TABLE assessment_summary_changes (
  n INTEGER NOT NULL,
  usage_id INTEGER NOT NULL,
  instrument_id INTEGER NOT NULL,
  start_at TEXT NOT NULL,
  end_at TEXT NOT NULL,
  external INTEGER NOT NULL,
  user_unit TEXT,
  satisfaction INTEGER,
  fen INTEGER NOT NULL
);

CREATE TRIGGER assessment_summary_apply AFTER INSERT ON assessment_summary_changes BEGIN
  INSERT INTO assessment_summary_instruments(year, instrument_id, records, sec, ext_sec, fen, sat_sum, sat_n)
    SELECT y.year, NEW.instrument_id, NEW.n, NEW.n * y.sec, NEW.n * NEW.external * y.sec, CASE WHEN y.starts THEN NEW.fen ELSE 0 END,
      NEW.n * coalesce(NEW.satisfaction, 0), NEW.n * (NEW.satisfaction IS NOT NULL)
    FROM (SELECT year, starts, unixepoch(min(NEW.end_at, printf('%04d-01-01T00:00', year + 1))) - unixepoch(max(NEW.start_at, printf('%04d-01-01T00:00', year))) AS sec
      FROM (SELECT CAST(substr(NEW.start_at, 1, 4) AS INTEGER) AS year, 1 AS starts UNION ALL SELECT CAST(substr(NEW.start_at, 1, 4) AS INTEGER) + 1, 0)
      WHERE year IN (SELECT year FROM assessment_summary_years) AND (starts OR NEW.end_at > printf('%04d-01-01T00:00', year))) y
    WHERE true
    ON CONFLICT (year, instrument_id) DO UPDATE SET records = records + excluded.records, sec = sec + excluded.sec,
      ext_sec = ext_sec + excluded.ext_sec, fen = fen + excluded.fen, sat_sum = sat_sum + excluded.sat_sum, sat_n = sat_n + excluded.sat_n;

  INSERT INTO assessment_summary_months(year, month, records, sec, ext_sec)
    SELECT y.year, y.month, NEW.n, NEW.n * y.sec, NEW.n * NEW.external * y.sec
    FROM (SELECT year, CAST(substr(max(NEW.start_at, printf('%04d-01-01T00:00', year)), 6, 2) AS INTEGER) AS month,
        unixepoch(min(NEW.end_at, printf('%04d-01-01T00:00', year + 1))) - unixepoch(max(NEW.start_at, printf('%04d-01-01T00:00', year))) AS sec
      FROM (SELECT CAST(substr(NEW.start_at, 1, 4) AS INTEGER) AS year, 1 AS starts UNION ALL SELECT CAST(substr(NEW.start_at, 1, 4) AS INTEGER) + 1, 0)
      WHERE year IN (SELECT year FROM assessment_summary_years) AND (starts OR NEW.end_at > printf('%04d-01-01T00:00', year))) y
    WHERE NEW.n <> 0
    ON CONFLICT (year, month) DO UPDATE SET records = records + excluded.records, sec = sec + excluded.sec, ext_sec = ext_sec + excluded.ext_sec;

  INSERT INTO assessment_summary_units(year, user_unit, records)
    SELECT y.year, NEW.user_unit, NEW.n
    FROM (SELECT year FROM (SELECT CAST(substr(NEW.start_at, 1, 4) AS INTEGER) AS year, 1 AS starts UNION ALL SELECT CAST(substr(NEW.start_at, 1, 4) AS INTEGER) + 1, 0)
      WHERE year IN (SELECT year FROM assessment_summary_years) AND (starts OR NEW.end_at > printf('%04d-01-01T00:00', year))) y
    WHERE NEW.n <> 0 AND NEW.external = 1 AND NEW.user_unit <> ''
    ON CONFLICT (year, user_unit) DO UPDATE SET records = records + excluded.records;

  -- A record added next to one of the instrument's records it overlaps marks the years it reaches.
  UPDATE assessment_summary_instruments SET overlap = 1
    WHERE NEW.n > 0 AND instrument_id = NEW.instrument_id
      AND year IN (CAST(substr(NEW.start_at, 1, 4) AS INTEGER), CAST(substr(NEW.end_at, 1, 4) AS INTEGER))
      AND EXISTS (SELECT 1 FROM usage_logs o WHERE o.instrument_id = NEW.instrument_id AND o.id <> NEW.usage_id
        AND o.start_at >= strftime('%Y-%m-%dT%H:%M', NEW.start_at, '-7 days') AND o.start_at < NEW.end_at AND o.end_at > NEW.start_at);

  DELETE FROM assessment_summary_instruments WHERE NEW.n < 0 AND instrument_id = NEW.instrument_id AND records = 0
    AND year IN (CAST(substr(NEW.start_at, 1, 4) AS INTEGER), CAST(substr(NEW.start_at, 1, 4) AS INTEGER) + 1);
  DELETE FROM assessment_summary_months WHERE NEW.n < 0 AND records = 0
    AND year IN (CAST(substr(NEW.start_at, 1, 4) AS INTEGER), CAST(substr(NEW.start_at, 1, 4) AS INTEGER) + 1);
  DELETE FROM assessment_summary_units WHERE NEW.n < 0 AND user_unit = NEW.user_unit AND records = 0
    AND year IN (CAST(substr(NEW.start_at, 1, 4) AS INTEGER), CAST(substr(NEW.start_at, 1, 4) AS INTEGER) + 1);
  DELETE FROM assessment_summary_changes WHERE rowid = NEW.rowid;
END;

-- The service amount of a record: its charge line's, else the amount typed on it (money/service-amount.ts).
CREATE TRIGGER assessment_summary_usage_added AFTER INSERT ON usage_logs
  WHEN EXISTS (SELECT 1 FROM assessment_summary_years)
BEGIN
  INSERT INTO assessment_summary_changes VALUES (1, NEW.id, NEW.instrument_id, NEW.start_at, NEW.end_at, NEW.external, NEW.user_unit, NEW.satisfaction,
    coalesce((SELECT ch.amount_fen FROM charges ch WHERE ch.usage_id = NEW.id), NEW.amount_fen));
END;

-- Before the delete, while the record's charge still points at it (the foreign key then sets it to NULL).
CREATE TRIGGER assessment_summary_usage_removed BEFORE DELETE ON usage_logs
  WHEN EXISTS (SELECT 1 FROM assessment_summary_years)
BEGIN
  INSERT INTO assessment_summary_changes VALUES (-1, OLD.id, OLD.instrument_id, OLD.start_at, OLD.end_at, OLD.external, OLD.user_unit, OLD.satisfaction,
    -coalesce((SELECT ch.amount_fen FROM charges ch WHERE ch.usage_id = OLD.id), OLD.amount_fen));
END;

CREATE TRIGGER assessment_summary_usage_changed AFTER UPDATE OF instrument_id, start_at, end_at, external, user_unit, satisfaction, amount_fen ON usage_logs
  WHEN EXISTS (SELECT 1 FROM assessment_summary_years)
BEGIN
  INSERT INTO assessment_summary_changes VALUES (-1, OLD.id, OLD.instrument_id, OLD.start_at, OLD.end_at, OLD.external, OLD.user_unit, OLD.satisfaction,
    -coalesce((SELECT ch.amount_fen FROM charges ch WHERE ch.usage_id = OLD.id), OLD.amount_fen));
  INSERT INTO assessment_summary_changes VALUES (1, NEW.id, NEW.instrument_id, NEW.start_at, NEW.end_at, NEW.external, NEW.user_unit, NEW.satisfaction,
    coalesce((SELECT ch.amount_fen FROM charges ch WHERE ch.usage_id = NEW.id), NEW.amount_fen));
END;

-- A charge line on a record replaces the record's typed amount as its service amount (one charge
-- per record: charges.usage_id is unique). A charge whose record is gone (being deleted) changes nothing.
CREATE TRIGGER assessment_summary_charge_added AFTER INSERT ON charges
  WHEN NEW.usage_id IS NOT NULL AND EXISTS (SELECT 1 FROM assessment_summary_years)
BEGIN
  INSERT INTO assessment_summary_changes SELECT 0, u.id, u.instrument_id, u.start_at, u.end_at, u.external, u.user_unit, u.satisfaction,
    NEW.amount_fen - u.amount_fen FROM usage_logs u WHERE u.id = NEW.usage_id;
END;

CREATE TRIGGER assessment_summary_charge_removed AFTER DELETE ON charges
  WHEN OLD.usage_id IS NOT NULL AND EXISTS (SELECT 1 FROM assessment_summary_years)
BEGIN
  INSERT INTO assessment_summary_changes SELECT 0, u.id, u.instrument_id, u.start_at, u.end_at, u.external, u.user_unit, u.satisfaction,
    u.amount_fen - OLD.amount_fen FROM usage_logs u WHERE u.id = OLD.usage_id;
END;

CREATE TRIGGER assessment_summary_charge_changed AFTER UPDATE OF usage_id, amount_fen ON charges
  WHEN (OLD.usage_id IS NOT NULL OR NEW.usage_id IS NOT NULL) AND EXISTS (SELECT 1 FROM assessment_summary_years)
BEGIN
  INSERT INTO assessment_summary_changes SELECT 0, u.id, u.instrument_id, u.start_at, u.end_at, u.external, u.user_unit, u.satisfaction,
    u.amount_fen - OLD.amount_fen FROM usage_logs u WHERE u.id = OLD.usage_id;
  INSERT INTO assessment_summary_changes SELECT 0, u.id, u.instrument_id, u.start_at, u.end_at, u.external, u.user_unit, u.satisfaction,
    NEW.amount_fen - u.amount_fen FROM usage_logs u WHERE u.id = NEW.usage_id;
END;
