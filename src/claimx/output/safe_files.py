"""Opening output files without ever destroying what is at the path.

This module owns one promise: `-o PATH` writes claimx's output and nothing else changes.

- A path that is not a regular file (a character device such as a null device, a FIFO, a socket)
  is opened and written in place, like a shell redirection; it is never replaced.
- A symbolic link stays a link: the file it points to is what gets written (or replaced).
- A regular file (or a new one) is written under a temporary name in the same folder and renamed
  over the target only when the output is complete, so a failed run leaves the old file untouched.
  A new file gets the mode the umask allows (0666 & ~umask, as a shell redirection would); a
  replaced file keeps its mode (and its owner, where this process may set it).
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from pathlib import Path
from typing import BinaryIO, TextIO

from claimx.errors import OutputError


def resolve_target(path: Path) -> Path:
    """The file a path names once symbolic links are followed (the path itself when it is none).

    A dangling link resolves to where it points, so that writing creates the file there, as a shell
    redirection through the link would."""
    if not path.is_symlink():
        return path
    return Path(os.path.realpath(path))


def is_special(path: Path) -> bool:
    """True when the path exists and is not a regular file or a folder (device, FIFO, socket)."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return False
    return not (stat.S_ISREG(mode) or stat.S_ISDIR(mode))


def _umask() -> int:
    # The only portable way to read the umask is to set it; set it straight back.
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _cannot(path: Path, exc: OSError) -> OutputError:
    return OutputError(f"{path}: cannot write here ({exc.strerror or exc}); choose another -o path")


class ReplacingFile:
    """A text stream whose content becomes the file at `path` on `commit()`; `abandon()` (or any
    error) leaves the path as it was and removes the temporary file.

    A device, FIFO or socket at the path is written in place instead: it cannot be replaced, and
    must not be."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.target = resolve_target(path)
        self.tmp = ""
        if self.target.is_dir():
            raise OutputError(f"{path}: is a folder; give a file name with -o")
        if is_special(self.target):
            try:
                self.stream: TextIO = open(self.target, "w", encoding="utf-8", newline="")  # noqa: SIM115
            except OSError as exc:
                raise _cannot(path, exc) from None
            return
        try:
            old = os.stat(self.target)
        except FileNotFoundError:
            old = None
        except OSError as exc:
            raise _cannot(path, exc) from None
        try:
            fd, self.tmp = tempfile.mkstemp(prefix=f".{self.target.name}.", suffix=".part", dir=self.target.parent)
        except OSError as exc:
            raise _cannot(path, exc) from None
        try:
            # mkstemp creates 0600; give the file the mode it would have had, or the one it had.
            os.fchmod(fd, stat.S_IMODE(old.st_mode) if old else 0o666 & ~_umask())
            if old is not None:
                with contextlib.suppress(OSError):  # only root may give a file away; others keep their own
                    os.fchown(fd, old.st_uid, old.st_gid)
            self.stream = os.fdopen(fd, "w", encoding="utf-8", newline="")
        except OSError as exc:
            os.close(fd)
            self._remove()
            raise _cannot(path, exc) from None

    def _remove(self) -> None:
        if self.tmp:
            with contextlib.suppress(OSError):
                os.unlink(self.tmp)
            self.tmp = ""

    def commit(self) -> None:
        """Close the stream and put the file in place (a device or FIFO is just closed)."""
        try:
            self.stream.close()
            if self.tmp:
                os.replace(self.tmp, self.target)
                self.tmp = ""
        except OSError as exc:
            self._remove()
            raise OutputError(
                f"{self.path}: write failed ({exc.strerror or exc}); nothing was saved - free some space or "
                "choose another -o path"
            ) from None

    def abandon(self) -> None:
        """Close the stream and forget what was written (the path keeps what it had)."""
        with contextlib.suppress(OSError):
            self.stream.close()
        self._remove()


def open_appending(path: Path, keep: bool) -> tuple[BinaryIO, int]:
    """An unbuffered binary stream for JSON lines and the offset of its last whole line.

    `keep` (--resume) appends to what is there; otherwise a regular file starts empty. The stream
    follows symbolic links and writes devices and FIFOs in place (the offset is then 0 and cannot
    be cut back)."""
    target = resolve_target(path)
    if target.is_dir():
        raise OutputError(f"{path}: is a folder; give a file name with -o")
    special = is_special(target)
    try:
        # open() creates a new file with 0666 & ~umask, and never replaces what is there.
        fh = open(target, "ab" if keep or special else "wb", buffering=0)  # noqa: SIM115
    except OSError as exc:
        raise _cannot(path, exc) from None
    if special:
        return fh, 0
    try:
        return fh, fh.seek(0, os.SEEK_END)
    except OSError:
        return fh, 0


def require_regular(path: Path, what: str) -> None:
    """Refuse a device, FIFO or socket where only a regular file will do (SQLite, --resume)."""
    target = resolve_target(path)
    if target.is_dir():
        raise OutputError(f"{path}: is a folder; give a file name with -o")
    if is_special(target):
        raise OutputError(
            f"{path}: is not a regular file (a device, FIFO or socket); {what} needs a regular file - "
            "choose another -o path"
        )
