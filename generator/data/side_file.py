"""A side file of the data (coverage notes, releases, coding runs) read strictly into its model.

The same loader as the jurisdiction files (``loading.load``), so its errors are positioned the
same way: file, line, column and field.
"""

from __future__ import annotations

from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel, ValidationError

from generator.data.diagnostics import Diagnostic
from generator.data.load_error import LoadError
from generator.data.loading import load
from generator.data.schema_errors import diagnostics_for

M = TypeVar("M", bound=BaseModel)


def load_model(path: Path, model: type[M]) -> tuple[M | None, list[Diagnostic]]:
    """The file as ``model``, or None with its positioned errors."""
    try:
        doc = load(path)
        return model.model_validate(doc.data), []
    except LoadError as exc:
        return None, [exc.diagnostic]
    except ValidationError as exc:
        return None, diagnostics_for(exc, doc)
