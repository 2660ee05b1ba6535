/**
 * The CA's public HTTP endpoints: the chain and each CA certificate (AIA caIssuers), OCSP (RFC 6960 A.1: POST
 * application/ocsp-request, or GET with the Base64 request in the path) and CRLs. OCSP answers always carry an
 * OCSP status (malformedRequest, unauthorized, internalError) rather than an HTTP error.
 */
import { buildOcspErrorResponse, decodeBase64 } from '@tessera/pki';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { HttpError } from '../http-error.js';
import { CaError } from './ca-error.js';
import type { CertificateAuthority } from './open-certificate-authority.js';

/** Options of the CA routes plugin. */
export interface CaRoutesOptions {
  readonly ca: CertificateAuthority;
}

/** Largest OCSP request accepted (32 CertIDs with SHA-512 hashes fit well below). */
const OCSP_BODY_LIMIT = 16 * 1024;

function notFound(what: string): CaError {
  return new CaError('CA_NOT_FOUND', `There is no ${what} here.`);
}

/** OpenAPI metadata of a CA route: its summary, and the path parameter it takes, if any. */
function schema(summary: string, param?: string) {
  return {
    tags: ['ca'],
    summary,
    ...(param
      ? { params: { type: 'object', properties: { [param]: { type: 'string' } }, required: [param] } }
      : {}),
  };
}

/** The CA endpoints under /pki. */
export const caRoutes: FastifyPluginAsync<CaRoutesOptions> = async (app, { ca }) => {
  app.addContentTypeParser(
    'application/ocsp-request',
    { parseAs: 'buffer', bodyLimit: OCSP_BODY_LIMIT },
    (_req, body, done) => done(null, body),
  );

  async function answerOcsp(request: FastifyRequest, reply: FastifyReply, der: Uint8Array | undefined) {
    let response: Uint8Array;
    try {
      response = der === undefined ? buildOcspErrorResponse('malformedRequest') : await ca.respondToOcsp(der);
    } catch (error) {
      request.log.error({ err: error }, 'OCSP responder failed');
      response = buildOcspErrorResponse('internalError');
    }
    return reply
      .header('content-type', 'application/ocsp-response')
      .header('cache-control', 'no-cache, no-store')
      .send(Buffer.from(response));
  }

  app.get(
    '/pki/ca-chain.pem',
    { schema: schema('The CA chain (root and issuing CAs) as one PEM file.') },
    async (_request, reply) =>
      reply.header('content-type', 'application/pem-certificate-chain').send(ca.caChainPem()),
  );

  app.get<{ Params: { file: string } }>(
    '/pki/ca/:file',
    { schema: schema('A CA certificate as DER (the caIssuers URL of the certificates it issued).', 'file') },
    async (request, reply) => {
      const m = /^([a-z]+)\.der$/.exec(request.params.file);
      if (!m) throw notFound('such CA certificate');
      return reply.header('content-type', 'application/pkix-cert').send(Buffer.from(ca.caCertificate(m[1]!)));
    },
  );

  app.get<{ Params: { file: string } }>(
    '/pki/crl/:file',
    { schema: schema("A CA's current CRL as DER, always with nextUpdate.", 'file') },
    async (request, reply) => {
      const m = /^([a-z]+)\.crl$/.exec(request.params.file);
      if (!m) throw notFound('such CRL');
      return reply.header('content-type', 'application/pkix-crl').send(Buffer.from(await ca.crl(m[1]!)));
    },
  );

  app.post(
    '/pki/ocsp',
    {
      bodyLimit: OCSP_BODY_LIMIT,
      schema: schema('OCSP (RFC 6960) request by POST, application/ocsp-request.'),
    },
    async (request, reply) => {
      const body = request.body;
      if (!Buffer.isBuffer(body)) {
        throw new HttpError(
          415,
          'UNSUPPORTED_MEDIA_TYPE',
          'OCSP requests are sent as application/ocsp-request.',
        );
      }
      return answerOcsp(request, reply, new Uint8Array(body));
    },
  );

  app.get<{ Params: { '*': string } }>(
    '/pki/ocsp/*',
    { schema: schema('OCSP (RFC 6960 A.1) request by GET, the Base64 DER request in the path.') },
    async (request, reply) => {
      // The router has already percent-decoded the path; Base64 may itself contain '/' and '+'.
      return answerOcsp(request, reply, decodeBase64(request.params['*']));
    },
  );
};
