"""A Pagefind indexer fed page by page while the build writes them: `pagefind --service`,
spoken to over its stdin/stdout protocol (base64 JSON messages, each ended by a comma).

Pagefind's own Python client waits 0.1 s between responses (about 10 pages a second); here one
thread writes the requests and another reads the answers, so adding a page costs the build only
a queue put, and the indexer works on the other core meanwhile. Each request is sent once the
one before it is answered: the service handles them one after the other anyway (measured: as
fast as sending them all at once), and pages enter the index in the order the build writes
them. The bundle is then the same from build to build for the same pages, except Pagefind's
filter file (and the metadata file that names it), which it writes from a hash map in no fixed
order."""

from __future__ import annotations

import base64
import contextlib
import json
import os
import queue
import subprocess
import tempfile
import threading
from pathlib import Path
from typing import IO, Any

_STOP = None  # the writer thread's end-of-queue marker
_ENDED = -2  # the answer key that says the process ended


class IndexerError(Exception):
    """Pagefind could not be started, refused a page, or failed to write the index."""


def pagefind_executable() -> Path:
    """The binary shipped by the `pagefind[bin]` package (PAGEFIND_BINARY_PATH overrides it)."""
    override = os.environ.get("PAGEFIND_BINARY_PATH")
    if override:
        return Path(override)
    try:
        from pagefind_bin import get_executable
    except ImportError:
        raise IndexerError(
            "Pagefind is not installed: run `make setup` (it installs `pagefind[bin]`)"
        ) from None
    path: Path = get_executable()
    return path


def encode(message_id: int, payload: dict[str, Any]) -> bytes:
    """One request as the service reads it."""
    body = json.dumps({"message_id": message_id, "payload": payload}).encode()
    return base64.b64encode(body) + b","


def decode(chunk: bytes) -> dict[str, Any]:
    """One response (without its comma)."""
    decoded: dict[str, Any] = json.loads(base64.b64decode(chunk))
    return decoded


class Indexer:
    """One Pagefind service process holding one index. `add` never blocks on the process;
    `write` waits for every page to be indexed, writes the bundle and ends the process."""

    def __init__(self, language: str, niceness: int = 0) -> None:
        command = [str(pagefind_executable()), "--service"]
        if niceness:
            command = ["nice", "-n", str(niceness), *command]
        self._stderr: IO[bytes] = tempfile.TemporaryFile()  # noqa: SIM115 (closed by close())
        try:
            self.process = subprocess.Popen(
                command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=self._stderr
            )
        except OSError as error:
            raise IndexerError(f"could not start Pagefind ({command[0]}): {error}") from None
        self._requests: queue.SimpleQueue[tuple[int, bytes] | None] = queue.SimpleQueue()
        self._answers: dict[int, dict[str, Any]] = {}
        self._answered = threading.Condition()
        self._next_id = 0
        self.errors: list[str] = []
        self.pages = 0
        self._write_id: int | None = None
        self._writer = threading.Thread(target=self._write_requests, daemon=True)
        self._reader = threading.Thread(target=self._read_answers, daemon=True)
        self._writer.start()
        self._reader.start()
        config = {
            "force_language": language.split("-")[0] or "en",
            "exclude_selectors": [".headerlink"],  # the permalink signs of headings
        }
        self._send({"type": "NewIndex", "config": config})

    def _send(self, payload: dict[str, Any]) -> int:
        message_id = self._next_id
        self._next_id += 1
        self._requests.put((message_id, encode(message_id, payload)))
        return message_id

    def add(self, url: str, html: str) -> None:
        """Index one page's HTML under the site-root URL `url` ('/glossary/x/')."""
        self.pages += 1
        self._send({"type": "AddFile", "index_id": 0, "url": url, "file_contents": html})

    def _write_requests(self) -> None:
        stdin = self.process.stdin
        assert stdin is not None
        while (request := self._requests.get()) is not _STOP:
            message_id, message = request
            try:
                stdin.write(message)
                stdin.flush()
            except (BrokenPipeError, ValueError):
                return
            self._wait_for(message_id)

    def _read_answers(self) -> None:
        stdout = self.process.stdout
        assert stdout is not None
        pending = b""
        while chunk := stdout.read1(1 << 16):  # type: ignore[attr-defined]
            pending += chunk
            *complete, pending = pending.split(b",")
            for raw in complete:
                answer = decode(raw)
                payload = answer.get("payload") or {}
                if payload.get("type") == "Error":
                    self.errors.append(str(payload.get("message")))
                with self._answered:
                    self._answers[int(answer.get("message_id", -1))] = payload
                    self._answered.notify_all()
        with self._answered:  # the process ended: nothing more will come
            self._answers[_ENDED] = {"type": "Ended"}
            self._answered.notify_all()

    def _wait_for(self, message_id: int) -> dict[str, Any]:
        with self._answered:
            self._answered.wait_for(lambda: message_id in self._answers or _ENDED in self._answers)
            return self._answers.get(message_id) or {}

    def peak_bytes(self) -> int:
        """The service's own peak resident memory (VmHWM), 0 where Linux does not tell."""
        try:
            status = Path(f"/proc/{self.process.pid}/status").read_text(encoding="ascii")
        except OSError:
            return 0
        for line in status.splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) * 1024
        return 0

    def start_write(self, output: Path) -> None:
        """Ask for the bundle in `output` once every page is in; `write` waits for it (the
        build does its last work meanwhile)."""
        if self._write_id is None:
            payload = {"type": "WriteFiles", "index_id": 0, "output_path": str(output)}
            self._write_id = self._send(payload)

    def write(self, output: Path) -> int:
        """Write the bundle into `output` once every page is in; returns Pagefind's peak
        memory. Raises IndexerError with Pagefind's messages when a page or the write failed."""
        self.start_write(output)
        assert self._write_id is not None
        done = self._wait_for(self._write_id)
        peak = self.peak_bytes()
        self._stderr.seek(0)
        said = self._stderr.read().decode(errors="replace").strip()
        self.close()
        if self.errors or done.get("type") != "WriteFiles":
            problems = [*self.errors, *([said] if said else [])] or ["it stopped unexpectedly"]
            raise IndexerError("Pagefind failed: " + "; ".join(problems))
        return peak

    def close(self) -> None:
        """End the process (whatever it was doing) and the threads."""
        self._requests.put(_STOP)
        if self.process.stdin is not None:
            with contextlib.suppress(OSError):
                self.process.stdin.close()
        try:
            self.process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self._reader.join(timeout=5)
        self._writer.join(timeout=5)
        self._stderr.close()
