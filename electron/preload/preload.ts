// Electron preload (sandboxed, bundled to CommonJS): exposes window.portwall and nothing else.
import { contextBridge, ipcRenderer } from 'electron';
import { exposeBridge } from './bridge.js';

exposeBridge(contextBridge, ipcRenderer);
