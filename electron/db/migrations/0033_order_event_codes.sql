-- The automatic note of an order step is stored as a code with params, worded by the renderer in
-- the chosen language (and in Chinese on the packet), never as prose. The note the user types stays
-- in `note`. Earlier automatic upload notes become the code they stand for.
ALTER TABLE order_events ADD COLUMN note_code TEXT;
ALTER TABLE order_events ADD COLUMN note_params TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(note_params));
UPDATE order_events SET note_code = 'orderEvent.uploadedBy', note_params = '{"party":"enterprise"}', note = ''
  WHERE status = 'uploaded' AND note = '企业（团队）上传兑付材料';
UPDATE order_events SET note_code = 'orderEvent.uploadedBy', note_params = '{"party":"institution"}', note = ''
  WHERE status = 'uploaded' AND note = '服务机构上传兑付材料';
