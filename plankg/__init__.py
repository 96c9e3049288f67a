"""plankg: Chinese government action plans as a knowledge graph."""

__version__ = "0.1.0"
