# ruff: noqa: F722, F821, N802
"""A stand-in for a desktop's notification daemon, on a real D-Bus session bus: it owns
`org.freedesktop.Notifications`, records every notification it is sent (one JSON line per
call, in the file named by the first argument) and can press a notification's button or
send a reply on a test's request (`org.teeter.TestReceiver.Press` / `.Reply`, called with
`dbus-send`), exactly as a person clicking would. The remaining arguments are the capabilities
it advertises (e.g. `actions body`).

Run as its own process by the tests (`python tests/notification_receiver.py FILE CAPS...`):
it prints `ready` once it owns the name."""

import asyncio
import json
import sys

from dbus_fast import BusType
from dbus_fast.aio import MessageBus
from dbus_fast.service import ServiceInterface, dbus_method, dbus_signal


class Notifications(ServiceInterface):
    def __init__(self, record: str, capabilities: list[str]) -> None:
        super().__init__("org.freedesktop.Notifications")
        self.record = record
        self.capabilities = capabilities
        self.last_id = 0

    @dbus_method()
    def GetCapabilities(self) -> "as":
        return self.capabilities

    @dbus_method()
    def GetServerInformation(self) -> "ssss":
        return ["teeter-test-receiver", "teeter", "1", "1.2"]

    @dbus_method()
    def Notify(
        self,
        app_name: "s",
        replaces_id: "u",
        app_icon: "s",
        summary: "s",
        body: "s",
        actions: "as",
        hints: "a{sv}",
        expire_timeout: "i",
    ) -> "u":
        self.last_id += 1
        entry = {
            "id": self.last_id,
            "app_name": app_name,
            "summary": summary,
            "body": body,
            "actions": actions,
        }
        with open(self.record, "a", encoding="utf-8") as handle:
            handle.write(json.dumps(entry) + "\n")
        return self.last_id

    @dbus_method()
    def CloseNotification(self, notification_id: "u"):
        self.NotificationClosed(notification_id, 3)

    @dbus_signal()
    def ActionInvoked(self, notification_id: "u", action_key: "s") -> "us":
        return [notification_id, action_key]

    @dbus_signal()
    def NotificationClosed(self, notification_id: "u", reason: "u") -> "uu":
        return [notification_id, reason]

    @dbus_signal()
    def NotificationReplied(self, notification_id: "u", text: "s") -> "us":
        return [notification_id, text]


class Person(ServiceInterface):
    """What a person does with a notification, on request."""

    def __init__(self, daemon: Notifications) -> None:
        super().__init__("org.teeter.TestReceiver")
        self.daemon = daemon

    @dbus_method()
    def Press(self, notification_id: "u", action_key: "s"):
        self.daemon.ActionInvoked(notification_id, action_key)

    @dbus_method()
    def Reply(self, notification_id: "u", text: "s"):
        self.daemon.NotificationReplied(notification_id, text)


async def main(record: str, capabilities: list[str]) -> None:
    bus = await MessageBus(bus_type=BusType.SESSION).connect()
    daemon = Notifications(record, capabilities)
    bus.export("/org/freedesktop/Notifications", daemon)
    bus.export("/org/teeter/TestReceiver", Person(daemon))
    await bus.request_name("org.freedesktop.Notifications")
    print("ready", flush=True)
    await bus.wait_for_disconnect()


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1], sys.argv[2:]))
