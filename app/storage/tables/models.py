"""SQLModel tables for everything teeter keeps. Times are aware UTC (SQLModel's UTCDateTime).

The schema version lives in `PRAGMA user_version`; see `app.storage.file.schema`."""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa
from sqlmodel import Field, SQLModel


def _check_rating(column: str) -> sa.CheckConstraint:
    return sa.CheckConstraint(f"{column} BETWEEN 1 AND 10", name=f"ck_{column}_rating")


class StimulusRow(SQLModel, table=True):
    __tablename__ = "stimulus"

    id: int | None = Field(default=None, primary_key=True)
    name: str
    name_key: str = Field(unique=True)  # casefolded name: names are unique ignoring case
    kind: str = "other"
    archived: bool = False
    created_at: dt.datetime


class ExposureRow(SQLModel, table=True):
    __tablename__ = "exposure"
    __table_args__ = (
        _check_rating("enjoyment"),
        _check_rating("craving"),
        sa.Index("ix_exposure_stimulus_time", "stimulus_id", "occurred_at"),
    )

    id: int | None = Field(default=None, primary_key=True)
    stimulus_id: int = Field(foreign_key="stimulus.id", ondelete="CASCADE")
    occurred_at: dt.datetime = Field(index=True)
    enjoyment: int
    craving: int
    note: str = ""
    source: str = "track"
    created_at: dt.datetime
    utc_offset: int | None = None  # minutes east of UTC where it was logged (schema step 5)


class CheckInRow(SQLModel, table=True):
    __tablename__ = "checkin"

    id: int | None = Field(default=None, primary_key=True)
    day: dt.date = Field(unique=True)
    started_at: dt.datetime
    completed_at: dt.datetime | None = None


class CheckInStepRow(SQLModel, table=True):
    """How one step of a check-in ended (schema step 6). A step without a row is pending,
    so a step added to `app.domain.checkin.STEPS` needs no schema change."""

    __tablename__ = "checkin_step"

    checkin_id: int = Field(foreign_key="checkin.id", ondelete="CASCADE", primary_key=True)
    step: str = Field(primary_key=True)
    state: str


class TimerRow(SQLModel, table=True):
    __tablename__ = "timer"
    __table_args__ = (
        sa.CheckConstraint("urge IS NULL OR urge BETWEEN 1 AND 10", name="ck_urge_rating"),
        sa.Index("ix_timer_active", "ended_at", "ends_at"),
    )

    id: int | None = Field(default=None, primary_key=True)
    stimulus_id: int = Field(foreign_key="stimulus.id", ondelete="CASCADE", index=True)
    started_at: dt.datetime
    ends_at: dt.datetime
    ended_at: dt.datetime | None = None
    end_reason: str | None = None  # ran_out / ended_early / cancelled
    urge: int | None = None
    urge_asked: bool = False


class ReframeRow(SQLModel, table=True):
    __tablename__ = "reframe"
    __table_args__ = (
        _check_rating("craving_before"),
        sa.CheckConstraint(
            "craving_after IS NULL OR craving_after BETWEEN 1 AND 10", name="ck_after_rating"
        ),
    )

    id: int | None = Field(default=None, primary_key=True)
    occurred_at: dt.datetime = Field(index=True)
    stimulus_id: int | None = Field(
        default=None, foreign_key="stimulus.id", ondelete="CASCADE", index=True
    )
    label: str
    craving_before: int
    craving_after: int | None = None
    surf_minutes: int | None = None
    outcome: str | None = None  # waited / had_it / deciding
    utc_offset: int | None = None  # minutes east of UTC where it was logged (schema step 5)


class ExperimentRow(SQLModel, table=True):
    __tablename__ = "experiment"

    id: int | None = Field(default=None, primary_key=True)
    first_day: dt.date
    days: int = 3
    state: str = "running"  # running / completed / abandoned
    started_at: dt.datetime
    ended_at: dt.datetime | None = None
    summary: str | None = None  # JSON, written when the experiment ends


class ExperimentStimulusRow(SQLModel, table=True):
    __tablename__ = "experiment_stimulus"

    experiment_id: int = Field(foreign_key="experiment.id", primary_key=True, ondelete="CASCADE")
    stimulus_id: int = Field(
        foreign_key="stimulus.id", primary_key=True, ondelete="CASCADE", index=True
    )


class SettingRow(SQLModel, table=True):
    __tablename__ = "setting"

    key: str = Field(primary_key=True)
    value: str


class ClaimRow(SQLModel, table=True):
    """A thing done once across every teeter process (a notification sent, an urge question
    shown): whoever inserts the key first does it; everyone else sees the row and skips."""

    __tablename__ = "claim"

    key: str = Field(primary_key=True)
    claimed_at: dt.datetime


class UrgeRatingRow(SQLModel, table=True):
    """ "How strong is the urge now?", answered at its own time: a timer that ran out long
    ago, or a rating given from the shell or a notification after the timer's end window."""

    __tablename__ = "urge_rating"
    __table_args__ = (
        sa.CheckConstraint("urge BETWEEN 1 AND 10", name="ck_urge_rating_urge"),
        sa.Index("ix_urge_rating_stimulus_time", "stimulus_id", "rated_at"),
    )

    id: int | None = Field(default=None, primary_key=True)
    stimulus_id: int = Field(foreign_key="stimulus.id", ondelete="CASCADE")
    timer_id: int | None = Field(
        default=None, foreign_key="timer.id", ondelete="SET NULL", index=True
    )
    rated_at: dt.datetime
    urge: int
    source: str  # app / shell / notification


def table_of(model: type[SQLModel]) -> sa.Table:
    """A table model's `Table`, for Core queries (SQLModel sets `__table__` at run time
    without declaring it, so type checkers cannot see it)."""
    return SQLModel.metadata.tables[str(model.__tablename__)]
