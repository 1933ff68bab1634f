// The words an instrument's fields take and the fields' labels: plain data without zod, so the
// renderer's first screen (the catalog) can show them without loading the input schemas
// (instrument.ts builds its schemas from these and re-exports them).
import type { InstrumentFields } from './instrument';

export const SOURCES = ['购置', '研制', '赠送', '其他'] as const;
export const USAGE_KINDS = ['通用', '专用'] as const;
export const STATUSES = ['正常', '偶有故障', '故障频繁', '待修', '待报废'] as const;
export const SHARE_MODES = ['内部共享', '外部共享', '不共享'] as const;

/** Field labels of the desk, in the 单台套 template's order then the desk's own fields. */
export const INSTRUMENT_FIELD_LABELS: { key: keyof InstrumentFields; zh: string; en: string }[] = [
  { key: 'innerId', zh: '仪器编号', en: 'Instrument no.' },
  { key: 'assetNo', zh: '所在单位仪器编号', en: 'Unit asset no.' },
  { key: 'nameCn', zh: '仪器设备名称', en: 'Name' },
  { key: 'nameEn', zh: '英文名称', en: 'English name' },
  { key: 'carrierType', zh: '所属资源载体类型', en: 'Resource carrier type' },
  { key: 'carrierNo', zh: '所属资源载体内部编号', en: 'Carrier inner no.' },
  { key: 'department', zh: '所属单位内部门', en: 'Department' },
  { key: 'categoryCode', zh: '仪器分类编码', en: 'Category code' },
  { key: 'source', zh: '设备仪器来源', en: 'Source' },
  { key: 'customsSupervised', zh: '是否在海关监管年限内', en: 'Under customs supervision' },
  { key: 'originalValueFen', zh: '原值', en: 'Original value' },
  { key: 'country', zh: '产地国别', en: 'Country' },
  { key: 'manufacturer', zh: '生产制造商', en: 'Manufacturer' },
  { key: 'bookedDate', zh: '建账日期', en: 'Booked on' },
  { key: 'usageKind', zh: '仪器设备类别', en: 'General/special' },
  { key: 'model', zh: '规格型号', en: 'Model' },
  { key: 'specs', zh: '主要技术指标', en: 'Technical specs' },
  { key: 'functions', zh: '主要功能', en: 'Functions' },
  { key: 'discipline', zh: '主要学科领域', en: 'Disciplines' },
  { key: 'fundingSources', zh: '主要购置经费来源', en: 'Funding sources' },
  { key: 'serviceContent', zh: '服务内容', en: 'Service content' },
  { key: 'imageName', zh: '图片', en: 'Picture' },
  { key: 'userNotice', zh: '用户须知', en: 'Notice to users' },
  { key: 'referenceFeeFen', zh: '参考收费标准', en: 'Reference fee' },
  { key: 'feeUnit', zh: '收费单位', en: 'Fee unit' },
  { key: 'bookingUrl', zh: '预约服务网址', en: 'Booking URL' },
  { key: 'addrProvince', zh: '安放地址-省', en: 'Address: province' },
  { key: 'addrCity', zh: '安放地址-市', en: 'Address: city' },
  { key: 'addrDistrict', zh: '安放地址-区县', en: 'Address: district' },
  { key: 'addrStreet', zh: '安放地址-街道（乡镇）', en: 'Address: street' },
  { key: 'contactName', zh: '联系人', en: 'Contact' },
  { key: 'contactPhone', zh: '电话', en: 'Phone' },
  { key: 'contactEmail', zh: '电子邮箱', en: 'E-mail' },
  { key: 'mailAddress', zh: '通讯地址', en: 'Mailing address' },
  { key: 'postcode', zh: '邮政编码', en: 'Postcode' },
  { key: 'customsDeclarationNo', zh: '进口报关单编号', en: 'Import declaration no.' },
  { key: 'customsItemNo', zh: '进口报关单项号', en: 'Declaration item no.' },
  { key: 'customsReleaseDate', zh: '海关放行日期', en: 'Customs release date' },
  { key: 'customsName', zh: '仪器设备在进口报关单上的名称', en: 'Name on the declaration' },
  { key: 'startUseDate', zh: '启用日期', en: 'Start of use' },
  { key: 'status', zh: '运行状态', en: 'Status' },
  { key: 'shareMode', zh: '共享模式', en: 'Share mode' },
  { key: 'sharingRules', zh: '开放共享制度', en: 'Sharing rules' },
  { key: 'location', zh: '安放地点（房间）', en: 'Room' },
  { key: 'labId', zh: '所属实验室', en: 'Lab' },
];
