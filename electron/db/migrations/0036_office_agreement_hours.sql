-- Usage at the office attributed to its service agreement: per lab, instrument and year, the
-- seconds of usage under a contract and under a Shanghai order (clipped to the year, as sec).
-- NULL is "not known": rows imported before this migration, and order_sec of a package whose
-- usage records carried no order link (usage part schema 1). The figures say so rather than count 0.
ALTER TABLE office_instrument_years ADD COLUMN contract_sec INTEGER;
ALTER TABLE office_instrument_years ADD COLUMN order_sec INTEGER;

-- The hashes of a lab's charges and 额定机时 records, kept only to show what changed since its
-- previous package, are held per lab, part and year ({record id: hash}) as the usage records'
-- are, instead of one office_records row each (tens of thousands per lab).
CREATE TABLE office_part_hashes (
  desk_id TEXT NOT NULL,
  part TEXT NOT NULL,
  year INTEGER NOT NULL,
  hashes TEXT NOT NULL,
  PRIMARY KEY (desk_id, part, year)
) STRICT;

INSERT INTO office_part_hashes(desk_id, part, year, hashes)
  SELECT desk_id, 'ratedHours', year, json_group_object(rkey, hash) FROM office_records WHERE part = 'ratedHours' AND year IS NOT NULL GROUP BY desk_id, year;
-- Charges were held as the lab's table rows: their hash becomes the record they are now read as
-- (the JSON of that record, compared as such until the lab's next package stores its hash).
INSERT INTO office_part_hashes(desk_id, part, year, hashes)
  SELECT desk_id, 'charges', year, json_group_object(rkey, json_object('id', data->>'id', 'contractId', data->>'contract_id', 'orderId', data->>'order_id',
      'usageId', data->>'usage_id', 'kind', data->>'kind', 'category', data->>'category', 'serviceDate', data->>'service_date',
      'instrumentId', data->>'instrument_id', 'amountFen', data->>'amount_fen', 'statementId', data->>'statement_id'))
  FROM office_records WHERE part = 'charges' AND year IS NOT NULL AND data IS NOT NULL GROUP BY desk_id, year;
DELETE FROM office_records WHERE part IN ('ratedHours', 'charges');
