// Refusal reasons of the forms: identities by their standards (credit code, phones, e-mail,
// invoices, attachment types), strict dates and numbers, applicants, vouchers, contracts,
// bookings and invoices. {field} is the form's label for the field.
import type { Message } from './i18n-messages';

export const FORMS_MESSAGES: Readonly<Record<string, Message>> = {
  'time.clock': { zh: '{field}应为时刻，如 09:30', en: '{field} must be a time of day such as 09:30' },
  'field.yearRange': { zh: '{field}须为 {min}–{max} 之间的整年（现为 {value}）', en: '{field} must be a whole year from {min} to {max} (it is {value})' },
  'field.notNumber': { zh: '{field}须为数字（现为“{value}”）', en: '{field} must be a number (it is "{value}")' },
  'field.wholeRange': { zh: '{field}须为 {min}–{max} 的整数（现为 {value}）', en: '{field} must be a whole number from {min} to {max} (it is {value})' },
  'field.decimalRange': { zh: '{field}须为 {min}–{max} 之间、最多 {decimals} 位小数的数（现为 {value}）', en: '{field} must be a number from {min} to {max} with at most {decimals} decimals (it is {value})' },
  'field.rangeOrder': { zh: '{field}（{to}）不能早于开始日期（{from}）', en: '{field} ({to}) cannot be before the start ({from})' },

  // —— 统一社会信用代码 (GB 32100-2015) ——
  'identity.creditCode.length': { zh: '{field}应为 18 位（现为“{value}”）', en: '{field} must have 18 characters (it is "{value}")' },
  'identity.creditCode.alphabet': { zh: '{field}只能包含数字和大写字母（不含 I、O、S、V、Z）', en: '{field} may contain only digits and capital letters other than I, O, S, V and Z' },
  'identity.creditCode.region': { zh: '{field}第 3–8 位应为行政区划代码（6 位数字）', en: '{field}: characters 3–8 must be the six-digit administrative division code' },
  'identity.creditCode.check': { zh: '{field} {value} 的校验位不正确（GB 32100-2015），请核对是否输错', en: '{field} {value} has a wrong check character (GB 32100-2015); check it for a typing error' },
  'applicant.creditCodeTaken': { zh: '{field} {value} 已由“{name}”登记：同一企业只能登记一次', en: '{field} {value} is already registered by "{name}": one enterprise is one applicant' },
  'applicant.duplicatesFound': { zh: '以下申领单位的统一社会信用代码规范化后相同，可能是同一企业：请合并或更正', en: 'These applicants have the same credit code once normalised and may be one enterprise: merge or correct them' },

  // —— phones, e-mail ——
  'identity.phone.mobile': { zh: '{field}“{value}”不是有效的手机号码（11 位，以 13–19 开头）', en: '{field} "{value}" is not a valid mobile number (11 digits starting 13–19)' },
  'identity.phone.areaCode': { zh: '{field}“{value}”不是有效的固定电话：应为区号加号码，如 010-62345678', en: '{field} "{value}" is not a valid landline: give the area code and number, e.g. 010-62345678' },
  'identity.phone.format': { zh: '{field}“{value}”不是电话号码：请填写手机号码或带区号的固定电话', en: '{field} "{value}" is not a phone number: give a mobile number or a landline with its area code' },
  'identity.email.format': { zh: '{field}“{value}”不是有效的电子邮箱地址', en: '{field} "{value}" is not a valid e-mail address' },

  // —— 发票 ——
  'invoice.numberFormat': { zh: '{field}应为 20 位数电发票号码，或 8 位号码并填写发票代码', en: '{field} must be the 20-digit number of a digital invoice, or an 8-digit number with the invoice code' },
  'invoice.codeRequired': { zh: '8 位发票号码须同时填写 10 位或 12 位{field}', en: 'An 8-digit invoice number needs the 10- or 12-digit {field}' },
  'invoice.codeFormat': { zh: '{field}应为 10 位或 12 位数字（数电发票不填代码）', en: '{field} must have 10 or 12 digits (a digital invoice has none)' },
  'invoice.numberWithCode': { zh: '有发票代码时，{field}应为 8 位数字', en: 'With an invoice code, {field} must have 8 digits' },
  'invoice.futureDate': { zh: '{field}不能晚于今天（{today}）', en: '{field} cannot be after today ({today})' },
  'invoice.beforeContract': { zh: '{field}（{date}）不能早于合同签订日期 {signedDate}', en: '{field} ({date}) cannot be before the contract was signed ({signedDate})' },
  'invoice.overActual': { zh: '发票合计 {totalFen} 元将超过合同实际金额 {actualFen} 元：请确认后再保存', en: 'The invoices would total ¥{totalFen}, more than the contract\'s actual amount ¥{actualFen}: confirm to save' },
  'invoice.duplicate': { zh: '发票 {code}{number} 已登记', en: 'Invoice {code}{number} is already recorded' },
  'invoice.notFound': { zh: '发票 {id} 不存在', en: 'Invoice {id} does not exist' },
  'invoice.attachmentOtherContract': { zh: '关联的附件不属于本合同', en: 'The linked attachment belongs to another contract' },

  // —— attachments ——
  'attachment.type': { zh: '{field}的内容不是允许的类型（PDF、OFD、JPG、PNG、XLSX、DOCX）；按文件内容判断，与文件名无关', en: '{field} is not an allowed type (PDF, OFD, JPG, PNG, XLSX, DOCX), judged by its content, not its name' },
  'attachment.empty': { zh: '{field}为空', en: '{field} is empty' },
  'attachment.tooLarge': { zh: '{field}超过 {maxMb} MB 上限', en: '{field} is larger than the {maxMb} MB limit' },
  'attachment.base64': { zh: '{field}的内容不是有效的 base64', en: '{field} is not valid base64 data' },
  'attachment.notFound': { zh: '附件 {id} 不存在', en: 'Attachment {id} does not exist' },
  'attachment.missing': { zh: '附件文件 {name} 已丢失', en: 'The file of attachment {name} is missing' },
  'attachment.altered': { zh: '附件 {name} 的内容与登记的 SHA-256 不符', en: 'Attachment {name} does not match its recorded SHA-256' },

  // —— applicants ——
  'applicant.notFound': { zh: '申领单位 {id} 不存在', en: 'Applicant {id} does not exist' },
  'applicant.studentsOverMembers': { zh: '学生人数 {students} 多于团队人数 {members}', en: '{students} students is more than the team\'s {members} members' },
  'applicant.smeYearRequired': { zh: '已入库科技型中小企业须填写{field}', en: 'A listed tech SME needs its {field}' },
  'applicant.kindLocked': { zh: '已有 {vouchers} 张创新券、{contracts} 份合同的申领单位不能更改类型', en: 'An applicant with {vouchers} vouchers and {contracts} contracts cannot change its type' },
  'applicant.deleteWithHistory': { zh: '该申领单位已有 {vouchers} 张创新券、{contracts} 份合同，不能删除', en: 'This applicant has {vouchers} vouchers and {contracts} contracts and cannot be deleted' },
  // —— vouchers ——
  'voucher.notFound': { zh: '创新券 {id} 不存在', en: 'Voucher {id} does not exist' },
  'voucher.numberTaken': { zh: '券号 {number} 已登记', en: 'Voucher number {number} is already recorded' },
  'voucher.isVoid': { zh: '创新券 {voucher} 已作废', en: 'Voucher {voucher} is void' },
  'voucher.alreadyRegistered': { zh: '创新券 {voucher} 已于 {date} 登记', en: 'Voucher {voucher} was registered on {date}' },
  'voucher.inContract': { zh: '创新券 {voucher} 已用于合同 {contract}，请先从合同中移除', en: 'Voucher {voucher} is used by contract {contract}; remove it there first' },
  'voucher.ineligible': { zh: '该申领单位不符合 {count} 项申领条件：如确需登记，请勾选“仍然登记”并说明原因', en: 'The applicant fails {count} eligibility condition(s): to record the voucher anyway, tick "Record it anyway" and give the reason' },
  'voucher.registerLate': { zh: '申领后未在规定期限内登记（截止 {due}），创新券已作废', en: 'Not registered within the period after claiming (due {due}); the voucher is void' },

  // —— contracts (row: the voucher's row in the drawer's table) ——
  'contract.notFound': { zh: '合同 {id} 不存在', en: 'Contract {id} does not exist' },
  'contract.numberTaken': { zh: '合同编号 {number} 已存在', en: 'Contract number {number} is already used' },
  'contract.voucherTwice': { zh: '同一张创新券列入了两次', en: 'The same voucher is listed twice' },
  'contract.voucherOtherHolder': { zh: '创新券 {voucher} 属于其他申领单位（{holder}），创新券不得转让、出售或赠与', en: 'Voucher {voucher} belongs to another applicant ({holder}); vouchers cannot be transferred, sold or given' },
  'contract.voucherUsedElsewhere': { zh: '创新券 {voucher} 已用于合同 {contract}，不得重复使用', en: 'Voucher {voucher} is already used by contract {contract} and cannot be used again' },
  'contract.voucherOverFace': { zh: '创新券 {voucher} 的用券金额 {amountFen} 元超过面额 {faceValueFen} 元', en: 'Voucher {voucher}: ¥{amountFen} is more than its face value ¥{faceValueFen}' },
  'contract.voucherAmount': { zh: '创新券 {voucher} 的用券金额“{value}”不是有效金额', en: 'Voucher {voucher}: "{value}" is not a valid amount' },
  'contract.voucherClaimedAfter': { zh: '创新券 {voucher} 的申领日期 {claimDate} 晚于{other}（{otherValue}）', en: 'Voucher {voucher} was claimed on {claimDate}, after the {other} ({otherValue})' },
  'contract.voucherVoid': { zh: '创新券 {voucher} 已作废', en: 'Voucher {voucher} is void' },
  'contract.voucherNotRegistered': { zh: '创新券 {voucher} 未在申领后规定期限内登记（截止 {due}），已失效', en: 'Voucher {voucher} was not registered in time (due {due}) and has lapsed' },
  'contract.voucherExpired': { zh: '创新券 {voucher} 已过有效期（至 {due}）', en: 'Voucher {voucher} expired on {due}' },
  'contract.endsAfterVoucher': { zh: '合同结束日期 {endDate} 晚于创新券 {voucher} 的有效期（至 {due}）', en: 'The contract ends on {endDate}, after voucher {voucher} expires ({due})' },
  'contract.redemptionSubmitted': { zh: '该合同已于 {date} 申请兑现，不能再更改所用创新券', en: 'Redemption was applied for on {date}; the vouchers of this contract can no longer change' },

  // —— slots, bookings, usage records ——
  'slot.endAfterStart': { zh: '结束时间 {end} 须晚于开始时间 {start}', en: 'The end {end} must be after the start {start}' },
  'slot.maxDuration': { zh: '单个时段不能超过 {maxDays} 天，请分段登记', en: 'One slot may not be longer than {maxDays} days; split it' },
  'booking.notFound': { zh: '预约 {id} 不存在，可能已被删除', en: 'Booking {id} does not exist; it may have been deleted' },
  'booking.instrumentRetired': { zh: '仪器「{name}」已停用，不能预约', en: 'Instrument "{name}" is retired and cannot be booked' },
  'booking.instrumentStatus': { zh: '仪器「{name}」运行状态为“{statusZh}”，只能安排维护', en: 'Instrument "{name}" is "{statusEn}": only maintenance can be scheduled' },
  'booking.shareMode': { zh: '仪器「{name}」共享模式为“不共享”，不能用于合同或订单服务', en: 'Instrument "{name}" is not shared and cannot serve contracts or orders' },
  'booking.contractKind': { zh: '只有“合同服务”预约可以关联合同（当前类型：{kindZh}）', en: 'Only a contract-service booking links a contract (this one is {kindEn})' },
  'booking.contractRequired': { zh: '合同服务预约须选择合同', en: 'A contract-service booking needs a contract' },
  'booking.contractVoid': { zh: '合同 {number} 已作废，不能预约', en: 'Contract {number} is void and cannot be booked' },
  'booking.contractInstrument': { zh: '合同 {number} 未约定使用该仪器', en: 'Contract {number} does not cover this instrument' },
  'booking.contractPeriod': { zh: '预约时段 {span} 超出合同 {number} 的服务期 {startDate} 至 {endDate}', en: 'The slot {span} is outside the service period of contract {number} ({startDate} to {endDate})' },
  'booking.overlap': { zh: '时段冲突：{span} 与已有预约重叠：{conflictsZh}', en: 'The slot {span} overlaps existing bookings: {conflictsEn}' },
  'booking.seriesOutsideContract': { zh: '以下日期超出合同 {number} 的服务期 {startDate} 至 {endDate}，未创建任何预约：{dates}', en: 'These dates are outside the service period of contract {number} ({startDate} to {endDate}); no booking was created: {dates}' },
  'booking.seriesOverlap': { zh: '以下日期与已有预约冲突，未创建任何预约：{dates}（{conflictsZh}）', en: 'These dates overlap existing bookings; no booking was created: {dates} ({conflictsEn})' },
  'booking.hasUsage': { zh: '已登记实际使用的预约不能删除（{times}），请先删除使用记录', en: 'Bookings with logged use cannot be deleted ({times}); delete their usage records first' },
  'usage.notFound': { zh: '使用记录 {id} 不存在', en: 'Usage record {id} does not exist' },
  'usage.notFuture': { zh: '不能登记今天（{today}）之后的实际使用：结束时间 {end}', en: 'Use after today ({today}) cannot be logged: the end is {end}' },
  'usage.bookingInstrument': { zh: '预约 {id} 属于仪器「{name}」，与所填仪器不一致', en: 'Booking {id} is for instrument "{name}", not the one given' },
  'usage.notMaintenance': { zh: '维护时段不是有效机时，不能登记为实际使用', en: 'Maintenance is not machine use and cannot be logged as use' },
  'usage.bookingLogged': { zh: '该预约已登记过实际使用（记录 {record}），请编辑原记录', en: 'Use of this booking is already logged (record {record}); edit that record' },
  'usage.overlap': { zh: '该仪器在 {span} 已有使用记录：{records}', en: 'The instrument already has use logged in {span}: {records}' },

  // —— holidays, labs, backups ——
  'holiday.invalidDate': { zh: '日期无效：{date}', en: 'Invalid date: {date}' },
  'holiday.duplicateDate': { zh: '日期重复：{date}', en: 'Date listed twice: {date}' },
  'holiday.adjustedOnWeekday': { zh: '调休上班日 {date} 不是周六或周日', en: 'Adjusted working day {date} is not a Saturday or Sunday' },
  'holiday.notFound': { zh: '{date} 没有假日条目', en: 'There is no holiday entry on {date}' },
  'holiday.outsideYear': { zh: '日期 {date} 不在 {year} 年内', en: 'The date {date} is not in {year}' },
  'lab.nameTaken': { zh: '实验室“{name}”已存在', en: 'A lab named "{name}" already exists' },
  'backup.invalidName': { zh: '备份名称无效：只能选择备份文件夹中的备份', en: 'Not a backup name: only backups in the backups folder can be chosen' },
  'backup.notFound': { zh: '找不到备份 {name}', en: 'Backup {name} not found' },

  'policy.unknownProfile': { zh: '政策版本 {profileId} 不存在', en: 'Policy profile {profileId} does not exist' },
};

/** Labels of the fields these forms share, used when a form passes none. */
export const FORMS_FIELD_LABELS: Readonly<Record<string, Message>> = {
  code: { zh: '发票代码', en: 'Invoice code' },
  issueDate: { zh: '开票日期', en: 'Issue date' },
  studentMembers: { zh: '学生人数', en: 'Students' },
  teamMembers: { zh: '团队人数', en: 'Team members' },
  smeListedYear: { zh: '入库年份', en: 'Year of listing' },
  kind: { zh: '类型', en: 'Type' },
  ratedHours: { zh: '额定机时', en: 'Rated hours' },
};
