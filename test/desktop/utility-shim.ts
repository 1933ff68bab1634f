// Plays Electron's utility process for electron/core-host/utility.ts in plain Node (relay.test.ts):
// the parentPort first, then the utility process's entry as Electron would start it.
import './utility-port';
import '../../electron/core-host/utility';
