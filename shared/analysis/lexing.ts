// Lexing facts the analysis's own scanners share (the import scanner, the duplication tokenizer).

/** In JavaScript, after these keywords a `/` starts a regular expression, not a division. */
export const JS_REGEX_AFTER_KEYWORDS: ReadonlySet<string> = new Set([
  'return',
  'typeof',
  'instanceof',
  'in',
  'of',
  'new',
  'delete',
  'void',
  'throw',
  'case',
  'do',
  'else',
  'yield',
  'await',
]);
