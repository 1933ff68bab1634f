-- Consolidation at the facility office: registered lab desks (their public keys), the packages
-- imported, and each lab's current data, read-only here. Rows are keyed by the lab desk and the
-- record's id on that desk; a new package from a lab replaces all of that lab's rows in one
-- transaction. office_records keeps one hash per record (the diff against the next package)
-- and the record itself for every part but usage (usage is kept as per-instrument-year sums).
CREATE TABLE office_labs (
  desk_id TEXT PRIMARY KEY,
  lab_name TEXT NOT NULL,
  public_key TEXT NOT NULL UNIQUE,
  fingerprint TEXT NOT NULL,
  note TEXT NOT NULL DEFAULT '',
  registered_at TEXT NOT NULL,
  current_import_id INTEGER
) STRICT;

CREATE TABLE office_imports (
  id INTEGER PRIMARY KEY,
  desk_id TEXT NOT NULL REFERENCES office_labs(desk_id),
  package_id TEXT NOT NULL,
  package_sha256 TEXT NOT NULL,
  schema_version INTEGER NOT NULL,
  created_at TEXT NOT NULL,
  from_year INTEGER NOT NULL,
  to_year INTEGER NOT NULL,
  lab_name TEXT NOT NULL,
  unit_name TEXT NOT NULL,
  unit_credit_code TEXT NOT NULL,
  sealed INTEGER NOT NULL CHECK (sealed IN (0, 1)),
  counts TEXT NOT NULL,
  diff TEXT NOT NULL,
  derived TEXT NOT NULL,
  imported_at TEXT NOT NULL,
  actor TEXT NOT NULL,
  UNIQUE (desk_id, package_id)
) STRICT;
CREATE INDEX office_imports_desk ON office_imports(desk_id, created_at);

CREATE TABLE office_records (
  desk_id TEXT NOT NULL,
  part TEXT NOT NULL,
  rkey TEXT NOT NULL,
  hash TEXT NOT NULL,
  data TEXT,
  PRIMARY KEY (desk_id, part, rkey)
) STRICT;

CREATE TABLE office_instruments (
  desk_id TEXT NOT NULL,
  iid INTEGER NOT NULL,
  inner_id TEXT NOT NULL,
  name_cn TEXT NOT NULL,
  category_code TEXT NOT NULL,
  value_fen INTEGER NOT NULL,
  usage_kind TEXT NOT NULL,
  share_mode TEXT NOT NULL,
  status TEXT NOT NULL,
  retired_at TEXT,
  lab_name TEXT NOT NULL,
  PRIMARY KEY (desk_id, iid)
) STRICT;
CREATE INDEX office_instruments_inner ON office_instruments(inner_id);

-- Per instrument and year: the instrument's 额定机时 on its lab desk and the usage sums, clipped
-- to the year as the lab's own assessment clips them.
CREATE TABLE office_instrument_years (
  desk_id TEXT NOT NULL,
  iid INTEGER NOT NULL,
  year INTEGER NOT NULL,
  rated_hours REAL NOT NULL,
  sec INTEGER NOT NULL,
  ext_sec INTEGER NOT NULL,
  records INTEGER NOT NULL,
  income_fen INTEGER NOT NULL,
  sat_sum INTEGER NOT NULL,
  sat_n INTEGER NOT NULL,
  PRIMARY KEY (desk_id, year, iid)
) STRICT;
CREATE INDEX office_instrument_years_year ON office_instrument_years(year);

CREATE TABLE office_months (
  desk_id TEXT NOT NULL,
  year INTEGER NOT NULL,
  month INTEGER NOT NULL,
  sec INTEGER NOT NULL,
  ext_sec INTEGER NOT NULL,
  PRIMARY KEY (desk_id, year, month)
) STRICT;

CREATE TABLE office_external_users (
  desk_id TEXT NOT NULL,
  year INTEGER NOT NULL,
  user_unit TEXT NOT NULL,
  PRIMARY KEY (desk_id, year, user_unit)
) STRICT;

CREATE TABLE office_contracts (
  desk_id TEXT NOT NULL,
  cid INTEGER NOT NULL,
  number TEXT NOT NULL,
  applicant_id INTEGER NOT NULL,
  signed_date TEXT NOT NULL,
  amount_fen INTEGER NOT NULL,
  status TEXT NOT NULL,
  voucher_fen INTEGER NOT NULL,
  PRIMARY KEY (desk_id, cid)
) STRICT;
CREATE INDEX office_contracts_number ON office_contracts(number);
CREATE INDEX office_contracts_signed ON office_contracts(signed_date);

CREATE TABLE office_applicants (
  desk_id TEXT NOT NULL,
  aid INTEGER NOT NULL,
  name TEXT NOT NULL,
  credit_code TEXT,
  PRIMARY KEY (desk_id, aid)
) STRICT;
CREATE INDEX office_applicants_code ON office_applicants(credit_code) WHERE credit_code IS NOT NULL;

-- Conflicts across labs are found by query; the office's decision on each is kept here.
CREATE TABLE office_conflict_notes (
  kind TEXT NOT NULL CHECK (kind IN ('instrument', 'contract', 'applicant')),
  conflict_key TEXT NOT NULL,
  resolution TEXT NOT NULL CHECK (resolution IN ('same', 'distinct', 'corrected_at_lab')),
  note TEXT NOT NULL DEFAULT '',
  resolved_at TEXT NOT NULL,
  actor TEXT NOT NULL,
  PRIMARY KEY (kind, conflict_key)
) STRICT;

-- The national self-assessment's qualitative inputs (text, evidence, scores) per cycle.
CREATE TABLE evaluation_entries (
  from_year INTEGER NOT NULL,
  to_year INTEGER NOT NULL,
  indicator TEXT NOT NULL,
  text TEXT NOT NULL DEFAULT '',
  score REAL CHECK (score IS NULL OR (score >= 0 AND score <= 100)),
  updated_at TEXT NOT NULL,
  PRIMARY KEY (from_year, to_year, indicator)
) STRICT;

CREATE TABLE evaluation_evidence (
  id INTEGER PRIMARY KEY,
  from_year INTEGER NOT NULL,
  to_year INTEGER NOT NULL,
  indicator TEXT NOT NULL,
  original_name TEXT NOT NULL,
  stored_name TEXT NOT NULL UNIQUE,
  sha256 TEXT NOT NULL CHECK (length(sha256) = 64),
  size_bytes INTEGER NOT NULL,
  created_at TEXT NOT NULL
) STRICT;
CREATE INDEX evaluation_evidence_indicator ON evaluation_evidence(from_year, to_year, indicator);
