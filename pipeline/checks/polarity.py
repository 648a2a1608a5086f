"""A sentence's negations, as the negation, comparative and instruction checks
count them: certain ones, lexical ones, concord, never/always, exceptive,
inverting and optional words."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache

from .hits import Tag
from .lexicon import Hit, SOURCE_LANGUAGE
from .reading import _directions, _near, _scan, _without


@dataclass(frozen=True)
class Polarity:
    """Negations of one sentence: `certain` ones (a "not", a "without",
    the first word of a negative-concord chain), `lexical` words that a
    language may or may not write as a negation ("unable", "不舒服"), and
    `concord` words beside a negation that add none (the "pas" of "ne ...
    pas", the "nunca" of "no ... nunca"), and `repeat`: the "or" and "and"
    after which a translation may say the negation again ("cannot relax or
    get comfortable" as "无法放松，也无法..."). `low` to `high` is how many
    negations another language may write for the sentence."""
    certain: tuple[Hit, ...]
    lexical: int
    concord: int
    repeat: int
    privative: int
    never: tuple[Hit, ...]
    always: tuple[Hit, ...]
    exceptive: int = 0  # "only", "solo", Arabic إلا of لا ... إلا, Japanese しか of しか...ない
    unless: int = 0  # "unless", "a menos que": "do not ... unless" says "only if"
    inverting: tuple[Hit, ...] = ()  # "forget", "stop", "avoid": turn what follows around (also in `certain`)
    optional: tuple[Hit, ...] = ()  # "need not", "no necesita": no requirement, not a prohibition
    excepting: tuple[Hit, ...] = ()  # "only", "except", "unless" words, for messages
    conditional: int = 0  # negations of `certain` inside an "if" clause ("si no se siente mareado")
    unforbidden: tuple[Hit, ...] = ()  # prohibition words negated ("no está contraindicado"): no negation
    rhetorical: tuple[Hit, ...] = ()  # "why not" frames ("¿Por qué no…?", "Почему бы не"): a suggestion
    narrowing: tuple[Hit, ...] = ()  # `only` words beside a negation ("だけを与えないで"): "not only"

    @property
    def low(self) -> int:
        return len(self.certain)

    def without(self, count: int) -> Polarity:
        """The polarity with `count` of its certain negations set aside (the
        last ones: which do not matter to the counts)."""
        return replace(self, certain=self.certain[:len(self.certain) - count]) if count else self

    def dropping(self, hits: tuple[Hit, ...]) -> Polarity:
        """The polarity without these certain negations: those spent on
        saying a word of the other text ("no es peligroso" for "safe"), so
        that the negation left is the one that opens or ends a clause."""
        return replace(self, certain=tuple(h for h in self.certain if h not in hits)) if hits else self

    @property
    def high(self) -> int:
        return self.low + self.lexical + self.concord


@lru_cache(maxsize=8192)
def polarity(language: str, text: str) -> Polarity:
    """Negations of a normalised sentence. Phrases of the comparative and
    urgency lists are set aside first: the "no" of "no more than" and the
    "не" of "не откладывая" belong to them; so are the names of medicines,
    whose letters are no words ("莫" of "阿莫西林", amoxicillin)."""
    phrases = [h for h in _scan(language, "comparative", text) if _directions(h)[1]]
    phrases += [h for h in _scan(language, "urgency", text) if h.kinds() & {"now", "soon", "emergency_room", "delay"}]
    phrases += [h for code in dict.fromkeys((language, SOURCE_LANGUAGE)) for h in _scan(code, "medicine", text)]
    hits = _with_inner_negations(language, _scan(language, "negation", _without(text, phrases)))
    unforbidden, spent = _unforbidden(text, hits)
    hits = _restricting(language, text, tuple(h for h in hits if h not in spent))
    kinds = [h.kinds() for h in hits]
    has_word = any(k & {"words", "prohibitive"} for k in kinds)
    certain, lexical, concord, repeat, first_concord = [], 0, 0, 0, True
    for hit, kind in zip(hits, kinds):
        if "rhetorical" in kind:
            continue  # counted apart: a question that asks "why not" suggests, unless the other text asks it too
        elif "inverting" in kind and language == SOURCE_LANGUAGE and \
                not ("opening" in kind and not text[:hit.start].strip(" *_\"'“(")):
            # a source's "stops" ("after treatment stops") need not be an instruction: a
            # translation may write it with a negation or without; an "Avoid" that opens the
            # sentence (`[negation] opening`) is one, and certain
            lexical += 1
        elif kind & {"words", "privative", "inverting", "prohibitive", "conditional"}:
            certain.append(hit)
        elif "concord" in kind:
            if has_word or not first_concord:
                concord += 1
            else:
                certain.append(hit)
            first_concord = False
        elif "lexical" in kind or "asking" in kind and _ASKS.match(text, hit.end):
            lexical += 1  # "Trouble sleeping?" may be asked "¿No puede dormir?"
        elif "repeat" in kind and certain:
            # "do not open, crush, or chew": each item of the list may take its own negation
            repeat += 1 + text.count(",", certain[-1].end, hit.start)
    return Polarity(tuple(certain), lexical, concord, repeat, sum("privative" in kind for kind in kinds),
                    tuple(h for h, k in zip(hits, kinds) if "never" in k),
                    tuple(h for h, k in zip(hits, kinds) if "always" in k),
                    sum("exceptive" in kind for kind in kinds), sum("unless" in kind for kind in kinds),
                    tuple(h for h, k in zip(hits, kinds) if "inverting" in k),
                    tuple(h for h, k in zip(hits, kinds) if "optional" in k),
                    tuple(h for h, k in zip(hits, kinds) if k & {"exceptive", "besides", "unless"}),
                    _conditional(text, certain, hits), unforbidden,
                    tuple(h for h, k in zip(hits, kinds) if "rhetorical" in k), _narrowing(text, certain, hits))


def _with_inner_negations(language: str, hits: tuple[Hit, ...]) -> tuple[Hit, ...]:
    """The hits, where an inverting verb written around its own negation
    (Hindi "लेना बंद न करें", do not stop taking: `[reverse] inverting`)
    is its negation and itself, as "No deje de tomar" is: the two cancel."""
    if not any("inverting" in h.kinds() and " " in h.text for h in hits):
        return hits
    found: list[Hit] = []
    for hit in hits:
        found.append(hit)
        if "inverting" not in hit.kinds():
            continue
        position = hit.start
        for word in hit.text.split(" ")[1:-1]:
            position = hit.text.index(word, position - hit.start) + hit.start
            inner = [h for h in _scan(language, "negation", word) if h.text == word and "words" in h.kinds()]
            found += [Hit(word, position, position + len(word), inner[0].tags)] if inner else []
    return tuple(found)


# a negation and the prohibition word it negates: at most two words apart, within one clause
_UNFORBIDDING_GAP = re.compile(r"[\s'’-]*(?:[^\W\d_]+[\s'’-]+){0,2}|[^\s.,;:!?。，；：！？،؛]{0,4}")
_NEGATING = frozenset({"words", "concord", "privative", "lexical"})


def _unforbidden(text: str, hits: tuple[Hit, ...]) -> tuple[tuple[Hit, ...], frozenset[Hit]]:
    """Prohibition words said under a negation of their own ("no está
    contraindicado", "n'est pas interdit", "并无禁忌", "금지되지 않습니다",
    "hindi bawal"), and the hits spent on them: a prohibition negated is a
    permission, no negation at all. A prohibition word alone ("está
    contraindicado") is one negation."""
    found: list[Hit] = []
    spent: set[Hit] = set()
    for word in (h for h in hits if "prohibitive" in h.kinds()):
        negations = [n for n in hits if n is not word and n.kinds() & _NEGATING and "prohibitive" not in n.kinds()
                     and _UNFORBIDDING_GAP.fullmatch(text[min(n.end, word.end):max(n.start, word.start)])
                     and (n.end <= word.start or word.end <= n.start)]
        if negations:
            found.append(word)
            spent.update(negations + [word])
    return tuple(found), frozenset(spent)


_CLAUSE_BREAK = re.compile(r"[,;:，；：、،؛]")
_ASKS = re.compile(r"[^.!?。！？]*[?？]")  # the rest of a question
_CLAUSE_OR_SENTENCE = re.compile(r"[,;:.!?，；：、،؛。！？]")
_BESIDES = Tag("besides")


def _restricting(language: str, text: str, hits: tuple[Hit, ...]) -> tuple[Hit, ...]:
    """The hits, with the `restrictive` "que" of a French "ne ... que" made
    a `besides` ("only"): "Ne prenez ce médicament qu'avec de l'alcool"
    tells the reader to take it only with alcohol, however many words stand
    between "ne" and "qu'". Only after a one-word negation of the same
    clause with no concord word between: "ne ... pas ... que" is a plain
    "que", and so is "ne pas plus que" (whose "pas" a limit took)."""
    if not any("restrictive" in h.kinds() for h in hits):
        return hits
    found, opened = [], None
    for hit in hits:
        kinds = hit.kinds()
        if opened is not None and _CLAUSE_OR_SENTENCE.search(text, opened.end, hit.start):
            opened = None
        if "restrictive" in kinds and opened is not None and "besides" not in kinds and not any(
                h.kinds() & {"concord", "words"} for h in _scan(language, "negation", text[opened.end:hit.start])):
            hit = Hit(hit.text, hit.start, hit.end, hit.tags | {_BESIDES})
            opened = None
        elif "words" in kinds and " " not in hit.text.strip():
            opened = hit
        elif kinds & {"concord", "words"}:
            opened = None
        found.append(hit)
    return tuple(found)


def _conditional(text: str, certain: list[Hit], hits: tuple[Hit, ...]) -> int:
    """How many negations of a sentence stand in an "if" clause: after a
    `condition` word ("if", "si", "如果", "إذا"), with no comma between."""
    conditions = [h for h in hits if "condition" in h.kinds()]
    return sum(1 for hit in certain if "conditional" in hit.kinds() or
               any(c.end <= hit.start and not _CLAUSE_BREAK.search(text[c.end:hit.start]) for c in conditions))


def _narrowing(text: str, certain: list[Hit], hits: tuple[Hit, ...]) -> tuple[Hit, ...]:
    """The "only" words a negation of the sentence governs: "アスピリンだけを
    与えないでください" (do not give aspirin only), "No dé solo aspirina", "No
    maneje solo" (alone) forbid only the narrowed act and allow the rest.
    An "only" that is also "except" or "unless" ("しか", "ne _ que", إلا)
    is counted by those lists, "not only" (`lexical`) holds its own, and
    words that say "only" beside "ne" alone (French "que") are no `only`."""
    words = [h for h in hits if "only" in h.kinds() and not h.kinds() & {"besides", "unless", "lexical"}]
    return tuple(w for w in words if any(_near(text, n, w) and "privative" not in n.kinds() for n in certain))
