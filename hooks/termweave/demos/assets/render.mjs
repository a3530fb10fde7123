// Draws a run's RESULT into the page: headline, the demo's own SVG figures (sanitised, since
// the reader may have edited the code that made them), facts and table. Text goes in as text.

const SVG_NS = "http://www.w3.org/2000/svg";
const SVG_TAGS = new Set(["svg", "g", "path", "line", "polyline", "polygon", "rect", "circle",
  "ellipse", "text", "tspan", "title", "desc"]);

export function element(tag, attributes = {}, text = "") {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  if (text) node.textContent = text;
  return node;
}

// The SVG comes from Python code the reader may have edited: keep drawing elements only.
export function safeSvg(markup) {
  const parsed = new DOMParser().parseFromString(markup, "image/svg+xml");
  const root = parsed.documentElement;
  if (root.namespaceURI !== SVG_NS || root.localName !== "svg") return null;
  const walk = (node) => {
    for (const child of [...node.children]) {
      if (child.namespaceURI !== SVG_NS || !SVG_TAGS.has(child.localName)) child.remove();
      else walk(child);
    }
    for (const attribute of [...node.attributes]) {
      const name = attribute.name.toLowerCase();
      if (name.startsWith("on") || name.includes("href") || name === "style") {
        node.removeAttribute(attribute.name);
      }
    }
  };
  walk(root);
  return document.importNode(root, true);
}

export function renderResult(container, result) {
  const parts = [];
  parts.push(element("p", {
    class: "tw-demo__headline",
    "data-verdict": String(result.verdict ?? ""),
  }, String(result.headline ?? "")));
  const figures = element("div", { class: "tw-demo__figures" });
  for (const markup of Array.isArray(result.figures) ? result.figures : []) {
    const svg = typeof markup === "string" ? safeSvg(markup) : null;
    if (svg) figures.append(svg);
  }
  parts.push(figures);
  if (Array.isArray(result.facts) && result.facts.length) {
    const facts = element("dl", { class: "tw-demo__facts" });
    for (const [name, value] of result.facts) {
      facts.append(element("dt", {}, String(name)), element("dd", {}, String(value)));
    }
    parts.push(facts);
  }
  const table = result.table;
  if (table && Array.isArray(table.columns) && Array.isArray(table.rows)) {
    const wrap = element("div", { class: "tw-table-wrap" });
    const node = element("table");
    if (table.caption) node.append(element("caption", {}, String(table.caption)));
    const head = element("tr");
    for (const column of table.columns) {
      head.append(element("th", { scope: "col" }, String(column)));
    }
    node.append(element("thead"));
    node.tHead.append(head);
    const body = element("tbody");
    for (const row of table.rows) {
      const tr = element("tr");
      for (const cell of row) tr.append(element("td", {}, String(cell)));
      body.append(tr);
    }
    node.append(body);
    wrap.append(node);
    parts.push(wrap);
  }
  container.replaceChildren(...parts);
}
