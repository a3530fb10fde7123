from __future__ import annotations

import os

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
