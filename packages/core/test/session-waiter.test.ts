import { describe, expect, it } from 'vitest';
import { createSessionWaiter } from '../src/index.js';

describe('createSessionWaiter', () => {
  it('wakes a wait at notify, at its timeout, and at an abort', async () => {
    const waiter = createSessionWaiter();
    const woken = waiter.wait('s1', 60_000);
    waiter.notify('s1');
    await woken;
    await waiter.wait('s2', 1);
    const controller = new AbortController();
    const aborted = waiter.wait('s3', 60_000, controller.signal);
    controller.abort();
    await aborted;
  });

  it('returns at once for a signal aborted before the wait (a client gone, a server closing)', async () => {
    const waiter = createSessionWaiter();
    const result = await Promise.race([
      waiter.wait('s', 60_000, AbortSignal.abort()).then(() => 'returned'),
      new Promise((resolve) => setTimeout(() => resolve('still waiting'), 500)),
    ]);
    expect(result).toBe('returned');
  });
});
