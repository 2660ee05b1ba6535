/** Node-only additions to @tessera/protocol: the server's check of a signed device request. */

export * from './index.js';
export { type VerifyDeviceRequestInput, verifyDeviceRequest } from './verify-device-request.js';
