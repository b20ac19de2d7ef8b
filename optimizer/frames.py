"""Results as tables: flat rows for scripts, DataFrames for notebooks.

Every result type of the API mixes in `Tabular`: `rows()` gives one flat dict per row
(amounts in euros), `to_frame()` the same as a pandas DataFrame. pandas is imported only
when a frame is asked for, so the command line never pays for it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

if TYPE_CHECKING:
    import pandas as pd


class Tabular:
    """Mixin: `columns` names the keys of every row, in order; `rows()` lists them."""

    columns: ClassVar[tuple[str, ...]] = ()

    def rows(self) -> list[dict[str, Any]]:
        raise NotImplementedError

    def to_frame(self) -> pd.DataFrame:
        """The rows as a DataFrame (columns in `columns` order, even when empty)."""
        import pandas as pd

        return pd.DataFrame(self.rows(), columns=list(self.columns))

