"""Variant look-alikes on real news: what `mentions NAME --variants` adds on Reuters and BBC.

For 68 names common in the material (people of Reuters' `people` tags, people BBC News names
most, the Arabic names the audit of `--variants` used, and bodies named in one word), each
typed as one word the way a user would (Baker, Ali), the script runs `mentions --variants` on
indexes built beforehand and sorts every `variant` mention by the word it matched, against a
judgement written down here.

The judgement rule (by a person reading each distinct form in its passages):
- right: the same name in another spelling — a transliteration (Hossein, Hossain for Hussein;
  Gaddafi for Qaddafi), a typo, or the name with a mark folded otherwise — whoever bears it;
- wrong: another name (Eli, Ely for Ali; Beker, Becker for Baker; Regan for Reagan), a place or
  a company whose name only looks alike (Barwon for Brown, Hessen for Hussein), or a common
  word (Bakery, Proven).
A form not judged yet is printed with `?`: read it and add it to RIGHT or WRONG.

    .venv/bin/passages index ../shared/corpora/reuters21578/reuters21578.jsonl \
        --field id=newid --field text=body --index /tmp/reuters
    .venv/bin/passages index ../shared/corpora/bbc-news --index /tmp/bbc
    .venv/bin/python bench/names_real.py --reuters /tmp/reuters --bbc /tmp/bbc

Prints a Markdown table (docs/names.md quotes it). Exits 2 when no index is given or found.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from indexer.mentions import mentions_at  # noqa: E402
from indexer.names.fold import fold_word  # noqa: E402

REUTERS_PEOPLE = (
    "Baker", "Reagan", "Volcker", "Yeutter", "Nakasone", "Lawson", "Miyazawa", "Stoltenberg",
    "Lyng", "Greenspan", "Sumita", "Balladur", "Ongpin", "Poehl", "Conable", "Thatcher",
    "Wilson", "Subroto", "Miller", "Herrington", "Sarney", "Chirac", "Sprinkel", "Boesky",
    "Kohl", "Eyskens", "Douglas", "Tamura", "Keating", "Icahn", "Delors", "Nazer", "Mulroney",
    "Hawke", "Aqazadeh", "Mousavi", "Gandhi", "Suharto", "Fahd",
)  # fmt: skip
"""The most tagged people of Reuters-21578 (`people`), by last name."""
BBC_PEOPLE = (
    "Blair", "Brown", "Howard", "Kennedy", "Blunkett", "Straw", "Clarke", "Bush", "Mourinho",
    "Ferguson", "Wenger", "Gerrard", "Robinson", "Henman",
)  # fmt: skip
"""People BBC News names most (`passages names`), by last name."""
ARABIC_NAMES = (
    "Ali", "Hussein", "Mohammed", "Khomeini", "Rafsanjani", "Qaddafi", "Arafat", "Assad",
    "Mubarak",
)  # fmt: skip
"""Arabic names of the news, where transliteration variants are many."""
ORGANISATIONS = ("al-Qaeda", "Qaida", "Hezbollah", "Hamas", "Fatah", "Taliban")
"""Bodies named in one word (with al- or without), never after a first name."""

RIGHT = {
    "hussein": "hossein hossain husain hussain hoseyn",
    "qaddafi": "gaddafi kadhafi gadhafi qadhafi",
    "mohammed": "mohammad mohamed muhammad mohamad muhammed muhammud",
    "nazer": "nazir",
    "reagan": "reagans",
    "volcker": "volker",
    "yeutter": "yuetter",
    "miyazawa": "miyazwa",
    "greenspan": "greespan",
    "herrington": "herington",
    "douglas": "doughlas",
    "khomeini": "khomenei",
    "qaida": "al-qaeda",
    "hezbollah": "hizbollah hizballah",
}
"""Forms judged right: spellings of the same name (folded, by query)."""
WRONG = {
    "ali": "eli ely ale ally alley",
    "hussein": "hessen",
    "brown": "barwon",
    "baker": "beker becker bakery",
    "reagan": "regan",
    "lawson": "luzon",
    "sumita": "sumito",
    "miller": "muller mueller millar",
    "herrington": "harrington warrington",
    "sarney": "sarnia",
    "keating": "citing cutting cheating",
    "mulroney": "morony",
    "hawke": "hawkeye hawekeye hockey huck houck",
    "fahd": "vahid",
    "straw": "astro steero",
    "clarke": "klerk klerck",
    "mourinho": "moreno morino",
    "wenger": "ungr weinger",
    "gerrard": "gerard gerhard ghirardi guerard",
    "henman": "hineman",
    "lyng": "ealing laing liang lying",
    "icahn": "kahn",
    "robinson": "rubinsohn",
    "al-qaeda": "quaid",
    "qaida": "quaid",
    "hamas": "hammes",
    "fatah": "fattah",
}
"""Forms judged wrong: other names, places, companies, words (folded, by query)."""


def judged(table: dict[str, str]) -> dict[str, set[str]]:
    return {query: set(forms.split()) for query, forms in table.items()}


def variant_forms(index: Path, name: str) -> Counter[str]:
    """The folded words of the variant mentions of `name`, with how many mentions each."""
    found: Counter[str] = Counter()
    for mention in mentions_at(index, name, variants=True):
        if mention.kind == "variant":
            found[fold_word(mention.match) or mention.match.lower()] += 1
    return found


def measure(index: Path, names: list[str]) -> tuple[int, int, int, int, list[str]]:
    """(names, right, wrong, unjudged variant mentions, notes of the forms found)."""
    right_forms, wrong_forms = judged(RIGHT), judged(WRONG)
    right = wrong = unjudged = 0
    notes = []
    for name in names:
        query = fold_word(name) or name.lower()
        for form, count in sorted(variant_forms(index, name).items()):
            if form in right_forms.get(query, ()):
                right, mark = right + count, "+"
            elif form in wrong_forms.get(query, ()):
                wrong, mark = wrong + count, "-"
            else:
                unjudged, mark = unjudged + count, "?"
            notes.append(f"{name} → {form} {mark}{count}")
    return len(names), right, wrong, unjudged, notes


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reuters", type=Path, help="an index of Reuters-21578 (see above)")
    parser.add_argument("--bbc", type=Path, help="an index of BBC News")
    args = parser.parse_args()
    corpora = [(label, path) for label, path in (("Reuters", args.reuters), ("BBC", args.bbc))]
    corpora = [(label, path) for label, path in corpora if path is not None]
    if not corpora or any(not path.is_dir() for _, path in corpora):
        print("error: give --reuters and/or --bbc, indexes built as the docstring says")
        return 2
    names = list(dict.fromkeys((*REUTERS_PEOPLE, *BBC_PEOPLE, *ARABIC_NAMES, *ORGANISATIONS)))
    print("| corpus | names | right variant mentions | wrong | not judged |")
    print("|---|---|---|---|---|")
    all_notes = []
    for label, path in corpora:
        count, right, wrong, unjudged, notes = measure(path, names)
        print(f"| {label} | {count} | {right} | {wrong} | {unjudged} |")
        all_notes += [f"{label}: {note}" for note in notes]
    print("\nForms found (+ right, - wrong, ? not judged; mentions):")
    print("\n".join(all_notes))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
