/**
 * Recursive-descent parser of the HCL native syntax (bodies and expressions),
 * after hashicorp/hcl's `hclsyntax`. Templates are parsed by `template.ts`.
 *
 * Newlines are significant in bodies and object constructors and ignored
 * inside parentheses, brackets, interpolations and `for` expressions; the
 * parser tracks that in `nl` and skips newline tokens when it is false.
 *
 * Nesting is counted in `depth`: past `MAX_NESTING_DEPTH` the parser reports
 * one diagnostic at the opening bracket and skips to the matching close
 * without recursing, so deep input cannot overflow the stack. (Should the
 * stack still run out — a caller deep in its own recursion — `parseHcl`
 * turns the RangeError into one diagnostic.)
 */
import { lineStarts, positionAt } from "../core/range.js";
import type {
  Attribute,
  BinaryOperator,
  Block,
  Body,
  BodyItem,
  Comment,
  Diagnostic,
  Expression,
  ForExpr,
  FunctionCall,
  Invalid,
  ObjectCons,
  ObjectItem,
  ParseResult,
  Range,
  Splat,
  TraversalStep,
  Tuple,
} from "./ast.js";
import { error } from "./diagnostics.js";
import { MAX_NESTING_DEPTH } from "./limits.js";
import { Scanner, Tok } from "./scanner.js";
import {
  parseHeredocTemplate,
  parsePlainQuotedTemplate,
  parseQuotedTemplate,
  parseQuotedTemplateText,
  skipHeredoc,
  skipQuotedTemplate,
} from "./template.js";

export { MAX_NESTING_DEPTH };

/** Binary operator precedence by token (0: not a binary operator). */
function binaryPrecedence(t: Tok): number {
  switch (t) {
    case Tok.Or:
      return 1;
    case Tok.And:
      return 2;
    case Tok.EqualEqual:
    case Tok.NotEqual:
      return 3;
    case Tok.Less:
    case Tok.LessEqual:
    case Tok.Greater:
    case Tok.GreaterEqual:
      return 4;
    case Tok.Plus:
    case Tok.Minus:
      return 5;
    case Tok.Star:
    case Tok.Slash:
    case Tok.Percent:
      return 6;
    default:
      return 0;
  }
}

const OPERATOR_TEXT: Partial<Record<Tok, BinaryOperator>> = {
  [Tok.Or]: "||",
  [Tok.And]: "&&",
  [Tok.EqualEqual]: "==",
  [Tok.NotEqual]: "!=",
  [Tok.Less]: "<",
  [Tok.LessEqual]: "<=",
  [Tok.Greater]: ">",
  [Tok.GreaterEqual]: ">=",
  [Tok.Plus]: "+",
  [Tok.Minus]: "-",
  [Tok.Star]: "*",
  [Tok.Slash]: "/",
  [Tok.Percent]: "%",
};

/**
 * Parses HCL native syntax. `file` is only recorded in the result. Offsets in
 * the result index `text` as given; a leading BOM is skipped (not removed).
 */
export function parseHcl(text: string, file: string): ParseResult {
  const comments: Comment[] = [];
  const diagnostics: Diagnostic[] = [];
  const starts = lineStarts(text);
  const begin = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const nul = text.indexOf("\0");
  if (nul >= 0) {
    diagnostics.push(
      error("Binary file", "The file contains a NUL byte; configuration files must be UTF-8 text.", nul, nul + 1),
    );
    return { file, body: emptyBody(begin, text.length), comments, diagnostics, lineStarts: starts, tokensScanned: 0 };
  }
  const parser = new Parser(text, begin, comments, diagnostics, starts);
  let body: Body;
  try {
    body = parser.parseFile();
  } catch (e) {
    // Last resort: MAX_NESTING_DEPTH keeps the recursion well within Node's
    // default stack, but a caller may already be deep in its own recursion.
    if (!(e instanceof RangeError)) throw e;
    const at = Math.min(parser.s.start, text.length);
    diagnostics.push(
      error(
        "Nesting too deep",
        "The parser ran out of stack space; reduce the nesting of this file.",
        at,
        Math.min(at + 1, text.length),
      ),
    );
    body = emptyBody(begin, text.length);
  }
  return { file, body, comments, diagnostics, lineStarts: starts, tokensScanned: parser.s.tokens };
}

/** Decodes UTF-8 (strictly) and parses; invalid UTF-8 gives one diagnostic and an empty body. */
export function parseHclBytes(bytes: Uint8Array, file: string): ParseResult {
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    let bad = 0;
    // Find the first invalid byte sequence so the diagnostic points at it.
    const lenient = new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes);
    bad = Math.max(0, lenient.indexOf("\ufffd"));
    return {
      file,
      body: emptyBody(0, lenient.length),
      comments: [],
      diagnostics: [error("Invalid UTF-8", "The file is not valid UTF-8 text.", bad, bad + 1)],
      lineStarts: lineStarts(lenient),
      tokensScanned: 0,
    };
  }
  return parseHcl(text, file);
}

function emptyBody(start: number, end: number): Body {
  return { type: "Body", range: { start, end }, attributes: [], blocks: [], items: [] };
}

export class Parser {
  readonly src: string;
  readonly s: Scanner;
  readonly diagnostics: Diagnostic[];
  /** Whether newline tokens are significant in the current context. */
  nl = true;
  depth = 0;
  /** Set when an attribute value had errors and the parser skipped to the end of its line. */
  private valueRecovered = false;
  /** A diagnostic was reported with the end of the file as the current token (see `report`). */
  private reportedAtEof = false;

  constructor(
    src: string,
    begin: number,
    comments: Comment[],
    diagnostics: Diagnostic[],
    private readonly lineStarts: readonly number[],
  ) {
    this.src = src;
    this.diagnostics = diagnostics;
    this.s = new Scanner(src, begin, comments, diagnostics);
    this.s.next();
  }

  /** The current token type, as scanned (a method so that TypeScript does not narrow it across calls). */
  cur(): Tok {
    return this.s.type;
  }

  /** The current token type, skipping newlines where they are not significant. */
  tok(): Tok {
    const s = this.s;
    if (!this.nl) while (s.type === Tok.Newline) s.next();
    return this.cur();
  }

  private text(): string {
    return this.src.slice(this.s.start, this.s.end);
  }

  /**
   * The current identifier. (Interning names in a Map saved about 6% of AST
   * memory but cost 13% of parse time; not worth it.)
   */
  private name(): string {
    return this.src.slice(this.s.start, this.s.end);
  }

  private isKeyword(word: string): boolean {
    const s = this.s;
    return this.cur() === Tok.Ident && s.end - s.start === word.length && this.src.startsWith(word, s.start);
  }

  /**
   * Adds an error. At the end of the file only the first one is kept: when
   * the input stops inside nested constructs, every enclosing one is
   * unclosed for the same reason, and the innermost (reported first) is the
   * useful one.
   */
  report(summary: string, detail: string, start: number, end: number): void {
    if (this.s.type === Tok.EOF) {
      if (this.reportedAtEof) return;
      this.reportedAtEof = true;
    }
    this.diagnostics.push(error(summary, detail, start, end));
  }

  /** `line:column` of an offset, for messages. */
  private where(offset: number): string {
    const p = positionAt(this.lineStarts, offset);
    return `line ${p.line}, column ${p.column}`;
  }

  /** A short description of the current token for messages. */
  describe(): string {
    switch (this.cur()) {
      case Tok.EOF:
        return "end of file";
      case Tok.Newline:
        return "newline";
      case Tok.OQuote:
        return "quoted string";
      case Tok.OHeredoc:
        return "heredoc";
      case Tok.Invalid:
        return `invalid character ${JSON.stringify(this.text())}`;
      default:
        return JSON.stringify(this.text());
    }
  }

  // -------------------------------------------------------------------------
  // Bodies
  // -------------------------------------------------------------------------

  parseFile(): Body {
    const begin = this.src.charCodeAt(0) === 0xfeff ? 1 : 0;
    const body = this.parseBodyItems(false, begin);
    body.range.end = this.src.length;
    return body;
  }

  /** Items until `}` (in a block) or end of file. Leaves the closing token current. */
  private parseBodyItems(inBlock: boolean, start: number): Body {
    const attributes: Attribute[] = [];
    const blocks: Block[] = [];
    const items: BodyItem[] = [];
    let seen: Map<string, Attribute> | undefined;
    const s = this.s;
    for (;;) {
      const t = this.cur();
      if (t === Tok.Newline) {
        s.next();
        continue;
      }
      if (t === Tok.EOF) break;
      if (t === Tok.RBrace) {
        if (inBlock) break;
        this.report(
          "Argument or block definition required",
          "An argument or block definition is required here; this closing brace has no matching opening brace.",
          s.start,
          s.end,
        );
        s.next();
        continue;
      }
      if (t !== Tok.Ident) {
        this.report(
          "Argument or block definition required",
          `An argument or block definition is required here, but found ${this.describe()}.`,
          s.start,
          s.end,
        );
        this.recoverToLineEnd();
        continue;
      }
      const item = this.parseBodyItem();
      if (item === undefined) continue;
      items.push(item);
      if (item.type === "Attribute") {
        const previous = findAttribute(attributes, item.name, seen);
        if (previous !== undefined) {
          this.report(
            "Attribute redefined",
            `The argument "${item.name}" was already set at ${this.where(previous.nameRange.start)}. Each argument may be set only once.`,
            item.nameRange.start,
            item.nameRange.end,
          );
        } else if (seen !== undefined || attributes.length >= 16) {
          // Large bodies (big locals blocks) switch to a map to stay linear.
          if (seen === undefined) {
            seen = new Map();
            for (const a of attributes) if (!seen.has(a.name)) seen.set(a.name, a);
          }
          seen.set(item.name, item);
        }
        attributes.push(item);
      } else {
        blocks.push(item);
      }
    }
    return { type: "Body", range: { start, end: s.start }, attributes, blocks, items };
  }

  /** An attribute or block starting at the current identifier; undefined after an error. */
  private parseBodyItem(): BodyItem | undefined {
    const s = this.s;
    const nameStart = s.start;
    const nameEnd = s.end;
    const name = this.name();
    s.next();
    if (this.cur() === Tok.Equal) {
      const attr = this.parseAttributeAfterName(name, nameStart, nameEnd);
      if (this.valueRecovered) return attr;
      const t = this.cur();
      if (t === Tok.Newline || t === Tok.EOF) return attr;
      this.report(
        "Missing newline after argument",
        `An argument definition must end with a newline, but found ${this.describe()}.`,
        s.start,
        s.end,
      );
      this.recoverToLineEnd();
      return attr;
    }
    if (this.cur() === Tok.LBrace || this.cur() === Tok.OQuote || this.cur() === Tok.Ident) {
      const block = this.parseBlockAfterType(name, nameStart, nameEnd);
      if (block === undefined) return undefined;
      const t = this.cur();
      if (t !== Tok.Newline && t !== Tok.EOF) {
        this.report(
          "Missing newline after block definition",
          `A block definition must end with a newline, but found ${this.describe()}.`,
          s.start,
          s.end,
        );
        this.recoverToLineEnd();
      }
      return block;
    }
    this.report(
      "Missing equals sign",
      `An argument definition needs an equals sign ("=") after the name "${name}", and a block definition needs labels and an opening brace; found ${this.describe()}.`,
      s.start,
      s.end,
    );
    this.recoverToLineEnd();
    return undefined;
  }

  /** At `=`: parses the value. Returns undefined (after recovering) when the value had errors. */
  private parseAttributeAfterName(name: string, nameStart: number, nameEnd: number): Attribute {
    const s = this.s;
    this.valueRecovered = false;
    const equalsRange = { start: s.start, end: s.end };
    s.next();
    const before = this.diagnostics.length;
    const expr = this.parseExpression();
    const attr: Attribute = {
      type: "Attribute",
      range: { start: nameStart, end: expr.range.end },
      name,
      nameRange: { start: nameStart, end: nameEnd },
      equalsRange,
      expr,
    };
    if (this.diagnostics.length !== before) {
      // The value had errors: don't add a second diagnostic for the rest of the line.
      this.recoverToLineEnd();
      this.valueRecovered = true;
    }
    return attr;
  }

  private parseBlockAfterType(blockType: string, typeStart: number, typeEnd: number): Block | undefined {
    const s = this.s;
    const labels: string[] = [];
    const labelRanges: Range[] = [];
    const labelQuoted: boolean[] = [];
    for (;;) {
      if (this.cur() === Tok.Ident) {
        labels.push(this.name());
        labelRanges.push({ start: s.start, end: s.end });
        labelQuoted.push(false);
        s.next();
      } else if (this.cur() === Tok.OQuote) {
        const end = plainQuotedEnd(this.src, s.start);
        if (end > 0) {
          // The usual label, "aws_vpc": no Template node needed.
          labels.push(this.src.slice(s.start + 1, end - 1));
          labelRanges.push({ start: s.start, end });
          labelQuoted.push(true);
          s.pos = end;
          s.next();
          continue;
        }
        const before = this.diagnostics.length;
        const template = parseQuotedTemplate(this, s.start);
        const only = template.parts[0];
        if (this.diagnostics.length !== before) {
          this.recoverToLineEnd();
          return undefined;
        }
        if (template.parts.length > 1 || (only !== undefined && only.type !== "TemplateLiteral")) {
          this.report(
            "Invalid block label",
            "Block labels must be literal strings; template interpolations and directives are not allowed here.",
            template.range.start,
            template.range.end,
          );
          this.recoverToLineEnd();
          return undefined;
        }
        labels.push(only === undefined ? "" : only.value);
        labelRanges.push(template.range);
        labelQuoted.push(true);
      } else {
        break;
      }
    }
    if (this.cur() !== Tok.LBrace) {
      this.report(
        "Invalid block definition",
        `Either a quoted string block label or an opening brace ("{") is expected here, but found ${this.describe()}.`,
        s.start,
        s.end,
      );
      this.recoverToLineEnd();
      return undefined;
    }
    const openBraceRange = { start: s.start, end: s.end };
    if (this.depth >= MAX_NESTING_DEPTH) {
      this.reportNesting(s.start, s.end);
      this.skipBalanced();
      return undefined;
    }
    this.depth++;
    s.next();
    let body: Body;
    if (this.cur() === Tok.Newline || this.cur() === Tok.RBrace || this.cur() === Tok.EOF) {
      body = this.parseBodyItems(true, openBraceRange.end);
    } else {
      body = this.parseSingleLineBody(openBraceRange.end);
    }
    this.depth--;
    let closeBraceRange: Range;
    if (this.cur() === Tok.RBrace) {
      closeBraceRange = { start: s.start, end: s.end };
      s.next();
    } else {
      if (this.cur() === Tok.EOF) {
        this.report(
          "Unclosed configuration block",
          `There is no closing brace for this block before the end of the file.`,
          openBraceRange.start,
          openBraceRange.end,
        );
      }
      closeBraceRange = { start: s.start, end: s.start };
    }
    return {
      type: "Block",
      range: { start: typeStart, end: closeBraceRange.end },
      blockType,
      typeRange: { start: typeStart, end: typeEnd },
      labels,
      labelRanges,
      labelQuoted,
      openBraceRange,
      closeBraceRange,
      body,
    };
  }

  /** `block { name = value }` on one line: exactly one argument, then `}` on the same line. */
  private parseSingleLineBody(start: number): Body {
    const s = this.s;
    const body: Body = { type: "Body", range: { start, end: start }, attributes: [], blocks: [], items: [] };
    if (this.cur() !== Tok.Ident) {
      this.report(
        "Argument definition required",
        `A single-line block definition can contain only a single argument, but found ${this.describe()}.`,
        s.start,
        s.end,
      );
      this.recoverToLineEnd();
      return body;
    }
    const nameStart = s.start;
    const nameEnd = s.end;
    const name = this.name();
    s.next();
    if (this.cur() !== Tok.Equal) {
      this.report(
        "Argument definition required",
        "A single-line block definition can contain only a single argument; a nested block must be on a line of its own.",
        nameStart,
        s.end,
      );
      this.recoverToLineEnd();
      return body;
    }
    const attr = this.parseAttributeAfterName(name, nameStart, nameEnd);
    body.attributes.push(attr);
    body.items.push(attr);
    if (this.cur() !== Tok.RBrace) {
      if (this.cur() !== Tok.EOF && !this.valueRecovered) {
        this.report(
          "Invalid single-argument block definition",
          "A single-line block definition must end with a closing brace immediately after its single argument definition.",
          s.start,
          s.end,
        );
        this.recoverToLineEnd();
      }
      // Continue as a multi-line block so its remaining items still parse.
      const rest = this.parseBodyItems(true, start);
      body.attributes.push(...rest.attributes);
      body.blocks.push(...rest.blocks);
      body.items.push(...rest.items);
    }
    body.range.end = s.start;
    return body;
  }

  // -------------------------------------------------------------------------
  // Error recovery
  // -------------------------------------------------------------------------

  /**
   * Skips to the newline that ends the current line, stepping over bracketed
   * groups and strings as wholes; stops before a `}` that closes the
   * enclosing block. Leaves the newline (or EOF / `}`) current.
   */
  recoverToLineEnd(): void {
    const s = this.s;
    const savedNl = this.nl;
    this.nl = true;
    let nesting = 0;
    for (;;) {
      const t = this.cur();
      if (t === Tok.EOF) break;
      if (t === Tok.Newline && nesting === 0) break;
      if (t === Tok.LBrace || t === Tok.LBrack || t === Tok.LParen) nesting++;
      else if (t === Tok.RBrace || t === Tok.RBrack || t === Tok.RParen) {
        if (nesting === 0) {
          if (t === Tok.RBrace) break;
        } else nesting--;
      } else if (t === Tok.OQuote) {
        skipQuotedTemplate(this);
        continue;
      } else if (t === Tok.OHeredoc) {
        skipHeredoc(this);
        continue;
      }
      s.next();
    }
    this.nl = savedNl;
  }

  /**
   * At an opening bracket: skips to just after its matching close, iteratively.
   * Used past the nesting limit and to recover inside bracketed constructs.
   */
  skipBalanced(): void {
    const s = this.s;
    let nesting = 0;
    for (;;) {
      const t = this.cur();
      if (t === Tok.EOF) return;
      if (t === Tok.LBrace || t === Tok.LBrack || t === Tok.LParen) nesting++;
      else if (t === Tok.RBrace || t === Tok.RBrack || t === Tok.RParen) {
        nesting--;
        if (nesting <= 0) {
          s.next();
          return;
        }
      } else if (t === Tok.OQuote) {
        skipQuotedTemplate(this);
        continue;
      } else if (t === Tok.OHeredoc) {
        skipHeredoc(this);
        continue;
      }
      s.next();
    }
  }

  /** Inside a bracketed construct: skips to its closing token (left current) or EOF. */
  private skipToClose(close: Tok): void {
    const s = this.s;
    let nesting = 0;
    for (;;) {
      const t = this.cur();
      if (t === Tok.EOF) return;
      if (nesting === 0 && t === close) return;
      if (t === Tok.LBrace || t === Tok.LBrack || t === Tok.LParen) nesting++;
      else if (t === Tok.RBrace || t === Tok.RBrack || t === Tok.RParen) {
        if (nesting === 0) return;
        nesting--;
      } else if (t === Tok.OQuote) {
        skipQuotedTemplate(this);
        continue;
      } else if (t === Tok.OHeredoc) {
        skipHeredoc(this);
        continue;
      }
      s.next();
    }
  }

  reportNesting(start: number, end: number): void {
    this.report(
      "Nesting too deep",
      `Brackets, braces, parentheses, blocks and templates may be nested at most ${MAX_NESTING_DEPTH} levels deep.`,
      start,
      end,
    );
  }

  // -------------------------------------------------------------------------
  // Expressions
  // -------------------------------------------------------------------------

  /**
   * A full expression: binary operators by precedence climbing with explicit
   * stacks (no recursion per operator; the common operator-free case
   * allocates nothing), then an optional conditional. Kept in one function,
   * with `parseOperand`, so that each level of nesting costs few stack frames.
   */
  parseExpression(): Expression {
    // A small frame on the recursive path: the operator handling is out of line.
    const first = this.parseOperand();
    const t = this.tok();
    if (t !== Tok.Question && binaryPrecedence(t) === 0) return first;
    return this.parseOperators(first);
  }

  /** Binary operators and a conditional after the first operand. */
  private parseOperators(first: Expression): Expression {
    let condition = first;
    let prec = binaryPrecedence(this.tok());
    if (prec !== 0) {
      const s = this.s;
      const operands: Expression[] = [condition];
      const ops: Tok[] = [];
      const opStarts: number[] = [];
      while (prec !== 0) {
        while (ops.length > 0 && binaryPrecedence(ops[ops.length - 1]!) >= prec) reduce(operands, ops, opStarts);
        ops.push(this.cur());
        opStarts.push(s.start);
        s.next();
        operands.push(this.parseOperand());
        prec = binaryPrecedence(this.tok());
      }
      while (ops.length > 0) reduce(operands, ops, opStarts);
      condition = operands[0]!;
    }
    if (this.tok() !== Tok.Question) return condition;
    const s = this.s;
    if (this.depth >= MAX_NESTING_DEPTH) {
      this.reportNesting(s.start, s.end);
      this.recoverToLineEnd();
      return { type: "Invalid", range: { start: condition.range.start, end: s.start } };
    }
    // Conditionals nest to the right (`a ? b : c ? d : e`): count them like brackets.
    this.depth++;
    const result = this.parseConditionalBranches(condition);
    this.depth--;
    return result;
  }

  private parseConditionalBranches(condition: Expression): Expression {
    const s = this.s;
    s.next();
    const trueExpr = this.parseExpression();
    if (this.tok() !== Tok.Colon) {
      if (trueExpr.type !== "Invalid") {
        this.report(
          "Missing false expression in conditional",
          `The conditional operator (...?...:...) requires a false expression, delimited by a colon; found ${this.describe()}.`,
          s.start,
          s.end,
        );
      }
      return {
        type: "Conditional",
        range: { start: condition.range.start, end: trueExpr.range.end },
        condition,
        trueExpr,
        falseExpr: invalidAt(trueExpr.range.end),
      };
    }
    s.next();
    const falseExpr = this.parseExpression();
    return {
      type: "Conditional",
      range: { start: condition.range.start, end: falseExpr.range.end },
      condition,
      trueExpr,
      falseExpr,
    };
  }

  /**
   * Prefix operators (iteratively: a long run of `-`/`!` costs no stack),
   * then a term and its traversals.
   */
  private parseOperand(): Expression {
    let t = this.tok();
    if (t !== Tok.Minus && t !== Tok.Bang) return this.parseTraversals(this.parseTerm());
    const s = this.s;
    const opStarts: number[] = [];
    const ops: Tok[] = [];
    let tooDeep = -1;
    while (t === Tok.Minus || t === Tok.Bang) {
      if (this.depth + ops.length >= MAX_NESTING_DEPTH && tooDeep < 0) tooDeep = s.start;
      ops.push(t);
      opStarts.push(s.start);
      s.next();
      t = this.tok();
    }
    if (tooDeep >= 0) {
      this.reportNesting(tooDeep, tooDeep + 1);
      const operand = this.parseTraversals(this.parseTerm());
      return { type: "Invalid", range: { start: opStarts[0]!, end: operand.range.end } };
    }
    this.depth += ops.length;
    let expr = this.parseTraversals(this.parseTerm());
    this.depth -= ops.length;
    for (let k = ops.length - 1; k >= 0; k--) {
      const opStart = opStarts[k]!;
      expr = {
        type: "UnaryOp",
        range: { start: opStart, end: expr.range.end },
        op: ops[k] === Tok.Minus ? "-" : "!",
        opRange: { start: opStart, end: opStart + 1 },
        operand: expr,
      };
    }
    return expr;
  }

  /** Attribute access, indexes and splats after an expression. */
  private parseTraversals(from: Expression): Expression {
    const s = this.s;
    let expr = from;
    for (;;) {
      const t = this.tok();
      if (t === Tok.Dot) {
        const dotStart = s.start;
        s.next();
        const t2 = this.tok();
        if (t2 === Tok.Ident) {
          expr = appendStep(expr, { type: "TraverseAttr", range: { start: dotStart, end: s.end }, name: this.name() });
          s.next();
        } else if (t2 === Tok.Number) {
          const step = this.legacyIndex(dotStart);
          if (step === undefined) return expr;
          expr = appendStep(expr, step);
        } else if (t2 === Tok.Star) {
          expr = this.parseAttrSplat(expr, dotStart);
        } else {
          this.report(
            "Invalid attribute name",
            `An attribute name is required after a dot, but found ${this.describe()}.`,
            s.start,
            s.end,
          );
          return { type: "Invalid", range: { start: expr.range.start, end: dotStart + 1 } };
        }
      } else if (t === Tok.LBrack) {
        const open = s.start;
        const openEnd = s.end;
        const savedNl = this.nl;
        this.nl = false;
        s.next();
        if (this.tok() === Tok.Star) {
          s.next();
          if (this.tok() !== Tok.RBrack) {
            this.nl = savedNl;
            this.report(
              "Missing close bracket on splat index",
              'The star for a full splat operator must be immediately followed by a closing bracket ("]").',
              s.start,
              s.end,
            );
            return { type: "Invalid", range: { start: expr.range.start, end: s.start } };
          }
          const markerRange = { start: open, end: s.end };
          this.nl = savedNl;
          s.next();
          if (this.depth >= MAX_NESTING_DEPTH) {
            this.reportNesting(markerRange.start, markerRange.end);
            return { type: "Invalid", range: { start: expr.range.start, end: markerRange.end } };
          }
          // Everything that follows applies to each element (splats nest: count them).
          this.depth++;
          const each = this.parseTraversals({
            type: "AnonSymbol",
            range: { start: markerRange.end, end: markerRange.end },
          });
          this.depth--;
          const splat: Splat = {
            type: "Splat",
            range: { start: expr.range.start, end: Math.max(markerRange.end, each.range.end) },
            kind: "full",
            source: expr,
            each,
            markerRange,
          };
          return splat;
        }
        if (this.depth >= MAX_NESTING_DEPTH) {
          this.nl = savedNl;
          this.reportNesting(open, openEnd);
          this.skipToClose(Tok.RBrack);
          if (this.cur() === Tok.RBrack) s.next();
          return { type: "Invalid", range: { start: expr.range.start, end: s.start } };
        }
        this.depth++;
        const key = this.parseExpression();
        this.depth--;
        if (this.tok() !== Tok.RBrack) {
          if (key.type !== "Invalid") {
            this.report(
              "Missing close bracket on index",
              `The index operator must end with a closing bracket ("]"), but found ${this.describe()}.`,
              s.start,
              s.end,
            );
          }
          this.skipToClose(Tok.RBrack);
          this.nl = savedNl;
          if (this.cur() === Tok.RBrack) s.next();
          return { type: "Invalid", range: { start: expr.range.start, end: s.start } };
        }
        const close = s.end;
        this.nl = savedNl;
        s.next();
        const bracketRange = { start: open, end: close };
        const literalKey = literalIndexKey(key);
        if (literalKey !== undefined) {
          const step: TraversalStep = { type: "TraverseIndex", range: bracketRange, key: literalKey, legacy: false };
          if (key.type === "LiteralValue" && key.numberText !== undefined) step.keyText = key.numberText;
          expr = appendStep(expr, step);
        } else {
          expr = {
            type: "IndexExpr",
            range: { start: expr.range.start, end: close },
            collection: expr,
            key,
            bracketRange,
          };
        }
      } else {
        return expr;
      }
    }
  }

  /** At a number after a dot: `foo.0`. Chaining (`foo.0.1`, scanned as one number) is an error. */
  private legacyIndex(dotStart: number): TraversalStep | undefined {
    const s = this.s;
    const text = this.text();
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c < 48 || c > 57) {
        this.report(
          "Invalid legacy index syntax",
          "When using the legacy index syntax, chaining two indexes together is not permitted. Use the proper index syntax instead, like [0][1].",
          dotStart,
          s.end,
        );
        s.next();
        return undefined;
      }
    }
    const step: TraversalStep = {
      type: "TraverseIndex",
      range: { start: dotStart, end: s.end },
      key: Number(text),
      keyText: text,
      legacy: true,
    };
    s.next();
    return step;
  }

  /** At the `*` of `.*`: attribute-only splat; only `.name` / `.0` steps apply to each element. */
  private parseAttrSplat(source: Expression, dotStart: number): Expression {
    const s = this.s;
    const markerRange = { start: dotStart, end: s.end };
    s.next();
    let each: Expression = { type: "AnonSymbol", range: { start: markerRange.end, end: markerRange.end } };
    while (this.tok() === Tok.Dot) {
      const stepStart = s.start;
      s.next();
      if (this.tok() === Tok.Ident) {
        each = appendStep(each, { type: "TraverseAttr", range: { start: stepStart, end: s.end }, name: this.name() });
        s.next();
      } else if (this.cur() === Tok.Number) {
        const step = this.legacyIndex(stepStart);
        if (step === undefined) break;
        each = appendStep(each, step);
      } else {
        this.report(
          "Invalid attribute name",
          `An attribute name is required after a dot, but found ${this.describe()}.`,
          s.start,
          s.end,
        );
        break;
      }
    }
    return {
      type: "Splat",
      range: { start: source.range.start, end: Math.max(markerRange.end, each.range.end) },
      kind: "attr",
      source,
      each,
      markerRange,
    };
  }

  /** A primary expression. */
  private parseTerm(): Expression {
    const s = this.s;
    const t = this.tok();
    switch (t) {
      case Tok.Number: {
        const numberText = this.text();
        const node: Expression = {
          type: "LiteralValue",
          range: { start: s.start, end: s.end },
          valueType: "number",
          value: Number(numberText),
          numberText,
        };
        s.next();
        return node;
      }
      case Tok.Ident:
        return this.parseIdentTerm();
      case Tok.OQuote:
      case Tok.OHeredoc:
      case Tok.LParen:
      case Tok.LBrack:
      case Tok.LBrace: {
        if (this.depth >= MAX_NESTING_DEPTH) {
          const start = s.start;
          this.reportNesting(s.start, s.end);
          if (t === Tok.OQuote) skipQuotedTemplate(this);
          else if (t === Tok.OHeredoc) skipHeredoc(this);
          else this.skipBalanced();
          return { type: "Invalid", range: { start, end: s.start } };
        }
        this.depth++;
        let node: Expression;
        if (t === Tok.OQuote) node = parsePlainQuotedTemplate(this, s.start) ?? parseQuotedTemplateText(this, s.start);
        else if (t === Tok.OHeredoc) node = parseHeredocTemplate(this);
        else if (t === Tok.LParen) node = this.parseParentheses();
        else if (t === Tok.LBrack) node = this.parseTuple();
        else node = this.parseObject();
        this.depth--;
        return node;
      }
      default: {
        this.report(
          "Invalid expression",
          `Expected the start of an expression, but found ${this.describe()}.`,
          s.start,
          s.end,
        );
        return invalidAt(s.start);
      }
    }
  }

  private parseIdentTerm(): Expression {
    const s = this.s;
    const start = s.start;
    const end = s.end;
    const name = this.name();
    s.next();
    const t = this.cur();
    if (t === Tok.LParen || t === Tok.DoubleColon) return this.parseFunctionCall(name, start, end);
    switch (name) {
      case "true":
      case "false":
        return { type: "LiteralValue", range: { start, end }, valueType: "bool", value: name === "true" };
      case "null":
        return { type: "LiteralValue", range: { start, end }, valueType: "null", value: null };
      default:
        return { type: "ScopeTraversal", range: { start, end }, root: name, rootRange: { start, end }, steps: [] };
    }
  }

  /** After the first name of a call: optional `::name` parts, then the arguments. */
  private parseFunctionCall(first: string, start: number, firstEnd: number): Expression {
    const s = this.s;
    const namespace: string[] = [];
    let name = first;
    let nameEnd = firstEnd;
    while (this.cur() === Tok.DoubleColon) {
      s.next();
      if (this.cur() !== Tok.Ident) {
        this.report(
          "Missing function name",
          `A function name is required after "::", but found ${this.describe()}.`,
          s.start,
          s.end,
        );
        return { type: "Invalid", range: { start, end: s.start } };
      }
      namespace.push(name);
      name = this.name();
      nameEnd = s.end;
      s.next();
    }
    if (this.cur() !== Tok.LParen) {
      this.report(
        "Missing function call arguments",
        `A namespaced function name must be followed by its arguments in parentheses, but found ${this.describe()}.`,
        s.start,
        s.end,
      );
      return { type: "Invalid", range: { start, end: nameEnd } };
    }
    const fullName = namespace.length === 0 ? name : this.src.slice(start, nameEnd);
    const openParenRange = { start: s.start, end: s.end };
    if (this.depth >= MAX_NESTING_DEPTH) {
      this.reportNesting(s.start, s.end);
      this.skipBalanced();
      return { type: "Invalid", range: { start, end: s.start } };
    }
    this.depth++;
    const savedNl = this.nl;
    this.nl = false;
    s.next();
    const args: Expression[] = [];
    let expandFinal = false;
    for (;;) {
      if (this.tok() === Tok.RParen) break;
      if (this.cur() === Tok.EOF) break;
      const arg = this.parseExpression();
      args.push(arg);
      if (arg.type === "Invalid") {
        this.skipToClose(Tok.RParen);
        break;
      }
      let t = this.tok();
      if (t === Tok.Ellipsis) {
        expandFinal = true;
        s.next();
        t = this.tok();
        if (t !== Tok.RParen) {
          this.report(
            "Missing closing parenthesis",
            `An expanded function argument (with "...") must be immediately followed by closing parentheses, but found ${this.describe()}.`,
            s.start,
            s.end,
          );
          this.skipToClose(Tok.RParen);
        }
        break;
      }
      if (t === Tok.Comma) {
        s.next();
        continue;
      }
      if (t === Tok.RParen || t === Tok.EOF) break;
      this.report(
        "Missing argument separator",
        `A comma is required to separate each function argument from the next, but found ${this.describe()}.`,
        s.start,
        s.end,
      );
      this.skipToClose(Tok.RParen);
      break;
    }
    this.depth--;
    const node: FunctionCall = {
      type: "FunctionCall",
      range: { start, end: 0 },
      name: fullName,
      namespace,
      nameRange: { start, end: nameEnd },
      args,
      expandFinal,
      openParenRange,
      closeParenRange: { start: s.start, end: s.start },
    };
    if (this.cur() === Tok.RParen) {
      node.closeParenRange = { start: s.start, end: s.end };
      this.nl = savedNl;
      s.next();
    } else {
      this.nl = savedNl;
      this.report(
        "Unclosed function call",
        "There is no closing parenthesis for this function call.",
        openParenRange.start,
        openParenRange.end,
      );
    }
    node.range.end = node.closeParenRange.end;
    return node;
  }

  private parseParentheses(): Expression {
    const s = this.s;
    const start = s.start;
    const savedNl = this.nl;
    this.nl = false;
    s.next();
    const expr = this.parseExpression();
    if (this.tok() !== Tok.RParen) {
      if (expr.type !== "Invalid") {
        if (this.cur() === Tok.EOF) {
          this.report(
            "Unclosed parenthesis",
            "There is no closing parenthesis for this opening parenthesis.",
            start,
            start + 1,
          );
        } else {
          this.report(
            "Missing closing parenthesis",
            `Expected a closing parenthesis to terminate the expression, but found ${this.describe()}.`,
            s.start,
            s.end,
          );
        }
      }
      this.skipToClose(Tok.RParen);
      const end = this.cur() === Tok.RParen ? s.end : s.start;
      this.nl = savedNl;
      if (this.cur() === Tok.RParen) s.next();
      return { type: "Parentheses", range: { start, end }, expr };
    }
    const end = s.end;
    this.nl = savedNl;
    s.next();
    return { type: "Parentheses", range: { start, end }, expr };
  }

  private parseTuple(): Expression {
    const s = this.s;
    const start = s.start;
    const savedNl = this.nl;
    this.nl = false;
    s.next();
    if (this.tok() === Tok.Ident && this.isKeyword("for")) {
      const node = this.parseForExpr(start, false);
      this.nl = savedNl;
      return node;
    }
    const items: Expression[] = [];
    for (;;) {
      const t = this.tok();
      if (t === Tok.RBrack || t === Tok.EOF) break;
      const item = this.parseExpression();
      items.push(item);
      if (item.type === "Invalid") {
        this.skipToClose(Tok.RBrack);
        break;
      }
      const after = this.tok();
      if (after === Tok.Comma) {
        s.next();
        continue;
      }
      if (after === Tok.RBrack || after === Tok.EOF) break;
      this.report(
        "Missing item separator",
        `Expected a comma to mark the beginning of the next item, but found ${this.describe()}.`,
        s.start,
        s.end,
      );
      this.skipToClose(Tok.RBrack);
      break;
    }
    const node: Tuple = { type: "Tuple", range: { start, end: s.start }, items };
    if (this.cur() === Tok.RBrack) {
      node.range.end = s.end;
      this.nl = savedNl;
      s.next();
    } else {
      this.nl = savedNl;
      this.report("Unclosed bracket", "There is no closing bracket for this opening bracket.", start, start + 1);
    }
    return node;
  }

  private parseObject(): Expression {
    const s = this.s;
    const start = s.start;
    const savedNl = this.nl;
    this.nl = true;
    s.next();
    // `{for` starts a for expression; look past newlines without consuming meaningfully.
    while (this.cur() === Tok.Newline) s.next();
    if (this.cur() === Tok.Ident && this.isKeyword("for")) {
      this.nl = false;
      const node = this.parseForExpr(start, true);
      this.nl = savedNl;
      return node;
    }
    const items: ObjectItem[] = [];
    for (;;) {
      while (this.cur() === Tok.Newline) s.next();
      const t = this.cur();
      if (t === Tok.RBrace || t === Tok.EOF) break;
      const item = this.parseObjectItem();
      if (item === undefined) {
        this.skipToClose(Tok.RBrace);
        break;
      }
      items.push(item);
      const after = this.cur();
      if (after === Tok.Comma || after === Tok.Newline) {
        s.next();
        continue;
      }
      if (after === Tok.RBrace || after === Tok.EOF) break;
      this.report(
        "Missing attribute separator",
        `Expected a newline or comma to mark the beginning of the next attribute, but found ${this.describe()}.`,
        s.start,
        s.end,
      );
      this.skipToClose(Tok.RBrace);
      break;
    }
    const node: ObjectCons = { type: "ObjectCons", range: { start, end: s.start }, items };
    if (this.cur() === Tok.RBrace) {
      node.range.end = s.end;
      this.nl = savedNl;
      s.next();
    } else {
      this.nl = savedNl;
      this.report("Unclosed brace", "There is no closing brace for this object constructor.", start, start + 1);
    }
    return node;
  }

  private parseObjectItem(): ObjectItem | undefined {
    const s = this.s;
    // Keys are parsed without newline sensitivity changes: a key is one line.
    const key = this.parseExpression();
    if (key.type === "Invalid") return undefined;
    const t = this.cur();
    if (t !== Tok.Equal && t !== Tok.Colon) {
      this.report(
        "Missing key/value separator",
        `Expected an equals sign ("=") to mark the beginning of the attribute value, but found ${this.describe()}.`,
        s.start,
        s.end,
      );
      return undefined;
    }
    s.next();
    const value = this.parseExpression();
    if (value.type === "Invalid") return undefined;
    const bareIdentifier = key.type === "ScopeTraversal" && key.steps.length === 0;
    return {
      type: "ObjectItem",
      range: { start: key.range.start, end: value.range.end },
      key: { type: "ObjectKey", range: key.range, expr: key, bareIdentifier },
      value,
    };
  }

  /**
   * Ends a broken `for` expression: reports (unless a part already did),
   * skips to its closing bracket and returns an Invalid node.
   */
  private failForExpr(start: number, close: Tok, summary: string, detail: string, report = true): Invalid {
    const s = this.s;
    if (report) this.report(summary, detail, s.start, s.end);
    this.skipToClose(close);
    const end = this.cur() === close ? s.end : s.start;
    if (this.cur() === close) s.next();
    return { type: "Invalid", range: { start, end } };
  }

  /** At the `for` keyword, newlines already insignificant; consumes the closing bracket. */
  private parseForExpr(start: number, isObject: boolean): Expression {
    const s = this.s;
    const close = isObject ? Tok.RBrace : Tok.RBrack;
    s.next();
    if (this.tok() !== Tok.Ident)
      return this.failForExpr(
        start,
        close,
        "Invalid for expression",
        `A variable name is required after "for", but found ${this.describe()}.`,
      );
    let keyVar: string | undefined;
    let keyVarRange: Range | undefined;
    let valueVar = this.name();
    let valueVarRange: Range = { start: s.start, end: s.end };
    s.next();
    if (this.tok() === Tok.Comma) {
      s.next();
      if (this.tok() !== Tok.Ident)
        return this.failForExpr(
          start,
          close,
          "Invalid for expression",
          `A second variable name is required after the comma, but found ${this.describe()}.`,
        );
      keyVar = valueVar;
      keyVarRange = valueVarRange;
      valueVar = this.name();
      valueVarRange = { start: s.start, end: s.end };
      s.next();
    }
    if (!(this.tok() === Tok.Ident && this.isKeyword("in")))
      return this.failForExpr(
        start,
        close,
        "Invalid for expression",
        `The "in" keyword is required after the variable names, but found ${this.describe()}.`,
      );
    s.next();
    const collection = this.parseExpression();
    if (collection.type === "Invalid") return this.failForExpr(start, close, "", "", false);
    if (this.tok() !== Tok.Colon)
      return this.failForExpr(
        start,
        close,
        "Invalid for expression",
        `A colon is required after the collection expression, but found ${this.describe()}.`,
      );
    s.next();
    let keyExpr: Expression | undefined;
    if (isObject) {
      keyExpr = this.parseExpression();
      if (keyExpr.type === "Invalid") return this.failForExpr(start, close, "", "", false);
      if (this.tok() !== Tok.FatArrow)
        return this.failForExpr(
          start,
          close,
          "Invalid for expression",
          `An object "for" expression needs "=>" between the key and the value, but found ${this.describe()}.`,
        );
      s.next();
    }
    const valueExpr = this.parseExpression();
    if (valueExpr.type === "Invalid") return this.failForExpr(start, close, "", "", false);
    let grouping = false;
    if (this.tok() === Tok.Ellipsis) {
      if (!isObject)
        return this.failForExpr(
          start,
          close,
          "Invalid for expression",
          'The grouping ellipsis ("...") is only allowed in an object "for" expression.',
        );
      grouping = true;
      s.next();
    }
    let condition: Expression | undefined;
    if (this.tok() === Tok.Ident && this.isKeyword("if")) {
      s.next();
      condition = this.parseExpression();
      if (condition.type === "Invalid") return this.failForExpr(start, close, "", "", false);
    }
    if (this.tok() !== close) {
      if (this.cur() === Tok.EOF) {
        this.report(
          "Unclosed for expression",
          'There is no closing bracket for this "for" expression.',
          start,
          start + 1,
        );
        return { type: "Invalid", range: { start, end: s.start } };
      }
      return this.failForExpr(
        start,
        close,
        "Invalid for expression",
        `Expected the end of the "for" expression, but found ${this.describe()}.`,
      );
    }
    const node: ForExpr = {
      type: "ForExpr",
      range: { start, end: s.end },
      valueVar,
      valueVarRange,
      collection,
      valueExpr,
      grouping,
    };
    if (keyVar !== undefined) {
      node.keyVar = keyVar;
      node.keyVarRange = keyVarRange!;
    }
    if (keyExpr !== undefined) node.keyExpr = keyExpr;
    if (condition !== undefined) node.condition = condition;
    s.next();
    return node;
  }
}

/**
 * For a quoted string at `start` without escapes or sequences, the offset
 * after its closing quote; otherwise 0.
 */
function plainQuotedEnd(src: string, start: number): number {
  for (let i = start + 1; i < src.length; i++) {
    const c = src.charCodeAt(i);
    if (c === 34) return i + 1;
    if (c === 92 || c === 36 || c === 37 || c === 10 || c === 13) return 0;
  }
  return 0;
}

/** The attribute of this name already in the body (linear for small bodies, `seen` for large ones). */
function findAttribute(
  attributes: Attribute[],
  name: string,
  seen: Map<string, Attribute> | undefined,
): Attribute | undefined {
  if (seen !== undefined) return seen.get(name);
  for (let i = 0; i < attributes.length; i++) if (attributes[i]!.name === name) return attributes[i];
  return undefined;
}

function invalidAt(offset: number): Invalid {
  return { type: "Invalid", range: { start: offset, end: offset } };
}

function reduce(operands: Expression[], ops: Tok[], opStarts: number[]): void {
  const right = operands.pop()!;
  const left = operands.pop()!;
  const op = ops.pop()!;
  const opStart = opStarts.pop()!;
  const text = OPERATOR_TEXT[op]!;
  operands.push({
    type: "BinaryOp",
    range: { start: left.range.start, end: right.range.end },
    op: text,
    opRange: { start: opStart, end: opStart + text.length },
    left,
    right,
  });
}

/** Adds a traversal step: to a traversal in place, otherwise as a relative traversal. */
function appendStep(expr: Expression, step: TraversalStep): Expression {
  if (expr.type === "ScopeTraversal" || expr.type === "RelativeTraversal") {
    expr.steps.push(step);
    // The range object is the node's own (rootRange is separate), so extend it in place.
    expr.range.end = step.range.end;
    return expr;
  }
  return {
    type: "RelativeTraversal",
    range: { start: expr.range.start, end: step.range.end },
    source: expr,
    steps: [step],
  };
}

/** The key of `[key]` when it is a number or a literal string (then a traversal step, as in hclsyntax). */
function literalIndexKey(key: Expression): string | number | undefined {
  if (key.type === "LiteralValue") return key.valueType === "number" ? (key.value as number) : undefined;
  if (key.type === "Template" && key.heredoc === undefined) {
    if (key.parts.length === 0) return "";
    const only = key.parts[0]!;
    if (key.parts.length === 1 && only.type === "TemplateLiteral") return only.value;
  }
  return undefined;
}
