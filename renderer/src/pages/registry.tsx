import { AccountBookOutlined, AlertOutlined, BarChartOutlined, CalendarOutlined, DatabaseOutlined, FileTextOutlined, SafetyOutlined, SettingOutlined, TagsOutlined, TeamOutlined } from '@ant-design/icons';
import type { ComponentType, ReactNode } from 'react';
import { DashboardPage } from './dashboard/DashboardPage';
import { CatalogPage } from './catalog/CatalogPage';
import { ApplicantsPage } from './applicants/ApplicantsPage';
import { VouchersPage } from './vouchers/VouchersPage';
import { ContractsPage } from './contracts/ContractsPage';
import { CalendarPage } from './calendar/CalendarPage';
import { RedemptionPage } from './redemption/RedemptionPage';
import { AssessmentPage } from './assessment/AssessmentPage';
import { SecurityPage } from './security/SecurityPage';
import { SettingsPage } from './settings/SettingsPage';

export interface PageDef {
  key: string;
  icon: ReactNode;
  label: { zh: string; en: string };
  component: ComponentType;
}

/** One entry per workflow page, in menu order. Keyboard: Alt+1…9 opens the n-th page. */
export const PAGES: PageDef[] = [
  { key: 'dashboard', icon: <AlertOutlined />, label: { zh: '到期提醒', en: 'Due soon' }, component: DashboardPage },
  { key: 'catalog', icon: <DatabaseOutlined />, label: { zh: '仪器目录', en: 'Instruments' }, component: CatalogPage },
  { key: 'applicants', icon: <TeamOutlined />, label: { zh: '申领单位', en: 'Applicants' }, component: ApplicantsPage },
  { key: 'vouchers', icon: <TagsOutlined />, label: { zh: '创新券', en: 'Vouchers' }, component: VouchersPage },
  { key: 'contracts', icon: <FileTextOutlined />, label: { zh: '服务合同', en: 'Contracts' }, component: ContractsPage },
  { key: 'calendar', icon: <CalendarOutlined />, label: { zh: '预约日历', en: 'Bookings' }, component: CalendarPage },
  { key: 'redemption', icon: <AccountBookOutlined />, label: { zh: '兑现申请', en: 'Redemption' }, component: RedemptionPage },
  { key: 'assessment', icon: <BarChartOutlined />, label: { zh: '年度考核', en: 'Assessment' }, component: AssessmentPage },
  { key: 'security', icon: <SafetyOutlined />, label: { zh: '备份与安全', en: 'Backup & security' }, component: SecurityPage },
  { key: 'settings', icon: <SettingOutlined />, label: { zh: '设置', en: 'Settings' }, component: SettingsPage },
];
