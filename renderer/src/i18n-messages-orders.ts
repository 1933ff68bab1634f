// Wording of the policy rules (the rule id is the reason), of Shanghai orders and of redemption
// packets, in Chinese and English. Amounts ({…Fen}) are formatted as yuan; {applicantKind},
// {serviceKind} and region params are shown by their labels (see i18n-errors formatParam). The
// article is cited once by the renderer after the sentence, never inside it.
import type { OrderEvent } from '../../shared/ipc/orders';
import { ORDER_PARTY_NAMES, type OrderEventNoteCode, type PayoutParty } from '../../shared/rules/orders';
import { formatYuan } from '../../shared/rules/money';
import type { Message } from './i18n-messages';

export const ORDER_MESSAGES: Readonly<Record<string, Message>> = {
  'orderMaterial.removeState': { zh: '订单处于“{statusZh}”：兑付材料是核验和兑付的依据，不能删除', en: 'The order is {statusEn}: its materials are what verification and payment rest on and cannot be removed' },
  'orderMaterial.lastOne': { zh: '订单处于“材料已上传”，至少须保留一份材料；请先上传替换材料再删除', en: 'The order is at “materials uploaded” and must keep at least one material: upload the replacement first' },
  'order.chargesZero': { zh: '费用合计为 0，不能作为订单总额', en: 'The charges add up to zero and cannot be the order total' },
  // —— amounts and scope (京 第五条/第十二条, 沪 第二条/第四条) ——
  'money.invalidAmount': { zh: '金额无效：{value}（应为非负整数分）', en: 'Invalid amount {value} (must be non-negative whole fen)' },
  'voucher.faceValue': { zh: '单张创新券面额 {faceValueFen} 元超过上限 {maxFen} 元', en: 'Voucher face value ¥{faceValueFen} is over the limit of ¥{maxFen}' },
  'voucher.contractShare': {
    zh: '创新券支付 {voucherSumFen} 元超过合同实际金额 {actualAmountFen} 元的 {share}（最多 {maxFen} 元）',
    en: 'Voucher payment ¥{voucherSumFen} is more than {share} of the actual amount ¥{actualAmountFen} (at most ¥{maxFen})',
  },
  'voucher.applicantKind': { zh: '{applicantKind}不在本办法的创新券支持范围内', en: '{applicantKind}: not eligible for vouchers under this policy' },
  'voucher.annualQuota': {
    zh: '{applicantKind}年度创新券额度 {quotaFen} 元，已用 {usedThisYearFen} 元，本次 {requestedFen} 元超出（剩余 {remainingFen} 元）',
    en: '{applicantKind}: annual quota ¥{quotaFen}, used ¥{usedThisYearFen}; ¥{requestedFen} more is over it (¥{remainingFen} left)',
  },
  'voucher.doubleFunding': { zh: '该项目已获{termZh}支持，不得重复使用创新券', en: 'The project is already funded by {termEn} and cannot also use vouchers' },
  'voucher.serviceExcluded': { zh: '创新券不支持：{serviceKind}', en: 'Vouchers do not cover: {serviceKind}' },
  'voucher.scope.kindRequired': {
    zh: '未选择服务类别：请从本办法的服务范围中至少选择一项（{serviceKinds}），服务内容说明仅作备注',
    en: 'No service kind chosen: choose at least one from this policy’s scope ({serviceKinds}); the description is only a note',
  },
  'voucher.serviceOutOfScope': { zh: '不在创新券服务范围内：{serviceKind}', en: 'Outside the voucher service scope: {serviceKind}' },
  'order.voucherShare': {
    zh: '创新券金额 {voucherFen} 元超过订单总额 {totalFen} 元的 {share}（最多 {maxFen} 元）',
    en: 'Voucher amount ¥{voucherFen} is more than {share} of the order total ¥{totalFen} (at most ¥{maxFen})',
  },
  'order.annualQuota': {
    zh: '{applicantKind}年度创新券额度 {quotaFen} 元，已用 {usedThisYearFen} 元，本单 {requestedFen} 元超出（剩余 {remainingFen} 元）',
    en: '{applicantKind}: annual quota ¥{quotaFen}, used ¥{usedThisYearFen}; this order’s ¥{requestedFen} is over it (¥{remainingFen} left)',
  },
  'order.materialsState': { zh: '订单{statusZh}：兑付材料在服务完成后、核验前上传', en: 'The order is {statusEn}: materials are uploaded after the service is completed and before verification' },
  'order.materialsRequired': { zh: '尚未上传兑付材料：请先在“兑付材料”中上传', en: 'No materials uploaded yet: upload them under Materials first' },
  'orderMaterial.notFound': { zh: '兑付材料 {id} 不存在', en: 'Material {id} does not exist' },
  'order.relatedParty': { zh: '企业（团队）与服务机构存在关联关系：关联交易不得使用创新券', en: 'The enterprise (team) and the institution are related parties: a related-party deal cannot use vouchers' },
  'order.subcontract': { zh: '服务由其他机构实际提供（转包）：不得使用创新券', en: 'The service is actually provided by another institution (subcontracted): vouchers cannot be used' },

  // —— performance subsidy (京 第十一条) ——
  'subsidy.notDefined': { zh: '本办法未规定开放单位绩效补贴', en: 'This policy sets no performance subsidy for open units' },
  'subsidy.thirdPartyExcluded': { zh: '以测试、检测、研发服务为主业的第三方服务机构不享受绩效补贴', en: 'Third-party testing, inspection and R&D service institutions receive no performance subsidy' },

  // —— applicant conditions (京 第七条, 沪 第七条) ——
  'applicant.missingFact': { zh: '缺少申领单位信息：{field}', en: 'Missing applicant information: {field}' },
  'applicant.enterprise.highTechSme': { zh: '高新技术企业须为中小企业方可使用创新券（高新技术企业中的中小企业）', en: 'A high-tech enterprise qualifies only if it is a small or medium enterprise' },
  'applicant.enterprise.kind': { zh: '{kind}不属于可使用创新券的企业类型（可为：{acceptedKinds}）', en: '{kind} is not an accepted kind of enterprise (accepted: {acceptedKinds})' },
  'applicant.enterprise.region': { zh: '企业须在{requiredRegion}注册（现为{registeredRegion}）', en: 'The enterprise must be registered in {requiredRegion} (now {registeredRegion})' },
  'applicant.enterprise.age': { zh: '注册日期 {registeredOn} 已超过 {maxYears} 年，且非当年新入库科技型中小企业', en: 'Registered on {registeredOn}, more than {maxYears} years ago, and not newly entered in the tech-SME database this year' },
  'applicant.enterprise.staff': { zh: '职工人数 {staffCount} 超过 {maxStaff} 人', en: 'Staff of {staffCount} is more than {maxStaff}' },
  'applicant.enterprise.revenue': { zh: '年销售收入 {annualRevenueFen} 元超过 {maxFen} 元', en: 'Annual revenue ¥{annualRevenueFen} is more than ¥{maxFen}' },
  'applicant.enterprise.assets': { zh: '资产总额 {totalAssetsFen} 元超过 {maxFen} 元', en: 'Total assets ¥{totalAssetsFen} are more than ¥{maxFen}' },
  'applicant.enterprise.field': { zh: '所属领域须为：{allowedFields}', en: 'The business must be in one of the fields: {allowedFields}' },
  'applicant.enterprise.credit': { zh: '存在不良信用记录', en: 'The enterprise has a bad credit record' },
  'applicant.team.notAccepted': { zh: '本办法不支持创业团队使用创新券', en: 'Start-up teams cannot use vouchers under this policy' },
  'applicant.team.legalEntity': { zh: '创业团队不得为已注册的法人单位', en: 'A start-up team must not be a registered legal entity' },
  'applicant.team.students': {
    zh: '团队成员须以学生为主（超过 {shareAbove}），现为 {studentMemberCount}/{memberCount}',
    en: 'Members must be mainly students (more than {shareAbove}); now {studentMemberCount}/{memberCount}',
  },
  'applicant.team.stage': { zh: '项目须已度过计划阶段', en: 'The project must be past the planning stage' },
  'applicant.team.incubator': { zh: '创业团队须入驻孵化器、大学科技园或众创空间', en: 'The team must be hosted by an incubator, university science park or maker space' },
  'applicant.team.incubatorRegion': { zh: '孵化载体须位于{requiredRegion}（现为{incubatorRegion}）', en: 'The incubator must be in {requiredRegion} (now {incubatorRegion})' },
  'applicant.team.company': { zh: '团队已在{region}注册成立企业，应以企业身份使用创新券', en: 'The team has already registered a company in {region}; it uses vouchers as an enterprise' },
  'applicant.team.coreMembers': { zh: '核心成员 {coreMemberCount} 人，少于 {minCoreMembers} 人', en: '{coreMemberCount} core members, fewer than {minCoreMembers}' },
  'applicant.integrity.dishonesty': { zh: '在信用平台存在严重失信记录（且未过惩戒期）', en: 'A serious dishonesty record on the credit platform, within its penalty period' },
  'applicant.integrity.majorViolation': {
    zh: '{year} 年发生重大安全、质量或环境违法行为（{fromYear} 年起不得有）',
    en: 'A major safety, quality or environmental violation in {year} (none allowed since {fromYear})',
  },
  'applicant.integrity.abnormalList': { zh: '被列入经营异常名录或严重违法失信名单', en: 'On the abnormal-operation list or the serious-violation list' },

  // —— redemption applications and packets ——
  'redemption.contractStatus': { zh: '合同 {number} 尚未生效或已作废，不能申请兑现', en: 'Contract {number} is not in force or is void: no redemption can be applied for' },
  'redemption.exists': { zh: '合同 {number} 已有兑现申请', en: 'Contract {number} already has a redemption application' },
  'redemption.notFound': { zh: '合同 {contractId} 尚无兑现申请', en: 'Contract {contractId} has no redemption application' },
  'redemption.transition': { zh: '兑现申请不能从“{fromZh}”变为“{toZh}”', en: 'The application cannot go from "{fromEn}" to "{toEn}"' },
  'redemption.dateBeforePrevious': { zh: '{field}（{date}）不能早于上一步日期 {last}', en: '{field} ({date}) cannot be before the previous step ({last})' },
  'redemption.reasonRequired': { zh: '驳回须填写原因', en: 'A rejection needs a reason' },
  'redemption.late': { zh: '申请兑现期限为 {due}（合同结束后），{date} 提交已逾期', en: 'The redemption deadline was {due} (after the contract ended); handing in on {date} is late' },
  'redemption.locked': { zh: '兑现申请已{statusZh}，已提交的材料不能修改或删除', en: 'The application is {statusEn}: what was handed in cannot change or be removed' },
  'redemption.resultsLocked': { zh: '兑现申请已{statusZh}，使用成效不能再修改', en: 'The application is {statusEn}: the statement of results can no longer change' },
  'redemption.contractsMissing': { zh: '合同不存在：{ids}', en: 'These contracts do not exist: {ids}' },
  'packetJob.notFound': { zh: '导出任务 {id} 不存在或已过期', en: 'Export job {id} does not exist or has expired' },
  'packetJob.noResult': { zh: '导出任务尚未完成', en: 'The export job has not finished' },
  'packet.ownPaymentShort': { zh: '已登记到账 {paidFen} 元，少于申领单位自付部分 {ownFen} 元', en: 'Payments received ¥{paidFen} are less than the applicant’s own part ¥{ownFen}' },
  'packet.chargesDifference': { zh: '实际发生金额与费用合计 {totalFen} 元相差 {differenceFen} 元，尚未说明原因', en: 'The actual amount differs from the charges ¥{totalFen} by ¥{differenceFen}, with no reason given' },
  'packet.missingAttachment': { zh: '缺少附件：{kindZh}', en: 'Missing attachment: {kindEn}' },
  'packet.noInvoices': { zh: '未登记发票（代码、号码、日期、金额）', en: 'No invoice recorded (code, number, date, amount)' },
  'packet.noActualAmount': { zh: '合同实际金额未填写', en: 'The contract’s actual amount is not set' },
  'packet.invoiceTotal': { zh: '发票合计 {invoiceFen} 元与实际金额 {actualAmountFen} 元不一致', en: 'Invoice total ¥{invoiceFen} differs from the actual amount ¥{actualAmountFen}' },
  'packet.noVouchers': { zh: '合同未关联创新券', en: 'No voucher is linked to the contract' },
  'packet.noBank': { zh: '申领单位开户行或账号未填写', en: 'The applicant’s bank or account number is missing' },
  'packet.noServiceRecords': { zh: '没有本合同的服务记录（机时）', en: 'No service records (machine hours) for this contract' },
  'packet.recordsOutsidePeriod': {
    zh: '{count} 条服务记录不在合同期 {startDate} 至 {endDate} 内（如 {firstStart}～{firstEnd}）',
    en: '{count} service record(s) outside the contract period {startDate} to {endDate} (e.g. {firstStart} to {firstEnd})',
  },
  'packet.deadlinePassed': { zh: '申请兑现期限 {due} 已过（逾期 {days} 天），创新券作废且不计入年度额度', en: 'The redemption deadline {due} has passed ({days} days ago): the voucher is void and not counted in the year’s quota' },
};

/** Labels of the applicant facts the eligibility rules ask for, used when a form passes none. */
export const ORDER_FIELD_LABELS: Readonly<Record<string, Message>> = {
  isSme: { zh: '是否中小企业', en: 'SME size' },
  registeredRegion: { zh: '注册地', en: 'Registered region' },
  registeredOn: { zh: '注册日期', en: 'Registration date' },
  annualRevenueFen: { zh: '年销售收入', en: 'Annual revenue' },
  totalAssetsFen: { zh: '资产总额', en: 'Total assets' },
  fields: { zh: '所属领域', en: 'Business field' },
  hasBadCreditRecord: { zh: '信用记录', en: 'Credit record' },
  isLegalEntity: { zh: '是否已注册法人', en: 'Legal-entity status' },
  memberCount: { zh: '团队人数', en: 'Member count' },
  studentMemberCount: { zh: '学生人数', en: 'Student count' },
  pastPlanningStage: { zh: '项目所处阶段', en: 'Project stage' },
  inIncubator: { zh: '是否入驻孵化载体', en: 'Incubator status' },
  incubatorRegion: { zh: '孵化载体所在地', en: 'Incubator region' },
  companyRegisteredIn: { zh: '是否已注册企业', en: 'Company registration' },
  coreMemberCount: { zh: '核心成员人数', en: 'Core member count' },
  seriousDishonesty: { zh: '严重失信记录', en: 'Serious dishonesty record' },
  lastMajorViolationYear: { zh: '重大违法行为年份', en: 'Year of a major violation' },
  onAbnormalList: { zh: '经营异常名录', en: 'Abnormal-operation list' },
  voucherFen: { zh: '创新券金额', en: 'Voucher amount' },
  totalFen: { zh: '订单总额', en: 'Order total' },
  productId: { zh: '服务产品', en: 'Service product' },
  relatedParty: { zh: '关联关系', en: 'Related party' },
  subcontracted: { zh: '转包', en: 'Subcontracting' },
  cityFunded: { zh: '已获财政资金支持', en: 'Already publicly funded' },
  crossRegion: { zh: '跨区域创新券', en: 'Cross-region voucher' },
  serviceKinds: { zh: '服务内容', en: 'Service content' },
};

/** Region codes as the wording shows them. */
export const REGION_NAMES: Readonly<Record<string, Message>> = {
  beijing: { zh: '北京', en: 'Beijing' },
  shanghai: { zh: '上海', en: 'Shanghai' },
  tianjin: { zh: '天津', en: 'Tianjin' },
  hebei: { zh: '河北', en: 'Hebei' },
  jiangsu: { zh: '江苏', en: 'Jiangsu' },
  zhejiang: { zh: '浙江', en: 'Zhejiang' },
  anhui: { zh: '安徽', en: 'Anhui' },
};

/** Short names of the rules a cross-region voucher or order is not checked against. */
export const RULE_NAMES: Readonly<Record<string, Message>> = {
  applicant: { zh: '申领/使用条件', en: 'applicant conditions' },
  'voucher.faceValue': { zh: '单张面额上限', en: 'single face-value limit' },
  'voucher.annualQuota': { zh: '年度额度', en: 'annual quota' },
  'voucher.contractShare': { zh: '占合同实际金额的比例上限', en: 'share of the contract amount' },
  'voucher.registerWithin': { zh: '合同登记期限', en: 'registration window' },
  'voucher.validity': { zh: '有效期', en: 'validity' },
  'voucher.redemptionWithin': { zh: '兑现申请期限', en: 'redemption window' },
  'voucher.flow': { zh: '使用方式', en: 'how vouchers are used' },
  'voucher.doubleFunding': { zh: '已获财政资金支持的不予支持', en: 'no double funding' },
  'order.voucherShare': { zh: '占订单总额的比例上限', en: 'share of the order total' },
  'order.annualQuota': { zh: '订单年度额度', en: 'annual quota on orders' },
  'order.relatedParty': { zh: '禁止关联交易', en: 'no related-party deals' },
  'order.subcontract': { zh: '禁止转包', en: 'no subcontracting' },
};

/** A rule id by its short name (the id itself only for a rule not named here). */
export const ruleName = (rule: string, locale: 'zh' | 'en') => RULE_NAMES[rule]?.[locale] ?? rule;

/** Notes the desk writes on an order step itself (stored as a code with params). */
export const ORDER_EVENT_NOTE_MESSAGES: Readonly<Record<OrderEventNoteCode, Message>> = {
  'orderEvent.uploadedBy': { zh: '{party}上传兑付材料', en: 'Materials uploaded by {party}' },
  'orderEvent.chargesAdopted': { zh: '订单总额按费用合计确定：{before} 元 → {after} 元', en: 'Order total set from the charges: ¥{before} → ¥{after}' },
  'orderEvent.quoteAdopted': { zh: '订单总额采用报价单 {number}：{before} 元 → {after} 元', en: 'Order total taken from quote {number}: ¥{before} → ¥{after}' },
};

/** The step's note as shown: the desk's note in the chosen language, then what the user typed. */
export function orderEventNote(e: Pick<OrderEvent, 'note' | 'noteCode' | 'noteParams'>, locale: 'zh' | 'en'): string {
  const parts: string[] = [];
  if (e.noteCode) {
    const party = ORDER_PARTY_NAMES[e.noteParams.party as PayoutParty]?.[locale] ?? String(e.noteParams.party ?? '');
    const yuan = (v: unknown) => (typeof v === 'number' ? formatYuan(v) : '');
    parts.push(ORDER_EVENT_NOTE_MESSAGES[e.noteCode][locale].replace('{party}', party).replace('{before}', yuan(e.noteParams.beforeFen))
      .replace('{after}', yuan(e.noteParams.afterFen)).replace('{number}', String(e.noteParams.number ?? '')));
  }
  if (e.note) parts.push(e.note);
  return parts.join(locale === 'zh' ? '；' : '; ');
}
