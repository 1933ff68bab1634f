// One CSP: the header (browser-mode server, app://) and the built page's meta tag come from one list.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY, META_CONTENT_SECURITY_POLICY } from '../../electron/security/csp';
import { cspMetaTag } from '../../scripts/lib/vite-csp-meta';

const root = path.join(__dirname, '..', '..');

describe('one content security policy', () => {
  it('the meta policy is the header policy without frame-ancestors (which a meta tag cannot carry)', () => {
    const header = CONTENT_SECURITY_POLICY.split('; ');
    expect(header).toContain("frame-ancestors 'none'");
    expect(META_CONTENT_SECURITY_POLICY.split('; ')).toEqual(header.filter((d) => !d.startsWith('frame-ancestors')));
  });

  it('the page source holds no policy of its own; the build injects the shared one before any script', () => {
    const html = fs.readFileSync(path.join(root, 'renderer', 'index.html'), 'utf8');
    expect(html).not.toMatch(/Content-Security-Policy/i);
    const plugin = cspMetaTag();
    expect(plugin.apply).toBe('build');
    const transform = plugin.transformIndexHtml as () => { tag: string; attrs: Record<string, string>; injectTo: string }[];
    expect(transform()).toEqual([{ tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: META_CONTENT_SECURITY_POLICY }, injectTo: 'head-prepend' }]);
  });

  it('Electron serves the renderer on app:// with the header; no onHeadersReceived copy is left', () => {
    const main = fs.readFileSync(path.join(root, 'electron', 'main.ts'), 'utf8');
    expect(main).toMatch(/protocol\.handle\('app'/);
    expect(main).toMatch(/'content-security-policy': CONTENT_SECURITY_POLICY/);
    expect(main).not.toMatch(/onHeadersReceived/);
    expect(main).not.toMatch(/loadFile|file:\/\//);
    // The View menu (Reload, DevTools) only in development builds.
    expect(main).toMatch(/app\.isPackaged \? \[\] : \[\{ role: 'viewMenu'/);
    expect(main).toMatch(/requestSingleInstanceLock\(\)/);
    expect(main).toMatch(/app\.on\('second-instance'/);
  });
});
