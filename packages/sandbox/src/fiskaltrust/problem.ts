import type { SandboxResponse } from '../contract.ts';

// fiskaltrust answers transport, auth and shape errors as RFC 9457 ProblemDetails (decision 4); fiscal
// errors are not HTTP errors (they come back inside a 2xx ReceiptResponse).

export const PROBLEM_JSON = 'application/problem+json';
export const JSON_TYPE = 'application/json; charset=utf-8';

/** A ProblemDetails body; `errors` carries per-field messages for validation failures. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  errors?: Record<string, string[]>;
}

const titles: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  422: 'Unprocessable Content',
  500: 'Internal Server Error',
};

/** A ProblemDetails response; the body is serialised here so a failed operation can store and replay it byte for byte. */
export function problem(status: number, detail: string, title = titles[status] ?? 'Error'): SandboxResponse {
  return problemResponse({ type: 'about:blank', title, status, detail });
}

/** `400 {title:"Validation error", detail, errors}`, as the local POS System API answers a request shape error. */
export function validationProblem(detail: string, errors: Record<string, string[]>): SandboxResponse {
  return problemResponse({ type: 'about:blank', title: 'Validation error', status: 400, detail, errors });
}

function problemResponse(body: Problem): SandboxResponse {
  return { status: body.status, headers: { 'content-type': PROBLEM_JSON }, body: JSON.stringify(body) };
}

/** The exact 401 body fiskaltrust documents for a missing or wrong CashBox credential. */
export const UNAUTHORIZED: SandboxResponse = problem(
  401,
  'Access token not set or invalid. The requested resource could not be returned',
  'Unauthorized',
);

/** A JSON response whose body text is final (stored and replayed unchanged). */
export function jsonText(status: number, text: string): SandboxResponse {
  return { status, headers: { 'content-type': JSON_TYPE }, body: text };
}
