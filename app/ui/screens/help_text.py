"""What the help screen says, kept in Python so it ships inside the package. teeter's own
words throughout; the screen adds the live parts (the data file, the person's help text)."""

from __future__ import annotations

from app.domain.undo import APP_UNDO_WINDOW, SHELL_UNDO_WINDOW

MODEL_TITLE = "How teeter sees a pleasure"

MODEL = (
    "Two things happen at once when you enjoy something. There is the enjoyment itself, "
    "and, tangled up with it, a pull toward the next helping: craving. teeter asks you to "
    "rate them apart, enjoyment and craving from 1 to 10, because they are different "
    "signals that are easy to mistake for one.",
    "Go back to the same pleasure again and again in a short time and the two drift apart: "
    "each round brings a little less enjoyment and leaves a little more wanting behind. "
    "teeter calls that the balance tilting toward craving. In the model's picture that is "
    "how it tends to go; lab studies find repetition often lowers both liking and wanting, "
    "and wanting growing on its own is what long-term research saw in some people. The "
    "balance is a way of picturing it, not a reading of your brain.",
    "Dopamine is mostly about wanting, not about liking. A strong craving tells you how "
    "hard you are being pulled; it says little about how good the next one will be, and it "
    "is not an instruction you have to follow.",
)

WORDS_TITLE = "teeter's words"

WORDS = (
    "Everywhere on screen teeter uses two words for the two signals: enjoyment (liking "
    "this moment) and craving (wanting more). The model behind it calls the craving side "
    'the pain side of a pleasure–pain balance; "tilting toward craving" is that balance '
    "leaning the wrong way. A pleasure is what the files and commands call a stimulus, and "
    "an entry is one time you had it (an exposure). Urge surfing is the name of a "
    "technique: riding a craving out for a few minutes without acting on it. A kind says "
    'what a pleasure is; teeter also reads names, so "wine" or "xanax" get care '
    'whatever their kind, and "alcohol-free beer" does not.',
)

STEPS_TITLE = "The practice, in four steps"

STEPS = (
    (
        "Notice",
        "in the middle of a pleasure, split the feeling in two: the part that likes what "
        "is here now, and the part already reaching for the next one. Just look; there "
        "is nothing to fight.",
    ),
    (
        "Track",
        "rate enjoyment and craving each time, for your go-to pleasures, over about "
        "three days. Your own numbers show the pattern better than any rule.",
    ),
    (
        "Space",
        "once you have seen it, leave longer gaps on purpose so enjoyment has room to "
        "come back. This is about timing, not about doing without.",
    ),
    (
        "Reframe",
        "when a craving arrives, give it a name: the other side of a recent "
        "pleasure, information rather than an order. A craving usually eases after a while, "
        "though not always; naming it gives you a moment to choose. Studies of urge surfing "
        "found it changed what people did with a craving more than how strong it felt. A "
        "craving that comes with withdrawal signs (shaking, sweating, confusion) needs "
        "medical help, not waiting.",
    ),
)

KEYS_TITLE = "Keys"

KEYS = (
    ("c", "today's check-in: start it, or carry on where you left off"),
    ("l", "the last three days, both ratings side by side"),
    ("h", "history: each pleasure week by week, month by month, any past day"),
    ("/", "search your notes"),
    ("t", "spacing timers"),
    ("n", "log one entry right now"),
    ("e", "the three-day experiment: a baseline day, then two spaced days"),
    ("s", "your stimuli (pleasures): add, rename, set the kind, archive, delete"),
    (",", "settings: when your day starts, theme, the help text, delete all"),
    ("?", "this help"),
    ("q", "quit (ctrl+q works everywhere; it asks first if a form holds unsaved typing)"),
    ("escape", "back one screen"),
    ("ctrl+p", "the command palette: every action by name"),
    ("1–9, 0", "a rating (0 means 10); arrows adjust it once it has a value"),
    ("enter", "save and go on; ctrl+s skips a check-in step"),
    (
        "enter, d",
        "on an entry in Logged today or the log's table: open it to change any field "
        "(ctrl+s saves), or delete it",
    ),
    (
        "u",
        "undo a deletion, an early end, a cancel or an archive, for "
        f"{APP_UNDO_WINDOW.seconds} seconds",
    ),
)

DATA_TITLE = "Your data"

DATA_FILE = "Everything teeter records lives in one file on this machine:"

DATA = (
    "Nothing ever leaves it: teeter has no account, sends nothing over the network and "
    "keeps no copy anywhere else. From a shell you can take it out, bring it back, or "
    "wipe it:",
)

COMMANDS = (
    (
        "teeter export --output teeter.json",
        "all of it, to a file (add --format csv for a spreadsheet)",
    ),
    ("teeter import FILE", "brings such a file back in"),
    (
        "teeter undo",
        f"takes back what teeter log just recorded (within {SHELL_UNDO_WINDOW.seconds // 60} "
        "minutes)",
    ),
    ("teeter forget --yes", "deletes everything for good; there is no undo"),
)

CARE_TITLE = "What teeter is not"

CARE = (
    "teeter is a journal and a few prompts. It is not medical advice, it does not diagnose "
    "anything, and its suggested gaps are only suggestions.",
    "If spacing something out feels unmanageable, talking with a doctor or another "
    "professional can help. For alcohol, sedatives and sleeping pills (benzodiazepines, "
    "z-drugs, GHB, barbiturates, gabapentin, pregabalin), stopping or cutting down quickly "
    "can be life-threatening; after a break from opioids the old amount can be deadly. "
    "Never change a prescribed dose without your prescriber. teeter suggests no gap for a "
    "substance and shows a word of care before any timer for one.",
)

HELP_TEXT_INTRO = "When waiting has been very hard several times, teeter shows this:"
