import { ulid } from 'ulid';
import type { ProjectScope } from '#shared/auth/project-access';
import * as documentMessages from '#shared/documents/messages';
import { validateOpenApi } from '#shared/documents/openapi/validate';
import { isBuiltInId } from '#shared/documents/templates/builtin';
import * as m from '#shared/documents/templates/messages';
import { projectTemplateView, requireProjectTemplate } from '#shared/documents/templates/queries';
import {
  countProjectTemplates,
  type DocumentTemplateRecord,
  deleteProjectTemplate,
  insertProjectTemplate,
  replaceProjectTemplate,
} from '#shared/documents/templates/repository';
import { ConflictError, NotFoundError, PreconditionFailedError, ValidationError } from '#shared/http/errors';
import { parseVersionTag } from '#shared/http/versioning';
import type { DocumentTemplate, DocumentTemplateBody } from '#shared/schemas/documents';

/** A project keeps this many templates at most (they are listed whole, beside the built-in ones). */
export const MAX_PROJECT_TEMPLATES = 100;

/** Creates a project template (an OpenAPI one must validate, since documents made from it are validated on save). */
export async function createTemplate(scope: ProjectScope, input: DocumentTemplateBody): Promise<DocumentTemplate> {
  const { projectId, caller } = scope;
  await assertValidBody(input);
  if ((await countProjectTemplates(projectId)) >= MAX_PROJECT_TEMPLATES) {
    throw new ConflictError('TOO_MANY_DOCUMENT_TEMPLATES', m.tooManyTemplates({ max: MAX_PROJECT_TEMPLATES }));
  }
  const now = new Date().toISOString();
  const record: DocumentTemplateRecord = {
    id: ulid().toLowerCase(),
    projectId,
    name: input.name,
    description: input.description,
    documentType: input.type,
    format: input.format,
    body: input.body,
    version: 1,
    createdBy: caller.auth.userId,
    createdAt: now,
    updatedBy: caller.auth.userId,
    updatedAt: now,
  };
  if (!(await insertProjectTemplate(record))) throw new Error(`Template id ${record.id} collided`);
  return projectTemplateView(record, true);
}

/**
 * Replaces a project template's fields (PUT). With `If-Match` the stored version must be that
 * one (412 otherwise); without it, a write that raced another answers 409. Built-in templates: 409.
 */
export async function replaceTemplate(
  scope: ProjectScope,
  templateId: string,
  input: DocumentTemplateBody,
  ifMatch: string | undefined,
): Promise<DocumentTemplate> {
  const { projectId, caller } = scope;
  assertWritable(templateId);
  const current = await requireProjectTemplate(projectId, templateId);
  await assertValidBody(input);
  const expected = ifMatch === undefined ? current.version : parseVersionTag(ifMatch);
  const next: DocumentTemplateRecord = {
    ...current,
    name: input.name,
    description: input.description,
    documentType: input.type,
    format: input.format,
    body: input.body,
    version: current.version + 1,
    updatedBy: caller.auth.userId,
    updatedAt: new Date().toISOString(),
  };
  if (!(await replaceProjectTemplate(next, expected))) {
    if (ifMatch !== undefined) throw new PreconditionFailedError('VERSION_MISMATCH', m.versionMismatch());
    throw new ConflictError('CONCURRENT_MODIFICATION', m.versionMismatch());
  }
  return projectTemplateView(next, true);
}

/** Deletes a project template; documents made from it keep their body and their `templateId`. */
export async function deleteTemplate(scope: ProjectScope, templateId: string): Promise<void> {
  assertWritable(templateId);
  if (isBuiltInId(templateId) || !(await deleteProjectTemplate(scope.projectId, templateId))) {
    throw new NotFoundError('DOCUMENT_TEMPLATE_NOT_FOUND', m.templateNotFound());
  }
}

function assertWritable(templateId: string): void {
  if (isBuiltInId(templateId)) {
    throw new ConflictError('DOCUMENT_TEMPLATE_READ_ONLY', m.builtInReadOnly({ templateId }));
  }
}

async function assertValidBody(input: DocumentTemplateBody): Promise<void> {
  if (input.format !== 'openapi') return;
  const validation = await validateOpenApi(input.body);
  if (validation.valid) return;
  throw new ValidationError(
    validation.problems.slice(0, 20).map((problem) => ({
      path: 'body.body',
      message: documentMessages.openApiProblemAt({
        pointer: problem.pointer || '/',
        line: problem.line,
        reason: problem.message,
      }),
    })),
  );
}
