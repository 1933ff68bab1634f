-- Usage records reach the office by the million (50 labs × five years): their per-record hashes,
-- kept only to show what changed since a lab's previous package, are held as one row per lab and
-- year ({record id: hash}) instead of one row per record.
CREATE TABLE office_usage_hashes (
  desk_id TEXT NOT NULL,
  year INTEGER NOT NULL,
  hashes TEXT NOT NULL,
  PRIMARY KEY (desk_id, year)
) STRICT;

INSERT INTO office_usage_hashes(desk_id, year, hashes)
  SELECT desk_id, year, json_group_object(rkey, hash) FROM office_records WHERE part = 'usage' AND year IS NOT NULL GROUP BY desk_id, year;
DELETE FROM office_records WHERE part = 'usage';
