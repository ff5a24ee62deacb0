import type { ZodError } from "zod";
import { brand, hasBrand } from "@/lib/errors/brand";

export type StoreKind = "sqlite" | "postgres";

export class StoreError extends Error {
  constructor(message?: string, options?: { cause?: unknown }) {
    super(message, options);
    brand(this, "StoreError");
  }

  static [Symbol.hasInstance](value: unknown): boolean {
    return hasBrand(value, "StoreError");
  }
}

/** Connection or I/O failure: the caller must say "store unavailable" and must not report the write as done. */
export class StoreUnavailableError extends StoreError {
  readonly kind: StoreKind;
  constructor(kind: StoreKind, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "StoreUnavailableError";
    this.kind = kind;
    brand(this, "StoreUnavailableError");
  }

  static [Symbol.hasInstance](value: unknown): boolean {
    return hasBrand(value, "StoreUnavailableError");
  }
}

/** Input refused before any SQL ran. `issues` are "field: problem" lines, safe to show. */
export class StoreInvalidInputError extends StoreError {
  readonly issues: string[];
  constructor(what: string, issues: string[]) {
    super(`invalid ${what}: ${issues.join("; ")}`);
    this.name = "StoreInvalidInputError";
    this.issues = issues;
    brand(this, "StoreInvalidInputError");
  }

  static [Symbol.hasInstance](value: unknown): boolean {
    return hasBrand(value, "StoreInvalidInputError");
  }
  static fromZod(what: string, error: ZodError): StoreInvalidInputError {
    return new StoreInvalidInputError(
      what,
      error.issues.map((i) => `${i.path.length ? i.path.join(".") : "(input)"}: ${i.message}`),
    );
  }
}

export class StoreNotFoundError extends StoreError {
  constructor(message: string) {
    super(message);
    this.name = "StoreNotFoundError";
    brand(this, "StoreNotFoundError");
  }

  static [Symbol.hasInstance](value: unknown): boolean {
    return hasBrand(value, "StoreNotFoundError");
  }
}

/** The record exists but is in a state that forbids the change (e.g. a resolved incident). */
export class StoreStateError extends StoreError {
  constructor(message: string) {
    super(message);
    this.name = "StoreStateError";
    brand(this, "StoreStateError");
  }

  static [Symbol.hasInstance](value: unknown): boolean {
    return hasBrand(value, "StoreStateError");
  }
}

const NODE_IO_CODES = new Set([
  "ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "ENOTFOUND", "EAI_AGAIN", "EHOSTUNREACH", "ENETUNREACH",
  "EPIPE", "EACCES", "EPERM", "EROFS", "ENOSPC", "ENOTDIR", "EEXIST", "EISDIR", "ENOENT",
]);
// SQLSTATE classes: 08 connection, 28 auth, 3D no such database, 53 resources (disk full), 57 operator
// intervention (shutdown, cancel), 58 system I/O.
const PG_UNAVAILABLE_CLASSES = new Set(["08", "28", "3D", "53", "57", "58"]);
const UNAVAILABLE_MESSAGES = [
  /connection terminated/i,
  /timeout exceeded when trying to connect/i,
  /not queryable/i,
  /cannot use a pool after calling end/i,
  /database connection is not open/i,
  /driver has already been destroyed/i,
  /connect ECONNREFUSED/i,
  /query read timeout/i,
];

function isUnavailable(kind: StoreKind, error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === "string") {
    if (NODE_IO_CODES.has(code)) return true;
    if (kind === "sqlite" && /^SQLITE_(CANTOPEN|IOERR|READONLY|FULL|BUSY|LOCKED|CORRUPT|NOTADB|PERM|AUTH)/.test(code)) {
      return true;
    }
    if (kind === "postgres" && code.length === 5 && PG_UNAVAILABLE_CLASSES.has(code.slice(0, 2))) return true;
  }
  if (error instanceof AggregateError && error.errors.some((e) => isUnavailable(kind, e))) return true;
  return UNAVAILABLE_MESSAGES.some((re) => re.test(error.message));
}

/** Maps driver failures to StoreUnavailableError; everything else (bugs, our own errors) passes through. */
export function toStoreError(kind: StoreKind, operation: string, error: unknown): unknown {
  if (error instanceof StoreError) return error;
  if (!isUnavailable(kind, error)) return error;
  const detail = error instanceof Error ? error.message || (error as { code?: string }).code || error.name : String(error);
  return new StoreUnavailableError(kind, `console store unavailable (${kind}) during ${operation}: ${detail}`, {
    cause: error,
  });
}

export type Guard = <T>(operation: string, fn: () => Promise<T>) => Promise<T>;

export function makeGuard(kind: StoreKind): Guard {
  return async (operation, fn) => {
    try {
      return await fn();
    } catch (error) {
      throw toStoreError(kind, operation, error);
    }
  };
}
