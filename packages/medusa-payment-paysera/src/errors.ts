// TillKit errors cross into Medusa once, here: Medusa's error handler answers by MedusaError type, and
// the stable TillKit code stays in the message. Anything else is Medusa's problem to report as it is.
import { MedusaError } from '@medusajs/framework/utils';
import { isTillKitError } from '@tillkit/models';

const typeOf: Record<string, string> = {
  VALIDATION_FAILED: MedusaError.Types.INVALID_DATA,
  NOT_FOUND: MedusaError.Types.NOT_FOUND,
  CONFLICT: MedusaError.Types.CONFLICT,
  INVALID_STATE: MedusaError.Types.NOT_ALLOWED,
  REFUND_NOT_SUPPORTED: MedusaError.Types.NOT_ALLOWED,
};

export function toMedusaError(error: unknown): unknown {
  if (!isTillKitError(error)) return error;
  const type = typeOf[error.code] ?? MedusaError.Types.UNEXPECTED_STATE;
  const wrapped = new MedusaError(type, `Paysera ${error.code}: ${error.message}`, error.code);
  wrapped.cause = error;
  return wrapped;
}
