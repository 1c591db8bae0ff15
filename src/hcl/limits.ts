/**
 * Safety limits of the HCL parser. Deeply nested input is reported, not
 * followed, so that no input can overflow the call stack.
 */

/** Brackets, braces, parentheses, blocks, unary operators and templates may nest this deep. */
export const MAX_NESTING_DEPTH = 1000;
