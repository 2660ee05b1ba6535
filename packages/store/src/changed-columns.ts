/** Whether two column values are equal: text, numbers, booleans and null by value, dates by instant, bytes by content. */
function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a instanceof Date && b instanceof Date) return a.getTime() === b.getTime();
  if (a instanceof Uint8Array && b instanceof Uint8Array) {
    return a.length === b.length && Buffer.compare(a, b) === 0;
  }
  return false;
}

/**
 * The columns of `next` whose values differ from the row as it was read: an update writes only these, so a
 * step that changes one field of a session or key does not send the others (a session's request, a key's
 * modulus and certificate) again.
 */
export function changedColumns<Row extends object>(read: Row, next: Row): Partial<Row> {
  const changed: Partial<Row> = {};
  for (const column of Object.keys(next) as (keyof Row)[]) {
    if (!sameValue(read[column], next[column])) changed[column] = next[column];
  }
  return changed;
}

/**
 * How many times an optimistic update (read, decide, write if the version is still the one read) reads again
 * after losing a race to another writer before it gives up. Each loss means another writer's update landed.
 */
export const MAX_UPDATE_ATTEMPTS = 100;
