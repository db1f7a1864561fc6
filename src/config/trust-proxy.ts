import { isIP } from 'node:net';

/** What Express's `trust proxy` is set to: trust no proxy, the last N hops, or these addresses. */
export type TrustProxy = false | number | string[];

const NAMED = new Set(['loopback', 'linklocal', 'uniquelocal']);

function isAddressOrSubnet(entry: string): boolean {
  if (NAMED.has(entry)) return true;
  const [address, prefix, ...rest] = entry.split('/');
  const version = isIP(address);
  if (!version || rest.length > 0) return false;
  if (prefix === undefined) return true;
  if (!/^\d{1,3}$/.test(prefix)) return false;
  return Number(prefix) <= (version === 4 ? 32 : 128);
}

/**
 * TRUST_PROXY: `false` (connect directly; X-Forwarded-* ignored), a hop count (`1`: one balancer in
 * front), or a comma list of proxy addresses, subnets (CIDR) and the names loopback, linklocal,
 * uniquelocal. `true` (trust every hop) is refused: any client could then choose its own address
 * and escape the per-address sign-in lock. Returns null for a value that is none of these.
 */
export function parseTrustProxy(raw: string): TrustProxy | null {
  const value = raw.trim().toLowerCase();
  if (value === 'false') return false;
  if (/^\d{1,2}$/.test(value)) return Number(value) === 0 ? false : Number(value);
  const entries = value.split(',').map((e) => e.trim());
  return entries.length > 0 && entries.every(isAddressOrSubnet) ? entries : null;
}
