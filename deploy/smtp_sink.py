"""A mail server for the local cluster that delivers nowhere: every message is kept as a file.

`python -m deploy.smtp_sink PORT FOLDER` accepts mail on 127.0.0.1:PORT and writes each
message to FOLDER as <arrival number>.eml, whole (headers and body as sent), so a test can
count what the workers sent and read each one. A file appears only once it is complete.
"""

import itertools
import signal
import sys
import threading
from pathlib import Path

from aiosmtpd.controller import Controller


class KeepEveryMessage:
    def __init__(self, folder):
        self.folder = Path(folder)
        self.folder.mkdir(parents=True, exist_ok=True)
        self.numbers = itertools.count(1)

    async def handle_DATA(self, server, session, envelope):
        number = next(self.numbers)
        partial = self.folder / f"{number:07d}.part"
        partial.write_bytes(envelope.original_content)
        partial.rename(partial.with_suffix(".eml"))
        return "250 Message accepted for delivery"


def main(port, folder):
    controller = Controller(KeepEveryMessage(folder), hostname="127.0.0.1", port=int(port))
    controller.start()
    stop = threading.Event()
    for number in (signal.SIGINT, signal.SIGTERM):
        signal.signal(number, lambda *_: stop.set())
    stop.wait()
    controller.stop()


if __name__ == "__main__":
    main(*sys.argv[1:])
