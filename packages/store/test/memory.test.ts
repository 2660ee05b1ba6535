import {
  createMemoryAccountKeyStore,
  createMemoryAccountStore,
  createMemoryAuditLog,
  createMemoryDeviceStore,
  createMemoryRelyingPartyStore,
  createMemorySessionStore,
  createMemoryWebPushStore,
} from '@tessera/core';
import { describeStore } from './store-conformance.js';

const open = async () => {
  const devices = createMemoryDeviceStore();
  return {
    keys: createMemoryAccountKeyStore(),
    accounts: createMemoryAccountStore(),
    relyingParties: createMemoryRelyingPartyStore(),
    sessions: createMemorySessionStore(),
    devices,
    audit: createMemoryAuditLog(),
    webPush: createMemoryWebPushStore(devices),
    close: async () => {},
  };
};
describeStore('in memory', open);
