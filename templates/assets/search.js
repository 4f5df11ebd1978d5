// fabu search page: asks the Pagefind index built beside the site, in the page's own script. A query typed
// in the other script is first rewritten with a small character table made at build time from the site's
// own text (pagefind/fabu-query.<script>.json), so 扶贫 finds 扶貧 on the Traditional site and back.
// Loaded only on the search page, as a module (never blocks rendering); without JavaScript the page says so.

const bundle = new URL("../pagefind/", import.meta.url);
const siteRoot = new URL("../", import.meta.url).pathname;
const script = document.documentElement.lang || "zh-Hans";
const MAX_RESULTS = 20;
const MAX_VARIANTS = 8;

const form = document.querySelector(".search-form");
const input = document.querySelector("#search-query");
const status = document.querySelector("[data-search-status]");
const list = document.querySelector("[data-search-results]");
const messages = JSON.parse(document.querySelector("[data-search-messages]")?.dataset.searchMessages ?? "{}");

let engine;
function loadEngine() {
  engine ??= Promise.all([
    import(new URL("pagefind.js", bundle).href).then(async (pagefind) => {
      await pagefind.options({ baseUrl: siteRoot });
      return pagefind;
    }),
    fetch(new URL(`fabu-query.${script.toLowerCase()}.json`, bundle)).then((response) => (response.ok ? response.json() : {})),
  ]).catch((error) => {
    engine = undefined; // try again on the next query
    throw error;
  });
  return engine;
}

/** Every way of writing the query in this page's script, best first (as src/search/query-variants.ts). */
function variantsOf(query, table) {
  let variants = [""];
  for (const char of query) {
    const options = table[char] ? [...table[char]] : [char];
    const next = [];
    for (const option of options) for (const prefix of variants) next.push(prefix + option);
    variants = next.slice(0, MAX_VARIANTS);
  }
  return variants;
}

const format = (template, values) => template.replace(/\{(\w+)\}/g, (_, key) => values[key] ?? "");

/** Pagefind's excerpt is text with <mark> around the hits: rebuild it from text nodes and marks only. */
function excerptNode(html) {
  const template = document.createElement("template");
  template.innerHTML = html;
  const paragraph = document.createElement("p");
  for (const node of template.content.childNodes) {
    if (node.nodeName === "MARK") {
      const mark = document.createElement("mark");
      mark.textContent = node.textContent;
      paragraph.append(mark);
    } else {
      // Pagefind joins headings and paragraphs with ". "; in Chinese text an ideographic space reads better.
      paragraph.append((node.textContent ?? "").replace(/([^\x00-\x7f])\. /gu, "$1\u3000"));
    }
  }
  return paragraph;
}

function resultItem(data) {
  const item = document.createElement("li");
  const heading = document.createElement("h2");
  const link = document.createElement("a");
  link.href = data.url;
  link.textContent = data.meta?.title ?? data.url;
  heading.append(link);
  item.append(heading);
  if (data.meta?.date) {
    const time = document.createElement("time");
    if (data.meta.date_iso) time.dateTime = data.meta.date_iso;
    time.textContent = data.meta.date;
    item.append(time);
  }
  item.append(excerptNode(data.excerpt ?? ""));
  return item;
}

let latest = 0;
async function run(query) {
  const ticket = ++latest;
  const trimmed = query.trim();
  if (!trimmed) {
    list.replaceChildren();
    status.textContent = "";
    return;
  }
  status.textContent = messages.loading ?? "";
  try {
    const [pagefind, table] = await loadEngine();
    const byId = new Map();
    for (const variant of variantsOf(trimmed, table)) {
      const response = await pagefind.search(variant);
      for (const result of response?.results ?? []) {
        const seen = byId.get(result.id);
        if (!seen || seen.score < result.score) byId.set(result.id, result);
      }
    }
    const ranked = [...byId.values()].sort((a, b) => b.score - a.score).slice(0, MAX_RESULTS);
    const data = await Promise.all(ranked.map((result) => result.data()));
    if (ticket !== latest) return;
    list.replaceChildren(...data.map(resultItem));
    status.textContent = format(data.length ? messages.count : messages.none, { n: String(data.length), q: trimmed });
  } catch {
    if (ticket !== latest) return;
    list.replaceChildren();
    status.textContent = messages.failed ?? "";
  }
}

if (form && input && status && list) {
  let timer;
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    clearTimeout(timer);
    const url = new URL(location.href);
    url.searchParams.set("q", input.value.trim());
    history.replaceState(null, "", url);
    run(input.value);
  });
  input.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(() => run(input.value), 250);
  });
  input.addEventListener("focus", () => loadEngine().catch(() => {}), { once: true });
  const initial = new URL(location.href).searchParams.get("q");
  if (initial) {
    input.value = initial;
    run(initial);
  }
}
