export default function (_title: string, _siteName?: string | null): string;
//# sourceMappingURL=cleanup-title.d.ts.map