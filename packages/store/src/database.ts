/** The tables, as Kysely sees them. Structured values are JSON text with bytes as base64url (see json-codec). */
export interface Database {
  account_keys: AccountKeysTable;
}

/** One row per account key (the server's half of it). */
export interface AccountKeysTable {
  id: string;
  account_id: string;
  purpose: string;
  /** Lower-case hex, unique: the shared-factor check and the one-modulus-one-key rule read it. */
  modulus: string;
  public_exponent: string;
  /** d_srv wrapped by the key-encryption key; never in clear. */
  wrapped_server_share: Uint8Array;
  lock: string;
  clone_token: string;
  in_flight: string | null;
  last_outcome: string | null;
  created_at: Date;
}
