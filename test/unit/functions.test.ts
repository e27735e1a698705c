import { existsSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { extractFunctions, loadSyntax, supportsFunctions } from '#shared/analysis/functions/extract';
import type { FunctionMetrics } from '#shared/analysis/model';
import { grammarPath, runtimePath, SYNTAX_PACKAGE_FILES } from '#shared/analysis/syntax/grammars';

// Expected numbers are derived by hand from the counting rules (docs/analysis.md, "Functions
// and complexity"); each comment lists the decisions counted. Cognitive complexity follows
// SonarSource's whitepaper, whose own Java examples are the first cases.

const LANGUAGES = [
  'JavaScript',
  'TypeScript',
  'TSX',
  'Python',
  'Java',
  'Go',
  'C',
  'C++',
  'C#',
  'Ruby',
  'PHP',
  'Rust',
  'Kotlin',
  'Swift',
];

// Compiling the grammars' WebAssembly (17 MB in all) is the slow part on a busy machine: once, up front.
beforeAll(() => loadSyntax(LANGUAGES), 120_000);

/** name → the metrics asked for, to keep each expectation to what the case is about. */
function pick(functions: FunctionMetrics[], ...keys: (keyof FunctionMetrics)[]): Record<string, unknown>[] {
  return functions.map((fn) => Object.fromEntries(keys.map((key) => [key, fn[key]])));
}

describe('cognitive complexity (SonarSource whitepaper examples)', () => {
  it('sumOfPrimes: nested loops, a nested if and a jump to a label make 7', async () => {
    const source = `class Primes {
  int sumOfPrimes(int max) {
    int total = 0;
    OUT: for (int i = 1; i <= max; ++i) {
      for (int j = 2; j < i; ++j) {
        if (i % j == 0) {
          continue OUT;
        }
      }
      total += i;
    }
    return total;
  }
}`;
    const functions = await extractFunctions('Java', source);
    // for +1, for +2 (nesting 1), if +3 (nesting 2), continue OUT +1; cyclomatic 1 + for + for + if
    expect(pick(functions, 'name', 'startLine', 'endLine', 'length', 'parameters', 'cyclomatic', 'cognitive')).toEqual([
      { name: 'Primes.sumOfPrimes', startLine: 2, endLine: 13, length: 12, parameters: 1, cyclomatic: 4, cognitive: 7 },
    ]);
  });

  it('getWords: a switch counts once however many cases it has', async () => {
    const source = `class Words {
  String getWords(int number) {
    switch (number) {
      case 1: return "one";
      case 2: return "a couple";
      case 3: return "a few";
      default: return "lots";
    }
  }
}`;
    const functions = await extractFunctions('Java', source);
    // cyclomatic 1 + three cases (default adds nothing); cognitive switch +1
    expect(pick(functions, 'name', 'cyclomatic', 'cognitive')).toEqual([
      { name: 'Words.getWords', cyclomatic: 4, cognitive: 1 },
    ]);
  });
});

describe('JavaScript and TypeScript (ESLint complexity, classic)', () => {
  it('counts ifs, loops, catch, ?:, logical operators and assignments, defaults, ?. and cases', async () => {
    const source = `function all(a, b = 1, { c = 2 } = {}) {
  if (a?.b && a.c || a.d ?? b) return;
  for (;;) {}
  for (const k in a) {}
  for (const v of a) {}
  while (a) {}
  do {} while (b);
  try {} catch {}
  a ||= b;
  a &&= b;
  a.f?.();
  switch (a) { case 1: case 2: break; default: }
  return a ? b : c;
}`;
    const [all] = await extractFunctions('JavaScript', source);
    // 1 + defaults b=1, c=2, {…}={} (3) + if + ?. + && + || + ?? (5) + for, for-in, for-of, while, do (5)
    //   + catch + ||= + &&= + ?.() (4) + case 1, case 2 (2) + ?: (1) = 21
    expect(all).toMatchObject({ name: 'all', parameters: 3, cyclomatic: 21, startLine: 1, endLine: 14 });
    // if +1 with `&& || ??` three sequences +3, five loops +5, catch +1, switch +1, ?: +1
    expect(all?.cognitive).toBe(12);
  });

  it('names functions the way ESLint’s messages do, qualified by their class', async () => {
    const source = `const arrow = () => 1;
const object = { key: function () {}, method() {}, 'quoted': () => {} };
class Shape {
  static #count = 0;
  area = () => this.w * this.h;
  static { if (Shape.debug) log(); }
  constructor(w) { this.w = w; }
  get size() { return 1; }
}
exports.handler = function () {};
[1].map(function () {});`;
    const functions = await extractFunctions('JavaScript', source);
    expect(pick(functions, 'name', 'startLine', 'cyclomatic')).toEqual([
      { name: 'arrow', startLine: 1, cyclomatic: 1 },
      { name: 'key', startLine: 2, cyclomatic: 1 },
      { name: 'method', startLine: 2, cyclomatic: 1 },
      { name: 'quoted', startLine: 2, cyclomatic: 1 },
      // class field initializers and static blocks are functions of their own, as ESLint measures them
      { name: 'Shape.<field #count>', startLine: 4, cyclomatic: 1 },
      { name: 'Shape.<field area>', startLine: 5, cyclomatic: 1 },
      { name: 'Shape.area', startLine: 5, cyclomatic: 1 },
      { name: 'Shape.<static>', startLine: 6, cyclomatic: 2 },
      { name: 'Shape.constructor', startLine: 7, cyclomatic: 1 },
      { name: 'Shape.size', startLine: 8, cyclomatic: 1 },
      { name: 'handler', startLine: 10, cyclomatic: 1 },
      { name: '<anonymous>', startLine: 11, cyclomatic: 1 },
    ]);
  });

  it('measures a nested function alone, not in the function around it', async () => {
    const source = `function outer(items) {
  return items.filter((item) => item && item.ok);
}`;
    const functions = await extractFunctions('JavaScript', source);
    expect(pick(functions, 'name', 'cyclomatic', 'cognitive')).toEqual([
      { name: 'outer', cyclomatic: 1, cognitive: 0 },
      { name: '<anonymous>', cyclomatic: 2, cognitive: 1 },
    ]);
  });

  it('reads TypeScript defaults and skips overload signatures; TSX parses JSX', async () => {
    const typescript = `function f(a: number): void;
function f(a: number, b: number = 2): void { if (a) {} }
abstract class Base { abstract run(): void; }`;
    expect(pick(await extractFunctions('TypeScript', typescript), 'name', 'startLine', 'cyclomatic')).toEqual([
      { name: 'f', startLine: 2, cyclomatic: 3 },
    ]);
    const tsx = `export const View = ({ items }: Props) => <ul>{items.length > 0 ? items.map((i) => <li>{i}</li>) : null}</ul>;`;
    expect(pick(await extractFunctions('TSX', tsx), 'name', 'cyclomatic')).toEqual([
      { name: 'View', cyclomatic: 2 },
      { name: '<anonymous>', cyclomatic: 1 },
    ]);
  });
});

describe('C and C++ (pmccabe traditional McCabe)', () => {
  it('counts each case, && and ||, ?:, loops, and the first branch of an #if only', async () => {
    const source = `static int
classify(int a, int b)
{
  if (a && b || a) return 1;
  else if (b) return 2;
  for (;;) { while (a) a--; do { b++; } while (b < 3); }
  switch (a) { case 1: case 2: return 3; default: return 4; }
#if defined(X) && defined(Y)
  if (a) a++;
#else
  if (b) b++;
#endif
  return a ? b : 0;
}
int none(void) { return 0; }`;
    const functions = await extractFunctions('C', source);
    // 1 + if + && + || + else if + for + while + do + case 1 + case 2 + if under #if + ?: = 12
    // cognitive: if 1 + sequences `&& ||` 2 + else if 1 + for 1 + while 2 + do 2 + switch 1 + if 1 + ?: 1
    expect(pick(functions, 'name', 'startLine', 'endLine', 'parameters', 'cyclomatic', 'cognitive')).toEqual([
      { name: 'classify', startLine: 1, endLine: 14, parameters: 2, cyclomatic: 12, cognitive: 12 },
      { name: 'none', startLine: 15, endLine: 15, parameters: 0, cyclomatic: 1, cognitive: 0 },
    ]);
  });

  it('qualifies C++ methods by namespace and class; lambdas are their own functions', async () => {
    const source = `namespace geo {
class Box { int area(int s) const { return s > 0 ? s * s : 0; } };
}
int geo::Box::fit(int a, int b) {
  try { for (auto x : items) {} } catch (...) {}
  auto positive = [](int y) { return y > 0 && y < 9; };
  return 0;
}`;
    const functions = await extractFunctions('C++', source);
    expect(pick(functions, 'name', 'parameters', 'cyclomatic')).toEqual([
      { name: 'geo::Box::area', parameters: 1, cyclomatic: 2 },
      { name: 'geo::Box::fit', parameters: 2, cyclomatic: 3 },
      { name: '<anonymous>', parameters: 1, cyclomatic: 2 },
    ]);
  });
});

describe('other languages (McCabe decision points per language)', () => {
  it('Python: elif, comprehensions, boolean operators, match cases but not `case _`', async () => {
    const source = `class Parser:
    def parse(self, a, b=1, *args, **kw):
        if a and b or a:
            pass
        elif b:
            pass
        else:
            pass
        for x in a: pass
        while a: break
        try: pass
        except ValueError: pass
        z = [i for i in a if i]
        w = 1 if a else 2
        f = lambda q: q
        match a:
            case 1: pass
            case _: pass
`;
    const functions = await extractFunctions('Python', source);
    // 1 + if + and + or + elif + for + while + except + comprehension for + comprehension if
    //   + conditional + case 1 = 12; cognitive: if 1, `and or` 2, elif 1, else 1, for 1,
    //   while 1, except 1, conditional 1, match 1 = 10
    expect(pick(functions, 'name', 'startLine', 'endLine', 'parameters', 'cyclomatic', 'cognitive')).toEqual([
      { name: 'Parser.parse', startLine: 2, endLine: 18, parameters: 5, cyclomatic: 12, cognitive: 10 },
      { name: 'Parser.<anonymous>', startLine: 15, endLine: 15, parameters: 1, cyclomatic: 1, cognitive: 0 },
    ]);
  });

  it('Go: each case of switch, type switch and select; methods named by receiver type', async () => {
    const source = `package p
func (s *Server) Serve(a int, b, c string) int {
	if a > 1 && b != "" {
	} else if a < 0 {
	} else {
	}
	for i := 0; i < 3; i++ {}
	switch a { case 1, 2: ; default: }
	select { case <-ch: ; default: }
	switch v := x.(type) { case int: _ = v }
	f := func(x int) {}
	return 0
}`;
    const functions = await extractFunctions('Go', source);
    // 1 + if + && + else if + for + case + select case + type case = 8
    // cognitive: if 1, && 1, else if 1, else 1, for 1, switch 1, select 1, type switch 1 = 8
    expect(pick(functions, 'name', 'parameters', 'cyclomatic', 'cognitive')).toEqual([
      { name: 'Server.Serve', parameters: 3, cyclomatic: 8, cognitive: 8 },
      { name: '<anonymous>', parameters: 1, cyclomatic: 1, cognitive: 0 },
    ]);
  });

  it('Rust: match arms but not the wildcard; loop adds nothing; impl qualifies', async () => {
    const source = `impl Tree {
    fn walk(&self, a: i32) -> i32 {
        if a > 1 && a < 2 { 1 } else if a < 0 { 2 } else { 3 };
        for x in y {}
        while a > 0 {}
        loop { break; }
        match a { 1 => 1, _ => 2 };
        let c = |x| x;
        0
    }
}`;
    const functions = await extractFunctions('Rust', source);
    // 1 + if + && + else if + for + while + arm `1` = 7
    // cognitive: if 1, && 1, else if 1, else 1, for 1, while 1, loop 1, match 1 = 8
    expect(pick(functions, 'name', 'parameters', 'cyclomatic', 'cognitive')).toEqual([
      { name: 'Tree::walk', parameters: 2, cyclomatic: 7, cognitive: 8 },
      { name: 'Tree::<anonymous>', parameters: 1, cyclomatic: 1, cognitive: 0 },
    ]);
  });

  it('Ruby: modifiers, unless, when and rescue; keywords are not structures', async () => {
    const source = `module Shop
  class Cart
    def total(a, b = 1, *c)
      if a && b || c then 1 elsif b then 2 else 3 end
      unless a then 1 end
      x = 1 if a
      while a do end
      case a when 1, 2 then 1 when 3 then 2 else 3 end
      begin; rescue StandardError; end
      a ? 1 : 2
    end
    def self.build; end
  end
end`;
    const functions = await extractFunctions('Ruby', source);
    // 1 + if + && + || + elsif + unless + if modifier + while + when + when + rescue + ?: = 12
    // cognitive: if 1, `&& ||` 2, elsif 1, else 1, unless 1, modifier 1, while 1, case 1, rescue 1, ?: 1 = 11
    expect(pick(functions, 'name', 'parameters', 'cyclomatic', 'cognitive')).toEqual([
      { name: 'Shop::Cart::total', parameters: 3, cyclomatic: 12, cognitive: 11 },
      { name: 'Shop::Cart::self.build', parameters: 0, cyclomatic: 1, cognitive: 0 },
    ]);
  });

  it('PHP: elseif, foreach, case, ?? and closures', async () => {
    const source = `<?php
class Cart {
  function total($a, $b = 1) {
    if ($a && $b || $a) {} elseif ($b) {} else {}
    foreach ($x as $y) {}
    switch ($a) { case 1: break; default: }
    $f = function ($x) { return $x ?? 1; };
  }
}`;
    const functions = await extractFunctions('PHP', source);
    // 1 + if + && + || + elseif + foreach + case = 7; cognitive: if 1, `&& ||` 2, elseif 1, else 1, foreach 1, switch 1
    expect(pick(functions, 'name', 'parameters', 'cyclomatic', 'cognitive')).toEqual([
      { name: 'Cart::total', parameters: 2, cyclomatic: 7, cognitive: 7 },
      { name: 'Cart::<anonymous>', parameters: 1, cyclomatic: 2, cognitive: 1 },
    ]);
  });

  it('C#: case labels, switch-expression arms but not the discard, accessors with bodies', async () => {
    const source = `namespace Shop {
  class Cart {
    int Total(int a, string b) {
      if (a > 1 && b != null) {} else if (a < 0) {} else {}
      foreach (var x in items) {}
      switch (a) { case 1: case 2: break; default: break; }
      var s = a switch { 1 => 2, _ => 3 };
      return a > 0 ? 1 : 2;
    }
    int Count { get { return 1; } set; }
  }
}`;
    const functions = await extractFunctions('C#', source);
    // 1 + if + && + else if + foreach + case 1 + case 2 + arm 1 + ?: = 9
    // cognitive: if 1, && 1, else if 1, else 1, foreach 1, switch 1, switch expression 1, ?: 1 = 8
    expect(pick(functions, 'name', 'parameters', 'cyclomatic', 'cognitive')).toEqual([
      { name: 'Shop.Cart.Total', parameters: 2, cyclomatic: 9, cognitive: 8 },
      { name: 'Shop.Cart.Count.get', parameters: 0, cyclomatic: 1, cognitive: 0 },
    ]);
  });
});

// No Kotlin or Swift source exists on this machine and no reference tool (detekt, SwiftLint) is
// installed: these expectations are derived by hand only.
describe('Kotlin and Swift (no reference tool here: hand-derived)', () => {
  it('Kotlin: when entries but not else, elvis, do-while, labels, accessors, constructors, nested lambdas apart', async () => {
    const source = `class Cart(val items: List<Int>) {
    fun total(discount: Int, flag: Boolean): Int {
        var sum = 0
        for (item in items) {
            if (item > 0 && flag || discount > 1) sum += item else if (item < 0) sum -= 1 else sum = 0
        }
        while (sum > 100) { sum-- }
        do { sum++ } while (sum < 0)
        val x = when (discount) {
            1 -> 2
            2, 3 -> 4
            else -> 5
        }
        val y = items.firstOrNull() ?: 0
        try { sum / 0 } catch (e: Exception) { } finally { }
        val f = { a: Int -> a + 1 }
        val g = fun(b: Int): Int { return b }
        outer@ for (i in 1..3) { break@outer }
        return if (flag) sum else x + y
    }
    constructor(n: Int) : this(listOf(n)) { }
    val size: Int get() = items.size
}
object Util { fun id(x: Int) = x }
fun top() {}`;
    const functions = await extractFunctions('Kotlin', source);
    // total: 1 + for + if + && + || + else if + while + do-while + when entries 1 and (2, 3) + ?: + catch
    //   + labelled for + return-if = 14
    // cognitive: for 1; if 2 (nesting 1); && then || 2; else if 1; its else 1; while 1; do 1; when 1;
    //   ?: 1; catch 1; for 1; break@outer 1; return-if 1 and its else 1 = 16
    expect(pick(functions, 'name', 'startLine', 'endLine', 'parameters', 'cyclomatic', 'cognitive')).toEqual([
      { name: 'Cart.total', startLine: 2, endLine: 20, parameters: 2, cyclomatic: 14, cognitive: 16 },
      { name: 'Cart.<anonymous>', startLine: 16, endLine: 16, parameters: 1, cyclomatic: 1, cognitive: 0 },
      { name: 'Cart.<anonymous>', startLine: 17, endLine: 17, parameters: 1, cyclomatic: 1, cognitive: 0 },
      { name: 'Cart.constructor', startLine: 21, endLine: 21, parameters: 1, cyclomatic: 1, cognitive: 0 },
      { name: 'Cart.size.get', startLine: 22, endLine: 22, parameters: 0, cyclomatic: 1, cognitive: 0 },
      { name: 'Util.id', startLine: 24, endLine: 24, parameters: 1, cyclomatic: 1, cognitive: 0 },
      { name: 'top', startLine: 25, endLine: 25, parameters: 0, cyclomatic: 1, cognitive: 0 },
    ]);
  });

  it('Kotlin: an interface member without a body is no function; a when without else', async () => {
    const source = 'interface Shape { fun area(): Double }\nfun kind(n: Int) = when { n < 0 -> 1\n n == 0 -> 2 }';
    // kind: 1 + two when entries = 3; cognitive: when 1
    expect(pick(await extractFunctions('Kotlin', source), 'name', 'cyclomatic', 'cognitive')).toEqual([
      { name: 'kind', cyclomatic: 3, cognitive: 1 },
    ]);
  });

  it('Swift: guard, repeat-while, switch cases but not default, ?? and ?:, labels, init, computed properties', async () => {
    const source = `class Cart {
    var items: [Int] = []
    func total(discount: Int, flag: Bool) -> Int {
        var sum = 0
        for item in items {
            if item > 0 && flag || discount > 1 { sum += item } else if item < 0 { sum -= 1 } else { sum = 0 }
        }
        while sum > 100 { sum -= 1 }
        repeat { sum += 1 } while sum < 0
        switch discount {
        case 1: sum = 2
        case 2, 3: sum = 4
        default: sum = 5
        }
        let y = items.first ?? 0
        let z = flag ? 1 : 2
        guard sum > 0 else { return 0 }
        do { try f() } catch { }
        let c = { (a: Int) -> Int in a + 1 }
        outer: for i in 1...3 { break outer }
        return sum + y + z
    }
    init(n: Int) { }
    var size: Int { get { return items.count } }
}
struct S { func id(_ x: Int) -> Int { x } }
extension Cart { func more() {} }
func top() {}`;
    const functions = await extractFunctions('Swift', source);
    // total: 1 + for + if + && + || + else if + while + repeat + case 1 + case 2, 3 + ?? + ?: + guard
    //   + catch + labelled for = 15
    // cognitive: for 1; if 2 (nesting 1); && then || 2; else if 1; its else 1; while 1; repeat 1;
    //   switch 1; ?? 1; ?: 1; guard 1; catch 1; for 1; break outer 1 = 16
    expect(pick(functions, 'name', 'startLine', 'endLine', 'parameters', 'cyclomatic', 'cognitive')).toEqual([
      { name: 'Cart.total', startLine: 3, endLine: 22, parameters: 2, cyclomatic: 15, cognitive: 16 },
      { name: 'Cart.<anonymous>', startLine: 19, endLine: 19, parameters: 1, cyclomatic: 1, cognitive: 0 },
      { name: 'Cart.init', startLine: 23, endLine: 23, parameters: 1, cyclomatic: 1, cognitive: 0 },
      { name: 'Cart.size.get', startLine: 24, endLine: 24, parameters: 0, cyclomatic: 1, cognitive: 0 },
      { name: 'S.id', startLine: 26, endLine: 26, parameters: 1, cyclomatic: 1, cognitive: 0 },
      { name: 'Cart.more', startLine: 27, endLine: 27, parameters: 0, cyclomatic: 1, cognitive: 0 },
      { name: 'top', startLine: 28, endLine: 28, parameters: 0, cyclomatic: 1, cognitive: 0 },
    ]);
  });

  it('Swift: else if and else add 1 each, a protocol requirement is no function', async () => {
    const source =
      'protocol P { func f() }\nfunc b(x: Int) {\n  if x > 0 { f() } else if x < 0 { g() } else { h() }\n}';
    // b: 1 + if + else if = 3; cognitive: if 1, else if 1, else 1 = 3
    expect(pick(await extractFunctions('Swift', source), 'name', 'cyclomatic', 'cognitive')).toEqual([
      { name: 'b', cyclomatic: 3, cognitive: 3 },
    ]);
  });
});

describe('languages and grammars', () => {
  it('supports the languages with a table, by Linguist name, and yields nothing for others', async () => {
    for (const language of [
      'JavaScript',
      'TypeScript',
      'TSX',
      'Python',
      'Java',
      'Go',
      'C',
      'C++',
      'C#',
      'Ruby',
      'PHP',
      'Rust',
      'Kotlin',
      'Swift',
    ]) {
      expect(supportsFunctions(language)).toBe(true);
    }
    expect(supportsFunctions('Shell')).toBe(false);
    expect(await extractFunctions('Shell', 'f() { if true; then :; fi; }')).toEqual([]);
  });

  it('still measures the functions of a file with a syntax error', async () => {
    const functions = await extractFunctions('JavaScript', 'function ok(a) { return a || 1; }\nfunction broken( {');
    expect(functions[0]).toMatchObject({ name: 'ok', cyclomatic: 2 });
  });

  it('resolves the runtime and every grammar the bundle must carry to files that exist', () => {
    expect(existsSync(runtimePath())).toBe(true);
    expect(existsSync(grammarPath('Rust'))).toBe(true);
    expect(SYNTAX_PACKAGE_FILES).toContain('tree-sitter-wasms/out/tree-sitter-tsx.wasm');
    for (const file of SYNTAX_PACKAGE_FILES) expect(existsSync(`node_modules/${file}`)).toBe(true);
  });
});
