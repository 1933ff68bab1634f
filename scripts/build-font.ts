// Writes dist/fonts/NotoSansSC-Desk.ttf (+ its licence): the CJK font every PDF of the desk uses.
// Run by scripts/build-node.mjs; see electron/services/pdf/font-build.ts.
import fs from 'node:fs';
import path from 'node:path';
import { buildShippedFont, deskTexts, gb2312Characters, SHIPPED_FONT_NAME } from '../electron/services/pdf/font-build';

const root = path.join(__dirname, '..');
const out = path.join(root, 'dist', 'fonts');
const font = buildShippedFont(deskTexts(root));
fs.mkdirSync(out, { recursive: true });
fs.writeFileSync(path.join(out, SHIPPED_FONT_NAME), font.bytes);
fs.copyFileSync(require.resolve('@fontsource/noto-sans-sc/LICENSE'), path.join(out, 'OFL.txt'));
const gb = new Set(gb2312Characters());
const missingGb = font.missing.filter((c) => gb.has(c));
console.log(`built dist/fonts/${SHIPPED_FONT_NAME}: ${font.characters} characters, ${font.glyphs} glyphs, ${(font.bytes.length / 1048576).toFixed(1)} MB; ` +
  `${missingGb.length} GB2312 characters not in Noto Sans SC's web slices: ${missingGb.join('')}`);
