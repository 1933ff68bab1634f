-- Deals: applicant facts the eligibility rules need that 0001 lacks, the contract's
-- city-funding flag (no double funding), and the indexes the due-soon dashboard scans by date window.

ALTER TABLE applicants ADD COLUMN specialized_sme INTEGER NOT NULL DEFAULT 0 CHECK (specialized_sme IN (0, 1));
ALTER TABLE applicants ADD COLUMN legal_entity INTEGER CHECK (legal_entity IS NULL OR legal_entity IN (0, 1));
ALTER TABLE applicants ADD COLUMN student_members INTEGER CHECK (student_members IS NULL OR student_members >= 0);
ALTER TABLE applicants ADD COLUMN core_members INTEGER CHECK (core_members IS NULL OR core_members >= 0);

ALTER TABLE contracts ADD COLUMN city_funded INTEGER NOT NULL DEFAULT 0 CHECK (city_funded IN (0, 1));

-- Due soon: unregistered vouchers by claim date, registered ones by registration date,
-- contracts by end date; void rows are never candidates.
CREATE INDEX vouchers_due_register ON vouchers(profile_id, claim_date)
  WHERE registered_date IS NULL AND voided_at IS NULL;
CREATE INDEX vouchers_due_validity ON vouchers(profile_id, registered_date)
  WHERE registered_date IS NOT NULL AND voided_at IS NULL;
CREATE INDEX contracts_due_redemption ON contracts(profile_id, end_date) WHERE status <> 'void';
CREATE INDEX contracts_applicant_signed ON contracts(applicant_id, signed_date);
