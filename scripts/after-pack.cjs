// electron-builder afterPack hook: flips the Electron fuses of the packed binary before it is
// signed and wrapped in an installer (NSIS, dmg, AppImage, deb).
const fs = require('node:fs');
const path = require('node:path');
const { flipFuses, FuseVersion, FuseV1Options } = require('@electron/fuses');

/** The fuses every packaged desk ships with. */
const FUSES = {
  version: FuseVersion.V1,
  // No `ELECTRON_RUN_AS_NODE=1 desk.exe evil.js`: the binary is only ever the desk.
  [FuseV1Options.RunAsNode]: false,
  // Chromium's cookie store encrypted with the OS keystore.
  [FuseV1Options.EnableCookieEncryption]: true,
  // NODE_OPTIONS, --inspect and friends ignored: no code injected at start-up.
  [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
  [FuseV1Options.EnableNodeCliInspectArguments]: false,
  // app.asar checked against the hash embedded at build time (macOS, Windows), and the only app loaded.
  [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
  [FuseV1Options.OnlyLoadAppFromAsar]: true,
  // The renderer is served on app://; file:// gets no extra privileges.
  [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
};

/** The packed Electron binary inside appOutDir for the target platform. */
function packedBinary(context) {
  const name = context.packager.appInfo.productFilename;
  switch (context.electronPlatformName) {
    case 'darwin':
    case 'mas':
      return path.join(context.appOutDir, `${name}.app`);
    case 'win32':
      return path.join(context.appOutDir, `${name}.exe`);
    default:
      return path.join(context.appOutDir, context.packager.executableName);
  }
}

/** The platform a native module was compiled for, from its first bytes. */
function nativePlatform(bytes) {
  if (bytes.length >= 4 && bytes[0] === 0x7f && bytes[1] === 0x45 && bytes[2] === 0x4c && bytes[3] === 0x46) return 'linux'; // ELF
  if (bytes.length >= 2 && bytes[0] === 0x4d && bytes[1] === 0x5a) return 'win32'; // MZ (PE)
  const magic = bytes.length >= 4 ? bytes.readUInt32BE(0) : 0;
  if ([0xfeedface, 0xfeedfacf, 0xcefaedfe, 0xcffaedfe, 0xcafebabe].includes(magic)) return 'darwin'; // Mach-O
  return 'unknown';
}

function* nodeFiles(dir) {
  if (!fs.existsSync(dir)) return;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* nodeFiles(full);
    else if (entry.name.endsWith('.node')) yield full;
  }
}

/**
 * Refuses a package whose native modules were built for another platform (an installer built on
 * Linux for Windows would otherwise ship the Linux driver and fail on the user's computer).
 */
function checkNativeModules(resourcesDir, platform) {
  const want = platform === 'mas' ? 'darwin' : platform;
  const found = [];
  for (const file of nodeFiles(path.join(resourcesDir, 'app.asar.unpacked'))) {
    const head = Buffer.alloc(4);
    const fd = fs.openSync(file, 'r');
    fs.readSync(fd, head, 0, 4, 0);
    fs.closeSync(fd);
    const got = nativePlatform(head);
    if (got !== want) throw new Error(`native module ${path.relative(resourcesDir, file)} is built for ${got}, the package is for ${want}: build this target on its own platform`);
    found.push(file);
  }
  if (found.length === 0) throw new Error('no native module found in app.asar.unpacked: the SQLite driver would not load');
  return found;
}

function resourcesDir(context) {
  return context.electronPlatformName === 'darwin' || context.electronPlatformName === 'mas'
    ? path.join(packedBinary(context), 'Contents', 'Resources')
    : path.join(context.appOutDir, 'resources');
}

async function afterPack(context) {
  checkNativeModules(resourcesDir(context), context.electronPlatformName);
  const binary = packedBinary(context);
  // arm64 macOS needs its ad-hoc signature redone after the binary changed (real signing follows).
  const resetAdHocDarwinSignature = context.electronPlatformName === 'darwin' && context.arch === 3; // Arch.arm64
  await flipFuses(binary, { ...FUSES, resetAdHocDarwinSignature });
}

module.exports = afterPack;
module.exports.default = afterPack;
module.exports.FUSES = FUSES;
module.exports.packedBinary = packedBinary;
module.exports.checkNativeModules = checkNativeModules;
module.exports.nativePlatform = nativePlatform;
