"""PTB handler groups, in one place. Within a group only the first matching handler runs, so every flow
that waits for typed input gets a group of its own; groups run from low to high, default features at 0.
"""

GATE = -100  # who is this, may they ask this (handlers/access.py)
JOINING = -50  # the name typed while joining (handlers/membership.py)
HOURS_INPUT = -45  # a typed number of hours or a day (handlers/hours.py)
WEGWIJS_INPUT = -40  # a question or a coordinator's reply (handlers/questions.py)
INBOX_INPUT = -30  # a reply to an announcement, or the coordinator's answer (handlers/inbox/replies.py)
ANNOUNCEMENT_DRAFT = -20  # the text of an announcement (handlers/announcements.py)
STEP_LEAVE = -16  # a command or another feature's button ends a keys/budget step (handlers/step_drafts.py)
NEW_ACTIVITY = -10  # the /nieuw and edit conversations (handlers/new_activity.py)
