import type { Locale } from '#shared/i18n/locale';

// A service runbook in the usual SRE shape: what the service is and who owns it, what it
// depends on, where to look, and per alert its meaning, diagnosis and mitigation.

/** The runbook template's body in each language. */
export const RUNBOOK_BODY: Readonly<Record<Locale, string>> = {
  en: `# Runbook: {service name}

## Overview

{What the service does, who uses it, and what breaks when it is down.}

## Owners and contacts

| Role | Who | How to reach |
|---|---|---|
| Owning team | {…} | {…} |
| On call | {…} | {…} |

## Dependencies

| Dependency | What fails without it | Its runbook |
|---|---|---|
| {…} | {…} | {…} |

## Dashboards and logs

- {link to the dashboard}
- {where the logs are and a useful query}

## Alerts

### {Alert name}

- Meaning: {what the alert says is wrong}
- Impact: {who notices, how badly}
- Diagnosis:
  1. {first thing to check}
  2. {next check}
- Mitigation:
  1. {step that stops the impact}
- Verification: {how to tell the service has recovered}

## Deployment and rollback

{How to deploy, how to roll back to the previous version, how long it takes.}

## Escalation

{When to escalate, to whom, and what information to bring.}

## Maintenance tasks

{Routine tasks: rotating secrets, scaling, cleaning up.}
`,
  'zh-CN': `# 运维手册：{服务名称}

## 概述

{服务的作用、使用者，以及服务中断时会影响什么。}

## 负责人与联系方式

| 角色 | 人员 | 联系方式 |
|---|---|---|
| 负责团队 | {……} | {……} |
| 值班 | {……} | {……} |

## 依赖

| 依赖 | 缺少它时什么会失败 | 其运维手册 |
|---|---|---|
| {……} | {……} | {……} |

## 仪表盘与日志

- {仪表盘链接}
- {日志位置及常用查询}

## 告警

### {告警名称}

- 含义：{告警表明什么出了问题}
- 影响：{谁会察觉，影响多严重}
- 诊断：
  1. {首先检查的内容}
  2. {下一项检查}
- 缓解：
  1. {止损的步骤}
- 验证：{如何确认服务已恢复}

## 部署与回滚

{如何部署、如何回滚到上一版本、需要多长时间。}

## 升级处理

{何时升级、升级给谁、需要提供哪些信息。}

## 维护任务

{例行任务：轮换密钥、扩缩容、清理。}
`,
};
