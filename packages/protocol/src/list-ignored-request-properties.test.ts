import { describe, expect, it } from 'vitest';
import { listIgnoredRequestProperties } from './list-ignored-request-properties.js';

describe('listIgnoredRequestProperties', () => {
  it('lists the unknown request properties in body order', () => {
    const body = { requestProperties: { testingIgnored: true, shareMdClientIpAddress: true, other: null } };
    expect(listIgnoredRequestProperties(body)).toEqual(['testingIgnored', 'other']);
  });

  it('lists nothing when there are no properties or they are not an object', () => {
    for (const body of [{}, { requestProperties: null }, { requestProperties: ['x'] }, null, 'x']) {
      expect(listIgnoredRequestProperties(body)).toEqual([]);
    }
  });
});
