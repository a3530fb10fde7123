// Module Web Worker that owns Pyodide: the page stays responsive while Python runs, and Stop can
// always end a run by terminating this worker. Messages in: {type: "load", indexURL,
// interruptBuffer?} and {type: "run", id, code, filename, settings}. Messages out: progress,
// ready, load-error, stdout, done.

const HELPERS = ["svgplot.py"]; // modules the demo files import, shipped beside this worker
const FLUSH_MS = 80;
const OUTPUT_LIMIT = 200_000; // characters of stdout per run; more is cut with a note

const RUNNER = String.raw`
import json, linecache, math, sys, traceback

if "/termweave" not in sys.path:
    sys.path.insert(0, "/termweave")

def _tw_clean(value):
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, dict):
        return {str(k): _tw_clean(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_tw_clean(v) for v in value]
    return value

def _tw_run(code, filename, settings_json):
    linecache.cache[filename] = (len(code), None, code.splitlines(True), filename)
    namespace = {"__name__": "__main__", "__file__": filename,
                 "SETTINGS": json.loads(settings_json)}
    try:
        exec(compile(code, filename, "exec"), namespace)
    except SystemExit:
        pass
    except BaseException as error:
        tb = error.__traceback__
        if tb is not None and tb.tb_frame.f_code.co_name == "_tw_run":
            tb = tb.tb_next
        text = "".join(traceback.format_exception(type(error), error, tb))
        return json.dumps({"ok": False, "error": text,
                           "interrupted": isinstance(error, KeyboardInterrupt)})
    finally:
        sys.stdout.flush()
    result = _tw_clean(namespace.get("RESULT"))
    try:
        return json.dumps({"ok": True, "result": result})
    except (TypeError, ValueError) as error:
        return json.dumps({"ok": False, "error": f"RESULT cannot be shown: {error}"})
`;

let pyodide = null;
let runId = null;
let pending = "";
let sent = 0;
let lastFlush = 0;

function flush() {
  if (pending && runId !== null) {
    self.postMessage({ type: "stdout", id: runId, text: pending });
  }
  pending = "";
  lastFlush = Date.now();
}

function write(line) {
  if (runId === null) return;
  if (sent >= OUTPUT_LIMIT) return;
  sent += line.length + 1;
  pending += sent >= OUTPUT_LIMIT ? "[output cut: too long]\n" : `${line}\n`;
  if (pending.length > 4096 || Date.now() - lastFlush > FLUSH_MS) flush();
}

// Count the bytes of the runtime's own downloads so the page can show real progress.
function trackDownloads(indexURL) {
  const original = self.fetch.bind(self);
  const totals = new Map(); // url -> bytes, or null when the size is unknown (compressed)
  let loaded = 0;
  const report = (file) => {
    let total = 0;
    for (const size of totals.values()) {
      total = size === null || total === null ? null : total + size;
    }
    self.postMessage({ type: "progress", loaded, total: total ?? 0, file });
  };
  self.fetch = async (input, init) => {
    const response = await original(input, init);
    const url = typeof input === "string" ? input : input.url || String(input);
    if (!url.startsWith(indexURL) || !response.ok || !response.body) return response;
    const length = Number(response.headers.get("content-length")) || 0;
    const file = url.slice(indexURL.length);
    totals.set(url, response.headers.get("content-encoding") || !length ? null : length);
    report(file);
    // Count a clone, hand Pyodide the original: it keeps its URL, so the browser can reuse
    // the compiled WebAssembly from its cache on the next visit.
    const reader = response.clone().body.getReader();
    (async () => {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        loaded += value.byteLength;
        report(file);
      }
    })().catch(() => {});
    return response;
  };
  return () => {
    self.fetch = original;
  };
}

async function load({ indexURL, interruptBuffer }) {
  const started = performance.now();
  const untrack = trackDownloads(indexURL);
  try {
    const helperSources = await Promise.all(
      HELPERS.map(async (name) => {
        const response = await fetch(new URL(`./${name}`, import.meta.url));
        if (!response.ok) throw new Error(`${name}: HTTP ${response.status}`);
        return [name, await response.text()];
      }),
    );
    const { loadPyodide } = await import(`${indexURL}pyodide.mjs`);
    pyodide = await loadPyodide({ indexURL, fullStdLib: false });
    self.postMessage({ type: "progress", stage: "starting" });
    pyodide.setStdout({ batched: write });
    pyodide.setStderr({ batched: write });
    if (interruptBuffer) pyodide.setInterruptBuffer(interruptBuffer);
    pyodide.FS.mkdirTree("/termweave");
    for (const [name, text] of helperSources) {
      pyodide.FS.writeFile(`/termweave/${name}`, text);
    }
    pyodide.runPython(RUNNER);
    self.postMessage({ type: "ready", ms: performance.now() - started });
  } catch (error) {
    pyodide = null;
    self.postMessage({ type: "load-error", message: String(error?.message || error) });
  } finally {
    untrack();
  }
}

function run({ id, code, filename, settings }) {
  runId = id;
  sent = 0;
  pending = "";
  lastFlush = Date.now();
  const started = performance.now();
  let reply;
  try {
    const runner = pyodide.globals.get("_tw_run");
    try {
      reply = JSON.parse(runner(code, filename, JSON.stringify(settings)));
    } finally {
      runner.destroy();
    }
  } catch (error) {
    reply = { ok: false, error: String(error?.message || error) };
  }
  flush();
  runId = null;
  self.postMessage({ type: "done", id, ms: performance.now() - started, ...reply });
}

self.onmessage = async ({ data }) => {
  if (data.type === "load") await load(data);
  else if (data.type === "run") run(data);
};
