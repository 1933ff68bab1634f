// 《国家重大科研基础设施和大型科研仪器开放共享评价考核实施细则》, published 2026-01-16, in force
// 2026-02-01: assessment every two years, 3 first-level and 9 second-level indicators, grades
// 优秀/良好/合格/较差, ties ranked by 共享服务. The weights and grade boundaries are not published:
// the values here are only the starting settings the office sees and may change (marked so).
// 额定机时 presets: the 1,600 h national convention and the Ministry of Education's 定额机时
// (1,400 h general, 800 h special instruments).

export type IndicatorKind = 'figures' | 'qualitative' | 'mixed';

export interface SecondLevelIndicator {
  id: string;
  zh: string;
  en: string;
  first: 'organisation' | 'operation' | 'sharing';
  /** figures = computed from the data; qualitative = text and evidence only; mixed = both. */
  kind: IndicatorKind;
}

export interface RatedHoursPreset {
  id: string;
  zh: string;
  en: string;
  basis: string;
  /** One value for every instrument, or a value by 通用/专用 (the instrument's usage kind). */
  hours: number | { 通用: number; 专用: number };
}

export interface NationalEvaluationProfile {
  id: string;
  title: string;
  publishedOn: string;
  effectiveFrom: string;
  /** Years per assessment cycle. */
  cycleYears: number;
  /** Instruments of unit value ≥ this (fen) are assessed. */
  minUnitValueFen: number;
  nationalAverages: { year: number; effectiveHours: number; externalHours: number };
  firstLevel: { id: SecondLevelIndicator['first']; zh: string; en: string }[];
  indicators: SecondLevelIndicator[];
  /** The first-level indicator whose score ranks ties. */
  tieBreaker: SecondLevelIndicator['first'];
  grades: { id: 'excellent' | 'good' | 'qualified' | 'poor'; zh: string; en: string }[];
  /** Not published: the initial settings (weights in percent, grade floors on a 0–100 score). */
  unpublishedDefaults: {
    weights: Record<string, number>;
    gradeFloors: { excellent: number; good: number; qualified: number };
  };
  ratedHoursPresets: RatedHoursPreset[];
  /** The initial 额定机时 of the unit: the national convention. */
  ratedHoursDefaultPreset: string;
  /** Instruments with fewer effective hours than this in a year are listed (a chosen threshold). */
  lowUseThresholdHoursDefault: number;
  /** A score of 100 on a figures indicator means this multiple of the national average (a suggestion only). */
  suggestedFullScoreAtAverage: number;
}

export const NATIONAL_EVALUATION_2026: NationalEvaluationProfile = {
  id: 'cn-open-sharing-2026',
  title: '国家重大科研基础设施和大型科研仪器开放共享评价考核实施细则',
  publishedOn: '2026-01-16',
  effectiveFrom: '2026-02-01',
  cycleYears: 2,
  minUnitValueFen: 50_000_000,
  nationalAverages: { year: 2025, effectiveHours: 1599, externalHours: 273 },
  firstLevel: [
    { id: 'organisation', zh: '组织管理', en: 'Organisation and management' },
    { id: 'operation', zh: '运行使用', en: 'Operation and use' },
    { id: 'sharing', zh: '共享服务', en: 'Shared service' },
  ],
  indicators: [
    { id: 'coordination', zh: '统筹管理', en: 'Overall coordination', first: 'organisation', kind: 'qualitative' },
    { id: 'openRate', zh: '科研仪器开放率', en: 'Instrument open rate', first: 'organisation', kind: 'figures' },
    { id: 'staff', zh: '实验技术队伍建设', en: 'Technical staff', first: 'organisation', kind: 'qualitative' },
    { id: 'platform', zh: '在线服务平台建设', en: 'Online service platform', first: 'organisation', kind: 'qualitative' },
    { id: 'runHours', zh: '仪器运行机时', en: 'Operating hours', first: 'operation', kind: 'figures' },
    { id: 'useOutcomes', zh: '运行使用及成效', en: 'Use and outcomes', first: 'operation', kind: 'mixed' },
    { id: 'sharedHours', zh: '共享机时', en: 'Shared hours', first: 'sharing', kind: 'figures' },
    { id: 'externalService', zh: '对外服务成效及用户评价', en: 'External service and user evaluation', first: 'sharing', kind: 'mixed' },
    { id: 'selfReliance', zh: '服务科技基础条件自主保障', en: 'Self-reliance of research infrastructure', first: 'sharing', kind: 'qualitative' },
  ],
  tieBreaker: 'sharing',
  grades: [
    { id: 'excellent', zh: '优秀', en: 'Excellent' },
    { id: 'good', zh: '良好', en: 'Good' },
    { id: 'qualified', zh: '合格', en: 'Qualified' },
    { id: 'poor', zh: '较差', en: 'Poor' },
  ],
  unpublishedDefaults: {
    weights: { coordination: 10, openRate: 10, staff: 10, platform: 10, runHours: 15, useOutcomes: 10, sharedHours: 15, externalService: 10, selfReliance: 10 },
    gradeFloors: { excellent: 90, good: 80, qualified: 60 },
  },
  ratedHoursPresets: [
    { id: 'national', zh: '全国通行 1,600 小时', en: 'National convention 1,600 h', basis: '开放共享评价考核通行口径', hours: 1600 },
    { id: 'moe-general', zh: '教育部定额机时·通用 1,400 小时', en: 'MoE quota, general 1,400 h', basis: '教育部高等学校仪器设备定额机时', hours: 1400 },
    { id: 'moe-special', zh: '教育部定额机时·专用 800 小时', en: 'MoE quota, special 800 h', basis: '教育部高等学校仪器设备定额机时', hours: 800 },
    { id: 'moe-by-kind', zh: '教育部定额机时·按通用/专用', en: 'MoE quota by general/special', basis: '教育部高等学校仪器设备定额机时', hours: { 通用: 1400, 专用: 800 } },
  ],
  ratedHoursDefaultPreset: 'national',
  lowUseThresholdHoursDefault: 1200,
  suggestedFullScoreAtAverage: 1,
};
