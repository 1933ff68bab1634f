import { App as AntApp, Button, ConfigProvider, Layout, Menu, Space, Spin, Typography } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import { lazy, Suspense, useEffect, useState } from 'react';
import { useLocale } from './i18n';
import { LockScreen, useLocked } from './LockScreen';
import { PAGES } from './pages/registry';
import { useNav } from './stores/nav';
import { useSecurity } from './stores/security';

// The first-run dialog (its form) loads only on a desk whose first-run choice is still to be made.
const FirstRun = lazy(() => import('./FirstRun').then((m) => ({ default: m.FirstRun })));

const { Sider, Header, Content } = Layout;
const NARROW_PX = 1320;
// One object for the life of the page: a new one on every render makes antd compare and
// re-derive its design tokens each time the page changes.
const THEME = { token: { colorPrimary: '#1f5fa8', borderRadius: 4 } };

export function App() {
  const { locale, setLocale } = useLocale();
  const { page, go: setPage } = useNav();
  const current = PAGES.find((p) => p.key === page) ?? PAGES[0];
  const locked = useLocked();
  const firstRun = useSecurity((s) => Boolean(s.status && !s.status.setupDone && !s.status.locked));
  // On a laptop screen (below 1320 px) the menu folds to icons so a wide list keeps its columns; the
  // user may fold or unfold it any time.
  const [collapsed, setCollapsed] = useState(() => typeof window !== 'undefined' && window.innerWidth < NARROW_PX);
  useEffect(() => {
    let wasNarrow = window.innerWidth < NARROW_PX;
    const onResize = () => {
      const narrow = window.innerWidth < NARROW_PX;
      if (narrow !== wasNarrow) setCollapsed(narrow);
      wasNarrow = narrow;
    };
    window.addEventListener('resize', onResize);
    return () => window.removeEventListener('resize', onResize);
  }, []);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.altKey && /^[1-9]$/.test(e.key)) {
        const target = PAGES[Number(e.key) - 1];
        if (target) { setPage(target.key); e.preventDefault(); }
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [setPage]);

  useEffect(() => {
    history.replaceState(null, '', `#/${current.key}`);
    document.documentElement.lang = locale === 'en' ? 'en' : 'zh-CN';
  }, [current.key, locale]);

  const Page = current.component;
  return (
    <ConfigProvider locale={locale === 'en' ? enUS : zhCN} theme={THEME}>
      <AntApp>
        {firstRun && <Suspense fallback={null}><FirstRun /></Suspense>}
        {locked ? <LockScreen /> : (
        <Layout style={{ height: '100vh' }}>
          <Sider width={200} theme="light" style={{ borderRight: '1px solid #f0f0f0' }} collapsible collapsed={collapsed}
            onCollapse={setCollapsed} collapsedWidth={56} data-testid="sider">
            <div style={{ padding: '16px 16px 8px', fontWeight: 600, fontSize: 15, whiteSpace: 'nowrap', overflow: 'hidden' }}>
              {collapsed ? (locale === 'en' ? 'VD' : '券') : locale === 'en' ? 'Voucher Desk' : '开放仪器创新券工作台'}
            </div>
            <Menu
              mode="inline"
              selectedKeys={[current.key]}
              onClick={(e) => setPage(e.key)}
              items={PAGES.map((p, i) => ({ key: p.key, icon: p.icon, label: p.label[locale], title: `Alt+${i + 1}` }))}
            />
          </Sider>
          <Layout>
            <Header style={{ background: '#fff', padding: '0 20px', display: 'flex', alignItems: 'center', justifyContent: 'space-between', borderBottom: '1px solid #f0f0f0', height: 52 }}>
              <Typography.Title level={4} style={{ margin: 0 }}>{current.label[locale]}</Typography.Title>
              <Space>
                <Button size="small" onClick={() => setLocale(locale === 'en' ? 'zh' : 'en')} aria-label="language">
                  {locale === 'en' ? '中文' : 'English'}
                </Button>
              </Space>
            </Header>
            <Content style={{ padding: 16, overflow: 'auto' }}>
              <Suspense fallback={<Spin style={{ display: 'block', marginTop: 80 }} />}>
                <Page />
              </Suspense>
            </Content>
          </Layout>
        </Layout>
        )}
      </AntApp>
    </ConfigProvider>
  );
}
