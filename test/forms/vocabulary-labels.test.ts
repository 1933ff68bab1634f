// Every value of the national platform's vocabularies the screen shows has an English name: each
// category of the 6-digit table (as a name and as its 大类 / 中类 / 小类 path), each discipline, each
// closed-list value; Chinese mode shows the stored Chinese unchanged.
import { describe, expect, it } from 'vitest';
import { CATEGORY_TABLE } from '../../shared/catalog/categories';
import { SUBJECTS } from '../../shared/catalog/platform';
import { SHARE_MODES, SOURCES, STATUSES, USAGE_KINDS } from '../../shared/catalog/instrument';
import { categoryName, categoryPath, fieldName, subjectName, vocabularyLabel } from '../../shared/vocabulary-labels';
import { listProfiles } from '../../shared/policy/registry';

const CJK = /[\u3400-\u9fff\uf900-\ufaff\u3000-\u303f\uff01-\uff5e]/;

describe('vocabulary labels', () => {
  it('name every category of the table in English, and its whole path', () => {
    expect(CATEGORY_TABLE.length).toBeGreaterThan(700);
    const chinese = CATEGORY_TABLE.filter((c) => CJK.test(categoryName(c.code, 'en')) || CJK.test(categoryPath(c.code, 'en')) || !categoryName(c.code, 'en'));
    expect(chinese.map((c) => `${c.code} ${c.name}`)).toEqual([]);
    expect(categoryPath('010401', 'en')).toBe('Analytical instruments / Spectroscopy instruments / UV-visible spectrophotometer');
    expect(categoryName('019900', 'en')).toBe('Other');
  });

  it('keep the table’s Chinese in Chinese mode and know nothing of codes outside it', () => {
    expect(categoryPath('010401', 'zh')).toBe('分析仪器 / 光谱仪器 / 紫外可见分光光度计');
    expect(categoryName('150000', 'en')).toBe('');
    expect(categoryPath('123', 'zh')).toBe('');
  });

  it('name every discipline, industry field and closed-list value in English', () => {
    expect(SUBJECTS.filter((s) => CJK.test(subjectName(s.code, s.name, 'en'))).map((s) => s.name)).toEqual([]);
    const fields = [...new Set(listProfiles().flatMap((p) => p.eligibility.enterprise.fields ?? []))];
    expect(fields.length).toBeGreaterThan(0);
    expect(fields.filter((f) => CJK.test(fieldName(f, 'en')))).toEqual([]);
    for (const v of [...STATUSES, ...SHARE_MODES, ...SOURCES, ...USAGE_KINDS]) {
      expect(CJK.test(vocabularyLabel(v).en), v).toBe(false);
      expect(vocabularyLabel(v).zh).toBe(v);
    }
  });
});
