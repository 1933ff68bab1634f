-- Policy facts both texts need: the validity of 高新技术企业 and 科技型中小企业入库 status (the
-- higher quota counts only while the status is valid on the day of use), SME size, the integrity
-- conditions of 沪科规〔2025〕6号 第七条, where a team's incubator is and where it has registered a
-- company; the service kinds a contract buys (scope check, 京 第五条 / 沪 第四条), with the free
-- text kept in `services` as a note; and cross-region vouchers (京津冀 / 长三角) recorded with
-- their issuing region, which the local profile does not judge.

ALTER TABLE applicants ADD COLUMN high_tech_valid_from TEXT;
ALTER TABLE applicants ADD COLUMN high_tech_valid_to TEXT;
ALTER TABLE applicants ADD COLUMN sme_valid_from TEXT;
ALTER TABLE applicants ADD COLUMN sme_valid_to TEXT;
ALTER TABLE applicants ADD COLUMN is_sme INTEGER CHECK (is_sme IS NULL OR is_sme IN (0, 1));
ALTER TABLE applicants ADD COLUMN serious_dishonesty INTEGER NOT NULL DEFAULT 0 CHECK (serious_dishonesty IN (0, 1));
ALTER TABLE applicants ADD COLUMN last_major_violation_year INTEGER;
ALTER TABLE applicants ADD COLUMN abnormal_list INTEGER NOT NULL DEFAULT 0 CHECK (abnormal_list IN (0, 1));
ALTER TABLE applicants ADD COLUMN incubator_region TEXT NOT NULL DEFAULT '';
ALTER TABLE applicants ADD COLUMN company_regions TEXT NOT NULL DEFAULT '';

ALTER TABLE contracts ADD COLUMN service_kinds TEXT NOT NULL DEFAULT '';

ALTER TABLE vouchers ADD COLUMN cross_region TEXT CHECK (cross_region IS NULL OR cross_region IN ('jingjinji', 'yangtze'));
ALTER TABLE vouchers ADD COLUMN issuing_region TEXT;
CREATE INDEX vouchers_cross_region ON vouchers(cross_region) WHERE cross_region IS NOT NULL;
