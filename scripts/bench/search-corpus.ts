/**
 * The synthetic search corpus of the search benches (search-index.ts, search-service.ts): items
 * of every type, a third English, a third Chinese, a third mixed, words drawn with Zipf's law,
 * and the query set.
 */
import { SEARCH_ITEM_TYPES, type SearchItem } from '#shared/search/index';

const ENGLISH = (
  'deploy deployment pipeline rollback release staging production canary health check latency timeout ' +
  'gateway database migration schema index query cache queue event consumer retry backoff idempotent ' +
  'login session token password account role permission audit review approval reviewer comment ' +
  'requirement architecture decision runbook incident alert metric dashboard trace log error warning ' +
  'build artifact bundle lambda function container cluster region replica snapshot backup restore ' +
  'test case suite run flaky failure assertion coverage report import junit load throughput budget ' +
  'api endpoint request response status header payload schema validation contract breaking change ' +
  'user project team member invitation owner maintainer developer viewer admin profile locale ' +
  'search ranking snippet facet cursor page filter tokenizer segment bigram prefix fuzzy typo ' +
  'storage bucket object upload download presigned encryption key secret rotation certificate'
).split(' ');
const CHINESE = (
  '部署 流水线 回滚 发布 预发 生产 灰度 健康检查 延迟 超时 网关 数据库 迁移 索引 查询 缓存 队列 事件 ' +
  '消费者 重试 幂等 登录 会话 令牌 密码 账号 角色 权限 审计 评审 审批 评论 需求 架构 决策 运行手册 ' +
  '故障 告警 指标 仪表盘 追踪 日志 错误 警告 构建 制品 函数 容器 集群 区域 副本 快照 备份 恢复 测试 ' +
  '用例 套件 不稳定 失败 断言 覆盖率 报告 导入 负载 吞吐量 预算 接口 请求 响应 状态 校验 契约 变更 ' +
  '用户 项目 团队 成员 邀请 维护者 开发者 管理员 搜索 排序 片段 分页 过滤 分词 存储 上传 下载 加密 密钥'
).split(' ');
const TAGS = ['backend', 'frontend', 'ops', 'security', 'api', 'infra', '性能', '安全', '发布', 'qa'];

/** A small deterministic generator (mulberry32), so every run indexes the same corpus. */
function randomGenerator(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A rank in [0, size) with Zipf's law (s = 1): rank k is drawn with probability ∝ 1/(k+1), as words in real text. */
function zipfRank(random: () => number, size: number): number {
  return Math.min(size - 1, Math.floor(Math.exp(random() * Math.log(size + 1))) - 1);
}

const SYLLABLES = 'ka ri to men sa lo vi de pra nu ex tor qui bel fa zon im gra ste lu ver chi mo dan pel'.split(' ');
const HAN =
  '的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处队南给色光门即保治北造百规热领七海口东导器压志世金增争济阶油思术极交受联什认六共权收证改清己美再采转更单风切打白教速花带安场身车例真务具万每目至达走积示议声报斗完类八离华名确才科张信马节话米整空元况今集温传土许步群广石记需段研界拉林律叫且究观越织装影算低持音众书布复容儿须际商非验连断深难近矿千周委素技备半办青省列习响约支般史感劳便团往酸历市克何除消构府称太准精值号率族维划选标写存候毛亲快效斯院查江型眼王按格养易置派层片始却专状育厂京识适属圆包火住调满县局照参红细引听该铁价严'.split(
    '',
  );

/** Technical words as they recur across a project, then a long tail of rarer words (names, identifiers). */
function vocabulary(random: () => number): { english: string[]; chinese: string[] } {
  const english = [...ENGLISH];
  while (english.length < 20_000) {
    const syllables = 2 + Math.floor(random() * 3);
    english.push(Array.from({ length: syllables }, () => SYLLABLES[Math.floor(random() * SYLLABLES.length)]).join(''));
  }
  const chinese = [...CHINESE];
  while (chinese.length < 8_000) {
    const length = 2 + Math.floor(random() * 2);
    chinese.push(Array.from({ length }, () => HAN[Math.floor(random() * HAN.length)]).join(''));
  }
  return { english, chinese };
}

function sentence(
  random: () => number,
  words: { english: string[]; chinese: string[] },
  language: 'en' | 'zh' | 'mixed',
  length: number,
): string {
  const picked: string[] = [];
  for (let n = 0; n < length; n++) {
    const chinese = language === 'zh' || (language === 'mixed' && random() < 0.5);
    const list = chinese ? words.chinese : words.english;
    picked.push(list[zipfRank(random, list.length)]!);
  }
  // Chinese is written without spaces between words; English with them.
  return language === 'zh' ? `${picked.join('')}。` : `${picked.join(' ')}.`;
}

/** `count` items of every type, a third in English, a third in Chinese, a third mixed, text of 1–3 KB. */
export function syntheticItems(count: number, projectId = 'bench'): SearchItem[] {
  const random = randomGenerator(42);
  const words = vocabulary(random);
  const languages = ['en', 'zh', 'mixed'] as const;
  return Array.from({ length: count }, (_, n) => {
    const language = languages[n % 3]!;
    const sentences = Array.from({ length: 8 + Math.floor(random() * 16) }, () =>
      sentence(random, words, language, 6 + Math.floor(random() * 10)),
    );
    return {
      type: SEARCH_ITEM_TYPES[n % SEARCH_ITEM_TYPES.length]!,
      id: `item-${String(n).padStart(6, '0')}`,
      projectId,
      title: sentence(random, words, language, 3 + Math.floor(random() * 5)),
      text: sentences.join(' '),
      tags: TAGS.filter(() => random() < 0.15),
      updatedAt: new Date(Date.UTC(2026, 0, 1) + n * 60_000).toISOString(),
    };
  });
}

/** Words, phrases, prefixes, typos, Chinese and mixed queries: the query set of the search benches. */
export const QUERIES = [
  'deploy',
  'rollback staging',
  'pipeline timeout',
  'migr',
  'approv',
  'pipline',
  'rollbak',
  'databse migration',
  '部署',
  '部署流水线',
  '回滚 失败',
  '健康检查',
  '流水线 rollback',
  'gateway 超时',
  '数据库 migration',
  'flaky test',
  '覆盖率 report',
  'presigned upload',
  '幂等 consumer',
  'canary release 灰度',
];
