/**
 * The HCL native-syntax AST, shaped like hashicorp/hcl's `hclsyntax` package.
 *
 * Conventions (the Terraform evaluator and every later stage rely on them):
 *
 * - The AST is plain data: objects, arrays, strings, numbers, booleans and
 *   null only — no class instances, no functions — so it survives
 *   `structuredClone` and a `worker_threads` boundary. `Body.items` holds the
 *   same objects as `Body.attributes` and `Body.blocks` (structured clone keeps
 *   that sharing; `JSON.stringify` would duplicate them).
 * - Every node has a `type` discriminant and a `range` of offsets.
 *   Offsets are 0-based indexes into the string that was passed to `parseHcl`
 *   (UTF-16 code units). A leading UTF-8 byte-order mark (U+FEFF) is skipped,
 *   not removed: the first token then starts at offset 1, and every offset
 *   still indexes the caller's string. `end` is exclusive.
 * - Line/column positions are computed on demand from `ParseResult.lineStarts`
 *   with `positionAt` / `rangeAt` in `src/core/range.ts` (or `toSourceRange`
 *   in `./diagnostics.js`).
 * - Literal text inside templates is stored already decoded: escapes resolved
 *   (`\n`, `\u00e9`, `$${` → `${`, `%%{` → `%{`), `~` strip markers applied to
 *   the neighbouring literals, and for `<<-` heredocs the common leading
 *   indentation removed — exactly what hashicorp/hcl evaluates.
 * - Parsing never throws. Where input is invalid the parser records a
 *   diagnostic and puts an `Invalid` expression (or skips the item).
 */

/** A span of the source: 0-based offsets, `end` exclusive. */
export interface Range {
  start: number;
  end: number;
}

// ---------------------------------------------------------------------------
// Structure: bodies, attributes, blocks
// ---------------------------------------------------------------------------

/** The content of a file or of a block between its braces. */
export interface Body {
  type: "Body";
  /** The whole body; for a block body, from just after `{` to just before `}`. */
  range: Range;
  attributes: Attribute[];
  blocks: Block[];
  /** Attributes and blocks together, in source order (same objects). */
  items: BodyItem[];
}

export type BodyItem = Attribute | Block;

/** `name = expr` */
export interface Attribute {
  type: "Attribute";
  /** From the first character of the name to the end of the expression. */
  range: Range;
  name: string;
  nameRange: Range;
  equalsRange: Range;
  expr: Expression;
}

/** `type "label" label { ... }` */
export interface Block {
  type: "Block";
  /** From the first character of the type to just after the closing brace. */
  range: Range;
  blockType: string;
  typeRange: Range;
  /** Label values (quoted labels decoded, identifiers as written). */
  labels: string[];
  /** Ranges of each label, including the quotes of a quoted label. */
  labelRanges: Range[];
  /** Whether each label was written as a quoted string (true) or an identifier. */
  labelQuoted: boolean[];
  openBraceRange: Range;
  /**
   * The closing brace. For an unclosed block (a diagnostic is reported) this is
   * an empty range at the point where the parser gave up.
   */
  closeBraceRange: Range;
  body: Body;
}

// ---------------------------------------------------------------------------
// Expressions: one node type per syntactic form
// ---------------------------------------------------------------------------

export type Expression =
  | LiteralValue
  | Template
  | ScopeTraversal
  | RelativeTraversal
  | FunctionCall
  | Conditional
  | BinaryOp
  | UnaryOp
  | Tuple
  | ObjectCons
  | ForExpr
  | IndexExpr
  | Splat
  | AnonSymbol
  | Parentheses
  | Invalid;

/** A number, `true`, `false` or `null`. (Strings are always `Template`s.) */
export interface LiteralValue {
  type: "LiteralValue";
  range: Range;
  valueType: "number" | "bool" | "null";
  value: number | boolean | null;
  /**
   * For numbers, the source text (`1e3`, `0.10`), because HCL numbers are
   * arbitrary precision and a JS double may not hold them exactly.
   */
  numberText?: string;
}

/**
 * A quoted string or a heredoc. A template that is exactly one interpolation
 * (`"${x}"`, no literal text, no strip markers needed) evaluates to the
 * interpolated value unchanged, as hclsyntax's TemplateWrapExpr does; any other
 * template evaluates to a string.
 */
export interface Template {
  type: "Template";
  /** Including the quotes, or from `<<` to the end of the closing marker (its newline excluded). */
  range: Range;
  parts: TemplatePart[];
  /** Present for heredocs. */
  heredoc?: HeredocInfo;
}

export interface HeredocInfo {
  /** The delimiter word, e.g. `EOT`. */
  marker: string;
  /** `<<-`: the common leading whitespace has been removed from the lines. */
  indented: boolean;
}

export type TemplatePart = TemplateLiteral | TemplateInterpolation | TemplateIf | TemplateFor;

/**
 * Literal text; `value` is decoded (escapes resolved, strip markers applied,
 * `<<-` indentation removed). The range is the source text it came from, so
 * it includes escapes, stripped whitespace and removed indentation.
 */
export interface TemplateLiteral {
  type: "TemplateLiteral";
  range: Range;
  value: string;
}

/** `${ expr }`, `${~ expr ~}` */
export interface TemplateInterpolation {
  type: "TemplateInterpolation";
  /** From `${` to `}` inclusive. */
  range: Range;
  expr: Expression;
  /** `${~`: trailing whitespace of the preceding literal was stripped. */
  stripLeft: boolean;
  /** `~}`: leading whitespace of the following literal was stripped. */
  stripRight: boolean;
}

/** `%{ if cond }...%{ else }...%{ endif }` */
export interface TemplateIf {
  type: "TemplateIf";
  /** From the `%{` of `if` to the `}` of `endif`. */
  range: Range;
  condition: Expression;
  thenParts: TemplatePart[];
  /** Empty when there is no `else`. */
  elseParts: TemplatePart[];
  /** Directive ranges (`%{` to `}`); `elseRange` only with an else. */
  ifRange: Range;
  elseRange?: Range;
  endifRange: Range;
  /** Strip markers: `[left, right]` of each directive. */
  ifStrip: [boolean, boolean];
  elseStrip?: [boolean, boolean];
  endifStrip: [boolean, boolean];
}

/** `%{ for k, v in coll }...%{ endfor }` */
export interface TemplateFor {
  type: "TemplateFor";
  range: Range;
  keyVar?: string;
  keyVarRange?: Range;
  valueVar: string;
  valueVarRange: Range;
  collection: Expression;
  bodyParts: TemplatePart[];
  forRange: Range;
  endforRange: Range;
  forStrip: [boolean, boolean];
  endforStrip: [boolean, boolean];
}

/** A step of a traversal: `.name`, `[literal]`, or the legacy `.0`. */
export type TraversalStep = TraverseAttr | TraverseIndex;

export interface TraverseAttr {
  type: "TraverseAttr";
  /** Including the dot. */
  range: Range;
  name: string;
}

/**
 * `[0]`, `["key"]` with a literal key, or the legacy `.0` (`legacy: true`).
 * An index with a non-literal key is an `IndexExpr` instead (as in hclsyntax).
 */
export interface TraverseIndex {
  type: "TraverseIndex";
  /** Including the brackets, or the dot for the legacy form. */
  range: Range;
  key: string | number;
  /** Source text of a number key, for exactness. */
  keyText?: string;
  legacy: boolean;
}

/** `var.name`, `aws_vpc.main.id`, `each.value["x"]`, `local.list[0]` */
export interface ScopeTraversal {
  type: "ScopeTraversal";
  range: Range;
  root: string;
  rootRange: Range;
  /** Possibly empty: a bare identifier is a traversal of its root alone. */
  steps: TraversalStep[];
}

/** Traversal steps applied to the result of another expression: `f(x)[0].id` */
export interface RelativeTraversal {
  type: "RelativeTraversal";
  range: Range;
  source: Expression;
  steps: TraversalStep[];
}

/** `name(args)`, `provider::aws::arn_parse(x)`, `concat(a, b...)` */
export interface FunctionCall {
  type: "FunctionCall";
  range: Range;
  /** The full name as written, namespaces included: `provider::aws::arn_parse`. */
  name: string;
  /** The `::`-separated parts of the name before the last (empty if none). */
  namespace: string[];
  nameRange: Range;
  args: Expression[];
  /** The final argument was followed by `...` (expand a tuple/list into arguments). */
  expandFinal: boolean;
  openParenRange: Range;
  closeParenRange: Range;
}

/** `cond ? a : b` */
export interface Conditional {
  type: "Conditional";
  range: Range;
  condition: Expression;
  trueExpr: Expression;
  falseExpr: Expression;
}

export type BinaryOperator = "||" | "&&" | "==" | "!=" | "<" | ">" | "<=" | ">=" | "+" | "-" | "*" | "/" | "%";

export interface BinaryOp {
  type: "BinaryOp";
  range: Range;
  op: BinaryOperator;
  opRange: Range;
  left: Expression;
  right: Expression;
}

export interface UnaryOp {
  type: "UnaryOp";
  range: Range;
  op: "!" | "-";
  opRange: Range;
  operand: Expression;
}

/** `[a, b, c]` */
export interface Tuple {
  type: "Tuple";
  range: Range;
  items: Expression[];
}

/** `{ key = value, "k": v, (expr) = v }` */
export interface ObjectCons {
  type: "ObjectCons";
  range: Range;
  items: ObjectItem[];
}

export interface ObjectItem {
  type: "ObjectItem";
  /** From the key to the end of the value. */
  range: Range;
  key: ObjectKey;
  value: Expression;
}

/**
 * An object key. A bare identifier key (`name = 1`) is the string "name", not a
 * variable reference — `bareIdentifier` is true and `expr` is a
 * `ScopeTraversal` with no steps. Any other key (a template, a parenthesized
 * expression, a traversal with steps) is evaluated and converted to a string.
 */
export interface ObjectKey {
  type: "ObjectKey";
  range: Range;
  expr: Expression;
  bareIdentifier: boolean;
}

/**
 * `[for k, v in coll : valueExpr if cond]` (tuple) or
 * `{for k, v in coll : keyExpr => valueExpr... if cond}` (object; `keyExpr` set).
 */
export interface ForExpr {
  type: "ForExpr";
  range: Range;
  keyVar?: string;
  keyVarRange?: Range;
  valueVar: string;
  valueVarRange: Range;
  collection: Expression;
  /** Present for object `for` expressions. */
  keyExpr?: Expression;
  valueExpr: Expression;
  condition?: Expression;
  /** `...` after the value: group values with the same key into tuples. */
  grouping: boolean;
}

/** `collection[key]` where the key is not a literal (or the collection is not a traversal). */
export interface IndexExpr {
  type: "IndexExpr";
  range: Range;
  collection: Expression;
  key: Expression;
  /** The brackets and what is between them. */
  bracketRange: Range;
}

/**
 * `source[*].each` (full) or `source.*.each` (attribute-only).
 * `each` is the traversal applied to every element: an expression whose
 * innermost source is the `AnonSymbol` standing for the element (just the
 * `AnonSymbol` itself when nothing follows the splat).
 */
export interface Splat {
  type: "Splat";
  range: Range;
  kind: "full" | "attr";
  source: Expression;
  each: Expression;
  /** The `[*]` or `.*` marker. */
  markerRange: Range;
}

/** The current element inside a splat's `each` (empty range at the marker end). */
export interface AnonSymbol {
  type: "AnonSymbol";
  range: Range;
}

/** `( expr )` — kept so that `(key) = v` object keys and ranges are exact. */
export interface Parentheses {
  type: "Parentheses";
  range: Range;
  expr: Expression;
}

/** Placeholder where an expression could not be parsed (a diagnostic says why). */
export interface Invalid {
  type: "Invalid";
  range: Range;
}

// ---------------------------------------------------------------------------
// Side tables and result
// ---------------------------------------------------------------------------

/** A comment, kept out of the tree so later stages can read suppressions. */
export interface Comment {
  type: "Comment";
  /** From the comment marker to the end of the comment (a line comment excludes the newline). */
  range: Range;
  style: "#" | "//" | "/*";
  /** The text after the marker (and before `*\/` for block comments), as written. */
  text: string;
}

export interface Diagnostic {
  severity: "error" | "warning";
  summary: string;
  detail?: string;
  /** What the diagnostic is about. */
  subject: Range;
}

export interface ParseResult {
  /** The path the caller gave. */
  file: string;
  body: Body;
  comments: Comment[];
  diagnostics: Diagnostic[];
  /** Offsets of line starts in the caller's string (see `src/core/range.ts`). */
  lineStarts: number[];
  /** Tokens the scanner produced, rescans included: linear in the input for a linear-time parse. */
  tokensScanned: number;
}

/** Every node type string, for exhaustive switches. */
export type Node = Body | Attribute | Block | Expression | TemplatePart | ObjectItem | ObjectKey | TraversalStep;
