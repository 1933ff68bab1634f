// Bilingual text and typed failure reasons shared by the rule modules.

export interface LocalizedText {
  zh: string;
  en: string;
}

/** A refusal reason with a stable machine code, e.g. { code: 'too_many_decimals', zh, en }. */
export interface Reason extends LocalizedText {
  code: string;
}
