// The map's data from the host API (the local store), re-read when the host says
// declarations, alerts or ports changed.
import { host } from '../../host/index.js';
import type { MapDataSource } from './source.js';

export const hostMapSource: MapDataSource = {
  overview: (input) => host.call('map.overview', input),
  movements: (input) => host.call('map.movements', input),
  onChange: (listener) => host.subscribe('data.changed', ({ kinds }) => listener(kinds)),
};
