// The search UI: enhances every form marked data-sg-search with results from Pagefind.
//
// Without JavaScript the forms still submit to the search page, which then offers the
// A–Z index and the topics. With it, results appear as a list of links as the citizen
// types, and a polite live region (role="status") announces how many were found.
// Pagefind's script and index are fetched only when someone first types.

const DEBOUNCE_MS = 120;
// The live region speaks only once typing has settled, so typing 教师资格 letter by letter
// is announced once, not as 找到 8 → 7 → 7.
const ANNOUNCE_SETTLE_MS = 700;
const HEADER_RESULTS = 5;
const PAGE_SIZE = 10;
const RELAX_BELOW = 5;
// How many of a search's first guides are read to confirm that they answer it.
const CONFIRM_FIRST = 5;
const LEXICON_FILE = "sg-lexicon.pf_lexicon";
// Where the header form sends someone whose query found nothing, relative to search/.
const BROWSE = [
  ["../topics/", "按主题浏览"],
  ["../a-z/", "按名称拼音 A–Z 浏览"],
];
const FACETS = [
  { key: "department", legend: "办理部门" },
  { key: "audience", legend: "服务对象" },
  { key: "topic", legend: "主题" },
  { key: "channel", legend: "办理渠道" },
];

const TEXT = {
  searching: "正在搜索…",
  found: (n) => `找到 ${n} 条办事指南`,
  foundFiltered: (n) => `按所选条件找到 ${n} 条办事指南`,
  none: (q) => `没有找到与“${q}”有关的办事指南。可以换个说法，或按主题、A–Z 浏览。`,
  noneFiltered: "所选条件下没有办事指南。可以减少筛选条件。",
  cleared: "已清除搜索",
  unavailable: "搜索暂时不可用。可以按主题或 A–Z 浏览全部办事指南。",
  foundSome: (n) => `没有同时包含所有词语的办事指南，找到 ${n} 条包含其中部分词语的`,
  foundMore: (n, more) => `找到 ${n} 条办事指南，另有 ${more} 条包含其中部分词语`,
  seeAll: (n) => `查看全部 ${n} 条结果`,
  more: "显示更多结果",
  shown: (shown, total) => `已显示 ${shown} 条，共 ${total} 条`,
  title: (query, total) =>
    total ? `“${query}”：找到 ${total} 条办事指南` : `“${query}”：没有找到办事指南`,
};

let pagefindPromise = null;

// Whether an input event put a whole word into the field at once (an input method's
// pick, a paste, a dictation) rather than one keystroke: nothing more is being typed that
// the search should wait for, so it runs at once, without the debounce.
function committed(event) {
  if (event.inputType === "insertFromPaste" || event.inputType === "insertReplacementText") {
    return true;
  }
  return event.inputType === "insertText" && [...(event.data || "")].length > 1;
}

let wholeWordInstance = null;

// A second Pagefind instance that takes the query as typed, without cutting it into words.
// Pagefind cuts a Chinese query with the browser's dictionary (开店 -> 开 + 店), which does
// not always agree with the dictionary that cut the index at build time (开店); this
// instance matches the query against the index's own words instead. Pagefind picks its
// word cutting from <html lang> when an instance is created, so lang is switched for
// that one synchronous call and put back before anything can render or read it.
function wholeWordSearch(pagefind) {
  if (!wholeWordInstance) {
    const root = document.documentElement;
    const lang = root.getAttribute("lang");
    root.setAttribute("lang", "und");
    try {
      wholeWordInstance = pagefind.createInstance({ excerptLength: 24, noWorker: true });
    } finally {
      root.setAttribute("lang", lang);
    }
  }
  return wholeWordInstance;
}

// Load Pagefind once, from the URL the template wrote relative to the page; an <a>
// resolves it against the page so the site works under any base path.
function loadPagefind(scriptUrl) {
  if (!pagefindPromise) {
    const link = document.createElement("a");
    link.href = scriptUrl;
    pagefindPromise = import(link.href).then(async (pagefind) => {
      // No worker: one script fewer to fetch (about 40 KB) before the first results, and
      // searching a chunked index is quick enough for the page's own thread.
      await pagefind.options({ excerptLength: 24, noWorker: true });
      await pagefind.init();
      return pagefind;
    });
    pagefindPromise.catch(() => {
      pagefindPromise = null; // let a later keystroke try again
    });
  }
  return pagefindPromise;
}

let lexiconPromise = null;

// The lexicon that guides build beside the index (generator/search/lexicon.py): the usual
// pinyin of common characters, and OpenCC's traditional -> simplified characters for those
// the index holds. Gzipped JSON, unpacked here as Pagefind unpacks its own files. Search
// goes on without it (null) when it cannot be had.
function loadLexicon(scriptUrl) {
  if (!lexiconPromise) {
    const link = document.createElement("a");
    link.href = scriptUrl;
    const url = new URL(LEXICON_FILE, link.href);
    lexiconPromise = fetch(url)
      .then((response) => {
        if (!response.ok || !("DecompressionStream" in window)) return null;
        const stream = response.body.pipeThrough(new DecompressionStream("gzip"));
        return new Response(stream).json();
      })
      .then((data) => (data ? readLexicon(data) : null))
      .catch(() => null);
  }
  return lexiconPromise;
}

function readLexicon(data) {
  const pinyin = new Map();
  for (const [syllable, chars] of Object.entries(data.py || {})) {
    for (const char of chars) pinyin.set(char, syllable);
  }
  const simplified = new Map();
  const pairs = [...(data.t2s || "")];
  for (let i = 0; i + 1 < pairs.length; i += 2) simplified.set(pairs[i], pairs[i + 1]);
  siteNames = readNames(Array.isArray(data.names) ? data.names : []);
  return {
    pinyin,
    simplified,
    syllables: new Set(Object.keys(data.py || {})),
    guides: Number(data.guides) || 0,
    absent: Array.isArray(data.absent) ? data.absent : [],
  };
}

// The site's own words (the lexicon's `names`: each run of Chinese characters of the
// guides' titles, aliases, materials and other names), with every start of two or more
// characters of each (高新 of 高新认定), which a query that stops there means whole.
let siteNames = null;

function readNames(names) {
  const words = new Set();
  const starts = new Set();
  let longest = 0;
  for (const name of names) {
    const chars = [...name];
    words.add(name);
    longest = Math.max(longest, chars.length);
    for (let end = 2; end < chars.length; end += 1) starts.add(chars.slice(0, end).join(""));
  }
  return { words, starts, longest };
}

// Whether word is one of the site's own words, or the start of one (高新 of 高新认定).
function siteWord(word) {
  return Boolean(siteNames) && (siteNames.words.has(word) || siteNames.starts.has(word));
}

// A run of Chinese characters cut into the site's own words first, longest first from
// the left (社保卡丢了 -> 社保卡 + 丢了): [text, known] pairs, known when the piece is one
// of the site's words, or the start of one that ends the run (评高新 -> 评 + 高新). The
// pieces between are left for the browser's dictionary to cut.
function siteCut(run) {
  const chars = [...run];
  if (!siteNames || chars.length < 2) return [[run, false]];
  const pieces = [];
  let rest = "";
  let i = 0;
  while (i < chars.length) {
    let end = 0;
    for (let j = Math.min(chars.length, i + siteNames.longest); j >= i + 2 && !end; j -= 1) {
      const piece = chars.slice(i, j).join("");
      if (siteNames.words.has(piece) || (j === chars.length && siteNames.starts.has(piece))) {
        end = j;
      }
    }
    if (end) {
      if (rest) pieces.push([rest, false]);
      rest = "";
      pieces.push([chars.slice(i, end).join(""), true]);
      i = end;
    } else {
      rest += chars[i];
      i += 1;
    }
  }
  if (rest) pieces.push([rest, false]);
  return pieces;
}

// A text's words: the site's own words where siteCut finds them, the rest cut by the
// browser's dictionary, as {segment, isWordLike} like Intl.Segmenter's (and known: true
// for the site's words).
function segments(text) {
  const segmenter = "Segmenter" in Intl ? new Intl.Segmenter("zh", { granularity: "word" }) : null;
  const out = [];
  for (const piece of text.split(/(\p{Script=Han}+)/u)) {
    if (!piece) continue;
    const cut = HAN.test(piece) ? siteCut(piece) : [[piece, false]];
    for (const [part, known] of cut) {
      if (known) out.push({ segment: part, isWordLike: true, known: true });
      else if (segmenter) out.push(...segmenter.segment(part));
      else out.push({ segment: part, isWordLike: /[\p{L}\p{N}]/u.test(part) });
    }
  }
  return out;
}

const HAN = /\p{Script=Han}/u;

// The query as the index reads it: full-width forms made plain (？ -> ?, ｓｆｚ -> sfz),
// traditional characters made simplified, the "s" of English possessives and lone latin
// letters dropped (they match half the index), and words of punctuation alone dropped.
// An empty string means the query holds nothing to search for.
function normaliseQuery(query, lexicon) {
  let text = query.normalize("NFKC");
  if (lexicon) text = [...text].map((c) => lexicon.simplified.get(c) || c).join("");
  // Apart, as a word of its own (爷爷 高龄 了): what comes before it is who, not what kind.
  text = text.replace(OLD_AGE, (age) => (/^[六七]/u.test(age) ? " 老年人 " : " 高龄 "));
  text = text.replace(OLD_AGE_EN, (_, age, aged) =>
    Number(age || aged) >= 80 ? " old-age " : " older people ",
  );
  text = text.replace(BORN, " 生孩子 ");
  text = text.replace(ABROAD, " 出国 ");
  text = text.replace(COPY, " ");
  text = text.replace(/\p{Script=Han}{3,}/gu, withoutParticles);
  text = text.replace(/\p{Script=Han}+/gu, withoutSpoken);
  text = text.replace(SHOP, (whole, kind, shop) =>
    siteWord(whole) ? whole : ` ${kind}${shop} 开店 `,
  );
  text = text.replace(/(\p{L})['’]s\b/gu, "$1").replace(/['’]/g, " ");
  return text
    .split(/\s+/)
    .filter((word) => /[\p{L}\p{N}]/u.test(word) && !/^[a-z]$/i.test(word))
    .join(" ");
}

// An age of sixty or more said in words (八十五岁, 九十岁, 八十多了, 七十来岁): the
// question is about someone old, which the guides say in words, not with a number:
// 高龄 from eighty on (高龄津贴 is for those aged 80 and over), 老年人 (the life event's
// name for growing older) below. Digits are left as they are: 80岁 is what guides write
// (80岁补贴).
const AGE = "(?:[六七八九]十[一二三四五六七八九]?|一百)";
const OLD_AGE = new RegExp(
  [
    `${AGE}(?:多|来)?(?:周岁|岁)`,
    "(?:[六七八九]十)多(?=了|岁|的|,|，|\\s|$)",
    // Said without 岁: an age reached (满八十, 今年八十一) or come to (八十三了).
    `(?<=满|今年|已经|都)${AGE}(?:多|来)?`,
    `${AGE}(?:多|来)?(?=了)`,
    // A birthday of that age (九十大寿, 八十寿辰).
    `${AGE}(?=大寿|寿辰)`,
  ].join("|"),
  "gu",
);
// The same in English (my father is 85, aged 72, 90 years old): someone old, as the
// guides' English titles say it, "old-age" from eighty on, "older people" below. A bare
// "is 85" counts only after a person (what is 85 plus 3 is no one's age).
const PERSON_EN = "i|he|she|father|mother|dad|mum|mom|parents?|grandma|grandpa|grandmother|grandfather|granny|wife|husband";
const OLD_AGE_EN = new RegExp(
  `(?:(?<=\\b(?:${PERSON_EN})\\s+)(?:is|am|are|was|turned|turns|turning)|\\baged?)\\s+([6-9][0-9]|1[01][0-9])\\b` +
    "(?:\\s*(?:years?|yrs?)[\\s-]*old)?|\\b([6-9][0-9]|1[01][0-9])(?:\\s*|-)(?:years?|yrs?)[\\s-]*old\\b",
  "giu",
);

// A child born, said as people say it (生了个儿子, 生了个大胖小子, 生了个闺女, 生小孩,
// 生完二胎): read as 生孩子, the life event's name.
// A child added to the family is said so too (添了个闺女, 家里添了个儿子), also by the
// grandparents (添了个孙女, 生了个外孙).
const BORN =
  /(?:(?<!学)生|添)[了完]?个?(?:大胖)?(?:小子|儿子|闺女|女儿|男孩|女孩|千金|男娃|女娃|小孩|[二三]胎|老二|外?孙[子女]?)/gu;

// A trip to a country named (去日本, 到英国读书, 飞一趟美国, 申请到了澳洲的大学): read as 出国, the word the
// guides use for going abroad, since none lists the countries. Hong Kong, Macau and
// Taiwan are left out: going there takes another permit than a passport, which the
// sample site has no guide for.
const COUNTRIES =
  "日本 韩国 朝鲜 美国 英国 法国 德国 意大利 西班牙 葡萄牙 荷兰 瑞士 瑞典 挪威 丹麦 芬兰 奥地利 " +
  "比利时 希腊 俄罗斯 泰国 越南 老挝 柬埔寨 缅甸 新加坡 马来西亚 印尼 印度尼西亚 菲律宾 印度 " +
  "澳大利亚 澳洲 新西兰 加拿大 墨西哥 巴西 阿根廷 欧洲 美洲 非洲 迪拜 土耳其 埃及";
const ABROAD = new RegExp(`(?:去|到了?|飞)(?:一?趟)?(?:${COUNTRIES.split(" ").join("|")})`, "gu");

// Which copy of a document is meant (社保卡原件, 营业执照复印件): what is to be brought is
// the document, which the guides name without it; read apart from the document's name.
const COPY = /(?<=\p{Script=Han})(?:原件|复印件|影印件|扫描件)/gu;

// A shop of some kind to be opened (开理发店, 开一家便利店, 开了个水果店, 开个拉面馆): read
// as the kind of shop (or 馆) and 开店, the guides' word for opening one, since no guide can list every
// trade. Left as it is where it is one of the site's names whole (开饭店), and where 的
// says the shop is already open (新开的火锅店). Applied once the particles of a name are
// out (开个店 is already 开店).
const SHOP = /开了?(?:一?[家间个])?((?![一个家间])(?:(?!的)\p{Script=Han}){1,3}?)([店馆])/gu;

// What people put inside a name as they speak (领完证, 生了孩子, 开个店, 办过护照): a
// run of characters that is one of the site's names (领证, 生孩子, 开店, 办护照) once one of
// these is taken out of it.
const PARTICLES = new Set([..."了完过好个"]);

// A run of Chinese characters with the particles taken out of the site's names that hold
// them, longest name first from the left; the run as it was when there is none.
function withoutParticles(run) {
  const chars = [...run];
  if (!siteNames || !chars.some((c) => PARTICLES.has(c))) return run;
  let out = "";
  let i = 0;
  while (i < chars.length) {
    let end = 0;
    let name = "";
    for (let k = i + 1; k < chars.length - 1 && !end; k += 1) {
      if (!PARTICLES.has(chars[k])) continue;
      for (let j = Math.min(chars.length, i + siteNames.longest + 1); j > k + 1 && !end; j -= 1) {
        const without = chars.slice(i, k).join("") + chars.slice(k + 1, j).join("");
        if (siteNames.words.has(without) && !siteWord(chars.slice(i, j).join(""))) {
          end = j;
          name = without;
        }
      }
    }
    if (end) {
      out += name;
      i = end;
    } else {
      out += chars[i];
      i += 1;
    }
  }
  return out;
}

// What a spoken question carries around its subject, which no guide names: the fillers
// of speech and of dictation (我想问一下, 那个, 嗯, 啊), dialect and Cantonese ways of
// asking (俺, 啥, 咋, 点样, 几耐), and the part of a service someone asks about (多少钱,
// 要多久, 带什么东西), which every guide answers alike. Taken out of a query's Chinese,
// longest first, but never from inside one of the site's names (siteCut), so that a
// sentence typed or dictated whole is searched for what it is about.
const SPOKEN = (
  "我想问一下 想问一下 请问一下 问一下 请问 麻烦问下 我想问 我想 我要 那个 这个 就是 然后 " +
  "怎么弄 怎么搞 咋弄 咋搞 咋办 要怎么 怎么样 点样 点办 " +
  "要多久 多长时间 要几天 多久 多少钱 要几多钱 几多钱 要几耐 几耐 " +
  "要带什么东西 要带什么 带什么东西 带什么 带啥 什么东西 东西 " +
  "有啥 俺们 俺家 俺 咱们 咱 啥 咋 乜嘢 咩 嘅 喺边度 边度 嗯 呃 啊 呀 吧 嘛 哦 哈 一下"
)
  .split(" ")
  .sort((a, b) => b.length - a.length);
const SPOKEN_PATTERN = new RegExp(SPOKEN.join("|"), "gu");

// A run of Chinese characters without the SPOKEN phrases outside the site's names.
function withoutSpoken(run) {
  return siteCut(run)
    .map(([piece, known]) => (known ? piece : piece.replace(SPOKEN_PATTERN, " ")))
    .join("")
    .replace(/^ +| +$/g, "");
}

// Whether letters (spaces and apostrophes gone) read as a run of pinyin syllables.
function isPinyin(letters, syllables) {
  const can = [true];
  for (let end = 1; end <= letters.length; end += 1) {
    can[end] = false;
    for (let start = Math.max(0, end - 6); start < end && !can[end]; start += 1) {
      can[end] = can[start] && syllables.has(letters.slice(start, end));
    }
  }
  return can[letters.length];
}

// Typed latin letters as the index's pinyin keys write them: lower case, without tone
// marks, tone numbers, spaces, apostrophes and hyphens, ü as v (shēn fèn zhèng, shen1fen4,
// lǜ shī -> shenfenzheng, lvshi). ü is written u after j, q, x and y (ju), but typed v
// there too (jv), as input methods take it.
function typedLetters(text) {
  return text
    .toLowerCase()
    .normalize("NFD")
    .replace(/u\u0308/g, "v")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/([a-z])[1-5]/g, "$1")
    .replace(/[\s'’-]/g, "")
    .replace(/([jqxy])v/g, "$1u");
}

// The query as one pinyin word, as the index keys each title and alias (generator/search/
// lexicon.py): latin letters with spaces, tone marks and tone numbers taken out
// (shēn fèn zhèng, shen1fen4 -> shenfenzheng), or Chinese characters read by their usual
// pinyin (身分证 -> shenfenzheng), so a name is found by its sound. null when the query is
// neither, or has no more to offer than itself.
function pinyinKey(query, lexicon) {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  let key;
  if (words.every((w) => !HAN.test(w))) {
    key = typedLetters(words.join(""));
    if (!/^[a-z]{2,}$/.test(key)) return null;
  } else {
    const chars = [...words.join("")];
    if (!lexicon || chars.length < 2 || !chars.every((c) => lexicon.pinyin.has(c))) return null;
    key = chars.map((c) => lexicon.pinyin.get(c)).join("");
  }
  return key === words.join(" ") ? null : key;
}

// The pinyin of the words that say how someone asks (怎么, 办理, 在哪里, 需要): a typed
// pinyin question (zenme ban huzhao, ban li tui xiu) starts or ends with them.
const PINYIN_ASKING = [
  "woxiangwenyixia", "qingwen", "woxiang", "woyao", "zenmeban", "zenme", "ruhe", "banli",
  "shenqing", "ban", "qu", "zainali", "zainar", "nali", "xuyao", "yao", "shenme", "duoshaoqian",
  "duojiu", "ne", "ma", "a", "le",
];

// A typed pinyin key without the asking words at its start and end (zenmebanhuzhao ->
// huzhao), tried when the key as typed starts no name; null when nothing is taken out or
// too little is left.
function pinyinCore(key) {
  let core = key;
  let changed = true;
  while (changed) {
    changed = false;
    for (const word of PINYIN_ASKING) {
      if (core.length - word.length >= 4 && core.startsWith(word)) {
        core = core.slice(word.length);
        changed = true;
      } else if (core.length - word.length >= 4 && core.endsWith(word)) {
        core = core.slice(0, -word.length);
        changed = true;
      }
    }
  }
  return core === key ? null : core;
}

// Typed pinyin in words (jiazhao guoqi le, pao wangyueche yao shenme zheng) whose key
// whole, and without its asking words, starts no name: the words that may name something,
// each of two syllables or more and none an asking word, longest first, to be searched by
// sound one at a time until one finds a guide. A sentence names its subject in one word,
// and the words around it (guoqi, huaile) are in no name. Empty when there are fewer than
// two words: the word alone was searched already.
function pinyinWordsApart(query, syllables) {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length < 2) return [];
  const asking = new Set(PINYIN_ASKING);
  const kept = words
    .map((word) => typedLetters(word))
    .filter((word) => {
      const parts = syllablesOf(word, syllables);
      return parts && parts.length >= 2 && !asking.has(word);
    });
  return [...new Set(kept)].sort((a, b) => b.length - a.length);
}

// The initials of the words that say how someone asks (办理, 申请, 怎么办), which a citizen
// types after a name's initials (hzbl for 护照办理, dbsq for 低保申请).
const INITIALS_ASKING = ["zmbl", "rhbl", "zmsq", "zmb", "bl", "sq"];

// Typed initials without the initials of an asking word at their end (hzbl -> hz), tried
// when they start no name as typed; null when they are pinyin, end with none of those, or
// leave fewer than two letters.
function initialsCore(key, syllables) {
  if (!/^[a-z]+$/.test(key) || isPinyin(key, syllables)) return null;
  const end = INITIALS_ASKING.find((word) => key.endsWith(word) && key.length - word.length >= 2);
  return end ? key.slice(0, -end.length) : null;
}

// The sounds that an accent or a hurried thumb mixes up, as pinyin input methods allow
// (模糊音): z/zh, c/ch, s/sh and n/l at the start of a syllable, an/ang, en/eng and in/ing
// at its end. Many say 暂住证 (zanzhuzheng) as zhanzhuzheng.
const FUZZY_STARTS = [["zh", "z"], ["ch", "c"], ["sh", "s"], ["n", "l"]];
const FUZZY_ENDS = [["ang", "an"], ["eng", "en"], ["ing", "in"]];
// Typed pinyin of fewer syllables is not tried so: a short key changed by a sound starts
// too many names (the lone pinyin that names no guide must still find nothing).
const FUZZY_MIN_SYLLABLES = 3;
const FUZZY_MAX_KEYS = 8;

// Letters read as pinyin syllables, the longest syllable first from the left wherever the
// rest still reads (xian -> xian, not xi + an); null when they do not read as pinyin.
function syllablesOf(letters, syllables) {
  const can = Array(letters.length + 1).fill(false);
  can[letters.length] = true;
  for (let start = letters.length - 1; start >= 0; start -= 1) {
    for (let end = Math.min(letters.length, start + 6); end > start && !can[start]; end -= 1) {
      can[start] = can[end] && syllables.has(letters.slice(start, end));
    }
  }
  if (!can[0]) return null;
  const out = [];
  let start = 0;
  while (start < letters.length) {
    let end = Math.min(letters.length, start + 6);
    while (!(can[end] && syllables.has(letters.slice(start, end)))) end -= 1;
    out.push(letters.slice(start, end));
    start = end;
  }
  return out;
}

// A syllable's other forms by the sounds mixed up (zhan -> zan, zhang).
function fuzzySyllables(syllable) {
  const out = [];
  for (const [long, short] of FUZZY_STARTS) {
    if (syllable.startsWith(long)) out.push(short + syllable.slice(long.length));
    else if (syllable.startsWith(short) && !FUZZY_STARTS.some(([l]) => syllable.startsWith(l)))
      out.push(long + syllable.slice(short.length));
  }
  for (const [long, short] of FUZZY_ENDS) {
    if (syllable.endsWith(long)) out.push(syllable.slice(0, -long.length) + short);
    else if (syllable.endsWith(short)) out.push(syllable.slice(0, -short.length) + long);
  }
  return out;
}

// Typed pinyin keys that differ from key in one syllable by a sound mixed up
// (zhanzhuzheng -> zanzhuzheng, the 暂住证 of the residence permit), for typed pinyin of
// three syllables or more that starts no name as typed. At most FUZZY_MAX_KEYS.
function fuzzyKeys(key, syllables) {
  const parts = syllablesOf(key, syllables);
  if (!parts || parts.length < FUZZY_MIN_SYLLABLES) return [];
  const out = new Set();
  parts.forEach((part, i) => {
    for (const other of fuzzySyllables(part)) {
      if (!syllables.has(other)) continue;
      out.add([...parts.slice(0, i), other, ...parts.slice(i + 1)].join(""));
    }
  });
  return [...out].slice(0, FUZZY_MAX_KEYS);
}

// A Chinese query's words each read by sound, for when the query read as one word starts
// no name: 补领身分证 -> "buling shenfenzheng", finding 身份证补领, whose words the citizen
// put in another order, and 刚领证 -> "lingzheng". Single characters side by side make one
// word (补 + 领), a single character after a word goes with it (身分 + 证), one before the
// first word is left out (刚), and so are the words that only say how someone asks (了).
// null when that leaves nothing, or the query as one word.
function soundWords(query, lexicon) {
  if (!lexicon || !HAN.test(query)) return null;
  const pieces = [];
  let known = false; // whether the last piece is one of the site's names as typed
  for (const { segment, isWordLike, known: name } of segments(query)) {
    if (!isWordLike || FILLER.has(segment.toLowerCase())) continue;
    const chars = [...segment];
    if (!chars.every((c) => lexicon.pinyin.has(c))) return null;
    const sound = chars.map((c) => lexicon.pinyin.get(c)).join("");
    if (chars.length === 1 && pieces.length) {
      pieces[pieces.length - 1] += sound;
      known = false;
    } else {
      pieces.push(sound);
      known = Boolean(name);
    }
  }
  // A first piece of one character (刚 of 刚领证) says too little to be searched.
  if (pieces.length > 1 && lexicon.syllables.has(pieces[0])) pieces.shift();
  // One word alone only when it is one of the site's names as typed (领证): by sound alone
  // another word (签证 of 办签证) would find the name that sounds like it (准迁证).
  if (pieces.length === 0 || (pieces.length === 1 && !known)) return null;
  if (pieces.length === 1 && pieces[0] === pinyinKey(query, lexicon)) return null;
  return pieces.join(" ");
}

// English words cut to their stem (replacement -> replac, renewal -> renew, enrollment ->
// enrol, marry -> marr), which Pagefind matches against the start of the index's words: the index is read
// as Chinese, so not stemmed, and a newcomer's word is often another form of the guide's
// (replacement for replacing). null when no word changes.
const SUFFIXES = ["ements", "ement", "ments", "ment", "ations", "ation", "ings", "ing"].concat(
  ["als", "al", "ers", "er", "ied", "ies", "ed", "es", "s", "y"],
);

function stems(query) {
  let changed = false;
  const words = query.split(/\s+/).map((word) => {
    const lower = word.toLowerCase();
    if (!/^[a-z]{5,}$/.test(lower)) return word;
    // A y that other forms write i (marry, married, marriage): words of five letters too.
    const suffix = SUFFIXES.find(
      (end) =>
        lower.endsWith(end) && lower.length - end.length >= 4 && (lower.length >= 6 || end === "y"),
    );
    if (!suffix) return word;
    changed = true;
    // A doubled last letter is often single in the other spelling (enroll, enrol).
    return lower.slice(0, -suffix.length).replace(/([b-df-hj-np-tv-z])\1$/, "$1");
  });
  return changed ? words.join(" ") : null;
}

// Whether a query is latin letters that read as pinyin (gongshangle, shen fen zheng).
function isTypedPinyin(query, lexicon) {
  if (!lexicon || HAN.test(query)) return false;
  const letters = typedLetters(query);
  return /^[a-z]{2,}$/.test(letters) && isPinyin(letters, lexicon.syllables);
}

// How a query is searched by sound: its pinyin key (pinyinKey), and whether the guides
// found so come first, as they do for Chinese or for latin letters that read as pinyin
// (not for English words).
function soundOf(query, lexicon) {
  const key = query ? pinyinKey(query, lexicon) : null;
  const first = Boolean(key) && (HAN.test(query) || !lexicon || isPinyin(key, lexicon.syllables));
  return { key, first };
}

function highlightPattern(query) {
  const words = [query.trim(), ...queryWords(query)];
  // A query that is one of the site's names whole (身份证丢了, an alias) also finds guides
  // by the names inside it (身份证 in their materials): mark those too, in their summaries.
  for (const word of [...words]) words.push(...innerNames(word));
  return patternOf(words);
}

// The site's names inside a word of the query, shorter than it (身份证 in 身份证丢了).
function innerNames(word) {
  const chars = [...word];
  if (!siteNames || chars.length < 3 || !HAN.test(word)) return [];
  const inner = [];
  for (let start = 0; start < chars.length; start += 1) {
    for (let end = start + 2; end <= chars.length; end += 1) {
      const piece = chars.slice(start, end).join("");
      if (piece !== word && siteNames.words.has(piece)) inner.push(piece);
    }
  }
  return inner;
}

// A latin word is marked whole, with the endings English adds (card, cards; not the id
// of paid or residence); a Chinese word wherever it stands, as Chinese has no spaces.
const LATIN_EDGE = /[a-z0-9]/i;

function patternOf(list) {
  const words = [...new Set(list)]
    .filter((w) => w.length > 0)
    .sort((a, b) => b.length - a.length)
    .map((w) => {
      const body = w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
      const before = LATIN_EDGE.test(w[0]) ? "(?<![a-z0-9])" : "";
      const after = LATIN_EDGE.test(w[w.length - 1]) ? "(?:s|es|ed|ing)?(?![a-z0-9])" : "";
      return before + body + after;
    });
  return words.length ? new RegExp(`(${words.join("|")})`, "giu") : null;
}

// Mark the query's words where they occur in `text` (Pagefind marks only its excerpts).
function appendHighlighted(target, text, pattern) {
  if (!pattern) {
    target.append(text);
    return;
  }
  text.split(pattern).forEach((part, i) => {
    if (i % 2 === 1) {
      const mark = document.createElement("mark");
      mark.textContent = part;
      target.append(mark);
    } else if (part) {
      target.append(part);
    }
  });
}

function renderResult(data, pattern, headingTag, english) {
  const item = document.createElement("li");
  item.className = "sg-search__result";
  const heading = document.createElement(headingTag);
  heading.className = "sg-search__result-title";
  const link = document.createElement("a");
  link.href = data.url;
  link.className = "sg-search__result-link";
  // One span around the title's words: in elder mode a link alone in its heading is a
  // flex box (a 44 px target), whose items would be the text and each mark apart, with
  // a gap between them (居民 身份证 补领).
  const words = document.createElement("span");
  const title = data.meta.title || data.url;
  // An English query is answered with the English title, where the guide has one, and
  // the Chinese title after it: the name said at the counter and written on the page.
  const titleEn = english ? data.meta.title_en || "" : "";
  if (titleEn) {
    const en = document.createElement("span");
    en.lang = "en";
    appendHighlighted(en, titleEn, pattern);
    words.append(en, ` ${title}`);
  } else {
    appendHighlighted(words, title, pattern);
  }
  link.append(words);
  heading.append(link);
  item.append(heading);
  // The plain-language summary says best what a guide is for, whatever found it: its
  // record holds nothing else worth reading (names, materials, the pinyin keys of its
  // title), so Pagefind's excerpt of it would be a list of names or latin keys
  // (sfz -> "msfzbl shenfenzhengbuling sfzbl ..."). An English query is answered with the
  // English summary, where the guide has one, marked as English for screen readers.
  const summaryEn = english ? data.meta.summary_en || "" : "";
  const description = document.createElement("p");
  description.className = "sg-search__excerpt";
  if (summaryEn) description.lang = "en";
  appendHighlighted(description, summaryEn || data.meta.summary || "", pattern);
  if (description.textContent.trim()) item.append(description);
  const facts = [data.meta.department, data.meta.badges].filter((t) => t && t.trim());
  if (facts.length) {
    const meta = document.createElement("p");
    meta.className = "sg-search__result-meta";
    facts.forEach((fact, i) => {
      if (i > 0) meta.append(" · ");
      const span = document.createElement("span");
      span.textContent = fact.trim().replace(/\s+/g, " ");
      meta.append(span);
    });
    item.append(meta);
  }
  return item;
}

// Words that say how someone asks, not what they ask about; dropped when a whole
// question (失业了怎么办) finds nothing as it stands.
const FILLER = new Set(
  "怎么办 怎么 如何 怎样 哪里 在哪 在哪里 什么 需要 要 想 我 我的 你 了 的 吗 呢 啊 办 办理 申请 去 能 可以 有 是 和 与 及 the a an to of for how do i my in is it at on by with from and or be are over need".split(
    " ",
  ),
);

// Split a query into words as Pagefind's Chinese index does, dropping filler words;
// English words also try their singular (permits -> permit), as the index is not stemmed.
function queryWords(query) {
  const words = [];
  for (const chunk of query.split(/\s+/).filter(Boolean)) {
    let parts = segments(chunk)
      .filter((s) => s.isWordLike)
      .map((s) => s.segment);
    // A chunk the segmenter only cuts into single characters (低保 -> 低 + 保) is a word the
    // citizen typed on its own, between spaces: keep it whole.
    if (parts.length > 1 && parts.every((p) => [...p].length === 1 && HAN.test(p))) {
      parts = [chunk];
    }
    for (const part of parts) {
      const word = part.toLowerCase();
      if (FILLER.has(word)) continue;
      words.push(word);
      if (/^[a-z]{4,}s$/.test(word)) words.push(word.slice(0, -1));
    }
  }
  // A single character (证, 开) alone matches nearly every guide: keep it only when
  // there is nothing longer to go on.
  const longer = words.filter((w) => w.length > 1);
  return [...new Set(longer.length ? longer : words)];
}

// The query's words with short runs of single characters joined again (开 + 店 -> 开店):
// the browser's dictionary often cuts a word that the index keeps whole. Returns null
// when nothing was joined, so there is nothing new to try.
function joinedWords(query) {
  if (!("Segmenter" in Intl)) return null;
  const words = [];
  let run = "";
  let joined = false;
  // Two or three characters make a word; a longer run is more likely several words.
  const flush = () => {
    if (run.length >= 2 && run.length <= 3) {
      words.push(run);
      joined = true;
    } else {
      words.push(...run);
    }
    run = "";
  };
  for (const chunk of query.split(/\s+/).filter(Boolean)) {
    for (const { segment, isWordLike, known } of segments(chunk)) {
      const word = segment.toLowerCase();
      if (isWordLike && word.length === 1 && /\p{Script=Han}/u.test(word) && !FILLER.has(word)) {
        run += word;
      } else {
        flush();
        if (isWordLike && !FILLER.has(word)) words.push(word);
        // One of the site's own words, which the browser may have cut (社保卡).
        if (known) joined = true;
      }
    }
    flush();
  }
  return joined ? words.join(" ") : null;
}

// A short query of Chinese alone is most likely one word (小生意, 高新): the query whole
// when the browser cut it, since the index may hold it whole (做 + 小生意); else null.
function wholeWord(query) {
  const short = query.trim();
  if (!("Segmenter" in Intl) || !/^\p{Script=Han}{2,4}$/u.test(short)) return null;
  const segmenter = new Intl.Segmenter("zh", { granularity: "word" });
  const parts = [...segmenter.segment(short)].filter((s) => s.isWordLike);
  return parts.length > 1 ? short : null;
}

// The query without the words that only say how someone asks (怎么办营业执照 -> 营业 执照),
// the query itself when it has none, or nothing when it has nothing else.
function meaningfulQuery(query) {
  if (!("Segmenter" in Intl)) return query;
  const kept = [];
  let dropped = false;
  for (const chunk of query.split(/\s+/).filter(Boolean)) {
    const parts = [];
    for (const { segment, isWordLike } of segments(chunk)) {
      if (isWordLike && FILLER.has(segment.toLowerCase())) {
        dropped = true;
        if (parts.length) kept.push(parts.splice(0).join(""));
      } else {
        parts.push(segment);
      }
    }
    if (parts.length) kept.push(parts.join(""));
  }
  // Nothing but such words (的, 了吗, how): nothing to search for.
  return dropped ? kept.join(" ") : query;
}

// Whether a searched text says too little to stand alone: one Chinese character (人, 证,
// 好) is in nearly every guide's text, and a guide holding it answers nothing. The site's
// names are two characters or more, so none is lost.
function weakAlone(text) {
  return /^\p{Script=Han}$/u.test(text.trim());
}

// The numbers of a searched text that has nothing but numbers (100, 0, 13800138000),
// or null. A number alone is a guide's only when the guide is named by it (an app's or a
// hotline's number in its title or an alias), not when its summary holds it (100% of a
// deduction, 5000 元): see namedByNumbers.
function numbersOnly(text) {
  const parts = text.split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  return parts.length && parts.every((p) => /^[0-9]+$/.test(p)) ? parts : null;
}

// Whether a guide's title or names (not its summary) hold each number as a whole word.
function namedByNumbers(data, numbers) {
  const meta = data.meta || {};
  const words = new Set(`${meta.title || ""}\n${meta.names || ""}`.split(/[^0-9]+/));
  return numbers.every((n) => words.has(n));
}

// Characters that only tie a sentence together (被, 把, 给, 在, 从): not part of a word
// the browser left in single characters (singleRuns).
const FUNCTION_CHARS = new Set([..."被把给让将在从到跟对向也都就还又很太才再已先"]);

// The query's words that another word of it, one that no guide holds, comes right before
// at the end of a run of characters (燃气 + 开户, 施工 + 许可(证), 离婚 + 登记): Chinese
// puts what kind of thing it is before the thing, so the query asks for another kind of
// 开户 or 许可证 than the guides name, and a guide that only holds that word inside its
// text does not answer it (one named by it whole still does: 下个月 + 办婚礼). A word
// marked as a verb by 了, 着 or 过 (得了 + 重病) says what happened, not what kind.
function qualified(query, words, unheld) {
  const runs = query.toLowerCase().match(/\p{Script=Han}+/gu) || [];
  const kinds = unheld.filter((u) => !/[了着过]/u.test(u));
  return new Set(words.filter((w) => kinds.some((u) => runs.some((r) => endsSubject(r, u + w)))));
}

// Whether phrase ends a run's subject: the run ends with it, or after it come only words
// of a kind of procedure (燃气开户 + 手续, 房屋租赁 + 备案: GENERIC), then one character or
// the words of asking (在哪, 怎么考, 是多少, 找谁): 宠物 + 医院 + 在哪 asks for another 医院 too.
function endsSubject(run, phrase) {
  const at = run.lastIndexOf(phrase);
  if (at < 0) return false;
  let rest = run.slice(at + phrase.length);
  for (let kind = genericStart(rest); kind; kind = genericStart(rest)) {
    rest = rest.slice(kind.length);
  }
  return rest.length <= 1 || ASKING_TAIL.test(rest);
}

// What ends a question after its subject (在哪里, 怎么考, 是多少, 找谁, 要多久): see endsSubject.
const ASKING_TAIL =
  /^(?:在哪里?|去哪里?|哪里|怎么\p{Script=Han}?|如何\p{Script=Han}?|是多少|多少钱?|找谁|要多久|多久|吗|呢|啊|吧|呀)+$/u;

// Words that say what kind of procedure or payment a service is, not what it is about
// (登记, 证明, 补贴, 许可证): most titles end with one. When guides are offered through
// some of a query's words (searchAnyWord), a guide sharing only such a word with it is an
// answer only when it names another word of the query, or is itself of that kind (its
// title or names hold the word) and the query does not say the word is another thing's
// (kindOfAnother): 养狗登记 and 生育津贴 find nothing, as the citizen is better served by
// 没有找到 and the browse links than by every 登记 or 津贴 of the site. A query whose words
// are all held still finds every guide holding them (结婚登记, 补贴).
const GENERIC = new Set(
  (
    "办理 申请 申领 申报 手续 登记 注册 备案 认定 认证 审批 审核 核发 签发 许可 许可证 " +
    "证明 证书 证件 补贴 津贴 补助 资助 报名 服务 材料 政策 业务 办证"
  ).split(" "),
);

// Procedures done to a thing (closing, yearly inspection, claiming back, transfer): when no
// guide holds one, a query ending with it asks for what the site lacks (searchAnyWord). A
// word some guide holds (挂失 of the ID card) is never lacking, whatever this list says.
const PROCEDURES = new Set(
  "注销 销户 年审 年检 报销 过户 续签 上牌 挂牌 提取 转移 退保 解押".split(" "),
);

// The longest word of a kind of procedure (GENERIC) that text starts with, or "".
function genericStart(text) {
  let longest = "";
  for (const word of GENERIC) {
    if (word.length > longest.length && text.startsWith(word)) longest = word;
  }
  return longest;
}

// Whether a word of a kind of procedure (GENERIC) is said of something no guide holds:
// that thing comes before it, alone or with other words of what it is (养狗 + 登记, 残疾 +
// 人 + 补贴, 房屋 + 租赁 + 备案), or right after it at the end of the query's subject (注册
// + 商标). A word of asking between them (员工 + 要 + 登记) leaves the sentence's parts
// apart, and a word marked as a verb by 了, 着 or 过 (新招了) says what happened, not what
// kind (see qualified).
function kindOfAnother(query, word, unheld) {
  const runs = query.toLowerCase().match(/\p{Script=Han}+/gu) || [];
  const things = unheld.filter((u) => !new RegExp(`${u}[了着过]`, "u").test(query));
  const describes = (between) =>
    [...between].length <= 3 &&
    ![...between].some((c) => FUNCTION_CHARS.has(c)) &&
    !segments(between).some((s) => s.isWordLike && FILLER.has(s.segment));
  return runs.some((run) =>
    things.some((u) => {
      if (endsSubject(run, word + u)) return true;
      const at = run.indexOf(u);
      const to = run.indexOf(word, at + u.length);
      return at >= 0 && to >= 0 && describes(run.slice(at + u.length, to));
    }),
  );
}

// Whether a guide found through words of a kind of procedure alone (GENERIC) names
// another word of the query (two characters or more) in its title, summary or names.
function namesOtherWord(data, query) {
  const meta = data.meta || {};
  const names = [meta.title, meta.summary, meta.names].join("\n");
  return hanWords(query).some((w) => [...w].length > 1 && !GENERIC.has(w) && names.includes(w));
}

// Whether a guide is named by one of the words whole: its title, or one of its names
// (an alias, an everyday name, a life event, a material) exactly, not a part of one.
function namedWhole(data, words) {
  const meta = data.meta || {};
  const names = new Set(
    `${meta.title || ""}、${meta.names || ""}`.split(/[、\n]/).map((n) => n.trim()),
  );
  return [...words].some((word) => names.has(word));
}

// Whether a query is long enough to be a question rather than a name: then guides that
// contain only some of its words are worth offering after those that contain all.
function looksLikeQuestion(query) {
  return /\s/.test(query) || query.length >= 5;
}

// The Chinese words of a searched text that a guide must hold: each word of two or more
// characters the browser cuts it into, leaving out the words that only say how someone
// asks, and each run of single characters put back together (准 + 生 + 证 -> 准生证,
// 丧 + 葬 -> 丧葬). A single character alone says too little to check.
function hanWords(text) {
  const words = [];
  const runs = [];
  for (const chunk of text.split(/\s+/).filter(Boolean)) {
    const parts = segments(chunk)
      .filter((s) => s.isWordLike)
      .map((s) => s.segment);
    let run = "";
    for (const part of [...parts, ""]) {
      if (HAN.test(part) && !FILLER.has(part) && [...part].length === 1) {
        run += part;
        continue;
      }
      if ([...run].length > 1) runs.push(run);
      run = "";
      if (HAN.test(part) && !FILLER.has(part)) words.push(part);
    }
  }
  return [...words, ...runs];
}

// Whether the guide's text holds each Chinese word, or, for a word of the browser's
// dictionary of three or more characters, all but its last character (大学生 -> 上大学), as
// Pagefind matches a word it does not know by its longest known start. A run of single
// characters put back together (准生证) must be there whole.
function allHeld(words, content) {
  return words.every((word) => {
    const chars = [...word];
    if (content.includes(word)) return true;
    return chars.length >= 3 && wordLike(word) && content.includes(chars.slice(0, -1).join(""));
  });
}

// Whether the browser's dictionary reads text as one word.
function wordLike(text) {
  if (!("Segmenter" in Intl)) return false;
  const segmenter = new Intl.Segmenter("zh", { granularity: "word" });
  return [...segmenter.segment(text)].filter((s) => s.isWordLike).length === 1;
}

// Pagefind answers a latin word that no indexed word starts with by the indexed words
// that start the query instead (dianyingpiao -> the "d" of R&D, asdfgh -> "as"). That
// keeps "permits" finding "permit" and "license" finding "licence", but turns nonsense
// into confident noise. So the first result of a search is read (and, when it does not
// answer, the next four), and the search is kept only when, for every latin word
// searched, such a guide holds a word that the searched word starts (a prefix match) or
// that shares all but its last two letters and at least four with it. Those fragments
// are fetched anyway to show them.
//
// Pagefind also drops a Chinese word that no guide holds (离婚 of 离婚登记) and answers
// with the guides holding the rest, or finds a query only in a guide's steps or questions
// (签证 in a FAQ of the passport guide). So a search is kept only when that guide
// holds each Chinese word searched (hanWords), and names at least one of them in its
// title, summary, aliases, everyday names, life events, topics, result or materials (the
// record's `names` meta): a query about a service the site lacks then says so instead of
// listing guides that share a word with it.
//
// The whole-word instance also asks each Chinese word searched to be in the guide's text
// as it stands (买房落户 -> 买房).
//
// A search by sound (`sounds`) is kept only when each of its pinyin words starts one of
// the guide's pinyin keys: the keys start at every character of every name, so a name
// typed or read by sound always starts one, and "all but the last two letters" would
// take 工伤了 (gongshangle) for the 工商 (gongshang) of another name.
async function confirmed(search, text, whole = false, sounds = false) {
  const results = search ? search.results : [];
  const parts = (text || "").toLowerCase().split(/[^\p{L}\p{N}]+/u);
  const terms = parts.filter((t) => /^[a-z0-9]{2,}$/.test(t));
  const han = whole ? parts.filter((t) => HAN.test(t)) : [];
  const named = hanWords(text || "");
  if (results.length === 0 || terms.length + han.length + named.length === 0) return results;
  // When the first guide does not answer, the next few are read (their fragments are
  // fetched to be shown anyway), and the first that answer are moved up: Pagefind cuts
  // 上户口 into 上 + 户口, so the guide called so may come behind one that only holds both
  // characters somewhere. When none of them answers, the search found nothing.
  const answers = async (result) =>
    answersSearch(await guideData(result), terms, han, named, sounds);
  fetchFragments(results, CONFIRM_FIRST);
  if (await answers(results[0])) return results;
  const next = results.slice(1, CONFIRM_FIRST);
  const found = await Promise.all(next.map(answers));
  const kept = next.filter((_, i) => found[i]);
  if (kept.length === 0) return [];
  return kept.concat(results.filter((result) => !kept.includes(result)));
}

// A search's first results (CONFIRM_FIRST, whose fragments confirmed() fetched), those
// whose title or aliases name more of the query's words first, in Pagefind's order
// otherwise. Every guide found holds the words, but Pagefind scores a word by how often
// and how heavily a guide's record holds it, its summary and names together: 失业保险金
// and `unemployment money` find the guide whose title says unemployment before one whose
// summary says it twice. Words of a kind of procedure or payment (登记, permit, benefit),
// of grammar, and single characters are not counted: a title holding them says what
// kind, not what about.
async function namedFirst(results, query) {
  const words = queryWords(query).filter(
    (w) => !kindWord(w) && !ENGLISH_GRAMMAR.has(w) && !(HAN.test(w) && [...w].length === 1),
  );
  if (words.length === 0 || results.length < 2) return results;
  const head = results.slice(0, CONFIRM_FIRST);
  const datas = await Promise.all(head.map(guideData));
  const order = head.map((result, i) => ({
    result,
    i,
    named: words.filter((w) => namesStrongly(datas[i], w)).length,
  }));
  order.sort((a, b) => b.named - a.named || a.i - b.i);
  return order.map(({ result }) => result).concat(results.slice(head.length));
}

// Start fetching the fragments of a search's first `count` results, all at once: they are
// read to confirm the search and then shown, and one request after another would cost a
// round trip each time (the first, then the next four). Pagefind keeps each fragment once
// asked for, so a later result.data() waits for the same request instead of making another;
// a failed fragment fails where it is awaited.
function fetchFragments(results, count) {
  for (const result of results.slice(0, count)) result.data().catch(() => {});
}

// The guides read so far on this page, by id: the whole-word instance reads the same
// fragment files as the other, and whether a guide answers a search depends on its text
// and names only, so a guide read by one is not waited for again through the other (the
// other still fetches its own copy, which has its excerpt, to show it).
const guidesRead = new Map();

function guideData(result) {
  let data = guidesRead.get(result.id);
  if (!data) {
    data = result.data();
    guidesRead.set(result.id, data);
    data.catch(() => guidesRead.delete(result.id)); // a failed fragment is tried again
  }
  return data;
}

// Whether one guide (its fragment's data) answers a search: see confirmed.
function answersSearch(data, terms, han, named, sounds = false) {
  const content = (data.content || "").replace(/\u200b/g, "");
  if (!han.every((t) => content.includes(t))) return false;
  if (!allHeld(named, content)) return false;
  const meta = data.meta || {};
  const names = [meta.title, meta.summary, meta.names].join("\n");
  if (named.length && !named.some((t) => names.includes(t))) return false;
  const words = new Set(content.toLowerCase().split(/[^a-z0-9]+/));
  // A number, or one or two letters, means something only as a whole word (12123, the
  // app's number; ID): as the start of a word it matches half the index (12 of 120 元,
  // ab of about). A number must also be where the guide names itself, not in its steps.
  const namedWords = new Set(names.toLowerCase().split(/[^a-z0-9]+/));
  const near = (term) => {
    if (/^[0-9]+$/.test(term)) return namedWords.has(term);
    if (term.length <= 2) return words.has(term);
    for (const word of words) {
      let same = 0;
      while (same < term.length && same < word.length && term[same] === word[same]) same += 1;
      if (same === term.length || (!sounds && same >= 4 && same >= term.length - 2)) return true;
    }
    return false;
  };
  return terms.every(near);
}

// When no guide contains every word, rank guides by how many of the words they contain
// (then by Pagefind's score), so a natural question still finds something useful. But
// such a guide must answer the query, not share a word with it: a single Chinese
// character says too little to stand for the query, and so does a word held by more than
// two fifths of the guides (申请, 身份 of 居民身份证 in most guides' materials), except in
// the titles of the guides it leads with (身份证过期 -> 居民身份证补领).
async function searchAnyWord(pagefind, query, options, guides) {
  const words = queryWords(query).filter((w) => !(HAN.test(w) && [...w].length === 1));
  const pairs = singlePairs(query).filter((w) => !words.includes(w));
  if (words.length + pairs.length === 0) return [];
  if (pairs.length === 0 && words.length === 1 && words[0] === query.toLowerCase()) return [];
  const common = Math.max(3, (guides * 2) / 5);
  const stemmed = new Map(); // an English word found by its stem, and the stem
  const searches = await Promise.all(
    words.map(async (w) => {
      // One of the site's own words is also looked up among the index's words as they
      // stand (高新, which Pagefind would cut into 高 + 新 and find in every 新 guide).
      const whole = siteWord(w)
        ? await confirmed(await wholeWordSearch(pagefind).search(w, options), w, true)
        : [];
      let search = await pagefind.search(w, options);
      let held = search ? (search.unfilteredResultCount ?? search.results.length) : 0;
      let results = whole.length ? whole : await confirmed(search, w);
      // An English word no guide holds in this form, by its stem (retiring -> retir, of
      // retirement), as the whole query is retried (stems).
      const stem = results.length === 0 && !HAN.test(w) ? stems(w) : null;
      if (stem) {
        search = await pagefind.search(stem, options);
        held = search ? (search.unfilteredResultCount ?? search.results.length) : 0;
        results = await confirmed(search, stem);
        if (results.length) stemmed.set(w, stem);
      }
      return {
        held,
        answered: results.length > 0,
        results: guides && held > common ? await titled(results, w) : results,
      };
    }),
  );
  // A pair of characters the browser left single (外卖 of 送 + 外 + 卖) is looked up among
  // the index's words too, unless a word of the query is in no guide at all (提取 of
  // 提取公积金): the question is then about something else.
  const unheld = searches.some((search, i) => HAN.test(words[i]) && search.held === 0);
  for (const w of unheld ? [] : pairs) {
    const found = await confirmed(await wholeWordSearch(pagefind).search(w, options), w, true);
    searches.push({
      held: found.length,
      answered: found.length > 0,
      results: await titledWhenCommon(found, w, guides, common),
    });
  }
  // An English word and its singular (permits, permit) count as one.
  const root = (w) => (words.includes(`${w}s`) ? `${w}s` : w);
  // The word or character pair the i-th search looked up, as the ranking counts it.
  const lookedUp = (i) => (i < words.length ? root(words[i]) : pairs[i - words.length]);
  const merged = new Map();
  searches.forEach(({ results, held }, i) => {
    const word = lookedUp(i);
    const weight = wordWeight(word, held, guides);
    for (const result of results) {
      const entry = merged.get(result.id) || {
        result,
        hits: 0,
        score: 0,
        said: new Map(),
        latin: new Set(),
        han: new Set(),
        pairs: new Set(),
      };
      entry.hits += 1;
      entry.score += result.score;
      entry.said.set(word, weight);
      if (i < words.length && !HAN.test(words[i])) entry.latin.add(root(words[i]));
      if (i < words.length && HAN.test(words[i])) entry.han.add(words[i]);
      if (i >= words.length) entry.pairs.add(pairs[i - words.length]);
      merged.set(result.id, entry);
    }
  });
  // As many words held, the guide holding the longer Chinese words comes first: a longer
  // word says more (孩子上学 of 孩子上学家里交不起伙食费) than a short one many guides'
  // text holds (家里), whatever Pagefind's score. Not in a query with latin letters
  // (sbk丢了), whose initials or English words cannot be weighed against characters.
  const latinQuery = /[a-z]/i.test(query);
  const said = (entry) =>
    latinQuery ? 0 : [...entry.han, ...entry.pairs].reduce((n, w) => n + [...w].length, 0);
  // What a guide holds of the query weighs more the fewer guides hold each word (Linjiang,
  // in most English summaries, says little; restaurant, in one, says much) and less for a
  // word of a kind of paper or payment (permit, benefit, 补贴: wordWeight); the first ten
  // so ranked weigh each word three times where their title or aliases name it (开公司 of
  // the company guide's aliases, not of a life event's; 公司 of 公司想改个名字 above the
  // 名字 of a baby's in a summary), as Pagefind weighs a title above a summary, but not a
  // word of a kind (the permit of the residence permit's title says what kind of paper
  // `restaurant permit` is, not what for): a citizen reads the first result.
  // Weights are compared in halves: two words held by about as many guides (养老 of five,
  // 来临 of six) weigh the same, and Pagefind's score decides between them as before.
  const weighed = (entry) => [...entry.said.values()].reduce((n, w) => n + w, 0);
  const halves = (value) => Math.round(value * 2) / 2;
  const byWeight = [...merged.values()].sort(
    (a, b) => halves(weighed(b)) - halves(weighed(a)) || said(b) - said(a) || b.score - a.score,
  );
  const head = byWeight.slice(0, RELAX_BELOW * 2);
  // The words some guide answers: a guide naming one word of a long sentence in its title
  // is not thereby about the sentence (孩子 of 生孩子 for 外地来临江打工还带着孩子), so only
  // guides holding at least half of them are weighed so.
  const answeredWords = new Set(
    searches.flatMap(({ results }, i) =>
      results.length ? [lookedUp(i)] : [],
    ),
  );
  const strong = await Promise.all(
    head.map(async (entry) => {
      if (entry.said.size * 2 < answeredWords.size) return halves(weighed(entry));
      const data = await entry.result.data();
      let more = 0;
      for (const [word, weight] of entry.said) {
        const named = stemmed.has(word)
          ? namesStrongly(data, stemmed.get(word), true)
          : namesStrongly(data, word);
        if (!kindWord(word) && named) more += weight * 2;
      }
      return halves(weighed(entry) + more);
    }),
  );
  const order = head.map((entry, i) => ({ entry, i, value: strong[i] }));
  order.sort(
    (a, b) =>
      b.value - a.value || said(b.entry) - said(a.entry) || b.entry.score - a.entry.score,
  );
  const ranked = order.map(({ entry }) => entry).concat(byWeight.slice(head.length));
  // An English sentence (what time is it, how do I get to the airport) shares a word or
  // two with many guides' prose: a guide answers it only when it holds more than half of
  // its words (those that only say how someone asks left out), or names one of those it
  // holds (marriage of marriage licence). A Chinese question of several words found
  // through one of them alone, a word that is none of the site's names and that many
  // guides' summaries use to say how they are done (手机 of 双十一买什么手机好: 在手机上
  // 申请), must name it in its title or names.
  //
  // A word of a Chinese query that ends a run right after a word no guide holds does not
  // count (燃气开户, 建筑施工许可证: another kind of 开户 or 许可证), unless the guide is
  // named by it whole (下个月办婚礼). An English query's guide must hold one of its words
  // that is not a grammar word (`Yesterday Once More`: once, more), and one that names a
  // word must hold at least a third of those (the home of "cook pasta at home" does not
  // make the home care guide an answer).
  const latin = new Set(words.filter((w) => !HAN.test(w)).map(root));
  const english = !HAN.test(query) && latin.size >= 2;
  const meant = [...latin].filter((w) => !ENGLISH_GRAMMAR.has(w)).length;
  // The words that say what the English query is about, not what kind of paper it asks
  // for (licence, permit, certificate: ENGLISH_KIND).
  const about = [...latin].filter((w) => !ENGLISH_GRAMMAR.has(w) && !ENGLISH_KIND.has(w));
  const heldByAny = new Set([...merged.values()].flatMap((entry) => [...entry.latin]));
  const chinese = HAN.test(query);
  const frequent = new Set(
    words.filter((w, i) => HAN.test(w) && !siteWord(w) && guides && searches[i].held * 5 > guides),
  );
  const absentWords = words.filter((w, i) => HAN.test(w) && searches[i].held === 0);
  searches.forEach((search, i) => {
    if (i >= words.length && search.held === 0) absentWords.push(pairs[i - words.length]);
  });
  // The words that no guide answers: held by none, or found by Pagefind only in guides
  // that do not hold them as they stand (高考 of 高考报名, through other words starting 高).
  const unanswered = words.filter((w, i) => HAN.test(w) && !searches[i].answered);
  const heldRuns = [];
  // A word the browser left in single characters (燃 + 气) is looked up as one too.
  if (chinese) {
    for (const run of singleRuns(query).filter((r) => !words.includes(r))) {
      const search = await pagefind.search(run, options);
      if (search && (search.unfilteredResultCount ?? search.results.length) === 0) {
        absentWords.push(run);
        unanswered.push(run);
      } else {
        heldRuns.push({ run, search });
      }
    }
  }
  // Whether the runs Pagefind found answer is read only for a guide found through words
  // of a kind of procedure alone: their fragments are not fetched otherwise.
  let allUnanswered = null;
  const unansweredWords = () =>
    (allUnanswered ||= Promise.all(
      heldRuns.map(async ({ run, search }) => ((await confirmed(search, run)).length ? "" : run)),
    ).then((runs) => unanswered.concat(runs.filter(Boolean))));
  // A query that ends with a procedure no guide offers (公司注销, 汽车年审, 门诊报销怎么弄)
  // asks for that procedure on its thing, not for the guides that name the thing:
  // company registration does not close a company (PROCEDURES).
  const procedures = [...words, ...heldRuns.map(({ run }) => run)].filter((w) =>
    PROCEDURES.has(w),
  );
  if (chinese && procedures.length) {
    const runs = query.match(/\p{Script=Han}+/gu) || [];
    const lacking = (await unansweredWords()).filter((w) => PROCEDURES.has(w));
    if (runs.some((run) => lacking.some((w) => endsSubject(run, w)))) return [];
  }
  if (!english && !chinese) return ranked.map((entry) => entry.result);
  const kept = await Promise.all(
    ranked.slice(0, RELAX_BELOW * 2).map(async (entry) => {
      if (!english) {
        const matched = [...entry.han, ...entry.pairs];
        const data = await entry.result.data();
        if (matched.length) {
          const kinds = qualified(query, matched, absentWords);
          const held = matched.filter((w) => !kinds.has(w) || namedWhole(data, [w]));
          if (held.length === 0) return false;
          if (held.every((w) => GENERIC.has(w)) && !namesOtherWord(data, query)) {
            // Only its kind of procedure in common: an answer when the guide is of that kind
            // (its title or names hold the word: 新招了员工要登记吗, 就业登记) and the query
            // does not say it is another thing's (养狗登记, 注册商标: kindOfAnother).
            if (!namesInRecord(data, new Set(held))) return false;
            const lacking = await unansweredWords();
            if (held.every((w) => kindOfAnother(query, w, lacking))) return false;
          }
        }
        const only = entry.hits === 1 && [...entry.han].every((w) => frequent.has(w));
        return !only || namesInRecord(data, entry.han);
      }
      const held = [...entry.latin].filter((w) => !ENGLISH_GRAMMAR.has(w)).length;
      if (held === 0) return false;
      // Only the kind of paper in common: an answer when the guide is of that kind (names
      // it) and the query names nothing that no guide holds (living permit), not another
      // thing's licence (dog licence, parking permit: no guide holds dog or parking).
      // Holding more than half of what the query is about answers it whatever the kind
      // (restaurant permit: the food licence).
      const heldAbout = about.filter((w) => entry.latin.has(w)).length;
      if (about.length && heldAbout === 0) {
        // A word the guide names in another form (marry of marriage) is held.
        const data = await entry.result.data();
        if (!about.some((w) => namesOneOf(data, [w]))) {
          if (about.some((w) => !heldByAny.has(w))) return false;
          if (!namesOneOf(data, entry.latin)) return false;
        }
      }
      if (entry.latin.size * 2 > latin.size) return true;
      if (about.length < meant && heldAbout * 2 > about.length) return true;
      return held * 3 >= meant && namesOneOf(await entry.result.data(), entry.latin);
    }),
  );
  return ranked.slice(0, RELAX_BELOW * 2).filter((_, i) => kept[i]).map((entry) => entry.result);
}

// English words that only tie a sentence together (once, more, would, than), which every
// English summary holds and no guide is about: not counted among the words a guide must
// hold to answer an English query found through some of its words (`Yesterday Once
// More` is not answered by a guide that says "once" and "more than half a year").
const ENGLISH_GRAMMAR = new Set(
  (
    "am was were been being has have had does did would could should will shall can may might " +
    "must this that these those there here then than when what which who whom whose why where " +
    "while if but not no nor so such too very just only own same other more most some any each " +
    "few all both once again further out off up down into onto about above below under until " +
    "before after during through between against per you your we our us they them their he " +
    "she his her him its me one get gets getting got"
  ).split(" "),
);

// English words that say what kind of payment or help a service gives, not what it is for
// (benefit, allowance, grant): weighed as the kinds of paper are (wordWeight), so that
// `student grant` finds the student aid before the start-up grant.
const ENGLISH_PAYMENT = new Set(
  (
    "benefit benefits allowance allowances grant grants subsidy subsidies aid support money " +
    "help payment payments"
  ).split(" "),
);

// How much one word of a query says of a guide that holds it, when guides are ranked by
// the words they hold (searchAnyWord): more the fewer of the site's guides hold it (its
// rarity, as search engines weigh a word), half as much for a word of a kind of procedure,
// paper or payment (登记, 补贴, permit, benefit: GENERIC, ENGLISH_KIND, ENGLISH_PAYMENT),
// and a quarter for a word that only ties an English sentence together (ENGLISH_GRAMMAR).
function wordWeight(word, held, guides) {
  const all = Math.max(guides || 0, held, 1);
  const rarity = Math.log(1 + all / Math.max(held, 1));
  if (ENGLISH_GRAMMAR.has(word)) return rarity / 4;
  return kindWord(word) ? rarity / 2 : rarity;
}

// Whether a word only says what kind of procedure, paper or payment a service is.
function kindWord(word) {
  return GENERIC.has(word) || ENGLISH_KIND.has(word) || ENGLISH_PAYMENT.has(word);
}

// Whether a guide's title or aliases (not its summary, life events or materials) name a
// word of the query: a Chinese word inside them, an English word whole or with an ending
// of one or two letters (permit, permits; marriage, marriages), not only its start (child
// is not named by children's title as a passport guide is by passport); a stem (retir of
// retiring, `stem`) by any word it starts (retirement).
function namesStrongly(data, word, stem = false) {
  const meta = data.meta || {};
  if (HAN.test(word)) return `${meta.title || ""}、${meta.aliases || ""}`.includes(word);
  const named = `${meta.title_en || ""} ${meta.aliases || ""}`.toLowerCase().split(/[^a-z0-9]+/);
  return named.some(
    (w) =>
      w === word ||
      (stem && w.startsWith(word)) ||
      (w.startsWith(word) && w.length - word.length <= 2) ||
      (word.startsWith(w) && w.length >= 4 && word.length - w.length <= 2),
  );
}

// English words that say what kind of paper or procedure a service is, not what it is
// about (licence, permit, certificate, registration, card): most English titles hold one.
// A guide sharing only such words with an English query found through some of its words
// answers another question (dog licence, parking permit, car registration plate): the
// English counterpart of GENERIC.
const ENGLISH_KIND = new Set(
  (
    "licence licences license licenses permit permits certificate certificates registration " +
    "registrations register card cards application applications apply"
  ).split(" "),
);

// How much of a guide's record names it in English: its Chinese and English titles come
// first, then its aliases (theme/search-record.html).
const NAMES_HEAD = 120;

// Whether a guide names one of the English words (in its English title or an alias):
// the word whole, or, for a word of four letters or more, another form of it sharing all
// but its last two letters (marry, marriage).
function namesOneOf(data, words) {
  const meta = data.meta || {};
  const head = `${meta.names || ""} ${(data.content || "").slice(0, NAMES_HEAD)}`;
  const named = head.toLowerCase().split(/[^a-z0-9]+/);
  return [...words].some((word) =>
    named.some((w) => {
      if (w === word) return true;
      let same = 0;
      while (same < word.length && same < w.length && word[same] === w[same]) same += 1;
      return word.length >= 4 && same >= 4 && same >= Math.min(word.length, w.length) - 2;
    }),
  );
}

// Whether a guide's title or names (not its summary) hold one of the Chinese words; true
// when there are none to check (a pair found as the index's word).
function namesInRecord(data, words) {
  const meta = data.meta || {};
  const names = `${meta.title || ""}\n${meta.names || ""}`;
  return words.size === 0 || [...words].some((word) => names.includes(word));
}

// found, or only its first guides whose titles hold word when word is held by more than
// `common` guides (see searchAnyWord).
function titledWhenCommon(found, word, guides, common) {
  return guides && found.length > common ? titled(found, word) : found;
}

// The runs of two or more single Chinese characters of a query, each put back together
// (燃 + 气 -> 燃气), as the browser's dictionary left them: words it does not know.
function singleRuns(query) {
  const runs = [];
  for (const chunk of query.split(/\s+/).filter(Boolean)) {
    let run = "";
    for (const { segment, isWordLike } of [...segments(chunk), { segment: "" }]) {
      const single = [...segment].length === 1 && HAN.test(segment);
      if (isWordLike && single && !FILLER.has(segment) && !FUNCTION_CHARS.has(segment)) {
        run += segment;
        continue;
      }
      if ([...run].length > 1) runs.push(run);
      run = "";
    }
  }
  return [...new Set(runs)];
}

// Characters that start a phrase of where, from where or to whom (在临江, 从外地, 给老人),
// never a word of two with the next one.
const PLACE_CHARS = new Set([..."在从把被给跟向对让将"]);

// Each two characters side by side in the runs of three or more single characters that
// the browser's dictionary could not read as words (送外卖 -> 送外, 外卖), for a question
// that found nothing as it was cut: the index may hold one of them as a word.
function singlePairs(query) {
  const pairs = [];
  for (const chunk of query.split(/\s+/).filter(Boolean)) {
    let run = [];
    for (const { segment, isWordLike } of [...segments(chunk), { segment: "" }]) {
      if (isWordLike && [...segment].length === 1 && HAN.test(segment) && !FILLER.has(segment)) {
        run.push(segment);
        continue;
      }
      if (run.length >= 3) {
        for (let i = 0; i + 1 < run.length; i += 1) {
          // A pair that starts with a word saying where or to whom (在 + 临 of 在临江) is
          // two words' pieces: 在临 of 在临江参加社会保险 in a summary answers nothing.
          if (!PLACE_CHARS.has(run[i])) pairs.push(run[i] + run[i + 1]);
        }
      }
      run = [];
    }
  }
  return [...new Set(pairs)];
}

// The first results whose title or aliases name word (namesStrongly), up to the first
// that does not: 执照, in a dozen guides' materials, counts for the guides called so.
async function titled(results, word) {
  const kept = [];
  for (const result of results.slice(0, RELAX_BELOW)) {
    if (!namesStrongly(await result.data(), word)) break;
    kept.push(result);
  }
  return kept;
}

// The everyday or official name of a thing that no guide of this site offers (离婚证,
// 准生证: generator/search/everyday-names.yaml, as the lexicon lists them) that the query
// names, or null. Such a query is answered with 没有找到 and the browse links, not with
// guides that share one of its words.
function absentThing(query, lexicon) {
  if (!lexicon) return null;
  return lexicon.absent.find((name) => query.includes(name)) || null;
}

class SearchForm {
  constructor(form) {
    this.form = form;
    this.kind = form.dataset.sgSearch; // "header" or "page"
    this.input = form.querySelector("input[type=search]");
    this.status = form.querySelector("[data-sg-search-status]");
    this.list = form.querySelector("[data-sg-search-results]");
    this.facetBox = form.querySelector("[data-sg-search-facets]");
    this.moreButton = form.querySelector("[data-sg-search-more]");
    this.seeAll = form.querySelector("[data-sg-search-all]");
    this.panel = form.querySelector("[data-sg-search-panel]");
    this.scriptUrl = form.dataset.sgPagefind;
    this.timer = null;
    this.sequence = 0;
    this.results = [];
    this.shown = 0;
    this.query = "";
    this.early = null; // a search started while the debounce waits: see prepare()
    this.shownBy = 0; // the run whose results the list shows
    this.announceTimer = null;
    this.baseTitle = document.title;
    this.browse = null; // the browse links shown when nothing was found (header form)

    this.input.addEventListener("input", (event) => {
      // While an input method is composing (typing pinyin before picking 营业执照), the
      // field holds letters that are not the query yet: wait for compositionend.
      if (event.isComposing) return;
      // The count of a query being typed is not news, and the old one no longer true.
      this.say("", 0);
      this.prepare();
      this.schedule(committed(event) ? 0 : DEBOUNCE_MS);
    });
    this.input.addEventListener("compositionend", () => {
      this.prepare();
      this.schedule(0);
    });
    form.addEventListener("submit", (event) => this.onSubmit(event));
    form.addEventListener("keydown", (event) => this.onKeydown(event));
    if (this.moreButton) this.moreButton.addEventListener("click", () => this.showMore());
  }

  // While the debounce waits, fetch Pagefind and the parts of the index the query needs,
  // then start the search itself; run() uses its results if the query has not changed
  // by then. One such search at a time, so fast typing on a slow phone does not queue
  // up work that the last keystroke would throw away: a query typed while one is in
  // flight waits for it to settle and then starts at once, and only the latest waits
  // (the text in between is dropped). On the first query, Pagefind and the lexicon are
  // still loading for the first letter when the last is typed; the last text is then
  // searched as soon as they are in, not only once the debounce has run out.
  prepare() {
    const query = this.input.value.trim();
    if (!query) return;
    const key = this.searchKey(query);
    if (this.early && this.early.key === key) return;
    const options = this.searchOptions();
    // The search in flight, or waiting for one: this one starts when that settles.
    const before = this.early && this.early.pending ? this.early.promise : null;
    // claimed: a run() waits for it, so it runs even when a newer text is wanted.
    const early = { key, pending: true, claimed: false, promise: null, start: null };
    const search = async () => {
      // A newer text came while this one waited: drop it, unless a run() waits for it.
      if (before && this.early !== early && !early.claimed) return {};
      const [pagefind, lexicon] = await Promise.all([
        loadPagefind(this.scriptUrl),
        loadLexicon(this.scriptUrl),
      ]);
      const wanted = normaliseQuery(query, lexicon);
      const asked = wanted ? meaningfulQuery(wanted) : "";
      if (!asked) return { words: { results: [] } };
      // A newer text came while the index was loading: its search would hold the page's
      // thread for nothing (pa of passport, typed fast, scores 5,000 guides), and the
      // newer text would wait behind it. The parts of the index are kept all the same.
      const superseded = () => this.early !== early && !early.claimed;
      // The fragments of the first results are fetched while the debounce still waits, so
      // run() finds them in and shows the results at once.
      const fetched = (search) => {
        if (search && !superseded()) fetchFragments(search.results, this.firstPage());
        return search;
      };
      // A query whose guides by sound come first is searched by sound first: run()
      // shows those, then searches its words (see run).
      const sound = absentThing(wanted, lexicon) === null ? soundOf(wanted, lexicon) : {};
      if (sound.first) {
        await pagefind.preload(sound.key, options);
        if (superseded()) return {};
        return { sound: fetched(await pagefind.search(sound.key, options)) };
      }
      // Not coming first (English words), the search by sound runs beside the words', as
      // in run(), which waits for both before it shows anything.
      const later = sound.key ? pagefind.search(sound.key, options) : null;
      if (later) later.catch(() => {}); // awaited in run(), where a failure counts
      await pagefind.preload(asked, options);
      if (superseded()) return {};
      return { words: fetched(await pagefind.search(asked, options)), later };
    };
    // Its turn comes when the search before it settles, or when run() wants it (then the
    // two share the page for a moment, as they would if run() searched itself).
    const turn = before
      ? new Promise((start) => {
          early.start = start;
          before.catch(() => {}).then(start);
        })
      : null;
    early.promise = turn ? turn.then(search) : search();
    early.promise
      .catch(() => {
        if (this.early === early) this.early = null; // a failed search is not kept for reuse
      })
      .finally(() => (early.pending = false));
    this.early = early;
  }

  searchOptions() {
    const filters = this.selectedFilters();
    return Object.keys(filters).length > 0 ? { filters } : {};
  }

  searchKey(query) {
    return JSON.stringify([query, this.selectedFilters()]);
  }

  schedule(wait = DEBOUNCE_MS) {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.run(), wait);
  }

  onSubmit(event) {
    // The header form goes to the search page (which keeps the query in its URL);
    // the page form searches in place.
    if (this.kind === "page") {
      event.preventDefault();
      clearTimeout(this.timer);
      // Enter ends the typing: the count is said as soon as it is shown, not 0.7 s later.
      this.run({ settled: true });
    }
  }

  onKeydown(event) {
    // In the header, Escape first closes the list and keeps the query (focus back in the
    // field); a second Escape, in the field, clears it.
    if (event.key === "Escape" && this.kind === "header" && !this.list.hidden) {
      event.preventDefault();
      this.showList(false);
      this.input.focus();
      return;
    }
    if (event.key === "Escape" && (this.input.value || this.list.childElementCount)) {
      event.preventDefault();
      this.clear();
      this.input.focus();
      return;
    }
    // ArrowDown in the field opens a list closed with Escape.
    if (event.key === "ArrowDown" && this.list.hidden && this.list.childElementCount) {
      this.showList(true);
    }
    // Arrow keys step between the field and the result links; Tab works as ever.
    if (event.key !== "ArrowDown" && event.key !== "ArrowUp") return;
    const links = [...this.list.querySelectorAll("a")];
    if (links.length === 0) return;
    const at = links.indexOf(document.activeElement);
    if (document.activeElement === this.input && event.key === "ArrowDown") {
      event.preventDefault();
      links[0].focus();
    } else if (at >= 0) {
      event.preventDefault();
      const next = event.key === "ArrowDown" ? at + 1 : at - 1;
      if (next < 0) this.input.focus();
      else links[Math.min(next, links.length - 1)].focus();
    }
  }

  clear() {
    clearTimeout(this.timer);
    this.sequence += 1;
    this.input.value = "";
    this.results = [];
    this.list.replaceChildren();
    this.showList(false);
    if (this.moreButton) this.moreButton.hidden = true;
    this.say(TEXT.cleared, 0);
    this.showBrowse(false);
    if (this.kind === "page") this.writeUrl();
    this.showTitle(null, 0);
  }

  // Say message in the live region after `wait` ms unless something newer is said first.
  say(message, wait = ANNOUNCE_SETTLE_MS) {
    clearTimeout(this.announceTimer);
    if (wait <= 0) {
      this.status.textContent = message;
      return;
    }
    this.announceTimer = setTimeout(() => {
      this.status.textContent = message;
    }, wait);
  }

  // The search page's <title> carries the query and the count (read first on arrival and
  // kept in the history); null puts the page's own title back.
  showTitle(query, total) {
    if (this.kind !== "page") return;
    document.title = query ? `${TEXT.title(query, total)} - ${this.baseTitle}` : this.baseTitle;
  }

  // Nothing found: the header form offers the ways to browse every guide (the search
  // page has them below its form already), so a query never ends in a dead end.
  showBrowse(shown) {
    if (this.kind !== "header") return;
    if (!this.browse) {
      if (!shown) return;
      this.browse = document.createElement("p");
      this.browse.className = "sg-search__browse";
      for (const [path, text] of BROWSE) {
        const link = document.createElement("a");
        link.href = new URL(path, this.form.action).href;
        link.textContent = text;
        if (this.browse.childElementCount) this.browse.append("　");
        this.browse.append(link);
      }
      this.status.after(this.browse);
    }
    this.browse.hidden = !shown;
  }

  // The header keeps its list in a panel (with the "see all" link); hide both when empty.
  showList(shown) {
    this.list.hidden = !shown;
    if (this.panel) this.panel.hidden = !shown;
  }

  selectedFilters() {
    const filters = {};
    if (!this.facetBox) return filters;
    for (const box of this.facetBox.querySelectorAll("input[type=checkbox]:checked")) {
      (filters[box.name] ||= { any: [] }).any.push(box.value);
    }
    return filters;
  }

  // `settled`: the query is not being typed (it came with the address), so its result is
  // announced as soon as it is shown, with no wait for typing to settle.
  async run({ settled = false } = {}) {
    const query = this.input.value.trim();
    const filters = this.selectedFilters();
    const filtered = Object.keys(filters).length > 0;
    const sequence = ++this.sequence;
    if (this.kind === "page") this.writeUrl();
    if (!query && !filtered) {
      this.results = [];
      this.list.replaceChildren();
      this.showList(false);
      if (this.moreButton) this.moreButton.hidden = true;
      this.form.removeAttribute("aria-busy");
      this.say("", 0);
      this.showTitle(null, 0);
      return;
    }
    this.form.setAttribute("aria-busy", "true");
    let results;
    let partial = 0;
    let wanted;
    try {
      const [pagefind, lexicon] = await Promise.all([
        loadPagefind(this.scriptUrl),
        loadLexicon(this.scriptUrl),
      ]);
      const options = this.searchOptions();
      const early = this.early && this.early.key === this.searchKey(query) ? this.early : null;
      if (early) {
        early.claimed = true;
        if (early.start) early.start(); // waiting behind an older text: no longer
      }
      // What the index can read of the query; nothing (a lone letter, punctuation) finds
      // nothing rather than half the guides.
      wanted = query ? normaliseQuery(query, lexicon) : "";
      const asked = wanted ? meaningfulQuery(wanted) : null;
      let search;
      // A query naming a thing no guide offers finds nothing, whatever else it says.
      const absent = Boolean(wanted) && absentThing(wanted, lexicon) !== null;
      const ready = early ? await early.promise : {};
      // The query by sound: typed pinyin, or its characters read as pinyin, against the
      // pinyin keys of every title and alias. Those name the guide, so they come first,
      // unless the query reads as English words rather than pinyin. Coming first, they
      // are shown as soon as they are found, before the query's words are searched:
      // Pagefind's search of a common word holds the page's thread for most of a second
      // at 10,000 guides (身份证: 6,875 guides, every 证 scored), and the guides it adds
      // come after these. The list grows when it is done; the count is said then.
      // One pinyin syllable alone (zhang, de) names nothing, as one character alone does
      // not: every name of the site is two characters or more.
      const typedPinyin = Boolean(wanted) && isTypedPinyin(wanted, lexicon);
      const lone = typedPinyin && lexicon.syllables.has(typedLetters(wanted));
      const { key, first: spoken } = asked && !absent && !lone ? soundOf(wanted, lexicon) : {};
      let found = null;
      if (spoken) {
        const sound = ready.sound || (await pagefind.search(key, options));
        // Their fragments are fetched while the first is read to confirm them (below).
        for (const result of sound ? sound.results.slice(0, this.firstPage()) : []) {
          result.data().catch(() => {}); // a failed fragment fails where it is awaited
        }
        found = await confirmed(sound, key, false, true);
        // Its words by sound, when the query whole starts no name (补领身分证).
        const core = found.length || !typedPinyin ? null : pinyinCore(key);
        if (core) found = await confirmed(await pagefind.search(core, options), core, false, true);
        // Typed in words: the words that name something, one at a time (jiazhao guoqi le).
        const words = found.length || !typedPinyin ? [] : pinyinWordsApart(wanted, lexicon.syllables);
        for (const word of words) {
          found = await confirmed(await pagefind.search(word, options), word, false, true);
          if (found.length) break;
        }
        const apart = found.length ? null : soundWords(wanted, lexicon);
        if (apart) found = await confirmed(await pagefind.search(apart, options), apart, false, true);
        found = await namedFirst(found, wanted);
        if (sequence !== this.sequence) return;
        if (found.length) await this.showResults(wanted, found, sequence);
      }
      // Not coming first (English words), the search by sound runs beside the words'.
      const later = key && !found ? ready.later || pagefind.search(key, options) : null;
      if (later) later.catch(() => {}); // awaited below, unless the words' search fails
      // One Chinese character alone answers nothing (人, 证).
      const weak = Boolean(asked) && weakAlone(asked);
      if ((query && !asked) || absent || weak || lone) search = { results: [] };
      else search = ready.words || (await pagefind.search(asked, options));
      // Typed pinyin is held to the start of a word, as its search by sound is.
      results = search ? await confirmed(search, asked, false, typedPinyin) : null;
      // Typed pinyin that finds nothing, with a sound mixed up (zhanzhuzheng for the
      // zanzhuzheng of 暂住证): each key one syllable away, until one finds a guide.
      if (results && results.length === 0 && typedPinyin) {
        const letters = typedLetters(asked);
        for (const other of fuzzyKeys(pinyinCore(letters) || letters, lexicon.syllables)) {
          results = await confirmed(await pagefind.search(other, options), other, false, true);
          if (results.length) break;
        }
      }
      // Initials with an asking word's initials after the name's (hzbl: 护照 + 办理).
      const initials =
        results && results.length === 0 && !typedPinyin && asked && !HAN.test(asked)
          ? initialsCore(typedLetters(asked), lexicon.syllables)
          : null;
      if (initials) {
        results = await confirmed(await pagefind.search(initials, options), initials, false, true);
      }
      // A number alone finds only the guides it names (numbersOnly).
      const numbers = results && asked ? numbersOnly(asked) : null;
      if (numbers) {
        const named = await Promise.all(
          results.map(async (r) => namedByNumbers(await r.data(), numbers)),
        );
        results = results.filter((_, i) => named[i]);
      }
      if (results) results = await namedFirst(results, wanted);
      if (key && results) {
        found ||= await confirmed(await later, key, false, true);
        const first = spoken || results.length === 0 ? found : results;
        const ids = new Set(first.map((r) => r.id));
        results = first.concat((first === found ? results : found).filter((r) => !ids.has(r.id)));
      }
      const relax =
        results && asked && !absent && !weak && !lone && !numbers && !(spoken && !HAN.test(wanted));
      if (relax && results.length < RELAX_BELOW) {
        const seen = new Set(results.map((r) => r.id));
        const add = (more) => {
          const fresh = more.filter((r) => !seen.has(r.id));
          fresh.forEach((r) => seen.add(r.id));
          results = results.concat(fresh);
          return fresh.length;
        };
        // Few results: also try the words the browser cut apart, joined back together,
        // against the index's own words.
        for (const joined of [joinedWords(wanted), wholeWord(wanted)]) {
          if (!joined) continue;
          add(
            await confirmed(await wholeWordSearch(pagefind).search(joined, options), joined, true),
          );
        }
        // English words in another form than the guide's (replacement, replacing).
        const stemmed = stems(wanted);
        if (stemmed) add(await confirmed(await pagefind.search(stemmed, options), stemmed));
        // Pagefind lists only guides that contain every word. When that still finds
        // nothing, or few for a whole question, add guides that contain some of the
        // words, after the others.
        if (results.length === 0 || (results.length < RELAX_BELOW && looksLikeQuestion(wanted))) {
          partial = add(
            await searchAnyWord(pagefind, wanted, options, lexicon ? lexicon.guides : 0),
          );
        }
      }
    } catch {
      if (sequence === this.sequence) {
        this.form.removeAttribute("aria-busy");
        this.say(TEXT.unavailable, 0);
      }
      return;
    }
    // A newer keystroke already started another search: drop this one.
    if (sequence !== this.sequence || results === null) return;
    await this.showResults(wanted, results, sequence);
    if (sequence !== this.sequence) return;
    this.form.removeAttribute("aria-busy");
    const total = this.results.length;
    let message;
    this.showBrowse(total === 0 && Boolean(query));
    if (total === 0) {
      message = query ? TEXT.none(query) : TEXT.noneFiltered;
    } else if (partial === total) {
      message = TEXT.foundSome(total);
    } else if (partial) {
      message = TEXT.foundMore(total - partial, partial);
    } else {
      message = filtered ? TEXT.foundFiltered(total) : TEXT.found(total);
    }
    this.say(message, settled ? 0 : ANNOUNCE_SETTLE_MS);
    this.showTitle(query, total);
    if (this.seeAll) {
      this.seeAll.hidden = total <= this.shown;
      if (!this.seeAll.hidden) {
        const url = new URL(this.form.action);
        url.searchParams.set("q", query);
        this.seeAll.href = url.href;
        this.seeAll.textContent = TEXT.seeAll(total);
      }
    }
  }

  // How many results are shown before "more": the header's short list, or a page.
  firstPage() {
    return this.kind === "header" ? HEADER_RESULTS : PAGE_SIZE;
  }

  // Show the first results of a search (one page of them). The guides found by sound are
  // shown before the rest is found (run); the whole list, which starts with them, then
  // keeps what is shown and adds to it.
  async showResults(query, results, sequence) {
    const page = this.firstPage();
    const shown = this.results.slice(0, this.shown);
    const grows =
      this.shownBy === sequence && shown.every((result, i) => results[i] === result);
    this.query = query;
    this.results = results;
    this.shownBy = sequence;
    // The header's "see all" link names the count, known once the list is whole (run).
    if (this.seeAll) this.seeAll.hidden = true;
    if (!grows) {
      this.shown = 0;
      this.list.replaceChildren();
    }
    if (this.shown < page) await this.renderNext(page - this.shown, sequence);
    else if (this.moreButton) this.moreButton.hidden = this.shown >= results.length;
  }

  async renderNext(count, sequence) {
    const slice = this.results.slice(this.shown, this.shown + count);
    const datas = await Promise.all(slice.map((r) => r.data()));
    if (sequence !== this.sequence) return [];
    const pattern = this.query ? highlightPattern(this.query) : null;
    const english = this.query ? await this.readsAsEnglish(this.query) : false;
    if (sequence !== this.sequence) return [];
    // On the search page each result is a section of the page, under its h1: an h2, so
    // screen-reader users move from result to result by heading. The header's short list
    // sits above every page's h1, where a heading would break the outline.
    const tag = this.kind === "page" ? "h2" : "p";
    const items = datas.map((data) => renderResult(data, pattern, tag, english));
    this.list.append(...items);
    this.shown += items.length;
    this.showList(this.shown > 0);
    if (this.moreButton) this.moreButton.hidden = this.shown >= this.results.length;
    return items;
  }

  // Whether a query is English words: latin letters that do not read as pinyin and
  // hold a vowel (driving licence; not shenfenzheng, nor initials such as sfz), so its
  // results speak English.
  async readsAsEnglish(query) {
    if (HAN.test(query) || !/[aeiou]/i.test(query)) return false;
    const lexicon = await loadLexicon(this.scriptUrl);
    return !isTypedPinyin(normaliseQuery(query, lexicon), lexicon);
  }

  async showMore() {
    const items = await this.renderNext(PAGE_SIZE, this.sequence);
    // Focus the first new result so keyboard and screen-reader users carry on from there.
    const first = items[0] && items[0].querySelector("a");
    if (first) first.focus();
    this.say(TEXT.shown(this.shown, this.results.length), 0);
  }

  // Keep the query and the ticked facets in the address, so it can be shared or bookmarked.
  writeUrl() {
    const params = new URLSearchParams();
    const query = this.input.value.trim();
    if (query) params.set("q", query);
    for (const [key, { any }] of Object.entries(this.selectedFilters())) {
      for (const value of any) params.append(key, value);
    }
    const search = params.toString();
    history.replaceState(null, "", search ? `?${search}` : location.pathname);
  }

  // The search page: build one fieldset of checkboxes per facet, then run the URL's query.
  // Coming to this page is the first use, so Pagefind loads at once here.
  async startPage() {
    const params = new URLSearchParams(location.search);
    this.input.value = params.get("q") || "";
    const asked = Boolean(this.input.value) || FACETS.some((f) => params.has(f.key));
    // Until the address's query has its results the page is still being made, and says so
    // (aria-busy) from the first moment, not only once Pagefind has loaded.
    if (asked) this.form.setAttribute("aria-busy", "true");
    await this.buildFacets(params);
    if (asked) this.run({ settled: true });
  }

  async buildFacets(params) {
    if (!this.facetBox || this.facetBox.dataset.built) return;
    this.facetBox.dataset.built = "true";
    let available;
    try {
      const pagefind = await loadPagefind(this.scriptUrl);
      available = await pagefind.filters();
    } catch {
      this.say(TEXT.unavailable, 0);
      return;
    }
    for (const facet of FACETS) {
      const values = Object.keys(available[facet.key] || {}).sort((a, b) =>
        a.localeCompare(b, "zh-CN"),
      );
      if (values.length === 0) continue;
      const fieldset = document.createElement("fieldset");
      fieldset.className = "sg-search__facet";
      const legend = document.createElement("legend");
      legend.textContent = facet.legend;
      fieldset.append(legend);
      const list = document.createElement("ul");
      list.className = "sg-search__facet-options";
      values.forEach((value, i) => {
        const li = document.createElement("li");
        const box = document.createElement("input");
        box.type = "checkbox";
        box.name = facet.key;
        box.value = value;
        box.id = `sg-facet-${facet.key}-${i}`;
        box.checked = params.getAll(facet.key).includes(value);
        box.addEventListener("change", () => this.run());
        const label = document.createElement("label");
        label.htmlFor = box.id;
        label.textContent = value;
        li.append(box, label);
        list.append(li);
      });
      fieldset.append(list);
      this.facetBox.append(fieldset);
    }
    const filters = this.form.querySelector("[data-sg-search-filters]");
    if (filters) {
      filters.hidden = this.facetBox.childElementCount === 0;
      if (FACETS.some((f) => params.has(f.key))) filters.open = true;
    }
  }
}

function start() {
  const pageForm = document.querySelector("form[data-sg-search=page]");
  for (const form of document.querySelectorAll("form[data-sg-search]")) {
    // On the search page the header form stays a plain form: it reloads this page with
    // the new query, so there is one list of results, not two.
    if (form.dataset.sgSearch === "header" && pageForm) continue;
    const search = new SearchForm(form);
    if (form.dataset.sgSearch === "page") {
      for (const hidden of document.querySelectorAll("[data-sg-search-needs-js]")) {
        hidden.hidden = false;
      }
      for (const notice of document.querySelectorAll("[data-sg-search-nojs]")) {
        notice.hidden = true;
      }
      search.startPage();
    }
  }
}

start();
