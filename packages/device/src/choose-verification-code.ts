import { APP_API_ENDPOINTS, type ChooseCodeRequest, type ChooseCodeResponse } from '@tessera/protocol';
import type { DeviceContext } from './device-context.js';
import { DeviceError } from './device-error.js';
import { loadVault } from './load-vault.js';
import { sendAppRequest } from './send-app-request.js';

/** Sends the verification code the user chose of the three shown; a wrong one ends the session (`WRONG_VC`). */
export async function chooseVerificationCode(
  context: DeviceContext,
  transactionId: string,
  verificationCode: string,
): Promise<ChooseCodeResponse> {
  const data = await loadVault(context);
  const { method, path } = APP_API_ENDPOINTS.chooseCode;
  const body: ChooseCodeRequest = { verificationCode };
  const answer = (await sendAppRequest(context, data, {
    method,
    path: path.replace('{transactionId}', encodeURIComponent(transactionId)),
    body: JSON.stringify(body),
  })) as Partial<ChooseCodeResponse> | null;
  if (answer?.result !== 'OK' && answer?.result !== 'WRONG_VC') {
    throw new DeviceError('INVALID_RESPONSE', 'The answer to a code choice is malformed.');
  }
  return { result: answer.result };
}
