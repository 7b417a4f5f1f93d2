import { z } from 'zod';
import { compileRoutePattern, type RoutePattern } from './route-pattern.ts';

/**
 * What a fault does to a matching request:
 * - `latency`: wait `latencyMs`, then answer normally;
 * - `error`: answer `status` (default 503) without running the handler;
 * - `rate-limit`: answer 429 with `Retry-After: retryAfterSeconds` (default 1) without running the handler;
 * - `reset`: destroy the connection before answering (the handler does not run);
 * - `drop-after-commit`: run the handler (state changes) and destroy the connection instead of answering.
 */
export const FaultKind = ['latency', 'error', 'rate-limit', 'reset', 'drop-after-commit'] as const;
export type FaultKind = (typeof FaultKind)[number];

/** A fault rule, as given to `control.faults.add`, `POST /_sandbox/faults` or `startSandbox({ faults })`. */
export const FaultSpec = z.object({
  /** `METHOD /path` with `*` for one segment and `**` for any rest, e.g. `PUT /rest/v1/transaction/*\/confirm`. */
  route: z.string().min(2),
  kind: z.enum(FaultKind),
  /** Added before any other effect (and alone for `latency`). */
  latencyMs: z.number().int().min(0).max(120_000).optional(),
  status: z.number().int().min(400).max(599).optional(),
  retryAfterSeconds: z.number().int().min(0).optional(),
  /** Fire this many times, then clear. Unlimited when absent. */
  times: z.number().int().positive().optional(),
});
export type FaultSpec = z.infer<typeof FaultSpec>;

/** An active fault: its spec, an id to remove it by, and how many firings remain. */
export interface Fault extends FaultSpec {
  id: number;
  /** Firings left (`null` when unlimited). */
  remaining: number | null;
  fired: number;
}

interface ActiveFault {
  fault: Fault;
  pattern: RoutePattern;
}

/** The fault table the core consults per request. Empty by default, so the hot path is one length check. */
export class FaultTable {
  private faults: ActiveFault[] = [];
  private nextId = 1;

  add(spec: FaultSpec): Fault {
    const pattern = compileRoutePattern(spec.route);
    const fault: Fault = {
      ...spec,
      route: pattern.source,
      id: this.nextId++,
      remaining: spec.times ?? null,
      fired: 0,
    };
    this.faults.push({ fault, pattern });
    return { ...fault };
  }

  remove(id: number): boolean {
    const before = this.faults.length;
    this.faults = this.faults.filter((f) => f.fault.id !== id);
    return this.faults.length !== before;
  }

  clear(): void {
    this.faults = [];
  }

  list(): Fault[] {
    return this.faults.map((f) => ({ ...f.fault }));
  }

  /** Takes the first fault matching the request, counting one firing (and clearing it when used up). */
  take(method: string, path: string): Fault | undefined {
    if (this.faults.length === 0) return undefined;
    const active = this.faults.find((f) => f.pattern.matches(method, path));
    if (active === undefined) return undefined;
    const fault = active.fault;
    fault.fired++;
    if (fault.remaining !== null) {
      fault.remaining--;
      if (fault.remaining <= 0) this.remove(fault.id);
    }
    return { ...fault };
  }
}
