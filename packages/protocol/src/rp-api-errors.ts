/**
 * Every error the RP API answers with, and its HTTP status (spec §1, §8.1). From v3 3.2.0 "no suitable
 * account" and "view the app or portal" are 404 with an RFC 9457 body; v2, v3 ≤ 3.1 and a legacy mode use
 * 471 and 472 instead, which both official clients still understand.
 */
export type RpApiErrorCode =
  | 'INVALID_REQUEST'
  | 'RELYING_PARTY_UNAUTHORIZED'
  | 'RELYING_PARTY_FORBIDDEN'
  | 'ACCOUNT_NOT_FOUND'
  | 'DOCUMENT_NOT_FOUND'
  | 'NO_SUITABLE_ACCOUNT'
  | 'PERSON_SHOULD_VIEW_APP_OR_PORTAL'
  | 'SESSION_NOT_FOUND'
  | 'CLIENT_TOO_OLD'
  | 'UNDER_MAINTENANCE'
  | 'INTERNAL_ERROR';

/** How an RP API error goes on the wire. `problemCode` is the `errors[0].code` v3 puts in 404 bodies. */
export interface RpApiErrorInfo {
  readonly status: number;
  /** The status in v2, in v3 ≤ 3.1, and in Tessera's legacy mode, where it differs. */
  readonly legacyStatus?: number;
  readonly title: string;
  readonly detail: string;
  readonly problemCode?: string;
}

/** The table of RP API errors. */
export const RP_API_ERRORS: { readonly [C in RpApiErrorCode]: RpApiErrorInfo } = {
  INVALID_REQUEST: { status: 400, title: 'Bad Request', detail: 'Invalid request parameters found' },
  RELYING_PARTY_UNAUTHORIZED: {
    status: 401,
    title: 'Unauthorized',
    detail: 'Relying party authentication failed',
  },
  RELYING_PARTY_FORBIDDEN: {
    status: 403,
    title: 'Forbidden',
    detail: 'Relying party has no permission for this request',
  },
  ACCOUNT_NOT_FOUND: { status: 404, title: 'Not Found', detail: 'No account found for the user' },
  DOCUMENT_NOT_FOUND: {
    status: 404,
    title: 'Not Found',
    detail: 'Document not found, not active, or no suitable account exists',
  },
  NO_SUITABLE_ACCOUNT: {
    status: 404,
    legacyStatus: 471,
    title: 'Not Found',
    detail: 'No suitable account of requested type found, but user has some other accounts',
    problemCode: 'NO_SUITABLE_ACCOUNT_FOUND',
  },
  PERSON_SHOULD_VIEW_APP_OR_PORTAL: {
    status: 404,
    legacyStatus: 472,
    title: 'Not Found',
    detail: 'Person should view Smart-ID app or Smart-ID self-service portal now',
    problemCode: 'PERSON_SHOULD_VIEW_APP_OR_PORTAL',
  },
  SESSION_NOT_FOUND: { status: 404, title: 'Not Found', detail: 'Session does not exist or has expired' },
  CLIENT_TOO_OLD: {
    status: 480,
    title: 'Client Too Old',
    detail: 'RP API client too old, update the library',
  },
  UNDER_MAINTENANCE: {
    status: 580,
    title: 'System Under Maintenance',
    detail: 'System is under maintenance, retry later',
  },
  INTERNAL_ERROR: { status: 500, title: 'Internal Server Error', detail: 'Internal server error' },
};
