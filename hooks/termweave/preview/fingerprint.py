"""What the preview does not track page by page. A change to the code (the hooks, their
package, templates and assets, the installed packages) needs a new process, since Python keeps
the modules it imported; a change to the settings (`mkdocs.yml`, the project's theme folder,
today's date, which the review status shows) needs a new Preview: a full build."""

from __future__ import annotations

import os
import site
import sys
from collections.abc import Iterable
from datetime import date
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig

Fingerprint = tuple[object, ...]


def tree(folder: Path) -> Fingerprint:
    """Every file under `folder` (caches left out) with its size and modification time."""
    found: list[tuple[str, int, int]] = []
    for root, dirs, names in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if d != "__pycache__" and not d.startswith("."))
        for name in sorted(names):
            path = Path(root, name)
            try:
                stat = path.stat()
            except OSError:
                continue
            found.append((str(path), stat.st_size, stat.st_mtime_ns))
    return tuple(found)


def code_fingerprint(hook_dirs: Iterable[Path]) -> Fingerprint:
    """The hook files' folders (our package lives there) and the folders packages are
    installed in (installing, upgrading or removing one changes their entries)."""
    packages = [Path(p) for p in {*site.getsitepackages(), site.getusersitepackages(), *sys.path}]
    installed = []
    for folder in sorted(p for p in packages if p.name == "site-packages" and p.is_dir()):
        installed.append((str(folder), folder.stat().st_mtime_ns))
    return (tuple(tree(folder) for folder in sorted(set(hook_dirs))), tuple(installed))


def hook_dirs(config: MkDocsConfig) -> list[Path]:
    """The folders of the project's hook files."""
    hooks: Any = config.hooks  # name -> module once validated
    modules = hooks.values()
    return sorted({Path(str(m.__file__)).resolve().parent for m in modules if m.__file__})


def settings_fingerprint(config: MkDocsConfig, today: date | None = None) -> Fingerprint:
    config_file = Path(config.config_file_path)
    custom = config.theme.custom_dir
    return (
        config_file.read_bytes(),
        tree(Path(custom)) if custom else (),
        (today or date.today()).isoformat(),
    )
