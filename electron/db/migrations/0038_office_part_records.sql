-- The office reads a lab's charges and 额定机时 (read-only), not only their hashes: per lab, part and
-- year, the records as the lab's package carried them (a JSON array). NULL is "not held": years
-- imported before this migration, until the lab's next package. Charges the upgrade to
-- office_part_hashes kept as the records themselves (each hash an object) are read from there.
ALTER TABLE office_part_hashes ADD COLUMN records TEXT;

UPDATE office_part_hashes SET records = (SELECT json_group_array(json(value)) FROM json_each(office_part_hashes.hashes))
  WHERE part = 'charges' AND NOT EXISTS (SELECT 1 FROM json_each(office_part_hashes.hashes) WHERE type <> 'object');
