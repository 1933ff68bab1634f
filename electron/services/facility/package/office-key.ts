// On a lab desk: the facility office it reports to, registered from the office's signed reference
// package (first import: the user compares the fingerprint by phone; later imports must match).
import type { ServiceContext } from '../../context';

const KEY = 'facility.office';

export interface RegisteredOffice {
  deskId: string;
  unitName: string;
  creditCode: string;
  signPublic: string;
  boxPublic: string;
  fingerprint: string;
  registeredAt: string;
}

export function getRegisteredOffice(ctx: ServiceContext): RegisteredOffice | null {
  const raw = ctx.db.prepare('SELECT value FROM settings WHERE key = ?').pluck().get(KEY) as string | undefined;
  return raw ? (JSON.parse(raw) as RegisteredOffice) : null;
}

export function setRegisteredOffice(ctx: ServiceContext, office: RegisteredOffice): void {
  ctx.db.prepare('INSERT INTO settings(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(KEY, JSON.stringify(office));
}
