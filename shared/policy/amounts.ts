// Whole-yuan amounts in profile data, written as the documents state them.

import { FEN_PER_YUAN, type Fen } from '../rules/money';

export function yuan(wholeYuan: number): Fen {
  if (!Number.isSafeInteger(wholeYuan * FEN_PER_YUAN)) throw new RangeError(`Not a whole-yuan amount: ${wholeYuan}`);
  return wholeYuan * FEN_PER_YUAN;
}
