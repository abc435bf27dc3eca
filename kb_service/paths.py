"""Where the knowledge base lives: ontology/, rules/ and queries/ at the project root."""

import os
from pathlib import Path

ROOT = Path(os.environ.get("KYZMAT_KB_ROOT", Path(__file__).resolve().parent.parent))
ONTOLOGY_DIR = ROOT / "ontology"
SHAPES_DIR = ONTOLOGY_DIR / "shapes"
RULES_DIR = ROOT / "rules"
QUERIES_DIR = ROOT / "queries"
TEMPLATES_DIR = Path(__file__).resolve().parent / "templates"
