"""Mail backends for tests that run real worker processes.

Django's file-based backend writes each message to a file and flushes it at once, so
messages written by several processes (and by one killed mid-send) can be counted
afterwards. ``SlowFileBackend`` takes as long as a mail server would, half before and
half after writing, so a kill can land before a message leaves or after it left but
before the send was recorded (the one message that may then be repeated)."""

import os
import re
import time
from pathlib import Path

from django.core.mail.backends.filebased import EmailBackend


class SlowFileBackend(EmailBackend):
    def send_messages(self, email_messages):
        delay = float(os.environ.get("TEST_MAIL_DELAY", "0.01")) / 2
        time.sleep(delay)
        sent = super().send_messages(email_messages)
        time.sleep(delay)
        return sent


def recipients_in(folder):
    """Every recipient of every message written to ``folder``, one entry per message."""
    found = []
    for path in Path(folder).iterdir():
        found += re.findall(r"^To: (.+)$", path.read_text(errors="replace"), flags=re.M)
    return found
