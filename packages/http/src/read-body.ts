import { TillKitError } from '@tillkit/models';

/**
 * Reads a response body as text within `timeoutMs`: ky bounds the wait for the headers, not a body
 * that stalls after them, and a stuck read would hang the caller forever.
 */
export async function readBody(response: Response, timeoutMs: number): Promise<string> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      void response.body?.cancel().catch(() => undefined);
      reject(new TillKitError('TIMEOUT', `Reading the response body timed out after ${timeoutMs} ms`));
    }, timeoutMs);
  });
  try {
    return await Promise.race([response.text(), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
