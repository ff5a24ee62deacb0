/** For the env-template widget: which values may be shown as they are, and how the others are masked. */
const SECRET_NAME = /(TOKEN|SECRET|PASSWORD|PASSWD|PRIVATE|CREDENTIAL|API_KEY|_KEY$|^KEY$)/i;

export function isSecretVariable(name: string): boolean {
  return SECRET_NAME.test(name);
}

/** Secret variables become "••••••"; URLs keep everything but a password (redis://:pw@host, postgres://u:pw@h). */
export function maskEnvValue(name: string, value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (isSecretVariable(name)) return value === "" ? "" : "••••••";
  const m = /^([a-z][a-z0-9+.-]*:\/\/)([^/?#@]*)@/i.exec(value);
  if (!m || m[1] === undefined || m[2] === undefined) return value;
  const userinfo = m[2];
  const colon = userinfo.indexOf(":");
  const masked = colon === -1 ? "••••••" : `${userinfo.slice(0, colon)}:••••••`;
  return m[1] + masked + value.slice(m[0].length - 1);
}
