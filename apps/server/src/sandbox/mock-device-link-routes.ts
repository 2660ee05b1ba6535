/**
 * SIMULATED: `POST /mock/device-link` (spec §4.6), the sandbox's test hook for device-link flows. The scripted
 * test account's simulated phone opens the link the RP built (authCode and QR freshness checked as for any phone)
 * and answers it; for Web2App/App2App it then requests the callback URL with the browser's cookie and the
 * `sessionSecretDigest` / `userChallengeVerifier` parameters. The RP polls the session as usual. Registered in
 * the sandbox only.
 */
import { DeviceError } from '@tessera/device';
import type { FastifyPluginAsync } from 'fastify';
import { type Static, Type } from 'typebox';
import { HttpError } from '../http-error.js';
import type { SimulatedUser } from './simulated-user.js';

const MockDeviceLinkBody = Type.Object({
  documentNumber: Type.String({ minLength: 1, maxLength: 64 }),
  deviceLink: Type.String({ minLength: 1, maxLength: 4000 }),
  flowType: Type.Union([Type.Literal('QR'), Type.Literal('Web2App'), Type.Literal('App2App')]),
  browserCookie: Type.Optional(Type.String({ maxLength: 4000 })),
  initialCallbackUrl: Type.Optional(Type.String({ maxLength: 2000 })),
});

/** The mock endpoint, answering through the sandbox's simulated user. */
export const mockDeviceLinkRoutes: FastifyPluginAsync<{ simulatedUser: SimulatedUser }> = async (
  app,
  { simulatedUser },
) => {
  app.post<{ Body: Static<typeof MockDeviceLinkBody> }>(
    '/mock/device-link',
    {
      schema: {
        summary:
          'SANDBOX ONLY: resolve a device-link session with a scripted test account (and request its callback URL).',
        tags: ['sandbox'],
        body: MockDeviceLinkBody,
      },
    },
    async (request) => {
      const body = request.body;
      if (
        body.flowType !== 'QR' &&
        (body.browserCookie === undefined || body.initialCallbackUrl === undefined)
      ) {
        throw new HttpError(
          400,
          'INVALID_REQUEST',
          'Web2App and App2App need browserCookie and initialCallbackUrl.',
        );
      }
      try {
        await simulatedUser.resolveDeviceLink(body);
      } catch (error) {
        // The phone's refusal (an invalid or expired link, a session not for this account) is the caller's 400.
        if (error instanceof DeviceError) {
          throw new HttpError(400, error.problemCode ?? 'DEVICE_LINK_REFUSED', error.message);
        }
        throw error;
      }
      return {};
    },
  );
};
