import type { Locator, Page } from '@playwright/test';
import type { DeskServer } from './fixtures';

/** Calls the browser-mode server directly from Node with the session secret (test data set-up). */
export async function deskApi<T>(desk: DeskServer, channel: string, input: unknown): Promise<T> {
  const url = new URL(desk.url);
  const res = await fetch(`${url.origin}/api/${channel}`, {
    method: 'POST', headers: { 'content-type': 'application/json', 'x-desk-token': desk.token }, body: JSON.stringify(input),
  });
  const body = (await res.json()) as { ok: boolean; value: T; error?: { message: string } };
  if (!body.ok) throw new Error(`${channel}: ${body.error?.message}`);
  return body.value;
}

/** Drags on the week grid (08:00–22:00) from one time to another in a day's column; times in minutes of day. */
export async function dragInLane(page: Page, lane: Locator, fromMin: number, toMin: number) {
  const box = (await lane.boundingBox())!;
  const y = (m: number) => box.y + ((m - 8 * 60) / (14 * 60)) * box.height;
  const x = box.x + box.width / 2;
  await page.mouse.move(x, y(fromMin));
  await page.mouse.down();
  await page.mouse.move(x, y(toMin), { steps: 6 });
  await page.mouse.up();
}
