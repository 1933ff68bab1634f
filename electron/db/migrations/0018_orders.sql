-- Shanghai orders (沪科规〔2025〕6号 第二条, 第十条, 第十一条): the lab is a 服务机构 offering
-- service products from the platform's item list; an enterprise or team orders one; the order
-- carries its total, the voucher amount set for it and the chosen 兑付方式; every state change is
-- dated in order_events and audited. Usage records link to orders as they link to contracts, so
-- machine hours, assessment and the national 服务记录 export see both. A cross-region (长三角)
-- order is recorded with its issuing region and not judged by the local profile.

CREATE TABLE service_products (
  id INTEGER PRIMARY KEY,
  code TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  -- Category of the platform's service-item list, from the profile's service vocabulary.
  service_kind TEXT NOT NULL,
  -- The item-list entry as the platform names it (free text, kept as shown there).
  item_category TEXT NOT NULL DEFAULT '',
  lab_id INTEGER REFERENCES labs(id),
  price_note TEXT NOT NULL DEFAULT '',
  active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;

CREATE TABLE orders (
  id INTEGER PRIMARY KEY,
  number TEXT NOT NULL UNIQUE,
  applicant_id INTEGER NOT NULL REFERENCES applicants(id),
  product_id INTEGER NOT NULL REFERENCES service_products(id),
  order_date TEXT NOT NULL,
  total_fen INTEGER NOT NULL CHECK (total_fen > 0),
  voucher_fen INTEGER NOT NULL CHECK (voucher_fen >= 0),
  payout_party TEXT NOT NULL CHECK (payout_party IN ('enterprise', 'institution')),
  status TEXT NOT NULL DEFAULT 'placed' CHECK (status IN
    ('placed', 'accepted', 'completed', 'evaluated', 'uploaded', 'verified', 'notice', 'paid', 'rejected', 'cancelled')),
  profile_id TEXT NOT NULL,
  city_funded INTEGER NOT NULL DEFAULT 0 CHECK (city_funded IN (0, 1)),
  related_party INTEGER NOT NULL DEFAULT 0 CHECK (related_party IN (0, 1)),
  subcontracted INTEGER NOT NULL DEFAULT 0 CHECK (subcontracted IN (0, 1)),
  cross_region TEXT CHECK (cross_region IS NULL OR cross_region IN ('jingjinji', 'yangtze')),
  issuing_region TEXT,
  notice_start TEXT,
  note TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;
-- Annual use per applicant by order year, and the order list by date.
CREATE INDEX orders_applicant_date ON orders(applicant_id, order_date);
CREATE INDEX orders_date ON orders(order_date, id);
CREATE INDEX orders_status ON orders(status, order_date);

CREATE TABLE order_events (
  id INTEGER PRIMARY KEY,
  order_id INTEGER NOT NULL REFERENCES orders(id),
  status TEXT NOT NULL,
  date TEXT NOT NULL,
  note TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL
) STRICT;
CREATE INDEX order_events_order ON order_events(order_id, id);

ALTER TABLE usage_logs ADD COLUMN order_id INTEGER REFERENCES orders(id);
CREATE INDEX usage_order ON usage_logs(order_id) WHERE order_id IS NOT NULL;
