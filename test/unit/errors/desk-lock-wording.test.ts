// A data folder held by another desk is told in one language: the holder's shell by its name (not
// `browser` / `electron`) and the time it started in Beijing time, whatever the computer's zone.
import { describe, expect, it } from 'vitest';
import { describeError } from '../../../renderer/src/i18n-errors';
import type { AppError } from '../../../shared/result';

const held = (mode: string): AppError => ({
  code: 'CONFLICT', reason: 'desk.lockedByOther', message: '',
  params: { pid: 4242, mode, startedAt: '2026-03-01T20:05:00.000Z', dataDir: '/data/desk' },
} as AppError);

describe('desk.lockedByOther', () => {
  it('names a browser-mode holder in Chinese and in English, started in Beijing time', () => {
    const zh = describeError(held('browser'), 'zh');
    expect(zh).toContain('浏览器模式服务');
    expect(zh).toContain('2026-03-02 04:05:00');
    expect(zh).not.toMatch(/browser|T20:05|Z\b/);
    const en = describeError(held('browser'), 'en');
    expect(en).toContain('browser-mode server');
    expect(en).toContain('2026-03-02 04:05:00');
    expect(en).not.toMatch(/[\u4e00-\u9fff]/);
  });

  it('names a desktop holder in both languages', () => {
    expect(describeError(held('electron'), 'zh')).toContain('桌面程序');
    expect(describeError(held('electron'), 'zh')).not.toContain('electron');
    expect(describeError(held('electron'), 'en')).toContain('desktop app');
    expect(describeError(held('electron'), 'en')).not.toContain('electron');
  });
});
