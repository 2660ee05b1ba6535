import type { Account } from './account.js';
import { CoreError } from './core-error.js';
import type { AccountStore, RelyingPartyStore, SessionStore } from './ports.js';
import type { RelyingParty } from './relying-party.js';
import type { RpSession } from './rp-session.js';

/** Relying parties in process memory (tests, single-process tools). */
export function createMemoryRelyingPartyStore(): RelyingPartyStore {
  const rps = new Map<string, RelyingParty>();
  return {
    async get(id) {
      return rps.get(id);
    },
    async put(rp) {
      rps.set(rp.id, rp);
    },
  };
}

/** Sessions in process memory (tests, single-process tools); updates are synchronous, hence atomic. */
export function createMemorySessionStore(): SessionStore {
  const sessions = new Map<string, RpSession>();
  return {
    async insert(session) {
      if (sessions.has(session.id)) throw new CoreError('SESSION_EXISTS', 'A session with this id exists.');
      sessions.set(session.id, session);
    },
    async get(id) {
      return sessions.get(id);
    },
    async findByToken(sessionToken) {
      return [...sessions.values()].find((s) => s.sessionToken === sessionToken);
    },
    async update(id, change) {
      const session = sessions.get(id);
      if (session === undefined) throw new CoreError('SESSION_NOT_FOUND', 'There is no such session.');
      const changed = change(session);
      if (changed === undefined) return session;
      const saved = { ...changed, version: session.version + 1 };
      sessions.set(id, saved);
      return saved;
    },
    async findByFingerprint(fingerprint, since) {
      return [...sessions.values()]
        .filter((s) => s.fingerprint === fingerprint && s.createdAt >= since)
        .sort((a, b) => b.createdAt - a.createdAt)[0];
    },
    async listRunningByDocumentNumbers(documentNumbers, now) {
      const wanted = new Set(documentNumbers);
      return [...sessions.values()]
        .filter(
          (s) =>
            s.state === 'RUNNING' &&
            now < s.expiresAt &&
            (s.target?.documentNumbers ?? []).some((d) => wanted.has(d)),
        )
        .sort((a, b) => a.createdAt - b.createdAt);
    },
  };
}

/** Accounts in process memory (tests, single-process tools). */
export function createMemoryAccountStore(): AccountStore {
  const accounts = new Map<string, Account>();
  return {
    async insert(account) {
      if (accounts.has(account.documentNumber)) {
        throw new CoreError('ACCOUNT_EXISTS', 'An account with this document number exists.');
      }
      accounts.set(account.documentNumber, account);
    },
    async get(documentNumber) {
      return accounts.get(documentNumber);
    },
    async listBySemanticsIdentifier(semanticsIdentifier) {
      return [...accounts.values()].filter((a) => a.identity.semanticsIdentifier === semanticsIdentifier);
    },
    async listByDevice(deviceId) {
      return [...accounts.values()]
        .filter((a) => a.deviceId === deviceId)
        .sort((a, b) => a.createdAt - b.createdAt);
    },
    async update(documentNumber, change) {
      const account = accounts.get(documentNumber);
      if (account === undefined) throw new CoreError('ACCOUNT_NOT_FOUND', 'There is no such account.');
      const saved = change(account);
      accounts.set(documentNumber, saved);
      return saved;
    },
  };
}
