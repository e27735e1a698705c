import type { Locale } from '#shared/i18n/locale';

// User stories (Connextra form) and numbered acceptance criteria in Given/When/Then. The
// `[AC-n]` tags give each criterion the stable id that rendering.ts's acceptanceCriteria reads
// and traceability links name; the section heading is the one it recognises in each language.
// Placeholders are in braces, not angle brackets, which Markdown would take for HTML tags.

/** The requirement template's body in each language. */
export const REQUIREMENT_BODY: Readonly<Record<Locale, string>> = {
  en: `# {Feature name}

## Summary

{One paragraph: what is needed, for whom, and why now.}

## User stories

- As a {role}, I want {capability}, so that {benefit}.
- As a {role}, I want {capability}, so that {benefit}.

## Acceptance criteria

1. [AC-1] Given {context}, when {action}, then {observable outcome}.
2. [AC-2] Given {context}, when {action}, then {observable outcome}.
3. [AC-3] Given {context}, when {action}, then {observable outcome}.

## Non-functional requirements

- Performance: {e.g. p99 latency under 300 ms at 100 requests per second}
- Security and privacy: {who may see or change what}
- Accessibility and languages: {…}

## Out of scope

- {What this requirement deliberately does not cover.}

## Open questions

- {Question} ({who answers it, by when})
`,
  'zh-CN': `# {功能名称}

## 概述

{一段话：需要什么、为谁而做、为什么现在做。}

## 用户故事

- 作为{角色}，我想要{功能}，以便{收益}。
- 作为{角色}，我想要{功能}，以便{收益}。

## 验收标准

1. [AC-1] 假定{前提}，当{操作}时，那么{可观察的结果}。
2. [AC-2] 假定{前提}，当{操作}时，那么{可观察的结果}。
3. [AC-3] 假定{前提}，当{操作}时，那么{可观察的结果}。

## 非功能需求

- 性能：{例如：每秒 100 个请求时 p99 延迟低于 300 毫秒}
- 安全与隐私：{谁可以查看或修改什么}
- 无障碍与多语言：{……}

## 不在范围内

- {本需求有意不涉及的内容。}

## 待解决问题

- {问题}（{由谁、在何时之前回答}）
`,
};
