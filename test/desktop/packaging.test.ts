// Packaging: the afterPack hook flips the fuses of a packed binary and refuses native modules
// built for another platform; only *.node is unpacked from app.asar.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { FuseV1Options, getCurrentFuseWire } from '@electron/fuses';
import { afterEach, describe, expect, it } from 'vitest';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const hook = require('../../scripts/after-pack.cjs') as {
  default: (context: unknown) => Promise<void>;
  checkNativeModules: (resources: string, platform: string) => string[];
};

const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
const dirs: string[] = [];
afterEach(() => { for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true }); });

/** A stand-in for a packed Linux app: a binary holding Electron's fuse wire (all fuses on) and one driver .node. */
function packedLinuxApp(nodeMagic: Buffer): { appOutDir: string; binary: string } {
  const appOutDir = fs.mkdtempSync(path.join(os.tmpdir(), 'desk-pack-'));
  dirs.push(appOutDir);
  const binary = path.join(appOutDir, 'open-instrument-voucher-desk');
  const wire = Buffer.concat([Buffer.from('\x7fELF padding…'), Buffer.from(SENTINEL), Buffer.from([1, 8]), Buffer.alloc(8, 49), Buffer.from('…tail')]);
  fs.writeFileSync(binary, wire);
  const driver = path.join(appOutDir, 'resources', 'app.asar.unpacked', 'node_modules', 'better-sqlite3-multiple-ciphers', 'build', 'Release');
  fs.mkdirSync(driver, { recursive: true });
  fs.writeFileSync(path.join(driver, 'better_sqlite3.node'), Buffer.concat([nodeMagic, Buffer.alloc(64)]));
  return { appOutDir, binary };
}

const context = (appOutDir: string, platform = 'linux') => ({
  appOutDir, electronPlatformName: platform, arch: 1,
  packager: { appInfo: { productFilename: '开放仪器创新券工作台' }, executableName: 'open-instrument-voucher-desk' },
});

describe('afterPack hook', () => {
  it('flips the fuses: RunAsNode, NODE_OPTIONS and --inspect off; cookie encryption, asar integrity, asar-only on', async () => {
    const { appOutDir, binary } = packedLinuxApp(Buffer.from([0x7f, 0x45, 0x4c, 0x46]));
    await hook.default(context(appOutDir));
    const wire = await getCurrentFuseWire(binary);
    const on = (o: FuseV1Options) => wire[o] === 49;
    expect(on(FuseV1Options.RunAsNode)).toBe(false);
    expect(on(FuseV1Options.EnableNodeOptionsEnvironmentVariable)).toBe(false);
    expect(on(FuseV1Options.EnableNodeCliInspectArguments)).toBe(false);
    expect(on(FuseV1Options.GrantFileProtocolExtraPrivileges)).toBe(false);
    expect(on(FuseV1Options.EnableCookieEncryption)).toBe(true);
    expect(on(FuseV1Options.EnableEmbeddedAsarIntegrityValidation)).toBe(true);
    expect(on(FuseV1Options.OnlyLoadAppFromAsar)).toBe(true);
  });

  it('refuses a package carrying a native module built for another platform, before touching the binary', async () => {
    const { appOutDir, binary } = packedLinuxApp(Buffer.from([0x7f, 0x45, 0x4c, 0x46])); // the Linux driver…
    const before = fs.readFileSync(binary);
    // …in a Windows package.
    fs.renameSync(binary, path.join(appOutDir, '开放仪器创新券工作台.exe'));
    await expect(hook.default(context(appOutDir, 'win32'))).rejects.toThrow(/built for linux, the package is for win32/);
    expect(fs.readFileSync(path.join(appOutDir, '开放仪器创新券工作台.exe')).equals(before)).toBe(true);
    expect(() => hook.checkNativeModules(path.join(appOutDir, 'resources'), 'linux')).not.toThrow();
    expect(() => hook.checkNativeModules(path.join(appOutDir, 'nothing-here'), 'linux')).toThrow(/no native module/);
  });

  it('recognises the real driver of this machine', () => {
    const real = path.join(__dirname, '..', '..', 'node_modules', 'better-sqlite3-multiple-ciphers', 'build', 'Release');
    const resources = fs.mkdtempSync(path.join(os.tmpdir(), 'desk-res-'));
    dirs.push(resources);
    const target = path.join(resources, 'app.asar.unpacked', 'x');
    fs.mkdirSync(target, { recursive: true });
    fs.copyFileSync(path.join(real, 'better_sqlite3.node'), path.join(target, 'better_sqlite3.node'));
    expect(hook.checkNativeModules(resources, process.platform)).toHaveLength(1);
  });
});

describe('electron-builder configuration', () => {
  const yml = fs.readFileSync(path.join(__dirname, '..', '..', 'electron-builder.yml'), 'utf8');
  it('unpacks only *.node and runs the fuse hook', () => {
    const unpack = /asarUnpack:\n((?:\s+- .*\n)+)/.exec(yml)![1].trim().split('\n').map((l) => l.replace(/^\s*-\s*/, '').replace(/"/g, ''));
    expect(unpack).toEqual(['**/*.node']);
    expect(yml).toMatch(/^afterPack: scripts\/after-pack\.cjs$/m);
    expect(yml).toMatch(/^npmRebuild: true$/m);
  });
});
