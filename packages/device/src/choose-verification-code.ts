import { APP_API_ENDPOINTS, type ChooseCodeRequest } from '@tessera/protocol';
import type { DeviceContext } from './device-context.js';
import { loadVault } from './load-vault.js';
import { sendAppRequest } from './send-app-request.js';

/** Sends the verification code the user chose of the three shown. */
export async function chooseVerificationCode(
  context: DeviceContext,
  transactionId: string,
  verificationCode: string,
): Promise<void> {
  const data = await loadVault(context);
  const { method, path } = APP_API_ENDPOINTS.chooseCode;
  const body: ChooseCodeRequest = { verificationCode };
  await sendAppRequest(context, data, {
    method,
    path: path.replace('{transactionId}', encodeURIComponent(transactionId)),
    body: JSON.stringify(body),
  });
}
