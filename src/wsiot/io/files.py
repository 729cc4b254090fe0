"""The file door: every file wsiot reads or writes goes through here.

Reads are bounded and take regular files only (a FIFO, device or folder is
refused before it is opened for reading, never waited on); the size limit is
enforced while reading, not taken from ``st_size``. Text is UTF-8, UTF-8 with
a byte-order mark (Excel's "CSV UTF-8", PowerShell 5.1 ``Export-Csv``) or
UTF-16 with a byte-order mark (PowerShell ``>``); anything else is refused
with one clear line. JSON objects with a key given twice are refused with the
key's location. Every problem raises :class:`~wsiot.ProfileError`.

>>> import tempfile, pathlib
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> (folder / "a.json").write_bytes(b'{"eol": "2031-10-14", "eol": "2061-10-14"}')
42
>>> read_json(folder / "a.json")
Traceback (most recent call last):
  ...
wsiot.errors.ProfileError: ...a.json: duplicate key 'eol' at the top level
"""

from __future__ import annotations

import codecs
import contextlib
import io
import json
import os
import stat
from collections.abc import Iterable
from pathlib import Path
from typing import IO, Any

from wsiot.errors import ProfileError, describe

__all__ = [
    "ACCEPTED_ENCODINGS",
    "MAX_FILE_BYTES",
    "MAX_JSON_DEPTH",
    "StrPath",
    "check_output",
    "check_path",
    "open_text",
    "parse_json",
    "read_bytes",
    "read_json",
    "read_start",
    "read_text",
    "read_toml",
    "write_bytes",
    "write_text",
]

MAX_FILE_BYTES = 8 * 1024 * 1024
"""Documents (catalogues, profiles, records) larger than this are refused."""

ACCEPTED_ENCODINGS = "UTF-8, UTF-8 with a byte-order mark, or UTF-16 with a byte-order mark"

StrPath = str | os.PathLike[str]

_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
         (codecs.BOM_UTF16_BE, "utf-16"))
_CHUNK = 1 << 20


def check_path(path: object) -> Path:
    """``path`` as a :class:`~pathlib.Path`, refusing what no file system can name."""
    if not isinstance(path, str | os.PathLike):
        raise ProfileError(f"expected a file path (str or os.PathLike), got {describe(path)}")
    try:
        text = os.fspath(path)
        if not isinstance(text, str):
            raise ProfileError(f"expected a file path as text, got {describe(text)}")
        if "\x00" in text:
            raise ProfileError(f"{describe(text)}: a file path cannot hold a NUL character")
        os.fsencode(text)
    except UnicodeError:
        raise ProfileError(f"{describe(path)}: the path cannot be encoded for this system") from None
    return Path(text)


def _open_regular(path: object) -> tuple[Path, IO[bytes]]:
    file = check_path(path)
    try:
        # O_NONBLOCK: opening a FIFO must not wait for a writer; it is refused just below
        fd = os.open(file, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except OSError as exc:
        raise ProfileError(f"{file}: cannot read: {exc.strerror or exc}") from None
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            kind = "a folder" if stat.S_ISDIR(mode) else "not a regular file"
            raise ProfileError(f"{file}: cannot read: {kind}")
        if hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)
        return file, os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def read_bytes(path: object, *, limit: int = MAX_FILE_BYTES) -> bytes:
    """The bytes of regular file ``path``, refusing more than ``limit`` of them."""
    file, handle = _open_regular(path)
    with handle:
        try:
            raw = handle.read(limit + 1)
        except OSError as exc:
            raise ProfileError(f"{file}: cannot read: {exc.strerror or exc}") from None
    if len(raw) > limit:
        raise ProfileError(f"{file}: larger than the {limit} bytes allowed")
    return raw


def read_start(path: object, characters: int = 64) -> str:
    """The first ``characters`` of a text file (byte-order mark decided, then dropped),
    without reading the rest: enough to tell JSON from CSV."""
    file, handle = _open_regular(path)
    with handle:
        try:
            head = handle.read(characters * 4 + 4)
        except OSError as exc:
            raise ProfileError(f"{file}: cannot read: {exc.strerror or exc}") from None
    codec, _ = _encoding(head)
    return head.decode(codec, errors="ignore").lstrip("\ufeff")[:characters]


def _encoding(head: bytes) -> tuple[str, int]:
    """The codec a file's first bytes call for, and the length of its byte-order mark."""
    for bom, codec in _BOMS:
        if head.startswith(bom):
            return codec, (0 if codec == "utf-16" else len(bom))
    return "utf-8", 0


def _not_text(file: Path) -> ProfileError:
    return ProfileError(f"{file}: not text in {ACCEPTED_ENCODINGS}; save it as UTF-8 and retry")


def read_text(path: object, *, limit: int = MAX_FILE_BYTES) -> str:
    """The text of ``path``, decoded by its byte-order mark (see ``ACCEPTED_ENCODINGS``)."""
    raw = read_bytes(path, limit=limit)
    codec, _ = _encoding(raw[:4])
    try:
        return raw.decode(codec)
    except UnicodeError:
        raise _not_text(check_path(path)) from None


def open_text(path: object) -> tuple[IO[str], int]:
    """A text stream over a file of any size, for CSV (newline="" as the csv module wants).

    The whole file is checked to decode first, in bounded chunks, so a file in
    another encoding is refused before anything is read from it. Returns the
    stream and the file's size in bytes (for progress bars).
    """
    file, handle = _open_regular(path)
    try:
        head = handle.read(4)
        codec, skip = _encoding(head)
        decoder = codecs.getincrementaldecoder(codec)()
        size = len(head)
        decoder.decode(head)
        while chunk := handle.read(_CHUNK):
            size += len(chunk)
            decoder.decode(chunk)
        decoder.decode(b"", final=True)
        handle.seek(skip)
    except UnicodeError:
        handle.close()
        raise _not_text(file) from None
    except OSError as exc:
        handle.close()
        raise ProfileError(f"{file}: cannot read: {exc.strerror or exc}") from None
    # the whole file decoded above; bytes that no longer do (the file changed since) read as
    # U+FFFD, so a row they fall in gets a malformed value, never a crash mid-stream
    return io.TextIOWrapper(handle, encoding="utf-8" if codec == "utf-8-sig" else codec,
                            errors="replace", newline=""), size


MAX_JSON_DEPTH = 64
"""The deepest nesting of objects and lists a JSON file may have (wsiot's own files need 6)."""


def _walk(document: Any, duplicates: dict[int, tuple[str, ...]], where: str) -> list[str]:
    """Problems of a parsed document: too deep, or keys given twice (each with its place).

    Iterative, and a place's name is built only for a problem, so neither depth nor long
    keys cost more than the document itself."""
    parents: list[tuple[int, object]] = []  # (parent index, key) of every container
    stack: list[tuple[Any, int, int]] = [(document, -1, 1)]  # value, its index, depth

    def place(index: int) -> str:
        parts: list[str] = []
        while index >= 0:
            index, key = parents[index]
            if isinstance(key, int):
                parts.append(f"[{key}]")
            elif isinstance(key, str) and key.isidentifier() and len(key) <= 64:
                parts.append(f".{key}")
            else:
                parts.append(f"[{describe(key)}]")
        return "".join(reversed(parts)).lstrip(".")

    problems: list[str] = []
    while stack:
        value, index, depth = stack.pop()
        if depth > MAX_JSON_DEPTH:
            return [f"nested too deeply (more than {MAX_JSON_DEPTH} levels)"]
        if isinstance(value, dict):
            for twice in duplicates.get(id(value), ()):
                at = place(index)
                problems.append(f"duplicate key {describe(twice)} "
                                f"{'at the top level' if not at else 'in ' + at}")
            items: Iterable[tuple[object, Any]] = value.items()
        elif isinstance(value, list):
            items = enumerate(value)
        else:
            continue
        for name, item in items:
            if isinstance(item, dict | list):
                parents.append((index, name))
                stack.append((item, len(parents) - 1, depth + 1))
    return problems


def parse_json(text: str, where: str = "<text>") -> Any:
    """JSON ``text`` parsed, refusing duplicate keys (each named with its location) and
    nesting deeper than ``MAX_JSON_DEPTH``."""
    duplicates: dict[int, tuple[str, ...]] = {}

    def pairs_to_object(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        found = dict(pairs)
        if len(found) != len(pairs):
            seen: set[str] = set()
            twice = []
            for key, _ in pairs:
                if key in seen:
                    twice.append(key)
                seen.add(key)
            duplicates[id(found)] = tuple(twice)
        return found

    try:
        document = json.loads(text, object_pairs_hook=pairs_to_object)
    except RecursionError:
        raise ProfileError(f"{where}: nested too deeply (more than {MAX_JSON_DEPTH} levels)") from None
    except ValueError as exc:
        raise ProfileError(f"{where}: not valid JSON: {exc}") from None
    problems = _walk(document, duplicates, where)
    if problems:
        raise ProfileError(f"{where}: " + "; ".join(problems[:5])
                           + (f" (and {len(problems) - 5} more)" if len(problems) > 5 else ""))
    return document


def read_json(path: StrPath) -> Any:
    """The parsed JSON document in ``path`` (bounded, duplicate keys refused)."""
    return parse_json(read_text(path), str(check_path(path)))


def read_toml(path: StrPath) -> Any:
    """The parsed TOML document in ``path`` (TOML itself refuses duplicate keys)."""
    import tomllib

    text = read_text(path)
    try:
        return tomllib.loads(text)
    except RecursionError:
        raise ProfileError(f"{check_path(path)}: nested too deeply") from None
    except ValueError as exc:
        raise ProfileError(f"{check_path(path)}: not valid TOML: {exc}") from None


def check_output(path: object, *inputs: object) -> Path:
    """``path`` as a place to write, checked before any work: it is no input (compared as
    resolved paths and as files), its folder exists and takes files, and it is no folder.

    >>> check_output("report.html", "inventory.csv").name
    'report.html'
    """
    file = check_path(path)
    target = os.path.realpath(file)
    for given in inputs:
        if given is None:
            continue
        source = check_path(given)
        same = os.path.realpath(source) == target
        with contextlib.suppress(OSError):
            same = same or (file.exists() and os.path.samefile(file, source))
        if same:
            raise ProfileError(f"{file}: is also an input ({source}); writing it would destroy "
                               "what is being read, so choose another file")
    if file.is_dir():
        raise ProfileError(f"{file}: cannot write: it is a folder")
    folder = file.parent if str(file.parent) else Path(".")
    if not folder.is_dir():
        raise ProfileError(f"{file}: cannot write: no folder {folder}")
    if not os.access(folder, os.W_OK) or (file.exists() and not os.access(file, os.W_OK)):
        raise ProfileError(f"{file}: cannot write: permission denied")
    return file


def write_bytes(path: object, data: bytes) -> None:
    """Write ``data`` to ``path`` whole or not at all: into a new file beside it, then renamed
    over it, so a failed write (a full disk) leaves the old file as it was."""
    file = check_output(path)
    temporary = file.with_name(f".{file.name}.{os.getpid()}.wsiot-tmp")
    try:
        with open(temporary, "xb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, file)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise ProfileError(f"{file}: cannot write: {exc.strerror or exc}") from None


def write_text(path: object, text: str) -> None:
    """Write ``text`` to ``path`` as UTF-8, whole or not at all (see :func:`write_bytes`)."""
    try:
        data = text.encode("utf-8")
    except UnicodeError:
        raise ProfileError(f"{check_path(path)}: cannot write text holding a lone surrogate "
                           "as UTF-8") from None
    write_bytes(path, data)
