"""Reading a write-ahead log left by a crash, to know what SQLite will apply and what it will drop.

SQLite applies a WAL's frames only while its header's checksum is right and each frame's salts and
cumulative checksum follow; anything after the first frame that fails is dropped without a word, and
the log is deleted when the database closes. So a log is read here twice, by the file format
(https://www.sqlite.org/fileformat2.html#the_write_ahead_log):

- as SQLite will read it ("applicable"): how many frames, through the last commit, it will use;
- as it was written ("found"): every transaction whose frames are whole and check out against each
  other, even past a damaged header or a damaged frame.

Transactions found but not applicable are saved changes SQLite is about to lose. A transaction cut
short by the crash itself (its last frame never fully written) is neither: it was never
acknowledged, since a commit returns only after its frames are on disk (synchronous=FULL).
"""

from __future__ import annotations

import struct
from dataclasses import dataclass
from pathlib import Path

HEADER = 32
FRAME_HEADER = 24
MAGICS = (0x377F0682, 0x377F0683)  # the low bit says whether checksums read words big-endian
VERSION = 3007000


@dataclass(frozen=True)
class WalReading:
    size: int
    header_sound: bool
    frames: int  # whole frames in the file
    applicable_frames: int  # frames SQLite will apply (through its last good commit)
    applicable_commits: int
    found_commits: tuple[int, ...]  # the frame number (1-based) of each whole, consistent commit

    @property
    def lost_commits(self) -> int:
        """Transactions written whole that SQLite will not apply."""
        return sum(1 for frame in self.found_commits if frame > self.applicable_frames)

    def lost_after(self, applied_frames: int) -> int:
        """Transactions written whole past the frames SQLite says it applied."""
        return sum(1 for frame in self.found_commits if frame > applied_frames)

    def why_lost(self) -> str:
        if not self.header_sound:
            return "its header is damaged"
        return "a frame in it is damaged"


def _checksum(data: bytes, big_endian: bool, s0: int = 0, s1: int = 0) -> tuple[int, int]:
    words = struct.unpack(f"{'>' if big_endian else '<'}{len(data) // 4}I", data)
    mask = 0xFFFFFFFF
    for i in range(0, len(words), 2):
        s0 = (s0 + words[i] + s1) & mask
        s1 = (s1 + words[i + 1] + s0) & mask
    return s0, s1


@dataclass(frozen=True)
class _Frame:
    page: int
    commit: bool
    salts: bytes
    stored: tuple[int, int]
    header8: bytes
    data: bytes


def _frames(raw: bytes, page_size: int) -> list[_Frame]:
    size = FRAME_HEADER + page_size
    out = []
    for start in range(HEADER, len(raw) - size + 1, size):
        head = raw[start : start + FRAME_HEADER]
        page, commit = struct.unpack(">II", head[:8])
        stored = struct.unpack(">II", head[16:24])
        out.append(_Frame(page, commit != 0, head[8:16], stored, head[:8], raw[start + FRAME_HEADER : start + size]))
    return out


def _frame_sum(frame: _Frame, big_endian: bool, seed: tuple[int, int]) -> tuple[int, int]:
    s = _checksum(frame.header8, big_endian, *seed)
    return _checksum(frame.data, big_endian, *s)


def _seeds(raw: bytes, big: bool) -> list[tuple[int, int]]:
    """Where the first frame's sums may start: the header's stored sums, or the sums its other
    fields give (when the damage is in the stored sums themselves)."""
    return [struct.unpack(">II", raw[24:32]), _checksum(raw[:24], big)]


def _header_sound(raw: bytes) -> bool:
    magic, version = struct.unpack(">II", raw[:8])
    if magic not in MAGICS or version != VERSION:
        return False
    return _checksum(raw[:24], bool(magic & 1)) == struct.unpack(">II", raw[24:32])


def _reference_salts(raw: bytes, frames: list[_Frame]) -> bytes:
    """The salts this generation's frames carry: the header's, or, when the header is damaged, the
    salts most of the first frames share."""
    if _header_sound(raw):
        return raw[16:24]
    first = [frame.salts for frame in frames[:8]]
    return max(first, key=first.count)


def _frames_agree(raw: bytes, frames: list[_Frame], big: bool) -> list[bool]:
    """For each frame of this generation of the log, whether its sums follow the sums the frame
    before it stored (the first frame: the header's). One damaged frame fails alone."""
    salts = _reference_salts(raw, frames)
    agree: list[bool] = []
    previous: tuple[int, int] | None = None
    for number, frame in enumerate(frames):
        if frame.salts != salts:
            following = frames[number + 1].salts if number + 1 < len(frames) else None
            if following != salts:
                break  # an older generation of the log: SQLite never reads past it either
        seeds = _seeds(raw, big) if previous is None else [previous]
        ok = frame.page != 0 and frame.salts == salts
        agree.append(ok and any(_frame_sum(frame, big, seed) == frame.stored for seed in seeds))
        previous = frame.stored
    return agree


def _commits(frames: list[_Frame], agree: list[bool]) -> tuple[int, ...]:
    """The commit frame of every transaction all of whose frames agree."""
    commits, whole = [], True
    for number, (frame, ok) in enumerate(zip(frames, agree, strict=False), start=1):
        whole = whole and ok
        if frame.commit:
            if whole:
                commits.append(number)
            whole = True
    return tuple(commits)


def _applicable(raw: bytes, frames: list[_Frame], agree: list[bool]) -> tuple[int, int]:
    """(frames, commits) SQLite's own recovery applies: from a sound header, frames in order while
    their salts are the header's and their sums follow, through the last commit among them."""
    if not _header_sound(raw) or not frames or frames[0].salts != raw[16:24]:
        return 0, 0
    stored = struct.unpack(">II", raw[24:32])
    big = bool(struct.unpack(">I", raw[:4])[0] & 1)
    if _frame_sum(frames[0], big, stored) != frames[0].stored:
        return 0, 0
    last = count = 0
    for number, (frame, ok) in enumerate(zip(frames, agree, strict=False), start=1):
        if not ok:
            break
        if frame.commit:
            last, count = number, count + 1
    return last, count


def read(path: Path, page_size: int) -> WalReading | None:
    """What the WAL at path holds, or None when there is none (or it is empty)."""
    try:
        raw = Path(path).read_bytes()
    except FileNotFoundError:
        return None
    if len(raw) < HEADER:
        return None if not raw else WalReading(len(raw), False, 0, 0, 0, ())
    frames = _frames(raw, page_size)
    magic = struct.unpack(">I", raw[:4])[0]
    # A damaged header may have changed the magic number's low bit, which gives the byte order of the
    # sums: then take the order that reads more.
    orders = [bool(magic & 1)] if _header_sound(raw) else [False, True]
    agree = max((_frames_agree(raw, frames, big) for big in orders), key=sum)
    applicable, commits = _applicable(raw, frames, agree)
    return WalReading(len(raw), _header_sound(raw), len(frames), applicable, commits, _commits(frames, agree))
