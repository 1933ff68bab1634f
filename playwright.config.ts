import { defineConfig } from '@playwright/test';

export default defineConfig({
  testDir: 'test/e2e',
  timeout: 90_000,
  expect: { timeout: 10_000 },
  // One at a time. Every test has its own server, port, data folder, key folder and browser context
  // (test/e2e/fixtures.ts), so two workers are safe, but on the CI machine's 2 cores each test then
  // runs about twice as long and the suite takes as long as with one (7.9 min against 8.3). Beside
  // the unit suite two workers were slower still (`npm test` 708 s against 657 with one, the unit
  // suite 665 s against 464) and two tests ran past their 10 s waits at a load of 10–13.
  workers: 1,
  retries: 0,
  reporter: [['list']],
  use: {
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    viewport: { width: 1400, height: 900 },
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking',
        '--disable-component-update', '--disable-sync', '--no-first-run'],
    },
  },
});
