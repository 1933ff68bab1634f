-- 额定机时 per instrument and year. Built-in presets (national 1,600 h, MoE 1,400 h / 800 h) live in
-- the national evaluation profile (shared/evaluation); the office may add custom presets here.
-- A unit default per year and a per-instrument override per year each name either a preset or hours.
-- Resolution: instrument override → unit default of the year → the desk's rated-hours setting → profile.
CREATE TABLE rated_hours_presets (
  id TEXT PRIMARY KEY CHECK (id LIKE 'custom:%'),
  name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
  hours REAL NOT NULL CHECK (hours > 0 AND hours <= 8784),
  created_at TEXT NOT NULL
) STRICT;

CREATE TABLE rated_hours_unit (
  year INTEGER PRIMARY KEY CHECK (year BETWEEN 2000 AND 2100),
  preset_id TEXT,
  hours REAL CHECK (hours IS NULL OR (hours > 0 AND hours <= 8784)),
  updated_at TEXT NOT NULL,
  CHECK ((preset_id IS NULL) <> (hours IS NULL))
) STRICT;

CREATE TABLE instrument_rated_hours (
  instrument_id INTEGER NOT NULL REFERENCES instruments(id) ON DELETE CASCADE,
  year INTEGER NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  preset_id TEXT,
  hours REAL CHECK (hours IS NULL OR (hours > 0 AND hours <= 8784)),
  note TEXT NOT NULL DEFAULT '',
  updated_at TEXT NOT NULL,
  PRIMARY KEY (instrument_id, year),
  CHECK ((preset_id IS NULL) <> (hours IS NULL))
) STRICT;
CREATE INDEX instrument_rated_hours_year ON instrument_rated_hours(year);
