// The Python runtime as seen from the page: one module worker running Pyodide, a queue of runs,
// and Stop (interrupt when the page is cross-origin isolated, otherwise replace the worker).

const WORKER_URL = new URL("./worker.mjs", import.meta.url);
const STOP_GRACE_MS = 400; // with an interrupt buffer, wait this long before terminating

// One runtime per browsing session: it survives Material's instant navigation, so a warm Run on
// the next demo page skips the download.
export class Runtime {
  constructor(indexURL) {
    this.indexURL = indexURL;
    this.worker = null;
    this.ready = null;
    this.queue = [];
    this.current = null;
    this.listeners = new Set();
    this.nextId = 1;
    this.interrupt = globalThis.crossOriginIsolated
      ? new Int32Array(new SharedArrayBuffer(4))
      : null;
  }

  emit(event) {
    for (const listener of this.listeners) listener(event);
  }

  start() {
    if (this.ready) return this.ready;
    const worker = new Worker(WORKER_URL, { type: "module", name: "termweave-python" });
    this.worker = worker;
    this.ready = new Promise((resolve, reject) => {
      worker.onmessage = ({ data }) => {
        if (data.type === "progress") this.emit(data);
        else if (data.type === "ready") {
          this.loadMs = data.ms;
          resolve();
        } else if (data.type === "load-error") reject(new Error(data.message));
        else this.onRunMessage(data);
      };
      worker.onerror = (event) => {
        event.preventDefault();
        reject(new Error(event.message || "the Python worker failed to start"));
      };
    });
    this.ready.catch(() => this.reset());
    if (this.interrupt) Atomics.store(this.interrupt, 0, 0); // a past Stop must not hit the new one
    worker.postMessage({ type: "load", indexURL: this.indexURL, interruptBuffer: this.interrupt });
    return this.ready;
  }

  reset() {
    this.worker?.terminate();
    this.worker = null;
    this.ready = null;
    this.loadMs = undefined;
  }

  // Queue a run; resolves with the worker's "done" message (or {stopped: true}).
  run(job) {
    job.id = this.nextId++;
    const finished = new Promise((resolve) => {
      job.resolve = resolve;
    });
    this.queue.push(job);
    this.pump();
    return finished;
  }

  async pump() {
    if (this.current || this.queue.length === 0) return;
    const job = this.queue.shift();
    this.current = job;
    try {
      await this.start();
    } catch (error) {
      this.current = null;
      job.resolve({ failed: true, message: error.message });
      this.pump();
      return;
    }
    if (this.current !== job) return; // stopped while loading
    job.onStart?.();
    if (this.interrupt) Atomics.store(this.interrupt, 0, 0);
    const { code, filename, settings, id } = job;
    this.worker.postMessage({ type: "run", id, code, filename, settings });
  }

  onRunMessage(data) {
    const job = this.current;
    if (!job || data.id !== job.id) return;
    if (data.type === "stdout") job.onOutput?.(data.text);
    else if (data.type === "done") {
      this.current = null;
      job.resolve(data);
      this.pump();
    }
  }

  // Stop a queued or running job. A runaway loop is interrupted when the page is cross-origin
  // isolated; otherwise (or if that does not end it quickly) the worker is replaced.
  async stop(job) {
    const queued = this.queue.indexOf(job);
    if (queued >= 0) {
      this.queue.splice(queued, 1);
      job.resolve({ stopped: true });
      return;
    }
    if (this.current !== job) return;
    if (this.interrupt && this.ready) {
      Atomics.store(this.interrupt, 0, 2); // SIGINT: Python raises KeyboardInterrupt
      const ended = await Promise.race([
        new Promise((resolve) => {
          const original = job.resolve;
          job.resolve = (value) => {
            original(value);
            resolve(true);
          };
        }),
        new Promise((resolve) => setTimeout(() => resolve(false), STOP_GRACE_MS)),
      ]);
      if (ended) return;
    }
    if (this.current !== job) return;
    this.current = null;
    this.reset();
    job.resolve({ stopped: true });
    this.start().catch(() => {}); // warm a fresh worker for the next Run
    this.pump();
  }
}
