-- The catalog page's remaining sorts walk an index for page 1 (no sort of the whole catalog).
CREATE INDEX instruments_name ON instruments(name_cn);
CREATE INDEX instruments_start_use ON instruments(start_use_date);
CREATE INDEX instruments_updated ON instruments(updated_at);
