"""Everything in the database as one JSON document, read in a single read transaction so
the export is a consistent snapshot even while another teeter is writing."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import sqlalchemy as sa

from app import __version__
from app.storage.database import Database
from app.storage.models import (
    CheckInRow,
    ExperimentRow,
    ExperimentStimulusRow,
    ExposureRow,
    ReframeRow,
    SettingRow,
    StimulusRow,
    TimerRow,
)
from app.storage.transfer import FORMAT, VERSION, encode_day, encode_time

STEP_FIELDS = ("notice", "track", "space", "reframe")


def snapshot(db: Database, now: dt.datetime) -> dict[str, Any]:
    """The export document. Ids are left out: records name their stimulus."""
    stimulus = StimulusRow.__table__
    exposure = ExposureRow.__table__
    checkin = CheckInRow.__table__
    timer = TimerRow.__table__
    reframe = ReframeRow.__table__
    experiment = ExperimentRow.__table__
    link = ExperimentStimulusRow.__table__
    setting = SettingRow.__table__
    with db.read() as session:
        conn = session.connection()  # one transaction for every query below
        stimuli = conn.execute(sa.select(stimulus).order_by(stimulus.c.name_key)).all()
        names = {row.id: row.name for row in stimuli}
        exposures = conn.execute(
            sa.select(exposure).order_by(exposure.c.occurred_at, exposure.c.id)
        ).all()
        checkins = conn.execute(sa.select(checkin).order_by(checkin.c.day)).all()
        timers = conn.execute(sa.select(timer).order_by(timer.c.started_at, timer.c.id)).all()
        reframes = conn.execute(
            sa.select(reframe).order_by(reframe.c.occurred_at, reframe.c.id)
        ).all()
        experiments = conn.execute(
            sa.select(experiment).order_by(experiment.c.started_at, experiment.c.id)
        ).all()
        links = conn.execute(sa.select(link)).all()
        settings = conn.execute(sa.select(setting).order_by(setting.c.key)).all()
    linked: dict[int, list[str]] = {}
    for row in links:
        linked.setdefault(row.experiment_id, []).append(names[row.stimulus_id])
    return {
        "format": FORMAT,
        "version": VERSION,
        "exported_at": encode_time(now),
        "teeter": __version__,
        "settings": {row.key: row.value for row in settings},
        "stimuli": [
            {
                "name": row.name,
                "kind": row.kind,
                "archived": bool(row.archived),
                "created_at": encode_time(row.created_at),
            }
            for row in stimuli
        ],
        "exposures": [
            {
                "stimulus": names[row.stimulus_id],
                "occurred_at": encode_time(row.occurred_at),
                "enjoyment": row.enjoyment,
                "craving": row.craving,
                "note": row.note,
                "source": row.source,
                "created_at": encode_time(row.created_at),
            }
            for row in exposures
        ],
        "checkins": [
            {
                "day": encode_day(row.day),
                **{step: getattr(row, step) for step in STEP_FIELDS},
                "started_at": encode_time(row.started_at),
                "completed_at": encode_time(row.completed_at),
            }
            for row in checkins
        ],
        "timers": [
            {
                "stimulus": names[row.stimulus_id],
                "started_at": encode_time(row.started_at),
                "ends_at": encode_time(row.ends_at),
                "ended_at": encode_time(row.ended_at),
                "end_reason": row.end_reason,
                "urge": row.urge,
                "urge_asked": bool(row.urge_asked),
            }
            for row in timers
        ],
        "reframes": [
            {
                "occurred_at": encode_time(row.occurred_at),
                "stimulus": names[row.stimulus_id] if row.stimulus_id is not None else None,
                "label": row.label,
                "craving_before": row.craving_before,
                "craving_after": row.craving_after,
                "surf_minutes": row.surf_minutes,
                "outcome": row.outcome,
            }
            for row in reframes
        ],
        "experiments": [
            {
                "first_day": encode_day(row.first_day),
                "days": row.days,
                "state": row.state,
                "started_at": encode_time(row.started_at),
                "ended_at": encode_time(row.ended_at),
                "summary": row.summary,
                "stimuli": sorted(linked.get(row.id, []), key=str.casefold),
            }
            for row in experiments
        ],
    }


def dumps(document: dict[str, Any]) -> str:
    """JSON with one record per line: readable, greppable and diffable even at 100k rows."""
    lines = ["{"]
    items = list(document.items())
    for index, (key, value) in enumerate(items):
        comma = "," if index < len(items) - 1 else ""
        if isinstance(value, list) and value:
            body = ",\n".join(f"    {_compact(item)}" for item in value)
            lines.append(f"  {json.dumps(key)}: [\n{body}\n  ]{comma}")
        else:
            lines.append(f"  {json.dumps(key)}: {_compact(value)}{comma}")
    lines.append("}")
    return "\n".join(lines) + "\n"


def _compact(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def export_json(db: Database, now: dt.datetime) -> str:
    return dumps(snapshot(db, now))
