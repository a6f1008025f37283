/**
 * The one definition of a loopback registry host, for the transport (plain
 * HTTP without `insecure`) and for the policy (`local` registries):
 * `localhost`, an IPv4 address in 127.0.0.0/8, or `[::1]`, in any case and
 * with any port. Names under `.localhost` are not: nothing guarantees that a
 * resolver keeps them on this machine, and plain HTTP to a name that a DNS
 * server answered is not loopback.
 */
export function isLoopbackHost(host: string): boolean {
  const name = hostName(host.trim().toLowerCase());
  if (name === 'localhost' || name === '[::1]' || name === '::1') return true;
  const octets = /^127\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(name);
  return octets?.slice(1).every((o) => Number(o) <= 255) ?? false;
}

/** Host name without the port (`[::1]` kept with brackets; a bare `::1` kept whole). */
export function hostName(host: string): string {
  if (host.startsWith('[')) return host.slice(0, host.indexOf(']') + 1);
  if (host.split(':').length > 2) return host; // a bare IPv6 address
  const colon = host.lastIndexOf(':');
  return colon >= 0 ? host.slice(0, colon) : host;
}
