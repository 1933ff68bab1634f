// 人民币大写 for the summary sheet: 1234.5元 → 壹仟贰佰叁拾肆元伍角整.

const DIGITS = '零壹贰叁肆伍陆柒捌玖';
const SMALL = ['', '拾', '佰', '仟'];
const GROUPS = ['', '万', '亿', '万亿'];

/** Chinese capital amount of a non-negative fen amount (up to 9999万亿). */
export function rmbCapitals(fen: number): string {
  if (!Number.isSafeInteger(fen) || fen < 0) throw new RangeError(`Invalid fen amount: ${fen}`);
  const yuan = Math.floor(fen / 100);
  const jiao = Math.floor(fen / 10) % 10;
  const cent = fen % 10;
  let intText = '';
  if (yuan > 0) {
    const digits = String(yuan);
    let zero = false;
    for (let i = 0; i < digits.length; i++) {
      const pos = digits.length - 1 - i;
      const d = Number(digits[i]);
      if (d === 0) zero = true;
      else {
        if (zero && intText) intText += '零';
        zero = false;
        intText += DIGITS[d] + SMALL[pos % 4];
      }
      if (pos % 4 === 0 && pos > 0) {
        // A group unit is written only when the group has a non-zero digit.
        const group = digits.slice(Math.max(0, i - 3), i + 1);
        if (Number(group) !== 0) intText += GROUPS[pos / 4];
      }
    }
    intText += '元';
  }
  if (jiao === 0 && cent === 0) return `${intText || '零元'}整`;
  let dec = '';
  if (jiao > 0) dec += `${DIGITS[jiao]}角`;
  else if (yuan > 0) dec += '零';
  if (cent > 0) dec += `${DIGITS[cent]}分`;
  else dec += '整';
  return intText + dec;
}
