"""Simulation mode on an ASReview-format CSV (``title``, ``abstract``, ``label_included``)."""

from __future__ import annotations

import csv
from collections.abc import Callable
from pathlib import Path

from workbench.errors import InputError
from workbench.prioritisation.features import record_text, vectorise
from workbench.prioritisation.model import get_model
from workbench.prioritisation.simulation import SimulationResult, simulate

LABEL_COLUMNS = ("label_included", "included", "label_abstract_screening")


def read_labelled_csv(path: str | Path) -> tuple[list[str], list[int]]:
    """Texts and 0/1 labels of an ASReview-style CSV; errors name the file and line."""
    path = Path(path)
    if not path.is_file():
        raise InputError("file not found", path=str(path))
    try:
        with path.open(encoding="utf-8-sig", newline="") as fh:
            reader = csv.DictReader(fh)
            fields = [f.strip().lower() for f in (reader.fieldnames or [])]
            if "title" not in fields:
                raise InputError("no 'title' column", path=str(path), line=1)
            label_col = next((c for c in LABEL_COLUMNS if c in fields), None)
            if label_col is None:
                raise InputError("no 'label_included' column", path=str(path), line=1)
            names = {f.strip().lower(): f for f in reader.fieldnames or []}
            texts: list[str] = []
            labels: list[int] = []
            for row in reader:
                line = reader.line_num
                raw = (row.get(names[label_col]) or "").strip()
                try:
                    value = int(float(raw))
                except ValueError:
                    raise InputError(f"label '{raw[:20]}' is not 0 or 1", path=str(path), line=line) from None
                if value not in (0, 1):
                    raise InputError(f"label {value} is not 0 or 1", path=str(path), line=line)
                texts.append(record_text(row.get(names["title"]), row.get(names.get("abstract", ""), ""),
                                         row.get(names.get("keywords", ""), "")))
                labels.append(value)
    except UnicodeDecodeError:
        raise InputError("not UTF-8 text", path=str(path)) from None
    except csv.Error as exc:
        raise InputError(f"malformed CSV ({exc})", path=str(path)) from None
    if not labels:
        raise InputError("no records", path=str(path))
    return texts, labels


def simulate_csv(path: str | Path, *, seed: int = 0, n_prior_included: int = 1, n_prior_excluded: int = 1,
                 model: str | None = None, retrain_every: int = 1,
                 progress: Callable[[int, int], None] | None = None) -> SimulationResult:
    """Run the simulation on a labelled CSV (see ``workbench.prioritisation.simulation``)."""
    texts, labels = read_labelled_csv(path)
    n_inc = sum(labels)
    if n_inc < max(1, n_prior_included):
        raise InputError(f"needs at least {max(1, n_prior_included)} included record(s), found {n_inc}",
                         path=str(path))
    if len(labels) - n_inc < n_prior_excluded:
        raise InputError(f"needs at least {n_prior_excluded} excluded record(s)", path=str(path))
    if n_prior_included < 0 or n_prior_excluded < 0:
        raise InputError("prior counts must not be negative")
    if retrain_every < 1:
        raise InputError("--retrain-every must be at least 1")
    try:
        spec = get_model(model)
    except KeyError as exc:
        raise InputError(str(exc.args[0])) from None
    fs = vectorise(texts)
    return simulate(fs.X, labels, seed=seed, n_prior_included=n_prior_included,
                    n_prior_excluded=n_prior_excluded, model=spec, retrain_every=retrain_every,
                    progress=progress)
