import { defineMessage } from '#shared/i18n/catalogue';

// The texts of document templates a client can read, in every language: errors, and the names
// and descriptions of the built-in templates (their bodies are in ./bodies/, one per language).

export const templateNotFound = /* @__PURE__ */ defineMessage('documents.templates.notFound', {
  en: 'No such document template in this project.',
  'zh-CN': '此项目中不存在该文档模板。',
});

export const unknownTemplate = /* @__PURE__ */ defineMessage<{ templateId: string }>('documents.templates.unknown', {
  en: 'There is no template {templateId} in this project.',
  'zh-CN': '此项目中没有模板 {templateId}。',
});

export const builtInReadOnly = /* @__PURE__ */ defineMessage<{ templateId: string }>(
  'documents.templates.builtInReadOnly',
  {
    en: 'The built-in template {templateId} cannot be changed or deleted; create a project template from it instead.',
    'zh-CN': '内置模板 {templateId} 不能修改或删除；请以它为基础创建一个项目模板。',
  },
);

export const versionMismatch = /* @__PURE__ */ defineMessage('documents.templates.versionMismatch', {
  en: 'The template changed since that version; fetch it again.',
  'zh-CN': '该模板在此版本之后已被修改；请重新获取。',
});

export const tooManyTemplates = /* @__PURE__ */ defineMessage<{ max: number }>('documents.templates.tooMany', {
  en: 'A project has at most {max, number} templates; delete one first.',
  'zh-CN': '一个项目最多有 {max, number} 个模板；请先删除一个。',
});

// The built-in templates' names and descriptions.

export const requirementName = /* @__PURE__ */ defineMessage('documents.templates.requirement.name', {
  en: 'Requirement (user stories and acceptance criteria)',
  'zh-CN': '需求（用户故事与验收标准）',
});
export const requirementDescription = /* @__PURE__ */ defineMessage('documents.templates.requirement.description', {
  en: 'User stories in the "As a …, I want … so that …" form and numbered acceptance criteria with stable ids ([AC-n]) that test cases can be linked to.',
  'zh-CN': '采用“作为……，我想要……，以便……”形式的用户故事，以及带稳定编号（[AC-n]）、可关联测试用例的验收标准。',
});

export const architectureName = /* @__PURE__ */ defineMessage('documents.templates.architecture.name', {
  en: 'Architecture (arc42)',
  'zh-CN': '架构（arc42）',
});
export const architectureDescription = /* @__PURE__ */ defineMessage('documents.templates.architecture.description', {
  en: 'The twelve sections of the arc42 template, from introduction and goals to the glossary.',
  'zh-CN': 'arc42 模板的十二个章节，从引言与目标到术语表。',
});

export const adrName = /* @__PURE__ */ defineMessage('documents.templates.adr.name', {
  en: 'Architecture decision record (MADR)',
  'zh-CN': '架构决策记录（MADR）',
});
export const adrDescription = /* @__PURE__ */ defineMessage('documents.templates.adr.description', {
  en: 'A decision in the MADR format: context and problem, decision drivers, considered options, decision outcome and its consequences, pros and cons of the options.',
  'zh-CN': 'MADR 格式的决策：背景与问题、决策驱动因素、备选方案、决策结果及其影响、各方案的优缺点。',
});

export const apiName = /* @__PURE__ */ defineMessage('documents.templates.api.name', {
  en: 'API design (OpenAPI 3.1)',
  'zh-CN': 'API 设计（OpenAPI 3.1）',
});
export const apiDescription = /* @__PURE__ */ defineMessage('documents.templates.api.description', {
  en: 'A valid OpenAPI 3.1 skeleton: info, a server, one collection with list and read operations, a reusable schema and an error response.',
  'zh-CN': '一个有效的 OpenAPI 3.1 骨架：info、服务器、一个带列表与读取操作的集合、可复用的模式和错误响应。',
});

export const testPlanName = /* @__PURE__ */ defineMessage('documents.templates.testPlan.name', {
  en: 'Test plan (IEEE 829 / ISO/IEC/IEEE 29119-3)',
  'zh-CN': '测试计划（IEEE 829 / ISO/IEC/IEEE 29119-3）',
});
export const testPlanDescription = /* @__PURE__ */ defineMessage('documents.templates.testPlan.description', {
  en: 'The sections of a test plan after IEEE 829 and ISO/IEC/IEEE 29119-3: scope, test items, approach, pass/fail and suspension criteria, environment, responsibilities, schedule, risks and approvals.',
  'zh-CN':
    '按 IEEE 829 与 ISO/IEC/IEEE 29119-3 组织的测试计划章节：范围、测试项、方法、通过/失败与暂停准则、环境、职责、进度、风险和审批。',
});

export const runbookName = /* @__PURE__ */ defineMessage('documents.templates.runbook.name', {
  en: 'Runbook',
  'zh-CN': '运维手册',
});
export const runbookDescription = /* @__PURE__ */ defineMessage('documents.templates.runbook.description', {
  en: 'How to operate a service: owners and contacts, dependencies, dashboards, alerts with their diagnosis and mitigation, deployment and rollback, escalation.',
  'zh-CN': '如何运维一个服务：负责人与联系方式、依赖、仪表盘、告警及其诊断与缓解、部署与回滚、升级处理。',
});
