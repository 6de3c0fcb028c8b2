import { z } from 'zod';
import { scopeCode } from '../../central/records.js';
import { tokenRole } from '../../central/wire.js';
import { wallScene } from '../../wall/scene.js';
import { defineMethods } from './define.js';

export const appInfo = z.object({
  /** Which transport serves this renderer. Shown in diagnostics only. */
  mode: z.enum(['electron', 'web']),
  version: z.string(),
  /** Running on the embedded demo central: the wall shows DEMO. */
  demo: z.boolean(),
  centralUrl: z.string().nullable(),
  scope: z.object({ code: scopeCode, nameZh: z.string(), nameEn: z.string() }),
  role: tokenRole.nullable(),
  /** Where this wall's map opens and how it aggregates (portwall.json "scene"). */
  scene: wallScene,
});
export type AppInfo = z.infer<typeof appInfo>;

export const appMethods = defineMethods({
  'app.info': { input: z.object({}).strict(), output: appInfo },
});
