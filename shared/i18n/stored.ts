import { formatText, type LocalizedText, type MessageParams, type Texts } from '#shared/i18n/catalogue';
import type { Locale } from '#shared/i18n/locale';

// Texts produced at run time and kept in records (an assertion's failure, why a case errored,
// why a deployment failed) are stored as a message id and its values, never as words: they
// are worded when read, in the reader's language (Accept-Language, a report's `lang`, a
// profile's `locale`), by the same `formatText` that words errors. Records written before
// texts were stored this way, and texts quoted from users' own systems (a JUnit failure
// message, a webhook's answer), are plain strings and are shown as they are.

/** A catalogue message as a record keeps it: its id and its values (a nested text likewise). */
export interface StoredText {
  readonly id: string;
  readonly params: Readonly<Record<string, string | number | StoredText>>;
}

/** A human text in a record: a stored message, or a plain string shown as it is. */
export type RecordedText = string | StoredText;

/** The patterns of the messages a reader may meet in records, by id. */
export type StoredTextCatalogue = ReadonlyMap<string, Texts>;

/** The form a record keeps of a text: id and values, nested texts too (dates as ISO strings). */
export function storedText(text: LocalizedText): StoredText {
  const params: Record<string, string | number | StoredText> = {};
  for (const [name, value] of Object.entries(text.params)) {
    if (value instanceof Date) params[name] = value.toISOString();
    else params[name] = typeof value === 'object' ? storedText(value) : value;
  }
  return { id: text.id, params };
}

/**
 * A stored text whose values include texts already stored (a reason read from another record,
 * a step's result): the message's id with those values as they are.
 */
export function storedWith(message: { readonly id: string }, params: StoredText['params']): StoredText {
  return { id: message.id, params };
}

/**
 * A reader's catalogue of stored texts: every message exported by the given messages modules
 * (`import * as m from '…/messages'`). A reader names the modules whose texts its records hold.
 */
export function storedTextCatalogue(...modules: readonly Readonly<Record<string, unknown>>[]): StoredTextCatalogue {
  const texts = new Map<string, Texts>();
  for (const module of modules) {
    for (const value of Object.values(module)) {
      if (typeof value === 'function' && 'id' in value && 'texts' in value) {
        const definition = value as { id: string; texts: Texts };
        texts.set(definition.id, definition.texts);
      }
    }
  }
  return texts;
}

/**
 * A recorded text worded in `locale`: a plain string as it is; a stored message with its
 * values (nested ones in the same locale). A message the catalogue does not know (a reader
 * that was not told of it) is shown as its id and values rather than lost.
 */
export function wordRecorded(value: RecordedText, catalogue: StoredTextCatalogue, locale: Locale): string {
  if (typeof value === 'string') return value;
  const text = localizedOf(value, catalogue);
  return text === undefined ? `${value.id} ${JSON.stringify(value.params)}` : formatText(text, locale);
}

/**
 * An error whose message is a catalogue text. Thrown by a state-machine task, its text reaches
 * the record that says why the task failed: the Lambda error's message (the Catch's `Cause`)
 * carries it as the stored form's JSON, which `storedTextIn` reads back.
 */
export class TextError extends Error {
  constructor(text: LocalizedText | StoredText) {
    super(textCause(text));
  }
}

/** A text as the cause of a failed task (SendTaskFailure's `cause`): read back by `storedTextIn`. */
export function textCause(text: LocalizedText | StoredText): string {
  return JSON.stringify('texts' in text ? storedText(text) : text);
}

/** The stored text an error message carries (a TextError's), or undefined for any other message. */
export function storedTextIn(message: string): StoredText | undefined {
  if (!message.startsWith('{')) return undefined;
  try {
    const parsed: unknown = JSON.parse(message);
    return isStoredText(parsed) ? parsed : undefined;
  } catch {
    return undefined;
  }
}

/** Whether a recorded value is a stored message (not a plain string). */
export function isStoredText(value: unknown): value is StoredText {
  return (
    typeof value === 'object' && value !== null && typeof (value as StoredText).id === 'string' && 'params' in value
  );
}

function localizedOf(stored: StoredText, catalogue: StoredTextCatalogue): LocalizedText | undefined {
  const texts = catalogue.get(stored.id);
  if (texts === undefined) return undefined;
  const params: Record<string, MessageParams[string]> = {};
  for (const [name, value] of Object.entries(stored.params)) {
    if (typeof value !== 'object') {
      params[name] = value;
      continue;
    }
    const nested = localizedOf(value, catalogue);
    params[name] = nested ?? `${value.id} ${JSON.stringify(value.params)}`;
  }
  return { id: stored.id, texts, params };
}
