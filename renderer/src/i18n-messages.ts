// The message catalog: every refusal reason the services and schemas send, in Chinese and English.
// Templates interpolate {field} (the form's label for the field) and the error's params.
// Keep keys sorted by area; a reason missing here falls back to the generic message of its code.

import { CATALOG_MESSAGES } from './i18n-messages-catalog';
import { FACILITY_MESSAGES } from './i18n-messages-facility';
import { SECURITY_MESSAGES } from './i18n-messages-security';
import { FORMS_FIELD_LABELS, FORMS_MESSAGES } from './i18n-messages-forms';
import { MONEY_MESSAGES } from './i18n-messages-money';
import { ORDER_FIELD_LABELS, ORDER_MESSAGES } from './i18n-messages-orders';

export type Locale = 'zh' | 'en';

export interface Message { zh: string; en: string }

export const MESSAGES: Readonly<Record<string, Message>> = {
  // —— generic field rules (zod issues, see shared/issues.ts) ——
  'field.required': { zh: '{field}必填', en: '{field} is required' },
  'field.tooLong': { zh: '{field}不能超过 {max} 个字符', en: '{field} may have at most {max} characters' },
  'field.tooShort': { zh: '{field}至少 {min} 个字符', en: '{field} needs at least {min} characters' },
  'field.tooBig': { zh: '{field}不能大于 {max}', en: '{field} may not be more than {max}' },
  'field.notBelow': { zh: '{field}须小于 {max}', en: '{field} must be less than {max}' },
  'field.tooSmall': { zh: '{field}不能小于 {min}', en: '{field} may not be less than {min}' },
  'field.notAbove': { zh: '{field}须大于 {min}', en: '{field} must be more than {min}' },
  'field.negative': { zh: '{field}不能为负数', en: '{field} cannot be negative' },
  'field.positive': { zh: '{field}须大于 0', en: '{field} must be more than 0' },
  'field.tooMany': { zh: '{field}最多 {max} 项', en: '{field} may list at most {max} items' },
  'field.tooFew': { zh: '{field}至少 {min} 项', en: '{field} needs at least {min} items' },
  'field.tooLate': { zh: '{field}不能晚于 {max}', en: '{field} may not be later than {max}' },
  'field.tooEarly': { zh: '{field}不能早于 {min}', en: '{field} may not be earlier than {min}' },
  'field.integer': { zh: '{field}须为整数', en: '{field} must be a whole number' },
  'field.notFinite': { zh: '{field}不是有效的数字', en: '{field} is not a valid number' },
  'field.invalidType': { zh: '{field}的值类型不正确', en: '{field} has a value of the wrong type' },
  'field.email': { zh: '{field}不是有效的电子邮箱地址', en: '{field} is not a valid e-mail address' },
  'field.format': { zh: '{field}格式不正确', en: '{field} is not in the expected format' },
  'field.oneOf': { zh: '{field}须为以下之一：{values}', en: '{field} must be one of: {values}' },
  'field.multipleOf': { zh: '{field}须为 {divisor} 的整数倍', en: '{field} must be a multiple of {divisor}' },
  'field.unknownKeys': { zh: '输入含有未知的项：{keys}', en: 'The input has unknown entries: {keys}' },
  'field.invalid': { zh: '{field}无效', en: '{field} is not valid' },
  'field.duplicate': { zh: '{field}重复', en: '{field} is listed twice' },
  'field.controlChars': { zh: '{field}不能含控制字符', en: '{field} may not contain control characters' },
  'field.creditCodeShape': { zh: '{field}应为 18 位数字或大写字母', en: '{field} must be 18 digits or capital letters' },
  'catalog.categoryPrefix': { zh: '{field}应为 2、4 或 6 位数字', en: '{field} must be 2, 4 or 6 digits' },
  'evaluation.gradeFloorsOrder': { zh: '等级分数线须依次递减：优秀 ≥ 良好 ≥ 合格', en: 'The grade floors must descend: excellent ≥ good ≥ qualified' },
  'period.invalid': { zh: '{field}：期间须从起始年起，且不超过 10 年', en: '{field}: the period must end on or after its first year and span at most 10 years' },
  'bankAccount.format': { zh: '{field}只能包含数字、空格和连字符（6–50 位）', en: '{field} may hold only digits, spaces and hyphens (6–50)' },
  'passphrase.spaces': { zh: '{field}首尾不能有空格', en: '{field} may not begin or end with a space' },

  // —— dates and times ——
  'date.format': { zh: '{field}应为日期，如 2025-03-01', en: '{field} must be a date such as 2025-03-01' },
  'date.impossible': { zh: '{field}：{value} 不是存在的日期', en: '{field}: {value} is not a real date' },
  'date.range': { zh: '{field}须在 {min} 至 {max} 之间', en: '{field} must be between {min} and {max}' },
  'date.future': { zh: '{field}不能晚于今天（{today}）', en: '{field} cannot be after today ({today})' },
  'date.notMonday': { zh: '{field}须为星期一', en: '{field} must be a Monday' },
  'date.beforeOther': { zh: '{field}不能早于{other}（{otherValue}）', en: '{field} cannot be before {other} ({otherValue})' },
  'time.format': { zh: '{field}应为时间，如 2025-03-01 09:30', en: '{field} must be a date and time such as 2025-03-01 09:30' },
  'time.impossible': { zh: '{field}：{value} 不是存在的时间', en: '{field}: {value} is not a real time' },

  // —— money ——
  'money.format': { zh: '{field}应为金额（元），最多两位小数，如 1234.50', en: '{field} must be an amount in yuan with at most two decimals, e.g. 1234.50' },
  'money.negative': { zh: '{field}不能为负数', en: '{field} cannot be negative' },
  'money.tooBig': { zh: '{field}不能超过 {max} 元', en: '{field} may not exceed ¥{max}' },
  'money.positive': { zh: '{field}须大于 0 元', en: '{field} must be more than ¥0' },
  'money.nonZero': { zh: '{field}不能为 0 元', en: '{field} cannot be ¥0' },

  // —— policy profiles, Shanghai orders, cross-region vouchers ——
  'policy.notInForce': { zh: '{region}在 {date} 没有生效的政策版本：本软件未收录该日适用的办法，不改用其他版本计算', en: 'No policy profile of {region} is in force on {date}: the desk does not hold the measures of that date and uses no other profile instead' },
  'policy.storedProfileUnknown': { zh: '记录所依据的政策版本 {profileId} 本软件未收录：不改用其他版本计算，相关期限与金额暂不显示', en: 'The record was made under policy profile {profileId}, which the desk does not hold: no other profile is used, so its deadlines and figures are not shown' },
  'redemption.contractsProfileUnknown': { zh: '合同 {numbers} 所依据的政策版本本软件未收录：不改用其他版本，不生成其兑现材料', en: 'Contracts {numbers} were made under a policy profile the desk does not hold: no other profile is used, so no packet is built for them' },
  'policy.noRegion': { zh: '地区 {region} 没有政策配置', en: 'There is no policy profile for region {region}' },
  'voucher.flow': { zh: '上海创新券免申即享、随订单使用，不单独申领：请在“上海订单”中登记订单', en: 'Shanghai vouchers are not claimed; they are used on orders: record the order under Shanghai orders' },
  'voucher.transfer': { zh: '订单及其创新券不能转给其他企业或团队', en: 'An order and its vouchers cannot pass to another enterprise or team' },
  'crossRegion.scheme': { zh: '本地政策不承认该跨区域创新券类型', en: 'The local policy does not recognise this cross-region scheme' },
  'crossRegion.issuingRegion': { zh: '请选择发券地区：{regionsZh}', en: 'Choose the issuing region: {regionsEn}' },
  'order.flow': { zh: '本台账的政策按“申领—合同登记—兑现”使用创新券，不使用订单；上海台账请在设置中选择上海', en: "This desk's policy uses claims and contracts, not orders; choose Shanghai in Settings for a Shanghai desk" },
  'order.region': { zh: '{name} 不是本地注册：外省市企业或团队的订单请标记为跨区域（长三角）创新券', en: '{name} is not registered locally: mark orders from other regions as cross-region (Yangtze River Delta)' },
  'order.notFound': { zh: '订单 {id} 不存在', en: 'Order {id} does not exist' },
  'order.numberUnique': { zh: '订单编号 {number} 已存在', en: 'Order number {number} is already used' },
  'order.locked': { zh: '订单已{statusZh}，不能再修改', en: 'The order is {statusEn} and can no longer change' },
  'order.transition': { zh: '订单不能从“{fromZh}”变为“{toZh}”', en: 'The order cannot go from "{fromEn}" to "{toEn}"' },
  'order.dateBeforePrevious': { zh: '{field}（{date}）不能早于上一步日期 {last}', en: '{field} ({date}) cannot be before the previous step ({last})' },
  'order.reasonRequired': { zh: '不予兑付或撤销须填写原因', en: 'Refusing or cancelling needs a reason' },
  'order.usageRequired': { zh: '尚无服务记录：请先登记该订单的仪器使用记录', en: 'No service record yet: record the instrument use of this order first' },
  'order.usageState': { zh: '订单尚未接单或已撤销、不予兑付，不能登记服务记录', en: 'The order is not accepted, or is cancelled or refused: no service can be recorded' },
  'order.publicNotice': { zh: '公示期（{days} 天）至 {lastDay} 24:00 止，期满后方可兑付', en: 'The public notice ({days} days) ends {lastDay} 24:00; payment only after it' },
  'order.voucherAboveTotal': { zh: '创新券金额 {voucherFen} 超过订单总额 {totalFen}', en: 'The voucher amount {voucherFen} is more than the order total {totalFen}' },
  'product.notFound': { zh: '服务产品 {id} 不存在', en: 'Service product {id} does not exist' },
  'product.codeUnique': { zh: '产品编号 {code} 已存在', en: 'Product code {code} is already used' },
  'product.keepHistory': { zh: '已有 {orders} 个订单的产品不能更改服务类别', en: 'A product with {orders} orders cannot change its category' },
  'lab.notFound': { zh: '开放单位/实验室 {id} 不存在', en: 'Lab {id} does not exist' },
  // —— the PDF font ——
  'font.fileMissing': { zh: '未找到中文字体文件 {file}（由环境变量 OIVD_CJK_FONT 或设置 {setting} 指定）', en: 'The CJK font file {file} was not found (named by OIVD_CJK_FONT or the setting {setting})' },
  'font.collectionNeedsName': { zh: '字体集 {file} 须写明 PostScript 名称，如 文件.ttc#NotoSansCJKsc-Regular', en: 'The font collection {file} needs a PostScript name, e.g. file.ttc#NotoSansCJKsc-Regular' },
  'font.shippedMissing': { zh: '程序附带的中文字体缺失（{file}），请重新安装本程序', en: 'The CJK font shipped with the desk is missing ({file}): reinstall the desk' },
  'font.faceMissing': { zh: '字体集 {file} 中没有字体 {face}', en: 'The font collection {file} holds no face {face}' },
  'booking.orderKind': { zh: '只有“订单服务”预约可以关联订单', en: 'Only an order-service booking links an order' },
  'booking.orderRequired': { zh: '订单服务预约须选择订单', en: 'An order-service booking needs an order' },
  'booking.orderState': { zh: '订单 {number} 尚未接单，或已撤销、不予兑付，不能预约服务', en: 'Order {number} is not accepted, or is cancelled or refused: no service can be booked' },
  'usage.contractOrOrder': { zh: '一条使用记录只能对应合同或订单之一', en: 'A usage record serves either a contract or an order, not both' },
  'applicant.statusValidity': { zh: '{field}必填：较高额度仅在有效期内的使用日适用', en: '{field} is required: the higher quota applies only on days of use within the validity' },

  // —— infrastructure ——
  'db.constraint': { zh: '保存被数据约束拒绝（{constraint}），未作任何更改', en: 'A data constraint refused the change ({constraint}); nothing was changed' },
  'db.busy': { zh: '数据库正忙，请稍后再试', en: 'The database is busy; try again shortly' },
  'ipc.unknownChannel': { zh: '未知的调用：{channel}', en: 'Unknown call: {channel}' },
  'ipc.unparseable': { zh: '输入无法通过校验', en: 'The input could not be validated' },
  'internal.unexpected': { zh: '内部错误，操作未完成，未作任何更改', en: 'Internal error; nothing was changed' },
  'net.unreachable': { zh: '无法连接本地服务：{detail}', en: 'Cannot reach the local service: {detail}' },
  'core.gone': { zh: '后台服务已停止，操作未完成，请重新启动程序', en: 'The background service stopped; the operation did not complete. Restart the app' },
  'job.cancelled': { zh: '已取消，未作任何更改', en: 'Cancelled; nothing was changed' },
  'job.token': { zh: '任务标识无效', en: 'The job token is not valid' },
  ...FACILITY_MESSAGES,
  ...SECURITY_MESSAGES,
  ...FORMS_MESSAGES,
  ...CATALOG_MESSAGES,
  ...MONEY_MESSAGES,
  ...ORDER_MESSAGES,
};

/** Generic wording by error code when a reason is not in the catalog. */
export const CODE_MESSAGES: Readonly<Record<string, Message>> = {
  VALIDATION: { zh: '{field}无效', en: '{field} is not valid' },
  RULE: { zh: '该操作不符合政策规定', en: 'The policy does not allow this' },
  NOT_FOUND: { zh: '要操作的记录不存在，可能已被删除', en: 'The record does not exist; it may have been deleted' },
  CONFLICT: { zh: '与已有数据冲突，未作任何更改', en: 'This conflicts with existing data; nothing was changed' },
  DB_NEWER: { zh: '数据库由更新版本的程序写入，请升级程序', en: 'The database was written by a newer version; update the app' },
  LOCKED: { zh: '数据库已锁定，请先解锁', en: 'The database is locked; unlock it first' },
  FORBIDDEN: { zh: '不允许的操作', en: 'Not allowed' },
  CANCELLED: { zh: '已取消', en: 'Cancelled' },
  INTERNAL: { zh: '内部错误，操作未完成', en: 'Internal error; the operation did not complete' },
};

/** Labels of fields shared by many forms, used when a form passes none for the field. */
export const FIELD_LABELS: Readonly<Record<string, Message>> = {
  '(input)': { zh: '输入', en: 'The input' },
  name: { zh: '名称', en: 'Name' },
  number: { zh: '编号', en: 'Number' },
  creditCode: { zh: '统一社会信用代码', en: 'Unified social credit code' },
  contactPhone: { zh: '联系电话', en: 'Contact phone' },
  contactEmail: { zh: '电子邮箱', en: 'E-mail' },
  contactName: { zh: '联系人', en: 'Contact' },
  claimDate: { zh: '申领日期', en: 'Claim date' },
  registeredDate: { zh: '登记日期', en: 'Registration date' },
  signedDate: { zh: '签订日期', en: 'Signing date' },
  startDate: { zh: '开始日期', en: 'Start date' },
  endDate: { zh: '结束日期', en: 'End date' },
  registrationDate: { zh: '合同登记日期', en: 'Contract registration date' },
  startAt: { zh: '开始时间', en: 'Start' },
  endAt: { zh: '结束时间', en: 'End' },
  date: { zh: '日期', en: 'Date' },
  amountFen: { zh: '金额', en: 'Amount' },
  faceValueFen: { zh: '面额', en: 'Face value' },
  actualAmountFen: { zh: '实际金额', en: 'Actual amount' },
  applicantId: { zh: '申领单位', en: 'Applicant' },
  voucherId: { zh: '创新券', en: 'Voucher' },
  vouchers: { zh: '所用创新券', en: 'Vouchers used' },
  contractId: { zh: '合同', en: 'Contract' },
  instrumentId: { zh: '仪器', en: 'Instrument' },
  instrumentIds: { zh: '仪器', en: 'Instruments' },
  labId: { zh: '开放单位/实验室', en: 'Lab' },
  staffCount: { zh: '职工人数', en: 'Staff' },
  revenueFen: { zh: '年销售收入', en: 'Annual revenue' },
  assetsFen: { zh: '资产总额', en: 'Total assets' },
  note: { zh: '备注', en: 'Note' },
  reason: { zh: '原因', en: 'Reason' },
  file: { zh: '文件', en: 'File' },
  dataBase64: { zh: '文件', en: 'File' },
  passphrase: { zh: '口令', en: 'Passphrase' },
  ...FORMS_FIELD_LABELS,
  ...ORDER_FIELD_LABELS,
};
