-- Contract search (redemption and contract lists): the number and the title as one indexed
-- expression, joined by a separator no search term holds, beside the status, the applicant and the
-- end date. A search then reads this compact index alone (one pattern per contract, the applicant's
-- name through the applicants that match) instead of every contract row and its applicant.
CREATE INDEX contracts_search ON contracts(status, (number || char(31) || title), applicant_id, end_date);

-- Vouchers page by state 已登记: the vouchers registered since each profile's earliest open date,
-- read as one range per profile (list-cutoffs.ts, perProfileRanges) instead of every voucher.
CREATE INDEX vouchers_profile_registered ON vouchers(profile_id, registered_date);
