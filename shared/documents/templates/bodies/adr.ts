import type { Locale } from '#shared/i18n/locale';

// MADR 4 (https://adr.github.io/madr/): its sections in its order. MADR keeps status, date and
// decision-makers in YAML front matter; Markdown renders front matter as text, so they are a
// list under the title here.

/** The ADR (MADR) template's body in each language. */
export const ADR_BODY: Readonly<Record<Locale, string>> = {
  en: `# {Short title of the solved problem and its solution}

- Status: {proposed | rejected | accepted | deprecated | superseded by DE-n}
- Date: {YYYY-MM-DD of the last update}
- Decision-makers: {everyone involved in the decision}
- Consulted: {people whose opinions are sought}
- Informed: {people kept up to date}

## Context and Problem Statement

{Describe the context and the problem in two or three sentences, or as a question.}

## Decision Drivers

- {driver 1, e.g. a force or a concern}
- {driver 2}

## Considered Options

- {title of option 1}
- {title of option 2}
- {title of option 3}

## Decision Outcome

Chosen option: "{title of option 1}", because {justification: it is the only option that meets a k.o. criterion, or it resolves a force best}.

### Consequences

- Good, because {positive consequence}
- Bad, because {negative consequence}

### Confirmation

{How compliance with this decision is confirmed: a review, a test, a fitness function.}

## Pros and Cons of the Options

### {title of option 1}

- Good, because {argument a}
- Neutral, because {argument b}
- Bad, because {argument c}

### {title of option 2}

- Good, because {argument a}
- Bad, because {argument b}

## More Information

{Links to related decisions and documents, and when this decision should be revisited.}
`,
  'zh-CN': `# {所解决问题及其方案的简短标题}

- 状态：{提议 | 已拒绝 | 已接受 | 已弃用 | 已被 DE-n 取代}
- 日期：{最近更新的日期，YYYY-MM-DD}
- 决策者：{参与决策的所有人}
- 咨询对象：{征求其意见的人}
- 知会对象：{需要及时告知的人}

## 背景与问题陈述

{用两三句话或一个问题描述背景和问题。}

## 决策驱动因素

- {驱动因素 1，例如某种约束或关注点}
- {驱动因素 2}

## 备选方案

- {方案 1 的标题}
- {方案 2 的标题}
- {方案 3 的标题}

## 决策结果

选定方案：“{方案 1 的标题}”，因为{理由：它是唯一满足否决性标准的方案，或最能解决某个驱动因素}。

### 影响

- 好处：{正面影响}
- 坏处：{负面影响}

### 确认方式

{如何确认遵循了此决策：评审、测试或适应度函数。}

## 各方案的优缺点

### {方案 1 的标题}

- 优点：{论据 a}
- 中性：{论据 b}
- 缺点：{论据 c}

### {方案 2 的标题}

- 优点：{论据 a}
- 缺点：{论据 b}

## 更多信息

{相关决策和文档的链接，以及何时应重新审视此决策。}
`,
};
