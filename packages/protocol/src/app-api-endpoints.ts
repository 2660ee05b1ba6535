/**
 * The app API paths (device ↔ identity server), relative to the server root. Every request except
 * `serverInfo` is authenticated with the device request headers; `enrol` is signed too, with the key it
 * registers. Path parameters in braces.
 */
export const APP_API_ENDPOINTS = {
  serverInfo: { method: 'GET', path: '/app/v1/server' },
  enrol: { method: 'POST', path: '/app/v1/enrolments' },
  listAccounts: { method: 'GET', path: '/app/v1/accounts' },
  deleteAccount: { method: 'DELETE', path: '/app/v1/accounts/{documentNumber}' },
  openDeviceLink: { method: 'POST', path: '/app/v1/device-links' },
  pendingTransactions: { method: 'GET', path: '/app/v1/transactions' },
  getTransaction: { method: 'GET', path: '/app/v1/transactions/{transactionId}' },
  acceptTransaction: { method: 'POST', path: '/app/v1/transactions/{transactionId}/acceptance' },
  chooseCode: { method: 'POST', path: '/app/v1/transactions/{transactionId}/code-choice' },
  submitSignature: { method: 'POST', path: '/app/v1/transactions/{transactionId}/signature' },
  refuse: { method: 'POST', path: '/app/v1/transactions/{transactionId}/refusal' },
  registerPushSubscription: { method: 'PUT', path: '/app/v1/push-subscription' },
  unregisterPushSubscription: { method: 'DELETE', path: '/app/v1/push-subscription' },
  /** Opens a watch pairing (docs/protocol.md, "Watch companion"); the rest of it runs on the relay API. */
  createCompanionPairing: { method: 'POST', path: '/app/v1/companion-pairings' },
} as const;

/** The name of one app API operation. */
export type AppApiOperation = keyof typeof APP_API_ENDPOINTS;
