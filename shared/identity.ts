// Identities and documents by their standards: 统一社会信用代码 (GB 32100-2015), mainland phone
// numbers, e-mail, 发票 numbers and attachment types by content. Pure functions used by the zod
// schemas both sides parse with, so the renderer refuses exactly what the service refuses.
// Each check returns a reason key of the message catalog (or null), never prose.

/** Characters that render as nothing or reorder text: zero-width, bidi controls, BOM, soft hyphen. */
const INVISIBLE = /[\u00AD\u034F\u061C\u115F\u1160\u17B4\u17B5\u180B-\u180F\u200B-\u200F\u202A-\u202E\u2060-\u206F\u3164\uFE00-\uFE0F\uFEFF\uFFA0]/g;

/** NFKC (full-width → half-width), invisible characters removed, whitespace trimmed. */
export function normaliseText(s: string): string {
  return s.normalize('NFKC').replace(INVISIBLE, '').trim();
}

// —— 统一社会信用代码, GB 32100-2015 ——

/** The 31 characters of the code (no I, O, S, V, Z), in the order that gives each its value. */
export const CREDIT_CODE_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
/** Weights of positions 1–17: 3^(i-1) mod 31. */
const CREDIT_CODE_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** The code as it is compared and saved: NFKC, invisible characters and inner spaces removed, upper case. */
export function normaliseCreditCode(s: string): string {
  return normaliseText(s).replace(/[\s-]/g, '').toUpperCase();
}

/** The check character (position 18) of the first 17 characters, or null if one is outside the alphabet. */
export function creditCodeCheckChar(first17: string): string | null {
  if (first17.length !== 17) return null;
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const v = CREDIT_CODE_ALPHABET.indexOf(first17[i]);
    if (v < 0) return null;
    sum += v * CREDIT_CODE_WEIGHTS[i];
  }
  return CREDIT_CODE_ALPHABET[(31 - (sum % 31)) % 31];
}

/** Why a (normalised) code is not a GB 32100 code, or null. Positions 3–8 are the 行政区划 digits. */
export function creditCodeProblem(code: string): string | null {
  if (code.length !== 18) return 'identity.creditCode.length';
  if ([...code].some((c) => !CREDIT_CODE_ALPHABET.includes(c))) return 'identity.creditCode.alphabet';
  if (!/^\d{6}$/.test(code.slice(2, 8))) return 'identity.creditCode.region';
  if (creditCodeCheckChar(code.slice(0, 17)) !== code[17]) return 'identity.creditCode.check';
  return null;
}

// —— phones ——

/** Mainland phone as saved: '13812345678', '010-12345678', '0755-1234567-123', '400-123-4567'. */
export function normalisePhone(s: string): string {
  let t = normaliseText(s).replace(/[\s\u2010-\u2015\u2212]/g, (c) => (/\s/.test(c) ? '' : '-'));
  t = t.replace(/^\+?86-?(?=1\d{10}$)/, '').replace(/^\((0\d{2,3})\)-?/, '$1-');
  if (/^1\d{10}$/.test(t)) return t;
  const area = /^(010|02\d|0[3-9]\d{2})-?([2-9]\d{6,7})(?:(?:-|转|ext\.?|x)(\d{1,6}))?$/i.exec(t);
  if (area) return `${area[1]}-${area[2]}${area[3] ? `-${area[3]}` : ''}`;
  const service = /^([48]00)-?(\d{3})-?(\d{4})$/.exec(t);
  if (service) return `${service[1]}-${service[2]}-${service[3]}`;
  return t;
}

/** Why a (normalised) phone is not a mainland mobile, fixed line with area code or 400/800 number. */
export function phoneProblem(phone: string): string | null {
  if (/^1[3-9]\d{9}$/.test(phone)) return null;
  if (/^(010|02\d|0[3-9]\d{2})-[2-9]\d{6,7}(-\d{1,6})?$/.test(phone)) return null;
  if (/^[48]00-\d{3}-\d{4}$/.test(phone)) return null;
  if (/^1\d*$/.test(phone)) return 'identity.phone.mobile';
  if (/^0\d*(-\d*)*$/.test(phone)) return 'identity.phone.areaCode';
  return 'identity.phone.format';
}

// —— e-mail ——

export function normaliseEmail(s: string): string {
  return normaliseText(s).toLowerCase();
}

/** A plain address: one @, a dotted domain of letters, digits and hyphens; no spaces or quotes. */
export function emailProblem(email: string): string | null {
  if (email.length > 254) return 'identity.email.format';
  return /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$/.test(email)
    && !/\.\./.test(email) && !email.startsWith('.') && !/\.@/.test(email)
    ? null : 'identity.email.format';
}

// —— 发票 ——

/** Digits only, after NFKC (full-width digits become ASCII; spaces and invisibles go). */
export function normaliseDigits(s: string): string {
  return normaliseText(s).replace(/\s/g, '');
}

/**
 * An invoice identity: a 数电发票 has a 20-digit 号码 and no 代码; a 税控 invoice a 10- or 12-digit
 * 代码 with an 8-digit 号码. Returns the field at fault and the reason, or null.
 */
export function invoiceNumberProblem(code: string, number: string): { field: 'code' | 'number'; reason: string } | null {
  if (code === '') {
    if (/^\d{20}$/.test(number)) return null;
    if (/^\d{8}$/.test(number)) return { field: 'code', reason: 'invoice.codeRequired' };
    return { field: 'number', reason: 'invoice.numberFormat' };
  }
  if (!/^(\d{10}|\d{12})$/.test(code)) return { field: 'code', reason: 'invoice.codeFormat' };
  if (!/^\d{8}$/.test(number)) return { field: 'number', reason: 'invoice.numberWithCode' };
  return null;
}

// —— attachments by content ——

export const ATTACHMENT_TYPES = ['pdf', 'ofd', 'jpg', 'png', 'xlsx', 'docx'] as const;
export type AttachmentType = (typeof ATTACHMENT_TYPES)[number];

function startsWith(bytes: Uint8Array, sig: readonly number[], at = 0): boolean {
  if (bytes.length < at + sig.length) return false;
  return sig.every((b, i) => bytes[at + i] === b);
}

const ZIP_LOCAL = [0x50, 0x4b, 0x03, 0x04];

/** Names of the entries of a zip's central directory (enough to tell xlsx, docx and ofd apart). */
function zipEntryNames(bytes: Uint8Array): string[] {
  // End of central directory: signature 0x06054b50 within the last 64 KiB + 22 bytes.
  const min = Math.max(0, bytes.length - 65_557);
  let eocd = -1;
  for (let i = bytes.length - 22; i >= min; i--) {
    if (bytes[i] === 0x50 && bytes[i + 1] === 0x4b && bytes[i + 2] === 0x05 && bytes[i + 3] === 0x06) { eocd = i; break; }
  }
  if (eocd < 0) return [];
  const u16 = (o: number) => bytes[o] | (bytes[o + 1] << 8);
  const u32 = (o: number) => (bytes[o] | (bytes[o + 1] << 8) | (bytes[o + 2] << 16) | (bytes[o + 3] << 24)) >>> 0;
  const count = u16(eocd + 10);
  let p = u32(eocd + 16);
  const names: string[] = [];
  for (let n = 0; n < count && p + 46 <= bytes.length; n++) {
    if (u32(p) !== 0x02014b50) break;
    const nameLen = u16(p + 28);
    const extra = u16(p + 30);
    const comment = u16(p + 32);
    names.push(new TextDecoder().decode(bytes.subarray(p + 46, p + 46 + nameLen)));
    p += 46 + nameLen + extra + comment;
  }
  return names;
}

/** The type of a file judged by its bytes (magic numbers, zip contents), or null if not one we accept. */
export function sniffAttachmentType(bytes: Uint8Array): AttachmentType | null {
  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46, 0x2d])) return 'pdf'; // %PDF-
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'jpg';
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
  if (startsWith(bytes, ZIP_LOCAL)) {
    const names = zipEntryNames(bytes);
    if (names.some((n) => n.startsWith('xl/'))) return 'xlsx';
    if (names.some((n) => n.startsWith('word/'))) return 'docx';
    // GB/T 33190 OFD: a zip with OFD.xml at its root.
    if (names.some((n) => n === 'OFD.xml')) return 'ofd';
  }
  return null;
}
