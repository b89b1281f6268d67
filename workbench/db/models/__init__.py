"""All ORM models; importing this package registers every table on ``Base.metadata``.

One module per aggregate. A new module must be imported here and then
``make migration`` regenerates the Alembic migration (see docs/ARCHITECTURE.md).
"""

from workbench.db.base import Base
from workbench.db.models.coding import (
    ClassifierRun,
    Code,
    Codebook,
    CodebookVersion,
    Coding,
    Memo,
    Theme,
    ThemeCode,
)
from workbench.db.models.deid import (
    DeidDetection,
    DeidFlag,
    DeidRejection,
    KnownIdentifierEntry,
    PseudonymAssignment,
)
from workbench.db.models.project import (
    AttributeDefinition,
    AuditEvent,
    Case,
    CaseAttribute,
    Project,
    User,
)
from workbench.db.models.review import (
    DedupRun,
    DuplicateLink,
    ImportBatch,
    MergeEvent,
    Record,
    ScreeningDecision,
)
from workbench.db.models.screening import (
    ChartingField,
    ChartingValue,
    EligibilityCriteria,
    ExclusionReason,
    FullTextAttachment,
    FullTextRetrieval,
)
from workbench.db.models.sources import Source, Turn
from workbench.db.models.vignettes import UnitCost, Vignette, VignetteDecision

__all__ = [
    "DeidDetection",
    "DeidFlag",
    "DeidRejection",
    "KnownIdentifierEntry",
    "PseudonymAssignment",
    "AttributeDefinition",
    "AuditEvent",
    "Base",
    "Case",
    "CaseAttribute",
    "ChartingField",
    "ChartingValue",
    "ClassifierRun",
    "Code",
    "Codebook",
    "CodebookVersion",
    "Coding",
    "EligibilityCriteria",
    "ExclusionReason",
    "FullTextAttachment",
    "FullTextRetrieval",
    "DedupRun",
    "DuplicateLink",
    "ImportBatch",
    "MergeEvent",
    "Memo",
    "Project",
    "Record",
    "ScreeningDecision",
    "Source",
    "Theme",
    "ThemeCode",
    "Turn",
    "UnitCost",
    "User",
    "Vignette",
    "VignetteDecision",
]
