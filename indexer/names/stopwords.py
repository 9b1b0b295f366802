"""Words that are never name tokens: frequent function words of English and Arabic.

A capitalised English word at the start of a sentence ("The", "However") is not a name, and a
handful of Arabic function words (في, من, التي...) fill any Arabic text; leaving them out keeps
the name fields small and stops them colliding with name keys. The lists hold words as written;
`indexer.names.fold` compares them after folding. Particles that belong inside Western names
(van, von, de, la...) are here too: they keep their place in a name's word positions but are
not tokens of their own.
"""

from __future__ import annotations


def word_list(text: str) -> list[str]:
    """The whitespace-separated words of a literal list."""
    return text.split()


ENGLISH_STOPWORDS = frozenset(
    word_list("""
    a about above according across after afterwards again against all almost along already also
    although always am among an and another any anyone anything are around as at be because been
    before behind being below beside besides between both but by can cannot could did do does
    doing done down during each either else even ever every everyone everything few for from
    further furthermore had has have having he hence her here hers herself him himself his how
    however i if in indeed instead into is it its itself just last least less let like many me
    meanwhile might more moreover most mostly much must my myself neither never nevertheless no
    nobody none nor not nothing now of off often on once one only onto or other others otherwise
    our ours ourselves out over own per perhaps please rather same several shall she should since
    so some someone something sometimes still such than that the their theirs them themselves
    then there thereby therefore these they this those though through throughout thus to
    together too toward towards under unless until up upon us very via was we well were what
    whatever when whenever where whereas wherever whether which while who whoever whole whom
    whose why with within without would yes yet you your yours yourself yourselves
    de da di du del della der den van von la le dos das do du y
    """)
)
"""English function words, and the particles of Western names (de, van, von...)."""

ARABIC_STOPWORDS = frozenset(
    word_list("""
    في من على إلى الى عن مع هذا هذه ذلك تلك هؤلاء التي الذي الذين اللذين اللتين اللواتي
    أن ان إن أنه انه إنه أنها انها انا أنا انت أنت نحن هو هي هم هن ثم أو او و
    كان كانت يكون تكون قد لا ما لم لن
    بعد قبل بين حتى عند كل غير منذ خلال ضد حول لدى مثل أي اي أيضا ايضا وقد وفي ومن وعلى
    وإلى والى وعن ومع وهذا وهذه وكان وكانت وهو وهي وهم ولا ولم ولن أما اما إذا اذا لكن
    لكن ولكن كما فقط عبر نحو دون فيه فيها منه منها عليه عليها إليه اليه به بها له لها لهم
    التى الذى هناك هنا حيث بل قال وقال قالت وقالت يوم أمس اليوم
    """)
)
"""Arabic function words (written in any spelling: they are folded before comparison)."""

NAME_PARTICLES = frozenset({"bin", "ibn", "bint", "abu", "abou", "umm"})
"""Lowercase words that are part of an Arabic name and are kept as tokens (Osama bin Laden)."""
