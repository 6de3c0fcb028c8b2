// Render benchmark, app side: the wall's own map (maplibre basemap, MapController, the
// deck.gl overlay and its layers) drawing synthetic national traffic.
import '../../../../resources/fonts/noto-sans-sc/noto-sans-sc.css';
import 'maplibre-gl/dist/maplibre-gl.css';
import { MapController } from '../MapController.js';
import { createMapStore, defaultSettings } from '../mapStore.js';
import { type BenchWindow, frameRecorder } from './frameProbe.js';
import { sizesFromQuery, syntheticSource, syntheticTraffic } from './synthetic.js';

const sizes = sizesFromQuery(window.location.search);
const { overview, movements } = syntheticTraffic(sizes);
const store = createMapStore({
  settings: { ...defaultSettings(window.location.search), maxFlows: sizes.flows, particleCapacity: sizes.particles, particleSpeed: 0.02 },
});
const controller = new MapController({ container: document.getElementById('map')!, store, source: syntheticSource(overview) });
const recorder = frameRecorder();
// Interleaved, deck.gl renders inside maplibre's frame (once per layer group): count map frames.
if (store.getState().settings.interleaved) controller.map.on('render', recorder.onAfterRender);
else controller.overlay.setProps({ onAfterRender: recorder.onAfterRender });

const bench: NonNullable<BenchWindow['portwallBench']> = {
  ready: false,
  measure: (frames, maxSeconds) => recorder.measure(frames, maxSeconds),
  view: () => {
    const center = controller.map.getCenter();
    return { longitude: center.lng, latitude: center.lat, zoom: controller.map.getZoom() };
  },
};
(window as BenchWindow).portwallBench = bench;

const unsubscribe = store.subscribe((state) => {
  if (!state.ready) return;
  unsubscribe();
  // Every particle in flight during the measurement: they start over 5 s and fly for minutes.
  controller.spawn(movements, 5);
  bench.ready = true;
});
