/** Whether a database error is PostgreSQL's foreign_key_violation (SQLSTATE 23503), from pg or PGlite alike. */
export function isForeignKeyViolation(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === '23503';
}
