import type { URL } from 'node:url';
import type summary from '@/summary.js';
export declare function test(url: URL): boolean;
export declare function summarize(url: URL): Promise<summary>;
//# sourceMappingURL=amazon.d.ts.map