/**
 * An error raised by PostgreSQL (or PGlite), carrying the SQLSTATE `code` and,
 * where PostgreSQL gives them, the constraint/table/column involved. `pg`'s own
 * DatabaseError has the same fields, so callers check `error.code` either way.
 */
export class DatabaseError extends Error {
  code?: string;
  detail?: string;
  constraint?: string;
  table?: string;
  column?: string;

  constructor(fields: Record<string, unknown> & { message: string }) {
    super(fields.message);
    this.name = 'DatabaseError';
    Object.assign(this, fields);
  }
}

/** SQLSTATE 23505: a unique constraint was violated. */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  const candidate = error as { code?: unknown; constraint?: unknown } | null;
  return candidate?.code === '23505' && (constraint === undefined || candidate.constraint === constraint);
}
