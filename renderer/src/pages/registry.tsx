import { AccountBookOutlined, AlertOutlined, ApartmentOutlined, BankOutlined, BarChartOutlined, CalendarOutlined, DatabaseOutlined, FileDoneOutlined, FileTextOutlined, MoneyCollectOutlined, ProfileOutlined, SafetyOutlined, ShoppingCartOutlined, SettingOutlined, TagsOutlined, TeamOutlined } from '@ant-design/icons';
import { lazy, type ComponentType, type ReactNode } from 'react';
import { CatalogPage } from './catalog/CatalogPage';

export interface PageDef {
  key: string;
  icon: ReactNode;
  label: { zh: string; en: string };
  component: ComponentType;
}

/**
 * One entry per workflow page, in menu order. Keyboard: Alt+1…9 opens the n-th page.
 * The catalog (the first screen) is bundled; the other pages load on first visit, which keeps
 * the start-up script small.
 */
export const PAGES: PageDef[] = [
  { key: 'dashboard', icon: <AlertOutlined />, label: { zh: '到期提醒', en: 'Due soon' }, component: lazy(() => import('./dashboard/DashboardPage').then((m) => ({ default: m.DashboardPage }))) },
  { key: 'catalog', icon: <DatabaseOutlined />, label: { zh: '仪器目录', en: 'Instruments' }, component: CatalogPage },
  { key: 'applicants', icon: <TeamOutlined />, label: { zh: '申领单位', en: 'Applicants' }, component: lazy(() => import('./applicants/ApplicantsPage').then((m) => ({ default: m.ApplicantsPage }))) },
  { key: 'vouchers', icon: <TagsOutlined />, label: { zh: '创新券', en: 'Vouchers' }, component: lazy(() => import('./vouchers/VouchersPage').then((m) => ({ default: m.VouchersPage }))) },
  { key: 'contracts', icon: <FileTextOutlined />, label: { zh: '服务合同', en: 'Contracts' }, component: lazy(() => import('./contracts/ContractsPage').then((m) => ({ default: m.ContractsPage }))) },
  { key: 'orders', icon: <ShoppingCartOutlined />, label: { zh: '上海订单', en: 'Shanghai orders' }, component: lazy(() => import('./orders/OrdersPage').then((m) => ({ default: m.OrdersPage }))) },
  { key: 'calendar', icon: <CalendarOutlined />, label: { zh: '预约日历', en: 'Bookings' }, component: lazy(() => import('./calendar/CalendarPage').then((m) => ({ default: m.CalendarPage }))) },
  { key: 'redemption', icon: <AccountBookOutlined />, label: { zh: '兑现申请', en: 'Redemption' }, component: lazy(() => import('./redemption/RedemptionPage').then((m) => ({ default: m.RedemptionPage }))) },
  { key: 'assessment', icon: <BarChartOutlined />, label: { zh: '年度考核', en: 'Assessment' }, component: lazy(() => import('./assessment/AssessmentPage').then((m) => ({ default: m.AssessmentPage }))) },
  { key: 'facility', icon: <ApartmentOutlined />, label: { zh: '设备处', en: 'Facility office' }, component: lazy(() => import('./facility/FacilityPage').then((m) => ({ default: m.FacilityPage }))) },
  { key: 'security', icon: <SafetyOutlined />, label: { zh: '备份与安全', en: 'Backup & security' }, component: lazy(() => import('./security/SecurityPage').then((m) => ({ default: m.SecurityPage }))) },
  { key: 'rates', icon: <ProfileOutlined />, label: { zh: '收费标准', en: 'Rates' }, component: lazy(() => import('./money/RatesPage').then((m) => ({ default: m.RatesPage }))) },
  { key: 'quotes', icon: <FileDoneOutlined />, label: { zh: '报价单', en: 'Quotes' }, component: lazy(() => import('./money/QuotesPage').then((m) => ({ default: m.QuotesPage }))) },
  { key: 'charges', icon: <MoneyCollectOutlined />, label: { zh: '费用结算', en: 'Charges' }, component: lazy(() => import('./money/ChargesPage').then((m) => ({ default: m.ChargesPage }))) },
  { key: 'unit', icon: <BankOutlined />, label: { zh: '单位与实验室', en: 'Unit & labs' }, component: lazy(() => import('./unit/UnitPage').then((m) => ({ default: m.UnitPage }))) },
  { key: 'settings', icon: <SettingOutlined />, label: { zh: '设置', en: 'Settings' }, component: lazy(() => import('./settings/SettingsPage').then((m) => ({ default: m.SettingsPage }))) },
];
