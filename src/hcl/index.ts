/**
 * The HCL native-syntax parser: `parseHcl(text, file)` returns the AST (see
 * `ast.ts`), comments, diagnostics and the line-start table. It never throws.
 */
export type * from "./ast.js";
export { parseHcl, parseHclBytes, MAX_NESTING_DEPTH } from "./parser.js";
export { toSourceRange, formatDiagnostic } from "./diagnostics.js";
export { hcl2json, renderHcl2Json, type Hcl2JsonResult, type Hcl2JsonOutcome } from "./hcl2json.js";
