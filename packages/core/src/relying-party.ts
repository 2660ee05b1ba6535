/**
 * A relying party registered with this deployment. `names` are the names it may show to people (compared
 * case-insensitively, used exactly as sent); `allowedSources` are the addresses or IPv4 CIDR blocks it calls
 * from (`*` for any, as the sandbox's demo RP does).
 */
export interface RelyingParty {
  readonly id: string;
  readonly names: readonly string[];
  readonly allowedSources: readonly string[];
  readonly permissions: {
    /** May ask for ADVANCED (non-qualified) accounts. */
    readonly advancedAccounts: boolean;
    /** May ask for the device's IP address (`requestProperties.shareMdClientIpAddress`). */
    readonly shareDeviceIpAddress: boolean;
  };
  /** Set for a broker acting for others: shown as `brokeredRpName`. */
  readonly brokerName?: string;
}

/** The demo relying party of the sandbox, as in the public demo environment. SANDBOX ONLY. */
export const SANDBOX_DEMO_RELYING_PARTY: RelyingParty = Object.freeze({
  id: '00000000-0000-4000-8000-000000000000',
  names: Object.freeze(['DEMO']),
  allowedSources: Object.freeze(['*']),
  permissions: Object.freeze({ advancedAccounts: true, shareDeviceIpAddress: true }),
});
