// `npm run bench:search`: latency of the in-memory catalog search (src/modules/catalog/search)
// at catalogue scale. Target: 100,000 products, p95 < 10 ms per query with facets,
// single-threaded; also reported: index build time and memory.
//
// 100,000 believable bilingual products are generated from a fixed seed (brands, product
// types, adjectives, sizes and descriptions in English and Chinese across the seven
// categories, AU/NZ origin, bonded/overseas stock, prices), so every run indexes the same
// catalogue. Each product also carries a merchant code and most a made-up series name, which
// gives the vocabulary the long tail of rare words a real catalogue has (the typo lookup has
// to be fast against it). Then 1,000 mixed queries run one after the other, each timed with
// performance.now() after a warm-up: Chinese words, English words and pairs, typos, pinyin,
// unfinished words, browsing, a share of them with filters and sorts.
//
// Environment: BENCH_DOCS (100000), BENCH_QUERIES (1000), BENCH_WARMUP (200), BENCH_SEED (20261124).
// `node --expose-gc bench/search.ts` makes the memory figures live memory, without garbage.
// The human-readable lines go to stderr; the last line on stdout is the JSON result.
import { type SearchDoc, SearchEngine, type SearchQuery, type ShipsFrom } from '../src/modules/catalog/search/engine.ts';
import { envInt, logger, machineFigures, round2 } from './lib.ts';

const DOCS = envInt('BENCH_DOCS', 100_000);
const QUERIES = envInt('BENCH_QUERIES', 1000);
const WARMUP = envInt('BENCH_WARMUP', 200);
const SEED = envInt('BENCH_SEED', 20261124);

const log = logger('search');
const rssMb = () => Math.round(process.memoryUsage().rss / 1048576);

/** mulberry32: small, fast, and the same sequence on every machine. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const rand = prng(SEED);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;
const chance = (p: number) => rand() < p;
const between = (lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));

// --- the catalogue ------------------------------------------------------------------------------

type Pair = readonly [en: string, zh: string];
interface Category {
  code: string;
  labels: Pair;
  brands: Pair[];
  types: Pair[];
  sizes: Pair[];
  /** Price range in yuan. */
  yuan: [number, number];
}

const CATEGORIES: Category[] = [
  {
    code: 'honey',
    labels: ['Honey', '蜂蜜'],
    brands: [
      ['Comvita', '康维他'],
      ['Manuka Health', '蜜纽康'],
      ['Egmont', '爱格蒙特'],
      ['Capilano', '卡比兰诺'],
      ['Airborne', '新西兰空运'],
      ['Wedderspoon', '威德斯彭'],
    ],
    types: [
      ['Manuka Honey', '麦卢卡蜂蜜'],
      ['Raw Honey', '原生蜂蜜'],
      ['Clover Honey', '三叶草蜂蜜'],
      ['Honey Lozenges', '蜂蜜润喉糖'],
      ['Bee Propolis', '蜂胶'],
      ['Royal Jelly', '蜂王浆'],
      ['Honeycomb', '蜂巢蜜'],
    ],
    sizes: [
      ['250g', '250克'],
      ['500g', '500克'],
      ['1kg', '1公斤'],
      ['UMF 10+', 'UMF10+'],
      ['UMF 15+', 'UMF15+'],
      ['MGO 263+', 'MGO263+'],
    ],
    yuan: [60, 1500],
  },
  {
    code: 'infant_formula',
    labels: ['Infant formula', '婴幼儿配方奶粉'],
    brands: [
      ['a2', 'a2至初'],
      ['Aptamil', '爱他美'],
      ["Bellamy's", '贝拉米'],
      ['Karicare', '可瑞康'],
      ['Oli6', '颖睿'],
      ['Bubs', '贝儿'],
      ['Nature One', '澳洲奶源'],
    ],
    types: [
      ['Infant Formula Stage 1', '婴儿配方奶粉1段'],
      ['Follow-on Formula Stage 2', '较大婴儿配方奶粉2段'],
      ['Toddler Milk Drink Stage 3', '幼儿配方奶粉3段'],
      ['Goat Milk Formula', '羊奶粉'],
      ['Organic Infant Formula', '有机婴儿奶粉'],
      ['A2 Protein Formula', 'A2蛋白奶粉'],
    ],
    sizes: [
      ['800g', '800克'],
      ['900g', '900克'],
      ['3 x 900g', '900克x3罐'],
      ['6 cans', '6罐装'],
    ],
    yuan: [180, 1200],
  },
  {
    code: 'health_supplements',
    labels: ['Health supplements', '保健品'],
    brands: [
      ['Swisse', '斯维诗'],
      ['Blackmores', '澳佳宝'],
      ['Bio Island', '佰澳朗德'],
      ['Healthy Care', '澳世康'],
      ["Nature's Way", '佳思敏'],
      ['Life Space', '益倍适'],
      ['GO Healthy', '高之源'],
    ],
    types: [
      ['Fish Oil', '深海鱼油'],
      ['Vitamin C', '维生素C'],
      ['Multivitamin', '复合维生素'],
      ['Calcium + Vitamin D', '钙片维生素D'],
      ['Probiotics', '益生菌'],
      ['Grape Seed', '葡萄籽'],
      ['Cranberry', '蔓越莓'],
      ['Lutein', '叶黄素'],
      ['Milk Thistle', '奶蓟草护肝片'],
      ['Colostrum', '牛初乳'],
    ],
    sizes: [
      ['60 capsules', '60粒'],
      ['90 capsules', '90粒'],
      ['120 tablets', '120片'],
      ['200 capsules', '200粒'],
      ['400 capsules', '400粒'],
    ],
    yuan: [49, 600],
  },
  {
    code: 'skincare_cosmetics',
    labels: ['Skincare & cosmetics', '护肤美妆'],
    brands: [
      ['Sukin', '苏芊'],
      ['Jurlique', '茱莉蔻'],
      ['Trilogy', '趣乐活'],
      ['Antipodes', '安媞珀'],
      ['Lucas Papaw', '木瓜霜'],
      ['QV', 'QV'],
      ['Aesop', '伊索'],
    ],
    types: [
      ['Face Cream', '面霜'],
      ['Hand Cream', '护手霜'],
      ['Cleanser', '洗面奶'],
      ['Serum', '精华液'],
      ['Rosehip Oil', '玫瑰果油'],
      ['Body Lotion', '身体乳'],
      ['Sunscreen SPF50', '防晒霜'],
      ['Lip Balm', '润唇膏'],
    ],
    sizes: [
      ['50ml', '50毫升'],
      ['75ml', '75毫升'],
      ['125ml', '125毫升'],
      ['250ml', '250毫升'],
      ['500ml', '500毫升'],
    ],
    yuan: [39, 900],
  },
  {
    code: 'wine',
    labels: ['Wine', '葡萄酒'],
    brands: [
      ['Penfolds', '奔富'],
      ["Jacob's Creek", '杰卡斯'],
      ['Yellow Tail', '黄尾袋鼠'],
      ['Cloudy Bay', '云雾之湾'],
      ['Oyster Bay', '蚝湾'],
      ['Wolf Blass', '禾富'],
      ['Villa Maria', '新玛利'],
    ],
    types: [
      ['Shiraz', '设拉子红葡萄酒'],
      ['Cabernet Sauvignon', '赤霞珠红葡萄酒'],
      ['Sauvignon Blanc', '长相思白葡萄酒'],
      ['Chardonnay', '霞多丽白葡萄酒'],
      ['Pinot Noir', '黑皮诺红葡萄酒'],
      ['Sparkling Wine', '起泡酒'],
      ['Dry Red', '干红葡萄酒'],
    ],
    sizes: [
      ['750ml', '750毫升'],
      ['6 x 750ml', '6瓶装'],
      ['375ml', '375毫升'],
      ['1.5L', '1.5升'],
    ],
    yuan: [69, 4000],
  },
  {
    code: 'food_beverage',
    labels: ['Food & beverage', '食品饮料'],
    brands: [
      ["Arnott's", '雅乐思'],
      ['Tim Tam', '天甜'],
      ['Anchor', '安佳'],
      ["Whittaker's", '惠特克'],
      ['Uncle Tobys', '托比叔叔'],
      ['Vegemite', '维吉麦'],
      ['Devondale', '德运'],
    ],
    types: [
      ['Chocolate Biscuits', '巧克力饼干'],
      ['Milk Powder', '全脂奶粉'],
      ['Rolled Oats', '燕麦片'],
      ['Macadamia Nuts', '夏威夷果'],
      ['Butter', '黄油'],
      ['Milk Chocolate', '牛奶巧克力'],
      ['Cheese', '奶酪'],
      ['Muesli', '麦片'],
    ],
    sizes: [
      ['200g', '200克'],
      ['250g', '250克'],
      ['1kg', '1公斤'],
      ['12 pack', '12包装'],
      ['1L x 12', '1升x12盒'],
    ],
    yuan: [15, 300],
  },
  {
    code: 'mother_baby',
    labels: ['Mother & baby', '母婴用品'],
    brands: [
      ["Rafferty's Garden", '拉费蒂花园'],
      ['Little Innoscents', '小纯真'],
      ['Huggies', '好奇'],
      ['Tommee Tippee', '汤美天地'],
      ['Elevit', '爱乐维'],
      ['Gaia', '盖亚'],
    ],
    types: [
      ['Nappies', '纸尿裤'],
      ['Baby Wipes', '婴儿湿巾'],
      ['Baby Food Pouch', '婴儿果泥'],
      ['Feeding Bottle', '奶瓶'],
      ['Pregnancy Multivitamin', '孕妇复合维生素'],
      ['Baby Wash', '婴儿沐浴露'],
      ['Nipple Cream', '乳头霜'],
    ],
    sizes: [
      ['size 3', '3号'],
      ['size 4', '4号'],
      ['80 wipes', '80抽'],
      ['120g', '120克'],
      ['260ml', '260毫升'],
      ['100 tablets', '100片'],
    ],
    yuan: [25, 500],
  },
];

const ADJECTIVES: Pair[] = [
  ['Organic', '有机'],
  ['Natural', '天然'],
  ['Premium', '高端'],
  ['Gentle', '温和'],
  ['Kids', '儿童'],
  ['Adult', '成人'],
  ['Family Pack', '家庭装'],
  ['Gift Box', '礼盒装'],
  ['Imported', '进口'],
  ['Pure', '纯正'],
  ['Limited Edition', '限量版'],
  ['Sensitive', '敏感肌'],
  ['Sugar Free', '无糖'],
  ['Value Pack', '超值装'],
  ['Classic', '经典'],
  ['New', '新款'],
];
const ORIGIN: Record<string, Pair> = { AU: ['Australia', '澳洲'], NZ: ['New Zealand', '新西兰'] };
const BENEFITS: Pair[] = [
  ['Supports immune health.', '增强免疫力。'],
  ['Rich in natural antioxidants.', '富含天然抗氧化成分。'],
  ['Suitable for the whole family.', '适合全家人使用。'],
  ['Gentle on sensitive skin.', '温和不刺激，敏感肌适用。'],
  ['Made without artificial colours or preservatives.', '不含人工色素和防腐剂。'],
  ['Independently tested for purity.', '经第三方检测，品质纯正。'],
  ['A favourite gift for family and friends.', '送礼佳品，亲友皆宜。'],
  ['Sourced from pristine pastures.', '源自纯净牧场。'],
  ['Easy to take every day.', '每日服用方便。'],
  ['Award-winning quality.', '屡获大奖的品质。'],
];
const SYLLABLES = ['ka', 'ri', 'to', 'wha', 'ne', 'mo', 'lu', 'vi', 'sa', 'ta', 'ro', 'mi', 'ko', 'ha', 'na', 'el', 'ra', 'po', 'ti', 'au'];
const ZH_SOUNDS = ['卡', '瑞', '托', '娜', '莫', '卢', '维', '萨', '丽', '蔻', '伊', '欧', '菲', '塔', '罗', '米', '科', '哈', '艾', '波'];
const MERCHANTS = Array.from({ length: 400 }, (_, i) => `mer_${String(i).padStart(4, '0')}`);

function seriesName(): Pair {
  const n = between(2, 3);
  let en = '';
  let zh = '';
  for (let i = 0; i < n; i++) {
    const s = between(0, SYLLABLES.length - 1);
    en += SYLLABLES[s];
    zh += ZH_SOUNDS[(s + i) % ZH_SOUNDS.length];
  }
  return [en[0]?.toUpperCase() + en.slice(1), zh];
}

function merchantCode(): string {
  const letters = 'ABCDEFGHJKLMNPQRSTUVWXYZ';
  return `${pick([...letters])}${pick([...letters])}${between(10000, 99999)}`;
}

export function generateDoc(i: number, now: number): SearchDoc {
  const cat = pick(CATEGORIES);
  const brand = pick(cat.brands);
  const type = pick(cat.types);
  const size = pick(cat.sizes);
  const adjective = chance(0.7) ? pick(ADJECTIVES) : undefined;
  const adj = adjective && !type[0].includes(adjective[0]) ? adjective : undefined;
  const series = chance(0.6) ? seriesName() : undefined;
  const country = chance(cat.code === 'wine' || cat.code === 'food_beverage' ? 0.65 : 0.5) ? 'AU' : 'NZ';
  const origin = ORIGIN[country] as Pair;
  const benefits = [pick(BENEFITS), pick(BENEFITS)];
  const shipsFrom: ShipsFrom[] = chance(0.5) ? ['bonded'] : chance(0.6) ? ['overseas'] : ['bonded', 'overseas'];
  const code = merchantCode();
  const [lo, hi] = cat.yuan;
  const yuan = Math.round(lo * (hi / lo) ** rand()); // log-uniform: many cheap, a few dear
  return {
    id: `prd_${String(i).padStart(7, '0')}`,
    merchantId: pick(MERCHANTS),
    name: {
      en: [brand[0], adj?.[0], series?.[0], type[0], size[0]].filter(Boolean).join(' '),
      zh: `${brand[1]}${adj?.[1] ?? ''}${series?.[1] ?? ''}${type[1]} ${size[1]}`,
    },
    brand: brand[0],
    category: cat.code,
    categoryLabels: [...cat.labels],
    description: {
      en: `${type[0]} from ${brand[0]}, made in ${origin[0]}. ${benefits.map((b) => b[0]).join(' ')} Merchant code ${code}.`,
      zh: `${origin[1]}原装进口${brand[1]}${type[1]}，${benefits.map((b) => b[1]).join('')}`,
    },
    countryOfOrigin: country,
    shipsFrom,
    priceCny: yuan * 100 - (chance(0.5) ? 1 : 0) * 100 + between(0, 99),
    createdAt: now - between(0, 730) * 86_400_000 - between(0, 86_399_999),
  };
}

// --- the queries -------------------------------------------------------------------------------

export const CHINESE = [
  '奶粉',
  '蜂蜜',
  '麦卢卡蜂蜜',
  '鱼油',
  '维生素',
  '面霜',
  '红葡萄酒',
  '葡萄酒',
  '纸尿裤',
  '婴儿奶粉',
  '澳洲奶粉',
  '有机蜂蜜',
  '康维他',
  '爱他美',
  '羊奶粉',
  '益生菌',
  '护手霜',
  '长相思',
  '巧克力饼干',
  '婴儿湿巾',
  '孕妇维生素',
  '新西兰蜂蜜',
  '奔富',
  '钙片',
  '叶黄素',
  '蜂胶',
  '防晒霜',
];
export const ENGLISH = [
  'honey',
  'formula',
  'vitamin',
  'wine',
  'cream',
  'probiotics',
  'nappies',
  'chocolate',
  'shiraz',
  'organic',
  'swisse',
  'comvita',
  'a2',
  'serum',
  'oats',
];
export const ENGLISH_PAIRS = [
  'manuka honey',
  'infant formula',
  'fish oil',
  'red wine',
  'face cream',
  'vitamin c',
  'goat milk',
  'baby wipes',
  'sauvignon blanc',
  'hand cream',
  'organic formula',
  'blackmores fish oil',
  'penfolds shiraz',
  'honey 500g',
  'formula 900g',
];
export const TYPOS = [
  'manuka hony',
  'vitamn',
  'formla',
  'probiotcs',
  'chocolat biscuits',
  'sauvignon blnc',
  'blackmors fish oil',
  'chardonay',
  'cranbery',
  'propolis',
  'suncreen',
  'lutien',
  'penfols',
];
export const PINYIN = [
  'naifen',
  'fengmi',
  'yuyou',
  'mianshuang',
  'putaojiu',
  'zhiniaoku',
  'yishengjun',
  'kangweita',
  'yangnaifen',
  'hushoushuang',
];
export const PREFIXES = ['manu', 'vita', 'form', 'choc', 'sauv', 'prob', 'naif', 'feng', 'bla', 'oyst'];
export const MIXED = ['comvita 蜂蜜', 'a2 奶粉', 'swisse 鱼油', 'penfolds 葡萄酒', 'umf 10 麦卢卡', 'aptamil 1段'];

export function randomQuery(): SearchQuery {
  const r = rand();
  const q: SearchQuery = {};
  if (r < 0.22) q.text = pick(CHINESE);
  else if (r < 0.37) q.text = pick(ENGLISH);
  else if (r < 0.52) q.text = pick(ENGLISH_PAIRS);
  else if (r < 0.64) q.text = pick(TYPOS);
  else if (r < 0.74) q.text = pick(PINYIN);
  else if (r < 0.82) q.text = pick(PREFIXES);
  else if (r < 0.9) q.text = pick(MIXED);
  // else: browsing, no text
  if (chance(q.text ? 0.3 : 0.8)) {
    const filter = between(0, 4);
    if (filter === 0) q.category = [pick(CATEGORIES).code];
    if (filter === 1) q.brand = [pick(pick(CATEGORIES).brands)[0], pick(pick(CATEGORIES).brands)[0]];
    if (filter === 2) q.countryOfOrigin = [pick(['AU', 'NZ'])];
    if (filter === 3) q.shipsFrom = pick(['bonded', 'overseas'] as const);
    if (filter === 4) {
      q.priceMin = between(0, 200) * 100;
      q.priceMax = q.priceMin + between(50, 800) * 100;
    }
  }
  if (chance(0.25)) q.sort = pick(['price_asc', 'price_desc', 'newest', 'relevance'] as const);
  if (chance(0.1)) q.offset = 20 * between(1, 5);
  return q;
}

// --- run ---------------------------------------------------------------------------------------

const POOLS: [string, string[]][] = [
  ['chinese', CHINESE],
  ['english', ENGLISH],
  ['english pair', ENGLISH_PAIRS],
  ['typo', TYPOS],
  ['pinyin', PINYIN],
  ['prefix', PREFIXES],
  ['mixed', MIXED],
];
function queryKind(q: SearchQuery): string {
  const kind = q.text ? (POOLS.find(([, pool]) => pool.includes(q.text as string))?.[0] ?? 'other') : 'browse';
  return q.category || q.brand || q.countryOfOrigin || q.shipsFrom || q.priceMin !== undefined ? `${kind}+filter` : kind;
}

const percentile = (sorted: number[], p: number) =>
  sorted.length === 0 ? 0 : (sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] as number);

function main() {
  const rssBefore = rssMb();
  const now = Date.UTC(2026, 10, 24);
  // Generated in batches and indexed as they come, only the upserts timed: the catalogue is
  // never held twice, so the memory figures are the index's.
  const engine = new SearchEngine();
  let buildMs = 0;
  for (let from = 0; from < DOCS; from += 1000) {
    const batch = Array.from({ length: Math.min(1000, DOCS - from) }, (_, i) => generateDoc(from + i, now));
    const t0 = performance.now();
    for (const d of batch) engine.upsert(d);
    buildMs += performance.now() - t0;
  }
  const buildS = buildMs / 1000;
  globalThis.gc?.(); // with --expose-gc, the figures below are live memory rather than live + garbage
  const rssBuilt = rssMb();
  const heapMb = Math.round(process.memoryUsage().heapUsed / 1048576);
  log(`generated and indexed ${engine.size} documents (seed ${SEED}): index build ${buildS.toFixed(2)} s, ${engine.vocabularySize} terms`);
  log(`memory after the build: rss ${rssBuilt} MB (${rssBefore} MB at start), heap used ${heapMb} MB`);

  const queries = Array.from({ length: WARMUP + QUERIES }, randomQuery);
  // A suspended merchant, as in production: its products are filtered out at query time.
  engine.setMerchantVisible(MERCHANTS[0] as string, false);
  const times: number[] = [];
  let hits = 0;
  let empty = 0;
  let corrected = 0;
  const slowest: { ms: number; query: SearchQuery }[] = [];
  const byKind = new Map<string, number[]>();
  for (let i = 0; i < queries.length; i++) {
    const q = queries[i] as SearchQuery;
    const start = performance.now();
    const result = engine.search(q);
    const ms = performance.now() - start;
    if (i < WARMUP) continue;
    times.push(ms);
    hits += result.total;
    if (result.total === 0) empty++;
    if (result.corrections.length) corrected++;
    slowest.push({ ms, query: q });
    const kind = queryKind(q);
    byKind.set(kind, [...(byKind.get(kind) ?? []), ms]);
  }
  times.sort((a, b) => a - b);
  slowest.sort((a, b) => b.ms - a.ms);
  const figures = {
    p50_ms: round2(percentile(times, 50)),
    p95_ms: round2(percentile(times, 95)),
    p99_ms: round2(percentile(times, 99)),
    max_ms: round2(times[times.length - 1] ?? 0),
    mean_ms: round2(times.reduce((s, t) => s + t, 0) / Math.max(1, times.length)),
  };
  log(
    `${QUERIES} queries after ${WARMUP} warm-up: p50 ${figures.p50_ms} ms, p95 ${figures.p95_ms} ms, p99 ${figures.p99_ms} ms, max ${figures.max_ms} ms`,
  );
  log(`mean hits per query ${Math.round(hits / Math.max(1, QUERIES))}; ${empty} with no hits; ${corrected} with typo corrections`);
  const kinds = [...byKind].map(([kind, ms]) => {
    ms.sort((a, b) => a - b);
    return `${kind} ×${ms.length} p50 ${percentile(ms, 50).toFixed(2)} p95 ${percentile(ms, 95).toFixed(2)}`;
  });
  log(`by kind (ms): ${kinds.join('; ')}`);
  for (const s of slowest.slice(0, 5)) log(`  slowest: ${s.ms.toFixed(2)} ms ${JSON.stringify(s.query)}`);
  return {
    bench: 'search',
    documents: engine.size,
    queries: QUERIES,
    warmup_queries: WARMUP,
    index_build_s: round2(buildS),
    terms: engine.vocabularySize,
    ...figures,
    mean_hits: Math.round(hits / Math.max(1, QUERIES)),
    zero_hit_queries: empty,
    rss_mb: rssMb(),
    rss_after_build_mb: rssBuilt,
    heap_used_after_build_mb: heapMb,
    ...machineFigures(round2),
  };
}

// Run when executed; importable for a look at the generated catalogue and the query mix.
if (import.meta.main) process.stdout.write(`${JSON.stringify(main())}\n`);
