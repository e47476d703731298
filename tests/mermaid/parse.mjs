// Parse Mermaid flowcharts with the real Mermaid parser and report what it read.
// Input on stdin: a JSON array of diagram texts. Output on stdout: a JSON array with, for each,
// {ok, error, title, config, nodes: {id: {html, text, tags, classes}}, edges: [[from, to, type]]};
// config is the configuration the diagram itself sets (front matter and %%{init}%% directives).
// Labels are decoded the way Mermaid's renderer does (its entity markers, then HTML), so a test
// can compare the text a reader would see with what the map says.
import { readFileSync } from "node:fs";
import { JSDOM } from "jsdom";

const dom = new JSDOM("<!DOCTYPE html><body></body>");
globalThis.window = dom.window;
globalThis.document = dom.window.document;
const { default: mermaid } = await import("mermaid");
mermaid.initialize({ startOnLoad: false, securityLevel: "strict" });

function decode(label) {
  // Mermaid keeps entity codes as markers while parsing and turns them into HTML entities
  // when it draws the label (its decodeEntities); the browser then reads the HTML.
  const html = label.replace(/ﬂ°°/g, "&#").replace(/ﬂ°/g, "&").replace(/¶ß/g, ";");
  const holder = dom.window.document.createElement("div");
  holder.innerHTML = html;
  const tags = [...holder.querySelectorAll("*")].map((e) => e.tagName.toLowerCase());
  return { html, text: holder.textContent, tags };
}

const texts = JSON.parse(readFileSync(0, "utf8"));
const results = [];
for (const text of texts) {
  try {
    const { config } = await mermaid.parse(text);
    const diagram = await mermaid.mermaidAPI.getDiagramFromText(text);
    const db = diagram.db;
    const nodes = {};
    for (const [id, vertex] of db.getVertices()) {
      nodes[id] = { ...decode(vertex.text ?? ""), classes: vertex.classes ?? [] };
    }
    const edges = db.getEdges().map((e) => [e.start, e.end, e.type]);
    const title = db.getDiagramTitle ? db.getDiagramTitle() : "";
    results.push({ ok: true, error: null, title, config: config ?? {}, nodes, edges });
  } catch (error) {
    results.push({
      ok: false, error: String(error.message ?? error), title: "", config: {}, nodes: {}, edges: [],
    });
  }
}
process.stdout.write(JSON.stringify(results));
