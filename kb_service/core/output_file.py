"""The one way the tool writes a file: the target checked before any work, the data written
all-or-nothing.

- The target is a new name in an existing, writable folder, or an existing regular file. A
  directory, device, fifo or socket is refused, and so is a symbolic link (never followed: give
  the real file's path), anything under /proc, /sys or /dev, and an empty name.
- The target is not one of the command's input files (same device and inode, so a hard link or
  a link to the input counts).
- The data goes to a fresh temporary file in the target's folder (mkstemp: O_EXCL, so a link
  planted under any name is never followed), is fsync'd, gets the existing file's mode and owner
  (a new file gets the umask's mode) and replaces the target in one rename. On any failure the
  temporary file is removed and an existing target is left as it was.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from collections.abc import Sequence
from pathlib import Path

from kb_service.core.problems import UsageError

SYSTEM_TREES = ("/proc", "/sys", "/dev")
_KINDS = (
    (stat.S_ISDIR, "a directory"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISFIFO, "a fifo"),
    (stat.S_ISSOCK, "a socket"),
)
_EXPECTED = "expected a regular file or a new file name"


def _refuse(path: object, problem: str) -> UsageError:
    return UsageError(f"{path}: {problem}")


def _system_tree(folder: Path) -> str | None:
    real = os.path.realpath(folder)
    return next((t for t in SYSTEM_TREES if real == t or real.startswith(t + "/")), None)


def _check_existing(path: Path, info: os.stat_result, inputs: Sequence[Path], force: bool) -> None:
    if stat.S_ISLNK(info.st_mode):
        raise _refuse(path, "is a symbolic link, which is not followed; give the real file's path")
    kind = next((name for test, name in _KINDS if test(info.st_mode)), None)
    if kind or not stat.S_ISREG(info.st_mode):
        raise _refuse(path, f"is {kind or 'not a regular file'}; {_EXPECTED}")
    for source in inputs:
        with contextlib.suppress(OSError):
            if os.path.samefile(path, source):
                raise _refuse(path, f"is the input file {source}; give another output file")
    if not force:
        raise _refuse(path, "already exists; give --force to overwrite it")
    if not os.access(path, os.W_OK):
        raise _refuse(path, "is read-only; expected a file you may write")


def check_target(out: Path | str, inputs: Sequence[Path] = (), *, force: bool = True) -> Path:
    """The output path if the tool may write it, else UsageError naming it and what was expected.

    `force=False` also refuses an existing file (kb template without --force).
    """
    if not str(out):
        raise _refuse("''", f"an empty output file name; {_EXPECTED}")
    if "\0" in str(out):
        raise _refuse(repr(str(out)), "a NUL character in the output file name")
    if str(out).endswith(os.sep):
        raise _refuse(out, f"names a folder; {_EXPECTED}")
    path = Path(out)
    folder = path.parent
    tree = _system_tree(folder)
    if tree:
        raise _refuse(path, f"lies under {tree}; expected a file in an ordinary folder")
    try:
        info: os.stat_result | None = os.lstat(path)
    except FileNotFoundError:
        info = None
    except OSError as err:
        raise _refuse(path, f"cannot be written ({err.strerror})") from None
    if info is not None:
        _check_existing(path, info, inputs, force)
    if not folder.is_dir():
        raise _refuse(path, f"the folder {folder} does not exist")
    if not os.access(folder, os.W_OK | os.X_OK):
        raise _refuse(path, f"the folder {folder} is not writable")
    return path


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _take_over(tmp: str, path: Path) -> None:
    """Give the temporary file the target's mode and owner (or a new file's usual mode)."""
    try:
        old = os.stat(path)
    except FileNotFoundError:
        os.chmod(tmp, 0o666 & ~_umask())
        return
    os.chmod(tmp, stat.S_IMODE(old.st_mode))
    with contextlib.suppress(PermissionError):  # only root may give a file away
        if (old.st_uid, old.st_gid) != (os.getuid(), os.getgid()):
            os.chown(tmp, old.st_uid, old.st_gid)


def write_file(
    data: bytes, out: Path | str, inputs: Sequence[Path] = (), *, force: bool = True
) -> Path:
    """Write `data` to `out` all-or-nothing (checked again: things may change while rendering)."""
    path = check_target(out, inputs, force=force)
    try:
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name[:64]}.", suffix=".part")
    except OSError as err:
        raise _refuse(path, f"cannot be written ({err.strerror})") from None
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        _take_over(tmp, path)
        os.replace(tmp, path)
    except BaseException as err:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        if isinstance(err, OSError):
            raise _refuse(path, f"cannot be written ({err.strerror})") from None
        raise
    _sync_folder(path.parent)
    return path


def _sync_folder(folder: Path) -> None:
    # The rename itself reaches the disk only when the folder is synced.
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def write_files(changes: dict[Path, bytes | None]) -> None:
    """Several files as one change: every new content is written to a temporary file first (any
    failure removes them and changes nothing), then each replaces its target; if a rename
    fails, the targets already replaced get their old bytes back. None deletes the file."""
    old: dict[Path, bytes | None] = {}
    staged: dict[Path, str] = {}
    try:
        for path, data in changes.items():
            check_target(path)
            old[path] = path.read_bytes() if path.exists() else None
            if data is not None:
                fd, tmp = tempfile.mkstemp(
                    dir=path.parent, prefix=f".{path.name[:64]}.", suffix=".part"
                )
                staged[path] = tmp
                with os.fdopen(fd, "wb") as fh:
                    fh.write(data)
                    fh.flush()
                    os.fsync(fh.fileno())
                _take_over(tmp, path)
    except BaseException as err:
        for tmp in staged.values():
            with contextlib.suppress(OSError):
                os.unlink(tmp)
        if isinstance(err, OSError):
            raise UsageError(
                f"cannot write the files ({err.strerror}); nothing was changed"
            ) from None
        raise
    done: list[Path] = []
    try:
        for path in changes:
            if path in staged:
                os.replace(staged.pop(path), path)
            elif path.exists():
                path.unlink()
            done.append(path)
    except BaseException:
        for path in done:  # put back what was already replaced
            with contextlib.suppress(OSError):
                before = old[path]
                if before is None:
                    path.unlink()
                else:
                    path.write_bytes(before)
        for tmp in staged.values():
            with contextlib.suppress(OSError):
                os.unlink(tmp)
        raise
    for folder in {p.parent for p in changes}:
        _sync_folder(folder)
