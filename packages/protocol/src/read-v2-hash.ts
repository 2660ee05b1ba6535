import { hashOctetLength, V2_HASH_TYPES, type V2HashType } from './algorithms.js';
import { checkInteractionList } from './check-interaction-list.js';
import type { FieldChecker, JsonObject } from './field-checker.js';
import type { V2Interaction } from './interactions.js';

const V2_HASH_TYPE_NAMES = Object.keys(V2_HASH_TYPES) as V2HashType[];

/** v2 `hash` + `hashType`: the hash is standard Base64 of exactly the digest length. Internal. */
export function readV2Hash(c: FieldChecker, o: JsonObject): { hash?: string; hashType?: V2HashType } {
  const hashType = c.oneOf(o, '', 'hashType', V2_HASH_TYPE_NAMES, true);
  const length = hashType === undefined ? undefined : hashOctetLength(V2_HASH_TYPES[hashType]);
  const hash = c.base64(o, '', 'hash', { required: true, minBytes: length ?? 32, maxBytes: length ?? 64 });
  return { hash, hashType };
}

/** v2 `allowedInteractionsOrder`: a plain JSON array under the v2 rules. Internal. */
export function readAllowedInteractionsOrder(c: FieldChecker, o: JsonObject): V2Interaction[] | undefined {
  if (!c.present(o, '', 'allowedInteractionsOrder', true)) return undefined;
  const { interactions, issues } = checkInteractionList(
    c.get(o, 'allowedInteractionsOrder'),
    'v2',
    '/allowedInteractionsOrder',
    'allowedInteractionsOrder',
  );
  c.issues.push(...issues);
  return issues.length === 0 ? interactions : undefined;
}
