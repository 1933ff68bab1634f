-- Shanghai orders reach the office in lab packages (a part of their own since this version; before,
-- the orders table's rows as they were) and count as contracts in the office's figures, as they do
-- in the lab's own assessment: by order date, once the institution has accepted them.
CREATE TABLE office_orders (
  desk_id TEXT NOT NULL,
  oid INTEGER NOT NULL,
  number TEXT NOT NULL,
  applicant_id INTEGER NOT NULL,
  order_date TEXT NOT NULL,
  total_fen INTEGER NOT NULL,
  voucher_fen INTEGER NOT NULL,
  status TEXT NOT NULL,
  PRIMARY KEY (desk_id, oid)
) STRICT;
CREATE INDEX office_orders_date ON office_orders(order_date);
CREATE INDEX office_orders_number ON office_orders(number);

-- Orders of packages imported before, kept as the table's rows: in the form of the new part, with their year.
UPDATE office_records SET data = json_object('id', json_extract(data, '$.id'), 'number', json_extract(data, '$.number'),
    'applicantId', json_extract(data, '$.applicant_id'), 'orderDate', json_extract(data, '$.order_date'), 'totalFen', json_extract(data, '$.total_fen'),
    'voucherFen', json_extract(data, '$.voucher_fen'), 'status', json_extract(data, '$.status'), 'payoutParty', json_extract(data, '$.payout_party'),
    'crossRegion', json_extract(data, '$.cross_region'), 'profileId', json_extract(data, '$.profile_id')),
  year = CAST(substr(json_extract(data, '$.order_date'), 1, 4) AS INTEGER)
  WHERE part = 'orders' AND data IS NOT NULL AND json_extract(data, '$.order_date') IS NOT NULL;
INSERT INTO office_orders(desk_id, oid, number, applicant_id, order_date, total_fen, voucher_fen, status)
  SELECT desk_id, CAST(rkey AS INTEGER), json_extract(data, '$.number'), json_extract(data, '$.applicantId'), json_extract(data, '$.orderDate'),
    json_extract(data, '$.totalFen'), json_extract(data, '$.voucherFen'), json_extract(data, '$.status')
  FROM office_records WHERE part = 'orders' AND data IS NOT NULL AND json_extract(data, '$.orderDate') IS NOT NULL;
