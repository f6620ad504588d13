import dns, { promises as dnsPromises } from 'node:dns';

export default async function lookupAddresses(hostname: string): Promise<string[]> {
  return dnsPromises
    .lookup(hostname, {
      family: 0,
      hints: dns.ADDRCONFIG,
      all: true,
      order: 'verbatim',
    })
    .then(addresses => {
      return addresses.map(addr => addr.address);
    });
}
