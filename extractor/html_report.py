"""``--format html``: one self-contained page to check and browse the events of a run.

- a timeline of every dated event, one bar over its interval, coloured by status,
  each linking to its card;
- per article, its text with each event's trigger, participants, place and date
  marked (spaCy's displaCy, which escapes the text), and a card per event;
- three plain filters (type, status, state) that work offline, with no server.

Nothing is fetched from the network, and every piece of article text, id and
path goes through an escaping function before it reaches the page: no markup
or script from an article can run in the report.
"""
from __future__ import annotations

import datetime as dt
import html
from typing import IO

from .records import DocResult, Event
from .render import Renderer, when_text

COLOURS = {"planned": "#93c5fd", "ongoing": "#fcd34d", "occurred": "#86efac", "cancelled": "#fca5a5",
           "postponed": "#d8b4fe"}
MARKS = {"TRIGGER": "#fde68a", "PARTICIPANT": "#bfdbfe", "PLACE": "#bbf7d0", "DATE": "#fbcfe8"}

STYLE = """
body{font-family:system-ui,sans-serif;margin:1.5em;max-width:70em;color:#111}
h1{font-size:1.4em} h2{font-size:1.15em;margin-top:2em;border-top:1px solid #ccc;padding-top:.8em}
.card{border:1px solid #ddd;border-radius:.4em;padding:.5em .8em;margin:.5em 0;background:#fafafa}
.card b{display:inline-block;min-width:7em}
.status{padding:.1em .5em;border-radius:.3em}
#timeline .row{display:flex;align-items:center;margin:2px 0;font-size:.85em}
#timeline .label{width:22em;overflow:hidden;white-space:nowrap;text-overflow:ellipsis}
#timeline .track{position:relative;flex:1;height:1.1em;background:#f3f4f6}
#timeline .bar{position:absolute;top:0;height:100%;min-width:3px;border-radius:2px}
.axis{display:flex;justify-content:space-between;font-size:.75em;color:#555;margin-left:22em}
.filters label{margin-right:1em}
.hidden{display:none}
"""

SCRIPT = """
function applyFilters(){
  var t=document.getElementById('f-type').value, s=document.getElementById('f-status').value,
      c=document.getElementById('f-country').value;
  document.querySelectorAll('[data-type]').forEach(function(el){
    var ok=(!t||el.dataset.type===t)&&(!s||el.dataset.status===s)&&(!c||(' '+el.dataset.countries+' ').indexOf(' '+c+' ')>=0);
    el.classList.toggle('hidden',!ok);
  });
}
document.querySelectorAll('.filters select').forEach(function(el){el.addEventListener('change',applyFilters);});
"""


def esc(text: object) -> str:
    return html.escape("" if text is None else str(text), quote=True)


def _marks(text: str, result: DocResult) -> list[dict]:
    """Character spans to mark in the article: in each event's evidence sentences, its trigger,
    participants (full name or surname), place and date words; non-overlapping, in order."""
    found: list[tuple[int, int, str]] = []
    for ev in result.events:
        words = [(ev.trigger, "TRIGGER")] if ev.trigger else []
        for p in ev.participants:
            words += [(p.name, "PARTICIPANT"), (p.name.split()[-1], "PARTICIPANT")]
        if ev.location:
            words.append((ev.location.name, "PLACE"))
        if ev.date and ev.date.text:
            words.append((ev.date.text, "DATE"))
        for e in ev.evidence:
            sentence = text[e.start_char:e.end_char]
            for word, label in words:
                at = sentence.find(word) if word else -1
                if at >= 0:
                    found.append((e.start_char + at, e.start_char + at + len(word), label))
    found.sort(key=lambda x: (x[0], -(x[1] - x[0])))
    out, end = [], -1
    for s, e, label in found:
        if s >= end:
            out.append({"start": s, "end": e, "label": label})
            end = e
    return out


class HTMLRenderer(Renderer):
    """Keeps the results (and the article texts it is given) and writes the page at the end."""

    def __init__(self, out: IO[str], with_dates: bool = False) -> None:
        super().__init__(out, with_dates)
        self.results: list[DocResult] = []
        self.texts: dict[tuple[str, str], str] = {}

    def keep_text(self, doc_id: str, source: str, text: str) -> None:
        self.texts[(doc_id, source)] = text

    def write(self, result: DocResult) -> None:
        self.results.append(result)

    def end(self) -> None:
        events = [(r, ev) for r in self.results for ev in r.events]
        types = sorted({ev.type for _, ev in events})
        statuses = sorted({ev.status for _, ev in events})
        countries = sorted({c for _, ev in events for c in ev.countries})
        parts = ["<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>",
                 "<meta name='viewport' content='width=device-width, initial-scale=1'>",
                 f"<title>Diplomatic events: {len(events)} in {len(self.results)} articles</title>",
                 f"<style>{STYLE}</style></head><body>",
                 f"<h1>Diplomatic events: {len(events)} in {len(self.results)} articles</h1>",
                 "<div class='filters'>",
                 self._select("f-type", "type", types), self._select("f-status", "status", statuses),
                 self._select("f-country", "state", countries), "</div>",
                 self._timeline(events)]
        for r in self.results:
            parts.append(self._article(r))
        parts.append(f"<script>{SCRIPT}</script></body></html>\n")
        self.out.write("\n".join(parts))
        self.out.flush()

    @staticmethod
    def _select(ident: str, label: str, values: list[str]) -> str:
        options = "".join(f"<option value='{esc(v)}'>{esc(v)}</option>" for v in values)
        return f"<label>{label} <select id='{ident}'><option value=''>all</option>{options}</select></label>"

    @staticmethod
    def _attrs(ev: Event) -> str:
        return (f"data-type='{esc(ev.type)}' data-status='{esc(ev.status)}' "
                f"data-countries='{esc(' '.join(ev.countries))}'")

    def _timeline(self, events: list[tuple[DocResult, Event]]) -> str:
        dated = [(r, ev) for r, ev in events if ev.date and ev.date.start and ev.date.end]
        if not dated:
            return "<h2>Timeline</h2><p>No event with a date.</p>"
        first = min(ev.date.start for _, ev in dated)
        last = max(ev.date.end for _, ev in dated) + dt.timedelta(days=1)
        span = max((last - first).days, 1)
        rows = []
        for r, ev in sorted(dated, key=lambda x: (x[1].date.start, x[1].id)):
            left = 100 * (ev.date.start - first).days / span
            width = 100 * ((ev.date.end - ev.date.start).days + 1) / span
            who = ", ".join(p.name for p in ev.participants) or ", ".join(ev.countries)
            label = f"{ev.type}: {who}"
            rows.append(
                f"<div class='row' {self._attrs(ev)}><a class='label' href='#{esc(ev.id)}' title='{esc(label)}'>"
                f"{esc(label)}</a><div class='track'><span class='bar' title='{esc(when_text(ev))} ({esc(ev.status)})' "
                f"style='left:{left:.2f}%;width:{width:.2f}%;background:{COLOURS.get(ev.status, '#ccc')}'></span>"
                "</div></div>")
        legend = " ".join(f"<span class='status' style='background:{c}'>{s}</span>" for s, c in COLOURS.items())
        return (f"<h2>Timeline</h2><p>{legend}</p><div class='axis'><span>{first.isoformat()}</span>"
                f"<span>{(last - dt.timedelta(days=1)).isoformat()}</span></div><div id='timeline'>"
                + "".join(rows) + "</div>")

    def _article(self, r: DocResult) -> str:
        head = f"<h2 id='doc-{esc(r.doc_id)}'>{esc(r.title or r.doc_id)}</h2>"
        meta = f"<p>{esc(r.doc_id)} · {esc(r.source)} · {esc(r.published or 'no date')}"
        if r.url:
            meta += f" · <a href='{esc(r.url)}'>{esc(r.url)}</a>"
        meta += "</p>"
        text = self.texts.get((r.doc_id, r.source))
        body = ""
        if text is not None and r.events:
            from spacy import displacy  # escapes the text it is given

            body = displacy.render({"text": text, "ents": _marks(text, r), "title": None}, style="ent", manual=True,
                                   page=False, options={"colors": MARKS})
        cards = "".join(self._card(r, ev) for ev in r.events) or "<p>No diplomatic event.</p>"
        return head + meta + cards + (f"<details open><summary>the article, marked</summary>{body}</details>" if body else "")

    def _card(self, r: DocResult, ev: Event) -> str:
        people = "; ".join(
            esc(p.name) + (f" ({esc(', '.join(x for x in (p.title, p.country, p.role) if x))})"
                           if (p.title or p.country or p.role) else "") for p in ev.participants)
        place = esc(ev.location.name + (f" ({ev.location.country})" if ev.location.country else "")) if ev.location else ""
        evidence = "".join(f"<li>{esc(e.text)} <small>[{e.start_char}-{e.end_char}]</small></li>" for e in ev.evidence)
        colour = COLOURS.get(ev.status, "#ccc")
        return (f"<div class='card' id='{esc(ev.id)}' {self._attrs(ev)}>"
                f"<div><b>{esc(ev.type)}</b> <span class='status' style='background:{colour}'>{esc(ev.status)}</span>"
                f" <small>{esc(ev.id)} · CAMEO {esc(ev.cameo)} · PLOVER {esc(ev.plover)} {esc(ev.plover_mode or '')}"
                f"</small></div>"
                f"<div><b>participants</b> {people or '-'}</div>"
                f"<div><b>states</b> {esc(', '.join(ev.countries)) or '-'}</div>"
                f"<div><b>place</b> {place or '-'}</div>"
                f"<div><b>when</b> {esc(when_text(ev)) or '-'}</div>"
                f"<div><b>hedges</b> {esc(', '.join(ev.hedges)) or '-'}</div>"
                f"<details><summary>evidence</summary><ul>{evidence}</ul></details></div>")


__all__ = ["HTMLRenderer"]
