import type { ProjectScope } from '#shared/auth/project-access';
import {
  BUILT_IN_TEMPLATES,
  type BuiltInTemplate,
  builtInTemplate,
  isBuiltInId,
} from '#shared/documents/templates/builtin';
import * as m from '#shared/documents/templates/messages';
import {
  type DocumentTemplateRecord,
  getProjectTemplate,
  listProjectTemplates,
} from '#shared/documents/templates/repository';
import { NotFoundError, ValidationError } from '#shared/http/errors';
import { currentLocale, localize } from '#shared/i18n/catalogue';
import type { Locale } from '#shared/i18n/locale';
import type { DocumentTemplate } from '#shared/schemas/documents';

/** The built-in templates, then the project's (oldest first); bodies left out. */
export async function listTemplatesForCaller(scope: ProjectScope): Promise<{ items: DocumentTemplate[] }> {
  const own = await listProjectTemplates(scope.projectId);
  return {
    items: [
      ...BUILT_IN_TEMPLATES.map((template) => builtInView(template, currentLocale(), false)),
      ...own.map((record) => projectTemplateView(record, false)),
    ],
  };
}

/** One template with its body (a built-in one in the caller's language); 404 when the project has none by that id. */
export async function getTemplateForCaller(scope: ProjectScope, templateId: string): Promise<DocumentTemplate> {
  const builtIn = builtInTemplate(templateId);
  if (builtIn) return builtInView(builtIn, currentLocale(), true);
  return projectTemplateView(await requireProjectTemplate(scope.projectId, templateId), true);
}

/** The project's template or a 404 (built-in ids are never a project's). */
export async function requireProjectTemplate(projectId: string, templateId: string): Promise<DocumentTemplateRecord> {
  const record = isBuiltInId(templateId) ? undefined : await getProjectTemplate(projectId, templateId);
  if (!record) throw new NotFoundError('DOCUMENT_TEMPLATE_NOT_FOUND', m.templateNotFound());
  return record;
}

/** What a new document takes from its template. */
export interface TemplateContent {
  type: DocumentTemplate['type'];
  format: DocumentTemplate['format'];
  body: string;
}

/**
 * The content a document created from `templateId` starts with: a built-in template's body in
 * `locale`, a project template's as written. A template the project does not have is the
 * request's fault: 400 naming `body.templateId`.
 */
export async function templateContent(projectId: string, templateId: string, locale: Locale): Promise<TemplateContent> {
  const builtIn = builtInTemplate(templateId);
  if (builtIn) return { type: builtIn.type, format: builtIn.format, body: builtIn.bodies[locale] };
  const record = isBuiltInId(templateId) ? undefined : await getProjectTemplate(projectId, templateId);
  if (!record) {
    throw new ValidationError([{ path: 'body.templateId', message: m.unknownTemplate({ templateId }) }]);
  }
  return { type: record.documentType, format: record.format, body: record.body };
}

function builtInView(template: BuiltInTemplate, locale: Locale, withBody: boolean): DocumentTemplate {
  return {
    id: template.id,
    projectId: null,
    builtIn: true,
    name: localize(template.name()),
    description: localize(template.description()),
    type: template.type,
    format: template.format,
    ...(withBody ? { body: template.bodies[locale] } : {}),
    version: 1,
    createdBy: null,
    createdAt: null,
    updatedAt: null,
  };
}

/** A project template as the API shows it. */
export function projectTemplateView(record: DocumentTemplateRecord, withBody: boolean): DocumentTemplate {
  return {
    id: record.id,
    projectId: record.projectId,
    builtIn: false,
    name: record.name,
    description: record.description,
    type: record.documentType,
    format: record.format,
    ...(withBody ? { body: record.body } : {}),
    version: record.version,
    createdBy: record.createdBy,
    createdAt: record.createdAt,
    updatedAt: record.updatedAt,
  };
}
