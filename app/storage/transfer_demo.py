"""The demo data set: three days of a made-up person's coffee, phone and chocolate, in the
export format, moved in time when loaded so its latest entry is a few minutes ago.

The file lives in `assets/demo.json` at the top of the source tree, beside the `app`
package, so it is found from a checkout or an editable install."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pendulum

import app
from app.domain.days import local_day
from app.storage.transfer import TransferError
from app.storage.transfer_parse import read_file
from app.storage.transfer_records import Bundle

LEAD = dt.timedelta(minutes=3)  # the latest demo entry lands this long before now


def demo_path() -> Path:
    return Path(app.__file__).resolve().parent.parent / "assets" / "demo.json"


def load_demo() -> Bundle:
    path = demo_path()
    if not path.is_file():
        raise TransferError(
            f"the demo data set is missing (looked for {path}); it ships in the assets/ "
            "folder of teeter's source tree"
        )
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
            replace(e, occurred_at=e.occurred_at + delta, created_at=move(e.created_at))
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
