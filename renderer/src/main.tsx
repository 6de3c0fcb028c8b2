import '../../resources/fonts/noto-sans-sc/noto-sans-sc.css';
import './theme.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { DeskLayout } from './desk/DeskLayout.js';
import { host } from './host/index.js';
import { initI18n } from './i18n/index.js';
import { useAppStore } from './state/appStore.js';
import { WallLayout } from './wall/WallLayout.js';

async function loadHostState() {
  const store = useAppStore.getState();
  const [info, status] = await Promise.all([host.call('app.info', {}), host.call('sync.status', {})]);
  store.setInfo(info);
  store.setStatus(status);
}

async function start() {
  await initI18n();
  const view = new URLSearchParams(window.location.search).get('view') === 'desk' ? 'desk' : 'wall';
  host.subscribe('sync.status', (status) => useAppStore.getState().setStatus(status));
  // After the host comes back (browser mode), re-read what may have changed meanwhile.
  useAppStore.subscribe((state, previous) => {
    if (state.hostReachable && !previous.hostReachable) void loadHostState().catch(() => {});
  });

  createRoot(document.getElementById('root')!).render(<StrictMode>{view === 'desk' ? <DeskLayout /> : <WallLayout />}</StrictMode>);
  await loadHostState();
  // End-to-end tests wait for this instead of sleeping.
  document.documentElement.dataset.ready = 'true';
}

void start();
