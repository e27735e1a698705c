import type { Locale } from '#shared/i18n/locale';

// The twelve sections of arc42 (https://arc42.org/overview), with the subsections its
// template names and a one-line hint each; the Chinese headings follow arc42's own translation.

/** The architecture (arc42) template's body in each language. */
export const ARCHITECTURE_BODY: Readonly<Record<Locale, string>> = {
  en: `# {System name}: architecture

## 1. Introduction and Goals

### 1.1 Requirements Overview

{The essential functional requirements, or a link to the requirement documents.}

### 1.2 Quality Goals

| Priority | Quality goal | Scenario |
|---|---|---|
| 1 | {e.g. availability} | {…} |

### 1.3 Stakeholders

| Role | Contact | Expectations |
|---|---|---|
| {…} | {…} | {…} |

## 2. Architecture Constraints

{Technical, organisational and political constraints, and conventions.}

## 3. Context and Scope

### 3.1 Business Context

{Communication partners and the domain data they exchange with the system.}

### 3.2 Technical Context

{Channels and protocols, mapped to the business context.}

## 4. Solution Strategy

{The fundamental decisions and solution approaches that shape the architecture.}

## 5. Building Block View

### 5.1 Whitebox Overall System

\`\`\`mermaid
flowchart LR
  client[Client] --> api[API]
  api --> store[(Store)]
\`\`\`

### 5.2 Level 2

{Zoom into the important building blocks.}

## 6. Runtime View

{Important scenarios: how the building blocks interact at run time.}

## 7. Deployment View

{The infrastructure the system runs on and how building blocks map onto it.}

## 8. Cross-cutting Concepts

{Domain model, security, error handling, logging, internationalisation, …}

## 9. Architecture Decisions

{Important decisions, each best recorded as an ADR and linked here.}

## 10. Quality Requirements

### 10.1 Quality Tree

### 10.2 Quality Scenarios

## 11. Risks and Technical Debts

| Risk or debt | Likelihood / impact | Mitigation |
|---|---|---|
| {…} | {…} | {…} |

## 12. Glossary

| Term | Definition |
|---|---|
| {…} | {…} |
`,
  'zh-CN': `# {系统名称}：架构

## 1. 引言与目标

### 1.1 需求概览

{最重要的功能需求，或指向需求文档的链接。}

### 1.2 质量目标

| 优先级 | 质量目标 | 场景 |
|---|---|---|
| 1 | {例如：可用性} | {……} |

### 1.3 利益相关者

| 角色 | 联系方式 | 期望 |
|---|---|---|
| {……} | {……} | {……} |

## 2. 架构约束

{技术、组织和政策方面的约束，以及约定。}

## 3. 系统范围和上下文

### 3.1 业务上下文

{通信伙伴，以及它们与系统交换的领域数据。}

### 3.2 技术上下文

{通道与协议，以及它们与业务上下文的对应关系。}

## 4. 解决方案策略

{塑造架构的基本决策和解决思路。}

## 5. 构建块视图

### 5.1 整体系统白盒

\`\`\`mermaid
flowchart LR
  client[客户端] --> api[API]
  api --> store[(存储)]
\`\`\`

### 5.2 第二层

{深入重要的构建块。}

## 6. 运行时视图

{重要场景：构建块在运行时如何协作。}

## 7. 部署视图

{系统运行所依赖的基础设施，以及构建块如何映射到其上。}

## 8. 横切概念

{领域模型、安全、错误处理、日志、国际化等。}

## 9. 架构决策

{重要的决策，最好各自记录为一份 ADR 并链接到此处。}

## 10. 质量要求

### 10.1 质量树

### 10.2 质量场景

## 11. 风险和技术债务

| 风险或债务 | 可能性 / 影响 | 缓解措施 |
|---|---|---|
| {……} | {……} | {……} |

## 12. 术语表

| 术语 | 定义 |
|---|---|
| {……} | {……} |
`,
};
