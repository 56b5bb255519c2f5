"""A third language needs no test edits.

A copy of the project gets a throwaway third language, made the way
CONTRIBUTING's "Add a language" says, by copying Spanish: its settings
(mkdocs.fr.yml from mkdocs.es.yml, with its folder, address, theme and search
language), its pages (docs/fr/ from docs/es/, their snippets and tracks
pointed at fr/), its shared text (includes/fr/), its tools' words
(messages/fr.js, listed in lib/i18n.js), the language menu in every
settings file, and its clips' tracks written by `make media
MEDIA_ARGS=--tracks`. Its words stay Spanish: the checks are of the
machinery, not of French. `make lint` passes on the copy; it is built with
every language and the post-build, and the page-generic test modules run
against it (HIP_PROJECT points the site model there). Every check they make
of a language is made of the new one too, derived from the model.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

from sitemodel import language_codes
from test_lint import copy_project, lint
from test_new_sequence import build_and_run_page_tests, project_env

CODE = "fr"
# The modules that check every language's pages; chosen for what they cover. (The translated
# clips' tests in test_media.py, the precache per language in test_offline.py.)
MODULES = ["test_languages.py", "test_built_site.py", "test_seo.py", "test_print.py", "test_media.py", "test_offline.py"]
SELECT = "not desktop and (translat or language or hreflang or english or handout or a4 or print or precache or sitemap or json_ld)"


def add_french(project: Path, root: Path) -> None:
    """The new language, step by step as CONTRIBUTING's "Add a language" says."""
    # 1. Settings: the Spanish ones, for French; and French in every language's menu.
    settings = (project / "mkdocs.es.yml").read_text(encoding="utf-8")
    for old, new in [("docs_dir: docs/es", f"docs_dir: docs/{CODE}"), ("side-hip-strength/es/", f"side-hip-strength/{CODE}/"),
                     ("/docs/es/", f"/docs/{CODE}/"), ("  language: es ", f"  language: {CODE} "),
                     ("      lang: es  #", f"      lang: {CODE}  #"), ("      language: es\n", f"      language: {CODE}\n"),
                     ("locale: es_419", "locale: fr_FR")]:
        assert old in settings, old
        settings = settings.replace(old, new)
    (project / f"mkdocs.{CODE}.yml").write_text(settings, encoding="utf-8")
    for name, link in [("mkdocs.yml", f"{CODE}/"), ("mkdocs.es.yml", f"../{CODE}/"), (f"mkdocs.{CODE}.yml", "./")]:
        path = project / name
        text = path.read_text(encoding="utf-8")
        if name == f"mkdocs.{CODE}.yml":  # from here, Spanish is one folder up
            text = text.replace("      link: ./\n      lang: es\n", "      link: ../es/\n      lang: es\n")
        spanish = re.search(r"\n    - name: Español\n      link: [^\n]+\n      lang: es\n", text)
        assert spanish, name
        french = f"    - name: Français\n      link: {link}\n      lang: {CODE}\n"
        path.write_text(text[:spanish.end()] + french + text[spanish.end():], encoding="utf-8")
    # 2. Pages, 3. shared text: copies, their snippets and tracks pointed at the new language's.
    shutil.copytree(project / "docs" / "es", project / "docs" / CODE)
    shutil.copytree(project / "includes" / "es", project / "includes" / CODE)
    for page in (project / "docs" / CODE).glob("*.md"):
        text = page.read_text(encoding="utf-8")
        page.write_text(text.replace('"es/', f'"{CODE}/').replace(".es.vtt", f".{CODE}.vtt"), encoding="utf-8")
    # 5. The tools' words.
    messages = project / "docs" / "assets" / "javascripts" / "messages"
    shutil.copyfile(messages / "es.js", messages / f"{CODE}.js")
    i18n = project / "docs" / "assets" / "javascripts" / "lib" / "i18n.js"
    spanish_catalog = '  es: () => import("../messages/es.js").then((catalog) => catalog.default),\n'
    text = i18n.read_text(encoding="utf-8")
    assert spanish_catalog in text
    french_catalog = spanish_catalog.replace("  es:", f"  {CODE}:").replace("/es.js", f"/{CODE}.js")
    i18n.write_text(text.replace(spanish_catalog, spanish_catalog + french_catalog), encoding="utf-8")
    # The coach's test photo, fetched once for the project (make test), not copied.
    (project / ".hip-cache").mkdir(exist_ok=True)
    (project / ".hip-cache" / "coach").symlink_to(root / ".hip-cache" / "coach", target_is_directory=True)


def test_a_third_language_is_checked_without_editing_a_test(tmp_path: Path) -> None:
    from conftest import ROOT

    project = copy_project(tmp_path / "project")
    add_french(project, ROOT)
    # 4. Media: the clips hold no words; its captions, chapters and transcripts.
    tracks = subprocess.run([sys.executable, "tools/render_media.py", "--tracks"], cwd=project, env=project_env(project),
                            capture_output=True, text=True)
    assert tracks.returncode == 0, tracks.stdout + tracks.stderr
    assert (project / "docs" / "assets" / "media" / f"sequence-2.chapters.{CODE}.vtt").is_file()
    assert language_codes(project) == ["es", CODE]

    # make lint holds the new language to its English pages, as it does Spanish, and passes.
    checked = lint(project)
    assert checked.returncode == 0, checked.stdout + checked.stderr

    run = build_and_run_page_tests(project, MODULES, SELECT)
    # The new language's pages were among the parametrised cases, and passed.
    passed = re.findall(r"^PASSED (\S+)$", run.stdout, re.MULTILINE)
    assert {case for case in passed if f"{CODE}-" in case or f"{CODE}/" in case or f"[{CODE}" in case} >= {
        f"tests/test_languages.py::test_a_translation_matches_its_english_page[{CODE}-sequence-2]",
        f"tests/test_languages.py::test_hreflang_both_ways[{CODE}-sequence-1]",
        f"tests/test_languages.py::test_a_page_view_asks_for_nothing_that_is_not_there[{CODE}-log]",
        f"tests/test_languages.py::test_a_translated_page_shows_no_english_with_its_scripts_running[{CODE}-sequence-2]",
        f"tests/test_languages.py::test_a_translated_page_shows_no_english_with_its_scripts_running[{CODE}-log]",
        f"tests/test_languages.py::test_workout_mode_speaks_only_the_page_language_with_a_voice_on_the_phone[{CODE}-sequence-2]",
        f"tests/test_languages.py::test_with_english_voices_only_it_says_so_and_speaks_nothing[{CODE}-sequence-1]",
        f"tests/test_languages.py::test_the_meter_speaks_and_shows_the_page_language[{CODE}-sequence-2]",
        f"tests/test_languages.py::test_the_coach_shows_the_page_language[{CODE}-sequence-2]",
        f"tests/test_print.py::test_prints_on_one_a4_page_with_room_to_spare[{CODE}/sequence-1.md]",
        f"tests/test_print.py::test_handout_qr_code_reads_as_the_page_address[{CODE}/sequence-2.md]",
        f"tests/test_media.py::test_a_translated_clip_has_its_language_captions_chapters_and_transcript[{CODE}-sequence-1]",
    }, passed
    assert f"tests/test_languages.py::test_the_log_chart_fits_its_words_in_each_language[320-{CODE}]" in passed
    assert "skipped" not in run.stdout.splitlines()[-1]
