// What people type for common instruments: abbreviations and short names, each with the names the
// catalog records use. A search term equal to a key (letters compared case-insensitively) also
// finds every listed name; the term itself is always searched too.
export const SEARCH_SYNONYMS: Readonly<Record<string, readonly string[]>> = {
  电镜: ['电子显微镜', '扫描电镜', '透射电镜', 'SEM', 'TEM'],
  扫描电镜: ['扫描电子显微镜', 'SEM'],
  SEM: ['扫描电子显微镜', '扫描电镜'],
  透射电镜: ['透射电子显微镜', 'TEM'],
  TEM: ['透射电子显微镜', '透射电镜'],
  质谱: ['质谱仪', '液相色谱-质谱联用仪', '气相色谱-质谱联用仪', 'MS'],
  液质: ['液相色谱-质谱联用仪', 'LC-MS'],
  'LC-MS': ['液相色谱-质谱联用仪', '液质'],
  气质: ['气相色谱-质谱联用仪', 'GC-MS'],
  'GC-MS': ['气相色谱-质谱联用仪', '气质'],
  ICP: ['电感耦合等离子体'],
  'ICP-MS': ['电感耦合等离子体质谱'],
  液相: ['液相色谱', 'HPLC'],
  HPLC: ['高效液相色谱', '液相色谱'],
  气相: ['气相色谱', 'GC'],
  核磁: ['核磁共振', 'NMR'],
  NMR: ['核磁共振'],
  顺磁: ['电子顺磁共振', 'EPR', 'ESR'],
  红外: ['红外光谱', 'FTIR'],
  FTIR: ['傅里叶变换红外光谱', '红外光谱'],
  拉曼: ['拉曼光谱', 'Raman'],
  紫外: ['紫外可见', 'UV-Vis'],
  原吸: ['原子吸收', 'AAS'],
  AAS: ['原子吸收'],
  XRD: ['X射线衍射'],
  XRF: ['X射线荧光'],
  XPS: ['X射线光电子能谱'],
  AFM: ['原子力显微镜'],
  共聚焦: ['激光共聚焦显微镜', '共聚焦显微镜'],
  流式: ['流式细胞仪'],
  PCR: ['荧光定量PCR', 'PCR仪'],
  测序仪: ['高通量测序', '基因测序'],
  热重: ['热重分析', 'TGA'],
  TGA: ['热重分析'],
  DSC: ['差示扫描量热'],
  BET: ['比表面积'],
  CT: ['计算机断层', '断层扫描'],
  MRI: ['磁共振成像'],
  光刻: ['光刻机'],
  万能试验机: ['电子万能试验机', '万能材料试验机'],
};

const byKey = new Map(Object.entries(SEARCH_SYNONYMS).map(([k, v]) => [k.toUpperCase(), v]));

/** The term and the names it stands for (no duplicates). */
export function expandTerm(term: string): string[] {
  const out = [term, ...(byKey.get(term.toUpperCase()) ?? [])];
  return [...new Set(out)];
}

/** ASCII letters and digits as full-width (SEM → ＳＥＭ), to find records typed in full width. */
export function toFullWidth(text: string): string {
  return text.replace(/[!-~]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
}
