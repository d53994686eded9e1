"""Running a test's code as a user who is not root, for permission tests under root."""

from __future__ import annotations

import os
import pickle

NOBODY = 65534


def as_another_user(function, uid: int):
    """function() in a forked child running as uid (modules loaded before the fork); its result."""
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(read)
        try:
            os.setgroups([])
            os.setgid(uid)
            os.setuid(uid)
            payload = ("ok", function())
        except BaseException as exc:  # reported to the parent, which fails the test
            payload = ("error", repr(exc))
        with os.fdopen(write, "wb") as pipe:
            pickle.dump(payload, pipe)
        os._exit(0)
    os.close(write)
    with os.fdopen(read, "rb") as pipe:
        kind, value = pickle.load(pipe)
    os.waitpid(pid, 0)
    assert kind == "ok", value
    return value
