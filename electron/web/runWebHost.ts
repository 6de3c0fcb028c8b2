// `npm run web`: the host in a plain Node process, serving the renderer to a browser.
import { join } from 'node:path';
import { type HostConfig, loadHostConfig } from '../host/config.js';
import { startHostRuntime } from '../host/hostRuntime.js';
import { createLogger } from '../host/log.js';
import { appPaths, packageVersion } from '../host/paths.js';
import { readSecretFile } from '../host/secrets.js';
import { startSupervisedSync } from '../host/syncStarter.js';
import { startWebServer } from './webServer.js';

export async function runWebHost(root: string, argv: string[]): Promise<void> {
  const config: HostConfig = loadHostConfig(argv);
  const paths = appPaths(root);
  const log = createLogger({ file: join(config.dataDir, 'logs', 'portwall-web.log') });
  const runtime = await startHostRuntime({
    mode: 'web',
    version: packageVersion(root),
    config,
    resourcesDir: paths.resourcesDir,
    demoCentralEntry: paths.demoCentralEntry,
    log,
    token: process.env.PORTWALL_TOKEN ?? null,
    startSync: startSupervisedSync,
  });
  const accessToken = config.web.accessToken ? readSecretFile(config.web.accessToken) : null;
  const server = await startWebServer({
    runtime,
    rendererDir: paths.rendererDir,
    resourcesDir: paths.resourcesDir,
    host: config.web.host,
    port: config.web.port,
    accessToken,
    log,
  });
  // The one line a person (or a test) looks for: where to point the browser.
  console.log(`Portwall is serving the wall at ${server.url} (desk: ${server.url}?view=desk)${accessToken ? ' — append &token=<access token>' : ''}`);

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await server.close();
    await runtime.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
