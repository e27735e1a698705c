import { describe, expect, it } from 'vitest';
import { detectLanguage, resolveLanguageName } from '#shared/analysis/languages/index';
import {
  LANGUAGE_TYPES,
  LANGUAGES_BY_EXTENSION,
  LANGUAGES_BY_FILENAME,
  LANGUAGES_BY_INTERPRETER,
} from '#shared/analysis/languages/linguist-table.generated';
import { buildLanguageTables } from '../../scripts/analysis/language-table.ts';

describe('the generated Linguist table', () => {
  it('is current with the installed linguist-languages (run scripts/analysis/language-table.ts when not)', async () => {
    const tables = await buildLanguageTables();
    expect(LANGUAGES_BY_EXTENSION).toEqual(tables.byExtension);
    expect(LANGUAGES_BY_FILENAME).toEqual(tables.byFilename);
    expect(LANGUAGES_BY_INTERPRETER).toEqual(tables.byInterpreter);
    expect(LANGUAGE_TYPES).toEqual(tables.types);
  });
});

describe('detectLanguage', () => {
  it.each([
    ['src/app.ts', '', 'TypeScript'],
    ['src/App.tsx', '', 'TSX'],
    ['lib/UTIL.PY', '', 'Python'],
    ['Makefile', '', 'Makefile'],
    ['Dockerfile', '', 'Dockerfile'],
    ['home/.bashrc', '', 'Shell'],
    ['README.md', '# Title\n', 'Markdown'],
    ['config/app.yml', 'a: 1\n', 'YAML'],
    ['data.json', '{}', 'JSON'],
    ['include/x.h.in', '', 'C'],
  ])('%s is %s by name or extension', (path, head, language) => {
    expect(detectLanguage(path, head)).toBe(language);
  });

  it.each([
    ['bin/tool', '#!/usr/bin/env python3.11\nprint(1)\n', 'Python'],
    ['bin/run', '#!/bin/bash\necho hi\n', 'Shell'],
    ['bin/serve', '#!/usr/bin/env -S node --no-warnings\n', 'JavaScript'],
    ['scripts/build.cgi', '#!/usr/bin/ruby\n', 'Ruby'],
  ])('%s is %s by its #! line', (path, head, language) => {
    expect(detectLanguage(path, head)).toBe(language);
  });

  it.each([
    ['x.h', 'class Widget {\npublic:\n  int size;\n};\n', 'C++'],
    ['x.h', '#include <vector>\n', 'C++'],
    ['x.h', '#import <Foundation/Foundation.h>\n@interface Widget : NSObject\n@end\n', 'Objective-C'],
    ['x.h', '#ifndef X_H\nint add(int a, int b);\n#endif\n', 'C'],
    ['x.m', '@implementation Widget\n@end\n', 'Objective-C'],
    ['x.m', '% compute\nfunction y = f(x)\n  y = x;\nend\n', 'MATLAB'],
    ['x.pl', 'use strict;\nprint "hi";\n', 'Perl'],
    ['x.pl', 'parent(tom, bob).\nancestor(X, Y) :- parent(X, Y).\n', 'Prolog'],
    ['x.pm', 'use v6;\nunit class Foo;\n', 'Raku'],
    ['x.ts', '<?xml version="1.0" encoding="utf-8"?>\n<TS version="2.1">\n', 'XML'],
    ['x.ts', 'export const a = 1;\n', 'TypeScript'],
  ])('%s with this content is %s (ambiguous extension)', (path, head, language) => {
    expect(detectLanguage(path, head)).toBe(language);
  });

  it('knows nothing of an unknown extension without a #! line', () => {
    expect(detectLanguage('notes.xyz123', 'hello')).toBeUndefined();
    expect(detectLanguage('LICENSE-ish', '')).toBeUndefined();
  });

  it('resolves a language named in .gitattributes whatever its case', () => {
    expect(resolveLanguageName('typescript')).toBe('TypeScript');
    expect(resolveLanguageName('c++')).toBe('C++');
    expect(resolveLanguageName('no such language')).toBeUndefined();
  });
});
