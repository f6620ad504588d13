import type { SummalyPlugin } from '@/iplugin.js';
export declare const plugins: SummalyPlugin[];
//# sourceMappingURL=_.d.ts.map