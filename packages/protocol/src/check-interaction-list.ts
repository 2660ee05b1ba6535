import {
  INTERACTION_TYPES,
  INTERACTION_TYPES_BY_FLOW,
  type InteractionFlow,
  type V2Interaction,
  type V2InteractionType,
} from './interactions.js';
import type { ValidationIssue } from './protocol-error.js';

const TEXT_FIELDS = ['displayText60', 'displayText200'] as const;

/**
 * Checks a parsed interactions array against the rules of `flow` (spec §4.5): a non-empty array of objects,
 * each with a known type allowed in the flow, exactly its own text field, non-empty and within the limit, and
 * no type twice. Unknown members of an item are ignored; `null` counts as absent. Issues point below `base`.
 * Internal: the public entry points are `decodeInteractions` and the request validators.
 */
export function checkInteractionList(
  value: unknown,
  flow: InteractionFlow,
  base: string,
  paramName: string,
): { interactions: V2Interaction[]; issues: ValidationIssue[] } {
  const issues: ValidationIssue[] = [];
  const interactions: V2Interaction[] = [];
  if (!Array.isArray(value)) {
    issues.push({
      pointer: base,
      paramName,
      reason: 'INVALID',
      detail: 'Interactions must be a JSON array.',
    });
    return { interactions, issues };
  }
  if (value.length === 0) {
    issues.push({ pointer: base, paramName, reason: 'INVALID', detail: 'Interactions must not be empty.' });
  }
  const allowed = INTERACTION_TYPES_BY_FLOW[flow];
  const seen = new Set<string>();
  value.forEach((item: unknown, index) => {
    const at = `${base}/${index}`;
    if (typeof item !== 'object' || item === null || Array.isArray(item)) {
      issues.push({
        pointer: at,
        paramName,
        reason: 'INVALID',
        detail: `Interaction ${index} must be an object.`,
      });
      return;
    }
    const record = item as Record<string, unknown>;
    const type = record.type ?? undefined;
    if (type === undefined) {
      issues.push({
        pointer: `${at}/type`,
        paramName: 'type',
        reason: 'MISSING',
        detail: 'The type is missing.',
      });
      return;
    }
    if (typeof type !== 'string' || !Object.hasOwn(INTERACTION_TYPES, type)) {
      issues.push({
        pointer: `${at}/type`,
        paramName: 'type',
        reason: 'INVALID',
        detail: 'Unknown interaction type.',
      });
      return;
    }
    const known = type as V2InteractionType;
    if (!allowed.includes(known)) {
      issues.push({
        pointer: `${at}/type`,
        paramName: 'type',
        reason: 'NOT_ALLOWED',
        detail: `The interaction type ${known} is not allowed here.`,
      });
    }
    if (seen.has(known)) {
      issues.push({
        pointer: `${at}/type`,
        paramName: 'type',
        reason: 'NOT_ALLOWED',
        detail: `The interaction type ${known} appears more than once.`,
      });
    }
    seen.add(known);
    const { textField, maxLength } = INTERACTION_TYPES[known];
    for (const other of TEXT_FIELDS) {
      if (other !== textField && (record[other] ?? undefined) !== undefined) {
        issues.push({
          pointer: `${at}/${other}`,
          paramName: other,
          reason: 'NOT_ALLOWED',
          detail: `${known} takes ${textField}, not ${other}.`,
        });
      }
    }
    const text = record[textField] ?? undefined;
    if (text === undefined || text === '') {
      issues.push({
        pointer: `${at}/${textField}`,
        paramName: textField,
        reason: 'MISSING',
        detail: `${textField} is missing or empty.`,
      });
      return;
    }
    if (typeof text !== 'string') {
      issues.push({
        pointer: `${at}/${textField}`,
        paramName: textField,
        reason: 'INVALID',
        detail: `${textField} must be a string.`,
      });
      return;
    }
    if ([...text].length > maxLength) {
      issues.push({
        pointer: `${at}/${textField}`,
        paramName: textField,
        reason: 'INVALID',
        detail: `${textField} is longer than ${maxLength} characters.`,
      });
      return;
    }
    interactions.push({ type: known, [textField]: text } as V2Interaction);
  });
  return { interactions, issues };
}
