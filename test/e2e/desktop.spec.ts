import { test, expect } from './fixtures';

/** What the page itself can read (runs in the browser; typed here without the DOM library). */
type PageGlobals = { location: { href: string }; document: { cookie: string } };

test('browser mode: the launch code leaves the address, the session is an HttpOnly cookie, and the code is spent', async ({ page, desk, openDesk, browser }) => {
  const launch = new URL(desk.url);
  const code = launch.searchParams.get('code')!;
  await openDesk(page);
  const address = new URL(page.url());
  expect(address.origin + address.pathname + address.search).toBe(`${launch.origin}/`);
  expect(page.url()).not.toContain(code);
  expect(await page.evaluate(() => (globalThis as unknown as PageGlobals).location.href)).not.toContain(code);
  expect(await page.evaluate(() => (globalThis as unknown as PageGlobals).document.cookie)).toBe(''); // HttpOnly: the page cannot read it
  const cookies = await page.context().cookies();
  const session = cookies.find((c) => c.name === 'desk_session');
  expect(session).toMatchObject({ httpOnly: true, sameSite: 'Strict' });
  expect(session!.value).not.toContain(code);
  // A reload keeps working on the cookie.
  await page.reload();
  await expect(page.getByRole('menu')).toBeVisible();

  // Someone replaying the launch address from a history file gets no session.
  const other = await browser.newContext();
  const stranger = await other.newPage();
  await stranger.goto(desk.url);
  expect(new URL(stranger.url()).pathname).toBe('/');
  expect(new URL(stranger.url()).search).toBe('');
  expect((await other.cookies()).find((c) => c.name === 'desk_session')).toBeUndefined();
  const refused = await stranger.evaluate(async () => (await fetch('/api/labs%3Alist', { method: 'POST', headers: { 'content-type': 'application/json', 'x-desk-call': '1' }, body: '{}' })).status);
  expect(refused).toBe(401);
  await other.close();
});
