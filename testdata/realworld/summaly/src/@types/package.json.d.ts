declare module '*/package.json' {
  export const name: string;
  export const version: string;
}
