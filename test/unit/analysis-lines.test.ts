import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clocLanguageForFile, clocLanguageName, countLines, countsLikeCloc } from '#shared/analysis/lines/index';
import type { LineCounts } from '#shared/analysis/model';
import { clocInstalled, runClocByFile } from '../support/cloc-reference.ts';

interface Case {
  name: string;
  language: string;
  file: string;
  source: string;
  /** Worked out by hand from cloc 1.96's filters for the language (read in /usr/bin/cloc). */
  expected: LineCounts;
}

// Each expectation below follows from cloc's rules, and is checked again against the real cloc.
const CASES: Case[] = [
  {
    name: 'C: a block comment spanning lines joins the code around it into one line',
    language: 'C',
    file: 'join.c',
    source: 'int a; /* multi\n line */ int b;\n',
    expected: { code: 1, comment: 1, blank: 0 },
  },
  {
    name: 'C: a blank line after a backslash continuation is not blank',
    language: 'C',
    file: 'continuation.c',
    source: '#define X \\\n\nint z;\n',
    expected: { code: 3, comment: 0, blank: 0 },
  },
  {
    name: 'C++: "//" inside a string starts a comment, the code before it stays',
    language: 'C++',
    file: 'url.cpp',
    source: 'const char* u = "http://x";\n// only comment\n\nint y;\n',
    expected: { code: 2, comment: 1, blank: 1 },
  },
  {
    name: 'C header: CRLF line ends and a doc block',
    language: 'C',
    file: 'crlf.h',
    source: '/**\r\n * doc\r\n */\r\n#pragma once\r\n\r\nint f(void);\r\n',
    expected: { code: 2, comment: 3, blank: 1 },
  },
  {
    name: 'Python: docstrings and every triple-quoted string are comments, so is a line holding /*',
    language: 'Python',
    file: 'doc.py',
    source: [
      '#!/usr/bin/env python3',
      '"""Module doc."""',
      "x = '''not a docstring'''",
      'y = "/* looks like C */"',
      '# comment',
      '',
      'def f():',
      '    """Multi',
      '    line"""',
      '    return 1  # trailing',
      '',
    ].join('\n'),
    expected: { code: 4, comment: 5, blank: 1 },
  },
  {
    name: 'Perl: =head1 POD up to =cut and everything from __END__ are comments; =pod blocks are code',
    language: 'Perl',
    file: 'pod.pl',
    source: [
      '#!/usr/bin/perl',
      'use strict;',
      '# comment',
      '=head1 NAME',
      '',
      'Foo',
      '',
      '=cut',
      '=pod',
      'Text',
      '=cut',
      'print "# not a comment\\n";',
      '__END__',
      'trailing',
      '',
    ].join('\n'),
    expected: { code: 6, comment: 6, blank: 2 },
  },
  {
    name: 'Ruby: =begin/=end blocks and # lines',
    language: 'Ruby',
    file: 'blocks.rb',
    source: '# c\nx = 1 # trailing\n=begin\ndoc\n=end\n',
    expected: { code: 1, comment: 4, blank: 0 },
  },
  {
    name: 'Shell: the #! line is code, a # inside a string is not a comment',
    language: 'Shell',
    file: 'run.sh',
    source: '#!/bin/sh\n# c\necho "#x"\n\n',
    expected: { code: 2, comment: 1, blank: 1 },
  },
  {
    name: 'SQL: -- lines and block comments',
    language: 'SQL',
    file: 'query.sql',
    source: '-- c\nSELECT 1; -- t\n/* b\n c */\n',
    expected: { code: 1, comment: 3, blank: 0 },
  },
  {
    name: 'HTML: a line opening an unclosed comment is dropped whole, code before it included',
    language: 'HTML',
    file: 'page.html',
    source: '<!DOCTYPE html>\n<!-- one -->\n<p>a</p> <!-- open\nstill\n-->\n<p>b</p>\n',
    expected: { code: 2, comment: 4, blank: 0 },
  },
  {
    name: 'Markdown: <!-- --> and [//]: # (…) comments; code before an opening marker stays',
    language: 'Markdown',
    file: 'notes.md',
    source: '# Title\n\n<!-- hidden -->\ntext <!-- x\ny -->\n[//]: # (note)\n',
    expected: { code: 2, comment: 3, blank: 1 },
  },
  {
    name: 'JSON: no comments, every non-blank line is code',
    language: 'JSON',
    file: 'data.json',
    source: '{\n\n  "a": "// no comment"\n}\n',
    expected: { code: 3, comment: 0, blank: 1 },
  },
  {
    name: 'YAML: # lines only',
    language: 'YAML',
    file: 'config.yaml',
    source: '# c\na: 1 # t\n',
    expected: { code: 1, comment: 1, blank: 0 },
  },
  {
    name: 'Rust: nested block comments end at the first */',
    language: 'Rust',
    file: 'nested.rs',
    source: '/* outer /* inner */ still */\n/// doc\nfn main() {}\n',
    expected: { code: 2, comment: 1, blank: 0 },
  },
  {
    name: 'Java: a quoted path glob holding /* does not open a comment',
    language: 'Java',
    file: 'Glob.java',
    source: 'String g = "src/*";\nint x; // c\n/* a\n*/\n',
    expected: { code: 2, comment: 2, blank: 0 },
  },
  {
    name: 'TypeScript: // in a string cuts the rest of the line, the line stays code',
    language: 'TypeScript',
    file: 'url.ts',
    source: "const url = 'http://x'; // c\n/** doc */\nexport {};\n",
    expected: { code: 2, comment: 1, blank: 0 },
  },
  {
    name: 'JavaScript: a comment-only line between code lines',
    language: 'JavaScript',
    file: 'plain.js',
    source: 'let a = 1;\n  // note\nlet b = 2; /* x */\n',
    expected: { code: 2, comment: 1, blank: 0 },
  },
  {
    name: 'Kotlin: comment markers inside a raw string still count as comments',
    language: 'Kotlin',
    file: 'Raw.kt',
    source: 'val s = """\n/* not */\n"""\n',
    expected: { code: 2, comment: 1, blank: 0 },
  },
  {
    name: 'Swift: /// doc comments',
    language: 'Swift',
    file: 'doc.swift',
    source: '/// doc\nlet x = 1\n',
    expected: { code: 1, comment: 1, blank: 0 },
  },
  {
    name: 'Go: an inline block comment leaves the line as code',
    language: 'Go',
    file: 'inline.go',
    source: 'package p\n\nvar x = 1 /* a */ + 2\n// c\n',
    expected: { code: 2, comment: 1, blank: 1 },
  },
  {
    name: 'C#: line and block comments',
    language: 'C#',
    file: 'A.cs',
    source: '// c\n/* d */ class A {}\n',
    expected: { code: 1, comment: 1, blank: 0 },
  },
  {
    name: 'PHP: #, // and /** */ comments',
    language: 'PHP',
    file: 'index.php',
    source: '<?php\n# hash\n$x = 1; // t\n/** doc */\n',
    expected: { code: 2, comment: 2, blank: 0 },
  },
  {
    name: 'CSS: only block comments',
    language: 'CSS',
    file: 'site.css',
    source: 'a { color: red; } /* x */\n/* y */\n\n',
    expected: { code: 1, comment: 1, blank: 1 },
  },
];

describe('countLines (cloc 1.96 rules)', () => {
  it.each(CASES)('$name', ({ language, source, expected }) => {
    expect(countLines(language, source)).toEqual(expected);
  });

  it('counts a language without cloc rules as non-blank code lines', () => {
    expect(countsLikeCloc('Brainfuck')).toBe(false);
    expect(countLines('Brainfuck', '+++\n\n# not a comment\n')).toEqual({ code: 2, comment: 0, blank: 1 });
  });

  it('counts an empty text and a last line without a newline', () => {
    expect(countLines('C', '')).toEqual({ code: 0, comment: 0, blank: 0 });
    expect(countLines('C', 'int a;\n// end')).toEqual({ code: 1, comment: 1, blank: 0 });
  });
});

describe('cloc language names', () => {
  it('maps Linguist names to the keys of cloc --json, splitting where cloc splits by file', () => {
    expect(clocLanguageName('Shell')).toBe('Bourne Shell');
    expect(clocLanguageName('TSX')).toBe('TypeScript');
    expect(clocLanguageName('Brainfuck')).toBeUndefined();
    expect(clocLanguageForFile('C', 'src/a.h')).toBe('C/C++ Header');
    expect(clocLanguageForFile('C++', 'src/a.hpp')).toBe('C/C++ Header');
    expect(clocLanguageForFile('Shell', 'bin/run.bash')).toBe('Bourne Again Shell');
    expect(clocLanguageForFile('Shell', 'bin/run', '#!/usr/bin/env bash\n')).toBe('Bourne Again Shell');
    expect(clocLanguageForFile('JavaScript', 'ui/app.jsx')).toBe('JSX');
  });
});

describe.skipIf(!clocInstalled)('the same cases through the real cloc', () => {
  let folder = '';
  let cloc = new Map<string, LineCounts & { language: string }>();
  beforeAll(() => {
    folder = mkdtempSync(join(tmpdir(), 'cloc-cases-'));
    for (const { file, source } of CASES) writeFileSync(join(folder, file), source);
    cloc = runClocByFile(CASES.map(({ file }) => join(folder, file)));
  });
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  it.each(CASES)('$name', ({ file, language, expected }) => {
    const counted = cloc.get(join(folder, file));
    expect(counted).toMatchObject({ ...expected, language: clocLanguageForFile(language, file) });
  });
});

if (!clocInstalled) {
  console.warn('cloc is not installed: the comparison with the real cloc is skipped (apt-get install cloc)');
}
