"""Where things sit in the monthly template: shared by its writer (exports) and its reader (importers),
which may not import each other."""

from __future__ import annotations

VERSION = "1"
SHEET = "plantilla"
META_SHEET = "_plantilla"  # hidden: what the template was made for
MARK = "plantilla_gpr"
HEADER_ROW = 3  # 1-based: codes; names sit in the row above
UNIT_CODE = "codigo_unidad"
UNIT_NAME = "unidad"
COMMENT = "comentario"
NUMERATOR = ":num"
DENOMINATOR = ":den"
RESULTS = "resultados"
TARGETS = "metas"
