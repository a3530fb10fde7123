"""`make serve`: MkDocs' own development server (`LiveReloadServer`) with a builder that asks the
preview to rebuild. A rebuild that fails prints its messages and leaves the last good site
served; a change to the code restarts the process (Python would keep running the old code)."""

from __future__ import annotations

import logging
import os
import shutil
import sys
import tempfile
from collections.abc import Callable
from contextlib import nullcontext
from pathlib import Path
from urllib.parse import urlsplit

from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import BuildError, ConfigurationError
from mkdocs.livereload import LiveReloadServer
from watchdog.events import (
    FileClosedEvent,
    FileCreatedEvent,
    FileDeletedEvent,
    FileModifiedEvent,
    FileMovedEvent,
    FileSystemEvent,
)
from watchdog.observers import Observer
from watchdog.observers.api import ObservedWatch

from termweave.preview.collector import PausedCollector
from termweave.preview.fingerprint import (
    Fingerprint,
    code_fingerprint,
    hook_dirs,
    settings_fingerprint,
)
from termweave.preview.session import Preview, StateOf
from termweave.site.build import BuildState
from termweave.source.settings import SettingsError, load_settings

log = logging.getLogger("mkdocs.termweave.serve")
POLLING_SECONDS = 0.25  # where the system gives no file events: how often folders are looked at
RESTART_MESSAGE = "termweave: the hooks or the installed packages changed: restarting the preview"


# What counts as a change: not a file opened or read (the build reads every watched file)
CHANGE_EVENTS: list[type[FileSystemEvent]] = [
    FileCreatedEvent,
    FileDeletedEvent,
    FileModifiedEvent,
    FileMovedEvent,
    FileClosedEvent,
]


class ChangesObserver(Observer):  # type: ignore[misc, valid-type]
    """The system's file events (inotify on Linux; watchdog polls where there are none), for
    files written, created, moved or deleted only. MkDocs' server polls every watched file each
    time round: at 5,000 entries that costs a core's tenth, and a save waits for the next look."""

    def schedule(
        self,
        event_handler: object,
        path: str,
        *,
        recursive: bool = False,
        event_filter: list[type[FileSystemEvent]] | None = None,
    ) -> ObservedWatch:
        watch: ObservedWatch = super().schedule(
            event_handler, path, recursive=recursive, event_filter=CHANGE_EVENTS
        )
        return watch


def hook_state(config: MkDocsConfig) -> BuildState:
    """This build's state, as our hook file holds it (`termweave_state`)."""
    for plugin in config.plugins.values():
        state_of = getattr(plugin, "termweave_state", None)
        if callable(state_of):
            state = state_of()
            assert isinstance(state, BuildState)
            return state
    raise BuildError("termweave: the preview needs the termweave hooks in mkdocs.yml")


class Builder:
    """What the server calls on every change: rebuild, or build afresh, or restart."""

    def __init__(
        self,
        config_file: str,
        site_dir: Path,
        state_of: StateOf = hook_state,
        restart: Callable[[], None] | None = None,
    ) -> None:
        self.config_file = config_file
        self.site_dir = site_dir
        self.state_of = state_of
        self.restart = restart or self._exec_again
        self.preview: Preview | None = None
        self._settings: Fingerprint | None = None
        self._code: Fingerprint | None = None
        self.ok = False  # the last build succeeded
        self._started = False
        self.collector = PausedCollector()

    def load(self) -> MkDocsConfig:
        return load_config(config_file=self.config_file, site_dir=str(self.site_dir))

    def __call__(self, config: MkDocsConfig | None = None) -> None:
        try:
            config = config or self.load()
        except ConfigurationError as error:
            log.error(f"mkdocs.yml: {error}")
            self.ok = False
            return
        if not self._started:  # once per process, as `mkdocs serve` does: search indexes
            config.plugins.on_startup(command="serve", dirty=False)  # in the background
            self._started = True
        code = code_fingerprint(hook_dirs(config))
        if self._code is not None and code != self._code:
            log.warning(RESTART_MESSAGE)
            self.restart()
            return
        self._code = code
        settings = settings_fingerprint(config)
        if self.preview is None or settings != self._settings:
            if self.preview is not None:
                log.info("termweave: the settings changed: building everything again")
            self.preview, self._settings = Preview(self.site_dir, self.state_of), settings
        try:
            # a rebuild (not the first, full build): the collector waits until it is served
            with self.collector.paused() if self.preview.built else nullcontext():
                timings = self.preview.build(config)
        except BuildError as error:
            self._failed(str(error))
            return
        except Exception:
            self.preview = None  # a fault of ours: nothing kept is trusted
            log.exception("termweave: the rebuild failed")
            self._failed("")
            return
        self.ok = True
        log.info(f"termweave: {timings.summary()}")

    def _failed(self, message: str) -> None:
        if message:
            log.error(message)
        self.ok = False
        log.error("termweave: the rebuild failed; the last good site is still served")

    def _exec_again(self) -> None:
        shutil.rmtree(self.site_dir, ignore_errors=True)
        sys.stdout.flush()
        sys.stderr.flush()
        os.execv(sys.executable, [sys.executable, *sys.argv])


def serve(config_file: str, address: str) -> None:
    """Serve the site at `address` (host:port), rebuilding it after every change."""
    host, _, port = address.rpartition(":")
    site_dir = Path(tempfile.mkdtemp(prefix="termweave_preview_"))
    builder = Builder(config_file, site_dir)
    config = builder.load()
    mount_path = urlsplit(config.site_url or "/").path
    server = LiveReloadServer(
        builder=builder,
        host=host,
        port=int(port),
        root=str(site_dir),
        mount_path=mount_path,
        polling_interval=POLLING_SECONDS,
    )
    server.error_handler = lambda code: _error_page(site_dir, code)
    server.observer = ChangesObserver(timeout=POLLING_SECONDS)
    try:
        builder(config)
        server.watch(config.docs_dir)
        server.watch(config.config_file_path)
        for folder in hook_dirs(config):
            server.watch(str(folder))
        if config.theme.custom_dir:
            server.watch(config.theme.custom_dir)
        for item in {*config.watch, *_glossary(config)}:
            server.watch(item)
        try:
            server.serve()  # type: ignore[no-untyped-call]
        except KeyboardInterrupt:
            log.info("Shutting down...")
        finally:
            server.shutdown()
    finally:
        builder.collector.close()
        config.plugins.on_shutdown()
        shutil.rmtree(site_dir, ignore_errors=True)


def _glossary(config: MkDocsConfig) -> list[str]:
    """The entries' folder, watched even when the first build stopped before on_config named
    it (a broken entry at start-up must still be fixable without a restart)."""
    try:
        settings = load_settings(dict(config.extra))
    except SettingsError:
        return []
    folder = Path(config.config_file_path).parent / settings.glossary_dir
    return [str(folder)] if folder.is_dir() else []


def _error_page(site_dir: Path, code: int) -> bytes | None:
    page = site_dir / f"{code}.html"
    return page.read_bytes() if code in (404, 500) and page.is_file() else None
