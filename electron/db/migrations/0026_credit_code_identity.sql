-- One enterprise is one applicant: 统一社会信用代码 are compared normalised (NFKC full-width letters and
-- digits to ASCII, invisible characters and spaces removed, upper case; shared/identity.ts). Codes whose
-- normalised form no other applicant shares are saved normalised; where two or more applicants turn out
-- to be the same enterprise, nothing is merged: their codes stay as typed and the group is recorded in
-- credit_code_duplicates, which the applicants page lists for the user to resolve.

CREATE TABLE credit_code_duplicates (
  normalised TEXT NOT NULL,
  applicant_id INTEGER NOT NULL REFERENCES applicants(id) ON DELETE CASCADE,
  typed TEXT NOT NULL,
  found_at TEXT NOT NULL,
  PRIMARY KEY (normalised, applicant_id)
) STRICT;

CREATE TEMP TABLE credit_code_norm AS
  SELECT id, credit_code AS typed, replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(upper(credit_code), char(173), ''), char(847), ''), char(1564), ''), char(6158), ''), char(8203), ''), char(8204), ''), char(8205), ''), char(8206), ''), char(8207), ''), char(8234), ''), char(8235), ''), char(8236), ''), char(8237), ''), char(8238), ''), char(8288), ''), char(8289), ''), char(8290), ''), char(8291), ''), char(8292), ''), char(8294), ''), char(8295), ''), char(8296), ''), char(8297), ''), char(65279), ''), char(12288), ''), char(32), ''), char(9), ''), char(45), ''), char(65296), '0'), char(65297), '1'), char(65298), '2'), char(65299), '3'), char(65300), '4'), char(65301), '5'), char(65302), '6'), char(65303), '7'), char(65304), '8'), char(65305), '9'), char(65313), 'A'), char(65345), 'A'), char(65314), 'B'), char(65346), 'B'), char(65315), 'C'), char(65347), 'C'), char(65316), 'D'), char(65348), 'D'), char(65317), 'E'), char(65349), 'E'), char(65318), 'F'), char(65350), 'F'), char(65319), 'G'), char(65351), 'G'), char(65320), 'H'), char(65352), 'H'), char(65321), 'I'), char(65353), 'I'), char(65322), 'J'), char(65354), 'J'), char(65323), 'K'), char(65355), 'K'), char(65324), 'L'), char(65356), 'L'), char(65325), 'M'), char(65357), 'M'), char(65326), 'N'), char(65358), 'N'), char(65327), 'O'), char(65359), 'O'), char(65328), 'P'), char(65360), 'P'), char(65329), 'Q'), char(65361), 'Q'), char(65330), 'R'), char(65362), 'R'), char(65331), 'S'), char(65363), 'S'), char(65332), 'T'), char(65364), 'T'), char(65333), 'U'), char(65365), 'U'), char(65334), 'V'), char(65366), 'V'), char(65335), 'W'), char(65367), 'W'), char(65336), 'X'), char(65368), 'X'), char(65337), 'Y'), char(65369), 'Y'), char(65338), 'Z'), char(65370), 'Z') AS normalised
  FROM applicants WHERE credit_code IS NOT NULL;

INSERT INTO credit_code_duplicates(normalised, applicant_id, typed, found_at)
  SELECT n.normalised, n.id, n.typed, strftime('%Y-%m-%dT%H:%M:%fZ', 'now') FROM credit_code_norm n
  WHERE (SELECT count(*) FROM credit_code_norm m WHERE m.normalised = n.normalised) > 1;

-- An empty code after normalisation (only invisible characters were typed) means "not given".
UPDATE applicants SET credit_code = NULL
  WHERE id IN (SELECT id FROM credit_code_norm WHERE normalised = '');

UPDATE applicants SET credit_code = (SELECT normalised FROM credit_code_norm n WHERE n.id = applicants.id)
  WHERE id IN (SELECT id FROM credit_code_norm WHERE normalised <> '' AND normalised <> typed)
    AND id NOT IN (SELECT applicant_id FROM credit_code_duplicates);

DROP TABLE credit_code_norm;
