-- An instrument's or a lab's assessment page finds the contracts naming its instruments from the
-- instruments' side (once per page) instead of testing each contract of the year.
CREATE INDEX contract_instruments_instrument ON contract_instruments(instrument_id);
