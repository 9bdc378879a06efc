"""shouldiwatch: answers "should I watch it?" about films, with evidence-backed content warnings."""

__version__ = "0.1.0"
