"""The GitHub Actions workflow and the pre-commit configuration: valid YAML, the right triggers,
permissions and official Pages actions, caches, and hooks that run the project's own tools."""

from __future__ import annotations

import shlex
from typing import Any

import pytest
import yaml

from sitekit import ROOT

WORKFLOW = ROOT / ".github" / "workflows" / "site.yml"
PRE_COMMIT = ROOT / ".pre-commit-config.yaml"


@pytest.fixture(scope="module")
def workflow() -> dict[str, Any]:
    data = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    # YAML 1.1 (PyYAML) reads the key `on` as True; GitHub reads it as "on".
    data["on"] = data.pop(True, data.get("on"))
    return data


def steps(job: dict[str, Any]) -> list[dict[str, Any]]:
    found = job["steps"]
    assert isinstance(found, list)
    return found


def uses(job: dict[str, Any]) -> list[str]:
    return [str(step["uses"]).split("@")[0] for step in steps(job) if "uses" in step]


def runs(job: dict[str, Any]) -> str:
    return "\n".join(str(step.get("run", "")) for step in steps(job))


def test_triggers(workflow: dict[str, Any]) -> None:
    on = workflow["on"]
    assert "pull_request" in on
    assert on["push"]["branches"] == ["main"]
    assert "workflow_dispatch" in on


def test_pull_requests_run_make_test_and_a_strict_build(workflow: dict[str, Any]) -> None:
    test = workflow["jobs"]["test"]
    assert test["if"] == "github.event_name == 'pull_request'"
    commands = runs(test)
    assert "make test" in commands and "make build\n" in f"{commands}\n"
    assert "mkdocs build --strict" in (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "chromium" in commands and "apt-get install" in commands
    assert test["env"]["CI"] == "true"


def test_main_builds_and_deploys_with_the_official_pages_actions(
    workflow: dict[str, Any],
) -> None:
    jobs = workflow["jobs"]
    build, deploy = jobs["build"], jobs["deploy"]
    assert build["if"] == "github.event_name != 'pull_request'"
    assert "actions/upload-pages-artifact" in uses(build)
    upload = next(s for s in steps(build) if str(s.get("uses", "")).startswith("actions/upload-"))
    assert upload["with"]["path"] == "site"
    assert deploy["needs"] == "build"
    assert uses(deploy) == ["actions/deploy-pages"]
    assert deploy["environment"]["name"] == "github-pages"
    assert deploy["concurrency"] == {"group": "pages", "cancel-in-progress": False}


def test_permissions_are_least_privilege(workflow: dict[str, Any]) -> None:
    assert workflow["permissions"] == {"contents": "read"}
    assert workflow["jobs"]["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}
    for name in ("test", "build"):
        assert "permissions" not in workflow["jobs"][name]


def test_caches_of_the_venv_and_the_pyodide_download(workflow: dict[str, Any]) -> None:
    for name in ("test", "build"):
        caches = [s for s in steps(workflow["jobs"][name]) if "actions/cache" in str(s.get("uses"))]
        by_path = {c["with"]["path"]: c["with"]["key"] for c in caches}
        assert "hashFiles('requirements.lock'" in by_path[".venv"]
        assert "hashFiles('scripts/pyodide.lock.json'" in by_path["~/.cache/termweave"]
    assert (ROOT / "requirements.lock").is_file()


def test_production_build_takes_early_access_from_a_variable_or_input(
    workflow: dict[str, Any],
) -> None:
    build = workflow["jobs"]["build"]
    step = next(s for s in steps(build) if "make build" in str(s.get("run", "")))
    assert "vars.TERMWEAVE_HIDE_EARLY_ACCESS" in step["env"]["HIDE"]
    assert "inputs.hide_early_access" in step["env"]["HIDE"]
    assert 'export TERMWEAVE_HIDE_EARLY_ACCESS="$HIDE"' in step["run"]
    dispatch = workflow["on"]["workflow_dispatch"]["inputs"]["hide_early_access"]
    assert set(dispatch["options"]) >= {"1", "0"}


def test_actions_are_pinned_to_a_major_version(workflow: dict[str, Any]) -> None:
    for job in workflow["jobs"].values():
        for step in steps(job):
            if "uses" in step:
                assert "@v" in step["uses"], step["uses"]


@pytest.fixture(scope="module")
def hooks() -> dict[str, dict[str, Any]]:
    data = yaml.safe_load(PRE_COMMIT.read_text(encoding="utf-8"))
    [repo] = data["repos"]
    assert repo["repo"] == "local"
    return {hook["id"]: hook for hook in repo["hooks"]}


def test_pre_commit_hooks(hooks: dict[str, dict[str, Any]]) -> None:
    assert set(hooks) >= {"glossary-validate", "ruff-check", "ruff-format", "content-check"}
    for hook in hooks.values():
        assert hook["language"] in ("system", "python")
        assert hook["name"] and hook["entry"]
    validate = shlex.split(hooks["glossary-validate"]["entry"])
    assert validate[1:] == ["scripts/check.py", "--validate-only"]
    assert hooks["glossary-validate"]["pass_filenames"] is False
    assert shlex.split(hooks["content-check"]["entry"])[1:] == ["scripts/check.py"]
    for hook in hooks.values():
        program = shlex.split(hook["entry"])[0]
        assert program.startswith(".venv/bin/"), program
        script = next((a for a in shlex.split(hook["entry"]) if a.endswith(".py")), None)
        assert script is None or (ROOT / script).is_file(), script


def test_pre_commit_validation_uses_the_build_validator() -> None:
    """check.py --validate-only calls registry.load_registry, the function the build calls."""
    source = (ROOT / "scripts" / "siteproject.py").read_text(encoding="utf-8")
    assert "from termweave.source.registry import Registry, load_registry" in source
    build = (ROOT / "hooks" / "termweave" / "site" / "build.py").read_text(encoding="utf-8")
    assert "load_registry(" in build


def test_glossary_pattern_matches_entries(hooks: dict[str, dict[str, Any]]) -> None:
    import re

    pattern = re.compile(hooks["glossary-validate"]["files"])
    for path in ("glossary/epoch.yml", "glossary/_categories.yml", "content/a/b.md", "mkdocs.yml"):
        assert pattern.search(path), path
    assert not pattern.search("hooks/site_hooks.py")


def test_search_is_built_by_make_build_with_no_step_of_its_own(workflow: dict[str, Any]) -> None:
    """Pagefind installs with the pinned requirements (`make setup`, a prerequisite of `make
    build`) and runs inside the build; the bundle goes to site/search/, not a hidden folder
    (upload-pages-artifact leaves those out)."""
    lock = (ROOT / "requirements.lock").read_text(encoding="utf-8").splitlines()
    assert "pagefind==1.5.2" in lock and "pagefind_bin==1.5.2" in lock
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "-r requirements.lock" in makefile and "build: setup" in makefile
    for job in workflow["jobs"].values():
        assert "pagefind" not in runs(job).lower()
    from termweave.search.build import BUNDLE_DIR
    from termweave.search.names import SEARCH_DIR

    assert not SEARCH_DIR.startswith(".") and not BUNDLE_DIR.startswith(".")
