// The deals services take every policy number from the profile; none may appear as a literal.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const dir = new URL('../../electron/services/deals/', import.meta.url);
const files = readdirSync(dir).filter((f) => f.endsWith('.ts'));
const stripComments = (src: string) => src.replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/.*$/gm, '');
const POLICY_NUMBERS = /(?<![\w.])(15|50|70|500|1600|5_?000_?000|50_?000|200_?000|300_?000|100_?000|500_?000|1_?000_?000_?00)(?![\w.])/;

describe('deals services hold no policy numbers', () => {
  it.each(files)('%s', (file) => {
    const code = stripComments(readFileSync(new URL(file, dir), 'utf8'));
    expect(code.match(POLICY_NUMBERS)?.[0] ?? null).toBeNull();
  });
});
