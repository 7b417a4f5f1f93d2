import { describe, expect, it } from 'vitest';
import { createLiveQuota } from './live-quota.ts';

describe('live-checkout quota', () => {
  const live = async () => true;

  it('counts a checkout the client is given again (the same cart started twice) once', async () => {
    const quota = createLiveQuota(2);
    (await quota.acquire('c', live)).commit('att_1');
    (await quota.acquire('c', live)).commit('att_1');
    (await quota.acquire('c', live)).commit('att_2');
    await expect(quota.acquire('c', live)).rejects.toMatchObject({
      extensions: { code: 'CHECKOUT_LIMIT_REACHED', limit: 2 },
    });
  });

  it('frees the place of a checkout that ended, and of a start that failed', async () => {
    const quota = createLiveQuota(1);
    (await quota.acquire('c', live)).commit('att_1');
    (await quota.acquire('c', async (id) => id !== 'att_1')).release();
    (await quota.acquire('c', live)).commit('att_2');
    await expect(quota.acquire('c', live)).rejects.toMatchObject({
      extensions: { code: 'CHECKOUT_LIMIT_REACHED' },
    });
  });
});
