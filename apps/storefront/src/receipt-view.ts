import QRCode from 'qrcode';
import type { Receipt } from './backend.ts';
import { el } from './dom.ts';

const money = (m: { formatted: string; currency: string }) => `${m.formatted} ${m.currency}`;

/** Renders the fiskaltrust-signed receipt: lines, VAT per rate, total, signatures and the receipt id. */
export function renderReceipt(target: HTMLElement, r: Receipt): void {
  const lines = el(
    'table',
    { class: 'lines' },
    el(
      'thead',
      {},
      el(
        'tr',
        {},
        el('th', {}, 'Item'),
        el('th', {}, 'Qty'),
        el('th', {}, 'VAT'),
        el('th', { class: 'num' }, 'Amount'),
      ),
    ),
    el(
      'tbody',
      {},
      ...r.lines.map((l) =>
        el(
          'tr',
          {},
          el('td', {}, l.description),
          el('td', {}, String(l.quantity)),
          el('td', {}, `${l.vatRate}%`),
          el('td', { class: 'num' }, money(l.amount)),
        ),
      ),
    ),
  );
  const vat = el(
    'table',
    { class: 'vat', 'data-testid': 'vat' },
    el(
      'thead',
      {},
      el(
        'tr',
        {},
        el('th', {}, 'VAT rate'),
        el('th', { class: 'num' }, 'Net'),
        el('th', { class: 'num' }, 'VAT'),
        el('th', { class: 'num' }, 'Gross'),
      ),
    ),
    el(
      'tbody',
      {},
      ...r.vat.map((v) =>
        el(
          'tr',
          {},
          el('td', {}, `${v.rate}%`),
          el('td', { class: 'num' }, money(v.net)),
          el('td', { class: 'num' }, money(v.vat)),
          el('td', { class: 'num' }, money(v.gross)),
        ),
      ),
    ),
  );
  const signatures = el(
    'ul',
    { class: 'signatures', 'data-testid': 'signatures' },
    ...r.signatures.map((s) =>
      el('li', {}, el('strong', {}, s.caption ?? s.type), el('code', {}, s.data ?? '')),
    ),
  );
  const qr = el('img', {
    class: 'receipt-qr',
    alt: 'Receipt signature QR code',
    width: '140',
    height: '140',
  });
  // The signature to print as a QR code is the one whose format is QR (fiskaltrust format 0x03).
  const qrSignature =
    r.signatures.find((s) => (Number.parseInt(s.format.slice(-4), 16) & 0xff) === 3) ?? r.signatures[0];
  if (qrSignature?.data) {
    void QRCode.toDataURL(qrSignature.data, { margin: 1, width: 140 }).then((url) =>
      qr.setAttribute('src', url),
    );
  }
  target.replaceChildren(
    el('h2', {}, 'Receipt'),
    el('p', { class: 'paid-banner' }, 'Paid — thank you!'),
    el(
      'dl',
      { class: 'receipt-meta' },
      el('dt', {}, 'Receipt no.'),
      el('dd', { 'data-testid': 'receipt-id' }, r.receiptId),
      el('dt', {}, 'Cash box'),
      el('dd', {}, r.cashBoxIdentification),
      el('dt', {}, 'Signed'),
      el('dd', {}, new Date(r.signedAt).toLocaleString('en-GB', { timeZone: 'UTC' })),
      el('dt', {}, 'Country'),
      el('dd', {}, r.country),
    ),
    lines,
    vat,
    el('p', { class: 'total' }, 'Total ', el('strong', { 'data-testid': 'receipt-total' }, money(r.total))),
    el('div', { class: 'sig-block' }, qr, el('div', {}, el('h3', {}, 'Fiscal signatures'), signatures)),
    el('details', {}, el('summary', {}, 'Printable receipt'), el('pre', {}, r.printable)),
  );
  target.hidden = false;
}
