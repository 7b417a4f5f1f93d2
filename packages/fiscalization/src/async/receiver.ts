import { isTillKitError, parseJsonLossless, parseOrThrow, SignCallbackPayload } from '@tillkit/models';
import { CALLBACK_SIGNATURE_HEADER, verifyCallbackSignature } from './callback-signature.ts';

/** Options of {@link createCallbackReceiver}. */
export interface CallbackReceiverOptions {
  /** The `callbackSecret` the FiscalClient signs with. */
  secret: string;
  /** Maximum age (and clock skew) of a callback. @default 300 */
  toleranceSeconds?: number;
  /**
   * Called once per verified, valid callback. Delivery is at least once (a lost 2xx is redelivered),
   * so make it idempotent on `OperationID`. Throwing answers 500 and the sender retries.
   */
  onCallback: (payload: SignCallbackPayload) => void | Promise<void>;
  /** @default Date.now()/1000 */
  nowSeconds?: () => number;
}

/**
 * A framework-agnostic callback endpoint: a Fetch API `(Request) => Response` handler (mount it in
 * Hono, Next, graphql-yoga's server, or Node via a Request adapter). 401 for a bad signature, 400 for
 * an invalid payload, 204 when handled.
 *
 * @example
 * const receive = createCallbackReceiver({ secret, onCallback: async (p) => saveReceipt(p.OperationID, p.StateData) });
 */
export function createCallbackReceiver(
  options: CallbackReceiverOptions,
): (request: Request) => Promise<Response> {
  return async (request) => {
    if (request.method !== 'POST') return problem(405, 'Method Not Allowed');
    const rawBody = await request.text();
    let payload: SignCallbackPayload;
    try {
      verifyCallbackSignature({
        secret: options.secret,
        rawBody,
        header: request.headers.get(CALLBACK_SIGNATURE_HEADER),
        ...(options.toleranceSeconds === undefined ? {} : { toleranceSeconds: options.toleranceSeconds }),
        ...(options.nowSeconds === undefined ? {} : { nowSeconds: options.nowSeconds() }),
      });
    } catch (error) {
      return problem(401, isTillKitError(error) ? error.message : 'Unauthorized');
    }
    try {
      payload = parseOrThrow(SignCallbackPayload, parseJsonLossless(rawBody), 'sign callback');
    } catch (error) {
      return problem(400, isTillKitError(error) ? error.message : 'Invalid JSON');
    }
    try {
      await options.onCallback(payload);
    } catch {
      return problem(500, 'Callback handler failed');
    }
    return new Response(null, { status: 204 });
  };
}

function problem(status: number, detail: string): Response {
  return Response.json(
    { type: 'about:blank', title: status === 401 ? 'Unauthorized' : 'Callback rejected', status, detail },
    {
      status,
      headers: { 'content-type': 'application/problem+json' },
    },
  );
}
