import { compileRoutePattern } from './route-pattern.ts';

/** Requests seen by the sandbox: a total and a count per `METHOD /path`. */
export interface SandboxStats {
  total: number;
  routes: Record<string, number>;
}

/** Counts requests per `METHOD /path` (control and simulator requests are not counted). */
export class RequestCounter {
  private counts = new Map<string, number>();
  private total = 0;

  record(method: string, path: string): void {
    const key = `${method} ${path}`;
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
    this.total++;
  }

  snapshot(): SandboxStats {
    return { total: this.total, routes: Object.fromEntries(this.counts) };
  }

  /** Requests whose `METHOD /path` matches a route pattern such as `GET /rest/v1/spots` or `* /v2/**`. */
  count(route: string): number {
    const pattern = compileRoutePattern(route);
    let n = 0;
    for (const [key, value] of this.counts) {
      const space = key.indexOf(' ');
      if (pattern.matches(key.slice(0, space), key.slice(space + 1))) n += value;
    }
    return n;
  }

  reset(): void {
    this.counts = new Map();
    this.total = 0;
  }
}
