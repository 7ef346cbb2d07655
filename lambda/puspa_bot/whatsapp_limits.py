"""Limits of the WhatsApp Cloud API messages PUSPA sends (characters unless noted)."""

from __future__ import annotations

TEXT_BODY = 4096
"""A text message body."""
INTERACTIVE_BODY = 1024
"""The body of an interactive (list or buttons) message."""
INTERACTIVE_HEADER = 60
"""The text header of an interactive message."""
LIST_BUTTON = 20
"""The button that opens a list message."""
LIST_SECTION_TITLE = 24
"""A section title in a list message."""
LIST_ROWS = 10
"""Rows in one list message, all sections together."""
LIST_ROW_TITLE = 24
"""A row title in a list message."""
LIST_ROW_DESCRIPTION = 72
"""A row description in a list message."""
LIST_ROW_ID = 200
"""A row id in a list message."""
REPLY_BUTTONS = 3
"""Reply buttons in one message."""
REPLY_BUTTON_TITLE = 20
"""The title of a reply button."""
SERVICE_WINDOW = 24 * 60 * 60
"""Seconds after a resident's last message during which free-form messages may go to them;
after it only an approved template."""
TEMPLATE_PARAMETER = 1000
"""How much text a template's body parameter carries (WhatsApp caps a template body)."""
