import { type HttpClient, type HttpLogger, wait } from '@tillkit/http';
import {
  type SignCallbackPayloadInput,
  stringifyJsonLossless,
  TillKitError,
  toTillKitError,
} from '@tillkit/models';
import { receiptResponseOf, type SignResult, signBody } from '../sign.ts';
import type { SignJob } from './runner.ts';

interface SignJobDeps {
  api: HttpClient;
  callbackClient: (callbackUrl: string) => HttpClient;
  inFlight: { limit: number; delayMs: number };
  attempts: number;
  backoff: { baseDelayMs: number; maxDelayMs: number };
  logger: HttpLogger;
  redact: (s: string) => string;
}

/**
 * Runs one signAsync job: signs under the job's operation id (retryable failures are retried with
 * the same id and bytes, bounded), then delivers `{OperationID, QueueID, State, StateMessage,
 * StateData}` to the callback URL, signed per attempt, with bounded delivery retries.
 */
export async function runSignJob(deps: SignJobDeps, job: SignJob): Promise<void> {
  const payload = await signForCallback(deps, job);
  const body = stringifyJsonLossless(payload);
  try {
    await deps.callbackClient(job.callbackUrl).request({ method: 'POST', path: '', body, retrySafe: true });
  } catch (error) {
    deps.logger.error?.('fiscal callback delivery failed', {
      operationId: job.operationId,
      code: toTillKitError(error).code,
    });
    throw error;
  }
}

async function signForCallback(deps: SignJobDeps, job: SignJob): Promise<SignCallbackPayloadInput> {
  let result: SignResult | undefined;
  let failure: TillKitError | undefined;
  for (let attempt = 1; attempt <= deps.attempts; attempt++) {
    try {
      result = await signBody(
        { http: deps.api, inFlight: deps.inFlight, logger: deps.logger },
        job.body,
        job.operationId,
      );
      break;
    } catch (error) {
      failure = toTillKitError(error);
      if (!failure.retryable || attempt === deps.attempts) break;
      deps.logger.warn?.('fiscal background signing will retry', {
        operationId: job.operationId,
        code: failure.code,
        attempt,
      });
      await wait(Math.min(deps.backoff.maxDelayMs, deps.backoff.baseDelayMs * 2 ** (attempt - 1)));
    }
  }
  if (result) {
    const flags = Object.entries(result.state.flags)
      .filter(([, on]) => on)
      .map(([name]) => name);
    return {
      OperationID: job.operationId,
      QueueID: result.response.ftQueueID,
      State: 'done',
      StateMessage: result.degraded ? `signed in a degraded state: ${flags.join(', ')}` : 'signed',
      StateData: result.response as SignCallbackPayloadInput['StateData'],
    };
  }
  const error = failure ?? new TillKitError('INTERNAL', 'signing did not run');
  const response = receiptResponseOf(error);
  return {
    OperationID: job.operationId,
    QueueID: response?.ftQueueID ?? null,
    State: 'failed',
    StateMessage: deps.redact(`${error.code}: ${error.message}`),
    ...(response ? { StateData: response as SignCallbackPayloadInput['StateData'] } : {}),
  };
}
