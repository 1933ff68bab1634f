-- Service income at the office follows the lab's charges: a usage record's income is its charge
-- line's amount when it has been charged (folded into office_instrument_years at import), and the
-- charges tied to no usage record (service items, consumables, adjustments) of a year are held per
-- lab and year here. Years imported before hold 0 until the lab's next package.
ALTER TABLE office_lab_years ADD COLUMN other_income_fen INTEGER NOT NULL DEFAULT 0;
