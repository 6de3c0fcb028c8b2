// The host: everything behind window.portwall, shared by Electron's main process and the
// browser-mode server. It owns the demo central (when used), the sync engine, the topic
// hub and the validating dispatcher; transports only move messages.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { TokenRole } from '../../shared/central/wire.js';
import { type Dispatch, createDispatch } from '../../shared/host/dispatch.js';
import type { AppInfo } from '../../shared/host/methods/app.js';
import type { HostConfig } from './config.js';
import { createHostHandlers } from './createHost.js';
import { loadMapReference } from './handlers/map.js';
import { type DemoCentral, startDemoCentral } from './demoCentral.js';
import type { Logger } from './log.js';
import { CustomsRegistry } from './registry.js';
import { resolveScene } from './scene.js';
import { readSecretFile } from './secrets.js';
import { createStoreReader } from './storeReader.js';
import { type SyncPort, noSync } from './syncPort.js';
import { TopicHub } from './topics.js';

export interface SyncStarter {
  (options: { dbPath: string; centralUrl: string; token: string; scope: string; log: Logger }): SyncPort;
}

export interface HostRuntimeOptions {
  mode: AppInfo['mode'];
  version: string;
  config: HostConfig;
  /** The folder holding registry/, fonts/, map/ (resources/ in the repo). */
  resourcesDir: string;
  /** The bundled demo central CLI; absent before central is built. */
  demoCentralEntry: string;
  log: Logger;
  /** The token for a configured central (keychain, file or environment); null if none. */
  token: string | null;
  startSync: SyncStarter | null;
}

export interface HostRuntime {
  dispatch: Dispatch;
  topics: TopicHub;
  info(): AppInfo;
  close(): Promise<void>;
}

export async function startHostRuntime(options: HostRuntimeOptions): Promise<HostRuntime> {
  const { config, log } = options;
  const registry = CustomsRegistry.load(join(options.resourcesDir, 'registry', 'customs-registry.json'));
  const scene = resolveScene(config.scene, config.scope, registry);
  const topics = new TopicHub();
  const useDemo = config.centralUrl === null && config.demo;

  let sync: SyncPort = noSync();
  let demo: DemoCentral | null = null;
  let centralUrl = config.centralUrl;
  let role: TokenRole | null = null;
  let closed = false;
  const unsubscribers: Array<() => void> = [];

  const info = (): AppInfo => ({
    mode: options.mode,
    version: options.version,
    demo: useDemo,
    centralUrl,
    scope: registry.scopeName(config.scope),
    role,
    scene,
  });

  function attachSync(port: SyncPort) {
    sync = port;
    unsubscribers.push(
      port.onStatus((status) => topics.publish('sync.status', status)),
      port.onDataChanged((kinds) => topics.publish('data.changed', { kinds })),
    );
    topics.publish('sync.status', port.status());
  }

  function beginSync(url: string, token: string) {
    if (!options.startSync) {
      log.warn('this build has no sync engine; the wall shows no data');
      return;
    }
    try {
      attachSync(options.startSync({ dbPath: join(config.dataDir, 'portwall.sqlite'), centralUrl: url, token, scope: config.scope, log }));
    } catch (error) {
      log.error('the sync engine could not start', error);
    }
  }

  topics.publish('sync.status', sync.status());

  if (config.centralUrl) {
    const token = options.token ?? (config.tokenFile ? readSecretFile(config.tokenFile) : null);
    if (!token) log.warn('a central URL is configured but no token: set PORTWALL_TOKEN_FILE or store a token in the app');
    else beginSync(config.centralUrl, token);
  } else if (useDemo) {
    if (!existsSync(options.demoCentralEntry)) {
      log.warn(`the demo central is not built (${options.demoCentralEntry} missing); the wall shows no central configured`);
    } else {
      // The demo central can take a while to generate its history; the wall is up meanwhile.
      startDemoCentral({ entry: options.demoCentralEntry, dataDir: config.dataDir, scope: config.scope, log, extraArgs: config.demoCentralArgs })
        .then((started) => {
          if (closed) return started.stop();
          demo = started;
          centralUrl = started.url;
          role = 'officer';
          beginSync(started.url, started.token);
        })
        .catch((error: unknown) => log.error('the demo central failed to start', error));
    }
  }

  const store = createStoreReader(join(config.dataDir, 'portwall.sqlite'));
  const mapReference = loadMapReference(options.resourcesDir);
  const dispatch = createDispatch(createHostHandlers({ info, sync: () => sync, readStore: store.get, mapReference }), log);

  return {
    dispatch,
    topics,
    info,
    async close() {
      closed = true;
      for (const unsubscribe of unsubscribers) unsubscribe();
      await sync.stop();
      await demo?.stop();
      store.close();
    },
  };
}
