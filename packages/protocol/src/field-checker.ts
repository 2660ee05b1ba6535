import { decodeBase64 } from './base64.js';
import { ProtocolError, type ValidationIssue, type ValidationIssueReason } from './protocol-error.js';

/** A JSON object being checked. */
export type JsonObject = Record<string, unknown>;

/** Rules for a string field. */
export interface StringRule {
  readonly required?: boolean;
  readonly pattern?: RegExp;
  readonly minLength?: number;
  readonly maxLength?: number;
  /** Extra check: returns why the value is invalid, or `undefined`. */
  readonly check?: (value: string) => string | undefined;
}

const UNPAIRED_SURROGATE = /[\uD800-\uDFFF]/u;

/**
 * Collects every problem of a JSON value in one pass, so a 400 can list them all. Internal to the
 * validators. Conventions from the RP API checklist: unknown members are ignored (validators copy only
 * known fields out), and an explicit `null` counts as absent.
 */
export class FieldChecker {
  readonly issues: ValidationIssue[] = [];

  constructor(
    private readonly code: 'INVALID_REQUEST' | 'INVALID_RESPONSE',
    private readonly subject: string,
  ) {}

  /** Records an issue at `pointer` (`paramName` is its last segment). */
  report(pointer: string, reason: ValidationIssueReason, detail: string): void {
    const paramName = (pointer.split('/').pop() ?? '').replace(/~1/g, '/').replace(/~0/g, '~');
    this.issues.push({ pointer, paramName, reason, detail });
  }

  /** The body as an object; throws at once if it is not one, since no field can then be checked. */
  root(value: unknown): JsonObject {
    if (isObject(value)) return value;
    this.report('', 'INVALID', `The ${this.subject} must be a JSON object.`);
    return this.done(undefined as never);
  }

  /** A member's value, with `null` and inherited properties read as absent. */
  get(obj: JsonObject, name: string): unknown {
    return Object.hasOwn(obj, name) ? (obj[name] ?? undefined) : undefined;
  }

  /** Records MISSING when a required member is absent; returns whether it is present. */
  present(obj: JsonObject, at: string, name: string, required: boolean | undefined): boolean {
    if (this.get(obj, name) !== undefined) return true;
    if (required) this.report(`${at}/${name}`, 'MISSING', `${name} is required.`);
    return false;
  }

  /** Records NOT_ALLOWED when a member that this body must not carry is present. */
  forbid(obj: JsonObject, at: string, name: string, detail: string): void {
    if (this.get(obj, name) !== undefined) this.report(`${at}/${name}`, 'NOT_ALLOWED', detail);
  }

  string(obj: JsonObject, at: string, name: string, rule: StringRule = {}): string | undefined {
    if (!this.present(obj, at, name, rule.required)) return undefined;
    const value = this.get(obj, name);
    const pointer = `${at}/${name}`;
    if (typeof value !== 'string') return this.fail(pointer, `${name} must be a string.`);
    if (UNPAIRED_SURROGATE.test(value)) return this.fail(pointer, `${name} is not well-formed Unicode.`);
    if (rule.minLength !== undefined && value.length < rule.minLength) {
      return this.fail(pointer, `${name} must have at least ${rule.minLength} characters.`);
    }
    if (rule.maxLength !== undefined && value.length > rule.maxLength) {
      return this.fail(pointer, `${name} must have at most ${rule.maxLength} characters.`);
    }
    if (rule.pattern !== undefined && !rule.pattern.test(value)) {
      return this.fail(pointer, `${name} has an invalid format.`);
    }
    const problem = rule.check?.(value);
    if (problem !== undefined) return this.fail(pointer, problem);
    return value;
  }

  /** A string that must be canonical standard Base64; `bytes` bounds the decoded length. */
  base64(
    obj: JsonObject,
    at: string,
    name: string,
    rule: StringRule & { minBytes?: number; maxBytes?: number } = {},
  ): string | undefined {
    return this.string(obj, at, name, {
      ...rule,
      check: (value) => {
        const bytes = decodeBase64(value);
        if (bytes === undefined) return `${name} must be standard Base64.`;
        if (rule.minBytes !== undefined && bytes.length < rule.minBytes) {
          return `${name} must encode at least ${rule.minBytes} bytes.`;
        }
        if (rule.maxBytes !== undefined && bytes.length > rule.maxBytes) {
          return `${name} must encode at most ${rule.maxBytes} bytes.`;
        }
        return rule.check?.(value);
      },
    });
  }

  oneOf<T extends string>(
    obj: JsonObject,
    at: string,
    name: string,
    values: readonly T[],
    required?: boolean,
  ): T | undefined {
    if (!this.present(obj, at, name, required)) return undefined;
    const value = this.get(obj, name);
    if (typeof value === 'string' && (values as readonly string[]).includes(value)) return value as T;
    return this.fail(`${at}/${name}`, `${name} must be one of ${values.join(', ')}.`);
  }

  boolean(obj: JsonObject, at: string, name: string, required?: boolean): boolean | undefined {
    if (!this.present(obj, at, name, required)) return undefined;
    const value = this.get(obj, name);
    return typeof value === 'boolean' ? value : this.fail(`${at}/${name}`, `${name} must be a boolean.`);
  }

  integer(obj: JsonObject, at: string, name: string, required?: boolean): number | undefined {
    if (!this.present(obj, at, name, required)) return undefined;
    const value = this.get(obj, name);
    return Number.isSafeInteger(value)
      ? (value as number)
      : this.fail(`${at}/${name}`, `${name} must be an integer.`);
  }

  object(obj: JsonObject, at: string, name: string, required?: boolean): JsonObject | undefined {
    if (!this.present(obj, at, name, required)) return undefined;
    const value = this.get(obj, name);
    return isObject(value) ? value : this.fail(`${at}/${name}`, `${name} must be a JSON object.`);
  }

  stringArray(obj: JsonObject, at: string, name: string, required?: boolean): string[] | undefined {
    if (!this.present(obj, at, name, required)) return undefined;
    const value = this.get(obj, name);
    if (!Array.isArray(value) || !value.every((item) => typeof item === 'string')) {
      return this.fail(`${at}/${name}`, `${name} must be an array of strings.`);
    }
    return [...value];
  }

  /** Returns `value` if nothing was reported, else throws the collected issues. */
  done<T>(value: T): T {
    if (this.issues.length === 0) return value;
    throw new ProtocolError(this.code, `The ${this.subject} is invalid.`, { issues: [...this.issues] });
  }

  private fail(pointer: string, detail: string): undefined {
    this.report(pointer, 'INVALID', detail);
    return undefined;
  }
}

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `obj` without its `undefined` members, so validated values carry only fields that were sent. */
export function compact<T extends object>(obj: T): T {
  return Object.fromEntries(Object.entries(obj).filter(([, v]) => v !== undefined)) as T;
}
