import { createHash, createHmac } from 'node:crypto';
import { Country, caseOf, ReceiptCase, SIGNATURE_FAILURE, SignatureFormat, VERSION_2 } from '@tillkit/models';
import { formatCents } from './amounts.ts';
import type { ReceiptFacts, RuleError } from './rules.ts';
import type { FiskaltrustCountry } from './types.ts';

// Country signatures of the sandbox: the right shape (AT RKSV QR payload, DE KassenSichV QR, IT RT
// document), signed with a fake-but-deterministic HMAC-SHA256 keyed per CashBox and chained through
// the previous receipt's HMAC, so journals show a verifiable chain. One HMAC per receipt: it is the
// hot path of the ≥ 5 000 signs/s goal.

/** A ReceiptResponse signature item (codes as bigint: written as bare JSON numbers). */
export interface Signature {
  ftSignatureFormat: bigint;
  ftSignatureType: bigint;
  Caption: string;
  /** `null` where the vendor's queue has nothing to say (ifPOS v2 SignatureItem writes "Data": null). */
  Data: string | null;
}

/** What a receipt's country signature covers. */
export interface SignInput {
  country: FiskaltrustCountry;
  cashBoxId: string;
  cashBoxIdentification: string;
  receiptIdentification: string;
  receiptNumber: number;
  moment: Date;
  facts: ReceiptFacts;
  turnoverCents: bigint;
  /** Base64 HMAC of the previous receipt (the chain). */
  previous: string;
  scuFailed: boolean;
}

const SCU_FAILED_MARKER = Buffer.from('Sicherheitseinrichtung ausgefallen').toString('base64');

/** Country and version bits of a queue's codes (`CCCC_2000_0000_0000`). */
export function prefixOf(country: FiskaltrustCountry): bigint {
  return (Country[country] << 48n) | VERSION_2;
}

/** Derives and caches one signing key per CashBox. */
export class SignatureKeys {
  private readonly keys = new Map<string, Buffer>();

  key(cashBoxId: string): Buffer {
    const id = cashBoxId.toLowerCase();
    let key = this.keys.get(id);
    if (key === undefined) {
      key = createHash('sha256').update(`tillkit-sandbox-signing-key:${id}`).digest();
      this.keys.set(id, key);
    }
    return key;
  }
}

/** The receipt's country signatures and the new chain value (base64 of this receipt's HMAC). */
export function countrySignatures(
  input: SignInput,
  keys: SignatureKeys,
): { signatures: Signature[]; chain: string } {
  const key = keys.key(input.cashBoxId);
  const prefix = prefixOf(input.country);
  const previousHash = Buffer.from(input.previous, 'base64').subarray(0, 8).toString('base64');
  switch (input.country) {
    case 'AT': {
      const v = input.facts.vat;
      const payload = [
        '_R1-AT1',
        input.cashBoxIdentification,
        input.receiptIdentification,
        viennaLocalTime(input.moment),
        ...[v.normal, v.reduced1, v.reduced2, v.zero, v.special].map((c) => formatCents(c, ',')),
        encryptedTurnover(input.turnoverCents, key),
        key.subarray(8, 16).toString('hex').toUpperCase(),
        previousHash,
      ].join('_');
      const mac = createHmac('sha256', key).update(payload).digest();
      const signature = input.scuFailed ? SCU_FAILED_MARKER : mac.toString('base64');
      return {
        chain: mac.toString('base64'),
        signatures: [
          {
            ftSignatureFormat: SignatureFormat.Text,
            ftSignatureType: prefix,
            Caption: 'Counter Add',
            Data: formatCents(input.facts.chargeCents, ','),
          },
          {
            ftSignatureFormat: SignatureFormat.QrCode,
            ftSignatureType: prefix | 0x1n,
            Caption: 'www.fiskaltrust.at',
            Data: `${payload}_${signature}`,
          },
        ],
      };
    }
    case 'DE': {
      // Beleg^<19 %>_<7 %>_<10.7 %>_<5.5 %>_<0 %>^…: every line lands in one slot, so the slots add up to the total.
      const vat = input.facts.dsfinvk.map((c) => formatCents(c, '.')).join('_');
      const time = input.moment.toISOString();
      const head = `V0;${input.cashBoxIdentification};Kassenbeleg-V1;Beleg^${vat}^${formatCents(input.facts.payCents, '.')}:Bar;${input.receiptNumber};${input.receiptNumber};${time};${time};ecdsa-plain-SHA256;unixTime`;
      const mac = createHmac('sha256', key).update(`${previousHash};${head}`).digest();
      const qr: Signature = {
        ftSignatureFormat: SignatureFormat.QrCode,
        ftSignatureType: prefix | 0x1n,
        Caption: 'www.fiskaltrust.de',
        Data: `${head};${mac.toString('base64')};${key.subarray(0, 16).toString('base64')}`,
      };
      const closing = closings.has(caseOf(input.facts.receiptCase));
      return {
        chain: mac.toString('base64'),
        signatures: closing ? [qr, ...tseClosingSignatures(prefix, mac)] : [qr],
      };
    }
    case 'IT': {
      const head = `${input.receiptIdentification}|${input.moment.toISOString()}|${formatCents(input.facts.chargeCents, '.')}`;
      const mac = createHmac('sha256', key).update(`${previousHash}|${head}`).digest();
      return {
        chain: mac.toString('base64'),
        signatures: [
          {
            ftSignatureFormat: SignatureFormat.Text,
            ftSignatureType: prefix | 0x1n,
            Caption: 'www.fiskaltrust.it',
            Data: `${head}|${mac.toString('base64')}`,
          },
        ],
      };
    }
  }
}

const closings: ReadonlySet<bigint> = new Set([
  ReceiptCase.DailyClosing,
  ReceiptCase.MonthlyClosing,
  ReceiptCase.YearlyClosing,
]);
const TSE_BASE64 = 0x1000dn;
const TSE_TEXT = 0x10001n;

// A DE closing carries the TSE's transaction details as the vendor's queue writes them
// (fiskaltrust/middleware QueueDE.IntegrationTest Data/DailyClosingReceipt/Response.json): items the
// TSE leaves empty keep their place with "Data": null, which clients must read as a signed receipt.
function tseClosingSignatures(prefix: bigint, mac: Buffer): Signature[] {
  const item = (format: bigint, type: bigint, caption: string, data: string | null): Signature => ({
    ftSignatureFormat: format,
    ftSignatureType: prefix | type,
    Caption: caption,
    Data: data,
  });
  return [
    item(TSE_BASE64, 0x11n, 'finish-transaction-payload', mac.toString('base64')),
    item(TSE_BASE64, 0x12n, 'finish-transaction-result', null),
    item(SignatureFormat.Text, 0x22n, '<certification-id>', 'BSI-TK-0000-0000'),
    item(TSE_TEXT, 0x15n, '<processType>', 'SonstigerVorgang'),
    item(TSE_TEXT, 0x14n, '<kassen-seriennummer>', null),
  ];
}

/** The `S A N D B O X` marker every sandbox queue appends (Data = ftQueueID). */
export function sandboxSignature(country: FiskaltrustCountry, queueId: string): Signature {
  return {
    ftSignatureFormat: SignatureFormat.Text,
    ftSignatureType: prefixOf(country),
    Caption: 'S A N D B O X',
    Data: queueId,
  };
}

/** One error signature per failed rule (`[Error] <code>`), or a single `FAILURE` for processing errors. */
export function errorSignatures(
  country: FiskaltrustCountry,
  errors: RuleError[],
  caption?: 'FAILURE',
): Signature[] {
  const type = prefixOf(country) | SIGNATURE_FAILURE;
  return errors.map((e) => ({
    ftSignatureFormat: SignatureFormat.Text,
    ftSignatureType: type,
    Caption: caption ?? `[Error] ${e.code}`,
    Data: e.message,
  }));
}

// RKSV stores the turnover counter AES-encrypted; the sandbox masks it with the key instead, which keeps
// the field's shape (8 bytes, base64) without a cipher per receipt.
function encryptedTurnover(cents: bigint, key: Buffer): string {
  const bytes = Buffer.alloc(8);
  bytes.writeBigInt64BE(BigInt.asIntN(64, cents));
  for (let i = 0; i < 8; i++) bytes[i] = (bytes[i] as number) ^ (key[i] as number);
  return bytes.toString('base64');
}

/** `yyyy-MM-ddTHH:mm:ss` in Europe/Vienna (EU summer time: last Sunday of March to last Sunday of October, 01:00 UTC). */
export function viennaLocalTime(moment: Date): string {
  const year = moment.getUTCFullYear();
  const summer = moment >= lastSundayOneUtc(year, 2) && moment < lastSundayOneUtc(year, 9);
  const local = new Date(moment.getTime() + (summer ? 2 : 1) * 3_600_000);
  return local.toISOString().slice(0, 19);
}

function lastSundayOneUtc(year: number, month: number): Date {
  const last = new Date(Date.UTC(year, month + 1, 0, 1));
  last.setUTCDate(last.getUTCDate() - last.getUTCDay());
  return last;
}
