"""termweave: turns a folder of YAML glossary entries and Markdown lessons into a linked site.

The package is independent of MkDocs' event loop: `hooks/site_hooks.py` hands each MkDocs event to
the functions here, which are pure and tested on their own.
"""

__version__ = "0.1.0"
