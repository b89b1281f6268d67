"""Render the Blådal interview sources into the three transcript formats of the case.

    python corpora/tools/src/Bladal_render.py

Sources: ``corpora/tools/src/Bladal_<n>_<role>.txt`` (``make_docx.py`` source format). Each
``Speaker|m:ss`` line is re-timed from the word counts (about 2.5 words per second plus a short,
deterministic pause), so the sources can be edited freely. Outputs in ``corpora/interviews/Blådal/``:
interview 1 as a Teams ``.vtt``, interview 2 as a Teams ``.docx`` (via ``make_docx.py``),
interview 3 as a researcher-typed ``.txt`` with ``I:`` / ``IP:`` prefixes.
"""
from __future__ import annotations

import hashlib
import random
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
TOOLS = HERE.parent
OUT = TOOLS.parent / "interviews" / "Blådal"
sys.path.insert(0, str(TOOLS))

from make_docx import parse_source, render  # noqa: E402

INTERVIEWER = "Marte Solheim"
WORDS_PER_SECOND = 2.5


def _fmt_short(sec: float) -> str:
    s = int(sec)
    h, rem = divmod(s, 3600)
    m, s = divmod(rem, 60)
    return f"{h}:{m:02d}:{s:02d}" if h else f"{m}:{s:02d}"


def _fmt_vtt(sec: float) -> str:
    ms = int(round(sec * 1000))
    h, rem = divmod(ms, 3_600_000)
    m, rem = divmod(rem, 60_000)
    s, ms = divmod(rem, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}.{ms:03d}"


def retime(path: Path) -> list[tuple[str, float, list[str]]]:
    """Rewrite the ``Speaker|time`` lines of *path*; return turns with start seconds."""
    header, turns = parse_source(path.read_text(encoding="utf-8"))
    rng = random.Random(path.name)
    t = 3.0 + rng.random() * 2
    timed = []
    for speaker, _ts, paragraphs in turns:
        timed.append((speaker, t, paragraphs))
        words = sum(len(p.split()) for p in paragraphs)
        t += words / WORDS_PER_SECOND + 0.6 + rng.random() * 1.8
    lines = [f"# {h}" for h in header]
    for speaker, start, paragraphs in timed:
        lines.append(f"{speaker}|{_fmt_short(start)}")
        lines.extend(paragraphs)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return timed


def _chunks(paragraph: str, rng: random.Random) -> list[str]:
    """Split a paragraph into Teams-like cue texts of roughly 5–18 words."""
    sentences = re.split(r"(?<=[.?!])\s+", paragraph.strip())
    out: list[str] = []
    buf: list[str] = []
    for sentence in sentences:
        words = sentence.split()
        while len(words) > 18:
            cut = rng.randint(9, 15)
            if buf:
                out.append(" ".join(buf))
                buf = []
            out.append(" ".join(words[:cut]))
            words = words[cut:]
        if buf and len(buf) + len(words) > 16:
            out.append(" ".join(buf))
            buf = []
        buf.extend(words)
    if buf:
        out.append(" ".join(buf))
    return out


def write_vtt(src: Path, dest: Path) -> None:
    timed = retime(src)
    rng = random.Random("vtt" + src.name)
    guid = hashlib.sha1(src.name.encode()).hexdigest()
    guid = f"{guid[:8]}-{guid[8:12]}-4{guid[13:16]}-9{guid[17:20]}-{guid[20:32]}"
    lines = ["WEBVTT", ""]
    n = 0
    for i, (speaker, start, paragraphs) in enumerate(timed):
        end_of_turn = timed[i + 1][1] - 0.4 if i + 1 < len(timed) else start + 3 + sum(
            len(p.split()) for p in paragraphs) / WORDS_PER_SECOND
        pieces = [c for p in paragraphs for c in _chunks(p, rng)]
        total = sum(len(c.split()) for c in pieces)
        span = end_of_turn - start
        t = start
        k = 0
        for piece in pieces:
            dur = span * len(piece.split()) / total
            cue_end = t + dur - 0.08
            lines += [f"{guid}/{n}-{k}", f"{_fmt_vtt(t)} --> {_fmt_vtt(cue_end)}", f"<v {speaker}>{piece}</v>", ""]
            # Teams sometimes splits one recognised phrase over two cues (…/n-0, …/n-1)
            if k == 0 and rng.random() < 0.25:
                k = 1
            else:
                n += 1
                k = 0
            t += dur
    dest.write_text("\n".join(lines), encoding="utf-8")


def write_txt(src: Path, dest: Path) -> None:
    retime(src)
    header, turns = parse_source(src.read_text(encoding="utf-8"))
    lines = list(header) + [""]
    for speaker, _ts, paragraphs in turns:
        prefix = "I" if speaker == INTERVIEWER else "IP"
        lines.append(f"{prefix}: " + " ".join(paragraphs))
        lines.append("")
    dest.write_text("\n".join(lines), encoding="utf-8")


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    write_vtt(HERE / "Bladal_1_leder_tildelingsenhet.txt", OUT / "Blådal_1_leder_tildelingsenhet.vtt")
    src2 = HERE / "Bladal_2_sykepleier_team.txt"
    retime(src2)
    render(src2, OUT / "Blådal_2_sykepleier_team.docx")
    write_txt(HERE / "Bladal_3_kommunalsjef.txt", OUT / "Blådal_3_kommunalsjef.txt")
    for f in sorted(OUT.iterdir()):
        print(f.relative_to(TOOLS.parent.parent))


if __name__ == "__main__":
    main()
