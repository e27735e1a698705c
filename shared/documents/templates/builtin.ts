import type { DocumentFormat, DocumentType } from '#shared/documents/model';
import { ADR_BODY } from '#shared/documents/templates/bodies/adr';
import { API_BODY } from '#shared/documents/templates/bodies/api';
import { ARCHITECTURE_BODY } from '#shared/documents/templates/bodies/architecture';
import { REQUIREMENT_BODY } from '#shared/documents/templates/bodies/requirement';
import { RUNBOOK_BODY } from '#shared/documents/templates/bodies/runbook';
import { TEST_PLAN_BODY } from '#shared/documents/templates/bodies/test-plan';
import * as m from '#shared/documents/templates/messages';
import type { MessageDefinition } from '#shared/i18n/catalogue';
import type { Locale } from '#shared/i18n/locale';

/** A template every project has: read-only, its id a stable string, its texts in every language. */
export interface BuiltInTemplate {
  readonly id: `builtin-${string}`;
  readonly type: DocumentType;
  readonly format: DocumentFormat;
  readonly name: MessageDefinition;
  readonly description: MessageDefinition;
  readonly bodies: Readonly<Record<Locale, string>>;
}

/** The built-in templates, in the order they are listed. Their ids never change (documents keep them as `templateId`). */
export const BUILT_IN_TEMPLATES: readonly BuiltInTemplate[] = [
  {
    id: 'builtin-requirement',
    type: 'requirement',
    format: 'markdown',
    name: m.requirementName,
    description: m.requirementDescription,
    bodies: REQUIREMENT_BODY,
  },
  {
    id: 'builtin-architecture',
    type: 'architecture',
    format: 'markdown',
    name: m.architectureName,
    description: m.architectureDescription,
    bodies: ARCHITECTURE_BODY,
  },
  {
    id: 'builtin-adr',
    type: 'adr',
    format: 'markdown',
    name: m.adrName,
    description: m.adrDescription,
    bodies: ADR_BODY,
  },
  {
    id: 'builtin-api',
    type: 'api',
    format: 'openapi',
    name: m.apiName,
    description: m.apiDescription,
    bodies: API_BODY,
  },
  {
    id: 'builtin-test-plan',
    type: 'test-plan',
    format: 'markdown',
    name: m.testPlanName,
    description: m.testPlanDescription,
    bodies: TEST_PLAN_BODY,
  },
  {
    id: 'builtin-runbook',
    type: 'runbook',
    format: 'markdown',
    name: m.runbookName,
    description: m.runbookDescription,
    bodies: RUNBOOK_BODY,
  },
];

/** The built-in template with that id, if there is one. */
export function builtInTemplate(templateId: string): BuiltInTemplate | undefined {
  return BUILT_IN_TEMPLATES.find((template) => template.id === templateId);
}

/** Whether an id names a built-in template (existing or not): such ids are never a project template's. */
export function isBuiltInId(templateId: string): boolean {
  return templateId.startsWith('builtin-');
}
