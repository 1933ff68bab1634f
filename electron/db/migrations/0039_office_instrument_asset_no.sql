-- Conflicts across labs compare instruments by 所在单位仪器编号 (the unit's asset number), which lab
-- packages now carry (instrument field assetNo). Instruments already at the office take it from the
-- records their package carried; those packages did not carry it, so it is '' (compared with none)
-- until the lab's next package.
ALTER TABLE office_instruments ADD COLUMN asset_no TEXT NOT NULL DEFAULT '';

UPDATE office_instruments SET asset_no = coalesce((SELECT json_extract(r.data, '$.assetNo') FROM office_records r
  WHERE r.desk_id = office_instruments.desk_id AND r.part = 'instruments' AND r.rkey = CAST(office_instruments.iid AS TEXT)), '');

CREATE INDEX office_instruments_asset_no ON office_instruments(asset_no) WHERE asset_no <> '';
