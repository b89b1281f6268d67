"""Prioritised screening by active learning: features, rankers, simulation, metrics, stopping aid.

Pure library code (no database): ``workbench.services.prioritisation`` applies it to a project.
"""

from workbench.prioritisation.features import FeatureSet, record_text, vectorise
from workbench.prioritisation.metrics import ScreeningMetrics, atd, compute_metrics, rrf, wss
from workbench.prioritisation.model import DEFAULT_MODEL, MODELS, fit_scorer, get_model, rank
from workbench.prioritisation.simulation import SimulationResult, choose_priors, simulate
from workbench.prioritisation.stopping import StopRule, estimate_remaining, stopping_aid

__all__ = [
    "DEFAULT_MODEL",
    "FeatureSet",
    "MODELS",
    "ScreeningMetrics",
    "SimulationResult",
    "StopRule",
    "atd",
    "choose_priors",
    "compute_metrics",
    "estimate_remaining",
    "fit_scorer",
    "get_model",
    "rank",
    "record_text",
    "rrf",
    "simulate",
    "stopping_aid",
    "vectorise",
    "wss",
]
