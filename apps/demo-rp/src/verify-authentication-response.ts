/**
 * What a relying party must check before it believes an authentication (spec §3 "client strictness", §6.1,
 * §6.4): the response shape, that it answers our own request (flow type offered, algorithm and hash asked,
 * certificate level), the certificate's chain to our trust anchor, and the ACSP_V2 signature over the payload
 * rebuilt from our request and the response. Only then the person's name and document number are taken from
 * the certificate.
 */
import { constants, verify, X509Certificate } from 'node:crypto';
import { decodePem, validateCertificateChain } from '@tessera/pki';
import {
  buildAcspV2Payload,
  type CompleteSessionStatus,
  type FlowType,
  type HashAlgorithm,
} from '@tessera/protocol';

/** What we asked for, to hold the response against. */
export interface AuthenticationExpectations {
  readonly schemeName: string;
  readonly relyingPartyName: string;
  readonly rpChallenge: string;
  readonly interactions: string;
  readonly initialCallbackUrl?: string;
  readonly offeredFlowTypes: readonly FlowType[];
  readonly hashAlgorithm: HashAlgorithm;
  readonly certificateLevel: 'QUALIFIED' | 'ADVANCED';
  /** The CA chain we trust (PEM): its self-signed certificates are the anchors, the others intermediates. */
  readonly trustedChainPem: string;
  readonly now: Date;
}

/** The person the response proves. */
export interface AuthenticatedPerson {
  readonly documentNumber: string;
  readonly semanticsIdentifier: string;
  readonly givenName: string;
  readonly surname: string;
}

/** A response the relying party must not accept; the message says which check failed. */
export class AuthenticationRejectedError extends Error {
  override readonly name = 'AuthenticationRejectedError';
}

const NODE_HASH: Readonly<Record<HashAlgorithm, string>> = {
  'SHA-256': 'sha256',
  'SHA-384': 'sha384',
  'SHA-512': 'sha512',
  'SHA3-256': 'sha3-256',
  'SHA3-384': 'sha3-384',
  'SHA3-512': 'sha3-512',
};

function reject(message: string): never {
  throw new AuthenticationRejectedError(message);
}

function subjectField(certificate: X509Certificate, name: string): string {
  const line = certificate.subject.split('\n').find((l) => l.startsWith(`${name}=`));
  return line === undefined ? reject(`The certificate subject has no ${name}.`) : line.slice(name.length + 1);
}

/** Verifies an OK authentication response against our request; throws AuthenticationRejectedError. */
export async function verifyAuthenticationResponse(
  status: CompleteSessionStatus,
  expected: AuthenticationExpectations,
): Promise<AuthenticatedPerson> {
  if (status.result.endResult !== 'OK') reject(`The session ended ${status.result.endResult}.`);
  const documentNumber = status.result.documentNumber ?? reject('The result has no documentNumber.');
  if (status.signatureProtocol !== 'ACSP_V2' || status.signature === undefined) {
    reject('The response carries no ACSP_V2 signature.');
  }
  const signature = status.signature;
  if (!expected.offeredFlowTypes.includes(signature.flowType)) {
    reject(`The flow type ${signature.flowType} was not offered.`);
  }
  const parameters = signature.signatureAlgorithmParameters;
  if (signature.signatureAlgorithm !== 'rsassa-pss' || parameters?.hashAlgorithm !== expected.hashAlgorithm) {
    reject(`The signature is not rsassa-pss with ${expected.hashAlgorithm} as asked.`);
  }
  const cert = status.cert ?? reject('The response has no certificate.');
  if (expected.certificateLevel === 'QUALIFIED' && cert.certificateLevel !== 'QUALIFIED') {
    reject('A QUALIFIED certificate was asked for.');
  }
  const der = new Uint8Array(Buffer.from(cert.value, 'base64'));
  const chain = decodePem(expected.trustedChainPem, 'CERTIFICATE').map((d) => new X509Certificate(d));
  const validation = await validateCertificateChain({
    certificate: der,
    trustAnchors: chain.filter((c) => c.subject === c.issuer).map((c) => new Uint8Array(c.raw)),
    intermediates: chain.filter((c) => c.subject !== c.issuer).map((c) => new Uint8Array(c.raw)),
    now: expected.now,
  });
  if (!validation.valid) reject(`The certificate does not chain to the trusted CA: ${validation.detail}`);

  const certificate = new X509Certificate(der);
  if (!(certificate.subjectAltName ?? '').split(/,\s*/).includes(`DirName:CN=${documentNumber}`)) {
    reject('The certificate is not for the document number of the result.');
  }
  const payload = buildAcspV2Payload({
    schemeName: expected.schemeName,
    serverRandom: signature.serverRandom,
    rpChallenge: expected.rpChallenge,
    userChallenge: signature.userChallenge,
    relyingPartyName: expected.relyingPartyName,
    interactions: expected.interactions,
    interactionTypeUsed: status.interactionTypeUsed ?? reject('The response has no interactionTypeUsed.'),
    initialCallbackUrl: expected.initialCallbackUrl,
    flowType: signature.flowType,
  });
  const valid = verify(
    NODE_HASH[expected.hashAlgorithm],
    payload,
    {
      key: certificate.publicKey,
      padding: constants.RSA_PKCS1_PSS_PADDING,
      saltLength: parameters.saltLength,
    },
    Buffer.from(signature.value, 'base64'),
  );
  if (!valid) reject('The ACSP_V2 signature does not verify with the certificate.');
  return {
    documentNumber,
    semanticsIdentifier: subjectField(certificate, 'serialNumber'),
    givenName: subjectField(certificate, 'GN'),
    surname: subjectField(certificate, 'SN'),
  };
}
