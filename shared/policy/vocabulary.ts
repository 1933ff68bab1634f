// Closed vocabularies the profiles refer to, with their display labels.

import type { LocalizedText } from '../rules/text';

/** Who claims vouchers. Quotas and eligibility per kind live in each profile. */
export type ApplicantKind =
  | 'high_tech_enterprise' // 高新技术企业
  | 'tech_sme' // 科技型中小企业（入库）
  | 'specialized_sme' // 专精特新中小企业
  | 'other_enterprise' // 其他企业
  | 'team'; // 创业团队

export const APPLICANT_KIND_LABELS: Readonly<Record<ApplicantKind, LocalizedText>> = {
  high_tech_enterprise: { zh: '高新技术企业', en: 'High-tech enterprise' },
  tech_sme: { zh: '科技型中小企业（入库）', en: 'Registered tech SME' },
  specialized_sme: { zh: '专精特新中小企业', en: 'Specialised and innovative SME' },
  other_enterprise: { zh: '其他企业', en: 'Other enterprise' },
  team: { zh: '创业团队', en: 'Start-up team' },
};

/** What a voucher contract or order buys (the union of both texts' scope and exclusion lists). */
export const SERVICE_KINDS = [
  'analysis', 'testing', 'inspection', 'rnd_service', 'ai_compute_rental', 'tech_transfer', 'incubation', 'tech_promotion',
  'sci_finance', 'ip_service', 'statutory_testing', 'repeated_batch_testing', 'office_rental', 'property_service',
  'registration_service', 'bookkeeping', 'unrelated_service',
] as const;

export type ServiceKind =
  | 'analysis'
  | 'testing'
  | 'inspection'
  | 'rnd_service'
  | 'ai_compute_rental'
  | 'tech_transfer'
  | 'incubation'
  | 'tech_promotion'
  | 'sci_finance'
  | 'ip_service'
  | 'statutory_testing'
  | 'repeated_batch_testing'
  | 'office_rental'
  | 'property_service'
  | 'registration_service'
  | 'bookkeeping'
  | 'unrelated_service';

export const SERVICE_KIND_LABELS: Readonly<Record<ServiceKind, LocalizedText>> = {
  analysis: { zh: '分析', en: 'Analysis' },
  testing: { zh: '测试', en: 'Testing' },
  inspection: { zh: '检验检测', en: 'Inspection' },
  rnd_service: { zh: '研发服务', en: 'R&D service' },
  ai_compute_rental: { zh: '人工智能模型训练算力租赁', en: 'Compute rental for AI model training' },
  tech_transfer: { zh: '技术转移转化', en: 'Technology transfer' },
  incubation: { zh: '企业孵化', en: 'Business incubation' },
  tech_promotion: { zh: '技术推广', en: 'Technology promotion' },
  sci_finance: { zh: '科技金融', en: 'Science and technology finance' },
  ip_service: { zh: '知识产权', en: 'Intellectual property services' },
  statutory_testing: { zh: '法定或强制性检验检测', en: 'Statutory or mandatory testing' },
  repeated_batch_testing: { zh: '重复性、批量检测', en: 'Repeated or batch testing' },
  office_rental: { zh: '办公用房租赁', en: 'Office rental' },
  property_service: { zh: '物业服务', en: 'Property services' },
  registration_service: { zh: '注册登记服务', en: 'Registration services' },
  bookkeeping: { zh: '代理记账服务', en: 'Bookkeeping services' },
  unrelated_service: { zh: '与创新活动无关的服务', en: 'Services unrelated to the innovation activity' },
};

export type SubsidyClass = 'I' | 'II';
export type SubsidyGrade = 'excellent' | 'good' | 'qualified' | 'unqualified';

export const SUBSIDY_CLASS_LABELS: Readonly<Record<SubsidyClass, LocalizedText>> = {
  I: { zh: 'Ⅰ类', en: 'Class I' },
  II: { zh: 'Ⅱ类', en: 'Class II' },
};

export const SUBSIDY_GRADE_LABELS: Readonly<Record<SubsidyGrade, LocalizedText>> = {
  excellent: { zh: '优秀', en: 'Excellent' },
  good: { zh: '良好', en: 'Good' },
  qualified: { zh: '合格', en: 'Qualified' },
  unqualified: { zh: '不合格', en: 'Unqualified' },
};
