import { describe, expect, it } from 'vitest';
import { createSessionWaiter, recheckIntervalMs } from '../src/index.js';

describe('createSessionWaiter', () => {
  it('wakes a wait at notify, at its timeout, and at an abort, counting the waits parked', async () => {
    const waiter = createSessionWaiter();
    const woken = waiter.wait('s1', 60_000);
    const twice = waiter.wait('s1', 60_000);
    expect(waiter.parked).toBe(2);
    waiter.notify('s1');
    await Promise.all([woken, twice]);
    expect(waiter.parked).toBe(0);
    await waiter.wait('s2', 1);
    const controller = new AbortController();
    const aborted = waiter.wait('s3', 60_000, controller.signal);
    expect(waiter.parked).toBe(1);
    controller.abort();
    await aborted;
    expect(waiter.parked).toBe(0);
    const all = [waiter.wait('a', 60_000), waiter.wait('b', 60_000)];
    waiter.notifyAll();
    await Promise.all(all);
    expect(waiter.parked).toBe(0);
  });

  describe('recheckIntervalMs', () => {
    it('is a second until the parked polls would read more than 250 times a second together, then stretches', () => {
      expect([0, 1, 250, 251, 1_000, 10_000].map(recheckIntervalMs)).toEqual([
        1_000, 1_000, 1_000, 1_004, 4_000, 40_000,
      ]);
    });
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
