/**
 * The one redaction every string from the platform (or Redis, or Vault) passes before it is logged, stored or
 * sent to a browser. A hostile or misconfigured upstream can echo the console's bearer token anywhere: in a
 * Location, a header, a body, an error text. Known secrets are blanked wherever they appear; credential-shaped
 * values (Bearer …, ?token=…, "password": …, user:pass@) are blanked whatever their value.
 */
export type Redactor = (text: string) => string;

export const REDACTED = "(redacted)";

// Query and form parameters whose value is a credential. Not "key": idempotency keys are what operators look up.
const SECRET_PARAM =
  /([?&;#\s]|^)((?:[a-z_-]*token|api[_-]?key|apikey|secret|client[_-]?secret|password|passwd|pwd|x-amz-signature|sig)=)([^&#\s"'<>]*)/gi;
const FIELD_NAMES =
  "(?:proxy-)?authorization|set-cookie|cookie|x-api-key|x-auth-token|x-vault-token|(?:access|refresh|id)?_?token|accesstoken|refreshtoken|api_?key|client_?secret|password|secret";
// JSON "name": "value" (only quoted values, so the JSON stays parseable) and header-like name: value / name=value.
const SECRET_JSON_FIELD = new RegExp(`("(?:${FIELD_NAMES})"\\s*:\\s*")((?:[^"\\\\]|\\\\.)*)(")`, "gi");
const SECRET_HEADER = new RegExp(`\\b(${FIELD_NAMES})(\\s*[:=]\\s*)((?:Bearer|Basic|Token|Digest)\\s+)?([^\\s"',;}&<>]+)`, "gi");
// A credential after an auth scheme: at least 8 characters with a digit, so prose ("No refresh token found",
// "Bearer token missing") stays readable; the known token is blanked above whatever its shape.
const AUTH_SCHEME = /\b(Bearer|bearer|BEARER|Basic|Token|Digest)(\s+)(?=[A-Za-z0-9._~+/=-]*\d)[A-Za-z0-9._~+/=-]{8,}/g;
const JWT = /eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]*/g;
const USERINFO = /(\b[a-z][a-z0-9+.-]*:\/\/)[^\s/@"'<>]+@/gi;

/** Distinct spellings of a secret as it may be echoed: raw, URL-encoded, form-encoded. */
function spellings(secret: string): string[] {
  const forms = new Set([secret, encodeURIComponent(secret), encodeURIComponent(secret).replace(/%20/g, "+")]);
  return [...forms].sort((a, b) => b.length - a.length);
}

/** A redactor for these secrets (too-short values are ignored: blanking "ab" everywhere would garble text). */
export function createRedactor(secrets: readonly (string | undefined | null)[] = []): Redactor {
  const known = secrets.filter((s): s is string => typeof s === "string" && s.length >= 6).flatMap(spellings);
  return (text: string) => {
    if (typeof text !== "string" || text === "") return text;
    let out = text;
    for (const s of known) if (out.includes(s)) out = out.split(s).join(REDACTED);
    return out
      .replace(USERINFO, `$1${REDACTED}@`)
      .replace(JWT, REDACTED)
      .replace(AUTH_SCHEME, `$1$2${REDACTED}`)
      .replace(SECRET_PARAM, (_m, lead: string, name: string) => `${lead}${name}${REDACTED}`)
      .replace(SECRET_JSON_FIELD, (_m, head: string, _v: string, tail: string) => `${head}${REDACTED}${tail}`)
      .replace(SECRET_HEADER, (m, name: string, sep: string, scheme: string | undefined, value: string) =>
        value.startsWith("(redacted") ? m : `${name}${sep}${scheme ?? ""}${REDACTED}`,
      );
  };
}

/** Secrets inside URLs the console is configured with (REDIS_URL, DATABASE_URL): the password and user. */
export function urlSecrets(url: string | undefined): string[] {
  if (!url) return [];
  try {
    const u = new URL(url);
    return [decodeURIComponent(u.password), decodeURIComponent(u.username)].filter((s) => s.length >= 6);
  } catch {
    return [];
  }
}

/**
 * Redacts an error's own texts in place (message, excerpt, location, stack) and returns it, so the same object
 * (its class and brand intact) travels on, safe to log or map into an error envelope.
 */
export function redactError<E>(err: E, redact: Redactor): E {
  if (!err || typeof err !== "object") return err;
  const e = err as Record<string, unknown>;
  for (const field of ["message", "excerpt", "location", "stack", "fallbackError"]) {
    const v = e[field];
    if (typeof v === "string") {
      try {
        e[field] = redact(v);
      } catch {
        // A frozen or getter-only field stays as it was; the message is what is shown.
      }
    }
  }
  if (Array.isArray(e.zodIssues)) e.zodIssues = e.zodIssues.map((i) => (typeof i === "string" ? redact(i) : i));
  return err;
}
