import { describe, expect, it } from 'vitest';
import { isTillKitError, TillKitError, toTillKitError } from './errors.ts';

describe('TillKitError', () => {
  it('takes status and retryable from its code unless told otherwise', () => {
    expect(new TillKitError('RATE_LIMITED', 'slow down')).toMatchObject({
      status: 429,
      retryable: true,
      issues: [],
      details: {},
    });
    expect(new TillKitError('UPSTREAM_UNAVAILABLE', 'down', { status: 502, retryable: false })).toMatchObject(
      { status: 502, retryable: false },
    );
  });

  it('serialises to a plain view without cause, stack or details', () => {
    const error = new TillKitError('VALIDATION_FAILED', 'bad', {
      issues: [{ path: 'a', message: 'm' }],
      cause: new Error('inner'),
      details: { upstream: 'x' },
    });
    expect(JSON.parse(JSON.stringify(error))).toEqual({
      name: 'TillKitError',
      code: 'VALIDATION_FAILED',
      message: 'bad',
      status: 400,
      retryable: false,
      issues: [{ path: 'a', message: 'm' }],
    });
  });

  it('is recognised by its brand, also when it comes from another copy of the package', () => {
    const foreign = Object.assign(Object.create(null) as object, { [Symbol.for('@tillkit/error')]: true });
    expect([isTillKitError(new TillKitError('INTERNAL', 'x')), isTillKitError(foreign)]).toEqual([
      true,
      true,
    ]);
    expect([isTillKitError(new Error('x')), isTillKitError(null), isTillKitError('TillKitError')]).toEqual([
      false,
      false,
      false,
    ]);
  });

  it('wraps anything else once as INTERNAL, keeping the original as the cause', () => {
    const original = new TillKitError('NOT_FOUND', 'gone');
    expect(toTillKitError(original)).toBe(original);
    const boom = new TypeError('boom');
    expect(toTillKitError(boom)).toMatchObject({ code: 'INTERNAL', message: 'boom', cause: boom });
    expect(toTillKitError('a string')).toMatchObject({
      code: 'INTERNAL',
      message: 'Unexpected error',
      cause: 'a string',
    });
  });
});
