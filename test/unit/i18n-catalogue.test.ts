import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type MessageFormatElement, parse, TYPE } from '@formatjs/icu-messageformat-parser';
import { describe, expect, it } from 'vitest';
import type { MessageDefinition } from '#shared/i18n/catalogue';
import { LOCALES } from '#shared/i18n/locale';

// The catalogue is every `messages.ts` under shared/: one export per message. This test is
// what keeps it whole: a message missing a language, or a translation that lost or renamed a
// placeholder, fails here in seconds.

const SHARED = join(import.meta.dirname, '..', '..', 'shared');

function messageModules(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return messageModules(path);
    return entry.name === 'messages.ts' ? [path] : [];
  });
}

function isMessage(value: unknown): value is MessageDefinition {
  return typeof value === 'function' && typeof (value as { id?: unknown }).id === 'string' && 'texts' in value;
}

// What a placeholder holds, so that `{count, plural, …}` in English and `{count, number}` in
// Chinese (which has no plural forms) count as the same placeholder, but a number never
// becomes a date or a select.
const KIND: Partial<Record<TYPE, string>> = {
  [TYPE.number]: 'number',
  [TYPE.plural]: 'number',
  [TYPE.date]: 'date',
  [TYPE.time]: 'date',
  [TYPE.select]: 'select',
};

/** Each placeholder as `name:kind` (`name:any` for a plain `{name}`), plural/select branches included. */
function placeholders(elements: MessageFormatElement[], into = new Map<string, string>()): Map<string, string> {
  for (const element of elements) {
    if (element.type === TYPE.literal || element.type === TYPE.pound) continue;
    if (element.type === TYPE.tag) {
      placeholders(element.children, into);
      continue;
    }
    const kind = KIND[element.type] ?? 'any';
    if (kind !== 'any' || !into.has(element.value)) into.set(element.value, kind);
    if (element.type === TYPE.plural || element.type === TYPE.select) {
      for (const option of Object.values(element.options)) placeholders(option.value, into);
    }
  }
  return into;
}

/** Two placeholder sets agree when they have the same names and no two kinds conflict. */
function agree(english: Map<string, string>, other: Map<string, string>): boolean {
  if ([...english.keys()].sort().join() !== [...other.keys()].sort().join()) return false;
  return [...english].every(([name, kind]) => {
    const theirs = other.get(name);
    return kind === 'any' || theirs === 'any' || kind === theirs;
  });
}

const modules = messageModules(SHARED);
const catalogue = await Promise.all(
  modules.map(async (path) => {
    const exports = (await import(pathToFileURL(path).href)) as Record<string, unknown>;
    return { module: relative(SHARED, path), exports: Object.entries(exports) };
  }),
);
const all = catalogue.flatMap(({ module, exports }) =>
  exports
    .filter(([, value]) => isMessage(value))
    .map(([name, message]) => ({ module, name, message: message as MessageDefinition })),
);

describe('message catalogue', () => {
  it('has message modules, each exporting only messages', () => {
    expect(modules.length).toBeGreaterThan(0);
    for (const { module, exports } of catalogue) {
      expect(exports.length, module).toBeGreaterThan(0);
      expect(
        exports.filter(([, value]) => !isMessage(value)).map(([name]) => name),
        module,
      ).toEqual([]);
    }
  });

  it('gives every message a unique stable id of the form service.name', () => {
    const ids = all.map(({ message }) => message.id);
    const duplicates = ids.filter((id, index) => ids.indexOf(id) !== index);
    expect(duplicates).toEqual([]);
    for (const id of ids) expect(id).toMatch(/^[a-z][a-zA-Z0-9]*(\.[a-zA-Z0-9]+)+$/);
  });

  it.each(all.map((entry) => [`${entry.module} ${entry.message.id}`, entry] as const))(
    '%s exists in every language with the same placeholders',
    (_, { message }) => {
      const english = placeholders(parse(message.texts.en));
      for (const locale of LOCALES) {
        const text = message.texts[locale];
        expect(text?.trim(), `${message.id} has no ${locale} text`).toBeTruthy();
        const theirs = placeholders(parse(text));
        expect(agree(english, theirs), `${message.id} in ${locale}: ${[...theirs]} vs en ${[...english]}`).toBe(true);
      }
    },
  );
});
