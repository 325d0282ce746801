"""Three-day experiments: which pleasures, from which local day, and how it ended. At most
one runs at a time; its summary is written once, when it completes, so it can be read later
even if the history changes."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import pendulum
from sqlmodel import Session, col, select

from app.domain import bounds
from app.domain.days import day_bounds
from app.domain.experiment import (
    EXPERIMENT_DAYS,
    MAX_EXPERIMENT_DAYS,
    Experiment,
    ExperimentState,
    ExperimentStimulus,
    Summary,
    summarise,
)
from app.domain.records import StimulusKind
from app.domain.safety import guidance
from app.storage.file.database import Database
from app.storage.tables import exposures
from app.storage.tables.models import ExperimentRow, ExperimentStimulusRow, StimulusRow


class AlreadyRunning(Exception):
    """Another experiment is running; one at a time keeps the comparison readable."""

    def __init__(self) -> None:
        super().__init__("an experiment is already running: finish or abandon it first")


class NoStimuli(ValueError):
    def __init__(self) -> None:
        super().__init__("pick at least one pleasure for the experiment")


class NotOffered(ValueError):
    """A substance was picked: spacing days are not offered for one (`safety.guidance`)."""

    def __init__(self, names: Sequence[str]) -> None:
        super().__init__(
            f"not offered for a substance ({', '.join(names)}): cutting one down needs a "
            "doctor's or pharmacist's advice, not an experiment"
        )


def _experiment(session: Session, row: ExperimentRow) -> Experiment:
    assert row.id is not None
    rows = session.exec(
        select(StimulusRow)
        .join(ExperimentStimulusRow, col(ExperimentStimulusRow.stimulus_id) == col(StimulusRow.id))
        .where(ExperimentStimulusRow.experiment_id == row.id)
        .order_by(col(StimulusRow.name_key))
    ).all()
    return Experiment(
        id=row.id,
        # a poisoned file's year 9999 or billion days, held where every day can be placed
        first_day=row.first_day if bounds.within(row.first_day) else bounds.EARLIEST.date(),
        days=min(max(row.days, 1), MAX_EXPERIMENT_DAYS),
        state=ExperimentState(row.state),
        started_at=row.started_at,
        stimuli=tuple(ExperimentStimulus(s.id or 0, s.name, StimulusKind(s.kind)) for s in rows),
        ended_at=row.ended_at,
        summary=row.summary,
    )


def _running_row(session: Session) -> ExperimentRow | None:
    return session.exec(
        select(ExperimentRow)
        .where(ExperimentRow.state == ExperimentState.RUNNING.value)
        .order_by(col(ExperimentRow.id).desc())
    ).first()


def start(
    db: Database, stimulus_ids: Sequence[int], first_day: dt.date, now: dt.datetime
) -> Experiment:
    """Start an experiment whose day 1 is `first_day`. Check and insert share one write
    transaction, so two teeters cannot both start one. A substance (by kind or by name) is
    refused here, below every screen, so no screen can offer it spacing days."""
    ids = list(dict.fromkeys(stimulus_ids))
    if not ids:
        raise NoStimuli()
    with db.write() as session:
        if _running_row(session) is not None:
            raise AlreadyRunning()
        picked = session.exec(select(StimulusRow).where(col(StimulusRow.id).in_(ids))).all()
        refused = [s.name for s in picked if guidance(StimulusKind(s.kind), s.name).care_first]
        if refused:
            raise NotOffered(refused)
        row = ExperimentRow(
            first_day=first_day, days=EXPERIMENT_DAYS, state="running", started_at=now
        )
        session.add(row)
        session.flush()
        assert row.id is not None
        for stimulus_id in ids:
            session.add(ExperimentStimulusRow(experiment_id=row.id, stimulus_id=stimulus_id))
        session.flush()
        return _experiment(session, row)


def running(db: Database) -> Experiment | None:
    with db.read() as session:
        row = _running_row(session)
        return _experiment(session, row) if row else None


def get(db: Database, experiment_id: int) -> Experiment | None:
    with db.read() as session:
        row = session.get(ExperimentRow, experiment_id)
        return _experiment(session, row) if row else None


def past(db: Database) -> list[Experiment]:
    """Completed and abandoned experiments, the latest first."""
    with db.read() as session:
        rows = session.exec(
            select(ExperimentRow)
            .where(ExperimentRow.state != ExperimentState.RUNNING.value)
            .order_by(col(ExperimentRow.first_day).desc(), col(ExperimentRow.id).desc())
        ).all()
        return [_experiment(session, row) for row in rows]


def abandon(db: Database, experiment_id: int, now: dt.datetime) -> bool:
    """Stop a running experiment, plainly: its state and when. False if it was not running."""
    with db.write() as session:
        row = session.get(ExperimentRow, experiment_id)
        if row is None or row.state != ExperimentState.RUNNING.value:
            return False
        row.state = ExperimentState.ABANDONED.value
        row.ended_at = now
        session.add(row)
        return True


def summary_of(
    db: Database,
    experiment: Experiment,
    tz: pendulum.Timezone | pendulum.FixedTimezone,
    day_start_hour: int,
) -> Summary:
    """The comparison from the exposures of the experiment's days (so far, if running)."""
    first, last = experiment.first_day, experiment.last_day
    found = [
        e
        for stimulus in experiment.stimuli
        for e in exposures.on_days(db, first, last, tz, day_start_hour, stimulus.id)
    ]
    return summarise(
        experiment.first_day, experiment.days, experiment.stimuli, found, tz, day_start_hour
    )


def settle(
    db: Database,
    today: dt.date,
    tz: pendulum.Timezone | pendulum.FixedTimezone,
    day_start_hour: int,
) -> Experiment | None:
    """Complete the running experiment if its last day is over: write its summary and stamp
    it with the instant its last day ended. Returns the experiment completed now, or None."""
    current = running(db)
    if current is None or not current.is_over(today):
        return None
    summary = summary_of(db, current, tz, day_start_hour).to_json()
    ended_at = day_bounds(current.last_day, tz, day_start_hour)[1]
    with db.write() as session:
        row = session.get(ExperimentRow, current.id)
        if row is None or row.state != ExperimentState.RUNNING.value:
            return None  # settled or abandoned meanwhile (another teeter)
        row.state = ExperimentState.COMPLETED.value
        row.ended_at = ended_at
        row.summary = summary
        session.add(row)
        session.flush()
        return _experiment(session, row)
