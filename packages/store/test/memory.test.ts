import {
  createMemoryAccountKeyStore,
  createMemoryAccountStore,
  createMemoryRelyingPartyStore,
  createMemorySessionStore,
} from '@tessera/core';
import { describeStore } from './store-conformance.js';

const open = async () => ({
  keys: createMemoryAccountKeyStore(),
  accounts: createMemoryAccountStore(),
  relyingParties: createMemoryRelyingPartyStore(),
  sessions: createMemorySessionStore(),
  close: async () => {},
});
describeStore('in memory', open);
