import type { QueueItemRecord } from './types.ts';

// The AT RKSV "Datenerfassungsprotokoll" (DEP) export, journal type 0x4154_0000_0000_0001. The real
// queue streams it as chunked ZIP; the sandbox answers the DEP JSON itself, built from the RKSV
// signatures of the stored responses, so an operator-style export can be tested end to end.

/** Journal type of the AT RKSV-DEP export (a legacy market code: country prefix, no v2 nibble). */
export const AT_RKSV_DEP = 0x4154_0000_0000_0001n;

const JWS_HEADER = Buffer.from('{"alg":"ES256"}').toString('base64url');
const RKSV_CAPTION = '"Caption":"www.fiskaltrust.at","Data":"';

/** The DEP JSON of the given queue items: one compact JWS per RKSV-signed receipt, in queue order. */
export function depExport(items: QueueItemRecord[]): string {
  const receipts: string[] = [];
  for (const item of items) {
    const jws = compactJws(item.response);
    if (jws !== undefined) receipts.push(jws);
  }
  return JSON.stringify({
    'Belege-Gruppe': [{ Signaturzertifikat: '', Zertifizierungsstellen: [], 'Belege-kompakt': receipts }],
  });
}

// The QR payload is `<machine-readable code>_<base64 signature>`; the JWS carries the code as its
// payload and the signature base64url-encoded. Read straight from the stored text: no re-parse.
function compactJws(response: string): string | undefined {
  const start = response.indexOf(RKSV_CAPTION);
  if (start === -1) return undefined;
  const dataStart = start + RKSV_CAPTION.length;
  const data = response.slice(dataStart, response.indexOf('"', dataStart));
  const cut = data.lastIndexOf('_');
  const payload = Buffer.from(data.slice(0, cut)).toString('base64url');
  const signature = Buffer.from(data.slice(cut + 1), 'base64').toString('base64url');
  return `${JWS_HEADER}.${payload}.${signature}`;
}
