"""Where things live: the default knowledge-base root (ontology/, rules/, queries/ at the project
root, or $KYZMAT_KB_ROOT) and the renderers' bundled templates."""

import os
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent
ROOT = Path(os.environ.get("KYZMAT_KB_ROOT", PACKAGE.parent))
ONTOLOGY_DIR = ROOT / "ontology"
SHAPES_DIR = ONTOLOGY_DIR / "shapes"
RULES_DIR = ROOT / "rules"
QUERIES_DIR = ROOT / "queries"
TEMPLATES_DIR = PACKAGE / "render" / "templates"
