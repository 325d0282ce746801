"""The demo data set: three days of a made-up person's coffee, phone and chocolate, in the
export format, moved in time when loaded so its latest entry is a few minutes ago.

The file is package data (`app/storage/demo.json`), read through importlib.resources, so it
ships inside the wheel: `teeter import --demo` works after `pipx install` or a plain
`pip install` as well as from a checkout."""

from __future__ import annotations

import dataclasses
import datetime as dt
from importlib import resources

import pendulum

from app.domain.days import local_day
from app.storage.transfer import TransferError
from app.storage.transfer.parse import read_file
from app.storage.transfer.records import Bundle

LEAD = dt.timedelta(minutes=3)  # the latest demo entry lands this long before now


def load_demo() -> Bundle:
    demo = resources.files("app.storage").joinpath("demo.json")
    if not demo.is_file():
        raise TransferError(
            "the demo data set is missing from this teeter installation (app/storage/demo.json); "
            "reinstall teeter"
        )
    with resources.as_file(demo) as path:
        return read_file(path)


def latest_moment(bundle: Bundle) -> dt.datetime | None:
    """The newest thing that happened in the bundle (a timer's planned end is not one)."""
    moments = [e.occurred_at for e in bundle.exposures]
    moments += [r.occurred_at for r in bundle.reframes]
    moments += [t.started_at for t in bundle.timers]
    moments += [t.ended_at for t in bundle.timers if t.ended_at]
    moments += [c.started_at for c in bundle.checkins]
    moments += [c.completed_at for c in bundle.checkins if c.completed_at]
    return max(moments, default=None)


def shift_to_now(
    bundle: Bundle,
    now: dt.datetime,
    tz: pendulum.Timezone | pendulum.FixedTimezone,
    day_start_hour: int,
) -> Bundle:
    """The same bundle moved in time as one block (every gap kept) so that its latest
    entry is a few minutes before `now`. Days are recomputed in the person's zone."""
    latest = latest_moment(bundle)
    if latest is None:
        return bundle
    target = now.astimezone(dt.UTC).replace(second=0, microsecond=0) - LEAD
    delta = target - latest

    def move(moment: dt.datetime | None) -> dt.datetime | None:
        return moment + delta if moment is not None else None

    def day_of(moment: dt.datetime) -> dt.date:
        return local_day(moment, tz, day_start_hour)

    replace = dataclasses.replace
    return Bundle(
        stimuli=[replace(s, created_at=move(s.created_at)) for s in bundle.stimuli],
        exposures=[
            e.but(occurred_at=e.occurred_at + delta, created_at=move(e.created_at))
            for e in bundle.exposures
        ],
        checkins=[
            replace(
                c,
                day=day_of(c.started_at + delta),
                started_at=c.started_at + delta,
                completed_at=move(c.completed_at),
            )
            for c in bundle.checkins
        ],
        timers=[
            replace(
                t,
                started_at=t.started_at + delta,
                ends_at=t.ends_at + delta,
                ended_at=move(t.ended_at),
            )
            for t in bundle.timers
        ],
        reframes=[replace(r, occurred_at=r.occurred_at + delta) for r in bundle.reframes],
        experiments=[
            replace(
                x,
                first_day=day_of(x.started_at + delta),
                started_at=x.started_at + delta,
                ended_at=move(x.ended_at),
            )
            for x in bundle.experiments
        ],
        settings=dict(bundle.settings),
    )
