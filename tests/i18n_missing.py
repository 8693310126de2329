"""List the text keys a language lacks, as .po stubs to fill in: ``python -m tests.i18n_missing [LANG ...]``.

For the maintainer after a merge: other branches add keys to the Dutch and English catalogs only. Each stub
carries the Dutch and English texts as translator comments, goes into the file named in its header line,
and has an empty msgstr (which the bot shows in Dutch until someone fills it). Exit code 1 if anything is
missing, so a script can tell.
"""

from __future__ import annotations

import sys
from pathlib import Path

from babel.messages.pofile import normalize

from bot.i18n import LOCALES_DIR
from tests.i18n_check import Entry, missing_keys, read_catalogs


def stubs(languages: list[str] | None = None, directory: Path = LOCALES_DIR) -> str:
    entries, nplurals = read_catalogs(directory)
    out: list[str] = []
    for lang, keys in missing_keys(entries).items():
        if languages and lang not in languages:
            continue
        by_file: dict[str, list[str]] = {}
        for key in keys:
            by_file.setdefault(entries["nl"][key].file, []).append(key)
        for file, file_keys in by_file.items():
            out.append(f"# ===== bot/locales/{lang}/{file}: {len(file_keys)} missing")
            for key in file_keys:
                out.extend(_stub(key, entries["nl"][key], entries["en"].get(key), nplurals[lang]))
    return "\n".join(out)


def _stub(key: str, dutch: Entry, english: Entry | None, nplurals: int) -> list[str]:
    lines = [""]
    for label, entry in (("nl", dutch), ("en", english)):
        for form in entry.forms if entry else ():
            lines.extend(f"#. {label}: {line}" for line in form.split("\n"))
    lines.append(f"msgid {normalize(key, width=0)}")
    if dutch.is_plural:
        lines.append(f'msgid_plural "{key}.plural"')
        lines.extend(f'msgstr[{i}] ""' for i in range(nplurals))
    else:
        lines.append('msgstr ""')
    return lines


def main(argv: list[str]) -> int:
    text = stubs(argv or None)
    if text:
        print(text)
    return 1 if text else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
