export { bearerAuthorization } from './bearer.ts';
export { type FiskaltrustCredentials, fiskaltrustHeaders } from './fiskaltrust.ts';
export { type MacHeader, parseMacHeader } from './mac/header.ts';
export { generateNonce, isValidNonce, NONCE_LENGTH } from './mac/nonce.ts';
export { createMemoryNonceStore, type MemoryNonceStoreOptions, type NonceStore } from './mac/nonce-store.ts';
export {
  buildExt,
  type MacCredentials,
  type MacTarget,
  macTarget,
  type SignedMac,
  type SignMacInput,
  signMac,
} from './mac/sign.ts';
export { type VerifiedMac, type VerifyMacInput, verifyMac } from './mac/verify.ts';
export { createRedactor, isSecretKey, REDACTED, type Redactor } from './redact.ts';
