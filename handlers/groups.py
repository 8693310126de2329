"""PTB handler groups, in one place. Within a group only the first matching handler runs, so every flow
that waits for typed input gets a group of its own; groups run from low to high, default features at 0.
"""

GATE = -100  # who is this, may they ask this (handlers/access.py)
CONVERSATION = -60  # typed text to the member's flow; leaving a flow (handlers/conversation.py)
JOINING = -50  # the name typed while joining (handlers/membership.py)
