// Electron main process: a thin shell around the host runtime (electron/host). It
// registers the app protocol, opens wall/desk windows and relays the host API over IPC.
import { BrowserWindow, app, ipcMain, powerSaveBlocker, protocol, safeStorage } from 'electron';
import { join, resolve } from 'node:path';
import { loadHostConfig } from '../host/config.js';
import { type HostRuntime, startHostRuntime } from '../host/hostRuntime.js';
import { createLogger } from '../host/log.js';
import { appPaths, packageVersion } from '../host/paths.js';
import { readSecretFile } from '../host/secrets.js';
import { startSupervisedSync } from '../host/syncStarter.js';
import { callChannel, eventChannel } from '../preload/bridge.js';
import { isAppUrl } from '../security/windowHardening.js';
import { createAppProtocolHandler } from './appProtocol.js';
import { TokenStore } from './tokenStore.js';
import { type WindowView, openWindow } from './windows.js';

const root = resolve(__dirname, '..', '..');
const paths = app.isPackaged ? appPaths(app.getAppPath(), process.resourcesPath) : appPaths(root);

protocol.registerSchemesAsPrivileged([{ scheme: 'portwall', privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
app.enableSandbox();

const args = process.argv.slice(app.isPackaged ? 1 : 2);
const views: WindowView[] = args.includes('--desk') ? ['desk'] : args.includes('--wall-and-desk') ? ['wall', 'desk'] : ['wall'];
const hostArgs = args.filter((arg) => !['--desk', '--wall-and-desk'].includes(arg));

if (!app.requestSingleInstanceLock()) app.quit();

let runtime: HostRuntime | null = null;

async function start() {
  await app.whenReady();
  const config = loadHostConfig(hostArgs, process.env, app.getPath('userData'));
  const log = createLogger({ file: join(config.dataDir, 'logs', 'portwall.log') });
  const tokens = new TokenStore(safeStorage, config.dataDir);
  if (config.tokenFile) tokens.write(readSecretFile(config.tokenFile));

  protocol.handle('portwall', createAppProtocolHandler(paths.rendererDir, paths.resourcesDir));
  runtime = await startHostRuntime({
    mode: 'electron',
    version: packageVersion(app.isPackaged ? app.getAppPath() : root),
    config: { ...config, tokenFile: null },
    resourcesDir: paths.resourcesDir,
    demoCentralEntry: paths.demoCentralEntry,
    log,
    token: tokens.read(),
    startSync: startSupervisedSync,
  });
  const host = runtime;

  ipcMain.handle(callChannel, (event, method: unknown, input: unknown) => {
    // Only our own pages may call the host.
    if (!event.senderFrame || !isAppUrl(event.senderFrame.url)) return { ok: false, error: { code: 'forbidden', message: 'not an app page' } };
    return host.dispatch(method, input);
  });
  host.topics.listen((topic, payload) => {
    for (const window of BrowserWindow.getAllWindows()) window.webContents.send(eventChannel, topic, payload);
  });

  if (views.includes('wall')) powerSaveBlocker.start('prevent-display-sleep');
  for (const view of views) openWindow(view, paths.preload);
}

app.on('window-all-closed', () => app.quit());
app.on('before-quit', () => {
  void runtime?.close();
});

start().catch((error: unknown) => {
  console.error('portwall: could not start:', error);
  app.exit(1);
});
