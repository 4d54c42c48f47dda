"""Verb classes that more than one part of event reading consults (lemmas, lower case)."""
from __future__ import annotations

# verbs of saying: their dates date the report, not the event
REPORT_VERBS = {"say", "report", "announce", "tell", "state", "add", "confirm"}
# verbs of going somewhere: 'flew to Lima for talks', 'X is in Peru for a visit'
TRAVEL_VERBS = {"be", "travel", "fly", "arrive", "go", "head", "leave", "come", "land", "visit"}
# verbs whose subject takes part in the event that is their object ('held talks', 'opened the summit')
PARTICIPATE_VERBS = {"hold", "begin", "have", "host", "chair", "conduct", "resume", "continue", "start", "open", "make", "pay",
                     "wrap", "conclude", "end", "cap", "kick"}
# verbs of an event's phase: 'the talks resumed', 'the summit ended'
ASPECT_VERBS = {"resume", "begin", "start", "continue", "end", "conclude", "open", "close", "wrap"}
SIGN_VERBS = {"sign", "ink"}
# verbs whose object phrase holds the parties of what they head ('a delegation led by X')
DELEGATE_VERBS = {"lead", "head", "include", "accompany", "join", "comprise"}
