/** The little of jsdom the tests use (the package ships no types; @types/jsdom would pull in the DOM lib). */
declare module "jsdom" {
  export class JSDOM {
    constructor(html?: string, options?: { pretendToBeVisual?: boolean });
    readonly window: { readonly document: unknown } & Record<string, unknown>;
  }
}
