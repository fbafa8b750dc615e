/** Pinned firm positions, kept in the browser (localStorage) so a planner's arrangement survives reloads. */
const KEY = 'anchorage.pins.v1';

export type Pins = Map<string, [number, number]>;

export function loadPins(storage: Pick<Storage, 'getItem'> | undefined = globalThis.localStorage): Pins {
  try {
    const raw = storage?.getItem(KEY);
    if (!raw) return new Map();
    const obj = JSON.parse(raw) as Record<string, unknown>;
    const pins: Pins = new Map();
    for (const [id, v] of Object.entries(obj)) {
      if (Array.isArray(v) && v.length === 2 && v.every((n) => typeof n === 'number' && Number.isFinite(n))) pins.set(id, [v[0], v[1]]);
    }
    return pins;
  } catch {
    return new Map();
  }
}

export function savePins(pins: Pins, storage: Pick<Storage, 'setItem'> | undefined = globalThis.localStorage): void {
  try {
    storage?.setItem(KEY, JSON.stringify(Object.fromEntries([...pins].map(([id, [x, y]]) => [id, [Math.round(x * 10) / 10, Math.round(y * 10) / 10]]))));
  } catch {
    // Storage full or disabled: pins then last for this page only.
  }
}
