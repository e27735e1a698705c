// Apart from the JUnit reader so that saving a case (which keys cases a report created) does not
// bundle the XML parser (saxes).

/**
 * The identity under which a reported case is matched to a known case or creates one:
 * classname and name, NFC-normalized with whitespace collapsed, joined by `::`. A `:` or `%`
 * in the classname is percent-encoded so that the key stays unambiguous when classnames or
 * names contain `::` themselves (Rust, C++, PHP).
 */
export function caseKey(classname: string, name: string): string {
  const owner = normalizeIdentity(classname).replace(/[%:]/g, (c) => (c === '%' ? '%25' : '%3A'));
  return `${owner}::${normalizeIdentity(name)}`;
}

function normalizeIdentity(value: string): string {
  return value.normalize('NFC').replace(/\s+/g, ' ').trim();
}
