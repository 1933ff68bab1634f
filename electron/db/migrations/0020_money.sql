-- Money from instrument time: price groups, rate tables with effective dates, quotes, charges,
-- statements (费用结算单) and payments received. Charge lines keep the price they were computed
-- with, so a later rate version never rewrites them. The owner of a charge is a contract for now.

CREATE TABLE price_groups (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  name_en TEXT NOT NULL DEFAULT '',
  sort_order INTEGER NOT NULL DEFAULT 0,
  -- The group an applicant falls in unless another is set (outside enterprises: 企业).
  is_default INTEGER NOT NULL DEFAULT 0 CHECK (is_default IN (0, 1)),
  created_at TEXT NOT NULL
) STRICT;
CREATE UNIQUE INDEX price_groups_one_default ON price_groups(is_default) WHERE is_default = 1;
INSERT INTO price_groups(id, name, name_en, sort_order, is_default, created_at) VALUES
  (1, '校内', 'On campus', 1, 0, '2026-01-01T00:00:00.000Z'),
  (2, '校外高校及科研院所', 'Other universities and institutes', 2, 0, '2026-01-01T00:00:00.000Z'),
  (3, '企业', 'Enterprises', 3, 1, '2026-01-01T00:00:00.000Z');

ALTER TABLE applicants ADD COLUMN price_group_id INTEGER REFERENCES price_groups(id);

-- A chargeable thing: an instrument's time, or a service item (元素分析 per sample, 报告 per item).
CREATE TABLE rate_items (
  id INTEGER PRIMARY KEY,
  instrument_id INTEGER REFERENCES instruments(id),
  name TEXT NOT NULL,
  unit TEXT NOT NULL CHECK (unit IN ('hour', 'sample', 'item', 'core_hour')),
  -- The item the instrument's usage records are charged by (one per instrument).
  bills_usage INTEGER NOT NULL DEFAULT 0 CHECK (bills_usage IN (0, 1)),
  retired_at TEXT,
  created_at TEXT NOT NULL,
  CHECK (bills_usage = 0 OR (unit IN ('hour', 'core_hour') AND instrument_id IS NOT NULL))
) STRICT;
CREATE UNIQUE INDEX rate_items_usage ON rate_items(instrument_id) WHERE bills_usage = 1 AND retired_at IS NULL;
CREATE UNIQUE INDEX rate_items_name ON rate_items(coalesce(instrument_id, 0), name);

CREATE TABLE rate_versions (
  id INTEGER PRIMARY KEY,
  item_id INTEGER NOT NULL REFERENCES rate_items(id),
  effective_from TEXT NOT NULL,
  effective_to TEXT,
  increment_minutes INTEGER CHECK (increment_minutes IS NULL OR increment_minutes IN (6, 12, 15, 30, 60)),
  minimum_fen INTEGER NOT NULL DEFAULT 0 CHECK (minimum_fen >= 0),
  setup_fee_fen INTEGER NOT NULL DEFAULT 0 CHECK (setup_fee_fen >= 0),
  note TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL,
  UNIQUE (item_id, effective_from),
  CHECK (effective_to IS NULL OR effective_to >= effective_from)
) STRICT;

CREATE TABLE rate_prices (
  version_id INTEGER NOT NULL REFERENCES rate_versions(id) ON DELETE CASCADE,
  price_group_id INTEGER NOT NULL REFERENCES price_groups(id),
  unit_price_fen INTEGER NOT NULL CHECK (unit_price_fen >= 0),
  PRIMARY KEY (version_id, price_group_id)
) STRICT;

-- 报价单: priced before the contract; a contract may adopt its total as the contract amount.
CREATE TABLE quotes (
  id INTEGER PRIMARY KEY,
  number TEXT NOT NULL UNIQUE,
  applicant_id INTEGER NOT NULL REFERENCES applicants(id),
  price_group_id INTEGER NOT NULL REFERENCES price_groups(id),
  quote_date TEXT NOT NULL,
  valid_until TEXT NOT NULL,
  title TEXT NOT NULL DEFAULT '',
  total_fen INTEGER NOT NULL CHECK (total_fen >= 0),
  contract_id INTEGER REFERENCES contracts(id),
  created_at TEXT NOT NULL,
  CHECK (valid_until >= quote_date)
) STRICT;
CREATE INDEX quotes_applicant ON quotes(applicant_id, quote_date);

CREATE TABLE quote_lines (
  id INTEGER PRIMARY KEY,
  quote_id INTEGER NOT NULL REFERENCES quotes(id) ON DELETE CASCADE,
  rate_item_id INTEGER REFERENCES rate_items(id),
  rate_version_id INTEGER REFERENCES rate_versions(id),
  description TEXT NOT NULL,
  unit TEXT NOT NULL CHECK (unit IN ('hour', 'sample', 'item', 'core_hour')),
  quantity_milli INTEGER NOT NULL CHECK (quantity_milli > 0),
  unit_price_fen INTEGER NOT NULL CHECK (unit_price_fen >= 0),
  setup_fee_fen INTEGER NOT NULL DEFAULT 0 CHECK (setup_fee_fen >= 0),
  minimum_fen INTEGER NOT NULL DEFAULT 0 CHECK (minimum_fen >= 0),
  amount_fen INTEGER NOT NULL CHECK (amount_fen >= 0)
) STRICT;
CREATE INDEX quote_lines_quote ON quote_lines(quote_id);

ALTER TABLE contracts ADD COLUMN quote_id INTEGER REFERENCES quotes(id);

-- 费用结算单: at most one current (not voided) statement per contract; its lines are the charges
-- that carry its id, which no longer change while it stands.
CREATE TABLE statements (
  id INTEGER PRIMARY KEY,
  contract_id INTEGER NOT NULL REFERENCES contracts(id),
  number TEXT NOT NULL UNIQUE,
  issued_on TEXT NOT NULL,
  total_fen INTEGER NOT NULL CHECK (total_fen >= 0),
  voucher_fen INTEGER NOT NULL CHECK (voucher_fen >= 0),
  own_fen INTEGER NOT NULL,
  voided_at TEXT,
  void_reason TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL,
  CHECK (voided_at IS NULL OR length(trim(void_reason)) > 0)
) STRICT;
CREATE UNIQUE INDEX statements_current ON statements(contract_id) WHERE voided_at IS NULL;
CREATE INDEX statements_issued ON statements(issued_on);

CREATE TABLE charges (
  id INTEGER PRIMARY KEY,
  contract_id INTEGER NOT NULL REFERENCES contracts(id),
  kind TEXT NOT NULL CHECK (kind IN ('usage', 'manual', 'adjustment')),
  category TEXT NOT NULL CHECK (category IN ('usage', 'service', 'consumable', 'staff', 'rush', 'other', 'discount', 'waiver', 'correction')),
  service_date TEXT NOT NULL,
  instrument_id INTEGER REFERENCES instruments(id),
  -- A usage line names its record; the record's minutes and start are kept to see later edits.
  usage_id INTEGER UNIQUE REFERENCES usage_logs(id) ON DELETE SET NULL,
  usage_start_at TEXT,
  usage_minutes INTEGER,
  rate_item_id INTEGER REFERENCES rate_items(id),
  rate_version_id INTEGER REFERENCES rate_versions(id),
  price_group_id INTEGER REFERENCES price_groups(id),
  description TEXT NOT NULL,
  unit TEXT CHECK (unit IS NULL OR unit IN ('hour', 'sample', 'item', 'core_hour')),
  quantity_milli INTEGER CHECK (quantity_milli IS NULL OR quantity_milli >= 0),
  unit_price_fen INTEGER CHECK (unit_price_fen IS NULL OR unit_price_fen >= 0),
  setup_fee_fen INTEGER NOT NULL DEFAULT 0 CHECK (setup_fee_fen >= 0),
  minimum_fen INTEGER NOT NULL DEFAULT 0 CHECK (minimum_fen >= 0),
  amount_fen INTEGER NOT NULL,
  reason TEXT NOT NULL DEFAULT '',
  statement_id INTEGER REFERENCES statements(id),
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL,
  CHECK (kind <> 'adjustment' OR length(trim(reason)) > 0),
  CHECK (kind = 'adjustment' OR amount_fen >= 0),
  CHECK (kind <> 'usage' OR category = 'usage')
) STRICT;
CREATE INDEX charges_contract ON charges(contract_id, service_date);
CREATE INDEX charges_date ON charges(service_date, contract_id, amount_fen);
CREATE INDEX charges_statement ON charges(statement_id) WHERE statement_id IS NOT NULL;

-- 实际发生金额 kept different from the charges' sum: confirmed with a reason, for those two figures.
CREATE TABLE amount_confirmations (
  id INTEGER PRIMARY KEY,
  contract_id INTEGER NOT NULL REFERENCES contracts(id),
  actual_fen INTEGER NOT NULL,
  charges_fen INTEGER NOT NULL,
  reason TEXT NOT NULL CHECK (length(trim(reason)) > 0),
  created_at TEXT NOT NULL,
  actor TEXT NOT NULL
) STRICT;
CREATE INDEX amount_confirmations_contract ON amount_confirmations(contract_id, id);

-- Payments received from the applicant (proof of own payment in the redemption packet).
CREATE TABLE payments (
  id INTEGER PRIMARY KEY,
  contract_id INTEGER NOT NULL REFERENCES contracts(id),
  statement_id INTEGER REFERENCES statements(id),
  receipt_number TEXT NOT NULL UNIQUE,
  paid_on TEXT NOT NULL,
  amount_fen INTEGER NOT NULL CHECK (amount_fen > 0),
  payer TEXT NOT NULL DEFAULT '',
  note TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL
) STRICT;
CREATE INDEX payments_contract ON payments(contract_id, paid_on);
CREATE INDEX payments_paid ON payments(paid_on);
