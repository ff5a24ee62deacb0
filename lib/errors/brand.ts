// Next bundles route handlers, pages and instrumentation as separate module graphs, while the store, the platform
// client and the bgops service are shared per process: an error thrown by one graph's class must still pass
// `instanceof` in another's. Each class brands its instances by name and checks the brand, not the prototype.
const BRANDS = Symbol.for("dotmac-console.error-brands");

type Branded = { [BRANDS]?: Set<string> };

export function brand(target: object, name: string): void {
  const t = target as Branded;
  (t[BRANDS] ??= new Set()).add(name);
}

export function hasBrand(value: unknown, name: string): boolean {
  return typeof value === "object" && value !== null && (value as Branded)[BRANDS]?.has(name) === true;
}
