// Guards the rule that policy numbers live in profiles: the rule code must not contain the
// distinctive numbers of DOMAIN.md (15 days, 50%, 70%, 1600 h, quota and cap amounts, …).
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const rulesDir = new URL('../../../shared/rules/', import.meta.url);
const files = readdirSync(rulesDir).filter((f) => f.endsWith('.ts'));
const stripComments = (src: string) => src.replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/.*$/gm, '');
const POLICY_NUMBERS = /(?<![\w.])(15|50|70|500|1600|5_?000_?000|50_?000|200_?000|300_?000|100_?000|500_?000|600_?000|800_?000|1_?000_?000_?00)(?![\w.])/;

describe('rule code holds no policy numbers', () => {
  it.each(files)('%s', (file) => {
    const code = stripComments(readFileSync(new URL(file, rulesDir), 'utf8'));
    expect(code.match(POLICY_NUMBERS)?.[0] ?? null).toBeNull();
  });
});
