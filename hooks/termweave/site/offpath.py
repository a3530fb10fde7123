"""What a build hands to its worker process (`planning`) and takes back, from on_files to
on_post_build: the generated pages' Markdown, each page's link plan and previews, the term
pages' "Mentioned in" sections, JSON-LD and glossary.json. Each is made here instead whenever
the worker did not make it (one core, turned off, or the worker died): the same text."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from termweave.site import timing
from termweave.site.build import BuildState
from termweave.pages.export import GLOSSARY_JSON, glossary_json, page_jsonld
from termweave.pages.generated import INDEX_SRC, letter_of_src
from termweave.links.planning import PlannedPage, Planner, background_possible


def generated_markdown(state: BuildState, src_uri: str) -> str | None:
    """A generated page's Markdown when MkDocs reads it (None for any other page): as the
    worker rendered it meanwhile, else rendered here."""
    page = state.generated.get(src_uri)
    if page is None:
        return None
    with state.timer.phase("render_pages"):  # waiting for the worker counts too
        made = state.planner.made("render_pages", src_uri) if state.planner is not None else None
        return page.render() if made is None else made


def export_text(state: BuildState, key: str) -> str:
    """The JSON-LD of the page at source path `key` ('' for most pages), or for the key
    GLOSSARY_JSON the text of glossary.json."""
    url_of = state.page_urls.__getitem__
    if key == GLOSSARY_JSON:
        return glossary_json(state.registry, state.site_url, url_of)
    return page_jsonld(key, state.registry, state.site_url, state.site_name, url_of)


def exported(state: BuildState, key: str) -> str:
    """`export_text` as the worker made it ahead, else made here."""
    made = state.planner.made("export", key) if state.planner is not None else None
    return export_text(state, key) if made is None else made


def planner_of(state: BuildState) -> Planner:
    if state.planner is None or state.planner.collected:
        raise RuntimeError("termweave: pages are read before on_files or after on_env")
    return state.planner


def start_planning(state: BuildState) -> None:
    """The planner for this build's pages: in a worker when allowed and worth it. The worker
    first renders the generated pages, in the order MkDocs reads them, and the term pages'
    JSON-LD and glossary.json, in the order they are written."""
    background = state.settings.link_in_background and background_possible()
    generated = state.generated
    makers: dict[str, Callable[[str], str]] = {
        "render_pages": lambda uri: generated[uri].render(),
        "export": partial(export_text, state),  # the page URLs are known from on_files on
    }
    planner = state.planner = Planner(state.linker, background=background, makers=makers)
    planner.make_ahead(
        "render_pages", [u for u, p in generated.items() if p.inclusion != "excluded"]
    )
    terms = [uri for uri in generated if state.term_for_src(uri) is not None]
    letters = [uri for uri in generated if letter_of_src(uri) is not None]
    planner.make_ahead("export", [*terms, INDEX_SRC, *letters, GLOSSARY_JSON])


def finish_planning(state: BuildState) -> None:
    """Every page has been read: take each page's plan and record its mentions, in the order
    the pages were read (the back-links do not depend on where the plans were made); then the
    worker writes the term pages' sections, in that order, which is the order they are written."""
    planner = state.planner
    if planner is None or planner.collected:
        return
    with state.timer.phase("crosslink"):
        planned = list(planner.results())
    with state.timer.phase("backlinks"):
        for page in planned:
            state.mentions.record(page.plan, page.link)
            state.link_plans[page.link.url] = page
        planner.sections([(page.slug, page.link.url) for page in planned if page.slug])


def backlinks_section(state: BuildState, slug: str, page_url: str) -> str:
    """The term page's "Mentioned in" section: as the worker wrote it, else written here."""
    written = state.planner.section(page_url) if state.planner is not None else None
    return written if written is not None else state.mentions.section(slug, page_url)


def with_previews(state: BuildState, page_url: str, content: str, planned: PlannedPage) -> str:
    """The page's content with its previews payload at the end."""
    return content + planned.previews if planned.previews else content


def stop_planning(state: BuildState | None) -> None:
    """The build is over, or stopped half-way: no worker is left behind. Its time is recorded."""
    if state is None:
        return
    planner, state.planner = state.planner, None
    if planner is not None:
        if timing.requested():
            state.timer.sizes["worker_private"] = planner.worker_private_memory()
        planner.close()
        for kind, seconds in planner.worker_seconds.items():
            state.timer.add(f"{kind}_worker", seconds)
