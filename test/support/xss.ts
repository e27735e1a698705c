import { Parser } from 'htmlparser2';

// XSS payloads and the check that nothing of them would execute in a browser: shared by the
// renderer's unit test and the documents' integration test (the HTML the API serves).

// What a browser would execute in an HTML fragment, found by parsing it as a browser's parser
// does (htmlparser2 decodes entities in attribute values, as browsers do).

const EXECUTING_ELEMENTS = new Set([
  'script',
  'style',
  'iframe',
  'frame',
  'frameset',
  'object',
  'embed',
  'applet',
  'form',
  'meta',
  'link',
  'base',
  'svg',
  'math',
  'input',
  'button',
  'textarea',
  'select',
  'video',
  'audio',
  'source',
  'marquee',
  'body',
]);
const URL_ATTRIBUTES = new Set([
  'href',
  'src',
  'action',
  'formaction',
  'xlink:href',
  'background',
  'poster',
  'data',
  'cite',
  'srcset',
]);
const SAFE_STYLE = /^text-align:\s*(left|right|center);?$/;
const SAFE_DATA_IMAGE = /^data:image\/(png|gif|jpeg|webp);/;

/** Every executable construct of `html`: script-like elements, event handlers, dangerous URLs and styles. */
export function executableConstructs(html: string): string[] {
  const found: string[] = [];
  const parser = new Parser({
    onopentag(name, attributes) {
      if (EXECUTING_ELEMENTS.has(name)) found.push(`<${name}>`);
      for (const [attribute, value] of Object.entries(attributes)) {
        if (attribute.startsWith('on')) found.push(`${name}[${attribute}]`);
        if (attribute === 'srcdoc') found.push(`${name}[srcdoc]`);
        if (attribute === 'style' && !SAFE_STYLE.test(value.trim())) found.push(`${name}[style=${value}]`);
        if (URL_ATTRIBUTES.has(attribute)) {
          // Browsers ignore control characters and whitespace inside the scheme; old ones took backticks for quotes.
          const url = value.replace(/[\p{Cc}\s`]/gu, '').toLowerCase();
          const scheme = /^([a-z][a-z0-9+.-]*):/.exec(url)?.[1];
          const safe =
            scheme === undefined ||
            scheme === 'http' ||
            scheme === 'https' ||
            scheme === 'mailto' ||
            (scheme === 'data' && name === 'img' && SAFE_DATA_IMAGE.test(url));
          if (!safe) found.push(`${name}[${attribute}=${value}]`);
        }
      }
    },
  });
  parser.write(html);
  parser.end();
  return found;
}

const SCRIPT_DATA_URL = 'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==';

// Raw HTML payloads in the style of the OWASP XSS filter evasion cheat sheet.
export const HTML_PAYLOADS = [
  '<script>alert(1)</script>',
  '<SCRIPT SRC=http://xss.rocks/xss.js></SCRIPT>',
  `<IMG SRC="javascript:alert('XSS');">`,
  `<IMG SRC=JaVaScRiPt:alert('XSS')>`,
  '<IMG SRC=`javascript:alert("RSnake says, \'XSS\'")`>',
  '<IMG """><SCRIPT>alert("XSS")</SCRIPT>">',
  '<IMG SRC=&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;&#97;&#108;&#101;&#114;&#116;&#40;&#39;&#88;&#83;&#83;&#39;&#41;>',
  '<IMG SRC=&#0000106&#0000097&#0000118&#0000097&#0000115&#0000099&#0000114&#0000105&#0000112&#0000116&#0000058&#0000097&#0000108&#0000101&#0000114&#0000116&#0000040&#0000039&#0000088&#0000083&#0000083&#0000039&#0000041>',
  '<IMG SRC=&#x6A&#x61&#x76&#x61&#x73&#x63&#x72&#x69&#x70&#x74&#x3A&#x61&#x6C&#x65&#x72&#x74&#x28&#x27&#x58&#x53&#x53&#x27&#x29>',
  `<IMG SRC="jav\tascript:alert('XSS');">`,
  `<IMG SRC="jav&#x09;ascript:alert('XSS');">`,
  `<IMG SRC="jav&#x0A;ascript:alert('XSS');">`,
  `<IMG SRC=" &#14;  javascript:alert('XSS');">`,
  '<img src=x onerror=alert(1)>',
  '<img src=x OnErRoR=alert(1)>',
  '<img src=x onerror="&#0000106&#0000097&#0000118&#0000097&#0000115&#0000099&#0000114&#0000105&#0000112&#0000116&#0000058alert(1)">',
  '<svg onload=alert(1)>',
  '<svg><script>alert(1)</script></svg>',
  `<body onload=alert('XSS')>`,
  '<iframe src="javascript:alert(1)"></iframe>',
  '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
  '<object data="javascript:alert(1)"></object>',
  `<embed src="${SCRIPT_DATA_URL}">`,
  '<a href="javascript:alert(1)">x</a>',
  '<a href="vbscript:msgbox(1)">x</a>',
  `<a href="${SCRIPT_DATA_URL}">x</a>`,
  '<a href="&#106;avascript:alert(1)">x</a>',
  '<a href="  JaVaScRiPt:alert(1)">x</a>',
  '<a href="javascript&colon;alert(1)">x</a>',
  '<a href="http://example.com" onmouseover="alert(1)">x</a>',
  '<form action="javascript:alert(1)"><input type=submit></form>',
  '<button formaction="javascript:alert(1)">x</button>',
  '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
  `<div style="background-image: url(javascript:alert('XSS'))">x</div>`,
  `<div style="width: expression(alert('XSS'));">x</div>`,
  `<style>@import 'http://xss.rocks/xss.css';</style>`,
  `<link rel="stylesheet" href="javascript:alert('XSS');">`,
  `<table background="javascript:alert('XSS')"><tr><td>x</td></tr></table>`,
  '<table><tr><td style="text-align:center;background:url(javascript:alert(1))">x</td></tr></table>',
  '<details open ontoggle=alert(1)><summary>x</summary></details>',
  '<math><mi xlink:href="javascript:alert(1)">x</mi></math>',
  '<<SCRIPT>alert("XSS");//<</SCRIPT>',
  '<img src="data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+">',
  '<base href="javascript:alert(1)//">',
  '<video><source onerror="alert(1)"></video>',
  '<input autofocus onfocus=alert(1)>',
  '<marquee onstart=alert(1)>x</marquee>',
  '<!--<img src="--><img src=x onerror=alert(1)//">',
  '<div><p><a href="javascript:alert(1)">nested</a></p></div>',
  '<h2 onclick="alert(1)" id="x">heading</h2>',
];

// Broken markup aimed at filters that match tags by text: harmless as it stands, executable
// after a naive filter removes the inner tag or a later chunk closes the tag.
export const BROKEN_MARKUP_PAYLOADS = [
  '<scr<script>ipt>alert(1)</scr</script>ipt>',
  `<IMG SRC="javascript:alert('XSS')"`,
  '<a href="javas<!-- -->cript:alert(1)">x</a>',
  '<<img src=x onerror=alert(1)//<',
];

// The same attacks written as Markdown.
export const MARKDOWN_PAYLOADS = [
  '[x](javascript:alert(1))',
  '[x](JAVASCRIPT:alert(1))',
  '[x](javascript&#58;alert(1))',
  '[x](&#x6A;avascript:alert(1))',
  '[x](<javascript:alert(1)>)',
  '![x](javascript:alert(1))',
  '[x](vbscript:msgbox(1))',
  `[x](${SCRIPT_DATA_URL})`,
  '![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)',
  '<javascript:alert(1)>',
  '[x]: javascript:alert(1)\n\nsee [x]',
  '[click](http://example.com "title\\" onmouseover=\\"alert(1)")',
  '# Heading <img src=x onerror=alert(1)>',
  '**bold <script>alert(1)</script>**',
  '- item <svg onload=alert(1)>',
  '> quote <iframe src=javascript:alert(1)>',
  '| a |\n|---|\n| <img src=x onerror=alert(1)> |',
  '```mermaid\ngraph TD; A["<img src=x onerror=alert(1)>"]\n```',
];
