// Enhances the demo blocks on a page: controls, Run / Stop / Reset, streamed output and the
// result drawn from the demo's own SVG. Python runs in a module worker (worker.mjs) that loads
// Pyodide on the first Run; nothing is fetched before the reader shows intent. Every URL is
// derived from this module's own URL, so the site works from any base path and offline.

import { element, renderResult } from "./render.mjs";
import { Runtime } from "./runtime.mjs";

const SELF_HOSTED = new URL("../../pyodide/", import.meta.url).href;

let runtime = null;

// extra.termweave.pyodide_url arrives as data-tw-pyodide; without it, the copy in this site.
function runtimeFor(block) {
  if (!runtime) {
    const configured = block.dataset.twPyodide;
    const url = configured ? new URL(configured, document.baseURI).href : SELF_HOSTED;
    runtime = new Runtime(url.endsWith("/") ? url : `${url}/`);
  }
  return runtime;
}

function megabytes(bytes) {
  return (bytes / 1e6).toFixed(1);
}

function roundSignificant(value) {
  return Number(value.toPrecision(2));
}

class Demo {
  constructor(block) {
    this.block = block;
    this.q = (selector) => block.querySelector(selector);
    this.code = this.q("[data-tw-code]");
    this.form = this.q("[data-tw-controls]");
    this.status = this.q("[data-tw-status]");
    this.output = this.q("[data-tw-output] code") || this.q("[data-tw-output]");
    this.result = this.q("[data-tw-result]");
    this.runButton = this.q("[data-tw-run]");
    this.stopButton = this.q("[data-tw-stop]");
    this.job = null;
    this.defaults = new Map();
    for (const input of this.inputs()) this.defaults.set(input, this.readInput(input));
    this.wire();
    block.dataset.twReady = "";
    this.setState("idle");
  }

  inputs() {
    return [...this.block.querySelectorAll("[data-tw-setting]")];
  }

  readInput(input) {
    const kind = input.dataset.twKind;
    if (kind === "checkboxes") return input.checked;
    if (kind === "log-range" || kind === "range") return Number(input.dataset.twValue);
    if (kind === "number") return Number(input.value);
    return input.value;
  }

  writeInput(input, value) {
    const kind = input.dataset.twKind;
    if (kind === "checkboxes") {
      input.checked = Array.isArray(value) ? value.includes(input.value) : Boolean(value);
    } else if (kind === "log-range" || kind === "range") {
      input.dataset.twValue = String(value);
      input.value = String(kind === "log-range" ? Math.log10(value) : value);
      input.setAttribute("aria-valuetext", String(value));
      const shown = this.block.querySelector(`output[for="${CSS.escape(input.id)}"]`);
      if (shown) shown.textContent = String(value);
    } else {
      input.value = String(value);
    }
  }

  settings() {
    const settings = {};
    for (const input of this.inputs()) {
      const key = input.dataset.twSetting;
      const kind = input.dataset.twKind;
      if (kind === "checkboxes") {
        settings[key] ??= [];
        if (input.checked) settings[key].push(input.value);
      } else if (kind === "number") {
        const low = Number(input.min);
        const high = Number(input.max);
        let value = Math.round(Number(input.value));
        if (!Number.isFinite(value)) value = this.defaults.get(input);
        value = Math.min(high, Math.max(low, value));
        input.value = String(value);
        settings[key] = value;
      } else {
        settings[key] = this.readInput(input);
      }
    }
    return settings;
  }

  wire() {
    const enhanced = "[data-tw-controls], [data-tw-buttons], [data-tw-presets]";
    for (const hidden of this.block.querySelectorAll(enhanced)) hidden.hidden = false;
    this.q("[data-tw-nojs]")?.remove();
    this.form.addEventListener("submit", (event) => {
      event.preventDefault();
      this.run();
    });
    for (const input of this.inputs()) {
      if (input.type !== "range") continue;
      input.addEventListener("input", () => {
        const raw = Number(input.value);
        const value = input.dataset.twKind === "log-range" ? roundSignificant(10 ** raw) : raw;
        this.writeInput(input, value);
        input.value = String(raw); // keep the thumb where the reader put it
      });
    }
    for (const button of this.block.querySelectorAll("[data-tw-preset]")) {
      button.addEventListener("click", () => {
        const preset = JSON.parse(button.dataset.twPreset);
        for (const input of this.inputs()) {
          const key = input.dataset.twSetting;
          if (key in preset) this.writeInput(input, preset[key]);
        }
        this.run();
      });
    }
    this.runButton.addEventListener("click", () => this.run());
    this.stopButton.addEventListener("click", () => this.stop());
    this.q("[data-tw-reset]").addEventListener("click", () => this.reset());
    // Warm the runtime when the reader shows intent (not merely on scroll), unless saving data.
    const warm = () => {
      if (!navigator.connection?.saveData) runtimeFor(this.block).start().catch(() => {});
    };
    this.runButton.addEventListener("pointerenter", warm, { once: true });
    this.runButton.addEventListener("focus", warm, { once: true });
    this.code.addEventListener("input", warm, { once: true });
    this.code.addEventListener("keydown", (event) => {
      if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
        event.preventDefault();
        this.run();
      }
    });
  }

  setState(state, message, progress) {
    this.block.dataset.twState = state;
    const busy = state === "loading" || state === "running" || state === "queued";
    this.runButton.disabled = busy;
    this.stopButton.disabled = !busy;
    if (message === undefined) return;
    this.status.dataset.state = state;
    this.status.replaceChildren(document.createTextNode(message));
    if (progress) {
      const bar = element("progress", { max: String(progress.total || 1), "aria-hidden": "true" });
      if (progress.total) bar.value = Math.min(progress.loaded, progress.total);
      else bar.removeAttribute("value");
      this.status.append(bar);
    }
  }

  async run() {
    if (this.job) return;
    const rt = runtimeFor(this.block);
    const settings = this.settings();
    const warm = Boolean(rt.ready) && rt.loadMs !== undefined;
    const clicked = performance.now();
    this.output.textContent = "";
    this.output.parentElement.removeAttribute("data-error");
    let shown = 0;
    let loading = !warm;
    const onProgress = (event) => {
      loading = true;
      if (event.stage === "starting") this.setState("loading", "Starting Python…");
      else if (event.loaded !== undefined && performance.now() - shown > 250) {
        shown = performance.now(); // a few updates a second: readable, and calm for screen readers
        const of = event.total ? ` of ${megabytes(event.total)}` : "";
        const text = `Loading Python in your browser: ${megabytes(event.loaded)}${of} MB…`;
        this.setState("loading", text, event);
      }
    };
    rt.listeners.add(onProgress);
    if (rt.current) this.setState("queued", "Waiting for the other demo on this page…");
    else this.setState("loading", warm ? "Running…" : "Loading Python in your browser…");
    const job = {
      code: this.code.value,
      filename: this.block.dataset.twSource || "demo.py",
      settings,
      onStart: () => this.setState("running", "Running…"),
      onOutput: (text) => {
        this.output.append(text);
      },
    };
    this.job = job;
    const reply = await rt.run(job);
    rt.listeners.delete(onProgress);
    this.job = null;
    const elapsed = performance.now() - clicked;
    const took = elapsed < 1000 ? `${Math.round(elapsed)} ms` : `${(elapsed / 1000).toFixed(1)} s`;
    if (reply.failed) {
      this.setState("failed", `Could not load the Python runtime (${reply.message}). `
        + "The result shown is the one computed when this site was built.");
    } else if (reply.stopped) {
      this.setState("stopped", "Stopped. Press Run to start again.");
    } else if (!reply.ok) {
      this.output.append(reply.error || "");
      this.output.parentElement.setAttribute("data-error", "");
      if (reply.interrupted) this.setState("stopped", "Stopped: Python was interrupted.");
      else this.setState("error", "Python raised an error: the traceback is in the output below.");
    } else if (reply.result && typeof reply.result === "object") {
      renderResult(this.result, reply.result);
      this.setState("done", `Done in ${took}${loading ? " (including loading Python)" : ""}.`);
    } else {
      this.setState("done", `Done in ${took}. The code set no RESULT: nothing new to plot.`);
    }
  }

  stop() {
    if (this.job) runtimeFor(this.block).stop(this.job);
  }

  reset() {
    this.code.value = this.code.defaultValue;
    for (const [input, value] of this.defaults) this.writeInput(input, value);
    const state = this.job ? this.block.dataset.twState : "idle";
    this.setState(state, "Code and settings are back to the original. Press Run to run them.");
  }
}

const demos = new Set();

function boot() {
  for (const demo of demos) {
    if (!demo.block.isConnected) {
      demo.stop(); // a run left behind by instant navigation must not block the next page
      demos.delete(demo);
    }
  }
  for (const block of document.querySelectorAll("[data-tw-demo]:not([data-tw-ready])")) {
    demos.add(new Demo(block));
  }
}

if (globalThis.document$?.subscribe) globalThis.document$.subscribe(boot);
else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", boot);
else boot();
