"""The `dossier` command: parses options, calls the library, prints, picks the exit code.

Every command is a thin layer over a library function; bad input ends in one clear line on
stderr and a non-zero exit, never a traceback.
"""

from __future__ import annotations

import logging
import sys
import time
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import click

from . import __version__
from .yamlfile import DossierError


class _EchoHandler(logging.Handler):
    """Show mkdocs' warnings (broken links, missing anchors) the way mkdocs itself does."""

    def emit(self, record: logging.LogRecord) -> None:
        msg = record.getMessage()
        click.echo(f"{record.levelname:<8}-  {msg}", err=True)


def _setup_logging() -> None:
    """mkdocs says only what needs attention (warnings, errors); its INFO lines ("Cleaning
    site directory", "Documentation built in ...") are not the curator's business: `-v` shows
    the time of each of our stages instead."""
    logger = logging.getLogger("mkdocs")
    logger.handlers = [h for h in logger.handlers if not isinstance(h, _EchoHandler)]
    handler = _EchoHandler()
    handler.setLevel(logging.WARNING)
    logger.addHandler(handler)
    logger.setLevel(logging.WARNING)
    logger.propagate = False


def plural(n: int, word: str, words: str = "") -> str:
    """ "1 source", "2 sources", "0 sources"."""
    return f"{n} {word if n == 1 else (words or word + 's')}"


class StageProgress:
    """Progress of a build, stage by stage: a bar with counts on a terminal, one quiet line per
    stage elsewhere (CI, a pipe); with `verbose`, each stage's time once it ends."""

    def __init__(self, stages: tuple[str, ...], *, verbose: bool, tty: bool | None = None) -> None:
        self.stages = stages
        self.verbose = verbose
        self.tty = sys.stderr.isatty() if tty is None else tty
        self.times: list[tuple[str, str, float]] = []
        self._current: tuple[str, str, float] | None = None
        self._bar: Any = None
        self._label = ""
        self._ticked = 0.0
        self.started = time.perf_counter()

    def tick(self, done: int, total: int) -> None:
        """Progress inside the running stage (mkdocs' pages): a bar of its own after the stage's
        label, on a terminal only, redrawn at most ten times a second."""
        if self._bar is None or total <= 0:
            return
        now = time.perf_counter()
        if done < total and now - self._ticked < 0.1:
            return
        self._ticked = now
        filled = min(20, done * 20 // total)
        self._bar.label = f"{self._label} [{'#' * filled}{'-' * (20 - filled)}] {done:,}/{total:,}"
        self._bar.render_progress()

    def __call__(self, stage: str, detail: str) -> None:
        now = time.perf_counter()
        if self._current is not None:
            name, info, since = self._current
            self.times.append((name, info, now - since))
            if self.verbose:
                self._line(f"  {name:<8} {now - since:6.2f} s  {info}".rstrip())
        if stage == "done":
            self._current = None
            if self._bar is not None:
                self._bar.update(1)
                self._bar.render_finish()
                self._bar = None
            return
        self._current = (stage, detail, now)
        n = self.stages.index(stage) + 1 if stage in self.stages else len(self.times) + 1
        label = f"{stage}" + (f" ({detail})" if detail else "")
        if self.tty and not self.verbose:
            text = f"[{n}/{len(self.stages)}] {label}".ljust(34)
            self._label = text
            if self._bar is None:
                self._bar = click.progressbar(
                    length=len(self.stages),
                    label=text,
                    file=sys.stderr,
                    show_eta=False,
                    show_percent=False,
                    show_pos=True,
                    width=20,
                )
                self._bar.render_progress()
            else:
                self._bar.label = text
                self._bar.update(1)
        elif not self.verbose:
            self._line(f"[{n}/{len(self.stages)}] {label}")

    def close(self) -> None:
        """End the bar's line, so that an error or a warning starts on a line of its own."""
        if self._bar is not None:
            self._bar.render_finish()
            self._bar = None

    def _line(self, text: str) -> None:
        click.echo(text, err=True)

    @property
    def elapsed(self) -> float:
        return time.perf_counter() - self.started


def _root(ctx: click.Context) -> Path:
    return ctx.obj["project"]


def _warn(lines: Iterable[str]) -> None:
    for line in lines:
        click.echo(f"warning: {line}", err=True)


class DossierGroup(click.Group):
    """Turns DossierError (bad input) into one line and exit code 1."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except DossierError as exc:
            for message in getattr(exc, "messages", None) or (str(exc),):
                click.echo(f"error: {message}", err=True)
            ctx.exit(1)
        except BrokenPipeError:
            # The reader stopped reading (`dossier clean ... | head`): nothing to report.
            sys.stderr.close()
            ctx.exit(0)
        except OSError as exc:
            where = f"{exc.filename}: " if exc.filename else ""
            click.echo(f"error: {where}{exc.strerror or exc}", err=True)
            ctx.exit(1)


@click.group(cls=DossierGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--project",
    "-p",
    type=click.Path(file_okay=False, path_type=Path),
    default=".",
    show_default=True,
    help="The dossier project folder (holds mkdocs.yml and dossier/).",
)
@click.version_option(__version__, prog_name="dossier")
@click.pass_context
def cli(ctx: click.Context, project: Path) -> None:
    """Turn a folder of collected news sources into a cited, browsable website.

    \b
    A dossier project is a folder with mkdocs.yml, dossier/ (sources/ and the YAML
    definitions of actors and topics) and docs/. Start one with:
      dossier new my-dossier
      cp article.txt my-dossier/dossier/sources/
      dossier --project my-dossier build
    """
    ctx.ensure_object(dict)
    ctx.obj["project"] = project


@cli.command(short_help="Clean, extract and build the site into site/.")
@click.option("--strict", is_flag=True, help="Fail on any mkdocs warning (broken links or anchors).")
@click.option(
    "--site-dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Where to write the site (default: site_dir of mkdocs.yml, normally site/).",
)
@click.option(
    "--verbose", "-v", is_flag=True, help="Print the time each stage (load, clean, extract, render, mkdocs) took."
)
@click.pass_context
def build(ctx: click.Context, strict: bool, site_dir: Path | None, verbose: bool) -> None:
    """Clean the sources, find actors and topics, write docs/ and build the site.

    \b
    Shows each stage as it runs (a progress bar on a terminal, one line per stage
    otherwise) and ends with one summary line. Example:
      dossier build --strict
    The previous site stays in place if anything fails.
    """
    from .publish import STAGES, build_project

    _setup_logging()
    progress = StageProgress(STAGES, verbose=verbose)
    try:
        result = build_project(_root(ctx), strict=strict, site_dir=site_dir, on_stage=progress, on_page=progress.tick)
    finally:
        progress.close()
    _warn(result.warnings)
    d = result.dossier
    click.echo(
        f"built {result.site_dir}: {plural(len(d.sources), 'source')}, {plural(result.pages, 'page')}, "
        f"{plural(len(result.warnings), 'warning')} in {progress.elapsed:.1f} s "
        f"({plural(len(d.actors), 'actor')} with {plural(len(d.mentions), 'mention')}, {plural(len(d.topics), 'topic')})"
    )


@cli.command(short_help="Serve the site locally and rebuild on changes.")
@click.option("--dev-addr", "-a", default=None, metavar="IP:PORT", help="Address to serve on (default 127.0.0.1:8000).")
@click.pass_context
def serve(ctx: click.Context, dev_addr: str | None) -> None:
    """Serve the site locally, rebuilding when a source, a definition or a template changes.

    \b
    Example:
      dossier serve --dev-addr 127.0.0.1:8001
    """
    from .publish import serve_project

    _setup_logging()
    serve_project(_root(ctx), dev_addr=dev_addr, log=lambda m: click.echo(m, err=True))


@cli.command(short_help="Create an empty dossier project.")
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path))
@click.option("--title", default=None, help="The dossier's title (default: from the folder name).")
def new(directory: Path, title: str | None) -> None:
    """Create an empty dossier project in DIRECTORY that builds as it is.

    \b
    Example:
      dossier new ~/dossiers/water-rights --title "Water rights"
    """
    from .scaffold import create_project

    created = create_project(directory, title=title)
    click.echo(
        f"created dossier project {directory} ({plural(len(created), 'file')}); next:\n"
        f"  dossier --project {directory} add ~/Downloads/article.html   # a saved page or a .txt\n"
        f"  dossier --project {directory} suggest --write\n"
        f"  dossier --project {directory} serve"
    )


@cli.command(short_help="Build the offline HTML bundle (a zip).")
@click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="The zip to write (default: dist/<slug of the title>-offline.zip in the project).",
)
@click.option("--strict", is_flag=True, help="Fail on any mkdocs warning (broken links or anchors).")
@click.pass_context
def bundle(ctx: click.Context, output: Path | None, strict: bool) -> None:
    """Build the site for reading offline and zip it.

    \b
    Unzip it anywhere and open <folder>/index.html in a browser: links and search
    work from disk, and no page loads anything from the network. docs/ and site/
    are left as they are. Example:
      dossier bundle --output dossier-offline.zip
    """
    from .bundle import bundle_project

    _setup_logging()
    result = bundle_project(_root(ctx), output, strict=strict)
    _warn(result.warnings)
    click.echo(
        f"bundled {result.path}: {result.files} files, {result.size / 1e6:.1f} MB; "
        f"unzip it and open {result.folder}/index.html"
    )


@cli.command(short_help="Validate definitions and sources; report gaps.")
@click.option("--strict", is_flag=True, help="Treat warnings (unmentioned actors, undated sources...) as errors.")
@click.pass_context
def check(ctx: click.Context, strict: bool) -> None:
    """Validate definitions and sources without building; report what needs attention.

    \b
    Reports actors never mentioned, topics without evidence and sources without a date.
    Exit code 1 on errors (and, with --strict, on warnings). Example:
      dossier check --strict
    """
    from .check import check_project

    report = check_project(_root(ctx))
    for e in report.errors:
        click.echo(f"error: {e}", err=True)
    _warn(report.warnings)
    click.echo(
        f"checked: {report.summary}; {plural(len(report.errors), 'error')}, {plural(len(report.warnings), 'warning')}"
    )
    if report.errors or (strict and report.warnings):
        ctx.exit(1)


@cli.command(short_help="Clean raw files and show what was kept and why.")
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--output-dir",
    "-o",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Write one file per input (<stem>.txt, .json or .diff) here instead of stdout.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "diff"]),
    default="text",
    show_default=True,
    help="text: the cleaned body; json: the whole record; diff: every raw line kept (+) or removed (-).",
)
@click.pass_context
def clean(ctx: click.Context, files: tuple[Path, ...], output_dir: Path | None, fmt: str) -> None:
    """Clean raw source files and show the result, without building.

    \b
    Uses the cleaning rules of the project (--project, default the current folder) and
    its curated facts; a relative FILE is looked for in the project first. Examples:
      dossier clean dossier/sources/*.txt --format diff
      dossier --project ~/dossiers/water clean dossier/sources/a.txt
      dossier clean page.html --format json --output-dir cleaned/
    """
    from .clean import clean_source
    from .clean.report import as_diff, as_json, as_text
    from .load import Unusable, load_project, load_source_metas, read_raw_file
    from .model import CleanRules, SourceMeta

    root = _root(ctx)
    rules, metas = CleanRules(), {}
    if (root / "dossier").is_dir():
        # A project is here: its rules apply, and a broken dossier.yml is an error, not ignored.
        project = load_project(root, with_sources=False)
        rules = project.config.clean
        folder = (project.root / "dossier" / "sources").resolve()
        metas = {
            folder / name: meta
            for name, (meta, _) in load_source_metas(
                project.root / "dossier" / "sources.yml", "dossier/sources.yml"
            ).items()
        }
    resolved: list[Path] = []
    for path in files:
        if not path.is_absolute() and (root / path).is_file():
            path = root / path
        if not path.is_file():
            raise DossierError(f"{path}: no such file")
        resolved.append(path)
    files = tuple(resolved)
    ext = {"text": ".txt", "json": ".json", "diff": ".diff"}[fmt]
    if output_dir:
        output_dir.mkdir(parents=True, exist_ok=True)
    failed = 0
    for path in files:
        try:
            raw = read_raw_file(path, metas.get(path.resolve(), SourceMeta()))
        except Unusable as exc:
            click.echo(f"error: {exc}", err=True)
            failed += 1
            continue
        src = clean_source(raw, rules)
        out = as_text(src) if fmt == "text" else as_json(src) if fmt == "json" else as_diff(raw, src)
        if output_dir:
            target = output_dir / (path.stem + ext)
            if target.resolve() == path.resolve():
                raise DossierError(f"{target}: would overwrite the source itself; choose another --output-dir")
            target.write_text(out, encoding="utf-8", newline="\n")
            click.echo(
                f"{path} -> {target} ({len(src.paragraphs)} paragraphs, {len(src.removed)} lines removed)", err=True
            )
        else:
            if len(files) > 1:
                click.echo(f"==> {path} <==")
            click.echo(out, nl=False)
    if failed:
        ctx.exit(1)


@cli.command(short_help="Propose actors and keywords, as YAML to paste (or --write them).")
@click.option("--min-count", default=2, show_default=True, help="How often a name must occur to be proposed.")
@click.option(
    "--write",
    "write",
    is_flag=True,
    help="Add the suggestions to dossier/actors.yml and dossier/topics.yml (comments and order kept).",
)
@click.pass_context
def suggest(ctx: click.Context, min_count: int, write: bool) -> None:
    """Propose actors and topic keywords that the definitions miss.

    \b
    Prints actor entries that can be pasted (or appended) into actors.yml as they are,
    and keywords per topic as comments; --write adds them all to the files. Examples:
      dossier suggest
      dossier suggest --write && dossier build
    """
    from .pipeline import model
    from .suggest import suggest_actors, suggest_keywords, suggestions_yaml, writable_actors, write_suggestions

    project, dossier = model(_root(ctx))
    _warn(project.warnings + dossier.warnings)
    actors = writable_actors(suggest_actors(dossier.sources, dossier.actors, min_count=min_count), dossier.actors)
    keywords = suggest_keywords(dossier.sources, dossier.topics, dossier.topic_hits)
    if not write:
        click.echo(suggestions_yaml(actors, keywords, {t.id: t.name for t in dossier.topics}), nl=False)
        return
    added, words = write_suggestions(project.root, actors, project.actors, keywords, project.topics)
    click.echo(
        f"added {plural(added, 'actor')} to dossier/actors.yml and "
        f"{plural(words, 'keyword')} to dossier/topics.yml; check the kinds (guessed), then run: dossier build"
    )


@cli.command(short_help="Export the dossier model as JSON.")
@click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Write the JSON here instead of stdout.",
)
@click.pass_context
def export(ctx: click.Context, output: Path | None) -> None:
    """Export the dossier model as JSON: sources, actors, topics, quotes, figures and their
    groups, events, shared passages.

    \b
    The schema is build_tools/schema/export.schema.json. Example:
      dossier export --output dossier.json
    """
    from .export import export_json
    from .pipeline import model

    project, dossier = model(_root(ctx))
    _warn(project.warnings + dossier.warnings)
    text = export_json(dossier)
    if output:
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_text(text, encoding="utf-8", newline="\n")
        click.echo(f"exported {output}", err=True)
    else:
        click.echo(text, nl=False)


@cli.command(short_help="Add a saved article to the sources.")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.pass_context
def add(ctx: click.Context, file: Path) -> None:
    """Add FILE (a saved .txt or .html article) to the dossier's sources.

    \b
    The file is copied into dossier/sources/ under a new name (never over another),
    and what could be read from it (title, publisher, date, address, authors) is added
    to dossier/sources.yml under 'detected:'; the site marks those as (detected) until
    you write your own value next to them. Prints the actors and topics it mentions.
    A file already in the dossier is refused. Example:
      dossier add ~/Downloads/article.html && dossier build
    """
    from .add import add_source, describe

    report = add_source(_root(ctx), file)
    for line in describe(report):
        click.echo(line)


def main() -> None:
    try:
        cli(prog_name="dossier")
    except KeyboardInterrupt:  # pragma: no cover - interactive
        sys.exit(130)
