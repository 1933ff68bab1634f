-- Materials of a Shanghai order (沪科规〔2025〕6号 第十一条): after the service is completed, the
-- enterprise (team) or the service institution, by the chosen 兑付方式, uploads the payment
-- materials. Files are sealed under <dataDir>/attachments/orders/<order_id>/ with a generated
-- stored name; the user's file name is kept as metadata only, with its SHA-256 and size.
CREATE TABLE order_materials (
  id INTEGER PRIMARY KEY,
  order_id INTEGER NOT NULL REFERENCES orders(id),
  kind TEXT NOT NULL CHECK (kind IN ('deliverable', 'invoice', 'payment_proof', 'evaluation', 'other')),
  uploaded_by TEXT NOT NULL CHECK (uploaded_by IN ('enterprise', 'institution')),
  original_name TEXT NOT NULL,
  stored_name TEXT NOT NULL UNIQUE,
  sha256 TEXT NOT NULL,
  size_bytes INTEGER NOT NULL CHECK (size_bytes > 0),
  created_at TEXT NOT NULL
) STRICT;
CREATE INDEX order_materials_order ON order_materials(order_id, kind, id);
