import type { AccountKey } from './account-key.js';
import { CoreError } from './core-error.js';
import type { AccountKeyStore } from './ports.js';

/**
 * Account keys in process memory, for unit tests and single-process tools: each key's updates run one after
 * another (the in-memory counterpart of a row lock), and a failed update changes nothing.
 */
export function createMemoryAccountKeyStore(): AccountKeyStore {
  const keys = new Map<string, AccountKey>();
  const queues = new Map<string, Promise<unknown>>();
  return {
    async insert(key) {
      if (keys.has(key.id) || [...keys.values()].some((k) => k.modulus === key.modulus)) {
        throw new CoreError('KEY_EXISTS', 'A key with this id or modulus is already registered.');
      }
      keys.set(key.id, key);
    },
    async get(keyId) {
      return keys.get(keyId);
    },
    async listModuli() {
      return [...keys.values()].map((k) => k.modulus);
    },
    update(keyId, decide) {
      const run = (queues.get(keyId) ?? Promise.resolve()).then(async () => {
        const key = keys.get(keyId);
        if (key === undefined) throw new CoreError('KEY_NOT_FOUND', 'There is no such key.');
        const { key: next, result } = await decide(key);
        if (next !== undefined) keys.set(keyId, next);
        return result;
      });
      queues.set(
        keyId,
        run.catch(() => undefined),
      );
      return run;
    },
  };
}
