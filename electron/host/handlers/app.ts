import type { HostHandlers } from '../../../shared/host/api.js';
import type { AppInfo } from '../../../shared/host/methods/app.js';

export function createAppHandlers(info: () => AppInfo): Pick<HostHandlers, 'app.info'> {
  return { 'app.info': () => info() };
}
