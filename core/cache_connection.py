"""A Redis connection that fails fast while the shared cache is down.

django-redis already treats an unreachable Redis as an empty cache
(IGNORE_EXCEPTIONS), but every cache call still waits out its socket timeout
first. A page makes several cache calls, so a hung Redis made every page take
seconds. After one failure, this connection refuses at once for a few seconds,
then tries Redis again; the pages render from the database meanwhile.
"""

import time

from redis.connection import Connection
from redis.exceptions import ConnectionError, TimeoutError

RETRY_AFTER_SECONDS = 5.0


class FailFastConnection(Connection):
    # One worker process's view of the cache; each process finds out for itself.
    _down_until = 0.0

    def connect_check_health(self, *args, **kwargs):
        if time.monotonic() < FailFastConnection._down_until:
            raise ConnectionError("cache marked unavailable; retrying in a few seconds")
        return self._noting_failure(super().connect_check_health, *args, **kwargs)

    def send_packed_command(self, *args, **kwargs):
        return self._noting_failure(super().send_packed_command, *args, **kwargs)

    def read_response(self, *args, **kwargs):
        return self._noting_failure(super().read_response, *args, **kwargs)

    def _noting_failure(self, call, *args, **kwargs):
        try:
            return call(*args, **kwargs)
        except (ConnectionError, TimeoutError):
            FailFastConnection._down_until = time.monotonic() + RETRY_AFTER_SECONDS
            raise
