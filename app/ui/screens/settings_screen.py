"""`,` from home: when the person's day starts, the theme, and the help text the support
notice shows. A theme applies and is kept as soon as it is picked; the hour and the help
text are saved together with ctrl+s, and only when both are valid."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Header, Input, Select, Static, TextArea

from app.domain.days import check_day_start_hour
from app.domain.safety import DEFAULT_HELP_TEXT
from app.storage.file.errors import StorageError
from app.storage.tables import settings
from app.storage.tables.notify_settings import REMINDER_AT
from app.ui.background import STILL_SAVING, in_background
from app.ui.host import Hosted
from app.ui.unsaved import GuardsInput
from app.ui.widgets.footer import Footer
from app.ui.widgets.message_line import MessageLine
from app.ui.widgets.notify_settings import NotificationSettings

if TYPE_CHECKING:
    from app.storage.file.database import Database


def parse_hour(raw: str) -> int:
    """The hour as typed; a ValueError says what is wrong in words a person can act on."""
    try:
        hour = int(raw.strip())
    except ValueError:
        raise ValueError(f'the day starts at a whole hour from 0 to 23, not "{raw}"') from None
    try:
        return check_day_start_hour(hour)
    except ValueError:
        raise ValueError(f"the day starts at a whole hour from 0 to 23, not {hour}") from None


class SettingsScreen(GuardsInput, Screen[None], Hosted):
    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="settings-save", priority=True),
        Binding("escape", "back", "Back", id="settings-back"),
    ]

    saving = False  # a save is on its way to the file: a second ctrl+s must not run beside it

    @property
    def db(self) -> Database:
        return self.journal.db

    def compose(self) -> ComposeResult:
        app = self.teeter
        custom = settings.get(self.db, settings.HELP_TEXT)
        yield Header(show_clock=False, icon="◐")
        with VerticalScroll(id="settings-body"):
            yield Static(
                "Day starts at (hour 0–23; with 4, a 00:30 coffee counts for the day before)",
                classes="field-label",
            )
            yield Input(str(self.journal.day_start_hour), id="settings-hour", compact=True)
            yield Static("Theme (applies at once and is kept)", classes="field-label")
            yield Select(
                [(name, name) for name in sorted(app.available_themes)],
                value=app.theme,
                allow_blank=False,
                id="settings-theme",
                compact=True,
            )
            yield Static(
                "Help text shown when waiting has been very hard (empty: teeter's own)",
                classes="field-label",
            )
            yield TextArea(custom or DEFAULT_HELP_TEXT, id="settings-help", soft_wrap=True)
            yield NotificationSettings(self.db, say=self.show_error)
            yield MessageLine(id="settings-error", classes="step-error")
            yield Static(
                "ctrl+s saves the hour, the help text and the reminder · escape goes back",
                classes="step-intro",
            )
            yield Button("Delete all my data…", variant="error", id="settings-forget")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = "Settings"
        self.query_one("#settings-hour", Input).focus()
        self.call_after_refresh(self.mark_saved)

    async def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "settings-forget":
            event.stop()
            await self.teeter.run_action("forget")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_save()

    def on_select_changed(self, event: Select.Changed) -> None:
        event.stop()
        theme = event.value
        if isinstance(theme, str) and theme != self.app.theme:
            self.app.theme = theme  # the app keeps it for the next start

    def action_save(self) -> None:
        """Check the form on the loop, then write it off the loop (the file may be busy):
        the message line says it is waiting, and the keys keep working meanwhile."""
        if self.saving:
            return
        area = self.query_one("#settings-help", TextArea)
        try:
            hour = parse_hour(self.query_one("#settings-hour", Input).value)
            help_text = settings.help_text_value(area.text)
            reminder = self.query_one(NotificationSettings).values()
        except ValueError as error:
            self.show_error(str(error))
            return
        values = {settings.DAY_START_HOUR: str(hour), settings.HELP_TEXT: help_text, **reminder}
        db, typed = self.db, self.form_values()
        self.saving = True
        in_background(
            self,
            lambda: settings.put_many(db, values),
            lambda _: self.saved(hour, help_text, reminder, typed),
            self.failed,
            group="settings-save",
            waiting=self.show_error,
        )

    def saved(
        self,
        hour: int,
        help_text: str | None,
        reminder: dict[str, str | None],
        typed: dict[str, object],
    ) -> None:
        self.saving = False
        area = self.query_one("#settings-help", TextArea)
        if help_text is None and not area.text.strip():  # emptied: teeter's own words again
            area.text = DEFAULT_HELP_TEXT
            typed = {**typed, area.id or "": area.text.strip()}
        self.show_error("")
        self.mark_saved(typed)
        app = self.teeter
        self.journal.day_start_hour = hour
        whose = "your own" if help_text else "teeter's own"
        at = reminder[REMINDER_AT]
        remind = f"check-in reminder at {at}" if at else "no check-in reminder"
        app.notify(
            f"Your day starts at {hour:02d}:00; help text: {whose}; {remind}.", title="Saved"
        )
        app.data_changed()

    def failed(self, error: StorageError) -> None:
        self.saving = False
        self.show_error(str(error))

    def show_error(self, message: str) -> None:
        text = message[:1].upper() + message[1:]
        self.query_one("#settings-error", MessageLine).say(text)

    def action_back(self) -> None:
        if self.saving:  # the save may still land: say so rather than pretend it was dropped
            self.show_error(STILL_SAVING)
            return
        self.leave_or_ask(self.dismiss)
