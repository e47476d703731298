"""Significant terms of a claim's text, for the teaching hints: words, stop-words, a light stemmer.

The hints compare what claims talk about, not what they mean, so the heuristic is deliberately
simple and documented (docs/hints.md):

* a **word** is a run of letters (with inner apostrophes: ``don't``); hyphenated words count as
  their parts; numbers are not terms;
* a **stop-word** (articles, prepositions, conjunctions, pronouns, auxiliaries and modals,
  quantifiers, common adverbs: :data:`STOP_WORDS`) is never a term, nor is any word of fewer
  than three letters, except an **acronym** written in capitals (``US``, ``EU``), which is a
  term spelt as written (so the pronoun ``us`` stays a stop-word);
* each term is reduced to a **stem** by :func:`stem`, a small suffix-stripping stemmer (plurals,
  ``-ing``, ``-ed``, ``-ly``, a final ``e``, ``-ize`` as ``-ise``, a few irregular plurals), so
  that ``sanctions``, ``sanctioned`` and ``sanction`` are one term;
* a user-declared **synonym** list (``# argmap: synonyms car automobile vehicle``) makes several
  stems one term: :class:`Synonyms`.

>>> sorted(terms("Beijing is increasingly willing to tighten sanctions.").values())
['Beijing', 'increasingly', 'sanctions', 'tighten', 'willing']
>>> stem("sanctions") == stem("sanctioned") == stem("sanction")
True
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Mapping
from types import MappingProxyType

import attrs

__all__ = ["STOP_WORDS", "Synonyms", "stem", "terms", "words"]

STOP_WORDS = frozenset(
    """
    a an the
    i me my mine myself we us our ours ourselves you your yours yourself yourselves
    he him his himself she her hers herself it its itself they them their theirs themselves
    one ones oneself someone somebody something anyone anybody anything everyone everybody
    everything nobody nothing none
    this that these those who whom whose which what whatever whoever whichever
    be am is are was were been being have has had having do does did doing done
    will would shall should can could may might must ought cannot
    isn't aren't wasn't weren't hasn't haven't hadn't doesn't don't didn't won't wouldn't
    shan't shouldn't can't couldn't mustn't it's that's there's i'm you're we're they're
    i've you've we've they've i'd you'd he'd she'd we'd they'd i'll you'll he'll she'll
    we'll they'll he's she's let's
    not no nor never
    and or but if then else than because since so thus hence therefore while whereas
    although though however unless until whether either neither yet also
    as at by for from in into of off on onto out over per to up upon via with within without
    about above across after against along among amid around before behind below beneath
    beside besides between beyond down during except inside near outside past through
    throughout till toward towards under underneath unlike
    all any both each every few more most other others another some such only own same
    several many much less least enough
    very too just even still already always often sometimes again ever quite rather
    really almost here there now when where why how
    """.split()
)
"""Words that are never significant terms: function words, and every pronoun (a pronoun
refers to a term written elsewhere, so requiring it in the premises would be a false alarm)."""

_WORD = re.compile(r"[^\W\d_]+(?:['\u2019][^\W\d_]+)*")
_VOWEL = re.compile(r"[aeiouy]")

# Irregular plurals that matter in textbook arguments ("All men are mortal").
_IRREGULAR = {
    "men": "man",
    "women": "woman",
    "children": "child",
    "people": "person",
    "mice": "mouse",
    "geese": "goose",
    "feet": "foot",
    "teeth": "tooth",
    "lives": "life",
    "wives": "wife",
    "knives": "knife",
    "analyses": "analysis",
    "crises": "crisis",
    "theses": "thesis",
    "criteria": "criterion",
    "phenomena": "phenomenon",
}


def words(text: str) -> list[str]:
    """The words of a text as written: letters with inner apostrophes; hyphens split words.

    >>> words("Kim's pro-US successor, in 2016!")
    ["Kim's", 'pro', 'US', 'successor', 'in']
    """
    return _WORD.findall(text)


def _undouble(word: str) -> str:
    # "stopped" -> "stopp" -> "stop"; but "fall", "press", "buzz" keep their doubles.
    if len(word) > 3 and word[-1] == word[-2] and word[-1] not in "lsz":
        return word[:-1]
    return word


@functools.lru_cache(maxsize=1 << 16)  # pure, and a map repeats its words many times
def stem(word: str) -> str:
    """A light stem of one lower-case word: enough to match inflections, never a dictionary form.

    >>> [stem(w) for w in ("countries", "tightening", "tighten", "stopped", "destabilized")]
    ['country', 'tighten', 'tighten', 'stop', 'destabilis']
    >>> stem("men") == stem("man")
    True
    """
    word = word.lower().replace("\u2019", "'")
    if word.endswith("'s"):
        word = word[:-2]
    word = word.rstrip("'")
    if word in _IRREGULAR:
        return _IRREGULAR[word]
    if len(word) <= 3:
        return word
    if word.endswith(("ies", "ied")) and len(word) > 4:
        word = word[:-3] + "y"
    elif word.endswith(("sses", "shes", "ches", "xes", "zzes")):
        word = word[:-2]
    elif word.endswith("s") and not word.endswith(("ss", "us", "is")):
        word = word[:-1]
    if word.endswith("ly") and len(word) > 5:
        word = word[:-2]
    past = False
    for suffix in ("ing", "ed"):
        rest = word[: -len(suffix)]
        if word.endswith(suffix) and len(rest) >= 3 and _VOWEL.search(rest):
            word = _undouble(rest)
            past = suffix == "ed"  # "agreed" -> "agre", as "agree" -> "agre"
            break
    if word.endswith("e") and len(word) > 3 and not past:
        word = word[:-1]
    if word.endswith("iz") and len(word) > 4:  # -ize and -ise are one spelling
        word = word[:-1] + "s"
    return word


@attrs.frozen
class Synonyms:
    """Groups of words the user declared to mean the same, as stems mapped to one key.

    >>> s = Synonyms.build([["car", "automobile", "vehicle"]])
    >>> s.key("automobiles") == s.key("car") == "car"
    True
    """

    keys: Mapping[str, str] = attrs.field(factory=lambda: MappingProxyType({}))

    @classmethod
    def build(cls, groups: Iterable[Iterable[str]]) -> Synonyms:
        """One key per group (the stem of its first word); a word in two groups joins them."""
        parent: dict[str, str] = {}

        def find(x: str) -> str:
            while parent.setdefault(x, x) != x:
                x = parent[x]
            return x

        order: list[str] = []
        for group in groups:
            stems = [_key(w) for w in group if words(w)]
            for s in stems:
                if s not in parent:
                    order.append(s)
                find(s)
            for s in stems[1:]:
                a, b = find(stems[0]), find(s)
                if a != b:
                    # The earlier-declared root wins, so keys do not depend on merge order.
                    first, second = sorted((a, b), key=order.index)
                    parent[second] = first
        return cls(MappingProxyType({s: find(s) for s in order}))

    def key(self, word: str) -> str:
        """The key a word is compared by: its stem, or its synonym group's key."""
        k = _key(word)
        return self.keys.get(k, k)


def _key(word: str) -> str:
    # An acronym is compared as written ("US" is not the pronoun "us"); other words by stem.
    if len(word) >= 2 and word.isupper():
        return word
    return stem(word)


@functools.lru_cache(maxsize=1 << 16)
def _term_key(word: str) -> str | None:
    """The key of a significant word before synonyms, or ``None`` for a word that is not a term."""
    if len(word) >= 2 and word.isupper():
        return word
    lower = word.lower().replace("\u2019", "'")
    if len(lower) < 3 or lower in STOP_WORDS:
        return None
    return stem(lower)


def terms(text: str, synonyms: Synonyms | None = None) -> dict[str, str]:
    """The significant terms of a text: ``{key: the word as first written}``, in text order."""
    keys = synonyms.keys if synonyms is not None else {}
    found: dict[str, str] = {}
    for word in words(text):
        key = _term_key(word)
        if key is not None:
            found.setdefault(keys.get(key, key), word)
    return found
