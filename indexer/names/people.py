"""Which names are people: titles, organisation and place words, nationality adjectives.

A person named in full (Qais Al-Khazali) is later called by the last name alone (Khazali); an
organisation or a place is not called by its last word ('Asaib Ahl al-Haq is not "Haq",
Palestinian Islamic Jihad not "Jihad", Gulf Oil not "Oil", Bank of England not "England").
`is_person_name` tells them apart by the words of the name: no word that names a kind of
body or place, no nationality adjective, no joiner (of). Words are folded (`fold_word`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from indexer.names.fold import fold_word, is_arabic
from indexer.names.stopwords import word_list

TITLES = frozenset(
    word_list(
        """
    mr mrs ms miss dr sir dame madam lord lady president vice general gen major maj prime
    minister secretary chancellor premier sheikh shaykh shaikh king queen prince princess
    emir crown professor prof colonel col lt lieutenant capt captain commander cmdr brigadier
    brig admiral adm sgt sergeant marshal chairman chairwoman chief leader ambassador envoy
    senator sen congressman congresswoman rep representative governor gov mayor judge justice
    imam ayatollah hojatoleslam sayyed sayyid sayed mullah mufti cleric bishop archbishop
    cardinal pope father rev reverend saint st deputy spokesman spokeswoman head director
    officer manager coach boss striker defender midfielder goalkeeper keeper skipper mp mep
    ceo executive mister monsieur herr haji hajji comrade
    """
    )
)
"""Words standing before a name that are not part of it (Mr, President, Sheikh)."""

ORGANISATION_WORDS = frozenset(
    word_list(
        """
    bank university ministry department council house church mosque museum institute college
    school court office bureau board league union association federation organisation
    organization republic kingdom state states city province county district army navy party
    movement front committee commission agency authority company corporation corp corps inc
    ltd plc llc co group holdings society academy foundation centre center tower port gulf bay
    sea ocean lake river isle island islands peninsula strait canal desert valley mountains
    order cathedral brigade brigades battalion regiment division force forces guard guards
    militia militias brotherhood alliance coalition bloc parliament assembly congress senate
    government administration police service services network news times post journal press
    agency radio television tv club united rovers athletic cup championship open games
    festival awards prize oil gas petroleum energy airlines airways motors industries
    international exchange fund trust market markets systems technologies communications
    software electronics records studios pictures airport station hospital street square road
    avenue plan programme program project operation conference summit treaty accord
    associates partners capital securities investments insurance labour labor tory tories
    conservative conservatives liberal liberals democrat democrats republican republicans
    socialist socialists communist communists mps
    islamic democratic popular revolutionary patriotic national federal central royal real
    great new north south east west northern southern eastern western
    harakat haraka hizb hezb kataib katib asaib ahl jaish jaysh saraya liwa ansar jabhat
    jabha tanzim jamaat jamaa majlis ittihad hashd shaabi munazzamat quwat faylaq
    """
    )
)
"""Words that make a name an organisation or a place (Latin script, folded)."""

ARABIC_ORGANISATION_WORDS = frozenset(
    fold_word(word) or word
    for word in word_list(
        """
    حركة حزب تنظيم جماعة كتائب عصائب سرايا لواء جيش جبهة أهل اهل الحشد حشد مجلس اتحاد
    منظمة قوات فيلق مؤسسة شركة جامعة وزارة دولة مدينة بنك مصرف
    """
    )
)
"""The same in Arabic script, folded (the article dropped)."""

NATIONALITIES = frozenset(
    word_list(
        """
    british english scottish welsh irish french german dutch swiss greek spanish portuguese
    danish swedish finnish polish turkish czech thai american african european mexican cuban
    moroccan arab arabic iraqi saudi israeli pakistani kuwaiti yemeni omani qatari emirati
    bahraini afghan kurdish kurd persian deutsche palestinian iranian syrian egyptian
    jordanian lebanese russian italian canadian australian indian brazilian libyan tunisian
    algerian nigerian asian austrian belgian norwegian hungarian romanian ukrainian georgian
    armenian indonesian colombian korean chilean serbian croatian bosnian albanian ethiopian
    somali sudanese chinese japanese vietnamese
    """
    )
)
"""Adjectives of a people (Palestinian Islamic Jihad, Lebanese Hezbollah). A list, not a
suffix: Abdollahian, Petrosian and Christian end as Palestinian does."""

FAITHS = frozenset(word_list("shia shiite sunni muslim jewish catholic christian"))
"""Adjectives of a faith: not names alone, but words of names (Mohammed Shia' al-Sudani,
Muslim ibn Aqil, Christian Bale)."""


CALENDAR_WORDS = frozenset(
    word_list(
        """
    january february march april may june july august september october november december
    monday tuesday wednesday thursday friday saturday sunday
    """
    )
)
"""Months and days: capitalised, but no part of a name ("on Tuesday Khazali left")."""

SURNAME_PARTICLES = frozenset(word_list("de da di du del della der den van von la le dos das do y"))
"""Lower-case words inside Western surnames (De Clercq, van Persie, Perez de Cuellar)."""

FAMILY_NAMES_FIRST = frozenset(
    word_list(
        """
    zhao deng li wang zhang liu chen yang huang wu zhou xu sun zhu hu guo gao lin luo
    zheng liang xie tang feng cao peng zeng xiao tian dong yuan pan jiang cai du cheng wei
    su lu ding ren shen yao fan fang shi tan liao zou xiong jin hao kong bai cui kang mao
    qiu qin gu hou shao meng wan duan lei qian yin yi wen jia xi qiao bo
    chiang chou teng tsai hsu chu
    kim lee park choi chung jung kang cho yoon jang lim oh seo shin kwon hwang ahn yoo
    hong jeon ko moon roh chun rhee
    """
    )
)
"""Chinese and Korean family names, which come first (Zhao Ziyang, Kim Dae-jung)."""

_PINYIN = re.compile(
    r"(?:(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?"
    r"(?:iang|iong|uang|ueng|ang|eng|ing|ong|ian|iao|uai|uan|ai|ei|ao|ou|an|en|in|un"
    r"|ia|ie|iu|ua|uo|ui|ue|er|a|o|e|i|u))+"
)


def family_name_first(words: Sequence[str], written: str) -> bool:
    """True for a Chinese or Korean name, family name first (Zhao Ziyang, Deng Xiaoping,
    Kim Young-sam, Chiang Kai-shek): a family name of the list, then a given name of pinyin
    syllables or of two syllables joined by a hyphen as typed (`written`). Lee Iacocca is not."""
    if not 2 <= len(words) <= 3 or words[0] not in FAMILY_NAMES_FIRST:
        return False
    given = words[1:]
    if all(_PINYIN.fullmatch(word) for word in given):
        return True
    return len(given) == 2 and "-" in written and all(len(word) <= 5 for word in given)


def is_calendar_word(term: str) -> bool:
    """A month or a day of the week (folded word)."""
    return term in CALENDAR_WORDS


def is_nationality(term: str) -> bool:
    """Palestinian, Lebanese, British, Iraqi: an adjective of a people (folded word)."""
    return term in NATIONALITIES


def is_adjective_alone(term: str) -> bool:
    """A one-word "name" that is an adjective of a people or a faith (British, Shia,
    Palestinian; also an unlisted one ending -ese or -ean: Burmese, Guinean)."""
    if term in NATIONALITIES or term in FAITHS:
        return True
    return len(term) > 5 and term.endswith(("ese", "ean"))


def is_title(term: str) -> bool:
    """Mr, President, Sheikh: a word before a name that is not part of it (folded)."""
    return term in TITLES


def names_a_body(term: str) -> bool:
    """A word that makes a name an organisation or a place (Party, Gulf, Harakat, حركة,
    Palestinian)."""
    if is_arabic(term):
        return term in ARABIC_ORGANISATION_WORDS
    return term in ORGANISATION_WORDS or is_nationality(term)


def is_person_name(words: Sequence[str]) -> bool:
    """True when folded `words` (two or more) read as a person's name: none of them makes it
    an organisation or a place, and the last is a word of its own (not an initial or an
    acronym's letter)."""
    words = _without_titles(words)
    if len(words) < 2 or len(words[-1]) < 2:
        return False
    return not any(names_a_body(word) for word in words)


def _without_titles(words: Sequence[str]) -> Sequence[str]:
    """The words after any leading titles (President Ronald Reagan → Ronald Reagan)."""
    start = 0
    while start < len(words) - 1 and is_title(words[start]):
        start += 1
    return words[start:]


def _nickname_pairs(text: str) -> frozenset[tuple[str, str]]:
    pairs: set[tuple[str, str]] = set()
    for entry in word_list(text):
        full, _, nicks = entry.partition(":")
        pairs.update((nick, full) for nick in nicks.split(","))
    return frozenset(pairs)


NICKNAMES = _nickname_pairs(
    """
    james:jim,jimmy,jamie william:bill,billy,will,willie robert:bob,bobby,rob,robbie
    richard:dick,rick,rich anthony:tony michael:mike,mick thomas:tom,tommy edward:ed,ted,eddie
    charles:charlie,chuck joseph:joe,joey john:johnny,jack margaret:maggie,peggy
    elizabeth:liz,beth,betty alexander:alex,sandy andrew:andy,drew daniel:dan,danny
    david:dave,davy donald:don kenneth:ken,kenny lawrence:larry nicholas:nick,nicky
    peter:pete ronald:ron,ronnie samuel:sam,sammy stephen:steve steven:steve timothy:tim
    benjamin:ben,benny christopher:chris gerald:gerry,jerry patrick:pat,paddy
    frederick:fred,freddie harold:harry henry:harry,hank jonathan:jon matthew:matt
    gregory:greg raymond:ray douglas:doug philip:phil nathaniel:nat,nate vincent:vince
    catherine:cathy,kate katherine:kathy,kate susan:sue,susie jennifer:jen,jenny
    deborah:debbie,deb patricia:pat,patty rebecca:becky victoria:vicky
    """
)
"""(nickname, first name) pairs of English names: Jim Baker is James Baker."""
