"""Event codes and participant roles, as event-data sets write them: PLOVER and CAMEO.

Every diplomatic event is PLOVER ``CONSULT``; its mode and its CAMEO code (040-046)
follow from the event's type, the states taking part and where it happens, and
the participants' roles (``host``, ``visitor``, ``mediator``) from their states and
the place, or from a mediator's title or a mediation cue in the evidence. The
mapping is data (``models/event_codes.json``) and is documented in the README.
"""
from __future__ import annotations

import functools
import importlib.resources
import json
from typing import Any

from .records import Event


@functools.lru_cache(maxsize=1)
def table() -> dict[str, Any]:
    text = (importlib.resources.files("extractor.models") / "event_codes.json").read_text(encoding="utf-8")
    return json.loads(text)


def _is_mediator(name: str, title: str | None, evidence: list[str], t: dict[str, Any]) -> bool:
    if title and any(w in title.lower() for w in t["mediator_title_words"]):
        return True
    surname = name.split()[-1].lower()
    for text in evidence:
        low = text.lower()
        for cue in t["mediation_cues"]:
            at = low.find(cue)
            if at < 0:
                continue
            # the mediator is named within a few words after the cue ("talks brokered by Norway's Lund")
            after = low[at + len(cue):at + len(cue) + 80].split()[:8]
            if any(w.strip(".,;:()\"'").removesuffix("'s").removesuffix("\u2019s") == surname for w in after):
                return True
    return False


def _a_venue(ev: Event, place: str, states: set[str]) -> bool:
    """Whether the state of the place only lends its ground: none of the participants is of it, and
    the participants, of two states or more, stand for every other state of the event (the leaders
    of two states meeting in a third, which the countries may list as where it was held)."""
    sides = {p.country for p in ev.participants if p.country}
    return (not any(p.country == place for p in ev.participants)
            and len(sides) >= 2 and states - {place} <= sides)


def assign(ev: Event) -> Event:
    """Fill ``ev``'s ``plover``, ``plover_mode`` and ``cameo`` and its participants' ``role``."""
    t = table()
    states = set(ev.countries)
    place = ev.location.country if ev.location else None
    if place in states and _a_venue(ev, place, states):
        states.discard(place)
    hosted = place is not None and place in states and len(states) >= 2
    evidence = [e.text for e in ev.evidence]
    for p in ev.participants:
        p.role = None
        # a call is held across states, not in one: nobody hosts it
        if (ev.type == "visit" or hosted) and place and p.country and ev.type not in t["remote_types"]:
            p.role = "host" if p.country == place else "visitor"
    mediators = [p for p in ev.participants if _is_mediator(p.name, p.title, evidence, t)]
    for p in mediators:
        p.role = "mediator"
    if ev.type in t["type_mode"]:
        mode = t["type_mode"][ev.type]
    elif len(states) >= t["multilateral_states"] or ev.type in t["multilateral_types"]:
        mode = "multilateral"
    elif place and states and place not in states:
        mode = "third-party"
    elif hosted:
        mode = "host"
    else:
        mode = None
    if mediators:
        cameo = "mediate"
    elif ev.type in t["type_cameo"]:
        cameo = t["type_cameo"][ev.type]
    elif mode == "third-party":
        cameo = "third_location"
    else:
        cameo = "consult"
    ev.plover, ev.plover_mode, ev.cameo = t["plover"], mode, t["cameo"][cameo]
    return ev


__all__ = ["assign", "table"]
