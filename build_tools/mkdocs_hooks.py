"""The mkdocs hook of a dossier build: links inside the build's raw HTML (the SVG charts).

mkdocs rewrites the Markdown links of a page into URLs relative to it, which differ between the
site (`actors/x/`) and the offline bundle (`actors/x.html`); links inside raw HTML it leaves
alone. The charts therefore link with `dossier:<page>.md[#anchor]` (a path under docs/), and
this hook gives each the URL mkdocs gives that page, relative to the page it is on. A link to a
page that does not exist becomes a link to nothing, with a warning.
"""

from __future__ import annotations

import logging
import re
from typing import Any

log = logging.getLogger("mkdocs.plugins.dossier")

_LINK = re.compile(r'href="dossier:([A-Za-z0-9_./-]+\.md)(#[A-Za-z0-9_-]*)?"')


def on_page_content(html: str, page: Any, config: Any, files: Any) -> str:
    if "dossier:" not in html:
        return html

    def resolve(m: re.Match[str]) -> str:
        target = files.get_file_from_path(m.group(1))
        if target is None:
            log.warning("Doc file '%s' links to '%s', which is not found", page.file.src_uri, m.group(1))
            return 'href="#"'
        return f'href="{target.url_relative_to(page.file)}{m.group(2) or ""}"'

    return _LINK.sub(resolve, html)
