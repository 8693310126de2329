-- WhatsApp (issue 17): members who talk to the bot through the WhatsApp Business Cloud API.
-- A contact gets a stable synthetic user id (2^52 + id, above every Telegram id) that stands in for a
-- Telegram user id everywhere else (members.telegram_id, outbox.chat_id), so the features stay unchanged.
CREATE TABLE wa_contacts (
    id INTEGER PRIMARY KEY,
    wa_id TEXT UNIQUE,               -- the phone number as WhatsApp gives it; NULL once erased
    user_id INTEGER UNIQUE,          -- synthetic user id, set right after the insert
    profile_name TEXT,
    last_inbound_at TEXT,            -- UTC; the 24-hour customer service window runs from here
    opted_in_at TEXT,                -- first message to us (the join link): consent to messages from the bot
    opted_out_at TEXT                -- "STOP": only replies to the member's own messages from then on
);

-- Every inbound message id once: Meta may deliver a webhook more than once.
CREATE TABLE wa_inbound (
    wamid TEXT PRIMARY KEY,
    at TEXT NOT NULL
);

-- What the bot sent: the integer message id the handlers see, WhatsApp's id, and its latest status.
CREATE TABLE wa_sent (
    message_id INTEGER PRIMARY KEY,
    wamid TEXT UNIQUE,
    user_id INTEGER NOT NULL,
    status TEXT NOT NULL DEFAULT 'accepted'
        CHECK (status IN ('accepted', 'sent', 'delivered', 'read', 'failed')),
    error TEXT,
    at TEXT NOT NULL
);

-- The choices of the latest numbered menu per chat ("typ 1-14"): a typed number is that button's press.
CREATE TABLE wa_menus (
    user_id INTEGER NOT NULL,
    number INTEGER NOT NULL,
    data TEXT NOT NULL,
    message_id INTEGER NOT NULL,
    PRIMARY KEY (user_id, number)
);

-- Messages that waited for the window to open (a template went out instead); sent on the member's reply.
CREATE TABLE wa_waiting (
    id INTEGER PRIMARY KEY,
    user_id INTEGER NOT NULL,
    params TEXT NOT NULL,            -- JSON: the Bot API sendMessage parameters
    at TEXT NOT NULL
);

CREATE INDEX wa_waiting_user ON wa_waiting (user_id, id);

-- The member row says which channel the member uses; the coordinator sees one group.
ALTER TABLE members ADD COLUMN channel TEXT NOT NULL DEFAULT 'telegram'
    CHECK (channel IN ('telegram', 'whatsapp'));

CREATE TRIGGER members_channel_whatsapp AFTER INSERT ON members
WHEN NEW.telegram_id IN (SELECT user_id FROM wa_contacts)
BEGIN
    UPDATE members SET channel = 'whatsapp' WHERE id = NEW.id;
END;
