export default function (_s: string | null | undefined, max: number): string;
//# sourceMappingURL=clip.d.ts.map