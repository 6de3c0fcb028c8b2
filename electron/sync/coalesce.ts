// Rate limits for what the worker pushes to the host: the latest status at most every
// `ms`, and data-changed kinds merged over the same interval.
export function throttleLatest<T>(ms: number, send: (value: T) => void): { push(value: T): void; flush(): void } {
  let pending: { value: T } | null = null;
  let timer: NodeJS.Timeout | null = null;
  let last = 0;
  const fire = () => {
    timer = null;
    if (!pending) return;
    last = Date.now();
    const { value } = pending;
    pending = null;
    send(value);
  };
  return {
    push(value) {
      pending = { value };
      if (timer) return;
      const wait = Math.max(0, last + ms - Date.now());
      timer = setTimeout(fire, wait);
    },
    flush() {
      if (timer) clearTimeout(timer);
      fire();
    },
  };
}

export function coalesceSets<T>(ms: number, send: (values: T[]) => void): { add(values: Iterable<T>): void; flush(): void } {
  const set = new Set<T>();
  const throttled = throttleLatest<null>(ms, () => {
    if (set.size === 0) return;
    const values = [...set];
    set.clear();
    send(values);
  });
  return {
    add(values) {
      for (const v of values) set.add(v);
      throttled.push(null);
    },
    flush: () => throttled.flush(),
  };
}
