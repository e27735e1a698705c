/**
 * How the duplication tokenizer reads each language: its comment syntax and its keywords.
 *
 * jscpd 5.3.2 (the reference) lexes JavaScript/TypeScript with a real lexer and every other
 * format with one generic line scanner whose only per-language knowledge is the comment style
 * and which words are keywords (keywords keep their text when identifiers are normalized).
 * The families below follow jscpd's; unknown languages fall back to C-style comments as it does.
 */

import type { LanguageName } from '#shared/analysis/model';

/** Which comments a language has; strings are `"…"` and `'…'` on one line for all of them. */
export type CommentStyle = 'c' | 'hash' | 'double-dash' | 'lua' | 'semicolon' | 'basic';

/** How one language is tokenized. `lexer: 'js'` is the JavaScript-family lexer. */
export interface TokenizerProfile {
  lexer: 'js' | 'generic';
  comments: CommentStyle;
  keywords: ReadonlySet<string>;
}

const words = (text: string): ReadonlySet<string> => new Set(text.split(/\s+/).filter(Boolean));

const JS_KEYWORDS = words(`
  break case catch class const continue debugger default delete do else export extends false
  finally for function if import in instanceof new null return super switch this throw true try
  typeof var void while with yield let static enum await implements package protected interface
  private public async of get set`);
const TS_KEYWORDS = new Set([
  ...JS_KEYWORDS,
  ...words(`abstract any as asserts bigint boolean declare is keyof module namespace never readonly
  number object string symbol type undefined unique unknown infer override satisfies accessor`),
]);
const C_KEYWORDS = words(`
  auto break case char const continue default do double else enum extern float for goto if inline
  int long register restrict return short signed sizeof static struct switch typedef union unsigned
  void volatile while _Bool _Complex _Imaginary _Alignas _Alignof _Atomic _Generic _Noreturn
  _Static_assert _Thread_local`);
const CPP_KEYWORDS = new Set([
  ...C_KEYWORDS,
  ...words(`alignas alignof and and_eq asm bitand bitor bool catch char8_t char16_t char32_t class
  compl concept consteval constexpr constinit const_cast co_await co_return co_yield decltype delete
  dynamic_cast explicit export false friend mutable namespace new noexcept not not_eq nullptr
  operator or or_eq private protected public reinterpret_cast requires static_assert static_cast
  template this thread_local throw true try typeid typename using virtual wchar_t xor xor_eq
  override final`),
]);
const KEYWORDS: Record<string, ReadonlySet<string>> = {
  Python: words(`False None True and as assert async await break class continue def del elif else
    except finally for from global if import in is lambda nonlocal not or pass raise return try while
    with yield match case print exec`),
  Java: words(`abstract assert boolean break byte case catch char class const continue default do
    double else enum extends final finally float for goto if implements import instanceof int
    interface long native new package private protected public return short static strictfp super
    switch synchronized this throw throws transient try void volatile while true false null var
    record sealed permits yield`),
  Go: words(`break case chan const continue default defer else fallthrough for func go goto if
    import interface map package range return select struct switch type var true false nil iota`),
  C: C_KEYWORDS,
  'C++': CPP_KEYWORDS,
  'C#': words(`abstract as base bool break byte case catch char checked class const continue
    decimal default delegate do double else enum event explicit extern false finally fixed float for
    foreach goto if implicit in int interface internal is lock long namespace new null object
    operator out override params private protected public readonly ref return sbyte sealed short
    sizeof stackalloc static string struct switch this throw true try typeof uint ulong unchecked
    unsafe ushort using virtual void volatile while async await var dynamic get set value yield
    record init nameof when where`),
  Ruby: words(`BEGIN END alias and begin break case class def defined do else elsif end ensure
    false for if in module next nil not or redo rescue retry return self super then true undef
    unless until when while yield __FILE__ __LINE__ __method__`),
  PHP: words(`abstract and array as break callable case catch class clone const continue declare
    default do echo else elseif empty enddeclare endfor endforeach endif endswitch endwhile enum
    extends final finally fn for foreach function global goto if implements include include_once
    instanceof insteadof interface isset list match namespace new or print private protected public
    readonly require require_once return static switch throw trait try unset use var while xor yield
    true false null self parent`),
  Rust: words(`as async await break const continue crate dyn else enum extern false fn for if impl
    in let loop match mod move mut pub ref return self Self static struct super trait true type
    unsafe use where while abstract become box do final macro override priv typeof unsized virtual
    yield try union`),
  Kotlin: words(`as break class continue do else false for fun if in interface is null object
    package return super this throw true try typealias typeof val var when while by catch
    constructor delegate dynamic field file finally get import init param property receiver set
    setparam where actual abstract annotation companion const crossinline data enum expect external
    final infix inline inner internal lateinit noinline open operator out override private
    protected public reified sealed suspend tailrec vararg`),
  Swift: words(`associatedtype class deinit enum extension fileprivate func import init inout
    internal let open operator private precedencegroup protocol public rethrows static struct
    subscript typealias var break case catch continue default defer do else fallthrough for guard
    if in repeat return throw switch where while Any as await false is nil self Self super throws
    true try async`),
  Shell: words(`if then else elif fi case esac for select while until do done in function time
    coproc return break continue local export readonly declare`),
  JavaScript: JS_KEYWORDS,
  TypeScript: TS_KEYWORDS,
  TSX: TS_KEYWORDS,
  JSX: JS_KEYWORDS,
};
KEYWORDS['Objective-C'] = C_KEYWORDS;
KEYWORDS['C/C++ Header'] = CPP_KEYWORDS;

const JS_FAMILY = new Set(['JavaScript', 'TypeScript', 'TSX', 'JSX']);
const COMMENT_STYLES: Record<string, CommentStyle> = {};
const setStyle = (style: CommentStyle, languages: string): void => {
  for (const language of languages.split(',')) COMMENT_STYLES[language.trim()] = style;
};
setStyle(
  'hash',
  `Python, Ruby, Perl, Shell, R, Julia, YAML, TOML, Dockerfile, Makefile, CMake, CoffeeScript,
  Crystal, Nim, GDScript, Elixir, Awk, Tcl, PowerShell, Puppet, Starlark, Raku`,
);
setStyle('double-dash', 'SQL, PLSQL, PLpgSQL, TSQL, Haskell, Elm, Ada');
setStyle('lua', 'Lua');
setStyle('semicolon', 'INI, Common Lisp, Emacs Lisp, Clojure, Scheme, Racket, Assembly');
setStyle('basic', 'Visual Basic .NET, VBScript, VBA');

const NO_KEYWORDS: ReadonlySet<string> = new Set();

/** The tokenizer profile of a Linguist language; C-style comments when the language is unknown. */
export function profileOf(language: LanguageName): TokenizerProfile {
  return {
    lexer: JS_FAMILY.has(language) ? 'js' : 'generic',
    comments: COMMENT_STYLES[language] ?? 'c',
    keywords: KEYWORDS[language] ?? NO_KEYWORDS,
  };
}
