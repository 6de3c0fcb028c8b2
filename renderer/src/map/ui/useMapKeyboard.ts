// Keyboard control for walls driven by a remote or a keyboard: arrows step through the
// ports, Enter opens the busiest, Escape/Backspace goes up a level, W and I cycle the
// window and the district indicator, +/- zoom.
import { useEffect } from 'react';
import type { MapController } from '../MapController.js';
import { districtIndicators, parentLevel, windowChoices, type MapStore } from '../mapStore.js';

function cycle<T>(values: readonly T[], current: T): T {
  return values[(values.indexOf(current) + 1) % values.length]!;
}

export function useMapKeyboard(store: MapStore, controller: () => MapController | null): void {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const target = event.target as HTMLElement | null;
      if (target && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName))) return;
      const state = store.getState();
      const map = controller();
      switch (event.key) {
        case 'ArrowRight':
        case 'ArrowDown':
          map?.stepPort(1);
          break;
        case 'ArrowLeft':
        case 'ArrowUp':
          map?.stepPort(-1);
          break;
        case 'Enter':
          if (state.port === null) map?.stepPort(1);
          break;
        case 'Escape':
        case 'Backspace':
          if (state.level === 'national') return;
          store.setState(parentLevel(state));
          break;
        case 'w':
        case 'W':
          store.setState({ windowMinutes: cycle(windowChoices, state.windowMinutes as (typeof windowChoices)[number]) });
          break;
        case 'i':
        case 'I':
          store.setState({ indicator: cycle(districtIndicators, state.indicator) });
          break;
        case '+':
        case '=':
          map?.zoomBy(0.5);
          break;
        case '-':
          map?.zoomBy(-0.5);
          break;
        default:
          return;
      }
      event.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [store, controller]);
}
