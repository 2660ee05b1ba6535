import { createMemoryAccountKeyStore } from '@tessera/core';
import { describeAccountKeyStore } from './account-key-store-conformance.js';

describeAccountKeyStore('in memory', async () => ({
  keys: createMemoryAccountKeyStore(),
  close: async () => {},
}));
