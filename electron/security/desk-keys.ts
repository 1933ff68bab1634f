// The open keys of one data folder: loaded from keyring.json when the database opens (unwrapped with
// the passphrase, the OS keystore or the key file), forgotten on lock. A desk from before the keyring
// hands its legacy settings-row key over here: it is written into the keyring (as the retiring key,
// durably) before the row is deleted, so a crash in between loses nothing.
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
  /** Moves a legacy settings-row key (older desks; migration 0007) into the keyring as retiring, then deletes the row. */
  adoptLegacyKey(db: Db, encrypted: boolean, passphrase: string | undefined): void;
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
    adoptLegacyKey(db, encrypted, passphrase) {
      const hex = db.prepare('SELECT value FROM settings WHERE key = ?').pluck().get(LEGACY_SETTING) as string | undefined;
      if (hex === undefined) return;
      if (/^[0-9a-f]{64}$/.test(hex) && !readKeyring(dataDir)) {
        const keys: OpenKeys = {
          current: newDataKey(),
          retiring: { id: newDataKey().id, key: Buffer.from(hex, 'hex') },
          job: { reason: 'migrate', done: 0, total: 0 },
        };
        writeKeyring(dataDir, buildKeyring(encrypted, source(passphrase), keys));
      }
      // secure_delete is on for every connection: the value is overwritten in the file, not just unlinked.
      db.prepare('DELETE FROM settings WHERE key = ?').run(LEGACY_SETTING);
    },
  };
}
