import {
  createMemoryAccountKeyStore,
  createMemoryAccountStore,
  createMemoryAuditLog,
  createMemoryDeviceStore,
  createMemoryRelyingPartyStore,
  createMemorySessionStore,
} from '@tessera/core';
import { describeStore } from './store-conformance.js';

const open = async () => ({
  keys: createMemoryAccountKeyStore(),
  accounts: createMemoryAccountStore(),
  relyingParties: createMemoryRelyingPartyStore(),
  sessions: createMemorySessionStore(),
  devices: createMemoryDeviceStore(),
  audit: createMemoryAuditLog(),
  close: async () => {},
});
describeStore('in memory', open);
