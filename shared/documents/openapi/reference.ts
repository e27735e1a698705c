import { parse } from 'yaml';
import { isObject, type JsonObject } from '#shared/documents/openapi/schemas';

// An OpenAPI design as a readable Markdown reference: title, servers, each operation with its
// parameters, request body and responses, then the named schemas. The caller renders it with
// the sanitizing Markdown renderer (rendering.ts), so the spec's descriptions (CommonMark, as
// OpenAPI defines them) keep their formatting and nothing in the spec can inject markup.

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

/** Text a reader sees as written: every character Markdown or HTML would interpret is escaped. */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!<>|~&"]/g, '\\$&').replace(/\r?\n/g, ' ');
}

/** An inline code span holding `text` whatever backticks it contains. */
function code(text: string): string {
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  return `${fence} ${text.replace(/\r?\n/g, ' ')} ${fence}`;
}

/** A fenced block holding `text` whatever fences it contains. */
function block(text: string, language: string): string {
  const longest = Math.max(2, ...(text.match(/`{3,}/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  return `${fence}${language}\n${text}\n${fence}`;
}

function stringAt(value: JsonObject, key: string): string | undefined {
  return typeof value[key] === 'string' ? (value[key] as string) : undefined;
}

/** A schema in one short phrase: its `$ref` name, or type and format. */
function schemaPhrase(schema: unknown): string {
  if (!isObject(schema)) return '';
  const ref = stringAt(schema, '$ref');
  if (ref) return code(ref.replace('#/components/schemas/', ''));
  const type = Array.isArray(schema.type) ? schema.type.join(' | ') : stringAt(schema, 'type');
  if (type === 'array') return `array of ${schemaPhrase(schema.items)}`;
  const format = stringAt(schema, 'format');
  return type ? code(format ? `${type} (${format})` : type) : code('object');
}

function describe(value: JsonObject): string[] {
  const description = stringAt(value, 'description');
  return description ? ['', description] : [];
}

function contentLines(content: unknown): string[] {
  if (!isObject(content)) return [];
  return Object.entries(content).map(([mediaType, media]) => {
    const schema = isObject(media) ? media.schema : undefined;
    return `- ${code(mediaType)}: ${schemaPhrase(schema)}`;
  });
}

function operationLines(path: string, method: string, operation: JsonObject, pathParameters: unknown[]): string[] {
  const summary = stringAt(operation, 'summary');
  const lines = [
    '',
    `### ${method.toUpperCase()} ${escapeMarkdown(path)}${summary ? ` — ${escapeMarkdown(summary)}` : ''}`,
  ];
  if (operation.deprecated === true) lines.push('', '**Deprecated**');
  lines.push(...describe(operation));
  const parameters = [...pathParameters, ...(Array.isArray(operation.parameters) ? operation.parameters : [])].filter(
    isObject,
  );
  if (parameters.length > 0) {
    lines.push('', '**Parameters**', '');
    for (const parameter of parameters) {
      const name = stringAt(parameter, 'name') ?? stringAt(parameter, '$ref') ?? '';
      const where = stringAt(parameter, 'in');
      const required = parameter.required === true ? ', required' : '';
      const description = stringAt(parameter, 'description');
      lines.push(
        `- ${code(name)}${where ? ` (${escapeMarkdown(where)}${required})` : ''}: ${schemaPhrase(parameter.schema)}${description ? ` — ${escapeMarkdown(description)}` : ''}`,
      );
    }
  }
  const requestBody = isObject(operation.requestBody) ? operation.requestBody : undefined;
  if (requestBody) {
    lines.push('', `**Request body**${requestBody.required === true ? ' (required)' : ''}`, '');
    lines.push(...contentLines(requestBody.content));
  }
  if (isObject(operation.responses)) {
    lines.push('', '**Responses**', '');
    for (const [status, response] of Object.entries(operation.responses)) {
      const description = isObject(response) ? stringAt(response, 'description') : undefined;
      lines.push(`- ${code(status)}${description ? ` — ${escapeMarkdown(description)}` : ''}`);
      if (isObject(response)) lines.push(...contentLines(response.content).map((line) => `  ${line}`));
    }
  }
  return lines;
}

/**
 * The reference of an OpenAPI design (YAML or JSON, as saved: validated then), in Markdown.
 * A body that no longer parses is shown as its source in a code block.
 */
export function openApiReferenceMarkdown(source: string): string {
  let spec: unknown;
  try {
    spec = parse(source, { maxAliasCount: 1_000 });
  } catch {
    return block(source, 'yaml');
  }
  if (!isObject(spec)) return block(source, 'yaml');
  const info = isObject(spec.info) ? spec.info : {};
  const lines = [
    `# ${escapeMarkdown(stringAt(info, 'title') ?? 'API')}${stringAt(info, 'version') ? ` ${escapeMarkdown(stringAt(info, 'version')!)}` : ''}`,
  ];
  lines.push(...describe(info));
  const servers = Array.isArray(spec.servers) ? spec.servers.filter(isObject) : [];
  if (servers.length > 0) {
    lines.push('', '## Servers', '');
    for (const server of servers) lines.push(`- ${code(stringAt(server, 'url') ?? '')}`);
  }
  const paths = isObject(spec.paths) ? spec.paths : {};
  lines.push('', '## Operations');
  for (const [path, item] of Object.entries(paths)) {
    if (!isObject(item)) continue;
    const pathParameters = Array.isArray(item.parameters) ? item.parameters : [];
    for (const method of METHODS) {
      const operation = item[method];
      if (isObject(operation)) lines.push(...operationLines(path, method, operation, pathParameters));
    }
  }
  const components = isObject(spec.components) ? spec.components : {};
  const schemas = isObject(components.schemas) ? components.schemas : {};
  if (Object.keys(schemas).length > 0) {
    lines.push('', '## Schemas');
    for (const [name, schema] of Object.entries(schemas)) {
      lines.push('', `### ${escapeMarkdown(name)}`, '', block(JSON.stringify(schema, null, 2), 'json'));
    }
  }
  return `${lines.join('\n')}\n`;
}
