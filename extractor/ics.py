"""``--format ics``: the planned and ongoing events with dates, as an iCalendar file.

Each event is an all-day entry over its date interval, with a summary ("Mike
Pompeo – Kim Yong-chol meeting, New York"), a description (status, hedges,
evidence, source) and a UID made of its event id, so that importing a newer
run updates the entries instead of duplicating them. Writing the format is left
to the ``icalendar`` package (the ``views`` extra).
"""
from __future__ import annotations

import datetime as dt
from typing import IO

from .records import DocResult, Event
from .render import MissingExtra, Renderer

IN_CALENDAR = ("planned", "ongoing")


def summary(ev: Event) -> str:
    """"Ana Ruiz – Kenji Mori meeting, Lima" (the states when nobody is named)."""
    who = " – ".join(p.name for p in ev.participants) or " – ".join(ev.countries) or "Diplomatic"
    where = f", {ev.location.name}" if ev.location else ""
    return f"{who} {ev.type}{where}"


class ICSRenderer(Renderer):
    """Collects the calendar's events while results arrive and writes the file at the end."""

    def __init__(self, out: IO[str], with_dates: bool = False) -> None:
        super().__init__(out, with_dates)
        try:
            import icalendar
        except ImportError:
            raise MissingExtra("--format ics needs the icalendar package: pip install \"extractor[views]\" "
                               "(or pip install \".[views]\" in a checkout)") from None
        self.ical = icalendar
        self.cal = icalendar.Calendar()
        self.cal.add("prodid", "-//extractor//diplomatic events//EN")
        self.cal.add("version", "2.0")

    def write(self, result: DocResult) -> None:
        for ev in result.events:
            if ev.status in IN_CALENDAR and ev.date and ev.date.start and ev.date.end:
                self.cal.add_component(self._entry(result, ev))

    def _entry(self, result: DocResult, ev: Event):
        entry = self.ical.Event()
        entry.add("uid", f"{ev.id}@extractor")
        # a fixed stamp (the article's date) keeps the file the same from run to run
        stamp = result.published or ev.date.start
        entry.add("dtstamp", dt.datetime.combine(stamp, dt.time(0, 0), tzinfo=dt.timezone.utc))
        entry.add("dtstart", ev.date.start)
        entry.add("dtend", ev.date.end + dt.timedelta(days=1))  # all-day entries end the day after
        entry.add("summary", summary(ev))
        if ev.location:
            entry.add("location", ev.location.name)
        lines = [f"Status: {ev.status}" + (f" ({', '.join(ev.hedges)})" if ev.hedges else ""),
                 f"When: {ev.date.text}"]
        lines += [f"“{e.text}”" for e in ev.evidence]
        lines.append(f"Source: {result.url or result.source} ({result.doc_id}, event {ev.id})")
        entry.add("description", "\n".join(lines))
        if result.url:
            entry.add("url", result.url)
        entry.add("categories", [ev.type, ev.status])
        return entry

    def end(self) -> None:
        self.out.write(self.cal.to_ical().decode("utf-8"))  # CRLF line ends, as RFC 5545 wants
        self.out.flush()


__all__ = ["ICSRenderer", "MissingExtra", "summary"]
