/** A configuration that cannot start the server; the message names the variable or JSON path at fault. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  readonly code = 'INVALID_CONFIG' as const;

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}
