-- Charges, statements (费用结算单), amount confirmations and payments belong to a Beijing contract
-- or a Shanghai order: exactly one of contract_id and order_id is set. An order's total plays the
-- part of a contract's 实际发生金额 (沪科规〔2025〕6号 第二条: the voucher is at most 50% of it).
-- contract_id becomes nullable, so the four tables are rebuilt (the runner has foreign keys off
-- and checks them all before commit); rows keep their ids.

CREATE TABLE statements_rebuilt (
  id INTEGER PRIMARY KEY,
  contract_id INTEGER REFERENCES contracts(id),
  order_id INTEGER REFERENCES orders(id),
  number TEXT NOT NULL UNIQUE,
  issued_on TEXT NOT NULL,
  total_fen INTEGER NOT NULL CHECK (total_fen >= 0),
  voucher_fen INTEGER NOT NULL CHECK (voucher_fen >= 0),
  own_fen INTEGER NOT NULL,
  voided_at TEXT,
  void_reason TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL,
  CHECK (voided_at IS NULL OR length(trim(void_reason)) > 0),
  CHECK ((contract_id IS NULL) <> (order_id IS NULL))
) STRICT;
INSERT INTO statements_rebuilt(id, contract_id, order_id, number, issued_on, total_fen, voucher_fen, own_fen, voided_at, void_reason, created_at)
  SELECT id, contract_id, NULL, number, issued_on, total_fen, voucher_fen, own_fen, voided_at, void_reason, created_at FROM statements;
DROP TABLE statements;
ALTER TABLE statements_rebuilt RENAME TO statements;
CREATE UNIQUE INDEX statements_current ON statements(contract_id) WHERE voided_at IS NULL AND contract_id IS NOT NULL;
CREATE UNIQUE INDEX statements_current_order ON statements(order_id) WHERE voided_at IS NULL AND order_id IS NOT NULL;
CREATE INDEX statements_issued ON statements(issued_on);

CREATE TABLE charges_rebuilt (
  id INTEGER PRIMARY KEY,
  contract_id INTEGER REFERENCES contracts(id),
  order_id INTEGER REFERENCES orders(id),
  kind TEXT NOT NULL CHECK (kind IN ('usage', 'manual', 'adjustment')),
  category TEXT NOT NULL CHECK (category IN ('usage', 'service', 'consumable', 'staff', 'rush', 'other', 'discount', 'waiver', 'correction')),
  service_date TEXT NOT NULL,
  instrument_id INTEGER REFERENCES instruments(id),
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
  CHECK (kind <> 'usage' OR category = 'usage'),
  CHECK ((contract_id IS NULL) <> (order_id IS NULL))
) STRICT;
INSERT INTO charges_rebuilt(id, contract_id, order_id, kind, category, service_date, instrument_id, usage_id, usage_start_at, usage_minutes,
    rate_item_id, rate_version_id, price_group_id, description, unit, quantity_milli, unit_price_fen, setup_fee_fen, minimum_fen, amount_fen,
    reason, statement_id, created_at, created_by)
  SELECT id, contract_id, NULL, kind, category, service_date, instrument_id, usage_id, usage_start_at, usage_minutes,
    rate_item_id, rate_version_id, price_group_id, description, unit, quantity_milli, unit_price_fen, setup_fee_fen, minimum_fen, amount_fen,
    reason, statement_id, created_at, created_by FROM charges;
DROP TABLE charges;
ALTER TABLE charges_rebuilt RENAME TO charges;
CREATE INDEX charges_contract ON charges(contract_id, service_date) WHERE contract_id IS NOT NULL;
CREATE INDEX charges_order ON charges(order_id, service_date) WHERE order_id IS NOT NULL;
CREATE INDEX charges_date ON charges(service_date, contract_id, amount_fen);
CREATE INDEX charges_statement ON charges(statement_id) WHERE statement_id IS NOT NULL;

CREATE TABLE amount_confirmations_rebuilt (
  id INTEGER PRIMARY KEY,
  contract_id INTEGER REFERENCES contracts(id),
  order_id INTEGER REFERENCES orders(id),
  actual_fen INTEGER NOT NULL,
  charges_fen INTEGER NOT NULL,
  reason TEXT NOT NULL CHECK (length(trim(reason)) > 0),
  created_at TEXT NOT NULL,
  actor TEXT NOT NULL,
  CHECK ((contract_id IS NULL) <> (order_id IS NULL))
) STRICT;
INSERT INTO amount_confirmations_rebuilt(id, contract_id, order_id, actual_fen, charges_fen, reason, created_at, actor)
  SELECT id, contract_id, NULL, actual_fen, charges_fen, reason, created_at, actor FROM amount_confirmations;
DROP TABLE amount_confirmations;
ALTER TABLE amount_confirmations_rebuilt RENAME TO amount_confirmations;
CREATE INDEX amount_confirmations_contract ON amount_confirmations(contract_id, id) WHERE contract_id IS NOT NULL;
CREATE INDEX amount_confirmations_order ON amount_confirmations(order_id, id) WHERE order_id IS NOT NULL;

CREATE TABLE payments_rebuilt (
  id INTEGER PRIMARY KEY,
  contract_id INTEGER REFERENCES contracts(id),
  order_id INTEGER REFERENCES orders(id),
  statement_id INTEGER REFERENCES statements(id),
  receipt_number TEXT NOT NULL UNIQUE,
  paid_on TEXT NOT NULL,
  amount_fen INTEGER NOT NULL CHECK (amount_fen > 0),
  payer TEXT NOT NULL DEFAULT '',
  note TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL,
  CHECK ((contract_id IS NULL) <> (order_id IS NULL))
) STRICT;
INSERT INTO payments_rebuilt(id, contract_id, order_id, statement_id, receipt_number, paid_on, amount_fen, payer, note, created_at)
  SELECT id, contract_id, NULL, statement_id, receipt_number, paid_on, amount_fen, payer, note, created_at FROM payments;
DROP TABLE payments;
ALTER TABLE payments_rebuilt RENAME TO payments;
CREATE INDEX payments_contract ON payments(contract_id, paid_on) WHERE contract_id IS NOT NULL;
CREATE INDEX payments_order ON payments(order_id, paid_on) WHERE order_id IS NOT NULL;
CREATE INDEX payments_paid ON payments(paid_on);
