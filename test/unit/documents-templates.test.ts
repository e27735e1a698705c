import { describe, expect, it } from 'vitest';
import { DOCUMENT_TYPES } from '#shared/documents/model';
import { validateOpenApi } from '#shared/documents/openapi/validate';
import { acceptanceCriteria, documentOutline, renderMarkdown } from '#shared/documents/rendering';
import { BUILT_IN_TEMPLATES, builtInTemplate } from '#shared/documents/templates/builtin';
import { formatText } from '#shared/i18n/catalogue';
import { LOCALES } from '#shared/i18n/locale';
import { TemplateRef } from '#shared/schemas/documents';

// The built-in templates against the formats they follow. The expected section lists are the
// standards' own (arc42's twelve sections, MADR's sections, IEEE 829's test plan outline), not
// read back from the templates.

const markdownTemplates = BUILT_IN_TEMPLATES.filter((template) => template.format === 'markdown');
const headings = (body: string, level: number) =>
  documentOutline(body)
    .filter((entry) => entry.level === level)
    .map((entry) => entry.text);

describe('built-in document templates', () => {
  it('has one template per document type but "other", each with a stable id the API accepts', () => {
    // Act
    const types = BUILT_IN_TEMPLATES.map((template) => template.type).sort();
    // Assess
    expect(types).toEqual(DOCUMENT_TYPES.filter((type) => type !== 'other').sort());
    expect(BUILT_IN_TEMPLATES.map((template) => template.id)).toEqual([
      'builtin-requirement',
      'builtin-architecture',
      'builtin-adr',
      'builtin-api',
      'builtin-test-plan',
      'builtin-runbook',
    ]);
    for (const template of BUILT_IN_TEMPLATES) expect(TemplateRef.safeParse(template.id).success).toBe(true);
    expect(builtInTemplate('builtin-nothing')).toBeUndefined();
  });

  it.each(LOCALES)('has a name, description and body in %s, different from English in Chinese', (locale) => {
    for (const template of BUILT_IN_TEMPLATES) {
      // Act
      const name = formatText(template.name(), locale);
      const body = template.bodies[locale];
      // Assess
      expect(name.length).toBeGreaterThan(0);
      expect(formatText(template.description(), locale).length).toBeGreaterThan(0);
      expect(body.trim().length).toBeGreaterThan(200);
      if (locale === 'zh-CN') {
        expect(body).not.toBe(template.bodies.en);
        expect(body).toMatch(/[\u4e00-\u9fff]/);
      }
    }
  });

  it.each(LOCALES)(
    'renders every Markdown template in %s to HTML with an outline and nothing left as raw tags',
    (locale) => {
      for (const template of markdownTemplates) {
        // Act
        const rendered = renderMarkdown(template.bodies[locale]);
        // Assess: one title, sections under it, and no placeholder swallowed as an HTML tag.
        expect(rendered.outline.filter((entry) => entry.level === 1)).toHaveLength(1);
        expect(rendered.outline.filter((entry) => entry.level === 2).length).toBeGreaterThanOrEqual(5);
        expect(rendered.html).toContain('<h2');
        expect(template.bodies[locale]).not.toMatch(/<[a-z]/i);
      }
    },
  );

  it.each(LOCALES)(
    'gives the requirement template in %s user stories and three tagged acceptance criteria',
    (locale) => {
      // Arrange
      const body = builtInTemplate('builtin-requirement')!.bodies[locale];
      // Act
      const criteria = acceptanceCriteria(body);
      // Assess
      expect(criteria.map((criterion) => [criterion.id, criterion.explicit])).toEqual([
        ['AC-1', true],
        ['AC-2', true],
        ['AC-3', true],
      ]);
      for (const criterion of criteria) expect(criterion.text).not.toContain('[AC-');
      const story = locale === 'en' ? /^- As a .+, I want .+, so that .+\.$/m : /^- 作为.+，我想要.+，以便.+。$/m;
      expect(body).toMatch(story);
    },
  );

  it("follows arc42's twelve sections in order", () => {
    // arc42 template, https://arc42.org/overview
    const arc42 = [
      'Introduction and Goals',
      'Architecture Constraints',
      'Context and Scope',
      'Solution Strategy',
      'Building Block View',
      'Runtime View',
      'Deployment View',
      'Cross-cutting Concepts',
      'Architecture Decisions',
      'Quality Requirements',
      'Risks and Technical Debts',
      'Glossary',
    ];
    // Act
    const sections = headings(builtInTemplate('builtin-architecture')!.bodies.en, 2);
    const chinese = headings(builtInTemplate('builtin-architecture')!.bodies['zh-CN'], 2);
    // Assess
    expect(sections).toEqual(arc42.map((name, index) => `${index + 1}. ${name}`));
    expect(chinese.map((heading) => heading.split('.')[0])).toEqual(arc42.map((_, index) => String(index + 1)));
  });

  it("follows MADR's sections", () => {
    // MADR 4.0.0 template (adr-template.md), level-2 and level-3 headings.
    const madr = [
      'Context and Problem Statement',
      'Decision Drivers',
      'Considered Options',
      'Decision Outcome',
      'Pros and Cons of the Options',
      'More Information',
    ];
    // Act
    const body = builtInTemplate('builtin-adr')!.bodies.en;
    // Assess
    expect(headings(body, 2)).toEqual(madr);
    expect(headings(body, 3)).toEqual(expect.arrayContaining(['Consequences', 'Confirmation']));
    expect(body).toMatch(/^Chosen option: /m);
    expect(headings(builtInTemplate('builtin-adr')!.bodies['zh-CN'], 2)).toHaveLength(madr.length);
  });

  it("has IEEE 829's test plan sections", () => {
    // IEEE 829-2008 test plan outline (its 16 clauses after the identifier).
    const ieee829 = [
      'Test plan identifier',
      'Introduction',
      'Test items',
      'Features to be tested',
      'Features not to be tested',
      'Approach',
      'Item pass/fail criteria',
      'Suspension criteria and resumption requirements',
      'Test deliverables',
      'Testing tasks',
      'Environmental needs',
      'Responsibilities',
      'Staffing and training needs',
      'Schedule',
      'Risks and contingencies',
      'Approvals',
    ];
    // Act: headings without their number and the ISO 29119-3 name in parentheses.
    const sections = headings(builtInTemplate('builtin-test-plan')!.bodies.en, 2).map((heading) =>
      heading.replace(/^\d+\.\s*/, '').replace(/\s*\(.*\)$/, ''),
    );
    // Assess
    expect(sections).toEqual(ieee829);
    expect(headings(builtInTemplate('builtin-test-plan')!.bodies['zh-CN'], 2)).toHaveLength(ieee829.length);
  });

  it.each(LOCALES)('has an OpenAPI 3.1 skeleton in %s that the validator accepts', async (locale) => {
    // Act
    const validation = await validateOpenApi(builtInTemplate('builtin-api')!.bodies[locale]);
    // Assess
    expect(validation.valid ? [] : validation.problems.map((problem) => formatText(problem.message, 'en'))).toEqual([]);
    expect(validation.valid && validation.version).toBe('3.1');
  });
});
