import { describe, expect, it } from 'vitest';
import { createMemoryNonceStore } from './nonce-store.ts';
import { signMac } from './sign.ts';
import { verifyMac } from './verify.ts';

// Spec §1.5: #2–#4 are Paysera's own examples, A–F were computed with the verified algorithm.
const credentials = { macId: 'wkVd93h2uS', macKey: 'IrdTc8uQodU7PRpLzzLTW6wqZAO6tAMU' };
const nonce = 'nQnNaSNyubfPErjRO55yaaEYo9YZfKHN';

interface Vector {
  name: string;
  ts: number;
  method: string;
  uri: string;
  body?: string;
  extra?: Record<string, string>;
  ext: string;
  mac: string;
}

const vectors: Vector[] = [
  {
    name: '#2 OAuth token request with a form body',
    ts: 1343818800,
    method: 'POST',
    uri: '/wallet/oauth/v1/',
    body: 'grant_type=authorization_code&code=SplxlOBeZQQYbYS6WxSbIA&redirect_uri=http%3A%2F%2Flocalhost%2Fabc',
    ext: 'body_hash=IftzxAtYliLQx46c2JAPidlHKqck0OXD7KmsHNnSptU%3D',
    mac: 'YEIWoGDeREjJNh+IplpTcCLRNASTAMgFqa540igFcaY=',
  },
  {
    name: '#3 GET payment',
    ts: 1343811600,
    method: 'GET',
    uri: '/rest/v1/payment/10145',
    ext: '',
    mac: '/qxTA8FOgT0Dd0MHh9k/sUQ3Q38ckx8+S0PBxpIuttY=',
  },
  {
    name: '#4 GET spots with a query',
    ts: 1343811600,
    method: 'GET',
    uri: '/rest/v1/spots?status=waiting',
    ext: '',
    mac: 'irSg0m2b8N87EIhAENNkP+2O3E2x0KkddoTMSOEmHt8=',
  },
  {
    name: 'A attach order to spot',
    ts: 1343811600,
    method: 'POST',
    uri: '/rest/v1/spot/15/order',
    body: '{"transaction_key":"pDAlAZ3z"}',
    ext: 'body_hash=FTWH98fkdPo06rzkiupX0KSlElZ4h3GPn3J1OgJL9Qs%3D',
    mac: 'Xslwk7SbBWRwQGX2J7WH4++X+Cz1wpz/b0FbZxyoT3o=',
  },
  {
    name: 'B create transaction in a project and location',
    ts: 1343811600,
    method: 'POST',
    uri: '/rest/v1/transaction',
    body: '{"payments":[{"description":"Table 1","price":2599,"currency":"EUR"}]}',
    extra: { project_id: '1221', location_id: '9975' },
    ext: 'body_hash=turOBDVfXYIS9U616hCUvbOH5AhZ6ipwf7jYoJo7z8k%3D&project_id=1221&location_id=9975',
    mac: 'jmsKyzMPsTWE3ihjUsl0rVjGA3Ke1ADoGtXfamsVI4o=',
  },
  {
    name: 'C confirm transaction',
    ts: 1343811600,
    method: 'PUT',
    uri: '/rest/v1/transaction/pDAlAZ3z/confirm',
    ext: '',
    mac: 'ZQYIS0L4Uq40te+qxNXJzWHNO6Ff7qhnEDuwduFlqRI=',
  },
  {
    name: 'D spots filtered by location',
    ts: 1343811600,
    method: 'GET',
    uri: '/rest/v1/spots?status=waiting&location_id=9975',
    ext: '',
    mac: 'XUkg0eqt52joOQ4wc/7JR7mDxzC5cuSnPhAcSviLNBQ=',
  },
  {
    name: 'E close spot',
    ts: 1343811600,
    method: 'DELETE',
    uri: '/rest/v1/spot/15',
    ext: '',
    mac: 'YH2FND7atZQuxWzC1jyMHcnZlaiNx6hcK/jxz/tSiw8=',
  },
  {
    name: 'F reserved transactions',
    ts: 1343811600,
    method: 'GET',
    uri: '/rest/v1/transactions?status=reserved',
    ext: '',
    mac: 'fywiqEu95/ZakrI09Nh3CBMR5jwSipmY8jP2EGs3k9E=',
  },
];

function expectedHeader(v: Vector): string {
  const base = `MAC id="wkVd93h2uS", ts="${v.ts}", nonce="${nonce}", mac="${v.mac}"`;
  return v.ext === '' ? base : `${base}, ext="${v.ext}"`;
}

describe('Paysera MAC test vectors (spec §1.5)', () => {
  it.each(vectors)('signs vector $name byte for byte', (v) => {
    const signed = signMac({
      credentials,
      method: v.method,
      url: `https://wallet.paysera.com${v.uri}`,
      ...(v.body === undefined ? {} : { body: v.body }),
      ...(v.extra === undefined ? {} : { extraParameters: v.extra }),
      timestamp: v.ts,
      nonce,
    });
    expect(signed.authorization).toBe(expectedHeader(v));
    expect(signed.ext).toBe(v.ext);
  });

  it.each(vectors)('verifies the published header of vector $name', (v) => {
    const result = verifyMac({
      authorization: expectedHeader(v),
      method: v.method,
      pathAndQuery: v.uri,
      host: 'wallet.paysera.com',
      port: 443,
      body: Buffer.from(v.body ?? '', 'utf8'),
      lookupKey: (id) => (id === credentials.macId ? credentials.macKey : undefined),
      nonces: createMemoryNonceStore(),
      nowSeconds: v.ts + 10,
    });
    expect(result).toEqual({ macId: 'wkVd93h2uS', extParameters: v.extra ?? {} });
  });

  it('signs the same vector from a URL object with an explicit default port', () => {
    const v = vectors[2]!;
    const url = new URL('https://WALLET.paysera.com:443/rest/v1/spots?status=waiting');
    expect(signMac({ credentials, method: 'get', url, timestamp: v.ts, nonce }).authorization).toBe(
      expectedHeader(v),
    );
  });
});
