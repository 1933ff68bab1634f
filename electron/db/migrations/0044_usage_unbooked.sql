-- The usage records without a booking, by start: the assessment's "no booking" check reads the
-- year's few such records from here instead of reading every record of the year from the table
-- (the year's covering index has no booking column). Only records without a booking are in it.
CREATE INDEX usage_unbooked ON usage_logs(start_at, instrument_id) WHERE booking_id IS NULL;
