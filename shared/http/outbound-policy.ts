import { isIP } from 'node:net';
import ipaddr from 'ipaddr.js';
import * as m from '#shared/http/messages';
import type { LocalizedText } from '#shared/i18n/catalogue';

type Address = ipaddr.IPv4 | ipaddr.IPv6;

/**
 * Which destinations outbound requests may reach: public unicast addresses, plus whatever
 * the allow-list names (host names, addresses or CIDRs) so that local mode and tests can
 * reach 127.0.0.1 explicitly.
 */
export interface OutboundPolicy {
  /** True when connecting to this address (literal or resolved) is allowed. */
  allowsAddress(address: string): boolean;
  /** True when a host name may be connected to at these resolved addresses; ANY refused address refuses them all. */
  allowsResolution(hostname: string, addresses: readonly { address: string }[]): boolean;
}

export type UrlCheck =
  | { ok: true; url: URL }
  | { ok: false; kind: 'invalid_url' | 'address_refused'; reason: LocalizedText };

// The only block IANA allocates for global unicast; anything outside it (IPv4-compatible
// ::a.b.c.d, ::/8, 4000::/3 …) is refused even where ipaddr.js calls it 'unicast'.
const GLOBAL_UNICAST_V6 = ipaddr.IPv6.parseCIDR('2000::/3');
// 64:ff9b::/96 translates to public IPv4 through NAT64; its local-use sibling
// 64:ff9b:1::/48 (same ipaddr.js range) may reach private networks and stays refused.
const NAT64_WELL_KNOWN = ipaddr.IPv6.parseCIDR('64:ff9b::/96');

const HOST_NAME = /^(?=.{1,253}$)[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?(\.[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?)*$/;

/** Splits `OUTBOUND_ALLOW_LIST` (comma-separated host names, IPs or CIDRs); unset means empty. */
export function parseAllowList(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
}

/**
 * Builds the policy for an allow-list. Throws on an entry that is neither a host name, an
 * IP address nor a CIDR, so a mistyped OUTBOUND_ALLOW_LIST fails at init, not silently.
 */
export function createOutboundPolicy(allowList: readonly string[]): OutboundPolicy {
  const hostNames = new Set<string>();
  const ranges: [Address, number][] = [];
  for (const raw of allowList) {
    const entry = raw.trim().toLowerCase();
    if (ipaddr.isValidCIDR(entry)) ranges.push(ipaddr.parseCIDR(entry));
    else if (isIP(entry)) {
      const address = ipaddr.parse(entry);
      ranges.push([address, address.kind() === 'ipv4' ? 32 : 128]);
    } else if (HOST_NAME.test(withoutTrailingDot(entry))) hostNames.add(withoutTrailingDot(entry));
    else throw new Error(`Outbound allow-list entry "${raw}" is not a host name, IP address or CIDR`);
  }

  const allowsAddress = (literal: string): boolean => {
    const address = parseAddress(literal);
    if (address === undefined) return false;
    const listed = ranges.some(([range, bits]) => range.kind() === address.kind() && address.match(range, bits));
    return listed || isPublic(address);
  };

  return {
    allowsAddress,
    allowsResolution: (hostname, addresses) =>
      hostNames.has(withoutTrailingDot(hostname.toLowerCase())) ||
      (addresses.length > 0 && addresses.every(({ address }) => allowsAddress(address))),
  };
}

/**
 * The save-time check: http(s) only, no credentials, a host, and a literal IP host must be
 * allowed. Host names pass: what they resolve to is checked when connecting, because that
 * is the only answer that counts (DNS can change between saving and calling).
 */
export function checkOutboundUrl(input: string | URL, policy: OutboundPolicy): UrlCheck {
  let url: URL;
  try {
    url = new URL(input);
  } catch {
    return { ok: false, kind: 'invalid_url', reason: m.urlNotAbsolute() };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return { ok: false, kind: 'invalid_url', reason: m.urlScheme() };
  }
  if (url.username !== '' || url.password !== '') {
    return { ok: false, kind: 'invalid_url', reason: m.urlCredentials() };
  }
  const host = connectHost(url);
  if (host === '') return { ok: false, kind: 'invalid_url', reason: m.urlHost() };
  // Node connects to a literal IP without calling `lookup`, so it is checked here.
  if (isIP(host) !== 0 && !policy.allowsAddress(host)) {
    return { ok: false, kind: 'address_refused', reason: m.urlPrivateAddress() };
  }
  return { ok: true, url };
}

/** The host as `net.connect` receives it: IPv6 literals without their URL brackets. */
export function connectHost(url: URL): string {
  return url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
}

/**
 * True when the allow-list names `host` itself (a host name, an IP literal, or a CIDR the IP
 * literal is in): the explicit allowance, unlike `allowsAddress`, which also lets public
 * addresses through. Load tests use it (their targets must be allow-listed or verified).
 */
export function isAllowListed(allowList: readonly string[], host: string): boolean {
  const name = withoutTrailingDot(host.toLowerCase().replace(/^\[(.*)\]$/, '$1'));
  const address = isIP(name) !== 0 ? parseAddress(name) : undefined;
  return allowList.some((raw) => {
    const entry = withoutTrailingDot(raw.trim().toLowerCase());
    if (address === undefined) return entry === name;
    if (ipaddr.isValidCIDR(entry)) {
      const [range, bits] = ipaddr.parseCIDR(entry);
      return range.kind() === address.kind() && address.match(range, bits);
    }
    return isIP(entry) !== 0 && parseAddress(entry)?.toString() === address.toString();
  });
}

function withoutTrailingDot(name: string): string {
  return name.endsWith('.') ? name.slice(0, -1) : name;
}

/** Parses an address, turning IPv4-mapped IPv6 (::ffff:10.0.0.1) into the IPv4 it is. */
function parseAddress(literal: string): Address | undefined {
  try {
    return ipaddr.process(literal);
  } catch {
    return undefined; // fail closed: what cannot be classified is refused
  }
}

function isPublic(address: Address): boolean {
  if (address instanceof ipaddr.IPv4) return address.range() === 'unicast';
  const embedded = embeddedIPv4(address);
  if (embedded !== undefined) return isPublic(embedded);
  return address.range() === 'unicast' && address.match(GLOBAL_UNICAST_V6);
}

/** The IPv4 address an IPv6 address stands for or tunnels to, where the v4 decides the destination. */
function embeddedIPv4(address: ipaddr.IPv6): ipaddr.IPv4 | undefined {
  const [, p1 = 0, p2 = 0, , , , p6 = 0, p7 = 0] = address.parts;
  switch (address.range()) {
    case 'rfc6145':
      return toIPv4(p6, p7);
    case 'rfc6052':
      return address.match(NAT64_WELL_KNOWN) ? toIPv4(p6, p7) : undefined;
    case '6to4':
      return toIPv4(p1, p2);
    default:
      // Teredo (2001::/32) is refused outright by the unicast rule: it is obsolete and
      // its embedded client address is obfuscated.
      return undefined;
  }
}

function toIPv4(high: number, low: number): ipaddr.IPv4 {
  return new ipaddr.IPv4([high >> 8, high & 0xff, low >> 8, low & 0xff]);
}
