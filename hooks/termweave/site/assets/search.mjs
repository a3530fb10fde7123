/* termweave search: the header's search box (partials/tw-search.html) and the A–Z filter box.
 *
 * Terms first: a query that is a term's name, alias or plural (normalised as names.py does)
 * answers with that term, then names that start with the query, then Pagefind's results
 * (pagefind.js, its JS API only), without repeats; a result shows its summary or description.
 * The names come from one small shard,
 * search/names/<first characters>.json. Pagefind is loaded on first use.
 * Keys: "/", "s" or "f" open the box; arrows move between results; Enter opens; Escape closes.
 * Under Material's instant navigation the header stays, so this runs once (a click on a result
 * closes the box before the page changes); the A–Z filter box is in the page content and is
 * bound again on every page (document$).
 * Text goes into the page with textContent only.
 */
const ROOT = new URL("../../", import.meta.url);
const SEARCH = new URL("search/", ROOT);
const PAGE = 10;
// Material closes search 125 ms after every page change (instant navigation): a box the
// reader opened within this long is kept open
const KEEP_OPEN_MS = 300;
const KIND_LABELS = { term: "Glossary term", lesson: "Lesson", level: "Level", page: "Page" };

export function normalise(text) {
  return text
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

const cache = new Map();
function fetchJSON(url) {
  if (!cache.has(url)) {
    cache.set(url, fetch(url).then((r) => (r.ok ? r.json() : null)).catch(() => null));
  }
  return cache.get(url);
}

/* Terms whose name, alias or plural is the query, then those starting with it. */
export async function nameMatches(key) {
  const index = await fetchJSON(new URL("names/index.json", SEARCH));
  if (!index || !key) return [];
  const shard = key.slice(0, index.depth).replace(/[^a-z0-9]/g, "_");
  if (!index.shards.includes(shard)) return [];
  const data = await fetchJSON(new URL(`names/${shard}.json`, SEARCH));
  if (!data) return [];
  const exact = (data.keys[key] || []).map((i) => data.terms[i]);
  const starting = Object.keys(data.keys)
    .filter((k) => k !== key && k.startsWith(key))
    .sort((a, b) => a.length - b.length || (a < b ? -1 : 1))
    .flatMap((k) => data.keys[k].map((i) => data.terms[i]));
  const seen = new Set();
  return [...exact, ...starting]
    .filter((t) => !seen.has(t[1]) && seen.add(t[1]))
    .map(([title, url, group, summary, early]) => ({
      title, url: new URL(url, ROOT).href, kind: "term", group, text: summary, early: !!early,
    }));
}

/* The query as the index holds page text: without the commonest words ("the", "it"...), which
 * it leaves out (search/stopwords.py; the list comes with names/index.json). A query of
 * nothing else is searched as typed. */
export async function indexedWords(query) {
  const index = await fetchJSON(new URL("names/index.json", SEARCH));
  const stop = new Set((index && index.stop) || []);
  const kept = query.split(/\s+/).filter((w) => !stop.has(bare(w).toLowerCase()));
  return kept.length ? kept.join(" ") : query;
}

/* A word without the punctuation that may follow it (as search/stopwords.py reads words). */
const bare = (word) => word.replace(/[.,;:!?)]+$/, "");

let pagefind = null;
function loadPagefind() {
  if (!pagefind) {
    pagefind = import(new URL("pagefind/pagefind.js", SEARCH).href)
      .then(async (module) => {
        await module.options({ excerptLength: 24, baseUrl: "/" });
        await module.init();
        return module;
      })
      .catch(() => null);
  }
  return pagefind;
}

function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text) node.textContent = text;
  return node;
}

/* Text with <mark> around what matched: Pagefind's excerpt (only its <mark> tags kept) or
 * our own words found in a summary. */
function highlighted(parent, text, words, pagefindExcerpt) {
  if (pagefindExcerpt) {
    const doc = new DOMParser().parseFromString(`<p>${text}</p>`, "text/html");
    for (const node of doc.body.firstChild.childNodes) {
      const isMark = node.nodeName === "MARK";
      parent.append(isMark ? el("mark", "", node.textContent) : node.textContent);
    }
    return;
  }
  const pattern = words
    .map(bare)
    .filter(Boolean)
    .map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
  if (!pattern.length) return parent.append(text);
  const parts = text.split(new RegExp(`(${pattern.join("|")})`, "gi"));
  parts.forEach((part, i) => parent.append(i % 2 ? el("mark", "", part) : part));
}

function resultItem(hit, words) {
  const item = el("li", "md-search-result__item");
  const link = el("a", "md-search-result__link");
  link.href = hit.url;
  link.dataset.twKind = hit.kind;
  const article = el("article", "md-search-result__article md-typeset tw-result");
  article.append(el("div", "tw-result__title", hit.title));
  const meta = el("div", "tw-result__meta", KIND_LABELS[hit.kind] || "Page");
  if (hit.group) meta.append(" · ", hit.group);
  if (hit.section) meta.append(" › ", hit.section);
  if (hit.early) meta.append(" ", el("span", "tw-badge tw-badge--early", "Early access"));
  const excerpt = el("p", "tw-result__text");
  highlighted(excerpt, hit.text || "", words, hit.pagefind);
  article.append(meta, excerpt);
  link.append(article);
  item.append(link);
  return item;
}

/* Pagefind's hit as ours: its best section (the one with most matches) when it has an anchor. */
async function fromPagefind(result) {
  const data = await result.data();
  const subs = (data.sub_results || []).slice().sort(
    (a, b) => (b.locations || []).length - (a.locations || []).length,
  );
  const best = subs[0];
  const anchor = best && best.anchor;
  const section = anchor && anchor.element !== "h1" && best.url.includes("#") ? best : null;
  const meta = data.meta || {};
  return {
    title: meta.title || data.url,
    url: new URL((section || data).url.replace(/^\//, ""), ROOT).href,
    page: new URL(data.url.replace(/^\//, ""), ROOT).href,
    kind: meta.kind || "page",
    group: meta.group || "",
    section: section ? section.title : "",
    early: meta.early === "1",
    // the page's summary or description, our words marked: the index's text lacks the
    // commonest words, so its excerpts would read oddly
    text: meta.summary || (section || data).excerpt,
    pagefind: !meta.summary,
  };
}

function setUpSearchBox(box) {
  const toggle = document.getElementById("__search");
  const input = box.querySelector(".md-search__input");
  const list = box.querySelector(".md-search-result__list");
  const status = box.querySelector(".tw-search-status");
  const more = box.querySelector(".tw-search-more");
  const kinds = box.querySelector(".tw-search-kinds");
  if (!toggle || !input || !list) return;
  box.querySelector(".tw-search-az").href = new URL("glossary/", ROOT).href;
  box.querySelector("form").addEventListener("submit", (event) => {
    event.preventDefault();
    const first = list.querySelector("a");
    if (first) first.click();
  });
  kinds.hidden = false;
  let run = 0;
  let pending = [];
  let shown = new Set();
  let words = [];

  const kind = () => (box.querySelector("input[name=tw-kind]:checked") || {}).value || "all";
  let openedAt = 0;
  let closing = false;
  const open = () => {
    openedAt = Date.now();
    toggle.checked = true;
    toggle.dispatchEvent(new Event("change"));
  };
  const close = () => {
    closing = true;
    toggle.checked = false;
    toggle.dispatchEvent(new Event("change"));
    closing = false;
  };

  async function showMore(token) {
    let added = 0;
    while (pending.length && added < PAGE) {
      const next = pending.shift();
      const hit = typeof next.data === "function" ? await fromPagefind(next) : next;
      if (token !== run) return;
      if (shown.has(hit.page || hit.url)) continue;
      shown.add(hit.page || hit.url);
      list.append(resultItem(hit, words));
      added += 1;
    }
    more.hidden = pending.length === 0;
  }

  async function search() {
    const token = ++run;
    const query = input.value.trim();
    const key = normalise(query);
    list.replaceChildren();
    more.hidden = true;
    shown = new Set();
    if (!key) {
      status.textContent = "Type to search.";
      return;
    }
    status.textContent = "Searching…";
    const searched = await indexedWords(query);
    if (token !== run) return;
    words = searched.split(/\s+/);  // marked in the results' text
    const wanted = kind();
    // a name as typed, else as the index reads it ("the learning rate": "learning rate")
    const asIndexed = normalise(searched);
    let names = wanted === "lesson" ? [] : await nameMatches(key);
    if (!names.length && wanted !== "lesson" && asIndexed !== key) names = await nameMatches(asIndexed);
    const engine = await loadPagefind();
    if (token !== run) return;
    const filters = wanted === "term" ? { kind: "term" } : wanted === "lesson" ? { kind: { any: ["lesson", "level"] } } : {};
    const found = engine ? await engine.search(searched, { filters }) : null;
    if (token !== run) return;
    pending = [...names, ...((found && found.results) || [])];
    await showMore(token);
    if (token !== run) return;
    const count = list.children.length;
    status.textContent = count ? `Results for “${query}”` : `No results for “${query}”.`;
  }

  let timer = 0;
  input.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(search, 60);
  });
  kinds.addEventListener("change", () => { search(); input.focus(); });
  input.addEventListener("focus", () => { if (!toggle.checked) open(); loadPagefind(); });
  box.querySelector("button[type=reset]").addEventListener("click", () => {
    input.value = "";
    search();
    input.focus();
  });
  more.addEventListener("click", () => showMore(run));
  toggle.addEventListener("change", () => {
    if (!toggle.checked && !closing && Date.now() - openedAt < KEEP_OPEN_MS) {
      toggle.checked = true;  // Material closed it for a page change the reader had made
    }
    if (toggle.checked) input.focus();
    else input.blur();
  });
  list.addEventListener("click", (event) => { if (event.target.closest("a")) close(); });
  box.addEventListener("keydown", (event) => {
    const links = [...list.querySelectorAll("a")];
    const at = links.indexOf(document.activeElement);
    if (event.key === "Escape") {
      event.preventDefault();
      close();
    } else if (event.key === "ArrowDown" && links.length) {
      event.preventDefault();
      links[Math.min(at + 1, links.length - 1)].focus();
    } else if (event.key === "ArrowUp" && at >= 0) {
      event.preventDefault();
      (at === 0 ? input : links[at - 1]).focus();
    }
  });
  document.addEventListener("keydown", (event) => {
    if (event.metaKey || event.ctrlKey || event.altKey || toggle.checked) return;
    const target = event.target;
    const editable = target.closest && target.closest("input, textarea, select, [contenteditable]");
    if (editable || !["/", "s", "f"].includes(event.key)) return;
    event.preventDefault();
    open();
    input.select();
  });
}

/* The A–Z index's filter box: every term by name, alias and summary, across all letters. */
function setUpFilter(box) {
  if (box.dataset.twBound) return;
  box.dataset.twBound = "1";
  const input = box.querySelector("input");
  const list = box.querySelector(".tw-az-filter__list");
  const status = box.querySelector(".tw-az-filter__status");
  box.hidden = false;
  let token = 0;
  input.addEventListener("input", async () => {
    const mine = ++token;
    const parts = normalise(input.value).split(" ").filter(Boolean);
    list.replaceChildren();
    if (!parts.length) return void (status.textContent = "");
    const data = await fetchJSON(new URL("terms.json", SEARCH));
    if (mine !== token || !data) return;
    const matches = data.terms.filter((t) => {
      const text = normalise(`${t[0]} ${t[2]} ${t[3]}`);
      return parts.every((p) => text.includes(p));
    });
    for (const [name, url, aliases, summary, early] of matches.slice(0, 200)) {
      const item = el("li");
      const link = el("a", "", name);
      link.href = new URL(url, ROOT).href;
      item.append(link);
      if (early) item.append(" ", el("span", "tw-badge tw-badge--early", "Early access"));
      if (aliases) item.append(" ", el("span", "tw-index-category", aliases));
      item.append(el("br"), summary);
      list.append(item);
    }
    const n = matches.length;
    status.textContent = n ? `${n} term${n === 1 ? "" : "s"} match${n > 200 ? " (first 200 shown)" : ""}.` : "No term matches.";
  });
}

const box = document.querySelector("[data-tw-search]");
if (box) setUpSearchBox(box);
const bindFilters = () => document.querySelectorAll("[data-tw-az-filter]").forEach(setUpFilter);
if (window.document$) window.document$.subscribe(bindFilters);
else bindFilters();
