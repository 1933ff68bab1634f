-- Bookings and usage: keep every slot and usage record at most 7 days long, so the overlap
-- query may bound its index range scan by start_at >= new start − 7 days (MAX_SLOT_DAYS;
-- compared in minutes with half a minute of slack for floating point).
CREATE TRIGGER bookings_max_duration_ins BEFORE INSERT ON bookings
  WHEN (julianday(new.end_at) - julianday(new.start_at)) * 1440 > 10080.5 OR julianday(new.end_at) IS NULL OR julianday(new.start_at) IS NULL
BEGIN
  SELECT RAISE(ABORT, 'booking longer than 7 days or with an invalid time');
END;
CREATE TRIGGER bookings_max_duration_upd BEFORE UPDATE OF start_at, end_at ON bookings
  WHEN (julianday(new.end_at) - julianday(new.start_at)) * 1440 > 10080.5 OR julianday(new.end_at) IS NULL OR julianday(new.start_at) IS NULL
BEGIN
  SELECT RAISE(ABORT, 'booking longer than 7 days or with an invalid time');
END;
CREATE TRIGGER usage_max_duration_ins BEFORE INSERT ON usage_logs
  WHEN (julianday(new.end_at) - julianday(new.start_at)) * 1440 > 10080.5 OR julianday(new.end_at) IS NULL OR julianday(new.start_at) IS NULL
BEGIN
  SELECT RAISE(ABORT, 'usage record longer than 7 days or with an invalid time');
END;
CREATE TRIGGER usage_max_duration_upd BEFORE UPDATE OF start_at, end_at ON usage_logs
  WHEN (julianday(new.end_at) - julianday(new.start_at)) * 1440 > 10080.5 OR julianday(new.end_at) IS NULL OR julianday(new.start_at) IS NULL
BEGIN
  SELECT RAISE(ABORT, 'usage record longer than 7 days or with an invalid time');
END;

-- "Has this booking been logged?" and "delete the whole series" lookups.
CREATE INDEX usage_booking ON usage_logs(booking_id) WHERE booking_id IS NOT NULL;
CREATE INDEX bookings_series ON bookings(series_id) WHERE series_id IS NOT NULL;
