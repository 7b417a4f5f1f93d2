import type { FieldIssue } from '@tillkit/models';

/** What the HTTP layer could read from an error body of any of the services TillKit talks to. */
export interface ErrorBodySummary {
  /** A human-readable reason, when the body gives one. */
  message: string | undefined;
  /** The service's own error code (`invalid_state`, `ValidationError`…), when it gives one. */
  upstreamCode: string | undefined;
  issues: FieldIssue[];
}

const MAX_MESSAGE = 300;

// One reader for the four shapes in specs/README.md decision 4, tried in order; a service hook can
// still override the whole mapping, this only makes the default message and issues useful.
/**
 * Reads fiskaltrust ProblemDetails `{type,title,status,detail,errors?}`, Paysera Wallet
 * `{error,error_description}`, Paysera POS `{message,errors}`, the seed's
 * `{error,message,details:{field,reason}}`, or plain text.
 */
export function summarizeErrorBody(body: unknown): ErrorBodySummary {
  if (typeof body === 'string')
    return { message: clip(body.trim()) || undefined, upstreamCode: undefined, issues: [] };
  if (typeof body !== 'object' || body === null)
    return { message: undefined, upstreamCode: undefined, issues: [] };
  const b = body as Record<string, unknown>;
  const title = str(b['title']);
  const detail = str(b['detail']);
  const error = str(b['error']);
  const description = str(b['error_description']);
  const message = str(b['message']);
  const issues = [...issuesFromErrors(b['errors']), ...issuesFromDetails(b['details'])];
  if (title !== undefined || detail !== undefined) {
    return { message: clip(join(title, detail)), upstreamCode: str(b['type']) ?? title, issues };
  }
  if (error !== undefined || message !== undefined || description !== undefined) {
    return { message: clip(join(error, description ?? message)), upstreamCode: error, issues };
  }
  return { message: undefined, upstreamCode: undefined, issues };
}

function issuesFromErrors(errors: unknown): FieldIssue[] {
  if (Array.isArray(errors)) {
    return errors.flatMap((e) => {
      if (typeof e === 'string') return [{ path: '', message: e }];
      if (typeof e !== 'object' || e === null) return [];
      const r = e as Record<string, unknown>;
      const text = str(r['message']) ?? str(r['reason']) ?? str(r['error']);
      return text === undefined ? [] : [{ path: str(r['field']) ?? str(r['path']) ?? '', message: text }];
    });
  }
  if (typeof errors === 'object' && errors !== null) {
    return Object.entries(errors).flatMap(([path, v]) => {
      const list = Array.isArray(v) ? v : [v];
      return list.filter((m): m is string => typeof m === 'string').map((m) => ({ path, message: m }));
    });
  }
  return [];
}

function issuesFromDetails(details: unknown): FieldIssue[] {
  if (typeof details !== 'object' || details === null || Array.isArray(details)) return [];
  const d = details as Record<string, unknown>;
  const reason = str(d['reason']);
  return reason === undefined ? [] : [{ path: str(d['field']) ?? '', message: reason }];
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' && v.length > 0 ? v : undefined;
}

function join(a: string | undefined, b: string | undefined): string {
  return a !== undefined && b !== undefined && a !== b ? `${a}: ${b}` : (a ?? b ?? '');
}

function clip(s: string): string {
  return s.length > MAX_MESSAGE ? `${s.slice(0, MAX_MESSAGE)}…` : s;
}
