// The open keys of one data folder: loaded from keyring.json when the database opens (unwrapped with
// the passphrase, the OS keystore or the key file), forgotten on lock. A desk from before the keyring
// hands its legacy settings-row key over here, before migration 0027 deletes that row.
import type { Db } from '../db/connection';
import {
  buildKeyring, keyFileDir, newDataKey, openKeyring, readKeyring, writeKeyring,
  type OpenKeys, type PlainKeyStore, type WrapSource,
} from './keyring';

const LEGACY_SETTING = 'attachments.dataKey';

export interface DeskKeys {
  /** The keys while the database is open, null while locked. */
  get(): OpenKeys | null;
  /** Loads (or, for a new desk, makes) the keyring; `passphrase` is the key of an encrypted desk. */
  load(encrypted: boolean, passphrase: string | undefined): void;
  forget(): void;
  /** Sets the open keys after a key change or a finished job (the keyring file is written by the caller). */
  replace(keys: OpenKeys): void;
  /** Hook for openDatabase: moves the legacy key into the keyring (as retiring) before the migration drops it. */
  beforeMigrate(encrypted: boolean, passphrase: string | undefined): (db: Db) => void;
  source(passphrase: string | undefined): WrapSource;
}

export function deskKeys(dataDir: string, opts: { store?: PlainKeyStore; keyDir?: string }): DeskKeys {
  let open: OpenKeys | null = null;
  const source = (passphrase: string | undefined): WrapSource => ({ passphrase, store: opts.store, keyDir: opts.keyDir ?? keyFileDir() });

  return {
    get: () => open,
    source,
    load(encrypted, passphrase) {
      const file = readKeyring(dataDir);
      if (file) {
        open = openKeyring(file, source(passphrase));
        return;
      }
      const fresh: OpenKeys = { current: newDataKey(), retiring: null, job: null };
      writeKeyring(dataDir, buildKeyring(encrypted, source(passphrase), fresh));
      open = fresh;
    },
    forget() {
      open = null;
    },
    replace(keys) {
      open = keys;
    },
    beforeMigrate(encrypted, passphrase) {
      return (db) => {
        const hasSettings = db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'settings'`).get() !== undefined;
        if (!hasSettings) return;
        const hex = db.prepare('SELECT value FROM settings WHERE key = ?').pluck().get(LEGACY_SETTING) as string | undefined;
        if (!hex || !/^[0-9a-f]{64}$/.test(hex) || readKeyring(dataDir)) return;
        // Durable before the migration commits: a crash in between still finds the old key here.
        const keys: OpenKeys = {
          current: newDataKey(),
          retiring: { id: newDataKey().id, key: Buffer.from(hex, 'hex') },
          job: { reason: 'migrate', done: 0, total: 0 },
        };
        writeKeyring(dataDir, buildKeyring(encrypted, source(passphrase), keys));
      };
    },
  };
}
