/**
 * @tessera/pki: certificate profiles (Smart-ID auth/sign, ADVANCED/QUALIFIED), issuance from a CSR with an
 * injected signer, OCSP and CRL encoding, chain validation. Pure: no I/O, no environment; keys, time and
 * randomness come in as arguments.
 */
export { type BuildCrlInput, buildCrl, type CrlEntry } from './build-crl.js';
export {
  type BuildOcspResponseInput,
  buildOcspErrorResponse,
  buildOcspResponse,
  type OcspCertStatus,
  type OcspErrorStatus,
  type OcspSingleResponse,
} from './build-ocsp-response.js';
export { checkEndEntityKey } from './check-end-entity-key.js';
export { createCertificationRequest } from './create-certification-request.js';
export { createOcspRequest } from './create-ocsp-request.js';
export {
  type AccountEvent,
  decideAccountRevocation,
  type RevocationDecision,
} from './decide-account-revocation.js';
export {
  type DistinguishedName,
  decodeDistinguishedName,
  encodeDistinguishedName,
  formatDistinguishedName,
  type NameAttribute,
  type NameAttributeType,
} from './distinguished-name.js';
export { ecdsaSignatureFromDer, ecdsaSignatureToDer } from './ecdsa-signature.js';
export type { HashName } from './hash.js';
export { type IssueCaCertificateInput, issueCaCertificate } from './issue-ca-certificate.js';
export { type IssueCertificateInput, issueCertificate } from './issue-certificate.js';
export {
  type IssueOcspResponderCertificateInput,
  issueOcspResponderCertificate,
} from './issue-ocsp-responder-certificate.js';
export type { Issuer, IssuerUrls } from './issuer-context.js';
export { computeIssuerHashes, type IssuerHashes } from './issuer-hashes.js';
export { OID } from './oids.js';
export { type CertificateExtension, type ParsedCertificate, parseCertificate } from './parse-certificate.js';
export {
  MAX_OCSP_REQUEST_CERT_IDS,
  type OcspCertId,
  type OcspRequest,
  parseOcspRequest,
} from './parse-ocsp-request.js';
export { decodeBase64, decodePem, encodeBase64, encodePem } from './pem.js';
export { PkiError, type PkiErrorCode } from './pki-error.js';
export {
  type CaNaming,
  type CertificateLevel,
  type CertificatePurpose,
  type DeploymentPolicy,
  END_ENTITY_PROFILE_TABLE,
  type EndEntityProfile,
  type KeyUsageName,
  type PolicySpec,
  type QcStatementName,
  sandboxPolicy,
  selectEndEntityProfile,
} from './profiles.js';
export {
  curveSize,
  describePublicKey,
  encodeEcPublicKey,
  encodeRsaPublicKey,
  type NamedCurve,
  type PublicKeyDescription,
  subjectPublicKeyBits,
} from './public-key.js';
export { type CertificateContents, readCertificateContents } from './read-certificate-contents.js';
export { isRevocationReason, REVOCATION_REASON_CODES, type RevocationReason } from './revocation-reason.js';
export { formatSerialNumber, generateSerialNumber, parseSerialNumber } from './serial-number.js';
export { SIGNATURE_ALGORITHMS, type SignatureAlgorithm, type Signer } from './signer.js';
export { type SubjectIdentity, subjectNameOf } from './subject-identity.js';
export {
  type ChainFailureReason,
  type ChainValidationResult,
  type ValidateCertificateChainInput,
  validateCertificateChain,
} from './validate-certificate-chain.js';
export { type CertificationRequest, verifyCertificationRequest } from './verify-certification-request.js';
export {
  type OcspVerdict,
  type VerifyOcspResponseInput,
  verifyOcspResponse,
} from './verify-ocsp-response.js';
