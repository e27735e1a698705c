import type { Locale } from '#shared/i18n/locale';

// The test plan sections of IEEE 829-2008 (which ISO/IEC/IEEE 29119-3 superseded: its test
// plan's "context of testing", "risk register" and "test strategy" are the same ground, named
// in parentheses where the names differ), in IEEE 829's order.

/** The test plan template's body in each language. */
export const TEST_PLAN_BODY: Readonly<Record<Locale, string>> = {
  en: `# Test plan: {product or release}

## 1. Test plan identifier

{TP-{project}-{release}, version, date, author}

## 2. Introduction (context of testing)

{Purpose of this plan, the project and the requirement documents it covers (link them).}

## 3. Test items

{The components, builds and versions under test.}

## 4. Features to be tested

- {feature or requirement, e.g. DE-n with its acceptance criteria}

## 5. Features not to be tested

- {feature} ({why not})

## 6. Approach (test strategy)

{Test levels and types, design techniques, automation, test data, regression and retesting.}

## 7. Item pass/fail criteria (completion criteria)

{When a test item passes, e.g. every acceptance criterion has a passing test and no open critical defect.}

## 8. Suspension criteria and resumption requirements

{When testing stops (a blocking defect, an unusable environment) and what resumes it.}

## 9. Test deliverables

{Test cases, test runs and their reports, defect reports, the test completion report.}

## 10. Testing tasks (testing activities and estimates)

| Task | Depends on | Effort |
|---|---|---|
| {…} | {…} | {…} |

## 11. Environmental needs (test environment)

{Environments, data, tools and access needed.}

## 12. Responsibilities

| Who | Responsible for |
|---|---|
| {…} | {…} |

## 13. Staffing and training needs

{Roles, people and the training they need.}

## 14. Schedule

| Milestone | Date |
|---|---|
| {…} | {…} |

## 15. Risks and contingencies (risk register)

| Risk | Likelihood / impact | Mitigation or contingency |
|---|---|---|
| {…} | {…} | {…} |

## 16. Approvals

| Name | Role | Date |
|---|---|---|
| {…} | {…} | {…} |
`,
  'zh-CN': `# 测试计划：{产品或版本}

## 1. 测试计划标识

{TP-{项目}-{版本}、版本号、日期、作者}

## 2. 引言（测试背景）

{本计划的目的、所属项目及其覆盖的需求文档（请链接）。}

## 3. 测试项

{被测的组件、构建和版本。}

## 4. 需测试的特性

- {特性或需求，例如 DE-n 及其验收标准}

## 5. 不测试的特性

- {特性}（{原因}）

## 6. 测试方法（测试策略）

{测试级别与类型、设计技术、自动化、测试数据、回归与再测试。}

## 7. 测试项通过/失败准则（完成准则）

{测试项何时算通过，例如每条验收标准都有通过的测试且没有未关闭的严重缺陷。}

## 8. 暂停准则与恢复要求

{何时停止测试（阻塞性缺陷、环境不可用）以及恢复的条件。}

## 9. 测试交付物

{测试用例、测试运行及其报告、缺陷报告、测试完成报告。}

## 10. 测试任务（测试活动与估算）

| 任务 | 依赖 | 工作量 |
|---|---|---|
| {……} | {……} | {……} |

## 11. 环境需求（测试环境）

{所需的环境、数据、工具和访问权限。}

## 12. 职责

| 人员 | 负责内容 |
|---|---|
| {……} | {……} |

## 13. 人员与培训需求

{角色、人员及其所需的培训。}

## 14. 进度

| 里程碑 | 日期 |
|---|---|
| {……} | {……} |

## 15. 风险与应急措施（风险登记）

| 风险 | 可能性 / 影响 | 缓解或应急措施 |
|---|---|---|
| {……} | {……} | {……} |

## 16. 审批

| 姓名 | 角色 | 日期 |
|---|---|---|
| {……} | {……} | {……} |
`,
};
