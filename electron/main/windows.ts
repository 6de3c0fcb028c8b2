// Wall and desk windows. A wall is one frameless window spanning the chosen displays, so
// the renderer lays out one canvas across monitors at their native pixel ratio.
import { BrowserWindow, type Display, screen } from 'electron';
import { appOrigin, hardenWebContents, secureWebPreferences } from '../security/windowHardening.js';

export type WindowView = 'wall' | 'desk';

/** The rectangle covering the displays a wall spans (all of them by default). */
export function wallBounds(displays: Pick<Display, 'bounds'>[]): { x: number; y: number; width: number; height: number } {
  const left = Math.min(...displays.map((d) => d.bounds.x));
  const top = Math.min(...displays.map((d) => d.bounds.y));
  const right = Math.max(...displays.map((d) => d.bounds.x + d.bounds.width));
  const bottom = Math.max(...displays.map((d) => d.bounds.y + d.bounds.height));
  return { x: left, y: top, width: right - left, height: bottom - top };
}

export function openWindow(view: WindowView, preload: string): BrowserWindow {
  const wall = view === 'wall';
  const window = new BrowserWindow({
    ...(wall ? { ...wallBounds(screen.getAllDisplays()), frame: false } : { width: 1440, height: 900 }),
    backgroundColor: '#0b1320',
    show: false,
    autoHideMenuBar: true,
    webPreferences: secureWebPreferences(preload),
  });
  hardenWebContents(window.webContents);
  window.once('ready-to-show', () => window.show());
  // A wall recovers by itself: a crashed renderer is reloaded.
  window.webContents.on('render-process-gone', () => setTimeout(() => !window.isDestroyed() && window.reload(), 2000));
  void window.loadURL(`${appOrigin}/index.html?view=${view}`);
  return window;
}
