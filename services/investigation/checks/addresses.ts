/** IP addresses and mail domains as the checks compare them. */
import { isIP } from 'node:net';
import type { InvestigationData } from '../data';
import { folded, text } from './values';

/**
 * Returns the IP address in one canonical spelling, so that `2001:DB8:0:0::1` and
 * `2001:db8::1` count as the same address. Anything that is no IP is trimmed and lower-cased.
 */
export function normaliseIp(value: unknown): string | null {
  const raw = text(value);
  if (raw === null) return null;
  const bare = raw
    .replace(/^\[(.*)\]$/, '$1')
    .replace(/%.*$/, '')
    .toLowerCase();
  if (isIP(bare) !== 6) return bare;
  // The WHATWG URL parser serialises IPv6 hosts in the compressed RFC 5952 form.
  const canonical = new URL(`http://[${bare}]/`).hostname.slice(1, -1);
  return mappedIpv4(canonical) ?? canonical;
}

// An IPv4-mapped IPv6 address (::ffff:203.0.113.7) is the IPv4 client itself.
function mappedIpv4(canonical: string): string | null {
  const match = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(canonical);
  if (match === null) return null;
  const high = parseInt(match[1], 16);
  const low = parseInt(match[2], 16);
  return [high >> 8, high & 255, low >> 8, low & 255].join('.');
}

/**
 * Returns the tenant's domains, lower case. Falls back to the domains of the user's UPN and
 * mail when the organization's verified domains were not read.
 */
export function tenantDomains(data: InvestigationData): string[] {
  const verified = data.tenantDomains.map(folded).filter((domain) => domain !== '');
  if (verified.length > 0) return verified;
  const own = [data.user.userPrincipalName, data.user.mail].map(domainOf);
  return own.filter((domain): domain is string => domain !== null);
}

/** Returns the lower-case domain of a mail address, or null when it has none. */
export function domainOf(address: unknown): string | null {
  const value = folded(address);
  const at = value.lastIndexOf('@');
  if (at < 0 || at === value.length - 1) return null;
  return value.slice(at + 1);
}

/**
 * Returns true when the address belongs to no tenant domain nor a subdomain of one. An
 * address without a domain (an Exchange legacy DN such as `/o=ExchangeLabs/...`) is a
 * mailbox inside the organisation, so it is not outside.
 */
export function isOutsideAddress(address: unknown, domains: string[]): boolean {
  const domain = domainOf(address);
  if (domain === null) return false;
  return !domains.some((tenant) => domain === tenant || domain.endsWith(`.${tenant}`));
}
