export default function lookupAddresses(hostname: string): Promise<string[]>;
//# sourceMappingURL=dns.d.ts.map