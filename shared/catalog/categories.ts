// 15 大类 and their 中类 of the national large-instrument classification; a 6-digit code is
// 大类(2) + 中类(2) + 小类(2). 小类 lists are long and change, so only the first four digits are checked.

export interface Category {
  code: string; // 2 digits for 大类, 4 digits for 中类
  name: string;
  nameEn: string;
}

export const MAJOR_CATEGORIES: Category[] = [
  { code: '01', name: '分析仪器', nameEn: 'Analytical instruments' },
  { code: '02', name: '物理性能测试仪器', nameEn: 'Physical property testing' },
  { code: '03', name: '计量仪器', nameEn: 'Metrology instruments' },
  { code: '04', name: '电子测量仪器', nameEn: 'Electronic measurement' },
  { code: '05', name: '海洋仪器', nameEn: 'Marine instruments' },
  { code: '06', name: '地球探测仪器', nameEn: 'Earth exploration' },
  { code: '07', name: '大气探测仪器', nameEn: 'Atmospheric sounding' },
  { code: '08', name: '天文仪器', nameEn: 'Astronomical instruments' },
  { code: '09', name: '医学诊断仪器', nameEn: 'Medical diagnostic' },
  { code: '10', name: '核仪器', nameEn: 'Nuclear instruments' },
  { code: '11', name: '特种检测仪器', nameEn: 'Special inspection' },
  { code: '12', name: '工艺实验设备', nameEn: 'Process experiment equipment' },
  { code: '13', name: '计算机及其配套设备', nameEn: 'Computers and peripherals' },
  { code: '14', name: '激光器', nameEn: 'Lasers' },
  { code: '15', name: '其他仪器', nameEn: 'Other instruments' },
];

const MIDDLE: Record<string, string[]> = {
  '01': ['电子光学仪器', '质谱仪器', 'X射线仪器', '光谱仪器', '色谱仪器', '波谱仪器', '电化学仪器', '显微镜及图像分析仪器', '热分析仪器', '生化分离分析仪器', '环境与农业分析仪器', '样品前处理及制备仪器', '其他'],
  '02': ['力学性能测试仪器', '大地测量仪器', '光电测量仪器', '声学振动仪器', '颗粒度测量仪器', '探伤仪器', '其他'],
  '03': ['长度计量仪器', '热学计量仪器', '力学计量仪器', '电磁学计量仪器', '时间频率计量仪器', '声学计量仪器', '光学计量仪器', '电离辐射计量仪器', '其他'],
  '04': ['通用电子测量仪器', '射频和微波测试仪器', '通讯测量仪器', '网络分析仪器', '大规模集成电路测试仪器', '其他'],
  '05': ['海洋水文测量仪器', '多要素水文气象测量系统', '海洋生物调查仪器', '海洋地质地球物理调查仪器', '海洋水质与生态环境监测仪器', '其他'],
  '06': ['电法仪器', '电磁法仪器', '磁法仪器', '重力仪器', '地震仪器', '地球物理测井仪器', '岩石矿物测试仪器', '其他'],
  '07': ['气象台站观测仪器', '高空气象探测仪器', '特殊大气探测仪器', '大气成分采样分析仪器', '其他'],
  '08': ['光学望远镜', '射电望远镜', '空间望远镜', '天文终端设备', '其他'],
  '09': ['影像诊断仪器', '电生理仪器', '临床检验分析仪器', '其他'],
  '10': ['核辐射探测仪器', '活化分析仪器', '离子束分析仪器', '核效应分析仪器', '中子散射及衍射仪器', '其他'],
  '11': ['射线检测仪器', '超声检测仪器', '电磁检测仪器', '声发射检测仪器', '光电检测仪器', '其他'],
  '12': ['机械加工设备', '特种加工设备', '激光加工设备', '真空设备', '半导体工艺设备', '其他'],
  '13': ['计算机', '网络设备', '存储设备', '其他'],
  '14': ['固体激光器', '气体激光器', '半导体激光器', '其他'],
  '15': ['其他'],
};

export const MIDDLE_CATEGORIES: Category[] = Object.entries(MIDDLE).flatMap(([major, names]) =>
  names.map((name, i) => ({ code: `${major}${String(i + 1).padStart(2, '0')}`, name, nameEn: '' })),
);

const majorByCode = new Map(MAJOR_CATEGORIES.map((c) => [c.code, c]));
const middleByCode = new Map(MIDDLE_CATEGORIES.map((c) => [c.code, c]));

export function majorOf(code: string): Category | undefined {
  return majorByCode.get(code.slice(0, 2));
}

export function middleOf(code: string): Category | undefined {
  return middleByCode.get(code.slice(0, 4));
}

/** Returns null when valid, else the reason. */
export function categoryCodeProblem(code: string): string | null {
  if (!/^\d{6}$/.test(code)) return '分类编码须为 6 位数字';
  if (!majorOf(code)) return `大类 ${code.slice(0, 2)} 不在 15 大类之中`;
  if (!middleOf(code)) return `中类 ${code.slice(0, 4)} 不在 ${majorOf(code)!.name} 的中类之中`;
  return null;
}

export function categoryLabel(code: string): string {
  const major = majorOf(code);
  const middle = middleOf(code);
  return [major?.name, middle?.name].filter(Boolean).join(' / ');
}
