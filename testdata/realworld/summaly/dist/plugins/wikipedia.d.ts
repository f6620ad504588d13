import type { URL } from 'node:url';
import type summary from '@/summary.js';
export declare function test(url: URL): boolean;
export declare function summarize(url: URL): Promise<summary>;
//# sourceMappingURL=wikipedia.d.ts.map