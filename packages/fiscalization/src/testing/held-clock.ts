import { vi } from 'vitest';

/**
 * A clock the test moves, for races between the client's timers and the sandbox's processing delay.
 *
 * `setTimeout` is faked, so the sandbox's processing delay and the client's timeout, backoff and 422
 * waits all fire in fake-time order. Fake time moves only while no request is on the wire: a request
 * sent through `fetch` holds the clock until it is answered, and the first one until the sandbox has
 * registered its operation as in flight (then it hangs until the client's own timeout aborts it). So the
 * order of events is the same on a loaded 2-core CI as on an idle laptop; nothing waits on a wall-clock
 * margin.
 */
export function heldClock(options: {
  /** Resolves once the operation of the first request is in flight on the server (real I/O is fine). */
  inFlight: () => Promise<boolean>;
  /** Sees every answered response, e.g. to abort on the first 422. */
  onResponse?: (response: Response) => void;
}) {
  let onWire = 0;
  let attempts = 0;
  const nextTurn = () => new Promise<void>((r) => setImmediate(r));
  const fetchThrough: typeof fetch = async (input, init) => {
    attempts += 1;
    const first = attempts === 1;
    let holding = true;
    onWire += 1;
    const release = () => {
      if (holding) onWire -= 1;
      holding = false;
    };
    try {
      if (first) {
        const signal = input instanceof Request ? input.signal : init?.signal;
        fetch(input, init).catch(() => {}); // aborted with the client's signal; its answer is never read
        while (!(await options.inFlight())) await nextTurn();
        return await new Promise<Response>((_, reject) => {
          signal?.addEventListener('abort', () => reject(signal.reason), { once: true });
          release(); // parked: the clock may move now, so the client's own timeout can fire
        });
      }
      const res = await fetch(input, init);
      // Read with the clock held, so no body-read timer can fire while bytes are still arriving.
      const copy = new Response(await res.text(), { status: res.status, headers: res.headers });
      options.onResponse?.(copy);
      return copy;
    } finally {
      release();
    }
  };
  return {
    fetch: fetchThrough,
    install: () => vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] }),
    uninstall: () => vi.useRealTimers(),
    /** Runs `work` to its end, moving fake time in 5 ms steps whenever nothing is on the wire. */
    async run<T>(work: Promise<T>): Promise<T> {
      let settled = false;
      const done = work.finally(() => {
        settled = true;
      });
      done.catch(() => {});
      while (!settled) {
        if (onWire === 0) await vi.advanceTimersByTimeAsync(5);
        else await nextTurn();
      }
      return done;
    },
    /** Moves fake time with nothing on the wire, e.g. past the sandbox's processing delay. */
    advance: (ms: number) => vi.advanceTimersByTimeAsync(ms),
  };
}
