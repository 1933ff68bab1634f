-- Core schema: catalog, applicants, vouchers, contracts, bookings, usage, redemption, audit.
-- Money is integer fen; civil dates are 'YYYY-MM-DD' (Asia/Shanghai); slot times are
-- 'YYYY-MM-DDTHH:MM' Shanghai civil times, so text order is time order; instants are ISO UTC.

CREATE TABLE settings (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
) STRICT;

CREATE TABLE labs (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  unit_name TEXT NOT NULL DEFAULT '',
  contact TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL
) STRICT;

CREATE TABLE instruments (
  id INTEGER PRIMARY KEY,
  inner_id TEXT NOT NULL UNIQUE,
  name_cn TEXT NOT NULL,
  name_en TEXT NOT NULL DEFAULT '',
  category_code TEXT NOT NULL CHECK (length(category_code) = 6),
  source TEXT NOT NULL DEFAULT '购置' CHECK (source IN ('购置', '研制', '赠送', '其他')),
  original_value_fen INTEGER NOT NULL CHECK (original_value_fen >= 0),
  manufacturer TEXT NOT NULL DEFAULT '',
  country TEXT NOT NULL DEFAULT '',
  model TEXT NOT NULL DEFAULT '',
  start_use_date TEXT,
  usage_kind TEXT NOT NULL DEFAULT '通用' CHECK (usage_kind IN ('通用', '专用')),
  specs TEXT NOT NULL DEFAULT '',
  functions TEXT NOT NULL DEFAULT '',
  discipline TEXT NOT NULL DEFAULT '',
  service_content TEXT NOT NULL DEFAULT '',
  status TEXT NOT NULL DEFAULT '正常' CHECK (status IN ('正常', '偶有故障', '故障频繁', '待修', '待报废')),
  share_mode TEXT NOT NULL DEFAULT '外部共享' CHECK (share_mode IN ('内部共享', '外部共享', '不共享')),
  sharing_rules TEXT NOT NULL DEFAULT '',
  reference_fee_fen INTEGER CHECK (reference_fee_fen IS NULL OR reference_fee_fen >= 0),
  fee_unit TEXT NOT NULL DEFAULT '小时',
  location TEXT NOT NULL DEFAULT '',
  contact_name TEXT NOT NULL DEFAULT '',
  contact_phone TEXT NOT NULL DEFAULT '',
  contact_email TEXT NOT NULL DEFAULT '',
  lab_id INTEGER REFERENCES labs(id),
  retired_at TEXT,
  retire_reason TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1
) STRICT;
CREATE INDEX instruments_category ON instruments(category_code);
CREATE INDEX instruments_status ON instruments(status);
CREATE INDEX instruments_share ON instruments(share_mode);
CREATE INDEX instruments_lab ON instruments(lab_id);
CREATE INDEX instruments_value ON instruments(original_value_fen);

-- Trigram FTS for Chinese substrings of 3+ characters; shorter queries use LIKE.
CREATE VIRTUAL TABLE instruments_fts USING fts5(
  name_cn, name_en, model, manufacturer, inner_id, service_content,
  content = 'instruments', content_rowid = 'id', tokenize = 'trigram'
);
CREATE TRIGGER instruments_fts_ai AFTER INSERT ON instruments BEGIN
  INSERT INTO instruments_fts(rowid, name_cn, name_en, model, manufacturer, inner_id, service_content)
  VALUES (new.id, new.name_cn, new.name_en, new.model, new.manufacturer, new.inner_id, new.service_content);
END;
CREATE TRIGGER instruments_fts_ad AFTER DELETE ON instruments BEGIN
  INSERT INTO instruments_fts(instruments_fts, rowid, name_cn, name_en, model, manufacturer, inner_id, service_content)
  VALUES ('delete', old.id, old.name_cn, old.name_en, old.model, old.manufacturer, old.inner_id, old.service_content);
END;
CREATE TRIGGER instruments_fts_au AFTER UPDATE ON instruments BEGIN
  INSERT INTO instruments_fts(instruments_fts, rowid, name_cn, name_en, model, manufacturer, inner_id, service_content)
  VALUES ('delete', old.id, old.name_cn, old.name_en, old.model, old.manufacturer, old.inner_id, old.service_content);
  INSERT INTO instruments_fts(rowid, name_cn, name_en, model, manufacturer, inner_id, service_content)
  VALUES (new.id, new.name_cn, new.name_en, new.model, new.manufacturer, new.inner_id, new.service_content);
END;

-- Holiday table: editable for later years. The official 2025–2026 dates are seeded right after
-- this migration from resources/holidays/cn-2025-2026.json (DATA_STEPS in electron/db/migrate.ts).
CREATE TABLE holidays (
  date TEXT PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('holiday', 'adjusted_workday')),
  name TEXT NOT NULL DEFAULT ''
) STRICT;

CREATE TABLE applicants (
  id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('enterprise', 'team')),
  name TEXT NOT NULL,
  credit_code TEXT,
  region TEXT NOT NULL DEFAULT 'beijing',
  registered_date TEXT,
  staff_count INTEGER,
  revenue_fen INTEGER,
  assets_fen INTEGER,
  field TEXT NOT NULL DEFAULT '',
  high_tech INTEGER NOT NULL DEFAULT 0 CHECK (high_tech IN (0, 1)),
  sme_listed INTEGER NOT NULL DEFAULT 0 CHECK (sme_listed IN (0, 1)),
  sme_listed_year INTEGER,
  bad_credit INTEGER NOT NULL DEFAULT 0 CHECK (bad_credit IN (0, 1)),
  team_members INTEGER,
  students_majority INTEGER CHECK (students_majority IS NULL OR students_majority IN (0, 1)),
  project_stage TEXT NOT NULL DEFAULT '',
  incubator TEXT NOT NULL DEFAULT '',
  contact_name TEXT NOT NULL DEFAULT '',
  contact_phone TEXT NOT NULL DEFAULT '',
  bank_name TEXT NOT NULL DEFAULT '',
  bank_account TEXT NOT NULL DEFAULT '',
  notes TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;
CREATE UNIQUE INDEX applicants_credit_code ON applicants(credit_code) WHERE credit_code IS NOT NULL;
CREATE INDEX applicants_name ON applicants(name);

CREATE TABLE vouchers (
  id INTEGER PRIMARY KEY,
  number TEXT NOT NULL UNIQUE,
  applicant_id INTEGER NOT NULL REFERENCES applicants(id),
  face_value_fen INTEGER NOT NULL CHECK (face_value_fen > 0),
  claim_date TEXT NOT NULL,
  registered_date TEXT,
  profile_id TEXT NOT NULL,
  city_funded INTEGER NOT NULL DEFAULT 0 CHECK (city_funded IN (0, 1)),
  voided_at TEXT,
  void_reason TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;
CREATE INDEX vouchers_applicant ON vouchers(applicant_id, claim_date);
CREATE INDEX vouchers_claim ON vouchers(claim_date);

CREATE TABLE contracts (
  id INTEGER PRIMARY KEY,
  number TEXT NOT NULL UNIQUE,
  applicant_id INTEGER NOT NULL REFERENCES applicants(id),
  lab_id INTEGER REFERENCES labs(id),
  title TEXT NOT NULL DEFAULT '',
  services TEXT NOT NULL DEFAULT '',
  signed_date TEXT NOT NULL,
  start_date TEXT NOT NULL,
  end_date TEXT NOT NULL,
  amount_fen INTEGER NOT NULL CHECK (amount_fen > 0),
  actual_amount_fen INTEGER CHECK (actual_amount_fen IS NULL OR actual_amount_fen >= 0),
  registration_date TEXT,
  profile_id TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('draft', 'active', 'completed', 'void')),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  CHECK (end_date >= start_date)
) STRICT;
CREATE INDEX contracts_applicant ON contracts(applicant_id);
CREATE INDEX contracts_end ON contracts(end_date);

-- A voucher pays into at most one contract.
CREATE TABLE contract_vouchers (
  contract_id INTEGER NOT NULL REFERENCES contracts(id) ON DELETE CASCADE,
  voucher_id INTEGER NOT NULL UNIQUE REFERENCES vouchers(id),
  amount_fen INTEGER NOT NULL CHECK (amount_fen > 0),
  PRIMARY KEY (contract_id, voucher_id)
) STRICT;

CREATE TABLE contract_instruments (
  contract_id INTEGER NOT NULL REFERENCES contracts(id) ON DELETE CASCADE,
  instrument_id INTEGER NOT NULL REFERENCES instruments(id),
  PRIMARY KEY (contract_id, instrument_id)
) STRICT;

CREATE TABLE bookings (
  id INTEGER PRIMARY KEY,
  instrument_id INTEGER NOT NULL REFERENCES instruments(id),
  contract_id INTEGER REFERENCES contracts(id),
  kind TEXT NOT NULL CHECK (kind IN ('contract', 'internal', 'maintenance')),
  start_at TEXT NOT NULL,
  end_at TEXT NOT NULL,
  title TEXT NOT NULL DEFAULT '',
  series_id TEXT,
  created_at TEXT NOT NULL,
  CHECK (end_at > start_at),
  CHECK (kind <> 'contract' OR contract_id IS NOT NULL)
) STRICT;
CREATE INDEX bookings_instrument_start ON bookings(instrument_id, start_at);
CREATE INDEX bookings_contract ON bookings(contract_id);
CREATE INDEX bookings_start ON bookings(start_at);

-- Actual use (service records): the source of effective and external machine hours.
CREATE TABLE usage_logs (
  id INTEGER PRIMARY KEY,
  instrument_id INTEGER NOT NULL REFERENCES instruments(id),
  booking_id INTEGER REFERENCES bookings(id),
  contract_id INTEGER REFERENCES contracts(id),
  start_at TEXT NOT NULL,
  end_at TEXT NOT NULL,
  operator TEXT NOT NULL DEFAULT '',
  external INTEGER NOT NULL DEFAULT 0 CHECK (external IN (0, 1)),
  service_way TEXT NOT NULL DEFAULT '占用' CHECK (service_way IN ('占用', '技术', '委托', '远程共享', '其他')),
  direction TEXT NOT NULL DEFAULT '科学研究' CHECK (direction IN ('科学研究', '科技开发', '教学', '其他')),
  content TEXT NOT NULL DEFAULT '',
  amount_fen INTEGER NOT NULL DEFAULT 0 CHECK (amount_fen >= 0),
  user_name TEXT NOT NULL DEFAULT '',
  user_unit TEXT NOT NULL DEFAULT '',
  satisfaction INTEGER CHECK (satisfaction IS NULL OR satisfaction BETWEEN 1 AND 5),
  created_at TEXT NOT NULL,
  CHECK (end_at > start_at)
) STRICT;
CREATE INDEX usage_instrument_start ON usage_logs(instrument_id, start_at);
CREATE INDEX usage_start ON usage_logs(start_at);
CREATE INDEX usage_contract ON usage_logs(contract_id);

CREATE TABLE redemptions (
  id INTEGER PRIMARY KEY,
  contract_id INTEGER NOT NULL UNIQUE REFERENCES contracts(id),
  status TEXT NOT NULL DEFAULT 'draft'
    CHECK (status IN ('draft', 'submitted', 'under_review', 'approved', 'paid', 'rejected', 'void')),
  voucher_amount_fen INTEGER NOT NULL DEFAULT 0 CHECK (voucher_amount_fen >= 0),
  own_payment_fen INTEGER NOT NULL DEFAULT 0 CHECK (own_payment_fen >= 0),
  results_text TEXT NOT NULL DEFAULT '',
  submitted_date TEXT,
  approved_date TEXT,
  paid_date TEXT,
  rejected_reason TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;

CREATE TABLE redemption_events (
  id INTEGER PRIMARY KEY,
  redemption_id INTEGER NOT NULL REFERENCES redemptions(id),
  status TEXT NOT NULL,
  date TEXT NOT NULL,
  note TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL
) STRICT;

CREATE TABLE attachments (
  id INTEGER PRIMARY KEY,
  contract_id INTEGER NOT NULL REFERENCES contracts(id),
  kind TEXT NOT NULL CHECK (kind IN ('contract', 'review_form', 'invoice', 'bank_receipt', 'test_report', 'other')),
  original_name TEXT NOT NULL,
  stored_name TEXT NOT NULL UNIQUE,
  sha256 TEXT NOT NULL CHECK (length(sha256) = 64),
  size_bytes INTEGER NOT NULL CHECK (size_bytes >= 0),
  created_at TEXT NOT NULL
) STRICT;
CREATE INDEX attachments_contract ON attachments(contract_id);

CREATE TABLE invoices (
  id INTEGER PRIMARY KEY,
  contract_id INTEGER NOT NULL REFERENCES contracts(id),
  code TEXT NOT NULL,
  number TEXT NOT NULL,
  issue_date TEXT NOT NULL,
  amount_fen INTEGER NOT NULL CHECK (amount_fen > 0),
  attachment_id INTEGER REFERENCES attachments(id),
  UNIQUE (code, number)
) STRICT;
CREATE INDEX invoices_contract ON invoices(contract_id);

-- Append-only audit trail: triggers refuse any rewrite of history.
CREATE TABLE audit_log (
  id INTEGER PRIMARY KEY,
  at TEXT NOT NULL,
  actor TEXT NOT NULL,
  action TEXT NOT NULL,
  entity TEXT NOT NULL,
  entity_id TEXT,
  detail TEXT NOT NULL DEFAULT '{}'
) STRICT;
CREATE INDEX audit_entity ON audit_log(entity, entity_id);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN
  SELECT RAISE(ABORT, 'audit_log is append-only');
END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN
  SELECT RAISE(ABORT, 'audit_log is append-only');
END;
