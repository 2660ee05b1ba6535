/**
 * The RP API paths (spec §2, §8.1), relative to the service root (e.g. `https://host/smart-id-rp`). Path
 * parameters in braces: `semanticsIdentifier` (e.g. `PNOEE-30303039914`), `documentNumber`, `sessionID`.
 */
export const RP_API_V3_ENDPOINTS = {
  deviceLinkAuthenticationAnonymous: { method: 'POST', path: '/v3/authentication/device-link/anonymous' },
  deviceLinkAuthenticationEtsi: {
    method: 'POST',
    path: '/v3/authentication/device-link/etsi/{semanticsIdentifier}',
  },
  deviceLinkAuthenticationDocument: {
    method: 'POST',
    path: '/v3/authentication/device-link/document/{documentNumber}',
  },
  notificationAuthenticationEtsi: {
    method: 'POST',
    path: '/v3/authentication/notification/etsi/{semanticsIdentifier}',
  },
  notificationAuthenticationDocument: {
    method: 'POST',
    path: '/v3/authentication/notification/document/{documentNumber}',
  },
  deviceLinkSignatureEtsi: { method: 'POST', path: '/v3/signature/device-link/etsi/{semanticsIdentifier}' },
  deviceLinkSignatureDocument: {
    method: 'POST',
    path: '/v3/signature/device-link/document/{documentNumber}',
  },
  notificationSignatureEtsi: {
    method: 'POST',
    path: '/v3/signature/notification/etsi/{semanticsIdentifier}',
  },
  notificationSignatureDocument: {
    method: 'POST',
    path: '/v3/signature/notification/document/{documentNumber}',
  },
  linkedNotificationSignature: { method: 'POST', path: '/v3/signature/notification/linked/{documentNumber}' },
  signingCertificate: { method: 'POST', path: '/v3/signature/certificate/{documentNumber}' },
  deviceLinkCertificateChoiceAnonymous: {
    method: 'POST',
    path: '/v3/signature/certificate-choice/device-link/anonymous',
  },
  notificationCertificateChoiceEtsi: {
    method: 'POST',
    path: '/v3/signature/certificate-choice/notification/etsi/{semanticsIdentifier}',
  },
  sessionStatus: { method: 'GET', path: '/v3/session/{sessionID}' },
} as const;

/** The RP API v2 paths Tessera serves (`private/…` references are not served). */
export const RP_API_V2_ENDPOINTS = {
  certificateChoiceEtsi: { method: 'POST', path: '/v2/certificatechoice/etsi/{semanticsIdentifier}' },
  certificateChoiceDocument: { method: 'POST', path: '/v2/certificatechoice/document/{documentNumber}' },
  authenticationEtsi: { method: 'POST', path: '/v2/authentication/etsi/{semanticsIdentifier}' },
  authenticationDocument: { method: 'POST', path: '/v2/authentication/document/{documentNumber}' },
  signatureEtsi: { method: 'POST', path: '/v2/signature/etsi/{semanticsIdentifier}' },
  signatureDocument: { method: 'POST', path: '/v2/signature/document/{documentNumber}' },
  sessionStatus: { method: 'GET', path: '/v2/session/{sessionID}' },
} as const;
