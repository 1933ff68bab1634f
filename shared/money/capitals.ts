// 人民币大写 per 《正确填写票据和结算凭证的基本规定》: 人民币 then the amount with no gap;
// 整 after 元 (none after 角 or 分); inner zeros written once as 零; 角 zero with 分 non-zero
// gives 元零X分. Where the rules allow two forms, this writes the one with 零 at a zero 万 or 元
// digit followed by a non-zero digit (¥107000.53 → 人民币壹拾万零柒仟元伍角叁分).

const DIGITS = '零壹贰叁肆伍陆柒捌玖';
const SMALL = ['', '拾', '佰', '仟'];
const GROUPS = ['', '万'];
const YI = 100_000_000;

/**
 * Capitals of the yuan part of an amount (> 0), without 元. Above 亿 the count of 亿 is written
 * the same way (1,0001,0000,0000 → 壹万零壹亿), then the rest, with 零 when its first digit is zero.
 */
function yuanCapitals(yuan: number): string {
  if (yuan >= YI) {
    const rest = yuan % YI;
    const high = `${yuanCapitals(Math.floor(yuan / YI))}亿`;
    return rest === 0 ? high : `${high}${rest < YI / 10 ? '零' : ''}${yuanCapitals(rest)}`;
  }
  const digits = String(yuan);
  let out = '';
  let zero = false;
  for (let i = 0; i < digits.length; i++) {
    const pos = digits.length - 1 - i;
    const d = Number(digits[i]);
    if (d === 0) zero = true;
    else {
      if (zero && out) out += '零';
      zero = false;
      out += DIGITS[d] + SMALL[pos % 4];
    }
    if (pos % 4 === 0 && pos > 0) {
      // A group unit is written only when its group has a non-zero digit.
      const group = digits.slice(Math.max(0, i - 3), i + 1);
      if (Number(group) !== 0) out += GROUPS[pos / 4];
    }
  }
  return out;
}

/** '人民币壹仟肆佰零玖元伍角' for 140,950 fen. Non-negative safe-integer fen (up to about 90万亿元). */
export function rmbCapitals(fen: number): string {
  if (!Number.isSafeInteger(fen) || fen < 0) throw new RangeError(`Invalid fen amount: ${fen}`);
  const yuan = Math.floor(fen / 100);
  const jiao = Math.floor(fen / 10) % 10;
  const cent = fen % 10;
  if (fen === 0) return '人民币零元整';
  let text = yuan > 0 ? `${yuanCapitals(yuan)}元` : '';
  if (jiao === 0 && cent === 0) return `人民币${text}整`;
  if (jiao > 0) text += `${DIGITS[jiao]}角`;
  else if (yuan > 0) text += '零';
  if (cent > 0) text += `${DIGITS[cent]}分`;
  return `人民币${text}`;
}
