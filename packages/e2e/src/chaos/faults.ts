import type { FaultSpec, Sandbox } from '@tillkit/sandbox';

// Random faults on the three side effects that must happen once: creating a transaction, confirming it,
// signing its receipt. Each fault fires once or twice and clears itself, so the run keeps moving.

export const faultRoutes = [
  'POST /rest/v1/transaction',
  'PUT /rest/v1/transaction/*/confirm',
  'POST /v2/sign',
] as const;

export interface FaultInjector {
  /** Adds one random fault unless `maxActive` are still waiting to fire. */
  inject(): void;
  /** Firings so far: requests the sandbox answered with a fault. */
  fired(): number;
  /** Removes every fault still armed. */
  clear(): void;
}

/** `timeoutMs` is the clients' HTTP timeout: latency faults exceed it, so the client gives up mid-request. */
export function createFaultInjector(
  sandbox: Sandbox,
  random: () => number,
  timeoutMs: number,
  maxActive = 4,
): FaultInjector {
  const armed = new Map<number, number>(); // fault id → times
  let spent = 0;
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)] as T;
  const kinds: Array<() => Omit<FaultSpec, 'route' | 'times'>> = [
    () => ({ kind: 'error', status: pick([500, 502, 503]) }),
    () => ({ kind: 'rate-limit', retryAfterSeconds: 1 }),
    () => ({ kind: 'latency', latencyMs: timeoutMs + 500 }),
    () => ({ kind: 'reset' }),
    () => ({ kind: 'drop-after-commit' }),
  ];
  // Faults that cleared themselves fired `times` times; the ones still armed fired `times - remaining`.
  const settle = () => {
    const live = new Map(sandbox.control.faults.list().map((f) => [f.id, f.remaining ?? 0]));
    for (const [id, times] of armed)
      if (!live.has(id)) {
        spent += times;
        armed.delete(id);
      }
    return live;
  };
  return {
    inject() {
      if (settle().size >= maxActive) return;
      const times = 1 + Math.floor(random() * 2);
      const fault = sandbox.control.faults.add({ route: pick(faultRoutes), times, ...pick(kinds)() });
      armed.set(fault.id, times);
    },
    fired() {
      const live = settle();
      let inFlight = 0;
      for (const [id, times] of armed) inFlight += times - (live.get(id) ?? times);
      return spent + inFlight;
    },
    clear() {
      const live = settle();
      for (const [id, times] of armed) spent += times - (live.get(id) ?? times);
      armed.clear();
      sandbox.control.faults.clear();
    },
  };
}
