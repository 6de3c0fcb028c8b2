// What the e2e tests read of the page's map handle (renderer/src/map/PortMap.tsx sets
// window.portwallMap). The e2e project cannot import renderer or shared types, so the
// few fields used are restated here.
export interface MapPort {
  code: string;
  nameZh: string;
  lat: number | null;
  lon: number | null;
  declarations: number;
}
export interface PortDetail {
  port: { declarations: number };
  pipeline: Record<'screening' | 'inspection' | 'held' | 'released', number>;
}
interface MapHandle {
  store: {
    getState(): {
      level: 'national' | 'district' | 'port';
      unit: string | null;
      port: string | null;
      windowMinutes: number;
      indicator: string;
      overview: { ports: MapPort[]; flows: unknown[] } | null;
    };
  };
  controller: { map: { getZoom(): number; getContainer(): HTMLElement; project(point: [number, number]): { x: number; y: number } } };
  call(method: 'map.port', input: { port: string; windowMinutes: number }): Promise<PortDetail>;
}
declare global {
  interface Window {
    portwallMap?: MapHandle;
  }
}
